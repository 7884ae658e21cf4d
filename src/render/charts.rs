//! Charts drawn with plotters, generic over the backend: the same code draws on the page's canvas
//! and into an SVG string in native tests.
//!
//! Sizes are given in CSS pixels and multiplied by `scale` (the device pixel ratio), so text and
//! lines are as large on a high-DPI screen as on any other.

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::engine::data::Split;
use crate::engine::trainer::Metrics;

use super::decision::EXTENT;
use super::palette::{self, Rgb};
use super::pen::{AreaPen, Frame, Ink, Pen, Stroke, nice_ceil};

/// The pixel rectangle of a chart's plotting area: x range and y range, in backend pixels.
pub type PlotRect = (std::ops::Range<i32>, std::ops::Range<i32>);

/// Text of the decision map's axes.
pub struct MapLabels<'a> {
    /// Name of the horizontal feature.
    pub x: &'a str,
    /// Name of the vertical feature.
    pub y: &'a str,
}

/// Text of the loss chart.
pub struct LossLabels<'a> {
    /// Horizontal axis (iterations).
    pub x: &'a str,
    /// Vertical axis (loss).
    pub y: &'a str,
    /// Legend of the training curve.
    pub train: &'a str,
    /// Legend of the test curve.
    pub test: &'a str,
    /// Legend of the objective curve (training loss + penalty), drawn whenever a penalty counted.
    pub objective: &'a str,
}

pub(crate) fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

/// Axis titles, legends and captions: 13 CSS px, ink.
pub(crate) fn title_font(scale: f64) -> TextStyle<'static> {
    ("sans-serif", px(13.0, scale))
        .into_font()
        .color(&rgb(palette::INK))
}

/// The legend box every chart shares, in `area`'s upper right corner, on almost opaque paper with
/// a light border: per entry, an 18-pixel sample of its line and its label, one line every 1.25
/// font sizes, laid out as plotters' series labels are (a 30-pixel column for the samples,
/// 10-pixel margins, 5 pixels from the edges). Unlike those, the labels are
/// measured by the backend (`estimate_text_size`), never by plotters' web font, which measures
/// text in a `<span>` given a `style` attribute, refused under a strict Content-Security-Policy.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, ShapeStyle)],
    font: &TextStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    const SAMPLE: i32 = 18;
    const COLUMN: i32 = 30;
    const MARGIN: i32 = 10;
    const EDGE: i32 = 5;
    let line = font.font.get_size() * 1.25;
    let mut lines = Vec::with_capacity(entries.len());
    let (mut w, mut h) = (0, 0);
    for (i, (label, _)) in entries.iter().enumerate() {
        let y = (i as f64 * line).round() as i32;
        let (dx, dy) = area.estimate_text_size(label, font)?;
        w = w.max(dx as i32);
        h = h.max(y + dy as i32);
        lines.push((y, dy as i32));
    }
    let (w, h) = (w + COLUMN + 2 * MARGIN, h + 2 * MARGIN);
    let (area_w, _) = area.dim_in_pixel();
    let (x0, y0) = (area_w as i32 - w - EDGE, EDGE);
    let corners = [(x0, y0), (x0 + w, y0 + h)];
    area.draw(&Rectangle::new(
        corners,
        rgb(palette::PAPER).mix(0.9).filled(),
    ))?;
    area.draw(&Rectangle::new(corners, rgb([0xCC, 0xCC, 0xCC])))?;
    for ((label, style), (y, dy)) in entries.iter().zip(lines) {
        let top = y0 + MARGIN + y;
        area.draw_text(label, font, (x0 + COLUMN + MARGIN, top))?;
        let mid = top + dy / 2;
        area.draw(&PathElement::new(
            vec![(x0 + MARGIN, mid), (x0 + MARGIN + SAMPLE, mid)],
            *style,
        ))?;
    }
    Ok(())
}

/// Tick labels: 11 CSS px, muted.
pub(crate) fn tick_font(scale: f64) -> TextStyle<'static> {
    ("sans-serif", px(11.0, scale))
        .into_font()
        .color(&rgb(palette::MUTED))
}

