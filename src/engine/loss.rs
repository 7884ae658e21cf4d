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
