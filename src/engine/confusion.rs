//! The confusion matrix of a classifier on a set of points: how many points of each true class
//! it predicts as each class (the prediction is the first largest score, as for the accuracy).

use ndarray::ArrayView2;

use super::data::CLASSES;
use super::loss::{MAX_CLASSES, predicted_class};

/// Counts of (true class, predicted class) over a set of points, for the data sets' three classes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Confusion {
    /// `counts[t][p]`: points of true class `t` predicted as `p`.
    pub counts: [[u32; CLASSES]; CLASSES],
}

impl Confusion {
    /// The matrix of the rows of `scores` (one row per point) against `labels`. A prediction or
    /// label outside the three classes is not counted (a model has one score per class).
    pub fn of(scores: ArrayView2<f64>, labels: &[usize]) -> Confusion {
        let mut out = Confusion::default();
        let k = scores.ncols().min(MAX_CLASSES);
        let mut s = [0.0; MAX_CLASSES];
        for (row, &label) in scores.rows().into_iter().zip(labels) {
            for (dst, &src) in s.iter_mut().zip(row) {
                *dst = src;
            }
            let predicted = predicted_class(&s[..k]);
            if label < CLASSES && predicted < CLASSES {
                out.counts[label][predicted] += 1;
            }
        }
        out
    }

    /// Every point counted.
    pub fn total(&self) -> u32 {
        self.counts.iter().flatten().sum()
    }

    /// Points whose prediction is their class (the diagonal).
    pub fn correct(&self) -> u32 {
        (0..CLASSES).map(|c| self.counts[c][c]).sum()
    }

    /// Share of points predicted right, correct / total: the accuracy. NaN for no points.
    pub fn accuracy(&self) -> f64 {
        f64::from(self.correct()) / f64::from(self.total())
    }

    /// Share of the points of class `c` predicted as `c` (the class's accuracy, or recall):
    /// counts[c][c] / Σₚ counts[c][p]. NaN when the set has no point of class `c`.
    pub fn class_accuracy(&self, c: usize) -> f64 {
        let row = &self.counts[c.min(CLASSES - 1)];
        f64::from(row[c.min(CLASSES - 1)]) / f64::from(row.iter().sum::<u32>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn each_point_is_counted_once_under_its_class_and_its_prediction() {
        // Scores of five points; ties go to the first largest, as for the accuracy.
        let scores = array![
            [3.0, 1.0, 0.0],
            [0.0, 2.0, 1.0],
            [1.0, 1.0, 0.0],
            [0.0, 0.0, 5.0],
            [0.0, 4.0, 1.0],
        ];
        let labels = [0, 1, 1, 2, 2];
        let m = Confusion::of(scores.view(), &labels);
        assert_eq!(m.counts, [[1, 0, 0], [1, 1, 0], [0, 1, 1]]);
        assert_eq!((m.total(), m.correct()), (5, 3));
        assert_eq!(m.accuracy(), 0.6);
        assert_eq!(
            m.accuracy(),
            crate::engine::trainer::accuracy(scores.view(), &labels)
        );
        assert_eq!(m.class_accuracy(0), 1.0);
        assert_eq!(m.class_accuracy(1), 0.5);
        assert_eq!(m.class_accuracy(2), 0.5);
        let empty = Confusion::of(scores.view(), &[]);
        assert_eq!(empty.total(), 0);
        assert!(empty.accuracy().is_nan() && empty.class_accuracy(1).is_nan());
    }
}
