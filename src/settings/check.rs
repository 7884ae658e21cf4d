//! The check every input goes through: text (from a control or a URL) is read into a [`Value`]
//! of its parameter's [`Domain`], then held to the domain's bounds. What fails gets an
//! [`InputError`] and, where one exists, a safe value nearby (a number out of range becomes its
//! bound); otherwise the value in force stays.

use super::lock::{KeySet, lockable, origin};
use super::table::{Domain, Key, PARAMS, Param};
use crate::text::{Lang, fill};

/// Why an input was refused or changed.
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
    /// Not a list of the names of settings a link may lock or hide.
    BadKeys,
    /// Not a list of web origins.
    BadOrigins,
    /// The setting is locked by the link the page was opened with (or a lock would be lifted).
    Locked,
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
            InputError::BadKeys => "error.bad-keys",
            InputError::BadOrigins => "error.bad-origins",
            InputError::Locked => "error.locked",
        }
    }
}

/// A marked point of the plane: where, and its tag (an index into the domain's tags).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// The point, to three decimals.
    pub at: [f64; 2],
    /// Index of its tag.
    pub tag: usize,
}

/// A value of some domain, before it becomes a typed [`super::Setting`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A number (finite, within its bounds once checked).
    Number(f64),
    /// The index of a choice.
    Choice(usize),
    /// Layer widths.
    Widths(Vec<usize>),
    /// Marked points.
    Marks(Vec<Mark>),
    /// Settings (those a link may lock or hide).
    Keys(KeySet),
    /// Web origins, each in its canonical form.
    Origins(Vec<String>),
}

/// What a check made of an input.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// Taken as it is.
    Accepted(Value),
    /// Refused, with a safe value to use instead.
    Replaced(Value, InputError),
    /// Refused; the value in force stays.
    Refused(InputError),
}

/// Longest input looked at; anything longer is refused unread.
const MAX_INPUT: usize = 64;

/// Longest list of names or origins looked at.
const MAX_LIST: usize = 1024;

/// Longest text of one marked point looked at ("-0.123,-0.456,momentum" with room to spare); a
/// list longer than this times its most points is refused unread.
const MAX_MARK_CHARS: usize = 40;

/// Canonical text of a number: the shortest that reads back to the same f64.
pub fn format_number(v: f64) -> String {
    // Adding +0 turns −0 into 0.
    format!("{}", v + 0.0)
}

/// A coordinate at the precision marks keep: three decimals (a click's precision, short URLs).
pub fn round_mark(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0 + 0.0
}

/// Reads `raw` as a value of `domain` and holds it to the domain's bounds.
pub fn check_text(domain: &Domain, raw: &str) -> Verdict {
    let raw = raw.trim();
    match *domain {
        Domain::Number { .. } => {
            let parsed = if raw.len() > MAX_INPUT {
                None
            } else {
                raw.parse::<f64>().ok()
            };
            match parsed {
                Some(v) if !v.is_nan() => check_value(domain, Value::Number(v)),
                _ => Verdict::Refused(InputError::NotANumber),
            }
        }
        Domain::Choice(name) => (0..)
            .map_while(name)
            .position(|o| o.eq_ignore_ascii_case(raw))
            .map_or(Verdict::Refused(InputError::UnknownChoice), |i| {
                Verdict::Accepted(Value::Choice(i))
            }),
        Domain::Widths { max_len, .. } => {
            // "" is no hidden layer; otherwise every comma-separated part must be a width.
            let parts = split(raw);
            let widths: Option<Vec<usize>> = if raw.len() > MAX_INPUT || parts.len() > max_len {
                None
            } else {
                parts.iter().map(|p| p.parse::<usize>().ok()).collect()
            };
            widths.map_or(Verdict::Refused(InputError::BadWidths), |w| {
                check_value(domain, Value::Widths(w))
            })
        }
        Domain::Keys => {
            // The names that are settings a link may lock are taken even beside one that is not
            // (a teacher's typo must not leave the class's page without its other locks).
            if raw.len() > MAX_LIST {
                return Verdict::Refused(InputError::BadKeys);
            }
            let names = split(raw);
            let keys: Vec<Option<Key>> = names
                .iter()
                .map(|name| {
                    PARAMS
                        .iter()
                        .find(|p| p.name.eq_ignore_ascii_case(name))
                        .map(|p| p.key)
                        .filter(|k| lockable(*k))
                })
                .collect();
            let set: KeySet = keys.iter().flatten().copied().collect();
            if keys.iter().all(Option::is_some) {
                Verdict::Accepted(Value::Keys(set))
            } else {
                Verdict::Replaced(Value::Keys(set), InputError::BadKeys)
            }
        }
        Domain::Origins { .. } => {
            let origins: Option<Vec<String>> = if raw.len() > MAX_LIST {
                None
            } else {
                split(raw).into_iter().map(origin).collect()
            };
            origins.map_or(Verdict::Refused(InputError::BadOrigins), |o| {
                check_value(domain, Value::Origins(o))
            })
        }
        Domain::Marks { max_len, tags, .. } => {
            let parts = split(raw);
            let ok = raw.len() <= max_len * MAX_MARK_CHARS && parts.len().is_multiple_of(3);
            let marks: Option<Vec<Mark>> = if ok {
                parts
                    .chunks(3)
                    .map(|m| {
                        let coordinate = |t: &str| t.parse::<f64>().ok();
                        let tag = (0..)
                            .map_while(tags)
                            .position(|t| t.eq_ignore_ascii_case(m[2]))?;
                        Some(Mark {
                            at: [coordinate(m[0])?, coordinate(m[1])?],
                            tag,
                        })
                    })
                    .collect()
            } else {
                None
            };
            marks.map_or(Verdict::Refused(InputError::BadMarks), |m| {
                check_value(domain, Value::Marks(m))
            })
        }
    }
}

