//! `cargo xtask bench`: the benchmarks, native and in the browser, in one command. Not part of
//! the gate: these are measurements to read, not tests that pass or fail.

use anyhow::{Context, Result};

use crate::serve::Server;
use crate::util::{self, Ctx};
use crate::{install, monkey, site};

/// Runs the browser benchmark page headless, the long monkey run (its figures), then the native
/// criterion benchmark.
pub fn run(ctx: &Ctx) -> Result<()> {
    install::browser(ctx)?;
    site::build(ctx)?;
    let server = Server::start(&ctx.root.join(site::DIST), 0, false)?;
    println!("xtask: browser benchmark (WebAssembly, headless Chromium)");
    let browser = util::run(
        ctx.command("node")
            .arg("tests/e2e/bench.mjs")
            .env("LOSSLAB_URL", server.url()),
    );
    let monkey = match browser {
        Ok(()) => monkey::run_on(
            ctx,
            &server.url(),
            &monkey::Options {
                actions: monkey::DEFAULT_ACTIONS,
                seed: monkey::DEFAULT_SEED,
            },
        ),
        Err(_) => Ok(()),
    };
    drop(server);
    browser?;
    // The monkey's verdict does not keep the native figures from being measured: it is said
    // after them.
    println!("xtask: native benchmark (criterion)");
    util::run(&mut ctx.cargo(["bench", "-p", "losslab", "--bench", "engine"]))?;
    monkey.context("the monkey run found a problem (its figures are above)")
}
