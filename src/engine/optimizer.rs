//! Update rules: w ← w − η·(something built from ∇L).

/// The update rule (梯度下降 and its variants). Batching is the trainer's business:
/// [`Optimizer::GradientDescent`] always uses the full batch, the others use mini-batches
/// (see [`Optimizer::uses_mini_batches`]). g is the gradient handed to [`OptimizerState::update`],
/// η the step size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Optimizer {
    /// Full-batch gradient descent: w ← w − η·g.
    GradientDescent,
    /// Stochastic (mini-batch) gradient descent: the same rule w ← w − η·g, on a mini-batch gradient.
    Sgd,
    /// Heavy-ball momentum, in the convention where the velocity accumulates raw gradients and η is
    /// applied afterwards (as PyTorch does): v ← β·v + g, then w ← w − η·v, with v₀ = 0.
    Momentum {
        /// β ∈ [0, 1): how much of the previous velocity is kept.
        beta: f64,
    },
    /// Adam (Kingma & Ba), bias-corrected: at step t = 1, 2, …
    /// m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
    /// w ← w − η·m̂/(√v̂ + ε), with m₀ = v₀ = 0 and ε outside the square root.
    Adam {
        /// β₁ ∈ [0, 1): decay of the first moment m.
        beta1: f64,
        /// β₂ ∈ [0, 1): decay of the second moment v.
        beta2: f64,
        /// ε > 0, added to √v̂ so the step stays finite where the gradient has been 0.
        epsilon: f64,
    },
}

impl Optimizer {
    /// Momentum with the usual β = 0.9.
    pub fn momentum() -> Self {
        Optimizer::Momentum { beta: 0.9 }
    }

    /// Adam with the paper's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    pub fn adam() -> Self {
        Optimizer::Adam {
            beta1: 0.9,
            beta2: 0.999,
            epsilon: 1e-8,
        }
    }

    /// Whether the trainer should feed this rule mini-batch gradients: false only for
    /// [`Optimizer::GradientDescent`], which always sees the full batch.
    pub fn uses_mini_batches(self) -> bool {
        self != Optimizer::GradientDescent
    }
}

/// The four update rules by name, without their constants: what a person chooses. Each stands for
/// one [`Optimizer`] with the usual constants ([`OptimizerKind::optimizer`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// [`Optimizer::GradientDescent`].
    GradientDescent,
    /// [`Optimizer::Sgd`].
    Sgd,
    /// [`Optimizer::Momentum`] with β = 0.9.
    Momentum,
    /// [`Optimizer::Adam`] with the paper's constants.
    Adam,
}

impl OptimizerKind {
    /// Every rule, in the page's order (the order of a race).
    pub const ALL: [OptimizerKind; 4] = [
        OptimizerKind::GradientDescent,
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Adam,
    ];

    /// Whether its step is η∇L itself (gradient descent and SGD), so the update can be written as
    /// w ← w − η∇L; momentum and Adam build their step from past gradients too.
    pub fn steps_along_gradient(self) -> bool {
        matches!(self, OptimizerKind::GradientDescent | OptimizerKind::Sgd)
    }

    /// The rule with its usual constants.
    pub fn optimizer(self) -> Optimizer {
        match self {
            OptimizerKind::GradientDescent => Optimizer::GradientDescent,
            OptimizerKind::Sgd => Optimizer::Sgd,
            OptimizerKind::Momentum => Optimizer::momentum(),
            OptimizerKind::Adam => Optimizer::adam(),
        }
    }
}

impl Optimizer {
    /// Which of the four rules this is.
    pub fn kind(self) -> OptimizerKind {
        match self {
            Optimizer::GradientDescent => OptimizerKind::GradientDescent,
            Optimizer::Sgd => OptimizerKind::Sgd,
            Optimizer::Momentum { .. } => OptimizerKind::Momentum,
            Optimizer::Adam { .. } => OptimizerKind::Adam,
        }
    }
}

