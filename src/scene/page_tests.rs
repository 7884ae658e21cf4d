//! What each change does to the page, as a specification.

use super::*;
use crate::engine::penalty::PenaltyKind;
use crate::settings::{InputError, PlanePenalty, SurfaceKind};

fn page(query: &str) -> Page {
    let (page, q) = Page::from_query(query);
    assert!(q.problems.is_empty(), "{:?}", q.problems);
    page
}

fn sections(r: Redraw) -> Vec<&'static str> {
    r.names()
}

#[test]
fn the_learning_rate_goes_from_the_control_to_the_trainer_and_training_carries_on() {
    let mut p = page("seed=3");
    p.step(40);
    let weights = p.train().trainer().model().weights().to_vec();
    let u = p.set_text(Key::LearningRate, "0.25");
    assert_eq!(u.change.setting, Setting::LearningRate(0.25));
    assert_eq!(p.train().trainer().config().learning_rate, 0.25);
    for section in [Section::Losses, Section::Penalties] {
        assert!(
            p.runs(section)
                .unwrap()
                .runs()
                .all(|(_, t)| t.config().learning_rate == 0.25)
        );
    }
    assert_eq!(p.train().trainer().iteration(), 40);
    assert_eq!(p.train().trainer().model().weights(), &weights[..]);
    assert_eq!(sections(u.redraw), vec!["train", "losses", "penalties"]);
}

#[test]
fn new_data_or_a_new_network_starts_every_run_over_and_lets_the_pick_go() {
    let mut p = page("");
    p.step(30);
    p.runs_frame(Section::Losses);
    let at = {
        let x = &p.train().trainer().split().train.x;
        [x[[0, 0]], x[[0, 1]]]
    };
    assert!(p.pick(at));
    let u = p.set_text(Key::Hidden, "4");
    assert_eq!(
        sections(u.redraw),
        vec!["train", "softmax", "losses", "penalties", "descent"]
    );
    assert_eq!(p.train().trainer().iteration(), 0);
    assert_eq!(p.train().trainer().config().hidden, vec![4]);
    assert!(
        p.runs(Section::Losses)
            .unwrap()
            .runs()
            .all(|(_, t)| t.iteration() == 0 && t.config().hidden == vec![4])
    );
    assert!(p.train().picked_point().is_none());
}

#[test]
fn a_value_that_does_not_change_does_nothing() {
    let mut p = page("");
    p.step(10);
    let u = p.set_text(Key::Seed, "1");
    assert!(!u.change.changed);
    assert_eq!(u.redraw, Redraw::NONE);
    assert_eq!(p.train().trainer().iteration(), 10);
    // A refused input leaves everything as it was, with its error.
    let u = p.set_text(Key::Samples, "lots");
    assert_eq!(
        u.change.error,
        Some(crate::settings::InputError::NotANumber)
    );
    assert_eq!(u.redraw, Redraw::NONE);
    assert_eq!(p.train().trainer().iteration(), 10);
}

#[test]
fn a_score_set_by_hand_ends_following_the_picked_point_but_the_temperature_does_not() {
    let mut p = page("");
    let at = {
        let x = &p.train().trainer().split().test.x;
        [x[[2, 0]], x[[2, 1]]]
    };
    assert!(p.pick(at));
    let label = p.train().picked_point().unwrap().1;
    assert_eq!(p.settings().softmax.label.label(), label);
    let scores = p.settings().softmax.scores;
    p.step(100);
    assert_ne!(
        p.settings().softmax.scores,
        scores,
        "the scores follow training"
    );
    let u = p.set_text(Key::Temperature, "2");
    assert_eq!(sections(u.redraw), vec!["train", "softmax", "losses"]);
    assert!(p.train().picked_point().is_some());
    p.set_text(Key::ScoreDog, "4");
    assert!(p.train().picked_point().is_none());
    let scores = p.settings().softmax.scores;
    p.step(10);
    assert_eq!(p.settings().softmax.scores, scores);
}

#[test]
fn new_data_drops_your_edits_but_a_new_network_keeps_them() {
    let mut p = page("seed=4");
    assert!(p.edit([0.2, 0.3], Some(Class::Dog)));
    assert!(p.edit([-0.5, 0.5], Some(Class::Sheep)));
    assert_eq!(p.settings().train.edits.len(), 2);
    let n = p.train().trainer().split().train.len();
    p.set_text(Key::Activation, "relu");
    assert_eq!(p.settings().train.edits.len(), 2);
    assert_eq!(
        p.train().trainer().split().train.len(),
        n,
        "replayed on the new network"
    );
    p.set_text(Key::Seed, "5");
    assert!(p.settings().train.edits.is_empty());
    assert!(!p.settings().query().contains("edits"));
}

