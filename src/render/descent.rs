//! The Descent section's drawings: a loss surface's level sets with the balls' trails over it
//! (the shading is a raster beneath), and the loss along each ball's path.

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::charts::{PlotRect, loss_tick, px, quiet_mesh, rgb};
use super::palette::{self, Rgb};
use super::pen::{AreaPen, Frame, Ink, Pen, Side, Stroke, nice_ceil};
use crate::engine::stop::StopReason;
use crate::scene::descent::Descent;
use crate::scene::grid::SurfaceGrid;

/// One colour per ball, up to eight (Okabe–Ito, then ink).
pub const BALL_COLOURS: [Rgb; 8] = [
    [0xD5, 0x5E, 0x00],
    [0x00, 0x72, 0xB2],
    [0x00, 0x9E, 0x73],
    [0xCC, 0x79, 0xA7],
    [0xE6, 0x9F, 0x00],
    [0x56, 0xB4, 0xE9],
    [0xF0, 0xE4, 0x42],
    [0x22, 0x22, 0x22],
];

/// What the plane draws of each ball: its trail, colour and stop label (`labels` names a stop
/// reason).
pub fn ball_marks(
    descent: &Descent,
    labels: impl Fn(StopReason) -> &'static str + Copy,
) -> impl Iterator<Item = BallMark<'_>> + Clone {
    descent.balls().map(move |(b, colour)| BallMark {
        trail: &b.trail,
        colour: BALL_COLOURS[colour % BALL_COLOURS.len()],
        label: b.stopped.map_or("", labels),
    })
}

/// The loss along each ball's path, with its colour.
pub fn path_series(descent: &Descent) -> impl Iterator<Item = (&[f64], Rgb)> + Clone {
    descent.balls().map(|(b, colour)| {
        (
            b.losses.as_slice(),
            BALL_COLOURS[colour % BALL_COLOURS.len()],
        )
    })
}

/// A ball as drawn: its trail from the start, its colour, and the label of the stop rule that
/// fired ("" while it rolls).
pub struct BallMark<'a> {
    /// Every point it has been at.
    pub trail: &'a [[f64; 2]],
    /// Its colour.
    pub colour: Rgb,
    /// What stopped it, if anything.
    pub label: &'a str,
}

/// The points of `trail` up to the first one that is not finite or lies far outside `extent`
/// (a diverging ball leaves the picture; its path is drawn to where it left).
fn visible(trail: &[[f64; 2]], extent: ((f64, f64), (f64, f64))) -> &[[f64; 2]] {
    let ((x0, x1), (y0, y1)) = extent;
    let (mx, my) = (x1 - x0, y1 - y0);
    let inside = |p: &[f64; 2]| {
        p[0].is_finite()
            && p[1].is_finite()
            && (x0 - mx..=x1 + mx).contains(&p[0])
            && (y0 - my..=y1 + my).contains(&p[1])
    };
    let end = trail.iter().position(|p| !inside(p)).unwrap_or(trail.len());
    &trail[..end]
}

/// The plane of `grid` on `root`: its extent in the plotting area that the level sets and the
/// balls share (so that they can be drawn on two canvases, one over the other).
fn plane<'a, DB: DrawingBackend>(
    root: &'a DrawingArea<DB, Shift>,
    grid: &SurfaceGrid,
    scale: f64,
) -> Result<Plane<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let ((x0, x1), (y0, y1)) = grid.extent();
    ChartBuilder::on(root)
        .margin(px(8.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(44.0, scale))
        .build_cartesian_2d(x0..x1, y0..y1)
}

/// The Descent section's plane as plotters' chart.
type Plane<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Draws the level sets of `grid`, every ball's trail (start hollow, current point filled,
/// the fired stop rule written beside it) and, if given, the next step of the selected ball as an
/// arrow from w to w − η∇L. The shading is expected beneath, in the returned plotting rectangle.
/// The page draws the two parts on two canvases ([`draw_levels`] once per surface, [`draw_balls`]
/// every frame); a file draws both here.
pub fn draw_descent<'b, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    grid: &SurfaceGrid,
    balls: impl IntoIterator<Item = BallMark<'b>>,
    arrow: Option<([f64; 2], [f64; 2])>,
    axes: (&str, &str),
    scale: f64,
) -> Result<PlotRect, DrawingAreaErrorKind<DB::ErrorType>> {
    let frame = draw_levels(root, grid, axes, scale)?;
    draw_balls(&mut AreaPen(root), &frame, balls, arrow, scale);
    Ok(frame.rect)
}

