//! Data sets: points in the plane with a class label each.
//!
//! Every data set lives in the square [−1, 1]² and has three classes. The first one is the article's:
//! cats (0), dogs (1) and sheep (2), told apart by two features a child understands, ear pointiness
//! (x) and body size (y). The others are the classic teaching shapes, in three-class versions.

use ndarray::Array2;

use super::rng::Rng;

/// Number of classes in every data set here.
pub const CLASSES: usize = 3;

/// Which shape the points take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DataKind {
    /// Cats (pointy ears, small), dogs (floppy ears, middle-sized), sheep (small ears, large).
    Animals,
    /// Three round clusters, 120° apart.
    Blobs,
    /// Three concentric rings: class 0 inside, class 2 outside.
    Circles,
    /// Three interleaved spiral arms.
    Spiral,
}

impl DataKind {
    /// Every kind, in the order the page lists them.
    pub const ALL: [DataKind; 4] = [
        DataKind::Animals,
        DataKind::Blobs,
        DataKind::Circles,
        DataKind::Spiral,
    ];
}

/// What to generate. Valid by construction once it has passed the settings boundary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataSpec {
    /// The shape.
    pub kind: DataKind,
    /// How many points in all (train + test).
    pub samples: usize,
    /// Noise level in [0, 1]: 0 is clean, 1 overlaps the classes heavily.
    pub noise: f64,
    /// Share of the points used for training, in (0, 1); the rest is the test set.
    pub train_fraction: f64,
    /// Seed of the points and of the split.
    pub seed: u64,
}

/// A labelled set of points: `x` is N×2, `labels[i]` ∈ 0..3 is the class of row i.
#[derive(Clone, Debug, PartialEq)]
pub struct DataSet {
    /// The features, one row per point.
    pub x: Array2<f64>,
    /// The class of each row.
    pub labels: Vec<usize>,
}

impl DataSet {
    /// Number of points.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the set has no point.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Appends the point `at` of class `label`.
    pub fn push(&mut self, at: [f64; 2], label: usize) {
        let mut x = Array2::zeros((self.len() + 1, 2));
        x.slice_mut(ndarray::s![..self.len(), ..]).assign(&self.x);
        x[[self.len(), 0]] = at[0];
        x[[self.len(), 1]] = at[1];
        self.x = x;
        self.labels.push(label);
    }

    /// Removes row `index` (the rows after it move up by one).
    pub fn remove(&mut self, index: usize) {
        let keep: Vec<usize> = (0..self.len()).filter(|&i| i != index).collect();
        self.x = self.x.select(ndarray::Axis(0), &keep);
        self.labels.remove(index);
    }

    fn from_points(points: &[([f64; 2], usize)]) -> Self {
        let mut x = Array2::zeros((points.len(), 2));
        for (row, (p, _)) in x.rows_mut().into_iter().zip(points) {
            let mut row = row;
            row[0] = p[0];
            row[1] = p[1];
        }
        DataSet {
            x,
            labels: points.iter().map(|(_, c)| *c).collect(),
        }
    }
}

/// The training and test sets drawn from one [`DataSpec`].
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Points the model learns from (drawn filled).
    pub train: DataSet,
    /// Points held out to measure generalization (drawn hollow).
    pub test: DataSet,
}

/// Generates the points of `spec` and splits them at random into train and test sets.
/// The classes are balanced (the sample count is shared out round-robin) and every coordinate is
/// clamped to [−1, 1].
pub fn generate(spec: &DataSpec) -> Split {
    let mut rng = Rng::new(spec.seed ^ 0xDA7A_5E7D_0000_0000);
    let mut points: Vec<([f64; 2], usize)> = (0..spec.samples)
        .map(|i| {
            let class = i % CLASSES;
            let p = point(spec.kind, class, spec.noise, &mut rng);
            ([p[0].clamp(-1.0, 1.0), p[1].clamp(-1.0, 1.0)], class)
        })
        .collect();
    rng.shuffle(&mut points);
    let n_train = ((spec.samples as f64 * spec.train_fraction).round() as usize)
        .clamp(1, spec.samples.saturating_sub(1).max(1));
    let (train, test) = points.split_at(n_train.min(points.len()));
    Split {
        train: DataSet::from_points(train),
        test: DataSet::from_points(test),
    }
}

