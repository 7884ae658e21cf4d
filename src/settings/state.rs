//! The page's settings, typed: one struct per section, valid by construction, read and written
//! one [`Setting`] at a time through the checks of the table.

use super::check::{self, InputError, Verdict};
use super::setting::{BallStart, Edit, Setting, Vector};
use super::table::{Key, PAGE_KEYS, PARAMS};
use super::{
    Change, Class, KeySet, LessonChoice, Panel, PlanePenalty, Query, QueryProblem, SurfaceKind,
};
use crate::engine::activation::Activation;
use crate::engine::data::{DataKind, DataSpec};
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::penalty::{PenaltyKind, Regularizer};
use crate::engine::stop::StopRules;
use crate::engine::trainer::TrainConfig;
use crate::text::Lang;

/// The Train section's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainSettings {
    /// The data set.
    pub data: DataKind,
    /// Noise, 0 to 1.
    pub noise: f64,
    /// Number of points.
    pub samples: usize,
    /// Share of the points used for training.
    pub train_share: f64,
    /// The seed.
    pub seed: u64,
    /// Hidden layer widths.
    pub hidden: Vec<usize>,
    /// Activation of the hidden layers.
    pub activation: Activation,
    /// The data loss.
    pub loss: Loss,
    /// The penalty.
    pub penalty: PenaltyKind,
    /// λ.
    pub lambda: f64,
    /// Elastic net's α.
    pub l1_ratio: f64,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// η.
    pub learning_rate: f64,
    /// Rows per mini-batch.
    pub batch: usize,
    /// The stop rules.
    pub stop: StopRules,
    /// Iterations per frame.
    pub speed: u64,
    /// Your own points, in order.
    pub edits: Vec<Edit>,
}

impl TrainSettings {
    /// What data these settings generate.
    pub fn data_spec(&self) -> DataSpec {
        DataSpec {
            kind: self.data,
            samples: self.samples,
            noise: self.noise,
            train_fraction: self.train_share,
            seed: self.seed,
        }
    }

    /// The penalty and its λ.
    pub fn regularizer(&self) -> Regularizer {
        Regularizer {
            penalty: self.penalty.penalty(self.l1_ratio),
            lambda: self.lambda,
        }
    }

    /// The whole training configuration.
    pub fn config(&self) -> TrainConfig {
        TrainConfig {
            data: self.data_spec(),
            hidden: self.hidden.clone(),
            activation: self.activation,
            loss: self.loss,
            regularizer: self.regularizer(),
            optimizer: self.optimizer.optimizer(),
            learning_rate: self.learning_rate,
            batch_size: self.batch,
            stop: self.stop,
        }
    }
}

/// The Softmax section's example.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SoftmaxSettings {
    /// One score per class, in label order.
    pub scores: [f64; 3],
    /// The true class.
    pub label: Class,
    /// The temperature T.
    pub temperature: f64,
}

/// The Penalties section's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PenaltiesSettings {
    /// w1, w2 and x, in [`Vector::ALL`] order.
    pub vectors: [[f64; 4]; 3],
    /// λ of the side-by-side runs.
    pub runs_lambda: f64,
    /// The plane's penalty.
    pub plane_penalty: PlanePenalty,
    /// The plane's λ.
    pub plane_lambda: f64,
}

impl PenaltiesSettings {
    /// One of the three vectors.
    pub fn vector(&self, v: Vector) -> [f64; 4] {
        self.vectors[v as usize]
    }
}

/// The Descent section's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct DescentSettings {
    /// The surface.
    pub surface: SurfaceKind,
    /// The rule of new balls.
    pub optimizer: OptimizerKind,
    /// η.
    pub learning_rate: f64,
    /// The balls' stop rules.
    pub stop: StopRules,
    /// The balls' starts (empty: one at the surface's own start).
    pub balls: Vec<BallStart>,
}

/// How the page is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewSettings {
    /// One section alone, or all.
    pub panel: Panel,
    /// Embedded in another page.
    pub embed: bool,
    /// Presenter mode.
    pub present: bool,
    /// The lesson the page guides through.
    pub lesson: LessonChoice,
    /// The lesson's step, from 1.
    pub step: u64,
    /// The settings a teacher's link locks (shown, not changeable).
    pub lock: KeySet,
    /// The settings a teacher's link hides (not shown, not changeable).
    pub hide: KeySet,
    /// The origins of the pages that may drive this one when embedded.
    pub host: Vec<String>,
}

impl ViewSettings {
    /// The settings that cannot be changed: those locked and those hidden.
    pub fn locked(&self) -> KeySet {
        self.lock.union(self.hide)
    }
}

