//! The engine: data, model, losses, penalties, optimizers, stop rules and the trainer.
//! Plain Rust with no web dependency; everything here builds and tests natively.

pub mod loss;
pub mod optimizer;
pub mod penalty;
