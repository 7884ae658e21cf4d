//! Loss surfaces over two parameters (w₁, w₂) for the Descent section, and gradient descent on
//! them: balls that roll from a start by an [`Optimizer`] until a [`StopRules`] rule fires.

use super::optimizer::{Optimizer, OptimizerState};
use super::rng::Rng;
use super::stop::{BounceWatch, StopReason, StopRules};

/// Anything with a value and a gradient over the plane: a toy surface, or a slice through the
/// live classifier's loss.
pub trait Surface {
    /// L(w).
    fn value(&mut self, w: [f64; 2]) -> f64;
    /// (L(w), ∇L(w)) — the full gradient.
    fn value_and_gradient(&mut self, w: [f64; 2]) -> (f64, [f64; 2]);
    /// A stochastic gradient at w, as SGD sees it: an unbiased estimate of ∇L(w) drawn with `rng`.
    fn noisy_gradient(&mut self, w: [f64; 2], rng: &mut Rng) -> [f64; 2];
}

/// The toy surfaces. Each formula is written on its variant; all are smooth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToySurface {
    /// A round bowl: L = ½(w₁² + w₂²). One minimum, at 0.
    Bowl,
    /// A long narrow valley: L = ½(w₁² + 25·w₂²). Curvature 1 along w₁ and 25 across, so a step
    /// size that crawls along the valley already makes the ball zig-zag across it.
    Valley,
    /// Two minima of different depth and a saddle between them:
    /// L = (w₁² − 1)² + 0.3·w₁ + ½w₂². The left minimum (w₁ ≈ −1.04) is deeper than the right one
    /// (w₁ ≈ 0.96); the saddle is near w₁ ≈ 0.075, w₂ = 0.
    TwoMinima,
    /// Rosenbrock's curved valley: L = (1 − w₁)² + 100·(w₂ − w₁²)². Minimum 0 at (1, 1) at the end
    /// of a long, flat, bent valley.
    Rosenbrock,
}

/// Spread of the noise SGD adds to a toy surface's gradient, relative to its curvature scale (a
/// stand-in for the mini-batch noise of a real loss).
const SGD_NOISE: f64 = 0.35;

impl ToySurface {
    /// Every toy surface, in the page's order.
    pub const ALL: [ToySurface; 4] = [
        ToySurface::Bowl,
        ToySurface::Valley,
        ToySurface::TwoMinima,
        ToySurface::Rosenbrock,
    ];

    /// The region shown: (w₁ range, w₂ range).
    pub fn extent(self) -> ((f64, f64), (f64, f64)) {
        match self {
            ToySurface::Bowl | ToySurface::Valley => ((-2.0, 2.0), (-2.0, 2.0)),
            ToySurface::TwoMinima => ((-2.0, 2.0), (-2.0, 2.0)),
            ToySurface::Rosenbrock => ((-2.0, 2.0), (-1.0, 3.0)),
        }
    }

    /// L(w).
    pub fn at(self, w: [f64; 2]) -> f64 {
        let [x, y] = w;
        match self {
            ToySurface::Bowl => 0.5 * (x * x + y * y),
            ToySurface::Valley => 0.5 * (x * x + 25.0 * y * y),
            ToySurface::TwoMinima => (x * x - 1.0).powi(2) + 0.3 * x + 0.5 * y * y,
            ToySurface::Rosenbrock => (1.0 - x).powi(2) + 100.0 * (y - x * x).powi(2),
        }
    }

    /// ∇L(w), by hand:
    /// - bowl (w₁, w₂); valley (w₁, 25w₂);
    /// - two minima (4w₁(w₁² − 1) + 0.3, w₂);
    /// - Rosenbrock (−2(1 − w₁) − 400w₁(w₂ − w₁²), 200(w₂ − w₁²)).
    pub fn gradient(self, w: [f64; 2]) -> [f64; 2] {
        let [x, y] = w;
        match self {
            ToySurface::Bowl => [x, y],
            ToySurface::Valley => [x, 25.0 * y],
            ToySurface::TwoMinima => [4.0 * x * (x * x - 1.0) + 0.3, y],
            ToySurface::Rosenbrock => [
                -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
                200.0 * (y - x * x),
            ],
        }
    }

