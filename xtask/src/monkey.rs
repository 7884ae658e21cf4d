//! `cargo xtask monkey [--actions N] [--seed S]`: the long monkey run (`tests/e2e/monkey.mjs`)
//! against the built site, served as the gate's end-to-end stage serves it. Not part of the gate
//! (which runs a short one, `monkey.test.mjs`); `cargo xtask bench` runs it too.

use std::ffi::OsString;

use anyhow::{Context, Result, bail};

use crate::serve::Server;
use crate::util::{self, Ctx};
use crate::{install, site};

/// Actions of the long run unless `--actions` says otherwise.
pub const DEFAULT_ACTIONS: u64 = 5000;
/// The seed unless `--seed` says otherwise.
pub const DEFAULT_SEED: u64 = 1;

/// What to run: how many actions, with which seed.
pub struct Options {
    pub actions: u64,
    pub seed: u64,
}

/// Parses `[--actions N] [--seed S]` (also `--actions=N`, `--seed=S`).
pub fn parse_args(mut args: impl Iterator<Item = OsString>, usage: &str) -> Result<Options> {
    let mut options = Options {
        actions: DEFAULT_ACTIONS,
        seed: DEFAULT_SEED,
    };
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let (name, value) = match arg.split_once('=') {
            Some((name, value)) => (name.to_owned(), Some(value.to_owned())),
            None => (arg.clone(), None),
        };
        if name != "--actions" && name != "--seed" {
            bail!("unexpected argument `{arg}`\n\n{usage}");
        }
        let value = match value {
            Some(value) => value,
            None => args
                .next()
                .with_context(|| format!("`{name}` needs a value"))?
                .to_string_lossy()
                .into_owned(),
        };
        let number = value
            .parse::<u64>()
            .ok()
            .filter(|n| *n >= 1)
            .with_context(|| format!("`{name} {value}`: not a whole number from 1"))?;
        if name == "--actions" {
            options.actions = number;
        } else {
            options.seed = number;
        }
    }
    Ok(options)
}

/// Builds the site, serves `dist/` on a free local port and runs the monkey against it.
pub fn run(ctx: &Ctx, options: &Options) -> Result<()> {
    install::browser(ctx)?;
    install::npm_deps(ctx)?;
    site::build(ctx)?;
    let server = Server::start(&ctx.root.join(site::DIST), 0, false)?;
    let result = run_on(ctx, &server.url(), options);
    drop(server);
    result
}

/// Runs the monkey against the site served at `url`; fails if it found anything.
pub fn run_on(ctx: &Ctx, url: &str, options: &Options) -> Result<()> {
    println!(
        "xtask: monkey, {} actions with seed {} (headless Chromium, {url})",
        options.actions, options.seed
    );
    util::run(
        ctx.command("node")
            .arg("tests/e2e/monkey.mjs")
            .arg(format!("--actions={}", options.actions))
            .arg(format!("--seed={}", options.seed))
            .env("LOSSLAB_URL", url),
    )
}
