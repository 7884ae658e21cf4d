//! The table of parameters: for each setting its name (in URLs and `data-param` attributes), its
//! domain, its default and what a change of it does. The single source of every setting: the
//! check, the schema the page builds its controls from, the URL and the dispatch of a change all
//! read it.

use super::choice::{
    Class, EditKind, LessonChoice, Panel, PlanePenalty, SurfaceKind, Switch, name_of,
};
use super::effect::Effect;
use crate::engine::activation::Activation;
use crate::engine::data::DataKind;
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::penalty::PenaltyKind;

/// The names of a choice's values, by index (None past the last): see [`name_of`].
pub type Names = fn(usize) -> Option<&'static str>;

/// What values a parameter takes.
#[derive(Clone, Copy, Debug)]
pub enum Domain {
    /// A number in [min, max]; whole numbers only if `integer`.
    Number {
        /// Smallest allowed value.
        min: f64,
        /// Largest allowed value.
        max: f64,
        /// Whether only whole numbers are allowed.
        integer: bool,
    },
    /// One of a closed list of names.
    Choice(Names),
    /// Up to `max_len` marked points of the plane, written `x,y,tag,x,y,tag,…` (may be empty):
    /// coordinates within ±`reach`, each tag one of `tags`.
    Marks {
        /// Most points.
        max_len: usize,
        /// Largest |coordinate|.
        reach: f64,
        /// What each point may be tagged with.
        tags: Names,
    },
    /// A comma-separated list of the names of settings a teacher's link may lock or hide (see
    /// [`super::lock::lockable`]; may be empty).
    Keys,
    /// A comma-separated list of up to `max_len` web origins (see [`super::lock::origin`]; may be
    /// empty).
    Origins {
        /// Most origins.
        max_len: usize,
    },
    /// A comma-separated list of up to `max_len` whole numbers in [min, max] (may be empty).
    Widths {
        /// Most entries.
        max_len: usize,
        /// Smallest entry.
        min: usize,
        /// Largest entry.
        max: usize,
    },
}

/// Which setting: one variant per row of [`PARAMS`], in its order.
#[allow(non_camel_case_types)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Data,
    Noise,
    Samples,
    TrainShare,
    Seed,
    Hidden,
    Activation,
    Loss,
    Penalty,
    Lambda,
    L1Ratio,
    Optimizer,
    LearningRate,
    Batch,
    MaxIterations,
    LossBelow,
    GradientBelow,
    Speed,
    ScoreCat,
    ScoreDog,
    ScoreSheep,
    Label,
    Temperature,
    W1_1,
    W1_2,
    W1_3,
    W1_4,
    W2_1,
    W2_2,
    W2_3,
    W2_4,
    X_1,
    X_2,
    X_3,
    X_4,
    RunsLambda,
    PlanePenalty,
    PlaneLambda,
    Surface,
    DescentOptimizer,
    DescentLearningRate,
    DescentMaxIterations,
    DescentLossBelow,
    DescentGradientBelow,
    Balls,
    Edits,
    Panel,
    Embed,
    Present,
    Lesson,
    LessonStep,
    Lock,
    Hide,
    Host,
}

/// How many settings there are.
pub const COUNT: usize = Key::Host as usize + 1;

impl Key {
    /// Its row of the table.
    pub fn param(self) -> &'static Param {
        &PARAMS[self as usize]
    }

    /// Its name in URLs and controls.
    pub fn name(self) -> &'static str {
        self.param().name
    }

    /// The setting named `name`, if there is one.
    pub fn named(name: &str) -> Option<Key> {
        PARAMS.iter().find(|p| p.name == name).map(|p| p.key)
    }
}

/// A slider beside a number's text box: its range and step, on a linear scale or in powers of ten
/// (`log`: the slider's position p stands for 10^p).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Slider {
    /// Leftmost position.
    pub min: f64,
    /// Rightmost position.
    pub max: f64,
    /// Step between positions.
    pub step: f64,
    /// Whether a position p stands for 10^p.
    pub log: bool,
}

impl Slider {
    const fn linear(min: f64, max: f64, step: f64) -> Option<Slider> {
        Some(Slider {
            min,
            max,
            step,
            log: false,
        })
    }

