//! The five losses of the article, each computing its value and its gradient with respect to the
//! scores in one pass.
//!
//! Conventions (shared by every variant):
//! - `scores` is an N×k matrix: one row of k class scores per sample; `labels[i]` is the true class
//!   of row i (`0..k` for k ≥ 2; `0` or `1` for k = 1).
//! - The loss is the MEAN over the N samples; the gradient written is d(mean loss)/d(scores), so
//!   every row of it carries a factor 1/N.
//! - For k ≥ 2 the probabilities are p = softmax(scores); the one-hot target is y.
//! - For k = 1 the single score s is the logit of class 1: p₁ = σ(s), and t = 2·label − 1 ∈ {−1, +1}.

use ndarray::{ArrayView2, ArrayViewMut2};

/// One of the article's five losses (损失函数).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loss {
    /// Cross-entropy on softmax (交叉熵): −log p_y, computed from log-softmax. k = 1: log(1 + e^(−t·s)).
    CrossEntropy,
    /// Mean squared error (均方差) of probabilities against the one-hot target: Σ_j (p_j − y_j)² per sample
    /// (the Brier score). k = 1: (σ(s) − label)².
    MeanSquared,
    /// 0-1 loss: 1 if the predicted class (first index of the largest score) is not the label, else 0.
    /// Its gradient is zero everywhere it exists.
    ZeroOne,
    /// Mean absolute error (平均绝对差) of probabilities against one-hot: Σ_j |p_j − y_j| = 2(1 − p_y).
    /// k = 1: |σ(s) − label|.
    MeanAbsolute,
    /// Multi-class hinge (合页), Weston–Watkins / CS231n form on raw scores:
    /// Σ_{j≠y} max(0, s_j − s_y + 1). k = 1: max(0, 1 − t·s).
    Hinge,
}

use super::activation::sigmoid;
use super::fastmath::exp_nonpositive;
pub use super::numerics::{log_softmax, predicted_class, softmax};
use super::numerics::{predicted_index, softplus};

/// Most classes a score row may have: per-row scratch lives in fixed `[f64; MAX_CLASSES]` stack
/// buffers, so no loss evaluation allocates.
pub const MAX_CLASSES: usize = 16;

impl Loss {
    /// All five, in the article's order: CrossEntropy, MeanSquared, ZeroOne, MeanAbsolute, Hinge.
    pub const ALL: [Loss; 5] = [
        Loss::CrossEntropy,
        Loss::MeanSquared,
        Loss::ZeroOne,
        Loss::MeanAbsolute,
        Loss::Hinge,
    ];

    /// Mean loss over the N rows, (1/N)·Σ_i ℓ(s_i, y_i), and d(mean loss)/d(scores) written into
    /// `grad` (same N×k shape, fully overwritten; each row carries the factor 1/N).
    ///
    /// Per-row gradients (k ≥ 2, p = softmax(s), y one-hot, q = Σ_{j≠y} p_j = 1 − p_y):
    /// - cross-entropy: p − y;
    /// - mean squared: p_i·(d_i − Σ_j p_j d_j) with d = 2(p − y) (the chain rule through softmax);
    /// - mean absolute: 2·p_y·(p − y), the derivative of 2(1 − p_y);
    /// - hinge: +1 at every j ≠ y with s_j − s_y + 1 > 0 and minus their count at y. A margin of
    ///   exactly 0 counts as NOT active (the subgradient of max(0, x) is taken as 0 at x = 0);
    /// - 0-1: all zeros.
    ///
    /// For k = 1 (t = 2·label − 1): cross-entropy −t·σ(−t·s); mean squared 2e·σ(s)σ(−s) with
    /// e = σ(s) − label; mean absolute −t·σ(s)σ(−s); hinge −t if 1 − t·s > 0 else 0 (same
    /// convention at exactly 0); 0-1 zero. An empty batch (N = 0) has loss 0.
    ///
    /// Panics if the shapes differ, if `labels.len() != N` or if k is 0 or above [`MAX_CLASSES`].
    pub fn value_and_grad(
        self,
        scores: ArrayView2<f64>,
        labels: &[usize],
        grad: ArrayViewMut2<f64>,
    ) -> f64 {
        assert_eq!(scores.dim(), grad.dim(), "gradient shaped like the scores");
        self.mean_over_rows(scores, labels, Some(grad))
    }

