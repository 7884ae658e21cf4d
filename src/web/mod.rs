//! The WebAssembly façade: [`App`] holds the page's state ([`Page`], native and tested natively)
//! and the canvases it draws on. It adapts: JavaScript hands it control values (checked at the
//! settings boundary), clicks in CSS pixels and canvases; it hands back plain objects with the
//! numbers to show and the sections to redraw. No decision of the page is taken here.

pub mod bench;
pub mod canvas;
pub mod descent;
pub mod inside;
pub mod js;
pub mod lesson;
pub mod network;
pub mod paint;
pub mod pen;
pub mod runs;
pub mod teacher;
pub mod train;
pub mod views;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use std::cell::RefCell;

use js_sys::{Array, JsString, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

use crate::scene::{Page, Update};
use crate::settings::{Choice, Key, Panel, QueryProblem, Redraw, Section, Setting, check};
use crate::text::{self, Lang, tr};
use canvas::device_pixel_ratio;
use js::set;
use views::{DescentView, ExampleView, PlaneView, RunsView, TrainView};

/// The page's allocator: the system's, counting every allocation, so that the benchmark can say
/// how many a steady frame of each section makes ([`App::allocations`]; the goal is none).
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// Bytes allocated and not yet freed ([`App::heap_bytes`]): what a leak would raise, unlike the
/// WebAssembly memory's size, which only grows to the highest mark the heap has reached.
static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; the counts are a side effect.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's guarantees for `layout` are those `System.alloc` needs.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: `ptr` came from this allocator (so from `System`) with `layout`.
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
            LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
        }
        moved
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The live page: its state and its canvases.
#[wasm_bindgen]
pub struct App {
    page: Page,
    lang: Lang,
    /// What the URL it was opened with asked for and did not get.
    problems: Vec<QueryProblem>,
    train: TrainView,
    example: ExampleView,
    loss_runs: Option<RunsView>,
    penalty_runs: Option<RunsView>,
    plane: Option<PlaneView>,
    descent: Option<DescentView>,
    network: Option<network::NetworkView>,
    /// The sections drawn: none until the page says which are on screen ([`App::show`]), so
    /// that the first screen is drawn before the sections below it.
    shown: Redraw,
    /// The scene of the lesson step the page is on, once its goal was checked.
    lesson_scene: Option<lesson::SceneCache>,
    /// A fault armed by [`App::arm_fault`], and the Train frames left before it strikes.
    fault: Option<(Fault, u32)>,
}

/// A fault the tests cause on purpose ([`App::arm_fault`]), to check that the page survives a
/// trap of its WebAssembly: a panic, or an allocation the memory cannot grow to.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    Panic,
    OutOfMemory,
}

