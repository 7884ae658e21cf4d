//! The charts of the article's example (sections 2 and 3): the three softmax steps as bars with
//! the −log p curve, and every loss against the true class's margin with the example marked.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::charts::{draw_legend, loss_tick, px, quiet_mesh, rgb, title_font};
use super::palette::{self, Rgb};
use super::pen::{AreaPen, Frame, Ink, Pen};

/// Text of the softmax panels.
pub struct SoftmaxLabels<'a> {
    /// Names of the three classes, in label order.
    pub classes: [&'a str; 3],
    /// Title of step 1's axis (e^(s/T)).
    pub exp: &'a str,
    /// Title of step 2's axis (probability).
    pub probability: &'a str,
    /// Title of step 3's axis (loss).
    pub loss: &'a str,
}

/// How far through step `index` (0, 1, 2) a reveal of `reveal` ∈ [0, 3] is, eased: 0 before the
/// step starts, 1 once it is done.
pub fn step_progress(reveal: f64, index: usize) -> f64 {
    let t = (reveal - index as f64).clamp(0.0, 1.0);
    // Smoothstep: starts and ends at rest.
    t * t * (3.0 - 2.0 * t)
}

/// The tops of the softmax steps' axes: the exponentials' (1.1 × the largest) and the −log p
/// curve's (1.1 × the loss held within 4 to 12).
fn softmax_tops(steps: &crate::scene::softmax::SoftmaxSteps) -> (f64, f64) {
    let top_exp = steps.exps.iter().cloned().fold(0.0, f64::max) * 1.1;
    (top_exp.max(1e-300), steps.loss.clamp(4.0, 12.0) * 1.1)
}

/// What the softmax steps' axes depend on: the two tops (see [`draw_softmax_axes`]). While the
/// steps play, only the marks are drawn again.
pub fn softmax_key(steps: &crate::scene::softmax::SoftmaxSteps) -> (u64, u64) {
    let (a, b) = softmax_tops(steps);
    (a.to_bits(), b.to_bits())
}

/// Draws the three steps' panels side by side, each with its caption and axes: the exponentiated
/// scores, the probabilities (0 to 1) and the −log p curve over (0, 1]. What stays while the steps
/// play ([`draw_softmax_marks`] draws the bars and the point). Returns the three panels' frames.
pub fn draw_softmax_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    steps: &crate::scene::softmax::SoftmaxSteps,
    labels: &SoftmaxLabels,
    scale: f64,
) -> Result<[Frame; 3], DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&rgb(palette::PAPER))?;
    let panels = root.split_evenly((1, 3));
    let font = title_font(scale);
    let classes = labels.classes;
    let axes = |area: &DrawingArea<DB, Shift>, top: f64, title: &str| {
        let mut chart = ChartBuilder::on(area)
            .margin(px(8.0, scale))
            .x_label_area_size(px(26.0, scale))
            .y_label_area_size(px(52.0, scale))
            .caption(title, font.clone())
            .build_cartesian_2d(-0.5f64..2.5f64, 0.0..top)?;
        quiet_mesh(&mut chart.configure_mesh(), scale)
            .disable_x_mesh()
            .x_labels(3)
            .y_labels(5)
            .x_label_formatter(&|v| {
                let i = v.round();
                if (v - i).abs() < 1e-9 && (0.0..3.0).contains(&i) {
                    classes[i as usize].to_string()
                } else {
                    String::new()
                }
            })
            .y_label_formatter(&|v| loss_tick(*v, top))
            .draw()?;
        Ok::<_, DrawingAreaErrorKind<DB::ErrorType>>(Frame::new(
            chart.plotting_area().get_pixel_range(),
            (-0.5, 2.5),
            (0.0, top),
        ))
    };
    let (top_exp, top) = softmax_tops(steps);
    let exps = axes(&panels[0], top_exp, labels.exp)?;
    let probabilities = axes(&panels[1], 1.0, labels.probability)?;

    // Step 3: the curve −log p over (0, 1].
    let mut chart = ChartBuilder::on(&panels[2])
        .margin(px(8.0, scale))
        .x_label_area_size(px(26.0, scale))
        .y_label_area_size(px(40.0, scale))
        .caption(labels.loss, font)
        .build_cartesian_2d(0.0..1.0, 0.0..top)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        .x_labels(6)
        .y_labels(5)
        .x_desc("p")
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_label_formatter(&|v| format!("{v:.1}"))
        .draw()?;
    let first = libm::exp(-top);
    let curve = (0..=200).map(|i| {
        let x = first + (1.0 - first) * i as f64 / 200.0;
        (x, -libm::log(x))
    });
    chart.draw_series(LineSeries::new(
        curve,
        rgb(palette::MUTED).stroke_width(px(2.0, scale)),
    ))?;
    let loss = Frame::new(
        chart.plotting_area().get_pixel_range(),
        (0.0, 1.0),
        (0.0, top),
    );
    Ok([exps, probabilities, loss])
}

