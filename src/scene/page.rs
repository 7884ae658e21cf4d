//! The whole page as one native object: the settings and the five sections' state. The page's
//! WebAssembly façade and `losslab-render` both compose it; everything it decides is tested
//! natively.
//!
//! A change of a setting goes through [`Page::set`] (typed) or [`Page::set_text`] (from a control
//! or a URL): the settings check it and store it, then [`Page::apply`], the one place that
//! dispatches a change, does what the table's [`Effect`] says and tells what to draw again.
//! What a section records of itself for the URL (the balls, your edits, the scores of a picked
//! point) is written into the settings without being applied again.

use super::descent::{Descent, DescentSurface};
use super::penalties::{Example, PlaneNumbers, example, plane_numbers};
use super::runs::{LOSS_RUNS, PENALTY_RUNS, Runs};
use super::softmax::{SoftmaxSteps, steps_of};
use super::train::{Train, edit_at};
use crate::engine::confusion::Confusion;
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::path::Quadratic;
use crate::settings::{
    BallStart, Change, Choice, Class, Effect, Key, MAX_EDITS, Query, Redraw, Section, Setting,
    Settings, Vector, round_mark, two_digits,
};

/// A change and what must be drawn again because of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    /// The change (the setting in force, the refusal if any).
    pub change: Change,
    /// The sections to draw again.
    pub redraw: Redraw,
}

/// One row of the Losses section: a loss on the Softmax example and over the training set.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossRow {
    /// Which loss.
    pub loss: Loss,
    /// Its value on the Softmax section's example (scores divided by T).
    pub example: f64,
    /// Its mean over the training set at the current weights.
    pub training: f64,
}

/// The settings that make the Penalties section's runs overfit: few noisy points, a wide network,
/// Adam with a small step.
pub fn overfit_settings() -> [Setting; 6] {
    [
        Setting::Samples(80),
        Setting::Noise(0.7),
        Setting::TrainShare(0.5),
        Setting::Hidden(vec![16, 16]),
        Setting::Optimizer(OptimizerKind::Adam),
        Setting::LearningRate(0.01),
    ]
}

/// The page's state.
pub struct Page {
    settings: Settings,
    train: Train,
    loss_runs: Runs,
    penalty_runs: Runs,
    descent: Descent,
    /// Seeds of the random slices taken so far (each new slice draws new directions).
    slices: u64,
}

impl Page {
    /// The page a URL query asks for. A surface given without a step size gets the step size
    /// that suits it, as choosing the surface would.
    pub fn new(query: &Query) -> Page {
        let settings = query.settings.clone();
        let train = Train::new(&settings.train);
        let runs_lambda = settings.penalties.runs_lambda;
        let slices = 1;
        let surface = DescentSurface::of(settings.descent.surface, train.trainer(), slices);
        let mut page = Page {
            loss_runs: Runs::new(&LOSS_RUNS, &settings.train, runs_lambda),
            penalty_runs: Runs::new(&PENALTY_RUNS, &settings.train, runs_lambda),
            descent: Descent::new(surface, settings.descent.optimizer.optimizer()),
            train,
            settings,
            slices,
        };
        page.drop_recorded_balls();
        if !query.given.contains(&Key::DescentLearningRate) {
            page.use_preset(1);
        }
        page
    }

    /// The page a URL query string asks for, with what it refused.
    pub fn from_query(query: &str) -> (Page, Query) {
        let q = Settings::from_query(query);
        (Page::new(&q), q)
    }

    /// Every setting now.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Whether a teacher's link locks (or hides) `key`: then neither a control nor an action of
    /// the page (a click on the map, a new surface, a preset) changes it.
    pub fn is_locked(&self, key: Key) -> bool {
        self.settings.view.locked().contains(key)
    }

    /// Checks `raw` for `key` (from a control or a URL) and applies it.
    pub fn set_text(&mut self, key: Key, raw: &str) -> Update {
        let change = self.settings.set_text(key, raw);
        let redraw = self.apply(&change);
        Update { change, redraw }
    }

