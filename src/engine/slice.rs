//! A slice through the live classifier's loss: every parameter frozen at its current value
//! except along two directions, so the objective (data loss + penalty on the training set)
//! becomes a surface over a plane that gradient descent can roll on.
//!
//! A point (u, v) of the plane stands for the parameters θ = origin + u·d₁ + v·d₂.
//! - Two weights i and j: d₁ = eᵢ, d₂ = eⱼ and the origin is the current θ with those two weights
//!   set to 0, so (u, v) are the two weights' own values and the current network sits at
//!   (θᵢ, θⱼ).
//! - Two random directions, the loss-landscape method of Li et al. (2018): Gaussian directions,
//!   filter-normalized — each neuron's incoming weights rescaled to the norm of that neuron's
//!   current weights, biases left out — with the origin at the current θ, which sits at (0, 0).
//!
//! The gradient over the plane is the chain rule through θ: ∂L/∂u = ∇L(θ)·d₁, ∂L/∂v = ∇L(θ)·d₂.

use ndarray::s;

use super::data::DataSet;
use super::loss::Loss;
use super::model::{Mlp, Workspace};
use super::penalty::Regularizer;
use super::rng::Rng;
use super::surface::Surface;
use super::trainer::{Trainer, forward_backward};

/// Which two directions the slice follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SliceKind {
    /// Two of the network's weights (indices into the flat parameter vector).
    Weights(usize, usize),
    /// Two random, filter-normalized directions drawn from a seed.
    Random(u64),
}

/// The objective of a frozen copy of the classifier over a plane of its parameters.
#[derive(Clone, Debug)]
pub struct Slice {
    kind: SliceKind,
    model: Mlp,
    origin: Vec<f64>,
    directions: [Vec<f64>; 2],
    centre: [f64; 2],
    loss: Loss,
    regularizer: Regularizer,
    data: DataSet,
    batch_size: usize,
    ws: Workspace,
    grad: Vec<f64>,
    batch: DataSet,
}

impl Slice {
    /// The slice of `kind` through `trainer`'s current network, its loss, penalty and training set
    /// (mini-batches of its batch size for SGD). Weight indices beyond the network are clamped.
    pub fn new(trainer: &Trainer, kind: SliceKind) -> Slice {
        let model = trainer.model().clone();
        let theta = model.params().to_vec();
        let n = theta.len();
        let (origin, directions, centre, kind) = match kind {
            SliceKind::Weights(i, j) => {
                let last = model.weight_count().max(2) - 1;
                let (i, j) = (i.min(last), j.min(last));
                let j = if j == i { (i + 1) % (last + 1) } else { j };
                let mut origin = theta.clone();
                origin[i] = 0.0;
                origin[j] = 0.0;
                let mut d1 = vec![0.0; n];
                let mut d2 = vec![0.0; n];
                d1[i] = 1.0;
                d2[j] = 1.0;
                (
                    origin,
                    [d1, d2],
                    [theta[i], theta[j]],
                    SliceKind::Weights(i, j),
                )
            }
            SliceKind::Random(seed) => {
                let mut rng = Rng::new(seed);
                let mut direction = || {
                    let mut d = vec![0.0; n];
                    for layer in model.layers() {
                        for o in 0..layer.outputs {
                            let index = |i: usize| layer.weights + i * layer.outputs + o;
                            let mut norm_d = 0.0;
                            let mut norm_w = 0.0;
                            for i in 0..layer.inputs {
                                let g = rng.normal();
                                d[index(i)] = g;
                                norm_d += g * g;
                                norm_w += theta[index(i)] * theta[index(i)];
                            }
                            let scale = if norm_d > 0.0 {
                                (norm_w / norm_d).sqrt()
                            } else {
                                0.0
                            };
                            for i in 0..layer.inputs {
                                d[index(i)] *= scale;
                            }
                        }
                    }
                    d
                };
                let d1 = direction();
                let d2 = direction();
                (theta, [d1, d2], [0.0, 0.0], SliceKind::Random(seed))
            }
        };
        let data = trainer.split().train.clone();
        let batch_size = trainer.config().batch_size.clamp(1, data.len().max(1));
        Slice {
            kind,
            model,
            origin,
            directions,
            centre,
            loss: trainer.config().loss,
            regularizer: trainer.config().regularizer,
            batch: DataSet {
                x: ndarray::Array2::zeros((batch_size, 2)),
                labels: vec![0; batch_size],
            },
            data,
            batch_size,
            ws: Workspace::default(),
            grad: vec![0.0; n],
        }
    }

    /// The directions followed (weight indices clamped to the network).
    pub fn kind(&self) -> SliceKind {
        self.kind
    }

    /// Where the network the slice was taken from sits in the plane.
    pub fn centre(&self) -> [f64; 2] {
        self.centre
    }

