//! Inside the network: the timeline (scrub back, resume bit for bit), one weight's next update
//! written out, and backpropagation for one point against the trainer's backward pass and a
//! finite difference.

use losslab::engine::activation::Activation;
use losslab::engine::data::{DataKind, DataSpec};
use losslab::engine::inspect::Trace;
use losslab::engine::loss::Loss;
use losslab::engine::model::Workspace;
use losslab::engine::optimizer::Optimizer;
use losslab::engine::penalty::{Penalty, Regularizer};
use losslab::engine::stop::StopRules;
use losslab::engine::trainer::{TrainConfig, Trainer, forward_backward};

fn config(optimizer: Optimizer, regularizer: Regularizer) -> TrainConfig {
    TrainConfig {
        data: DataSpec {
            kind: DataKind::Animals,
            samples: 120,
            noise: 0.3,
            train_fraction: 0.7,
            seed: 7,
        },
        hidden: vec![5, 4],
        activation: Activation::Tanh,
        loss: Loss::CrossEntropy,
        regularizer,
        optimizer,
        learning_rate: 0.05,
        batch_size: 10,
        stop: StopRules {
            max_iterations: 1_000_000,
            loss_below: 0.0,
            gradient_below: 0.0,
        },
    }
}

fn rules() -> [Optimizer; 4] {
    [
        Optimizer::GradientDescent,
        Optimizer::Sgd,
        Optimizer::momentum(),
        Optimizer::adam(),
    ]
}

fn penalties() -> [Regularizer; 4] {
    [
        Regularizer::none(),
        Regularizer {
            penalty: Penalty::L1,
            lambda: 0.01,
        },
        Regularizer {
            penalty: Penalty::L2,
            lambda: 0.01,
        },
        Regularizer {
            penalty: Penalty::ElasticNet { l1_ratio: 0.5 },
            lambda: 0.02,
        },
    ]
}

#[test]
fn scrubbing_to_a_snapshot_shows_exactly_the_weights_of_its_iteration() {
    let c = config(
        Optimizer::adam(),
        Regularizer {
            penalty: Penalty::L1,
            lambda: 0.01,
        },
    );
    let mut long = Trainer::new(c.clone());
    long.keep_timeline();
    long.step(700);
    let timeline = long.timeline().expect("kept");
    let k = timeline.find(300).expect("iteration 300 was kept");
    long.restore(k);
    let mut straight = Trainer::new(c);
    straight.step(300);
    assert_eq!(long.iteration(), 300);
    assert_eq!(long.model().params(), straight.model().params());
    straight.refresh();
    assert_eq!(
        long.metrics(),
        straight.metrics(),
        "every number of iteration 300"
    );
    // Scrubbing keeps the later snapshots: forward again to the last one, iteration 700.
    let last = long.timeline().unwrap().len() - 1;
    assert!(long.restore(last));
    assert_eq!(long.iteration(), 700);
    assert!(!long.restore(last + 1));
}

#[test]
fn resuming_from_a_snapshot_gives_the_trajectory_of_a_run_that_never_went_further() {
    for optimizer in rules() {
        for regularizer in penalties() {
            let c = config(optimizer, regularizer);
            let mut scrubbed = Trainer::new(c.clone());
            scrubbed.keep_timeline();
            scrubbed.step(133);
            scrubbed.step(400);
            let k = scrubbed
                .timeline()
                .unwrap()
                .find(133)
                .expect("the frame's end is kept");
            scrubbed.restore(k);
            let mut straight = Trainer::new(c.clone());
            straight.step(133);
            for i in 0..60 {
                scrubbed.step(1);
                straight.step(1);
                assert_eq!(
                    scrubbed.model().params(),
                    straight.model().params(),
                    "{optimizer:?} {regularizer:?} step {i}"
                );
            }
            // The later part is gone: the timeline and the history end here.
            assert_eq!(scrubbed.timeline().unwrap().last_iteration(), Some(193));
            assert!(
                scrubbed
                    .history()
                    .entries()
                    .iter()
                    .all(|m| m.iteration <= 193)
            );
            // The entries recorded since are the straight run's, as are its stop checks.
            let since = |t: &Trainer| -> Vec<_> {
                t.history()
                    .entries()
                    .iter()
                    .filter(|m| m.iteration > 133)
                    .copied()
                    .collect()
            };
            assert_eq!(
                since(&scrubbed),
                since(&straight),
                "{optimizer:?} {regularizer:?}"
            );
            assert_eq!(scrubbed.stopped(), straight.stopped());
        }
    }
}

#[test]
fn the_timeline_stays_within_its_store_as_it_thins() {
    let mut t = Trainer::new(config(Optimizer::Sgd, Regularizer::none()));
    t.keep_timeline();
    let (cap, bytes) = {
        let tl = t.timeline().unwrap();
        (tl.capacity(), tl.bytes())
    };
    assert!(bytes <= losslab::engine::timeline::BUDGET_BYTES + 4096);
    t.step(3 * cap as u64);
    let tl = t.timeline().unwrap();
    assert!(tl.len() <= cap && tl.stride() >= 2);
    assert_eq!(tl.bytes(), bytes);
    assert_eq!(tl.last_iteration(), Some(t.iteration()));
}

