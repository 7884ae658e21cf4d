//! Two f64 lanes side by side, one 128-bit SIMD register (WebAssembly `f64x2`): [`Pair`], for
//! the model's kernels, whose inner loops run over the samples of a batch two at a time.
//!
//! Every operation is the IEEE-754 operation of each lane (no fused multiply-add, no
//! reassociation), so a lane gives exactly the bits that plain scalar code gives for that sample,
//! on every target. WebAssembly uses its SIMD instructions; native builds a plain array, which
//! the compiler keeps in one SSE2 register.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{f64x2, f64x2_add, f64x2_extract_lane, f64x2_mul, f64x2_splat, v128};

    #[derive(Clone, Copy)]
    pub struct Pair(v128);

    impl Pair {
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> Pair {
            Pair(f64x2(a, b))
        }
        #[inline(always)]
        pub fn splat(v: f64) -> Pair {
            Pair(f64x2_splat(v))
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            [
                f64x2_extract_lane::<0>(self.0),
                f64x2_extract_lane::<1>(self.0),
            ]
        }
    }

    impl core::ops::Add for Pair {
        type Output = Pair;
        #[inline(always)]
        fn add(self, o: Pair) -> Pair {
            Pair(f64x2_add(self.0, o.0))
        }
    }

    impl core::ops::Mul for Pair {
        type Output = Pair;
        #[inline(always)]
        fn mul(self, o: Pair) -> Pair {
            Pair(f64x2_mul(self.0, o.0))
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct Pair([f64; 2]);

    impl Pair {
        #[inline(always)]
        pub fn new(a: f64, b: f64) -> Pair {
            Pair([a, b])
        }
        #[inline(always)]
        pub fn splat(v: f64) -> Pair {
            Pair([v, v])
        }
        #[inline(always)]
        pub fn lanes(self) -> [f64; 2] {
            self.0
        }
    }

    impl core::ops::Add for Pair {
        type Output = Pair;
        #[inline(always)]
        fn add(self, o: Pair) -> Pair {
            Pair([self.0[0] + o.0[0], self.0[1] + o.0[1]])
        }
    }

    impl core::ops::Mul for Pair {
        type Output = Pair;
        #[inline(always)]
        fn mul(self, o: Pair) -> Pair {
            Pair([self.0[0] * o.0[0], self.0[1] * o.0[1]])
        }
    }
}

pub use imp::Pair;

impl Pair {
    /// The two values of `s` (its length must be 2, as `chunks_exact(2)` gives).
    #[inline(always)]
    pub fn load(s: &[f64]) -> Pair {
        Pair::new(s[0], s[1])
    }

    /// Writes both lanes into `s` (its length must be 2).
    #[inline(always)]
    pub fn store(self, s: &mut [f64]) {
        let [a, b] = self.lanes();
        s[0] = a;
        s[1] = b;
    }

    /// self + a·b, lane by lane: a multiplication rounded, then an addition rounded (no FMA).
    #[inline(always)]
    pub fn mul_add(self, a: Pair, b: Pair) -> Pair {
        self + a * b
    }
}

#[cfg(test)]
mod tests {
    use super::Pair;

    #[test]
    fn each_lane_is_the_scalar_operation() {
        let (a, b, c) = (0.1, 1.0 / 3.0, -2.5e-7);
        let p = Pair::new(a, b).mul_add(Pair::splat(c), Pair::new(b, a));
        assert_eq!(p.lanes(), [a + c * b, b + c * a]);
        let mut out = [0.0; 2];
        Pair::load(&[1.5, -0.25]).store(&mut out);
        assert_eq!(out, [1.5, -0.25]);
    }
}
