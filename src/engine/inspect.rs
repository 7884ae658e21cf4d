//! One parameter seen from inside: its next update written out with numbers
//! ([`WeightStep`]), and backpropagation (反向传播) for one data point, layer by layer, checked
//! against a finite difference ([`Trace`]). The trainer fills both
//! ([`Trainer::weight_step`], [`Trainer::trace`]) from its own passes.
//!
//! [`Trainer::weight_step`]: super::trainer::Trainer::weight_step
//! [`Trainer::trace`]: super::trainer::Trainer::trace

use super::model::LayerShape;
use super::optimizer::Optimizer;

/// Where a parameter sits in the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParamPlace {
    /// The layer it belongs to (0: from the inputs to the first hidden layer, or to the scores).
    pub layer: usize,
    /// The neuron of the layer below it comes from (None for a bias).
    pub from: Option<usize>,
    /// The neuron of its layer it feeds.
    pub to: usize,
}

impl ParamPlace {
    /// The place of parameter `i` in the flat vector laid out by `layers`, if it is one.
    pub fn of(layers: &[LayerShape], i: usize) -> Option<ParamPlace> {
        layers.iter().enumerate().find_map(|(l, s)| {
            let block = s.inputs * s.outputs;
            if (s.weights..s.weights + block).contains(&i) {
                let off = i - s.weights;
                Some(ParamPlace {
                    layer: l,
                    from: Some(off / s.outputs),
                    to: off % s.outputs,
                })
            } else if (s.biases..s.biases + s.outputs).contains(&i) {
                Some(ParamPlace {
                    layer: l,
                    from: None,
                    to: i - s.biases,
                })
            } else {
                None
            }
        })
    }
}

/// The next update of one parameter, every number of it, as the trainer will make it: with
/// g the data gradient on the next batch and λ(1 − α)w the smooth penalty's part (weights only),
///
/// - gradient descent and SGD: w′ = w − η·(g + λ(1 − α)w);
/// - momentum: v′ = β·v + (g + λ(1 − α)w), w′ = w − η·v′;
/// - Adam: m′ = β₁m + (1 − β₁)ĝ, v′ = β₂v + (1 − β₂)ĝ², m̂ = m′/(1 − β₁ᵗ), v̂ = v′/(1 − β₂ᵗ),
///   w′ = w − η·m̂/(√v̂ + ε), with ĝ = g + λ(1 − α)w;
///
/// then, with an L1 part λα > 0, the proximal step w″ = sign(w′)·max(|w′| − τ, 0) (τ as in
/// [`OptimizerState::shrink`]).
///
/// [`OptimizerState::shrink`]: super::optimizer::OptimizerState::shrink
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeightStep {
    /// The parameter's index in the flat vector.
    pub index: usize,
    /// Where it is.
    pub place: ParamPlace,
    /// Its value now.
    pub value: f64,
    /// ∂L/∂w of the mean data loss on the next batch (the trainer's backward pass).
    pub data_grad: f64,
    /// Rows of that batch.
    pub rows: usize,
    /// The smooth penalty's part of the gradient, λ(1 − α)·w (0 for a bias).
    pub smooth: f64,
    /// The L1 part's strength λα (0 for a bias).
    pub l1: f64,
    /// The learning rate η.
    pub eta: f64,
    /// The update rule.
    pub rule: Optimizer,
    /// Momentum's velocity, or Adam's (m, v), before the update (0 where unused).
    pub moments: (f64, f64),
    /// The same after the update.
    pub moments_next: (f64, f64),
    /// Adam's bias-corrected m̂, v̂ (0 otherwise).
    pub corrected: (f64, f64),
    /// Adam's step count t after the update (0 otherwise).
    pub t: u64,
    /// The value after the rule's step, before the L1 shrink.
    pub stepped: f64,
    /// The L1 shrink's threshold τ (0 without one).
    pub tau: f64,
    /// The value after the whole update.
    pub next: f64,
}

