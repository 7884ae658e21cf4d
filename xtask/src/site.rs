//! Builds the site into `dist/`: the crate compiled to wasm twice (the page; the GIF recorder alone,
//! which the page loads when a recording starts), the JavaScript glue of each from wasm-bindgen,
//! each wasm shrunk by binaryen's `wasm-opt`, then `index.html` and `www/` copied beside them.
//!
//! ```text
//! dist/index.html
//! dist/www/...                  copied as is
//! dist/pkg/losslab.js           wasm-bindgen --target web (an ES module: `import init from './pkg/losslab.js'`)
//! dist/pkg/losslab_bg.wasm      wasm-opt -Oz
//! dist/pkg/losslab_gif.js       the same for the crate built with `--no-default-features --features gif`
//! dist/pkg/losslab_gif_bg.wasm
//! ```

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use flate2::Compression;
use flate2::write::GzEncoder;

use crate::install;
use crate::util::{Ctx, WASM_TARGET, fmt_bytes, fmt_duration, run};

/// The output folder, relative to the repository root (gitignored).
pub const DIST: &str = "dist";
/// The crate the page is made of.
const CRATE: &str = "losslab";

/// The WebAssembly modules of the site: the name of each in `dist/pkg/` and the cargo features
/// it is built with (see the crate's `[features]`).
const MODULES: [(&str, &[&str]); 2] = [
    ("losslab", &[]),
    (
        "losslab_gif",
        &["--no-default-features", "--features", "gif"],
    ),
];

/// Builds the site into `<root>/dist`, replacing what was there.
pub fn build(ctx: &Ctx) -> Result<()> {
    install::wasm_target(ctx)?;
    install::npm_deps(ctx)?;

    let dist = ctx.root.join(DIST);
    if dist.exists() {
        fs::remove_dir_all(&dist).with_context(|| format!("cannot remove {}", dist.display()))?;
    }
    let pkg = dist.join("pkg");
    for (name, features) in MODULES {
        module(ctx, &pkg, name, features)?;
    }

    let index = ctx.root.join("index.html");
    if !index.is_file() {
        bail!("{} is missing: the site needs it", index.display());
    }
    copy(&index, &dist.join("index.html"))?;
    let www = ctx.root.join("www");
    if www.is_dir() {
        copy_dir(&www, &dist.join("www"))?;
    }

    let (files, total_raw, total_gz) = dir_sizes(&dist)?;
    println!(
        "xtask: {DIST}/ ({files} files): {} raw, {} gzipped file by file",
        fmt_bytes(total_raw),
        fmt_bytes(total_gz)
    );
    Ok(())
}

/// One WebAssembly module of the site: the crate built with `features`, its glue written by
/// wasm-bindgen into `pkg` as `<name>.js` and `<name>_bg.wasm`, the wasm shrunk by wasm-opt.
fn module(ctx: &Ctx, pkg: &Path, name: &str, features: &[&str]) -> Result<()> {
    let started = Instant::now();
    let mut args = vec![
        "build",
        "--profile",
        "wasm",
        "--lib",
        "-p",
        CRATE,
        "--target",
        WASM_TARGET,
    ];
    args.extend_from_slice(features);
    run(&mut ctx.cargo(args))?;
    // Each build of the crate leaves its wasm here: bind it before the next build replaces it.
    let compiled = ctx
        .target_dir
        .join(WASM_TARGET)
        .join("wasm")
        .join(format!("{CRATE}.wasm"));
    println!(
        "xtask: cargo build ({WASM_TARGET}, profile wasm, {name}): {}",
        fmt_duration(started.elapsed())
    );

    let started = Instant::now();
    let argv: Vec<OsString> = vec![
        "wasm-bindgen".into(),
        "--target".into(),
        "web".into(),
        "--no-typescript".into(),
        "--out-name".into(),
        name.into(),
        "--out-dir".into(),
        pkg.into(),
        compiled.clone().into(),
    ];
    wasm_bindgen_cli::wasm_bindgen::run_cli_with_args(argv)
        .with_context(|| format!("wasm-bindgen failed on {}", compiled.display()))?;
    println!(
        "xtask: wasm-bindgen ({name}): {}",
        fmt_duration(started.elapsed())
    );

    let wasm = pkg.join(format!("{name}_bg.wasm"));
    let before = file_len(&wasm)?;
    let started = Instant::now();
    wasm_opt(ctx, &wasm)?;
    println!(
        "xtask: wasm-opt -Oz ({name}): {}",
        fmt_duration(started.elapsed())
    );

    let raw = file_len(&wasm)?;
    let gzipped =
        gzip_len(&fs::read(&wasm).with_context(|| format!("cannot read {}", wasm.display()))?)?;
    println!(
        "xtask: {}: {} raw ({} before wasm-opt), {} gzipped",
        wasm.strip_prefix(&ctx.root).unwrap_or(&wasm).display(),
        fmt_bytes(raw),
        fmt_bytes(before),
        fmt_bytes(gzipped)
    );
    Ok(())
}

/// `wasm-opt -Oz` in place, from the npm package `binaryen` pinned in `tests/e2e/package.json`.
/// Never Debian's `/usr/bin/wasm-opt` (v108: its output crashes in Chromium).
fn wasm_opt(ctx: &Ctx, wasm: &Path) -> Result<()> {
    let script = ctx
        .root
        .join("tests/e2e/node_modules/binaryen/bin/wasm-opt");
    if !script.is_file() {
        bail!("{} is missing (npm ci in tests/e2e)", script.display());
    }
    run(ctx
        .command("node")
        .arg(&script)
        .arg("-Oz")
        .arg(wasm)
        .arg("-o")
        .arg(wasm))
}

fn file_len(path: &Path) -> Result<u64> {
    Ok(path
        .metadata()
        .with_context(|| format!("cannot read {}", path.display()))?
        .len())
}

/// Size of `bytes` after `gzip -9`.
fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(bytes).context("gzip failed")?;
    let compressed = encoder.finish().context("gzip failed")?;
    Ok(compressed.len() as u64)
}

/// Number of files, their total size, and their total size gzipped one by one, under `dir`.
fn dir_sizes(dir: &Path) -> Result<(usize, u64, u64)> {
    let mut totals = (0, 0, 0);
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let path = entry
            .with_context(|| format!("cannot list {}", dir.display()))?
            .path();
        if path.is_dir() {
            let (files, raw, gz) = dir_sizes(&path)?;
            totals = (totals.0 + files, totals.1 + raw, totals.2 + gz);
        } else {
            let bytes =
                fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
            totals = (
                totals.0 + 1,
                totals.1 + bytes.len() as u64,
                totals.2 + gzip_len(&bytes)?,
            );
        }
    }
    Ok(totals)
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)
        .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
    Ok(())
}

/// Copies the directory `from` to `to` recursively (files and directories; symlinks followed).
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("cannot create {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("cannot list {}", from.display()))? {
        let entry = entry.with_context(|| format!("cannot list {}", from.display()))?;
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            copy(&source, &target)?;
        }
    }
    Ok(())
}
