//! The browser benchmark's handle on the workloads of [`crate::bench`]; `www/bench.html` times
//! each call with `performance.now()`.

use wasm_bindgen::prelude::*;

use crate::bench::{self, Kernel, Net};
use crate::engine::model::Mlp;
use crate::engine::trainer::Trainer;
use crate::render::decision::DecisionMap;

/// Every benchmark workload, built once.
#[wasm_bindgen]
pub struct Bench {
    softmax: Kernel,
    squared: Kernel,
    trainer: Trainer,
    map: DecisionMap,
    model: Mlp,
}

#[wasm_bindgen]
impl Bench {
    /// Builds the workloads (data, first weights, buffers).
    #[wasm_bindgen(constructor)]
    pub fn new() -> Bench {
        let (map, model) = bench::decision_map();
        Bench {
            softmax: Kernel::new(Net::SoftmaxCrossEntropy),
            squared: Kernel::new(Net::TanhSquaredL2),
            trainer: bench::trainer(),
            map,
            model,
        }
    }

    /// Samples in one mini-batch.
    pub fn batch() -> u32 {
        bench::BATCH as u32
    }

    /// Trains `batches` mini-batches of 2→[8,8,8]→3 with softmax cross-entropy.
    pub fn train_softmax(&mut self, batches: u32) -> f64 {
        self.softmax.run(batches as usize)
    }

    /// Trains `batches` mini-batches of 2→[8,8,8]→1 with squared error and L2.
    pub fn train_squared(&mut self, batches: u32) -> f64 {
        self.squared.run(batches as usize)
    }

    /// Makes `iterations` updates of the page's own loop (with its per-epoch evaluation).
    pub fn train_page_loop(&mut self, iterations: u32) {
        self.trainer.step(iterations as u64);
    }

    /// Fills the 200×200 decision map once.
    pub fn fill_map(&mut self) {
        self.map.fill(&self.model);
    }
}

impl Default for Bench {
    fn default() -> Self {
        Bench::new()
    }
}
