//! The one boundary every setting crosses: a table of parameters, each with its domain, and the
//! check that turns what a person typed (or a URL carried) into a valid value or a clear error
//! with a safe value. Past this module, settings are valid by construction.

use crate::engine::activation::Activation;
use crate::engine::data::{DataKind, DataSpec};
use crate::engine::loss::Loss;
use crate::engine::optimizer::Optimizer;
use crate::engine::penalty::{Penalty, Regularizer};
use crate::engine::stop::StopRules;
use crate::engine::trainer::TrainConfig;
use crate::text::{Lang, fill};

/// What values a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// One of a fixed list of names.
    Choice(&'static [&'static str]),
    /// Up to `max_len` marked points of the plane, written `x,y,tag,x,y,tag,…` (may be empty):
    /// coordinates within ±`reach`, each tag one of `tags`.
    Marks {
        /// Most points.
        max_len: usize,
        /// Largest |coordinate|.
        reach: f64,
        /// What each point may be tagged with.
        tags: &'static [&'static str],
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

/// One setting: its name (in the URL and the page), its domain and its default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// Name in URLs and in `data-param` attributes.
    pub key: &'static str,
    /// Allowed values.
    pub domain: Domain,
    /// Default, in canonical form.
    pub default: &'static str,
    /// Whether changing it starts a new run (new data or a new network) rather than carrying on.
    pub restarts: bool,
}

const fn numeric(
    key: &'static str,
    (min, max): (f64, f64),
    integer: bool,
    default: &'static str,
    restarts: bool,
) -> Param {
    Param {
        key,
        domain: Domain::Number { min, max, integer },
        default,
        restarts,
    }
}

const fn number(
    key: &'static str,
    min: f64,
    max: f64,
    default: &'static str,
    restarts: bool,
) -> Param {
    numeric(key, (min, max), false, default, restarts)
}

const fn integer(
    key: &'static str,
    min: f64,
    max: f64,
    default: &'static str,
    restarts: bool,
) -> Param {
    numeric(key, (min, max), true, default, restarts)
}

const fn choice(
    key: &'static str,
    options: &'static [&'static str],
    default: &'static str,
    restarts: bool,
) -> Param {
    Param {
        key,
        domain: Domain::Choice(options),
        default,
        restarts,
    }
}

/// Names of the data sets, in [`DataKind::ALL`] order.
pub const DATA: &[&str] = &["animals", "blobs", "circles", "spiral"];
/// Names of the activations, in [`Activation::ALL`] order.
pub const ACTIVATIONS: &[&str] = &["tanh", "relu", "sigmoid", "linear"];
/// Names of the losses, in [`Loss::ALL`] order (the article's).
pub const LOSSES: [&str; 5] = ["cross-entropy", "squared", "zero-one", "absolute", "hinge"];

/// The name of a loss in settings and URLs (its entry in [`LOSSES`]).
pub fn loss_key(loss: Loss) -> &'static str {
    LOSSES[Loss::ALL.iter().position(|l| *l == loss).unwrap_or(0)]
}
/// Names of the penalties.
pub const PENALTIES: &[&str] = &["none", "l1", "l2", "elastic-net"];
/// Names of the example's classes, in label order (cat 0, dog 1, sheep 2).
pub const LABELS: &[&str] = &["cat", "dog", "sheep"];
/// Names of the optimizers.
pub const OPTIMIZERS: &[&str] = &["gd", "sgd", "momentum", "adam"];

