//! The engine: data, model, losses, penalties, optimizers, stop rules and the trainer.
//! Plain Rust with no web dependency; everything here builds and tests natively.

pub mod activation;
pub mod confusion;
pub mod data;
pub mod fastmath;
pub mod inspect;
pub mod lanes;
pub mod loss;
pub mod model;
pub mod numerics;
pub mod optimizer;
pub mod path;
pub mod penalty;
pub mod rng;
pub mod slice;
pub mod stop;
pub mod surface;
pub mod timeline;
pub mod trainer;
