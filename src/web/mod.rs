//! The WebAssembly façade: one [`App`] owns the settings, the trainer and the canvases. JavaScript
//! makes a few coarse calls per frame (`frame`, `stats`) and hands every control value to `set`,
//! which checks it at the settings boundary.

pub mod bench;
pub mod compare;
pub mod descent;
pub mod paint;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use compare::{Canvases, Comparison, LOSS_RUNS, PENALTY_RUNS, Raster, Variant};
use paint::paint;

use crate::engine::loss::Loss;
use crate::engine::model::Workspace;
use crate::engine::path::Quadratic;
use crate::engine::stop::StopReason;
use crate::engine::trainer::Trainer;
use crate::render::charts::PlotRect;
use crate::render::charts::{draw_loss_chart, draw_loss_curves, draw_map_overlay, draw_softmax};
use crate::render::decision::{DecisionMap, EXTENT};
use crate::render::penalties::{draw_penalty_plane, surface};
use crate::render::words;
use crate::scene;
use crate::settings::{self, PARAMS, Settings};
use crate::text::{self, Lang, tr};

/// Cells per side of the decision raster.
const MAP_CELLS: usize = 200;

/// How far from a point a click may land and still pick it, in plane units (the plane is 2.3 wide).
const PICK_RADIUS: f64 = 0.08;

/// The live page: settings, training run and drawing.
#[wasm_bindgen]
pub struct App {
    settings: Settings,
    lang: Lang,
    trainer: Trainer,
    map: DecisionMap,
    heat: Raster,
    overlay: HtmlCanvasElement,
    chart: HtmlCanvasElement,
    /// Messages about the URL it was opened with (each already translated when asked for).
    url_problems: Vec<settings::QueryProblem>,
    overlay_dirty: bool,
    drawn_history: (usize, u64),
    /// The Softmax section's canvas, once attached, and whether it needs drawing.
    softmax: Option<HtmlCanvasElement>,
    /// The Losses section's curves, drawn with the Softmax section (same example).
    loss_curves: Option<HtmlCanvasElement>,
    softmax_dirty: bool,
    /// How much of the three softmax steps is shown, in [0, 3] (3: all; less while they play).
    softmax_reveal: f64,
    /// The map's plotting area in backing pixels, as last drawn.
    plot_rect: PlotRect,
    /// The data point picked on the map (training set?, index), whose scores the Softmax
    /// section follows as training goes on.
    picked: Option<(bool, usize)>,
    /// Scratch for the picked point's forward pass.
    pick_workspace: Workspace,
    /// The side-by-side runs from the same start, by name ("losses", "penalties"), once attached.
    comparisons: Vec<(&'static str, Comparison)>,
    /// The Penalties section's plane of two weights, once attached, and whether it needs drawing.
    plane: Option<Plane>,
    plane_dirty: bool,
    /// The Descent section, once attached.
    descent: Option<descent::Descent>,
    /// Whether the newest ball's next step is drawn.
    descent_arrow: bool,
    /// Seeds of the random slices taken so far (each "new slice" draws new directions).
    slices: u64,
}

/// The plane of two weights: the loss surface beneath, the paths and shapes over it.
struct Plane {
    raster: Raster,
    overlay: HtmlCanvasElement,
    quadratic: Quadratic,
}

/// Cells per side of the loss surface under the plane.
const PLANE_CELLS: usize = 160;

fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, JsValue> {
    canvas
        .get_context("2d")?
        .ok_or_else(|| JsValue::from_str("no 2d context"))?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| JsValue::from_str("not a 2d context"))
}

fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    // Setting a property on a plain object we created cannot fail.
    let _ = Reflect::set(obj, &JsValue::from_str(key), &value.into());
}

thread_local! {
    /// How much larger than usual the charts' type and strokes are drawn (presenter mode).
    static TYPE_SCALE: std::cell::Cell<f64> = const { std::cell::Cell::new(1.0) };
}

/// The scale a chart is drawn at on a canvas of pixel ratio `dpr`: the pixel ratio times the
/// type scale (the canvas's backing store follows the pixel ratio alone).
fn chart_scale(dpr: f64) -> f64 {
    dpr * TYPE_SCALE.with(|s| s.get())
}

/// A point of the plane as a two-element JS array.
fn js_pair(v: [f64; 2]) -> Array {
    Array::of2(&v[0].into(), &v[1].into())
}

/// A run's numbers as a JS object: `{iteration, trainLoss, testLoss, penalty, objective,
/// gradientNorm, trainAccuracy, testAccuracy, zeroWeights, weights, stopped, stoppedText,
/// divergence}` (`stopped` is the stop rule's text key, "" while it runs).
fn run_object(trainer: &Trainer, lang: Lang) -> Object {
    let m = trainer.metrics();
    let o = Object::new();
    set(&o, "iteration", m.iteration as f64);
    set(&o, "trainLoss", m.train_loss);
    set(&o, "testLoss", m.test_loss);
    set(&o, "penalty", m.penalty);
    set(&o, "objective", m.objective);
    set(&o, "gradientNorm", m.gradient_norm);
    set(&o, "trainAccuracy", m.train_accuracy);
    set(&o, "testAccuracy", m.test_accuracy);
    set(&o, "zeroWeights", m.zero_weights as f64);
    set(&o, "weights", trainer.model().weight_count() as f64);
    let stopped = trainer.stopped().map(|r| stop_key(r, m.gradient_norm));
    set(&o, "stopped", stopped.unwrap_or(""));
    set(&o, "stoppedText", stopped.map_or("", |k| tr(lang, k)));
    set(
        &o,
        "divergence",
        trainer.stopped().is_some_and(StopReason::is_divergence),
    );
    o
}

