//! Least squares in two weights, with a penalty: the exact penalized optimum for any λ, the
//! regularization path and the level sets the Penalties section draws in the (w₁, w₂) plane.
//!
//! Conventions: the data loss is the MEAN squared error halved, f(w) = (1/2n)·Σᵢ (xᵢ·w − yᵢ)²,
//! which is the quadratic ½wᵀAw − bᵀw + c with A = XᵀX/n, b = Xᵀy/n, c = yᵀy/(2n). The penalty is
//! the trainer's own [`Regularizer`]: λ·R(w) = λα·Σ|w| + λ(1 − α)·½Σw² (α = 1 for L1, 0 for L2).
//! There is no bias.

use super::penalty::{Penalty, Regularizer};

/// The data loss f(w) = ½wᵀAw − bᵀw + c of a least-squares fit in two weights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quadratic {
    /// A = XᵀX/n (symmetric, positive definite for data that pins both weights down).
    pub a: [[f64; 2]; 2],
    /// b = Xᵀy/n.
    pub b: [f64; 2],
    /// c = yᵀy/(2n).
    pub c: f64,
}

/// The small fixed data set of the Penalties section: eight points (x₁, x₂) → y whose features
/// are correlated (so the loss's level sets are tilted ellipses) and whose unpenalized fit leans
/// on x₁: y ≈ 1.6·x₁ + 0.4·x₂.
pub const POINTS: [([f64; 2], f64); 8] = [
    ([1.0, 0.8], 1.9),
    ([0.8, 1.0], 1.75),
    ([-1.0, -0.6], -1.8),
    ([-0.6, -1.0], -1.45),
    ([0.5, -0.2], 0.65),
    ([-0.4, 0.3], -0.5),
    ([0.2, 0.6], 0.6),
    ([-0.3, -0.5], -0.75),
];

/// Soft-thresholding, S(z, γ) = sign(z)·max(|z| − γ, 0): exactly 0 for |z| ≤ γ.
pub fn soft_threshold(z: f64, gamma: f64) -> f64 {
    if z > gamma {
        z - gamma
    } else if z < -gamma {
        z + gamma
    } else {
        0.0
    }
}

impl Quadratic {
    /// The quadratic of the least-squares fit of `points` (x → y), f(w) = (1/2n)·Σ (x·w − y)².
    pub fn from_points(points: &[([f64; 2], f64)]) -> Quadratic {
        let n = points.len().max(1) as f64;
        let mut q = Quadratic {
            a: [[0.0; 2]; 2],
            b: [0.0; 2],
            c: 0.0,
        };
        for (x, y) in points {
            for i in 0..2 {
                for j in 0..2 {
                    q.a[i][j] += x[i] * x[j] / n;
                }
                q.b[i] += x[i] * y / n;
            }
            q.c += y * y / (2.0 * n);
        }
        q
    }

    /// The Penalties section's data loss, from [`POINTS`].
    pub fn example() -> Quadratic {
        Quadratic::from_points(&POINTS)
    }

    /// f(w) = ½wᵀAw − bᵀw + c.
    pub fn value(&self, w: [f64; 2]) -> f64 {
        let aw = self.apply(w);
        0.5 * (w[0] * aw[0] + w[1] * aw[1]) - self.b[0] * w[0] - self.b[1] * w[1] + self.c
    }

    /// Aw.
    fn apply(&self, w: [f64; 2]) -> [f64; 2] {
        [
            self.a[0][0] * w[0] + self.a[0][1] * w[1],
            self.a[1][0] * w[0] + self.a[1][1] * w[1],
        ]
    }

    /// The objective f(w) + λ·R(w).
    pub fn objective(&self, w: [f64; 2], r: &Regularizer) -> f64 {
        self.value(w) + r.value(&w)
    }

    /// The unpenalized optimum A⁻¹b.
    pub fn minimum(&self) -> [f64; 2] {
        solve2(self.a, self.b)
    }

