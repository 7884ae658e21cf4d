//! The trainer: owns the model, the data, the optimizer's state, the history and every scratch
//! buffer, and repeats gradient descent (梯度下降) until a stop rule fires.
//!
//! One iteration is one update w ← w − η·∇L on a batch: the whole training set for gradient
//! descent, a mini-batch for the others. At the start of every epoch (a pass over the training
//! set) the trainer evaluates the full training objective L(w) = data loss + λ·R(w), records it in
//! the history and checks the stop rules. That check measures only what they and the loss chart
//! need: ‖∇L‖ when the gradient rule is on (or comes free, as in full-batch descent), the test
//! loss when the entry is kept for the chart. [`Trainer::refresh`] measures everything the page
//! shows at the weights it shows.

use ndarray::ArrayView2;

use super::activation::Activation;
use super::confusion::Confusion;
use super::data::{self, CLASSES, DataSpec, Split};
use super::inspect::{ParamPlace, Trace, WeightStep};
use super::loss::{Loss, MAX_CLASSES, predicted_class};
use super::model::{Architecture, Mlp, Workspace};
use super::optimizer::{Optimizer, OptimizerState};
use super::penalty::Regularizer;
use super::rng::Rng;
use super::stop::{BounceWatch, StopReason, StopRules};
use super::timeline::{SnapshotMeta, Timeline};

/// Everything that decides a training run. Checked at the settings boundary before it gets here.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainConfig {
    /// The data set (its seed also seeds the first weights and the mini-batch order).
    pub data: DataSpec,
    /// Hidden layer widths, 0 to 3 layers.
    pub hidden: Vec<usize>,
    /// Activation of the hidden layers.
    pub activation: Activation,
    /// The data loss.
    pub loss: Loss,
    /// The penalty on the weights and its λ.
    pub regularizer: Regularizer,
    /// The update rule.
    pub optimizer: Optimizer,
    /// The learning rate η.
    pub learning_rate: f64,
    /// Rows per mini-batch (for every optimizer but full-batch gradient descent).
    pub batch_size: usize,
    /// When to stop.
    pub stop: StopRules,
}

/// The numbers of one evaluation on the whole data. Those of [`Trainer::metrics`] after
/// [`Trainer::refresh`] are all measured; in history entries, ‖∇L‖ and the test numbers are NaN
/// where the check did not need them (see the module's doc).
///
/// Two are equal when every number is the same f64 bit for bit (so an unmeasured NaN equals an
/// unmeasured NaN, and 0 and −0 differ): the record of a deterministic run, not arithmetic.
#[derive(Clone, Copy, Debug, Default)]
pub struct Metrics {
    /// Updates made before this evaluation.
    pub iteration: u64,
    /// Mean data loss on the training set.
    pub train_loss: f64,
    /// λ·R(w).
    pub penalty: f64,
    /// The objective: train_loss + penalty.
    pub objective: f64,
    /// ‖∇L‖₂ of the objective (with the L1 part's smallest subgradient where a weight is 0).
    pub gradient_norm: f64,
    /// Share of training points classified right.
    pub train_accuracy: f64,
    /// Mean data loss on the test set.
    pub test_loss: f64,
    /// Share of test points classified right.
    pub test_accuracy: f64,
    /// Weights that are exactly 0.
    pub zero_weights: usize,
}

impl Metrics {
    /// Every number, as bits, in field order.
    fn bits(&self) -> [u64; 9] {
        [
            self.iteration,
            self.train_loss.to_bits(),
            self.penalty.to_bits(),
            self.objective.to_bits(),
            self.gradient_norm.to_bits(),
            self.train_accuracy.to_bits(),
            self.test_loss.to_bits(),
            self.test_accuracy.to_bits(),
            self.zero_weights as u64,
        ]
    }
}

impl PartialEq for Metrics {
    fn eq(&self, other: &Metrics) -> bool {
        self.bits() == other.bits()
    }
}

/// What one call of [`Trainer::step`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StepReport {
    /// Updates made during the call.
    pub iterations: u64,
    /// Set once training has stopped, with the rule (or the divergence) that stopped it.
    pub stopped: Option<StopReason>,
}

/// Mixed into the seed for the mini-batch order, so it differs from the data's and the weights' streams.
const BATCH_SEED: u64 = 0x0BA7_C4E5_0000_0000;

/// Most evaluations kept; when full, every other one is dropped and recording slows to match,
/// so the history never reallocates. About one per device pixel of the loss chart's width.
pub const HISTORY_CAPACITY: usize = 1024;

/// The recorded curves, one entry every `stride` epochs.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    entries: Vec<Metrics>,
    stride: u64,
    seen: u64,
}

impl History {
    fn new() -> Self {
        History {
            entries: Vec::with_capacity(HISTORY_CAPACITY),
            stride: 1,
            seen: 0,
        }
    }

    fn clear(&mut self) {
        self.entries.clear();
        self.stride = 1;
        self.seen = 0;
    }

