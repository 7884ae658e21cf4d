//! losslab: a small classifier that learns live in the browser, with the loss that scores it, the
//! penalty that keeps it simple and the gradient descent that improves it laid open.

pub mod engine;
pub mod query;
pub mod render;
pub mod settings;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod web;
