//! The Descent section: a loss surface (a toy one or a slice through the live classifier), up to
//! eight balls rolling down it, the next step of the newest one, and the loss along every path.

use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::compare::Raster;
use super::{big_enough, chart_scale, clear, fit_to_screen, paint, plot_point};
use crate::engine::optimizer::Optimizer;
use crate::engine::slice::{Slice, SliceKind};
use crate::engine::stop::{StopReason, StopRules};
use crate::engine::surface::{Ball, Field, Surface};
use crate::engine::trainer::Trainer;
use crate::render::charts::PlotRect;
use crate::render::descent::{BALL_COLOURS, BallMark, draw_descent, draw_path_losses};
use crate::render::landscape::{Extent, Landscape};

/// Most balls at once; dropping another replaces the oldest.
pub const MAX_BALLS: usize = 8;

/// Cells per side of a toy surface's raster, and of a slice's (each cell of a slice is a forward
/// pass over the whole training set).
const TOY_CELLS: usize = 160;
const SLICE_CELLS: usize = 56;

/// The surface the balls roll on.
pub enum Terrain {
    /// A toy surface.
    Toy(Surface),
    /// A slice through the classifier's loss.
    Slice(Box<Slice>),
}

impl Terrain {
    fn field(&mut self) -> &mut dyn Field {
        match self {
            Terrain::Toy(s) => s,
            Terrain::Slice(s) => s.as_mut(),
        }
    }

    fn extent(&self) -> Extent {
        match self {
            Terrain::Toy(s) => s.extent(),
            Terrain::Slice(s) => s.extent(),
        }
    }

    /// Where a ball starts when the surface is chosen.
    fn default_start(&self) -> [f64; 2] {
        match self {
            Terrain::Toy(s) => s.default_start(),
            Terrain::Slice(s) => {
                // Away from the network's own point, so the ball has somewhere to go.
                let ((x0, x1), (y0, y1)) = s.extent();
                [x0 + 0.2 * (x1 - x0), y0 + 0.8 * (y1 - y0)]
            }
        }
    }

    /// The top curvature that sets the step-size presets: a toy surface's own; for a slice, the
    /// largest top eigenvalue of the Hessian (by finite differences of the gradient) over a 5×5
    /// grid of the plane, at least 10⁻³ — a step size safe wherever the ball goes.
    fn curvature(&mut self) -> f64 {
        match self {
            Terrain::Toy(s) => s.curvature(),
            Terrain::Slice(s) => {
                let ((x0, x1), (y0, y1)) = s.extent();
                let mut top = 1e-3f64;
                for i in 0..5 {
                    for j in 0..5 {
                        let c = [
                            x0 + (x1 - x0) * i as f64 / 4.0,
                            y0 + (y1 - y0) * j as f64 / 4.0,
                        ];
                        let t = hessian_top(s.as_mut(), c);
                        if t.is_finite() {
                            top = top.max(t);
                        }
                    }
                }
                top
            }
        }
    }
}

/// The top eigenvalue of the Hessian of `field` at `c`, by central differences of the gradient
/// (the symmetric part).
fn hessian_top(field: &mut dyn Field, c: [f64; 2]) -> f64 {
    let h = 1e-4;
    let mut hess = [[0.0; 2]; 2];
    for k in 0..2 {
        let (mut up, mut down) = (c, c);
        up[k] += h;
        down[k] -= h;
        let (_, gu) = field.value_and_gradient(up);
        let (_, gd) = field.value_and_gradient(down);
        for (r, row) in hess.iter_mut().enumerate() {
            row[k] = (gu[r] - gd[r]) / (2.0 * h);
        }
    }
    let b = 0.5 * (hess[0][1] + hess[1][0]);
    crate::engine::path::eigen2([[hess[0][0], b], [b, hess[1][1]]]).0[1]
}

/// A ball and its colour (an index into [`BALL_COLOURS`]).
struct Rolling {
    ball: Ball,
    colour: usize,
}

/// The section's state and canvases.
pub struct Descent {
    terrain: Terrain,
    landscape: Landscape,
    raster: Raster,
    overlay: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    balls: Vec<Rolling>,
    next_colour: usize,
    seeds: u64,
    plot_rect: PlotRect,
    dirty: bool,
}

