//! A fast, exactly reproducible hyperbolic tangent for the hidden layers.
//!
//! `libm::tanh` costs about 13 ns a call; a 2→8→8→8 network calls it 24 times per sample and the
//! whole budget for a sample (forward, backward, update) is a few hundred nanoseconds. This one
//! reduces the argument and evaluates a fixed polynomial with plain IEEE-754 arithmetic (no fused
//! multiply-add, no table), so it gives the same bits natively and in WebAssembly, within a few
//! units in the last place of the true value.

/// ln 2 split in two: the high part has trailing zero bits, so k·LN2_HI is exact for |k| < 2¹¹.
const LN2_HI: f64 = f64::from_bits(0x3FE6_2E42_FEE0_0000);
const LN2_LO: f64 = f64::from_bits(0x3DEA_39EF_3579_3C76);
const LOG2_E: f64 = std::f64::consts::LOG2_E;

/// 1.5·2⁵²: adding and subtracting it rounds an f64 of magnitude below 2⁵¹ to the nearest
/// integer, and the sum's low bits hold that integer (two's complement).
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// 1/(n + 1)! for n = 0 to 12: e^r − 1 = r·Σ_{n=0}^{12} rⁿ/(n + 1)! + O(r¹⁴).
const EXPM1_COEFFICIENTS: [f64; 13] = [
    1.0,
    0.5,
    1.0 / 6.0,
    1.0 / 24.0,
    1.0 / 120.0,
    1.0 / 720.0,
    1.0 / 5_040.0,
    1.0 / 40_320.0,
    1.0 / 362_880.0,
    1.0 / 3_628_800.0,
    1.0 / 39_916_800.0,
    1.0 / 479_001_600.0,
    1.0 / 6_227_020_800.0,
];

/// The shared core of the exponentials here: for −708 ≤ y ≤ 709, (2^k, e^r − 1) with
/// y = k·ln2 + r, |r| ≤ ln2/2, so that e^y = 2^k·(1 + (e^r − 1)).
///
/// k = round(y/ln2) by adding and subtracting 1.5·2⁵², and read back from the low bits of that sum
/// with integer arithmetic; r by Cody–Waite reduction (k·LN2_HI is exact); e^r − 1 =
/// r·Σ_{n=0}^{12} rⁿ/(n + 1)! (truncation below 2⁻⁵³ relative), the sum by Estrin's scheme (pairs
/// c₂ᵢ + c₂ᵢ₊₁·r, then pairs of pairs with r², r⁴, r⁸), whose dependency chain is a third of
/// Horner's: the activation loop is bound by that latency, not by the number of operations.
/// 2^k is built straight from its exponent bits, a normal number in this range. Branch-free
/// and table-free, so loops vectorize.
#[inline(always)]
fn reduce(y: f64) -> (f64, f64) {
    let shifted = y * LOG2_E + ROUNDER;
    let k = shifted - ROUNDER;
    let r = (y - k * LN2_HI) - k * LN2_LO;
    let c = &EXPM1_COEFFICIENTS;
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let p01 = c[0] + c[1] * r;
    let p23 = c[2] + c[3] * r;
    let p45 = c[4] + c[5] * r;
    let p67 = c[6] + c[7] * r;
    let p89 = c[8] + c[9] * r;
    let p1011 = c[10] + c[11] * r;
    let p0_3 = p01 + p23 * r2;
    let p4_7 = p45 + p67 * r2;
    let p8_11 = p89 + p1011 * r2;
    let p0_7 = p0_3 + p4_7 * r4;
    let p8_12 = p8_11 + c[12] * r4;
    let q = (p0_7 + p8_12 * r8) * r;
    let k_bits = shifted.to_bits().wrapping_sub(ROUNDER.to_bits());
    (f64::from_bits(k_bits.wrapping_add(1023) << 52), q)
}

/// e^y − 1 for 0 ≤ y ≤ 40, with full relative precision near 0:
/// 2^k·(e^r − 1) + (2^k − 1), both terms exact in their scaling.
#[inline(always)]
fn expm1_small(y: f64) -> f64 {
    let (two_k, q) = reduce(y);
    two_k * q + (two_k - 1.0)
}

/// e^x for x ≤ 0 (what softmax needs after subtracting the row maximum), within a few ulps and
/// identical on every target. Below −708 (where 2^k would leave the normal range) it defers to
/// `libm::exp`, which handles subnormal results.
#[inline(always)]
pub fn exp_nonpositive(x: f64) -> f64 {
    if x < -708.0 {
        return libm::exp(x);
    }
    let (two_k, q) = reduce(x);
    two_k + two_k * q
}

/// Where tanh rounds to ±1 in f64 (1 − tanh 19.1 ≈ 5·10⁻¹⁷ < ½ ulp of 1).
const SATURATION: f64 = 19.1;

/// tanh x, to within a few ulps, identical on every target.
///
/// tanh|x| = t/(t + 2) with t = e^(2|x|) − 1, the argument clamped at 19.1 where the result is
/// exactly ±1; the sign is restored; NaN stays NaN.
#[inline(always)]
pub fn tanh(x: f64) -> f64 {
    // A select rather than f64::min, whose NaN rule keeps it from vectorizing.
    let a = x.abs();
    let a = if a > SATURATION { SATURATION } else { a };
    let t = expm1_small(2.0 * a);
    let r = (t / (t + 2.0)).copysign(x);
    if x.is_nan() { x } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tanh_agrees_with_libm_to_a_few_ulps_everywhere() {
        let mut worst_ulps: f64 = 0.0;
        let mut x = -25.0;
        while x < 25.0 {
            let exact = libm::tanh(x);
            let ours = tanh(x);
            let ulp = f64::EPSILON * exact.abs().max(f64::MIN_POSITIVE);
            worst_ulps = worst_ulps.max((ours - exact).abs() / ulp);
            x += 0.000_731;
        }
        assert!(worst_ulps <= 4.0, "worst error {worst_ulps} ulps");
    }

    #[test]
    fn exp_of_nonpositive_arguments_agrees_with_libm_to_a_few_ulps() {
        let mut worst_ulps: f64 = 0.0;
        let mut x = -760.0;
        while x <= 0.0 {
            let exact = libm::exp(x);
            let ulp = f64::EPSILON * exact.max(f64::MIN_POSITIVE);
            worst_ulps = worst_ulps.max((exp_nonpositive(x) - exact).abs() / ulp);
            x += 0.0137;
        }
        assert!(worst_ulps <= 4.0, "worst error {worst_ulps} ulps");
        assert_eq!(exp_nonpositive(0.0), 1.0);
        assert_eq!(exp_nonpositive(-2000.0), 0.0);
    }

    #[test]
    fn tanh_keeps_tiny_arguments_exact_and_handles_the_edges() {
        for &x in &[1e-300, 1e-20, 1e-9, -3e-7] {
            assert!((tanh(x) - x).abs() <= x.abs() * 1e-12, "{x}");
        }
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(40.0), 1.0);
        assert_eq!(tanh(-1000.0), -1.0);
        assert_eq!(tanh(f64::INFINITY), 1.0);
        assert!(tanh(f64::NAN).is_nan());
    }
}