#[wasm_bindgen]
impl App {
    /// An app drawing into the Train section's three canvases, set up from a URL query (checked
    /// like any input) in the language of the query's `lang`, else `browser_lang`. It draws
    /// nothing until [`App::show`] names the sections to draw.
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
        // A lesson step's URL starts from the step's scene.
        let (page, q) = Page::from_query(&crate::lesson::with_scene(query));
        Ok(App {
            page,
            lang: q.lang.unwrap_or_else(|| Lang::from_code(browser_lang)),
            problems: q.problems,
            train: TrainView::new(heat, overlay, chart)?,
            example: ExampleView::new(),
            loss_runs: None,
            penalty_runs: None,
            plane: None,
            descent: None,
            network: None,
            shown: Redraw::NONE,
            lesson_scene: None,
            fault: None,
        })
    }

    /// Draws the sections named in `sections` ("train,softmax", or "all") from now on, and
    /// draws them now. The page names those on its first screen, then the rest: the first
    /// screen appears without waiting for the sections below it. Unknown names are ignored.
    pub fn show(&mut self, sections: &str) -> Result<(), JsValue> {
        for name in sections.split(',').map(str::trim) {
            if name == "all" {
                self.shown = Redraw::VIEW;
            } else if let Some(&section) = Section::ALL.iter().find(|s| s.key() == name) {
                self.shown = self.shown.with(section);
            }
        }
        self.draw()
    }

    /// For the tests of the page's fault handling only: the Train frame `frames` frames from now
    /// (0: the next) traps the WebAssembly, as a bug would, with `kind` "panic" (a Rust panic,
    /// which aborts: `unreachable`) or "oom" (blocks of 1 GiB allocated and kept until the memory
    /// cannot grow: Rust's allocation-failure abort). Nothing is armed for any other `kind` (false).
    /// A page is never armed unless a test calls this.
    pub fn arm_fault(&mut self, kind: &str, frames: u32) -> bool {
        let fault = match kind {
            "panic" => Fault::Panic,
            "oom" => Fault::OutOfMemory,
            _ => return false,
        };
        self.fault = Some((fault, frames));
        true
    }

    /// Strikes the armed fault when its frame has come (see [`App::arm_fault`]).
    fn strike_fault(&mut self) {
        match self.fault {
            Some((fault, 0)) => match fault {
                Fault::Panic => panic!("a fault armed by a test (arm_fault)"),
                // Block after block of 1 GiB, kept, until the memory cannot grow any more.
                Fault::OutOfMemory => loop {
                    std::mem::forget(std::hint::black_box(Vec::<u8>::with_capacity(1 << 30)));
                },
            },
            Some((fault, n)) => self.fault = Some((fault, n - 1)),
            None => {}
        }
    }

    /// Bytes the page's WebAssembly has allocated and not freed: the monkey test's leak check
    /// (the memory's size, [`App::memory_bytes`], only ever grows to the highest mark).
    pub fn heap_bytes(&self) -> f64 {
        LIVE_BYTES.load(Ordering::Relaxed) as f64
    }

    /// How many times the page's WebAssembly has allocated memory (or grown an allocation) since
    /// it started: the benchmark counts a steady frame's allocations with it.
    pub fn allocations(&self) -> f64 {
        ALLOCATIONS.load(Ordering::Relaxed) as f64
    }

    /// The language in use: "en" or "zh".
    pub fn lang(&self) -> String {
        self.lang.code().to_string()
    }

    /// Switches the language of every label and message; the page re-reads [`App::strings`].
    pub fn set_lang(&mut self, code: &str) -> Result<(), JsValue> {
        self.lang = Lang::from_code(code);
        self.invalidate(Redraw::VIEW);
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

    /// A text of the current language with each `{name}` replaced by `values[name]` (a string):
    /// the one way the page fills a placeholder. The page calls it every frame for its numbers
    /// and captions, so nothing is allocated once warm: the key and the values are read from JS a
    /// code unit at a time into buffers kept for the next call, and the result goes back as a JS
    /// string.
    pub fn fill(&self, key: &JsString, values: &Object) -> JsString {
        thread_local! {
            /// The key read, and the text filled.
            static BUFFERS: RefCell<(String, String)> = const {
                RefCell::new((String::new(), String::new()))
            };
        }
        /// Appends a JS string to `out`, unpaired surrogates as U+FFFD.
        fn push_js(out: &mut String, s: &JsString) {
            let chars =
                char::decode_utf16(s.iter()).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER));
            out.extend(chars);
        }
        BUFFERS.with(|b| {
            let (key_text, out) = &mut *b.borrow_mut();
            key_text.clear();
            push_js(key_text, key);
            text::fill_into(self.lang, key_text, out, |name, out| {
                match Reflect::get(values, &JsValue::from_str(name))
                    .ok()
                    .and_then(|v| v.dyn_into::<JsString>().ok())
                {
                    Some(v) => {
                        push_js(out, &v);
                        true
                    }
                    None => false,
                }
            });
            JsString::from(out.as_str())
        })
    }

    /// The settings' table, for building controls (see [`js::schema`]).
    pub fn schema() -> Array {
        js::schema()
    }

    /// Messages about the URL the page was opened with, translated: `[{key, text}]`.
    pub fn url_messages(&self) -> Array {
        let out = Array::new();
        for p in &self.problems {
            let o = Object::new();
            set(&o, "key", p.key.as_str());
            set(&o, "text", p.message(self.lang, self.page.settings()));
            out.push(&o);
        }
        out
    }

    /// The value of a setting, in canonical form ("" for an unknown name).
    pub fn get(&self, name: &str) -> String {
        Key::named(name).map_or_else(String::new, |k| self.page.settings().text(k))
    }

    /// Every setting's value now, for the controls: `{name: text}`.
    pub fn values(&self) -> Object {
        let o = Object::new();
        for p in &crate::settings::PARAMS {
            set(&o, p.name, self.page.settings().text(p.key));
        }
        o
    }

    /// Checks and applies one setting from a control or the console. Returns `{value, message,
    /// redraw, effect}` (see [`js::update_object`]).
    pub fn set(&mut self, name: &str, raw: &str) -> Result<Object, JsValue> {
        let Some(key) = Key::named(name) else {
            let o = Object::new();
            set(&o, "value", "");
            set(&o, "message", check::unknown_param(self.lang, name));
            set(&o, "redraw", Array::new());
            set(&o, "effect", "");
            return Ok(o);
        };
        let update = self.page.set_text(key, raw);
        self.updated(&update, raw)
    }

    /// Applies the position of a setting's slider (a log slider's p stands for 10^p, to two
    /// significant digits). Returns what [`App::set`] returns.
    pub fn set_slider(&mut self, name: &str, position: f64) -> Result<Object, JsValue> {
        let Some((key, slider)) = Key::named(name).and_then(|k| Some((k, k.param().slider?)))
        else {
            return self.set(name, "");
        };
        let raw = crate::settings::format_number(slider.value(position));
        let update = self.page.set_text(key, &raw);
        self.updated(&update, &raw)
    }

    /// Where a setting's slider shows its value now (NaN for a setting without a slider).
    pub fn slider_position(&self, name: &str) -> f64 {
        let Some(key) = Key::named(name) else {
            return f64::NAN;
        };
        match (key.param().slider, self.page.settings().get(key).value()) {
            (Some(s), crate::settings::Value::Number(v)) => s.position(v),
            _ => f64::NAN,
        }
    }

    /// How the page is shown: `{panel, embed, present}` (the section shown alone, or "all").
    pub fn view(&self) -> Object {
        let v = &self.page.settings().view;
        let o = Object::new();
        set(&o, "panel", v.panel.key());
        set(&o, "embed", v.embed);
        set(&o, "present", v.present);
        o
    }

    /// Turns presenter mode on or off. Returns what [`App::set`] returns.
    pub fn set_present(&mut self, on: bool) -> Result<Object, JsValue> {
        let update = self.page.set(Setting::Present(on));
        self.updated(&update, "")
    }

    /// The URL query of the scene with `section` shown alone and embedded in another page (the
    /// Embed snippet): every setting, presenter mode off. "" for a name that is not a section.
    pub fn embed_query(&self, section: &str) -> String {
        let Some(section) = Section::ALL.iter().find(|s| s.key() == section) else {
            return String::new();
        };
        self.query_with(Panel::One(*section), true)
    }

    /// The URL query of the whole page with the scene's settings (all sections, not embedded, no
    /// presenter mode): the link that opens an embedded section in full.
    pub fn page_query(&self) -> String {
        self.query_with(Panel::All, false)
    }

    /// The URL query that restores every setting and the language.
    pub fn query(&self) -> String {
        with_lang(self.lang, &self.page.settings().query())
    }

    /// Draws the charts' type and strokes `scale` times their usual size (1 to 2; presenter mode
    /// uses about 1.35), then redraws everything.
    pub fn set_type_scale(&mut self, scale: f64) -> Result<(), JsValue> {
        let scale = if scale.is_finite() {
            scale.clamp(1.0, 2.0)
        } else {
            1.0
        };
        if canvas::set_type_scale(scale) {
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
        Ok(captured)
    }

    /// Re-measures the canvases after a resize or a change of device pixel ratio, and redraws.
    pub fn resize(&mut self) -> Result<(), JsValue> {
        self.invalidate(Redraw::VIEW);
        self.draw()
    }

    /// Redraws what changed, in the sections shown.
    pub fn draw(&mut self) -> Result<(), JsValue> {
        let dpr = device_pixel_ratio();
        let lang = self.lang;
        let shown = self.shown;
        if shown.contains(Section::Train) {
            self.train.draw(self.page.train(), lang, dpr)?;
            if let Some(network) = &mut self.network {
                network.draw(self.page.train(), lang, dpr)?;
            }
        }
        if shown.contains(Section::Softmax) || shown.contains(Section::Losses) {
            self.example.draw(&self.page.softmax_steps(), lang, dpr)?;
        }
        for (section, view) in [
            (Section::Losses, &mut self.loss_runs),
            (Section::Penalties, &mut self.penalty_runs),
        ] {
            if let (true, Some(v), Some(runs)) =
                (shown.contains(section), view, self.page.runs(section))
                && v.dirty()
            {
                v.draw(runs, dpr)?;
            }
        }
        if let (true, Some(plane)) = (shown.contains(Section::Penalties), &mut self.plane) {
            plane.draw(&self.page, lang, dpr)?;
        }
        if let (true, Some(descent)) = (shown.contains(Section::Descent), &mut self.descent) {
            descent.draw(&mut self.page, lang, dpr)?;
        }
        Ok(())
    }
}

