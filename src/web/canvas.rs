//! Canvases on the page: their size on screen, a raster laid under a chart's plotting area, and
//! clicks mapped to plane points. Adapters only: no decision of the page lives here.

use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use crate::render::charts::PlotRect;

thread_local! {
    /// How much larger than usual the charts' type and strokes are drawn (presenter mode).
    static TYPE_SCALE: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
}

/// Sets the charts' type scale (1 to 2); whether it changed.
pub fn set_type_scale(scale: f64) -> bool {
    TYPE_SCALE.with(|s| s.replace(scale)) != scale
}

/// The scale a chart is drawn at on a canvas of pixel ratio `dpr`: the pixel ratio times the
/// type scale (the canvas's backing store follows the pixel ratio alone).
pub fn chart_scale(dpr: f64) -> f64 {
    dpr * TYPE_SCALE.with(|s| s.get())
}

/// The screen's device pixel ratio, within 1 to 4.
pub fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0)
}

/// The 2-D context of a canvas.
pub fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

/// Clears a canvas that is drawn over something else (a transparent overlay).
pub fn clear(canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
    context_2d(canvas)?.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    Ok(())
}

/// Smallest canvas side, in backing pixels, worth drawing a chart into (a hidden or collapsed
/// canvas is skipped rather than drawn with negative room).
const MIN_CHART_SIDE: u32 = 120;

/// Whether a canvas is large enough to draw a chart into.
pub fn big_enough(canvas: &HtmlCanvasElement) -> bool {
    canvas.width() >= MIN_CHART_SIDE && canvas.height() >= MIN_CHART_SIDE
}

/// A canvas's backing store sized to its CSS size times the device pixel ratio; true if it changed.
pub fn fit_to_screen(canvas: &HtmlCanvasElement, dpr: f64) -> bool {
    let w = ((canvas.client_width().max(1) as f64) * dpr).round() as u32;
    let h = ((canvas.client_height().max(1) as f64) * dpr).round() as u32;
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
        true
    } else {
        false
    }
}

/// The plane point under (x, y) CSS pixels of a canvas whose plot, drawn at pixel ratio `dpr`,
/// covers `rect` (backing pixels) and shows `extent`; None outside the plot.
pub fn plot_point(
    rect: &PlotRect,
    extent: ((f64, f64), (f64, f64)),
    x: f64,
    y: f64,
    dpr: f64,
) -> Option<[f64; 2]> {
    let (xr, yr) = rect;
    let (px, py) = (x * dpr, y * dpr);
    let inside = (xr.start as f64..xr.end as f64).contains(&px)
        && (yr.start as f64..yr.end as f64).contains(&py);
    if !inside || xr.is_empty() || yr.is_empty() {
        return None;
    }
    let ((x0, x1), (y0, y1)) = extent;
    Some([
        x0 + (px - xr.start as f64) / (xr.end - xr.start) as f64 * (x1 - x0),
        y1 - (py - yr.start as f64) / (yr.end - yr.start) as f64 * (y1 - y0),
    ])
}

/// An RGBA raster (a heatmap) on its own canvas, which the page lays exactly under a chart's
/// plotting area.
pub struct Raster {
    canvas: HtmlCanvasElement,
    ctx: CanvasRenderingContext2d,
    image: ImageData,
    pixels: Uint8ClampedArray,
}

impl Raster {
    /// A raster of `cells`² pixels on `canvas`.
    pub fn new(canvas: HtmlCanvasElement, cells: usize) -> Result<Raster, JsValue> {
        canvas.set_width(cells as u32);
        canvas.set_height(cells as u32);
        let ctx = context_2d(&canvas)?;
        // The image owns its pixels on the JS side (a view of wasm memory would be detached
        // whenever the memory grows); each frame copies the map into them.
        let image = ImageData::new_with_sw(cells as u32, cells as u32)?;
        let pixels: Uint8ClampedArray =
            Reflect::get(&image, &JsValue::from_str("data"))?.dyn_into()?;
        Ok(Raster {
            canvas,
            ctx,
            image,
            pixels,
        })
    }

    /// Cells per side.
    pub fn size(&self) -> usize {
        self.image.width() as usize
    }

    /// Gives the raster `cells`² pixels, if that is not its size already.
    pub fn resize(&mut self, cells: usize) -> Result<(), JsValue> {
        if self.size() != cells {
            *self = Raster::new(self.canvas.clone(), cells)?;
        }
        Ok(())
    }

    /// Shows RGBA pixels of the raster's size.
    pub fn show(&self, rgba: &[u8]) -> Result<(), JsValue> {
        self.pixels.copy_from(rgba);
        self.ctx.put_image_data(&self.image, 0.0, 0.0)
    }

    /// Lays the raster under `rect` (backing pixels of a canvas whose pixel ratio is `dpr`).
    pub fn place(&self, rect: &PlotRect, dpr: f64) -> Result<(), JsValue> {
        let (xr, yr) = rect;
        let style = self.canvas.style();
        style.set_property("left", &format!("{}px", xr.start as f64 / dpr))?;
        style.set_property("top", &format!("{}px", yr.start as f64 / dpr))?;
        style.set_property("width", &format!("{}px", (xr.end - xr.start) as f64 / dpr))?;
        style.set_property("height", &format!("{}px", (yr.end - yr.start) as f64 / dpr))
    }
}