/// Draws the steps' marks in the panels' `frames` (see [`draw_softmax_axes`]): the bars of the
/// exponentials and of the probabilities, the true class's outlined, and the true class's point
/// on the −log p curve.
///
/// `reveal` ∈ [0, 3] plays the steps in order: step i's bars grow (and the loss point slides
/// down the curve from p = 1) as `reveal` goes from i to i + 1; 3 shows everything.
pub fn draw_softmax_marks(
    pen: &mut dyn Pen,
    frames: &[Frame; 3],
    steps: &crate::scene::softmax::SoftmaxSteps,
    reveal: f64,
    scale: f64,
) {
    for (i, values) in [steps.exps, steps.probabilities].iter().enumerate() {
        let grown = step_progress(reveal, i);
        if grown <= 0.0 {
            continue;
        }
        let frame = &frames[i];
        let top = frame.y.1;
        for (j, &v) in values.iter().enumerate() {
            let x = j as f64;
            let (a, b) = (
                frame.at(x - 0.32, 0.0),
                frame.at(x + 0.32, grown * v.min(top)),
            );
            pen.rect(a, b, Ink::Fill(palette::CLASS[j]));
            if j == steps.label {
                pen.rect(a, b, Ink::Stroke(palette::INK, px(2.0, scale) as f64));
            }
        }
    }
    let slid = step_progress(reveal, 2);
    if slid <= 0.0 {
        return;
    }
    // The point slides along the curve from p = 1 (no loss) to the true class's p.
    let frame = &frames[2];
    let p = steps.probabilities[steps.label];
    let shown_p = 1.0 + slid * (p - 1.0);
    let shown_loss = if slid >= 1.0 {
        steps.loss
    } else {
        -libm::log(shown_p)
    };
    let at = frame.at(shown_p, shown_loss.min(frame.y.1));
    let r = px(7.0, scale) as f64;
    pen.circle(at, r, Ink::Fill(palette::CLASS[steps.label]));
    pen.circle(at, r, Ink::Stroke(palette::INK, px(2.0, scale) as f64));
}

/// The three steps side by side: the exponentiated scores, the probabilities (summing to 1) and
/// the −log p curve with the true class's point on it, the true class's bars outlined; axes and
/// marks in one drawing (for files; see [`draw_softmax_marks`] for `reveal`).
pub fn draw_softmax<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    steps: &crate::scene::softmax::SoftmaxSteps,
    labels: &SoftmaxLabels,
    scale: f64,
    reveal: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let frames = draw_softmax_axes(root, steps, labels, scale)?;
    draw_softmax_marks(&mut AreaPen(root), &frames, steps, reveal, scale);
    Ok(())
}

/// Colours of the five loss curves (none of them a class colour): cross-entropy, squared, 0-1,
/// absolute, hinge.
pub const LOSS_COLOURS: [Rgb; 5] = [
    [0x22, 0x22, 0x22],
    [0xCC, 0x79, 0xA7],
    [0x99, 0x99, 0x99],
    [0x56, 0xB4, 0xE9],
    [0xD5, 0x5E, 0x00],
];