/// Every setting of the page, typed, one struct per section; valid by construction.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Section 1.
    pub train: TrainSettings,
    /// Section 2.
    pub softmax: SoftmaxSettings,
    /// Section 4.
    pub penalties: PenaltiesSettings,
    /// Section 5.
    pub descent: DescentSettings,
    /// The layout.
    pub view: ViewSettings,
}

impl Default for Settings {
    fn default() -> Self {
        let mut s = Settings {
            train: TrainSettings {
                data: DataKind::Animals,
                noise: 0.0,
                samples: 0,
                train_share: 0.0,
                seed: 0,
                hidden: Vec::new(),
                activation: Activation::Tanh,
                loss: Loss::CrossEntropy,
                penalty: PenaltyKind::None,
                lambda: 0.0,
                l1_ratio: 0.0,
                optimizer: OptimizerKind::Sgd,
                learning_rate: 0.0,
                batch: 1,
                stop: StopRules::default(),
                speed: 1,
                edits: Vec::new(),
            },
            softmax: SoftmaxSettings {
                scores: [0.0; 3],
                label: Class::Cat,
                temperature: 1.0,
            },
            penalties: PenaltiesSettings {
                vectors: [[0.0; 4]; 3],
                runs_lambda: 0.0,
                plane_penalty: PlanePenalty::L1,
                plane_lambda: 0.0,
            },
            descent: DescentSettings {
                surface: SurfaceKind::TwoMinima,
                optimizer: OptimizerKind::GradientDescent,
                learning_rate: 0.0,
                stop: StopRules::default(),
                balls: Vec::new(),
            },
            view: ViewSettings {
                panel: Panel::All,
                embed: false,
                present: false,
                lesson: LessonChoice::Off,
                step: 1,
                lock: KeySet::EMPTY,
                hide: KeySet::EMPTY,
                host: Vec::new(),
            },
        };
        // Every field from the table's default (each passes its own check: tested).
        for p in &PARAMS {
            if let Verdict::Accepted(v) = check::check_text(&p.domain, p.default)
                && let Some(setting) = Setting::from_value(p.key, v)
            {
                s.store(setting);
            }
        }
        s
    }
}

impl Settings {
    /// The settings a URL query asks for (see [`Query`]).
    pub fn from_query(query: &str) -> Query {
        let mut settings = Settings::default();
        let mut lang = None;
        let mut problems = Vec::new();
        let mut given = Vec::new();
        for (name, raw) in crate::query::parse(query) {
            if name == "lang" {
                lang = Some(Lang::from_code(&raw));
                continue;
            }
            if PAGE_KEYS.contains(&name.as_str()) {
                continue;
            }
            let Some(key) = Key::named(&name) else {
                problems.push(QueryProblem {
                    key: name,
                    raw,
                    error: None,
                });
                continue;
            };
            let change = settings.set_text(key, &raw);
            given.push(key);
            if let Some(error) = change.error {
                problems.push(QueryProblem {
                    key: name,
                    raw,
                    error: Some(error),
                });
            }
        }
        Query {
            settings,
            lang,
            problems,
            given,
        }
    }

    /// Checks `raw` for `key` and stores the result (the input, or a safe value; a refused
    /// input leaves the value in force).
    pub fn set_text(&mut self, key: Key, raw: &str) -> Change {
        let verdict = check::check_text(&key.param().domain, raw);
        self.take(key, verdict)
    }

    /// Stores `setting` once it passes its domain's bounds (a number out of range becomes its
    /// bound, as typed input would).
    pub fn set(&mut self, setting: Setting) -> Change {
        let key = setting.key();
        let verdict = check::check_value(&key.param().domain, setting.value());
        self.take(key, verdict)
    }

    /// Stores a checked value. A locked (or hidden) setting keeps its value, and a lock once
    /// given is never lifted: a lock or hide list only grows (see [`InputError::Locked`]).
    fn take(&mut self, key: Key, verdict: Verdict) -> Change {
        let (value, error) = match verdict {
            Verdict::Accepted(v) => (Some(v), None),
            Verdict::Replaced(v, e) => (Some(v), Some(e)),
            Verdict::Refused(e) => (None, Some(e)),
        };
        let before = self.get(key);
        let mut setting = value
            .and_then(|v| Setting::from_value(key, v))
            .unwrap_or_else(|| before.clone());
        let mut error = error;
        if setting != before && self.view.locked().contains(key) {
            setting = before.clone();
            error = Some(InputError::Locked);
        }
        if let (Setting::Lock(new), Setting::Lock(old)) | (Setting::Hide(new), Setting::Hide(old)) =
            (&mut setting, &before)
            && !new.covers(*old)
        {
            *new = new.union(*old);
            error = Some(InputError::Locked);
        }
        let changed = setting != before;
        if changed {
            self.store(setting.clone());
        }
        Change {
            setting,
            error,
            changed,
        }
    }

