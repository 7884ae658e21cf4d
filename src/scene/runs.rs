//! Side-by-side runs: the same network, data, seed and settings as the Train section, trained
//! several times from the same start, each run changing one thing (its loss, or its penalty).
//! The Losses section has one set (four losses), the Penalties section another (none, L1, L2).

use crate::engine::loss::Loss;
use crate::engine::penalty::{Penalty, Regularizer};
use crate::engine::trainer::{TrainConfig, Trainer};
use crate::settings::{Choice, Setting, TrainSettings};

/// What one run changes in the Train section's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Variant {
    /// Trains with this loss (the penalty is the Train section's).
    Loss(Loss),
    /// Trains with this penalty at the runs' own λ (the loss is the Train section's).
    Penalty(Penalty),
}

/// The Losses section's runs, in the article's order (0-1 is left out: it does not learn).
pub const LOSS_RUNS: [Variant; 4] = [
    Variant::Loss(Loss::CrossEntropy),
    Variant::Loss(Loss::MeanSquared),
    Variant::Loss(Loss::MeanAbsolute),
    Variant::Loss(Loss::Hinge),
];

/// The Penalties section's runs: none, L1, L2.
pub const PENALTY_RUNS: [Variant; 3] = [
    Variant::Penalty(Penalty::None),
    Variant::Penalty(Penalty::L1),
    Variant::Penalty(Penalty::L2),
];

impl Variant {
    /// Its name on the page: its loss's or its penalty's ("cross-entropy", "l1", …).
    pub fn key(self) -> &'static str {
        match self {
            Variant::Loss(loss) => loss.key(),
            Variant::Penalty(p) => p.kind().key(),
        }
    }

    /// The penalty this run trains with: its own at `lambda` (none: λ = 0), or the Train
    /// section's.
    fn regularizer(self, base: &TrainSettings, lambda: f64) -> Regularizer {
        match self {
            Variant::Loss(_) => base.regularizer(),
            Variant::Penalty(Penalty::None) => Regularizer::none(),
            Variant::Penalty(penalty) => Regularizer { penalty, lambda },
        }
    }

    /// The run's settings: `base` with this variant's loss or penalty.
    pub fn config(self, base: &TrainSettings, lambda: f64) -> TrainConfig {
        let mut config = base.config();
        if let Variant::Loss(loss) = self {
            config.loss = loss;
        }
        config.regularizer = self.regularizer(base, lambda);
        config
    }
}

/// Several runs from the same start, one per [`Variant`].
pub struct Runs {
    runs: Vec<(Variant, Trainer)>,
    /// λ of the runs that bring their own penalty.
    lambda: f64,
}

/// One run: a trainer whose checks skip the test set, since no chart draws a run's history (its
/// numbers, the test loss among them, are measured in full by [`Trainer::refresh`]).
fn run(config: TrainConfig) -> Trainer {
    let mut trainer = Trainer::new(config);
    trainer.set_test_curve(false);
    trainer
}

impl Runs {
    /// One run of `base` per variant (a penalty variant at `lambda`).
    pub fn new(variants: &[Variant], base: &TrainSettings, lambda: f64) -> Runs {
        Runs {
            runs: variants
                .iter()
                .map(|&v| (v, run(v.config(base, lambda))))
                .collect(),
            lambda,
        }
    }

    /// Starts every run again from `base`'s first weights.
    pub fn restart(&mut self, base: &TrainSettings) {
        for (variant, trainer) in &mut self.runs {
            *trainer = run(variant.config(base, self.lambda));
        }
    }

    /// Carries a change of the Train section's settings over, as the Train section does: η, the
    /// optimizer, the batch and the stop rules reach every run; a change of loss or penalty
    /// reaches the runs that do not bring their own.
    pub fn carry_on(&mut self, setting: &Setting, base: &TrainSettings) {
        for (variant, t) in &mut self.runs {
            match (setting, *variant) {
                (Setting::LearningRate(eta), _) => t.set_learning_rate(*eta),
                (Setting::Optimizer(_) | Setting::Batch(_), _) => {
                    t.set_optimizer(base.optimizer.optimizer(), base.batch)
                }
                (
                    Setting::MaxIterations(_) | Setting::LossBelow(_) | Setting::GradientBelow(_),
                    _,
                ) => t.set_stop_rules(base.stop),
                (Setting::Loss(loss), Variant::Penalty(_)) => t.set_loss(*loss),
                (
                    Setting::Penalty(_) | Setting::Lambda(_) | Setting::L1Ratio(_),
                    Variant::Loss(_),
                ) => t.set_regularizer(base.regularizer()),
                _ => {}
            }
        }
    }