    /// Mean loss over the N rows, (1/N)·Σ_i ℓ(s_i, y_i), without writing a gradient (0 for N = 0).
    /// Panics if `labels.len() != N` or if k is 0 or above [`MAX_CLASSES`].
    pub fn value(self, scores: ArrayView2<f64>, labels: &[usize]) -> f64 {
        self.mean_over_rows(scores, labels, None)
    }

    /// The batch loop shared by [`Loss::value`] and [`Loss::value_and_grad`].
    fn mean_over_rows(
        self,
        scores: ArrayView2<f64>,
        labels: &[usize],
        mut grad: Option<ArrayViewMut2<f64>>,
    ) -> f64 {
        let (n, k) = scores.dim();
        assert_eq!(labels.len(), n, "one label per row");
        assert!(k > 0 && k <= MAX_CLASSES, "1 to {MAX_CLASSES} classes");
        if n == 0 {
            return 0.0;
        }
        let inv_n = 1.0 / n as f64;
        let (mut s, mut g) = ([0.0; MAX_CLASSES], [0.0; MAX_CLASSES]);
        let mut total = 0.0;
        for (i, (row, &label)) in scores.rows().into_iter().zip(labels).enumerate() {
            // Copying the row lets the kernel work on slices whatever the layout of `scores`.
            for (dst, &src) in s.iter_mut().zip(row) {
                *dst = src;
            }
            total += self.sample_value_and_grad(&s[..k], label, &mut g[..k]);
            if let Some(grad) = grad.as_mut() {
                for (dst, &src) in grad.row_mut(i).iter_mut().zip(&g[..k]) {
                    *dst = src * inv_n;
                }
            }
        }
        total * inv_n
    }

    /// [`Loss::value_and_grad`] on feature-major scores, as the model's [`Workspace`] keeps them:
    /// `scores[j·lanes + i]` is class j's score of sample i, for the n = `labels.len()` samples
    /// (lanes ≥ n; k = `scores.len() / lanes`); `grad` (same layout) gets d(mean loss)/d(scores)
    /// for those samples, the other lanes left as they are. The same numbers, bit for bit, as
    /// the row-major form.
    ///
    /// [`Workspace`]: super::model::Workspace
    pub fn columns_value_and_grad(
        self,
        scores: &[f64],
        lanes: usize,
        labels: &[usize],
        grad: &mut [f64],
    ) -> f64 {
        assert_eq!(scores.len(), grad.len(), "gradient shaped like the scores");
        self.mean_over_columns(scores, lanes, labels, Some(grad))
    }

    /// [`Loss::value`] on feature-major scores (the layout of [`Loss::columns_value_and_grad`]).
    pub fn columns_value(self, scores: &[f64], lanes: usize, labels: &[usize]) -> f64 {
        self.mean_over_columns(scores, lanes, labels, None)
    }

    /// The sample loop of the feature-major forms: each sample's k scores gathered from their
    /// rows, its gradient scattered back.
    fn mean_over_columns(
        self,
        scores: &[f64],
        lanes: usize,
        labels: &[usize],
        mut grad: Option<&mut [f64]>,
    ) -> f64 {
        let n = labels.len();
        if n == 0 {
            return 0.0;
        }
        assert!(lanes >= n, "one lane per sample");
        let k = scores.len() / lanes;
        assert!(
            k > 0 && k <= MAX_CLASSES && k * lanes == scores.len(),
            "1 to {MAX_CLASSES} classes"
        );
        let inv_n = 1.0 / n as f64;
        let (mut s, mut g) = ([0.0; MAX_CLASSES], [0.0; MAX_CLASSES]);
        let mut total = 0.0;
        for (i, &label) in labels.iter().enumerate() {
            for (j, dst) in s[..k].iter_mut().enumerate() {
                *dst = scores[j * lanes + i];
            }
            total += self.sample_value_and_grad(&s[..k], label, &mut g[..k]);
            if let Some(grad) = grad.as_deref_mut() {
                for (j, &src) in g[..k].iter().enumerate() {
                    grad[j * lanes + i] = src * inv_n;
                }
            }
        }
        total * inv_n
    }