    /// Whether [`History::record`] would keep an entry of `iteration` (with `force` as it
    /// would be passed).
    fn keeps(&self, iteration: u64, force: bool) -> bool {
        force
            || self.seen.is_multiple_of(self.stride)
            || self
                .entries
                .last()
                .is_some_and(|m| m.iteration == iteration)
    }

    /// Counts an epoch whose entry [`History::keeps`] said it would drop, unmeasured.
    fn skip(&mut self) {
        self.seen += 1;
    }

    fn record(&mut self, m: Metrics, force: bool) {
        // A re-evaluation after a change of settings replaces the entry of the same iteration.
        if let Some(last) = self.entries.last_mut()
            && last.iteration == m.iteration
        {
            *last = m;
            return;
        }
        let due = self.seen.is_multiple_of(self.stride);
        self.seen += 1;
        if !due && !force {
            return;
        }
        if self.entries.len() == HISTORY_CAPACITY {
            // Keep every other entry; later ones come half as often.
            let kept = self.entries.len().div_ceil(2);
            for i in 0..kept {
                self.entries[i] = self.entries[2 * i];
            }
            self.entries.truncate(kept);
            self.stride *= 2;
        }
        self.entries.push(m);
    }

    /// Epochs counted and the stride entries are kept at.
    fn cadence(&self) -> (u64, u64) {
        (self.seen, self.stride)
    }

    /// Sets back what [`History::cadence`] gave.
    fn set_cadence(&mut self, (seen, stride): (u64, u64)) {
        (self.seen, self.stride) = (seen, stride);
    }

    /// Drops the entries after iteration `iteration`.
    fn truncate_after(&mut self, iteration: u64) {
        let keep = self.entries.partition_point(|m| m.iteration <= iteration);
        self.entries.truncate(keep);
    }

    /// The recorded evaluations, oldest first.
    pub fn entries(&self) -> &[Metrics] {
        &self.entries
    }
}

/// Most data points (training and test together) a run may hold after points are added.
pub const MAX_POINTS: usize = 2000;

/// A training run in progress.
pub struct Trainer {
    config: TrainConfig,
    split: Split,
    model: Mlp,
    optimizer: OptimizerState,
    workspace: Workspace,
    grad: Vec<f64>,
    /// The labels of the current mini-batch (its points go straight into the workspace).
    batch_labels: Vec<usize>,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    iteration: u64,
    first_objective: Option<f64>,
    latest: Metrics,
    /// Whether `grad` holds the full-batch gradient at the current weights.
    grad_is_current: bool,
    /// Whether `latest` holds ‖∇L‖, and the test numbers.
    latest_has: (bool, bool),
    /// Whether history entries need the test loss (a loss chart shows it).
    test_curve: bool,
    history: History,
    stopped: Option<StopReason>,
    /// Snapshots of the whole state, when kept (see [`Trainer::keep_timeline`]).
    timeline: Option<Timeline>,
    /// Whether the state was set back to a snapshot and nothing has moved since: the snapshots
    /// and history entries after it are kept until training goes on from there.
    scrubbed: bool,
    /// The history's cadence at that snapshot, set back when training goes on.
    scrubbed_cadence: (u64, u64),
    /// The objectives of the last checks, watched for a loss that bounces instead of falling.
    bounce: BounceWatch,
}

impl Trainer {
    /// A fresh run: data generated and weights drawn from the seed, nothing trained yet.
    pub fn new(config: TrainConfig) -> Self {
        let split = data::generate(&config.data);
        let model = Mlp::new(architecture(&config), config.data.seed);
        let n = model.params().len();
        let mut trainer = Trainer {
            optimizer: OptimizerState::new(n),
            workspace: Workspace::default(),
            grad: vec![0.0; n],
            batch_labels: vec![0; config.batch_size.min(split.train.len()).max(1)],
            order: (0..split.train.len()).collect(),
            cursor: 0,
            rng: Rng::new(config.data.seed ^ BATCH_SEED),
            iteration: 0,
            first_objective: None,
            latest: Metrics::default(),
            grad_is_current: false,
            latest_has: (false, false),
            test_curve: true,
            history: History::new(),
            stopped: None,
            timeline: None,
            scrubbed: false,
            scrubbed_cadence: (0, 1),
            bounce: BounceWatch::default(),
            split,
            model,
            config,
        };
        trainer.evaluate();
        trainer.refresh();
        trainer
    }

    /// Whether the history's entries carry the test loss (on by default; off for runs whose
    /// history no chart shows, so that their checks skip the test set).
    pub fn set_test_curve(&mut self, on: bool) {
        self.test_curve = on;
    }

    /// Keeps a timeline of this run from now on (its store allocated once, see
    /// [`Timeline`]), starting with the state now.
    pub fn keep_timeline(&mut self) {
        self.timeline = Some(Timeline::new(
            self.model.params().len(),
            self.split.train.len(),
        ));
        self.snapshot(false);
    }

    /// The timeline, if kept.
    pub fn timeline(&self) -> Option<&Timeline> {
        self.timeline.as_ref()
    }