    /// The largest curvature near the minima (the Hessian's top eigenvalue there), which sets
    /// the step sizes: gradient descent is stable below η = 2/curvature.
    pub fn curvature(self) -> f64 {
        match self {
            ToySurface::Bowl => 1.0,
            ToySurface::Valley => 25.0,
            // L₁₁'' = 12w₁² − 4 at w₁ ≈ −1.04: about 8.9.
            ToySurface::TwoMinima => 9.0,
            // At (1, 1) the Hessian [[802, −400], [−400, 200]] has top eigenvalue ≈ 1001.6.
            ToySurface::Rosenbrock => 1001.6,
        }
    }

    /// The local minima, from the deepest.
    pub fn minima(self) -> Vec<[f64; 2]> {
        match self {
            ToySurface::Bowl | ToySurface::Valley => vec![[0.0, 0.0]],
            ToySurface::TwoMinima => {
                // The roots of 4w₁(w₁² − 1) + 0.3 = 0 outside the saddle, by Newton's method.
                let root = |mut x: f64| {
                    for _ in 0..50 {
                        x -= (4.0 * x * (x * x - 1.0) + 0.3) / (12.0 * x * x - 4.0);
                    }
                    x
                };
                vec![[root(-1.0), 0.0], [root(1.0), 0.0]]
            }
            ToySurface::Rosenbrock => vec![[1.0, 1.0]],
        }
    }

    /// A start that shows the surface's character (same every time).
    pub fn default_start(self) -> [f64; 2] {
        match self {
            ToySurface::Bowl => [-1.6, 1.2],
            ToySurface::Valley => [-1.8, 1.0],
            ToySurface::TwoMinima => [0.3, 1.6],
            ToySurface::Rosenbrock => [-1.5, 2.0],
        }
    }
}

impl Surface for ToySurface {
    fn value(&mut self, w: [f64; 2]) -> f64 {
        self.at(w)
    }

    fn value_and_gradient(&mut self, w: [f64; 2]) -> (f64, [f64; 2]) {
        (self.at(w), self.gradient(w))
    }

    /// ∇L(w) + ε with ε ~ N(0, σ²) per coordinate, σ = 0.35·√curvature.
    fn noisy_gradient(&mut self, w: [f64; 2], rng: &mut Rng) -> [f64; 2] {
        let g = self.gradient(w);
        let sigma = SGD_NOISE * self.curvature().sqrt();
        [g[0] + sigma * rng.normal(), g[1] + sigma * rng.normal()]
    }
}

/// Most points a trail keeps; later steps still move the ball but are not drawn.
pub const TRAIL_CAP: usize = 5000;

/// One ball rolling down a [`Surface`] from its start.
#[derive(Clone, Debug)]
pub struct Ball {
    /// Where it started.
    pub start: [f64; 2],
    /// Where it is.
    pub w: [f64; 2],
    /// The rule moving it.
    pub optimizer: Optimizer,
    state: OptimizerState,
    /// Every point it has been at, from the start (at most [`TRAIL_CAP`]).
    pub trail: Vec<[f64; 2]>,
    /// The loss at each point of the trail.
    pub losses: Vec<f64>,
    /// Updates made.
    pub iterations: u64,
    /// L(w) and ∇L(w) now (the full gradient, also for SGD).
    pub loss: f64,
    /// ∇L at w.
    pub gradient: [f64; 2],
    /// L at the start, for the divergence check.
    first_loss: f64,
    /// Why it stopped, once it has.
    pub stopped: Option<StopReason>,
    rng: Rng,
    /// The lowest loss it has been at.
    best: f64,
    /// The least size of loss a bounce is measured against (see [`Ball::bouncing`]): the page
    /// sets it from the surface's range of values.
    pub bounce_floor: f64,
    bounce: BounceWatch,
}

impl Ball {
    /// A ball at `start`, moved by `optimizer`; `seed` drives SGD's noise.
    pub fn new(
        surface: &mut dyn Surface,
        start: [f64; 2],
        optimizer: Optimizer,
        seed: u64,
    ) -> Ball {
        let (loss, gradient) = surface.value_and_gradient(start);
        Ball {
            start,
            w: start,
            optimizer,
            state: OptimizerState::new(2),
            trail: vec![start],
            losses: vec![loss],
            iterations: 0,
            loss,
            gradient,
            first_loss: loss,
            stopped: None,
            rng: Rng::new(seed),
            best: loss,
            bounce_floor: 0.0,
            bounce: BounceWatch::default(),
        }
    }