/// Per-parameter state of an optimizer, allocated once: the momentum velocity or Adam's first
/// moment m, Adam's second moment v, the step count t and the running products β₁ᵗ, β₂ᵗ.
///
/// The state belongs to one rule: after switching the [`Optimizer`] variant, call
/// [`OptimizerState::reset`] (momentum's velocity and Adam's first moment share a buffer).
#[derive(Clone, Debug, PartialEq)]
pub struct OptimizerState {
    /// Momentum's velocity, or Adam's first moment m.
    first: Vec<f64>,
    /// Adam's second moment v.
    second: Vec<f64>,
    /// Updates made since the last reset.
    t: u64,
    /// β₁ᵗ, kept as a running product (exact and identical on every target, and the right
    /// normalizer even if β₁ changes between steps).
    beta1_pow: f64,
    /// β₂ᵗ, likewise.
    beta2_pow: f64,
}

impl OptimizerState {
    /// Zeroed state for `n_params` parameters; the only allocation the optimizer ever makes.
    pub fn new(n_params: usize) -> Self {
        OptimizerState {
            first: vec![0.0; n_params],
            second: vec![0.0; n_params],
            t: 0,
            beta1_pow: 1.0,
            beta2_pow: 1.0,
        }
    }

    /// Zeroes the moments and the step count, without allocating.
    pub fn reset(&mut self) {
        self.first.fill(0.0);
        self.second.fill(0.0);
        self.t = 0;
        self.beta1_pow = 1.0;
        self.beta2_pow = 1.0;
    }

    /// The two moment vectors, the step count and β₁ᵗ, β₂ᵗ (what a snapshot keeps).
    pub fn parts(&self) -> (&[f64], &[f64], u64, (f64, f64)) {
        (
            &self.first,
            &self.second,
            self.t,
            (self.beta1_pow, self.beta2_pow),
        )
    }

    /// Sets the state back to `parts` (as [`OptimizerState::parts`] gave them), without
    /// allocating. Panics if the moments' lengths differ from the state's.
    pub fn set_parts(&mut self, first: &[f64], second: &[f64], t: u64, powers: (f64, f64)) {
        self.first.copy_from_slice(first);
        self.second.copy_from_slice(second);
        self.t = t;
        (self.beta1_pow, self.beta2_pow) = powers;
    }

    /// Number of updates made since creation or the last [`OptimizerState::reset`] (t for Adam).
    pub fn steps(&self) -> u64 {
        self.t
    }

    /// The proximal step of an L1 term of strength `l1` = λα after an [`update`](Self::update):
    /// every weight soft-thresholded, w ← sign(w)·max(|w| − τ, 0), by the step this rule
    /// actually took along that weight, so that the fixed points are the optimum of the L1
    /// objective whatever the rule: τ = η·l1 for gradient descent and SGD, η·l1/(1 − β) for
    /// momentum (its steady step), η·l1/(√v̂ + ε) for Adam (its per-weight step). Gives exact
    /// zeros. `weights` are the leading parameters (the biases are not penalized).
    pub fn shrink(&self, optimizer: Optimizer, eta: f64, l1: f64, weights: &mut [f64]) {
        if l1 <= 0.0 {
            return;
        }
        let soft = |w: &mut f64, tau: f64| {
            let shrunk = w.abs() - tau;
            *w = if shrunk > 0.0 {
                shrunk.copysign(*w)
            } else {
                0.0
            };
        };
        match optimizer {
            Optimizer::GradientDescent | Optimizer::Sgd => {
                weights.iter_mut().for_each(|w| soft(w, eta * l1));
            }
            Optimizer::Momentum { beta } => {
                let tau = eta * l1 / (1.0 - beta);
                weights.iter_mut().for_each(|w| soft(w, tau));
            }
            Optimizer::Adam { epsilon, .. } => {
                let c2 = 1.0 - self.beta2_pow;
                for (w, &v) in weights.iter_mut().zip(&self.second) {
                    let v_hat = v / c2;
                    soft(w, eta * l1 / (libm::sqrt(v_hat) + epsilon));
                }
            }
        }
    }