    /// Lets the timeline and its store go (before another run makes its own: never two at once).
    pub fn drop_timeline(&mut self) {
        self.timeline = None;
    }

    /// Whether the state is a snapshot set back by [`Trainer::restore`], with later ones kept.
    pub fn scrubbed(&self) -> bool {
        self.scrubbed
    }

    /// The timeline starts again from the state now (after a reset, new data or a new loss); its
    /// store is allocated again only if the network's or the data's size changed.
    fn restart_timeline(&mut self) {
        let (params, points) = (self.model.params().len(), self.split.train.len());
        match &mut self.timeline {
            None => return,
            Some(t) if t.fits(params, points) => t.clear(),
            Some(_) => {
                // The old store goes before the new one is made: never two at once.
                self.timeline = None;
                self.timeline = Some(Timeline::new(params, points));
            }
        }
        self.snapshot(false);
    }

    /// Writes a snapshot of the state now into the timeline, if one is kept: on the stride's
    /// grid, or (`tip`) as the provisional last one, which the next snapshot replaces, so that
    /// the latest iteration can always be gone back to.
    fn snapshot(&mut self, tip: bool) {
        let Some(timeline) = self.timeline.as_mut() else {
            return;
        };
        if tip && timeline.last_iteration() == Some(self.iteration) {
            return;
        }
        let (first, second, steps, powers) = self.optimizer.parts();
        let meta = SnapshotMeta {
            iteration: self.iteration,
            cursor: self.cursor,
            rng: self.rng.state(),
            first_objective: self.first_objective,
            rule: self.config.optimizer,
            steps,
            powers,
            stopped: self.stopped,
            history: self.history.cadence(),
        };
        let slot = timeline.push(meta, tip);
        let params = self.model.params();
        let n = params.len();
        slot.floats[..n].copy_from_slice(params);
        slot.floats[n..2 * n].copy_from_slice(first);
        slot.floats[2 * n..].copy_from_slice(second);
        for (dst, &src) in slot.order.iter_mut().zip(&self.order) {
            *dst = src as f64;
        }
    }

    /// Sets the whole state back to snapshot `k` of the timeline: the weights, the optimizer's
    /// moments (zeroed if the snapshot was taken under another rule), the mini-batch order and its
    /// random stream, whether training had stopped; every number is measured again. The later
    /// snapshots and history entries stay until training goes on (then they are dropped and the
    /// history's cadence set back, see [`Trainer::step`]), so the state can be moved back and
    /// forth; the last snapshot is the latest state. Returns whether there was such a snapshot.
    pub fn restore(&mut self, k: usize) -> bool {
        let Some(timeline) = self.timeline.as_ref() else {
            return false;
        };
        let last = k + 1 == timeline.len();
        let Some((floats, order, meta)) = timeline.get(k) else {
            return false;
        };
        let n = self.model.params().len();
        self.model.params_mut().copy_from_slice(&floats[..n]);
        if meta.rule == self.config.optimizer {
            self.optimizer
                .set_parts(&floats[n..2 * n], &floats[2 * n..], meta.steps, meta.powers);
        } else {
            self.optimizer.reset();
        }
        for (dst, &src) in self.order.iter_mut().zip(order) {
            *dst = src as usize;
        }
        self.rng = Rng::from_state(meta.rng);
        self.cursor = meta.cursor;
        self.iteration = meta.iteration;
        self.first_objective = meta.first_objective;
        self.stopped = meta.stopped;
        self.bounce.clear();
        self.grad_is_current = false;
        self.latest_has = (false, false);
        if last {
            // The latest state: nothing after it to keep or drop.
            self.history.set_cadence(meta.history);
            self.scrubbed = false;
        } else {
            self.scrubbed_cadence = meta.history;
            self.scrubbed = true;
        }
        self.refresh();
        true
    }

    /// After [`Trainer::restore`], before anything moves: the snapshots and history entries
    /// after the restored iteration are dropped. Whether the state had been restored.
    fn settle(&mut self) -> bool {
        if !std::mem::take(&mut self.scrubbed) {
            return false;
        }
        if let Some(t) = self.timeline.as_mut() {
            t.truncate_after(self.iteration);
        }
        self.history.truncate_after(self.iteration);
        self.history.set_cadence(self.scrubbed_cadence);
        true
    }

    /// The snapshot to go back to after a divergence: the last one whose weights are finite, at
    /// or before the recorded evaluation with the lowest objective (the last of equals), where
    /// the run was at its best before it blew up.
    pub fn last_good(&self) -> Option<usize> {
        let timeline = self.timeline.as_ref()?;
        let good = self
            .history
            .entries()
            .iter()
            .filter(|m| m.objective.is_finite())
            .min_by(|a, b| {
                a.objective
                    .total_cmp(&b.objective)
                    .then(b.iteration.cmp(&a.iteration))
            })?
            .iteration;
        (0..timeline.len()).rev().find(|&k| {
            timeline.iteration(k).is_some_and(|i| i <= good)
                && timeline
                    .get(k)
                    .is_some_and(|(floats, ..)| floats.iter().all(|v| v.is_finite()))
        })
    }