    /// The loss ℓ(s, y) of one sample given its k scores (1 ≤ k ≤ [`MAX_CLASSES`]) and its label,
    /// with the formulas and k = 1 conventions of the variant's doc comment.
    pub fn of_sample(self, scores: &[f64], label: usize) -> f64 {
        let k = scores.len();
        assert!(k > 0 && k <= MAX_CLASSES, "1 to {MAX_CLASSES} classes");
        let mut g = [0.0; MAX_CLASSES];
        self.sample_value_and_grad(scores, label, &mut g[..k])
    }

    /// Whether the gradient carries information: false for [`Loss::ZeroOne`], whose gradient is zero
    /// almost everywhere (training on it stalls), true for the other four.
    pub fn has_gradient(self) -> bool {
        self != Loss::ZeroOne
    }

    /// ℓ(s, y) of one sample, with dℓ/ds written into `g` (same length as `s`, not scaled by 1/N).
    fn sample_value_and_grad(self, s: &[f64], label: usize, g: &mut [f64]) -> f64 {
        if s.len() == 1 {
            return self.logit_value_and_grad(s[0], label, &mut g[0]);
        }
        assert!(label < s.len(), "label {label} out of range");
        match self {
            Loss::CrossEntropy => {
                // One exponential per class serves both: e_j = e^(s_j − m) with m the row maximum
                // (its own term exactly 1); the value is log-softmax's, −(s_y − m) + log1p(Σ_{j≠arg} e_j),
                // the gradient softmax's, e_j / Σ_j e_j.
                let arg = predicted_index(s);
                let max = s[arg];
                let (mut sum, mut rest) = (0.0, 0.0);
                for (j, (e, &v)) in g.iter_mut().zip(s).enumerate() {
                    *e = exp_nonpositive(v - max);
                    sum += *e;
                    if j != arg {
                        rest += *e;
                    }
                }
                let loss = -((s[label] - max) - libm::log1p(rest));
                for p in g.iter_mut() {
                    *p /= sum;
                }
                g[label] = -others_sums(g, label).0;
                loss
            }
            Loss::MeanSquared => {
                softmax(s, g);
                let (p_y, (q, sq_others)) = (g[label], others_sums(g, label));
                // Σ_j p_j d_j with d_j = 2(p_j − y_j) and p_y − 1 = −q.
                let dot = 2.0 * (sq_others - p_y * q);
                for (j, p) in g.iter_mut().enumerate() {
                    let d = if j == label { -2.0 * q } else { 2.0 * *p };
                    *p *= d - dot;
                }
                q * q + sq_others
            }
            Loss::MeanAbsolute => {
                softmax(s, g);
                let (two_p_y, (q, _)) = (2.0 * g[label], others_sums(g, label));
                g.iter_mut().for_each(|p| *p *= two_p_y);
                g[label] = -two_p_y * q;
                2.0 * q
            }
            Loss::Hinge => {
                g.fill(0.0);
                let mut loss = 0.0;
                for j in (0..s.len()).filter(|&j| j != label) {
                    let margin = s[j] - s[label] + 1.0;
                    if margin > 0.0 {
                        loss += margin;
                        g[j] = 1.0;
                        g[label] -= 1.0;
                    }
                }
                loss
            }
            Loss::ZeroOne => {
                g.fill(0.0);
                zero_one(s, label)
            }
        }
    }

