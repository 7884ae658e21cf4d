//! Penalties (正则化惩罚) on the weights; biases are never passed in here.

/// Which penalty is added to the data loss. The strength λ is kept apart (see [`Regularizer`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Penalty {
    /// No penalty: R(w) = 0.
    None,
    /// L1: R(w) = Σ|w|.
    L1,
    /// L2: R(w) = ½Σw².
    L2,
    /// Elastic net: R(w) = α·Σ|w| + (1 − α)·½Σw², with α = `l1_ratio` ∈ [0, 1].
    ElasticNet {
        /// α, the share of L1.
        l1_ratio: f64,
    },
}

/// A penalty with its strength: the term added to the loss is λ·R(w).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Regularizer {
    /// The kind of penalty.
    pub penalty: Penalty,
    /// λ ≥ 0.
    pub lambda: f64,
}
