//! The network diagram: one column per layer (the two inputs, each hidden layer, the classes),
//! one square tile per neuron (its map, see [`super::neurons`]), and one edge per weight, its
//! width and strength by |w| against the largest |w| (in [`LEVELS`] steps, so that a canvas
//! strokes each step's edges at once) and its colour by sign; a weight exactly 0 is a thin dashed
//! grey line (L1 makes them). The layout is computed into reused buffers; the edges are
//! drawn with a [`Pen`], so a frame allocates nothing.

use super::palette::{self, Rgb};
use std::fmt::Write;

use super::pen::{Ink, Pen, Side, StackText, Stroke};
use crate::engine::inspect::ParamPlace;
use crate::engine::model::{LayerShape, Mlp};

/// Colours of positive and negative weights (as the neurons' outputs, see `neurons`).
const POSITIVE: Rgb = [0xB1, 0x59, 0x28];
const NEGATIVE: Rgb = [0x6A, 0x3D, 0x9A];
/// A weight exactly 0.
const ZERO: Rgb = [0xB8, 0xB8, 0xB8];

/// Largest tile side, in CSS pixels.
const MAX_TILE: f64 = 56.0;

/// Where each neuron's tile is: square tiles of side `tile`, centred on `centres[l][j]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NetworkLayout {
    /// Side of every tile.
    pub tile: f64,
    /// The centre of tile j of column l (column 0: the inputs; the last: the classes).
    pub centres: Vec<Vec<(f64, f64)>>,
}

impl NetworkLayout {
    /// Lays out columns of `widths` neurons (inputs first, classes last) in a `w` × `h` box with
    /// `margin` around it and room at the right for the classes' names (`label` wide). Reuses
    /// its buffers: no allocation once they are large enough.
    pub fn fill(&mut self, widths: &[usize], w: f64, h: f64, margin: f64, label: f64) {
        let columns = widths.len().max(1);
        self.centres.resize_with(columns, Vec::new);
        let tallest = widths.iter().copied().max().unwrap_or(1).max(1) as f64;
        let left = margin;
        let right = (w - margin - label).max(left + 1.0);
        let spacing = if columns > 1 {
            (right - left) / (columns - 1) as f64
        } else {
            0.0
        };
        let pitch = ((h - 2.0 * margin) / tallest).max(1.0);
        let by_width = if columns > 1 {
            spacing * 0.45
        } else {
            MAX_TILE
        };
        self.tile = (pitch * 0.82).min(by_width).clamp(4.0, MAX_TILE);
        let x0 = left + self.tile / 2.0;
        let span = if columns > 1 {
            (right - left - self.tile) / (columns - 1) as f64
        } else {
            0.0
        };
        for (l, (column, &n)) in self.centres.iter_mut().zip(widths).enumerate() {
            column.clear();
            let x = x0 + span * l as f64;
            for j in 0..n {
                let y = h / 2.0 + (j as f64 - (n as f64 - 1.0) / 2.0) * pitch;
                column.push((x, y));
            }
        }
    }

    /// The same layout `k` times larger (a canvas's backing pixels from its CSS pixels).
    pub fn scaled(&self, k: f64) -> NetworkLayout {
        NetworkLayout {
            tile: self.tile * k,
            centres: self
                .centres
                .iter()
                .map(|c| c.iter().map(|&(x, y)| (x * k, y * k)).collect())
                .collect(),
        }
    }

    /// The weight whose edge passes nearest (x, y), within `reach` and outside every tile: its
    /// index in the flat parameters laid out by `layers`.
    pub fn edge_at(&self, layers: &[LayerShape], x: f64, y: f64, reach: f64) -> Option<usize> {
        if self.at(x, y).is_some() {
            return None;
        }
        let half = self.tile / 2.0;
        let mut best: Option<(f64, usize)> = None;
        for (l, shape) in layers.iter().enumerate() {
            let (Some(from), Some(to)) = (self.centres.get(l), self.centres.get(l + 1)) else {
                continue;
            };
            for (k, &(x0, y0)) in from.iter().enumerate().take(shape.inputs) {
                for (j, &(x1, y1)) in to.iter().enumerate().take(shape.outputs) {
                    let d = segment_distance((x, y), (x0 + half, y0), (x1 - half, y1));
                    if d <= reach && best.is_none_or(|(b, _)| d < b) {
                        best = Some((d, shape.weights + k * shape.outputs + j));
                    }
                }
            }
        }
        best.map(|(_, i)| i)
    }

