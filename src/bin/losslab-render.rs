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
    use losslab::engine::trainer::Trainer;
    use losslab::export::GifWriter;
    use losslab::render::charts::{
        PlotRect, draw_loss_chart, draw_loss_curves, draw_map_overlay, draw_softmax,
    };
    use losslab::render::decision::DecisionMap;
    use losslab::render::descent::{draw_descent, draw_path_losses};
    use losslab::render::penalties::{draw_penalty_plane, surface};
    use losslab::render::words;
    use losslab::scene::descent::{Rolls, terrain};
    use losslab::scene::penalties::plane_path;
    use losslab::settings::{self, Settings};
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

    /// One section's scene, with what advances it for a GIF.
    enum Scene {
        Train {
            trainer: Box<Trainer>,
            map: DecisionMap,
        },
        Descent {
            rolls: Rolls,
        },
        Still,
    }

    struct Job {
        settings: Settings,
        lang: Lang,
        panel: String,
        scene: Scene,
    }

    impl Job {
        fn new(query: &str) -> Job {
            let (settings, lang, problems) = Settings::from_query(query);
            let lang = lang.unwrap_or(Lang::En);
            for p in &problems {
                let message = match (settings::param(&p.key), p.error) {
                    (Some(param), Some(e)) => format!(
                        "{}: {}",
                        p.key,
                        settings::message(lang, param, e, &p.raw, settings.get(&p.key))
                    ),
                    _ => text::fill(
                        lang,
                        "error.unknown-param",
                        &[("raw", &p.key.chars().take(24).collect::<String>())],
                    ),
                };
                eprintln!("losslab-render: {message}");
            }
            let panel = match settings.get("panel") {
                "" | "all" => "train".to_string(),
                p => p.to_string(),
            };
            let trainer = losslab::scene::train::trainer(&settings);
            let scene = match panel.as_str() {
                "train" => Scene::Train {
                    trainer: Box::new(trainer),
                    map: DecisionMap::new(MAP_CELLS),
                },
                "descent" => {
                    let mut rolls = Rolls::new(
                        terrain(settings.get("surface"), &trainer, 1),
                        settings.descent_optimizer(),
                    );
                    let balls = settings.balls();
                    if !balls.is_empty() {
                        rolls.clear();
                        for (start, optimizer) in balls {
                            rolls.drop_ball(start, optimizer);
                        }
                    }
                    Scene::Descent { rolls }
                }
                _ => Scene::Still,
            };
            Job {
                settings,
                lang,
                panel,
                scene,
            }
        }

        /// Advances the run by `n` iterations or steps; whether it can go on.
        fn advance(&mut self, n: u64) -> bool {
            match &mut self.scene {
                Scene::Train { trainer, .. } => trainer.step(n).stopped.is_none(),
                Scene::Descent { rolls } => rolls.step(
                    n,
                    self.settings.descent_lr(),
                    &self.settings.descent_rules(),
                ),
                Scene::Still => false,
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
            match (&mut self.scene, self.panel.as_str()) {
                (Scene::Train { trainer, map }, _) => {
                    let mut f = Figure::new(960.0, 470.0);
                    let s = CHART_SCALE;
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
                (Scene::Descent { rolls }, _) => {
                    let mut f = Figure::new(980.0, 480.0);
                    let s = CHART_SCALE;
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
                (Scene::Still, "softmax") => {
                    let mut f = Figure::new(760.0, 360.0);
                    let s = CHART_SCALE;
                    let steps = self.settings.softmax_steps();
                    let labels = words::softmax_labels(lang);
                    f.chart((0.0, 0.0, 760.0, 360.0), |root| {
                        draw_softmax(root, &steps, &labels, s, 3.0)
                    })?;
                    Ok(f)
                }
                (Scene::Still, "losses") => {
                    let mut f = Figure::new(760.0, 380.0);
                    let s = CHART_SCALE;
                    let steps = self.settings.softmax_steps();
                    let names = words::loss_names(lang);
                    let x_label = text::tr(lang, "losses.curves.x");
                    f.chart((0.0, 0.0, 760.0, 380.0), |root| {
                        draw_loss_curves(root, &steps.scaled, steps.label, &names, x_label, s)
                    })?;
                    Ok(f)
                }
                (Scene::Still, "penalties") => {
                    let mut f = Figure::new(520.0, 520.0);
                    let s = CHART_SCALE;
                    let q = Quadratic::example();
                    let r = self.settings.plane_regularizer();
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
                (Scene::Still, other) => Err(format!(
                    "no figure for panel={other}: one of train, softmax, losses, penalties, descent"
                )),
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
        let per_frame = match &job.scene {
            Scene::Train { .. } => {
                let max = job.settings.stop_rules().max_iterations;
                let total = if max == 0 {
                    MAX_ITERATIONS
                } else {
                    max.min(MAX_ITERATIONS)
                };
                (total / frames as u64).max(1)
            }
            Scene::Descent { .. } => 1,
            Scene::Still => {
                return Err(format!(
                    "panel={}: a GIF shows a run (panel=train or panel=descent)",
                    job.panel
                ));
            }
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