/// The mesh every chart shares: grid lines only at the labelled ticks, light grey; muted axes and
/// tick labels; axis titles in the title font.
pub(crate) fn quiet_mesh<'m, 'a, 'b, X, Y, DB>(
    mesh: &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>,
    scale: f64,
) -> &'m mut plotters::chart::MeshStyle<'a, 'b, X, Y, DB>
where
    X: Ranged,
    Y: Ranged,
    DB: DrawingBackend,
{
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(rgb([0xE6, 0xE6, 0xE6]))
        .label_style(tick_font(scale))
        .axis_desc_style(title_font(scale))
        .axis_style(rgb(palette::MUTED))
}

pub(crate) fn px(v: f64, scale: f64) -> u32 {
    (v * scale).round().max(1.0) as u32
}

/// Draws the axes of the decision map and every data point over a transparent background (the
/// raster sits beneath, in the returned plotting rectangle). Training points are filled, test
/// points hollow; cats are circles, dogs squares, sheep triangles. Without `labels` the map is a
/// small multiple: no axes, the plot filling the canvas but for a thin margin.
pub fn draw_map_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    split: &Split,
    labels: Option<&MapLabels>,
    selected: Option<(f64, f64)>,
    marked: &[[f64; 2]],
    scale: f64,
) -> Result<PlotRect, DrawingAreaErrorKind<DB::ErrorType>> {
    let (margin, x_area, y_area) = if labels.is_some() {
        (6.0, 34.0, 40.0)
    } else {
        (1.0, 0.0, 0.0)
    };
    let mut chart = ChartBuilder::on(root)
        .margin(px(margin, scale))
        .x_label_area_size(x_area * scale)
        .y_label_area_size(y_area * scale)
        .build_cartesian_2d(-EXTENT..EXTENT, -EXTENT..EXTENT)?;
    if let Some(labels) = labels {
        quiet_mesh(&mut chart.configure_mesh(), scale)
            .disable_mesh()
            .x_labels(5)
            .y_labels(5)
            .x_desc(labels.x)
            .y_desc(labels.y)
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .draw()?;
    }
    let size = px(4.5, scale) as i32;
    let stroke = px(1.5, scale);
    for (set, filled) in [(&split.test, false), (&split.train, true)] {
        for (row, &label) in set.x.rows().into_iter().zip(&set.labels) {
            let at = (row[0], row[1]);
            let dark = rgb(palette::CLASS_DARK[label % 3]);
            let fill = rgb(palette::CLASS[label % 3]);
            let style = if filled {
                fill.filled()
            } else {
                rgb(palette::PAPER).filled()
            };
            let outline = dark.stroke_width(stroke);
            match label % 3 {
                0 => {
                    chart.draw_series(std::iter::once(Circle::new(at, size, style)))?;
                    chart.draw_series(std::iter::once(Circle::new(at, size, outline)))?;
                }
                1 => {
                    let s = size - 1;
                    let c = chart.backend_coord(&at);
                    let rect = [(c.0 - s, c.1 - s), (c.0 + s, c.1 + s)];
                    root.draw(&Rectangle::new(rect, style))?;
                    root.draw(&Rectangle::new(rect, outline))?;
                }
                _ => {
                    let s = size + 1;
                    let c = chart.backend_coord(&at);
                    let tri = vec![
                        (c.0, c.1 - s),
                        (c.0 + s, c.1 + s * 3 / 4),
                        (c.0 - s, c.1 + s * 3 / 4),
                    ];
                    root.draw(&Polygon::new(tri.clone(), style))?;
                    let mut closed = tri;
                    closed.push(closed[0]);
                    root.draw(&PathElement::new(closed, outline))?;
                }
            }
        }
    }
    // The test points of a cell of the confusion matrix: a ring around each.
    let ring = rgb(palette::INK).stroke_width(px(2.0, scale));
    chart.draw_series(
        marked
            .iter()
            .map(|m| Circle::new((m[0], m[1]), size + px(4.0, scale) as i32, ring)),
    )?;
    if let Some(at) = selected {
        // The point whose scores the Softmax section shows: a ring around it.
        let ring = rgb(palette::INK).stroke_width(px(2.5, scale));
        chart.draw_series(std::iter::once(Circle::new(at, size * 2 + 2, ring)))?;
    }
    Ok(chart.plotting_area().get_pixel_range())
}

/// The top of the weight bars' symmetric axis for weights that reach `reach` in magnitude: the
/// first nice step (see [`nice_ceil`]) at or above 1.08 × `reach`, 1 if `reach` is 0 or not finite.
pub fn bars_top(reach: f64) -> f64 {
    if reach > 0.0 && reach.is_finite() {
        nice_ceil(reach * 1.08)
    } else {
        1.0
    }
}

