//! The trainer: determinism, stop rules, divergence, sparsity and convergence to a known optimum.

use losslab::engine::activation::Activation;
use losslab::engine::data::{DataKind, DataSpec};
use losslab::engine::loss::Loss;
use losslab::engine::optimizer::Optimizer;
use losslab::engine::penalty::{Penalty, Regularizer};
use losslab::engine::stop::{StopReason, StopRules};
use losslab::engine::trainer::{TrainConfig, Trainer};

fn config() -> TrainConfig {
    TrainConfig {
        data: DataSpec {
            kind: DataKind::Animals,
            samples: 150,
            noise: 0.3,
            train_fraction: 0.6,
            seed: 42,
        },
        hidden: vec![6, 6],
        activation: Activation::Tanh,
        loss: Loss::CrossEntropy,
        regularizer: Regularizer::none(),
        optimizer: Optimizer::GradientDescent,
        learning_rate: 0.3,
        batch_size: 10,
        stop: StopRules {
            max_iterations: 100_000,
            loss_below: 0.0,
            gradient_below: 0.0,
        },
    }
}

#[test]
fn the_same_seed_and_settings_give_the_same_trajectory() {
    for optimizer in [
        Optimizer::GradientDescent,
        Optimizer::Sgd,
        Optimizer::adam(),
    ] {
        let c = TrainConfig {
            optimizer,
            ..config()
        };
        let mut a = Trainer::new(c.clone());
        let mut b = Trainer::new(c.clone());
        a.step(300);
        b.step(120);
        b.step(180);
        assert_eq!(a.model().params(), b.model().params(), "{optimizer:?}");
        assert_eq!(a.history().entries(), b.history().entries());
        let mut other = Trainer::new(TrainConfig {
            data: DataSpec { seed: 43, ..c.data },
            ..c
        });
        other.step(300);
        assert_ne!(a.model().params(), other.model().params());
    }
}

#[test]
fn reset_restores_the_first_weights_and_the_first_loss() {
    let mut t = Trainer::new(config());
    let first = (t.model().params().to_vec(), t.metrics().objective);
    t.step(50);
    assert!(t.metrics().objective < first.1);
    t.reset();
    assert_eq!(t.model().params(), &first.0[..]);
    assert_eq!(t.metrics().objective, first.1);
    assert_eq!(t.history().entries().len(), 1);
}

#[test]
fn gradient_descent_lowers_the_loss_and_learns_the_animals() {
    let mut t = Trainer::new(config());
    let start = t.metrics().train_loss;
    t.step(2000);
    let m = t.metrics();
    assert!(m.train_loss < 0.5 * start, "{} → {}", start, m.train_loss);
    assert!(
        m.train_accuracy > 0.85,
        "train accuracy {}",
        m.train_accuracy
    );
    assert!(m.test_accuracy > 0.8, "test accuracy {}", m.test_accuracy);
}

#[test]
fn max_iterations_stops_after_exactly_that_many_updates() {
    for optimizer in [Optimizer::GradientDescent, Optimizer::Sgd] {
        let mut t = Trainer::new(TrainConfig {
            optimizer,
            stop: StopRules {
                max_iterations: 37,
                ..config().stop
            },
            ..config()
        });
        let report = t.step(1000);
        assert_eq!(report.iterations, 37);
        assert_eq!(t.iteration(), 37);
        assert_eq!(report.stopped, Some(StopReason::MaxIterations));
        assert_eq!(t.step(10).iterations, 0, "a stopped run stays stopped");
    }
}

#[test]
fn loss_below_stops_at_the_first_evaluation_under_the_threshold() {
    let threshold = 0.4;
    let mut t = Trainer::new(TrainConfig {
        stop: StopRules {
            loss_below: threshold,
            ..config().stop
        },
        ..config()
    });
    let report = t.step(100_000);
    assert_eq!(report.stopped, Some(StopReason::LossBelow));
    let h = t.history().entries();
    assert!(h[h.len() - 1].objective < threshold);
    assert!(h[h.len() - 2].objective >= threshold);
}

