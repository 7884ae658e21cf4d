//! A loss surface over a rectangle of the plane, drawn the same way wherever it appears: the
//! values on a grid (computed once per change of surface), shaded into RGBA pixels for one
//! `putImageData`, and level sets traced by marching squares for plotters to draw on top.

use super::palette::{self, Rgb};

/// A rectangle of the plane: (x range, y range).
pub type Extent = ((f64, f64), (f64, f64));

/// Colour of the highest values (the lowest are white).
const DEEP: Rgb = [0x8A, 0x9F, 0xB5];

/// A piece of a level set: a segment between two plane points.
pub type Segment = [(f64, f64); 2];

/// One traced level set: its value and its segments.
pub type LevelSet = (f64, Vec<Segment>);

/// How many level sets are traced.
pub const LEVELS: usize = 14;

/// A shaded surface and its level sets.
pub struct Landscape {
    size: usize,
    extent: Extent,
    values: Vec<f64>,
    rgba: Vec<u8>,
    /// Per level: its value and its segments (pairs of points in plane coordinates).
    contours: Vec<LevelSet>,
}

impl Landscape {
    /// An empty (white) surface of size × size cells over the unit square.
    pub fn new(size: usize) -> Self {
        Landscape {
            size,
            extent: ((0.0, 1.0), (0.0, 1.0)),
            values: vec![0.0; size * size],
            rgba: vec![255; size * size * 4],
            contours: Vec::new(),
        }
    }

    /// Cells per side.
    pub fn size(&self) -> usize {
        self.size
    }

    /// The rectangle covered.
    pub fn extent(&self) -> Extent {
        self.extent
    }

    /// The pixels, row by row from the top (largest y) down.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }

    /// The traced level sets: (value, segments).
    pub fn contours(&self) -> &[LevelSet] {
        &self.contours
    }

    /// The plane point at the centre of cell (row i from the top, column j).
    pub fn point(&self, i: usize, j: usize) -> [f64; 2] {
        let ((x0, x1), (y0, y1)) = self.extent;
        let n = self.size as f64;
        [
            x0 + (x1 - x0) * (j as f64 + 0.5) / n,
            y1 - (y1 - y0) * (i as f64 + 0.5) / n,
        ]
    }

    /// Evaluates `f` over `extent`, shades it and traces its level sets.
    ///
    /// Shading: t = log(1 + (f − f_min)/s) / log(1 + (f_top − f_min)/s) with s = (f_top − f_min)/20
    /// and f_top the 98th percentile (so one huge corner does not wash out the rest), from white
    /// (t = 0) to a grey-blue (t = 1). The level sets sit at evenly spaced t, so they crowd where the
    /// surface is steep in that log scale, as a map's contour lines do. Values that are not finite
    /// are shaded grey and left out of the level sets.
    pub fn compute(&mut self, extent: Extent, mut f: impl FnMut([f64; 2]) -> f64) {
        self.extent = extent;
        let n = self.size;
        for i in 0..n {
            for j in 0..n {
                self.values[i * n + j] = f(self.point(i, j));
            }
        }
        let mut finite: Vec<f64> = self
            .values
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        finite.sort_by(f64::total_cmp);
        let (low, top) = match (finite.first(), finite.last()) {
            (Some(&low), Some(_)) => (low, finite[(finite.len() - 1) * 98 / 100]),
            _ => (0.0, 1.0),
        };
        let span = (top - low).max(1e-12);
        let s = span / 20.0;
        let norm = libm::log1p(span / s);
        let shade = |v: f64| (libm::log1p((v - low).max(0.0) / s) / norm).min(1.0);
        for (k, &v) in self.values.iter().enumerate() {
            let c = if v.is_finite() {
                let t = shade(v);
                DEEP.map(|d| (255.0 + (d as f64 - 255.0) * t + 0.5) as u8)
            } else {
                palette::UNDEFINED
            };
            self.rgba[4 * k..4 * k + 3].copy_from_slice(&c);
            self.rgba[4 * k + 3] = 255;
        }
        self.contours.clear();
        for level in 1..=LEVELS {
            let t = level as f64 / (LEVELS + 1) as f64;
            let value = low + s * libm::expm1(t * norm);
            let segments = self.trace(value);
            self.contours.push((value, segments));
        }
    }

    /// The level set {f = level} as segments, by marching squares over the cell centres (each
    /// square's crossings joined in pairs; the ambiguous saddle cases joined by the centre value).
    fn trace(&self, level: f64) -> Vec<Segment> {
        let n = self.size;
        let mut out = Vec::new();
        let at = |i: usize, j: usize| self.values[i * n + j];
        for i in 0..n.saturating_sub(1) {
            for j in 0..n.saturating_sub(1) {
                // Corners: top-left, top-right, bottom-right, bottom-left.
                let corners = [(i, j), (i, j + 1), (i + 1, j + 1), (i + 1, j)];
                let v = corners.map(|(a, b)| at(a, b));
                if v.iter().any(|x| !x.is_finite()) {
                    continue;
                }
                let above = v.map(|x| x >= level);
                // The crossing on each edge (k → k + 1), if the level separates its corners.
                let mut edges = [None; 4];
                for (a, edge) in edges.iter_mut().enumerate() {
                    let b = (a + 1) % 4;
                    if above[a] != above[b] {
                        let t = (level - v[a]) / (v[b] - v[a]);
                        let pa = self.point(corners[a].0, corners[a].1);
                        let pb = self.point(corners[b].0, corners[b].1);
                        *edge = Some((pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1])));
                    }
                }
                let mut cross = edges.iter().flatten();
                match edges.iter().flatten().count() {
                    2 => {
                        if let (Some(&p), Some(&q)) = (cross.next(), cross.next()) {
                            out.push([p, q]);
                        }
                    }
                    4 => {
                        // Saddle: pair the crossings so the centre's side stays connected.
                        let centre_above = v.iter().sum::<f64>() / 4.0 >= level;
                        let e = edges.map(|p| p.unwrap_or((0.0, 0.0)));
                        if centre_above == above[0] {
                            out.push([e[0], e[1]]);
                            out.push([e[2], e[3]]);
                        } else {
                            out.push([e[3], e[0]]);
                            out.push([e[1], e[2]]);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bowls_level_sets_are_circles_at_their_level() {
        let mut l = Landscape::new(80);
        l.compute(((-2.0, 2.0), (-2.0, 2.0)), |w| w[0] * w[0] + w[1] * w[1]);
        assert_eq!(l.contours().len(), LEVELS);
        for (level, segments) in l.contours() {
            assert!(!segments.is_empty());
            let r = level.sqrt();
            for [a, b] in segments {
                for p in [a, b] {
                    // Linear interpolation of r² between grid points: close to the circle.
                    assert!((p.0.hypot(p.1) - r).abs() < 0.02, "level {level}: {p:?}");
                }
            }
        }
        // White at the minimum, darker at the corner.
        let centre = 4 * (40 * 80 + 40);
        assert!(l.rgba()[centre] > 250);
        assert!(l.rgba()[0] < l.rgba()[centre]);
    }

    #[test]
    fn values_that_are_not_numbers_are_grey_and_left_out() {
        let mut l = Landscape::new(20);
        l.compute(((0.0, 1.0), (0.0, 1.0)), |w| {
            if w[0] < 0.5 { f64::NAN } else { w[0] }
        });
        assert_eq!(&l.rgba()[0..3], &palette::UNDEFINED);
        for (_, segments) in l.contours() {
            for [a, b] in segments {
                assert!(a.0 >= 0.5 && b.0 >= 0.5);
            }
        }
    }
}
