//! One drawing backend for every chart of the page: the canvas on screen, or an SVG string when a
//! section is exported. The charts are generic over plotters' backend; going through this one enum
//! compiles each chart once, and the SVG export draws with exactly the code the screen does.

use std::cell::RefCell;
use std::fmt;

use js_sys::JsString;
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
pub enum Backend {
    Canvas(CanvasBackend),
    Svg(SvgStream),
}

/// How plotters' SVG backend ends a document.
const SVG_END: &str = "</svg>\n";

/// How much SVG is gathered before it is handed to JS.
const SVG_CHUNK: usize = 64 * 1024;

/// An SVG document drawn by plotters' SVG backend and handed to JS a chunk at a time, so that the
/// WebAssembly memory holds at most about [`SVG_CHUNK`] of it, whatever the chart's size (the
/// largest, the widest network's diagram, is over 2 MB; held whole in a string grown by doubling
/// it once needed three times that). Each mark is drawn by a backend of its own on the chunk's
/// buffer, whose `<svg>` opening and closing, the same for every mark, are cut off again: the
/// document is then exactly the one a single backend writes. The chunks go to the export under
/// way ([`begin_capture`]).
pub struct SvgStream {
    size: (u32, u32),
    /// The opening tag plotters writes for this size.
    head: String,
    /// The part not handed over yet.
    buf: String,
}

impl SvgStream {
    /// A document of `size` pixels, written in `buf` (emptied first) and handed to the capture.
    fn new(size: (u32, u32), mut buf: String) -> SvgStream {
        buf.clear();
        {
            let mut b = SVGBackend::with_string(&mut buf, size);
            let _ = b.present();
        }
        let head = buf.strip_suffix(SVG_END).unwrap_or(&buf).to_string();
        buf.truncate(head.len());
        SvgStream { size, head, buf }
    }

    /// `draw` done by a backend of its own, the document's opening and closing cut off.
    fn mark<T>(
        &mut self,
        draw: impl FnOnce(&mut SVGBackend<'_>) -> Result<T, DrawingErrorKind<std::io::Error>>,
    ) -> Result<T, DrawingErrorKind<std::io::Error>> {
        let start = self.buf.len();
        let out = {
            let mut b = SVGBackend::with_string(&mut self.buf, self.size);
            let out = draw(&mut b);
            let _ = b.present();
            out
        };
        let end = self.buf.len() - SVG_END.len();
        if self.buf[start..].starts_with(self.head.as_str()) && self.buf[end..] == *SVG_END {
            self.buf.truncate(end);
            self.buf.replace_range(start..start + self.head.len(), "");
        }
        if self.buf.len() >= SVG_CHUNK {
            self.flush();
        }
        out
    }

    /// Ends the document and hands it over whole.
    fn finish(&mut self) {
        self.buf.push_str(SVG_END);
        self.flush();
    }

    /// Hands what was written to the capture.
    fn flush(&mut self) {
        CAPTURE.with(|c| {
            if let Some(capture) = c.borrow_mut().as_mut() {
                capture.doc = capture
                    .doc
                    .concat(&JsString::from(self.buf.as_str()).into());
            }
        });
        self.buf.clear();
    }
}

impl Drop for SvgStream {
    /// The buffer goes back to the capture, for the next chart.
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.buf);
        CAPTURE.with(|c| {
            if let Some(capture) = c.borrow_mut().as_mut() {
                capture.buf = buf;
            }
        });
    }
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

/// Calls the same method on whichever backend this is, with its error wrapped: on the canvas's,
/// or on the SVG backend of one mark of the stream ([`SvgStream::mark`]).
macro_rules! both {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Backend::Canvas($b) => $call.map_err(wrap),
            Backend::Svg(stream) => stream.mark(|$b| $call).map_err(wrap),
        }
    };
}

impl DrawingBackend for Backend {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(stream) => stream.size,
        }
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        match self {
            Backend::Canvas(b) => b.ensure_prepared().map_err(wrap),
            Backend::Svg(_) => Ok(()),
        }
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<BackendError>> {
        match self {
            Backend::Canvas(b) => b.present().map_err(wrap),
            Backend::Svg(stream) => {
                stream.finish();
                Ok(())
            }
        }
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
pub type Area = DrawingArea<Backend, Shift>;
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
    /// JS values (`[canvas, svg]`): each SVG leaves the WebAssembly's memory a chunk at a time as
    /// it is drawn ([`SvgStream`]), so that an export needs room for one chunk, not for a chart.
    static CAPTURE: RefCell<Option<Capture>> = const { RefCell::new(None) };
}

/// An export under way: the charts painted so far, the SVG of the one being painted, as handed
/// over so far, and the buffer its chunks are written in.
struct Capture {
    charts: js_sys::Array,
    doc: JsString,
    buf: String,
}

/// Starts recording every chart painted as SVG (see [`end_capture`]).
pub fn begin_capture() {
    CAPTURE.with(|c| {
        *c.borrow_mut() = Some(Capture {
            charts: js_sys::Array::new(),
            doc: JsString::from(""),
            buf: String::with_capacity(SVG_CHUNK + SVG_CHUNK / 4),
        })
    });
}

/// Stops recording; `[[canvas, svg], …]`, the canvases painted since [`begin_capture`], each
/// with its SVG. The buffer they were written in is freed.
pub fn end_capture() -> js_sys::Array {
    CAPTURE
        .with(|c| c.borrow_mut().take())
        .map(|capture| capture.charts)
        .unwrap_or_default()
}

fn js_error(e: impl fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

/// The drawing area of a canvas, for one plotters drawing: `draw` paints it, then it is presented.
/// While a capture runs, `draw` paints an SVG of the canvas's size too. Plotters' errors become JS
/// errors.
pub fn paint<T>(
    canvas: &HtmlCanvasElement,
    draw: impl Fn(&Area) -> Result<T, AreaError>,
) -> Result<T, JsValue> {
    let out = paint_canvas(canvas, &draw)?;
    record(canvas, |root| draw(root).map(|_| ()))?;
    Ok(out)
}

/// `draw` painted on the canvas alone (never recorded).
fn paint_canvas<T>(
    canvas: &HtmlCanvasElement,
    draw: &impl Fn(&Area) -> Result<T, AreaError>,
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
    draw: impl Fn(&Area) -> Result<(), AreaError>,
) -> Result<(), JsValue> {
    let Some(buf) = CAPTURE.with(|c| {
        c.borrow_mut().as_mut().map(|c| {
            c.doc = JsString::from("");
            std::mem::take(&mut c.buf)
        })
    }) else {
        return Ok(());
    };
    let drawn = {
        let size = (canvas.width(), canvas.height());
        let root = Backend::Svg(SvgStream::new(size, buf)).into_drawing_area();
        draw(&root).and_then(|()| root.present()).map_err(js_error)
    };
    CAPTURE.with(|c| {
        if let (Ok(()), Some(capture)) = (&drawn, c.borrow_mut().as_mut()) {
            let doc = std::mem::replace(&mut capture.doc, JsString::from(""));
            capture.charts.push(&js_sys::Array::of2(canvas, &doc));
        }
    });
    drawn
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
        still: impl Fn(&Area) -> Result<F, AreaError>,
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
