//! Drawing, with no web dependency: rasters for heatmaps, and charts drawn through plotters onto
//! any backend (the page's canvas, an SVG string in a test).

pub mod charts;
pub mod decision;
pub mod descent;
pub mod example;
#[cfg(not(target_arch = "wasm32"))]
pub mod figure;
pub mod network;
pub mod neurons;
pub mod palette;
pub mod pen;
pub mod penalties;
pub mod surface;
pub mod words;
