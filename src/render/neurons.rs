//! Every neuron's map over the input plane, for the network diagram: on a small square grid over
//! [−EXTENT, EXTENT]², the output of each hidden neuron (after its activation) and each class's
//! probability, computed by the model's own forward pass in f64 (so a map's value at a cell is
//! exactly what the network computes there), and coloured into RGBA.

use super::decision::EXTENT;
use super::palette;
use crate::engine::activation::Activation;
use crate::engine::loss::{MAX_CLASSES, softmax};
use crate::engine::model::{Mlp, Workspace};

/// Colour of a hidden neuron's negative and positive outputs (purple and brown, apart from the
/// three class colours).
const NEGATIVE: palette::Rgb = [0x6A, 0x3D, 0x9A];
const POSITIVE: palette::Rgb = [0xB1, 0x59, 0x28];

/// The maps of every neuron of a network on a `size` × `size` grid; buffers reused.
pub struct NeuronMaps {
    size: usize,
    workspace: Workspace,
    /// Hidden layers of the network last filled, their widths, and its outputs.
    hidden: usize,
    hidden_widths: Vec<usize>,
    outputs: usize,
    activation: Activation,
    /// The class probabilities, class-major: class j of cell c at `j·cells + c`.
    probabilities: Vec<f64>,
}

impl NeuronMaps {
    /// Maps of `size` × `size` cells (at least 2).
    pub fn new(size: usize) -> NeuronMaps {
        NeuronMaps {
            size: size.max(2),
            workspace: Workspace::default(),
            hidden: 0,
            hidden_widths: Vec::new(),
            outputs: 0,
            activation: Activation::Tanh,
            probabilities: Vec::new(),
        }
    }

    /// Cells per side.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The plane point at the centre of cell `c` (row by row from the top, y = +EXTENT, like
    /// the decision map).
    pub fn point(&self, c: usize) -> [f64; 2] {
        cell_point(self.size, c)
    }

    /// Runs `model` on every cell: each hidden neuron's output and each class's probability
    /// (softmax of the scores; one output s is class 1's logit against a class 0 of score 0).
    pub fn fill(&mut self, model: &Mlp) {
        let cells = self.size * self.size;
        let size = self.size;
        let arch = model.architecture();
        if arch.hidden != self.hidden_widths || arch.outputs != self.outputs {
            // A network of another shape: buffers made for it alone (the workspace never
            // shrinks, so a wider network before would otherwise leave its room behind).
            self.workspace = Workspace::default();
        }
        let (input, lanes) = self.workspace.input_mut(model.layers(), cells);
        for c in 0..cells {
            let [x, y] = cell_point(size, c);
            input[c] = x;
            input[lanes + c] = y;
        }
        model.forward_loaded(&mut self.workspace);
        self.hidden = arch.hidden.len();
        self.hidden_widths.clear();
        self.hidden_widths.extend_from_slice(&arch.hidden);
        self.outputs = arch.outputs;
        self.activation = arch.activation;
        let k = arch.outputs;
        let classes = k.max(2);
        self.probabilities.resize(classes * cells, 0.0);
        let last = self.hidden;
        let mut scores = [0.0; MAX_CLASSES];
        let mut p = [0.0; MAX_CLASSES];
        for c in 0..cells {
            if k == 1 {
                scores[0] = 0.0;
                scores[1] = self.workspace.output(last, 0)[c];
            } else {
                for (j, s) in scores.iter_mut().enumerate().take(k) {
                    *s = self.workspace.output(last, j)[c];
                }
            }
            softmax(&scores[..classes], &mut p[..classes]);
            for (j, &pj) in p.iter().enumerate().take(classes) {
                self.probabilities[j * cells + c] = pj;
            }
        }
    }