#[test]
fn gradient_below_stops_once_the_gradient_is_that_small() {
    let mut t = Trainer::new(TrainConfig {
        hidden: vec![],
        regularizer: Regularizer {
            penalty: Penalty::L2,
            lambda: 0.01,
        },
        learning_rate: 1.0,
        stop: StopRules {
            gradient_below: 1e-3,
            ..config().stop
        },
        ..config()
    });
    let report = t.step(100_000);
    assert_eq!(report.stopped, Some(StopReason::GradientBelow));
    let h = t.history().entries();
    assert!(h[h.len() - 1].gradient_norm < 1e-3);
    assert!(h[h.len() - 2].gradient_norm >= 1e-3);
}

#[test]
fn a_far_too_large_step_is_caught_as_divergence() {
    // w ← (1 − ηλ)w with ηλ = 10 multiplies the weights by −9 every update.
    let mut t = Trainer::new(TrainConfig {
        regularizer: Regularizer {
            penalty: Penalty::L2,
            lambda: 1.0,
        },
        learning_rate: 10.0,
        ..config()
    });
    let report = t.step(1000);
    let reason = report.stopped.expect("training stops");
    assert!(reason.is_divergence(), "{reason:?}");
    assert!(
        report.iterations < 20,
        "caught after {} updates",
        report.iterations
    );
    t.reset();
    assert_eq!(t.stopped(), None, "reset recovers");
}

#[test]
fn l1_gives_exact_zeros_and_l2_does_not() {
    let run = |penalty| {
        let mut t = Trainer::new(TrainConfig {
            hidden: vec![8, 8],
            regularizer: Regularizer {
                penalty,
                lambda: 0.01,
            },
            ..config()
        });
        t.step(1500);
        t.metrics().zero_weights
    };
    let l1 = run(Penalty::L1);
    assert!(l1 >= 10, "L1 zeroed {l1} weights");
    assert_eq!(run(Penalty::L2), 0);
    assert_eq!(run(Penalty::None), 0);
}

#[test]
fn changing_eta_or_lambda_keeps_the_weights() {
    let mut t = Trainer::new(config());
    t.step(20);
    let w = t.model().params().to_vec();
    t.set_learning_rate(0.05);
    t.set_regularizer(Regularizer {
        penalty: Penalty::L2,
        lambda: 0.1,
    });
    assert_eq!(t.model().params(), &w[..]);
    assert_eq!(t.iteration(), 20);
    let m = t.metrics();
    assert!((m.objective - (m.train_loss + m.penalty)).abs() < 1e-15);
    assert!(m.penalty > 0.0);
}

#[test]
fn refresh_brings_the_numbers_up_to_date_between_epoch_evaluations() {
    let mut t = Trainer::new(TrainConfig {
        optimizer: Optimizer::Sgd,
        ..config()
    });
    // 90 training points in batches of 10: an epoch is 9 updates; stop after 4.
    t.step(4);
    assert_eq!(t.metrics().iteration, 0, "no evaluation mid-epoch");
    let entries = t.history().entries().len();
    t.refresh();
    assert_eq!(t.metrics().iteration, 4);
    assert!(t.metrics().train_loss < t.history().entries()[0].train_loss);
    assert_eq!(
        t.history().entries().len(),
        entries,
        "refresh records nothing"
    );
}

#[test]
fn a_mini_batch_run_that_blows_up_is_stopped_at_once_not_an_epoch_later() {
    // ηλ = 10 on a deep linear net: each update multiplies the weights by about −9.
    let mut t = Trainer::new(TrainConfig {
        hidden: vec![8, 8],
        activation: Activation::Linear,
        optimizer: Optimizer::Sgd,
        batch_size: 1,
        regularizer: Regularizer {
            penalty: Penalty::L2,
            lambda: 1.0,
        },
        learning_rate: 10.0,
        ..config()
    });
    // An epoch is 90 updates of one point.
    let report = t.step(1000);
    assert!(
        report.stopped.is_some_and(|r| r.is_divergence()),
        "{report:?}"
    );
    assert!(
        report.iterations < 30,
        "stopped after {} updates",
        report.iterations
    );
}

#[test]
fn re_evaluating_after_a_change_of_settings_replaces_the_entry_instead_of_adding_one() {
    let mut t = Trainer::new(config());
    t.step(5);
    let n = t.history().entries().len();
    for lambda in [0.1, 0.2, 0.3] {
        t.set_regularizer(Regularizer {
            penalty: Penalty::L2,
            lambda,
        });
    }
    let h = t.history().entries();
    assert_eq!(h.len(), n);
    let last = h.last().unwrap();
    assert_eq!(last.iteration, 5);
    let half_sum_of_squares: f64 = t.model().weights().iter().map(|w| 0.5 * w * w).sum();
    assert!(
        (last.penalty - 0.3 * half_sum_of_squares).abs() < 1e-12,
        "the entry holds λ = 0.3"
    );
    let iterations: Vec<u64> = h.iter().map(|m| m.iteration).collect();
    assert_eq!(iterations, (0..=5).collect::<Vec<_>>());
}

