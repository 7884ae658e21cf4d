//! What each section draws on its canvases, from the page's state: the adapters between
//! [`crate::scene`] and the charts of [`crate::render`]. Each view remembers whether it must be
//! drawn again; the façade marks it after a change.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::{Raster, big_enough, chart_scale, clear, fit_to_screen, plot_point};
use super::paint::{Layered, paint, record};
use super::pen::CanvasPen;
use crate::engine::path::Quadratic;
use crate::render::charts::{
    LossScale, PlotRect, bars_top, draw_bar_axes, draw_bars, draw_loss_axes, draw_loss_lines,
    draw_map_overlay,
};
use crate::render::decision::{DecisionMap, EXTENT};
use crate::render::descent::{
    PathScale, ball_marks, draw_balls, draw_levels, draw_path_axes, draw_path_lines, path_series,
};
use crate::render::example::{
    draw_loss_curves, draw_softmax_axes, draw_softmax_marks, softmax_key,
};
use crate::render::pen::{AreaPen, Frame};
use crate::render::penalties::{draw_penalty_plane, penalty_colour, plane_grid};
use crate::render::surface;
use crate::render::{palette, words};
use crate::scene::Page;
use crate::scene::penalties::plane_path;
use crate::scene::runs::{Runs, Variant};
use crate::scene::softmax::SoftmaxSteps;
use crate::scene::train::Train;
use crate::text::{Lang, tr};

/// Cells per side of the Train section's decision raster.
pub const MAP_CELLS: usize = 200;
/// Cells per side of each side-by-side run's map.
const RUN_CELLS: usize = 100;
/// Cells per side of the loss surface under the plane of two weights.
const PLANE_CELLS: usize = 160;

/// The Train section's map (raster and points) and loss chart.
pub struct TrainView {
    map: DecisionMap,
    heat: Raster,
    overlay: HtmlCanvasElement,
    chart: Layered<LossScale, Frame>,
    /// The map's plotting area in backing pixels, as last drawn.
    plot_rect: PlotRect,
    overlay_dirty: bool,
    /// (entries, last iteration) of the history last drawn.
    drawn_history: (usize, u64, Option<u64>),
}

impl TrainView {
    /// The view on its three canvases.
    pub fn new(
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<TrainView, JsValue> {
        Ok(TrainView {
            map: DecisionMap::new(MAP_CELLS),
            heat: Raster::new(heat, MAP_CELLS)?,
            overlay,
            chart: Layered::new(chart)?,
            plot_rect: (0..0, 0..0),
            overlay_dirty: true,
            drawn_history: (usize::MAX, u64::MAX, None),
        })
    }

    /// Asks for the points and the chart to be drawn again.
    pub fn invalidate(&mut self) {
        self.overlay_dirty = true;
        self.chart.invalidate();
        self.drawn_history = (usize::MAX, u64::MAX, None);
    }

    /// The plane point under (x, y) CSS pixels of the map, if inside its plot.
    pub fn plane_at(&self, x: f64, y: f64, dpr: f64) -> Option<[f64; 2]> {
        let extent = ((-EXTENT, EXTENT), (-EXTENT, EXTENT));
        plot_point(&self.plot_rect, extent, x, y, dpr)
    }

    /// Draws the raster always, the points when the data, a pick, the size or the language
    /// changed, the loss chart when the history grew.
    pub fn draw(&mut self, train: &Train, lang: Lang, dpr: f64) -> Result<(), JsValue> {
        let trainer = train.trainer();
        self.map.fill(trainer.model());
        self.heat.show(self.map.rgba())?;
        if (fit_to_screen(&self.overlay, dpr) || self.overlay_dirty) && big_enough(&self.overlay) {
            clear(&self.overlay)?;
            let labels = words::map_labels(lang, trainer.config().data.kind);
            let selected = train.picked_point().map(|(at, _)| (at[0], at[1]));
            let split = trainer.split();
            self.plot_rect = paint(&self.overlay, |root| {
                draw_map_overlay(
                    root,
                    split,
                    Some(&labels),
                    selected,
                    train.marked(),
                    chart_scale(dpr),
                )
            })?;
            // Lay the raster exactly under the plotting area.
            self.heat.place(&self.plot_rect, dpr)?;
            self.overlay_dirty = false;
        }
        let history = trainer.history().entries();
        // While the timeline shows an earlier iteration, the chart marks it.
        let cursor = trainer.scrubbed().then(|| trainer.iteration());
        let key = (
            history.len(),
            history.last().map_or(0, |m| m.iteration),
            cursor,
        );
        let canvas = self.chart.canvas();
        if (fit_to_screen(canvas, dpr) || key != self.drawn_history) && big_enough(canvas) {
            let ranges = LossScale::of(history);
            let scale = chart_scale(dpr);
            self.chart.draw(
                ranges,
                |root| draw_loss_axes(root, &ranges, &words::loss_labels(lang), scale),
                |pen, frame| draw_loss_lines(pen, frame, history, ranges.penalized, cursor, scale),
            )?;
            self.drawn_history = key;
        }
        Ok(())
    }
}

/// The Softmax section's chart and the Losses section's curves: both drawn from the example.
#[derive(Default)]
pub struct ExampleView {
    /// The softmax steps' chart, once attached: its axes drawn again only when their tops
    /// change (see [`softmax_key`]), its bars and point every time.
    pub softmax: Option<Layered<(u64, u64), [Frame; 3]>>,
    /// Every loss against the margin, once attached.
    pub curves: Option<HtmlCanvasElement>,
    /// Whether each chart must be drawn again: the steps' chart, the curves.
    softmax_dirty: bool,
    curves_dirty: bool,
    /// How much of the three softmax steps is shown, in [0, 3] (3: all; less while they play).
    reveal: f64,
}

impl ExampleView {
    /// Nothing attached yet, every step shown.
    pub fn new() -> ExampleView {
        ExampleView {
            softmax_dirty: true,
            curves_dirty: true,
            reveal: 3.0,
            ..ExampleView::default()
        }
    }

