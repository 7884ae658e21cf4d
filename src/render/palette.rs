//! Colours. The class colours come from the Okabe–Ito palette, chosen to stay distinct for the
//! common kinds of colour blindness; the classes are also told apart by marker shape.

/// An sRGB colour.
pub type Rgb = [u8; 3];

/// Cat (0): orange, dog (1): blue, sheep (2): bluish green (Okabe–Ito).
pub const CLASS: [Rgb; 3] = [[0xE6, 0x9F, 0x00], [0x00, 0x72, 0xB2], [0x00, 0x9E, 0x73]];

/// Darker versions of the class colours, for point outlines on top of their own region.
pub const CLASS_DARK: [Rgb; 3] = [[0x9A, 0x63, 0x00], [0x00, 0x45, 0x6E], [0x00, 0x5E, 0x44]];

/// Page background behind the charts.
pub const PAPER: Rgb = [0xFF, 0xFF, 0xFF];

/// Text and axes.
pub const INK: Rgb = [0x22, 0x22, 0x22];

/// The test-loss curve (Okabe–Ito reddish purple, apart from the class colours).
pub const TEST: Rgb = [0xCC, 0x79, 0xA7];

/// The objective curve, training loss + penalty (Okabe–Ito vermillion).
pub const OBJECTIVE: Rgb = [0xD5, 0x5E, 0x00];

/// Secondary lines and tick labels.
pub const MUTED: Rgb = [0x77, 0x77, 0x77];

/// Strongest tint of a region: at certainty 1 the background is this share of the class colour.
pub const MAX_TINT: f32 = 0.6;

/// Where the network's scores are not finite numbers (a diverged run): a neutral grey.
pub const UNDEFINED: Rgb = [0xC8, 0xC8, 0xC8];

/// The colour of a region where the network picks `class` with probability `p` out of `k` classes:
/// white at chance level (p = 1/k), `MAX_TINT` of the class colour at p = 1; [`UNDEFINED`] grey
/// when p is not a number.
#[inline]
pub fn region(class: usize, p: f32, k: usize) -> Rgb {
    if !p.is_finite() {
        return UNDEFINED;
    }
    let chance = 1.0 / k as f32;
    let t = ((p - chance) / (1.0 - chance)).clamp(0.0, 1.0) * MAX_TINT;
    let c = CLASS[class % CLASS.len()];
    let mix = |ch: u8| (255.0 + (ch as f32 - 255.0) * t + 0.5) as u8;
    [mix(c[0]), mix(c[1]), mix(c[2])]
}