#[test]
fn the_training_loss_of_any_loss_is_its_mean_over_the_training_points() {
    let mut t = Trainer::new(config());
    t.step(30);
    t.refresh();
    assert_eq!(
        t.training_loss_of(Loss::CrossEntropy),
        t.metrics().train_loss
    );
    let x = t.split().train.x.clone();
    let labels = t.split().train.labels.clone();
    let model = t.model().clone();
    let mut ws = losslab::engine::model::Workspace::default();
    for loss in Loss::ALL {
        let scores = model.forward(x.view(), &mut ws).to_owned();
        let by_hand: f64 = scores
            .rows()
            .into_iter()
            .zip(&labels)
            .map(|(r, &l)| loss.of_sample(&r.to_vec(), l))
            .sum::<f64>()
            / labels.len() as f64;
        assert!(
            (t.training_loss_of(loss) - by_hand).abs() < 1e-12,
            "{loss:?}"
        );
    }
}

#[test]
fn points_added_and_removed_join_the_training_which_carries_on() {
    for optimizer in [Optimizer::GradientDescent, Optimizer::Sgd] {
        let mut t = Trainer::new(TrainConfig {
            optimizer,
            ..config()
        });
        t.step(30);
        let weights = t.model().params().to_vec();
        let (train, test) = (t.split().train.len(), t.split().test.len());
        // A sheep far from the other sheep: the weights stay, the loss changes, training goes on.
        assert!(t.add_point([0.9, -0.9], 2));
        assert_eq!(t.split().train.len(), train + 1);
        assert_eq!(t.split().train.labels[train], 2);
        assert_eq!(t.model().params(), &weights[..]);
        assert_eq!(t.iteration(), 30);
        t.step(30);
        assert_eq!(t.iteration(), 60);
        assert!(t.metrics().train_loss.is_finite());
        // Out-of-range coordinates and classes are clamped; non-finite ones refused.
        assert!(t.add_point([5.0, -5.0], 9));
        let last = t.split().train.len() - 1;
        assert_eq!(
            (
                t.split().train.x[[last, 0]],
                t.split().train.x[[last, 1]],
                t.split().train.labels[last]
            ),
            (1.0, -1.0, 2)
        );
        assert!(!t.add_point([f64::NAN, 0.0], 0));
        // Removing: the point nearest the click, if close enough.
        assert!(t.remove_point([1.0, -1.0], 0.01));
        assert!(!t.remove_point([1.0, -1.0], 0.01), "already gone");
        assert_eq!(t.split().train.len(), train + 1);
        let p = [t.split().test.x[[0, 0]], t.split().test.x[[0, 1]]];
        assert!(t.remove_point(p, 1e-9));
        assert_eq!(t.split().test.len(), test - 1);
        t.step(5);
        assert_eq!(t.iteration(), 65);
    }
}

#[test]
fn the_check_measures_only_what_it_needs_and_refresh_measures_everything() {
    let sgd = TrainConfig {
        optimizer: Optimizer::Sgd,
        ..config()
    };
    // The same run with the gradient rule off and on (at a threshold it never reaches).
    let mut lean = Trainer::new(sgd.clone());
    let mut full = Trainer::new(TrainConfig {
        stop: StopRules {
            gradient_below: 1e-300,
            ..sgd.stop
        },
        ..sgd
    });
    lean.set_test_curve(false);
    // 90 training points in batches of 10: 5 epochs, each with its check.
    lean.step(45);
    full.step(45);
    assert_eq!(lean.model().params(), full.model().params());
    let (l, f) = (lean.history().entries(), full.history().entries());
    assert_eq!(l.len(), 6);
    for (a, b) in l.iter().zip(f) {
        // The objective is the same number whichever way it was measured.
        assert_eq!(
            (a.iteration, a.objective.to_bits()),
            (b.iteration, b.objective.to_bits())
        );
        assert!(a.gradient_norm.is_nan(), "{a:?}");
        assert!(b.gradient_norm > 0.0 && b.test_loss > 0.0, "{b:?}");
    }
    // The first entry was measured before the test curve was turned off.
    assert!(l[1..].iter().all(|a| a.test_loss.is_nan()) && l[0].test_loss > 0.0);
    // What the page shows is measured in full, and equal bit for bit.
    lean.refresh();
    full.refresh();
    assert_eq!(lean.metrics(), full.metrics());
    let m = lean.metrics();
    assert!(m.gradient_norm > 0.0 && m.test_loss > 0.0 && m.test_accuracy > 0.0);
}