    /// Where the edge of weight `i` (an index into the flat parameters laid out by `layers`)
    /// starts and ends; None for a bias or past the weights.
    pub fn edge_ends(&self, layers: &[LayerShape], i: usize) -> Option<((f64, f64), (f64, f64))> {
        let place = ParamPlace::of(layers, i)?;
        let (x0, y0) = *self.centres.get(place.layer)?.get(place.from?)?;
        let (x1, y1) = *self.centres.get(place.layer + 1)?.get(place.to)?;
        let half = self.tile / 2.0;
        Some(((x0 + half, y0), (x1 - half, y1)))
    }

    /// The tile under (x, y), as (column, neuron).
    pub fn at(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        let half = self.tile / 2.0;
        self.centres.iter().enumerate().find_map(|(l, column)| {
            column
                .iter()
                .position(|&(cx, cy)| (x - cx).abs() <= half && (y - cy).abs() <= half)
                .map(|j| (l, j))
        })
    }
}

/// The distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

/// How many strokes the edges take: weights are drawn in [`LEVELS`] sizes per sign (|w| /
/// largest rounded up to a level), all edges of one sign and level in one stroke, plus one for
/// the zeros.
pub const LEVELS: usize = 8;

/// The edges of `model` between the tiles of `layout` (edges first, so tiles cover their ends),
/// and the classes' names right of their tiles; the `selected` weight's edge on top, in a dark
/// halo. `scale` multiplies line widths and type.
pub fn draw_edges(
    pen: &mut dyn Pen,
    layout: &NetworkLayout,
    model: &Mlp,
    classes: [&str; 3],
    selected: Option<usize>,
    scale: f64,
) {
    let params = model.params();
    let largest = model.weights().iter().fold(0.0_f64, |m, w| m.max(w.abs()));
    let half = layout.tile / 2.0;
    // Every edge with its weight: (from, to, w).
    let edges = || {
        model
            .layers()
            .iter()
            .enumerate()
            .flat_map(move |(l, shape)| {
                let from = layout.centres.get(l).map_or(&[][..], Vec::as_slice);
                let to = layout.centres.get(l + 1).map_or(&[][..], Vec::as_slice);
                from.iter()
                    .enumerate()
                    .take(shape.inputs)
                    .flat_map(move |(k, &(x0, y0))| {
                        to.iter()
                            .enumerate()
                            .take(shape.outputs)
                            .map(move |(j, &(x1, y1))| {
                                let w = params[shape.weights + k * shape.outputs + j];
                                ((x0 + half, y0), (x1 - half, y1), w)
                            })
                    })
            })
    };
    // The zeros, then each sign and level, lightest first, so the heaviest lie on top.
    pen.segments(
        &mut edges().filter(|e| e.2 == 0.0).map(|(a, b, _)| (a, b)),
        edge_stroke(0.0, largest, scale),
    );
    for level in 1..=LEVELS {
        for sign in [1.0, -1.0] {
            let w = sign * level as f64 / LEVELS as f64 * largest;
            pen.segments(
                &mut edges()
                    .filter(|e| {
                        e.2 != 0.0 && e.2.signum() == sign && level_of(e.2, largest) == level
                    })
                    .map(|(a, b, _)| (a, b)),
                edge_stroke(w, largest, scale),
            );
        }
    }
    if let Some(i) = selected
        && let Some((a, b)) = layout.edge_ends(model.layers(), i)
    {
        let w = params[i];
        let mut stroke = edge_stroke(w, largest, scale);
        let halo = Stroke {
            colour: palette::INK,
            width: stroke.width + 4.0 * scale,
            dash: None,
        };
        pen.line(&mut [a, b].into_iter(), halo);
        stroke.width = stroke.width.max(1.5 * scale);
        pen.line(&mut [a, b].into_iter(), stroke);
    }
    if let Some(last) = layout.centres.last() {
        for (&(x, y), name) in last.iter().zip(classes) {
            pen.text(
                name,
                (x + half + 6.0 * scale, y),
                12.0 * scale,
                palette::INK,
                Side::Right,
            );
        }
    }
}

/// The level (1 to [`LEVELS`]) a non-zero weight `w` is drawn at: |w| / largest rounded up.
pub fn level_of(w: f64, largest: f64) -> usize {
    let t = if largest > 0.0 && w.is_finite() {
        (w.abs() / largest).min(1.0)
    } else {
        1.0
    };
    ((t * LEVELS as f64).ceil() as usize).clamp(1, LEVELS)
}

