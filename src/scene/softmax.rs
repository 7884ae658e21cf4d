//! The article's worked example (softmax 交叉熵): an animal picture gets one score per class, cat
//! (0), dog (1), sheep (2); the scores are exponentiated, normalized into probabilities, and the
//! loss is −log of the true class's probability.
//!
//! With a temperature T the scores are divided by T first: T < 1 sharpens the probabilities,
//! T > 1 flattens them, T = 1 is the article's formula.

use crate::engine::loss::{log_softmax, predicted_class, softmax};
use crate::settings::{Choice, SoftmaxSettings};

/// Classes in the example.
pub const CLASSES: usize = 3;

/// Every number of the three steps, for one example.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SoftmaxSteps {
    /// The scores divided by the temperature, s_j / T.
    pub scaled: [f64; CLASSES],
    /// Step 1: e^(s_j/T). Finite for the page's ranges (|s/T| ≤ 200).
    pub exps: [f64; CLASSES],
    /// Σ_j e^(s_j/T).
    pub sum: f64,
    /// Step 2: p_j = e^(s_j/T) / Σ_k e^(s_k/T), computed stably (the largest score subtracted).
    pub probabilities: [f64; CLASSES],
    /// Step 3: L = −log p_y, from log-softmax (finite even when p_y underflows).
    pub loss: f64,
    /// The true class y.
    pub label: usize,
    /// The class with the largest score (the first of them on a tie): what the 0-1 loss compares.
    pub predicted: usize,
}

/// The three steps for `scores` with true class `label` at temperature `temperature` (> 0).
pub fn steps(scores: [f64; CLASSES], label: usize, temperature: f64) -> SoftmaxSteps {
    let scaled = scores.map(|s| s / temperature);
    let exps = scaled.map(libm::exp);
    let mut probabilities = [0.0; CLASSES];
    softmax(&scaled, &mut probabilities);
    let mut log_p = [0.0; CLASSES];
    log_softmax(&scaled, &mut log_p);
    SoftmaxSteps {
        scaled,
        exps,
        sum: exps.iter().sum(),
        probabilities,
        loss: -log_p[label],
        label,
        predicted: predicted_class(&scaled),
    }
}

/// The three steps of the Softmax section's example.
pub fn steps_of(example: &SoftmaxSettings) -> SoftmaxSteps {
    steps(example.scores, example.label.index(), example.temperature)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_steps_match_the_formulas_by_hand() {
        let s = steps([3.2, 5.1, -1.7], 0, 1.0);
        let e = [3.2f64.exp(), 5.1f64.exp(), (-1.7f64).exp()];
        let total = e[0] + e[1] + e[2];
        for (j, &ej) in e.iter().enumerate() {
            assert!((s.exps[j] - ej).abs() <= 1e-12 * ej);
            assert!((s.probabilities[j] - ej / total).abs() < 1e-15);
        }
        assert!((s.sum - total).abs() < 1e-12 * total);
        assert!((s.probabilities.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert!((s.loss - -(e[0] / total).ln()).abs() < 1e-14);
        // Changing the true label to dog gives −log p(dog).
        let dog = steps([3.2, 5.1, -1.7], 1, 1.0);
        assert!((dog.loss - -(e[1] / total).ln()).abs() < 1e-14);
        assert!(
            dog.loss < s.loss,
            "dog has the higher score, so the lower loss"
        );
    }

    #[test]
    fn temperature_sharpens_and_flattens_without_changing_the_winner() {
        let base = steps([1.0, 2.0, 0.5], 1, 1.0);
        let sharp = steps([1.0, 2.0, 0.5], 1, 0.25);
        let flat = steps([1.0, 2.0, 0.5], 1, 4.0);
        assert!(sharp.probabilities[1] > base.probabilities[1]);
        assert!(flat.probabilities[1] < base.probabilities[1]);
        assert!(
            flat.probabilities
                .iter()
                .all(|&p| (p - 1.0 / 3.0).abs() < 0.15)
        );
    }

    #[test]
    fn extreme_scores_stay_finite_and_exact() {
        // |s/T| = 200, the page's extreme: e^200 is finite; the loss of the losing class is 400.
        let s = steps([20.0, -20.0, 0.0], 1, 0.1);
        assert!(s.exps.iter().all(|e| e.is_finite()));
        assert!((s.loss - 400.0).abs() < 1e-9, "{}", s.loss);
        assert_eq!(s.probabilities[0], 1.0);
        // Ties share the probability equally.
        let tie = steps([2.0, 2.0, 2.0], 2, 1.0);
        assert!(
            tie.probabilities
                .iter()
                .all(|&p| (p - 1.0 / 3.0).abs() < 1e-15)
        );
        assert!((tie.loss - 3f64.ln()).abs() < 1e-15);
    }
}