    /// ℓ(s, label) for one logit s of class 1 (k = 1), derivative into `g`.
    fn logit_value_and_grad(self, s: f64, label: usize, g: &mut f64) -> f64 {
        assert!(label <= 1, "label {label} out of range for one logit");
        let t = if label == 1 { 1.0 } else { -1.0 };
        // e = σ(s) − label = −t·σ(−t·s), accurate even when σ(s) is within rounding of the label.
        let wrong = sigmoid(-t * s);
        let e = -t * wrong;
        let (loss, d) = match self {
            Loss::CrossEntropy => (softplus(-t * s), e),
            Loss::MeanSquared => (e * e, 2.0 * e * sigmoid(s) * sigmoid(-s)),
            Loss::MeanAbsolute => (wrong, -t * sigmoid(s) * sigmoid(-s)),
            Loss::Hinge => {
                let margin = 1.0 - t * s;
                if margin > 0.0 {
                    (margin, -t)
                } else {
                    (0.0, 0.0)
                }
            }
            Loss::ZeroOne => (zero_one(&[s], label), 0.0),
        };
        *g = d;
        loss
    }
}

/// (Σ_{j≠y} p_j, Σ_{j≠y} p_j²). The first equals 1 − p_y but keeps full relative precision when
/// p_y is near 1.
fn others_sums(p: &[f64], label: usize) -> (f64, f64) {
    let others = p.iter().enumerate().filter(|&(j, _)| j != label);
    others.fold((0.0, 0.0), |(sum, sq), (_, &v)| (sum + v, sq + v * v))
}