    const fn log(min: f64, max: f64, step: f64) -> Option<Slider> {
        Some(Slider {
            min,
            max,
            step,
            log: true,
        })
    }

    /// The value at position `p`: on a log slider 10^p to two significant digits (a short number
    /// that reads back exactly), otherwise p itself.
    pub fn value(&self, p: f64) -> f64 {
        if self.log {
            two_digits(libm::pow(10.0, p))
        } else {
            p
        }
    }

    /// The position that shows value `v` (a log slider's leftmost for v ≤ 0).
    pub fn position(&self, v: f64) -> f64 {
        match (self.log, v > 0.0) {
            (true, true) => libm::log10(v),
            (true, false) => self.min,
            (false, _) => v,
        }
    }
}

/// `v` to two significant digits.
pub fn two_digits(v: f64) -> f64 {
    format!("{v:.1e}").parse().unwrap_or(v)
}

/// One setting: its key, its name (in the URL and the page), its domain, its default (in canonical
/// text), what a change of it does and the slider it may have.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Which setting.
    pub key: Key,
    /// Name in URLs and in `data-param` attributes.
    pub name: &'static str,
    /// Allowed values.
    pub domain: Domain,
    /// Default, in canonical form.
    pub default: &'static str,
    /// What a change does.
    pub effect: Effect,
    /// A slider beside its text box, if it has one.
    pub slider: Option<Slider>,
}

impl Param {
    const fn slider(self, slider: Option<Slider>) -> Param {
        Param { slider, ..self }
    }
}

const fn numeric(
    key: Key,
    name: &'static str,
    (min, max): (f64, f64),
    integer: bool,
    default: &'static str,
    effect: Effect,
) -> Param {
    Param {
        key,
        name,
        domain: Domain::Number { min, max, integer },
        default,
        effect,
        slider: None,
    }
}

const fn number(
    key: Key,
    name: &'static str,
    range: (f64, f64),
    default: &'static str,
    effect: Effect,
) -> Param {
    numeric(key, name, range, false, default, effect)
}

const fn integer(
    key: Key,
    name: &'static str,
    range: (f64, f64),
    default: &'static str,
    effect: Effect,
) -> Param {
    numeric(key, name, range, true, default, effect)
}

const fn choice(
    key: Key,
    name: &'static str,
    names: Names,
    default: &'static str,
    effect: Effect,
) -> Param {
    Param {
        key,
        name,
        domain: Domain::Choice(names),
        default,
        effect,
        slider: None,
    }
}

/// Most edits of the data (points added or removed) a URL holds.
pub const MAX_EDITS: usize = 300;

/// Most balls at once on the Descent section's surface.
pub const MAX_BALLS: usize = 8;

/// Range of each entry of the Penalties section's example vectors.
const ENTRY: (f64, f64) = (-10.0, 10.0);
/// Range of a score of the Softmax section's example, and its slider.
const SCORE: (f64, f64) = (-20.0, 20.0);
const SCORE_SLIDER: Option<Slider> = Slider::linear(-20.0, 20.0, 0.1);

use Effect::*;