/// Draws the plane's axes and the level sets of `grid`: what stays while the balls roll.
/// Returns the plane's frame, whose plotting rectangle is where the shading goes beneath.
pub fn draw_levels<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    grid: &SurfaceGrid,
    axes: (&str, &str),
    scale: f64,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = plane(root, grid, scale)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        .disable_mesh()
        .x_labels(5)
        .y_labels(5)
        .x_desc(axes.0)
        .y_desc(axes.1)
        .x_label_formatter(&|v| format!("{v:.1}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .draw()?;
    let line = rgb([0x5A, 0x6E, 0x84])
        .mix(0.6)
        .stroke_width(px(1.0, scale));
    for (_, segments) in grid.contours() {
        for s in segments {
            chart.draw_series(std::iter::once(PathElement::new(s.to_vec(), line)))?;
        }
    }
    let (x, y) = grid.extent();
    Ok(Frame::new(chart.plotting_area().get_pixel_range(), x, y))
}

/// Draws every ball's trail (start hollow, current point filled, the fired stop rule written
/// beside it) and, if given, the next step of the selected ball as an arrow from w to w − η∇L,
/// in the plane's `frame` (see [`draw_levels`]).
pub fn draw_balls<'b>(
    pen: &mut dyn Pen,
    frame: &Frame,
    balls: impl IntoIterator<Item = BallMark<'b>>,
    arrow: Option<([f64; 2], [f64; 2])>,
    scale: f64,
) {
    let extent = (frame.x, frame.y);
    // Keep labels and markers inside the plot: points beyond it are drawn at its edge.
    let at = |p: [f64; 2]| {
        let (x, y) = frame.clamp(p[0], p[1]);
        frame.at(x, y)
    };
    let size = px(5.0, scale) as f64;
    let font = px(13.0, scale) as f64;
    let thick = px(2.5, scale) as f64;
    for ball in balls {
        let trail = visible(ball.trail, extent);
        let stroke = Stroke {
            colour: ball.colour,
            width: thick,
            dash: None,
        };
        pen.line(&mut trail.iter().map(|&p| at(p)), stroke);
        let Some(&start) = ball.trail.first() else {
            continue;
        };
        pen.circle(at(start), size, Ink::Fill(palette::PAPER));
        pen.circle(at(start), size, Ink::Stroke(ball.colour, thick));
        let now = at(*trail.last().unwrap_or(&start));
        pen.circle(now, size + 1.0, Ink::Fill(ball.colour));
        pen.circle(
            now,
            size + 1.0,
            Ink::Stroke(palette::INK, px(1.5, scale) as f64),
        );
        if !ball.label.is_empty() {
            // Beside the ball, on the side facing the middle of the plot.
            let middle = frame.at(0.5 * (frame.x.0 + frame.x.1), 0.0).0;
            let (side, dx) = if now.0 < middle {
                (Side::Right, size + 4.0)
            } else {
                (Side::Left, -(size + 4.0))
            };
            pen.text(ball.label, (now.0 + dx, now.1), font, palette::INK, side);
        }
    }
    if let Some((from, to)) = arrow
        && from.iter().chain(&to).all(|v| v.is_finite())
    {
        // The step w → w − η∇L, with a head, in ink.
        let (a, b) = (at(from), at(to));
        let ink = Stroke {
            colour: palette::INK,
            width: thick,
            dash: None,
        };
        pen.line(&mut [a, b].into_iter(), ink);
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let len = dx.hypot(dy);
        if len > 2.0 {
            let head = px(9.0, scale) as f64;
            let (ux, uy) = (dx / len, dy / len);
            let wing = |sign: f64| {
                (
                    b.0 - head * (ux - sign * 0.5 * uy),
                    b.1 - head * (uy + sign * 0.5 * ux),
                )
            };
            pen.triangle([b, wing(1.0), wing(-1.0)], palette::INK);
        }
    }
}

/// The ranges of the loss-along-the-paths chart: steps from 0 to the first nice step (see
/// [`nice_ceil`]) at or above the longest path, the loss over a range padded by 5 % and widened
/// to whole multiples of a nice step. The axes are drawn again only when these change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathScale {
    /// The last step shown.
    pub steps: f64,
    /// The lowest loss shown.
    pub bottom: f64,
    /// The highest loss shown.
    pub top: f64,
}

