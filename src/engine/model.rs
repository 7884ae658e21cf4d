//! The model: a multilayer perceptron with 0 to 6 hidden layers and k output scores.
//!
//! All parameters live in one flat vector: every layer's weights first (layer by layer, each
//! an n_in×n_out row-major block), then every layer's biases. Penalties and weight histograms take
//! the leading weight block as one slice; optimizers update the whole vector in one loop.
//!
//! Forward, for each layer l with input A (N×n_in): Z = A·W + b; the hidden layers apply the
//! activation, the last layer keeps Z as the scores. Backward (反向传播), given δ = dL/dZ of the
//! last layer: ∂L/∂W = Aᵀ·δ, ∂L/∂b = Σ_rows δ, and for the layer below δ′ = (δ·Wᵀ) ⊙ f′(A).
//!
//! A batch is laid out feature-major in the [`Workspace`]: one row per feature (input, neuron or
//! score), each row holding that feature for every sample of the batch side by side, padded to
//! an even length. Every kernel's inner loop then runs over samples two at a time ([`Pair`]: one
//! SIMD register), with the same IEEE operations per lane as one sample alone would get, and
//! keeps its sums in registers. The sums over samples (∂L/∂W and ∂L/∂b) add the even samples and
//! the odd samples apart, then the two totals, so they vectorize too and give the same bits on
//! every target. A padding lane has input 0 and error δ = 0, so it adds nothing to a gradient.

use ndarray::{ArrayView2, ShapeBuilder};

use super::lanes::Pair;

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

    /// Scores of every row of `x` (N×inputs): loads `x` into `ws` and runs [`Mlp::forward_loaded`];
    /// returns an N×k view of the scores inside `ws` (a transposed view: rows are not contiguous).
    pub fn forward<'w>(&self, x: ArrayView2<f64>, ws: &'w mut Workspace) -> ArrayView2<'w, f64> {
        debug_assert_eq!(x.ncols(), self.arch.inputs);
        ws.load(&self.layers, x);
        self.forward_loaded(ws);
        ws.scores()
    }

    /// The forward pass over the batch already in `ws` (see [`Workspace::load`] and
    /// [`Workspace::input_mut`]); the scores are then in [`Workspace::scores`].
    pub fn forward_loaded(&self, ws: &mut Workspace) {
        let lanes = ws.lanes;
        if lanes == 0 {
            return;
        }
        let last = self.layers.len() - 1;
        for (l, layer) in self.layers.iter().enumerate() {
            let (before, rest) = ws.outputs.split_at_mut(l);
            let input = if l == 0 {
                &ws.input[..layer.inputs * lanes]
            } else {
                &before[l - 1][..layer.inputs * lanes]
            };
            let out = &mut rest[0][..layer.outputs * lanes];
            let act = (l < last).then_some(self.arch.activation);
            affine(&self.params, layer, input, out, lanes, act);
        }
    }

    /// Backpropagation after [`Mlp::forward_loaded`] (or [`Mlp::forward`]) on the same batch: given
    /// dL/dscores (written through [`Workspace::scores_and_delta`]), writes ∂L/∂params into `grad`
    /// (overwritten; same layout as params).
    pub fn backward(&self, ws: &mut Workspace, grad: &mut [f64]) {
        let lanes = ws.lanes;
        if lanes == 0 {
            grad.fill(0.0);
            return;
        }
        let mut cur = 0;
        for l in (0..self.layers.len()).rev() {
            let layer = self.layers[l];
            let [d0, d1] = &mut ws.delta;
            let (delta, below) = if cur == 0 { (d0, d1) } else { (d1, d0) };
            let delta = &delta[..layer.outputs * lanes];
            let input = if l == 0 {
                &ws.input[..layer.inputs * lanes]
            } else {
                &ws.outputs[l - 1][..layer.inputs * lanes]
            };
            gradients(layer, input, delta, lanes, grad);
            if l > 0 {
                let below = &mut below[..layer.inputs * lanes];
                propagate(
                    &self.params,
                    layer,
                    delta,
                    input,
                    lanes,
                    self.arch.activation,
                    below,
                );
                cur = 1 - cur;
            }
        }
    }
}

