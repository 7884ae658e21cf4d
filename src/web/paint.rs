//! One drawing backend for every chart of the page: the canvas on screen, or an SVG string when a
//! section is exported. The charts are generic over plotters' backend; going through this one enum
//! compiles each chart once, and the SVG export draws with exactly the code the screen does.

use std::cell::RefCell;
use std::fmt;

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use super::pen::CanvasPen;
use crate::render::pen::{AreaPen, Pen};

/// Where a chart is drawn.
pub enum Backend<'a> {
    Canvas(CanvasBackend),
    Svg(SVGBackend<'a>),
}

/// A backend's error, as its message.
#[derive(Debug)]
pub struct BackendError(String);

impl fmt::Display for BackendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

fn wrap<E: std::error::Error + Send + Sync>(
    e: DrawingErrorKind<E>,
) -> DrawingErrorKind<BackendError> {
    match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(BackendError(e.to_string()))
        }
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    }
}

/// Calls the same method on whichever backend this is, with its error wrapped.
macro_rules! both {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Backend::Canvas($b) => $call.map_err(wrap),
            Backend::Svg($b) => $call.map_err(wrap),
        }
    };
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.present())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<BackendError>> {
        measure_text(text, style).ok_or_else(|| {
            DrawingErrorKind::DrawingError(BackendError("cannot measure text".into()))
        })
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<BackendError>> {
        both!(self, b => b.blit_bitmap(pos, size, src))
    }
}

/// A drawing area of the page's backend.
pub type Area<'a> = DrawingArea<Backend<'a>, Shift>;
/// What a chart's drawing returns on failure.
pub type AreaError = DrawingAreaErrorKind<BackendError>;

/// The box `text` takes in `style`'s font, in CSS pixels: its advance width and the font's line
/// box (ascent + descent), each rounded to the pixel, as plotters' own estimate measured them (a
/// `<span>` laid out in the page). This one asks a 2D context off the page instead: no layout, and
/// no `style` attribute, which a strict Content-Security-Policy (`style-src 'self'`) refuses, so
/// that plotters' estimate would silently measure the wrong font. The font string is built in one
/// reused buffer and set only when it changes: measuring allocates nothing once warm.
fn measure_text<S: BackendTextStyle>(text: &str, style: &S) -> Option<(u32, u32)> {
    use std::fmt::Write;
    MEASURE.with(|m| {
        let mut m = m.borrow_mut();
        let Measure {
            context,
            font,
            next,
        } = m.as_mut()?;
        next.clear();
        let _ = write!(
            next,
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        );
        if next != font {
            context.set_font(next);
            std::mem::swap(font, next);
        }
        let metrics = context.measure_text(text).ok()?;
        let height = metrics.font_bounding_box_ascent() + metrics.font_bounding_box_descent();
        let (width, height) = (metrics.width().round(), height.round());
        (width.is_finite() && height.is_finite())
            .then(|| (width.max(0.0) as u32, height.max(0.0) as u32))
    })
}

/// The context [`measure_text`] asks, with the font it was last set to.
struct Measure {
    context: CanvasRenderingContext2d,
    font: String,
    next: String,
}

impl Measure {
    fn new() -> Option<Measure> {
        let canvas: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        let context = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        Some(Measure {
            context,
            font: String::new(),
            next: String::new(),
        })
    }
}

thread_local! {
    /// The 2D context, off the page, that measures text (`None` without a document).
    static MEASURE: RefCell<Option<Measure>> = RefCell::new(Measure::new());

    /// While a section is exported: every canvas painted, with the SVG of what was painted, as
    /// JS values (`[canvas, svg]`): each SVG leaves the WebAssembly's memory as soon as it is
    /// drawn, so that an export needs room for its largest chart, not for all of them at once.
    static CAPTURE: RefCell<Option<js_sys::Array>> = const { RefCell::new(None) };
}

/// Starts recording every chart painted as SVG (see [`end_capture`]).
pub fn begin_capture() {
    CAPTURE.with(|c| *c.borrow_mut() = Some(js_sys::Array::new()));
}

/// Stops recording; `[[canvas, svg], …]`, the canvases painted since [`begin_capture`], each
/// with its SVG.
pub fn end_capture() -> js_sys::Array {
    CAPTURE.with(|c| c.borrow_mut().take()).unwrap_or_default()
}