    /// The setting `key` as it is now.
    pub fn get(&self, key: Key) -> Setting {
        let (t, s, p, d, v) = (
            &self.train,
            &self.softmax,
            &self.penalties,
            &self.descent,
            &self.view,
        );
        match key {
            Key::Data => Setting::Data(t.data),
            Key::Noise => Setting::Noise(t.noise),
            Key::Samples => Setting::Samples(t.samples),
            Key::TrainShare => Setting::TrainShare(t.train_share),
            Key::Seed => Setting::Seed(t.seed),
            Key::Hidden => Setting::Hidden(t.hidden.clone()),
            Key::Activation => Setting::Activation(t.activation),
            Key::Loss => Setting::Loss(t.loss),
            Key::Penalty => Setting::Penalty(t.penalty),
            Key::Lambda => Setting::Lambda(t.lambda),
            Key::L1Ratio => Setting::L1Ratio(t.l1_ratio),
            Key::Optimizer => Setting::Optimizer(t.optimizer),
            Key::LearningRate => Setting::LearningRate(t.learning_rate),
            Key::Batch => Setting::Batch(t.batch),
            Key::MaxIterations => Setting::MaxIterations(t.stop.max_iterations),
            Key::LossBelow => Setting::LossBelow(t.stop.loss_below),
            Key::GradientBelow => Setting::GradientBelow(t.stop.gradient_below),
            Key::Speed => Setting::Speed(t.speed),
            Key::Edits => Setting::Edits(t.edits.clone()),
            Key::ScoreCat => Setting::Score(Class::Cat, s.scores[0]),
            Key::ScoreDog => Setting::Score(Class::Dog, s.scores[1]),
            Key::ScoreSheep => Setting::Score(Class::Sheep, s.scores[2]),
            Key::Label => Setting::Label(s.label),
            Key::Temperature => Setting::Temperature(s.temperature),
            Key::W1_1 | Key::W1_2 | Key::W1_3 | Key::W1_4 => self.entry(Vector::W1, key),
            Key::W2_1 | Key::W2_2 | Key::W2_3 | Key::W2_4 => self.entry(Vector::W2, key),
            Key::X_1 | Key::X_2 | Key::X_3 | Key::X_4 => self.entry(Vector::X, key),
            Key::RunsLambda => Setting::RunsLambda(p.runs_lambda),
            Key::PlanePenalty => Setting::PlanePenalty(p.plane_penalty),
            Key::PlaneLambda => Setting::PlaneLambda(p.plane_lambda),
            Key::Surface => Setting::Surface(d.surface),
            Key::DescentOptimizer => Setting::DescentOptimizer(d.optimizer),
            Key::DescentLearningRate => Setting::DescentLearningRate(d.learning_rate),
            Key::DescentMaxIterations => Setting::DescentMaxIterations(d.stop.max_iterations),
            Key::DescentLossBelow => Setting::DescentLossBelow(d.stop.loss_below),
            Key::DescentGradientBelow => Setting::DescentGradientBelow(d.stop.gradient_below),
            Key::Balls => Setting::Balls(d.balls.clone()),
            Key::Panel => Setting::Panel(v.panel),
            Key::Embed => Setting::Embed(v.embed),
            Key::Present => Setting::Present(v.present),
            Key::Lesson => Setting::Lesson(v.lesson),
            Key::LessonStep => Setting::LessonStep(v.step),
            Key::Lock => Setting::Lock(v.lock),
            Key::Hide => Setting::Hide(v.hide),
            Key::Host => Setting::Host(v.host.clone()),
        }
    }

    fn entry(&self, vector: Vector, key: Key) -> Setting {
        let i = vector.keys().iter().position(|k| *k == key).unwrap_or(0);
        Setting::Entry(vector, i, self.penalties.vectors[vector as usize][i])
    }

