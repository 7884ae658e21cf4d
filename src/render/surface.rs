//! A surface's pixels: its grid shaded into RGBA, white at its lowest values to a grey-blue at
//! its highest (the shading scale of [`SurfaceGrid`]), grey where it is not a number. One
//! `putImageData` on the page, one embedded image in an export.

use super::palette::{self, Rgb};
use crate::scene::grid::SurfaceGrid;

/// Colour of the highest values (the lowest are white).
const DEEP: Rgb = [0x8A, 0x9F, 0xB5];

/// The RGBA pixels of `grid`, row by row from the top (largest y) down, into `rgba` (resized).
pub fn shade_into(grid: &SurfaceGrid, rgba: &mut Vec<u8>) {
    rgba.resize(grid.values().len() * 4, 255);
    for (px, &v) in rgba.chunks_exact_mut(4).zip(grid.values()) {
        let c = grid.shade(v).map_or(palette::UNDEFINED, |t| {
            DEEP.map(|d| (255.0 + (d as f64 - 255.0) * t + 0.5) as u8)
        });
        px[..3].copy_from_slice(&c);
        px[3] = 255;
    }
}

/// The RGBA pixels of `grid` (see [`shade_into`]).
pub fn rgba(grid: &SurfaceGrid) -> Vec<u8> {
    let mut out = Vec::new();
    shade_into(grid, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_is_white_the_corners_darker_and_nan_grey() {
        let mut g = SurfaceGrid::new(80);
        g.compute(((-2.0, 2.0), (-2.0, 2.0)), |w| {
            if w[0] > 1.9 {
                f64::NAN
            } else {
                w[0] * w[0] + w[1] * w[1]
            }
        });
        let px = rgba(&g);
        let centre = 4 * (40 * 80 + 40);
        assert!(px[centre] > 250);
        assert!(px[0] < px[centre]);
        assert_eq!(&px[4 * 79..4 * 79 + 3], &palette::UNDEFINED);
    }
}
