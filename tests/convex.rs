//! Softmax regression (no hidden layer) with an L2 penalty is convex: gradient descent must reach
//! the optimum that an independent Newton solve finds.

use losslab::engine::activation::Activation;
use losslab::engine::data::{DataKind, DataSpec};
use losslab::engine::loss::Loss;
use losslab::engine::optimizer::Optimizer;
use losslab::engine::penalty::{Penalty, Regularizer};
use losslab::engine::stop::{StopReason, StopRules};
use losslab::engine::trainer::{TrainConfig, Trainer};

const LAMBDA: f64 = 0.02;

/// f(θ), ∇f and ∇²f of softmax regression, written out here without the engine:
/// θ = (W row-major 2×3, b), f = (1/N)Σ_i [log Σ_j e^(s_ij) − s_i,y_i] + (λ/2)‖W‖², s_i = x_iᵀW + b.
fn newton_parts(theta: &[f64; 9], xs: &[[f64; 2]], ys: &[usize]) -> (f64, [f64; 9], [[f64; 9]; 9]) {
    let n = xs.len() as f64;
    let (mut f, mut g, mut h) = (0.0, [0.0; 9], [[0.0; 9]; 9]);
    for (x, &y) in xs.iter().zip(ys) {
        let feat = [x[0], x[1], 1.0];
        let s: Vec<f64> = (0..3)
            .map(|j| x[0] * theta[j] + x[1] * theta[3 + j] + theta[6 + j])
            .collect();
        let m = s.iter().cloned().fold(f64::MIN, f64::max);
        let z: f64 = s.iter().map(|v| (v - m).exp()).sum();
        let p: Vec<f64> = s.iter().map(|v| (v - m).exp() / z).collect();
        f += (m + z.ln() - s[y]) / n;
        // Parameter index of (feature a, class j): weights W[a][j] at 3a + j, biases at 6 + j.
        let idx = |a: usize, j: usize| if a < 2 { 3 * a + j } else { 6 + j };
        for a in 0..3 {
            for j in 0..3 {
                let r = p[j] - if j == y { 1.0 } else { 0.0 };
                g[idx(a, j)] += feat[a] * r / n;
                for b in 0..3 {
                    for l in 0..3 {
                        let d = if j == l { p[j] } else { 0.0 } - p[j] * p[l];
                        h[idx(a, j)][idx(b, l)] += feat[a] * feat[b] * d / n;
                    }
                }
            }
        }
    }
    for i in 0..6 {
        f += 0.5 * LAMBDA * theta[i] * theta[i];
        g[i] += LAMBDA * theta[i];
        h[i][i] += LAMBDA;
    }
    (f, g, h)
}

/// Solves (H + μI)d = g by Gaussian elimination with partial pivoting. The tiny μ handles the
/// direction of equal bias shifts, along which softmax does not change.
fn solve(mut h: [[f64; 9]; 9], mut g: [f64; 9]) -> [f64; 9] {
    for (i, row) in h.iter_mut().enumerate() {
        row[i] += 1e-12;
    }
    for c in 0..9 {
        let p = (c..9)
            .max_by(|&a, &b| h[a][c].abs().total_cmp(&h[b][c].abs()))
            .unwrap();
        h.swap(c, p);
        g.swap(c, p);
        let (top, below) = h.split_at_mut(c + 1);
        let pivot = top[c];
        for (r, row) in below.iter_mut().enumerate() {
            let k = row[c] / pivot[c];
            for (x, p) in row[c..].iter_mut().zip(&pivot[c..]) {
                *x -= k * p;
            }
            g[c + 1 + r] -= k * g[c];
        }
    }
    let mut d = [0.0; 9];
    for r in (0..9).rev() {
        let s: f64 = (r + 1..9).map(|c| h[r][c] * d[c]).sum();
        d[r] = (g[r] - s) / h[r][r];
    }
    d
}