    /// The region to draw: 3 on each side of the two weights' values, or [−1, 1]² along random
    /// directions (each as long as the network's own weights).
    pub fn extent(&self) -> ((f64, f64), (f64, f64)) {
        match self.kind {
            SliceKind::Weights(..) => (
                (self.centre[0] - 3.0, self.centre[0] + 3.0),
                (self.centre[1] - 3.0, self.centre[1] + 3.0),
            ),
            SliceKind::Random(_) => ((-1.0, 1.0), (-1.0, 1.0)),
        }
    }

    /// Puts the frozen network at the plane's point w.
    fn place(&mut self, w: [f64; 2]) {
        let params = self.model.params_mut();
        for (k, p) in params.iter_mut().enumerate() {
            *p = self.origin[k] + w[0] * self.directions[0][k] + w[1] * self.directions[1][k];
        }
    }

    /// Data loss + penalty at the placed parameters, on `data`, and the chain-rule gradient
    /// over the plane.
    fn evaluate(&mut self, batch: bool) -> (f64, [f64; 2]) {
        let data = if batch { &self.batch } else { &self.data };
        let loss = forward_backward(
            &self.model,
            self.loss,
            data.x.view(),
            &data.labels,
            &mut self.ws,
            &mut self.grad,
        );
        let w = self.model.weight_count();
        let weights = &self.model.params()[..w];
        self.regularizer.add_grad(weights, &mut self.grad[..w]);
        let value = loss + self.regularizer.value(weights);
        let along = |d: &[f64]| self.grad.iter().zip(d).map(|(g, d)| g * d).sum::<f64>();
        (
            value,
            [along(&self.directions[0]), along(&self.directions[1])],
        )
    }
}

impl Surface for Slice {
    fn value(&mut self, w: [f64; 2]) -> f64 {
        self.place(w);
        let scores = self.model.forward(self.data.x.view(), &mut self.ws);
        let loss = self.loss.value(scores, &self.data.labels);
        loss + self.regularizer.value(self.model.weights())
    }

    fn value_and_gradient(&mut self, w: [f64; 2]) -> (f64, [f64; 2]) {
        self.place(w);
        self.evaluate(false)
    }

    /// The gradient on a mini-batch of `batch_size` training points drawn uniformly at random
    /// (with replacement), an unbiased estimate of the full gradient.
    fn noisy_gradient(&mut self, w: [f64; 2], rng: &mut Rng) -> [f64; 2] {
        self.place(w);
        let n = self.data.len();
        for r in 0..self.batch_size {
            let row = rng.below(n);
            self.batch
                .x
                .slice_mut(s![r, ..])
                .assign(&self.data.x.slice(s![row, ..]));
            self.batch.labels[r] = self.data.labels[row];
        }
        self.evaluate(true).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::trainer::TrainConfig;

    fn trainer() -> Trainer {
        let base = crate::settings::Settings::default().train.config();
        let mut t = Trainer::new(TrainConfig {
            regularizer: Regularizer {
                penalty: crate::engine::penalty::Penalty::L2,
                lambda: 0.01,
            },
            ..base
        });
        t.step(40);
        t.refresh();
        t
    }

    #[test]
    fn at_its_centre_the_slice_is_the_models_current_objective() {
        let t = trainer();
        let objective = t.metrics().objective;
        for kind in [SliceKind::Weights(0, 1), SliceKind::Random(5)] {
            let mut slice = Slice::new(&t, kind);
            let at = slice.value(slice.centre());
            assert!(
                (at - objective).abs() < 1e-12,
                "{kind:?}: {at} vs {objective}"
            );
        }
    }

    #[test]
    fn the_slice_gradient_matches_finite_differences() {
        let t = trainer();
        let h = 1e-6;
        for kind in [SliceKind::Weights(3, 7), SliceKind::Random(9)] {
            let mut slice = Slice::new(&t, kind);
            let c = slice.centre();
            for w in [c, [c[0] + 0.3, c[1] - 0.2]] {
                let (_, g) = slice.value_and_gradient(w);
                for k in 0..2 {
                    let (mut up, mut down) = (w, w);
                    up[k] += h;
                    down[k] -= h;
                    let fd = (slice.value(up) - slice.value(down)) / (2.0 * h);
                    assert!(
                        (fd - g[k]).abs() < 1e-6 * (1.0 + g[k].abs()),
                        "{kind:?}: {fd} vs {}",
                        g[k]
                    );
                }
            }
        }
    }

    #[test]
    fn random_directions_are_filter_normalized_and_leave_biases_alone() {
        let t = trainer();
        let slice = Slice::new(&t, SliceKind::Random(3));
        let model = t.model();
        for d in &slice.directions {
            for layer in model.layers() {
                for o in 0..layer.outputs {
                    let index = |i: usize| layer.weights + i * layer.outputs + o;
                    let norm = |v: &[f64]| {
                        (0..layer.inputs)
                            .map(|i| v[index(i)].powi(2))
                            .sum::<f64>()
                            .sqrt()
                    };
                    assert!((norm(d) - norm(model.params())).abs() < 1e-12);
                }
            }
            assert!(d[model.weight_count()..].iter().all(|&b| b == 0.0));
        }
    }
}