/// The stroke of a weight `w` when the largest |w| is `largest`: width from 0.6 to 4 px, colour
/// from pale to full by |w| / largest; exactly 0 dashed grey.
pub fn edge_stroke(w: f64, largest: f64, scale: f64) -> Stroke {
    if w == 0.0 {
        return Stroke {
            colour: ZERO,
            width: 0.8 * scale,
            dash: Some((3.0 * scale, 3.0 * scale)),
        };
    }
    let t = if largest > 0.0 && w.is_finite() {
        (w.abs() / largest).min(1.0)
    } else {
        1.0
    };
    let end = if w > 0.0 { POSITIVE } else { NEGATIVE };
    let s = 0.25 + 0.75 * t;
    Stroke {
        colour: end.map(|c| (255.0 + (f64::from(c) - 255.0) * s).round() as u8),
        width: (0.6 + 3.4 * t) * scale,
        dash: None,
    }
}

/// A small chart of one weight over the run: its value at each snapshot of the timeline (a
/// line), 0 dashed, and the iteration shown now marked by a dot on a vertical rule; its largest
/// and smallest values written at the left, the first and last iterations below. `series` gives
/// (iteration, value) oldest first, afresh on each call; `size` is the canvas in the pen's units.
pub fn draw_weight_history<I: Iterator<Item = (u64, f64)>>(
    pen: &mut dyn Pen,
    series: impl Fn() -> I,
    now: u64,
    size: (f64, f64),
    scale: f64,
) {
    let (mut lo, mut hi, mut first, mut last) = (0.0_f64, 0.0_f64, u64::MAX, 0);
    let mut now_value = None;
    for (i, v) in series() {
        if v.is_finite() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        first = first.min(i);
        last = last.max(i);
        if i == now {
            now_value = Some(v);
        }
    }
    if first == u64::MAX {
        return;
    }
    if hi - lo < 1e-12 {
        (lo, hi) = (lo - 1.0, hi + 1.0);
    }
    let (left, right, top, bottom) = (
        58.0 * scale,
        size.0 - 8.0 * scale,
        10.0 * scale,
        size.1 - 20.0 * scale,
    );
    let span = (last - first).max(1) as f64;
    let x = |i: u64| left + (i - first) as f64 / span * (right - left);
    let y = |v: f64| bottom - (v.clamp(lo, hi) - lo) / (hi - lo) * (bottom - top);
    pen.line(
        &mut [(left, y(0.0)), (right, y(0.0))].into_iter(),
        Stroke {
            colour: ZERO,
            width: scale,
            dash: Some((3.0 * scale, 3.0 * scale)),
        },
    );
    pen.line(
        &mut Envelope::new(
            series()
                .filter(|p| p.1.is_finite())
                .map(|(i, v)| (x(i), y(v))),
        ),
        Stroke {
            colour: palette::INK,
            width: 1.5 * scale,
            dash: None,
        },
    );
    if let Some(v) = now_value.filter(|v| v.is_finite()) {
        let at = x(now);
        pen.line(
            &mut [(at, top), (at, bottom)].into_iter(),
            Stroke {
                colour: palette::OBJECTIVE,
                width: scale,
                dash: None,
            },
        );
        pen.circle((at, y(v)), 4.0 * scale, Ink::Fill(palette::OBJECTIVE));
    }
    let size_px = 11.0 * scale;
    let mut write_at = |text: std::fmt::Arguments, at: (f64, f64), side: Side| {
        let mut t = StackText::new();
        let _ = t.write_fmt(text);
        pen.text(t.as_str(), at, size_px, palette::MUTED, side);
    };
    for (v, y) in [(hi, top), (lo, bottom)] {
        let at = (left - 4.0 * scale, y);
        if v != 0.0 && v.abs() < 0.01 {
            write_at(format_args!("{v:.1e}"), at, Side::Left);
        } else {
            write_at(format_args!("{v:.3}"), at, Side::Left);
        }
    }
    let below = bottom + 11.0 * scale;
    write_at(format_args!("{first}"), (left, below), Side::Right);
    write_at(format_args!("{last}"), (right, below), Side::Left);
}

