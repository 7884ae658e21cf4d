//! The network diagram on the page (see [`crate::render::network`]): the tiles of every neuron's
//! map, side by side in one image put into a canvas off the page (the atlas) and scaled from there
//! into place, and the edges of every weight, drawn with the allocation-free pen.

use js_sys::{Array, Reflect, Uint8ClampedArray};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::canvas::{big_enough, context_2d, fit_to_screen};
use super::paint::record;
use super::pen::CanvasPen;
use crate::engine::inspect::ParamPlace;
use crate::render::network::{NetworkLayout, draw_edges, draw_weight_history};
use crate::render::neurons::NeuronMaps;
use crate::render::palette;
use crate::render::pen::{AreaPen, Ink, Pen};
use crate::scene::train::Train;
use crate::text::{Lang, tr};

/// Cells per side of a neuron's map.
const CELLS: usize = 16;
/// Room around the diagram and, at the right, for the classes' names (CSS pixels).
const MARGIN: f64 = 8.0;
const LABELS: f64 = 48.0;

/// The diagram's canvas, its maps and its layout; every buffer reused.
pub struct NetworkView {
    canvas: HtmlCanvasElement,
    pen: CanvasPen,
    /// The atlas: every tile's map in a row, `tiles` of them.
    atlas: HtmlCanvasElement,
    atlas_ctx: CanvasRenderingContext2d,
    image: ImageData,
    pixels: Uint8ClampedArray,
    tiles: usize,
    atlas_rgba: Vec<u8>,
    maps: NeuronMaps,
    layout: NetworkLayout,
    widths: Vec<usize>,
    rgba: Vec<u8>,
    /// The iteration and the chosen parameter drawn (None: must be drawn again).
    drawn: Option<(u64, Option<usize>)>,
    /// The chart of the chosen weight over the run, and its pen.
    chart: HtmlCanvasElement,
    chart_pen: CanvasPen,
}

impl NetworkView {
    /// The view on `canvas`, with the chosen weight's chart on `chart`.
    pub fn new(
        canvas: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<NetworkView, JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?;
        let atlas: HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
        let atlas_ctx = context_2d(&atlas)?;
        let (image, pixels) = atlas_image(&atlas, 1)?;
        Ok(NetworkView {
            pen: CanvasPen::new(&canvas)?,
            canvas,
            atlas,
            atlas_ctx,
            image,
            pixels,
            tiles: 1,
            atlas_rgba: vec![0; CELLS * CELLS * 4],
            maps: NeuronMaps::new(CELLS),
            layout: NetworkLayout::default(),
            widths: Vec::new(),
            rgba: vec![0; CELLS * CELLS * 4],
            drawn: None,
            chart_pen: CanvasPen::new(&chart)?,
            chart,
        })
    }

    /// Asks for the diagram to be drawn again.
    pub fn invalidate(&mut self) {
        self.drawn = None;
    }

