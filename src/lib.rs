//! losslab: a small classifier that learns live in the browser, with the loss that scores it, the
//! penalty that keeps it simple and the gradient descent that improves it laid open.

pub mod engine;
