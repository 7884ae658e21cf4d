//! What every command shares: where the repository and the target directory are, and how to run a
//! child process with the right environment and a useful error when it fails.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// The rust target the page is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Paths and environment shared by all commands.
pub struct Ctx {
    /// The repository root (the workspace root, parent of `xtask/`).
    pub root: PathBuf,
    /// Cargo's target directory: `$CARGO_TARGET_DIR` (made absolute) or `<root>/target`.
    pub target_dir: PathBuf,
    /// `$CARGO_TARGET_DIR` made absolute, if it was set; passed on to every child.
    target_dir_env: Option<PathBuf>,
    /// `PATH` for children: `~/.cargo/bin` (or `$CARGO_HOME/bin`) first, then the inherited `PATH`.
    path: OsString,
}

impl Ctx {
    /// Finds the repository and builds the children's environment.
    pub fn new() -> Result<Ctx> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .context("xtask's manifest directory has no parent")?
            .to_path_buf();
        let cwd = std::env::current_dir().context("cannot read the current directory")?;
        // A relative CARGO_TARGET_DIR is relative to where cargo was started; children run in
        // the repository root, so hand them the absolute path.
        let target_dir_env = std::env::var_os("CARGO_TARGET_DIR")
            .filter(|dir| !dir.is_empty())
            .map(|dir| cwd.join(dir));
        let target_dir = target_dir_env
            .clone()
            .unwrap_or_else(|| root.join("target"));

        let cargo_bin = match std::env::var_os("CARGO_HOME").filter(|home| !home.is_empty()) {
            Some(home) => PathBuf::from(home).join("bin"),
            None => {
                let home = std::env::var_os("HOME").context("HOME is not set")?;
                PathBuf::from(home).join(".cargo").join("bin")
            }
        };
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        let mut dirs = vec![cargo_bin];
        dirs.extend(std::env::split_paths(&inherited));
        let path = std::env::join_paths(dirs).context("cannot build PATH for child processes")?;

        Ok(Ctx {
            root,
            target_dir,
            target_dir_env,
            path,
        })
    }

    /// A command run in the repository root with `PATH` (and `CARGO_TARGET_DIR` if set) for children.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root).env("PATH", &self.path);
        if let Some(dir) = &self.target_dir_env {
            cmd.env("CARGO_TARGET_DIR", dir);
        }
        cmd
    }

    /// `cargo` with the given arguments, as [`Ctx::command`].
    pub fn cargo<I, S>(&self, args: I) -> Command
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command("cargo");
        cmd.args(args);
        cmd
    }
}

/// Shows a command as a person would type it (for messages).
pub fn show(cmd: &Command) -> String {
    let mut words = vec![cmd.get_program().to_string_lossy().into_owned()];
    words.extend(cmd.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    words.join(" ")
}

/// Runs a command with inherited stdio; fails unless it exits with status 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let status = cmd
        .status()
        .with_context(|| format!("cannot start `{}`", show(cmd)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", show(cmd));
    }
    Ok(())
}

/// Runs a command quietly; on failure, fails with its captured stdout and stderr in the message.
pub fn run_quiet(cmd: &mut Command) -> Result<Output> {
    let output = cmd
        .output()
        .with_context(|| format!("cannot start `{}`", show(cmd)))?;
    if !output.status.success() {
        bail!(
            "`{}` failed ({})\n{}{}",
            show(cmd),
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(output)
}

/// `1.2 s`, `2 min 03 s`.
pub fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

/// `123 456 B (120.6 KiB)`.
pub fn fmt_bytes(n: u64) -> String {
    // Lossless for any size a web page has; only shown to people.
    #[allow(clippy::cast_precision_loss)]
    let kib = n as f64 / 1024.0;
    format!("{n} B ({kib:.1} KiB)")
}
