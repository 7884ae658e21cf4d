//! The one boundary every setting crosses. Text from a control or a URL is checked once against
//! the table of parameters ([`table::PARAMS`]) and becomes a typed [`Setting`]; [`Settings`] holds
//! every value typed, one struct per section, valid by construction. Strings exist only here,
//! where the URL and the controls meet the table.
//!
//! A change is a [`Change`]: the setting now in force, the refusal of the input if it was not
//! taken as it was, and the [`Effect`] that the table gives for it (what starts over, what
//! carries on, what is drawn again).

pub mod check;
pub mod choice;
pub mod table;

pub use check::{InputError, Mark, Value, Verdict, format_number, message, round_mark};
pub use choice::{Choice, Class, EditKind, Panel, PlanePenalty, Section, SurfaceKind, Switch};
pub use table::{
    COUNT, Domain, Effect, Key, MAX_BALLS, MAX_EDITS, PAGE_KEYS, PARAMS, Param, Redraw, Slider,
    two_digits,
};

use crate::engine::activation::Activation;
use crate::engine::data::{DataKind, DataSpec};
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::penalty::{PenaltyKind, Regularizer};
use crate::engine::stop::StopRules;
use crate::engine::trainer::TrainConfig;
use crate::text::Lang;

/// One of the Penalties section's three vectors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Vector {
    /// The first weight vector, w1.
    W1,
    /// The second weight vector, w2.
    W2,
    /// The input x.
    X,
}

impl Vector {
    /// The three, in the page's order.
    pub const ALL: [Vector; 3] = [Vector::W1, Vector::W2, Vector::X];

    /// The keys of its four entries.
    fn keys(self) -> [Key; 4] {
        match self {
            Vector::W1 => [Key::W1_1, Key::W1_2, Key::W1_3, Key::W1_4],
            Vector::W2 => [Key::W2_1, Key::W2_2, Key::W2_3, Key::W2_4],
            Vector::X => [Key::X_1, Key::X_2, Key::X_3, Key::X_4],
        }
    }

    /// Its name on the page: w1, w2 or x.
    pub fn name(self) -> &'static str {
        match self {
            Vector::W1 => "w1",
            Vector::W2 => "w2",
            Vector::X => "x",
        }
    }
}

/// A ball of the Descent section as the URL keeps it: where it starts, and its rule.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BallStart {
    /// Its start, to three decimals.
    pub at: [f64; 2],
    /// The rule that moves it.
    pub optimizer: OptimizerKind,
}

/// One of your own edits of the data, as the URL keeps it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edit {
    /// Where the map was clicked, to three decimals.
    pub at: [f64; 2],
    /// A point added, or the nearest removed.
    pub kind: EditKind,
}

/// One setting with its value, typed: what a control, a URL or the program asks to change.
#[derive(Clone, Debug, PartialEq)]
pub enum Setting {
    /// The data set.
    Data(DataKind),
    /// Noise of the data, 0 to 1.
    Noise(f64),
    /// Number of points.
    Samples(usize),
    /// Share of the points used for training.
    TrainShare(f64),
    /// Seed of the data, the first weights and the mini-batch order.
    Seed(u64),
    /// Widths of the hidden layers (0 to 3 layers).
    Hidden(Vec<usize>),
    /// Activation of the hidden layers.
    Activation(Activation),
    /// The data loss.
    Loss(Loss),
    /// The penalty.
    Penalty(PenaltyKind),
    /// λ of the penalty.
    Lambda(f64),
    /// Elastic net's α.
    L1Ratio(f64),
    /// The update rule.
    Optimizer(OptimizerKind),
    /// η.
    LearningRate(f64),
    /// Rows per mini-batch.
    Batch(usize),
    /// Stop after this many updates.
    MaxIterations(u64),
    /// Stop once the objective is below this (0: off).
    LossBelow(f64),
    /// Stop once ‖∇L‖ is below this (0: off).
    GradientBelow(f64),
    /// Iterations per animation frame.
    Speed(u64),
    /// Your own points, in order.
    Edits(Vec<Edit>),
    /// The Softmax example's score of a class.
    Score(Class, f64),
    /// The Softmax example's true class.
    Label(Class),
    /// The Softmax example's temperature T.
    Temperature(f64),
    /// Entry `i` (0 to 3) of one of the Penalties section's vectors.
    Entry(Vector, usize, f64),
    /// λ of the side-by-side penalty runs.
    RunsLambda(f64),
    /// The plane of two weights' penalty.
    PlanePenalty(PlanePenalty),
    /// The plane of two weights' λ.
    PlaneLambda(f64),
    /// The Descent section's surface.
    Surface(SurfaceKind),
    /// The rule of new balls.
    DescentOptimizer(OptimizerKind),
    /// The balls' step size η.
    DescentLearningRate(f64),
    /// The balls' iteration limit.
    DescentMaxIterations(u64),
    /// The balls' loss threshold (0: off).
    DescentLossBelow(f64),
    /// The balls' gradient threshold (0: off).
    DescentGradientBelow(f64),
    /// The balls' starts and rules (empty: one ball at the surface's own start).
    Balls(Vec<BallStart>),
    /// One section alone, or all.
    Panel(Panel),
    /// Embedded in another page.
    Embed(bool),
    /// Presenter mode.
    Present(bool),
}