    /// Writes a checked setting into its field.
    fn store(&mut self, setting: Setting) {
        let (t, s, p, d, v) = (
            &mut self.train,
            &mut self.softmax,
            &mut self.penalties,
            &mut self.descent,
            &mut self.view,
        );
        match setting {
            Setting::Data(x) => t.data = x,
            Setting::Noise(x) => t.noise = x,
            Setting::Samples(x) => t.samples = x,
            Setting::TrainShare(x) => t.train_share = x,
            Setting::Seed(x) => t.seed = x,
            Setting::Hidden(x) => t.hidden = x,
            Setting::Activation(x) => t.activation = x,
            Setting::Loss(x) => t.loss = x,
            Setting::Penalty(x) => t.penalty = x,
            Setting::Lambda(x) => t.lambda = x,
            Setting::L1Ratio(x) => t.l1_ratio = x,
            Setting::Optimizer(x) => t.optimizer = x,
            Setting::LearningRate(x) => t.learning_rate = x,
            Setting::Batch(x) => t.batch = x,
            Setting::MaxIterations(x) => t.stop.max_iterations = x,
            Setting::LossBelow(x) => t.stop.loss_below = x,
            Setting::GradientBelow(x) => t.stop.gradient_below = x,
            Setting::Speed(x) => t.speed = x,
            Setting::Edits(x) => t.edits = x,
            Setting::Score(c, x) => s.scores[c.label()] = x,
            Setting::Label(x) => s.label = x,
            Setting::Temperature(x) => s.temperature = x,
            Setting::Entry(vector, i, x) => p.vectors[vector as usize][i.min(3)] = x,
            Setting::RunsLambda(x) => p.runs_lambda = x,
            Setting::PlanePenalty(x) => p.plane_penalty = x,
            Setting::PlaneLambda(x) => p.plane_lambda = x,
            Setting::Surface(x) => d.surface = x,
            Setting::DescentOptimizer(x) => d.optimizer = x,
            Setting::DescentLearningRate(x) => d.learning_rate = x,
            Setting::DescentMaxIterations(x) => d.stop.max_iterations = x,
            Setting::DescentLossBelow(x) => d.stop.loss_below = x,
            Setting::DescentGradientBelow(x) => d.stop.gradient_below = x,
            Setting::Balls(x) => d.balls = x,
            Setting::Panel(x) => v.panel = x,
            Setting::Embed(x) => v.embed = x,
            Setting::Present(x) => v.present = x,
            Setting::Lesson(x) => v.lesson = x,
            Setting::LessonStep(x) => v.step = x,
            Setting::Lock(x) => v.lock = x,
            Setting::Hide(x) => v.hide = x,
            Setting::Host(x) => v.host = x,
        }
    }

    /// The canonical text of the setting `key`.
    pub fn text(&self, key: Key) -> String {
        self.get(key).text()
    }

    /// The URL query of every setting that differs from its default, and of every locked one
    /// (so that no scene the link opens can set it first), in the table's order (without the
    /// language, which the page adds).
    pub fn query(&self) -> String {
        self.query_of(|_| true)
    }

    /// What every link the page makes to another scene of itself carries (a lesson's steps, a
    /// host's "go to this step"): being embedded, presenter mode, the trusted hosts, and a
    /// teacher's locks with the locked values, as a URL query (values before locks, so that the
    /// locked values are the ones the link gives). "" when there is nothing to carry.
    pub fn carried(&self) -> String {
        self.query_of(|k| self.carries(k))
    }

    /// Whether moving to another scene keeps the setting `key` (see [`Settings::carried`]).
    fn carries(&self, key: Key) -> bool {
        matches!(
            key,
            Key::Embed | Key::Present | Key::Lock | Key::Hide | Key::Host
        ) || self.view.locked().contains(key)
    }

    /// [`Settings::query`] of the settings `keep` names.
    fn query_of(&self, keep: impl Fn(Key) -> bool) -> String {
        let locked = self.view.locked();
        let mut q = String::new();
        for p in PARAMS.iter().filter(|p| keep(p.key)) {
            let v = self.text(p.key);
            if v != p.default || locked.contains(p.key) {
                if !q.is_empty() {
                    q.push('&');
                }
                q.push_str(p.name);
                q.push('=');
                q.push_str(&crate::query::encode(&v));
            }
        }
        q
    }

    /// Takes over from `before` what moving to another scene keeps (what [`Settings::carried`]
    /// writes), as typed values: the locked values win over the new scene's, and the locks and
    /// hides of both are kept.
    pub fn carry_from(&mut self, before: &Settings) {
        for p in &PARAMS {
            // The locks themselves are joined below, not replaced.
            if before.carries(p.key) && !matches!(p.key, Key::Lock | Key::Hide) {
                self.store(before.get(p.key));
            }
        }
        self.view.lock = self.view.lock.union(before.view.lock);
        self.view.hide = self.view.hide.union(before.view.hide);
    }

    /// The plane of two weights' penalty (elastic net with the Train section's α) and λ.
    pub fn plane_regularizer(&self) -> Regularizer {
        Regularizer {
            penalty: self
                .penalties
                .plane_penalty
                .kind()
                .penalty(self.train.l1_ratio),
            lambda: self.penalties.plane_lambda,
        }
    }
}
