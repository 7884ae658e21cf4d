//! Penalties (正则化惩罚) on the weights; biases are never passed in here.

/// Which penalty is added to the data loss. The strength λ is kept apart (see [`Regularizer`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Penalty {
    /// No penalty: R(w) = 0.
    None,
    /// L1: R(w) = Σ|w|.
    L1,
    /// L2: R(w) = ½Σw².
    L2,
    /// Elastic net: R(w) = α·Σ|w| + (1 − α)·½Σw², with α = `l1_ratio` ∈ [0, 1].
    ElasticNet {
        /// α, the share of L1.
        l1_ratio: f64,
    },
}

/// The penalties by name, without elastic net's α: what a person chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PenaltyKind {
    /// [`Penalty::None`].
    None,
    /// [`Penalty::L1`].
    L1,
    /// [`Penalty::L2`].
    L2,
    /// [`Penalty::ElasticNet`].
    ElasticNet,
}

impl PenaltyKind {
    /// Every kind, in the page's order.
    pub const ALL: [PenaltyKind; 4] = [
        PenaltyKind::None,
        PenaltyKind::L1,
        PenaltyKind::L2,
        PenaltyKind::ElasticNet,
    ];

    /// The penalty, with `l1_ratio` as elastic net's α (unused by the others).
    pub fn penalty(self, l1_ratio: f64) -> Penalty {
        match self {
            PenaltyKind::None => Penalty::None,
            PenaltyKind::L1 => Penalty::L1,
            PenaltyKind::L2 => Penalty::L2,
            PenaltyKind::ElasticNet => Penalty::ElasticNet { l1_ratio },
        }
    }
}

impl Penalty {
    /// Which kind of penalty this is.
    pub fn kind(self) -> PenaltyKind {
        match self {
            Penalty::None => PenaltyKind::None,
            Penalty::L1 => PenaltyKind::L1,
            Penalty::L2 => PenaltyKind::L2,
            Penalty::ElasticNet { .. } => PenaltyKind::ElasticNet,
        }
    }
}

/// A penalty with its strength: the term added to the loss is λ·R(w).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Regularizer {
    /// The kind of penalty.
    pub penalty: Penalty,
    /// λ ≥ 0.
    pub lambda: f64,
}

impl Regularizer {
    /// No penalty at all: [`Penalty::None`] with λ = 0.
    pub fn none() -> Self {
        Regularizer {
            penalty: Penalty::None,
            lambda: 0.0,
        }
    }

    /// (λα, λ(1 − α)): the weights of Σ|w| and of ½Σw² in λ·R(w). α = 1 for L1, 0 for L2 and None
    /// (None also has no L2 part).
    pub fn strengths(&self) -> (f64, f64) {
        match self.penalty {
            Penalty::None => (0.0, 0.0),
            Penalty::L1 => (self.lambda, 0.0),
            Penalty::L2 => (0.0, self.lambda),
            Penalty::ElasticNet { l1_ratio } => {
                (self.lambda * l1_ratio, self.lambda * (1.0 - l1_ratio))
            }
        }
    }

    /// The term added to the loss, λ·R(w) = λα·Σ|w| + λ(1 − α)·½Σw² (see [`Penalty`] for α).
    pub fn value(&self, w: &[f64]) -> f64 {
        let (l1, l2) = self.strengths();
        let (abs_sum, sq_sum) = w
            .iter()
            .fold((0.0, 0.0), |(a, q), &x| (a + x.abs(), q + x * x));
        l1 * abs_sum + l2 * 0.5 * sq_sum
    }

    /// Adds the gradient of the SMOOTH part, λ(1 − α)·w, into `grad` (λw for L2, λ(1 − α)w for elastic
    /// net, nothing for L1 and None). The L1 part is left to [`Regularizer::prox`].
    pub fn add_smooth_grad(&self, w: &[f64], grad: &mut [f64]) {
        assert_eq!(w.len(), grad.len(), "one gradient entry per weight");
        let (_, l2) = self.strengths();
        if l2 != 0.0 {
            for (g, &x) in grad.iter_mut().zip(w) {
                *g += l2 * x;
            }
        }
    }

