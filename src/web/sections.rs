//! The façade's calls for each section: coarse calls that move a run forward, take a click or
//! a canvas, and hand back the numbers to show. Each one is a call into [`crate::scene::Page`]
//! and a redraw.

use js_sys::{Array, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::App;
use super::canvas::device_pixel_ratio;
use super::js::{self, or_null, pair, set};
use super::views::{DescentView, PlaneView, RunCanvases, RunsView};
use crate::engine::penalty::PenaltyKind;
use crate::scene::penalties::Preference;
use crate::scene::runs::{LOSS_RUNS, PENALTY_RUNS, Variant};
use crate::scene::train::{RunNumbers, StopNote};
use crate::settings::{Choice, Class, Domain, Key, Redraw, Section, Setting, SurfaceKind};
use crate::text::tr;

/// The section whose side-by-side runs `name` names ("losses" or "penalties").
fn runs_section(name: &str) -> Option<(Section, &'static [Variant])> {
    match name {
        "losses" => Some((Section::Losses, &LOSS_RUNS)),
        "penalties" => Some((Section::Penalties, &PENALTY_RUNS)),
        _ => None,
    }
}

fn preference(p: Preference) -> &'static str {
    match p {
        Preference::W1 => "w1",
        Preference::W2 => "w2",
        Preference::Tie => "tie",
    }
}

/// The text key of the sentence saying which vector L1 (`l1`) or L2 prefers.
fn verdict_key(l1: bool, p: Preference) -> &'static str {
    match (l1, p) {
        (true, Preference::Tie) => "example.l1.tie",
        (true, _) => "example.l1.prefers",
        (false, Preference::Tie) => "example.l2.tie",
        (false, _) => "example.l2.prefers",
    }
}

/// The text key of the note on a surface.
fn surface_note(surface: SurfaceKind) -> &'static str {
    match surface {
        SurfaceKind::Bowl => "descent.note.bowl",
        SurfaceKind::Valley => "descent.note.valley",
        SurfaceKind::TwoMinima => "descent.note.two-minima",
        SurfaceKind::Rosenbrock => "descent.note.rosenbrock",
        SurfaceKind::SliceWeights => "descent.note.slice-weights",
        SurfaceKind::SliceRandom => "descent.note.slice-random",
    }
}

#[wasm_bindgen]
impl App {
    // ----- 1 · Train -----

    /// One animation frame: as many iterations as the speed setting says if `playing`, then the
    /// panels are redrawn. Returns whether training can go on (false once a stop rule fired).
    pub fn frame(&mut self, playing: bool) -> Result<bool, JsValue> {
        if playing {
            self.page.frame();
            self.followed();
        }
        self.draw()?;
        Ok(self.page.train().trainer().stopped().is_none())
    }

    /// Exactly one update (the Step button), then a redraw.
    pub fn step(&mut self) -> Result<bool, JsValue> {
        let going = self.page.step(1);
        self.followed();
        self.draw()?;
        Ok(going)
    }