/// Every setting, in the order of [`Key`] (and of the URL).
pub const PARAMS: [Param; COUNT] = [
    // The Train section: the data ...
    choice(Key::Data, "data", name_of::<DataKind>, "animals", NewRun),
    number(Key::Noise, "noise", (0.0, 1.0), "0.35", NewRun).slider(Slider::linear(0.0, 1.0, 0.05)),
    integer(Key::Samples, "samples", (30.0, 1000.0), "300", NewRun),
    number(Key::TrainShare, "train", (0.1, 0.9), "0.6", NewRun),
    integer(Key::Seed, "seed", (0.0, 4_294_967_295.0), "1", NewRun),
    // ... the network ...
    Param {
        key: Key::Hidden,
        name: "hidden",
        domain: Domain::Widths {
            max_len: 6,
            min: 1,
            max: 16,
        },
        default: "8,8",
        effect: NewRun,
        slider: None,
    },
    choice(
        Key::Activation,
        "activation",
        name_of::<Activation>,
        "tanh",
        NewRun,
    ),
    // ... the objective, the update rule and the stop rules ...
    choice(Key::Loss, "loss", name_of::<Loss>, "cross-entropy", CarryOn),
    choice(
        Key::Penalty,
        "penalty",
        name_of::<PenaltyKind>,
        "none",
        CarryOn,
    ),
    number(Key::Lambda, "lambda", (0.0, 1.0), "0.001", CarryOn).slider(Slider::log(-5.0, 0.0, 0.1)),
    number(Key::L1Ratio, "l1-ratio", (0.0, 1.0), "0.5", CarryOn),
    choice(
        Key::Optimizer,
        "optimizer",
        name_of::<OptimizerKind>,
        "sgd",
        CarryOn,
    ),
    number(Key::LearningRate, "lr", (1e-4, 10.0), "0.03", CarryOn)
        .slider(Slider::log(-4.0, 1.0, 0.1)),
    integer(Key::Batch, "batch", (1.0, 1000.0), "10", CarryOn),
    integer(
        Key::MaxIterations,
        "max-iter",
        (1.0, 10_000_000.0),
        "100000",
        CarryOn,
    ),
    number(Key::LossBelow, "loss-eps", (0.0, 10.0), "0", CarryOn),
    number(
        Key::GradientBelow,
        "grad-eps",
        (0.0, 10.0),
        "0.0001",
        CarryOn,
    ),
    integer(Key::Speed, "speed", (1.0, 200.0), "6", Pace).slider(Slider::linear(1.0, 60.0, 1.0)),
    // The Softmax section's example: one score per class, the true class, the temperature.
    number(Key::ScoreCat, "score-cat", SCORE, "3.2", Example).slider(SCORE_SLIDER),
    number(Key::ScoreDog, "score-dog", SCORE, "5.1", Example).slider(SCORE_SLIDER),
    number(Key::ScoreSheep, "score-sheep", SCORE, "-1.7", Example).slider(SCORE_SLIDER),
    choice(Key::Label, "label", name_of::<Class>, "cat", Example),
    number(Key::Temperature, "temperature", (0.1, 10.0), "1", Example)
        .slider(Slider::log(-1.0, 1.0, 0.05)),
    // The Penalties section: the article's example (two weight vectors and an input) ...
    number(Key::W1_1, "w1-1", ENTRY, "1", PenaltyExample),
    number(Key::W1_2, "w1-2", ENTRY, "0", PenaltyExample),
    number(Key::W1_3, "w1-3", ENTRY, "0", PenaltyExample),
    number(Key::W1_4, "w1-4", ENTRY, "0", PenaltyExample),
    number(Key::W2_1, "w2-1", ENTRY, "0.25", PenaltyExample),
    number(Key::W2_2, "w2-2", ENTRY, "0.25", PenaltyExample),
    number(Key::W2_3, "w2-3", ENTRY, "0.25", PenaltyExample),
    number(Key::W2_4, "w2-4", ENTRY, "0.25", PenaltyExample),
    number(Key::X_1, "x-1", ENTRY, "1", PenaltyExample),
    number(Key::X_2, "x-2", ENTRY, "1", PenaltyExample),
    number(Key::X_3, "x-3", ENTRY, "1", PenaltyExample),
    number(Key::X_4, "x-4", ENTRY, "1", PenaltyExample),
    // ... the λ of the side-by-side runs with none, L1 and L2 ...
    number(
        Key::RunsLambda,
        "runs-lambda",
        (0.0, 1.0),
        "0.01",
        RunsLambda,
    )
    .slider(Slider::log(-4.0, 0.0, 0.05)),
    // ... and the plane of two weights: its penalty and λ.
    choice(
        Key::PlanePenalty,
        "plane-penalty",
        name_of::<PlanePenalty>,
        "l1",
        Plane,
    ),
    number(Key::PlaneLambda, "plane-lambda", (0.0, 5.0), "0.3", Plane)
        .slider(Slider::log(-3.0, 0.7, 0.01)),
    // The Descent section: the surface, the rule and step size of new balls, the stop rules.
    choice(
        Key::Surface,
        "surface",
        name_of::<SurfaceKind>,
        "two-minima",
        NewSurface,
    ),
    choice(
        Key::DescentOptimizer,
        "d-optimizer",
        name_of::<OptimizerKind>,
        "gd",
        Rolling,
    ),
    number(
        Key::DescentLearningRate,
        "d-lr",
        (1e-5, 10.0),
        "0.056",
        Rolling,
    )
    .slider(Slider::log(-5.0, 1.0, 0.02)),
    integer(
        Key::DescentMaxIterations,
        "d-max-iter",
        (1.0, 100_000.0),
        "500",
        Rolling,
    ),
    number(
        Key::DescentLossBelow,
        "d-loss-eps",
        (0.0, 10.0),
        "0",
        Rolling,
    ),
    number(
        Key::DescentGradientBelow,
        "d-grad-eps",
        (0.0, 10.0),
        "0.001",
        Rolling,
    ),
    // The balls' starts and rules ("" for one ball at the surface's own start).
    Param {
        key: Key::Balls,
        name: "balls",
        domain: Domain::Marks {
            max_len: MAX_BALLS,
            reach: 100.0,
            tags: name_of::<OptimizerKind>,
        },
        default: "",
        effect: Balls,
        slider: None,
    },
    // Your own data: the clicks on the map, in order, replayed on the generated data: x,y,0|1|2
    // adds a training point of that class, x,y,del removes the point nearest (x, y).
    Param {
        key: Key::Edits,
        name: "edits",
        domain: Domain::Marks {
            max_len: MAX_EDITS,
            // The map shows ±1.15 (render::decision::EXTENT): every click on it can be kept.
            reach: 1.15,
            tags: name_of::<EditKind>,
        },
        default: "",
        effect: NewRun,
        slider: None,
    },
    // How the page is shown: one section alone, embedded in another page, presenter mode.
    choice(Key::Panel, "panel", name_of::<Panel>, "all", View),
    choice(Key::Embed, "embed", name_of::<Switch>, "0", View),
    choice(Key::Present, "present", name_of::<Switch>, "0", View),
    // The lesson the page guides through ("none": the page as it is), and its step (from 1).
    choice(Key::Lesson, "lesson", name_of::<LessonChoice>, "none", View),
    integer(Key::LessonStep, "step", (1.0, 6.0), "1", View),
    // A teacher's link: the controls it locks (shown, not changeable) and hides (not shown, not
    // changeable); and the origins of the pages that may drive the page they embed.
    keys(Key::Lock, "lock"),
    keys(Key::Hide, "hide"),
    Param {
        key: Key::Host,
        name: "host",
        domain: Domain::Origins { max_len: 4 },
        default: "",
        effect: View,
        slider: None,
    },
];