/// The plane point under (x, y) CSS pixels of a canvas whose plot, drawn at pixel ratio `dpr`,
/// covers `rect` (backing pixels) and shows `extent`; None outside the plot.
fn plot_point(
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

fn device_pixel_ratio() -> f64 {
    web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 4.0)
}

/// The message for a setting name the page does not know (shown as text, cut to 24 characters).
fn unknown_param(lang: Lang, key: &str) -> String {
    text::fill(
        lang,
        "error.unknown-param",
        &[("raw", &key.chars().take(24).collect::<String>())],
    )
}

/// The name of an optimizer in settings ("gd", "sgd", "momentum", "adam").
fn optimizer_key(o: crate::engine::optimizer::Optimizer) -> &'static str {
    use crate::engine::optimizer::Optimizer;
    match o {
        Optimizer::GradientDescent => "gd",
        Optimizer::Sgd => "sgd",
        Optimizer::Momentum { .. } => "momentum",
        Optimizer::Adam { .. } => "adam",
    }
}

/// The comparison named `name` and its runs.
fn variants(name: &str) -> Option<(&'static str, &'static [Variant])> {
    match name {
        "losses" => Some(("losses", &LOSS_RUNS)),
        "penalties" => Some(("penalties", &PENALTY_RUNS)),
        _ => None,
    }
}

/// The text key explaining why a run stopped, given its last gradient norm.
fn stop_key(reason: StopReason, gradient_norm: f64) -> &'static str {
    match reason {
        StopReason::MaxIterations => "stop.max-iterations",
        StopReason::LossBelow => "stop.loss-below",
        // Not a minimum but a flat loss (the 0-1 loss): say so rather than "a minimum".
        StopReason::GradientBelow if gradient_norm == 0.0 => "stop.gradient-zero",
        StopReason::GradientBelow => "stop.gradient-below",
        StopReason::NonFinite => "stop.non-finite",
        StopReason::Exploding => "stop.exploding",
    }
}

/// Clears a canvas that is drawn over something else (a transparent overlay).
fn clear(canvas: &HtmlCanvasElement) -> Result<(), JsValue> {
    context_2d(canvas)?.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
    Ok(())
}

/// Smallest canvas side, in backing pixels, worth drawing a chart into (a hidden or collapsed
/// canvas is skipped rather than drawn with negative room).
const MIN_CHART_SIDE: u32 = 120;

fn big_enough(canvas: &HtmlCanvasElement) -> bool {
    canvas.width() >= MIN_CHART_SIDE && canvas.height() >= MIN_CHART_SIDE
}

