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
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

fn px(v: f64, scale: f64) -> u32 {
    (v * scale).round().max(1.0) as u32
}

/// Draws the axes of the decision map and every data point over a transparent background (the
/// raster sits beneath, in the returned plotting rectangle). Training points are filled, test
/// points hollow; cats are circles, dogs squares, sheep triangles.
pub fn draw_map_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    split: &Split,
    labels: &MapLabels,
    scale: f64,
) -> Result<PlotRect, DrawingAreaErrorKind<DB::ErrorType>> {
    let font = ("sans-serif", px(13.0, scale))
        .into_font()
        .color(&rgb(palette::INK));
    let mut chart = ChartBuilder::on(root)
        .margin(px(6.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(40.0, scale))
        .build_cartesian_2d(-EXTENT..EXTENT, -EXTENT..EXTENT)?;
    chart
        .configure_mesh()
        .disable_mesh()
        .x_labels(5)
        .y_labels(5)
        .x_desc(labels.x)
        .y_desc(labels.y)
        .axis_desc_style(font.clone())
        .label_style(
            ("sans-serif", px(11.0, scale))
                .into_font()
                .color(&rgb(palette::MUTED)),
        )
        .axis_style(rgb(palette::MUTED))
        .x_label_formatter(&|v| format!("{v:.1}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .draw()?;
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
    Ok(chart.plotting_area().get_pixel_range())
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

/// Draws the training and test loss against the iteration count, with axes and a legend.
pub fn draw_loss_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    history: &[Metrics],
    labels: &LossLabels,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&rgb(palette::PAPER))?;
    let last = history.last().map_or(1, |m| m.iteration.max(1));
    let top = history
        .iter()
        .flat_map(|m| [m.train_loss, m.test_loss])
        .filter(|v| v.is_finite())
        .fold(0.0f64, f64::max);
    let top = if top > 0.0 { top * 1.08 } else { 1.0 };
    let font = ("sans-serif", px(13.0, scale))
        .into_font()
        .color(&rgb(palette::INK));
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(48.0, scale))
        .build_cartesian_2d(0u64..last, 0.0..top)?;
    chart
        .configure_mesh()
        .light_line_style(rgb([0xEE, 0xEE, 0xEE]))
        .bold_line_style(rgb([0xE0, 0xE0, 0xE0]))
        .x_labels(6)
        .y_labels(5)
        .x_desc(labels.x)
        .y_desc(labels.y)
        .axis_desc_style(font.clone())
        .label_style(
            ("sans-serif", px(11.0, scale))
                .into_font()
                .color(&rgb(palette::MUTED)),
        )
        .axis_style(rgb(palette::MUTED))
        .y_label_formatter(&|v| loss_tick(*v, top))
        .draw()?;
    let width = px(2.0, scale);
    let finite = |f: fn(&Metrics) -> f64| {
        history
            .iter()
            .filter(move |m| f(m).is_finite())
            .map(move |m| (m.iteration, f(m)))
    };
    let train_style = rgb(palette::INK).stroke_width(width);
    chart
        .draw_series(LineSeries::new(finite(|m| m.train_loss), train_style))?
        .label(labels.train)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], train_style));
    let test_style = rgb(palette::TEST).stroke_width(width);
    chart
        .draw_series(DashedLineSeries::new(
            finite(|m| m.test_loss),
            px(6.0, scale),
            px(4.0, scale),
            test_style,
        ))?
        .label(labels.test)
        .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], test_style));
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(rgb(palette::PAPER).mix(0.85))
        .border_style(rgb([0xCC, 0xCC, 0xCC]))
        .label_font(font)
        .draw()?;
    Ok(())
}

// The SVG backend is a native dev-dependency: these tests run natively.
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
                &MapLabels {
                    x: "ears",
                    y: "size",
                },
                1.0,
            )
            .unwrap();
            root.present().unwrap();
            r
        };
        assert!(svg.contains("ears") && svg.contains("size"));
        // 10 cats (2 circles each), 10 dogs (2 rects each), 10 sheep (polygon + path each).
        assert_eq!(svg.matches("<circle").count(), 20);
        assert_eq!(svg.matches("<polygon").count(), 10);
        assert!(rect.0.start > 20 && rect.0.end <= 400 && rect.1.end > 300);
    }

    #[test]
    fn loss_ticks_stay_short_at_every_scale() {
        assert_eq!(loss_tick(0.5, 1.2), "0.50");
        assert_eq!(loss_tick(0.02, 0.05), "0.020");
        assert_eq!(loss_tick(40.0, 120.0), "40");
        assert_eq!(loss_tick(600_000.0, 700_000.0), "6.0e5");
    }

    #[test]
    fn the_loss_chart_draws_both_curves_and_the_legend() {
        let history: Vec<Metrics> = (0..50)
            .map(|i| Metrics {
                iteration: i * 10,
                train_loss: 1.0 / (1.0 + i as f64),
                test_loss: 1.2 / (1.0 + i as f64),
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
            };
            draw_loss_chart(&root, &history, &labels, 1.0).unwrap();
            root.present().unwrap();
        }
        assert!(
            svg.contains("train loss") && svg.contains("test loss") && svg.contains("iteration")
        );
        assert!(svg.matches("<polyline").count() >= 2, "two curves");
    }
}