/// Draws the background and the axis of `n` weight bars on ±`top` (see [`bars_top`]): what stays
/// while the weights move ([`draw_bars`] draws them). Returns the chart's frame, one unit of x
/// per weight.
pub fn draw_bar_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    n: usize,
    top: f64,
    scale: f64,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&rgb(palette::PAPER))?;
    let n = n.max(1) as f64;
    let mut chart = ChartBuilder::on(root)
        .margin(px(4.0, scale))
        .y_label_area_size(px(36.0, scale))
        .build_cartesian_2d(0.0..n, -top..top)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        .disable_x_mesh()
        .disable_x_axis()
        .y_labels(5)
        .y_label_formatter(&|v| loss_tick(*v, top))
        .draw()?;
    let axis = rgb(palette::MUTED).stroke_width(px(1.0, scale));
    chart.draw_series(LineSeries::new([(0.0, 0.0), (n, 0.0)], axis))?;
    Ok(Frame::new(
        chart.plotting_area().get_pixel_range(),
        (0.0, n),
        (-top, top),
    ))
}

/// One bar per weight, in the model's order (layer by layer), in `frame` (see
/// [`draw_bar_axes`]). A weight that is exactly 0 gets no bar but a ring on the axis, so a sparse
/// network's zeros can be counted by eye. Weights that are not finite are left out; bars beyond
/// the axis end at its edge.
pub fn draw_bars(pen: &mut dyn Pen, frame: &Frame, weights: &[f64], colour: Rgb, scale: f64) {
    for (i, &w) in weights.iter().enumerate() {
        let x = i as f64;
        if w == 0.0 {
            let ring = Ink::Stroke(palette::INK, px(1.0, scale) as f64);
            pen.circle(frame.at(x + 0.5, 0.0), px(2.5, scale) as f64, ring);
        } else if w.is_finite() {
            let (_, w) = frame.clamp(x, w);
            pen.rect(
                frame.at(x + 0.12, 0.0),
                frame.at(x + 0.88, w),
                Ink::Fill(colour),
            );
        }
    }
}

/// One bar per weight on a symmetric axis ±[`bars_top`]`(reach)`, axis and bars in one drawing
/// (for files; see [`draw_bars`]).
pub fn draw_weight_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    weights: &[f64],
    reach: f64,
    colour: Rgb,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let frame = draw_bar_axes(root, weights.len(), bars_top(reach), scale)?;
    draw_bars(&mut AreaPen(root), &frame, weights, colour, scale);
    Ok(())
}

/// A tick label of the loss axis whose top is `top`: short enough to fit beside the axis
/// whatever the scale (a diverging run reaches millions).
pub fn loss_tick(v: f64, top: f64) -> String {
    if top >= 1000.0 {
        format!("{v:.1e}")
    } else if top >= 10.0 {
        format!("{v:.0}")
    } else if top >= 0.1 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

/// The ranges of the loss chart for a history: iterations from 0 to the first nice step (see
/// [`nice_ceil`]) at or above the last one, the loss from 0 to the first nice step at or above
/// 1.08 × the highest finite value drawn; and whether the objective is drawn too (whenever the
/// penalty added anything, so that the data loss is never shown as if it were all that is
/// minimized). The axes are drawn again only when these change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LossScale {
    /// The last iteration the x axis shows.
    pub last: u64,
    /// The highest loss the y axis shows.
    pub top: f64,
    /// Whether the objective (loss + penalty) has a curve of its own.
    pub penalized: bool,
}

impl LossScale {
    /// The ranges that show all of `history`.
    pub fn of(history: &[Metrics]) -> LossScale {
        let last = history.last().map_or(1, |m| m.iteration.max(1));
        let penalized = history.iter().any(|m| m.penalty > 0.0);
        let top = history
            .iter()
            .flat_map(|m| {
                [
                    m.train_loss,
                    m.test_loss,
                    if penalized { m.objective } else { 0.0 },
                ]
            })
            .filter(|v| v.is_finite())
            .fold(0.0f64, f64::max);
        LossScale {
            last: nice_ceil(last as f64).max(10.0) as u64,
            top: if top > 0.0 {
                nice_ceil(top * 1.08)
            } else {
                1.0
            },
            penalized,
        }
    }
}

