//! losslab: a small classifier that learns live in the browser, with the loss that scores it, the
//! penalty that keeps it simple and the gradient descent that improves it laid open.

pub mod bench;
pub mod engine;
pub mod export;
pub mod lesson;
pub mod query;
pub mod render;
pub mod scene;
pub mod settings;
pub mod text;

#[cfg(all(target_arch = "wasm32", feature = "page"))]
pub mod web;

#[cfg(all(target_arch = "wasm32", feature = "gif"))]
pub mod recorder;

/// The training objective after each of `steps` single updates of the run that a URL query
/// describes, written as the hex bits of each f64, one per line. Native and WebAssembly builds
/// must print the same text (determinism across targets).
pub fn trajectory(query: &str, steps: u64) -> String {
    let settings = settings::Settings::from_query(query).settings;
    let mut trainer = engine::trainer::Trainer::new(settings.train.config());
    let mut out = String::new();
    for _ in 0..steps {
        trainer.step(1);
        trainer.refresh();
        out.push_str(&format!("{:016x}\n", trainer.metrics().objective.to_bits()));
    }
    out
}