/// Every setting of the Train section, in the order the page shows them.
pub const PARAMS: &[Param] = &[
    choice("data", DATA, "animals", true),
    number("noise", 0.0, 1.0, "0.35", true),
    integer("samples", 30.0, 1000.0, "300", true),
    number("train", 0.1, 0.9, "0.6", true),
    integer("seed", 0.0, 4_294_967_295.0, "1", true),
    Param {
        key: "hidden",
        domain: Domain::Widths {
            max_len: 3,
            min: 1,
            max: 16,
        },
        default: "8,8",
        restarts: true,
    },
    choice("activation", ACTIVATIONS, "tanh", true),
    choice("loss", &LOSSES, "cross-entropy", false),
    choice("penalty", PENALTIES, "none", false),
    number("lambda", 0.0, 1.0, "0.001", false),
    number("l1-ratio", 0.0, 1.0, "0.5", false),
    choice("optimizer", OPTIMIZERS, "sgd", false),
    number("lr", 1e-4, 10.0, "0.03", false),
    integer("batch", 1.0, 1000.0, "10", false),
    integer("max-iter", 1.0, 10_000_000.0, "100000", false),
    number("loss-eps", 0.0, 10.0, "0", false),
    number("grad-eps", 0.0, 10.0, "0.0001", false),
    integer("speed", 1.0, 200.0, "6", false),
    // The Softmax section's example: one score per class, the true class, the temperature.
    number("score-cat", -20.0, 20.0, "3.2", false),
    number("score-dog", -20.0, 20.0, "5.1", false),
    number("score-sheep", -20.0, 20.0, "-1.7", false),
    choice("label", LABELS, "cat", false),
    number("temperature", 0.1, 10.0, "1", false),
    // The Penalties section: the article's example (two weight vectors and an input) ...
    number("w1-1", -10.0, 10.0, "1", false),
    number("w1-2", -10.0, 10.0, "0", false),
    number("w1-3", -10.0, 10.0, "0", false),
    number("w1-4", -10.0, 10.0, "0", false),
    number("w2-1", -10.0, 10.0, "0.25", false),
    number("w2-2", -10.0, 10.0, "0.25", false),
    number("w2-3", -10.0, 10.0, "0.25", false),
    number("w2-4", -10.0, 10.0, "0.25", false),
    number("x-1", -10.0, 10.0, "1", false),
    number("x-2", -10.0, 10.0, "1", false),
    number("x-3", -10.0, 10.0, "1", false),
    number("x-4", -10.0, 10.0, "1", false),
    // ... the λ of the side-by-side runs with none, L1 and L2 ...
    number("runs-lambda", 0.0, 1.0, "0.01", false),
    // ... and the plane of two weights: its penalty and λ.
    choice("plane-penalty", PLANE_PENALTIES, "l1", false),
    number("plane-lambda", 0.0, 5.0, "0.3", false),
    // The Descent section: the surface, the rule and step size of new balls, the stop rules.
    choice("surface", SURFACES, "two-minima", false),
    choice("d-optimizer", OPTIMIZERS, "gd", false),
    number("d-lr", 1e-5, 10.0, "0.056", false),
    integer("d-max-iter", 1.0, 100_000.0, "500", false),
    number("d-loss-eps", 0.0, 10.0, "0", false),
    number("d-grad-eps", 0.0, 10.0, "0.001", false),
    // The balls' starts and rules ("" for one ball at the surface's own start).
    Param {
        key: "balls",
        domain: Domain::Marks {
            max_len: 8,
            reach: 100.0,
            tags: OPTIMIZERS,
        },
        default: "",
        restarts: false,
    },
    // Your own data: the clicks on the map, in order, replayed on the generated data: x,y,0|1|2
    // adds a training point of that class, x,y,del removes the point nearest (x, y).
    Param {
        key: "edits",
        domain: Domain::Marks {
            max_len: MAX_EDITS,
            // The map shows ±1.15 (render::decision::EXTENT): every click on it can be kept.
            reach: 1.15,
            tags: EDIT_TAGS,
        },
        default: "",
        restarts: true,
    },
    // How the page is shown: one section alone, embedded in another page, presenter mode.
    choice("panel", PANELS, "all", false),
    choice("embed", SWITCH, "0", false),
    choice("present", SWITCH, "0", false),
];

/// The sections a page can show alone (`panel`), or all of them.
pub const PANELS: &[&str] = &["all", "train", "softmax", "losses", "penalties", "descent"];

/// An on/off choice.
pub const SWITCH: &[&str] = &["0", "1"];

/// The Descent section's surfaces: four toy ones, then two slices through the classifier.
pub const SURFACES: &[&str] = &[
    "bowl",
    "valley",
    "two-minima",
    "rosenbrock",
    "slice-weights",
    "slice-random",
];

