//! The Penalties section's example from the article: two weight vectors w1 and w2 and an input x.
//! Both give the same w·x, yet L2 tells them apart: it prefers weights spread over every feature.

use crate::engine::path::Quadratic;
use crate::engine::penalty::{Penalty, Regularizer};

/// How many λ values the drawn regularization path has.
pub const PATH_POINTS: usize = 240;

/// The largest λ the plane's path goes to: just past where every weight is 0, or 10³ for a
/// penalty that never zeroes them.
pub fn plane_reach(q: &Quadratic, penalty: Penalty) -> f64 {
    q.lambda_all_zero(penalty).map_or(1e3, |l| 1.05 * l)
}

/// The regularization path the plane draws: the unpenalized optimum, then the penalized optimum
/// for [`PATH_POINTS`] values of λ log-spaced from 10⁻³ up to [`plane_reach`].
pub fn plane_path(q: &Quadratic, penalty: Penalty) -> Vec<[f64; 2]> {
    let reach = plane_reach(q, penalty);
    let lambdas: Vec<f64> = (0..PATH_POINTS)
        .map(|k| 1e-3 * (reach / 1e-3).powf(k as f64 / (PATH_POINTS - 1) as f64))
        .collect();
    let mut path = vec![q.minimum()];
    path.extend(q.path(penalty, &lambdas));
    path
}

/// The numbers the section shows for w1 and w2 (index 0 and 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Example {
    /// w·x.
    pub dot: [f64; 2],
    /// The L1 penalty R₁(w) = Σ|w| (λ = 1).
    pub l1: [f64; 2],
    /// The L2 penalty R₂(w) = ½Σw² (λ = 1).
    pub l2: [f64; 2],
}

/// w·x, Σ|w| and ½Σw² for both vectors, computed with the trainer's own penalties at λ = 1.
pub fn example(w1: [f64; 4], w2: [f64; 4], x: [f64; 4]) -> Example {
    let l1 = Regularizer {
        penalty: Penalty::L1,
        lambda: 1.0,
    };
    let l2 = Regularizer {
        penalty: Penalty::L2,
        lambda: 1.0,
    };
    let dot = |w: &[f64; 4]| w.iter().zip(&x).map(|(a, b)| a * b).sum();
    Example {
        dot: [dot(&w1), dot(&w2)],
        l1: [l1.value(&w1), l1.value(&w2)],
        l2: [l2.value(&w1), l2.value(&w2)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_articles_example_gives_the_same_output_and_l2_prefers_w2() {
        let e = example([1.0, 0.0, 0.0, 0.0], [0.25; 4], [1.0; 4]);
        assert_eq!(e.dot, [1.0, 1.0]);
        assert_eq!(e.l1, [1.0, 1.0]);
        assert_eq!(e.l2, [0.5, 0.125]);
    }

    #[test]
    fn negative_entries_count_by_their_size() {
        let e = example(
            [-2.0, 0.0, 1.0, 0.0],
            [0.5, -0.5, 0.5, -0.5],
            [1.0, 2.0, 3.0, 4.0],
        );
        assert_eq!(e.dot, [1.0, -1.0]);
        assert_eq!(e.l1, [3.0, 2.0]);
        assert_eq!(e.l2, [2.5, 0.5]);
    }
}