#[test]
fn after_a_divergence_the_last_good_snapshot_is_where_the_objective_was_lowest() {
    // It learns for a while, then η is raised: w ← (1 − ηλ)w − ηg with ηλ = 10 multiplies the
    // weights by about −9 every update.
    let mut t = Trainer::new(config(
        Optimizer::GradientDescent,
        Regularizer {
            penalty: Penalty::L2,
            lambda: 1.0,
        },
    ));
    t.keep_timeline();
    t.step(200);
    t.set_learning_rate(10.0);
    t.step(10_000);
    assert!(t.stopped().is_some_and(|s| s.is_divergence()));
    let k = t.last_good().expect("a good snapshot");
    let lowest = t
        .history()
        .entries()
        .iter()
        .map(|m| m.objective)
        .fold(f64::INFINITY, f64::min);
    assert!(t.restore(k));
    assert!(t.model().params().iter().all(|v| v.is_finite()));
    assert_eq!(t.metrics().objective, lowest);
    assert!(t.stopped().is_none());
    assert_eq!(t.iteration(), 200, "the last iteration before η was raised");
}

#[test]
fn the_written_out_update_is_exactly_the_next_steps_change() {
    for optimizer in rules() {
        for regularizer in penalties() {
            let mut t = Trainer::new(config(optimizer, regularizer));
            t.step(37);
            let n = t.model().params().len();
            let steps: Vec<_> = (0..n).map(|i| t.weight_step(i).unwrap()).collect();
            assert!(t.weight_step(n).is_none());
            t.step(1);
            for (i, s) in steps.iter().enumerate() {
                assert_eq!(
                    s.next.to_bits(),
                    t.model().params()[i].to_bits(),
                    "{optimizer:?} {regularizer:?} param {i}: {s:?}"
                );
            }
            // Biases are not penalized.
            let bias = steps.iter().find(|s| s.place.from.is_none()).unwrap();
            assert_eq!((bias.smooth, bias.l1), (0.0, 0.0));
        }
    }
}

#[test]
fn the_displayed_gradient_is_the_backward_pass_and_agrees_with_a_finite_difference() {
    let mut t = Trainer::new(config(Optimizer::GradientDescent, Regularizer::none()));
    t.step(25);
    let split = t.split().clone();
    let mut ws = Workspace::default();
    let mut grad = vec![0.0; t.model().params().len()];
    let model = t.model().clone();
    forward_backward(
        &model,
        Loss::CrossEntropy,
        split.train.x.view(),
        &split.train.labels,
        &mut ws,
        &mut grad,
    );
    for (i, &g) in grad.iter().enumerate() {
        let s = t.weight_step(i).unwrap();
        assert_eq!(s.data_grad.to_bits(), g.to_bits(), "param {i}");
        assert_eq!(s.rows, split.train.len());
        let h = 1e-6;
        let mut m = model.clone();
        m.params_mut()[i] += h;
        let up = Loss::CrossEntropy.value(
            m.forward(split.train.x.view(), &mut ws),
            &split.train.labels,
        );
        m.params_mut()[i] -= 2.0 * h;
        let down = Loss::CrossEntropy.value(
            m.forward(split.train.x.view(), &mut ws),
            &split.train.labels,
        );
        let fd = (up - down) / (2.0 * h);
        assert!(
            (fd - g).abs() <= 1e-6 * g.abs().max(1e-3),
            "param {i}: {g} vs {fd}"
        );
    }
}