    /// Back to the first weights of this seed.
    pub fn reset(&mut self) -> Result<(), JsValue> {
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
        self.example.softmax = Some(canvas);
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

    /// The runs of the side-by-side comparison `name` ("losses": cross-entropy, squared,
    /// absolute, hinge; "penalties": none, l1, l2), in the order its canvases are given; empty
    /// for another name.
    pub fn runs(name: &str) -> Vec<String> {
        runs_section(name)
            .map(|(_, v)| v.iter().map(|v| v.key().to_string()).collect())
            .unwrap_or_default()
    }

    /// Gives the comparison `name` (see [`App::runs`]) its canvases, one per run: `heats`
    /// (rasters), `overlays` (points) and `bars` (a bar per weight; an empty array for none).
    pub fn attach_runs(
        &mut self,
        name: &str,
        heats: Array,
        overlays: Array,
        bars: Array,
    ) -> Result<(), JsValue> {
        let (section, variants) =
            runs_section(name).ok_or_else(|| JsValue::from_str("no such comparison"))?;
        if heats.length() as usize != variants.len() || overlays.length() != heats.length() {
            return Err(JsValue::from_str("one set of canvases per run"));
        }
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
                Ok(RunCanvases {
                    heat: canvas(h)?,
                    overlay: canvas(o)?,
                    bars,
                })
            })
            .collect::<Result<Vec<_>, JsValue>>()?;
        let view = Some(RunsView::new(canvases)?);
        match section {
            Section::Losses => self.loss_runs = view,
            _ => self.penalty_runs = view,
        }
        self.draw()
    }

    /// Starts the runs of the comparison `name` again from the current settings' first weights.
    pub fn runs_restart(&mut self, name: &str) -> Result<(), JsValue> {
        if let Some((section, _)) = runs_section(name) {
            self.page.runs_restart(section);
            self.invalidate(Redraw::of(&[section]));
        }
        self.draw()
    }

    /// One frame of the comparison `name`: as many more iterations of each run that has not
    /// stopped as the speed setting says, then its drawings. Returns whether any run can go on.
    pub fn runs_frame(&mut self, name: &str) -> Result<bool, JsValue> {
        let Some((section, _)) = runs_section(name) else {
            return Ok(false);
        };
        let going = self.page.runs_frame(section);
        let dpr = device_pixel_ratio();
        let view = match section {
            Section::Losses => &mut self.loss_runs,
            _ => &mut self.penalty_runs,
        };
        if let (Some(v), Some(runs)) = (view, self.page.runs(section)) {
            v.draw(runs, dpr)?;
        }
        Ok(going)
    }

    /// The numbers of the comparison `name`'s runs: each the same object as [`App::stats`] gives
    /// (without the note) plus `key` (the run's loss or penalty), `l1Norm` (Σ|w|) and `l2Norm`
    /// (‖w‖₂).
    pub fn runs_stats(&self, name: &str) -> Array {
        let out = Array::new();
        let Some(runs) = runs_section(name).and_then(|(s, _)| self.page.runs(s)) else {
            return out;
        };
        for (variant, trainer) in runs.runs() {
            let weights = trainer.model().weights();
            let o = js::run_object(&RunNumbers::of(trainer), self.lang);
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

    // ----- 4 · Penalties -----

    /// Gives the Penalties section its plane of two weights: `heat` for the loss surface,
    /// `overlay` for everything drawn over it.
    pub fn attach_plane(
        &mut self,
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
    ) -> Result<(), JsValue> {
        self.plane = Some(PlaneView::new(heat, overlay)?);
        self.draw()
    }

    /// The article's example: `{dot, l1, l2, sameOutput, l1Prefers, l2Prefers, l1Verdict,
    /// l2Verdict}`: w·x, Σ|w| and ½Σw², each `[for w1, for w2]`, whether both give the same
    /// output, which vector each penalty prefers ("w1", "w2" or "tie") and the text key of the
    /// sentence that says so.
    pub fn penalty_example(&self) -> Object {
        let e = self.page.penalty_example();
        let o = Object::new();
        set(&o, "dot", pair(e.dot));
        set(&o, "l1", pair(e.l1));
        set(&o, "l2", pair(e.l2));
        set(&o, "sameOutput", e.same_output());
        set(&o, "l1Prefers", preference(e.l1_prefers()));
        set(&o, "l2Prefers", preference(e.l2_prefers()));
        set(&o, "l1Verdict", verdict_key(true, e.l1_prefers()));
        set(&o, "l2Verdict", verdict_key(false, e.l2_prefers()));
        o
    }

    /// The plane's numbers at the current penalty and λ: `{w, star, dataLoss, penalty, zeroFrom,
    /// allZero, firstZero}`: the penalized optimum, the unpenalized one, the two parts of the
    /// objective at w, the λ from which each weight is exactly 0 (null if never), the λ from
    /// which both are (null if never), and the weight that reaches 0 first as `{weight: 1 | 2,
    /// lambda}` (null if none does).
    pub fn plane(&self) -> Object {
        let n = self.page.plane_numbers();
        let o = Object::new();
        set(&o, "w", pair(n.w));
        set(&o, "star", pair(n.star));
        set(&o, "dataLoss", n.data_loss);
        set(&o, "penalty", n.penalty);
        set(
            &o,
            "zeroFrom",
            Array::of2(&or_null(n.zero_from[0]), &or_null(n.zero_from[1])),
        );
        set(&o, "allZero", or_null(n.all_zero));
        let first = n.first_zero.map_or(JsValue::NULL, |(i, lambda)| {
            let f = Object::new();
            set(&f, "weight", (i + 1) as f64);
            set(&f, "lambda", lambda);
            f.into()
        });
        set(&o, "firstZero", first);
        o
    }

    /// Sets up a small, noisy problem on which the side-by-side runs overfit. Returns the
    /// sections to redraw.
    pub fn overfit(&mut self) -> Result<Array, JsValue> {
        let redraw = self.page.overfit();
        self.invalidate(redraw);
        self.draw()?;
        Ok(js::strings(redraw.names()))
    }

    // ----- 5 · Descent -----

    /// Gives the Descent section its canvases: `heat` for the surface, `overlay` for the level
    /// sets and balls (clicks on it drop balls), `chart` for the loss along each path.
    pub fn attach_descent(
        &mut self,
        heat: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<(), JsValue> {
        self.descent = Some(DescentView::new(heat, overlay, chart)?);
        self.draw()
    }

    /// Takes the chosen surface again: a toy surface from scratch, a slice through the network as
    /// it is now (random directions drawn anew). The balls are replaced by one at the start.
    pub fn new_surface(&mut self) -> Result<(), JsValue> {
        self.page.new_surface();
        self.descent_changed()
    }

    /// Drops a ball (moved by the chosen rule) where the overlay was clicked, at (x, y) CSS
    /// pixels; returns false for a click outside the plot.
    pub fn descent_click(&mut self, x: f64, y: f64) -> Result<bool, JsValue> {
        let at = self
            .descent
            .as_ref()
            .and_then(|d| d.plane_point(&self.page, x, y, device_pixel_ratio()));
        let Some(at) = at else {
            return Ok(false);
        };
        self.page.drop_ball(at);
        self.descent_changed()?;
        Ok(true)
    }

    /// Replaces the balls by four racing from the newest ball's start: gradient descent, SGD,
    /// momentum and Adam.
    pub fn descent_race(&mut self) -> Result<(), JsValue> {
        self.page.race();
        self.descent_changed()
    }

    /// One animation frame of the balls. Returns whether any can go on.
    pub fn descent_frame(&mut self) -> Result<bool, JsValue> {
        let going = self.page.balls_frame();
        self.descent_changed()?;
        Ok(going)
    }

    /// Exactly one step of every ball (the Step button). Returns whether any can go on.
    pub fn descent_step(&mut self) -> Result<bool, JsValue> {
        let going = self.page.step_balls(1);
        self.descent_changed()?;
        Ok(going)
    }

    /// Every ball back to its start.
    pub fn descent_reset(&mut self) -> Result<(), JsValue> {
        self.page.reset_balls();
        self.descent_changed()
    }

    /// Removes every ball.
    pub fn descent_clear(&mut self) -> Result<(), JsValue> {
        self.page.clear_balls();
        self.descent_changed()
    }

    /// The step sizes of the presets for the current surface: `[too small, good, too large,
    /// far too large]`, each to two significant digits.
    pub fn descent_presets(&mut self) -> Vec<f64> {
        self.page.presets().to_vec()
    }

    /// Sets the balls' step size to preset `i` (0 to 3). Returns what [`App::set`] returns.
    pub fn use_preset(&mut self, i: u32) -> Result<Object, JsValue> {
        let update = self.page.use_preset(i as usize);
        self.updated(&update, "")
    }

    /// Every ball: `[{colour, optimizer, start, w, iterations, loss, gradientNorm, stopped,
    /// stoppedText, divergence}]`, oldest first; `stopped` is the stop rule's key ("" while it
    /// rolls).
    pub fn descent_balls(&self) -> Array {
        let out = Array::new();
        for (ball, colour) in self.page.rolls().balls() {
            let o = Object::new();
            set(
                &o,
                "colour",
                format!("#{:02x}{:02x}{:02x}", colour[0], colour[1], colour[2]),
            );
            set(&o, "optimizer", ball.optimizer.kind().key());
            set(&o, "start", pair(ball.start));
            set(&o, "w", pair(ball.w));
            set(&o, "iterations", ball.iterations as f64);
            set(&o, "loss", ball.loss);
            set(&o, "gradientNorm", ball.gradient_norm());
            let note = ball.stopped.map(|r| StopNote::of(r, ball.gradient_norm()));
            let key = note.map(StopNote::text_key);
            set(&o, "stopped", key.unwrap_or(""));
            set(&o, "stoppedText", key.map_or("", |k| tr(self.lang, k)));
            set(&o, "divergence", note.is_some_and(StopNote::is_divergence));
            out.push(&o);
        }
        out
    }

    /// The newest ball's next step, for writing the update out: `{optimizer, w, gradient, eta,
    /// step, next, plain}` with step = w − next (η∇L for gradient descent and SGD, whose update
    /// is written as such when `plain`); null without one.
    pub fn descent_next(&mut self) -> JsValue {
        let Some((w, next)) = self.page.next_move() else {
            return JsValue::NULL;
        };
        let eta = self.page.settings().descent.learning_rate;
        let Some((ball, _)) = self.page.rolls().balls().last() else {
            return JsValue::NULL;
        };
        let kind = ball.optimizer.kind();
        let o = Object::new();
        set(&o, "optimizer", kind.key());
        set(&o, "w", pair(w));
        set(&o, "gradient", pair(ball.gradient));
        set(&o, "eta", eta);
        set(&o, "step", pair([w[0] - next[0], w[1] - next[1]]));
        set(&o, "next", pair(next));
        set(
            &o,
            "plain",
            matches!(
                kind,
                crate::engine::optimizer::OptimizerKind::GradientDescent
                    | crate::engine::optimizer::OptimizerKind::Sgd
            ),
        );
        o.into()
    }

    /// Shows or hides the newest ball's next step on the plane (shown while paused).
    pub fn descent_show_next(&mut self, show: bool) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.arrow = show;
        }
        self.descent_changed()
    }

    /// The Descent section's surface: `{surface, slice, note}`: its name, whether it is a slice
    /// through the network (which can be taken again) and the text key of its note.
    pub fn descent_surface(&self) -> Object {
        let surface = self.page.settings().descent.surface;
        let o = Object::new();
        set(&o, "surface", surface.key());
        set(&o, "slice", surface.is_slice());
        set(&o, "note", surface_note(surface));
        o
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

    fn descent_changed(&mut self) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.invalidate();
        }
        self.draw()
    }
}
