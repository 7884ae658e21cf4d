//! Activation functions of the hidden layers.

/// The nonlinearity f applied after each hidden layer (the output layer stays linear: it gives scores).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// f(z) = tanh z, f′ = 1 − f².
    Tanh,
    /// f(z) = max(0, z), f′ = 1 if z > 0 else 0 (0 at z = 0).
    Relu,
    /// f(z) = σ(z) = 1/(1 + e^(−z)), f′ = f(1 − f).
    Sigmoid,
    /// f(z) = z, f′ = 1.
    Linear,
}

impl Activation {
    /// Every activation, in the order the page lists them.
    pub const ALL: [Activation; 4] = [
        Activation::Tanh,
        Activation::Relu,
        Activation::Sigmoid,
        Activation::Linear,
    ];

    /// f(z).
    #[inline]
    pub fn apply(self, z: f64) -> f64 {
        match self {
            Activation::Tanh => super::fastmath::tanh(z),
            // A select, not f64::max, whose NaN rule keeps the layer loop from vectorizing.
            Activation::Relu => {
                if z > 0.0 {
                    z
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => sigmoid(z),
            Activation::Linear => z,
        }
    }

    /// f(z) for every value of `z`, in place: one loop per activation (the match outside it),
    /// so each loop vectorizes.
    pub fn apply_all(self, z: &mut [f64]) {
        match self {
            Activation::Tanh => z.iter_mut().for_each(|v| *v = super::fastmath::tanh(*v)),
            Activation::Relu => z.iter_mut().for_each(|v| *v = Activation::Relu.apply(*v)),
            Activation::Sigmoid => z.iter_mut().for_each(|v| *v = sigmoid(*v)),
            Activation::Linear => {}
        }
    }

    /// g ← g·f′ for every pair of an error `g` and the output `a` = f(z) it belongs to, in
    /// place: one loop per activation, like [`Activation::apply_all`].
    pub fn scale_by_derivative(self, g: &mut [f64], a: &[f64]) {
        let pairs = g.iter_mut().zip(a);
        match self {
            Activation::Tanh => pairs.for_each(|(g, &a)| *g *= 1.0 - a * a),
            Activation::Relu => {
                pairs.for_each(|(g, &a)| *g *= Activation::Relu.derivative_from_output(a))
            }
            Activation::Sigmoid => pairs.for_each(|(g, &a)| *g *= a * (1.0 - a)),
            // g·1 = g exactly.
            Activation::Linear => {}
        }
    }

    /// f′(z), written in terms of the output a = f(z), which is what the forward pass keeps.
    #[inline]
    pub fn derivative_from_output(self, a: f64) -> f64 {
        match self {
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu => {
                if a > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Linear => 1.0,
        }
    }
}

/// The logistic function σ(z) = 1/(1 + e^(−z)), evaluated without overflow for any z: the
/// exponent is always −|z| ≤ 0, so the fast, reproducible [`exp_nonpositive`] serves.
///
/// [`exp_nonpositive`]: super::fastmath::exp_nonpositive
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    use super::fastmath::exp_nonpositive;
    if z >= 0.0 {
        1.0 / (1.0 + exp_nonpositive(-z))
    } else {
        let e = exp_nonpositive(z);
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_from_outputs_match_finite_differences() {
        for act in Activation::ALL {
            for &z in &[-2.3, -0.4, 0.7, 1.9] {
                let h = 1e-6;
                let numeric = (act.apply(z + h) - act.apply(z - h)) / (2.0 * h);
                let analytic = act.derivative_from_output(act.apply(z));
                assert!((numeric - analytic).abs() < 1e-8, "{act:?} at {z}");
            }
        }
    }

    #[test]
    fn sigmoid_is_finite_and_exact_at_the_extremes() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert!((sigmoid(-30.0) - libm::exp(-30.0)).abs() < 1e-25);
    }
}
