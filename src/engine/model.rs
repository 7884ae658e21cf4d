//! The model: a multilayer perceptron with 0 to 3 hidden layers and k output scores.
//!
//! All parameters live in one flat vector: every layer's weights first (layer by layer, each
//! an n_in×n_out row-major block), then every layer's biases. Penalties and weight histograms take
//! the leading weight block as one slice; optimizers update the whole vector in one loop.
//!
//! Forward, for each layer l with input A (N×n_in): Z = A·W + b; the hidden layers apply the
//! activation, the last layer keeps Z as the scores. Backward (反向传播), given δ = dL/dZ of the
//! last layer: ∂L/∂W = Aᵀ·δ, ∂L/∂b = Σ_rows δ, and for the layer below δ′ = (δ·Wᵀ) ⊙ f′(A).

use ndarray::{Array2, ArrayView2, ArrayViewMut2, s};

use super::activation::Activation;
use super::rng::Rng;

/// The shape of a network.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Architecture {
    /// Number of input features.
    pub inputs: usize,
    /// Width of each hidden layer, input side first (0 to 3 layers).
    pub hidden: Vec<usize>,
    /// Number of output scores k.
    pub outputs: usize,
    /// Activation of the hidden layers.
    pub activation: Activation,
}

impl Architecture {
    /// Widths of every layer, inputs and outputs included.
    pub fn widths(&self) -> Vec<usize> {
        let mut w = vec![self.inputs];
        w.extend_from_slice(&self.hidden);
        w.push(self.outputs);
        w
    }
}

/// Where one layer's parameters are in the flat vector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerShape {
    /// Inputs of the layer.
    pub inputs: usize,
    /// Outputs of the layer.
    pub outputs: usize,
    /// Offset of the inputs×outputs weight block.
    pub weights: usize,
    /// Offset of the outputs biases.
    pub biases: usize,
}

/// A multilayer perceptron with all its parameters in one flat vector.
#[derive(Clone, Debug, PartialEq)]
pub struct Mlp {
    arch: Architecture,
    layers: Vec<LayerShape>,
    params: Vec<f64>,
    weight_count: usize,
}

/// Scratch buffers for forward and backward passes over batches of up to `capacity` rows.
/// Grown when a larger batch comes; reused otherwise, so a steady training loop allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// Output of each layer (after the activation for hidden layers; the scores for the last).
    outputs: Vec<Array2<f64>>,
    /// dL/dZ of the current layer and of the one below (two buffers used in turn).
    delta: [Array2<f64>; 2],
    capacity: usize,
}

impl Mlp {
    /// A network with weights drawn from `seed`: Glorot-uniform, ±√(6/(n_in + n_out)), for tanh,
    /// sigmoid and linear; He-uniform, ±√(6/n_in), for ReLU; biases start at 0.
    pub fn new(arch: Architecture, seed: u64) -> Self {
        let widths = arch.widths();
        let weight_count: usize = widths.windows(2).map(|w| w[0] * w[1]).sum();
        let bias_count: usize = widths[1..].iter().sum();
        let mut layers = Vec::with_capacity(widths.len() - 1);
        let (mut w_off, mut b_off) = (0, weight_count);
        for pair in widths.windows(2) {
            layers.push(LayerShape {
                inputs: pair[0],
                outputs: pair[1],
                weights: w_off,
                biases: b_off,
            });
            w_off += pair[0] * pair[1];
            b_off += pair[1];
        }
        let mut mlp = Mlp {
            arch,
            layers,
            params: vec![0.0; weight_count + bias_count],
            weight_count,
        };
        mlp.initialize(seed);
        mlp
    }

