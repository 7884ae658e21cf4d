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

/// Which of w1 and w2 a penalty prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preference {
    /// w1 has the smaller penalty.
    W1,
    /// w2 has the smaller penalty.
    W2,
    /// Both have the same.
    Tie,
}

impl Preference {
    /// The preference of a penalty whose values for w1 and w2 are `values`: the smaller one.
    pub fn of(values: [f64; 2]) -> Preference {
        let [a, b] = values;
        if a == b {
            Preference::Tie
        } else if a < b {
            Preference::W1
        } else {
            Preference::W2
        }
    }
}

impl Example {
    /// Whether w1 and w2 give the same output w·x (the article's point: then only the penalty
    /// tells them apart).
    pub fn same_output(&self) -> bool {
        self.dot[0] == self.dot[1]
    }

    /// Which vector L1 prefers.
    pub fn l1_prefers(&self) -> Preference {
        Preference::of(self.l1)
    }

    /// Which vector L2 prefers.
    pub fn l2_prefers(&self) -> Preference {
        Preference::of(self.l2)
    }
}

/// The plane of two weights' numbers for a penalty and λ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaneNumbers {
    /// The penalized optimum.
    pub w: [f64; 2],
    /// The unpenalized optimum.
    pub star: [f64; 2],
    /// The data loss at w.
    pub data_loss: f64,
    /// λR(w).
    pub penalty: f64,
    /// For each weight, the λ from which it is exactly 0 (None: never, within the path's reach).
    pub zero_from: [Option<f64>; 2],
    /// The λ from which both are 0 (None: never).
    pub all_zero: Option<f64>,
    /// The weight that reaches 0 first (index 0 or 1) and its λ; w₂ on a tie.
    pub first_zero: Option<(usize, f64)>,
}

/// The plane's numbers for `q` under `r`.
pub fn plane_numbers(q: &Quadratic, r: &Regularizer) -> PlaneNumbers {
    let w = q.penalized_minimum(r);
    let reach = plane_reach(q, r.penalty);
    let zero_from = [
        q.zero_from(r.penalty, 0, reach),
        q.zero_from(r.penalty, 1, reach),
    ];
    let first_zero = match zero_from {
        [None, None] => None,
        [Some(a), Some(b)] if a < b => Some((0, a)),
        [Some(a), None] => Some((0, a)),
        [_, Some(b)] => Some((1, b)),
    };
    PlaneNumbers {
        w,
        star: q.minimum(),
        data_loss: q.value(w),
        penalty: r.value(&w),
        zero_from,
        all_zero: q.lambda_all_zero(r.penalty),
        first_zero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_penalty_prefers_the_vector_with_the_smaller_value() {
        let e = example([1.0, 0.0, 0.0, 0.0], [0.25; 4], [1.0; 4]);
        assert!(e.same_output());
        assert_eq!(e.l1_prefers(), Preference::Tie);
        assert_eq!(e.l2_prefers(), Preference::W2);
        let e = example([0.1, 0.0, 0.0, 0.0], [0.25; 4], [1.0; 4]);
        assert!(!e.same_output());
        assert_eq!(e.l1_prefers(), Preference::W1);
    }

    #[test]
    fn under_l1_one_weight_reaches_zero_first_and_l2_never_zeroes_one() {
        let q = Quadratic::example();
        let l1 = Regularizer {
            penalty: Penalty::L1,
            lambda: 0.3,
        };
        let n = plane_numbers(&q, &l1);
        let (i, lambda) = n.first_zero.expect("L1 zeroes a weight");
        let other = n.zero_from[1 - i];
        assert!(other.is_none_or(|o| lambda <= o));
        assert_eq!(Some(lambda), n.zero_from[i]);
        assert!((n.data_loss + n.penalty - q.objective(n.w, &l1)).abs() < 1e-12);
        let l2 = Regularizer {
            penalty: Penalty::L2,
            lambda: 0.3,
        };
        let n = plane_numbers(&q, &l2);
        assert_eq!(n.first_zero, None);
        assert_eq!(n.all_zero, None);
    }

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