/// The step-size presets for a curvature c: too small 0.02/c (crawls), good 0.5/c (each step
/// halves the error in the steepest direction), too large 1.9/c (zig-zags but converges: gradient
/// descent is stable below 2/c), far too large 3/c (diverges).
pub fn presets(curvature: f64) -> [f64; 4] {
    [0.02, 0.5, 1.9, 3.0].map(|k| k / curvature)
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
        let mut d = Descent {
            terrain,
            landscape: Landscape::new(TOY_CELLS),
            raster: Raster::new(heat, TOY_CELLS)?,
            overlay,
            chart,
            balls: Vec::new(),
            next_colour: 0,
            seeds: 0,
            plot_rect: (0..0, 0..0),
            dirty: true,
        };
        d.set_terrain_inner(optimizer)?;
        Ok(d)
    }

    /// Rolls on `terrain` from now on: the surface is computed again and the balls are replaced by
    /// one at its default start.
    pub fn set_terrain(&mut self, terrain: Terrain, optimizer: Optimizer) -> Result<(), JsValue> {
        self.terrain = terrain;
        self.set_terrain_inner(optimizer)
    }

    fn set_terrain_inner(&mut self, optimizer: Optimizer) -> Result<(), JsValue> {
        let cells = match self.terrain {
            Terrain::Toy(_) => TOY_CELLS,
            Terrain::Slice(_) => SLICE_CELLS,
        };
        if self.landscape.size() != cells {
            self.landscape = Landscape::new(cells);
            self.raster = Raster::new(self.raster.canvas().clone(), cells)?;
        }
        let extent = self.terrain.extent();
        let field = self.terrain.field();
        self.landscape.compute(extent, |w| field.value(w));
        self.raster.show(self.landscape.rgba())?;
        self.balls.clear();
        self.next_colour = 0;
        let start = self.terrain.default_start();
        self.drop_ball(start, optimizer);
        self.dirty = true;
        Ok(())
    }

    /// The surface's step-size presets (see [`presets`]).
    pub fn presets(&mut self) -> [f64; 4] {
        presets(self.terrain.curvature())
    }

    /// The slice's kind, if the terrain is a slice.
    pub fn slice_kind(&self) -> Option<SliceKind> {
        match &self.terrain {
            Terrain::Slice(s) => Some(s.kind()),
            Terrain::Toy(_) => None,
        }
    }

    /// Drops a ball at `start` moved by `optimizer`; with [`MAX_BALLS`] already, the oldest goes.
    pub fn drop_ball(&mut self, start: [f64; 2], optimizer: Optimizer) {
        if self.balls.len() >= MAX_BALLS {
            self.balls.remove(0);
        }
        self.seeds += 1;
        let ball = Ball::new(self.terrain.field(), start, optimizer, self.seeds);
        self.balls.push(Rolling {
            ball,
            colour: self.next_colour % MAX_BALLS,
        });
        self.next_colour += 1;
        self.dirty = true;
    }

    /// The plane point under a click at (x, y) CSS pixels of the overlay, if inside the plot.
    pub fn plane_point(&self, x: f64, y: f64, dpr: f64) -> Option<[f64; 2]> {
        plot_point(&self.plot_rect, self.landscape.extent(), x, y, dpr)
    }

    /// Replaces every ball by a race: one ball per optimizer (GD, SGD, momentum, Adam) from
    /// `start` (the newest ball's start, or the default one).
    pub fn race(&mut self, optimizers: [Optimizer; 4]) {
        let start = self
            .balls
            .last()
            .map_or_else(|| self.terrain.default_start(), |r| r.ball.start);
        self.balls.clear();
        self.next_colour = 0;
        for optimizer in optimizers {
            self.drop_ball(start, optimizer);
        }
    }

    /// `n` more steps of every ball that has not stopped; returns whether any can go on.
    pub fn step(&mut self, n: u64, eta: f64, rules: &StopRules) -> bool {
        for r in &mut self.balls {
            for _ in 0..n {
                if r.ball.stopped.is_some() {
                    break;
                }
                r.ball.step(self.terrain.field(), eta, rules);
            }
            r.ball.check(rules);
        }
        self.dirty = true;
        self.balls.iter().any(|r| r.ball.stopped.is_none())
    }

    /// Every ball back to its start, with the same optimizer.
    pub fn reset(&mut self) {
        for r in &mut self.balls {
            self.seeds += 1;
            r.ball = Ball::new(
                self.terrain.field(),
                r.ball.start,
                r.ball.optimizer,
                self.seeds,
            );
        }
        self.dirty = true;
    }

    /// Removes every ball.
    pub fn clear(&mut self) {
        self.balls.clear();
        self.next_colour = 0;
        self.dirty = true;
    }

    /// The balls with their colours, oldest first.
    pub fn balls(&self) -> impl Iterator<Item = (&Ball, [u8; 3])> {
        self.balls.iter().map(|r| (&r.ball, BALL_COLOURS[r.colour]))
    }

    /// The newest ball's next move, (w, its next w), made on a copy so nothing changes; None
    /// without a ball or once it stopped.
    pub fn next_move(&mut self, eta: f64, rules: &StopRules) -> Option<([f64; 2], [f64; 2])> {
        let mut copy = self.balls.last()?.ball.clone();
        if copy.check(rules) {
            return None;
        }
        copy.step(self.terrain.field(), eta, rules);
        Some((self.balls.last()?.ball.w, copy.w))
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
            let marks: Vec<BallMark> = self
                .balls
                .iter()
                .map(|r| BallMark {
                    trail: &r.ball.trail,
                    colour: BALL_COLOURS[r.colour],
                    label: r.ball.stopped.map_or("", &labels),
                })
                .collect();
            let landscape = &self.landscape;
            self.plot_rect = paint(&self.overlay, |root| {
                draw_descent(root, landscape, &marks, arrow, axes, chart_scale(dpr))
            })?;
            self.raster.place(&self.plot_rect, dpr)?;
        }
        if big_enough(&self.chart) {
            let series: Vec<(&[f64], [u8; 3])> = self
                .balls
                .iter()
                .map(|r| (r.ball.losses.as_slice(), BALL_COLOURS[r.colour]))
                .collect();
            paint(&self.chart, |root| {
                draw_path_losses(root, &series, path_axes, chart_scale(dpr))
            })?;
        }
        self.dirty = false;
        Ok(())
    }
}

/// The terrain a `surface` setting names, slicing `trainer`'s network for the slices.
pub fn terrain(surface: &str, trainer: &Trainer, seed: u64) -> Terrain {
    match surface {
        "bowl" => Terrain::Toy(Surface::Bowl),
        "valley" => Terrain::Toy(Surface::Valley),
        "rosenbrock" => Terrain::Toy(Surface::Rosenbrock),
        "slice-weights" => Terrain::Slice(Box::new(Slice::new(trainer, SliceKind::Weights(0, 1)))),
        "slice-random" => Terrain::Slice(Box::new(Slice::new(trainer, SliceKind::Random(seed)))),
        _ => Terrain::Toy(Surface::TwoMinima),
    }
}
