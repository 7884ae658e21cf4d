//! A surface sampled on a grid of the plane (computed once per change of surface), with the
//! scale its shading uses and its level sets traced by marching squares: what the page draws of a
//! surface wherever it appears (the Descent section, the plane of two weights). The pixels are
//! [`crate::render::surface`]'s business.

/// A rectangle of the plane: (x range, y range).
pub type Extent = ((f64, f64), (f64, f64));

/// A piece of a level set: a segment between two plane points.
pub type Segment = [(f64, f64); 2];

/// One traced level set: its value and its segments.
pub type LevelSet = (f64, Vec<Segment>);

/// How many level sets are traced.
pub const LEVELS: usize = 14;

/// A surface sampled on a grid, its shading scale and its level sets.
pub struct SurfaceGrid {
    size: usize,
    extent: Extent,
    values: Vec<f64>,
    /// The shading scale: t = log(1 + (f − low)/s) / norm, see [`SurfaceGrid::compute`].
    low: f64,
    s: f64,
    norm: f64,
    /// Per level: its value and its segments (pairs of points in plane coordinates).
    contours: Vec<LevelSet>,
}

impl SurfaceGrid {
    /// A flat (zero) grid of size × size cells over the unit square.
    pub fn new(size: usize) -> Self {
        SurfaceGrid {
            size,
            extent: ((0.0, 1.0), (0.0, 1.0)),
            values: vec![0.0; size * size],
            low: 0.0,
            s: 1.0,
            norm: 1.0,
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

    /// The values, row by row from the top (largest y) down.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Where `v` lies on the shading scale, from 0 (the lowest value) to 1 (the 98th percentile
    /// and above); None for a value that is not finite.
    pub fn shade(&self, v: f64) -> Option<f64> {
        v.is_finite()
            .then(|| (libm::log1p((v - self.low).max(0.0) / self.s) / self.norm).min(1.0))
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

    /// Evaluates `f` over `extent`, sets the shading scale and traces the level sets.
    ///
    /// Shading scale: t = log(1 + (f − f_min)/s) / log(1 + (f_top − f_min)/s) with
    /// s = (f_top − f_min)/20 and f_top the 98th percentile (so one huge corner does not wash out
    /// the rest). The level sets sit at evenly spaced t, so they crowd where the surface is steep
    /// in that log scale, as a map's contour lines do. Values that are not finite are left out of
    /// the level sets.
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
        self.low = low;
        self.s = span / 20.0;
        self.norm = libm::log1p(span / self.s);
        self.contours.clear();
        for level in 1..=LEVELS {
            let t = level as f64 / (LEVELS + 1) as f64;
            let value = low + self.s * libm::expm1(t * self.norm);
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
        let mut l = SurfaceGrid::new(80);
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
        // The lowest value at the start of the scale, a corner near its end.
        let centre = l.values()[40 * 80 + 40];
        assert!(l.shade(centre).unwrap() < 0.01);
        assert!(l.shade(l.values()[0]).unwrap() > 0.9);
        assert_eq!(l.shade(f64::NAN), None);
    }

    #[test]
    fn values_that_are_not_numbers_are_left_out_of_the_level_sets() {
        let mut l = SurfaceGrid::new(20);
        l.compute(((0.0, 1.0), (0.0, 1.0)), |w| {
            if w[0] < 0.5 { f64::NAN } else { w[0] }
        });
        assert!(l.values()[0].is_nan());
        for (_, segments) in l.contours() {
            for [a, b] in segments {
                assert!(a.0 >= 0.5 && b.0 >= 0.5);
            }
        }
    }
}