fn js_error(e: impl fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The drawing area of a canvas, for one plotters drawing: `draw` paints it, then it is presented.
/// While a capture runs, `draw` paints an SVG of the canvas's size too. Plotters' errors become JS
/// errors.
pub fn paint<T>(
    canvas: &HtmlCanvasElement,
    draw: impl Fn(&Area<'_>) -> Result<T, AreaError>,
) -> Result<T, JsValue> {
    let out = paint_canvas(canvas, &draw)?;
    record(canvas, |root| draw(root).map(|_| ()))?;
    Ok(out)
}

/// `draw` painted on the canvas alone (never recorded).
fn paint_canvas<T>(
    canvas: &HtmlCanvasElement,
    draw: &impl Fn(&Area<'_>) -> Result<T, AreaError>,
) -> Result<T, JsValue> {
    let backend = CanvasBackend::with_canvas_object(canvas.clone())
        .ok_or_else(|| JsValue::from_str("no canvas backend"))?;
    let root = Backend::Canvas(backend).into_drawing_area();
    let out = draw(&root).map_err(js_error)?;
    root.present().map_err(js_error)?;
    Ok(out)
}

/// While a capture runs, `draw` painted as an SVG of the canvas's size and recorded for the
/// canvas; nothing otherwise.
pub fn record(
    canvas: &HtmlCanvasElement,
    draw: impl Fn(&Area<'_>) -> Result<(), AreaError>,
) -> Result<(), JsValue> {
    if !CAPTURE.with(|c| c.borrow().is_some()) {
        return Ok(());
    }
    let mut svg = String::new();
    {
        let size = (canvas.width(), canvas.height());
        let root = Backend::Svg(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        draw(&root).map_err(js_error)?;
        root.present().map_err(js_error)?;
    }
    let svg = JsValue::from_str(&svg);
    CAPTURE.with(|c| {
        if let Some(list) = c.borrow().as_ref() {
            list.push(&js_sys::Array::of2(canvas, &svg));
        }
    });
    Ok(())
}

/// A chart on the page drawn in two layers (see [`crate::render::pen`]): its still part, drawn
/// through plotters into a canvas off the page whenever its key changes (and giving the frames
/// the moving part is drawn in), and its moving part, drawn with a [`CanvasPen`] over a copy of
/// the still part, every time. Once the still part is drawn, drawing allocates nothing.
pub struct Layered<K, F> {
    canvas: HtmlCanvasElement,
    still: HtmlCanvasElement,
    pen: CanvasPen,
    /// The key and the frames of the still part drawn.
    drawn: Option<(K, F)>,
}

impl<K: PartialEq, F> Layered<K, F> {
    /// The chart on `canvas` (its still layer is a canvas of its own, off the page).
    pub fn new(canvas: HtmlCanvasElement) -> Result<Layered<K, F>, JsValue> {
        let still: HtmlCanvasElement = web_sys::window()
            .and_then(|w| w.document())
            .ok_or_else(|| JsValue::from_str("no document"))?
            .create_element("canvas")?
            .dyn_into()?;
        Ok(Layered {
            pen: CanvasPen::new(&canvas)?,
            canvas,
            still,
            drawn: None,
        })
    }

    /// The canvas on the page.
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    /// Asks for the still part to be drawn again (a new language or type scale).
    pub fn invalidate(&mut self) {
        self.drawn = None;
    }

    /// The frames of the still part as last drawn.
    pub fn frames(&self) -> Option<&F> {
        self.drawn.as_ref().map(|(_, f)| f)
    }

    /// Draws the chart: the still part if `key` differs from the last one drawn or the canvas
    /// changed size, then the moving part over it. While a section is exported, both are
    /// recorded as one SVG.
    pub fn draw(
        &mut self,
        key: K,
        still: impl Fn(&Area<'_>) -> Result<F, AreaError>,
        moving: impl Fn(&mut dyn Pen, &F),
    ) -> Result<(), JsValue> {
        let (w, h) = (self.canvas.width(), self.canvas.height());
        if self.still.width() != w || self.still.height() != h {
            self.still.set_width(w);
            self.still.set_height(h);
            self.drawn = None;
        }
        if self.drawn.as_ref().is_none_or(|(k, _)| *k != key) {
            let frames = paint_canvas(&self.still, &still)?;
            self.drawn = Some((key, frames));
        }
        let Some((_, frames)) = &self.drawn else {
            return Ok(());
        };
        let ctx = self.pen.context();
        ctx.clear_rect(0.0, 0.0, w as f64, h as f64);
        ctx.draw_image_with_html_canvas_element(&self.still, 0.0, 0.0)?;
        moving(&mut self.pen, frames);
        record(&self.canvas, |root| {
            let frames = still(root)?;
            moving(&mut AreaPen(root), &frames);
            Ok(())
        })
    }
}
