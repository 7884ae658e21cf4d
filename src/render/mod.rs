//! Drawing, with no web dependency: rasters for heatmaps, and charts drawn through plotters onto
//! any backend (the page's canvas, an SVG string in a test).

pub mod charts;
pub mod decision;
pub mod descent;
pub mod landscape;
pub mod palette;
pub mod penalties;
pub mod words;