    /// The widths of the layers drawn: each hidden layer's, then the classes'.
    pub fn widths(&self) -> impl Iterator<Item = usize> + '_ {
        self.hidden_widths
            .iter()
            .copied()
            .chain(std::iter::once(self.outputs.max(2)))
    }

    /// Neuron `j` of layer `l` on every cell: a hidden neuron's output (l < the hidden layers'
    /// count), or class `j`'s probability (l = that count).
    pub fn neuron(&self, l: usize, j: usize) -> &[f64] {
        let cells = self.size * self.size;
        if l < self.hidden {
            self.workspace.output(l, j)
        } else {
            &self.probabilities[j * cells..(j + 1) * cells]
        }
    }

    /// The map of input `k` (0: x₁, 1: x₂) as RGBA into `out`: the input itself, coloured like a
    /// hidden neuron's output against the plane's reach.
    pub fn input_rgba_into(&self, k: usize, out: &mut [u8]) {
        for (c, px) in out.chunks_exact_mut(4).enumerate() {
            let t = (self.point(c)[k.min(1)] / EXTENT).clamp(-1.0, 1.0);
            let end = if t < 0.0 { NEGATIVE } else { POSITIVE };
            let colour = mix(end, t.abs() * f64::from(palette::MAX_TINT) * 1.4);
            px.copy_from_slice(&[colour[0], colour[1], colour[2], 255]);
        }
    }

    /// The map of neuron `j` of layer `l` as RGBA into `out` (4 bytes per cell, row by row from
    /// the top). A hidden neuron is purple where its output is negative and brown where it is
    /// positive, the stronger the larger |output| against the largest the activation gives (1 for
    /// tanh; for ReLU, sigmoid about ½, and linear, the largest on this map); a class is its
    /// colour, the stronger the likelier.
    pub fn rgba_into(&self, l: usize, j: usize, out: &mut [u8]) {
        let values = self.neuron(l, j);
        let (colour_of, reach): (&dyn Fn(f64, f64) -> palette::Rgb, f64) = if l < self.hidden {
            let (centre, reach) = match self.activation {
                Activation::Tanh => (0.0, 1.0),
                Activation::Sigmoid => (0.5, 0.5),
                Activation::Relu | Activation::Linear => {
                    (0.0, values.iter().fold(0.0_f64, |m, v| m.max(v.abs())))
                }
            };
            (
                &move |v: f64, reach: f64| {
                    let t = if reach > 0.0 {
                        ((v - centre) / reach).clamp(-1.0, 1.0)
                    } else {
                        0.0
                    };
                    let end = if t < 0.0 { NEGATIVE } else { POSITIVE };
                    mix(end, t.abs() * f64::from(palette::MAX_TINT) * 1.4)
                },
                reach,
            )
        } else {
            let class = palette::CLASS[j % 3];
            (&move |p: f64, _| mix(class, p * 0.9), 1.0)
        };
        for (px, &v) in out.chunks_exact_mut(4).zip(values) {
            let c = colour_of(v, reach);
            px.copy_from_slice(&[c[0], c[1], c[2], 255]);
        }
    }
}

/// The centre of cell `c` of a `size` × `size` grid over the plane, row by row from the top.
fn cell_point(size: usize, c: usize) -> [f64; 2] {
    let step = 2.0 * EXTENT / size as f64;
    let (row, col) = (c / size, c % size);
    [
        -EXTENT + (col as f64 + 0.5) * step,
        EXTENT - (row as f64 + 0.5) * step,
    ]
}