/// 1 if the predicted class is not the label, else 0.
fn zero_one(s: &[f64], label: usize) -> f64 {
    f64::from(u8::from(predicted_class(s) != label))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::rng::Rng;
    use ndarray::{Array2, array};

    /// Scores far beyond what a naive e^s survives.
    const EXTREME: [f64; 3] = [1000.0, -1000.0, 0.0];

    #[track_caller]
    fn assert_close(a: f64, b: f64, tol: f64) {
        assert!((a - b).abs() <= tol, "{a} vs {b}");
    }

    #[test]
    fn all_lists_the_five_losses_in_the_articles_order() {
        use Loss::*;
        assert_eq!(
            Loss::ALL,
            [CrossEntropy, MeanSquared, ZeroOne, MeanAbsolute, Hinge]
        );
        assert!(
            Loss::ALL
                .iter()
                .all(|l| l.has_gradient() == (*l != ZeroOne))
        );
    }

    #[test]
    fn cat_dog_sheep_example_matches_hand_computed_values() {
        let s: [f64; 3] = [3.2, 5.1, -1.7];
        // Reference probabilities by the textbook formula (fine for small scores).
        let z: f64 = s.iter().map(|v| v.exp()).sum();
        let p = s.map(|v| v.exp() / z);
        // p ≈ [0.12998, 0.86905, 0.00097]: the dog wins, but the label is cat.
        assert_close(p[0], 0.129_982_539, 1e-9);
        let ce = Loss::CrossEntropy.of_sample(&s, 0);
        assert_close(ce, -p[0].ln(), 1e-14);
        assert_close(ce, 2.040_355_153, 1e-9);
        let mse = (p[0] - 1.0).powi(2) + p[1].powi(2) + p[2].powi(2);
        assert_close(Loss::MeanSquared.of_sample(&s, 0), mse, 1e-14);
        assert_close(mse, 1.512_178_414, 1e-9);
        let mae = (p[0] - 1.0).abs() + p[1].abs() + p[2].abs();
        assert_close(Loss::MeanAbsolute.of_sample(&s, 0), mae, 1e-14);
        assert_close(mae, 1.740_034_922, 1e-9);
        // max(0, 5.1 − 3.2 + 1) + max(0, −1.7 − 3.2 + 1) = 2.9 + 0.
        assert_close(Loss::Hinge.of_sample(&s, 0), 2.9, 1e-14);
        assert_eq!(Loss::ZeroOne.of_sample(&s, 0), 1.0);
        assert_eq!(Loss::ZeroOne.of_sample(&s, 1), 0.0);
    }

    #[test]
    fn scores_of_plus_minus_1000_give_finite_correct_losses_and_gradients() {
        use Loss::*;
        // Label 1 (the lowest score): p = [1, e^−2000, e^−1000]; hinge = 2001 + 1001.
        let expected = [2000.0, 2.0, 1.0, 2.0, 3002.0];
        for (loss, want) in Loss::ALL.into_iter().zip(expected) {
            let mut g = Array2::from_elem((1, 3), f64::NAN);
            let v = loss.value_and_grad(array![EXTREME].view(), &[1], g.view_mut());
            assert!((v - want).abs() <= 1e-12 * want, "{loss:?}: {v}");
            assert!(g.iter().all(|x| x.is_finite()), "{loss:?} gradient {g}");
        }
        let mut g = Array2::zeros((1, 3));
        CrossEntropy.value_and_grad(array![EXTREME].view(), &[1], g.view_mut());
        assert_eq!(g, array![[1.0, -1.0, (-1000f64).exp()]]);
        // Label 0 (the largest score) costs nothing, label 2 costs 1000.
        assert_eq!(CrossEntropy.of_sample(&EXTREME, 0), 0.0);
        assert_eq!(MeanSquared.of_sample(&EXTREME, 0), 0.0);
        assert_eq!(CrossEntropy.of_sample(&EXTREME, 2), 1000.0);
        // One logit: confidently wrong and confidently right.
        assert_eq!(CrossEntropy.of_sample(&[1000.0], 0), 1000.0);
        assert_eq!(CrossEntropy.of_sample(&[1000.0], 1), 0.0);
        assert_eq!(MeanSquared.of_sample(&[-1000.0], 1), 1.0);
        assert_eq!(MeanAbsolute.of_sample(&[1000.0], 0), 1.0);
        assert_eq!(Hinge.of_sample(&[1000.0], 0), 1001.0);
    }

    #[test]
    fn tied_top_scores_predict_the_first_index_and_hinge_margin_of_zero_is_inactive() {
        let s = [2.0, 2.0, 1.0];
        // Class 0 and 1 tie; the first index (0) is predicted, so label 1 counts as an error.
        assert_eq!(Loss::ZeroOne.of_sample(&s, 1), 1.0);
        assert_eq!(Loss::ZeroOne.of_sample(&s, 0), 0.0);
        let e = std::f64::consts::E;
        assert_close(
            Loss::CrossEntropy.of_sample(&s, 1),
            -(e * e / (2.0 * e * e + e)).ln(),
            1e-15,
        );
        // Hinge, label 1: max(0, 2 − 2 + 1) + max(0, 1 − 2 + 1) = 1; the second margin is exactly 0.
        let mut g = Array2::zeros((1, 3));
        assert_eq!(
            Loss::Hinge.value_and_grad(array![s].view(), &[1], g.view_mut()),
            1.0
        );
        assert_eq!(g, array![[1.0, -1.0, 0.0]]);
    }

    #[test]
    fn batch_loss_is_the_mean_of_per_sample_losses_whatever_the_layout() {
        // Stored transposed, so rows of the view are not contiguous.
        let stored = array![[0.3, -1.0], [1.2, 2.0], [-0.5, 0.1]];
        let (scores, labels) = (stored.t(), [2, 0]);
        for loss in Loss::ALL {
            let want =
                (loss.of_sample(&[0.3, 1.2, -0.5], 2) + loss.of_sample(&[-1.0, 2.0, 0.1], 0)) / 2.0;
            let mut g = Array2::from_elem((2, 3), f64::NAN);
            let with_grad = loss.value_and_grad(scores, &labels, g.view_mut());
            let value = loss.value(scores, &labels);
            assert!(
                (value - want).abs() < 1e-15 && with_grad == value,
                "{loss:?}: {value} {want}"
            );
        }
        let mut g = Array2::zeros((0, 3));
        assert_eq!(
            Loss::CrossEntropy.value_and_grad(g.clone().view(), &[], g.view_mut()),
            0.0
        );
    }

    #[test]
    fn one_logit_losses_match_hand_computed_values() {
        use Loss::*;
        let sig = 1.0 / (1.0 + (-0.5f64).exp()); // σ(0.5) ≈ 0.622459
        // (loss, label, expected at s = 0.5)
        let cases = [
            (CrossEntropy, 1, (1.0 + (-0.5f64).exp()).ln()),
            (CrossEntropy, 0, (1.0 + 0.5f64.exp()).ln()),
            (MeanSquared, 1, (sig - 1.0) * (sig - 1.0)),
            (MeanSquared, 0, sig * sig),
            (MeanAbsolute, 1, 1.0 - sig),
            (MeanAbsolute, 0, sig),
            (Hinge, 1, 0.5),
            (Hinge, 0, 1.5),
            (ZeroOne, 1, 0.0),
            (ZeroOne, 0, 1.0),
        ];
        for (loss, label, want) in cases {
            let got = loss.of_sample(&[0.5], label);
            assert!(
                (got - want).abs() < 1e-15,
                "{loss:?} label {label}: {got} vs {want}"
            );
        }
        assert_close(CrossEntropy.of_sample(&[0.5], 1), 0.474_076_984, 1e-9);
        // s = 0 predicts class 0; hinge at t·s = 1 sits exactly on the margin: value 0, gradient 0.
        assert_eq!(ZeroOne.of_sample(&[0.0], 0), 0.0);
        let mut g = Array2::from_elem((1, 1), f64::NAN);
        assert_eq!(
            Hinge.value_and_grad(array![[1.0]].view(), &[1], g.view_mut()),
            0.0
        );
        assert_eq!(g[[0, 0]], 0.0);
    }

    #[test]
    fn zero_one_gradient_is_all_zeros() {
        let mut g = Array2::from_elem((2, 3), f64::NAN);
        let s = array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]];
        Loss::ZeroOne.value_and_grad(s.view(), &[0, 0], g.view_mut());
        assert!(g.iter().all(|&x| x == 0.0));
    }

    /// Random scores whose hinge margins all stay at least 1e-3 away from their kink.
    fn random_scores(rng: &mut Rng, n: usize, k: usize, labels: &[usize]) -> Array2<f64> {
        loop {
            let s = Array2::from_shape_simple_fn((n, k), || rng.range(-2.0, 2.0));
            let kinked = |i: usize| {
                let (row, y) = (s.row(i), labels[i]);
                if k == 1 {
                    (1.0 - (2.0 * y as f64 - 1.0) * row[0]).abs() < 1e-3
                } else {
                    (0..k).any(|j| j != y && (row[j] - row[y] + 1.0).abs() < 1e-3)
                }
            };
            if !(0..n).any(kinked) {
                return s;
            }
        }
    }

    #[test]
    fn gradients_match_central_differences_for_every_differentiable_loss() {
        let mut rng = Rng::new(42);
        for (k, labels) in [(3, vec![0, 2, 1, 1, 0]), (1, vec![1, 0, 0, 1, 1])] {
            for loss in Loss::ALL.into_iter().filter(|l| l.has_gradient()) {
                let scores = random_scores(&mut rng, labels.len(), k, &labels);
                let mut grad = Array2::zeros(scores.dim());
                loss.value_and_grad(scores.view(), &labels, grad.view_mut());
                let h = 1e-6;
                for ((i, j), &analytic) in grad.indexed_iter() {
                    let (mut up, mut down) = (scores.clone(), scores.clone());
                    up[[i, j]] += h;
                    down[[i, j]] -= h;
                    let diff = loss.value(up.view(), &labels) - loss.value(down.view(), &labels);
                    let numeric = diff / (2.0 * h);
                    // The difference quotient carries rounding noise of about ε·|L|/h ≈ 1e-10, so
                    // tiny components are held to an absolute 1e-9, the rest to a relative 1e-6.
                    let rel =
                        (analytic - numeric).abs() / (analytic.abs() + numeric.abs()).max(1e-3);
                    assert!(
                        rel < 1e-6,
                        "{loss:?} k={k} [{i},{j}]: {analytic} vs {numeric}"
                    );
                }
            }
        }
    }
}
