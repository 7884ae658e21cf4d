//! Backpropagation against finite differences, for every loss × penalty × activation × layer shape.

use losslab::engine::activation::Activation;
use losslab::engine::loss::Loss;
use losslab::engine::model::{Architecture, Mlp, Workspace};
use losslab::engine::penalty::{Penalty, Regularizer};
use losslab::engine::rng::Rng;
use losslab::engine::trainer::forward_backward;
use ndarray::Array2;

const SHAPES: [&[usize]; 4] = [&[], &[4], &[5, 3], &[3, 4, 2]];
const PENALTIES: [Penalty; 4] = [
    Penalty::None,
    Penalty::L1,
    Penalty::L2,
    Penalty::ElasticNet { l1_ratio: 0.3 },
];

/// Data loss + penalty at the model's current parameters.
fn objective(model: &Mlp, loss: Loss, reg: &Regularizer, x: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut ws = Workspace::default();
    let scores = model.forward(x.view(), &mut ws);
    loss.value(scores, labels) + reg.value(model.weights())
}

/// Relative error ‖a − n‖ / (‖a‖ + ‖n‖) of the backpropagated gradient a against the numerical one n
/// (fourth-order central differences), after checking every component to 1e-8 absolute.
fn relative_error(
    model: &mut Mlp,
    loss: Loss,
    reg: &Regularizer,
    x: &Array2<f64>,
    labels: &[usize],
) -> f64 {
    let mut ws = Workspace::default();
    let mut grad = vec![0.0; model.params().len()];
    forward_backward(model, loss, x.view(), labels, &mut ws, &mut grad);
    let w = model.weight_count();
    let weights = model.weights().to_vec();
    reg.add_grad(&weights, &mut grad[..w]);
    // Small enough that a ReLU or hinge kink rarely falls inside the stencil, large enough that
    // rounding (≈ 1e-16 / h) stays far below the tolerance.
    let h = 1e-5;
    let (mut diff, mut norm_a, mut norm_n) = (0.0, 0.0, 0.0);
    for (i, &analytic) in grad.iter().enumerate() {
        let keep = model.params()[i];
        let mut at = |delta: f64| {
            model.params_mut()[i] = keep + delta;
            objective(model, loss, reg, x, labels)
        };
        let numeric = (at(-2.0 * h) - 8.0 * at(-h) + 8.0 * at(h) - at(2.0 * h)) / (12.0 * h);
        model.params_mut()[i] = keep;
        assert!(
            (analytic - numeric).abs() < 1e-8,
            "parameter {i}: {} vs {numeric} ({loss:?} {:?} {:?})",
            analytic,
            reg.penalty,
            model.architecture()
        );
        diff += (analytic - numeric).powi(2);
        norm_a += analytic * analytic;
        norm_n += numeric * numeric;
    }
    diff.sqrt() / (norm_a.sqrt() + norm_n.sqrt()).max(1e-8)
}

fn gradient_norm(model: &Mlp, loss: Loss, x: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut grad = vec![0.0; model.params().len()];
    forward_backward(
        model,
        loss,
        x.view(),
        labels,
        &mut Workspace::default(),
        &mut grad,
    );
    grad.iter().map(|g| g * g).sum::<f64>().sqrt()
}

fn random_batch(rng: &mut Rng, n: usize, k: usize) -> (Array2<f64>, Vec<usize>) {
    let x = Array2::from_shape_fn((n, 2), |_| rng.range(-1.0, 1.0));
    let labels = (0..n).map(|_| rng.below(k.max(2))).collect();
    (x, labels)
}

#[test]
fn backpropagation_matches_finite_differences_for_every_combination() {
    let mut rng = Rng::new(11);
    let mut checked = 0;
    for k in [3, 1] {
        for loss in Loss::ALL.into_iter().filter(|l| l.has_gradient()) {
            for penalty in PENALTIES {
                for activation in Activation::ALL {
                    for hidden in SHAPES {
                        let arch = Architecture {
                            inputs: 2,
                            hidden: hidden.to_vec(),
                            outputs: k,
                            activation,
                        };
                        let reg = Regularizer {
                            penalty,
                            lambda: 0.05,
                        };
                        // Redraw until the gradient carries signal (a ReLU net can start dead,
                        // a hinge can be satisfied everywhere), so the comparison means something.
                        let (mut model, x, labels) = loop {
                            let mut model = Mlp::new(arch.clone(), rng.next_u64());
                            // Non-zero biases, so every path of the backward pass carries signal.
                            let w = model.weight_count();
                            for b in &mut model.params_mut()[w..] {
                                *b = rng.range(-0.5, 0.5);
                            }
                            let (x, labels) = random_batch(&mut rng, 9, k);
                            if gradient_norm(&model, loss, &x, &labels) > 1e-3 {
                                break (model, x, labels);
                            }
                        };
                        let err = relative_error(&mut model, loss, &reg, &x, &labels);
                        assert!(
                            err < 1e-6,
                            "{loss:?} {penalty:?} {activation:?} {hidden:?} k={k}: relative error {err:e}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, 2 * 4 * 4 * 4 * 4);
}

#[test]
fn zero_one_loss_gives_a_zero_gradient_to_every_parameter() {
    let mut rng = Rng::new(5);
    let arch = Architecture {
        inputs: 2,
        hidden: vec![4],
        outputs: 3,
        activation: Activation::Tanh,
    };
    let model = Mlp::new(arch, 3);
    let (x, labels) = random_batch(&mut rng, 20, 3);
    let mut ws = Workspace::default();
    let mut grad = vec![1.0; model.params().len()];
    let value = forward_backward(&model, Loss::ZeroOne, x.view(), &labels, &mut ws, &mut grad);
    assert!(value > 0.0 && value <= 1.0);
    assert!(grad.iter().all(|&g| g == 0.0));
}

#[test]
fn a_batch_forward_pass_equals_row_by_row_passes() {
    let mut rng = Rng::new(9);
    let arch = Architecture {
        inputs: 2,
        hidden: vec![8, 8, 8],
        outputs: 3,
        activation: Activation::Tanh,
    };
    let model = Mlp::new(arch, 1);
    let (x, _) = random_batch(&mut rng, 13, 3);
    let mut ws = Workspace::default();
    let batch = model.forward(x.view(), &mut ws).to_owned();
    let mut one = Workspace::default();
    for i in 0..13 {
        let row = model
            .forward(x.slice(ndarray::s![i..i + 1, ..]), &mut one)
            .to_owned();
        assert_eq!(row.row(0), batch.row(i));
    }
}
