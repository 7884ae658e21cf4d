//! What a lesson step asks for, checked against the page's state: each [`Goal`] is a test on
//! [`Page`] (and, for questions, the reader's answer), so a goal is reached exactly when the state
//! shows it, whichever way the reader got there.

use crate::engine::loss::Loss;
use crate::engine::penalty::PenaltyKind;
use crate::engine::stop::StopReason;
use crate::scene::Page;
use crate::scene::train::StopNote;
use crate::settings::{Section, Settings};

/// What a step asks for. Every threshold is part of the goal, so that the page can say how far
/// the state is from it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Goal {
    /// The Softmax example's loss −log p_y below this, with the scene's true class and
    /// temperature: only the scores may change.
    ExampleLossBelow(f64),
    /// All three scores moved by one and the same amount (not 0) from the scene's: the
    /// probabilities cannot tell.
    ScoresShiftedAlike,
    /// p(cat) and p(dog) within this share of the larger of the two, with the scene's scores and
    /// true class: only the temperature may change.
    CatAndDogWithin(f64),
    /// The question answered with its right option.
    Answered,
    /// The Train section trained with `loss` for at least `iterations` updates.
    TrainedWith {
        /// The loss it trains with.
        loss: Loss,
        /// Updates made, at least.
        iterations: u64,
    },
    /// The Train section's training accuracy at least this, with `loss`.
    TrainAccuracy {
        /// The loss it trains with.
        loss: Loss,
        /// The accuracy on the training points, at least (0 to 1).
        at_least: f64,
    },
    /// The Train section with `penalty` has at least `zeros` weights exactly 0 and a test
    /// accuracy of at least `test_accuracy`.
    Sparse {
        /// The penalty it trains with.
        penalty: PenaltyKind,
        /// Weights exactly 0, at least.
        zeros: usize,
        /// The accuracy on the test points, at least (0 to 1).
        test_accuracy: f64,
    },
    /// Every side-by-side run of the section made at least this many updates.
    RunsPlayed(Section, u64),
    /// A ball whose loss rose at least once along its path and still ended lower than it
    /// started, after at least 10 steps, without diverging.
    Bounces,
    /// A ball stopped because it diverged.
    Diverges,
    /// A ball stopped by `reason` within at most `steps` updates.
    StoppedBy {
        /// The stop rule that fired.
        reason: StopReason,
        /// Updates made, at most.
        steps: u64,
    },
    /// Two balls at rest (stopped by the gradient rule) farther apart than this: two minima.
    TwoMinima(f64),
    /// Both goals.
    Both(&'static Goal, &'static Goal),
}

/// What a goal is checked against: the page, the scene the step set up, and the reader's answer
/// to the step's question, if any.
pub struct Context<'a> {
    /// The page now.
    pub page: &'a Page,
    /// The settings the step started from.
    pub scene: &'a Settings,
    /// The option the reader chose, if asked and answered.
    pub answer: Option<usize>,
    /// The question's right option, if the step asks one (see [`super::Question::right`]).
    pub right: Option<usize>,
}

impl Goal {
    /// Whether the state reaches the goal.
    pub fn reached(&self, c: &Context) -> bool {
        let settings = c.page.settings();
        match *self {
            Goal::ExampleLossBelow(max) => {
                let (now, scene) = (&settings.softmax, &c.scene.softmax);
                now.label == scene.label
                    && now.temperature == scene.temperature
                    && c.page.softmax_steps().loss < max
            }
            Goal::ScoresShiftedAlike => {
                let (now, scene) = (settings.softmax.scores, c.scene.softmax.scores);
                let shift = now[0] - scene[0];
                shift != 0.0 && (1..3).all(|i| ((now[i] - scene[i]) - shift).abs() <= 1e-9)
            }
            Goal::CatAndDogWithin(share) => {
                let (now, scene) = (&settings.softmax, &c.scene.softmax);
                let p = c.page.softmax_steps().probabilities;
                now.scores == scene.scores
                    && now.label == scene.label
                    && (p[0] - p[1]).abs() <= share * p[0].max(p[1])
            }
            Goal::Answered => c.answer.is_some() && c.answer == c.right,
            Goal::TrainedWith { loss, iterations } => {
                settings.train.loss == loss && c.page.train().trainer().iteration() >= iterations
            }
            Goal::TrainAccuracy { loss, at_least } => {
                settings.train.loss == loss && shown(c.page).train_accuracy >= at_least
            }
            Goal::Sparse {
                penalty,
                zeros,
                test_accuracy,
            } => {
                let m = shown(c.page);
                settings.train.penalty == penalty
                    && m.zero_weights >= zeros
                    && m.test_accuracy >= test_accuracy
            }
            Goal::RunsPlayed(section, iterations) => c
                .page
                .runs(section)
                .is_some_and(|r| r.runs().all(|(_, t)| t.iteration() >= iterations)),
            Goal::Bounces => c.page.descent().balls().any(|(b, _)| {
                let l = &b.losses;
                let diverged = b
                    .stopped
                    .is_some_and(|r| StopNote::of(r, b.gradient_norm()).is_divergence());
                l.len() > 10
                    && !diverged
                    && l.windows(2).any(|w| w[1] > w[0])
                    && l.last() < l.first()
            }),
            Goal::Diverges => c.page.descent().balls().any(|(b, _)| {
                b.stopped
                    .is_some_and(|r| StopNote::of(r, b.gradient_norm()).is_divergence())
            }),
            Goal::StoppedBy { reason, steps } => c
                .page
                .descent()
                .balls()
                .any(|(b, _)| b.stopped == Some(reason) && b.iterations <= steps),
            Goal::TwoMinima(apart) => {
                // Every pair of balls at rest, without a list (the page checks this a few times
                // a second).
                let rest = || {
                    c.page
                        .descent()
                        .balls()
                        .filter(|(b, _)| b.stopped == Some(StopReason::GradientBelow))
                        .map(|(b, _)| b.w)
                };
                rest().enumerate().any(|(i, a)| {
                    rest()
                        .skip(i + 1)
                        .any(|b| (a[0] - b[0]).hypot(a[1] - b[1]) > apart)
                })
            }
            Goal::Both(a, b) => a.reached(c) && b.reached(c),
        }
    }
}

/// The Train section's numbers as the page shows them.
fn shown(page: &Page) -> crate::engine::trainer::Metrics {
    page.train().numbers().metrics
}