    /// Adds the full (sub)gradient λ·∂R/∂w = λα·sign(w) + λ(1 − α)·w into `grad`, with sign(0) = 0.
    /// Training uses [`Regularizer::add_smooth_grad`] plus a proximal step for the L1 part
    /// instead; this one serves the gradient checks away from w = 0.
    pub fn add_grad(&self, w: &[f64], grad: &mut [f64]) {
        self.add_smooth_grad(w, grad);
        let (l1, _) = self.strengths();
        if l1 != 0.0 {
            for (g, &x) in grad.iter_mut().zip(w) {
                if x != 0.0 {
                    *g += l1 * x.signum();
                }
            }
        }
    }

    /// The proximal step of the L1 part after a gradient step of size `eta` (soft-thresholding):
    /// w ← sign(w)·max(|w| − τ, 0) with τ = η·λ·α (α = 1 for L1, 0 for None and L2, which leave w
    /// untouched). Weights with |w| ≤ τ become exactly +0.0 rather than jittering around zero; the
    /// others move towards zero by exactly τ (up to one rounding). Returns how many weights are
    /// exactly 0 afterwards.
    pub fn prox(&self, eta: f64, w: &mut [f64]) -> usize {
        let (l1, _) = self.strengths();
        let tau = eta * l1;
        let mut zeros = 0;
        for x in w.iter_mut() {
            if tau > 0.0 {
                *x = if x.abs() <= tau {
                    0.0
                } else {
                    *x - tau.copysign(*x)
                };
            }
            if *x == 0.0 {
                zeros += 1;
            }
        }
        zeros
    }

