//! The Train section: the classifier its settings describe, on the generated data with your own
//! edits (points added or removed by clicks) replayed in order, and the point picked on its map.

use crate::engine::confusion::Confusion;
use crate::engine::data::CLASSES;
use crate::engine::inspect::{Trace, WeightStep};
use crate::engine::loss::Loss;
use crate::engine::model::Workspace;
use crate::engine::stop::StopReason;
use crate::engine::trainer::{Metrics, Trainer};
use crate::settings::{Class, Edit, EditKind, Setting, TrainSettings, round_mark};

/// How near a click must be to a point to pick or remove it, in plane units (the map is 2.3 wide).
pub const PICK_RADIUS: f64 = 0.08;

/// A point of the data: in the training set or the test set, and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PointRef {
    /// In the training set (else the test set).
    pub train: bool,
    /// Its row.
    pub index: usize,
}

/// Why a run stopped, as the page words it: the stop rule, told apart from a flat loss.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopNote {
    /// The iteration limit.
    MaxIterations,
    /// The objective fell below its threshold.
    LossBelow,
    /// ‖∇L‖ fell below its threshold, and it is not 0.
    GradientBelow,
    /// ‖∇L‖ is exactly 0: not a minimum but a flat loss (the 0-1 loss).
    GradientZero,
    /// A loss or weight stopped being finite.
    NonFinite,
    /// The loss grew far above its start.
    Exploding,
}

impl StopNote {
    /// The note for `reason`, given the last gradient norm.
    pub fn of(reason: StopReason, gradient_norm: f64) -> StopNote {
        match reason {
            StopReason::MaxIterations => StopNote::MaxIterations,
            StopReason::LossBelow => StopNote::LossBelow,
            StopReason::GradientBelow if gradient_norm == 0.0 => StopNote::GradientZero,
            StopReason::GradientBelow => StopNote::GradientBelow,
            StopReason::NonFinite => StopNote::NonFinite,
            StopReason::Exploding => StopNote::Exploding,
        }
    }

    /// Key of its sentence in the text table.
    pub fn text_key(self) -> &'static str {
        match self {
            StopNote::MaxIterations => "stop.max-iterations",
            StopNote::LossBelow => "stop.loss-below",
            StopNote::GradientBelow => "stop.gradient-below",
            StopNote::GradientZero => "stop.gradient-zero",
            StopNote::NonFinite => "stop.non-finite",
            StopNote::Exploding => "stop.exploding",
        }
    }

    /// Whether the run diverged (the learning rate is too large) rather than met a rule.
    pub fn is_divergence(self) -> bool {
        matches!(self, StopNote::NonFinite | StopNote::Exploding)
    }
}

/// The numbers of a run as the page shows them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunNumbers {
    /// The last evaluation.
    pub metrics: Metrics,
    /// How many weights the network has.
    pub weights: usize,
    /// Why it stopped, if it did.
    pub stopped: Option<StopNote>,
    /// Whether its loss bounces instead of falling (η too large).
    pub bouncing: bool,
}

impl RunNumbers {
    /// The numbers of `trainer` now.
    pub fn of(trainer: &Trainer) -> RunNumbers {
        let metrics = *trainer.metrics();
        RunNumbers {
            metrics,
            weights: trainer.model().weight_count(),
            stopped: trainer
                .stopped()
                .map(|r| StopNote::of(r, metrics.gradient_norm)),
            bouncing: trainer.bouncing(),
        }
    }
}

/// A click's point at the precision the URL keeps (three decimals), so that replaying the URL
/// makes exactly the same edit.
pub fn click_point(at: [f64; 2]) -> [f64; 2] {
    at.map(round_mark)
}

/// One edit of `trainer`'s data: adds a training point of the edit's class at its point, or removes
/// the point nearest it within [`PICK_RADIUS`]. Whether the data changed.
pub fn apply_edit(trainer: &mut Trainer, edit: &Edit) -> bool {
    match edit.kind.class() {
        Some(c) => trainer.add_point(edit.at, c.label()),
        None => trainer.remove_point(edit.at, PICK_RADIUS),
    }
}

/// The trainer `settings` describe: its generated data, then the edits in order.
pub fn trainer(settings: &TrainSettings) -> Trainer {
    let mut trainer = Trainer::new(settings.config());
    for edit in &settings.edits {
        apply_edit(&mut trainer, edit);
    }
    trainer
}