impl WeightStep {
    /// The update of parameter `index` (a weight if `is_weight`) from value `w`, data gradient
    /// `g`, strengths `(l1, l2)`, with the optimizer's state for it (`moments`, its step count
    /// and β₁ᵗ, β₂ᵗ before the update): the same operations in the same order as
    /// [`OptimizerState::update`] and [`OptimizerState::shrink`], so the same bits.
    ///
    /// [`OptimizerState::update`]: super::optimizer::OptimizerState::update
    /// [`OptimizerState::shrink`]: super::optimizer::OptimizerState::shrink
    #[allow(clippy::too_many_arguments)]
    pub fn of(
        index: usize,
        place: ParamPlace,
        w: f64,
        (g, rows): (f64, usize),
        (l1, l2): (f64, f64),
        eta: f64,
        rule: Optimizer,
        (moments, steps, powers): ((f64, f64), u64, (f64, f64)),
    ) -> WeightStep {
        let is_weight = place.from.is_some();
        let (l1, l2) = if is_weight { (l1, l2) } else { (0.0, 0.0) };
        let smooth = l2 * w;
        let full = if l2 != 0.0 { g + smooth } else { g };
        let mut out = WeightStep {
            index,
            place,
            value: w,
            data_grad: g,
            rows,
            smooth,
            l1,
            eta,
            rule,
            moments: (0.0, 0.0),
            moments_next: (0.0, 0.0),
            corrected: (0.0, 0.0),
            t: 0,
            stepped: w,
            tau: 0.0,
            next: w,
        };
        let mut c2 = 1.0;
        match rule {
            Optimizer::GradientDescent | Optimizer::Sgd => {
                out.stepped = w - eta * full;
            }
            Optimizer::Momentum { beta } => {
                let v = beta * moments.0 + full;
                out.moments = (moments.0, 0.0);
                out.moments_next = (v, 0.0);
                out.stepped = w - eta * v;
            }
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                let (p1, p2) = (powers.0 * beta1, powers.1 * beta2);
                let c1 = 1.0 - p1;
                c2 = 1.0 - p2;
                let m = beta1 * moments.0 + (1.0 - beta1) * full;
                let v = beta2 * moments.1 + (1.0 - beta2) * full * full;
                let (m_hat, v_hat) = (m / c1, v / c2);
                out.moments = moments;
                out.moments_next = (m, v);
                out.corrected = (m_hat, v_hat);
                out.t = steps + 1;
                out.stepped = w - eta * m_hat / (libm::sqrt(v_hat) + epsilon);
            }
        }
        out.next = out.stepped;
        if l1 > 0.0 {
            out.tau = match rule {
                Optimizer::GradientDescent | Optimizer::Sgd => eta * l1,
                Optimizer::Momentum { beta } => eta * l1 / (1.0 - beta),
                Optimizer::Adam { epsilon, .. } => {
                    let v_hat = out.moments_next.1 / c2;
                    eta * l1 / (libm::sqrt(v_hat) + epsilon)
                }
            };
            let shrunk = out.stepped.abs() - out.tau;
            out.next = if shrunk > 0.0 {
                shrunk.copysign(out.stepped)
            } else {
                0.0
            };
        }
        out
    }
}

/// Backpropagation for one data point (x, label), as the model runs it: the forward values layer
/// by layer, then δ = ∂ℓ/∂z flowing back, δ_below = (W·δ) ⊙ f′(a), ending in the point's
/// ∂ℓ/∂w = a_from·δ_to for the chosen weight (δ_to for a bias). ℓ is this point's loss alone;
/// its part in the mean over the N training points is ∂ℓ/∂w ÷ N. Checked against the central
/// difference (ℓ(w + h) − ℓ(w − h)) / 2h.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Trace {
    /// The point.
    pub x: [f64; 2],
    /// Its class.
    pub label: usize,
    /// The forward values: the inputs, each hidden layer's outputs (after the activation),
    /// then the scores.
    pub values: Vec<Vec<f64>>,
    /// δ = ∂ℓ/∂z of each layer's outputs (the hidden layers', then the scores'): `deltas[l]`
    /// belongs to `values[l + 1]`.
    pub deltas: Vec<Vec<f64>>,
    /// The point's loss ℓ.
    pub loss: f64,
    /// The chosen parameter and where it is.
    pub index: usize,
    /// Where the chosen parameter sits.
    pub place: Option<ParamPlace>,
    /// ∂ℓ/∂w by backpropagation.
    pub backprop: f64,
    /// ∂ℓ/∂w by the central difference.
    pub finite_difference: f64,
    /// The difference's step h.
    pub h: f64,
    /// Training points N (the mean's divisor).
    pub points: usize,
}

impl Trace {
    /// The point's part in ∂L/∂w of the mean data loss over the training set: ∂ℓ/∂w ÷ N.
    pub fn share(&self) -> f64 {
        self.backprop / self.points as f64
    }

    /// |backprop − finite difference| / max(|backprop|, |finite difference|, 1e-12).
    pub fn relative_error(&self) -> f64 {
        let scale = self
            .backprop
            .abs()
            .max(self.finite_difference.abs())
            .max(1e-12);
        (self.backprop - self.finite_difference).abs() / scale
    }
}
