//! A setting with its value, typed ([`Setting`]), and the values that are lists: the balls' starts
//! and your own edits of the data.

use super::check::{self, Mark, Value};
use super::choice::{Choice, Class, EditKind, Switch};
use super::table::Key;
use super::{KeySet, LessonChoice, Panel, PlanePenalty, SurfaceKind};
use crate::engine::activation::Activation;
use crate::engine::data::DataKind;
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::penalty::PenaltyKind;

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
    pub(super) fn keys(self) -> [Key; 4] {
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
    /// The lesson the page guides through.
    Lesson(LessonChoice),
    /// The lesson's step, from 1.
    LessonStep(u64),
    /// The settings a teacher's link locks: shown, not changeable.
    Lock(KeySet),
    /// The settings a teacher's link hides: not shown, not changeable.
    Hide(KeySet),
    /// The origins of the pages that may drive this one when it is embedded (none: no page).
    Host(Vec<String>),
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
            Setting::Lesson(_) => Key::Lesson,
            Setting::LessonStep(_) => Key::LessonStep,
            Setting::Lock(_) => Key::Lock,
            Setting::Hide(_) => Key::Hide,
            Setting::Host(_) => Key::Host,
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
            | Setting::DescentMaxIterations(n)
            | Setting::LessonStep(n) => Value::Number(*n as f64),
            Setting::Data(c) => choice_index(*c),
            Setting::Activation(c) => choice_index(*c),
            Setting::Loss(c) => choice_index(*c),
            Setting::Penalty(c) => choice_index(*c),
            Setting::Optimizer(c) | Setting::DescentOptimizer(c) => choice_index(*c),
            Setting::Label(c) => choice_index(*c),
            Setting::PlanePenalty(c) => choice_index(*c),
            Setting::Surface(c) => choice_index(*c),
            Setting::Panel(c) => choice_index(*c),
            Setting::Lesson(c) => choice_index(*c),
            Setting::Embed(on) | Setting::Present(on) => choice_index(Switch::from_bool(*on)),
            Setting::Hidden(w) => Value::Widths(w.clone()),
            Setting::Lock(k) | Setting::Hide(k) => Value::Keys(*k),
            Setting::Host(o) => Value::Origins(o.clone()),
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
            Key::Lesson => Setting::Lesson(chosen(c?)),
            Key::LessonStep => Setting::LessonStep(n? as u64),
            Key::Lock | Key::Hide => {
                let Value::Keys(k) = value else { return None };
                if key == Key::Lock {
                    Setting::Lock(k)
                } else {
                    Setting::Hide(k)
                }
            }
            Key::Host => match value {
                Value::Origins(o) => Setting::Host(o),
                _ => return None,
            },
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