/// A canvas's backing store sized to its CSS size times the device pixel ratio; true if it changed.
fn fit_to_screen(canvas: &HtmlCanvasElement, dpr: f64) -> bool {
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

#[wasm_bindgen]
impl App {
    /// An app drawing into the three canvases, set up from a URL query (checked like any input)
    /// in the language of `query`'s `lang`, else `browser_lang`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
        query: &str,
        browser_lang: &str,
    ) -> Result<App, JsValue> {
        // A panic is a bug: say what it was on the console instead of a bare "unreachable".
        std::panic::set_hook(Box::new(|info| {
            web_sys::console::error_1(&info.to_string().into())
        }));
        let (settings, lang, url_problems) = Settings::from_query(query);
        let lang = lang.unwrap_or_else(|| Lang::from_code(browser_lang));
        let heat = Raster::new(heat, MAP_CELLS)?;
        let map = DecisionMap::new(MAP_CELLS);
        let trainer = scene::train::trainer(&settings);
        let mut app = App {
            settings,
            lang,
            trainer,
            map,
            heat,
            overlay,
            chart,
            url_problems,
            overlay_dirty: true,
            drawn_history: (usize::MAX, u64::MAX),
            softmax: None,
            loss_curves: None,
            softmax_dirty: true,
            softmax_reveal: 3.0,
            plot_rect: (0..0, 0..0),
            picked: None,
            pick_workspace: Workspace::default(),
            comparisons: Vec::new(),
            plane: None,
            plane_dirty: true,
            descent: None,
            descent_arrow: true,
            slices: 0,
        };
        app.draw()?;
        Ok(app)
    }

    /// The language in use: "en" or "zh".
    pub fn lang(&self) -> String {
        self.lang.code().to_string()
    }

    /// Switches the language of every label and message; the page re-reads [`App::strings`].
    pub fn set_lang(&mut self, code: &str) -> Result<(), JsValue> {
        self.lang = Lang::from_code(code);
        if let Some(d) = &mut self.descent {
            d.invalidate();
        }
        self.draw_descent()?;
        self.overlay_dirty = true;
        self.softmax_dirty = true;
        self.plane_dirty = true;
        self.drawn_history = (usize::MAX, u64::MAX);
        self.draw()
    }

    /// Every text of the page in the current language, as `{key: text}`.
    pub fn strings(&self) -> Object {
        let obj = Object::new();
        for (k, v) in text::strings(self.lang) {
            set(&obj, k, v);
        }
        obj
    }

    /// One text in the current language ("" for an unknown key).
    pub fn text(&self, key: &str) -> String {
        tr(self.lang, key).to_string()
    }

    /// The settings' domains, for building controls: `[{key, kind, min, max, options, default}]`.
    pub fn schema() -> Array {
        let out = Array::new();
        for p in PARAMS {
            let o = Object::new();
            set(&o, "key", p.key);
            set(&o, "default", p.default);
            match p.domain {
                settings::Domain::Number { min, max, integer } => {
                    set(&o, "kind", if integer { "integer" } else { "number" });
                    set(&o, "min", min);
                    set(&o, "max", max);
                }
                settings::Domain::Choice(options) => {
                    set(&o, "kind", "choice");
                    let list = Array::new();
                    for option in options {
                        list.push(&JsValue::from_str(option));
                    }
                    set(&o, "options", list);
                }
                settings::Domain::Marks { max_len, tags, .. } => {
                    set(&o, "kind", "marks");
                    set(&o, "maxLength", max_len as f64);
                    let list = Array::new();
                    for tag in tags {
                        list.push(&JsValue::from_str(tag));
                    }
                    set(&o, "options", list);
                }
                settings::Domain::Widths { max_len, min, max } => {
                    set(&o, "kind", "widths");
                    set(&o, "min", min as f64);
                    set(&o, "max", max as f64);
                    set(&o, "maxLength", max_len as f64);
                }
            }
            out.push(&o);
        }
        out
    }

    /// The runs of the comparison `name` ("losses": cross-entropy, squared, absolute, hinge;
    /// "penalties": none, l1, l2), in the order its canvases are given; empty for another name.
    pub fn runs(name: &str) -> Vec<String> {
        variants(name)
            .map(|(_, v)| v.iter().map(|v| v.key().to_string()).collect())
            .unwrap_or_default()
    }

    /// Messages about the URL the page was opened with, translated: `[{key, text}]`.
    pub fn url_messages(&self) -> Array {
        let out = Array::new();
        for settings::QueryProblem { key, raw, error } in &self.url_problems {
            let o = Object::new();
            set(&o, "key", key.as_str());
            let message = match (settings::param(key), error) {
                (Some(p), Some(e)) => {
                    format!(
                        "{key}: {}",
                        settings::message(self.lang, p, *e, raw, self.settings.get(key))
                    )
                }
                _ => unknown_param(self.lang, key),
            };
            set(&o, "text", message);
            out.push(&o);
        }
        out
    }

    /// The value of a setting, in canonical form.
    pub fn get(&self, key: &str) -> String {
        self.settings.get(key).to_string()
    }

    /// Checks and applies one setting. Returns `{value, message}`: the value in force (the input,
    /// or a safe value) and a translated message if the input was refused ("" otherwise).
    /// Changing the data or the network starts a new run; η, λ, the loss and the like carry on.
    pub fn set(&mut self, key: &str, raw: &str) -> Result<Object, JsValue> {
        let result = Object::new();
        let Some(param) = settings::param(key) else {
            set(&result, "value", "");
            set(&result, "message", unknown_param(self.lang, key));
            return Ok(result);
        };
        let before = self.settings.get(key).to_string();
        let checked = self.settings.set(key, raw).unwrap_or(settings::Checked {
            value: before.clone(),
            error: None,
        });
        set(&result, "value", checked.value.as_str());
        let message = checked
            .error
            .map(|e| settings::message(self.lang, param, e, raw, &checked.value))
            .unwrap_or_default();
        set(&result, "message", message);
        if checked.value != before {
            self.apply(param);
            self.draw()?;
        }
        Ok(result)
    }

    fn apply(&mut self, param: &settings::Param) {
        if matches!(param.key, "plane-penalty" | "plane-lambda" | "l1-ratio") {
            self.plane_dirty = true;
        }
        if param.key == "surface" {
            let _ = self.new_terrain();
            return;
        }
        if param.key.starts_with("d-") {
            if let Some(d) = &mut self.descent {
                d.invalidate();
            }
            return;
        }
        if param.key.starts_with("w1-")
            || param.key.starts_with("w2-")
            || param.key.starts_with("x-")
            || param.key.starts_with("plane-")
        {
            return;
        }
        if matches!(
            param.key,
            "score-cat" | "score-dog" | "score-sheep" | "label" | "temperature"
        ) {
            // A score set by hand ends following a picked point (the temperature does not).
            if param.key != "temperature" && self.picked.take().is_some() {
                self.overlay_dirty = true;
            }
            self.softmax_dirty = true;
            return;
        }
        // The side-by-side runs follow the Train section's settings as it does.
        let base = self.settings.train_config();
        for (_, c) in &mut self.comparisons {
            if param.key == "runs-lambda" {
                c.set_lambda(self.settings.runs_lambda(), &base);
            } else {
                c.apply(param.key, param.restarts, &base);
            }
        }
        if param.restarts {
            self.picked = None;
            // Edits belong to the data they were made on: new data starts without them.
            if param.key != "edits"
                && self.settings.train_config().data != self.trainer.config().data
            {
                self.settings.set("edits", "");
            }
            self.trainer = scene::train::trainer(&self.settings);
            self.overlay_dirty = true;
            // A slice through the old network would be stale.
            if self.descent.as_ref().and_then(|d| d.slice_kind()).is_some() {
                let _ = self.new_terrain();
            }
            return;
        }
        match param.key {
            "lr" => self
                .trainer
                .set_learning_rate(self.settings.train_config().learning_rate),
            "loss" => self.trainer.set_loss(self.settings.loss()),
            "penalty" | "lambda" | "l1-ratio" => {
                self.trainer.set_regularizer(self.settings.regularizer())
            }
            "optimizer" | "batch" => {
                let c = self.settings.train_config();
                self.trainer.set_optimizer(c.optimizer, c.batch_size);
            }
            "max-iter" | "loss-eps" | "grad-eps" => {
                self.trainer.set_stop_rules(self.settings.stop_rules())
            }
            _ => {}
        }
    }

    /// The URL query that restores every setting and the language.
    pub fn query(&self) -> String {
        let mut q = format!("lang={}", self.lang.code());
        for p in PARAMS {
            let v = self.settings.get(p.key);
            if v != p.default {
                q.push('&');
                q.push_str(p.key);
                q.push('=');
                q.push_str(&crate::query::encode(v));
            }
        }
        q
    }

    /// One animation frame: `speed` iterations if `playing`, then the panels are redrawn.
    /// Returns whether training can go on (false once a stop rule fired).
    pub fn frame(&mut self, playing: bool) -> Result<bool, JsValue> {
        if playing {
            self.trainer.step(self.settings.speed());
            self.trainer.refresh();
            self.follow_picked();
        }
        self.draw()?;
        Ok(self.trainer.stopped().is_none())
    }

    /// Exactly one update (the Step button), then a redraw.
    pub fn step(&mut self) -> Result<bool, JsValue> {
        self.trainer.step(1);
        self.trainer.refresh();
        self.follow_picked();
        self.draw()?;
        Ok(self.trainer.stopped().is_none())
    }

    /// Back to the first weights of this seed.
    pub fn reset(&mut self) -> Result<(), JsValue> {
        self.trainer.reset();
        self.follow_picked();
        self.draw()
    }

    /// Picks the data point nearest to (x, y), in CSS pixels of the map, if one lies within a few
    /// markers' width: the Softmax section then shows that point's scores and true class, and
    /// follows them as training goes on. Returns whether a point was picked.
    pub fn pick(&mut self, x: f64, y: f64) -> Result<bool, JsValue> {
        let Some(at) = self.plane_at(x, y) else {
            return Ok(false);
        };
        let split = self.trainer.split();
        let nearest = [(true, &split.train), (false, &split.test)]
            .into_iter()
            .flat_map(|(train, set)| {
                set.x.rows().into_iter().enumerate().map(move |(i, r)| {
                    let d = (r[0] - at[0]).powi(2) + (r[1] - at[1]).powi(2);
                    (d, train, i)
                })
            })
            .min_by(|a, b| a.0.total_cmp(&b.0));
        let Some((_, train, index)) = nearest.filter(|(d, ..)| *d <= PICK_RADIUS * PICK_RADIUS)
        else {
            return Ok(false);
        };
        self.picked = Some((train, index));
        self.follow_picked();
        let label = self.picked_point().map_or(0, |(_, l)| l);
        self.settings.set("label", settings::LABELS[label]);
        self.overlay_dirty = true;
        self.draw()?;
        Ok(true)
    }

    /// The plane point under (x, y) CSS pixels of the map, if inside its plot.
    fn plane_at(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let extent = ((-EXTENT, EXTENT), (-EXTENT, EXTENT));
        plot_point(&self.plot_rect, extent, x, y, device_pixel_ratio())
    }

    /// Adds a training point of class `label` (0 cat, 1 dog, 2 sheep) at (x, y) CSS pixels of
    /// the map; training carries on with it. Returns whether one was added (not outside the plot,
    /// not past the most points a run holds).
    pub fn add_point(&mut self, x: f64, y: f64, label: u32) -> Result<bool, JsValue> {
        let Some(at) = self.plane_at(x, y) else {
            return Ok(false);
        };
        self.edit(at, Some(label as usize))
    }

    /// Removes the data point nearest to (x, y) CSS pixels of the map, if one is within a few
    /// markers' width (the last training point stays). Returns whether one was removed.
    pub fn remove_point(&mut self, x: f64, y: f64) -> Result<bool, JsValue> {
        let Some(at) = self.plane_at(x, y) else {
            return Ok(false);
        };
        self.edit(at, None)
    }

    /// Adds (`Some(class)`) or removes a point at a clicked plane point, and writes the edit
    /// into the `edits` setting so that the URL makes the same data. Refused (false) once the
    /// setting holds [`settings::MAX_EDITS`].
    fn edit(&mut self, at: [f64; 2], class: Option<usize>) -> Result<bool, JsValue> {
        let at = scene::train::click_point(at);
        let mut text = self.settings.get("edits").to_string();
        if self.settings.edits().len() >= settings::MAX_EDITS
            || !scene::train::apply(&mut self.trainer, at, class)
        {
            return Ok(false);
        }
        if !text.is_empty() {
            text.push(',');
        }
        text.push_str(&scene::train::edit_text(at, class));
        if self
            .settings
            .set("edits", &text)
            .is_none_or(|c| c.error.is_some())
        {
            // Not kept in the URL: the data goes back to what the URL makes.
            self.trainer = scene::train::trainer(&self.settings);
        }
        self.data_changed()?;
        Ok(true)
    }

    /// After points were added or removed: the picked point's index may have moved, so it is let
    /// go; the map's points are drawn again.
    fn data_changed(&mut self) -> Result<(), JsValue> {
        self.picked = None;
        self.overlay_dirty = true;
        self.draw()
    }

    /// Whether the Softmax section follows a point picked on the map.
    pub fn has_pick(&self) -> bool {
        self.picked.is_some()
    }

    /// The training points as a flat array [x, y, label, x, y, label, …] (the test points follow
    /// with the label + 3), for placing things over the map.
    pub fn points(&self) -> Vec<f64> {
        let split = self.trainer.split();
        let mut out = Vec::with_capacity(3 * (split.train.len() + split.test.len()));
        for (offset, set) in [(0, &split.train), (3, &split.test)] {
            for (r, &l) in set.x.rows().into_iter().zip(&set.labels) {
                out.extend_from_slice(&[r[0], r[1], (l + offset) as f64]);
            }
        }
        out
    }

    /// Gives the Losses section its curves canvas; drawn whenever the example changes.
    pub fn attach_loss_curves(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.loss_curves = Some(canvas);
        self.softmax_dirty = true;
        self.draw()
    }

    /// The five losses on the Softmax section's example (its scores divided by T, its class) and
    /// averaged over the training points at the current weights:
    /// `[{key, example, training}]` in the article's order.
    pub fn losses(&mut self) -> Array {
        let steps = self.settings.softmax_steps();
        let out = Array::new();
        for (key, loss) in settings::LOSSES.iter().zip(Loss::ALL) {
            let o = Object::new();
            set(&o, "key", *key);
            set(&o, "example", loss.of_sample(&steps.scaled, steps.label));
            set(&o, "training", self.trainer.training_loss_of(loss));
            out.push(&o);
        }
        out
    }

    /// Gives the comparison `name` (see [`App::runs`]) its canvases, one per run: `heats`
    /// (rasters), `overlays` (points) and `bars` (a bar per weight; an empty array for none). The
    /// runs start from the current settings' first weights.
    pub fn attach_runs(
        &mut self,
        name: &str,
        heats: Array,
        overlays: Array,
        bars: Array,
    ) -> Result<(), JsValue> {
        let (name, variants) =
            variants(name).ok_or_else(|| JsValue::from_str("no such comparison"))?;
        let canvas = |v: JsValue| v.dyn_into::<HtmlCanvasElement>();
        let canvases = heats
            .iter()
            .zip(overlays.iter())
            .enumerate()
            .map(|(i, (h, o))| {
                let bars = match bars.get(i as u32) {
                    v if v.is_undefined() => None,
                    v => Some(canvas(v)?),
                };
                Ok(Canvases {
                    heat: canvas(h)?,
                    overlay: canvas(o)?,
                    bars,
                })
            })
            .collect::<Result<Vec<_>, JsValue>>()?;
        let mut comparison = Comparison::new(
            &self.settings.train_config(),
            self.settings.runs_lambda(),
            variants,
            canvases,
        )?;
        comparison.draw(device_pixel_ratio())?;
        self.comparisons.retain(|(n, _)| *n != name);
        self.comparisons.push((name, comparison));
        Ok(())
    }

    fn comparison(&mut self, name: &str) -> Option<&mut Comparison> {
        self.comparisons
            .iter_mut()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c)
    }

    /// Starts the runs of the comparison `name` again from the current settings' first weights.
    pub fn runs_restart(&mut self, name: &str) -> Result<(), JsValue> {
        let config = self.settings.train_config();
        if let Some(c) = self.comparison(name) {
            c.restart(&config);
            c.draw(device_pixel_ratio())?;
        }
        Ok(())
    }

    /// One frame of the comparison `name`: `speed` more iterations of each run that has not
    /// stopped, then its drawings. Returns whether any run can go on.
    pub fn runs_frame(&mut self, name: &str) -> Result<bool, JsValue> {
        let speed = self.settings.speed();
        let Some(c) = self.comparison(name) else {
            return Ok(false);
        };
        let going = c.step(speed);
        c.draw(device_pixel_ratio())?;
        Ok(going)
    }

    /// The numbers of the comparison `name`'s runs: each the same object as [`App::stats`] gives
    /// (without the note) plus `key` (the run's loss or penalty), `l1Norm` (Σ|w|) and `l2Norm`
    /// (‖w‖₂).
    pub fn runs_stats(&self, name: &str) -> Array {
        let out = Array::new();
        let Some((_, c)) = self.comparisons.iter().find(|(n, _)| *n == name) else {
            return out;
        };
        for (variant, trainer) in c.runs() {
            let weights = trainer.model().weights();
            let o = run_object(trainer, self.lang);
            set(&o, "key", variant.key());
            set(&o, "l1Norm", weights.iter().map(|w| w.abs()).sum::<f64>());
            set(
                &o,
                "l2Norm",
                weights.iter().map(|w| w * w).sum::<f64>().sqrt(),
            );
            out.push(&o);
        }
        out
    }

    /// Gives the Descent section its canvases: `heat` for the surface, `overlay` for the level
    /// sets and balls (clicks on it drop balls), `chart` for the loss along each path.
    pub fn attach_descent(
        &mut self,
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<(), JsValue> {
        self.slices += 1;
        let terrain = descent::terrain(self.settings.get("surface"), &self.trainer, self.slices);
        let mut d = descent::Descent::new(
            terrain,
            heat,
            overlay,
            chart,
            self.settings.descent_optimizer(),
        )?;
        // The balls the URL asked for, in place of the default one.
        let balls = self.settings.balls();
        if !balls.is_empty() {
            d.clear();
            for (start, optimizer) in balls {
                d.drop_ball(start, optimizer);
            }
        }
        self.descent = Some(d);
        self.draw_descent()
    }

    /// Takes the chosen surface again: a toy surface from scratch, a slice through the network as
    /// it is now (random directions drawn anew). The balls are replaced by one at the start.
    pub fn new_terrain(&mut self) -> Result<(), JsValue> {
        self.slices += 1;
        let terrain = descent::terrain(self.settings.get("surface"), &self.trainer, self.slices);
        let optimizer = self.settings.descent_optimizer();
        if let Some(d) = &mut self.descent {
            d.set_terrain(terrain, optimizer)?;
        }
        // One ball at the surface's own start: the default.
        self.settings.set("balls", "");
        self.draw_descent()
    }

    /// Drops a ball (moved by the chosen optimizer) where the overlay was clicked, at (x, y) CSS
    /// pixels; returns false for a click outside the plot.
    pub fn descent_click(&mut self, x: f64, y: f64) -> Result<bool, JsValue> {
        let optimizer = self.settings.descent_optimizer();
        let dpr = device_pixel_ratio();
        let Some(d) = &mut self.descent else {
            return Ok(false);
        };
        let Some(at) = d.plane_point(x, y, dpr) else {
            return Ok(false);
        };
        // To three decimals, as the URL keeps it, so a reload starts at exactly the same place.
        let at = at.map(|v| (v * 1000.0).round() / 1000.0);
        d.drop_ball(at, optimizer);
        self.record_balls();
        self.draw_descent()?;
        Ok(true)
    }

    /// Replaces the balls by four racing from the newest ball's start: gradient descent, SGD,
    /// momentum and Adam.
    pub fn descent_race(&mut self) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.race(["gd", "sgd", "momentum", "adam"].map(settings::optimizer_named));
        }
        self.record_balls();
        self.draw_descent()
    }

    /// One animation frame of the balls: `speed` steps each. Returns whether any can go on.
    pub fn descent_frame(&mut self) -> Result<bool, JsValue> {
        self.descent_steps(self.settings.speed())
    }

    /// Exactly one step of every ball (the Step button). Returns whether any can go on.
    pub fn descent_step(&mut self) -> Result<bool, JsValue> {
        self.descent_steps(1)
    }

    fn descent_steps(&mut self, n: u64) -> Result<bool, JsValue> {
        let (eta, rules) = (self.settings.descent_lr(), self.settings.descent_rules());
        let going = self
            .descent
            .as_mut()
            .is_some_and(|d| d.step(n, eta, &rules));
        self.draw_descent()?;
        Ok(going)
    }

    /// Every ball back to its start.
    pub fn descent_reset(&mut self) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.reset();
        }
        self.draw_descent()
    }

    /// Removes every ball.
    pub fn descent_clear(&mut self) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.clear();
        }
        self.record_balls();
        self.draw_descent()
    }

    /// The step sizes of the presets for the current surface: `[too small, good, too large,
    /// far too large]`.
    pub fn descent_presets(&mut self) -> Vec<f64> {
        self.descent
            .as_mut()
            .map_or_else(Vec::new, |d| d.presets().to_vec())
    }

    /// Every ball: `[{colour, optimizer, start, w, iterations, loss, gradientNorm, stopped,
    /// stoppedText, divergence}]`, oldest first; `stopped` is the stop rule's key ("" while it
    /// rolls).
    pub fn descent_balls(&self) -> Array {
        let out = Array::new();
        let Some(d) = &self.descent else {
            return out;
        };
        for (ball, colour) in d.balls() {
            let o = Object::new();
            set(
                &o,
                "colour",
                format!("#{:02x}{:02x}{:02x}", colour[0], colour[1], colour[2]),
            );
            set(&o, "optimizer", optimizer_key(ball.optimizer));
            set(&o, "start", js_pair(ball.start));
            set(&o, "w", js_pair(ball.w));
            set(&o, "iterations", ball.iterations as f64);
            set(&o, "loss", ball.loss);
            set(&o, "gradientNorm", ball.gradient_norm());
            let key = ball.stopped.map(|r| stop_key(r, ball.gradient_norm()));
            set(&o, "stopped", key.unwrap_or(""));
            set(&o, "stoppedText", key.map_or("", |k| tr(self.lang, k)));
            set(
                &o,
                "divergence",
                ball.stopped.is_some_and(StopReason::is_divergence),
            );
            out.push(&o);
        }
        out
    }

    /// The newest ball's next step, for writing the update out: `{optimizer, w, gradient, eta,
    /// step, next}` with step = w − next (η∇L for gradient descent); null without one.
    pub fn descent_next(&mut self) -> JsValue {
        let (eta, rules) = (self.settings.descent_lr(), self.settings.descent_rules());
        let Some(d) = &mut self.descent else {
            return JsValue::NULL;
        };
        let Some((w, next)) = d.next_move(eta, &rules) else {
            return JsValue::NULL;
        };
        let Some((ball, _)) = d.balls().last() else {
            return JsValue::NULL;
        };
        let o = Object::new();
        set(&o, "optimizer", optimizer_key(ball.optimizer));
        set(&o, "w", js_pair(w));
        set(&o, "gradient", js_pair(ball.gradient));
        set(&o, "eta", eta);
        set(&o, "step", js_pair([w[0] - next[0], w[1] - next[1]]));
        set(&o, "next", js_pair(next));
        o.into()
    }

    /// Shows or hides the newest ball's next step on the plane (shown while paused).
    pub fn descent_show_next(&mut self, show: bool) -> Result<(), JsValue> {
        self.descent_arrow = show;
        if let Some(d) = &mut self.descent {
            d.invalidate();
        }
        self.draw_descent()
    }

    /// Writes the balls' starts and rules into the settings (so into the URL), rounded as the
    /// settings keep them.
    fn record_balls(&mut self) {
        let Some(d) = &self.descent else {
            return;
        };
        let text: Vec<String> = d
            .balls()
            .map(|(b, _)| {
                format!(
                    "{},{},{}",
                    b.start[0],
                    b.start[1],
                    optimizer_key(b.optimizer)
                )
            })
            .collect();
        let text = text.join(",");
        // Anything the boundary refuses (a start beyond its reach) leaves the URL as it was.
        self.settings.set("balls", &text);
    }

    fn draw_descent(&mut self) -> Result<(), JsValue> {
        let (eta, rules) = (self.settings.descent_lr(), self.settings.descent_rules());
        let lang = self.lang;
        let show_arrow = self.descent_arrow;
        let dpr = device_pixel_ratio();
        let Some(d) = &mut self.descent else {
            return Ok(());
        };
        if !d.needs_draw(dpr) {
            return Ok(());
        }
        let (x, y) = words::descent_axes(lang, d.slice_kind());
        let label = move |r: StopReason| words::stop_label(lang, r);
        d.draw(
            dpr,
            (&x, &y),
            (tr(lang, "descent.path.x"), tr(lang, "descent.path.y")),
            label,
            show_arrow.then_some((eta, &rules)),
        )
    }

    /// Gives the Penalties section its plane of two weights: `heat` for the loss surface,
    /// `overlay` for everything drawn over it.
    pub fn attach_plane(
        &mut self,
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
    ) -> Result<(), JsValue> {
        let quadratic = Quadratic::example();
        // The data loss does not change: its raster is drawn once.
        let raster = Raster::new(heat, PLANE_CELLS)?;
        raster.show(surface(&quadratic, PLANE_CELLS).rgba())?;
        self.plane = Some(Plane {
            raster,
            overlay,
            quadratic,
        });
        self.plane_dirty = true;
        self.draw()
    }

    /// The article's example: `{dot, l1, l2}`, each `[for w1, for w2]`, from the w1, w2 and x
    /// settings.
    pub fn penalty_example(&self) -> Object {
        let e = crate::scene::penalties::example(
            self.settings.vector("w1"),
            self.settings.vector("w2"),
            self.settings.vector("x"),
        );
        let o = Object::new();
        set(&o, "dot", js_pair(e.dot));
        set(&o, "l1", js_pair(e.l1));
        set(&o, "l2", js_pair(e.l2));
        o
    }

    /// The plane's numbers at the current penalty and λ: `{w, star, dataLoss, penalty, zeroFrom,
    /// allZero}`: the penalized optimum, the unpenalized one, the two parts of the objective at
    /// w, the λ from which each weight is exactly 0 (null if never) and the λ from which both are
    /// (null if never).
    pub fn plane(&self) -> Object {
        let q = Quadratic::example();
        let r = self.settings.plane_regularizer();
        let w = q.penalized_minimum(&r);
        let o = Object::new();
        set(&o, "w", js_pair(w));
        set(&o, "star", js_pair(q.minimum()));
        set(&o, "dataLoss", q.value(w));
        set(&o, "penalty", r.value(&w));
        let reach = scene::penalties::plane_reach(&q, r.penalty);
        let or_null = |v: Option<f64>| v.map_or(JsValue::NULL, JsValue::from_f64);
        set(
            &o,
            "zeroFrom",
            Array::of2(
                &or_null(q.zero_from(r.penalty, 0, reach)),
                &or_null(q.zero_from(r.penalty, 1, reach)),
            ),
        );
        set(&o, "allZero", or_null(q.lambda_all_zero(r.penalty)));
        o
    }

    /// Gives the Softmax section its canvas; it is drawn whenever its example changes.
    pub fn attach_softmax(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.softmax = Some(canvas);
        self.softmax_dirty = true;
        self.draw()
    }

    /// Shows the softmax steps up to `reveal` ∈ [0, 3] (step i grows as `reveal` goes from i to
    /// i + 1), for playing them in order; anything else (NaN included) shows all three.
    pub fn reveal_softmax(&mut self, reveal: f64) -> Result<(), JsValue> {
        self.softmax_reveal = if (0.0..=3.0).contains(&reveal) {
            reveal
        } else {
            3.0
        };
        self.softmax_dirty = true;
        self.draw()
    }

    /// The Softmax section's numbers: `{scores, scaled, exps, sum, probabilities, loss, label}`
    /// (arrays in class order cat, dog, sheep).
    pub fn softmax(&self) -> Object {
        let s = self.settings.softmax_steps();
        let o = Object::new();
        let array = |v: &[f64]| v.iter().map(|&x| JsValue::from_f64(x)).collect::<Array>();
        let scores: Vec<f64> = s
            .scaled
            .iter()
            .map(|x| x * self.settings.temperature())
            .collect();
        set(&o, "scores", array(&scores));
        set(&o, "scaled", array(&s.scaled));
        set(&o, "exps", array(&s.exps));
        set(&o, "sum", s.sum);
        set(&o, "probabilities", array(&s.probabilities));
        set(&o, "loss", s.loss);
        set(&o, "label", s.label as f64);
        o
    }

    /// Draws the charts' type and strokes `scale` times their usual size (1 to 2; presenter mode
    /// uses about 1.35), then redraws everything.
    pub fn set_type_scale(&mut self, scale: f64) -> Result<(), JsValue> {
        let scale = if scale.is_finite() {
            scale.clamp(1.0, 2.0)
        } else {
            1.0
        };
        if TYPE_SCALE.with(|s| s.replace(scale)) != scale {
            for (_, c) in &mut self.comparisons {
                c.invalidate();
            }
            self.plane_dirty = true;
            self.resize()?;
        }
        Ok(())
    }

    /// Redraws every chart and returns `[[canvas, svg], …]`: each canvas drawn through plotters,
    /// with an SVG document of the very same drawing at the canvas's pixel size (the export of a
    /// section; rasters drawn as pixels are not in the list).
    pub fn charts_svg(&mut self) -> Result<Array, JsValue> {
        paint::begin_capture();
        let drawn = self.resize();
        let captured = paint::end_capture();
        drawn?;
        Ok(captured
            .into_iter()
            .map(|(canvas, svg)| Array::of2(&canvas, &JsValue::from_str(&svg)))
            .collect())
    }

    /// Re-measures the canvases after a resize or a change of device pixel ratio.
    pub fn resize(&mut self) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.invalidate();
        }
        self.draw_descent()?;
        for (_, c) in &mut self.comparisons {
            c.invalidate();
            c.draw(device_pixel_ratio())?;
        }
        self.overlay_dirty = true;
        self.softmax_dirty = true;
        self.plane_dirty = true;
        self.drawn_history = (usize::MAX, u64::MAX);
        self.draw()
    }

    /// The current numbers: `{iteration, trainLoss, testLoss, penalty, objective, gradientNorm,
    /// trainAccuracy, testAccuracy, zeroWeights, weights, stopped, stoppedText, divergence, note}`.
    pub fn stats(&self) -> Object {
        let o = run_object(&self.trainer, self.lang);
        let note = if self.trainer.config().loss == Loss::ZeroOne {
            tr(self.lang, "note.zero-one")
        } else {
            ""
        };
        set(&o, "note", note);
        o
    }

    /// Redraws what changed: the decision raster always, the overlay when the data, size or
    /// language changed, the loss chart when the history grew.
    pub fn draw(&mut self) -> Result<(), JsValue> {
        self.map.fill(self.trainer.model());
        self.heat.show(self.map.rgba())?;
        let dpr = device_pixel_ratio();
        if (fit_to_screen(&self.overlay, dpr) || self.overlay_dirty) && big_enough(&self.overlay) {
            self.draw_overlay(dpr)?;
            self.overlay_dirty = false;
        }
        let history = self.trainer.history().entries();
        let key = (history.len(), history.last().map_or(0, |m| m.iteration));
        if (fit_to_screen(&self.chart, dpr) || key != self.drawn_history) && big_enough(&self.chart)
        {
            self.draw_chart(dpr)?;
            self.drawn_history = key;
        }
        let mut example_drawn = false;
        if let Some(canvas) = &self.softmax
            && (fit_to_screen(canvas, dpr) || self.softmax_dirty)
            && big_enough(canvas)
        {
            self.draw_softmax(canvas, dpr)?;
            example_drawn = true;
        }
        if let Some(canvas) = &self.loss_curves
            && (fit_to_screen(canvas, dpr) || self.softmax_dirty)
            && big_enough(canvas)
        {
            self.draw_loss_curves(canvas, dpr)?;
            example_drawn = true;
        }
        if example_drawn {
            self.softmax_dirty = false;
        }
        for (_, c) in &mut self.comparisons {
            c.draw_if_restarted(dpr)?;
        }
        self.draw_descent()?;
        if let Some(plane) = &self.plane
            && (fit_to_screen(&plane.overlay, dpr) || self.plane_dirty)
            && big_enough(&plane.overlay)
        {
            self.draw_plane(plane, dpr)?;
            self.plane_dirty = false;
        }
        Ok(())
    }

    /// The picked point's coordinates and class.
    fn picked_point(&self) -> Option<([f64; 2], usize)> {
        let (train, index) = self.picked?;
        let split = self.trainer.split();
        let set = if train { &split.train } else { &split.test };
        Some(([set.x[[index, 0]], set.x[[index, 1]]], set.labels[index]))
    }

    /// Loads the picked point's current scores into the Softmax section (clamped to its range).
    fn follow_picked(&mut self) {
        let Some((at, _)) = self.picked_point() else {
            return;
        };
        let x = ndarray::ArrayView2::from_shape((1, 2), &at).expect("one point");
        let scores = self.trainer.model().forward(x, &mut self.pick_workspace);
        let mut text = [String::new(), String::new(), String::new()];
        for (t, &s) in text.iter_mut().zip(scores.row(0)) {
            *t = settings::format_number((s * 1000.0).round() / 1000.0);
        }
        for (key, value) in ["score-cat", "score-dog", "score-sheep"]
            .into_iter()
            .zip(&text)
        {
            // Scores beyond ±20 come back clamped, which is what the section can show.
            self.settings.set(key, value);
        }
        self.softmax_dirty = true;
    }

    fn draw_plane(&self, plane: &Plane, dpr: f64) -> Result<(), JsValue> {
        let q = &plane.quadratic;
        let r = self.settings.plane_regularizer();
        let path = scene::penalties::plane_path(q, r.penalty);
        let at = q.penalized_minimum(&r);
        let labels = words::plane_labels(self.lang);
        clear(&plane.overlay)?;
        let rect = paint(&plane.overlay, |root| {
            draw_penalty_plane(root, q, &r, &path, at, &labels, chart_scale(dpr))
        })?;
        plane.raster.place(&rect, dpr)
    }

    fn draw_loss_curves(&self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<(), JsValue> {
        let names = words::loss_names(self.lang);
        let steps = self.settings.softmax_steps();
        let x_label = tr(self.lang, "losses.curves.x");
        paint(canvas, |root| {
            draw_loss_curves(
                root,
                &steps.scaled,
                steps.label,
                &names,
                x_label,
                chart_scale(dpr),
            )
        })
    }

    fn draw_softmax(&self, canvas: &HtmlCanvasElement, dpr: f64) -> Result<(), JsValue> {
        let labels = words::softmax_labels(self.lang);
        let steps = self.settings.softmax_steps();
        paint(canvas, |root| {
            draw_softmax(root, &steps, &labels, chart_scale(dpr), self.softmax_reveal)
        })
    }

    fn draw_overlay(&mut self, dpr: f64) -> Result<(), JsValue> {
        clear(&self.overlay)?;
        let labels = words::map_labels(self.lang, self.trainer.config().data.kind);
        let selected = self.picked_point().map(|(at, _)| (at[0], at[1]));
        let split = self.trainer.split();
        self.plot_rect = paint(&self.overlay, |root| {
            draw_map_overlay(root, split, Some(&labels), selected, chart_scale(dpr))
        })?;
        // Lay the raster exactly under the plotting area.
        self.heat.place(&self.plot_rect, dpr)
    }

    fn draw_chart(&mut self, dpr: f64) -> Result<(), JsValue> {
        let labels = words::loss_labels(self.lang);
        let history = self.trainer.history().entries();
        paint(&self.chart, |root| {
            draw_loss_chart(root, history, &labels, chart_scale(dpr))
        })
    }
}

/// The training objective after each of `steps` single updates of the run a URL query
/// describes, as the hex bits of each f64: the browser's half of the check that the same seed and
/// settings give the same trajectory natively and in WebAssembly.
#[wasm_bindgen]
pub fn trajectory(query: &str, steps: u32) -> String {
    crate::trajectory(query, steps as u64)
}

/// A fresh random seed from the browser's crypto source, for the "new seed" button.
#[wasm_bindgen]
pub fn fresh_seed() -> u32 {
    let mut bytes = [0u8; 4];
    // On failure the seed is 0, which is still a valid seed.
    let _ = getrandom::fill(&mut bytes);
    u32::from_le_bytes(bytes)
}

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