#[test]
fn a_new_surface_brings_its_own_step_size_and_one_ball() {
    let mut p = page("surface=bowl");
    // The bowl's curvature is 1: the good preset is 0.5.
    assert_eq!(p.settings().descent.learning_rate, 0.5);
    p.drop_ball([1.0, 1.0]);
    assert_eq!(p.descent().balls().count(), 2);
    let u = p.set(Setting::Surface(SurfaceKind::Valley));
    assert_eq!(sections(u.redraw), vec!["descent"]);
    // The valley's top curvature is 25: 0.5 / 25.
    assert_eq!(p.settings().descent.learning_rate, 0.02);
    assert_eq!(p.descent().balls().count(), 1);
    assert!(p.settings().descent.balls.is_empty());
    // A step size given in the URL is kept.
    let p = page("surface=bowl&d-lr=0.1");
    assert_eq!(p.settings().descent.learning_rate, 0.1);
}

#[test]
fn the_presets_run_from_crawling_to_diverging() {
    let mut p = page("surface=bowl");
    assert_eq!(p.presets(), [0.02, 0.5, 1.9, 3.0]);
    p.use_preset(3);
    assert_eq!(p.settings().descent.learning_rate, 3.0);
    while p.step_balls(10) {}
    let (ball, _) = p.descent().balls().last().unwrap();
    assert!(ball.stopped.unwrap().is_divergence());
}

#[test]
fn the_balls_travel_in_the_url_and_come_back_in_order() {
    let mut p = page("surface=two-minima");
    p.clear_balls();
    p.drop_ball([0.3004, 1.6]);
    p.set(Setting::DescentOptimizer(OptimizerKind::Momentum));
    p.drop_ball([-0.4, 1.5]);
    let q = p.settings().query();
    assert!(q.contains("balls=0.3,1.6,gd,-0.4,1.5,momentum"), "{q}");
    let back = page(&q);
    let starts: Vec<([f64; 2], OptimizerKind)> = back
        .descent()
        .balls()
        .map(|(b, _)| (b.start, b.optimizer.kind()))
        .collect();
    assert_eq!(
        starts,
        vec![
            ([0.3, 1.6], OptimizerKind::GradientDescent),
            ([-0.4, 1.5], OptimizerKind::Momentum)
        ]
    );
    // A race replaces them by four from the newest start.
    p.race();
    let rules: Vec<OptimizerKind> = p
        .descent()
        .balls()
        .map(|(b, _)| b.optimizer.kind())
        .collect();
    assert_eq!(rules, OptimizerKind::ALL.to_vec());
    assert!(p.descent().balls().all(|(b, _)| b.start == [-0.4, 1.5]));
}

#[test]
fn a_slice_is_taken_again_when_the_network_changes() {
    let mut p = page("surface=slice-weights");
    let before = p.descent().grid().values().to_vec();
    p.set_text(Key::Seed, "9");
    assert_ne!(p.descent().grid().values(), &before[..]);
    // A toy surface stays as it is.
    let mut p = page("surface=bowl");
    let before = p.descent().grid().values().to_vec();
    p.set_text(Key::Seed, "9");
    assert_eq!(p.descent().grid().values(), &before[..]);
}

#[test]
fn the_runs_lambda_and_the_plane_change_only_the_penalties_section() {
    let mut p = page("");
    p.runs_frame(Section::Penalties);
    let u = p.set_text(Key::RunsLambda, "0.2");
    assert_eq!(sections(u.redraw), vec!["penalties"]);
    let lambdas: Vec<f64> = p
        .runs(Section::Penalties)
        .unwrap()
        .runs()
        .map(|(_, t)| t.config().regularizer.lambda)
        .collect();
    assert_eq!(lambdas, vec![0.0, 0.2, 0.2]);
    let before = p.plane_numbers();
    let u = p.set(Setting::PlanePenalty(PlanePenalty::L2));
    assert_eq!(sections(u.redraw), vec!["penalties"]);
    assert_ne!(p.plane_numbers().w, before.w);
    // Elastic net's α is the Train section's.
    p.set(Setting::PlanePenalty(PlanePenalty::ElasticNet));
    let a = p.plane_numbers();
    p.set(Setting::L1Ratio(0.9));
    assert_ne!(p.plane_numbers().w, a.w);
}

