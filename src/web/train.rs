//! The façade's calls for the Train section, and for the Softmax and Losses sections' example:
//! coarse calls that move the run forward, take a click or a canvas, and hand back the numbers to
//! show. Each one is a call into [`crate::scene::Page`] and a redraw.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::App;
use super::canvas::device_pixel_ratio;
use super::js::{self, set};
use super::paint::Layered;
use crate::engine::penalty::PenaltyKind;
use crate::settings::{Choice, Class, Domain, Key, Redraw, Section, Setting};
use crate::text::tr;

#[wasm_bindgen]
impl App {
    // ----- 1 · Train -----

    /// One animation frame: as many iterations as the speed setting says if `playing`, then the
    /// panels are redrawn. Returns whether training can go on (false once a stop rule fired).
    pub fn frame(&mut self, playing: bool) -> Result<bool, JsValue> {
        self.strike_fault();
        if playing {
            let marked = self.page.train().cell().is_some();
            self.page.frame();
            self.followed();
            if marked {
                // Training let the confusion matrix's cell go: its rings leave the map.
                self.train.invalidate();
            }
        }
        self.draw()?;
        Ok(self.page.train().trainer().stopped().is_none())
    }

    /// Exactly one update (the Step button), then a redraw.
    pub fn step(&mut self) -> Result<bool, JsValue> {
        if self.page.train().cell().is_some() {
            self.train.invalidate();
        }
        let going = self.page.step(1);
        self.followed();
        self.draw()?;
        Ok(going)
    }

    /// Back to the first weights of this seed.
    pub fn reset(&mut self) -> Result<(), JsValue> {
        if self.page.train().cell().is_some() {
            self.train.invalidate();
        }
        self.page.reset();
        self.followed();
        self.draw()
    }

    /// The current numbers: those of a run (see [`js::run_object`]) and `note`, why training
    /// stalls if it does ("" otherwise).
    pub fn stats(&self) -> Object {
        let train = self.page.train();
        let o = js::run_object(&train.numbers(), self.lang);
        let note = if train.stalls() {
            tr(self.lang, "note.zero-one")
        } else {
            ""
        };
        set(&o, "note", note);
        o
    }

    /// What the Train section's controls show besides the values: `{hidden, maxLayers,
    /// elasticNet}`: the hidden layers' widths, the most layers, and whether elastic net's α
    /// applies.
    pub fn train_view(&self) -> Object {
        let t = &self.page.settings().train;
        let o = Object::new();
        let widths: Vec<f64> = t.hidden.iter().map(|&w| w as f64).collect();
        set(&o, "hidden", js::numbers(&widths));
        let max_layers = match Key::Hidden.param().domain {
            Domain::Widths { max_len, .. } => max_len,
            _ => 0,
        };
        set(&o, "maxLayers", max_layers as f64);
        set(&o, "elasticNet", t.penalty == PenaltyKind::ElasticNet);
        o
    }

    /// A fresh random seed (from the browser's crypto source) for the data and the first weights.
    /// Returns what [`App::set`] returns.
    pub fn new_seed(&mut self) -> Result<Object, JsValue> {
        let update = self.page.set(Setting::Seed(u64::from(super::fresh_seed())));
        self.updated(&update, "")
    }

    /// Trains the live classifier with the loss named `name` (a button of the Losses section).
    /// Returns what [`App::set`] returns.
    pub fn train_with(&mut self, name: &str) -> Result<Object, JsValue> {
        self.set(Key::Loss.name(), name)
    }

    /// Sets the hidden layers' widths from the layer boxes (`widths` as typed, checked like any
    /// input). Returns what [`App::set`] returns.
    pub fn set_layers(&mut self, widths: Vec<String>) -> Result<Object, JsValue> {
        self.set(Key::Hidden.name(), &widths.join(","))
    }

    /// Picks the data point nearest to (x, y), in CSS pixels of the map, if one lies within a few
    /// markers' width: the Softmax section then shows that point's scores and true class, and
    /// follows them as training goes on. Returns whether a point was picked.
    pub fn pick(&mut self, x: f64, y: f64) -> Result<bool, JsValue> {
        let Some(at) = self.train.plane_at(x, y, device_pixel_ratio()) else {
            return Ok(false);
        };
        if !self.page.pick(at) {
            return Ok(false);
        }
        self.invalidate(Redraw::of(&[Section::Train, Section::Softmax]));
        self.draw()?;
        Ok(true)
    }

    /// The confusion matrix of the test set now: `{counts, classAccuracy, total, correct,
    /// accuracy, cell}`: `counts` the nine counts row by row (true class cat, dog, sheep; within
    /// a row the predicted class in the same order), each class's accuracy (NaN without points of
    /// it), and the cell shown on the map as `[true, predicted]`, or null.
    pub fn confusion(&mut self) -> Object {
        let m = self.page.confusion();
        let o = Object::new();
        let counts: Array = m
            .counts
            .iter()
            .flatten()
            .map(|&n| JsValue::from_f64(f64::from(n)))
            .collect();
        set(&o, "counts", counts);
        let classes: Array = (0..3)
            .map(|c| JsValue::from_f64(m.class_accuracy(c)))
            .collect();
        set(&o, "classAccuracy", classes);
        set(&o, "total", f64::from(m.total()));
        set(&o, "correct", f64::from(m.correct()));
        set(&o, "accuracy", m.accuracy());
        let cell = self.page.train().cell().map_or(JsValue::NULL, |(t, p)| {
            Array::of2(&(t as f64).into(), &(p as f64).into()).into()
        });
        set(&o, "cell", cell);
        o
    }