#[test]
fn an_epoch_that_no_rule_and_no_chart_needs_is_not_measured_and_nothing_shown_changes() {
    let sgd = TrainConfig {
        optimizer: Optimizer::Sgd,
        learning_rate: 0.05,
        ..config()
    };
    // The same run without the loss rule, and with it on at a threshold it never reaches.
    let mut lean = Trainer::new(sgd.clone());
    let mut full = Trainer::new(TrainConfig {
        stop: StopRules {
            loss_below: 1e-300,
            ..sgd.stop
        },
        ..sgd
    });
    // 1500 epochs of 9 updates: past 1024 entries the history keeps one epoch in two.
    let mut unmeasured = 0;
    for _ in 0..1500 {
        lean.step(9);
        full.step(9);
        assert_eq!(full.metrics().iteration, full.iteration());
        if lean.metrics().iteration != lean.iteration() {
            unmeasured += 1;
        }
    }
    assert!(
        (200..=600).contains(&unmeasured),
        "{unmeasured} epochs unmeasured"
    );
    assert_eq!(lean.model().params(), full.model().params());
    let bits = |t: &Trainer| -> Vec<(u64, u64, u64)> {
        t.history()
            .entries()
            .iter()
            .map(|m| (m.iteration, m.objective.to_bits(), m.test_loss.to_bits()))
            .collect()
    };
    assert_eq!(bits(&lean), bits(&full));
    // What the page shows is measured in full at the weights shown, equal bit for bit.
    lean.refresh();
    full.refresh();
    assert_eq!(lean.metrics(), full.metrics());
    assert_eq!(lean.stopped(), None);
    // Divergence is still caught at once, between checks, on the batch losses.
    lean.set_learning_rate(1e6);
    lean.step(20);
    assert!(
        matches!(
            lean.stopped(),
            Some(StopReason::Exploding | StopReason::NonFinite)
        ),
        "{:?} after {} updates",
        lean.stopped(),
        lean.iteration()
    );
    assert!(lean.iteration() < 13_500 + 9, "stopped within an epoch");
}

#[test]
fn gradient_descent_with_a_step_too_large_to_settle_is_said_to_bounce_and_healthy_runs_never_are() {
    use losslab::scene::page::Page;
    // The page's default data with plain gradient descent and η = 10: the loss jumps up and down
    // for thousands of iterations without blowing up.
    let (mut page, _) = Page::from_query("?optimizer=gd&lr=10&max-iter=100000&grad-eps=0");
    page.step(400);
    let t = page.train().trainer();
    assert!(t.stopped().is_none(), "{:?}", t.stopped());
    assert!(t.bouncing(), "{:?}", t.metrics());
    assert!(page.train().numbers().bouncing);
    // A smaller step: judged afresh.
    let mut t = Trainer::new(TrainConfig {
        learning_rate: 10.0,
        ..config()
    });
    t.step(300);
    t.set_learning_rate(0.3);
    assert!(!t.bouncing(), "forgotten with the old step size");
    t.step(300);
    assert!(!t.bouncing());
    // Healthy runs, checked after every step: never.
    for (optimizer, eta) in [
        (Optimizer::Sgd, 0.03),
        (Optimizer::Sgd, 0.3),
        (Optimizer::GradientDescent, 0.3),
        (Optimizer::momentum(), 0.03),
        (Optimizer::adam(), 0.01),
    ] {
        let mut t = Trainer::new(TrainConfig {
            optimizer,
            learning_rate: eta,
            batch_size: 10,
            ..config()
        });
        for i in 0..4000 {
            t.step(1);
            assert!(!t.bouncing(), "{optimizer:?} η = {eta} bounced at {i}");
        }
    }
}