    /// Whether the penalty has an L1 part (λα > 0), i.e. whether [`Regularizer::prox`] does anything.
    pub fn has_l1(&self) -> bool {
        self.strengths().0 > 0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;

    const W1: [f64; 4] = [1.0, 0.0, 0.0, 0.0];
    const W2: [f64; 4] = [0.25; 4];

    fn reg(penalty: Penalty, lambda: f64) -> Regularizer {
        Regularizer { penalty, lambda }
    }

    #[test]
    fn articles_two_weight_vectors_fit_equally_but_pay_different_penalties() {
        // Both give w·x = 1 on x = [1, 1, 1, 1].
        let dot = |w: &[f64; 4]| w.iter().sum::<f64>();
        assert_eq!((dot(&W1), dot(&W2)), (1.0, 1.0));
        // L1 cannot tell them apart: Σ|w| = 1 for both.
        assert_eq!(reg(Penalty::L1, 1.0).value(&W1), 1.0);
        assert_eq!(reg(Penalty::L1, 1.0).value(&W2), 1.0);
        // L2 prefers the spread-out one: ½·1 = 0.5 against ½·4·(1/16) = 0.125.
        assert_eq!(reg(Penalty::L2, 1.0).value(&W1), 0.5);
        assert_eq!(reg(Penalty::L2, 1.0).value(&W2), 0.125);
        // Elastic net, α = 0.5: 0.5·1 + 0.5·0.5 = 0.75 and 0.5·1 + 0.5·0.125 = 0.5625; λ = 2 doubles it.
        let net = reg(Penalty::ElasticNet { l1_ratio: 0.5 }, 1.0);
        assert_eq!(net.value(&W1), 0.75);
        assert_eq!(net.value(&W2), 0.5625);
        assert_eq!(
            reg(Penalty::ElasticNet { l1_ratio: 0.5 }, 2.0).value(&W2),
            1.125
        );
        assert_eq!(Regularizer::none().value(&W1), 0.0);
        assert_eq!(reg(Penalty::None, 3.0).value(&W1), 0.0);
    }

    #[test]
    fn smooth_gradient_leaves_out_the_l1_part_and_adds_to_what_is_there() {
        let w = [2.0, -1.0, 0.0];
        let mut g = [1.0; 3];
        reg(Penalty::ElasticNet { l1_ratio: 0.25 }, 2.0).add_smooth_grad(&w, &mut g);
        // λ(1 − α) = 1.5.
        assert_eq!(g, [4.0, -0.5, 1.0]);
        let mut g = [1.0; 3];
        reg(Penalty::L1, 2.0).add_smooth_grad(&w, &mut g);
        assert_eq!(g, [1.0; 3]);
        reg(Penalty::L1, 2.0).add_grad(&w, &mut g);
        // sign(0) = 0.
        assert_eq!(g, [3.0, -1.0, 1.0]);
    }

    #[test]
    fn full_gradient_matches_central_differences_away_from_zero() {
        let mut rng = Rng::new(7);
        // Weights at least 0.1 from the kink of |w|.
        let w: Vec<f64> = (0..6)
            .map(|_| {
                let x = rng.range(0.1, 2.0);
                if rng.uniform() < 0.5 { -x } else { x }
            })
            .collect();
        for penalty in [
            Penalty::L1,
            Penalty::L2,
            Penalty::ElasticNet { l1_ratio: 0.3 },
        ] {
            let r = reg(penalty, 0.7);
            let mut g = vec![0.0; w.len()];
            r.add_grad(&w, &mut g);
            let h = 1e-6;
            for i in 0..w.len() {
                let (mut up, mut down) = (w.clone(), w.clone());
                up[i] += h;
                down[i] -= h;
                let numeric = (r.value(&up) - r.value(&down)) / (2.0 * h);
                let rel = (g[i] - numeric).abs() / (g[i].abs() + numeric.abs()).max(1e-3);
                assert!(
                    rel < 1e-6,
                    "{penalty:?} [{i}]: analytic {} numeric {numeric}",
                    g[i]
                );
            }
        }
    }

    #[test]
    fn prox_soft_thresholds_to_exact_zeros_and_shrinks_the_rest_by_eta_lambda() {
        // τ = ηλ = 0.5·0.5 = 0.25.
        let mut w = [1.0, -0.75, 0.25, -0.125, 0.0, 0.5];
        let zeros = reg(Penalty::L1, 0.5).prox(0.5, &mut w);
        assert_eq!(w, [0.75, -0.5, 0.0, 0.0, 0.0, 0.25]);
        assert!(w[2] == 0.0 && w[3] == 0.0 && w[3].is_sign_positive());
        assert_eq!(zeros, 3);
        // Elastic net thresholds by ηλα only; L2 and None leave the weights alone.
        let mut w = [1.0, -0.1];
        assert_eq!(
            reg(Penalty::ElasticNet { l1_ratio: 0.5 }, 0.5).prox(0.5, &mut w),
            1
        );
        assert_eq!(w, [0.875, 0.0]);
        let mut w = [1.0, 0.0, -0.1];
        assert_eq!(reg(Penalty::L2, 0.5).prox(0.5, &mut w), 1);
        assert_eq!(w, [1.0, 0.0, -0.1]);
        assert!(!reg(Penalty::L2, 0.5).has_l1() && !Regularizer::none().has_l1());
        assert!(!reg(Penalty::L1, 0.0).has_l1() && reg(Penalty::L1, 0.1).has_l1());
    }

    #[test]
    fn proximal_gradient_descent_converges_to_the_soft_thresholded_target() {
        // min ½‖w − c‖² + λ‖w‖₁ has the solution S_λ(c) = sign(c)·max(|c| − λ, 0).
        let lambda = 1.0;
        let c = [3.0, -2.5, 0.5, -1.0, 1.0, -0.2, 1.5];
        let r = reg(Penalty::L1, lambda);
        let eta = 0.5;
        let mut w = [1.0; 7];
        let mut zeros = 0;
        for _ in 0..200 {
            for (x, &ci) in w.iter_mut().zip(&c) {
                *x -= eta * (*x - ci);
            }
            zeros = r.prox(eta, &mut w);
        }
        let expected = [2.0, -1.5, 0.0, 0.0, 0.0, 0.0, 0.5];
        for (i, (&got, &want)) in w.iter().zip(&expected).enumerate() {
            if want == 0.0 {
                assert_eq!(got, 0.0, "w[{i}] should be exactly zero");
            } else {
                assert!((got - want).abs() < 1e-12, "w[{i}] = {got}, want {want}");
            }
        }
        assert_eq!(zeros, 4);
    }
}