fn choice_index<T: Choice>(v: T) -> Value {
    Value::Choice(v.index())
}

fn chosen<T: Choice>(i: usize) -> T {
    // The check only hands out indices of the domain's own list, which is `T::ALL`.
    T::ALL[i.min(T::ALL.len() - 1)]
}

impl Setting {
    /// Which setting it is.
    pub fn key(&self) -> Key {
        match self {
            Setting::Data(_) => Key::Data,
            Setting::Noise(_) => Key::Noise,
            Setting::Samples(_) => Key::Samples,
            Setting::TrainShare(_) => Key::TrainShare,
            Setting::Seed(_) => Key::Seed,
            Setting::Hidden(_) => Key::Hidden,
            Setting::Activation(_) => Key::Activation,
            Setting::Loss(_) => Key::Loss,
            Setting::Penalty(_) => Key::Penalty,
            Setting::Lambda(_) => Key::Lambda,
            Setting::L1Ratio(_) => Key::L1Ratio,
            Setting::Optimizer(_) => Key::Optimizer,
            Setting::LearningRate(_) => Key::LearningRate,
            Setting::Batch(_) => Key::Batch,
            Setting::MaxIterations(_) => Key::MaxIterations,
            Setting::LossBelow(_) => Key::LossBelow,
            Setting::GradientBelow(_) => Key::GradientBelow,
            Setting::Speed(_) => Key::Speed,
            Setting::Edits(_) => Key::Edits,
            Setting::Score(Class::Cat, _) => Key::ScoreCat,
            Setting::Score(Class::Dog, _) => Key::ScoreDog,
            Setting::Score(Class::Sheep, _) => Key::ScoreSheep,
            Setting::Label(_) => Key::Label,
            Setting::Temperature(_) => Key::Temperature,
            Setting::Entry(v, i, _) => v.keys()[(*i).min(3)],
            Setting::RunsLambda(_) => Key::RunsLambda,
            Setting::PlanePenalty(_) => Key::PlanePenalty,
            Setting::PlaneLambda(_) => Key::PlaneLambda,
            Setting::Surface(_) => Key::Surface,
            Setting::DescentOptimizer(_) => Key::DescentOptimizer,
            Setting::DescentLearningRate(_) => Key::DescentLearningRate,
            Setting::DescentMaxIterations(_) => Key::DescentMaxIterations,
            Setting::DescentLossBelow(_) => Key::DescentLossBelow,
            Setting::DescentGradientBelow(_) => Key::DescentGradientBelow,
            Setting::Balls(_) => Key::Balls,
            Setting::Panel(_) => Key::Panel,
            Setting::Embed(_) => Key::Embed,
            Setting::Present(_) => Key::Present,
        }
    }