impl App {
    /// The URL query of the settings with the view set to `panel` and `embed`, without presenter
    /// mode.
    fn query_with(&self, panel: Panel, embed: bool) -> String {
        let mut settings = self.page.settings().clone();
        settings.set(Setting::Panel(panel));
        settings.set(Setting::Embed(embed));
        settings.set(Setting::Present(false));
        with_lang(self.lang, &settings.query())
    }

    /// Marks the views of the sections in `redraw` to be drawn again.
    fn invalidate(&mut self, redraw: Redraw) {
        if redraw.contains(Section::Train) {
            self.train.invalidate();
            if let Some(network) = &mut self.network {
                network.invalidate();
            }
        }
        if redraw.contains(Section::Softmax) || redraw.contains(Section::Losses) {
            self.example.invalidate();
        }
        if redraw.contains(Section::Losses)
            && let Some(v) = &mut self.loss_runs
        {
            v.invalidate();
        }
        if redraw.contains(Section::Penalties) {
            if let Some(v) = &mut self.penalty_runs {
                v.invalidate();
            }
            if let Some(v) = &mut self.plane {
                v.invalidate();
            }
        }
        if redraw.contains(Section::Descent)
            && let Some(v) = &mut self.descent
        {
            v.invalidate();
        }
    }

    /// After a change: the views marked, everything that changed drawn, and the outcome for the
    /// page (the message for a refused `raw`, in the page's language).
    fn updated(&mut self, update: &Update, raw: &str) -> Result<Object, JsValue> {
        self.invalidate(update.redraw);
        self.draw()?;
        let change = &update.change;
        let message = change.error.map_or_else(String::new, |e| {
            let param = change.setting.key().param();
            check::message(self.lang, param, e, raw, &change.setting.text())
        });
        Ok(js::update_object(update, message))
    }
}

/// A URL query with the language first.
fn with_lang(lang: Lang, rest: &str) -> String {
    if rest.is_empty() {
        format!("lang={}", lang.code())
    } else {
        format!("lang={}&{rest}", lang.code())
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
