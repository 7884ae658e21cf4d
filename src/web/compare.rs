//! Small multiples of training runs: the same network, data, seed and settings trained several
//! times side by side, each run changing one thing (its loss, or its penalty), each drawn as a
//! small decision map and, optionally, a bar per weight.

use js_sys::{Reflect, Uint8ClampedArray};
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::{chart_scale, clear, context_2d, fit_to_screen, paint};
use crate::engine::loss::Loss;
use crate::engine::penalty::{Penalty, Regularizer};
use crate::engine::trainer::{TrainConfig, Trainer};
use crate::render::charts::{PlotRect, draw_map_overlay, draw_weight_bars};
use crate::render::decision::DecisionMap;
use crate::render::penalties::penalty_colour;

/// What one run of a comparison changes in the Train section's settings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Variant {
    /// Trains with this loss (the penalty is the Train section's).
    Loss(Loss),
    /// Trains with this penalty at the comparison's own λ (the loss is the Train section's).
    Penalty(Penalty),
}

/// The Losses section's runs, in the article's order (0-1 is left out: it does not learn).
pub const LOSS_RUNS: [Variant; 4] = [
    Variant::Loss(Loss::CrossEntropy),
    Variant::Loss(Loss::MeanSquared),
    Variant::Loss(Loss::MeanAbsolute),
    Variant::Loss(Loss::Hinge),
];

/// The Penalties section's runs: none, L1, L2.
pub const PENALTY_RUNS: [Variant; 3] = [
    Variant::Penalty(Penalty::None),
    Variant::Penalty(Penalty::L1),
    Variant::Penalty(Penalty::L2),
];

impl Variant {
    /// Its name in settings and on the page ("cross-entropy", "l1", …).
    pub fn key(self) -> &'static str {
        match self {
            Variant::Loss(loss) => crate::settings::loss_key(loss),
            Variant::Penalty(Penalty::None) => "none",
            Variant::Penalty(Penalty::L1) => "l1",
            Variant::Penalty(Penalty::L2) => "l2",
            Variant::Penalty(Penalty::ElasticNet { .. }) => "elastic-net",
        }
    }

    /// The penalty this run trains with: its own at `lambda` (none: λ = 0), or the Train
    /// section's.
    fn regularizer(self, base: &TrainConfig, lambda: f64) -> Regularizer {
        match self {
            Variant::Loss(_) => base.regularizer,
            Variant::Penalty(Penalty::None) => Regularizer::none(),
            Variant::Penalty(penalty) => Regularizer { penalty, lambda },
        }
    }

    /// The run's settings: `base` with this variant's loss or penalty.
    fn config(self, base: &TrainConfig, lambda: f64) -> TrainConfig {
        let loss = match self {
            Variant::Loss(loss) => loss,
            Variant::Penalty(_) => base.loss,
        };
        TrainConfig {
            loss,
            regularizer: self.regularizer(base, lambda),
            ..base.clone()
        }
    }
}

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

    /// Cells per side.
    pub fn size(&self) -> usize {
        self.image.width() as usize
    }

    /// The canvas it draws on.
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
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

/// One run and its drawings.
struct Panel {
    variant: Variant,
    trainer: Trainer,
    map: DecisionMap,
    raster: Raster,
    overlay: HtmlCanvasElement,
    /// A bar per weight, if the page shows them.
    bars: Option<HtmlCanvasElement>,
}

/// The canvases of one run: the raster, the points over it and, optionally, the weights' bars.
pub struct Canvases {
    /// The decision raster.
    pub heat: HtmlCanvasElement,
    /// The points, over the raster.
    pub overlay: HtmlCanvasElement,
    /// One bar per weight.
    pub bars: Option<HtmlCanvasElement>,
}

/// Several runs from the same start, one per [`Variant`].
pub struct Comparison {
    panels: Vec<Panel>,
    /// λ of the runs that bring their own penalty.
    lambda: f64,
    overlays_dirty: bool,
}

impl Comparison {
    /// One run of `base` per variant (a penalty variant at `lambda`), drawn into its canvases.
    pub fn new(
        base: &TrainConfig,
        lambda: f64,
        variants: &[Variant],
        canvases: Vec<Canvases>,
    ) -> Result<Comparison, JsValue> {
        if canvases.len() != variants.len() {
            return Err(JsValue::from_str("one set of canvases per run"));
        }
        let panels = canvases
            .into_iter()
            .zip(variants)
            .map(|(c, &variant)| {
                Ok(Panel {
                    variant,
                    trainer: Trainer::new(variant.config(base, lambda)),
                    map: DecisionMap::new(CELLS),
                    raster: Raster::new(c.heat, CELLS)?,
                    overlay: c.overlay,
                    bars: c.bars,
                })
            })
            .collect::<Result<Vec<_>, JsValue>>()?;
        Ok(Comparison {
            panels,
            lambda,
            overlays_dirty: true,
        })
    }

