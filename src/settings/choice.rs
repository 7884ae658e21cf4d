//! Every choice a setting offers, as a closed enum with one list of its values ([`Choice::ALL`])
//! and one name for each in URLs and controls ([`Choice::key`]). A name outside the list is
//! refused at the boundary; past it, a choice is its enum.

use crate::engine::activation::Activation;
use crate::engine::data::DataKind;
use crate::engine::loss::Loss;
use crate::engine::optimizer::OptimizerKind;
use crate::engine::penalty::PenaltyKind;

/// A closed set of named values.
pub trait Choice: Copy + PartialEq + 'static {
    /// Every value, in the order the page lists them.
    const ALL: &'static [Self];
    /// Its name in URLs, controls and text keys (`choice.<setting>.<name>`).
    fn key(self) -> &'static str;

    /// Its position in [`Choice::ALL`].
    fn index(self) -> usize {
        Self::ALL.iter().position(|c| *c == self).unwrap_or(0)
    }
}

/// The name of the `i`th value of `T` (None past the end): how a [`super::Domain`] lists a
/// choice's names without knowing its type.
pub fn name_of<T: Choice>(i: usize) -> Option<&'static str> {
    T::ALL.get(i).map(|c| c.key())
}

impl Choice for DataKind {
    const ALL: &'static [Self] = &DataKind::ALL;
    fn key(self) -> &'static str {
        match self {
            DataKind::Animals => "animals",
            DataKind::Blobs => "blobs",
            DataKind::Circles => "circles",
            DataKind::Spiral => "spiral",
        }
    }
}

impl Choice for Activation {
    const ALL: &'static [Self] = &Activation::ALL;
    fn key(self) -> &'static str {
        match self {
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
        }
    }
}

impl Choice for Loss {
    const ALL: &'static [Self] = &Loss::ALL;
    fn key(self) -> &'static str {
        match self {
            Loss::CrossEntropy => "cross-entropy",
            Loss::MeanSquared => "squared",
            Loss::ZeroOne => "zero-one",
            Loss::MeanAbsolute => "absolute",
            Loss::Hinge => "hinge",
        }
    }
}

impl Choice for PenaltyKind {
    const ALL: &'static [Self] = &PenaltyKind::ALL;
    fn key(self) -> &'static str {
        match self {
            PenaltyKind::None => "none",
            PenaltyKind::L1 => "l1",
            PenaltyKind::L2 => "l2",
            PenaltyKind::ElasticNet => "elastic-net",
        }
    }
}

impl Choice for OptimizerKind {
    const ALL: &'static [Self] = &OptimizerKind::ALL;
    fn key(self) -> &'static str {
        match self {
            OptimizerKind::GradientDescent => "gd",
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }
}

/// The article's three classes, in label order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// 猫, label 0.
    Cat,
    /// 狗, label 1.
    Dog,
    /// 羊, label 2.
    Sheep,
}

impl Class {
    /// The class of label `i` (0, 1 or 2).
    pub fn of_label(i: usize) -> Option<Class> {
        Self::ALL.get(i).copied()
    }

    /// Its label: 0, 1 or 2.
    pub fn label(self) -> usize {
        self.index()
    }
}

impl Choice for Class {
    const ALL: &'static [Self] = &[Class::Cat, Class::Dog, Class::Sheep];
    fn key(self) -> &'static str {
        match self {
            Class::Cat => "cat",
            Class::Dog => "dog",
            Class::Sheep => "sheep",
        }
    }
}

/// What one of your own edits of the data does: adds a training point of a class, or removes the
/// point nearest the click.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EditKind {
    /// Adds a cat (written `0`).
    AddCat,
    /// Adds a dog (`1`).
    AddDog,
    /// Adds a sheep (`2`).
    AddSheep,
    /// Removes the nearest point (`del`).
    Remove,
}

impl EditKind {
    /// Adds a point of `class`.
    pub fn add(class: Class) -> EditKind {
        match class {
            Class::Cat => EditKind::AddCat,
            Class::Dog => EditKind::AddDog,
            Class::Sheep => EditKind::AddSheep,
        }
    }

    /// The class added, None for a removal.
    pub fn class(self) -> Option<Class> {
        match self {
            EditKind::AddCat => Some(Class::Cat),
            EditKind::AddDog => Some(Class::Dog),
            EditKind::AddSheep => Some(Class::Sheep),
            EditKind::Remove => None,
        }
    }
}

impl Choice for EditKind {
    const ALL: &'static [Self] = &[
        EditKind::AddCat,
        EditKind::AddDog,
        EditKind::AddSheep,
        EditKind::Remove,
    ];
    fn key(self) -> &'static str {
        match self {
            EditKind::AddCat => "0",
            EditKind::AddDog => "1",
            EditKind::AddSheep => "2",
            EditKind::Remove => "del",
        }
    }
}

/// The penalties the plane of two weights can show (it has no "none").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanePenalty {
    /// L1: the diamond.
    L1,
    /// L2: the circle.
    L2,
    /// Elastic net, with the Train section's α.
    ElasticNet,
}

impl PlanePenalty {
    /// The same penalty among all of them.
    pub fn kind(self) -> PenaltyKind {
        match self {
            PlanePenalty::L1 => PenaltyKind::L1,
            PlanePenalty::L2 => PenaltyKind::L2,
            PlanePenalty::ElasticNet => PenaltyKind::ElasticNet,
        }
    }
}

