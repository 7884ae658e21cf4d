//! The façade's calls for looking inside the Train section's network: the diagram and the chosen
//! weight's chart, choosing a weight (by a click on its edge or by its index), its next update
//! written out, backpropagation for one point, and the timeline (scrub back, go back to the last
//! good iteration).

use js_sys::{Array, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::App;
use super::js::{self, set};
use crate::engine::activation::Activation;
use crate::engine::inspect::ParamPlace;
use crate::engine::optimizer::Optimizer;
use crate::settings::{Choice, Redraw, Section};
use crate::text::{Lang, fill, tr};

#[wasm_bindgen]
impl App {
    /// Draws the network diagram on `canvas`, and the chosen weight over the run on `chart`,
    /// from now on (see [`super::network`]).
    pub fn attach_network(
        &mut self,
        canvas: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<(), JsValue> {
        self.network = Some(super::network::NetworkView::new(canvas, chart)?);
        self.draw()
    }

    /// The weight whose edge is under (x, y) CSS pixels of the diagram, if one is within a few
    /// pixels: its index (for [`App::select_weight`]), or −1.
    pub fn weight_at(&self, x: f64, y: f64) -> i32 {
        self.network
            .as_ref()
            .and_then(|n| n.edge_at(self.page.train(), x, y))
            .map_or(-1, |i| i as i32)
    }

    /// Chooses parameter `i` (weights first, then biases, as [`App::weight_names`] lists them);
    /// a negative or too large index chooses none. Returns whether one is chosen.
    pub fn select_weight(&mut self, i: i32) -> Result<bool, JsValue> {
        let train = self.page.train_mut();
        if train.select(usize::try_from(i).ok()) {
            self.invalidate(Redraw::of(&[Section::Train]));
            self.draw()?;
        }
        Ok(self.page.train().selected().is_some())
    }

    /// The chosen parameter's index, or −1.
    pub fn selected_weight(&self) -> i32 {
        self.page.train().selected().map_or(-1, |i| i as i32)
    }

    /// The name of every parameter, in order: "x₁ → h1.2" for a weight, "b h1.2" for a bias
    /// (inputs x₁, x₂; hidden neuron j of layer l as "hl.j"; the classes by name).
    pub fn weight_names(&self) -> Array {
        let model = self.page.train().trainer().model();
        let layers = model.layers();
        (0..model.params().len())
            .filter_map(|i| ParamPlace::of(layers, i))
            .map(|p| {
                let to = self.neuron_name(p.layer + 1, p.to);
                let name = match p.from {
                    Some(k) => format!("{} → {to}", self.neuron_name(p.layer, k)),
                    None => fill(self.lang, "weight.bias", &[("to", &to)]),
                };
                JsValue::from(name)
            })
            .collect()
    }

    /// The chosen parameter's next update, every number of it (see
    /// [`crate::engine::inspect::WeightStep`]), or null with none chosen: `{index, isWeight,
    /// iteration, value, grad, rows, points, smooth, l1, l2, eta, rule, beta, beta1, beta2,
    /// epsilon, moments, momentsNext, corrected, t, stepped, tau, next}`.
    pub fn weight(&mut self) -> JsValue {
        let (_, l2) = self.page.train().trainer().config().regularizer.strengths();
        let points = self.page.train().trainer().split().train.len();
        let iteration = self.page.train().trainer().iteration();
        let Some(s) = self.page.train_mut().weight_step() else {
            return JsValue::NULL;
        };
        let o = Object::new();
        set(&o, "index", s.index as f64);
        set(&o, "isWeight", s.place.from.is_some());
        set(&o, "iteration", iteration as f64);
        set(&o, "value", s.value);
        set(&o, "grad", s.data_grad);
        set(&o, "rows", s.rows as f64);
        set(&o, "points", points as f64);
        set(&o, "smooth", s.smooth);
        set(&o, "l1", s.l1);
        set(&o, "l2", if s.place.from.is_some() { l2 } else { 0.0 });
        set(&o, "eta", s.eta);
        set(&o, "rule", s.rule.kind().key());
        let (beta, beta1, beta2, epsilon) = match s.rule {
            Optimizer::Momentum { beta } => (beta, 0.0, 0.0, 0.0),
            Optimizer::Adam {
                beta1,
                beta2,
                epsilon,
            } => (0.0, beta1, beta2, epsilon),
            _ => (0.0, 0.0, 0.0, 0.0),
        };
        set(&o, "beta", beta);
        set(&o, "beta1", beta1);
        set(&o, "beta2", beta2);
        set(&o, "epsilon", epsilon);
        set(&o, "moments", js::numbers(&[s.moments.0, s.moments.1]));
        set(
            &o,
            "momentsNext",
            js::numbers(&[s.moments_next.0, s.moments_next.1]),
        );
        set(
            &o,
            "corrected",
            js::numbers(&[s.corrected.0, s.corrected.1]),
        );
        set(&o, "t", s.t as f64);
        set(&o, "stepped", s.stepped);
        set(&o, "tau", s.tau);
        set(&o, "next", s.next);
        o.into()
    }

    /// Backpropagation down to the chosen parameter for the point picked on the map (or the
    /// first training point), or null with none chosen: `{x, label, train, values, deltas,
    /// names, loss, backprop, finiteDifference, h, relativeError, points, share, layer, from, to,
    /// activation}`. `values[0]` are the inputs, `values[l]` layer l's outputs (the last the
    /// scores); `deltas[l]` belongs to `values[l + 1]`.
    pub fn trace(&mut self) -> JsValue {
        let picked_train = self
            .page
            .train()
            .picked_point()
            .is_none_or(|_| self.page.train().picked_is_train());
        let activation = self
            .page
            .train()
            .trainer()
            .model()
            .architecture()
            .activation;
        let lang = self.lang;
        let Some(t) = self.page.train_mut().trace() else {
            return JsValue::NULL;
        };
        let Some(place) = t.place else {
            return JsValue::NULL;
        };
        let o = Object::new();
        set(&o, "x", js::numbers(&t.x));
        set(&o, "label", t.label as f64);
        set(&o, "train", picked_train);
        let rows =
            |v: &[Vec<f64>]| -> Array { v.iter().map(|r| JsValue::from(js::numbers(r))).collect() };
        set(&o, "values", rows(&t.values));
        set(&o, "deltas", rows(&t.deltas));
        set(&o, "loss", t.loss);
        set(&o, "backprop", t.backprop);
        set(&o, "finiteDifference", t.finite_difference);
        set(&o, "h", t.h);
        set(&o, "relativeError", t.relative_error());
        set(&o, "points", t.points as f64);
        set(&o, "share", t.share());
        set(&o, "layer", place.layer as f64);
        set(&o, "from", place.from.map_or(-1.0, |k| k as f64));
        set(&o, "to", place.to as f64);
        let act = match activation {
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Linear => "linear",
        };
        set(&o, "activation", act);
        let names: Array = (0..t.values.len())
            .map(|l| JsValue::from(layer_name(lang, l, t.values.len())))
            .collect();
        set(&o, "names", names);
        o.into()
    }

    /// The Train run's timeline: `{length, at, iteration, first, last, stride, capacity, bytes,
    /// scrubbed, good}`: snapshots kept, the one shown (the last unless scrubbed), its
    /// iteration, the first and last iterations kept, the iterations between two, the most kept,
    /// the store's bytes, whether an earlier snapshot is shown, and after a divergence the
    /// snapshot to go back to (−1 otherwise).
    pub fn timeline(&self) -> Object {
        let trainer = self.page.train().trainer();
        let o = Object::new();
        let Some(t) = trainer.timeline() else {
            return o;
        };
        let len = t.len();
        let at = t.find(trainer.iteration()).unwrap_or(len.saturating_sub(1));
        set(&o, "length", len as f64);
        set(&o, "at", at as f64);
        set(&o, "iteration", trainer.iteration() as f64);
        set(&o, "first", t.iteration(0).unwrap_or(0) as f64);
        set(&o, "last", t.last_iteration().unwrap_or(0) as f64);
        set(&o, "stride", t.stride() as f64);
        set(&o, "capacity", t.capacity() as f64);
        set(&o, "bytes", t.bytes() as f64);
        set(&o, "scrubbed", trainer.scrubbed());
        let diverged = trainer.stopped().is_some_and(|s| s.is_divergence());
        let good = if diverged { trainer.last_good() } else { None };
        set(&o, "good", good.map_or(-1.0, |k| k as f64));
        o
    }

    /// Sets the chosen parameter to the number typed in `raw` (from −100 to 100): the loss, the
    /// map and every panel respond at once, and training carries on from there. Returns "" when
    /// it was set, else a message saying why not (the parameter keeps its value).
    pub fn set_weight(&mut self, raw: &str) -> Result<String, JsValue> {
        let Some(i) = self.page.train().selected() else {
            return Ok(String::new());
        };
        // A minus sign as the page writes it, and a decimal comma, are read too; past 64
        // characters nothing is a number.
        let value = (raw.len() <= 64)
            .then(|| {
                raw.trim()
                    .replace('−', "-")
                    .replace(',', ".")
                    .parse::<f64>()
                    .ok()
            })
            .flatten();
        if !value.is_some_and(|v| self.page.set_weight(v)) {
            let now = self.page.train().trainer().model().params()[i];
            let shown: String = raw.chars().take(40).collect();
            return Ok(fill(
                self.lang,
                "weight.set-bad",
                &[("raw", &shown), ("value", &format!("{now:.4}"))],
            ));
        }
        self.invalidate(Redraw::of(&[Section::Train, Section::Softmax]));
        self.draw()?;
        Ok(String::new())
    }

    /// Bytes of the page's WebAssembly memory now (it only grows): what the timeline's bounded
    /// store is measured against.
    pub fn memory_bytes(&self) -> f64 {
        wasm_bindgen::memory()
            .dyn_into::<js_sys::WebAssembly::Memory>()
            .map_or(0.0, |m| {
                m.buffer()
                    .dyn_into::<js_sys::ArrayBuffer>()
                    .map_or(0.0, |b| f64::from(b.byte_length()))
            })
    }

    /// Shows snapshot `k` of the timeline: the run goes back to it, with every panel; training
    /// on goes on from there (the later part is then dropped). Returns whether there was one.
    pub fn scrub(&mut self, k: u32) -> Result<bool, JsValue> {
        if !self.page.scrub(k as usize) {
            return Ok(false);
        }
        self.invalidate(Redraw::of(&[Section::Train, Section::Softmax]));
        self.draw()?;
        Ok(true)
    }
}

impl App {
    /// Neuron `j` of column `l` of the diagram (0 the inputs, the last the classes).
    fn neuron_name(&self, l: usize, j: usize) -> String {
        let hidden = self
            .page
            .train()
            .trainer()
            .model()
            .architecture()
            .hidden
            .len();
        if l == 0 {
            ["x₁", "x₂"].get(j).copied().unwrap_or("x").to_string()
        } else if l > hidden {
            tr(self.lang, ["class.0", "class.1", "class.2"][j.min(2)]).to_string()
        } else {
            format!("h{l}.{}", j + 1)
        }
    }
}

/// Column `l` of `n` as the trace names it: the inputs, hidden layer l, the scores.
fn layer_name(lang: Lang, l: usize, n: usize) -> String {
    if l == 0 {
        tr(lang, "trace.inputs").to_string()
    } else if l + 1 == n {
        tr(lang, "trace.scores").to_string()
    } else {
        format!("h{l}")
    }
}
