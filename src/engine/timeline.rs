//! The timeline of a training run: snapshots of the trainer's whole state (every parameter, the
//! optimizer's moments, the mini-batch order and the random stream), so that the page can show
//! any past iteration exactly and training can resume from it bit for bit.
//!
//! Memory is bounded from the start: the store is allocated once, for at most
//! [`MAX_SNAPSHOTS`] snapshots and at most [`BUDGET_BYTES`] bytes, whichever is fewer for the
//! network's size. Every store has the same size, whatever the network, and a timeline that
//! goes hands its store to the next one made (one spare kept per thread): a new run, a new
//! network or a new page reuses the very same memory, so the WebAssembly memory, which never
//! shrinks, does not grow by a store's size when a freed one was split by smaller allocations. A snapshot is taken every `stride` iterations; when the store is full, every
//! other snapshot is dropped and the stride doubles (as the loss history thins), so the timeline
//! always spans the whole run, more coarsely as it grows.

use std::cell::RefCell;

use super::optimizer::Optimizer;
use super::stop::StopReason;

/// Most snapshots a timeline keeps.
pub const MAX_SNAPSHOTS: usize = 10_000;
/// Most bytes a timeline's store takes (its parameters, moments and batch orders).
pub const BUDGET_BYTES: usize = 16 << 20;
/// The f64s of every store: the budget less the room of [`MAX_SNAPSHOTS`] small parts.
const STORE_FLOATS: usize =
    (BUDGET_BYTES - MAX_SNAPSHOTS * std::mem::size_of::<SnapshotMeta>()) / 8;

/// A timeline's memory: the snapshots' vectors, one after the other, and their small parts.
struct Store {
    floats: Vec<f64>,
    metas: Vec<SnapshotMeta>,
}

thread_local! {
    /// The store of the last timeline dropped, for the next one made.
    static SPARE: RefCell<Option<Store>> = const { RefCell::new(None) };
}

impl Store {
    /// The spare store, if there is one of at least `floats` f64s, else a new one.
    fn take(floats: usize) -> Store {
        let spare = SPARE.with(|s| s.borrow_mut().take());
        match spare {
            Some(mut store) if store.floats.len() >= floats => {
                store.metas.clear();
                store
            }
            _ => Store {
                floats: vec![0.0; floats.max(STORE_FLOATS)],
                metas: Vec::with_capacity(MAX_SNAPSHOTS),
            },
        }
    }
}

/// The small part of a snapshot: everything but the vectors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SnapshotMeta {
    /// Updates made before the snapshot.
    pub iteration: u64,
    /// Where the next mini-batch starts in the order.
    pub cursor: usize,
    /// The state of the mini-batch order's random stream.
    pub rng: [u64; 4],
    /// The objective the run started from (for the divergence check).
    pub first_objective: Option<f64>,
    /// The update rule the moments belong to.
    pub rule: Optimizer,
    /// The optimizer's step count and its running β₁ᵗ, β₂ᵗ.
    pub steps: u64,
    /// β₁ᵗ and β₂ᵗ.
    pub powers: (f64, f64),
    /// Why training had stopped, if it had.
    pub stopped: Option<StopReason>,
    /// The loss history's cadence: epochs counted and the stride it keeps them at, so that a
    /// resumed run records (and skips measuring) the epochs a straight run would.
    pub history: (u64, u64),
}

/// One snapshot, as the trainer writes or reads it: the parameters, the optimizer's two moment
/// vectors (each as long as the parameters) and the batch order.
pub struct SnapshotMut<'a> {
    /// Every parameter, then the first moment, then the second (3 × parameters).
    pub floats: &'a mut [f64],
    /// The mini-batch order (indices, exact as f64s).
    pub order: &'a mut [f64],
}

/// A run's snapshots, oldest first, in one store allocated up front: snapshot k's parameters,
/// moments and order at `k × (3 × params + order_len)` of `floats`.
#[derive(Debug)]
pub struct Timeline {
    params: usize,
    order_len: usize,
    capacity: usize,
    floats: Vec<f64>,
    metas: Vec<SnapshotMeta>,
    stride: u64,
    /// Whether the last snapshot is provisional (off the stride's grid): the next push replaces it.
    provisional: bool,
}

impl Timeline {
    /// An empty timeline for a network of `params` parameters trained on `order_len` points.
    pub fn new(params: usize, order_len: usize) -> Timeline {
        let capacity = Timeline::capacity_for(params, order_len);
        let Store { floats, metas } = Store::take(capacity * (3 * params + order_len));
        Timeline {
            params,
            order_len,
            capacity,
            floats,
            metas,
            stride: 1,
            provisional: false,
        }
    }

