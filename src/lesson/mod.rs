//! Lessons: a guided path through the article, in its order. Each lesson is a few steps; each
//! step sets up a scene (settings, through the same boundary as a URL, and the sections in view),
//! says what to do, and has a [`Goal`] that the page checks live against its state. Some steps ask
//! a question first ("predict, then see"); every step has three hints, each more specific, and a
//! solution that "show me" applies.
//!
//! A step's texts are found in [`crate::text`] under `lesson.<step id>.` + `task`, `hint1` to
//! `hint3` and `done`; a question's under `lesson.<step id>.question` and `.option1`…

pub mod goal;

pub use goal::{Context, Goal};

use crate::engine::loss::Loss;
use crate::engine::penalty::PenaltyKind;
use crate::engine::stop::StopReason;
use crate::scene::Page;
use crate::scene::penalties::Preference;
use crate::settings::{Choice, LessonChoice, Section, Settings};

/// A question asked in a step: its options, in order, and which one is right.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    /// How many options it offers (their texts are `option1`… under the step's key).
    pub options: usize,
    /// The right option.
    pub answer: Answer,
}

/// Which option of a question is right.
#[derive(Clone, Copy, Debug)]
pub enum Answer {
    /// This one, whatever the state (a fact of the mathematics).
    Fixed(usize),
    /// The one the page's state shows, once it shows one: the prediction is compared with what
    /// actually happened.
    Measured(fn(&Page) -> Option<usize>),
}

impl Question {
    /// The right option for the state of `page`; None while the state cannot tell yet (a run
    /// that has not gone far enough).
    pub fn right(&self, page: &Page) -> Option<usize> {
        match self.answer {
            Answer::Fixed(i) => Some(i),
            Answer::Measured(f) => f(page),
        }
    }
}

/// One step of a lesson.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    /// Its key: its texts are under `lesson.<id>.`.
    pub id: &'static str,
    /// The scene it sets up: a URL query, read through the settings boundary over the defaults.
    pub scene: &'static str,
    /// The sections in view, the first one where the work is.
    pub sections: &'static [Section],
    /// What it asks, checked live.
    pub goal: Goal,
    /// The question asked before the work, if any ("predict, then see").
    pub question: Option<Question>,
    /// A solution: a URL query applied over the scene by "show me" ("" when the scene needs
    /// no change, only playing or an answer). Steps whose goal needs playing (training, runs,
    /// balls) say what to press in their third hint.
    pub solution: &'static str,
}

impl Step {
    /// The settings of the step's scene.
    pub fn scene(&self) -> Settings {
        Settings::from_query(self.scene).settings
    }

    /// Whether the state of `page` reaches the step's goal, with `answer` the option the reader
    /// chose (if the step asks a question).
    pub fn reached(&self, page: &Page, answer: Option<usize>) -> bool {
        self.reached_from(&self.scene(), page, answer)
    }

    /// [`Step::reached`] with the step's scene already read (see [`Step::scene`]): the page
    /// checks a goal several times a second and reads the scene once.
    pub fn reached_from(&self, scene: &Settings, page: &Page, answer: Option<usize>) -> bool {
        self.goal.reached(&Context {
            page,
            scene,
            answer,
            right: self.question.and_then(|q| q.right(page)),
        })
    }

    /// Whether a prediction held: Some(true or false) once the state shows the outcome; None
    /// without a question, an answer, or (yet) an outcome.
    pub fn prediction_held(&self, page: &Page, answer: Option<usize>) -> Option<bool> {
        let right = self.question?.right(page)?;
        Some(answer? == right)
    }

    /// Plays what the step's sections play, as a reader pressing Play would: the training, the
    /// side-by-side runs (until each made `updates`), the balls (until every ball stops or
    /// `updates` steps).
    pub fn play(&self, page: &mut Page, updates: u64) {
        for section in self.sections {
            match section {
                Section::Train => {
                    page.step(updates);
                }
                Section::Penalties | Section::Losses => {
                    if let Some(runs) = page.runs(*section) {
                        let made = runs.runs().map(|(_, t)| t.iteration()).min().unwrap_or(0);
                        if made < updates {
                            page.runs_step(*section, updates - made);
                        }
                    }
                }
                Section::Descent => {
                    page.step_balls(updates);
                }
                _ => {}
            }
        }
    }

    /// The right option of its question in its scene with its solution, played as far as the
    /// answer needs (for the answer key); None without a question.
    pub fn expected_answer(&self) -> Option<usize> {
        let question = self.question?;
        let (mut page, _) = Page::from_query(&format!("{}&{}", self.scene, self.solution));
        if let Some(right) = question.right(&page) {
            return Some(right);
        }
        self.play(&mut page, 2000);
        question.right(&page)
    }

    /// The text key of `part` (task, hint1…, done, question, option1…) of this step.
    pub fn key(&self, part: &str) -> String {
        format!("lesson.{}.{part}", self.id)
    }
}