    /// The exact minimizer of f(w) + λ·R(w).
    ///
    /// With μ = λ(1 − α) and γ = λα the objective is ½wᵀMw − bᵀw + γ·Σ|w| with M = A + μI, a
    /// lasso in two weights, strictly convex. Its minimizer is the one candidate meeting the
    /// optimality (subgradient) conditions:
    /// - both weights nonzero with signs s: w = M⁻¹(b − γs), valid if sign(w) = s;
    /// - one weight 0: the other is S(b_i, γ)/M_ii, valid if |b_j − M_ji·w_i| ≤ γ for the zero one;
    /// - both 0: valid if |b₁| ≤ γ and |b₂| ≤ γ.
    ///
    /// Weights that are 0 there are exactly 0.
    pub fn penalized_minimum(&self, r: &Regularizer) -> [f64; 2] {
        let (gamma, mu) = r.strengths();
        let m = [
            [self.a[0][0] + mu, self.a[0][1]],
            [self.a[1][0], self.a[1][1] + mu],
        ];
        // Without an L1 part the smooth solution stands alone (and is never exactly 0).
        if gamma == 0.0 {
            return solve2(m, self.b);
        }
        for s in [[1.0, 1.0], [1.0, -1.0], [-1.0, 1.0], [-1.0, -1.0]] {
            let w = solve2(m, [self.b[0] - gamma * s[0], self.b[1] - gamma * s[1]]);
            if w[0] * s[0] > 0.0 && w[1] * s[1] > 0.0 {
                return w;
            }
        }
        for (i, j) in [(0, 1), (1, 0)] {
            let wi = soft_threshold(self.b[i], gamma) / m[i][i];
            if wi != 0.0 && (self.b[j] - m[j][i] * wi).abs() <= gamma {
                let mut w = [0.0; 2];
                w[i] = wi;
                return w;
            }
        }
        [0.0; 2]
    }

    /// The regularization path: the penalized optimum at each λ of `lambdas`, for `penalty`.
    pub fn path(&self, penalty: Penalty, lambdas: &[f64]) -> Vec<[f64; 2]> {
        lambdas
            .iter()
            .map(|&lambda| self.penalized_minimum(&Regularizer { penalty, lambda }))
            .collect()
    }

    /// The smallest λ from which weight `index` is exactly 0 under `penalty` (searched up to
    /// `lambda_max`), or None if it never is (as under L2). Bisection on the exact solution: the
    /// answer is within 1e-12 relative.
    pub fn zero_from(&self, penalty: Penalty, index: usize, lambda_max: f64) -> Option<f64> {
        let zero =
            |lambda: f64| self.penalized_minimum(&Regularizer { penalty, lambda })[index] == 0.0;
        if !zero(lambda_max) {
            return None;
        }
        // Scan a log grid for the first λ with an exact zero, then bisect below it.
        let steps = 400;
        let grid = |k: usize| lambda_max * 1e-6f64.powf(1.0 - k as f64 / steps as f64);
        let first = (0..=steps).find(|&k| zero(grid(k)))?;
        if first == 0 {
            return Some(grid(0));
        }
        let (mut lo, mut hi) = (grid(first - 1), grid(first));
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if mid <= lo || mid >= hi {
                break;
            }
            if zero(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi)
    }

    /// The λ beyond which both weights are 0 under a penalty with L1 share α > 0: ‖b‖∞ / α
    /// (the subgradient condition at w = 0); None without an L1 part.
    pub fn lambda_all_zero(&self, penalty: Penalty) -> Option<f64> {
        let alpha = match penalty {
            Penalty::L1 => 1.0,
            Penalty::ElasticNet { l1_ratio } if l1_ratio > 0.0 => l1_ratio,
            _ => return None,
        };
        Some(self.b[0].abs().max(self.b[1].abs()) / alpha)
    }

    /// `points` + 1 points of the level set f(w) = `level` (an ellipse around the minimum; empty
    /// below the minimum's value). With A = QΛQᵀ: w = w* + Q·Λ^(−½)·√(2(level − f*))·(cos t, sin t).
    pub fn level_set(&self, level: f64, points: usize) -> Vec<[f64; 2]> {
        let centre = self.minimum();
        let room = level - self.value(centre);
        if room < 0.0 || !room.is_finite() {
            return Vec::new();
        }
        let (values, vectors) = eigen2(self.a);
        let radius = (2.0 * room).sqrt();
        (0..=points)
            .map(|k| {
                let t = std::f64::consts::TAU * k as f64 / points.max(1) as f64;
                let (u, v) = (
                    radius * libm::cos(t) / values[0].sqrt(),
                    radius * libm::sin(t) / values[1].sqrt(),
                );
                [
                    centre[0] + vectors[0][0] * u + vectors[1][0] * v,
                    centre[1] + vectors[0][1] * u + vectors[1][1] * v,
                ]
            })
            .collect()
    }
}