    /// How many snapshots fit the store: f64s per snapshot are 3 per parameter and 1 per point
    /// of the order; at least 2, at most [`MAX_SNAPSHOTS`].
    pub fn capacity_for(params: usize, order_len: usize) -> usize {
        (STORE_FLOATS / (3 * params + order_len).max(1)).clamp(2, MAX_SNAPSHOTS)
    }

    /// f64s of one snapshot's vectors.
    fn each(&self) -> usize {
        3 * self.params + self.order_len
    }

    /// Whether the timeline fits a run of `params` parameters on `order_len` points.
    pub fn fits(&self, params: usize, order_len: usize) -> bool {
        self.params == params && self.order_len == order_len
    }

    /// Snapshots kept.
    pub fn len(&self) -> usize {
        self.metas.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.metas.is_empty()
    }

    /// Most snapshots kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Iterations between two snapshots now.
    pub fn stride(&self) -> u64 {
        self.stride
    }

    /// Bytes of the store (allocated once, whatever the number of snapshots in it).
    pub fn bytes(&self) -> usize {
        self.floats.capacity() * 8 + self.metas.capacity() * std::mem::size_of::<SnapshotMeta>()
    }

    /// Whether iteration `iteration` is due for a snapshot.
    pub fn due(&self, iteration: u64) -> bool {
        iteration.is_multiple_of(self.stride)
    }

    /// Drops every snapshot.
    pub fn clear(&mut self) {
        self.metas.clear();
        self.stride = 1;
        self.provisional = false;
    }

    /// The iteration of snapshot `k`.
    pub fn iteration(&self, k: usize) -> Option<u64> {
        self.metas.get(k).map(|m| m.iteration)
    }

    /// The iteration of the last snapshot.
    pub fn last_iteration(&self) -> Option<u64> {
        self.metas.last().map(|m| m.iteration)
    }

    /// Snapshot `k`'s small part.
    pub fn meta(&self, k: usize) -> Option<&SnapshotMeta> {
        self.metas.get(k)
    }

    /// Snapshot `k`'s parameters.
    pub fn params(&self, k: usize) -> &[f64] {
        let at = k * self.each();
        &self.floats[at..at + self.params]
    }

    /// Parameter `i` of every snapshot, oldest first, as (iteration, value).
    pub fn param_over_time(&self, i: usize) -> impl Iterator<Item = (u64, f64)> + '_ {
        self.metas
            .iter()
            .enumerate()
            .map(move |(k, m)| (m.iteration, self.floats[k * self.each() + i]))
    }

    /// Snapshot `k`: its vectors and small part.
    pub fn get(&self, k: usize) -> Option<(&[f64], &[f64], &SnapshotMeta)> {
        let meta = self.metas.get(k)?;
        let (at, f) = (k * self.each(), 3 * self.params);
        let floats = &self.floats[at..at + f];
        let order = &self.floats[at + f..at + self.each()];
        Some((floats, order, meta))
    }

    /// The index of the snapshot of `iteration`, if there is one.
    pub fn find(&self, iteration: u64) -> Option<usize> {
        self.metas
            .binary_search_by_key(&iteration, |m| m.iteration)
            .ok()
    }

    /// Room for a new snapshot after the last (thinning first when full), with its small part
    /// set to `meta`; the caller fills the vectors. A `provisional` one (the state at the end
    /// of a frame, off the grid) is replaced by the next push.
    pub fn push(&mut self, meta: SnapshotMeta, provisional: bool) -> SnapshotMut<'_> {
        if std::mem::replace(&mut self.provisional, provisional) {
            self.metas.pop();
        }
        if self.metas.len() == self.capacity {
            self.thin();
        }
        let k = self.metas.len();
        self.metas.push(meta);
        self.slot(k)
    }

    /// Keeps every other snapshot (the first, the third…) and doubles the stride, without
    /// allocating.
    fn thin(&mut self) {
        let kept = self.metas.len().div_ceil(2);
        let each = self.each();
        for i in 1..kept {
            self.metas[i] = self.metas[2 * i];
            self.floats
                .copy_within(2 * i * each..(2 * i + 1) * each, i * each);
        }
        self.metas.truncate(kept);
        self.stride *= 2;
    }

    fn slot(&mut self, k: usize) -> SnapshotMut<'_> {
        let (each, f) = (self.each(), 3 * self.params);
        let at = k * each;
        let (floats, order) = self.floats[at..at + each].split_at_mut(f);
        SnapshotMut { floats, order }
    }

    /// Drops the snapshots of iteration `iteration` and after.
    pub fn truncate_from(&mut self, iteration: u64) {
        let keep = self.metas.partition_point(|m| m.iteration < iteration);
        if keep < self.metas.len() {
            self.metas.truncate(keep);
            self.provisional = false;
        }
    }

    /// Drops the snapshots after iteration `iteration`.
    pub fn truncate_after(&mut self, iteration: u64) {
        let keep = self.metas.partition_point(|m| m.iteration <= iteration);
        if keep < self.metas.len() {
            self.metas.truncate(keep);
            self.provisional = false;
        }
    }
}