    /// Applies a typed setting (held to its bounds like typed input).
    pub fn set(&mut self, setting: Setting) -> Update {
        let change = self.settings.set(setting);
        let redraw = self.apply(&change);
        Update { change, redraw }
    }

    /// The one dispatch of a change: does what the table's [`Effect`] says (start over, carry on,
    /// take a new surface…) and returns the sections to draw again. Nothing happens for a value
    /// that did not change.
    fn apply(&mut self, change: &Change) -> Redraw {
        if !change.changed {
            return Redraw::NONE;
        }
        let setting = &change.setting;
        let effect = change.effect();
        match effect {
            Effect::NewRun => {
                // Your own points belong to the data they were made on: new data starts
                // without them.
                if setting.key() != Key::Edits
                    && !self.settings.train.edits.is_empty()
                    && self.settings.train.data_spec() != self.train.trainer().config().data
                {
                    self.settings.set(Setting::Edits(Vec::new()));
                }
                self.restart_runs();
                // A slice through the old network would be stale.
                if self.settings.descent.surface.is_slice() {
                    self.new_surface();
                }
            }
            Effect::CarryOn => {
                let base = &self.settings.train;
                self.train.carry_on(setting, base);
                self.loss_runs.carry_on(setting, base);
                self.penalty_runs.carry_on(setting, base);
            }
            Effect::Example => {
                // A score or class set by hand ends following a picked point (T does not).
                if !matches!(setting, Setting::Temperature(_)) {
                    self.train.unpick();
                }
            }
            Effect::RunsLambda => {
                let lambda = self.settings.penalties.runs_lambda;
                self.penalty_runs.set_lambda(lambda, &self.settings.train);
            }
            Effect::NewSurface => {
                self.new_surface();
                self.use_preset(1);
            }
            Effect::Balls => self.drop_recorded_balls(),
            Effect::Pace
            | Effect::PenaltyExample
            | Effect::Plane
            | Effect::Rolling
            | Effect::View => {}
        }
        effect.redraw()
    }

    fn restart_runs(&mut self) {
        let base = &self.settings.train;
        self.train.restart(base);
        self.loss_runs.restart(base);
        self.penalty_runs.restart(base);
    }

    // ----- Train -----

    /// The Train section.
    pub fn train(&self) -> &Train {
        &self.train
    }

    /// The confusion matrix of the Train run's test set now.
    pub fn confusion(&mut self) -> Confusion {
        self.train.confusion()
    }

    /// Shows the test points of a cell of the confusion matrix on the map (None: none).
    pub fn set_cell(&mut self, cell: Option<(usize, usize)>) {
        self.train.set_cell(cell);
    }

    /// The Train section, to look inside its network (choose a weight, trace a point).
    pub fn train_mut(&mut self) -> &mut Train {
        &mut self.train
    }

    /// Shows snapshot `k` of the Train run's timeline (the run itself goes back there; a picked
    /// point's scores follow). Whether there was one.
    pub fn scrub(&mut self, k: usize) -> bool {
        let moved = self.train.scrub(k);
        self.follow_pick();
        moved
    }

    /// Sets the Train run's chosen parameter by hand (see [`Train::set_selected`]); a picked
    /// point's scores follow. Whether it was set.
    pub fn set_weight(&mut self, value: f64) -> bool {
        let set = self.train.set_selected(value);
        if set {
            self.follow_pick();
        }
        set
    }

    /// Up to `n` updates of the Train run; a picked point's scores follow. Whether it can go on.
    pub fn step(&mut self, n: u64) -> bool {
        let going = self.train.step(n);
        self.follow_pick();
        going
    }

    /// One animation frame of training: as many updates as the speed setting says.
    pub fn frame(&mut self) -> bool {
        self.step(self.settings.train.speed)
    }

    /// Back to the first weights of this seed.
    pub fn reset(&mut self) {
        self.train.reset();
        self.follow_pick();
    }