    /// Draws fresh weights from `seed` and zeroes the biases (same seed, same weights).
    pub fn initialize(&mut self, seed: u64) {
        let mut rng = Rng::new(seed ^ 0x5EED_0F3E_1647_5000);
        let relu = self.arch.activation == Activation::Relu;
        for layer in &self.layers {
            let fan = if relu {
                layer.inputs
            } else {
                layer.inputs + layer.outputs
            };
            let limit = libm::sqrt(6.0 / fan as f64);
            let block =
                &mut self.params[layer.weights..layer.weights + layer.inputs * layer.outputs];
            for w in block {
                *w = rng.range(-limit, limit);
            }
        }
        self.params[self.weight_count..].fill(0.0);
    }

    /// The architecture.
    pub fn architecture(&self) -> &Architecture {
        &self.arch
    }

    /// Where each layer's parameters sit in [`Mlp::params`].
    pub fn layers(&self) -> &[LayerShape] {
        &self.layers
    }

    /// Every parameter: all weights, then all biases.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Every parameter, writable.
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// Number of weights (the leading block of [`Mlp::params`]); the rest are biases.
    pub fn weight_count(&self) -> usize {
        self.weight_count
    }

    /// The weights only (what penalties act on).
    pub fn weights(&self) -> &[f64] {
        &self.params[..self.weight_count]
    }

    /// Scores of every row of `x` (N×inputs); returns a view of the N×k scores inside `ws`.
    pub fn forward<'w>(&self, x: ArrayView2<f64>, ws: &'w mut Workspace) -> ArrayView2<'w, f64> {
        let n = x.nrows();
        debug_assert_eq!(x.ncols(), self.arch.inputs);
        ws.ensure(&self.layers, n);
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = ws.outputs.split_at_mut(l);
            let input = if l == 0 {
                x
            } else {
                before[l - 1].slice(s![..n, ..])
            };
            let mut out = rest[0].slice_mut(s![..n, ..]);
            let act = (l < last).then_some(self.arch.activation);
            affine(&self.params, layer, input, &mut out, act);
        }
        ws.outputs[last].slice(s![..n, ..])
    }

    /// Backpropagation after [`Mlp::forward`] on the same `x`: given dL/dscores (N×k, written
    /// through [`Workspace::scores_and_delta`]), writes ∂L/∂params into `grad` (overwritten; same layout as params).
    pub fn backward(&self, x: ArrayView2<f64>, ws: &mut Workspace, grad: &mut [f64]) {
        let n = x.nrows();
        grad.fill(0.0);
        let mut cur = 0;
        for l in (0..self.layers.len()).rev() {
            let layer = self.layers[l];
            let [d0, d1] = &mut ws.delta;
            let (delta, below) = if cur == 0 { (d0, d1) } else { (d1, d0) };
            let delta = delta.slice(s![..n, ..layer.outputs]);
            let input = if l == 0 {
                x
            } else {
                ws.outputs[l - 1].slice(s![..n, ..])
            };
            accumulate_grad(layer, input, delta, grad);
            if l > 0 {
                let mut below = below.slice_mut(s![..n, ..layer.inputs]);
                propagate(
                    &self.params,
                    layer,
                    delta,
                    input,
                    self.arch.activation,
                    &mut below,
                );
                cur = 1 - cur;
            }
        }
    }
}

/// The rows of a matrix view as one row-major slice (every view the engine passes is contiguous).
fn contiguous<'a>(m: &'a ArrayView2<'_, f64>) -> &'a [f64] {
    m.as_slice()
        .expect("engine matrices are contiguous row-major")
}

/// out = act(input·W + b) for one layer (no activation on the last layer).
fn affine(
    params: &[f64],
    layer: &LayerShape,
    input: ArrayView2<f64>,
    out: &mut ArrayViewMut2<f64>,
    act: Option<Activation>,
) {
    let (n_in, n_out) = (layer.inputs, layer.outputs);
    let w = &params[layer.weights..layer.weights + n_in * n_out];
    let b = &params[layer.biases..layer.biases + n_out];
    let out = out.as_slice_mut().expect("workspace rows are contiguous");
    for (a, z) in contiguous(&input)
        .chunks_exact(n_in)
        .zip(out.chunks_exact_mut(n_out))
    {
        z.copy_from_slice(b);
        for (&ak, w_row) in a.iter().zip(w.chunks_exact(n_out)) {
            for (zj, &wkj) in z.iter_mut().zip(w_row) {
                *zj += ak * wkj;
            }
        }
    }
    // A separate pass over the whole block, so the activation's loop runs long and vectorizes.
    if let Some(act) = act {
        for v in out.iter_mut() {
            *v = act.apply(*v);
        }
    }
}

