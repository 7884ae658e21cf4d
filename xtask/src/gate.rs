//! `cargo xtask test`: the whole quality gate, stage by stage, stopping at the first failure.
//! `cargo xtask check` runs only stages 2, 3 and 5, the quick loop while developing.
//!
//! 1. installs (each idempotent): the wasm32 target, rustfmt and clippy, Debian's chromium and
//!    chromium-driver, the npm packages of `tests/e2e`;
//! 2. `cargo fmt --all --check`;
//! 3. `cargo clippy --workspace --all-targets -- -D warnings` (native);
//! 4. `cargo clippy -p losslab --all-features --lib --tests --target wasm32-unknown-unknown -- -D
//!    warnings` (both WebAssembly modules: the page and the GIF recorder);
//! 5. `cargo test --workspace` (native: unit, integration and doc tests);
//! 6. `cargo test -p losslab --lib --tests --target wasm32-unknown-unknown`: the
//!    `wasm_bindgen_test`s, in headless Chromium through chromedriver, with this binary as runner;
//! 7. the site build (as `cargo xtask build`);
//! 8. `node --test --test-concurrency=1 tests/e2e/` against `dist/` served on a free local port
//!    (`LOSSLAB_URL`).

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::install;
use crate::serve::Server;
use crate::site;
use crate::util::{self, Ctx, WASM_TARGET, fmt_duration};

/// A stage: a name for the header and the function that runs it.
pub type Stage = (&'static str, fn(&Ctx) -> Result<()>);

const FMT: Stage = ("cargo fmt --all --check", fmt);
const CLIPPY_NATIVE: Stage = ("clippy, native", clippy_native);
const TEST_NATIVE: Stage = ("cargo test, native", test_native);

/// `cargo xtask test`: the whole gate.
pub const GATE: &[Stage] = &[
    ("install what is missing", install_all),
    FMT,
    CLIPPY_NATIVE,
    ("clippy, wasm32", clippy_wasm),
    TEST_NATIVE,
    ("wasm-bindgen-test, headless Chromium", test_wasm),
    ("build the site", site::build),
    ("end-to-end tests, node --test", end_to_end),
];

/// `cargo xtask check`: the gate's native stages only; no installs, no wasm, no browser.
pub const CHECK: &[Stage] = &[FMT, CLIPPY_NATIVE, TEST_NATIVE];

/// Runs `stages` in order; prints a header before and the duration after each, and a summary.
pub fn run(ctx: &Ctx, stages: &[Stage]) -> Result<()> {
    let started = Instant::now();
    let mut took: Vec<(&str, Duration)> = Vec::new();
    for (number, (name, stage)) in stages.iter().enumerate() {
        let number = number + 1;
        println!("\n==> [{number}/{}] {name}", stages.len());
        let stage_started = Instant::now();
        let result = stage(ctx);
        let elapsed = stage_started.elapsed();
        took.push((name, elapsed));
        if let Err(err) = result {
            println!(
                "<== [{number}/{}] {name}: FAILED after {}",
                stages.len(),
                fmt_duration(elapsed)
            );
            summary(&took, started.elapsed());
            return Err(err.context(format!("stage {number} ({name}) failed")));
        }
        println!(
            "<== [{number}/{}] {name}: ok, {}",
            stages.len(),
            fmt_duration(elapsed)
        );
    }
    summary(&took, started.elapsed());
    println!("xtask: all {} stages passed", stages.len());
    Ok(())
}

fn summary(took: &[(&str, Duration)], total: Duration) {
    println!("\nxtask: stage durations");
    for (name, elapsed) in took {
        println!("  {:>10}  {name}", fmt_duration(*elapsed));
    }
    println!("  {:>10}  total", fmt_duration(total));
}

fn install_all(ctx: &Ctx) -> Result<()> {
    install::wasm_target(ctx)?;
    install::rust_components(ctx)?;
    install::browser(ctx)?;
    install::npm_deps(ctx)
}

fn fmt(ctx: &Ctx) -> Result<()> {
    util::run(&mut ctx.cargo(["fmt", "--all", "--check"]))
}

fn clippy_native(ctx: &Ctx) -> Result<()> {
    util::run(&mut ctx.cargo([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

fn clippy_wasm(ctx: &Ctx) -> Result<()> {
    util::run(&mut ctx.cargo([
        "clippy",
        "-p",
        "losslab",
        "--all-features",
        "--lib",
        "--tests",
        "--target",
        WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]))
}

fn test_native(ctx: &Ctx) -> Result<()> {
    util::run(&mut ctx.cargo(["test", "--workspace"]))
}

/// The browser unit tests. Cargo hands each test binary (a `.wasm`) to the runner named by
/// `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER`: this very executable, subcommand
/// `wasm-bindgen-test-runner`, which finds `/usr/bin/chromedriver` and runs Chromium headless.
fn test_wasm(ctx: &Ctx) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find the xtask executable")?;
    let exe = exe
        .to_str()
        .context("the path of the xtask executable is not UTF-8")?;
    if exe.contains(char::is_whitespace) {
        // Cargo splits a runner given in an environment variable on whitespace.
        bail!(
            "the path of the xtask executable contains a space, cargo cannot use it as a runner: {exe}"
        );
    }
    // `--lib --tests`: no doc tests. Cargo would compile them for wasm32 too, but they contain no
    // `wasm_bindgen_test` (the runner finds nothing to run) and they already ran natively.
    let mut cmd = ctx.cargo([
        "test",
        "-p",
        "losslab",
        "--lib",
        "--tests",
        "--target",
        WASM_TARGET,
    ]);
    cmd.env(
        "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
        format!("{exe} wasm-bindgen-test-runner"),
    );
    // The runner takes the first driver it finds on PATH (geckodriver before chromedriver):
    // name Debian's chromedriver unless the caller chose a driver.
    let chosen = [
        "GECKODRIVER",
        "CHROMEDRIVER",
        "SAFARIDRIVER",
        "MSEDGEDRIVER",
    ]
    .iter()
    .any(|driver| {
        std::env::var_os(driver).is_some() || std::env::var_os(format!("{driver}_REMOTE")).is_some()
    });
    if !chosen {
        cmd.env("CHROMEDRIVER", install::CHROMEDRIVER);
    }
    // The defaults (5 s to start chromedriver, 20 s for the tests) are tight on a busy 2-core CI
    // machine running debug wasm.
    for (var, secs) in [
        ("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "30"),
        ("WASM_BINDGEN_TEST_TIMEOUT", "120"),
    ] {
        if std::env::var_os(var).is_none() {
            cmd.env(var, secs);
        }
    }
    util::run(&mut cmd)
}

/// Serves `dist/` on a free port of 127.0.0.1 while `node --test` runs the end-to-end tests.
fn end_to_end(ctx: &Ctx) -> Result<()> {
    let server = Server::start(&ctx.root.join(site::DIST), 0, false)?;
    let url = server.url();
    println!("xtask: serving dist/ on {url}");
    let result = util::run(
        ctx.command("node")
            .args(["--test", "--test-concurrency=1", "tests/e2e/"])
            .env("LOSSLAB_URL", &url),
    );
    drop(server);
    result
}