/// A polyline thinned to what a screen can show: consecutive points that fall in one pixel
/// column become that column's first, lowest, highest and last points (in drawing order), so a
/// curve of thousands of jagged points is drawn with at most four per column and looks the same.
struct Envelope<I: Iterator<Item = (f64, f64)>> {
    points: std::iter::Peekable<I>,
    /// Points of the current column still to give, in order.
    out: [(f64, f64); 4],
    len: usize,
    at: usize,
}

impl<I: Iterator<Item = (f64, f64)>> Envelope<I> {
    fn new(points: I) -> Self {
        Envelope {
            points: points.peekable(),
            out: [(0.0, 0.0); 4],
            len: 0,
            at: 0,
        }
    }
}

impl<I: Iterator<Item = (f64, f64)>> Iterator for Envelope<I> {
    type Item = (f64, f64);

    fn next(&mut self) -> Option<(f64, f64)> {
        if self.at == self.len {
            let first = self.points.next()?;
            let column = first.0.floor();
            let (mut low, mut high, mut last) = (first, first, first);
            while let Some(&p) = self.points.peek() {
                if p.0.floor() != column {
                    break;
                }
                self.points.next();
                if p.1 < low.1 {
                    low = p;
                }
                if p.1 > high.1 {
                    high = p;
                }
                last = p;
            }
            // Low and high in the order they came.
            let (a, b) = if low.0 <= high.0 {
                (low, high)
            } else {
                (high, low)
            };
            self.out = [first, a, b, last];
            (self.len, self.at) = (4, 0);
        }
        self.at += 1;
        Some(self.out[self.at - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::activation::Activation;
    use crate::engine::model::Architecture;

    /// A pen that counts what it is asked to draw.
    #[derive(Default)]
    struct Count {
        lines: Vec<Stroke>,
        texts: Vec<String>,
    }

    impl Pen for Count {
        fn line(&mut self, points: &mut dyn Iterator<Item = (f64, f64)>, stroke: Stroke) {
            assert_eq!(points.count(), 2);
            self.lines.push(stroke);
        }
        fn rect(&mut self, _: (f64, f64), _: (f64, f64), _: super::super::pen::Ink) {}
        fn circle(&mut self, _: (f64, f64), _: f64, _: super::super::pen::Ink) {}
        fn triangle(&mut self, _: [(f64, f64); 3], _: Rgb) {}
        fn text(&mut self, text: &str, _: (f64, f64), _: f64, _: Rgb, _: Side) {
            self.texts.push(text.to_string());
        }
    }

    #[test]
    fn every_neuron_gets_a_tile_inside_the_box_and_no_two_tiles_overlap() {
        let mut layout = NetworkLayout::default();
        for (widths, w, h) in [
            (vec![2, 8, 8, 3], 560.0, 320.0),
            (vec![2, 16, 16, 16, 3], 330.0, 420.0),
            (vec![2, 3], 560.0, 320.0),
            (vec![2, 1, 3], 300.0, 200.0),
        ] {
            layout.fill(&widths, w, h, 8.0, 40.0);
            let counts: Vec<usize> = layout.centres.iter().map(Vec::len).collect();
            assert_eq!(counts, widths);
            let half = layout.tile / 2.0;
            let all: Vec<(f64, f64)> = layout.centres.iter().flatten().copied().collect();
            for &(x, y) in &all {
                assert!(
                    x - half >= 0.0 && x + half <= w - 40.0 + 1e-9,
                    "{widths:?} x {x}"
                );
                assert!(y - half >= 0.0 && y + half <= h, "{widths:?} y {y}");
            }
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    let apart =
                        (a.0 - b.0).abs() >= layout.tile || (a.1 - b.1).abs() >= layout.tile;
                    assert!(apart, "{widths:?}: {a:?} and {b:?} overlap");
                }
            }
            // The tile under a centre is that neuron's.
            let (x, y) = layout.centres[1][0];
            assert_eq!(layout.at(x, y), Some((1, 0)));
            assert_eq!(layout.at(-5.0, -5.0), None);
        }
        // Refilled with the same shape, the buffers are reused.
        layout.fill(&[2, 8, 8, 3], 560.0, 320.0, 8.0, 40.0);
        let before = layout.centres[1].as_ptr();
        layout.fill(&[2, 8, 8, 3], 600.0, 300.0, 8.0, 40.0);
        assert_eq!(layout.centres[1].as_ptr(), before);
    }

    #[test]
    fn a_thinned_curve_keeps_each_columns_extremes_and_ends_with_at_most_four_points() {
        let points: Vec<(f64, f64)> = (0..1000)
            .map(|i| (i as f64 / 10.0, ((i * 7919) % 101) as f64))
            .collect();
        let thin: Vec<(f64, f64)> = Envelope::new(points.iter().copied()).collect();
        assert!(thin.len() <= 4 * 100, "{}", thin.len());
        for column in 0..100 {
            let of = |v: &[(f64, f64)]| -> Vec<f64> {
                v.iter()
                    .filter(|p| p.0.floor() == column as f64)
                    .map(|p| p.1)
                    .collect()
            };
            let (all, kept) = (of(&points), of(&thin));
            let max = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
            let min = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
            assert_eq!((min(&kept), max(&kept)), (min(&all), max(&all)));
            assert_eq!(kept.first(), all.first());
            assert_eq!(kept.last(), all.last());
        }
        assert_eq!(Envelope::new([(0.5, 1.0)].into_iter()).count(), 4);
        assert_eq!(Envelope::new(std::iter::empty()).count(), 0);
    }

    #[test]
    fn a_click_on_an_edge_finds_its_weight_and_not_a_bias_a_tile_or_empty_space() {
        let model = Mlp::new(
            Architecture {
                inputs: 2,
                hidden: vec![4, 3],
                outputs: 3,
                activation: Activation::Tanh,
            },
            1,
        );
        let mut layout = NetworkLayout::default();
        layout.fill(&[2, 4, 3, 3], 560.0, 320.0, 8.0, 48.0);
        let layers = model.layers();
        for i in 0..model.weight_count() {
            let (a, b) = layout.edge_ends(layers, i).expect("a weight has an edge");
            // Edges cross, so a point of one may lie on another too: some point along each edge
            // finds it, and every point along it finds an edge through that point.
            let along = |t: f64| (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            let hits: Vec<Option<usize>> = (1..10)
                .map(|n| {
                    let (x, y) = along(n as f64 / 10.0);
                    layout.edge_at(layers, x, y, 0.5)
                })
                .collect();
            assert!(hits.contains(&Some(i)), "weight {i}: {hits:?}");
            assert!(hits.iter().all(Option::is_some), "weight {i}: {hits:?}");
        }
        // Biases have no edge; a tile's inside and empty space are not edges.
        assert_eq!(layout.edge_ends(layers, model.weight_count()), None);
        let (x, y) = layout.centres[1][0];
        assert_eq!(layout.edge_at(layers, x, y, 5.0), None);
        assert_eq!(layout.edge_at(layers, 1.0, 319.0, 3.0), None);
    }

    #[test]
    fn one_edge_per_weight_its_stroke_by_size_and_sign_and_zeros_dashed() {
        let mut model = Mlp::new(
            Architecture {
                inputs: 2,
                hidden: vec![4, 3],
                outputs: 3,
                activation: Activation::Tanh,
            },
            2,
        );
        let first = model.layers()[0];
        model.params_mut()[first.weights] = 0.0;
        let mut layout = NetworkLayout::default();
        layout.fill(&[2, 4, 3, 3], 500.0, 300.0, 8.0, 40.0);
        let mut pen = Count::default();
        draw_edges(
            &mut pen,
            &layout,
            &model,
            ["cat", "dog", "sheep"],
            None,
            1.0,
        );
        assert_eq!(pen.lines.len(), 2 * 4 + 4 * 3 + 3 * 3);
        assert_eq!(pen.lines.len(), model.weight_count());
        assert_eq!(pen.texts, ["cat", "dog", "sheep"]);
        // The first weight is 0: dashed grey; every other edge is solid.
        assert!(pen.lines[0].dash.is_some());
        assert_eq!(pen.lines.iter().filter(|s| s.dash.is_some()).count(), 1);
        // The largest |w| gets the widest, fullest stroke; signs pick the colour.
        let largest = model.weights().iter().fold(0.0_f64, |m, w| m.max(w.abs()));
        assert_eq!(edge_stroke(largest, largest, 1.0).width, 4.0);
        assert_eq!(edge_stroke(largest, largest, 1.0).colour, POSITIVE);
        assert_eq!(edge_stroke(-largest, largest, 1.0).colour, NEGATIVE);
        assert!(edge_stroke(largest / 4.0, largest, 1.0).width < 2.0);
    }
}
