//! `cargo xtask`: build, serve and test tooling of losslab, in Rust so that it runs the same on every
//! machine with nothing but cargo, rustup, Node/npm and (for the browser) apt.
//!
//! Commands (run from anywhere inside the repository):
//!
//! * `cargo xtask build` builds the site into `dist/`;
//! * `cargo xtask serve [--port N]` builds the site and serves `dist/` on `http://127.0.0.1:N/`;
//! * `cargo xtask test` runs the whole quality gate (what `.ci/run` runs);
//! * `cargo xtask check` runs its quick native part: fmt, clippy and tests, no browser, no wasm;
//! * `cargo xtask bench` runs the browser benchmark headless, the long monkey run, then the native
//!   benchmark;
//! * `cargo xtask monkey [--actions N] [--seed S]` runs the long monkey test (random actions);
//! * `cargo xtask wasm-bindgen-test-runner FILE [ARGS]` is the cargo test runner for
//!   `wasm32-unknown-unknown` (cargo calls it, see `.cargo/config.toml`).

mod bench;
mod gate;
mod install;
mod monkey;
mod serve;
mod site;
mod util;

use std::ffi::OsString;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::util::Ctx;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  build                    build the site into dist/ (wasm, wasm-bindgen, wasm-opt, index.html, www/)
  serve [--port N]         build the site, then serve dist/ on http://127.0.0.1:N/ (default 8000)
  test                     the whole quality gate: installs, fmt, clippy, native tests, browser
                           unit tests, site build, end-to-end tests; stops at the first failure
  check                    the quick loop while developing: fmt, clippy and tests, native only
                           (the gate's stages without installs, wasm or browser)
  bench                    the browser benchmark (www/bench.html, headless), the long monkey
                           run and the native one (cargo bench --bench engine)
  monkey [--actions N] [--seed S]
                           the long monkey test: N random clicks, drags, hostile strings, keys
                           (default 5000, seed 1); fails on an error, NaN shown, trap or leak
  wasm-bindgen-test-runner FILE [ARGS]
                           cargo's test runner for wasm32-unknown-unknown (headless Chromium)
  help                     this text
";

/// Default port of `cargo xtask serve`.
const DEFAULT_PORT: u16 = 8000;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Dispatches on the first argument.
fn run() -> Result<()> {
    let mut args = std::env::args_os().skip(1);
    let Some(command) = args.next() else {
        print!("{USAGE}");
        return Ok(());
    };
    let command = command.to_string_lossy().into_owned();
    match command.as_str() {
        "build" => {
            no_more_args(args)?;
            site::build(&Ctx::new()?)
        }
        "serve" => {
            let port = parse_serve_args(args)?;
            let ctx = Ctx::new()?;
            // Take the port before the build, so that a busy port fails at once.
            let listener = serve::bind(port)?;
            site::build(&ctx)?;
            serve::serve_forever(listener, &ctx.root.join(site::DIST))
        }
        "test" => {
            no_more_args(args)?;
            gate::run(&Ctx::new()?, gate::GATE)
        }
        "check" => {
            no_more_args(args)?;
            gate::run(&Ctx::new()?, gate::CHECK)
        }
        "bench" => {
            no_more_args(args)?;
            bench::run(&Ctx::new()?)
        }
        "monkey" => {
            let options = monkey::parse_args(args, USAGE)?;
            monkey::run(&Ctx::new()?, &options)
        }
        "wasm-bindgen-test-runner" => {
            // clap inside the runner expects a program name first.
            let argv = std::iter::once(OsString::from("wasm-bindgen-test-runner")).chain(args);
            wasm_bindgen_cli::wasm_bindgen_test_runner::run_cli_with_args(argv)
        }
        "help" | "-h" | "--help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}

/// Fails if a command that takes no arguments got some.
fn no_more_args(mut args: impl Iterator<Item = OsString>) -> Result<()> {
    match args.next() {
        None => Ok(()),
        Some(extra) => bail!("unexpected argument {extra:?}\n\n{USAGE}"),
    }
}

/// Parses `[--port N]` (also `--port=N`).
fn parse_serve_args(mut args: impl Iterator<Item = OsString>) -> Result<u16> {
    let mut port = DEFAULT_PORT;
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let value = if arg == "--port" {
            args.next()
                .context("`--port` needs a value")?
                .to_string_lossy()
                .into_owned()
        } else if let Some(value) = arg.strip_prefix("--port=") {
            value.to_owned()
        } else {
            bail!("unexpected argument `{arg}`\n\n{USAGE}");
        };
        port = value
            .parse()
            .with_context(|| format!("`--port {value}`: not a port number (0-65535)"))?;
    }
    Ok(port)
}
