//! The Descent section's state: a loss surface (a toy one or a slice through the live classifier)
//! and up to eight balls rolling down it. The page draws it on canvases, `losslab-render` into
//! files.

use super::grid::{Extent, SurfaceGrid};
use crate::engine::optimizer::Optimizer;
use crate::engine::slice::{Slice, SliceKind};
use crate::engine::stop::StopRules;
use crate::engine::surface::{Ball, Surface, ToySurface};
use crate::engine::trainer::Trainer;
use crate::settings::SurfaceKind;

/// Most balls at once; dropping another replaces the oldest.
pub const MAX_BALLS: usize = 8;

/// Cells per side of a toy surface's raster, and of a slice's (each cell of a slice is a forward
/// pass over the whole training set).
pub const TOY_CELLS: usize = 160;
pub const SLICE_CELLS: usize = 56;

/// The surface the balls roll on.
pub enum DescentSurface {
    /// A toy surface.
    Toy(ToySurface),
    /// A slice through the classifier's loss.
    Slice(Box<Slice>),
}

impl DescentSurface {
    /// The surface the balls roll on.
    pub fn as_surface(&mut self) -> &mut dyn Surface {
        match self {
            DescentSurface::Toy(s) => s,
            DescentSurface::Slice(s) => s.as_mut(),
        }
    }

    /// The square of the plane shown.
    pub fn extent(&self) -> Extent {
        match self {
            DescentSurface::Toy(s) => s.extent(),
            DescentSurface::Slice(s) => s.extent(),
        }
    }

    /// Where a ball starts when the surface is chosen.
    pub fn default_start(&self) -> [f64; 2] {
        match self {
            DescentSurface::Toy(s) => s.default_start(),
            DescentSurface::Slice(s) => {
                // Away from the network's own point, so the ball has somewhere to go.
                let ((x0, x1), (y0, y1)) = s.extent();
                [x0 + 0.2 * (x1 - x0), y0 + 0.8 * (y1 - y0)]
            }
        }
    }