/// One point of class `class` for the given shape.
fn point(kind: DataKind, class: usize, noise: f64, rng: &mut Rng) -> [f64; 2] {
    let c = class as f64;
    match kind {
        DataKind::Animals => {
            // Centres in (ear pointiness, body size): cats have pointy ears and small bodies, dogs
            // floppy ears and middle-sized bodies, sheep small rounded ears and large bodies.
            const CENTRES: [[f64; 2]; CLASSES] = [[0.55, -0.5], [-0.5, -0.2], [0.05, 0.6]];
            let spread = 0.1 + 0.3 * noise;
            let [cx, cy] = CENTRES[class];
            [cx + spread * rng.normal(), cy + spread * rng.normal()]
        }
        DataKind::Blobs => {
            let angle = std::f64::consts::TAU * c / CLASSES as f64 + 0.5;
            let spread = 0.08 + 0.3 * noise;
            [
                0.55 * libm::cos(angle) + spread * rng.normal(),
                0.55 * libm::sin(angle) + spread * rng.normal(),
            ]
        }
        DataKind::Circles => {
            let radius = 0.2 + 0.33 * c + (0.04 + 0.12 * noise) * rng.normal();
            let angle = rng.range(0.0, std::f64::consts::TAU);
            [radius * libm::cos(angle), radius * libm::sin(angle)]
        }
        DataKind::Spiral => {
            // Arm `class` turns 1.75 times; r grows linearly along it.
            let t = rng.uniform();
            let r = 0.1 + 0.85 * t;
            let angle = std::f64::consts::TAU * (c / CLASSES as f64 + 1.75 * t)
                + (0.05 + 0.35 * noise) * rng.normal();
            [r * libm::cos(angle), r * libm::sin(angle)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(kind: DataKind, noise: f64, seed: u64) -> DataSpec {
        DataSpec {
            kind,
            samples: 300,
            noise,
            train_fraction: 0.6,
            seed,
        }
    }

    #[test]
    fn every_kind_gives_balanced_classes_inside_the_square_split_as_asked() {
        for kind in DataKind::ALL {
            let s = generate(&spec(kind, 0.3, 1));
            assert_eq!(s.train.len(), 180);
            assert_eq!(s.test.len(), 120);
            let mut counts = [0; CLASSES];
            for set in [&s.train, &s.test] {
                assert!(set.x.iter().all(|v| (-1.0..=1.0).contains(v)));
                for &l in &set.labels {
                    counts[l] += 1;
                }
            }
            assert_eq!(counts, [100, 100, 100], "{kind:?}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_points_and_another_seed_does_not() {
        let a = generate(&spec(DataKind::Spiral, 0.2, 5));
        assert_eq!(a, generate(&spec(DataKind::Spiral, 0.2, 5)));
        assert_ne!(a, generate(&spec(DataKind::Spiral, 0.2, 6)));
    }

    #[test]
    fn animals_have_cats_with_pointier_ears_and_sheep_with_larger_bodies() {
        let s = generate(&spec(DataKind::Animals, 0.0, 2));
        let mean = |class: usize, feature: usize| {
            let rows: Vec<f64> = (0..s.train.len())
                .filter(|&i| s.train.labels[i] == class)
                .map(|i| s.train.x[[i, feature]])
                .collect();
            rows.iter().sum::<f64>() / rows.len() as f64
        };
        assert!(
            mean(0, 0) > mean(1, 0) + 0.5,
            "cats' ears are pointier than dogs'"
        );
        assert!(mean(2, 1) > mean(0, 1) + 0.5, "sheep are larger than cats");
    }

    #[test]
    fn more_noise_spreads_the_classes_further() {
        let spread = |noise| {
            let s = generate(&spec(DataKind::Blobs, noise, 4));
            let x = &s.train.x;
            let cats: Vec<usize> = (0..s.train.len())
                .filter(|&i| s.train.labels[i] == 0)
                .collect();
            let mx = cats.iter().map(|&i| x[[i, 0]]).sum::<f64>() / cats.len() as f64;
            cats.iter().map(|&i| (x[[i, 0]] - mx).powi(2)).sum::<f64>() / cats.len() as f64
        };
        assert!(spread(0.8) > 4.0 * spread(0.0));
    }
}
