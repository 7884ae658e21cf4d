//! Recording the page's canvases as an animated GIF: a WebAssembly module of its own (the
//! `gif` feature, see `Cargo.toml`), which the page loads when a recording starts, so that a
//! first visit does not download the encoder.

use wasm_bindgen::prelude::*;

/// An animated GIF recorded from the page's canvases, frame by frame (see
/// [`crate::export::GifWriter`]).
#[wasm_bindgen]
pub struct GifRecorder(Option<crate::export::GifWriter>);

#[wasm_bindgen]
impl GifRecorder {
    /// A recording of `width` × `height` pixels.
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, height: u32) -> Result<GifRecorder, JsValue> {
        crate::export::GifWriter::new(width, height)
            .map(|w| GifRecorder(Some(w)))
            .map_err(|e| JsValue::from_str(&e))
    }

    /// Appends the pixels of an `ImageData` (RGBA), shown for `delay` hundredths of a second.
    pub fn add_frame(&mut self, rgba: &[u8], delay: u16) -> Result<(), JsValue> {
        let writer = self
            .0
            .as_mut()
            .ok_or_else(|| JsValue::from_str("finished"))?;
        writer
            .add_frame(rgba, delay)
            .map_err(|e| JsValue::from_str(&e))
    }

    /// How many frames were added.
    pub fn frames(&self) -> usize {
        self.0.as_ref().map_or(0, |w| w.frames())
    }

    /// The GIF file's bytes; the recorder is then spent.
    pub fn finish(&mut self) -> Result<Vec<u8>, JsValue> {
        let writer = self.0.take().ok_or_else(|| JsValue::from_str("finished"))?;
        writer.finish().map_err(|e| JsValue::from_str(&e))
    }
}
