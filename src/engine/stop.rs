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

/// Steps between checks a bounce is judged over (see [`BounceWatch`]).
pub const BOUNCE_WINDOW: usize = 16;

/// How large the steps of a bouncing loss are, at least: their mean |change| over the mean
/// objective.
pub const BOUNCE_SIZE: f64 = 0.1;

/// Watches for a loss that bounces instead of falling, as a learning rate a little too large
/// makes it (too small to blow up, too large to come down). The rule, over the objectives of the
/// last [`BOUNCE_WINDOW`] + 1 checks in a row: it rose in at least half of the
/// [`BOUNCE_WINDOW`] steps between them; it is not coming down, the mean of the last eight being
/// lower than that of the first eight by less than one mean step |change|; and the steps are
/// large, their mean |change| at least [`BOUNCE_SIZE`] of the mean objective. A healthy run falls
/// most of the time, or (near its end) moves by far less than that.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BounceWatch {
    values: [f64; BOUNCE_WINDOW + 1],
    len: usize,
    next: usize,
    /// Whether the rule held, one bit per check, the latest in the lowest bit.
    held: u32,
}

impl BounceWatch {
    /// Forgets every value (a new run, a new objective, a new step size).
    pub fn clear(&mut self) {
        self.len = 0;
        self.next = 0;
        self.held = 0;
    }

    /// The objective of the next check; the steps are large when their mean |change| is at least
    /// [`BOUNCE_SIZE`] of the mean objective.
    pub fn push(&mut self, objective: f64) {
        self.push_scaled(objective, None);
    }

    /// The loss of the next check, with the steps large when their mean |change| is at least
    /// [`BOUNCE_SIZE`] of `scale` (not of the mean loss): for a loss whose size says nothing of
    /// its steps, as a toy surface's, whose minimum may be 0 or below.
    pub fn push_against(&mut self, loss: f64, scale: f64) {
        self.push_scaled(loss, Some(scale));
    }

    fn push_scaled(&mut self, objective: f64, scale: Option<f64>) {
        self.values[self.next] = objective;
        self.next = (self.next + 1) % self.values.len();
        self.len = (self.len + 1).min(self.values.len());
        self.held = (self.held << 1) | u32::from(self.rule_holds(scale));
    }

    /// Whether the loss bounces: the rule held at no fewer than half of the last
    /// [`BOUNCE_WINDOW`] checks. Half, not every one: the rule alone flickers while a loss
    /// jumps (a bounce held it at 90 % of checks, in runs broken by single misses); not just
    /// one: a transient (momentum overshooting a minimum once) holds it only a few checks.
    pub fn bouncing(&self) -> bool {
        let window = (1u32 << BOUNCE_WINDOW) - 1;
        2 * (self.held & window).count_ones() as usize >= BOUNCE_WINDOW
    }

    /// Whether the last checks show a bounce (see the rule above, the size measured against
    /// `scale` if given, else the mean objective); false until there are enough.
    fn rule_holds(&self, scale: Option<f64>) -> bool {
        let n = self.values.len();
        if self.len < n {
            return false;
        }
        let at = |i: usize| self.values[(self.next + i) % n];
        let (mut rises, mut moved, mut total) = (0, 0.0, at(0));
        for i in 1..n {
            let (a, b) = (at(i - 1), at(i));
            if !(a.is_finite() && b.is_finite()) {
                return false;
            }
            if b > a {
                rises += 1;
            }
            moved += (b - a).abs();
            total += b;
        }
        let half = n / 2;
        let early = (0..half).map(at).sum::<f64>() / half as f64;
        let late = (n - half..n).map(at).sum::<f64>() / half as f64;
        let (step, mean) = (moved / (n - 1) as f64, total / n as f64);
        let size = scale.unwrap_or(mean).abs();
        2 * rises >= n - 1 && early - late < step && step >= BOUNCE_SIZE * size
    }
}

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

    fn watch(values: impl IntoIterator<Item = f64>) -> BounceWatch {
        let mut w = BounceWatch::default();
        for v in values {
            w.push(v);
        }
        w
    }

    #[test]
    fn a_loss_jumping_between_two_levels_bounces_and_a_falling_or_settling_one_does_not() {
        let jumping = |i: usize| if i.is_multiple_of(2) { 5.0 } else { 40.0 };
        assert!(watch((0..40).map(jumping)).bouncing());
        // Not enough checks yet, and then the rule holding at too few of them: from the 17th
        // check on it holds at each, and the verdict needs eight.
        assert!(!watch((0..BOUNCE_WINDOW).map(jumping)).bouncing());
        assert!(!watch((0..BOUNCE_WINDOW + 7).map(jumping)).bouncing());
        assert!(watch((0..BOUNCE_WINDOW + 8).map(jumping)).bouncing());
        // A transient (four checks of bouncing, then calm) is not a bounce.
        let transient = (0..BOUNCE_WINDOW + 4).map(jumping).chain([20.0; 12]);
        assert!(!watch(transient).bouncing());
        // Falling with noise: rises in fewer than half the steps.
        let falling =
            (0..40).map(|i| 10.0 / (1.0 + i as f64) * if i % 3 == 0 { 1.05 } else { 1.0 });
        assert!(!watch(falling).bouncing());
        // Settled: up and down by 1 %, too small to count.
        assert!(!watch((0..40).map(|i| if i % 2 == 0 { 1.0 } else { 1.01 })).bouncing());
        // Jumping up every other check, yet coming down fast: not a bounce.
        let falling_fast =
            (0..17).map(|i| 40.0 * 0.8f64.powi(i) * if i % 2 == 1 { 1.3 } else { 1.0 });
        assert!(!watch(falling_fast).bouncing());
        // A non-finite value is divergence's business, not a bounce.
        assert!(!watch((0..40).map(|i| if i % 5 == 0 { f64::NAN } else { jumping(i) })).bouncing());
        // The verdict holds through a calm check, and lets go within two windows of them.
        let mut w = watch((0..40).map(jumping));
        w.push(1.0);
        assert!(w.bouncing());
        for _ in 0..2 * BOUNCE_WINDOW {
            w.push(1.0);
        }
        assert!(!w.bouncing());
        let mut w = watch((0..40).map(jumping));
        w.clear();
        assert!(!w.bouncing());
    }

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