/// Each loss against the margin m = s_y − max_{j≠y} s_j of a sample whose other two scores are
/// equal (scores (m, 0, 0), true class 0), computed by the engine's own losses; the current
/// example is marked on every curve at its own margin and loss values.
pub fn draw_loss_curves<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    example: &[f64; 3],
    label: usize,
    names: &[&str; 5],
    x_label: &str,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    use crate::engine::loss::Loss;
    root.fill(&rgb(palette::PAPER))?;
    let others = example
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != label)
        .map(|(_, &s)| s)
        .fold(f64::NEG_INFINITY, f64::max);
    let margin = example[label] - others;
    let reach = margin.abs().clamp(4.0, 12.0) * 1.1;
    let top = 6.0;
    let font = title_font(scale);
    let mut chart = ChartBuilder::on(root)
        .margin(px(10.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(40.0, scale))
        .build_cartesian_2d(-reach..reach, 0.0..top)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        .x_desc(x_label)
        .draw()?;
    let mut legend = Vec::with_capacity(Loss::ALL.len());
    for ((loss, name), colour) in Loss::ALL.iter().zip(names).zip(LOSS_COLOURS) {
        let style = rgb(colour).stroke_width(px(2.5, scale));
        legend.push((*name, style));
        let curve = (0..=400).map(|i| {
            let m = -reach + 2.0 * reach * i as f64 / 400.0;
            (m, loss.of_sample(&[m, 0.0, 0.0], 0).min(top))
        });
        chart.draw_series(LineSeries::new(curve, style))?;
        let at = (
            margin.clamp(-reach, reach),
            loss.of_sample(example, label).min(top),
        );
        chart.draw_series(std::iter::once(Circle::new(
            at,
            px(5.0, scale),
            rgb(colour).filled(),
        )))?;
    }
    draw_legend(&chart.plotting_area().strip_coord_spec(), &legend, &font)?;
    Ok(())
}

// The SVG backend is a native dev-dependency: these tests run natively.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_softmax_panels_draw_three_bars_twice_and_the_loss_point() {
        let steps = crate::scene::softmax::steps([3.2, 5.1, -1.7], 0, 1.0);
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (900, 300)).into_drawing_area();
            let labels = SoftmaxLabels {
                classes: ["cat", "dog", "sheep"],
                exp: "e^(s/T)",
                probability: "probability p",
                loss: "loss −log p",
            };
            draw_softmax(&root, &steps, &labels, 1.0, 3.0).unwrap();
            root.present().unwrap();
        }
        assert!(svg.contains("probability p") && svg.contains("sheep"));
        // 3 + 3 filled bars, plus one outline per panel for the true class.
        let cat = "#E69F00";
        assert!(
            svg.matches(&format!("fill=\"{cat}\"")).count() >= 3,
            "cat bars and point"
        );
        assert_eq!(
            svg.matches("<circle").count(),
            2,
            "the point on the −log p curve"
        );
    }

    #[test]
    fn the_softmax_steps_are_revealed_in_order() {
        let steps = crate::scene::softmax::steps([3.2, 5.1, -1.7], 0, 1.0);
        let labels = SoftmaxLabels {
            classes: ["cat", "dog", "sheep"],
            exp: "e^(s/T)",
            probability: "probability p",
            loss: "loss −log p",
        };
        let svg_at = |reveal: f64| {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (900, 300)).into_drawing_area();
                draw_softmax(&root, &steps, &labels, 1.0, reveal).unwrap();
                root.present().unwrap();
            }
            svg
        };
        let sheep = "fill=\"#009E73\"";
        // Before the first step: axes only. After step 1: one sheep bar; after step 2: two; the
        // point on the curve comes with step 3.
        assert_eq!(svg_at(0.0).matches(sheep).count(), 0);
        assert_eq!(svg_at(1.0).matches(sheep).count(), 1);
        assert_eq!(svg_at(2.0).matches(sheep).count(), 2);
        assert_eq!(svg_at(2.0).matches("<circle").count(), 0);
        assert_eq!(svg_at(2.5).matches("<circle").count(), 2);
        assert_eq!(step_progress(0.5, 0), 0.5);
        assert_eq!(step_progress(0.5, 1), 0.0);
        assert_eq!(step_progress(7.0, 2), 1.0);
    }

    #[test]
    fn the_loss_curves_chart_draws_five_curves_and_marks_the_example_on_each() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (700, 320)).into_drawing_area();
            let names = ["cross-entropy", "squared", "0-1", "absolute", "hinge"];
            draw_loss_curves(&root, &[3.2, 5.1, -1.7], 0, &names, "margin", 1.0).unwrap();
            root.present().unwrap();
        }
        assert!(names_present(&svg, &["cross-entropy", "hinge", "margin"]));
        assert!(svg.matches("<polyline").count() >= 5);
        assert_eq!(
            svg.matches("<circle").count(),
            5,
            "the example on every curve"
        );
    }

    fn names_present(svg: &str, names: &[&str]) -> bool {
        names.iter().all(|n| svg.contains(n))
    }
}
