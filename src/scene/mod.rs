//! What each section of the page holds and decides, from its settings: plain state and numbers,
//! no drawing. [`Page`] composes the sections; the page's WebAssembly façade and
//! `losslab-render` both use it.

pub mod descent;
pub mod grid;
pub mod page;
pub mod penalties;
pub mod runs;
pub mod softmax;
pub mod train;

pub use page::{LossRow, Page, Update};