/// `points` + 1 points of the penalty's level set λ·R(w) = `level` around the origin: a diamond
/// for L1, a circle for L2, in between for elastic net. Along a direction (cos t, sin t) the radius
/// r solves λα·r·(|cos t| + |sin t|) + λ(1 − α)·½r² = level. Empty for no penalty or λ = 0.
pub fn penalty_level_set(r: &Regularizer, level: f64, points: usize) -> Vec<[f64; 2]> {
    let (l1, l2) = r.strengths();
    if (l1 == 0.0 && l2 == 0.0) || level.is_nan() || level < 0.0 {
        return Vec::new();
    }
    (0..=points)
        .map(|k| {
            let t = std::f64::consts::TAU * k as f64 / points.max(1) as f64;
            let (c, s) = (libm::cos(t), libm::sin(t));
            let linear = l1 * (c.abs() + s.abs());
            let radius = if l2 == 0.0 {
                level / linear
            } else {
                // ½·l2·r² + linear·r − level = 0, the positive root.
                (-linear + (linear * linear + 2.0 * l2 * level).sqrt()) / l2
            };
            [radius * c, radius * s]
        })
        .collect()
}

/// Solves the 2×2 system m·w = v (Cramer's rule).
fn solve2(m: [[f64; 2]; 2], v: [f64; 2]) -> [f64; 2] {
    let det = m[0][0] * m[1][1] - m[0][1] * m[1][0];
    [
        (v[0] * m[1][1] - m[0][1] * v[1]) / det,
        (m[0][0] * v[1] - m[1][0] * v[0]) / det,
    ]
}