/// A lesson: a section of the article, a few steps.
#[derive(Clone, Copy, Debug)]
pub struct Lesson {
    /// Which lesson it is, as the URL names it (`lesson=`).
    pub choice: LessonChoice,
    /// Its steps, in order.
    pub steps: &'static [Step],
}

impl Lesson {
    /// The lesson `choice` names; None for no lesson.
    pub fn of(choice: LessonChoice) -> Option<&'static Lesson> {
        LESSONS.iter().find(|l| l.choice == choice)
    }

    /// Its key, as the URL names it.
    pub fn id(&self) -> &'static str {
        self.choice.key()
    }

    /// The text key of its title, `lesson.<id>.title`.
    pub fn title_key(&self) -> String {
        format!("lesson.{}.title", self.id())
    }

    /// Its step `number` (from 1), the last one for a number past its end.
    pub fn step(&self, number: u64) -> (usize, &'static Step) {
        let i = (number.max(1) as usize - 1).min(self.steps.len() - 1);
        (i, &self.steps[i])
    }

    /// The URL query of its step `number` (from 1): the lesson and the step (the page starts from
    /// the step's scene, see [`with_scene`]), with the step's solution if `solved`.
    pub fn query(&self, number: u64, solved: bool) -> String {
        let (i, step) = self.step(number);
        let mut q = format!("lesson={}&step={}", self.id(), i + 1);
        if solved && !step.solution.is_empty() {
            q.push('&');
            q.push_str(step.solution);
        }
        q
    }
}

/// A URL query with the scene of the lesson step it names under it: a page opened on
/// `?lesson=softmax&step=2` starts from that step's scene, and whatever else the query gives (the
/// reader's own changes, copied with a link) applies over it. The query as it is when it names no
/// lesson.
pub fn with_scene(query: &str) -> String {
    let query = query.trim_start_matches('?');
    let view = Settings::from_query(query).settings.view;
    match Lesson::of(view.lesson) {
        Some(lesson) => format!("{}&{query}", lesson.step(view.step).1.scene),
        None => query.to_string(),
    }
}

/// The option (0…4, in the article's order) of the loss that is largest on the Softmax
/// section's example.
fn largest_loss(page: &Page) -> Option<usize> {
    let steps = page.softmax_steps();
    let values = Loss::ALL.map(|l| l.of_sample(&steps.scaled, steps.label));
    (0..values.len()).max_by(|&a, &b| values[a].total_cmp(&values[b]))
}

/// The option (w1, w2, neither) that L2 prefers on the Penalties section's example.
fn l2_prefers(page: &Page) -> Option<usize> {
    Some(match page.penalty_example().l2_prefers() {
        Preference::W1 => 0,
        Preference::W2 => 1,
        Preference::Tie => 2,
    })
}

/// Updates every penalty run must make before "more zeros" can be told.
const RUNS_TO_TELL: u64 = 500;

/// The option (none, L1, L2) of the penalty run with the most weights exactly 0, once every run
/// made [`RUNS_TO_TELL`] updates; the first of equals.
fn most_zeros(page: &Page) -> Option<usize> {
    let runs = page.runs(Section::Penalties)?;
    if !runs.runs().all(|(_, t)| t.iteration() >= RUNS_TO_TELL) {
        return None;
    }
    // The most zeros, the first run of equals (no list: the page asks a few times a second).
    runs.runs()
        .map(|(_, t)| t.model().weights().iter().filter(|&&w| w == 0.0).count())
        .enumerate()
        .max_by_key(|&(i, zeros)| (zeros, std::cmp::Reverse(i)))
        .map(|(i, _)| i)
}

const TRAINED_ZERO_ONE: Goal = Goal::TrainedWith {
    loss: Loss::ZeroOne,
    iterations: 60,
};