    /// The least size of loss a ball's bounce is measured against, so that a ball dropped at a
    /// minimum, which has not come down at all, does not take SGD's jitter there for an η too
    /// large: [`TOY_BOUNCE_FLOOR`] on a toy surface; on a slice, [`SLICE_BOUNCE_FLOOR`] of the
    /// range of `grid`'s values.
    pub fn bounce_floor(&self, grid: &SurfaceGrid) -> f64 {
        match self {
            DescentSurface::Toy(_) => TOY_BOUNCE_FLOOR,
            DescentSurface::Slice(_) => {
                let (low, high) = grid
                    .values()
                    .iter()
                    .filter(|v| v.is_finite())
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
                        (l.min(v), h.max(v))
                    });
                if high > low {
                    SLICE_BOUNCE_FLOOR * (high - low)
                } else {
                    0.0
                }
            }
        }
    }

    /// The top curvature that sets the step-size presets: a toy surface's own; for a slice, the
    /// largest top eigenvalue of the Hessian (by finite differences of the gradient) over a 5×5
    /// grid of the plane, at least 10⁻³ — a step size safe wherever the ball goes.
    pub fn curvature(&mut self) -> f64 {
        match self {
            DescentSurface::Toy(s) => s.curvature(),
            DescentSurface::Slice(s) => {
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

/// The top eigenvalue of the Hessian of `surface` at `c`, by central differences of the gradient
/// (the symmetric part).
fn hessian_top(surface: &mut dyn Surface, c: [f64; 2]) -> f64 {
    let h = 1e-4;
    let mut hess = [[0.0; 2]; 2];
    for k in 0..2 {
        let (mut up, mut down) = (c, c);
        up[k] += h;
        down[k] -= h;
        let (_, gu) = surface.value_and_gradient(up);
        let (_, gd) = surface.value_and_gradient(down);
        for (r, row) in hess.iter_mut().enumerate() {
            row[k] = (gu[r] - gd[r]) / (2.0 * h);
        }
    }
    let b = 0.5 * (hess[0][1] + hess[1][0]);
    crate::engine::path::eigen2([[hess[0][0], b], [b, hess[1][1]]]).0[1]
}

/// A ball on `surface` from `start`, with the section's bounce floor (see
/// [`DescentSurface::bounce_floor`]).
fn new_ball(
    surface: &mut DescentSurface,
    floor: f64,
    start: [f64; 2],
    optimizer: Optimizer,
    seed: u64,
) -> Ball {
    let mut ball = Ball::new(surface.as_surface(), start, optimizer, seed);
    ball.bounce_floor = floor;
    ball
}

/// A ball and its colour (an index below [`MAX_BALLS`]).
struct Rolling {
    ball: Ball,
    colour: usize,
}

/// The step-size presets for a curvature c: too small 0.02/c (crawls), good 0.5/c (each step
/// halves the error in the steepest direction), too large 1.9/c (zig-zags but converges: gradient
/// descent is stable below 2/c), far too large 3/c (diverges).
pub fn presets(curvature: f64) -> [f64; 4] {
    [0.02, 0.5, 1.9, 3.0].map(|k| k / curvature)
}

/// The Descent section: the surface, its grid and level sets, and the balls.
pub struct Descent {
    surface: DescentSurface,
    grid: SurfaceGrid,
    balls: Vec<Rolling>,
    next_colour: usize,
    seeds: u64,
    /// How many surfaces were computed: tells a view whether its raster is the current one.
    version: u64,
    /// Each ball's [`Ball::bounce_floor`] (see [`DescentSurface::bounce_floor`]).
    bounce_floor: f64,
}

/// A toy surface's [`Ball::bounce_floor`]. Its values are of order 1 near the minima, and the
/// noise SGD adds is scaled to its curvature, so that at the good step size (0.5/c) an SGD
/// ball at a minimum jitters by ~0.04 on every surface: jitter that small must not pass for a
/// bounce (a step of at least 0.1 = 10 % of this floor counts).
pub const TOY_BOUNCE_FLOOR: f64 = 1.0;

/// A slice's [`Ball::bounce_floor`], as a share of the range of its values over the square shown.
pub const SLICE_BOUNCE_FLOOR: f64 = 0.1;

impl Descent {
    /// `surface` computed, with one ball at its default start moved by `optimizer`.
    pub fn new(surface: DescentSurface, optimizer: Optimizer) -> Descent {
        let mut r = Descent {
            surface,
            grid: SurfaceGrid::new(TOY_CELLS),
            balls: Vec::new(),
            next_colour: 0,
            seeds: 0,
            version: 0,
            bounce_floor: 0.0,
        };
        r.compute(optimizer);
        r
    }

    /// Balls roll on `surface` from now on: it is computed again and the balls are replaced by
    /// one at its default start.
    pub fn set_surface(&mut self, surface: DescentSurface, optimizer: Optimizer) {
        self.surface = surface;
        self.compute(optimizer);
    }

    fn compute(&mut self, optimizer: Optimizer) {
        let cells = match self.surface {
            DescentSurface::Toy(_) => TOY_CELLS,
            DescentSurface::Slice(_) => SLICE_CELLS,
        };
        if self.grid.size() != cells {
            self.grid = SurfaceGrid::new(cells);
        }
        let extent = self.surface.extent();
        let surface = self.surface.as_surface();
        self.grid.compute(extent, |w| surface.value(w));
        self.bounce_floor = self.surface.bounce_floor(&self.grid);
        self.version += 1;
        self.balls.clear();
        self.next_colour = 0;
        let start = self.surface.default_start();
        self.drop_ball(start, optimizer);
    }

    /// Which surface this is: a new number every time one is computed.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The surface sampled on a grid, with its level sets.
    pub fn grid(&self) -> &SurfaceGrid {
        &self.grid
    }

    /// The surface's step-size presets (see [`presets`]).
    pub fn presets(&mut self) -> [f64; 4] {
        presets(self.surface.curvature())
    }

    /// The slice's kind, if the surface is a slice.
    pub fn slice_kind(&self) -> Option<SliceKind> {
        match &self.surface {
            DescentSurface::Slice(s) => Some(s.kind()),
            DescentSurface::Toy(_) => None,
        }
    }

    /// Drops a ball at `start` moved by `optimizer`; with [`MAX_BALLS`] already, the oldest goes.
    pub fn drop_ball(&mut self, start: [f64; 2], optimizer: Optimizer) {
        if self.balls.len() >= MAX_BALLS {
            self.balls.remove(0);
        }
        self.seeds += 1;
        let ball = new_ball(
            &mut self.surface,
            self.bounce_floor,
            start,
            optimizer,
            self.seeds,
        );
        self.balls.push(Rolling {
            ball,
            colour: self.next_colour % MAX_BALLS,
        });
        self.next_colour += 1;
    }

    /// Replaces every ball by a race: one ball per optimizer (GD, SGD, momentum, Adam) from
    /// `start` (the newest ball's start, or the default one).
    pub fn race(&mut self, optimizers: [Optimizer; 4]) {
        let start = self
            .balls
            .last()
            .map_or_else(|| self.surface.default_start(), |r| r.ball.start);
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
                r.ball.step(self.surface.as_surface(), eta, rules);
            }
            r.ball.check(rules);
        }
        self.balls.iter().any(|r| r.ball.stopped.is_none())
    }

    /// Every ball back to its start, with the same optimizer.
    pub fn reset(&mut self) {
        for r in &mut self.balls {
            self.seeds += 1;
            r.ball = new_ball(
                &mut self.surface,
                self.bounce_floor,
                r.ball.start,
                r.ball.optimizer,
                self.seeds,
            );
        }
    }

    /// Removes every ball.
    pub fn clear(&mut self) {
        self.balls.clear();
        self.next_colour = 0;
    }

    /// The balls with their colours (an index below [`MAX_BALLS`]: each ball keeps its own while
    /// others come and go), oldest first.
    pub fn balls(&self) -> impl Iterator<Item = (&Ball, usize)> + Clone {
        self.balls.iter().map(|r| (&r.ball, r.colour))
    }

    /// The newest ball's next move, (w, its next w), made on a copy so nothing changes; None
    /// without a ball or once it stopped.
    pub fn next_move(&mut self, eta: f64, rules: &StopRules) -> Option<([f64; 2], [f64; 2])> {
        let mut copy = self.balls.last()?.ball.clone();
        if copy.check(rules) {
            return None;
        }
        copy.step(self.surface.as_surface(), eta, rules);
        Some((self.balls.last()?.ball.w, copy.w))
    }
}

impl DescentSurface {
    /// The surface `kind` names, slicing `trainer`'s network for the slices (random directions
    /// drawn from `seed`).
    pub fn of(kind: SurfaceKind, trainer: &Trainer, seed: u64) -> DescentSurface {
        match kind {
            SurfaceKind::Bowl => DescentSurface::Toy(ToySurface::Bowl),
            SurfaceKind::Valley => DescentSurface::Toy(ToySurface::Valley),
            SurfaceKind::TwoMinima => DescentSurface::Toy(ToySurface::TwoMinima),
            SurfaceKind::Rosenbrock => DescentSurface::Toy(ToySurface::Rosenbrock),
            SurfaceKind::SliceWeights => {
                DescentSurface::Slice(Box::new(Slice::new(trainer, SliceKind::Weights(0, 1))))
            }
            SurfaceKind::SliceRandom => {
                DescentSurface::Slice(Box::new(Slice::new(trainer, SliceKind::Random(seed))))
            }
        }
    }
}