/// Softmax regression (no hidden layer, cross-entropy) on a fixed, noisy animals set of 90
/// training points, full batch for every rule.
fn softmax_regression(
    regularizer: Regularizer,
    optimizer: Optimizer,
    learning_rate: f64,
    stop: StopRules,
) -> TrainConfig {
    TrainConfig {
        data: DataSpec {
            kind: DataKind::Animals,
            samples: 120,
            noise: 0.6,
            train_fraction: 0.75,
            seed: 7,
        },
        hidden: vec![],
        activation: Activation::Linear,
        loss: Loss::CrossEntropy,
        regularizer,
        optimizer,
        learning_rate,
        batch_size: 90,
        stop,
    }
}

#[test]
fn softmax_regression_with_l2_reaches_the_optimum_of_its_convex_objective() {
    let mut trainer = Trainer::new(softmax_regression(
        Regularizer {
            penalty: Penalty::L2,
            lambda: LAMBDA,
        },
        Optimizer::GradientDescent,
        1.0,
        StopRules {
            max_iterations: 200_000,
            loss_below: 0.0,
            gradient_below: 1e-10,
        },
    ));
    let report = trainer.step(200_000);
    assert_eq!(report.stopped, Some(StopReason::GradientBelow));
    assert!(trainer.metrics().gradient_norm < 1e-10);

    let train = &trainer.split().train;
    let xs: Vec<[f64; 2]> = train.x.rows().into_iter().map(|r| [r[0], r[1]]).collect();
    let mut theta = [0.0; 9];
    for _ in 0..30 {
        let (_, g, h) = newton_parts(&theta, &xs, &train.labels);
        let d = solve(h, g);
        for (t, d) in theta.iter_mut().zip(d) {
            *t -= d;
        }
    }
    let (f_newton, g_newton, _) = newton_parts(&theta, &xs, &train.labels);
    assert!(g_newton.iter().map(|g| g * g).sum::<f64>().sqrt() < 1e-12);
    let f_descent = trainer.metrics().objective;
    assert!(
        (f_descent - f_newton).abs() < 1e-12,
        "descent {f_descent} vs Newton {f_newton}"
    );
    // The weights agree too (the biases only up to a common shift, which softmax ignores).
    let w = trainer.model().weights();
    for i in 0..6 {
        assert!(
            (w[i] - theta[i]).abs() < 1e-7,
            "weight {i}: {} vs {}",
            w[i],
            theta[i]
        );
    }
}

/// The softmax-regression run of these tests with an L1 penalty and the given update rule.
fn l1_run(optimizer: Optimizer, learning_rate: f64, max_iterations: u64) -> Trainer {
    let mut t = Trainer::new(softmax_regression(
        Regularizer {
            penalty: Penalty::L1,
            lambda: 0.05,
        },
        optimizer,
        learning_rate,
        StopRules {
            max_iterations,
            loss_below: 0.0,
            gradient_below: 1e-9,
        },
    ));
    t.step(max_iterations);
    t
}

#[test]
fn l1_with_every_update_rule_reaches_the_same_sparse_optimum() {
    // Proximal gradient descent converges exactly: the reference.
    let gd = l1_run(Optimizer::GradientDescent, 1.0, 200_000);
    assert_eq!(gd.stopped(), Some(StopReason::GradientBelow));
    let zeros: Vec<bool> = gd.model().weights().iter().map(|&w| w == 0.0).collect();
    assert!(zeros.iter().any(|&z| z), "λ = 0.05 zeroes some weight");
    for (optimizer, eta) in [(Optimizer::momentum(), 0.1), (Optimizer::adam(), 0.002)] {
        let t = l1_run(optimizer, eta, 20_000);
        let gap = t.metrics().objective - gd.metrics().objective;
        assert!(
            gap.abs() < 1e-4,
            "{optimizer:?}: objective {gap:e} away from the optimum"
        );
        // Weights the optimum sets to zero are exactly zero here too.
        for (w, &z) in t.model().weights().iter().zip(&zeros) {
            if z {
                assert_eq!(*w, 0.0, "{optimizer:?}");
            }
        }
    }
}