    /// Sets parameter `i` to `value` by hand (a finite value; the caller bounds it): training
    /// carries on from the changed weights, every number measured again; the timeline's
    /// snapshot of this iteration becomes this state. Whether it was set.
    pub fn set_param(&mut self, i: usize, value: f64) -> bool {
        if i >= self.model.params().len() || !value.is_finite() {
            return false;
        }
        self.settle();
        self.model.params_mut()[i] = value;
        self.grad_is_current = false;
        self.latest_has = (false, false);
        self.evaluate();
        self.refresh();
        self.resnapshot();
        true
    }

    /// After a change made in place at this iteration (a weight set by hand, a new rule, penalty
    /// or stop rule): the timeline's snapshot of this iteration becomes the changed state.
    fn resnapshot(&mut self) {
        if let Some(t) = self.timeline.as_mut() {
            t.truncate_from(self.iteration);
        }
        self.snapshot(false);
    }

    /// The next update of parameter `i`, written out (see [`WeightStep`]): its data gradient
    /// is the trainer's own backward pass on the batch the next update will use, so the step's
    /// `next` is exactly the value [`Trainer::step`] will give it. None past the parameters.
    /// Changes no state that training reads (only scratch buffers it fills again anyway).
    pub fn weight_step(&mut self, i: usize) -> Option<WeightStep> {
        let place = ParamPlace::of(self.model.layers(), i)?;
        let rows = self.peek_gradient();
        let (first, second, steps, powers) = self.optimizer.parts();
        Some(WeightStep::of(
            i,
            place,
            self.model.params()[i],
            (self.grad[i], rows),
            self.config.regularizer.strengths(),
            self.config.learning_rate,
            self.config.optimizer,
            ((first[i], second[i]), steps, powers),
        ))
    }

    /// The data gradient the next update will use, into `self.grad`; returns its batch's rows.
    /// The full-batch gradient is computed only if it is not current (and then left marked as
    /// not current, so the update computes it again, to the same bits).
    fn peek_gradient(&mut self) -> usize {
        let rows = self.batch_rows();
        if rows >= self.split.train.len() {
            if !self.grad_is_current {
                forward_backward(
                    &self.model,
                    self.config.loss,
                    self.split.train.x.view(),
                    &self.split.train.labels,
                    &mut self.workspace,
                    &mut self.grad,
                );
            }
            self.split.train.len()
        } else {
            self.data_gradient_batch();
            self.grad_is_current = false;
            rows.min(self.split.train.len() - self.cursor)
        }
    }

    /// Backpropagation for point `index` of the training set (`train`) or of the test set, down
    /// to parameter `param`, into `out` (its vectors reused); see [`Trace`]. False if there is no
    /// such point or parameter.
    pub fn trace(&mut self, train: bool, index: usize, param: usize, out: &mut Trace) -> bool {
        let set = if train {
            &self.split.train
        } else {
            &self.split.test
        };
        let Some(place) = ParamPlace::of(self.model.layers(), param) else {
            return false;
        };
        if index >= set.len() {
            return false;
        }
        out.x = [set.x[[index, 0]], set.x[[index, 1]]];
        out.label = set.labels[index];
        out.index = param;
        out.place = Some(place);
        out.points = self.split.train.len();
        // Forward, as the model runs it, on a batch of this one point.
        out.loss = self.point_loss(out.x, out.label);
        let layers = self.model.layers();
        out.values.resize_with(layers.len() + 1, Vec::new);
        out.deltas.resize_with(layers.len(), Vec::new);
        out.values[0].clear();
        out.values[0].extend_from_slice(&out.x);
        for (l, layer) in layers.iter().enumerate() {
            let v = &mut out.values[l + 1];
            v.clear();
            v.extend((0..layer.outputs).map(|j| self.workspace.output(l, j)[0]));
        }
        // The scores' δ from the loss, as training computes it.
        let (scores, delta, lanes) = self.workspace.scores_and_delta();
        self.config
            .loss
            .columns_value_and_grad(scores, lanes, &[out.label], delta);
        let last = layers.len() - 1;
        let d = &mut out.deltas[last];
        d.clear();
        d.extend(delta.chunks_exact(lanes).map(|row| row[0]));
        // Back, layer by layer: δ_below[k] = (Σ_j W_kj·δ[j])·f′(a_k), summed as the model does.
        let params = self.model.params();
        let act = self.model.architecture().activation;
        for l in (1..layers.len()).rev() {
            let s = layers[l];
            let (below, above) = out.deltas.split_at_mut(l);
            let (below, above) = (&mut below[l - 1], &above[0]);
            below.clear();
            for k in 0..s.inputs {
                let row = &params[s.weights + k * s.outputs..s.weights + (k + 1) * s.outputs];
                let mut acc = 0.0;
                for (&w, &dj) in row.iter().zip(above.iter()) {
                    acc += w * dj;
                }
                below.push(acc * act.derivative_from_output(out.values[l][k]));
            }
        }
        let delta = out.deltas[place.layer][place.to];
        out.backprop = match place.from {
            Some(k) => out.values[place.layer][k] * delta,
            None => delta,
        };
        // The central difference, the parameter set back to its exact value after.
        let w = params[param];
        let h = 1e-6 * w.abs().max(1.0);
        self.model.params_mut()[param] = w + h;
        let up = self.point_loss(out.x, out.label);
        self.model.params_mut()[param] = w - h;
        let down = self.point_loss(out.x, out.label);
        self.model.params_mut()[param] = w;
        out.h = h;
        out.finite_difference = (up - down) / (2.0 * h);
        true
    }