#[test]
fn the_overfit_button_sets_its_six_settings_through_the_same_dispatch() {
    let mut p = page("");
    let r = p.overfit();
    assert!(r.contains(Section::Train) && r.contains(Section::Penalties));
    let t = &p.settings().train;
    assert_eq!((t.samples, t.noise, t.train_share), (80, 0.7, 0.5));
    assert_eq!(t.hidden, vec![16, 16]);
    assert_eq!(p.train().trainer().config().hidden, vec![16, 16]);
    assert_eq!(p.train().trainer().config().learning_rate, 0.01);
    assert_eq!(
        p.settings().query(),
        "noise=0.7&samples=80&train=0.5&hidden=16,16&optimizer=adam&lr=0.01"
    );
}

#[test]
fn the_loss_rows_compute_each_loss_on_the_example_and_the_training_set() {
    let mut p = page("penalty=l1");
    let rows = p.loss_rows();
    let steps = p.softmax_steps();
    assert!((rows[0].example - steps.loss).abs() < 1e-15);
    assert_eq!(rows[0].training, p.train().numbers().metrics.train_loss);
    assert_eq!(rows[2].loss, Loss::ZeroOne);
    assert!(
        rows.iter()
            .all(|r| r.example.is_finite() && r.training.is_finite())
    );
    assert_eq!(p.settings().train.penalty, PenaltyKind::L1);
}

#[test]
fn a_locked_setting_holds_against_the_pages_own_actions() {
    let mut p = page("d-lr=0.02&balls=0.5,1.5,gd&lock=d-lr,balls,label,edits");
    let balls = p.settings().text(Key::Balls);
    // Clicks on the surface, the race, clearing and a new surface leave the balls as they were,
    // and the surface holds exactly the locked balls.
    p.drop_ball([-1.0, 1.0]);
    p.race();
    p.clear_balls();
    p.set_text(Key::Surface, "bowl");
    assert_eq!(p.settings().text(Key::Balls), balls);
    assert_eq!(p.descent().balls().count(), 1);
    // A preset and a new surface do not move the locked step size.
    assert_eq!(p.use_preset(3).change.error, Some(InputError::Locked));
    assert_eq!(p.settings().descent.learning_rate, 0.02);
    // Picking a point would set the class; adding a point would add an edit.
    let at = {
        let x = &p.train().trainer().split().train.x;
        [x[[0, 0]], x[[0, 1]]]
    };
    assert!(!p.pick(at));
    assert!(!p.edit([0.1, 0.1], Some(Class::Dog)));
    assert_eq!(p.settings().text(Key::Edits), "");
    // The overfit button needs all six of its settings free.
    let mut q = page("lock=noise");
    assert_eq!(q.overfit(), Redraw::NONE);
    assert_eq!(q.settings().train.samples, 300);
    // Unlocked, the same actions work.
    let mut free = page("balls=0.5,1.5,gd");
    free.drop_ball([-1.0, 1.0]);
    assert_eq!(free.descent().balls().count(), 2);
    assert!(free.pick(at));
}

#[test]
fn the_confusion_matrix_counts_the_test_set_and_its_cells_mark_their_points_on_the_map() {
    let mut p = page("seed=5&noise=0.6");
    p.step(200);
    let m = p.confusion();
    let test = p.train().trainer().split().test.clone();
    assert_eq!(m.total() as usize, test.labels.len());
    assert_eq!(m.total(), 120);
    // Its accuracy is the one the page shows, exactly.
    let shown = p.train().numbers().metrics.test_accuracy;
    assert_eq!(m.accuracy(), shown);
    // Each row holds the points of its class.
    for c in 0..3 {
        let of_class = test.labels.iter().filter(|&&l| l == c).count() as u32;
        assert_eq!(m.counts[c].iter().sum::<u32>(), of_class);
    }
    // With this much noise some points are wrong: a cell off the diagonal marks exactly its count.
    let (t, q) = (0..3)
        .flat_map(|t| (0..3).map(move |q| (t, q)))
        .find(|&(t, q)| t != q && m.counts[t][q] > 0)
        .expect("a mistake");
    p.set_cell(Some((t, q)));
    assert_eq!(p.train().marked().len() as u32, m.counts[t][q]);
    for at in p.train().marked() {
        let i = (0..test.labels.len())
            .find(|&i| test.x[[i, 0]] == at[0] && test.x[[i, 1]] == at[1])
            .unwrap();
        assert_eq!(test.labels[i], t);
    }
    // A cell outside the matrix marks nothing; training on lets the cell go.
    p.set_cell(Some((3, 0)));
    assert_eq!((p.train().cell(), p.train().marked().len()), (None, 0));
    p.set_cell(Some((t, q)));
    p.step(1);
    assert_eq!((p.train().cell(), p.train().marked().len()), (None, 0));
}