/// The five lessons, in the article's order.
pub const LESSONS: [Lesson; 5] = [
    Lesson {
        choice: LessonChoice::Softmax,
        steps: &[
            Step {
                id: "softmax-low-loss",
                scene: "score-cat=3.2&score-dog=5.1&score-sheep=-1.7&label=cat&temperature=1",
                sections: &[Section::Softmax],
                goal: Goal::ExampleLossBelow(0.1),
                question: None,
                solution: "score-cat=7.5",
            },
            Step {
                id: "softmax-shift",
                scene: "score-cat=3.2&score-dog=5.1&score-sheep=-1.7&label=cat&temperature=1",
                sections: &[Section::Softmax],
                goal: Goal::Both(&Goal::Answered, &Goal::ScoresShiftedAlike),
                question: Some(Question {
                    options: 3,
                    answer: Answer::Fixed(1),
                }),
                solution: "score-cat=8.2&score-dog=10.1&score-sheep=3.3",
            },
            Step {
                id: "softmax-temperature",
                scene: "score-cat=3.2&score-dog=3.5&score-sheep=-1.7&label=cat&temperature=1",
                sections: &[Section::Softmax],
                goal: Goal::CatAndDogWithin(0.05),
                question: None,
                solution: "temperature=6",
            },
        ],
    },
    Lesson {
        choice: LessonChoice::Losses,
        steps: &[
            Step {
                id: "losses-largest",
                scene: "score-cat=-5&score-dog=5&score-sheep=0&label=cat&temperature=1",
                sections: &[Section::Losses, Section::Softmax],
                goal: Goal::Answered,
                question: Some(Question {
                    options: 5,
                    answer: Answer::Measured(largest_loss),
                }),
                solution: "",
            },
            Step {
                id: "losses-zero-one",
                // The gradient rule off: Play runs, and nothing moves.
                scene: "loss=zero-one&seed=1&grad-eps=0",
                sections: &[Section::Train, Section::Losses],
                goal: Goal::Both(&Goal::Answered, &TRAINED_ZERO_ONE),
                question: Some(Question {
                    options: 3,
                    answer: Answer::Fixed(1),
                }),
                solution: "",
            },
            Step {
                id: "losses-hinge",
                scene: "loss=hinge&seed=1",
                sections: &[Section::Train],
                goal: Goal::TrainAccuracy {
                    loss: Loss::Hinge,
                    at_least: 0.9,
                },
                question: None,
                solution: "",
            },
        ],
    },
    Lesson {
        choice: LessonChoice::Penalties,
        steps: &[
            Step {
                id: "penalties-example",
                scene: "w1-1=1&w1-2=0&w1-3=0&w1-4=0&w2-1=0.25&w2-2=0.25&w2-3=0.25&w2-4=0.25&x-1=1&x-2=1&x-3=1&x-4=1",
                sections: &[Section::Penalties],
                goal: Goal::Answered,
                question: Some(Question {
                    options: 3,
                    answer: Answer::Measured(l2_prefers),
                }),
                solution: "",
            },
            Step {
                id: "penalties-more-zeros",
                scene: "runs-lambda=0.01",
                sections: &[Section::Penalties],
                goal: Goal::Both(
                    &Goal::Answered,
                    &Goal::RunsPlayed(Section::Penalties, RUNS_TO_TELL),
                ),
                question: Some(Question {
                    options: 3,
                    answer: Answer::Measured(most_zeros),
                }),
                solution: "",
            },
            Step {
                id: "penalties-sparse",
                scene: "penalty=l1&lambda=0.001&seed=1",
                sections: &[Section::Train, Section::Penalties],
                goal: Goal::Sparse {
                    penalty: PenaltyKind::L1,
                    zeros: 3,
                    test_accuracy: 0.9,
                },
                question: None,
                solution: "penalty=l1&lambda=0.01",
            },
        ],
    },
    Lesson {
        choice: LessonChoice::Descent,
        steps: &[
            Step {
                id: "descent-bounce",
                // Rosenbrock's valley is curved: on a quadratic, gradient descent's loss never
                // rises unless it diverges. Its presets are 0.0005, 0.0019 and 0.003.
                scene: "surface=rosenbrock&d-optimizer=gd&d-lr=0.0005",
                sections: &[Section::Descent],
                goal: Goal::Bounces,
                question: None,
                solution: "d-lr=0.0019",
            },
            Step {
                id: "descent-diverge",
                scene: "surface=rosenbrock&d-optimizer=gd&d-lr=0.0005",
                sections: &[Section::Descent],
                goal: Goal::Diverges,
                question: None,
                solution: "d-lr=0.003",
            },
            Step {
                id: "descent-fast",
                scene: "surface=bowl&d-optimizer=gd&d-lr=0.01&d-grad-eps=0.001",
                sections: &[Section::Descent],
                goal: Goal::StoppedBy {
                    reason: StopReason::GradientBelow,
                    steps: 30,
                },
                question: None,
                solution: "d-lr=0.5",
            },
        ],
    },
    Lesson {
        choice: LessonChoice::Minima,
        steps: &[
            Step {
                id: "minima-two",
                scene: "surface=two-minima&d-optimizer=gd&d-lr=0.05&d-grad-eps=0.001&d-max-iter=1000",
                sections: &[Section::Descent],
                goal: Goal::TwoMinima(0.5),
                question: None,
                solution: "balls=-0.5,1.5,gd,0.5,1.5,gd",
            },
            Step {
                id: "minima-gradient-rule",
                scene: "surface=two-minima&d-optimizer=gd&d-lr=0.01&d-grad-eps=0&d-max-iter=50",
                sections: &[Section::Descent],
                goal: Goal::StoppedBy {
                    reason: StopReason::GradientBelow,
                    steps: u64::MAX,
                },
                question: None,
                solution: "d-lr=0.1&d-grad-eps=0.01&d-max-iter=1000",
            },
            Step {
                id: "minima-loss-rule",
                scene: "surface=two-minima&d-optimizer=gd&d-lr=0.05&d-loss-eps=0",
                sections: &[Section::Descent],
                goal: Goal::StoppedBy {
                    reason: StopReason::LossBelow,
                    steps: u64::MAX,
                },
                question: None,
                solution: "d-loss-eps=0.1&balls=-0.5,1.5,gd",
            },
        ],
    },
];

#[cfg(test)]
mod tests;
