//! Native benchmark of the engine: training throughput in samples per second on the network
//! TensorFlow Playground trains, and the time to fill the 200×200 decision map.
//!
//! Run with `cargo bench --bench engine`. Throughput is reported by criterion as elements/s
//! (one element = one training sample through forward, loss, backward and update).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use losslab::engine::activation::Activation;
use losslab::engine::data::{DataKind, DataSpec};
use losslab::engine::loss::Loss;
use losslab::engine::optimizer::Optimizer;
use losslab::engine::penalty::{Penalty, Regularizer};
use losslab::engine::stop::StopRules;
use losslab::engine::trainer::{TrainConfig, Trainer};
use std::hint::black_box;

/// The two workloads of the benchmark: (name, loss, outputs are 3 classes, penalty).
fn config(loss: Loss, penalty: Penalty) -> TrainConfig {
    TrainConfig {
        data: DataSpec {
            kind: DataKind::Spiral,
            samples: 500,
            noise: 0.2,
            train_fraction: 0.5,
            seed: 1,
        },
        hidden: vec![8, 8, 8],
        activation: Activation::Tanh,
        loss,
        regularizer: Regularizer {
            penalty,
            lambda: 0.001,
        },
        optimizer: Optimizer::Sgd,
        learning_rate: 0.03,
        batch_size: 10,
        stop: StopRules {
            max_iterations: u64::MAX,
            loss_below: 0.0,
            gradient_below: 0.0,
        },
    }
}

fn training(c: &mut Criterion) {
    let mut group = c.benchmark_group("train 2-8-8-8 tanh, mini-batch 10");
    for (name, loss, penalty) in [
        (
            "softmax cross-entropy, 3 outputs",
            Loss::CrossEntropy,
            Penalty::None,
        ),
        ("squared error + L2", Loss::MeanSquared, Penalty::L2),
    ] {
        let mut trainer = Trainer::new(config(loss, penalty));
        // One epoch: 25 mini-batches of 10 plus the evaluation over all 500 points.
        group.throughput(Throughput::Elements(250));
        group.bench_function(name, |b| b.iter(|| black_box(trainer.step(25))));
    }
    group.finish();
}

criterion_group!(benches, training);
criterion_main!(benches);