impl PathScale {
    /// The ranges that show every path of `series`.
    pub fn of<'s>(series: impl Iterator<Item = (&'s [f64], Rgb)> + Clone) -> PathScale {
        let finite = || {
            series
                .clone()
                .flat_map(|(v, _)| v.iter().copied())
                .filter(|v| v.is_finite())
        };
        let steps = series
            .clone()
            .map(|(v, _)| v.len())
            .max()
            .unwrap_or(1)
            .max(2)
            - 1;
        let low = finite().fold(f64::INFINITY, f64::min);
        let high = finite().fold(f64::NEG_INFINITY, f64::max);
        let (low, high) = if low.is_finite() && high > low {
            (low, high)
        } else if low.is_finite() {
            (low - 1.0, low + 1.0)
        } else {
            (0.0, 1.0)
        };
        let pad = 0.05 * (high - low);
        let step = nice_ceil((high - low + 2.0 * pad) / 5.0);
        PathScale {
            steps: nice_ceil(steps as f64).max(steps as f64),
            bottom: ((low - pad) / step).floor() * step,
            top: ((high + pad) / step).ceil() * step,
        }
    }
}

/// Draws the axes of the loss along the paths for `ranges`: what stays while the balls roll
/// ([`draw_path_lines`] draws the lines). Returns the chart's frame.
pub fn draw_path_axes<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    ranges: &PathScale,
    axes: (&str, &str),
    scale: f64,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&rgb(palette::PAPER))?;
    let PathScale { steps, bottom, top } = *ranges;
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(52.0, scale))
        .build_cartesian_2d(0.0..steps, bottom..top)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        // Whole steps only: no more labels than steps.
        .x_labels((steps as usize + 1).min(6))
        .y_labels(5)
        .x_desc(axes.0)
        .y_desc(axes.1)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| loss_tick(*v, top.abs().max(bottom.abs())))
        .draw()?;
    Ok(Frame::new(
        chart.plotting_area().get_pixel_range(),
        (0.0, steps),
        (bottom, top),
    ))
}

/// The loss along each ball's path, step by step, one line per ball in its colour, in `frame`
/// (see [`draw_path_axes`]); a path ends where its loss leaves the frame or is not finite.
pub fn draw_path_lines<'s>(
    pen: &mut dyn Pen,
    frame: &Frame,
    series: impl Iterator<Item = (&'s [f64], Rgb)>,
    scale: f64,
) {
    let (bottom, top) = frame.y;
    for (values, colour) in series {
        let mut points = values
            .iter()
            .enumerate()
            .take_while(|(_, v)| v.is_finite() && **v <= top && **v >= bottom)
            .map(|(i, &v)| frame.at(i as f64, v));
        let stroke = Stroke {
            colour,
            width: px(2.0, scale) as f64,
            dash: None,
        };
        pen.line(&mut points, stroke);
    }
}

/// The loss along each ball's path, step by step (the 1-D view of the descent), axes and lines
/// in one drawing (for files).
pub fn draw_path_losses<'s, DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: impl Iterator<Item = (&'s [f64], Rgb)> + Clone,
    axes: (&str, &str),
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let frame = draw_path_axes(root, &PathScale::of(series.clone()), axes, scale)?;
    draw_path_lines(&mut AreaPen(root), &frame, series, scale);
    Ok(())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn trails_are_cut_where_a_diverging_ball_leaves_the_plane() {
        let extent = ((-1.0, 1.0), (-1.0, 1.0));
        let trail = [[0.5, 0.5], [-0.9, 0.2], [3.5, 0.0], [f64::NAN, 0.0]];
        assert_eq!(visible(&trail, extent).len(), 2);
        assert_eq!(visible(&trail[..2], extent).len(), 2);
    }

    #[test]
    fn the_descent_plot_draws_contours_trails_labels_and_the_arrow() {
        let mut l = SurfaceGrid::new(40);
        l.compute(((-2.0, 2.0), (-2.0, 2.0)), |w| {
            0.5 * (w[0] * w[0] + w[1] * w[1])
        });
        let trail = [[-1.5, 1.0], [-1.0, 0.7], [-0.5, 0.3], [0.0, 0.0]];
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (400, 400)).into_drawing_area();
            let balls = [BallMark {
                trail: &trail,
                colour: BALL_COLOURS[1],
                label: "‖∇L‖ < ε",
            }];
            draw_descent(
                &root,
                &l,
                balls,
                Some(([-1.0, 0.7], [-0.5, 0.3])),
                ("w₁", "w₂"),
                1.0,
            )
            .unwrap();
            root.present().unwrap();
        }
        assert!(
            svg.contains("‖∇L‖ &lt; ε") || svg.contains("‖∇L‖ < ε"),
            "the stop label"
        );
        assert!(svg.contains("#0072B2"), "the trail in its colour");
        assert!(svg.contains("<polygon"), "the arrow head");
        assert!(
            svg.matches("<path").count() + svg.matches("<polyline").count() > 14,
            "contours"
        );
    }
}
