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

    use losslab::export::GifWriter;
    use losslab::render::decision::DecisionMap;
    use losslab::render::figure::{Figure, MAP_CELLS, section_figure};
    use losslab::scene::Page;
    use losslab::settings::{Choice, Panel, Section};
    use losslab::text::Lang;
    use resvg::{tiny_skia, usvg};

    const USAGE: &str =
        "usage: losslab-render '<query>' OUT.svg|OUT.png|OUT.gif [--scale S] [--frames N]";
    /// Most training iterations of a still of the Train section.
    const MAX_ITERATIONS: u64 = 5000;
    /// Hundredths of a second a GIF frame is shown (as the page's GIFs).
    const GIF_DELAY: u16 = 6;

    /// The page a query describes, and the section to render.
    struct Job {
        page: Page,
        lang: Lang,
        section: Section,
        map: DecisionMap,
    }

    impl Job {
        fn new(query: &str) -> Job {
            let (page, q) = Page::from_query(&losslab::lesson::with_scene(query));
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
            section_figure(&self.page, self.section, self.lang, &mut self.map)
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
