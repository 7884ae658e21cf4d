//! The moving parts of a chart (curves, bars, balls, a sliding point) and what they are drawn
//! with. A chart that animates is drawn in two layers: what stays (background, axes, ticks,
//! labels, legend) through plotters, once per change of scale, size or language, which gives the
//! chart's [`Frame`]; and what moves, every frame, with a [`Pen`] in that frame. On the page the
//! pen draws straight onto the canvas and allocates nothing; in a file (SVG, PNG) [`AreaPen`]
//! draws the same marks through plotters, so both show one drawing.

use std::fmt::Write;

use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::charts::{PlotRect, rgb};
use super::palette::Rgb;

/// Where a chart's data lands: its plotting area in backing pixels and the ranges of x and y it
/// shows (y grows upwards). The map is plotters' own, so marks and axes agree to the pixel.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// The plotting area, in backing pixels.
    pub rect: PlotRect,
    /// The x range shown, left to right.
    pub x: (f64, f64),
    /// The y range shown, bottom to top.
    pub y: (f64, f64),
}

impl Frame {
    /// A frame showing `x` × `y` in `rect`.
    pub fn new(rect: PlotRect, x: (f64, f64), y: (f64, f64)) -> Frame {
        Frame { rect, x, y }
    }

    /// A frame that shows nothing (before a chart is first drawn).
    pub fn empty() -> Frame {
        Frame::new((0..0, 0..0), (0.0, 1.0), (0.0, 1.0))
    }

    /// The backing pixel of data point (x, y): x from the area's left edge to its last column, y
    /// from its last row up to its top row, as plotters' Cartesian coordinates map them.
    pub fn at(&self, x: f64, y: f64) -> (f64, f64) {
        let (xr, yr) = &self.rect;
        let along = |v: f64, (a, b): (f64, f64)| if b == a { 0.5 } else { (v - a) / (b - a) };
        let left = xr.start as f64;
        let right = (xr.end - 1) as f64;
        let bottom = (yr.end - 1) as f64;
        let top = yr.start as f64;
        (
            left + along(x, self.x) * (right - left),
            bottom + along(y, self.y) * (top - bottom),
        )
    }

    /// (x, y) held inside the shown ranges (a mark beyond them is drawn at the edge).
    pub fn clamp(&self, x: f64, y: f64) -> (f64, f64) {
        let lo_hi = |(a, b): (f64, f64)| (a.min(b), a.max(b));
        let (x0, x1) = lo_hi(self.x);
        let (y0, y1) = lo_hi(self.y);
        (x.clamp(x0, x1), y.clamp(y0, y1))
    }
}

/// How a mark is inked: filled, or outlined with a stroke of this width (backing pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ink {
    /// Filled with the colour.
    Fill(Rgb),
    /// Outlined in the colour, the stroke this wide.
    Stroke(Rgb, f64),
}

/// A line's colour, width (backing pixels) and, if dashed, its dash and gap lengths.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    /// Its colour.
    pub colour: Rgb,
    /// Its width.
    pub width: f64,
    /// Dash and gap, if dashed.
    pub dash: Option<(f64, f64)>,
}

/// Which side of its anchor a text lies on (it is centred vertically).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    /// The text starts at the anchor.
    Right,
    /// The text ends at the anchor.
    Left,
}

/// What the moving parts of a chart are drawn with. Coordinates are backing pixels. Used as
/// `dyn Pen`, so that each chart's marks are compiled once for every pen.
pub trait Pen {
    /// A line through `points`; nothing for fewer than two.
    fn line(&mut self, points: &mut dyn Iterator<Item = (f64, f64)>, stroke: Stroke);
    /// The rectangle with corners `a` and `b`.
    fn rect(&mut self, a: (f64, f64), b: (f64, f64), ink: Ink);
    /// The circle of radius `r` around `c`.
    fn circle(&mut self, c: (f64, f64), r: f64, ink: Ink);
    /// The triangle `t`, filled.
    fn triangle(&mut self, t: [(f64, f64); 3], colour: Rgb);
    /// `text` at `size` px in `colour`, on `side` of `at`, centred vertically on it.
    fn text(&mut self, text: &str, at: (f64, f64), size: f64, colour: Rgb, side: Side);
    /// Separate straight segments, all in one `stroke` (a canvas draws them as one path).
    fn segments(
        &mut self,
        segments: &mut dyn Iterator<Item = ((f64, f64), (f64, f64))>,
        stroke: Stroke,
    ) {
        for (a, b) in segments {
            self.line(&mut [a, b].into_iter(), stroke);
        }
    }
}

/// A pen drawing through plotters onto a drawing area (for files and SVG exports: allocates).
pub struct AreaPen<'a, DB: DrawingBackend>(pub &'a DrawingArea<DB, Shift>);

fn pixel((x, y): (f64, f64)) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn stroke_px(width: f64) -> u32 {
    width.round().max(1.0) as u32
}