    /// Its value in the terms of its domain.
    pub fn value(&self) -> Value {
        match self {
            Setting::Noise(v)
            | Setting::TrainShare(v)
            | Setting::Lambda(v)
            | Setting::L1Ratio(v)
            | Setting::LearningRate(v)
            | Setting::LossBelow(v)
            | Setting::GradientBelow(v)
            | Setting::Score(_, v)
            | Setting::Temperature(v)
            | Setting::Entry(_, _, v)
            | Setting::RunsLambda(v)
            | Setting::PlaneLambda(v)
            | Setting::DescentLearningRate(v)
            | Setting::DescentLossBelow(v)
            | Setting::DescentGradientBelow(v) => Value::Number(*v),
            Setting::Samples(n) | Setting::Batch(n) => Value::Number(*n as f64),
            Setting::Seed(n)
            | Setting::MaxIterations(n)
            | Setting::Speed(n)
            | Setting::DescentMaxIterations(n) => Value::Number(*n as f64),
            Setting::Data(c) => choice_index(*c),
            Setting::Activation(c) => choice_index(*c),
            Setting::Loss(c) => choice_index(*c),
            Setting::Penalty(c) => choice_index(*c),
            Setting::Optimizer(c) | Setting::DescentOptimizer(c) => choice_index(*c),
            Setting::Label(c) => choice_index(*c),
            Setting::PlanePenalty(c) => choice_index(*c),
            Setting::Surface(c) => choice_index(*c),
            Setting::Panel(c) => choice_index(*c),
            Setting::Embed(on) | Setting::Present(on) => choice_index(Switch::from_bool(*on)),
            Setting::Hidden(w) => Value::Widths(w.clone()),
            Setting::Edits(edits) => Value::Marks(
                edits
                    .iter()
                    .map(|e| Mark {
                        at: e.at,
                        tag: e.kind.index(),
                    })
                    .collect(),
            ),
            Setting::Balls(balls) => Value::Marks(
                balls
                    .iter()
                    .map(|b| Mark {
                        at: b.at,
                        tag: b.optimizer.index(),
                    })
                    .collect(),
            ),
        }
    }

    /// The setting `key` with `value`, a value of its own domain (as the check gives it); None
    /// for a value of another kind.
    pub fn from_value(key: Key, value: Value) -> Option<Setting> {
        let number = |v: &Value| match v {
            Value::Number(x) => Some(*x),
            _ => None,
        };
        let index = |v: &Value| match v {
            Value::Choice(i) => Some(*i),
            _ => None,
        };
        let marks = |v: Value| match v {
            Value::Marks(m) => Some(m),
            _ => None,
        };
        let n = number(&value);
        let c = index(&value);
        Some(match key {
            Key::Data => Setting::Data(chosen(c?)),
            Key::Noise => Setting::Noise(n?),
            Key::Samples => Setting::Samples(n? as usize),
            Key::TrainShare => Setting::TrainShare(n?),
            Key::Seed => Setting::Seed(n? as u64),
            Key::Hidden => match value {
                Value::Widths(w) => Setting::Hidden(w),
                _ => return None,
            },
            Key::Activation => Setting::Activation(chosen(c?)),
            Key::Loss => Setting::Loss(chosen(c?)),
            Key::Penalty => Setting::Penalty(chosen(c?)),
            Key::Lambda => Setting::Lambda(n?),
            Key::L1Ratio => Setting::L1Ratio(n?),
            Key::Optimizer => Setting::Optimizer(chosen(c?)),
            Key::LearningRate => Setting::LearningRate(n?),
            Key::Batch => Setting::Batch(n? as usize),
            Key::MaxIterations => Setting::MaxIterations(n? as u64),
            Key::LossBelow => Setting::LossBelow(n?),
            Key::GradientBelow => Setting::GradientBelow(n?),
            Key::Speed => Setting::Speed(n? as u64),
            Key::ScoreCat => Setting::Score(Class::Cat, n?),
            Key::ScoreDog => Setting::Score(Class::Dog, n?),
            Key::ScoreSheep => Setting::Score(Class::Sheep, n?),
            Key::Label => Setting::Label(chosen(c?)),
            Key::Temperature => Setting::Temperature(n?),
            Key::W1_1 | Key::W1_2 | Key::W1_3 | Key::W1_4 => entry(Vector::W1, key, n?),
            Key::W2_1 | Key::W2_2 | Key::W2_3 | Key::W2_4 => entry(Vector::W2, key, n?),
            Key::X_1 | Key::X_2 | Key::X_3 | Key::X_4 => entry(Vector::X, key, n?),
            Key::RunsLambda => Setting::RunsLambda(n?),
            Key::PlanePenalty => Setting::PlanePenalty(chosen(c?)),
            Key::PlaneLambda => Setting::PlaneLambda(n?),
            Key::Surface => Setting::Surface(chosen(c?)),
            Key::DescentOptimizer => Setting::DescentOptimizer(chosen(c?)),
            Key::DescentLearningRate => Setting::DescentLearningRate(n?),
            Key::DescentMaxIterations => Setting::DescentMaxIterations(n? as u64),
            Key::DescentLossBelow => Setting::DescentLossBelow(n?),
            Key::DescentGradientBelow => Setting::DescentGradientBelow(n?),
            Key::Balls => Setting::Balls(
                marks(value)?
                    .into_iter()
                    .map(|m| BallStart {
                        at: m.at,
                        optimizer: chosen(m.tag),
                    })
                    .collect(),
            ),
            Key::Edits => Setting::Edits(
                marks(value)?
                    .into_iter()
                    .map(|m| Edit {
                        at: m.at,
                        kind: chosen(m.tag),
                    })
                    .collect(),
            ),
            Key::Panel => Setting::Panel(chosen(c?)),
            Key::Embed => Setting::Embed(chosen::<Switch>(c?) == Switch::On),
            Key::Present => Setting::Present(chosen::<Switch>(c?) == Switch::On),
        })
    }