/// The Train section's state: the run and the point picked on its map.
pub struct Train {
    trainer: Trainer,
    picked: Option<PointRef>,
    workspace: Workspace,
    /// The cell of the confusion matrix shown on the map (true class, predicted class), and the
    /// test points in it, as the weights were when it was chosen.
    cell: Option<(usize, usize)>,
    marked: Vec<[f64; 2]>,
    /// The predicted class of each test point (reused).
    predicted: Vec<usize>,
    /// The parameter chosen on the network diagram (an index into the flat vector).
    selected: Option<usize>,
    /// Backpropagation of the traced point to the chosen parameter (its vectors reused).
    trace: Trace,
}

impl Train {
    /// The run `settings` describe.
    pub fn new(settings: &TrainSettings) -> Train {
        let mut trainer = trainer(settings);
        trainer.keep_timeline();
        Train {
            trainer,
            picked: None,
            workspace: Workspace::default(),
            cell: None,
            marked: Vec::new(),
            predicted: Vec::new(),
            selected: None,
            trace: Trace::default(),
        }
    }

    /// Starts over from `settings` (new data or a new network); the pick is let go.
    pub fn restart(&mut self, settings: &TrainSettings) {
        self.trainer = trainer(settings);
        self.trainer.keep_timeline();
        self.picked = None;
        self.selected = None;
        self.set_cell(None);
    }

    /// Carries on under a changed setting that does not start a new run: η, the loss, the penalty,
    /// the update rule, the batch or the stop rules (`settings` already holds the new value).
    pub fn carry_on(&mut self, setting: &Setting, settings: &TrainSettings) {
        let t = &mut self.trainer;
        match setting {
            Setting::LearningRate(eta) => t.set_learning_rate(*eta),
            Setting::Loss(loss) => t.set_loss(*loss),
            Setting::Penalty(_) | Setting::Lambda(_) | Setting::L1Ratio(_) => {
                t.set_regularizer(settings.regularizer())
            }
            Setting::Optimizer(o) => t.set_optimizer(o.optimizer(), settings.batch),
            Setting::Batch(b) => t.set_optimizer(settings.optimizer.optimizer(), *b),
            Setting::MaxIterations(_) | Setting::LossBelow(_) | Setting::GradientBelow(_) => {
                t.set_stop_rules(settings.stop)
            }
            _ => {}
        }
    }

    /// Up to `n` updates, then the numbers measured again; whether training can go on.
    /// A cell of the confusion matrix shown on the map is let go (its points change as the
    /// weights do).
    pub fn step(&mut self, n: u64) -> bool {
        self.set_cell(None);
        self.trainer.step(n);
        self.trainer.refresh();
        self.trainer.stopped().is_none()
    }

    /// Back to the first weights of this seed.
    pub fn reset(&mut self) {
        self.set_cell(None);
        self.trainer.reset();
    }

    /// Shows snapshot `k` of the run's timeline: the run goes back to it (see
    /// [`Trainer::restore`]). Whether there was one.
    pub fn scrub(&mut self, k: usize) -> bool {
        self.set_cell(None);
        self.trainer.restore(k)
    }

    /// Chooses parameter `i` of the network (None, or an index past the parameters: none).
    /// Whether the choice changed.
    pub fn select(&mut self, i: Option<usize>) -> bool {
        let i = i.filter(|&i| i < self.trainer.model().params().len());
        std::mem::replace(&mut self.selected, i) != i
    }

    /// The chosen parameter.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// Largest |value| a weight may be set to by hand.
    pub const MAX_HAND_WEIGHT: f64 = 100.0;

    /// Sets the chosen parameter to `value` by hand (finite, within ±[`Train::MAX_HAND_WEIGHT`]);
    /// training carries on from there. Whether it was set.
    pub fn set_selected(&mut self, value: f64) -> bool {
        let Some(i) = self.selected else {
            return false;
        };
        if value.is_nan() || value.abs() > Train::MAX_HAND_WEIGHT {
            return false;
        }
        self.set_cell(None);
        self.trainer.set_param(i, value)
    }

