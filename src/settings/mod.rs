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
pub mod effect;
pub mod lock;
pub mod table;

pub use check::{InputError, Mark, Value, Verdict, format_number, message, round_mark};
pub use choice::{
    Choice, Class, EditKind, LessonChoice, Panel, PlanePenalty, Section, SurfaceKind, Switch,
};
pub use effect::{Effect, Redraw};
pub use lock::{KeySet, lockable};
pub use table::{
    COUNT, Domain, Key, MAX_BALLS, MAX_EDITS, PAGE_KEYS, PARAMS, Param, Slider, two_digits,
};

pub mod setting;
pub mod state;

pub use setting::{BallStart, Edit, Setting, Vector};
pub use state::{
    DescentSettings, PenaltiesSettings, Settings, SoftmaxSettings, TrainSettings, ViewSettings,
};

use crate::text::Lang;

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

#[cfg(test)]
mod tests;