    /// Its canonical text, as URLs and controls show it.
    pub fn text(&self) -> String {
        check::text_of(&self.key().param().domain, &self.value())
    }
}

fn entry(vector: Vector, key: Key, v: f64) -> Setting {
    let i = vector.keys().iter().position(|k| *k == key).unwrap_or(0);
    Setting::Entry(vector, i, v)
}

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
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewSettings {
    /// One section alone, or all.
    pub panel: Panel,
    /// Embedded in another page.
    pub embed: bool,
    /// Presenter mode.
    pub present: bool,
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

/// The outcome of one change: the setting now in force, why the input was not taken as it was
/// (if so), and what the change does.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The value in force: the input, or a safe value.
    pub setting: Setting,
    /// Why the input was refused or replaced.
    pub error: Option<InputError>,
    /// Whether the value in force differs from the one before.
    pub changed: bool,
}

impl Change {
    /// What the change does (the table's [`Effect`] of its setting).
    pub fn effect(&self) -> Effect {
        self.setting.key().param().effect
    }
}

/// A URL parameter that was not taken as it was.
#[derive(Clone, Debug, PartialEq)]
pub struct QueryProblem {
    /// The parameter's name as given.
    pub key: String,
    /// Its value as given.
    pub raw: String,
    /// Why it was refused; `None` for an unknown parameter.
    pub error: Option<InputError>,
}

impl QueryProblem {
    /// Its message in `lang`, naming the parameter (the value used is the one in `settings`).
    pub fn message(&self, lang: Lang, settings: &Settings) -> String {
        match (Key::named(&self.key), self.error) {
            (Some(key), Some(e)) => format!(
                "{}: {}",
                key.name(),
                message(lang, key.param(), e, &self.raw, &settings.text(key))
            ),
            _ => check::unknown_param(lang, &self.key),
        }
    }
}

/// What a URL query asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The settings, every value checked; defaults for what is missing or refused.
    pub settings: Settings,
    /// The language asked for, if any.
    pub lang: Option<Lang>,
    /// What was refused.
    pub problems: Vec<QueryProblem>,
    /// The settings the query names (taken, replaced by a safe value or refused).
    pub given: Vec<Key>,
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

    fn take(&mut self, key: Key, verdict: Verdict) -> Change {
        let (value, error) = match verdict {
            Verdict::Accepted(v) => (Some(v), None),
            Verdict::Replaced(v, e) => (Some(v), Some(e)),
            Verdict::Refused(e) => (None, Some(e)),
        };
        let before = self.get(key);
        let setting = value
            .and_then(|v| Setting::from_value(key, v))
            .unwrap_or_else(|| before.clone());
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
        }
    }

    /// The canonical text of the setting `key`.
    pub fn text(&self, key: Key) -> String {
        self.get(key).text()
    }

    /// The URL query of every setting that differs from its default, in the table's order
    /// (without the language, which the page adds).
    pub fn query(&self) -> String {
        let mut q = String::new();
        for p in &PARAMS {
            let v = self.text(p.key);
            if v != p.default {
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

#[cfg(test)]
mod tests;