    /// Draws the network of `train` if its weights moved since the last drawing (or the canvas
    /// changed size, or it was invalidated).
    pub fn draw(&mut self, train: &Train, lang: Lang, dpr: f64) -> Result<(), JsValue> {
        let trainer = train.trainer();
        let selected = train.selected();
        let now = (trainer.iteration(), selected);
        let resized = fit_to_screen(&self.canvas, dpr);
        let chart_resized = fit_to_screen(&self.chart, dpr);
        if (!resized && !chart_resized && self.drawn == Some(now)) || !big_enough(&self.canvas) {
            return Ok(());
        }
        self.draw_chart(train, dpr)?;
        let model = trainer.model();
        let arch = model.architecture();
        self.widths.clear();
        self.widths.push(arch.inputs);
        self.widths.extend_from_slice(&arch.hidden);
        self.widths.push(arch.outputs.max(2));
        let (w, h) = (
            f64::from(self.canvas.width()) / dpr,
            f64::from(self.canvas.height()) / dpr,
        );
        self.layout.fill(&self.widths, w, h, MARGIN, LABELS);
        self.maps.fill(model);
        let ctx = self.pen.context().clone();
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.clear_rect(
            0.0,
            0.0,
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        let classes = [
            tr(lang, "class.0"),
            tr(lang, "class.1"),
            tr(lang, "class.2"),
        ];
        draw_edges(&mut self.pen, &self.layout, model, classes, selected, 1.0);
        // Every tile's map into the atlas, one put, then each tile scaled into place.
        let tiles: usize = self.widths.iter().sum();
        if tiles != self.tiles {
            (self.image, self.pixels) = atlas_image(&self.atlas, tiles)?;
            self.tiles = tiles;
            // Made anew, like the image: no room kept from a wider network.
            self.atlas_rgba = vec![0; tiles * CELLS * CELLS * 4];
        }
        let row = tiles * CELLS * 4;
        let mut t = 0;
        for l in 0..self.layout.centres.len() {
            for j in 0..self.layout.centres[l].len() {
                if l == 0 {
                    self.maps.input_rgba_into(j, &mut self.rgba);
                } else {
                    self.maps.rgba_into(l - 1, j, &mut self.rgba);
                }
                for (r, src) in self.rgba.chunks_exact(CELLS * 4).enumerate() {
                    let at = r * row + t * CELLS * 4;
                    self.atlas_rgba[at..at + CELLS * 4].copy_from_slice(src);
                }
                t += 1;
            }
        }
        self.pixels.copy_from(&self.atlas_rgba);
        self.atlas_ctx.put_image_data(&self.image, 0.0, 0.0)?;
        let tile = self.layout.tile;
        let cells = CELLS as f64;
        let mut t = 0;
        for column in &self.layout.centres {
            for &(x, y) in column {
                let (x0, y0) = (x - tile / 2.0, y - tile / 2.0);
                ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                    &self.atlas,
                    t as f64 * cells,
                    0.0,
                    cells,
                    cells,
                    x0,
                    y0,
                    tile,
                    tile,
                )?;
                self.pen.rect(
                    (x0, y0),
                    (x0 + tile, y0 + tile),
                    Ink::Stroke(palette::MUTED, 1.0),
                );
                t += 1;
            }
        }
        // The neuron the chosen parameter feeds, ringed (for a bias, its only mark).
        if let Some(place) = selected.and_then(|i| ParamPlace::of(model.layers(), i))
            && let Some(&(x, y)) = self
                .layout
                .centres
                .get(place.layer + 1)
                .and_then(|c| c.get(place.to))
        {
            let h = tile / 2.0 + 2.5;
            self.pen.rect(
                (x - h, y - h),
                (x + h, y + h),
                Ink::Stroke(palette::INK, 2.5),
            );
        }
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        // Exported, the same diagram in vectors: every cell of every tile a square, then the
        // edges and names, in the canvas's backing pixels.
        let (layout, atlas, tiles) = (&self.layout, &self.atlas_rgba, self.tiles);
        record(&self.canvas, |root| {
            let big = layout.scaled(dpr);
            let mut pen = AreaPen(root);
            draw_edges(&mut pen, &big, model, classes, selected, dpr);
            let cell = big.tile / CELLS as f64;
            let mut t = 0;
            for column in &big.centres {
                for &(x, y) in column {
                    let (x0, y0) = (x - big.tile / 2.0, y - big.tile / 2.0);
                    for r in 0..CELLS {
                        for c in 0..CELLS {
                            let i = (r * tiles * CELLS + t * CELLS + c) * 4;
                            let colour = [atlas[i], atlas[i + 1], atlas[i + 2]];
                            let a = (x0 + c as f64 * cell, y0 + r as f64 * cell);
                            pen.rect(a, (a.0 + cell, a.1 + cell), Ink::Fill(colour));
                        }
                    }
                    pen.rect(
                        (x0, y0),
                        (x0 + big.tile, y0 + big.tile),
                        Ink::Stroke(palette::MUTED, dpr),
                    );
                    t += 1;
                }
            }
            Ok(())
        })?;
        self.drawn = Some(now);
        Ok(())
    }

    /// The chosen weight over the run (from the timeline's snapshots), or nothing.
    fn draw_chart(&mut self, train: &Train, dpr: f64) -> Result<(), JsValue> {
        let ctx = self.chart_pen.context().clone();
        let (w, h) = (
            f64::from(self.chart.width()),
            f64::from(self.chart.height()),
        );
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        ctx.clear_rect(0.0, 0.0, w, h);
        let trainer = train.trainer();
        let (Some(i), Some(timeline)) = (train.selected(), trainer.timeline()) else {
            return Ok(());
        };
        if !big_enough(&self.chart) {
            return Ok(());
        }
        ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0)?;
        draw_weight_history(
            &mut self.chart_pen,
            || timeline.param_over_time(i),
            trainer.iteration(),
            (w / dpr, h / dpr),
            1.0,
        );
        ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)?;
        Ok(())
    }

    /// The weight whose edge is under (x, y) CSS pixels of the diagram (within 6 px), if any.
    pub fn edge_at(&self, train: &Train, x: f64, y: f64) -> Option<usize> {
        self.layout
            .edge_at(train.trainer().model().layers(), x, y, 6.0)
    }

    /// Every tile as `[column, neuron, x, y, side]`, centre and side in CSS pixels of the canvas.
    pub fn nodes(&self) -> Array {
        let out = Array::new();
        for (l, column) in self.layout.centres.iter().enumerate() {
            for (j, &(x, y)) in column.iter().enumerate() {
                let node = Array::new();
                for v in [l as f64, j as f64, x, y, self.layout.tile] {
                    node.push(&JsValue::from_f64(v));
                }
                out.push(&node);
            }
        }
        out
    }
}

/// The atlas's image for `tiles` tiles side by side, its canvas sized to it.
fn atlas_image(
    atlas: &HtmlCanvasElement,
    tiles: usize,
) -> Result<(ImageData, Uint8ClampedArray), JsValue> {
    let (w, h) = ((tiles * CELLS) as u32, CELLS as u32);
    atlas.set_width(w);
    atlas.set_height(h);
    // The image owns its pixels on the JS side (a view of wasm memory would be detached whenever
    // the memory grows).
    let image = ImageData::new_with_sw(w, h)?;
    let pixels: Uint8ClampedArray = Reflect::get(&image, &JsValue::from_str("data"))?.dyn_into()?;
    Ok((image, pixels))
}