/// The penalties the plane of two weights can show.
pub const PLANE_PENALTIES: &[&str] = &["l1", "l2", "elastic-net"];

/// The optimizer an [`OPTIMIZERS`] name stands for (Adam for anything else).
pub fn optimizer_named(name: &str) -> Optimizer {
    match name {
        "gd" => Optimizer::GradientDescent,
        "sgd" => Optimizer::Sgd,
        "momentum" => Optimizer::momentum(),
        _ => Optimizer::adam(),
    }
}

/// The parameter named `key`.
pub fn param(key: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.key == key)
}

/// Why an input was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputError {
    /// Not a number at all (empty, letters, "NaN").
    NotANumber,
    /// ±∞.
    NotFinite,
    /// Below the minimum.
    BelowMin,
    /// Above the maximum.
    AboveMax,
    /// Has a fractional part where a whole number is needed.
    NotAnInteger,
    /// Not one of the choices.
    UnknownChoice,
    /// Not a valid list of layer widths.
    BadWidths,
    /// Not a valid list of marked points.
    BadMarks,
}

impl InputError {
    /// Key of the message in the text table.
    pub fn text_key(self) -> &'static str {
        match self {
            InputError::NotANumber => "error.not-a-number",
            InputError::NotFinite => "error.not-finite",
            InputError::BelowMin => "error.below-min",
            InputError::AboveMax => "error.above-max",
            InputError::NotAnInteger => "error.not-an-integer",
            InputError::UnknownChoice => "error.unknown-choice",
            InputError::BadWidths => "error.bad-widths",
            InputError::BadMarks => "error.bad-marks",
        }
    }
}

/// The outcome of checking one input: the value to use (canonical form) and, if the input was
/// refused or changed, why.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The value now in force: the input if valid, otherwise a safe value.
    pub value: String,
    /// Why the input was not taken as it was.
    pub error: Option<InputError>,
}

/// Longest input looked at; anything longer is refused unread.
const MAX_INPUT: usize = 64;

/// Longest text of one marked point looked at ("-0.123,-0.456,momentum" with room to spare); a
/// list longer than this times its most points is refused unread.
const MAX_MARK_CHARS: usize = 40;

/// Most edits of the data (points added or removed) a URL holds.
pub const MAX_EDITS: usize = 300;

/// The tags of an edit: a class to add, or `del` to remove.
pub const EDIT_TAGS: &[&str] = &["0", "1", "2", "del"];

/// Canonical text of a number: the shortest that reads back to the same f64.
pub fn format_number(v: f64) -> String {
    // Adding +0 turns −0 into 0.
    format!("{}", v + 0.0)
}

