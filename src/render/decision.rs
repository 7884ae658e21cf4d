//! The decision-region raster: for every cell of a square grid over the plane, the class the
//! network picks there and how sure it is, as RGBA pixels ready for one `putImageData`.
//!
//! The grid is evaluated in f32 with the points of one raster row side by side in memory, so the
//! inner loops run over contiguous lanes and vectorize (SIMD in WebAssembly). Colours need no
//! more precision; the training itself stays in f64.

use crate::engine::activation::Activation;
use crate::engine::model::Mlp;

use super::palette;

/// The plane shown: [−EXTENT, EXTENT]² (the data lies in [−1, 1]², with room for markers).
pub const EXTENT: f64 = 1.15;

/// A reusable raster of the decision regions; buffers are allocated once per size and shape.
pub struct DecisionMap {
    size: usize,
    rgba: Vec<u8>,
    /// f32 copies of the parameters (same layout as the model's).
    params: Vec<f32>,
    /// Activations of each layer for one raster row: width × size, feature-major.
    layers: Vec<Vec<f32>>,
    /// x coordinate of every column.
    xs: Vec<f32>,
    /// Per column of the current row: the top score, its class, then Σ_j e^(s_j − top).
    top: Vec<f32>,
    best: Vec<f32>,
    sum: Vec<f32>,
    /// The constant score 0 of class 0 when the network has one output (σ(s) against 1 − σ(s)).
    zeros: Vec<f32>,
}

impl DecisionMap {
    /// A raster of size × size cells.
    pub fn new(size: usize) -> Self {
        let xs = (0..size).map(|i| coordinate(i, size) as f32).collect();
        DecisionMap {
            size,
            rgba: vec![255; size * size * 4],
            params: Vec::new(),
            layers: Vec::new(),
            xs,
            top: vec![0.0; size],
            best: vec![0.0; size],
            sum: vec![0.0; size],
            zeros: vec![0.0; size],
        }
    }

    /// Cells per side.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The pixels, row by row from the top (y = +EXTENT) down, 4 bytes (RGBA) each.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }

    /// Checks the raster against the f64 model, cell by cell: every cell whose top two class
    /// probabilities are more than 10⁻³ apart (elsewhere f32 may rightly pick the other class)
    /// must have the colour of the model's class and probability, to ±1 per channel. Returns how
    /// many cells were checked, or the (row, column) of the first that differs. Slow (a forward
    /// pass per cell): for tests, never for frames.
    pub fn verify(&self, model: &Mlp) -> Result<usize, (usize, usize)> {
        let k = model.architecture().outputs;
        let size = self.size;
        let mut ws = crate::engine::model::Workspace::default();
        let mut checked = 0;
        for row in 0..size {
            for col in 0..size {
                let at = [coordinate(col, size), coordinate(size - 1 - row, size)];
                let x = ndarray::ArrayView2::from_shape((1, 2), &at).expect("one point");
                let scores = model.forward(x, &mut ws).row(0).to_vec();
                // One output is class 1's logit against a class 0 of score 0.
                let rows = if k == 1 { vec![0.0, scores[0]] } else { scores };
                let mut p = vec![0.0; rows.len()];
                crate::engine::loss::softmax(&rows, &mut p);
                let class = crate::engine::loss::predicted_class(&p);
                let mut sorted = p.clone();
                sorted.sort_by(f64::total_cmp);
                if sorted[sorted.len() - 1] - sorted[sorted.len() - 2] < 1e-3 {
                    continue;
                }
                let want = palette::region(class, p[class] as f32, p.len());
                let i = (row * size + col) * 4;
                let got = &self.rgba[i..i + 3];
                if got
                    .iter()
                    .zip(want)
                    .any(|(&g, w)| (g as i32 - w as i32).abs() > 1)
                {
                    return Err((row, col));
                }
                checked += 1;
            }
        }
        Ok(checked)
    }

