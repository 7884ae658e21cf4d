//! What each section draws on its canvases, from the page's state: the adapters between
//! [`crate::scene`] and the charts of [`crate::render`]. Each view remembers whether it must be
//! drawn again; the façade marks it after a change.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::canvas::{Raster, big_enough, chart_scale, clear, fit_to_screen, plot_point};
use super::paint::paint;
use crate::engine::path::Quadratic;
use crate::render::charts::{PlotRect, draw_loss_chart, draw_map_overlay, draw_weight_bars};
use crate::render::decision::{DecisionMap, EXTENT};
use crate::render::descent::{ball_marks, draw_balls, draw_levels, draw_path_losses, path_series};
use crate::render::example::{draw_loss_curves, draw_softmax};
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
    chart: HtmlCanvasElement,
    /// The map's plotting area in backing pixels, as last drawn.
    plot_rect: PlotRect,
    overlay_dirty: bool,
    /// (entries, last iteration) of the history last drawn.
    drawn_history: (usize, u64),
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
            chart,
            plot_rect: (0..0, 0..0),
            overlay_dirty: true,
            drawn_history: (usize::MAX, u64::MAX),
        })
    }

    /// Asks for the points and the chart to be drawn again.
    pub fn invalidate(&mut self) {
        self.overlay_dirty = true;
        self.drawn_history = (usize::MAX, u64::MAX);
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
                draw_map_overlay(root, split, Some(&labels), selected, chart_scale(dpr))
            })?;
            // Lay the raster exactly under the plotting area.
            self.heat.place(&self.plot_rect, dpr)?;
            self.overlay_dirty = false;
        }
        let history = trainer.history().entries();
        let key = (history.len(), history.last().map_or(0, |m| m.iteration));
        if (fit_to_screen(&self.chart, dpr) || key != self.drawn_history) && big_enough(&self.chart)
        {
            let labels = words::loss_labels(lang);
            paint(&self.chart, |root| {
                draw_loss_chart(root, history, &labels, chart_scale(dpr))
            })?;
            self.drawn_history = key;
        }
        Ok(())
    }
}

/// The Softmax section's chart and the Losses section's curves: both drawn from the example.
#[derive(Default)]
pub struct ExampleView {
    /// The softmax steps' chart, once attached.
    pub softmax: Option<HtmlCanvasElement>,
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
        if let Some(canvas) = &self.softmax
            && (fit_to_screen(canvas, dpr) || self.softmax_dirty)
            && big_enough(canvas)
        {
            let labels = words::softmax_labels(lang);
            let reveal = self.reveal;
            paint(canvas, |root| {
                draw_softmax(root, steps, &labels, chart_scale(dpr), reveal)
            })?;
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
    bars: Option<HtmlCanvasElement>,
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
                    bars: c.bars,
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
                fit_to_screen(bars, dpr);
            }
        }
        let points = resized || self.points_dirty;
        let reach = runs.weight_reach();
        for (panel, (variant, trainer)) in self.panels.iter_mut().zip(runs.runs()) {
            panel.map.fill(trainer.model());
            panel.raster.show(panel.map.rgba())?;
            if points && panel.overlay.width() > 0 && panel.overlay.height() > 0 {
                clear(&panel.overlay)?;
                let split = trainer.split();
                let rect = paint(&panel.overlay, |root| {
                    draw_map_overlay(root, split, None, None, chart_scale(dpr))
                })?;
                panel.raster.place(&rect, dpr)?;
            }
            if let Some(bars) = &panel.bars
                && bars.width() > 0
                && bars.height() > 0
            {
                let colour = match variant {
                    Variant::Penalty(p) => penalty_colour(p),
                    Variant::Loss(_) => palette::MUTED,
                };
                let weights = trainer.model().weights();
                paint(bars, |root| {
                    draw_weight_bars(root, weights, reach, colour, chart_scale(dpr))
                })?;
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
/// loss along every path.
pub struct DescentView {
    raster: Raster,
    levels: HtmlCanvasElement,
    overlay: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    plot_rect: PlotRect,
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
            overlay,
            chart,
            plot_rect: (0..0, 0..0),
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
    }

    /// Asks for the balls and paths to be drawn again (they moved, or were dropped or removed).
    pub fn moved(&mut self) {
        self.dirty = true;
    }

    /// The plane point under a click at (x, y) CSS pixels of the overlay, if inside the plot.
    pub fn plane_point(&self, page: &Page, x: f64, y: f64, dpr: f64) -> Option<[f64; 2]> {
        let extent = page.descent().grid().extent();
        plot_point(&self.plot_rect, extent, x, y, dpr)
    }

    /// Draws the plane and the 1-D view if anything changed or a canvas changed size.
    pub fn draw(&mut self, page: &mut Page, lang: Lang, dpr: f64) -> Result<(), JsValue> {
        let resized = fit_to_screen(&self.levels, dpr)
            | fit_to_screen(&self.overlay, dpr)
            | fit_to_screen(&self.chart, dpr);
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
        if self.levels_dirty && big_enough(&self.levels) {
            clear(&self.levels)?;
            let (x, y) = words::descent_axes(lang, descent.slice_kind());
            self.plot_rect = paint(&self.levels, |root| {
                draw_levels(root, grid, (&x, &y), chart_scale(dpr))
            })?;
            self.raster.place(&self.plot_rect, dpr)?;
            self.levels_dirty = false;
        }
        if big_enough(&self.overlay) {
            clear(&self.overlay)?;
            let marks = ball_marks(descent, |r| words::stop_label(lang, r));
            paint(&self.overlay, |root| {
                draw_balls(root, grid, &marks, arrow, chart_scale(dpr))
            })?;
        }
        if big_enough(&self.chart) {
            let series = path_series(descent);
            let axes = (tr(lang, "descent.path.x"), tr(lang, "descent.path.y"));
            paint(&self.chart, |root| {
                draw_path_losses(root, &series, axes, chart_scale(dpr))
            })?;
        }
        self.dirty = false;
        Ok(())
    }
}