/// Draws the loss chart's background, axes and legend for `ranges`: what stays while the curves
/// grow ([`draw_loss_lines`] draws those). Returns the chart's frame.
pub fn draw_loss_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ranges: &LossScale,
    labels: &LossLabels,
    scale: f64,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&rgb(palette::PAPER))?;
    let top = ranges.top;
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(48.0, scale))
        .build_cartesian_2d(0u64..ranges.last, 0.0..top)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        .x_labels(6)
        .y_labels(5)
        .x_desc(labels.x)
        .y_desc(labels.y)
        .y_label_formatter(&|v| loss_tick(*v, top))
        .draw()?;
    let mut legend = vec![
        (labels.train, loss_stroke(LossCurve::Train, scale)),
        (labels.test, loss_stroke(LossCurve::Test, scale)),
    ];
    if ranges.penalized {
        legend.push((labels.objective, loss_stroke(LossCurve::Objective, scale)));
    }
    let legend: Vec<(&str, ShapeStyle)> = legend
        .into_iter()
        .map(|(label, stroke)| (label, rgb(stroke.colour).stroke_width(stroke.width as u32)))
        .collect();
    draw_legend(
        &chart.plotting_area().strip_coord_spec(),
        &legend,
        &title_font(scale),
    )?;
    Ok(Frame::new(
        chart.plotting_area().get_pixel_range(),
        (0.0, ranges.last as f64),
        (0.0, top),
    ))
}

/// The curves of the loss chart.
#[derive(Clone, Copy, Debug, PartialEq)]
enum LossCurve {
    Train,
    Test,
    Objective,
}

/// A loss curve's line: training in ink, test dashed, the objective in vermillion.
fn loss_stroke(curve: LossCurve, scale: f64) -> Stroke {
    let width = px(2.0, scale) as f64;
    let (colour, dash) = match curve {
        LossCurve::Train => (palette::INK, None),
        LossCurve::Test => (
            palette::TEST,
            Some((px(6.0, scale) as f64, px(4.0, scale) as f64)),
        ),
        LossCurve::Objective => (palette::OBJECTIVE, None),
    };
    Stroke {
        colour,
        width,
        dash,
    }
}

/// Draws the training and test loss (and the objective if `penalized`) against the iteration
/// count, in `frame` (see [`draw_loss_axes`]); values that are not finite are left out. With a
/// `cursor` (the iteration the timeline shows, when it is an earlier one), a vertical rule there.
pub fn draw_loss_lines(
    pen: &mut dyn Pen,
    frame: &Frame,
    history: &[Metrics],
    penalized: bool,
    cursor: Option<u64>,
    scale: f64,
) {
    if let Some(at) = cursor {
        let x = at as f64;
        pen.line(
            &mut [frame.at(x, frame.y.0), frame.at(x, frame.y.1)].into_iter(),
            Stroke {
                colour: palette::INK,
                width: 1.5 * scale,
                dash: Some((4.0 * scale, 3.0 * scale)),
            },
        );
    }
    let mut curve = |curve: LossCurve, value: fn(&Metrics) -> f64| {
        let mut points = history
            .iter()
            .filter(|m| value(m).is_finite())
            .map(|m| frame.at(m.iteration as f64, value(m)));
        pen.line(&mut points, loss_stroke(curve, scale));
    };
    curve(LossCurve::Train, |m| m.train_loss);
    curve(LossCurve::Test, |m| m.test_loss);
    if penalized {
        curve(LossCurve::Objective, |m| m.objective);
    }
}