    /// Picks the data point nearest `at` (plane coordinates): the Softmax section then shows its
    /// scores and class, and follows them as training goes on. Whether one was picked.
    /// Not while the example's class or a score is locked (a teacher's link).
    pub fn pick(&mut self, at: [f64; 2]) -> bool {
        if [Key::Label, Key::ScoreCat, Key::ScoreDog, Key::ScoreSheep]
            .iter()
            .any(|k| self.is_locked(*k))
        {
            return false;
        }
        let Some(class) = self.train.pick(at) else {
            return false;
        };
        self.follow_pick();
        self.settings.set(Setting::Label(class));
        true
    }

    /// Loads the picked point's scores into the Softmax section, to the URL's three decimals and
    /// held to its range (±20).
    fn follow_pick(&mut self) {
        let Some(scores) = self.train.picked_scores() else {
            return;
        };
        for (class, s) in Class::ALL.iter().zip(scores) {
            self.settings.set(Setting::Score(*class, round_mark(s)));
        }
    }

    /// Adds a training point of `class` at `at` (plane coordinates), or with None removes the
    /// point nearest it; training carries on. The edit is recorded for the URL. Whether the data
    /// changed (not past the most edits a URL holds).
    pub fn edit(&mut self, at: [f64; 2], class: Option<Class>) -> bool {
        let edit = edit_at(at, class);
        if self.is_locked(Key::Edits)
            || self.settings.train.edits.len() >= MAX_EDITS
            || !self.train.edit(&edit)
        {
            return false;
        }
        let mut edits = self.settings.train.edits.clone();
        edits.push(edit);
        if self.settings.set(Setting::Edits(edits)).error.is_some() {
            // Not kept in the URL: the data goes back to what the URL makes.
            self.train.restart(&self.settings.train);
        }
        true
    }

    // ----- Softmax and Losses -----

    /// The Softmax section's three steps.
    pub fn softmax_steps(&self) -> SoftmaxSteps {
        steps_of(&self.settings.softmax)
    }

    /// The Losses section's five rows, in the article's order.
    pub fn loss_rows(&mut self) -> [LossRow; 5] {
        let steps = self.softmax_steps();
        let training = self.train.training_losses();
        std::array::from_fn(|i| LossRow {
            loss: Loss::ALL[i],
            example: Loss::ALL[i].of_sample(&steps.scaled, steps.label),
            training: training[i],
        })
    }

    /// The side-by-side runs of `section` (Losses or Penalties).
    pub fn runs(&self, section: Section) -> Option<&Runs> {
        match section {
            Section::Losses => Some(&self.loss_runs),
            Section::Penalties => Some(&self.penalty_runs),
            _ => None,
        }
    }

    /// One frame of the runs of `section`; whether any can go on.
    pub fn runs_frame(&mut self, section: Section) -> bool {
        self.runs_step(section, self.settings.train.speed)
    }

    /// `n` more updates of every run of `section` that has not stopped; whether any can go on.
    pub fn runs_step(&mut self, section: Section, n: u64) -> bool {
        match section {
            Section::Losses => self.loss_runs.step(n),
            Section::Penalties => self.penalty_runs.step(n),
            _ => false,
        }
    }

    /// Starts the runs of `section` again from the Train settings' first weights.
    pub fn runs_restart(&mut self, section: Section) {
        let base = &self.settings.train;
        match section {
            Section::Losses => self.loss_runs.restart(base),
            Section::Penalties => self.penalty_runs.restart(base),
            _ => {}
        }
    }

    // ----- Penalties -----

    /// The article's example with the current w1, w2 and x.
    pub fn penalty_example(&self) -> Example {
        let p = &self.settings.penalties;
        example(
            p.vector(Vector::W1),
            p.vector(Vector::W2),
            p.vector(Vector::X),
        )
    }

    /// The plane of two weights' numbers at its penalty and λ.
    pub fn plane_numbers(&self) -> PlaneNumbers {
        plane_numbers(&Quadratic::example(), &self.settings.plane_regularizer())
    }