    /// The loss of one point at the current weights (its forward pass left in the workspace).
    fn point_loss(&mut self, x: [f64; 2], label: usize) -> f64 {
        let (input, lanes) = self.workspace.input_mut(self.model.layers(), 1);
        input[0] = x[0];
        input[lanes] = x[1];
        self.model.forward_loaded(&mut self.workspace);
        let (scores, _, lanes) = self.workspace.scores_and_delta();
        self.config.loss.columns_value(scores, lanes, &[label])
    }

    /// Adds a training point at `at` (clamped to [−1, 1]²) of class `label` (clamped to the
    /// classes), unless the data already holds [`MAX_POINTS`]. Training carries on from the
    /// current weights, with the new point in every later batch; a run that had stopped may go on.
    /// Returns whether the point was added.
    pub fn add_point(&mut self, at: [f64; 2], label: usize) -> bool {
        if self.split.train.len() + self.split.test.len() >= MAX_POINTS
            || !at.iter().all(|v| v.is_finite())
        {
            return false;
        }
        let at = at.map(|v| v.clamp(-1.0, 1.0));
        self.split.train.push(at, label.min(CLASSES - 1));
        self.data_changed();
        true
    }

    /// Removes the point (training or test) nearest to `at`, if it lies within `radius` and is not
    /// the last training point. Training carries on. Returns whether a point was removed.
    pub fn remove_point(&mut self, at: [f64; 2], radius: f64) -> bool {
        let nearest =
            [(true, &self.split.train), (false, &self.split.test)]
                .into_iter()
                .flat_map(|(train, set)| {
                    set.x.rows().into_iter().enumerate().map(move |(i, r)| {
                        ((r[0] - at[0]).powi(2) + (r[1] - at[1]).powi(2), train, i)
                    })
                })
                .min_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, train, index)) = nearest.filter(|(d, ..)| *d <= radius * radius) else {
            return false;
        };
        if train {
            if self.split.train.len() <= 1 {
                return false;
            }
            self.split.train.remove(index);
        } else {
            self.split.test.remove(index);
        }
        self.data_changed();
        true
    }

    /// After the data changed: batches drawn afresh over the new training set, the numbers
    /// measured again, and the stop rules asked again (the history goes on).
    fn data_changed(&mut self) {
        self.settle();
        let n = self.split.train.len();
        self.order = (0..n).collect();
        self.cursor = 0;
        self.batch_labels
            .resize(self.config.batch_size.min(n).max(1), 0);
        self.grad_is_current = false;
        self.stopped = None;
        self.bounce.clear();
        self.evaluate();
        self.refresh();
        self.restart_timeline();
    }

    /// Back to the first weights of this seed (the same start every time), history cleared.
    pub fn reset(&mut self) {
        self.model.initialize(self.config.data.seed);
        self.optimizer.reset();
        self.rng = Rng::new(self.config.data.seed ^ BATCH_SEED);
        for (i, o) in self.order.iter_mut().enumerate() {
            *o = i;
        }
        self.cursor = 0;
        self.iteration = 0;
        self.first_objective = None;
        self.history.clear();
        self.bounce.clear();
        self.stopped = None;
        self.scrubbed = false;
        self.evaluate();
        self.refresh();
        self.restart_timeline();
    }

    /// Makes up to `n` updates; stops early when a stop rule fires or training diverges. After
    /// [`Trainer::restore`], training goes on from the restored iteration, as it went on then:
    /// the later snapshots and history entries are dropped.
    pub fn step(&mut self, n: u64) -> StepReport {
        self.settle();
        let mut done = 0;
        while done < n && self.stopped.is_none() {
            self.update();
            done += 1;
        }
        self.snapshot(true);
        StepReport {
            iterations: done,
            stopped: self.stopped,
        }
    }

    /// One update on the next batch: w ← w − η·(rule applied to ∇ of the data loss and of the
    /// smooth part of the penalty), then the proximal step of the L1 part, which has no gradient
    /// at 0 and gives exact zeros (see [`OptimizerState::shrink`]).
    fn update(&mut self) {
        let eta = self.config.learning_rate;
        let full = self.batch_rows() >= self.split.train.len();
        let batch_loss = if full {
            if self.grad_is_current {
                self.latest.train_loss
            } else {
                self.data_gradient_full()
            }
        } else {
            self.data_gradient_batch()
        };
        let w = self.model.weight_count();
        let (weights, grad) = (&self.model.params()[..w], &mut self.grad[..w]);
        self.config.regularizer.add_smooth_grad(weights, grad);
        self.optimizer.update(
            self.config.optimizer,
            eta,
            self.model.params_mut(),
            &self.grad,
        );
        let (l1, _) = self.config.regularizer.strengths();
        self.optimizer.shrink(
            self.config.optimizer,
            eta,
            l1,
            &mut self.model.params_mut()[..w],
        );
        self.grad_is_current = false;
        self.iteration += 1;
        self.cursor += self.batch_rows();
        if self.cursor >= self.split.train.len() {
            self.cursor = 0;
            if !full {
                self.rng.shuffle(&mut self.order);
            }
        }
        // Between epoch evaluations, a batch that blew up is caught at once, not an epoch later.
        let blew_up = !batch_loss.is_finite()
            || self
                .first_objective
                .is_some_and(|first| batch_loss > super::stop::EXPLODING_FACTOR * first.max(1.0))
            || self.model.params().iter().any(|v| !v.is_finite());
        if full || self.cursor == 0 || self.iteration >= self.config.stop.max_iterations || blew_up
        {
            self.evaluate();
        }
        if self
            .timeline
            .as_ref()
            .is_some_and(|t| t.due(self.iteration))
        {
            self.snapshot(false);
        }
    }

    fn batch_rows(&self) -> usize {
        if self.config.optimizer.uses_mini_batches() {
            self.config.batch_size.min(self.split.train.len())
        } else {
            self.split.train.len()
        }
    }

    /// Data loss and its gradient on the whole training set, into `self.grad`.
    fn data_gradient_full(&mut self) -> f64 {
        let x = self.split.train.x.view();
        let loss = forward_backward(
            &self.model,
            self.config.loss,
            x,
            &self.split.train.labels,
            &mut self.workspace,
            &mut self.grad,
        );
        self.grad_is_current = true;
        loss
    }

    /// Data loss and its gradient on the next mini-batch, into `self.grad`.
    fn data_gradient_batch(&mut self) -> f64 {
        let rows = self.batch_rows().min(self.split.train.len() - self.cursor);
        let order = &self.order[self.cursor..self.cursor + rows];
        let (input, lanes) = self.workspace.input_mut(self.model.layers(), rows);
        let (xs, ys) = input.split_at_mut(lanes);
        let train = &self.split.train;
        for (r, &i) in order.iter().enumerate() {
            xs[r] = train.x[[i, 0]];
            ys[r] = train.x[[i, 1]];
            self.batch_labels[r] = train.labels[i];
        }
        forward_backward_loaded(
            &self.model,
            self.config.loss,
            &self.batch_labels[..rows],
            &mut self.workspace,
            &mut self.grad,
        )
    }

    /// Measures the objective and the training accuracy at the current weights, and ‖∇L‖ when
    /// `gradient` is set (NaN otherwise); the test numbers are left NaN (see
    /// [`Trainer::measure_test`]). The objective is the same number either way.
    fn measure_train(&mut self, gradient: bool) -> Metrics {
        let train = &self.split.train;
        let train_loss = if gradient {
            self.data_gradient_full()
        } else {
            self.workspace.load(self.model.layers(), train.x.view());
            self.model.forward_loaded(&mut self.workspace);
            let (scores, _, lanes) = self.workspace.scores_and_delta();
            self.config.loss.columns_value(scores, lanes, &train.labels)
        };
        let w = self.model.weight_count();
        let weights = &self.model.params()[..w];
        let penalty = self.config.regularizer.value(weights);
        let gradient_norm = if gradient {
            objective_gradient_norm(&self.config.regularizer, weights, &self.grad)
        } else {
            f64::NAN
        };
        let zero_weights = weights.iter().filter(|&&v| v == 0.0).count();
        // The workspace still holds the training scores of that forward pass.
        let train_accuracy = accuracy(self.workspace.scores(), &self.split.train.labels);
        Metrics {
            iteration: self.iteration,
            train_loss,
            penalty,
            objective: train_loss + penalty,
            gradient_norm,
            train_accuracy,
            test_loss: f64::NAN,
            test_accuracy: f64::NAN,
            zero_weights,
        }
    }

    /// The confusion matrix of the test set at the current weights, and with `predicted` the
    /// predicted class of each test point, in order (the vector is reused).
    pub fn test_confusion(&mut self, predicted: Option<&mut Vec<usize>>) -> Confusion {
        let test = &self.split.test;
        if test.is_empty() {
            return Confusion::default();
        }
        self.workspace.load(self.model.layers(), test.x.view());
        self.model.forward_loaded(&mut self.workspace);
        let scores = self.workspace.scores();
        if let Some(out) = predicted {
            out.clear();
            let k = scores.ncols().min(MAX_CLASSES);
            let mut s = [0.0; MAX_CLASSES];
            for row in scores.rows() {
                for (dst, &src) in s.iter_mut().zip(row) {
                    *dst = src;
                }
                out.push(predicted_class(&s[..k]));
            }
        }
        Confusion::of(scores, &test.labels)
    }

    /// The test loss and accuracy at the current weights into `m` (left as they are for an empty
    /// test set).
    fn measure_test(&mut self, m: &mut Metrics) {
        let test = &self.split.test;
        if test.is_empty() {
            return;
        }
        self.workspace.load(self.model.layers(), test.x.view());
        self.model.forward_loaded(&mut self.workspace);
        let (scores, _, lanes) = self.workspace.scores_and_delta();
        m.test_loss = self.config.loss.columns_value(scores, lanes, &test.labels);
        m.test_accuracy = accuracy(self.workspace.scores(), &test.labels);
    }

    /// The check at the start of an epoch: measures what the stop rules and the history need,
    /// records it and checks the rules. ‖∇L‖ is measured when the gradient rule is on, and in
    /// full-batch descent, where the next update reuses that very gradient; the test set when
    /// the history keeps this entry for a chart that shows it.
    ///
    /// Nothing at all is measured when nothing needs it: a mini-batch run with neither the loss
    /// rule nor the gradient rule on, at an epoch whose entry the history drops (after
    /// [`HISTORY_CAPACITY`] epochs it keeps one in 2, then 4…), short of the iteration limit,
    /// with finite weights. Divergence is then caught as between checks, on the batch losses
    /// after every update; every number shown is measured by [`Trainer::refresh`].
    fn evaluate(&mut self) {
        let rules = self.config.stop;
        let gradient = rules.needs_gradient() || !self.config.optimizer.uses_mini_batches();
        let unneeded = !gradient
            && !rules.needs_objective()
            && self.first_objective.is_some()
            && self.iteration < rules.max_iterations
            && !self.history.keeps(self.iteration, false)
            && self.model.params().iter().all(|v| v.is_finite());
        if unneeded {
            self.history.skip();
            return;
        }
        let mut m = self.measure_train(gradient);
        self.bounce.push(m.objective);
        let first = *self.first_objective.get_or_insert(m.objective);
        let params_finite = self.model.params().iter().all(|v| v.is_finite());
        let verdict = if params_finite {
            // Unmeasured only when the gradient rule is off, which then never reads it.
            let norm = if gradient { m.gradient_norm } else { 0.0 };
            rules.check(self.iteration, m.objective, norm, first)
        } else {
            Some(StopReason::NonFinite)
        };
        let force = verdict.is_some();
        let test = self.test_curve && self.history.keeps(m.iteration, force);
        if test {
            self.measure_test(&mut m);
        }
        self.latest = m;
        self.latest_has = (gradient, test);
        self.stopped = verdict;
        self.history.record(m, force);
    }

    /// Brings [`Trainer::metrics`] up to the current weights, every number measured (the checks
    /// measure only what they need, and mini-batch runs check once an epoch), without recording
    /// a history entry or checking the stop rules.
    pub fn refresh(&mut self) {
        if self.latest.iteration != self.iteration {
            self.latest_has = (false, false);
        }
        let (gradient, test) = self.latest_has;
        let mut m = if gradient {
            self.latest
        } else {
            self.measure_train(true)
        };
        if test {
            (m.test_loss, m.test_accuracy) = (self.latest.test_loss, self.latest.test_accuracy);
        } else {
            (m.test_loss, m.test_accuracy) = (f64::NAN, f64::NAN);
            self.measure_test(&mut m);
        }
        self.latest = m;
        self.latest_has = (true, true);
    }

    /// The latest evaluation.
    pub fn metrics(&self) -> &Metrics {
        &self.latest
    }

    /// Every recorded evaluation.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Why training stopped, if it did.
    pub fn stopped(&self) -> Option<StopReason> {
        self.stopped
    }

    /// Whether the loss bounces instead of falling (see [`BounceWatch`]): the learning rate is
    /// too large, though not so large that training blows up. False once training has stopped.
    pub fn bouncing(&self) -> bool {
        self.stopped.is_none() && self.bounce.bouncing()
    }

    /// The model being trained.
    pub fn model(&self) -> &Mlp {
        &self.model
    }

    /// The training and test points.
    pub fn split(&self) -> &Split {
        &self.split
    }

    /// The settings of this run.
    pub fn config(&self) -> &TrainConfig {
        &self.config
    }

    /// Updates made so far.
    pub fn iteration(&self) -> u64 {
        self.iteration
    }

    /// Changes η without resetting the weights.
    pub fn set_learning_rate(&mut self, eta: f64) {
        self.settle();
        // A new step size deserves a fresh judgement of whether the loss bounces.
        self.bounce.clear();
        self.config.learning_rate = eta;
    }

    /// Changes the penalty or λ without resetting the weights; the objective is re-evaluated.
    pub fn set_regularizer(&mut self, regularizer: Regularizer) {
        self.config.regularizer = regularizer;
        // The objective changed meaning: growth and bounces are measured from here on.
        self.first_objective = None;
        self.bounce.clear();
        self.reevaluate();
    }

    /// The mean of `loss` over the training set at the current weights (any of the five, not only
    /// the one being trained with).
    pub fn training_loss_of(&mut self, loss: Loss) -> f64 {
        let scores = self
            .model
            .forward(self.split.train.x.view(), &mut self.workspace);
        loss.value(scores, &self.split.train.labels)
    }

    /// Changes the loss without resetting the weights; the history restarts (its curves measured
    /// another loss).
    pub fn set_loss(&mut self, loss: Loss) {
        self.settle();
        self.config.loss = loss;
        if self.stopped.is_some_and(StopReason::is_divergence) {
            // The weights are ruined: keep the record of the divergence until Reset.
            return;
        }
        self.history.clear();
        self.bounce.clear();
        self.first_objective = None;
        self.reevaluate();
        // The timeline starts here too: its cursor on the loss chart needs the history.
        self.restart_timeline();
    }

    /// Changes the update rule (its state restarts) without resetting the weights.
    pub fn set_optimizer(&mut self, optimizer: Optimizer, batch_size: usize) {
        self.settle();
        self.config.optimizer = optimizer;
        self.config.batch_size = batch_size;
        let rows = batch_size.min(self.split.train.len()).max(1);
        if self.batch_labels.len() < rows {
            self.batch_labels.resize(rows, 0);
        }
        self.optimizer.reset();
        self.cursor = 0;
        self.reevaluate();
    }

    /// Changes the stop rules; a run they stopped may carry on if they no longer hold.
    pub fn set_stop_rules(&mut self, stop: StopRules) {
        self.config.stop = stop;
        self.reevaluate();
    }

    /// Re-checks the current state after a change of settings (a divergence stays until reset).
    /// The timeline's snapshot of this iteration becomes the changed state.
    fn reevaluate(&mut self) {
        self.settle();
        if !self.stopped.is_some_and(StopReason::is_divergence) {
            self.evaluate();
            self.refresh();
        }
        self.resnapshot();
    }
}

