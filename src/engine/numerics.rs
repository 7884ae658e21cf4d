//! Numerically stable building blocks shared by the losses and the model: softmax, log-softmax,
//! log-sum-exp, softplus and the predicted class (the logistic σ lives in [`super::activation::sigmoid`]).
//!
//! Every transcendental function goes through `libm`, so results are bit-identical natively and in
//! wasm. Nothing here allocates. e^(s − max) ≤ 1 comes from the fast, reproducible
//! [`exp_nonpositive`].

use super::fastmath::exp_nonpositive;

/// The row maximum m and l = log Σ_i e^(s_i − m), computed as log1p of the sum over every index but
/// the (first) argmax, whose term is exactly 1. Then log Σ e^(s_i) = m + l, and l ∈ [0, log k].
fn max_and_shifted_lse(scores: &[f64]) -> (f64, f64) {
    debug_assert!(!scores.is_empty(), "a row needs at least one score");
    let arg = predicted_index(scores);
    let max = scores[arg];
    let rest: f64 = scores
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != arg)
        .map(|(_, &s)| exp_nonpositive(s - max))
        .sum();
    (max, libm::log1p(rest))
}

/// First index of the largest score (0 for an empty slice).
pub(crate) fn predicted_index(scores: &[f64]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// Log-sum-exp of one row: log Σ_i e^(s_i) = m + log Σ_i e^(s_i − m) with m the row maximum, so
/// scores of ±1000 give finite, correct values.
pub fn log_sum_exp(scores: &[f64]) -> f64 {
    let (max, l) = max_and_shifted_lse(scores);
    max + l
}

/// Numerically stable softmax of one row into `out` (same length, fully overwritten):
/// p_j = e^(s_j − m) / Σ_i e^(s_i − m), with m the row maximum subtracted first.
pub fn softmax(scores: &[f64], out: &mut [f64]) {
    assert_eq!(
        scores.len(),
        out.len(),
        "softmax: output length must match the row"
    );
    let max = scores[predicted_index(scores)];
    let mut sum = 0.0;
    for (o, &s) in out.iter_mut().zip(scores) {
        *o = exp_nonpositive(s - max);
        sum += *o;
    }
    // sum ≥ 1 (the maximum contributes e^0), so the division is safe.
    for o in out.iter_mut() {
        *o /= sum;
    }
}

/// Stable log-softmax of one row into `out` (same length, fully overwritten):
/// log p_j = (s_j − m) − log Σ_i e^(s_i − m), with m the row maximum. Never log(softmax).
pub fn log_softmax(scores: &[f64], out: &mut [f64]) {
    assert_eq!(
        scores.len(),
        out.len(),
        "log_softmax: output length must match the row"
    );
    let (max, l) = max_and_shifted_lse(scores);
    for (o, &s) in out.iter_mut().zip(scores) {
        *o = (s - max) - l;
    }
}

/// Predicted class of one row of scores: for k ≥ 2 the FIRST index of the largest score (ties go to
/// the lowest index); for k = 1 the score is the logit of class 1, so 1 if s > 0 else 0 (s = 0 → 0).
pub fn predicted_class(scores: &[f64]) -> usize {
    match scores {
        [s] => usize::from(*s > 0.0),
        _ => predicted_index(scores),
    }
}

/// Softplus log(1 + e^x), evaluated as max(x, 0) + log1p(e^(−|x|)): finite for any finite x,
/// exact to rounding for large |x| (softplus(1000) = 1000, softplus(−1000) = e^(−1000) → 0).
pub fn softplus(x: f64) -> f64 {
    x.max(0.0) + libm::log1p(libm::exp(-x.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_matches_the_direct_formula_on_small_scores() {
        let s = [3.2, 5.1, -1.7];
        let mut p = [0.0; 3];
        softmax(&s, &mut p);
        let z: f64 = s.iter().map(|v: &f64| v.exp()).sum();
        for j in 0..3 {
            assert!((p[j] - s[j].exp() / z).abs() < 1e-15, "p[{j}] = {}", p[j]);
        }
    }

    #[test]
    fn softmax_of_scores_of_plus_minus_1000_is_finite_and_sums_to_one() {
        let s = [1000.0, -1000.0, 0.0];
        let mut p = [0.0; 3];
        softmax(&s, &mut p);
        assert_eq!(p[0], 1.0);
        assert_eq!(p[1], 0.0);
        assert!((p[2] - (-1000.0f64).exp()).abs() < 1e-300);
        assert_eq!(p.iter().sum::<f64>(), 1.0);
    }

    #[test]
    fn log_softmax_of_scores_of_plus_minus_1000_is_exact() {
        let mut lp = [0.0; 3];
        log_softmax(&[1000.0, -1000.0, 0.0], &mut lp);
        assert_eq!(lp, [0.0, -2000.0, -1000.0]);
    }

    #[test]
    fn log_softmax_agrees_with_log_of_softmax_where_both_are_accurate() {
        let s = [0.3, -1.2, 2.5, 0.0];
        let (mut lp, mut p) = ([0.0; 4], [0.0; 4]);
        log_softmax(&s, &mut lp);
        softmax(&s, &mut p);
        for j in 0..4 {
            assert!((lp[j] - p[j].ln()).abs() < 1e-14);
        }
    }

    #[test]
    fn log_sum_exp_is_max_plus_log_k_for_equal_scores() {
        assert!((log_sum_exp(&[1000.0; 4]) - (1000.0 + 4f64.ln())).abs() < 1e-12);
        assert_eq!(log_sum_exp(&[-5.0]), -5.0);
    }

    #[test]
    fn predicted_class_takes_the_first_of_tied_maxima_and_thresholds_one_logit_at_zero() {
        assert_eq!(predicted_class(&[2.0, 2.0, 1.0]), 0);
        assert_eq!(predicted_class(&[1.0, 3.0, 3.0]), 1);
        assert_eq!(predicted_class(&[0.5]), 1);
        assert_eq!(predicted_class(&[0.0]), 0);
        assert_eq!(predicted_class(&[-0.5]), 0);
    }

    #[test]
    fn softplus_is_finite_and_exact_at_extremes() {
        assert!((softplus(-40.0) - (-40f64).exp()).abs() < 1e-30);
        assert_eq!(softplus(1000.0), 1000.0);
        assert_eq!(softplus(-1000.0), 0.0);
        assert!((softplus(0.0) - 2f64.ln()).abs() < 1e-16);
    }
}