    /// The chosen parameter's next update, written out.
    pub fn weight_step(&mut self) -> Option<WeightStep> {
        self.trainer.weight_step(self.selected?)
    }

    /// Backpropagation down to the chosen parameter for the picked point, or for the first
    /// training point when none is picked.
    pub fn trace(&mut self) -> Option<&Trace> {
        let param = self.selected?;
        let p = self.picked.unwrap_or(PointRef {
            train: true,
            index: 0,
        });
        self.trainer
            .trace(p.train, p.index, param, &mut self.trace)
            .then_some(&self.trace)
    }

    /// The confusion matrix of the test set at the current weights.
    pub fn confusion(&mut self) -> Confusion {
        self.trainer.test_confusion(None)
    }

    /// Shows on the map the test points of one cell of the confusion matrix, (true class,
    /// predicted class), as the weights are now; None (or a cell outside the matrix) shows none.
    pub fn set_cell(&mut self, cell: Option<(usize, usize)>) {
        let cell = cell.filter(|&(t, p)| t < CLASSES && p < CLASSES);
        self.cell = cell;
        self.marked.clear();
        let Some((t, p)) = cell else {
            return;
        };
        self.trainer.test_confusion(Some(&mut self.predicted));
        let test = &self.trainer.split().test;
        for (i, (&label, &predicted)) in test.labels.iter().zip(&self.predicted).enumerate() {
            if (label, predicted) == (t, p) {
                self.marked.push([test.x[[i, 0]], test.x[[i, 1]]]);
            }
        }
    }

    /// The cell of the confusion matrix shown on the map, if any.
    pub fn cell(&self) -> Option<(usize, usize)> {
        self.cell
    }

    /// The test points of that cell.
    pub fn marked(&self) -> &[[f64; 2]] {
        &self.marked
    }

    /// The run.
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// Lets the run's timeline store go, when a new page is about to replace this one: it makes
    /// its own, and there are never two at once (the wasm memory, once grown, never shrinks).
    pub fn drop_timeline(&mut self) {
        self.trainer.drop_timeline();
    }

    /// The run's numbers now.
    pub fn numbers(&self) -> RunNumbers {
        RunNumbers::of(&self.trainer)
    }

    /// Whether training stalls because the loss has no gradient (0-1): the page says why.
    pub fn stalls(&self) -> bool {
        !self.trainer.config().loss.has_gradient()
    }

    /// The mean of each of the five losses over the training set at the current weights.
    pub fn training_losses(&mut self) -> [f64; 5] {
        Loss::ALL.map(|loss| self.trainer.training_loss_of(loss))
    }

