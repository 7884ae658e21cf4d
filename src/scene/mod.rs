//! What each section of the page shows, computed from its settings: plain numbers, no drawing.

pub mod descent;
pub mod penalties;
pub mod softmax;
pub mod train;
