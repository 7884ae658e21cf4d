//! `losslab-render`, run as a user runs it: a query in, a file out, read back with independent
//! decoders (usvg's XML parser, tiny-skia's PNG decoder, the gif crate's decoder).
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;
use std::process::Output;

use resvg::{tiny_skia, usvg};

fn render(query: &str, name: &str, extra: &[&str]) -> (Output, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let out = dir.join(name);
    let _ = std::fs::remove_file(&out);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_losslab-render"))
        .arg(query)
        .arg(&out)
        .args(extra)
        .output()
        .expect("losslab-render runs");
    (output, out)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn an_svg_of_the_penalty_plane_is_well_formed_with_its_labels_and_raster() {
    let (o, path) = render("panel=penalties&plane-penalty=l1&lang=zh", "plane.svg", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = std::fs::read_to_string(&path).unwrap();
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("valid SVG");
    assert_eq!((tree.size().width(), tree.size().height()), (520.0, 520.0));
    // The optima's names are text, the loss surface an embedded PNG.
    for label in ["w*", "w(λ)"] {
        assert!(
            svg.contains(&format!("\n{label}\n")) || svg.contains(&format!(">{label}<")),
            "{label}"
        );
    }
    assert_eq!(svg.matches("<image ").count(), 1);
    assert!(
        svg.contains("href=\"data:image/png;base64,iVBORw0KGgo"),
        "a base64 PNG"
    );
}

#[test]
fn a_png_of_the_train_section_shows_a_learned_map_beside_its_loss_curve() {
    let (o, path) = render(
        "seed=3&max-iter=300&lang=en",
        "train.png",
        &["--scale", "1"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let png = tiny_skia::Pixmap::load_png(&path).expect("a PNG");
    assert_eq!((png.width(), png.height()), (960, 470));
    let px = |x: u32, y: u32| png.pixel(x, y).unwrap();
    // Inside the map (its plotting area starts ~40 px in): the regions' colours, not paper.
    let mut coloured = 0;
    for y in (60..400).step_by(10) {
        for x in (80..440).step_by(10) {
            let p = px(x, y);
            if p.red() < 235 || p.green() < 235 || p.blue() < 235 {
                coloured += 1;
            }
        }
    }
    assert!(coloured > 1000, "{coloured} of 1224 samples coloured");
    // The loss chart on the right has dark ink (axes, curve, labels) on white.
    let ink = (490..960)
        .flat_map(|x| (85..385).map(move |y| (x, y)))
        .filter(|&(x, y)| px(x, y).red() < 80)
        .count();
    assert!(ink > 300, "{ink} dark pixels in the loss chart");
}

#[test]
fn a_gif_of_descent_has_one_frame_a_step_until_the_ball_stops() {
    let (o, path) = render(
        "panel=descent&surface=bowl&balls=1.5,1.5,gd&d-lr=0.3&d-max-iter=8",
        "descent.gif",
        &["--frames", "30", "--scale", "0.5"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options
        .read_info(std::fs::File::open(&path).unwrap())
        .unwrap();
    assert_eq!((decoder.width(), decoder.height()), (490, 240));
    // Each frame drawn over the previous ones, as a viewer shows it.
    let width = usize::from(decoder.width());
    let mut screen = vec![0u8; width * usize::from(decoder.height()) * 4];
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        let (x, w) = (usize::from(frame.left), usize::from(frame.width));
        for (r, row) in frame.buffer.chunks_exact(4 * w).enumerate() {
            let y = r + usize::from(frame.top);
            for (c, p) in row.chunks_exact(4).enumerate() {
                // Transparent: the previous frame shows through.
                if p[3] != 0 {
                    screen[4 * (y * width + x + c)..][..4].copy_from_slice(p);
                }
            }
        }
        frames.push((frame.delay, screen.clone()));
    }
    // The start and one frame a step; the 8th step (the iteration limit stops the ball) is the
    // last frame, held for 1 s.
    assert_eq!(frames.len(), 9, "{}", frames.len());
    assert!(frames[..8].iter().all(|f| f.0 == 6));
    assert_eq!(frames[8].0, 100);
    // Every step moves the ball: consecutive frames differ.
    for k in 1..9 {
        assert_ne!(frames[k - 1].1, frames[k].1, "frame {k}");
    }
}

#[test]
fn bad_parameters_are_reported_and_replaced_by_defaults() {
    let (o, path) = render(
        "panel=losses&score-cat=NaN&%3Cscript%3E=1&lang=en",
        "losses.svg",
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("score-cat:"), "{err}");
    assert!(err.contains("Unknown setting"), "{err}");
    let svg = std::fs::read_to_string(&path).unwrap();
    assert!(!svg.contains("<script"));
    usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("valid SVG");
}

#[test]
fn what_cannot_be_rendered_fails_with_a_message() {
    for (query, name, extra, says) in [
        ("panel=softmax", "x.gif", &[][..], "a GIF shows a run"),
        ("", "x.bmp", &[][..], "must end in .svg, .png or .gif"),
        ("", "x.png", &["--scale", "NaN"][..], "--scale NaN"),
        ("", "x.gif", &["--frames", "1"][..], "--frames 1"),
        (
            "max-iter=1",
            "x.gif",
            &["--scale", "3"][..],
            "1 to 2048 pixels a side",
        ),
    ] {
        let (o, path) = render(query, name, extra);
        assert!(!o.status.success(), "{query} {name}");
        assert!(stderr(&o).contains(says), "{}", stderr(&o));
        assert!(!path.exists());
    }
}