/// Checks `raw` against `param`. A refused input yields `current` (nothing is lost) or, for a
/// number out of range or infinite, the nearest bound.
pub fn check(param: &Param, raw: &str, current: &str) -> Checked {
    let raw = raw.trim();
    let refuse = |error, value: String| Checked {
        value,
        error: Some(error),
    };
    match param.domain {
        Domain::Number { min, max, integer } => {
            let parsed = if raw.len() > MAX_INPUT {
                None
            } else {
                raw.parse::<f64>().ok()
            };
            match parsed {
                None => refuse(InputError::NotANumber, current.to_string()),
                Some(v) if v.is_nan() => refuse(InputError::NotANumber, current.to_string()),
                Some(v) if v.is_infinite() => refuse(
                    InputError::NotFinite,
                    format_number(if v > 0.0 { max } else { min }),
                ),
                Some(v) if v < min => refuse(InputError::BelowMin, format_number(min)),
                Some(v) if v > max => refuse(InputError::AboveMax, format_number(max)),
                Some(v) if integer && v.fract() != 0.0 => refuse(
                    InputError::NotAnInteger,
                    format_number(v.round().clamp(min, max)),
                ),
                Some(v) => Checked {
                    value: format_number(v),
                    error: None,
                },
            }
        }
        Domain::Choice(options) => match options.iter().find(|o| o.eq_ignore_ascii_case(raw)) {
            Some(o) => Checked {
                value: o.to_string(),
                error: None,
            },
            None => refuse(InputError::UnknownChoice, current.to_string()),
        },
        Domain::Marks {
            max_len,
            reach,
            tags,
        } => {
            let parts: Vec<&str> = if raw.is_empty() {
                Vec::new()
            } else {
                raw.split(',').map(str::trim).collect()
            };
            let ok = raw.len() <= max_len * MAX_MARK_CHARS
                && parts.len().is_multiple_of(3)
                && parts.len() / 3 <= max_len;
            let marks: Option<Vec<String>> = if ok {
                parts
                    .chunks(3)
                    .map(|m| {
                        let coordinate = |t: &str| {
                            t.parse::<f64>()
                                .ok()
                                .filter(|v| v.is_finite() && v.abs() <= reach)
                                // Three decimals: a click's precision, and short URLs.
                                .map(|v| format_number((v * 1000.0).round() / 1000.0))
                        };
                        let tag = tags.iter().find(|t| t.eq_ignore_ascii_case(m[2]))?;
                        Some(format!("{},{},{tag}", coordinate(m[0])?, coordinate(m[1])?))
                    })
                    .collect()
            } else {
                None
            };
            match marks {
                Some(m) => Checked {
                    value: m.join(","),
                    error: None,
                },
                None => refuse(InputError::BadMarks, current.to_string()),
            }
        }
        Domain::Widths { max_len, min, max } => {
            // "" is no hidden layer; otherwise every comma-separated part must be a width.
            let parts: Vec<&str> = if raw.is_empty() {
                Vec::new()
            } else {
                raw.split(',').map(str::trim).collect()
            };
            let widths: Option<Vec<usize>> = if raw.len() > MAX_INPUT || parts.len() > max_len {
                None
            } else {
                parts
                    .iter()
                    .map(|p| p.parse::<usize>().ok().filter(|w| (min..=max).contains(w)))
                    .collect()
            };
            match widths {
                Some(w) => Checked {
                    value: w.iter().map(usize::to_string).collect::<Vec<_>>().join(","),
                    error: None,
                },
                None => refuse(InputError::BadWidths, current.to_string()),
            }
        }
    }
}

/// The message for a refused input, in `lang`. `raw` is shown as text, never as markup.
pub fn message(lang: Lang, param: &Param, error: InputError, raw: &str, value: &str) -> String {
    let shown: String = raw.trim().chars().take(24).collect();
    let (min, max) = match param.domain {
        Domain::Number { min, max, .. } => (format_number(min), format_number(max)),
        Domain::Widths { min, max, .. } => (min.to_string(), max.to_string()),
        Domain::Marks { max_len, .. } => (String::new(), max_len.to_string()),
        Domain::Choice(_) => (String::new(), String::new()),
    };
    fill(
        lang,
        error.text_key(),
        &[
            ("raw", &shown),
            ("min", &min),
            ("max", &max),
            ("value", value),
        ],
    )
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

/// Parameters the page reads itself rather than the settings: the language and the frame-time overlay.
pub const PAGE_KEYS: &[&str] = &["lang", "debug"];

/// Every setting of the Train section, each valid (canonical text per [`PARAMS`] entry).
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    values: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            values: PARAMS.iter().map(|p| p.default.to_string()).collect(),
        }
    }
}

impl Settings {
    /// Settings from a URL query, every value checked; defaults for what is missing or refused.
    /// Also returns the language the query asks for, if any, and what was refused.
    pub fn from_query(query: &str) -> (Settings, Option<Lang>, Vec<QueryProblem>) {
        let mut settings = Settings::default();
        let mut lang = None;
        let mut problems = Vec::new();
        for (key, raw) in crate::query::parse(query) {
            if key == "lang" {
                lang = Some(Lang::from_code(&raw));
                continue;
            }
            if PAGE_KEYS.contains(&key.as_str()) {
                continue;
            }
            let error = match settings.set(&key, &raw) {
                Some(checked) => match checked.error {
                    Some(e) => Some(e),
                    None => continue,
                },
                None => None,
            };
            problems.push(QueryProblem { key, raw, error });
        }
        (settings, lang, problems)
    }