    /// Rings on the map the test points of true class `truth` predicted as `predicted` (0 cat,
    /// 1 dog, 2 sheep); anything else (−1) takes the rings away. Training on takes them away too.
    pub fn set_confusion_cell(&mut self, truth: i32, predicted: i32) -> Result<(), JsValue> {
        let cell = usize::try_from(truth)
            .ok()
            .zip(usize::try_from(predicted).ok());
        self.page.set_cell(cell);
        self.train.invalidate();
        self.draw()
    }

    /// The diagram's tiles, `[[column, neuron, x, y, side], …]` in CSS pixels of its canvas
    /// (column 0 the inputs, the last the classes); empty before it is drawn.
    pub fn network_nodes(&self) -> Array {
        self.network
            .as_ref()
            .map_or_else(Array::new, super::network::NetworkView::nodes)
    }

    /// Whether the Softmax section follows a point picked on the map.
    pub fn has_pick(&self) -> bool {
        self.page.train().picked_point().is_some()
    }

    /// Adds a training point of class `label` (0 cat, 1 dog, 2 sheep) at (x, y) CSS pixels of
    /// the map; training carries on with it. Returns whether one was added (not outside the plot,
    /// not past the most points or edits a run holds).
    pub fn add_point(&mut self, x: f64, y: f64, label: u32) -> Result<bool, JsValue> {
        let class = Class::of_label(label as usize);
        if class.is_none() {
            return Ok(false);
        }
        self.edit(x, y, class)
    }

    /// Removes the data point nearest to (x, y) CSS pixels of the map, if one is within a few
    /// markers' width (the last training point stays). Returns whether one was removed.
    pub fn remove_point(&mut self, x: f64, y: f64) -> Result<bool, JsValue> {
        self.edit(x, y, None)
    }

    /// The training points as a flat array [x, y, label, x, y, label, …] (the test points follow
    /// with the label + 3), for placing things over the map.
    pub fn points(&self) -> Vec<f64> {
        let split = self.page.train().trainer().split();
        let mut out = Vec::with_capacity(3 * (split.train.len() + split.test.len()));
        for (offset, set) in [(0, &split.train), (3, &split.test)] {
            for (r, &l) in set.x.rows().into_iter().zip(&set.labels) {
                out.extend_from_slice(&[r[0], r[1], (l + offset) as f64]);
            }
        }
        out
    }

    // ----- 2 · Softmax, 3 · Losses -----

    /// Gives the Softmax section its canvas; it is drawn whenever its example changes.
    pub fn attach_softmax(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.example.softmax = Some(Layered::new(canvas)?);
        self.example.invalidate();
        self.draw()
    }

    /// Gives the Losses section its curves canvas; drawn whenever the example changes.
    pub fn attach_loss_curves(&mut self, canvas: HtmlCanvasElement) -> Result<(), JsValue> {
        self.example.curves = Some(canvas);
        self.example.invalidate();
        self.draw()
    }

    /// Shows the softmax steps up to `reveal` ∈ [0, 3] (step i grows as `reveal` goes from i to
    /// i + 1), for playing them in order; anything else (NaN included) shows all three.
    pub fn reveal_softmax(&mut self, reveal: f64) -> Result<(), JsValue> {
        self.example.reveal(reveal);
        self.draw()
    }

    /// The Softmax section's numbers: `{scores, scaled, exps, sum, probabilities, loss, label,
    /// predicted}` (arrays in class order cat, dog, sheep; `predicted` is the class with the
    /// largest score).
    pub fn softmax(&self) -> Object {
        let s = self.page.softmax_steps();
        let o = Object::new();
        set(
            &o,
            "scores",
            js::numbers(&self.page.settings().softmax.scores),
        );
        set(&o, "scaled", js::numbers(&s.scaled));
        set(&o, "exps", js::numbers(&s.exps));
        set(&o, "sum", s.sum);
        set(&o, "probabilities", js::numbers(&s.probabilities));
        set(&o, "loss", s.loss);
        set(&o, "label", s.label as f64);
        set(&o, "predicted", s.predicted as f64);
        o
    }

    /// The five losses on the Softmax section's example (its scores divided by T, its class) and
    /// averaged over the training points at the current weights: `[{key, example, training,
    /// inUse}]` in the article's order.
    pub fn losses(&mut self) -> Array {
        let in_use = self.page.settings().train.loss;
        self.page
            .loss_rows()
            .iter()
            .map(|row| {
                let o = Object::new();
                set(&o, "key", row.loss.key());
                set(&o, "example", row.example);
                set(&o, "training", row.training);
                set(&o, "inUse", row.loss == in_use);
                JsValue::from(o)
            })
            .collect()
    }
}

impl App {
    /// After training moved: a picked point's scores changed, so the example is drawn again.
    fn followed(&mut self) {
        if self.page.train().picked_point().is_some() {
            self.example.invalidate();
        }
    }

    fn edit(&mut self, x: f64, y: f64, class: Option<Class>) -> Result<bool, JsValue> {
        let Some(at) = self.train.plane_at(x, y, device_pixel_ratio()) else {
            return Ok(false);
        };
        if !self.page.edit(at, class) {
            return Ok(false);
        }
        self.invalidate(Redraw::of(&[Section::Train, Section::Softmax]));
        self.draw()?;
        Ok(true)
    }
}