    /// Whether its loss bounces instead of falling (an η too large to settle, too small to blow
    /// up), by [`BounceWatch`]'s rule over its last 16 updates, the steps' size measured against
    /// how far the loss has come down since the start (L(start) − its lowest L), or
    /// [`Ball::bounce_floor`] if more: not against the loss itself, which at a minimum may be 0
    /// or below, so that SGD's jitter there would pass for large steps. False once it stopped.
    pub fn bouncing(&self) -> bool {
        self.stopped.is_none() && self.bounce.bouncing()
    }

    /// ‖∇L(w)‖₂.
    pub fn gradient_norm(&self) -> f64 {
        self.gradient[0].hypot(self.gradient[1])
    }

    /// Checks the stop rules at the current point (before any update, a start already at a
    /// minimum stops at once); returns whether it has stopped.
    pub fn check(&mut self, rules: &StopRules) -> bool {
        if self.stopped.is_none() {
            self.stopped = rules.check(
                self.iterations,
                self.loss,
                self.gradient_norm(),
                self.first_loss,
            );
        }
        self.stopped.is_some()
    }

    /// One update w ← w − η·g (or momentum's or Adam's step), g the full gradient (SGD: a noisy
    /// one), unless a stop rule has fired; then the rules are checked at the new point.
    pub fn step(&mut self, surface: &mut dyn Surface, eta: f64, rules: &StopRules) {
        if self.check(rules) {
            return;
        }
        let g = match self.optimizer {
            Optimizer::Sgd => surface.noisy_gradient(self.w, &mut self.rng),
            _ => self.gradient,
        };
        self.state.update(self.optimizer, eta, &mut self.w, &g);
        let (loss, gradient) = surface.value_and_gradient(self.w);
        self.loss = loss;
        self.gradient = gradient;
        self.iterations += 1;
        self.best = self.best.min(loss);
        self.bounce
            .push_against(loss, (self.first_loss - self.best).max(self.bounce_floor));
        if self.trail.len() < TRAIL_CAP {
            self.trail.push(self.w);
            self.losses.push(loss);
        }
        self.check(rules);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(max_iterations: u64) -> StopRules {
        StopRules {
            max_iterations,
            loss_below: 0.0,
            gradient_below: 1e-8,
        }
    }

    #[test]
    fn every_surface_gradient_matches_finite_differences() {
        let h = 1e-6;
        for s in ToySurface::ALL {
            let ((x0, x1), (y0, y1)) = s.extent();
            for i in 0..9 {
                for j in 0..9 {
                    let w = [
                        x0 + (x1 - x0) * (i as f64 + 0.37) / 9.0,
                        y0 + (y1 - y0) * (j as f64 + 0.61) / 9.0,
                    ];
                    let g = s.gradient(w);
                    for k in 0..2 {
                        let (mut up, mut down) = (w, w);
                        up[k] += h;
                        down[k] -= h;
                        let fd = (s.at(up) - s.at(down)) / (2.0 * h);
                        let tol = 1e-6 * (1.0 + g[k].abs());
                        assert!((fd - g[k]).abs() < tol, "{s:?} at {w:?}: {fd} vs {}", g[k]);
                    }
                }
            }
        }
    }

    #[test]
    fn the_minima_are_stationary_and_the_left_one_is_deeper() {
        for s in ToySurface::ALL {
            for m in s.minima() {
                let g = s.gradient(m);
                assert!(g[0].abs() < 1e-12 && g[1].abs() < 1e-12, "{s:?} {m:?}");
            }
        }
        let m = ToySurface::TwoMinima.minima();
        assert!(ToySurface::TwoMinima.at(m[0]) < ToySurface::TwoMinima.at(m[1]));
        assert!(m[0][0] < -1.0 && m[1][0] > 0.9);
    }

    #[test]
    fn every_optimizer_reaches_the_minimum_of_the_bowl_and_of_the_valley() {
        for s in [ToySurface::Bowl, ToySurface::Valley] {
            let eta = 1.0 / s.curvature();
            for (optimizer, eta, tol) in [
                (Optimizer::GradientDescent, eta, 1e-6),
                (Optimizer::momentum(), 0.1 * eta, 1e-6),
                (Optimizer::adam(), 0.05, 1e-3),
                // With a constant step SGD keeps jittering around the minimum.
                (Optimizer::Sgd, 0.05 * eta, 0.3),
            ] {
                let mut surface = s;
                let mut ball = Ball::new(&mut surface, s.default_start(), optimizer, 7);
                for _ in 0..4000 {
                    ball.step(&mut surface, eta, &rules(4000));
                }
                let d = ball.w[0].hypot(ball.w[1]);
                assert!(d < tol, "{s:?} {optimizer:?}: ended at {:?}", ball.w);
                assert!(ball.stopped.is_some_and(|r| !r.is_divergence()));
            }
        }
    }

    #[test]
    fn two_starts_end_in_the_two_different_minima() {
        let s = ToySurface::TwoMinima;
        let minima = s.minima();
        for (start, want) in [([-0.4, 1.5], minima[0]), ([0.6, -1.5], minima[1])] {
            let mut surface = s;
            let mut ball = Ball::new(&mut surface, start, Optimizer::GradientDescent, 1);
            for _ in 0..5000 {
                ball.step(&mut surface, 0.05, &rules(5000));
            }
            assert!(
                (ball.w[0] - want[0]).abs() < 1e-6 && ball.w[1].abs() < 1e-6,
                "{start:?} → {:?}",
                ball.w
            );
            assert_eq!(ball.stopped, Some(StopReason::GradientBelow));
        }
    }

    #[test]
    fn gradient_descent_reaches_the_end_of_rosenbrocks_valley() {
        let mut surface = ToySurface::Rosenbrock;
        let eta = 1.0 / ToySurface::Rosenbrock.curvature();
        let mut ball = Ball::new(&mut surface, [-1.5, 2.0], Optimizer::GradientDescent, 1);
        for _ in 0..100_000 {
            ball.step(&mut surface, eta, &rules(100_000));
        }
        assert!(
            (ball.w[0] - 1.0).abs() < 1e-3 && (ball.w[1] - 1.0).abs() < 2e-3,
            "{:?}",
            ball.w
        );
    }

    #[test]
    fn each_stop_rule_fires_when_it_should() {
        let mut surface = ToySurface::Bowl;
        let max = StopRules {
            max_iterations: 5,
            loss_below: 0.0,
            gradient_below: 0.0,
        };
        let mut ball = Ball::new(&mut surface, [1.0, 1.0], Optimizer::GradientDescent, 1);
        for _ in 0..10 {
            ball.step(&mut surface, 0.1, &max);
        }
        assert_eq!(
            (ball.iterations, ball.stopped),
            (5, Some(StopReason::MaxIterations))
        );
        // On the bowl with η = 0.5, w halves and the loss quarters each step: 1, ¼, 1/16, 1/64,
        // then 1/256 < 0.01 after the 4th update.
        let below = StopRules {
            max_iterations: 100,
            loss_below: 0.01,
            gradient_below: 0.0,
        };
        let mut ball = Ball::new(&mut surface, [1.0, 1.0], Optimizer::GradientDescent, 1);
        for _ in 0..100 {
            ball.step(&mut surface, 0.5, &below);
        }
        assert_eq!(ball.stopped, Some(StopReason::LossBelow));
        assert_eq!(ball.iterations, 4);
    }

    #[test]
    fn a_step_size_past_two_over_the_curvature_diverges_and_is_caught() {
        let mut surface = ToySurface::Valley;
        let eta = 3.0 / ToySurface::Valley.curvature();
        let mut ball = Ball::new(&mut surface, [-1.8, 1.0], Optimizer::GradientDescent, 1);
        let mut steps = 0;
        while ball.stopped.is_none() && steps < 1000 {
            ball.step(&mut surface, eta, &rules(1000));
            steps += 1;
        }
        assert!(
            ball.stopped.is_some_and(StopReason::is_divergence),
            "{:?}",
            ball.stopped
        );
        assert!(steps < 30, "caught after {steps} steps");
        // Just under 2/curvature it oscillates across the valley but converges.
        let mut ball = Ball::new(&mut surface, [-1.8, 1.0], Optimizer::GradientDescent, 1);
        for _ in 0..3000 {
            ball.step(&mut surface, 1.9 / 25.0, &rules(3000));
        }
        assert!(ball.w[0].hypot(ball.w[1]) < 1e-6 && !ball.stopped.unwrap().is_divergence());
    }
}