    /// Asks for both charts to be drawn again.
    pub fn invalidate(&mut self) {
        self.softmax_dirty = true;
        self.curves_dirty = true;
        if let Some(chart) = &mut self.softmax {
            chart.invalidate();
        }
    }

    /// Shows the steps up to `reveal` ∈ [0, 3]; anything else (NaN included) shows all three.
    pub fn reveal(&mut self, reveal: f64) {
        self.reveal = if (0.0..=3.0).contains(&reveal) {
            reveal
        } else {
            3.0
        };
        // Only the steps' chart shows how much is revealed.
        self.softmax_dirty = true;
    }

    /// Draws what changed or was resized.
    pub fn draw(&mut self, steps: &SoftmaxSteps, lang: Lang, dpr: f64) -> Result<(), JsValue> {
        if let Some(chart) = &mut self.softmax
            && (fit_to_screen(chart.canvas(), dpr) || self.softmax_dirty)
            && big_enough(chart.canvas())
        {
            let reveal = self.reveal;
            let scale = chart_scale(dpr);
            chart.draw(
                softmax_key(steps),
                |root| draw_softmax_axes(root, steps, &words::softmax_labels(lang), scale),
                |pen, frames| draw_softmax_marks(pen, frames, steps, reveal, scale),
            )?;
            self.softmax_dirty = false;
        }
        if let Some(canvas) = &self.curves
            && (fit_to_screen(canvas, dpr) || self.curves_dirty)
            && big_enough(canvas)
        {
            let names = words::loss_names(lang);
            let x_label = tr(lang, "losses.curves.x");
            paint(canvas, |root| {
                draw_loss_curves(
                    root,
                    &steps.scaled,
                    steps.label,
                    &names,
                    x_label,
                    chart_scale(dpr),
                )
            })?;
            self.curves_dirty = false;
        }
        Ok(())
    }
}

/// The canvases of one side-by-side run: the raster, the points over it and, optionally, the
/// weights' bars.
pub struct RunCanvases {
    /// The decision raster.
    pub heat: HtmlCanvasElement,
    /// The points, over the raster.
    pub overlay: HtmlCanvasElement,
    /// One bar per weight.
    pub bars: Option<HtmlCanvasElement>,
}

struct RunPanel {
    map: DecisionMap,
    raster: Raster,
    overlay: HtmlCanvasElement,
    /// The weights' bars, their axis drawn again only for a new top or count of weights.
    bars: Option<Layered<(u64, usize), Frame>>,
}

/// The small maps (and bars) of a set of side-by-side runs.
pub struct RunsView {
    panels: Vec<RunPanel>,
    points_dirty: bool,
}

impl RunsView {
    /// One panel per set of canvases.
    pub fn new(canvases: Vec<RunCanvases>) -> Result<RunsView, JsValue> {
        let panels = canvases
            .into_iter()
            .map(|c| {
                Ok(RunPanel {
                    map: DecisionMap::new(RUN_CELLS),
                    raster: Raster::new(c.heat, RUN_CELLS)?,
                    overlay: c.overlay,
                    bars: c.bars.map(Layered::new).transpose()?,
                })
            })
            .collect::<Result<Vec<_>, JsValue>>()?;
        Ok(RunsView {
            panels,
            points_dirty: true,
        })
    }