    /// One update of `params` in place from the gradient `grad` with step size `eta`, by the rule
    /// documented on each [`Optimizer`] variant. No allocation.
    ///
    /// Panics if `params`, `grad` and the state do not have the same length.
    pub fn update(&mut self, optimizer: Optimizer, eta: f64, params: &mut [f64], grad: &[f64]) {
        let n = self.first.len();
        assert!(
            params.len() == n && grad.len() == n,
            "params, grad and state must have one length"
        );
        self.t += 1;
        match optimizer {
            Optimizer::GradientDescent | Optimizer::Sgd => {
                for (w, &g) in params.iter_mut().zip(grad) {
                    *w -= eta * g;
                }
            }
            Optimizer::Momentum { beta } => {
                for ((w, v), &g) in params.iter_mut().zip(&mut self.first).zip(grad) {
                    *v = beta * *v + g;
                    *w -= eta * *v;
                }
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                self.beta1_pow *= beta1;
                self.beta2_pow *= beta2;
                // Bias correction DIVIDES by 1 − βᵗ: early moments are biased towards their zero start.
                let (c1, c2) = (1.0 - self.beta1_pow, 1.0 - self.beta2_pow);
                let moments = self.first.iter_mut().zip(&mut self.second);
                for ((w, (m, v)), &g) in params.iter_mut().zip(moments).zip(grad) {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    let (m_hat, v_hat) = (*m / c1, *v / c2);
                    *w -= eta * m_hat / (libm::sqrt(v_hat) + epsilon);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(a: f64, b: f64, tol: f64, what: &str) {
        assert!((a - b).abs() <= tol, "{what}: {a} vs {b}");
    }

    #[test]
    fn only_gradient_descent_and_sgd_step_by_exactly_eta_times_the_gradient() {
        for kind in OptimizerKind::ALL {
            let mut state = OptimizerState::new(2);
            let mut w = [1.0, -2.0];
            let g = [0.5, 0.25];
            // Two updates with the same gradient: a rule with memory takes a different second step.
            state.update(kind.optimizer(), 0.1, &mut w, &g);
            let before = w;
            state.update(kind.optimizer(), 0.1, &mut w, &g);
            let plain = (0..2).all(|i| (before[i] - w[i] - 0.1 * g[i]).abs() < 1e-12);
            assert_eq!(plain, kind.steps_along_gradient(), "{kind:?}");
            assert_eq!(kind.optimizer().kind(), kind);
        }
    }

    #[test]
    fn only_full_batch_gradient_descent_skips_mini_batches() {
        assert!(!Optimizer::GradientDescent.uses_mini_batches());
        assert!(Optimizer::Sgd.uses_mini_batches());
        assert!(Optimizer::momentum().uses_mini_batches());
        assert!(Optimizer::adam().uses_mini_batches());
        assert_eq!(Optimizer::momentum(), Optimizer::Momentum { beta: 0.9 });
    }

    #[test]
    fn gradient_descent_step_moves_against_the_gradient_by_eta_times_it() {
        let mut w = [1.0, -2.0, 0.5];
        let mut state = OptimizerState::new(3);
        state.update(Optimizer::GradientDescent, 0.5, &mut w, &[2.0, -1.0, 0.0]);
        assert_eq!(w, [0.0, -1.5, 0.5]);
        state.update(Optimizer::Sgd, 0.25, &mut w, &[4.0, 2.0, -2.0]);
        assert_eq!(w, [-1.0, -2.0, 1.0]);
        assert_eq!(state.steps(), 2);
    }

    #[test]
    fn momentum_two_steps_accumulate_velocity_by_hand() {
        let mut w = [1.0];
        let mut state = OptimizerState::new(1);
        let rule = Optimizer::Momentum { beta: 0.5 };
        // v₁ = 0.5·0 + 2 = 2, w₁ = 1 − 0.25·2 = 0.5.
        state.update(rule, 0.25, &mut w, &[2.0]);
        assert_eq!(w, [0.5]);
        // v₂ = 0.5·2 + 4 = 5, w₂ = 0.5 − 0.25·5 = −0.75.
        state.update(rule, 0.25, &mut w, &[4.0]);
        assert_eq!(w, [-0.75]);
    }

    #[test]
    fn adam_first_step_moves_each_parameter_by_eta_times_the_gradient_sign() {
        // m̂₁ = g and v̂₁ = g², so the step is η·g/(|g| + ε) whatever the gradient's scale.
        let grad = [1e-3, -5.0, 100.0, -0.3];
        let mut w = [0.0; 4];
        let mut state = OptimizerState::new(4);
        state.update(Optimizer::adam(), 0.01, &mut w, &grad);
        for (i, (&wi, &g)) in w.iter().zip(&grad).enumerate() {
            assert_close(wi, -0.01 * g.signum(), 0.01 * 1e-4, &format!("w[{i}]"));
        }
    }

    #[test]
    fn adam_second_step_matches_the_hand_computation() {
        let mut w = [0.0];
        let mut state = OptimizerState::new(1);
        state.update(Optimizer::adam(), 0.1, &mut w, &[0.5]);
        // Step 1: m = 0.05, v = 0.00025, m̂ = 0.5, v̂ = 0.25, w = −0.1·0.5/(0.5 + 1e-8).
        assert_close(w[0], -0.1 * 0.5 / (0.5 + 1e-8), 1e-15, "step 1");
        state.update(Optimizer::adam(), 0.1, &mut w, &[-1.0]);
        // Step 2: m = 0.045 − 0.1 = −0.055, v = 0.00024975 + 0.001 = 0.00124975,
        // m̂ = −0.055/0.19 = −0.289473684…, v̂ = 0.00124975/0.001999 = 0.625187593…,
        // √v̂ = 0.790688051…, step = 0.1·m̂/(√v̂ + ε) = −0.036610352…
        assert_close(w[0], -0.099_999_998 + 0.036_610_352, 1e-9, "step 2");
        assert_eq!(state.steps(), 2);
    }

    #[test]
    fn every_optimizer_reaches_the_bottom_of_a_quadratic_bowl() {
        // f(x, y) = ½(x² + 10y²), ∇f = (x, 10y), minimum at the origin.
        let cases = [
            (Optimizer::GradientDescent, 0.1, 500),
            (Optimizer::Sgd, 0.1, 500),
            (Optimizer::momentum(), 0.02, 1000),
            (Optimizer::adam(), 0.01, 5000),
        ];
        for (rule, eta, steps) in cases {
            let mut w = [1.0, -2.0];
            let mut state = OptimizerState::new(2);
            for _ in 0..steps {
                let grad = [w[0], 10.0 * w[1]];
                state.update(rule, eta, &mut w, &grad);
            }
            assert!(w[0].hypot(w[1]) < 1e-6, "{rule:?} ended at {w:?}");
        }
    }

    #[test]
    fn reset_clears_moments_and_step_count() {
        let mut state = OptimizerState::new(2);
        let mut w = [1.0, 1.0];
        for _ in 0..3 {
            state.update(Optimizer::adam(), 0.1, &mut w, &[1.0, -1.0]);
        }
        assert_eq!(state.steps(), 3);
        state.reset();
        assert_eq!(state, OptimizerState::new(2));
        // After a reset, Adam's next step is a first step again: η·sign(g).
        let mut w = [0.0, 0.0];
        state.update(Optimizer::adam(), 0.1, &mut w, &[3.0, -3.0]);
        assert_close(w[0], -0.1, 1e-8, "w[0]");
        assert_close(w[1], 0.1, 1e-8, "w[1]");
    }
}
