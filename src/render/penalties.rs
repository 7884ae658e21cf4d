//! The Penalties section's plane of two weights: the least-squares loss as a heatmap (one raster)
//! with its level sets, the regularization path, the penalty's level set through the penalized
//! optimum, and both optima. Drawn through plotters onto any backend.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::charts::{PlotRect, px, quiet_mesh, rgb, title_font};
use super::palette::{self, Rgb};
use crate::engine::path::{Quadratic, penalty_level_set};
use crate::engine::penalty::{Penalty, Regularizer};
use crate::scene::grid::SurfaceGrid;

/// The w₁ range shown.
pub const W1: (f64, f64) = (-0.6, 2.1);
/// The w₂ range shown (as wide as [`W1`], so the plane is square).
pub const W2: (f64, f64) = (-0.9, 1.8);

/// The colour of each penalty's path and level set: L1 vermillion, L2 blue, elastic net
/// reddish purple (Okabe–Ito).
pub fn penalty_colour(penalty: Penalty) -> Rgb {
    match penalty {
        Penalty::L1 => [0xD5, 0x5E, 0x00],
        Penalty::L2 => [0x00, 0x72, 0xB2],
        Penalty::ElasticNet { .. } => [0xCC, 0x79, 0xA7],
        Penalty::None => palette::MUTED,
    }
}

/// The data loss over the plane, sampled like every loss surface of the page (see
/// [`SurfaceGrid::compute`]; its pixels come from [`super::surface::rgba`]).
pub fn plane_grid(q: &Quadratic, cells: usize) -> SurfaceGrid {
    let mut grid = SurfaceGrid::new(cells);
    grid.compute((W1, W2), |w| q.value(w));
    grid
}

/// Text of the plane.
pub struct PlaneLabels<'a> {
    /// Name of the unpenalized optimum.
    pub unpenalized: &'a str,
    /// Name of the penalized optimum.
    pub penalized: &'a str,
}