    /// Asks for everything, points included, to be drawn again (new data, a resize).
    pub fn invalidate(&mut self) {
        self.points_dirty = true;
        for bars in self.panels.iter_mut().filter_map(|p| p.bars.as_mut()) {
            bars.invalidate();
        }
    }

    /// Whether the points must be drawn again.
    pub fn dirty(&self) -> bool {
        self.points_dirty
    }

    /// Draws every map and every weight's bar, and the points when the data or the size changed.
    pub fn draw(&mut self, runs: &Runs, dpr: f64) -> Result<(), JsValue> {
        let mut resized = false;
        for panel in &self.panels {
            resized |= fit_to_screen(&panel.overlay, dpr);
            if let Some(bars) = &panel.bars {
                fit_to_screen(bars.canvas(), dpr);
            }
        }
        let points = resized || self.points_dirty;
        let top = bars_top(runs.weight_reach());
        let scale = chart_scale(dpr);
        for (panel, (variant, trainer)) in self.panels.iter_mut().zip(runs.runs()) {
            panel.map.fill(trainer.model());
            panel.raster.show(panel.map.rgba())?;
            if points && panel.overlay.width() > 0 && panel.overlay.height() > 0 {
                clear(&panel.overlay)?;
                let split = trainer.split();
                let rect = paint(&panel.overlay, |root| {
                    draw_map_overlay(root, split, None, None, &[], chart_scale(dpr))
                })?;
                panel.raster.place(&rect, dpr)?;
            }
            if let Some(bars) = &mut panel.bars
                && bars.canvas().width() > 0
                && bars.canvas().height() > 0
            {
                let colour = match variant {
                    Variant::Penalty(p) => penalty_colour(p),
                    Variant::Loss(_) => palette::MUTED,
                };
                let weights = trainer.model().weights();
                bars.draw(
                    (top.to_bits(), weights.len()),
                    |root| draw_bar_axes(root, weights.len(), top, scale),
                    |pen, frame| draw_bars(pen, frame, weights, colour, scale),
                )?;
            }
        }
        self.points_dirty = false;
        Ok(())
    }
}

/// The plane of two weights: the loss surface beneath (drawn once), the paths and shapes over it.
pub struct PlaneView {
    overlay: HtmlCanvasElement,
    raster: Raster,
    quadratic: Quadratic,
    dirty: bool,
}

impl PlaneView {
    /// The view on its two canvases; the data loss does not change, so its raster is drawn now.
    pub fn new(heat: HtmlCanvasElement, overlay: HtmlCanvasElement) -> Result<PlaneView, JsValue> {
        let quadratic = Quadratic::example();
        let raster = Raster::new(heat, PLANE_CELLS)?;
        raster.show(&surface::rgba(&plane_grid(&quadratic, PLANE_CELLS)))?;
        Ok(PlaneView {
            overlay,
            raster,
            quadratic,
            dirty: true,
        })
    }

