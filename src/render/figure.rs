//! A section of the page as one figure, for files: its charts drawn by the page's own chart code
//! into SVG, the rasters (maps, surfaces) embedded as PNG images, laid out as the section lays
//! them out. `losslab-render` writes it as SVG, or rasterizes it to PNG and GIF frames.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
use resvg::tiny_skia;

use super::charts::{PlotRect, draw_loss_chart, draw_map_overlay};
use super::decision::DecisionMap;
use super::descent::{ball_marks, draw_descent, draw_path_losses, path_series};
use super::example::{draw_loss_curves, draw_softmax};
use super::penalties::{draw_penalty_plane, plane_grid};
use super::{surface, words};
use crate::engine::path::Quadratic;
use crate::scene::Page;
use crate::scene::penalties::plane_path;
use crate::settings::Section;
use crate::text::{self, Lang};

/// Cells per side of the decision map and of the penalty plane's surface.
pub const MAP_CELLS: usize = 200;
const PLANE_CELLS: usize = 160;

/// A drawing area of an SVG document.
pub type Svg<'a> = DrawingArea<SVGBackend<'a>, Shift>;
/// What drawing into an SVG document returns on failure.
pub type Failure = DrawingAreaErrorKind<std::io::Error>;

/// Pixels a point of the charts' own drawings (the page's type and line widths at a device
/// pixel ratio of 2).
pub const CHART_SCALE: f64 = 2.0;

/// A figure being laid out, in points: charts drawn at [`CHART_SCALE`] pixels a point, rasters
/// as embedded PNG images.
pub struct Figure {
    width: f64,
    height: f64,
    parts: Vec<String>,
}

impl Figure {
    pub fn new(width: f64, height: f64) -> Figure {
        Figure {
            width,
            height,
            parts: Vec::new(),
        }
    }

    /// Draws a chart of `w` × `h` points at (x, y); returns what `draw` returns.
    pub fn chart<T>(
        &mut self,
        (x, y, w, h): (f64, f64, f64, f64),
        draw: impl FnOnce(&Svg<'_>) -> Result<T, Failure>,
    ) -> Result<T, String> {
        let mut svg = String::new();
        let size = ((w * CHART_SCALE) as u32, (h * CHART_SCALE) as u32);
        let out = {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let out = draw(&root).map_err(|e| e.to_string())?;
            root.present().map_err(|e| e.to_string())?;
            out
        };
        self.parts.push(format!(
            "<g transform=\"translate({x} {y}) scale({})\">\n{svg}</g>",
            1.0 / CHART_SCALE
        ));
        Ok(out)
    }

    /// A chart drawn over a raster, as on the page: `draw` draws the chart at `place` and
    /// returns its plotting area, where the square RGBA raster of `cells`² pixels goes,
    /// beneath the chart.
    pub fn chart_over_raster(
        &mut self,
        place: (f64, f64, f64, f64),
        rgba: &[u8],
        cells: usize,
        draw: impl FnOnce(&Svg<'_>) -> Result<PlotRect, Failure>,
    ) -> Result<(), String> {
        let rect = self.chart(place, draw)?;
        let s = CHART_SCALE;
        let png = png_of(rgba, cells as u32);
        let image = format!(
            "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{}\"/>",
            place.0 + f64::from(rect.0.start) / s,
            place.1 + f64::from(rect.1.start) / s,
            f64::from(rect.0.end - rect.0.start) / s,
            f64::from(rect.1.end - rect.1.start) / s,
            base64(&png)
        );
        self.parts.insert(self.parts.len() - 1, image);
        Ok(())
    }

    pub fn svg(&self) -> String {
        let (w, h) = (self.width, self.height);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n{}\n</svg>\n",
            self.parts.join("\n")
        )
    }
}

/// A PNG of an opaque RGBA square (tiny-skia's encoder).
fn png_of(rgba: &[u8], side: u32) -> Vec<u8> {
    let size = tiny_skia::IntSize::from_wh(side, side).expect("a raster has pixels");
    tiny_skia::Pixmap::from_vec(rgba.to_vec(), size)
        .and_then(|p| p.encode_png().ok())
        .expect("an opaque square raster encodes")
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `section` of `page` as it looks now, in `lang`; `map` is the Train section's decision map
/// (filled here).
pub fn section_figure(
    page: &Page,
    section: Section,
    lang: Lang,
    map: &mut DecisionMap,
) -> Result<Figure, String> {
    let s = CHART_SCALE;
    match section {
        Section::Train => {
            let mut f = Figure::new(960.0, 470.0);
            let trainer = page.train().trainer();
            map.fill(trainer.model());
            let labels = words::map_labels(lang, trainer.config().data.kind);
            let split = trainer.split();
            let place = (0.0, 0.0, 470.0, 470.0);
            f.chart_over_raster(place, map.rgba(), map.size(), |root| {
                draw_map_overlay(root, split, Some(&labels), None, &[], s)
            })?;
            let history = trainer.history().entries();
            let labels = words::loss_labels(lang);
            f.chart((490.0, 85.0, 470.0, 300.0), |root| {
                draw_loss_chart(root, history, &labels, s)
            })?;
            Ok(f)
        }
        Section::Descent => {
            let mut f = Figure::new(980.0, 480.0);
            let descent = page.descent();
            let axes = words::descent_axes(lang, descent.slice_kind());
            let marks = ball_marks(descent, |r| words::stop_label(lang, r));
            let grid = descent.grid();
            let rgba = surface::rgba(grid);
            let place = (0.0, 0.0, 480.0, 480.0);
            f.chart_over_raster(place, &rgba, grid.size(), |root| {
                draw_descent(root, grid, marks.clone(), None, (&axes.0, &axes.1), s)
            })?;
            let series = path_series(descent);
            let path_axes = (
                text::tr(lang, "descent.path.x"),
                text::tr(lang, "descent.path.y"),
            );
            f.chart((500.0, 90.0, 480.0, 300.0), |root| {
                draw_path_losses(root, series.clone(), path_axes, s)
            })?;
            Ok(f)
        }
        Section::Softmax => {
            let mut f = Figure::new(760.0, 360.0);
            let steps = page.softmax_steps();
            let labels = words::softmax_labels(lang);
            f.chart((0.0, 0.0, 760.0, 360.0), |root| {
                draw_softmax(root, &steps, &labels, s, 3.0)
            })?;
            Ok(f)
        }
        Section::Losses => {
            let mut f = Figure::new(760.0, 380.0);
            let steps = page.softmax_steps();
            let names = words::loss_names(lang);
            let x_label = text::tr(lang, "losses.curves.x");
            f.chart((0.0, 0.0, 760.0, 380.0), |root| {
                draw_loss_curves(root, &steps.scaled, steps.label, &names, x_label, s)
            })?;
            Ok(f)
        }
        Section::Penalties => {
            let mut f = Figure::new(520.0, 520.0);
            let q = Quadratic::example();
            let r = page.settings().plane_regularizer();
            let path = plane_path(&q, r.penalty);
            let at = q.penalized_minimum(&r);
            let labels = words::plane_labels(lang);
            let grid = plane_grid(&q, PLANE_CELLS);
            let place = (0.0, 0.0, 520.0, 520.0);
            f.chart_over_raster(place, &surface::rgba(&grid), grid.size(), |root| {
                draw_penalty_plane(root, &q, &r, &path, at, &labels, s)
            })?;
            Ok(f)
        }
    }
}