/// The network shape a config asks for: 2 inputs, its hidden layers, one score per class.
pub fn architecture(config: &TrainConfig) -> Architecture {
    Architecture {
        inputs: 2,
        hidden: config.hidden.clone(),
        outputs: CLASSES,
        activation: config.activation,
    }
}

/// Forward pass, loss and backward pass on one batch; returns the mean data loss and writes its
/// gradient into `grad`.
pub fn forward_backward(
    model: &Mlp,
    loss: Loss,
    x: ArrayView2<f64>,
    labels: &[usize],
    ws: &mut Workspace,
    grad: &mut [f64],
) -> f64 {
    ws.load(model.layers(), x);
    forward_backward_loaded(model, loss, labels, ws, grad)
}

/// [`forward_backward`] on the batch already in `ws` (see [`Workspace::input_mut`]).
pub fn forward_backward_loaded(
    model: &Mlp,
    loss: Loss,
    labels: &[usize],
    ws: &mut Workspace,
    grad: &mut [f64],
) -> f64 {
    model.forward_loaded(ws);
    let (scores, delta, lanes) = ws.scores_and_delta();
    let value = loss.columns_value_and_grad(scores, lanes, labels, delta);
    model.backward(ws, grad);
    value
}

/// Share of rows whose predicted class (the first largest score) is the label; NaN for no rows.
pub fn accuracy(scores: ArrayView2<f64>, labels: &[usize]) -> f64 {
    if labels.is_empty() {
        return f64::NAN;
    }
    let k = scores.ncols().min(MAX_CLASSES);
    let mut s = [0.0; MAX_CLASSES];
    let right = scores
        .rows()
        .into_iter()
        .zip(labels)
        .filter(|(row, label)| {
            for (dst, &src) in s.iter_mut().zip(row) {
                *dst = src;
            }
            predicted_class(&s[..k]) == **label
        })
        .count();
    right as f64 / labels.len() as f64
}

/// sign(v) with sign(0) = 0.
fn sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else {
        0.0
    }
}

/// ‖∇L‖₂ of data loss + penalty, given the data gradient `data_grad` (weights first, then biases).
/// Where a weight is exactly 0 the L1 part contributes its smallest subgradient: the data slope
/// soft-thresholded by λα, which is 0 at an L1 optimum.
pub fn objective_gradient_norm(r: &Regularizer, weights: &[f64], data_grad: &[f64]) -> f64 {
    let (l1, l2) = r.strengths();
    let mut sum = 0.0;
    for (i, &g) in data_grad.iter().enumerate() {
        let full = match weights.get(i) {
            None => g,
            Some(&w) if w != 0.0 => g + l2 * w + l1 * sign(w),
            Some(_) => g.signum() * (g.abs() - l1).max(0.0),
        };
        sum += full * full;
    }
    libm::sqrt(sum)
}