    /// Sets λ of the runs that bring their own penalty, without starting them again.
    pub fn set_lambda(&mut self, lambda: f64, base: &TrainSettings) {
        self.lambda = lambda;
        for (variant, t) in &mut self.runs {
            if let Variant::Penalty(_) = variant {
                t.set_regularizer(variant.regularizer(base, lambda));
            }
        }
    }

    /// `n` more iterations of every run that has not stopped; whether any can go on.
    pub fn step(&mut self, n: u64) -> bool {
        for (_, t) in &mut self.runs {
            if t.stopped().is_none() {
                t.step(n);
                t.refresh();
            }
        }
        self.running()
    }

    /// Whether any run can go on.
    pub fn running(&self) -> bool {
        self.runs.iter().any(|(_, t)| t.stopped().is_none())
    }

    /// The runs with their variants, in order.
    pub fn runs(&self) -> impl Iterator<Item = (Variant, &Trainer)> {
        self.runs.iter().map(|(v, t)| (*v, t))
    }

    /// One scale for every run's weights, so their sizes compare at a glance: the largest finite
    /// |w| over all runs.
    pub fn weight_reach(&self) -> f64 {
        self.runs
            .iter()
            .flat_map(|(_, t)| t.model().weights())
            .filter(|w| w.is_finite())
            .fold(0.0f64, |m, w| m.max(w.abs()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::optimizer::OptimizerKind;
    use crate::settings::Settings;

    #[test]
    fn the_runs_follow_the_train_settings_but_keep_their_own_loss_or_penalty() {
        let mut s = Settings::default();
        let mut runs = Runs::new(&PENALTY_RUNS, &s.train, 0.05);
        runs.step(20);
        for setting in [
            Setting::LearningRate(0.3),
            Setting::Optimizer(OptimizerKind::Adam),
            Setting::Loss(Loss::Hinge),
            Setting::Penalty(crate::engine::penalty::PenaltyKind::L2),
        ] {
            let change = s.set(setting);
            runs.carry_on(&change.setting, &s.train);
        }
        for (variant, t) in runs.runs() {
            let c = t.config();
            assert_eq!(c.learning_rate, 0.3);
            assert!(matches!(
                c.optimizer,
                crate::engine::optimizer::Optimizer::Adam { .. }
            ));
            assert_eq!(
                c.loss,
                Loss::Hinge,
                "a penalty run takes the Train section's loss"
            );
            let Variant::Penalty(p) = variant else {
                unreachable!()
            };
            assert_eq!(c.regularizer.penalty, p, "but keeps its own penalty");
            assert_eq!(t.iteration(), 20, "carrying on keeps the weights");
        }
        runs.set_lambda(0.2, &s.train);
        let lambdas: Vec<f64> = runs
            .runs()
            .map(|(_, t)| t.config().regularizer.lambda)
            .collect();
        assert_eq!(lambdas, vec![0.0, 0.2, 0.2]);
        // A loss run keeps its loss and takes the Train section's penalty.
        let mut losses = Runs::new(&LOSS_RUNS, &s.train, 0.0);
        let change = s.set(Setting::Loss(Loss::MeanSquared));
        losses.carry_on(&change.setting, &s.train);
        let got: Vec<Loss> = losses.runs().map(|(_, t)| t.config().loss).collect();
        assert_eq!(
            got,
            vec![
                Loss::CrossEntropy,
                Loss::MeanSquared,
                Loss::MeanAbsolute,
                Loss::Hinge
            ]
        );
        assert!(
            losses
                .runs()
                .all(|(_, t)| t.config().regularizer.penalty == Penalty::L2)
        );
    }

    #[test]
    fn restarting_takes_the_same_first_weights_for_every_run() {
        let s = Settings::default();
        let mut runs = Runs::new(&LOSS_RUNS, &s.train, 0.0);
        runs.step(10);
        runs.restart(&s.train);
        let first: Vec<Vec<f64>> = runs
            .runs()
            .map(|(_, t)| t.model().weights().to_vec())
            .collect();
        assert!(first.windows(2).all(|w| w[0] == w[1]));
        assert!(runs.runs().all(|(_, t)| t.iteration() == 0));
    }
}
