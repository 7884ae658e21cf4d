//! `losslab-render`: one section of the page, rendered to a file without a browser, for slides
//! and for posts where no script runs.
//!
//! ```text
//! cargo run --release --bin losslab-render -- '<query>' OUT.svg|OUT.png|OUT.gif [--scale S] [--frames N]
//! ```
//!
//! The query is the page's own URL query (`panel=descent&surface=valley&balls=1.5,1.5,gd`), checked
//! by the page's settings boundary: a refused parameter is reported on stderr and its default
//! used. `panel` picks the section (`train` without it). The charts are drawn by the page's own
//! code through plotters' SVG backend; a PNG or GIF is that SVG rasterized (resvg). A still of
//! Train shows the network once its stop rules stopped it, a still of Descent the balls once they
//! stopped (each at most 5000 iterations or steps); a GIF shows either run from its start
//! (`--frames`, 60 by default). `--scale` is the pixels per point of a PNG or GIF (2 and 1 by
//! default; a GIF is at most 2048 pixels a side).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    native::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::process::ExitCode;

    use losslab::engine::path::Quadratic;
    use losslab::export::GifWriter;
    use losslab::render::charts::{
        PlotRect, draw_loss_chart, draw_loss_curves, draw_map_overlay, draw_softmax,
    };
    use losslab::render::decision::DecisionMap;
    use losslab::render::descent::{draw_descent, draw_path_losses};
    use losslab::render::penalties::{draw_penalty_plane, surface};
    use losslab::render::words;
    use losslab::scene::Page;
    use losslab::scene::penalties::plane_path;
    use losslab::settings::{Choice, Panel, Section};
    use losslab::text::{self, Lang};
    use plotters::coord::Shift;
    use plotters::prelude::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea, SVGBackend};
    use resvg::{tiny_skia, usvg};

    const USAGE: &str =
        "usage: losslab-render '<query>' OUT.svg|OUT.png|OUT.gif [--scale S] [--frames N]";
    /// Most training iterations of a still of the Train section.
    const MAX_ITERATIONS: u64 = 5000;
    /// Cells per side of the decision map and of the penalty plane's surface.
    const MAP_CELLS: usize = 200;
    const PLANE_CELLS: usize = 160;
    /// Hundredths of a second a GIF frame is shown (as the page's GIFs).
    const GIF_DELAY: u16 = 6;

    type Svg<'a> = DrawingArea<SVGBackend<'a>, Shift>;
    type Failure = DrawingAreaErrorKind<std::io::Error>;

    /// Pixels a point of the charts' own drawings (the page's type and line widths at a device
    /// pixel ratio of 2).
    const CHART_SCALE: f64 = 2.0;

    /// A figure being laid out, in points: charts drawn at [`CHART_SCALE`] pixels a point, rasters
    /// as embedded PNG images.
    struct Figure {
        width: f64,
        height: f64,
        parts: Vec<String>,
    }

    impl Figure {
        fn new(width: f64, height: f64) -> Figure {
            Figure {
                width,
                height,
                parts: Vec::new(),
            }
        }

        /// Draws a chart of `w` × `h` points at (x, y); returns what `draw` returns.
        fn chart<T>(
            &mut self,
            (x, y, w, h): (f64, f64, f64, f64),
            draw: impl FnOnce(&Svg<'_>) -> Result<T, Failure>,
        ) -> Result<T, String> {
            let mut svg = String::new();
            let size = ((w * CHART_SCALE) as u32, (h * CHART_SCALE) as u32);
            let out = {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                let out = draw(&root).map_err(|e| e.to_string())?;
                root.present().map_err(|e| e.to_string())?;
                out
            };
            self.parts.push(format!(
                "<g transform=\"translate({x} {y}) scale({})\">\n{svg}</g>",
                1.0 / CHART_SCALE
            ));
            Ok(out)
        }

        /// A chart drawn over a raster, as on the page: `draw` draws the chart at `place` and
        /// returns its plotting area, where the square RGBA raster of `cells`² pixels goes,
        /// beneath the chart.
        fn chart_over_raster(
            &mut self,
            place: (f64, f64, f64, f64),
            rgba: &[u8],
            cells: usize,
            draw: impl FnOnce(&Svg<'_>) -> Result<PlotRect, Failure>,
        ) -> Result<(), String> {
            let rect = self.chart(place, draw)?;
            let s = CHART_SCALE;
            let png = png_of(rgba, cells as u32);
            let image = format!(
                "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"none\" href=\"data:image/png;base64,{}\"/>",
                place.0 + f64::from(rect.0.start) / s,
                place.1 + f64::from(rect.1.start) / s,
                f64::from(rect.0.end - rect.0.start) / s,
                f64::from(rect.1.end - rect.1.start) / s,
                base64(&png)
            );
            self.parts.insert(self.parts.len() - 1, image);
            Ok(())
        }

        fn svg(&self) -> String {
            let (w, h) = (self.width, self.height);
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n{}\n</svg>\n",
                self.parts.join("\n")
            )
        }
    }

    /// A PNG of an opaque RGBA square (tiny-skia's encoder).
    fn png_of(rgba: &[u8], side: u32) -> Vec<u8> {
        let size = tiny_skia::IntSize::from_wh(side, side).expect("a raster has pixels");
        tiny_skia::Pixmap::from_vec(rgba.to_vec(), size)
            .and_then(|p| p.encode_png().ok())
            .expect("an opaque square raster encodes")
    }

    /// Standard base64 with padding.
    fn base64(bytes: &[u8]) -> String {
        const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |n, &b| (n << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
            for k in 0..4 {
                if k <= chunk.len() {
                    out.push(char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]));
                } else {
                    out.push('=');
                }
            }
        }
        out
    }

    /// The page a query describes, and the section to render.
    struct Job {
        page: Page,
        lang: Lang,
        section: Section,
        map: DecisionMap,
    }

    impl Job {
        fn new(query: &str) -> Job {
            let (page, q) = Page::from_query(query);
            let lang = q.lang.unwrap_or(Lang::En);
            for p in &q.problems {
                eprintln!("losslab-render: {}", p.message(lang, page.settings()));
            }
            let section = match page.settings().view.panel {
                Panel::All => Section::Train,
                Panel::One(section) => section,
            };
            Job {
                page,
                lang,
                section,
                map: DecisionMap::new(MAP_CELLS),
            }
        }

        /// Whether the section shows a run (Train, Descent), which a GIF can show.
        fn runs(&self) -> bool {
            matches!(self.section, Section::Train | Section::Descent)
        }

        /// Advances the run by `n` iterations or steps; whether it can go on.
        fn advance(&mut self, n: u64) -> bool {
            match self.section {
                Section::Train => self.page.step(n),
                Section::Descent => self.page.step_balls(n),
                _ => false,
            }
        }

        /// The run until it stops: training until its stop rules (at most [`MAX_ITERATIONS`]),
        /// the balls until every one stopped.
        fn finish(&mut self) {
            let mut done = 0;
            while done < MAX_ITERATIONS && self.advance(50) {
                done += 50;
            }
        }

        /// The section as it looks now.
        fn figure(&mut self) -> Result<Figure, String> {
            let lang = self.lang;
            let s = CHART_SCALE;
            match self.section {
                Section::Train => {
                    let mut f = Figure::new(960.0, 470.0);
                    let map = &mut self.map;
                    let trainer = self.page.train().trainer();
                    map.fill(trainer.model());
                    let labels = words::map_labels(lang, trainer.config().data.kind);
                    let split = trainer.split();
                    let place = (0.0, 0.0, 470.0, 470.0);
                    f.chart_over_raster(place, map.rgba(), map.size(), |root| {
                        draw_map_overlay(root, split, Some(&labels), None, s)
                    })?;
                    let history = trainer.history().entries();
                    let labels = words::loss_labels(lang);
                    f.chart((490.0, 85.0, 470.0, 300.0), |root| {
                        draw_loss_chart(root, history, &labels, s)
                    })?;
                    Ok(f)
                }
                Section::Descent => {
                    let mut f = Figure::new(980.0, 480.0);
                    let rolls = self.page.rolls();
                    let axes = words::descent_axes(lang, rolls.slice_kind());
                    let marks = rolls.marks(|r| words::stop_label(lang, r));
                    let landscape = rolls.landscape();
                    let place = (0.0, 0.0, 480.0, 480.0);
                    f.chart_over_raster(place, landscape.rgba(), landscape.size(), |root| {
                        draw_descent(root, landscape, &marks, None, (&axes.0, &axes.1), s)
                    })?;
                    let series = rolls.series();
                    let path_axes = (
                        text::tr(lang, "descent.path.x"),
                        text::tr(lang, "descent.path.y"),
                    );
                    f.chart((500.0, 90.0, 480.0, 300.0), |root| {
                        draw_path_losses(root, &series, path_axes, s)
                    })?;
                    Ok(f)
                }
                Section::Softmax => {
                    let mut f = Figure::new(760.0, 360.0);
                    let steps = self.page.softmax_steps();
                    let labels = words::softmax_labels(lang);
                    f.chart((0.0, 0.0, 760.0, 360.0), |root| {
                        draw_softmax(root, &steps, &labels, s, 3.0)
                    })?;
                    Ok(f)
                }
                Section::Losses => {
                    let mut f = Figure::new(760.0, 380.0);
                    let steps = self.page.softmax_steps();
                    let names = words::loss_names(lang);
                    let x_label = text::tr(lang, "losses.curves.x");
                    f.chart((0.0, 0.0, 760.0, 380.0), |root| {
                        draw_loss_curves(root, &steps.scaled, steps.label, &names, x_label, s)
                    })?;
                    Ok(f)
                }
                Section::Penalties => {
                    let mut f = Figure::new(520.0, 520.0);
                    let q = Quadratic::example();
                    let r = self.page.settings().plane_regularizer();
                    let path = plane_path(&q, r.penalty);
                    let at = q.penalized_minimum(&r);
                    let labels = words::plane_labels(lang);
                    let raster = surface(&q, PLANE_CELLS);
                    let place = (0.0, 0.0, 520.0, 520.0);
                    f.chart_over_raster(place, raster.rgba(), raster.size(), |root| {
                        draw_penalty_plane(root, &q, &r, &path, at, &labels, s)
                    })?;
                    Ok(f)
                }
            }
        }
    }

    /// The fonts for rasterizing: the system's, with a sans-serif that exists here (charts ask for
    /// `sans-serif`; CJK glyphs fall back to a font that has them).
    fn options() -> usvg::Options<'static> {
        let mut options = usvg::Options::default();
        let db = options.fontdb_mut();
        db.load_system_fonts();
        for family in [
            "DejaVu Sans",
            "Liberation Sans",
            "Noto Sans",
            "WenQuanYi Zen Hei",
        ] {
            let exists = db
                .faces()
                .any(|f| f.families.iter().any(|(name, _)| name == family));
            if exists {
                db.set_sans_serif_family(family);
                break;
            }
        }
        options
    }

    /// An SVG document rasterized at `scale` pixels a point, as a pixmap.
    fn rasterize(
        svg: &str,
        scale: f32,
        options: &usvg::Options,
    ) -> Result<tiny_skia::Pixmap, String> {
        let tree = usvg::Tree::from_str(svg, options).map_err(|e| e.to_string())?;
        let size = tree.size();
        let (w, h) = (
            (size.width() * scale).round() as u32,
            (size.height() * scale).round() as u32,
        );
        let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or("an empty drawing")?;
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        Ok(pixmap)
    }

    struct Args {
        query: String,
        out: String,
        scale: Option<f32>,
        frames: usize,
    }

    fn parse_args() -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut scale = None;
        let mut frames = 60;
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            match a.as_str() {
                "--scale" => {
                    let v = args.next().ok_or("--scale needs a number")?;
                    let s: f32 = v
                        .parse()
                        .map_err(|_| format!("--scale {v}: not a number"))?;
                    if !(s.is_finite() && (0.25..=8.0).contains(&s)) {
                        return Err(format!("--scale {v}: from 0.25 to 8"));
                    }
                    scale = Some(s);
                }
                "--frames" => {
                    let v = args.next().ok_or("--frames needs a number")?;
                    frames = v
                        .parse()
                        .ok()
                        .filter(|n| (2..=600).contains(n))
                        .ok_or(format!("--frames {v}: a whole number from 2 to 600"))?;
                }
                "-h" | "--help" => return Err(USAGE.to_string()),
                _ => positional.push(a),
            }
        }
        let [query, out]: [String; 2] = positional.try_into().map_err(|_| USAGE.to_string())?;
        Ok(Args {
            query: query.trim_start_matches('?').to_string(),
            out,
            scale,
            frames,
        })
    }

    fn run() -> Result<String, String> {
        let args = parse_args()?;
        let kind = args
            .out
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let mut job = Job::new(&args.query);
        let bytes = match kind.as_str() {
            "svg" => {
                job.finish();
                job.figure()?.svg().into_bytes()
            }
            "png" => {
                job.finish();
                let svg = job.figure()?.svg();
                let pixmap = rasterize(&svg, args.scale.unwrap_or(2.0), &options())?;
                pixmap.encode_png().map_err(|e| e.to_string())?
            }
            "gif" => gif(&mut job, args.scale.unwrap_or(1.0), args.frames)?,
            _ => {
                return Err(format!(
                    "{}: the file must end in .svg, .png or .gif",
                    args.out
                ));
            }
        };
        std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out))?;
        Ok(format!(
            "losslab-render: wrote {} ({} bytes)",
            args.out,
            bytes.len()
        ))
    }

    /// A GIF of the run from its start: `frames` frames spread over a Train run of at most
    /// [`MAX_ITERATIONS`] (its own stop rules first), or one step of the balls a frame.
    fn gif(job: &mut Job, scale: f32, frames: usize) -> Result<Vec<u8>, String> {
        if !job.runs() {
            return Err(format!(
                "panel={}: a GIF shows a run (panel=train or panel=descent)",
                job.section.key()
            ));
        }
        let per_frame = if job.section == Section::Train {
            let max = job.page.settings().train.stop.max_iterations;
            (max.min(MAX_ITERATIONS) / frames as u64).max(1)
        } else {
            1
        };
        let options = options();
        let mut writer: Option<GifWriter> = None;
        for k in 0..frames {
            let pixmap = rasterize(&job.figure()?.svg(), scale, &options)?;
            if writer.is_none() {
                writer = Some(GifWriter::new(pixmap.width(), pixmap.height())?);
            }
            let w = writer.as_mut().expect("just made");
            w.add_frame(pixmap.data(), GIF_DELAY)?;
            if k + 1 < frames && !job.advance(per_frame) {
                // The run stopped: its last look, once more, then the end.
                let pixmap = rasterize(&job.figure()?.svg(), scale, &options)?;
                w.add_frame(pixmap.data(), 100)?;
                break;
            }
        }
        writer.ok_or("no frame")?.finish()
    }

    pub fn main() -> ExitCode {
        match run() {
            Ok(done) => {
                eprintln!("{done}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("losslab-render: {e}");
                ExitCode::FAILURE
            }
        }
    }
}