    /// Evaluates `model` on every cell and colours it by the winning class and its probability.
    pub fn fill(&mut self, model: &Mlp) {
        let arch = model.architecture();
        let k = arch.outputs;
        let size = self.size;
        // Buffers of the network's own sizes: made again when its shape changes (never grown
        // in place, so that a wider network before leaves no room behind).
        let params = model.params();
        if self.params.len() != params.len() {
            self.params = vec![0.0; params.len()];
        }
        for (p, &v) in self.params.iter_mut().zip(params) {
            *p = v as f32;
        }
        // Buffer 0 holds the two inputs; buffer l + 1 the outputs of layer l.
        let shapes = model.layers();
        let lens =
            std::iter::once(shapes[0].inputs * size).chain(shapes.iter().map(|s| s.outputs * size));
        if !self.layers.iter().map(Vec::len).eq(lens.clone()) {
            self.layers = lens.map(|n| vec![0.0; n]).collect();
        }
        self.layers[0][..size].copy_from_slice(&self.xs);
        let last = model.layers().len() - 1;
        for row in 0..size {
            let y = coordinate(size - 1 - row, size) as f32;
            self.layers[0][size..2 * size].fill(y);
            for (l, shape) in model.layers().iter().enumerate() {
                let (inputs, outputs) = self.layers.split_at_mut(l + 1);
                let act = (l < last).then_some(arch.activation);
                layer_forward(&self.params, shape, &inputs[l], &mut outputs[0], size, act);
            }
            let scores = &self.layers[last + 1];
            // One score row per class; a single output s is class 1 against a class 0 of score 0.
            let class_rows: [&[f32]; 3] = if k == 1 {
                [&self.zeros, &scores[..size], &[]]
            } else {
                std::array::from_fn(|j| {
                    if j < k {
                        &scores[j * size..(j + 1) * size]
                    } else {
                        &[]
                    }
                })
            };
            let classes = k.max(2);
            winners(
                &class_rows[..classes],
                &mut self.top,
                &mut self.best,
                &mut self.sum,
            );
            let pixels = &mut self.rgba[row * size * 4..(row + 1) * size * 4];
            for ((px, &best), &sum) in pixels.chunks_exact_mut(4).zip(&self.best).zip(&self.sum) {
                let c = palette::region(best as usize, 1.0 / sum, classes);
                px.copy_from_slice(&[c[0], c[1], c[2], 255]);
            }
        }
    }
}

/// For every column p of a row: the first class with the largest score (`best`, as f32), that
/// score (`top`) and Σ_j e^(s_j − top) (`sum`), so that the winner's softmax probability is
/// 1/sum. Whole-row passes, so each loop vectorizes.
fn winners(rows: &[&[f32]], top: &mut [f32], best: &mut [f32], sum: &mut [f32]) {
    top.copy_from_slice(rows[0]);
    best.fill(0.0);
    for (j, row) in rows.iter().enumerate().skip(1) {
        for ((t, b), &s) in top.iter_mut().zip(best.iter_mut()).zip(row.iter()) {
            let above = s > *t;
            *t = if above { s } else { *t };
            *b = if above { j as f32 } else { *b };
        }
    }
    sum.fill(0.0);
    for row in rows {
        for ((acc, &t), &s) in sum.iter_mut().zip(top.iter()).zip(row.iter()) {
            *acc += exp2_32((s - t) * std::f32::consts::LOG2_E);
        }
    }
}

/// Centre of cell `i` of `size` along one axis, in plane coordinates.
pub fn coordinate(i: usize, size: usize) -> f64 {
    -EXTENT + (i as f64 + 0.5) * (2.0 * EXTENT / size as f64)
}

/// One layer over a raster row: out[j][p] = act(b_j + Σ_k W[k][j] · in[k][p]).
fn layer_forward(
    params: &[f32],
    shape: &crate::engine::model::LayerShape,
    input: &[f32],
    out: &mut [f32],
    size: usize,
    act: Option<Activation>,
) {
    for j in 0..shape.outputs {
        let z = &mut out[j * size..(j + 1) * size];
        z.fill(params[shape.biases + j]);
        for k in 0..shape.inputs {
            let w = params[shape.weights + k * shape.outputs + j];
            for (zp, &a) in z.iter_mut().zip(&input[k * size..(k + 1) * size]) {
                *zp += w * a;
            }
        }
        match act {
            None | Some(Activation::Linear) => {}
            Some(Activation::Tanh) => z.iter_mut().for_each(|v| *v = tanh32(*v)),
            Some(Activation::Sigmoid) => {
                z.iter_mut().for_each(|v| *v = 0.5 + 0.5 * tanh32(0.5 * *v))
            }
            // A select, not f32::max, whose NaN rule keeps it from vectorizing.
            Some(Activation::Relu) => z
                .iter_mut()
                .for_each(|v| *v = if *v > 0.0 { *v } else { 0.0 }),
        }
    }
}

/// x clamped to [−limit, limit] with two compare-and-selects, which vectorize to packed
/// min/max in WebAssembly (`f32::clamp` and `f32::min` carry NaN rules that do not).
#[inline(always)]
fn clamp_lanes(x: f32, limit: f32) -> f32 {
    let x = if x < -limit { -limit } else { x };
    if x > limit { limit } else { x }
}