    /// Asks for the overlay to be drawn again.
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Draws the optimum, the path and the penalty's shape for the page's plane settings.
    pub fn draw(&mut self, page: &Page, lang: Lang, dpr: f64) -> Result<(), JsValue> {
        if !((fit_to_screen(&self.overlay, dpr) || self.dirty) && big_enough(&self.overlay)) {
            return Ok(());
        }
        let q = &self.quadratic;
        let r = page.settings().plane_regularizer();
        let path = plane_path(q, r.penalty);
        let at = q.penalized_minimum(&r);
        let labels = words::plane_labels(lang);
        clear(&self.overlay)?;
        let rect = paint(&self.overlay, |root| {
            draw_penalty_plane(root, q, &r, &path, at, &labels, chart_scale(dpr))
        })?;
        self.raster.place(&rect, dpr)?;
        self.dirty = false;
        Ok(())
    }
}

/// The Descent section: the surface's raster, its axes and level sets over it (drawn again only
/// for a new surface, size or language), the balls over those (every frame they move), and the
/// loss along every path (its axes drawn again only when the paths outgrow them).
pub struct DescentView {
    raster: Raster,
    levels: HtmlCanvasElement,
    overlay: CanvasPen,
    overlay_canvas: HtmlCanvasElement,
    chart: Layered<PathScale, Frame>,
    /// The plane's frame, as its axes were last drawn.
    plane: Frame,
    /// The surface's pixels, and which surface they show (see
    /// [`crate::scene::descent::Descent::version`]).
    rgba: Vec<u8>,
    shown: Option<u64>,
    /// Whether the axes and level sets must be drawn again; the balls and paths.
    levels_dirty: bool,
    dirty: bool,
    /// Whether the newest ball's next step is drawn (while paused).
    pub arrow: bool,
}

impl DescentView {
    /// The view on its three canvases.
    pub fn new(
        heat: HtmlCanvasElement,
        levels: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<DescentView, JsValue> {
        Ok(DescentView {
            raster: Raster::new(heat, 1)?,
            levels,
            overlay: CanvasPen::new(&overlay)?,
            overlay_canvas: overlay,
            chart: Layered::new(chart)?,
            plane: Frame::empty(),
            rgba: Vec::new(),
            shown: None,
            levels_dirty: true,
            dirty: true,
            arrow: true,
        })
    }

    /// Asks for a full redraw.
    pub fn invalidate(&mut self) {
        self.levels_dirty = true;
        self.dirty = true;
        self.chart.invalidate();
    }

    /// Forgets which surface its pixels show (a new page's surfaces count their versions anew).
    pub fn forget_surface(&mut self) {
        self.shown = None;
        self.invalidate();
    }

    /// Asks for the balls and paths to be drawn again (they moved, or were dropped or removed).
    pub fn moved(&mut self) {
        self.dirty = true;
    }

    /// The plane point under a click at (x, y) CSS pixels of the overlay, if inside the plot.
    pub fn plane_point(&self, page: &Page, x: f64, y: f64, dpr: f64) -> Option<[f64; 2]> {
        let extent = page.descent().grid().extent();
        plot_point(&self.plane.rect, extent, x, y, dpr)
    }

    /// Draws the plane and the 1-D view if anything changed or a canvas changed size.
    pub fn draw(&mut self, page: &mut Page, lang: Lang, dpr: f64) -> Result<(), JsValue> {
        let resized = fit_to_screen(&self.levels, dpr)
            | fit_to_screen(&self.overlay_canvas, dpr)
            | fit_to_screen(self.chart.canvas(), dpr);
        let version = page.descent().version();
        if self.shown != Some(version) {
            let grid = page.descent().grid();
            surface::shade_into(grid, &mut self.rgba);
            self.raster.resize(grid.size())?;
            self.raster.show(&self.rgba)?;
            self.shown = Some(version);
            self.invalidate();
        }
        if resized {
            self.invalidate();
        }
        if !self.dirty {
            return Ok(());
        }
        let arrow = if self.arrow { page.next_move() } else { None };
        let descent = page.descent();
        let grid = descent.grid();
        let scale = chart_scale(dpr);
        if self.levels_dirty && big_enough(&self.levels) {
            clear(&self.levels)?;
            let (x, y) = words::descent_axes(lang, descent.slice_kind());
            self.plane = paint(&self.levels, |root| {
                draw_levels(root, grid, (&x, &y), scale)
            })?;
            self.raster.place(&self.plane.rect, dpr)?;
            self.levels_dirty = false;
        }
        if big_enough(&self.overlay_canvas) {
            let (w, h) = (self.overlay_canvas.width(), self.overlay_canvas.height());
            self.overlay
                .context()
                .clear_rect(0.0, 0.0, w as f64, h as f64);
            let marks = ball_marks(descent, move |r| words::stop_label(lang, r));
            draw_balls(&mut self.overlay, &self.plane, marks.clone(), arrow, scale);
            let plane = &self.plane;
            record(&self.overlay_canvas, |root| {
                draw_balls(&mut AreaPen(root), plane, marks.clone(), arrow, scale);
                Ok(())
            })?;
        }
        if big_enough(self.chart.canvas()) {
            let series = path_series(descent);
            self.chart.draw(
                PathScale::of(series.clone()),
                |root| {
                    let axes = (tr(lang, "descent.path.x"), tr(lang, "descent.path.y"));
                    draw_path_axes(root, &PathScale::of(series.clone()), axes, scale)
                },
                |pen, frame| draw_path_lines(pen, frame, series.clone(), scale),
            )?;
        }
        self.dirty = false;
        Ok(())
    }
}