    /// The canonical value of `key` ("" for an unknown key).
    pub fn get(&self, key: &str) -> &str {
        PARAMS
            .iter()
            .position(|p| p.key == key)
            .map_or("", |i| &self.values[i])
    }

    /// Checks `raw` for `key` and stores the result (the input, or a safe value).
    /// Returns `None` for an unknown key.
    pub fn set(&mut self, key: &str, raw: &str) -> Option<Checked> {
        let i = PARAMS.iter().position(|p| p.key == key)?;
        let checked = check(&PARAMS[i], raw, &self.values[i]);
        self.values[i] = checked.value.clone();
        Some(checked)
    }

    fn number(&self, key: &str) -> f64 {
        self.get(key).parse().unwrap_or(0.0)
    }

    fn index(&self, key: &str, options: &[&str]) -> usize {
        options
            .iter()
            .position(|o| *o == self.get(key))
            .unwrap_or(0)
    }

    /// The hidden layer widths.
    pub fn hidden(&self) -> Vec<usize> {
        self.get("hidden")
            .split(',')
            .filter_map(|w| w.parse().ok())
            .collect()
    }

    /// Iterations per animation frame.
    pub fn speed(&self) -> u64 {
        self.number("speed") as u64
    }

    /// The loss chosen.
    pub fn loss(&self) -> Loss {
        Loss::ALL[self.index("loss", &LOSSES)]
    }

    /// The data set chosen.
    pub fn data_kind(&self) -> DataKind {
        DataKind::ALL[self.index("data", DATA)]
    }

    /// The penalty and its λ.
    pub fn regularizer(&self) -> Regularizer {
        let penalty = match self.index("penalty", PENALTIES) {
            0 => Penalty::None,
            1 => Penalty::L1,
            2 => Penalty::L2,
            _ => Penalty::ElasticNet {
                l1_ratio: self.number("l1-ratio"),
            },
        };
        Regularizer {
            penalty,
            lambda: self.number("lambda"),
        }
    }

    /// One of the Penalties section's vectors ("w1", "w2" or "x"), its four entries in order.
    pub fn vector(&self, name: &str) -> [f64; 4] {
        std::array::from_fn(|i| self.number(&format!("{name}-{}", i + 1)))
    }

    /// λ of the Penalties section's side-by-side runs.
    pub fn runs_lambda(&self) -> f64 {
        self.number("runs-lambda")
    }

    /// The plane of two weights' penalty (elastic net with the Train section's α) and λ.
    pub fn plane_regularizer(&self) -> Regularizer {
        let penalty = match self.index("plane-penalty", PLANE_PENALTIES) {
            0 => Penalty::L1,
            1 => Penalty::L2,
            _ => Penalty::ElasticNet {
                l1_ratio: self.number("l1-ratio"),
            },
        };
        Regularizer {
            penalty,
            lambda: self.number("plane-lambda"),
        }
    }

    /// The Descent section's rule for new balls.
    pub fn descent_optimizer(&self) -> Optimizer {
        optimizer_named(self.get("d-optimizer"))
    }

    /// The Descent section's step size η.
    pub fn descent_lr(&self) -> f64 {
        self.number("d-lr")
    }

    /// The Descent section's balls: (start, optimizer) each, oldest first; empty for the surface's
    /// own start.
    pub fn balls(&self) -> Vec<([f64; 2], Optimizer)> {
        let parts: Vec<&str> = self.get("balls").split(',').collect();
        parts
            .chunks_exact(3)
            .filter_map(|m| {
                Some((
                    [m[0].parse().ok()?, m[1].parse().ok()?],
                    optimizer_named(m[2]),
                ))
            })
            .collect()
    }

    /// Your own edits of the data, in order: where, and the class added (None: remove the
    /// nearest point).
    pub fn edits(&self) -> Vec<([f64; 2], Option<usize>)> {
        let parts: Vec<&str> = self.get("edits").split(',').collect();
        parts
            .chunks_exact(3)
            .filter_map(|m| {
                let at = [m[0].parse().ok()?, m[1].parse().ok()?];
                Some((at, m[2].parse().ok()))
            })
            .collect()
    }