/// grad_W += inputᵀ·δ and grad_b += Σ_rows δ for one layer.
fn accumulate_grad(
    layer: LayerShape,
    input: ArrayView2<f64>,
    delta: ArrayView2<f64>,
    grad: &mut [f64],
) {
    let (n_in, n_out) = (layer.inputs, layer.outputs);
    let (gw, gb) = grad.split_at_mut(layer.biases);
    let gw = &mut gw[layer.weights..layer.weights + n_in * n_out];
    let gb = &mut gb[..n_out];
    let rows = input.nrows();
    for r in 0..rows {
        let a = &contiguous(&input)[r * n_in..(r + 1) * n_in];
        let d = delta.row(r);
        let d = d.as_slice().expect("workspace rows are contiguous");
        for (gbj, &dj) in gb.iter_mut().zip(d) {
            *gbj += dj;
        }
        for (&ak, g_row) in a.iter().zip(gw.chunks_exact_mut(n_out)) {
            for (g, &dj) in g_row.iter_mut().zip(d) {
                *g += ak * dj;
            }
        }
    }
}

/// δ_below = (δ·Wᵀ) ⊙ f′(input), the error passed to the layer below.
fn propagate(
    params: &[f64],
    layer: LayerShape,
    delta: ArrayView2<f64>,
    input: ArrayView2<f64>,
    act: Activation,
    below: &mut ArrayViewMut2<f64>,
) {
    let (n_in, n_out) = (layer.inputs, layer.outputs);
    let w = &params[layer.weights..layer.weights + n_in * n_out];
    let a_all = contiguous(&input);
    for r in 0..input.nrows() {
        let d = delta.row(r);
        let d = d.as_slice().expect("workspace rows are contiguous");
        let a = &a_all[r * n_in..(r + 1) * n_in];
        let mut b_row = below.row_mut(r);
        let b = b_row.as_slice_mut().expect("workspace rows are contiguous");
        for ((bk, &ak), w_row) in b.iter_mut().zip(a).zip(w.chunks_exact(n_out)) {
            let s: f64 = w_row.iter().zip(d).map(|(w, d)| w * d).sum();
            *bk = s * act.derivative_from_output(ak);
        }
    }
}

impl Workspace {
    /// Makes room for batches of `n` rows through `layers`; allocates only when it must grow.
    pub fn ensure(&mut self, layers: &[LayerShape], n: usize) {
        let shapes_fit = self.outputs.len() == layers.len()
            && self
                .outputs
                .iter()
                .zip(layers)
                .all(|(o, l)| o.ncols() == l.outputs);
        if shapes_fit && n <= self.capacity {
            return;
        }
        let capacity = n.max(self.capacity).max(1);
        let widest = layers
            .iter()
            .map(|l| l.inputs.max(l.outputs))
            .max()
            .expect("at least one layer");
        self.outputs = layers
            .iter()
            .map(|l| Array2::zeros((capacity, l.outputs)))
            .collect();
        self.delta = [
            Array2::zeros((capacity, widest)),
            Array2::zeros((capacity, widest)),
        ];
        self.capacity = capacity;
    }

    /// The scores of the last forward pass (first `n` rows) and the dL/dscores buffer, together.
    pub fn scores_and_delta(&mut self, n: usize) -> (ArrayView2<'_, f64>, ArrayViewMut2<'_, f64>) {
        let scores = self
            .outputs
            .last()
            .expect("a forward pass ran")
            .slice(s![..n, ..]);
        let k = scores.ncols();
        (scores, self.delta[0].slice_mut(s![..n, ..k]))
    }
}
