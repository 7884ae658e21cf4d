//! What a change of a setting does ([`Effect`], one per row of the table) and which sections must
//! then be drawn again ([`Redraw`]).

use super::choice::Section;

/// What a change of a setting does. [`super::Settings`] reports it with every change, and the
/// page's sections do what it says (`scene::Page::apply`): one column of the table decides, for
/// every setting, what starts over, what carries on and what is drawn again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// New data or a new network: the Train run starts over from its first weights, and with it
    /// the side-by-side runs and a slice through the network.
    NewRun,
    /// The Train run and the side-by-side runs carry on under the new value (η, the loss, the
    /// penalty, the optimizer, the batch, the stop rules).
    CarryOn,
    /// Iterations per frame: read at every frame, nothing to redo.
    Pace,
    /// The Softmax section's example (the Losses section computes with it too).
    Example,
    /// The Penalties section's w1, w2 and x.
    PenaltyExample,
    /// λ of the side-by-side penalty runs: they carry on.
    RunsLambda,
    /// The plane of two weights: its penalty or λ.
    Plane,
    /// A new surface for the Descent section: its balls start over.
    NewSurface,
    /// The balls' rule, step size or stop rules: they carry on.
    Rolling,
    /// The balls' starts: they are dropped again.
    Balls,
    /// How the page is shown.
    View,
}

impl Effect {
    /// Its name for the page script (which pauses a loop whose run started over).
    pub fn name(self) -> &'static str {
        match self {
            Effect::NewRun => "new-run",
            Effect::CarryOn => "carry-on",
            Effect::Pace => "pace",
            Effect::Example => "example",
            Effect::PenaltyExample => "penalty-example",
            Effect::RunsLambda => "runs-lambda",
            Effect::Plane => "plane",
            Effect::NewSurface => "new-surface",
            Effect::Rolling => "rolling",
            Effect::Balls => "balls",
            Effect::View => "view",
        }
    }

    /// The sections whose numbers, words and charts must be drawn again after such a change.
    pub fn redraw(self) -> Redraw {
        use Section::*;
        match self {
            Effect::NewRun => Redraw::of(&[Train, Softmax, Losses, Penalties, Descent]),
            Effect::CarryOn => Redraw::of(&[Train, Losses, Penalties]),
            Effect::Pace => Redraw::NONE,
            Effect::Example => Redraw::of(&[Train, Softmax, Losses]),
            Effect::PenaltyExample | Effect::RunsLambda | Effect::Plane => Redraw::of(&[Penalties]),
            Effect::NewSurface | Effect::Rolling | Effect::Balls => Redraw::of(&[Descent]),
            Effect::View => Redraw::VIEW,
        }
    }
}

/// A set of sections to draw again, and whether the page's layout changed (`view`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Redraw(u8);

impl Redraw {
    /// Nothing.
    pub const NONE: Redraw = Redraw(0);
    /// The page's layout (which sections, embedded, presenter mode) and with it everything.
    pub const VIEW: Redraw = Redraw(0b11_1111);

    /// These sections.
    pub fn of(sections: &[Section]) -> Redraw {
        sections.iter().fold(Redraw::NONE, |r, s| r.with(*s))
    }

    /// This set and `section`.
    pub fn with(self, section: Section) -> Redraw {
        Redraw(self.0 | 1 << section_bit(section))
    }

    /// Both sets.
    pub fn union(self, other: Redraw) -> Redraw {
        Redraw(self.0 | other.0)
    }

    /// Whether `section` is drawn again.
    pub fn contains(self, section: Section) -> bool {
        self.0 & (1 << section_bit(section)) != 0
    }

    /// Whether the layout changed.
    pub fn view(self) -> bool {
        self.0 & (1 << 5) != 0
    }

    /// The names of the sections drawn again (then "view" if the layout changed), for the page.
    pub fn names(self) -> Vec<&'static str> {
        use super::choice::Choice;
        let mut out: Vec<&'static str> = Section::ALL
            .iter()
            .filter(|s| self.contains(**s))
            .map(|s| s.key())
            .collect();
        if self.view() {
            out.push("view");
        }
        out
    }
}

fn section_bit(section: Section) -> u8 {
    match section {
        Section::Train => 0,
        Section::Softmax => 1,
        Section::Losses => 2,
        Section::Penalties => 3,
        Section::Descent => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redraw_sets_name_their_sections() {
        let r = Redraw::of(&[Section::Softmax, Section::Losses]);
        assert_eq!(r.names(), vec!["softmax", "losses"]);
        assert!(!r.contains(Section::Train));
        assert_eq!(Effect::Pace.redraw().names(), Vec::<&str>::new());
        assert_eq!(
            Effect::View.redraw().names(),
            vec!["train", "softmax", "losses", "penalties", "descent", "view"]
        );
    }
}