    /// The Descent section's stop rules.
    pub fn descent_rules(&self) -> StopRules {
        StopRules {
            max_iterations: self.number("d-max-iter") as u64,
            loss_below: self.number("d-loss-eps"),
            gradient_below: self.number("d-grad-eps"),
        }
    }

    /// The update rule.
    pub fn optimizer(&self) -> Optimizer {
        optimizer_named(self.get("optimizer"))
    }

    /// The stop rules.
    pub fn stop_rules(&self) -> StopRules {
        StopRules {
            max_iterations: self.number("max-iter") as u64,
            loss_below: self.number("loss-eps"),
            gradient_below: self.number("grad-eps"),
        }
    }

    /// The Softmax section's temperature T.
    pub fn temperature(&self) -> f64 {
        self.number("temperature")
    }

    /// The Softmax section's example: its three steps.
    pub fn softmax_steps(&self) -> crate::scene::softmax::SoftmaxSteps {
        crate::scene::softmax::steps(
            [
                self.number("score-cat"),
                self.number("score-dog"),
                self.number("score-sheep"),
            ],
            self.index("label", LABELS),
            self.number("temperature"),
        )
    }

    /// The whole training configuration.
    pub fn train_config(&self) -> TrainConfig {
        TrainConfig {
            data: DataSpec {
                kind: self.data_kind(),
                samples: self.number("samples") as usize,
                noise: self.number("noise"),
                train_fraction: self.number("train"),
                seed: self.number("seed") as u64,
            },
            hidden: self.hidden(),
            activation: Activation::ALL[self.index("activation", ACTIVATIONS)],
            loss: self.loss(),
            regularizer: self.regularizer(),
            optimizer: self.optimizer(),
            learning_rate: self.number("lr"),
            batch_size: self.number("batch") as usize,
            stop: self.stop_rules(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lr() -> &'static Param {
        param("lr").unwrap()
    }

    #[test]
    fn every_default_passes_its_own_check() {
        for p in PARAMS {
            let c = check(p, p.default, p.default);
            assert_eq!(c.error, None, "{}", p.key);
            assert_eq!(c.value, p.default, "{} is not canonical", p.key);
        }
    }

    #[test]
    fn every_parameter_and_choice_has_a_label_in_both_languages() {
        for p in PARAMS {
            for lang in [Lang::En, Lang::Zh] {
                assert!(
                    !crate::text::tr(lang, &format!("param.{}", p.key)).is_empty(),
                    "{}",
                    p.key
                );
                if let Domain::Choice(options) = p.domain {
                    for o in options {
                        let key = format!("choice.{}.{o}", p.key);
                        assert!(!crate::text::tr(lang, &key).is_empty(), "{key}");
                    }
                }
            }
        }
    }

    #[test]
    fn lists_of_balls_are_checked_and_written_canonically() {
        let balls = param("balls").unwrap();
        let ok = check(balls, " -1.23456, 2 , ADAM, 0.5,-0.5,gd ", "");
        assert_eq!(ok.value, "-1.235,2,adam,0.5,-0.5,gd");
        assert_eq!(ok.error, None);
        assert_eq!(check(balls, "", "1,1,gd").value, "");
        for bad in [
            "1,2",
            "1,2,rmsprop",
            "NaN,0,gd",
            "1e9,0,gd",
            "inf,0,gd",
            "<b>,0,gd",
            &"0,0,gd,".repeat(9),
            &"1".repeat(500),
        ] {
            let c = check(balls, bad, "0,0,gd");
            assert_eq!(
                (c.value.as_str(), c.error),
                ("0,0,gd", Some(InputError::BadMarks)),
                "{bad}"
            );
        }
        let mut s = Settings::default();
        s.set("balls", "0.3,1.6,sgd,-1,1,momentum");
        let got = s.balls();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, [0.3, 1.6]);
        assert_eq!(got[1].1, Optimizer::momentum());
    }

    #[test]
    fn numbers_out_of_range_are_clamped_and_named() {
        assert_eq!(
            check(lr(), "0.1", "0.03"),
            Checked {
                value: "0.1".into(),
                error: None
            }
        );
        assert_eq!(check(lr(), "50", "0.03").error, Some(InputError::AboveMax));
        assert_eq!(check(lr(), "50", "0.03").value, "10");
        assert_eq!(check(lr(), "-1", "0.03").value, "0.0001");
        assert_eq!(check(param("lambda").unwrap(), "-0", "0.1").value, "0");
        assert_eq!(
            check(lr(), "1e-9", "0.03").error,
            Some(InputError::BelowMin)
        );
    }

    #[test]
    fn nan_infinity_and_garbage_keep_a_safe_value() {
        for raw in [
            "NaN",
            "nan",
            "",
            "abc",
            "0x10",
            "1,5",
            "<img src=x onerror=alert(1)>",
        ] {
            let c = check(lr(), raw, "0.03");
            assert_eq!(c.error, Some(InputError::NotANumber), "{raw}");
            assert_eq!(c.value, "0.03");
        }
        assert_eq!(check(lr(), "inf", "0.03").value, "10");
        assert_eq!(check(lr(), "-Infinity", "0.03").value, "0.0001");
        assert_eq!(
            check(lr(), &"9".repeat(500), "0.03").error,
            Some(InputError::NotANumber)
        );
    }

    #[test]
    fn integers_and_choices_and_widths_are_checked() {
        let seed = param("seed").unwrap();
        assert_eq!(
            check(seed, "2.5", "1").error,
            Some(InputError::NotAnInteger)
        );
        assert_eq!(check(seed, "2.5", "1").value, "3");
        let loss = param("loss").unwrap();
        assert_eq!(check(loss, "HINGE", "cross-entropy").value, "hinge");
        assert_eq!(check(loss, "huber", "hinge").value, "hinge");
        let hidden = param("hidden").unwrap();
        assert_eq!(check(hidden, " 4, 16 ", "8").value, "4,16");
        assert_eq!(check(hidden, "", "8").value, "");
        for bad in ["0", "17", "1,2,3,4", "a,b", "-1", ",", "8,,8", "8,"] {
            assert_eq!(
                check(hidden, bad, "8").error,
                Some(InputError::BadWidths),
                "{bad}"
            );
        }
    }

    #[test]
    fn messages_name_the_input_and_the_bound_in_both_languages() {
        let m = message(Lang::En, lr(), InputError::AboveMax, "50", "10");
        assert_eq!(m, "50 is above the largest allowed value, 10; used 10.");
        let m = message(Lang::Zh, lr(), InputError::AboveMax, "50", "10");
        assert!(m.contains("50") && m.contains("10") && m.contains("最大值"));
    }

    #[test]
    fn a_query_sets_what_it_can_and_reports_the_rest() {
        let (s, lang, problems) =
            Settings::from_query("?lr=0.1&lang=zh&noise=abc&what=1&debug=1&seed=9");
        assert_eq!(s.get("lr"), "0.1");
        assert_eq!(s.get("seed"), "9");
        assert_eq!(s.get("noise"), "0.35");
        assert_eq!(lang, Some(Lang::Zh));
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].error, Some(InputError::NotANumber));
        assert_eq!(
            (problems[1].key.as_str(), problems[1].error),
            ("what", None)
        );
    }

    #[test]
    fn settings_build_the_training_configuration() {
        let mut s = Settings::default();
        s.set("hidden", "3,5").unwrap();
        s.set("penalty", "elastic-net").unwrap();
        s.set("l1-ratio", "0.25").unwrap();
        s.set("optimizer", "adam").unwrap();
        assert!(s.set("bogus", "1").is_none());
        let c = s.train_config();
        assert_eq!(c.hidden, vec![3, 5]);
        assert_eq!(
            c.regularizer.penalty,
            Penalty::ElasticNet { l1_ratio: 0.25 }
        );
        assert!(matches!(c.optimizer, Optimizer::Adam { .. }));
        assert_eq!(c.data.seed, 1);
        assert_eq!(c.learning_rate, 0.03);
    }
}