fn split(raw: &str) -> Vec<&str> {
    if raw.is_empty() {
        Vec::new()
    } else {
        raw.split(',').map(str::trim).collect()
    }
}

/// Holds a value to its domain's bounds: a number out of range or infinite becomes the nearest
/// bound, a fraction where a whole number is needed is rounded; widths and marks out of bounds
/// are refused; marks are rounded to three decimals. A value of another domain's kind is refused.
pub fn check_value(domain: &Domain, value: Value) -> Verdict {
    match (*domain, value) {
        (Domain::Number { min, max, integer }, Value::Number(v)) => {
            if v.is_nan() {
                Verdict::Refused(InputError::NotANumber)
            } else if v.is_infinite() {
                let bound = if v > 0.0 { max } else { min };
                Verdict::Replaced(Value::Number(bound), InputError::NotFinite)
            } else if v < min {
                Verdict::Replaced(Value::Number(min), InputError::BelowMin)
            } else if v > max {
                Verdict::Replaced(Value::Number(max), InputError::AboveMax)
            } else if integer && v.fract() != 0.0 {
                let whole = v.round().clamp(min, max);
                Verdict::Replaced(Value::Number(whole), InputError::NotAnInteger)
            } else {
                Verdict::Accepted(Value::Number(v + 0.0))
            }
        }
        (Domain::Choice(name), Value::Choice(i)) if name(i).is_some() => {
            Verdict::Accepted(Value::Choice(i))
        }
        (Domain::Choice(_), _) => Verdict::Refused(InputError::UnknownChoice),
        (Domain::Widths { max_len, min, max }, Value::Widths(w))
            if w.len() <= max_len && w.iter().all(|w| (min..=max).contains(w)) =>
        {
            Verdict::Accepted(Value::Widths(w))
        }
        (Domain::Widths { .. }, _) => Verdict::Refused(InputError::BadWidths),
        (
            Domain::Marks {
                max_len,
                reach,
                tags,
            },
            Value::Marks(marks),
        ) if marks.len() <= max_len
            && marks.iter().all(|m| {
                tags(m.tag).is_some() && m.at.iter().all(|v| v.is_finite() && v.abs() <= reach)
            }) =>
        {
            let marks = marks
                .into_iter()
                .map(|m| Mark {
                    at: m.at.map(round_mark),
                    tag: m.tag,
                })
                .collect();
            Verdict::Accepted(Value::Marks(marks))
        }
        (Domain::Marks { .. }, _) => Verdict::Refused(InputError::BadMarks),
        (Domain::Keys, Value::Keys(k)) if k.keys().all(lockable) => {
            Verdict::Accepted(Value::Keys(k))
        }
        (Domain::Keys, _) => Verdict::Refused(InputError::BadKeys),
        (Domain::Origins { max_len }, Value::Origins(o))
            if o.len() <= max_len && o.iter().all(|o| origin(o).as_ref() == Some(o)) =>
        {
            Verdict::Accepted(Value::Origins(o))
        }
        (Domain::Origins { .. }, _) => Verdict::Refused(InputError::BadOrigins),
        (Domain::Number { .. }, _) => Verdict::Refused(InputError::NotANumber),
    }
}

/// The canonical text of a value of `domain`: what URLs and controls show.
pub fn text_of(domain: &Domain, value: &Value) -> String {
    match (*domain, value) {
        (_, Value::Number(v)) => format_number(*v),
        (Domain::Choice(name), Value::Choice(i)) => name(*i).unwrap_or_default().to_string(),
        (_, Value::Widths(w)) => w.iter().map(usize::to_string).collect::<Vec<_>>().join(","),
        (_, Value::Keys(k)) => k.keys().map(Key::name).collect::<Vec<_>>().join(","),
        (_, Value::Origins(o)) => o.join(","),
        (Domain::Marks { tags, .. }, Value::Marks(marks)) => marks
            .iter()
            .map(|m| {
                format!(
                    "{},{},{}",
                    format_number(m.at[0]),
                    format_number(m.at[1]),
                    tags(m.tag).unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(","),
        _ => String::new(),
    }
}

/// The message for a refused input, in `lang`: what was given (`raw`, shown as text, never as
/// markup, cut to 24 characters), the bound it broke and the value used (`value`).
pub fn message(lang: Lang, param: &Param, error: InputError, raw: &str, value: &str) -> String {
    let shown: String = raw.trim().chars().take(24).collect();
    // An empty list is said in words.
    let lists = matches!(param.domain, Domain::Keys | Domain::Origins { .. });
    let value = if value.is_empty() && lists {
        crate::text::tr(lang, "lock.none")
    } else {
        value
    };
    let (min, max) = match param.domain {
        Domain::Number { min, max, .. } => (format_number(min), format_number(max)),
        Domain::Widths { min, max, .. } => (min.to_string(), max.to_string()),
        Domain::Marks { max_len, .. } => (String::new(), max_len.to_string()),
        Domain::Origins { max_len } => (String::new(), max_len.to_string()),
        Domain::Choice(_) | Domain::Keys => (String::new(), String::new()),
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

/// The message for a parameter name the page does not know (shown as text, cut to 24 characters).
pub fn unknown_param(lang: Lang, name: &str) -> String {
    fill(
        lang,
        "error.unknown-param",
        &[("raw", &name.chars().take(24).collect::<String>())],
    )
}