    /// Picks the data point nearest `at` (plane coordinates) if one lies within [`PICK_RADIUS`];
    /// returns its class.
    pub fn pick(&mut self, at: [f64; 2]) -> Option<Class> {
        let split = self.trainer.split();
        let nearest = [(true, &split.train), (false, &split.test)]
            .into_iter()
            .flat_map(|(train, set)| {
                set.x.rows().into_iter().enumerate().map(move |(index, r)| {
                    let d = (r[0] - at[0]).powi(2) + (r[1] - at[1]).powi(2);
                    (d, PointRef { train, index })
                })
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(d, _)| *d <= PICK_RADIUS * PICK_RADIUS)?;
        self.picked = Some(nearest.1);
        self.picked_point()
            .and_then(|(_, label)| Class::of_label(label))
    }

    /// Lets the picked point go; whether one was picked.
    pub fn unpick(&mut self) -> bool {
        self.picked.take().is_some()
    }

    /// The picked point's coordinates and label.
    pub fn picked_point(&self) -> Option<([f64; 2], usize)> {
        let p = self.picked?;
        let split = self.trainer.split();
        let set = if p.train { &split.train } else { &split.test };
        Some((
            [set.x[[p.index, 0]], set.x[[p.index, 1]]],
            set.labels[p.index],
        ))
    }

    /// Whether the picked point is a training point (else a test point).
    pub fn picked_is_train(&self) -> bool {
        self.picked.is_some_and(|p| p.train)
    }

    /// The network's scores of the picked point now.
    pub fn picked_scores(&mut self) -> Option<[f64; 3]> {
        let (at, _) = self.picked_point()?;
        let x = ndarray::ArrayView2::from_shape((1, 2), &at).ok()?;
        let scores = self.trainer.model().forward(x, &mut self.workspace);
        let row = scores.row(0);
        (row.len() == 3).then(|| [row[0], row[1], row[2]])
    }

    /// Makes an edit of the data (its point already at the URL's precision); whether the data
    /// changed. The pick is let go: indices may have moved.
    pub fn edit(&mut self, edit: &Edit) -> bool {
        let changed = apply_edit(&mut self.trainer, edit);
        if changed {
            self.picked = None;
            self.set_cell(None);
        }
        changed
    }
}

/// The edit a click makes: `class` adds a point of it, None removes the nearest.
pub fn edit_at(at: [f64; 2], class: Option<Class>) -> Edit {
    Edit {
        at: click_point(at),
        kind: class.map_or(EditKind::Remove, EditKind::add),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::{Key, Settings};

    #[test]
    fn replaying_the_edits_of_a_session_gives_its_data() {
        let q = Settings::from_query("seed=5&samples=60");
        assert!(q.problems.is_empty());
        let mut settings = q.settings;
        let mut live = Train::new(&settings.train);
        let first = live.trainer().split().train.x.row(0).to_owned();
        let mut edits = Vec::new();
        for (at, class) in [
            ([0.5004, -0.25], Some(Class::Sheep)),
            // In the map's margin (it shows ±1.15): kept as clicked, clamped to ±1 when added.
            ([1.1, 1.12], Some(Class::Dog)),
            ([first[0] + 0.01, first[1]], None),
            ([-0.3, 0.7777], Some(Class::Cat)),
            ([0.5, -0.25], None),
        ] {
            let edit = edit_at(at, class);
            assert!(live.edit(&edit), "{at:?} {class:?}");
            edits.push(edit);
        }
        assert!(settings.set(Setting::Edits(edits)).error.is_none());
        assert_eq!(settings.train.edits.len(), 5);
        // Through the URL and back.
        let back = Settings::from_query(&settings.query()).settings;
        assert_eq!(back.text(Key::Edits), settings.text(Key::Edits));
        let replayed = Train::new(&back.train);
        let (r, l) = (replayed.trainer().split(), live.trainer().split());
        assert_eq!(r.train.x, l.train.x);
        assert_eq!(r.train.labels, l.train.labels);
        assert_eq!(r.test.x, l.test.x);
        // Two added points stay (the third was removed again), one generated point is gone.
        let generated = Trainer::new(settings.train.config());
        assert_eq!(r.train.len(), generated.split().train.len() + 1);
    }

    #[test]
    fn a_pick_finds_the_nearest_point_within_reach_and_follows_its_scores() {
        let settings = Settings::default();
        let mut train = Train::new(&settings.train);
        let split = train.trainer().split();
        let (at, label) = (
            [split.test.x[[3, 0]], split.test.x[[3, 1]]],
            split.test.labels[3],
        );
        let class = train.pick([at[0] + 0.01, at[1] - 0.01]);
        assert_eq!(class, Class::of_label(label));
        assert_eq!(train.picked_point(), Some((at, label)));
        let before = train.picked_scores().unwrap();
        train.step(50);
        assert_ne!(
            train.picked_scores().unwrap(),
            before,
            "the scores follow training"
        );
        // Far from every point: nothing is picked, and the old pick stays.
        assert_eq!(train.pick([5.0, 5.0]), None);
        assert!(train.picked_point().is_some());
        assert!(train.unpick());
        assert!(!train.unpick());
    }

    #[test]
    fn a_carried_on_setting_reaches_the_trainer_and_keeps_the_weights() {
        let mut settings = Settings::default();
        let mut train = Train::new(&settings.train);
        train.step(30);
        let weights = train.trainer().model().weights().to_vec();
        let change = settings.set(Setting::LearningRate(0.2));
        train.carry_on(&change.setting, &settings.train);
        assert_eq!(train.trainer().config().learning_rate, 0.2);
        let change = settings.set(Setting::Batch(25));
        train.carry_on(&change.setting, &settings.train);
        assert_eq!(train.trainer().config().batch_size, 25);
        assert_eq!(train.trainer().model().weights(), &weights[..]);
        assert_eq!(train.trainer().iteration(), 30);
    }
}
