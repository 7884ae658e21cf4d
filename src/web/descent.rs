//! The façade's calls for the Descent section: balls dropped by clicks, raced, stepped and
//! reset, the presets, and the numbers of every ball.

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use super::App;
use super::canvas::device_pixel_ratio;
use super::js::{pair, set};
use super::views::DescentView;
use crate::render::descent::BALL_COLOURS;
use crate::render::pen::css;
use crate::scene::train::StopNote;
use crate::settings::{Choice, SurfaceKind};
use crate::text::tr;

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
    // ----- 5 · Descent -----

    /// Gives the Descent section its canvases: `heat` for the surface, `levels` over it for the
    /// axes and level sets, `overlay` over those for the balls (clicks on it drop balls), `chart`
    /// for the loss along each path.
    pub fn attach_descent(
        &mut self,
        heat: HtmlCanvasElement,
        levels: HtmlCanvasElement,
        overlay: HtmlCanvasElement,
        chart: HtmlCanvasElement,
    ) -> Result<(), JsValue> {
        self.descent = Some(DescentView::new(heat, levels, overlay, chart)?);
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
        for (ball, colour) in self.page.descent().balls() {
            let colour = BALL_COLOURS[colour % BALL_COLOURS.len()];
            let o = Object::new();
            set(&o, "colour", css(colour).as_str());
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
            set(&o, "bouncing", ball.bouncing());
            set(
                &o,
                "bouncingText",
                if ball.bouncing() {
                    tr(self.lang, "note.bouncing-short")
                } else {
                    ""
                },
            );
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
        let Some((ball, _)) = self.page.descent().balls().last() else {
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
        set(&o, "plain", kind.steps_along_gradient());
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
    fn descent_changed(&mut self) -> Result<(), JsValue> {
        if let Some(d) = &mut self.descent {
            d.moved();
        }
        self.draw()
    }
}