const fn keys(key: Key, name: &'static str) -> Param {
    Param {
        key,
        name,
        domain: Domain::Keys,
        default: "",
        effect: View,
        slider: None,
    }
}

/// Parameters the page reads itself rather than the settings: the language, the frame-time
/// overlay, and the answer key on the printable questions (each on only when exactly "1").
pub const PAGE_KEYS: &[&str] = &["lang", "debug", "answers"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_sits_at_its_keys_place_under_its_own_name() {
        for (i, p) in PARAMS.iter().enumerate() {
            assert_eq!(p.key as usize, i, "{}", p.name);
            assert_eq!(Key::named(p.name), Some(p.key));
        }
        assert_eq!(Key::named("bogus"), None);
    }

    #[test]
    fn a_log_slider_gives_short_powers_of_ten_and_finds_their_place() {
        let s = Key::LearningRate.param().slider.unwrap();
        assert!(s.log);
        assert_eq!(s.value(-1.5), 0.032);
        assert_eq!(s.value(0.0), 1.0);
        assert!((s.position(0.01) + 2.0).abs() < 1e-15);
        let lambda = Key::Lambda.param().slider.unwrap();
        assert_eq!(lambda.position(0.0), lambda.min);
        let noise = Key::Noise.param().slider.unwrap();
        assert_eq!((noise.value(0.35), noise.position(0.35)), (0.35, 0.35));
        // Every slider lies within its number's domain (a log one from 10^min).
        for p in &PARAMS {
            let (Some(s), Domain::Number { min, max, .. }) = (p.slider, p.domain) else {
                continue;
            };
            let (lo, hi) = if s.log {
                (s.value(s.min), s.value(s.max))
            } else {
                (s.min, s.max)
            };
            assert!(lo >= min && hi <= max, "{}", p.name);
        }
    }
}