/// Draws the plane over a transparent background (the [`SurfaceMap`] lies beneath, in the returned
/// plotting rectangle): the data loss's level sets, the axes w₁ = 0 and w₂ = 0, the path of the
/// penalized optimum as λ grows (`path`, from λ ≈ 0 to large λ), the penalty's level set through
/// the penalized optimum `at` (the region of weights as cheap as it), the loss's level set through
/// `at` (touching it), the unpenalized optimum and `at`.
#[allow(clippy::too_many_arguments)]
pub fn draw_penalty_plane<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    q: &Quadratic,
    r: &Regularizer,
    path: &[[f64; 2]],
    at: [f64; 2],
    labels: &PlaneLabels,
    scale: f64,
) -> Result<PlotRect, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(root)
        .margin(px(8.0, scale))
        .x_label_area_size(px(34.0, scale))
        .y_label_area_size(px(40.0, scale))
        .build_cartesian_2d(W1.0..W1.1, W2.0..W2.1)?;
    quiet_mesh(&mut chart.configure_mesh(), scale)
        .disable_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_desc("w₁")
        .y_desc("w₂")
        .x_label_formatter(&|v| format!("{v:.1}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .draw()?;
    let thin = px(1.0, scale);
    let pair = |w: &[f64; 2]| (w[0], w[1]);
    // The level sets of the data loss, spaced geometrically above its minimum.
    let star = q.minimum();
    let bottom = q.value(star);
    for k in 0..7 {
        let ring = q.level_set(bottom + 0.004 * 2.2f64.powi(k), 160);
        chart.draw_series(LineSeries::new(
            ring.iter().map(pair),
            rgb([0x6E, 0x80, 0x94]).mix(0.55).stroke_width(thin),
        ))?;
    }
    // The axes through the origin: where a weight is exactly 0.
    let axis = rgb(palette::INK).mix(0.45).stroke_width(px(1.5, scale));
    chart.draw_series(LineSeries::new([(W1.0, 0.0), (W1.1, 0.0)], axis))?;
    chart.draw_series(LineSeries::new([(0.0, W2.0), (0.0, W2.1)], axis))?;
    let colour = rgb(penalty_colour(r.penalty));
    // The penalty's level set through the penalized optimum, filled, and the loss's level set
    // through it, dashed: they touch there.
    let cost = r.value(&at);
    let shape = penalty_level_set(r, cost, 240);
    if shape.len() > 2 && cost > 0.0 {
        chart.draw_series(std::iter::once(Polygon::new(
            shape.iter().map(pair).collect::<Vec<_>>(),
            colour.mix(0.18).filled(),
        )))?;
        chart.draw_series(LineSeries::new(
            shape.iter().map(pair),
            colour.stroke_width(px(1.5, scale)),
        ))?;
    }
    let touching = q.level_set(q.value(at), 200);
    chart.draw_series(DashedLineSeries::new(
        touching.iter().map(pair),
        px(5.0, scale),
        px(4.0, scale),
        rgb(palette::INK).stroke_width(px(1.5, scale)),
    ))?;
    // The path, from the unpenalized optimum towards 0.
    chart.draw_series(LineSeries::new(
        path.iter().map(pair),
        colour.stroke_width(px(3.0, scale)),
    ))?;
    // The two optima.
    let font = title_font(scale);
    let size = px(6.0, scale) as i32;
    chart.draw_series(std::iter::once(Cross::new(
        pair(&star),
        size,
        rgb(palette::INK).stroke_width(px(2.5, scale)),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        labels.unpenalized.to_string(),
        pair(&star),
        font.clone(),
    )))?;
    chart.draw_series(std::iter::once(Circle::new(
        pair(&at),
        size,
        colour.filled(),
    )))?;
    chart.draw_series(std::iter::once(Circle::new(
        pair(&at),
        size,
        rgb(palette::INK).stroke_width(px(2.0, scale)),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        labels.penalized.to_string(),
        pair(&at),
        font.pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Right,
            plotters::style::text_anchor::VPos::Bottom,
        )),
    )))?;
    Ok(chart.plotting_area().get_pixel_range())
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn the_surface_is_lightest_at_the_minimum_and_darker_away_from_it() {
        let q = Quadratic::example();
        let rgba = super::super::surface::rgba(&plane_grid(&q, 60));
        let cell = |w: [f64; 2]| {
            let j = ((w[0] - W1.0) / (W1.1 - W1.0) * 60.0) as usize;
            let i = ((W2.1 - w[1]) / (W2.1 - W2.0) * 60.0) as usize;
            rgba[4 * (i * 60 + j)]
        };
        let star = q.minimum();
        assert!(cell(star) > 245);
        assert!(cell([W1.0 + 0.01, W2.0 + 0.01]) < cell([1.0, 0.2]));
    }

    #[test]
    fn the_plane_draws_the_path_the_shapes_and_both_optima() {
        let q = Quadratic::example();
        let r = Regularizer {
            penalty: Penalty::L1,
            lambda: 0.6,
        };
        let at = q.penalized_minimum(&r);
        assert_eq!(at[1], 0.0, "past λ ≈ 0.48, w₂ is exactly 0");
        let path = q.path(Penalty::L1, &[0.001, 0.1, 0.3, 0.5, 0.7, 0.9]);
        let mut svg = String::new();
        let rect = {
            let root = SVGBackend::with_string(&mut svg, (500, 500)).into_drawing_area();
            let labels = PlaneLabels {
                unpenalized: "w*",
                penalized: "w(λ)",
            };
            let rect = draw_penalty_plane(&root, &q, &r, &path, at, &labels, 1.0).unwrap();
            root.present().unwrap();
            rect
        };
        assert!(svg.contains("w*") && svg.contains("w(λ)") && svg.contains("w₂"));
        // The L1 diamond is filled in vermillion.
        assert!(svg.contains("#D55E00"));
        assert!(rect.0.end - rect.0.start > 400 && rect.1.end - rect.1.start > 400);
    }
}
