//! Stop rules (停止条件): when gradient descent should stop repeating.

/// The article's three stop conditions. A rule set to 0 (`loss_below`, `gradient_below`) is off.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StopRules {
    /// Stop once this many updates have been made (最大迭代次数).
    pub max_iterations: u64,
    /// Stop when the objective (data loss + penalty) on the training set falls below this (损失函数值低于某个阈值).
    pub loss_below: f64,
    /// Stop when the norm of the objective's gradient ‖∇L‖₂ falls below this (梯度接近于零).
    pub gradient_below: f64,
}

impl Default for StopRules {
    fn default() -> Self {
        StopRules {
            max_iterations: 5000,
            loss_below: 0.0,
            gradient_below: 1e-4,
        }
    }
}

/// Why training stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// The maximum number of iterations was reached.
    MaxIterations,
    /// The objective fell below its threshold.
    LossBelow,
    /// The gradient norm fell below its threshold.
    GradientBelow,
    /// The loss or a weight stopped being a finite number (NaN or ±∞): the learning rate is too large.
    NonFinite,
    /// The loss grew far above where it started: the steps overshoot and grow (the learning rate is too large).
    Exploding,
}

impl StopReason {
    /// Whether this is a failure (divergence) rather than a rule the user set.
    pub fn is_divergence(self) -> bool {
        matches!(self, StopReason::NonFinite | StopReason::Exploding)
    }
}

/// The objective may grow at most this many times its first value (or 1, whichever is larger)
/// before training counts as exploding.
pub const EXPLODING_FACTOR: f64 = 1e4;

impl StopRules {
    /// Whether the gradient rule is on, so that a check must measure ‖∇L‖.
    pub fn needs_gradient(&self) -> bool {
        self.gradient_below > 0.0
    }

    /// Whether the loss rule is on, so that a check must measure the objective (which divergence
    /// is also judged on at a check).
    pub fn needs_objective(&self) -> bool {
        self.loss_below != 0.0
    }

    /// The rule that fires for a state after `iterations` updates with training objective `loss`
    /// and gradient norm `gradient_norm`, given the objective `first_loss` training started from.
    /// Divergence is checked first, then the user's rules in the article's order.
    pub fn check(
        &self,
        iterations: u64,
        loss: f64,
        gradient_norm: f64,
        first_loss: f64,
    ) -> Option<StopReason> {
        if !loss.is_finite() || !gradient_norm.is_finite() {
            return Some(StopReason::NonFinite);
        }
        if loss > EXPLODING_FACTOR * first_loss.max(1.0) {
            return Some(StopReason::Exploding);
        }
        if iterations >= self.max_iterations {
            Some(StopReason::MaxIterations)
        } else if self.loss_below != 0.0 && loss < self.loss_below {
            Some(StopReason::LossBelow)
        } else if gradient_norm < self.gradient_below {
            Some(StopReason::GradientBelow)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: StopRules = StopRules {
        max_iterations: 100,
        loss_below: 0.01,
        gradient_below: 1e-3,
    };

    #[test]
    fn each_rule_fires_exactly_at_its_threshold() {
        assert_eq!(RULES.check(99, 0.5, 0.1, 1.0), None);
        assert_eq!(
            RULES.check(100, 0.5, 0.1, 1.0),
            Some(StopReason::MaxIterations)
        );
        assert_eq!(
            RULES.check(5, 0.0099, 0.1, 1.0),
            Some(StopReason::LossBelow)
        );
        assert_eq!(RULES.check(5, 0.01, 0.1, 1.0), None);
        assert_eq!(
            RULES.check(5, 0.5, 0.0009, 1.0),
            Some(StopReason::GradientBelow)
        );
    }

    #[test]
    fn rules_set_to_zero_never_fire() {
        let off = StopRules {
            max_iterations: u64::MAX,
            loss_below: 0.0,
            gradient_below: 0.0,
        };
        assert_eq!(off.check(1_000_000, 0.0, 0.0, 1.0), None);
        // Even for a loss below 0 (a surface may dip under it), a threshold of 0 is off.
        assert_eq!(off.check(1_000_000, -0.3, 0.5, 1.0), None);
    }

    #[test]
    fn divergence_is_caught_before_the_users_rules() {
        assert_eq!(
            RULES.check(500, f64::NAN, 0.0, 1.0),
            Some(StopReason::NonFinite)
        );
        assert_eq!(
            RULES.check(5, 1.0, f64::INFINITY, 1.0),
            Some(StopReason::NonFinite)
        );
        assert_eq!(RULES.check(5, 2e4, 1.0, 1.5), Some(StopReason::Exploding));
        assert_eq!(RULES.check(5, 1.4e4, 1.0, 1.5), None);
        assert!(StopReason::Exploding.is_divergence());
        assert!(!StopReason::LossBelow.is_divergence());
    }
}