impl Choice for PlanePenalty {
    const ALL: &'static [Self] = &[PlanePenalty::L1, PlanePenalty::L2, PlanePenalty::ElasticNet];
    fn key(self) -> &'static str {
        self.kind().key()
    }
}

/// The Descent section's surfaces: four toy ones, then two slices through the classifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SurfaceKind {
    /// A round bowl.
    Bowl,
    /// A long narrow valley.
    Valley,
    /// Two minima of different depth and a saddle.
    TwoMinima,
    /// Rosenbrock's curved valley.
    Rosenbrock,
    /// The classifier's objective over two of its weights.
    SliceWeights,
    /// The classifier's objective along two random filter-normalized directions.
    SliceRandom,
}

impl SurfaceKind {
    /// Whether it is a slice through the classifier (it changes with the network).
    pub fn is_slice(self) -> bool {
        matches!(self, SurfaceKind::SliceWeights | SurfaceKind::SliceRandom)
    }
}

impl Choice for SurfaceKind {
    const ALL: &'static [Self] = &[
        SurfaceKind::Bowl,
        SurfaceKind::Valley,
        SurfaceKind::TwoMinima,
        SurfaceKind::Rosenbrock,
        SurfaceKind::SliceWeights,
        SurfaceKind::SliceRandom,
    ];
    fn key(self) -> &'static str {
        match self {
            SurfaceKind::Bowl => "bowl",
            SurfaceKind::Valley => "valley",
            SurfaceKind::TwoMinima => "two-minima",
            SurfaceKind::Rosenbrock => "rosenbrock",
            SurfaceKind::SliceWeights => "slice-weights",
            SurfaceKind::SliceRandom => "slice-random",
        }
    }
}

/// The five sections of the page, in the article's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// 1 · a classifier trained live.
    Train,
    /// 2 · the article's softmax example.
    Softmax,
    /// 3 · the five losses.
    Losses,
    /// 4 · L1 and L2.
    Penalties,
    /// 5 · gradient descent on a surface.
    Descent,
}

impl Choice for Section {
    const ALL: &'static [Self] = &[
        Section::Train,
        Section::Softmax,
        Section::Losses,
        Section::Penalties,
        Section::Descent,
    ];
    fn key(self) -> &'static str {
        match self {
            Section::Train => "train",
            Section::Softmax => "softmax",
            Section::Losses => "losses",
            Section::Penalties => "penalties",
            Section::Descent => "descent",
        }
    }
}

/// What the page shows: every section, or one alone (`panel`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Panel {
    /// The whole page.
    All,
    /// One section alone.
    One(Section),
}

impl Choice for Panel {
    const ALL: &'static [Self] = &[
        Panel::All,
        Panel::One(Section::Train),
        Panel::One(Section::Softmax),
        Panel::One(Section::Losses),
        Panel::One(Section::Penalties),
        Panel::One(Section::Descent),
    ];
    fn key(self) -> &'static str {
        match self {
            Panel::All => "all",
            Panel::One(section) => section.key(),
        }
    }
}

/// The lesson the page guides through, if any (see [`crate::lesson`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LessonChoice {
    /// No lesson: the page as it is.
    Off,
    /// 1 · Softmax and cross-entropy.
    Softmax,
    /// 2 · The five losses.
    Losses,
    /// 3 · L1 or L2.
    Penalties,
    /// 4 · Gradient descent and the learning rate.
    Descent,
    /// 5 · Stop rules and local minima.
    Minima,
}

impl Choice for LessonChoice {
    const ALL: &'static [Self] = &[
        LessonChoice::Off,
        LessonChoice::Softmax,
        LessonChoice::Losses,
        LessonChoice::Penalties,
        LessonChoice::Descent,
        LessonChoice::Minima,
    ];
    fn key(self) -> &'static str {
        match self {
            LessonChoice::Off => "none",
            LessonChoice::Softmax => "softmax",
            LessonChoice::Losses => "losses",
            LessonChoice::Penalties => "penalties",
            LessonChoice::Descent => "descent",
            LessonChoice::Minima => "minima",
        }
    }
}

/// An on/off switch, written 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Switch {
    /// 0.
    Off,
    /// 1.
    On,
}

impl Switch {
    /// The switch for a flag.
    pub fn from_bool(on: bool) -> Switch {
        if on { Switch::On } else { Switch::Off }
    }
}

impl Choice for Switch {
    const ALL: &'static [Self] = &[Switch::Off, Switch::On];
    fn key(self) -> &'static str {
        match self {
            Switch::Off => "0",
            Switch::On => "1",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distinct<T: Choice>() {
        let names: Vec<&str> = T::ALL.iter().map(|c| c.key()).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(!names[..i].contains(n), "{n} twice");
            assert_eq!(T::ALL[i].index(), i);
        }
    }

    #[test]
    fn every_choice_has_distinct_names_and_its_own_index() {
        distinct::<DataKind>();
        distinct::<Activation>();
        distinct::<Loss>();
        distinct::<PenaltyKind>();
        distinct::<OptimizerKind>();
        distinct::<Class>();
        distinct::<EditKind>();
        distinct::<PlanePenalty>();
        distinct::<SurfaceKind>();
        distinct::<Section>();
        distinct::<Panel>();
        distinct::<Switch>();
    }
}