/// Eigenvalues (ascending) and unit eigenvectors of a symmetric 2×2 matrix.
pub fn eigen2(m: [[f64; 2]; 2]) -> ([f64; 2], [[f64; 2]; 2]) {
    let (p, q, r) = (m[0][0], m[0][1], m[1][1]);
    let mean = 0.5 * (p + r);
    let spread = (0.25 * (p - r) * (p - r) + q * q).sqrt();
    let values = [mean - spread, mean + spread];
    let vector = |lambda: f64| {
        // (q, λ − p) or (λ − r, q), whichever is longer, normalized; e₁/e₂ for a diagonal matrix.
        let (a, b) = ([q, lambda - p], [lambda - r, q]);
        let v = if a[0].hypot(a[1]) >= b[0].hypot(b[1]) {
            a
        } else {
            b
        };
        let n = v[0].hypot(v[1]);
        if n == 0.0 {
            None
        } else {
            Some([v[0] / n, v[1] / n])
        }
    };
    let first = vector(values[0]).unwrap_or([1.0, 0.0]);
    // The second is perpendicular to the first.
    let second = [-first[1], first[0]];
    (values, [first, second])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg(penalty: Penalty, lambda: f64) -> Regularizer {
        Regularizer { penalty, lambda }
    }

    /// An orthonormal design: A = I, b = (0.8, −0.3).
    fn orthonormal() -> Quadratic {
        Quadratic {
            a: [[1.0, 0.0], [0.0, 1.0]],
            b: [0.8, -0.3],
            c: 1.0,
        }
    }

    #[test]
    fn with_an_orthonormal_design_the_l1_path_is_soft_thresholding() {
        let q = orthonormal();
        for lambda in [0.0, 0.1, 0.29, 0.3, 0.31, 0.5, 0.79, 0.8, 1.0, 3.0] {
            let w = q.penalized_minimum(&reg(Penalty::L1, lambda));
            assert_eq!(
                w,
                [soft_threshold(0.8, lambda), soft_threshold(-0.3, lambda)],
                "λ = {lambda}"
            );
        }
        // w₂ is exactly 0 from λ = |b₂| = 0.3 on, w₁ from 0.8 on.
        let z2 = q.zero_from(Penalty::L1, 1, 10.0).unwrap();
        let z1 = q.zero_from(Penalty::L1, 0, 10.0).unwrap();
        assert!((z2 - 0.3).abs() < 1e-12, "{z2}");
        assert!((z1 - 0.8).abs() < 1e-12, "{z1}");
        assert_eq!(q.lambda_all_zero(Penalty::L1), Some(0.8));
    }

    #[test]
    fn with_an_orthonormal_design_the_l2_path_is_ridge_and_never_zero() {
        let q = orthonormal();
        for lambda in [0.0, 0.1, 1.0, 10.0, 1e6] {
            let w = q.penalized_minimum(&reg(Penalty::L2, lambda));
            let want = [0.8 / (1.0 + lambda), -0.3 / (1.0 + lambda)];
            assert!((w[0] - want[0]).abs() < 1e-15 && (w[1] - want[1]).abs() < 1e-15);
            assert!(w[0] != 0.0 && w[1] != 0.0);
        }
        assert_eq!(q.zero_from(Penalty::L2, 0, 1e6), None);
        assert_eq!(q.lambda_all_zero(Penalty::L2), None);
    }

    #[test]
    fn the_exact_optimum_beats_every_nearby_point() {
        let q = Quadratic::example();
        let penalties = [
            Penalty::L1,
            Penalty::L2,
            Penalty::ElasticNet { l1_ratio: 0.5 },
        ];
        for penalty in penalties {
            for lambda in [0.0, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1.5] {
                let r = reg(penalty, lambda);
                let w = q.penalized_minimum(&r);
                let best = q.objective(w, &r);
                for k in 0..64 {
                    let t = std::f64::consts::TAU * k as f64 / 64.0;
                    for h in [1e-3, 1e-5] {
                        let near = [w[0] + h * t.cos(), w[1] + h * t.sin()];
                        assert!(
                            q.objective(near, &r) >= best - 1e-15,
                            "{penalty:?} λ={lambda}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn on_the_example_l1_zeroes_a_weight_at_a_finite_lambda_and_l2_does_not() {
        let q = Quadratic::example();
        let star = q.minimum();
        assert!(
            star[0] > 1.0 && star[1] > 0.0 && star[1] < star[0],
            "{star:?}"
        );
        let z = q
            .zero_from(Penalty::L1, 1, 10.0)
            .expect("w₂ reaches 0 under L1");
        assert!(z > 0.0 && z < q.lambda_all_zero(Penalty::L1).unwrap());
        // Just below, w₂ is not 0; at and above, it is exactly 0 while w₁ is not.
        assert!(q.penalized_minimum(&reg(Penalty::L1, z * (1.0 - 1e-9)))[1] != 0.0);
        let w = q.penalized_minimum(&reg(Penalty::L1, z * (1.0 + 1e-9)));
        assert!(w[1] == 0.0 && w[0] > 0.0);
        assert_eq!(q.zero_from(Penalty::L2, 1, 1e3), None);
        // The path shrinks ‖w‖ monotonically under L2.
        let lambdas: Vec<f64> = (0..50).map(|k| 1e-3 * 1.25f64.powi(k)).collect();
        let norms: Vec<f64> = q
            .path(Penalty::L2, &lambdas)
            .iter()
            .map(|w| w[0].hypot(w[1]))
            .collect();
        assert!(norms.windows(2).all(|p| p[1] < p[0]));
    }

    #[test]
    fn level_sets_lie_on_their_level() {
        let q = Quadratic::example();
        let level = q.value(q.minimum()) + 0.3;
        let ring = q.level_set(level, 90);
        assert_eq!(ring.len(), 91);
        for w in &ring {
            assert!((q.value(*w) - level).abs() < 1e-12);
        }
        assert!(q.level_set(q.value(q.minimum()) - 1.0, 10).is_empty());
        for penalty in [
            Penalty::L1,
            Penalty::L2,
            Penalty::ElasticNet { l1_ratio: 0.3 },
        ] {
            let r = reg(penalty, 0.7);
            for w in penalty_level_set(&r, 0.4, 60) {
                assert!((r.value(&w) - 0.4).abs() < 1e-12, "{penalty:?}");
            }
        }
        // The L1 set is the diamond |w₁| + |w₂| = level/λ: its corners are on the axes.
        let diamond = penalty_level_set(&reg(Penalty::L1, 2.0), 1.0, 4);
        assert!((diamond[0][0] - 0.5).abs() < 1e-15 && diamond[0][1] == 0.0);
        assert!(penalty_level_set(&Regularizer::none(), 1.0, 4).is_empty());
    }
}