/// White mixed with `colour` by `t` in [0, 1].
fn mix(colour: palette::Rgb, t: f64) -> palette::Rgb {
    let t = t.clamp(0.0, 1.0);
    colour.map(|c| (255.0 + (f64::from(c) - 255.0) * t).round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::Architecture;

    /// The network's outputs at `x`, layer by layer, computed here from its parameters alone:
    /// zₗ = bₗ + Σₖ aₖ·Wₗ[k][j], a = act(z) for hidden layers.
    fn by_hand(model: &Mlp, x: [f64; 2]) -> Vec<Vec<f64>> {
        let params = model.params();
        let act = model.architecture().activation;
        let last = model.layers().len() - 1;
        let mut a = x.to_vec();
        let mut out = Vec::new();
        for (l, shape) in model.layers().iter().enumerate() {
            let z: Vec<f64> = (0..shape.outputs)
                .map(|j| {
                    let mut s = params[shape.biases + j];
                    for (k, ak) in a.iter().enumerate() {
                        s += ak * params[shape.weights + k * shape.outputs + j];
                    }
                    s
                })
                .collect();
            a = if l < last {
                z.iter().map(|&v| act.apply(v)).collect()
            } else {
                z
            };
            out.push(a.clone());
        }
        out
    }

    #[test]
    fn each_neurons_map_is_the_networks_own_output_at_every_sampled_cell() {
        for (hidden, activation, k) in [
            (vec![3, 2], Activation::Tanh, 3),
            (vec![16, 16, 16], Activation::Relu, 3),
            (vec![4], Activation::Sigmoid, 3),
            (vec![], Activation::Linear, 3),
            (vec![5], Activation::Tanh, 1),
        ] {
            let model = Mlp::new(
                Architecture {
                    inputs: 2,
                    hidden: hidden.clone(),
                    outputs: k,
                    activation,
                },
                7,
            );
            let mut maps = NeuronMaps::new(21);
            maps.fill(&model);
            let widths: Vec<usize> = maps.widths().collect();
            let mut want = hidden.clone();
            want.push(k.max(2));
            assert_eq!(widths, want);
            for c in [0, 10, 220, 440] {
                let x = maps.point(c);
                let layers = by_hand(&model, x);
                for (l, outputs) in layers.iter().enumerate().take(hidden.len()) {
                    for (j, v) in outputs.iter().enumerate() {
                        let got = maps.neuron(l, j)[c];
                        assert!((got - v).abs() <= 1e-12 * v.abs().max(1.0), "{l} {j} {c}");
                    }
                }
                let scores = layers.last().unwrap();
                let rows = if k == 1 {
                    vec![0.0, scores[0]]
                } else {
                    scores.clone()
                };
                let e: Vec<f64> = rows.iter().map(|s| s.exp()).collect();
                let sum: f64 = e.iter().sum();
                for (j, ej) in e.iter().enumerate() {
                    let got = maps.neuron(hidden.len(), j)[c];
                    assert!((got - ej / sum).abs() < 1e-12, "class {j} at {c}");
                }
            }
            // Cell 0 is the top-left corner's centre, the last the bottom-right's.
            let step = 2.0 * EXTENT / 21.0;
            assert_eq!(maps.point(0), [-EXTENT + step / 2.0, EXTENT - step / 2.0]);
            let mut rgba = vec![0; 21 * 21 * 4];
            maps.rgba_into(hidden.len(), 0, &mut rgba);
            assert!(rgba.chunks_exact(4).all(|p| p[3] == 255));
        }
    }

    #[test]
    fn a_hidden_neuron_is_coloured_by_the_sign_and_size_of_its_output() {
        let model = Mlp::new(
            Architecture {
                inputs: 2,
                hidden: vec![6],
                outputs: 3,
                activation: Activation::Tanh,
            },
            3,
        );
        let mut maps = NeuronMaps::new(16);
        maps.fill(&model);
        let mut rgba = vec![0; 16 * 16 * 4];
        for j in 0..6 {
            maps.rgba_into(0, j, &mut rgba);
            for (c, &v) in maps.neuron(0, j).iter().enumerate() {
                let px = &rgba[4 * c..4 * c + 3];
                let want = mix(if v < 0.0 { NEGATIVE } else { POSITIVE }, v.abs() * 0.84);
                assert_eq!(px, want, "neuron {j} cell {c}");
            }
        }
    }
}