#[test]
fn backprop_for_one_point_is_the_backward_pass_and_the_finite_difference() {
    for activation in [Activation::Tanh, Activation::Sigmoid, Activation::Linear] {
        for loss in [Loss::CrossEntropy, Loss::MeanSquared] {
            let mut c = config(Optimizer::Sgd, Regularizer::none());
            c.activation = activation;
            c.loss = loss;
            c.hidden = vec![4, 3, 3];
            let mut t = Trainer::new(c);
            t.step(50);
            let model = t.model().clone();
            let split = t.split().clone();
            let n = model.params().len();
            let mut sums = vec![0.0; n];
            let mut trace = Trace::default();
            let mut ws = Workspace::default();
            let mut grad = vec![0.0; n];
            for p in 0..split.train.len() {
                let row = split.train.x.slice(ndarray::s![p..p + 1, ..]);
                forward_backward(
                    &model,
                    loss,
                    row,
                    &split.train.labels[p..p + 1],
                    &mut ws,
                    &mut grad,
                );
                for i in 0..n {
                    assert!(t.trace(true, p, i, &mut trace));
                    assert_eq!(
                        trace.backprop, grad[i],
                        "{activation:?} {loss:?} point {p} param {i}"
                    );
                    assert!(
                        trace.relative_error() < 1e-6
                            || (trace.backprop - trace.finite_difference).abs() < 1e-9,
                        "{activation:?} {loss:?} point {p} param {i}: {trace:?}"
                    );
                    sums[i] += trace.share();
                }
                // The trace left the weights exactly as they were.
                assert_eq!(t.model().params(), model.params());
            }
            // The points' shares add up to the gradient of the mean loss.
            forward_backward(
                &model,
                loss,
                split.train.x.view(),
                &split.train.labels,
                &mut ws,
                &mut grad,
            );
            for i in 0..n {
                assert!(
                    (sums[i] - grad[i]).abs() <= 1e-12 * grad[i].abs().max(1.0),
                    "param {i}"
                );
            }
            // The forward values are the model's.
            t.trace(true, 3, 0, &mut trace);
            let row = split.train.x.slice(ndarray::s![3..4, ..]);
            let scores = model.forward(row, &mut ws);
            assert_eq!(
                trace.values.last().unwrap().as_slice(),
                scores.row(0).to_vec().as_slice()
            );
            assert_eq!(trace.values.len(), 5);
            assert_eq!(
                trace.deltas.iter().map(Vec::len).collect::<Vec<_>>(),
                [4, 3, 3, 3]
            );
        }
    }
    let mut t = Trainer::new(config(Optimizer::Sgd, Regularizer::none()));
    let mut trace = Trace::default();
    // A test point traces too (its loss's pull, though it takes no part in training).
    let test = t.split().test.clone();
    assert!(t.trace(false, 2, 5, &mut trace));
    assert_eq!(trace.x, [test.x[[2, 0]], test.x[[2, 1]]]);
    assert_eq!(trace.label, test.labels[2]);
    assert!(trace.relative_error() < 1e-6, "{trace:?}");
    assert!(!t.trace(false, test.len(), 0, &mut trace));
    assert!(!t.trace(true, 10_000, 0, &mut trace));
    assert!(!t.trace(true, 0, 10_000, &mut trace));
}

#[test]
fn a_weight_set_by_hand_is_the_state_training_goes_on_from() {
    let mut t = Trainer::new(config(Optimizer::Sgd, Regularizer::none()));
    t.keep_timeline();
    t.step(40);
    let before = t.metrics().objective;
    assert!(t.set_param(3, 2.5));
    assert_eq!(t.model().params()[3], 2.5);
    assert_ne!(t.metrics().objective, before);
    // The numbers are those of these weights, and the timeline's last snapshot is this state.
    let mut ws = Workspace::default();
    let split = t.split().clone();
    let loss = Loss::CrossEntropy.value(
        t.model().forward(split.train.x.view(), &mut ws),
        &split.train.labels,
    );
    assert_eq!(t.metrics().train_loss, loss);
    let tl = t.timeline().unwrap();
    assert_eq!(tl.last_iteration(), Some(40));
    assert_eq!(tl.params(tl.len() - 1)[3], 2.5);
    // Training carries on from it, exactly as the written-out update says.
    let next = t.weight_step(3).unwrap().next;
    t.step(1);
    assert_eq!(t.model().params()[3], next);
    // Not a number, not a parameter: nothing changes.
    let params = t.model().params().to_vec();
    assert!(!t.set_param(3, f64::NAN));
    assert!(!t.set_param(3, f64::INFINITY));
    assert!(!t.set_param(params.len(), 1.0));
    assert_eq!(t.model().params(), params.as_slice());
}

#[test]
fn a_setting_changed_in_place_is_the_state_the_latest_snapshot_holds() {
    let mut t = Trainer::new(config(Optimizer::momentum(), Regularizer::none()));
    t.keep_timeline();
    t.step(50);
    // A new batch size restarts the rule's state and the batch cursor at this iteration.
    t.set_optimizer(Optimizer::momentum(), 7);
    let params = t.model().params().to_vec();
    let mut straight = Trainer::new(config(Optimizer::momentum(), Regularizer::none()));
    straight.step(50);
    straight.set_optimizer(Optimizer::momentum(), 7);
    // Away and back to the latest, then on: the same as never having moved.
    assert!(t.restore(0));
    assert!(t.scrubbed());
    let last = t.timeline().unwrap().len() - 1;
    assert!(t.restore(last));
    assert!(!t.scrubbed());
    assert_eq!(t.model().params(), params.as_slice());
    t.step(30);
    straight.step(30);
    assert_eq!(t.model().params(), straight.model().params());
}

#[test]
fn a_stopped_run_restored_to_its_end_is_still_stopped_and_earlier_it_is_not() {
    let mut c = config(Optimizer::GradientDescent, Regularizer::none());
    c.stop.max_iterations = 40;
    let mut t = Trainer::new(c);
    t.keep_timeline();
    t.step(100);
    assert_eq!(t.iteration(), 40);
    let stopped = t.stopped();
    assert!(stopped.is_some());
    assert!(t.restore(10));
    assert_eq!(t.stopped(), None);
    let last = t.timeline().unwrap().len() - 1;
    assert!(t.restore(last));
    assert_eq!(t.stopped(), stopped);
    assert_eq!(t.step(5).iterations, 0);
}
