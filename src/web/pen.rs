//! The pen of the page: draws a chart's moving parts straight onto a canvas's 2-D context, with
//! every CSS string (colour, font) written into a buffer on the stack, so that a frame allocates
//! nothing (see [`crate::render::pen`]).

use std::fmt::Write;

use js_sys::Array;
use wasm_bindgen::JsValue;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::canvas::context_2d;
use crate::render::palette::Rgb;
use crate::render::pen::{Ink, Pen, Side, StackText, Stroke, css};

/// A canvas's 2-D context as a [`Pen`], allocation-free.
pub struct CanvasPen {
    ctx: CanvasRenderingContext2d,
    /// `[dash, gap]`, filled in before each dashed line; and `[]` for a solid one.
    dash: Array,
    solid: Array,
}

impl CanvasPen {
    /// The pen of `canvas`.
    pub fn new(canvas: &HtmlCanvasElement) -> Result<CanvasPen, JsValue> {
        let dash = Array::new();
        dash.push(&JsValue::from_f64(1.0));
        dash.push(&JsValue::from_f64(1.0));
        Ok(CanvasPen {
            ctx: context_2d(canvas)?,
            dash,
            solid: Array::new(),
        })
    }

    /// The context, for what the pen does not draw (clearing, copying a layer).
    pub fn context(&self) -> &CanvasRenderingContext2d {
        &self.ctx
    }

    /// Strokes the path built so far with `stroke` (dashed if it says so, then solid again).
    fn stroke(&self, stroke: Stroke) {
        let ctx = &self.ctx;
        if let Some((on, off)) = stroke.dash {
            self.dash.set(0, JsValue::from_f64(on));
            self.dash.set(1, JsValue::from_f64(off));
            let _ = ctx.set_line_dash(&self.dash);
        }
        ctx.set_stroke_style_str(css(stroke.colour).as_str());
        ctx.set_line_width(stroke.width);
        ctx.stroke();
        if stroke.dash.is_some() {
            let _ = ctx.set_line_dash(&self.solid);
        }
    }

    fn ink(&self, ink: Ink) {
        match ink {
            Ink::Fill(c) => {
                self.ctx.set_fill_style_str(css(c).as_str());
                self.ctx.fill();
            }
            Ink::Stroke(c, w) => {
                self.ctx.set_stroke_style_str(css(c).as_str());
                self.ctx.set_line_width(w);
                self.ctx.stroke();
            }
        }
    }
}

impl Pen for CanvasPen {
    fn line(&mut self, points: &mut dyn Iterator<Item = (f64, f64)>, stroke: Stroke) {
        let ctx = &self.ctx;
        ctx.begin_path();
        let mut n = 0;
        for (x, y) in points {
            if n == 0 {
                ctx.move_to(x, y);
            } else {
                ctx.line_to(x, y);
            }
            n += 1;
        }
        if n < 2 {
            return;
        }
        ctx.set_line_join("round");
        self.stroke(stroke);
    }

    fn segments(
        &mut self,
        segments: &mut dyn Iterator<Item = ((f64, f64), (f64, f64))>,
        stroke: Stroke,
    ) {
        let ctx = &self.ctx;
        ctx.begin_path();
        let mut any = false;
        for (a, b) in segments {
            ctx.move_to(a.0, a.1);
            ctx.line_to(b.0, b.1);
            any = true;
        }
        if !any {
            return;
        }
        self.stroke(stroke);
    }

    fn rect(&mut self, a: (f64, f64), b: (f64, f64), ink: Ink) {
        self.ctx.begin_path();
        self.ctx.rect(
            a.0.min(b.0),
            a.1.min(b.1),
            (b.0 - a.0).abs(),
            (b.1 - a.1).abs(),
        );
        self.ink(ink);
    }

    fn circle(&mut self, c: (f64, f64), r: f64, ink: Ink) {
        self.ctx.begin_path();
        let _ = self
            .ctx
            .arc(c.0, c.1, r.max(0.5), 0.0, std::f64::consts::TAU);
        self.ink(ink);
    }

    fn triangle(&mut self, t: [(f64, f64); 3], colour: Rgb) {
        self.ctx.begin_path();
        self.ctx.move_to(t[0].0, t[0].1);
        self.ctx.line_to(t[1].0, t[1].1);
        self.ctx.line_to(t[2].0, t[2].1);
        self.ctx.close_path();
        self.ink(Ink::Fill(colour));
    }

    fn text(&mut self, text: &str, at: (f64, f64), size: f64, colour: Rgb, side: Side) {
        let mut font = StackText::new();
        let _ = write!(font, "{}px sans-serif", size.round().max(1.0));
        self.ctx.set_font(font.as_str());
        self.ctx.set_text_baseline("middle");
        self.ctx.set_text_align(match side {
            Side::Right => "left",
            Side::Left => "right",
        });
        self.ctx.set_fill_style_str(css(colour).as_str());
        let _ = self.ctx.fill_text(text, at.0, at.1);
    }
}
