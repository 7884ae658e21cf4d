//! The Losses section's small multiple: the same network, data, seed and settings trained four
//! times, once with each loss that has a gradient (cross-entropy, mean squared error, mean
//! absolute error, hinge), each run drawn as a small decision map.

use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::{clear, context_2d, fit_to_screen, paint};
use crate::engine::loss::Loss;
use crate::engine::trainer::{TrainConfig, Trainer};
use crate::render::charts::{PlotRect, draw_map_overlay};
use crate::render::decision::DecisionMap;

/// The losses compared, in the article's order (0-1 is left out: it does not learn).
pub const COMPARED: [Loss; 4] = [
    Loss::CrossEntropy,
    Loss::MeanSquared,
    Loss::MeanAbsolute,
    Loss::Hinge,
];

/// Cells per side of each small map.
const CELLS: usize = 100;

/// A decision raster on its own canvas, which the page lays exactly under a chart's plotting area.
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

/// One of the four runs and its map.
struct Panel {
    trainer: Trainer,
    map: DecisionMap,
    raster: Raster,
    overlay: HtmlCanvasElement,
}

/// Four runs from the same start, one per loss in [`COMPARED`].
pub struct Comparison {
    panels: Vec<Panel>,
    overlays_dirty: bool,
}

impl Comparison {
    /// The four runs of `config` (its loss replaced by each compared one), drawn into the four
    /// (raster, overlay) canvas pairs.
    pub fn new(
        config: &TrainConfig,
        canvases: Vec<(HtmlCanvasElement, HtmlCanvasElement)>,
    ) -> Result<Comparison, JsValue> {
        if canvases.len() != COMPARED.len() {
            return Err(JsValue::from_str(
                "the comparison needs four pairs of canvases",
            ));
        }
        let panels = canvases
            .into_iter()
            .zip(COMPARED)
            .map(|((heat, overlay), loss)| {
                Ok(Panel {
                    trainer: Trainer::new(TrainConfig {
                        loss,
                        ..config.clone()
                    }),
                    map: DecisionMap::new(CELLS),
                    raster: Raster::new(heat, CELLS)?,
                    overlay,
                })
            })
            .collect::<Result<Vec<_>, JsValue>>()?;
        Ok(Comparison {
            panels,
            overlays_dirty: true,
        })
    }

    /// Starts the four runs again from `config`'s first weights.
    pub fn restart(&mut self, config: &TrainConfig) {
        for (panel, loss) in self.panels.iter_mut().zip(COMPARED) {
            panel.trainer = Trainer::new(TrainConfig {
                loss,
                ..config.clone()
            });
        }
        self.overlays_dirty = true;
    }

    /// `n` more iterations of every run that has not stopped; returns whether any can go on.
    pub fn step(&mut self, n: u64) -> bool {
        for panel in &mut self.panels {
            if panel.trainer.stopped().is_none() {
                panel.trainer.step(n);
                panel.trainer.refresh();
            }
        }
        self.running()
    }

    /// Whether any run can go on.
    pub fn running(&self) -> bool {
        self.panels.iter().any(|p| p.trainer.stopped().is_none())
    }

    /// The four runs, in [`COMPARED`] order.
    pub fn trainers(&self) -> impl Iterator<Item = &Trainer> {
        self.panels.iter().map(|p| &p.trainer)
    }

    /// Asks for the points to be drawn again (after a resize).
    pub fn invalidate(&mut self) {
        self.overlays_dirty = true;
    }

    /// Draws the four runs if they were started again since they were last drawn.
    pub fn draw_if_restarted(&mut self, dpr: f64) -> Result<(), JsValue> {
        if self.overlays_dirty {
            self.draw(dpr)?;
        }
        Ok(())
    }

    /// Draws every map, and the points when the data or the size changed.
    pub fn draw(&mut self, dpr: f64) -> Result<(), JsValue> {
        let mut resized = false;
        for panel in &self.panels {
            resized |= fit_to_screen(&panel.overlay, dpr);
        }
        let redraw_points = resized || self.overlays_dirty;
        for panel in &mut self.panels {
            panel.map.fill(panel.trainer.model());
            panel.raster.show(panel.map.rgba())?;
            if redraw_points && panel.overlay.width() > 0 && panel.overlay.height() > 0 {
                clear(&panel.overlay)?;
                let split = panel.trainer.split();
                let rect = paint(&panel.overlay, |root| {
                    draw_map_overlay(root, split, None, None, dpr)
                })?;
                panel.raster.place(&rect, dpr)?;
            }
        }
        self.overlays_dirty = false;
        Ok(())
    }
}