    /// Starts every run again from `base`'s first weights.
    pub fn restart(&mut self, base: &TrainConfig) {
        for panel in &mut self.panels {
            panel.trainer = Trainer::new(panel.variant.config(base, self.lambda));
        }
        self.overlays_dirty = true;
    }

    /// Carries a change of the Train section's settings over, as the Train section does: new
    /// data or a new network start every run again; η, the optimizer and the stop rules carry
    /// on; a change of loss or penalty reaches the runs that do not bring their own.
    pub fn apply(&mut self, key: &str, restarts: bool, base: &TrainConfig) {
        if restarts {
            self.restart(base);
            return;
        }
        for panel in &mut self.panels {
            let t = &mut panel.trainer;
            match key {
                "lr" => t.set_learning_rate(base.learning_rate),
                "optimizer" | "batch" => t.set_optimizer(base.optimizer, base.batch_size),
                "max-iter" | "loss-eps" | "grad-eps" => t.set_stop_rules(base.stop),
                "loss" if matches!(panel.variant, Variant::Penalty(_)) => t.set_loss(base.loss),
                "penalty" | "lambda" | "l1-ratio" if matches!(panel.variant, Variant::Loss(_)) => {
                    t.set_regularizer(base.regularizer)
                }
                _ => {}
            }
        }
    }

    /// Sets λ of the runs that bring their own penalty, without starting them again.
    pub fn set_lambda(&mut self, lambda: f64, base: &TrainConfig) {
        self.lambda = lambda;
        for panel in &mut self.panels {
            if let Variant::Penalty(_) = panel.variant {
                let r = panel.variant.regularizer(base, lambda);
                panel.trainer.set_regularizer(r);
            }
        }
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

    /// The runs with their variants, in order.
    pub fn runs(&self) -> impl Iterator<Item = (Variant, &Trainer)> {
        self.panels.iter().map(|p| (p.variant, &p.trainer))
    }

    /// Asks for the points to be drawn again (after a resize).
    pub fn invalidate(&mut self) {
        self.overlays_dirty = true;
    }

    /// Draws the runs if they were started again since they were last drawn.
    pub fn draw_if_restarted(&mut self, dpr: f64) -> Result<(), JsValue> {
        if self.overlays_dirty {
            self.draw(dpr)?;
        }
        Ok(())
    }

    /// Draws every map and every weight's bar, and the points when the data or the size changed.
    pub fn draw(&mut self, dpr: f64) -> Result<(), JsValue> {
        let mut resized = false;
        for panel in &self.panels {
            resized |= fit_to_screen(&panel.overlay, dpr);
            if let Some(bars) = &panel.bars {
                fit_to_screen(bars, dpr);
            }
        }
        let redraw_points = resized || self.overlays_dirty;
        // One scale for every run's weights, so their sizes compare at a glance.
        let reach = self
            .panels
            .iter()
            .flat_map(|p| p.trainer.model().weights())
            .filter(|w| w.is_finite())
            .fold(0.0f64, |m, w| m.max(w.abs()));
        for panel in &mut self.panels {
            panel.map.fill(panel.trainer.model());
            panel.raster.show(panel.map.rgba())?;
            if redraw_points && panel.overlay.width() > 0 && panel.overlay.height() > 0 {
                clear(&panel.overlay)?;
                let split = panel.trainer.split();
                let rect = paint(&panel.overlay, |root| {
                    draw_map_overlay(root, split, None, None, chart_scale(dpr))
                })?;
                panel.raster.place(&rect, dpr)?;
            }
            if let Some(bars) = &panel.bars
                && bars.width() > 0
                && bars.height() > 0
            {
                let colour = match panel.variant {
                    Variant::Penalty(p) => penalty_colour(p),
                    Variant::Loss(_) => crate::render::palette::MUTED,
                };
                let weights = panel.trainer.model().weights();
                paint(bars, |root| {
                    draw_weight_bars(root, weights, reach, colour, chart_scale(dpr))
                })?;
            }
        }
        self.overlays_dirty = false;
        Ok(())
    }
}
