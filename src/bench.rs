//! The benchmark workloads, shared by the native benchmark (`cargo bench`) and the browser one
//! (`www/bench.html`), so both measure exactly the same work.
//!
//! The two networks are TensorFlow Playground's: 2 inputs → [8, 8, 8] tanh → k outputs, trained by
//! mini-batch SGD with batches of 10 on 250 points (its default data size and split).

use ndarray::Array2;

use crate::engine::activation::Activation;
use crate::engine::data::{DataKind, DataSpec, generate};
use crate::engine::loss::Loss;
use crate::engine::model::{Architecture, Mlp, Workspace};
use crate::engine::optimizer::{Optimizer, OptimizerState};
use crate::engine::penalty::{Penalty, Regularizer};
use crate::engine::stop::StopRules;
use crate::engine::trainer::{TrainConfig, Trainer, forward_backward};
use crate::render::decision::DecisionMap;

/// Which network and objective.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Net {
    /// 2→[8,8,8]→3, softmax cross-entropy, no penalty.
    SoftmaxCrossEntropy,
    /// 2→[8,8,8]→1, squared error, L2 (λ = 0.001).
    TanhSquaredL2,
}

/// Rows per mini-batch.
pub const BATCH: usize = 10;
/// Training points.
pub const POINTS: usize = 250;

/// Mini-batch training with nothing else: forward, loss, backward, penalty, update, batch after
/// batch over the training points. One batch trains [`BATCH`] samples.
pub struct Kernel {
    model: Mlp,
    loss: Loss,
    regularizer: Regularizer,
    optimizer: OptimizerState,
    workspace: Workspace,
    grad: Vec<f64>,
    x: Array2<f64>,
    labels: Vec<usize>,
    cursor: usize,
}

impl Kernel {
    /// The workload for `net`, with its data and first weights drawn from a fixed seed.
    pub fn new(net: Net) -> Self {
        let split = generate(&DataSpec {
            kind: DataKind::Spiral,
            samples: 2 * POINTS,
            noise: 0.2,
            train_fraction: 0.5,
            seed: 1,
        });
        let (outputs, loss, penalty) = match net {
            Net::SoftmaxCrossEntropy => (3, Loss::CrossEntropy, Penalty::None),
            Net::TanhSquaredL2 => (1, Loss::MeanSquared, Penalty::L2),
        };
        let labels = split
            .train
            .labels
            .iter()
            .map(|&l| if outputs == 1 { usize::from(l == 0) } else { l })
            .collect();
        let model = Mlp::new(
            Architecture {
                inputs: 2,
                hidden: vec![8, 8, 8],
                outputs,
                activation: Activation::Tanh,
            },
            1,
        );
        let n = model.params().len();
        Kernel {
            model,
            loss,
            regularizer: Regularizer {
                penalty,
                lambda: 0.001,
            },
            optimizer: OptimizerState::new(n),
            workspace: Workspace::default(),
            grad: vec![0.0; n],
            x: split.train.x,
            labels,
            cursor: 0,
        }
    }

    /// Trains `batches` mini-batches; returns the last batch's loss.
    pub fn run(&mut self, batches: usize) -> f64 {
        let mut loss = 0.0;
        for _ in 0..batches {
            let rows = self.cursor..self.cursor + BATCH;
            let x = self.x.slice(ndarray::s![rows.clone(), ..]);
            loss = forward_backward(
                &self.model,
                self.loss,
                x,
                &self.labels[rows],
                &mut self.workspace,
                &mut self.grad,
            );
            let w = self.model.weight_count();
            self.regularizer
                .add_smooth_grad(&self.model.params()[..w], &mut self.grad[..w]);
            self.optimizer
                .update(Optimizer::Sgd, 0.03, self.model.params_mut(), &self.grad);
            self.cursor = (self.cursor + BATCH) % POINTS;
        }
        loss
    }

    /// The model being trained.
    pub fn model(&self) -> &Mlp {
        &self.model
    }
}

/// The Train section's own run of `net`'s shape (3 classes): mini-batch training plus, once an
/// epoch, the evaluation of the loss, gradient norm and accuracy on all points that the page shows.
pub fn trainer() -> Trainer {
    Trainer::new(TrainConfig {
        data: DataSpec {
            kind: DataKind::Spiral,
            samples: 2 * POINTS,
            noise: 0.2,
            train_fraction: 0.5,
            seed: 1,
        },
        hidden: vec![8, 8, 8],
        activation: Activation::Tanh,
        loss: Loss::CrossEntropy,
        regularizer: Regularizer::none(),
        optimizer: Optimizer::Sgd,
        learning_rate: 0.03,
        batch_size: BATCH,
        stop: StopRules {
            max_iterations: u64::MAX,
            loss_below: 0.0,
            gradient_below: 0.0,
        },
    })
}

/// A decision map of the page's size, for timing its fill on the [8, 8, 8] network.
pub fn decision_map() -> (DecisionMap, Mlp) {
    (
        DecisionMap::new(200),
        Kernel::new(Net::SoftmaxCrossEntropy).model,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_workloads_learn() {
        for net in [Net::SoftmaxCrossEntropy, Net::TanhSquaredL2] {
            let mut k = Kernel::new(net);
            let epoch = |k: &mut Kernel| (0..POINTS / BATCH).map(|_| k.run(1)).sum::<f64>();
            let first = epoch(&mut k);
            for _ in 0..300 {
                epoch(&mut k);
            }
            let last = epoch(&mut k);
            assert!(last < 0.9 * first, "{net:?}: {first} → {last}");
        }
    }
}