impl<DB: DrawingBackend> Pen for AreaPen<'_, DB> {
    fn line(&mut self, points: &mut dyn Iterator<Item = (f64, f64)>, stroke: Stroke) {
        let points: Vec<(i32, i32)> = points.map(pixel).collect();
        if points.len() < 2 {
            return;
        }
        let style = rgb(stroke.colour).stroke_width(stroke_px(stroke.width));
        // A chart that fails to draw into a file has nothing better to do than leave it blank;
        // the page's canvas draws the same marks without plotters.
        let _ = match stroke.dash {
            Some((on, off)) => self.0.draw(&DashedPathElement::new(
                points,
                on.round().max(1.0) as u32,
                off.round().max(1.0) as u32,
                style,
            )),
            None => self.0.draw(&PathElement::new(points, style)),
        };
    }

    fn rect(&mut self, a: (f64, f64), b: (f64, f64), ink: Ink) {
        let style = match ink {
            Ink::Fill(c) => rgb(c).filled(),
            Ink::Stroke(c, w) => rgb(c).stroke_width(stroke_px(w)),
        };
        let _ = self.0.draw(&Rectangle::new([pixel(a), pixel(b)], style));
    }

    fn circle(&mut self, c: (f64, f64), r: f64, ink: Ink) {
        let style = match ink {
            Ink::Fill(c) => rgb(c).filled(),
            Ink::Stroke(c, w) => rgb(c).stroke_width(stroke_px(w)),
        };
        let _ = self
            .0
            .draw(&Circle::new(pixel(c), r.round().max(1.0) as i32, style));
    }

    fn triangle(&mut self, t: [(f64, f64); 3], colour: Rgb) {
        let _ = self
            .0
            .draw(&Polygon::new(t.map(pixel).to_vec(), rgb(colour).filled()));
    }

    fn text(&mut self, text: &str, at: (f64, f64), size: f64, colour: Rgb, side: Side) {
        let h = match side {
            Side::Right => HPos::Left,
            Side::Left => HPos::Right,
        };
        let font = ("sans-serif", size.round().max(1.0))
            .into_font()
            .color(&rgb(colour))
            .pos(Pos::new(h, VPos::Center));
        let _ = self.0.draw(&Text::new(text, pixel(at), font));
    }
}

/// Short text written on the stack (CSS colours and fonts, tick and value labels).
pub struct StackText {
    bytes: [u8; 64],
    len: usize,
}

impl StackText {
    /// Empty.
    pub fn new() -> StackText {
        StackText {
            bytes: [0; 64],
            len: 0,
        }
    }

    /// What was written (cut at 64 bytes, on a character boundary).
    pub fn as_str(&self) -> &str {
        // Only whole characters are ever written (see `write_str`).
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Default for StackText {
    fn default() -> Self {
        StackText::new()
    }
}

impl Write for StackText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        for c in s.chars() {
            let n = c.len_utf8();
            if self.len + n > self.bytes.len() {
                return Err(std::fmt::Error);
            }
            c.encode_utf8(&mut self.bytes[self.len..]);
            self.len += n;
        }
        Ok(())
    }
}

/// `#rrggbb`.
pub fn css(c: Rgb) -> StackText {
    let mut s = StackText::new();
    let _ = write!(s, "#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
    s
}

/// The first value at or above `v` > 0 on the scale 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10ᵏ:
/// a chart's range grows in these steps, so that its axes stay put while a curve grows inside
/// them and are drawn again only when the curve outgrows them. 1 for anything not positive and
/// finite.
pub fn nice_ceil(v: f64) -> f64 {
    const STEPS: [f64; 11] = [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0];
    if !(v > 0.0 && v.is_finite()) {
        return 1.0;
    }
    let decade = 10f64.powi(v.log10().floor() as i32);
    STEPS
        .iter()
        .map(|s| s * decade)
        // The float product may land a hair below a step that `v` equals.
        .find(|&s| s >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * decade)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn stack_text_writes_colours_and_cuts_at_its_size() {
        assert_eq!(css([0xE6, 0x9F, 0x00]).as_str(), "#e69f00");
        let mut s = StackText::new();
        assert!(write!(s, "{}", "é".repeat(40)).is_err());
        assert_eq!(s.as_str(), "é".repeat(32));
    }

    #[test]
    fn nice_ceilings_are_the_next_step_at_or_above() {
        assert_eq!(nice_ceil(0.9), 1.0);
        assert_eq!(nice_ceil(1.0), 1.0);
        assert_eq!(nice_ceil(1.01), 1.2);
        assert_eq!(nice_ceil(2.3), 2.5);
        assert_eq!(nice_ceil(7.0), 8.0);
        assert_eq!(nice_ceil(8.5), 10.0);
        assert!((nice_ceil(0.033) - 0.04).abs() < 1e-15);
        assert_eq!(nice_ceil(1234.0), 1500.0);
        assert_eq!(nice_ceil(0.0), 1.0);
        assert_eq!(nice_ceil(f64::NAN), 1.0);
        assert_eq!(nice_ceil(f64::INFINITY), 1.0);
        for v in [0.3, 3.0, 30.0, 3e6] {
            assert!(nice_ceil(v) >= v && nice_ceil(v) <= 1.34 * v, "{v}");
        }
    }

    #[test]
    fn a_frame_maps_data_as_plotters_does() {
        let f = Frame::new((10..110, 20..220), (0.0, 10.0), (-1.0, 1.0));
        assert_eq!(f.at(0.0, -1.0), (10.0, 219.0));
        assert_eq!(f.at(10.0, 1.0), (109.0, 20.0));
        assert_eq!(f.at(5.0, 0.0), (59.5, 119.5));
        assert_eq!(f.clamp(-3.0, 4.0), (0.0, 1.0));
        // The same points through plotters' own map (it floors to whole pixels).
        use plotters::coord::types::RangedCoordf64;
        // As plotters' chart builder gives it: the last column and row dropped, y reversed.
        #[allow(clippy::reversed_empty_ranges)]
        let pixels = (10..109, 219..20);
        let spec = Cartesian2d::<RangedCoordf64, RangedCoordf64>::new(0.0..10.0, -1.0..1.0, pixels);
        for (x, y) in [(0.0, -1.0), (10.0, 1.0), (2.5, 0.3), (7.0, -0.8)] {
            let (px, py) = spec.translate(&(x, y));
            let (fx, fy) = f.at(x, y);
            assert!((px as f64 - fx).abs() <= 1.0 && (py as f64 - fy).abs() <= 1.0);
        }
    }
}
