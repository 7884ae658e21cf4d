//! The Descent section on the page: the scene ([`Rolls`]) drawn on a raster canvas, an overlay and
//! the chart of the loss along every path.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::compare::Raster;
use super::{big_enough, chart_scale, clear, fit_to_screen, paint, plot_point};
use crate::engine::optimizer::Optimizer;
use crate::engine::slice::SliceKind;
use crate::engine::stop::{StopReason, StopRules};
use crate::engine::surface::Ball;
use crate::render::charts::PlotRect;
use crate::render::descent::{draw_descent, draw_path_losses};
pub use crate::scene::descent::{MAX_BALLS, Rolls, Terrain, presets, terrain};

/// The section's scene and canvases.
pub struct Descent {
    rolls: Rolls,
    raster: Raster,
    overlay: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    plot_rect: PlotRect,
    dirty: bool,
}

impl Descent {
    /// The section on `terrain`, with one ball at its default start.
    pub fn new(
        terrain: Terrain,
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
        optimizer: Optimizer,
    ) -> Result<Descent, JsValue> {
        let rolls = Rolls::new(terrain, optimizer);
        let raster = Raster::new(heat, rolls.landscape().size())?;
        raster.show(rolls.landscape().rgba())?;
        Ok(Descent {
            rolls,
            raster,
            overlay,
            chart,
            plot_rect: (0..0, 0..0),
            dirty: true,
        })
    }

    /// Rolls on `terrain` from now on (see [`Rolls::set_terrain`]).
    pub fn set_terrain(&mut self, terrain: Terrain, optimizer: Optimizer) -> Result<(), JsValue> {
        self.rolls.set_terrain(terrain, optimizer);
        let cells = self.rolls.landscape().size();
        if self.raster.size() != cells {
            self.raster = Raster::new(self.raster.canvas().clone(), cells)?;
        }
        self.raster.show(self.rolls.landscape().rgba())?;
        self.dirty = true;
        Ok(())
    }

    /// The surface's step-size presets (see [`presets`]).
    pub fn presets(&mut self) -> [f64; 4] {
        self.rolls.presets()
    }

    /// The slice's kind, if the terrain is a slice.
    pub fn slice_kind(&self) -> Option<SliceKind> {
        self.rolls.slice_kind()
    }

    /// Drops a ball (see [`Rolls::drop_ball`]).
    pub fn drop_ball(&mut self, start: [f64; 2], optimizer: Optimizer) {
        self.rolls.drop_ball(start, optimizer);
        self.dirty = true;
    }

    /// The plane point under a click at (x, y) CSS pixels of the overlay, if inside the plot.
    pub fn plane_point(&self, x: f64, y: f64, dpr: f64) -> Option<[f64; 2]> {
        plot_point(&self.plot_rect, self.rolls.landscape().extent(), x, y, dpr)
    }

    /// A race of `optimizers` (see [`Rolls::race`]).
    pub fn race(&mut self, optimizers: [Optimizer; 4]) {
        self.rolls.race(optimizers);
        self.dirty = true;
    }

    /// `n` more steps of every ball (see [`Rolls::step`]).
    pub fn step(&mut self, n: u64, eta: f64, rules: &StopRules) -> bool {
        self.dirty = true;
        self.rolls.step(n, eta, rules)
    }

    /// Every ball back to its start.
    pub fn reset(&mut self) {
        self.rolls.reset();
        self.dirty = true;
    }

    /// Removes every ball.
    pub fn clear(&mut self) {
        self.rolls.clear();
        self.dirty = true;
    }

    /// The balls with their colours, oldest first.
    pub fn balls(&self) -> impl Iterator<Item = (&Ball, [u8; 3])> {
        self.rolls.balls()
    }

    /// The newest ball's next move (see [`Rolls::next_move`]).
    pub fn next_move(&mut self, eta: f64, rules: &StopRules) -> Option<([f64; 2], [f64; 2])> {
        self.rolls.next_move(eta, rules)
    }

    /// Asks for a full redraw (after a resize or a change of language or step size).
    pub fn invalidate(&mut self) {
        self.dirty = true;
    }

    /// Whether [`Descent::draw`] has anything to do: something changed, or a canvas changed size
    /// (its backing store is resized here).
    pub fn needs_draw(&mut self, dpr: f64) -> bool {
        let resized = fit_to_screen(&self.overlay, dpr) | fit_to_screen(&self.chart, dpr);
        self.dirty |= resized;
        self.dirty
    }

    /// Draws the plane and the 1-D view. `labels` maps a stop reason to the short label written
    /// beside the ball; with `next` = (η, rules), the newest ball's next move is drawn as an arrow.
    pub fn draw(
        &mut self,
        dpr: f64,
        axes: (&str, &str),
        path_axes: (&str, &str),
        labels: impl Fn(StopReason) -> &'static str,
        next: Option<(f64, &StopRules)>,
    ) -> Result<(), JsValue> {
        fit_to_screen(&self.overlay, dpr);
        fit_to_screen(&self.chart, dpr);
        let arrow = next.and_then(|(eta, rules)| self.next_move(eta, rules));
        if big_enough(&self.overlay) {
            clear(&self.overlay)?;
            let marks = self.rolls.marks(labels);
            let landscape = self.rolls.landscape();
            self.plot_rect = paint(&self.overlay, |root| {
                draw_descent(root, landscape, &marks, arrow, axes, chart_scale(dpr))
            })?;
            self.raster.place(&self.plot_rect, dpr)?;
        }
        if big_enough(&self.chart) {
            let series = self.rolls.series();
            paint(&self.chart, |root| {
                draw_path_losses(root, &series, path_axes, chart_scale(dpr))
            })?;
        }
        self.dirty = false;
        Ok(())
    }
}