/// Draws the training and test loss against the iteration count, with axes and a legend (both
/// layers of the page's chart in one drawing, for files).
pub fn draw_loss_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    history: &[Metrics],
    labels: &LossLabels,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let ranges = LossScale::of(history);
    let frame = draw_loss_axes(root, &ranges, labels, scale)?;
    draw_loss_lines(
        &mut AreaPen(root),
        &frame,
        history,
        ranges.penalized,
        None,
        scale,
    );
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::engine::data::{DataKind, DataSpec, generate};

    #[test]
    fn the_map_overlay_draws_one_marker_per_point_with_axis_names() {
        let split = generate(&DataSpec {
            kind: DataKind::Animals,
            samples: 30,
            noise: 0.2,
            train_fraction: 0.5,
            seed: 1,
        });
        let mut svg = String::new();
        let rect = {
            let root = SVGBackend::with_string(&mut svg, (400, 400)).into_drawing_area();
            let r = draw_map_overlay(
                &root,
                &split,
                Some(&MapLabels {
                    x: "ears",
                    y: "size",
                }),
                Some((0.5, 0.5)),
                &[[0.1, 0.2], [-0.3, 0.4]],
                1.0,
            )
            .unwrap();
            root.present().unwrap();
            r
        };
        assert!(svg.contains("ears") && svg.contains("size"));
        // 10 cats (2 circles each), 10 dogs (2 rects each), 10 sheep (polygon + path each), the
        // ring around the selected point and one around each of the two marked points.
        assert_eq!(svg.matches("<circle").count(), 23);
        assert_eq!(svg.matches("<polygon").count(), 10);
        assert!(rect.0.start > 20 && rect.0.end <= 400 && rect.1.end > 300);
    }

    #[test]
    fn a_small_multiple_map_has_no_axes_and_fills_its_canvas() {
        let split = generate(&DataSpec {
            kind: DataKind::Blobs,
            samples: 30,
            noise: 0.2,
            train_fraction: 0.5,
            seed: 1,
        });
        let mut svg = String::new();
        let rect = {
            let root = SVGBackend::with_string(&mut svg, (200, 200)).into_drawing_area();
            let r = draw_map_overlay(&root, &split, None, None, &[], 1.0).unwrap();
            root.present().unwrap();
            r
        };
        assert!(!svg.contains("<text"), "no labels");
        assert_eq!(rect, (1..199, 1..199));
    }

    #[test]
    fn weight_bars_draw_a_bar_per_nonzero_weight_and_a_ring_per_zero() {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (400, 120)).into_drawing_area();
            let weights = [0.5, 0.0, -0.25, 0.0, 0.0, 1.0, f64::NAN];
            draw_weight_bars(&root, &weights, 1.0, [0xD5, 0x5E, 0x00], 1.0).unwrap();
            root.present().unwrap();
        }
        assert_eq!(svg.matches("<circle").count(), 3, "three exact zeros");
        assert_eq!(svg.matches("fill=\"#D55E00\"").count(), 3, "three bars");
    }

    #[test]
    fn loss_ticks_stay_short_at_every_scale() {
        assert_eq!(loss_tick(0.5, 1.2), "0.50");
        assert_eq!(loss_tick(0.02, 0.05), "0.020");
        assert_eq!(loss_tick(40.0, 120.0), "40");
        assert_eq!(loss_tick(600_000.0, 700_000.0), "6.0e5");
    }

    #[test]
    fn the_loss_chart_draws_both_curves_and_the_objective_only_with_a_penalty() {
        let svg_of = |penalty: f64| {
            let history: Vec<Metrics> = (0..50)
                .map(|i| Metrics {
                    iteration: i * 10,
                    train_loss: 1.0 / (1.0 + i as f64),
                    test_loss: 1.2 / (1.0 + i as f64),
                    penalty,
                    objective: 1.0 / (1.0 + i as f64) + penalty,
                    ..Metrics::default()
                })
                .collect();
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, (500, 300)).into_drawing_area();
                let labels = LossLabels {
                    x: "iteration",
                    y: "loss",
                    train: "train loss",
                    test: "test loss",
                    objective: "objective",
                };
                draw_loss_chart(&root, &history, &labels, 1.0).unwrap();
                root.present().unwrap();
            }
            svg
        };
        let plain = svg_of(0.0);
        assert!(
            plain.contains("train loss")
                && plain.contains("test loss")
                && plain.contains("iteration")
        );
        assert!(
            !plain.contains("objective"),
            "no penalty, no objective curve"
        );
        let penalized = svg_of(0.3);
        assert!(penalized.contains("objective") && penalized.contains("#D55E00"));
        // The objective's line and its legend's, in vermillion; every other line as without it
        // (both histories give the same axes).
        let objective = |svg: &str| svg.matches(r##"stroke="#D55E00""##).count();
        assert_eq!((objective(&plain), objective(&penalized)), (0, 2));
        assert_eq!(
            penalized.matches("<polyline").count(),
            plain.matches("<polyline").count() + 2
        );
    }
}