/// 2^x in f32 to about 1e-7 relative, branch-free so that loops over it vectorize.
#[inline(always)]
fn exp2_32(x: f32) -> f32 {
    // 1.5·2²³: adding and subtracting it rounds to the nearest integer, and the low bits of the
    // sum hold that integer.
    const ROUNDER: f32 = 12_582_912.0;
    let x = clamp_lanes(x, 126.0);
    let shifted = x + ROUNDER;
    let n = shifted - ROUNDER;
    let f = x - n;
    // e^(f·ln2) by its Taylor series to f⁶, |f| ≤ ½.
    let t = f * std::f32::consts::LN_2;
    let poly = 1.0
        + t * (1.0
            + t * (0.5
                + t * (1.0 / 6.0 + t * (1.0 / 24.0 + t * (1.0 / 120.0 + t * (1.0 / 720.0))))));
    let n_bits = shifted.to_bits().wrapping_sub(ROUNDER.to_bits());
    poly * f32::from_bits(n_bits.wrapping_add(127) << 23)
}

/// tanh in f32 for display, within 10⁻⁴: Lambert's continued fraction cut at order 7,
/// x(135135 + 17325x² + 378x⁴ + x⁶)/(135135 + 62370x² + 3150x⁴ + 28x⁶), capped at ±1 (which it
/// passes near |x| = 4.97). A tenth of a thousandth moves no colour by a visible step, and it
/// costs a third of the exp-based form.
#[inline(always)]
fn tanh32(x: f32) -> f32 {
    let x = clamp_lanes(x, 9.0);
    let x2 = x * x;
    let p = x * (135_135.0 + x2 * (17_325.0 + x2 * (378.0 + x2)));
    let q = 135_135.0 + x2 * (62_370.0 + x2 * (3_150.0 + 28.0 * x2));
    clamp_lanes(p / q, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::activation::Activation;
    use crate::engine::model::Architecture;

    #[test]
    fn fast_f32_functions_are_accurate_enough_for_colours() {
        let mut x = -20.0f32;
        while x < 20.0 {
            assert!(
                (tanh32(x) as f64 - (x as f64).tanh()).abs() < 1e-4,
                "tanh {x}"
            );
            let e = exp2_32(x) as f64;
            assert!((e / 2f64.powf(x as f64) - 1.0).abs() < 1e-6, "exp2 {x}");
            x += 0.013;
        }
    }

    #[test]
    fn a_diverged_model_paints_neutral_grey_not_black() {
        let arch = Architecture {
            inputs: 2,
            hidden: vec![4],
            outputs: 3,
            activation: Activation::Tanh,
        };
        let mut model = Mlp::new(arch, 1);
        model.params_mut().fill(f64::NAN);
        let mut map = DecisionMap::new(8);
        map.fill(&model);
        for px in map.rgba().chunks(4) {
            assert_eq!(
                px,
                [
                    palette::UNDEFINED[0],
                    palette::UNDEFINED[1],
                    palette::UNDEFINED[2],
                    255
                ]
            );
        }
    }

    #[test]
    fn every_cell_shows_the_class_and_certainty_the_f64_model_gives() {
        for outputs in [3, 1] {
            for activation in Activation::ALL {
                let arch = Architecture {
                    inputs: 2,
                    hidden: vec![8, 8, 8],
                    outputs,
                    activation,
                };
                // Large weights make sharp, varied regions.
                let mut model = Mlp::new(arch, 3);
                model.params_mut().iter_mut().for_each(|v| *v *= 3.0);
                let mut map = DecisionMap::new(40);
                map.fill(&model);
                let checked = map.verify(&model).unwrap_or_else(|cell| {
                    panic!("{activation:?}, {outputs} outputs: cell {cell:?} differs")
                });
                assert!(
                    checked > 1400,
                    "{activation:?}: only {checked} cells checked"
                );
            }
        }
    }

    #[test]
    fn verify_notices_a_wrong_pixel() {
        let arch = Architecture {
            inputs: 2,
            hidden: vec![4],
            outputs: 3,
            activation: Activation::Tanh,
        };
        let model = Mlp::new(arch, 2);
        let mut map = DecisionMap::new(10);
        map.fill(&model);
        assert!(map.verify(&model).is_ok());
        let i = (3 * 10 + 4) * 4;
        map.rgba[i] = map.rgba[i].wrapping_add(40);
        assert_eq!(map.verify(&model), Err((3, 4)));
    }
}
