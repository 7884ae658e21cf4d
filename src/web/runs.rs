//! The façade's calls for the side-by-side runs (Losses and Penalties sections) and the rest of
//! the Penalties section: the article's example and the plane of two weights.

use js_sys::{Array, JsString, Object};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::App;
use super::canvas::device_pixel_ratio;
use super::js::{self, or_null, pair, set};
use super::views::{PlaneView, RunCanvases, RunsView};
use crate::scene::penalties::Preference;
use crate::scene::runs::{LOSS_RUNS, PENALTY_RUNS, Variant};
use crate::scene::train::RunNumbers;
use crate::settings::{Redraw, Section};

/// The section whose side-by-side runs `name` names ("losses" or "penalties").
/// Each section with runs: its name on the JS side and its runs.
const RUNS: [(Section, &str, &[Variant]); 2] = [
    (Section::Losses, "losses", &LOSS_RUNS),
    (Section::Penalties, "penalties", &PENALTY_RUNS),
];

/// The section and the runs named `name`. The name stays a JS string and is compared as one:
/// reading it into Rust would allocate, and the runs' frames and numbers ask for it every frame.
fn runs_section(name: &JsString) -> Option<(Section, &'static [Variant])> {
    let name: &JsValue = name.as_ref();
    RUNS.iter()
        .find(|(_, n, _)| *name == JsValue::from_str(n))
        .map(|&(s, _, runs)| (s, runs))
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

#[wasm_bindgen]
impl App {
    /// The runs of the side-by-side runs `name` ("losses": cross-entropy, squared,
    /// absolute, hinge; "penalties": none, l1, l2), in the order its canvases are given; empty
    /// for another name.
    pub fn runs(name: &JsString) -> Vec<String> {
        runs_section(name)
            .map(|(_, v)| v.iter().map(|v| v.key().to_string()).collect())
            .unwrap_or_default()
    }

    /// Gives the runs `name` (see [`App::runs`]) its canvases, one per run: `heats`
    /// (rasters), `overlays` (points) and `bars` (a bar per weight; an empty array for none).
    pub fn attach_runs(
        &mut self,
        name: &JsString,
        heats: Array,
        overlays: Array,
        bars: Array,
    ) -> Result<(), JsValue> {
        let (section, variants) =
            runs_section(name).ok_or_else(|| JsValue::from_str("no such runs"))?;
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

    /// Starts the runs `name` again from the current settings' first weights.
    pub fn runs_restart(&mut self, name: &JsString) -> Result<(), JsValue> {
        if let Some((section, _)) = runs_section(name) {
            self.page.runs_restart(section);
            self.invalidate(Redraw::of(&[section]));
        }
        self.draw()
    }

    /// One frame of the runs `name`: as many more iterations of each run that has not
    /// stopped as the speed setting says, then its drawings. Returns whether any run can go on.
    pub fn runs_frame(&mut self, name: &JsString) -> Result<bool, JsValue> {
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

    /// The numbers of the runs `name`: each the same object as [`App::stats`] gives
    /// (without the note) plus `key` (the run's loss or penalty), `l1Norm` (Σ|w|) and `l2Norm`
    /// (‖w‖₂).
    pub fn runs_stats(&self, name: &JsString) -> Array {
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
}