/// out = act(input·W + b) for one layer (no activation on the last layer), feature-major with
/// rows of `lanes` values: out[j][s] = b_j + Σ_k W_kj·input[k][s], summed in the order k = 0, 1, …
fn affine(
    params: &[f64],
    layer: &LayerShape,
    input: &[f64],
    out: &mut [f64],
    lanes: usize,
    act: Option<Activation>,
) {
    let (n_in, n_out) = (layer.inputs, layer.outputs);
    let w = &params[layer.weights..layer.weights + n_in * n_out];
    let b = &params[layer.biases..layer.biases + n_out];
    for (j, z) in out.chunks_exact_mut(lanes).enumerate() {
        for (p, zp) in z.chunks_exact_mut(2).enumerate() {
            let mut acc = Pair::splat(b[j]);
            for (a, w_row) in input.chunks_exact(lanes).zip(w.chunks_exact(n_out)) {
                acc = acc.mul_add(Pair::splat(w_row[j]), Pair::load(&a[2 * p..2 * p + 2]));
            }
            acc.store(zp);
        }
    }
    // A separate pass over the whole block, so the activation's loop runs long and vectorizes.
    if let Some(act) = act {
        act.apply_all(out);
    }
}

/// ∂L/∂W_kj = Σ_s input[k][s]·δ[j][s] and ∂L/∂b_j = Σ_s δ[j][s] for one layer, written into its
/// blocks of `grad`. Each sum runs over the batch in two lanes (even samples, odd samples), then
/// adds the two.
fn gradients(layer: LayerShape, input: &[f64], delta: &[f64], lanes: usize, grad: &mut [f64]) {
    let (n_in, n_out) = (layer.inputs, layer.outputs);
    let (gw, gb) = grad.split_at_mut(layer.biases);
    let gw = &mut gw[layer.weights..layer.weights + n_in * n_out];
    let gb = &mut gb[..n_out];
    for (g, d) in gb.iter_mut().zip(delta.chunks_exact(lanes)) {
        let mut acc = Pair::splat(0.0);
        for dp in d.chunks_exact(2) {
            acc = acc + Pair::load(dp);
        }
        let [even, odd] = acc.lanes();
        *g = even + odd;
    }
    for (a, g_row) in input.chunks_exact(lanes).zip(gw.chunks_exact_mut(n_out)) {
        for (g, d) in g_row.iter_mut().zip(delta.chunks_exact(lanes)) {
            let mut acc = Pair::splat(0.0);
            for (ap, dp) in a.chunks_exact(2).zip(d.chunks_exact(2)) {
                acc = acc.mul_add(Pair::load(ap), Pair::load(dp));
            }
            let [even, odd] = acc.lanes();
            *g = even + odd;
        }
    }
}

/// δ_below[k][s] = (Σ_j W_kj·δ[j][s]) ⊙ f′(input[k][s]), the error passed to the layer below,
/// summed in the order j = 0, 1, …
fn propagate(
    params: &[f64],
    layer: LayerShape,
    delta: &[f64],
    input: &[f64],
    lanes: usize,
    act: Activation,
    below: &mut [f64],
) {
    let (n_in, n_out) = (layer.inputs, layer.outputs);
    let w = &params[layer.weights..layer.weights + n_in * n_out];
    for (b, w_row) in below.chunks_exact_mut(lanes).zip(w.chunks_exact(n_out)) {
        for (p, bp) in b.chunks_exact_mut(2).enumerate() {
            let mut acc = Pair::splat(0.0);
            for (&wkj, d) in w_row.iter().zip(delta.chunks_exact(lanes)) {
                acc = acc.mul_add(Pair::splat(wkj), Pair::load(&d[2 * p..2 * p + 2]));
            }
            acc.store(bp);
        }
    }
    // f′ in its own pass over the whole block, like the activation.
    act.scale_by_derivative(below, input);
}