    /// Sets up a small, noisy problem on which the runs overfit ([`overfit_settings`]); nothing
    /// if one of its settings is locked.
    pub fn overfit(&mut self) -> Redraw {
        if overfit_settings().iter().any(|s| self.is_locked(s.key())) {
            return Redraw::NONE;
        }
        overfit_settings()
            .into_iter()
            .fold(Redraw::NONE, |r, s| r.union(self.set(s).redraw))
    }

    // ----- Descent -----

    /// The Descent section's surface and balls.
    pub fn descent(&self) -> &Descent {
        &self.descent
    }

    /// Takes the chosen surface again: a toy surface from scratch, a slice through the network as
    /// it is now (random directions drawn anew). The balls are replaced by one at its start.
    pub fn new_surface(&mut self) {
        self.slices += 1;
        let kind = self.settings.descent.surface;
        let surface = DescentSurface::of(kind, self.train.trainer(), self.slices);
        self.descent
            .set_surface(surface, self.settings.descent.optimizer.optimizer());
        if self.is_locked(Key::Balls) {
            self.drop_recorded_balls();
        } else {
            self.settings.set(Setting::Balls(Vec::new()));
        }
    }

    /// The balls the settings hold in place of the surface's default one (none: one at its start).
    fn drop_recorded_balls(&mut self) {
        let balls = self.settings.descent.balls.clone();
        if balls.is_empty() {
            return;
        }
        self.descent.clear();
        for b in balls {
            self.descent.drop_ball(b.at, b.optimizer.optimizer());
        }
    }

    /// Writes the balls' starts and rules into the settings (so into the URL). A start beyond
    /// the URL's reach leaves the URL as it was.
    fn record_balls(&mut self) {
        let balls = self
            .descent
            .balls()
            .map(|(b, _)| BallStart {
                at: b.start,
                optimizer: b.optimizer.kind(),
            })
            .collect();
        self.settings.set(Setting::Balls(balls));
    }

    /// Drops a ball moved by the chosen rule at `at` (to the URL's three decimals).
    /// Not while the balls are locked.
    pub fn drop_ball(&mut self, at: [f64; 2]) {
        if self.is_locked(Key::Balls) {
            return;
        }
        let at = at.map(round_mark);
        self.descent
            .drop_ball(at, self.settings.descent.optimizer.optimizer());
        self.record_balls();
    }

    /// Replaces the balls by four racing from the newest ball's start: gradient descent, SGD,
    /// momentum and Adam.
    pub fn race(&mut self) {
        if self.is_locked(Key::Balls) {
            return;
        }
        self.descent
            .race(OptimizerKind::ALL.map(OptimizerKind::optimizer));
        self.record_balls();
    }

    /// Removes every ball.
    pub fn clear_balls(&mut self) {
        if self.is_locked(Key::Balls) {
            return;
        }
        self.descent.clear();
        self.record_balls();
    }

    /// Every ball back to its start.
    pub fn reset_balls(&mut self) {
        self.descent.reset();
    }

    /// Up to `n` steps of every ball; whether any can go on.
    pub fn step_balls(&mut self, n: u64) -> bool {
        let d = &self.settings.descent;
        self.descent.step(n, d.learning_rate, &d.stop)
    }

    /// One animation frame of the balls.
    pub fn balls_frame(&mut self) -> bool {
        self.step_balls(self.settings.train.speed)
    }

    /// The step sizes of the presets for the current surface: too small, good, too large, far too
    /// large (see [`super::descent::presets`]), to two significant digits.
    pub fn presets(&mut self) -> [f64; 4] {
        self.descent.presets().map(two_digits)
    }

    /// Sets the balls' step size to preset `i` of [`Page::presets`] (0 to 3).
    pub fn use_preset(&mut self, i: usize) -> Update {
        let eta = self.presets()[i.min(3)];
        self.set(Setting::DescentLearningRate(eta))
    }

    /// The newest ball's next move, (w, its next w), without moving it.
    pub fn next_move(&mut self) -> Option<([f64; 2], [f64; 2])> {
        let d = &self.settings.descent;
        self.descent.next_move(d.learning_rate, &d.stop)
    }
}

#[cfg(test)]
#[path = "page_tests.rs"]
mod tests;