impl Drop for Timeline {
    /// Hands the store to the next timeline made (unless a spare is already kept).
    fn drop(&mut self) {
        let store = Store {
            floats: std::mem::take(&mut self.floats),
            metas: std::mem::take(&mut self.metas),
        };
        SPARE.with(|s| {
            let mut spare = s.borrow_mut();
            if spare.is_none() {
                *spare = Some(store);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(iteration: u64) -> SnapshotMeta {
        SnapshotMeta {
            iteration,
            cursor: 0,
            rng: [0; 4],
            first_objective: None,
            rule: Optimizer::Sgd,
            steps: 0,
            powers: (1.0, 1.0),
            stopped: None,
            history: (0, 1),
        }
    }

    #[test]
    fn a_full_timeline_keeps_every_other_snapshot_spanning_the_run_without_growing() {
        let mut t = Timeline::new(2, 3);
        let cap = t.capacity();
        let bytes = t.bytes();
        let mut pushed = 0;
        for i in 0..50_000u64 {
            if !t.due(i) {
                continue;
            }
            let s = t.push(meta(i), false);
            s.floats[0] = i as f64;
            s.order[2] = i as f64;
            pushed += 1;
        }
        assert!(pushed > cap);
        assert!(t.len() <= cap && t.len() > cap / 2);
        assert_eq!(t.bytes(), bytes, "the store never grows");
        assert_eq!(t.iteration(0), Some(0));
        // Every snapshot is still the one of its iteration, evenly spaced.
        for k in 0..t.len() {
            let (floats, order, m) = t.get(k).unwrap();
            assert_eq!(floats[0], m.iteration as f64);
            assert_eq!(order[2], m.iteration as f64);
            assert_eq!(m.iteration, k as u64 * t.stride());
        }
        assert!(t.last_iteration().unwrap() + 2 * t.stride() > 49_999);
    }

    #[test]
    fn capacity_is_bounded_by_count_and_bytes() {
        assert_eq!(Timeline::capacity_for(9, 160), MAX_SNAPSHOTS);
        let big = Timeline::new(643, 1600);
        assert!(big.bytes() <= BUDGET_BYTES + 4096);
        assert!(big.capacity() < MAX_SNAPSHOTS && big.capacity() > 100);
    }

    #[test]
    fn a_new_timeline_reuses_the_store_of_the_last_one_dropped_whatever_its_shape() {
        let small = Timeline::new(9, 160);
        let (at, bytes) = (small.floats.as_ptr(), small.bytes());
        drop(small);
        let big = Timeline::new(643, 1600);
        assert_eq!(big.floats.as_ptr(), at, "the very same memory");
        assert_eq!(big.bytes(), bytes);
        // With it in use, another one gets a store of its own.
        let other = Timeline::new(9, 160);
        assert_ne!(other.floats.as_ptr(), at);
        assert!(bytes <= BUDGET_BYTES);
    }

    #[test]
    fn truncating_and_finding_go_by_iteration() {
        let mut t = Timeline::new(1, 1);
        for i in [0, 5, 10, 15] {
            t.push(meta(i), false);
        }
        t.push(meta(17), true);
        assert_eq!(t.len(), 5);
        t.push(meta(20), false);
        assert_eq!(t.len(), 5, "the provisional snapshot was replaced");
        assert_eq!(t.last_iteration(), Some(20));
        assert_eq!(t.find(10), Some(2));
        assert_eq!(t.find(11), None);
        t.truncate_after(11);
        assert_eq!(t.len(), 3);
        assert_eq!(t.find(20), None);
        assert_eq!(t.last_iteration(), Some(10));
    }
}