/// Scratch buffers for forward and backward passes, feature-major (see the module's doc): row j
/// of a buffer holds feature j of the batch's samples at `j·lanes ..`, where `lanes` is the batch
/// size rounded up to even. Grown when a larger batch or a wider network comes, reused
/// otherwise, so a steady training loop allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Workspace {
    /// The batch's inputs: inputs × lanes.
    input: Vec<f64>,
    /// Output of each layer (after the activation for hidden layers; the scores for the last).
    outputs: Vec<Vec<f64>>,
    /// dL/dZ of the current layer and of the one below (two buffers used in turn).
    delta: [Vec<f64>; 2],
    /// Samples in the batch loaded last.
    rows: usize,
    /// The length of a row: `rows` rounded up to even.
    lanes: usize,
    /// Outputs of the last layer (score rows).
    classes: usize,
}

/// Grows `v` to at least `len` values (never shrinks, so later batches reuse it).
fn grow(v: &mut Vec<f64>, len: usize) {
    if v.len() < len {
        v.resize(len, 0.0);
    }
}

impl Workspace {
    /// Makes room for batches of `n` rows through `layers` and sets the batch size to `n`;
    /// allocates only when it must grow.
    fn ensure(&mut self, layers: &[LayerShape], n: usize) {
        let first = layers.first().expect("at least one layer");
        let last = layers.last().expect("at least one layer");
        let lanes = n.next_multiple_of(2);
        grow(&mut self.input, first.inputs * lanes);
        if self.outputs.len() < layers.len() {
            self.outputs.resize_with(layers.len(), Vec::new);
        }
        for (out, layer) in self.outputs.iter_mut().zip(layers) {
            grow(out, layer.outputs * lanes);
        }
        let widest = layers
            .iter()
            .map(|l| l.inputs.max(l.outputs))
            .max()
            .expect("at least one layer");
        for d in &mut self.delta {
            grow(d, widest * lanes);
        }
        self.rows = n;
        self.lanes = lanes;
        self.classes = last.outputs;
    }

    /// Loads the rows of `x` (N×inputs) as the batch, transposed into the feature-major input.
    pub fn load(&mut self, layers: &[LayerShape], x: ArrayView2<f64>) {
        let (input, lanes) = self.input_mut(layers, x.nrows());
        for (s, row) in x.rows().into_iter().enumerate() {
            for (k, &v) in row.iter().enumerate() {
                input[k * lanes + s] = v;
            }
        }
    }

    /// Sets the batch size to `n` and returns the feature-major input to fill, with the length
    /// of its rows: input k of sample s goes at `k·lanes + s` (s < n). The padding lane of an
    /// odd batch is set to 0 here and must stay 0.
    pub fn input_mut(&mut self, layers: &[LayerShape], n: usize) -> (&mut [f64], usize) {
        self.ensure(layers, n);
        let (inputs, lanes) = (layers[0].inputs, self.lanes);
        let input = &mut self.input[..inputs * lanes];
        if lanes > n {
            for row in input.chunks_exact_mut(lanes) {
                row[n] = 0.0;
            }
        }
        (input, lanes)
    }

    /// Samples in the batch loaded last.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Output `j` of layer `l` (0: the first hidden layer; the last: the scores) for every sample
    /// of the last forward pass, in order: after the activation for a hidden layer.
    pub fn output(&self, l: usize, j: usize) -> &[f64] {
        let start = j * self.lanes;
        &self.outputs[l][start..start + self.rows]
    }

    /// The scores of the last forward pass as an N×k view (rows are not contiguous).
    pub fn scores(&self) -> ArrayView2<'_, f64> {
        let (n, k, lanes) = (self.rows, self.classes, self.lanes);
        let last = self.outputs.last().expect("a forward pass ran");
        ArrayView2::from_shape((n, k).strides((1, lanes)), &last[..k * lanes])
            .expect("the score rows fit the buffer")
    }

    /// The scores of the last forward pass, feature-major (class j of sample s at `j·lanes + s`,
    /// with `lanes` the third value), and the dL/dscores buffer of the same layout, whose padding
    /// lanes are 0.
    pub fn scores_and_delta(&mut self) -> (&[f64], &mut [f64], usize) {
        let (n, lanes) = (self.rows, self.lanes);
        let len = lanes * self.classes;
        let scores = &self.outputs.last().expect("a forward pass ran")[..len];
        let delta = &mut self.delta[0][..len];
        if lanes > n {
            for row in delta.chunks_exact_mut(lanes) {
                row[n] = 0.0;
            }
        }
        (scores, delta, lanes)
    }
}
