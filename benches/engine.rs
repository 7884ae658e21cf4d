//! Native benchmark of the engine. Run with `cargo bench --bench engine`.
//!
//! Criterion reports throughput as elements/s: for training, one element is one sample through
//! forward, loss, backward and update; for the map, one element is one cell.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use losslab::bench::{self, BATCH, Kernel, Net, POINTS};
use std::hint::black_box;

fn training(c: &mut Criterion) {
    let mut group = c.benchmark_group("train 2-8-8-8 tanh, mini-batch 10");
    let batches = POINTS / BATCH;
    group.throughput(Throughput::Elements(POINTS as u64));
    for (name, net) in [
        ("softmax cross-entropy, 3 outputs", Net::SoftmaxCrossEntropy),
        ("squared error + L2, 1 output", Net::TanhSquaredL2),
    ] {
        let mut kernel = Kernel::new(net);
        group.bench_function(name, |b| b.iter(|| black_box(kernel.run(batches))));
    }
    // The page's loop: the same training plus the per-epoch evaluation on all 500 points.
    let mut trainer = bench::trainer();
    group.bench_function("softmax cross-entropy, with per-epoch evaluation", |b| {
        b.iter(|| black_box(trainer.step(batches as u64)))
    });
    group.finish();

    let mut group = c.benchmark_group("decision map");
    let (mut map, model) = bench::decision_map();
    group.throughput(Throughput::Elements((map.size() * map.size()) as u64));
    group.bench_function("fill 200x200, 2-8-8-8-3 tanh", |b| {
        b.iter(|| map.fill(black_box(&model)))
    });
    group.finish();
}

criterion_group!(benches, training);
criterion_main!(benches);
