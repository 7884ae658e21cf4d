//! Idempotent installs of what the build and the tests need. Each function checks first and does
//! nothing (and prints nothing) when the thing is already there, so a second run installs nothing.

use std::path::Path;
use std::time::SystemTime;

use anyhow::{Context, Result, bail};

use crate::util::{Ctx, WASM_TARGET, run, run_quiet};

/// Debian's Chromium, which the browser unit tests and the end-to-end tests drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver, which `wasm-bindgen-test-runner` drives Chromium with.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The rust standard library for `wasm32-unknown-unknown` (`rustup target add` if missing).
pub fn wasm_target(ctx: &Ctx) -> Result<()> {
    let output = run_quiet(ctx.command("rustc").args(["--print", "sysroot"]))?;
    let sysroot = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if Path::new(&sysroot)
        .join("lib/rustlib")
        .join(WASM_TARGET)
        .is_dir()
    {
        return Ok(());
    }
    println!("xtask: installing the rust target {WASM_TARGET}");
    run_quiet(ctx.command("rustup").args(["target", "add", WASM_TARGET]))?;
    Ok(())
}

/// rustfmt and clippy (`rustup component add` if either is missing).
pub fn rust_components(ctx: &Ctx) -> Result<()> {
    let has = |subcommand: &str| {
        ctx.cargo([subcommand, "--version"])
            .output()
            .is_ok_and(|out| out.status.success())
    };
    if has("fmt") && has("clippy") {
        return Ok(());
    }
    println!("xtask: installing the rustup components rustfmt and clippy");
    run_quiet(
        ctx.command("rustup")
            .args(["component", "add", "rustfmt", "clippy"]),
    )?;
    Ok(())
}

/// A font with Chinese glyphs, so the Chinese page renders in headless screenshots.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

/// Debian's `chromium`, `chromium-driver` and a CJK font via apt, if any of them is missing.
pub fn browser(ctx: &Ctx) -> Result<()> {
    if [CHROMIUM, CHROMEDRIVER, CJK_FONT]
        .iter()
        .all(|p| Path::new(p).is_file())
    {
        return Ok(());
    }
    println!("xtask: installing chromium, chromium-driver and fonts-wqy-zenhei with apt-get");
    // apt needs root: use sudo when not root and sudo exists.
    let is_root = run_quiet(ctx.command("id").arg("-u"))
        .map(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if is_root {
            ctx.command("apt-get")
        } else {
            let mut sudo = ctx.command("sudo");
            sudo.args(["--preserve-env=DEBIAN_FRONTEND", "apt-get"]);
            sudo
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update", "-q"]))?;
    run(&mut apt(&[
        "install",
        "-y",
        "-q",
        "--no-install-recommends",
        "chromium",
        "chromium-driver",
        "fonts-wqy-zenhei",
    ]))?;
    for binary in [CHROMIUM, CHROMEDRIVER, CJK_FONT] {
        if !Path::new(binary).is_file() {
            bail!(
                "apt-get installed chromium, chromium-driver and fonts-wqy-zenhei, yet {binary} is missing"
            );
        }
    }
    Ok(())
}

/// `npm ci` in `tests/e2e` if `node_modules` is missing or older than `package-lock.json`.
/// Brings `playwright-core` (end-to-end tests) and `binaryen` (`wasm-opt`, site build).
pub fn npm_deps(ctx: &Ctx) -> Result<()> {
    let dir = ctx.root.join("tests/e2e");
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let lock_time = mtime(&lock).with_context(|| format!("cannot read {}", lock.display()))?;
    if mtime(&installed).is_ok_and(|installed_time| installed_time >= lock_time) {
        return Ok(());
    }
    println!("xtask: npm ci in tests/e2e");
    run_quiet(
        ctx.command("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir),
    )?;
    Ok(())
}

fn mtime(path: &Path) -> std::io::Result<SystemTime> {
    path.metadata()?.modified()
}
