//! Small helpers for running commands and printing progress.

use anyhow::{bail, Context};
use std::{
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

/// The checkout `cargo xtask` was run in, found at run time: the workspace manifest
/// nearest above the current directory. Not `env!("CARGO_MANIFEST_DIR")`: with a build
/// cache shared between clones (`CARGO_TARGET_DIR`, as CI sets it), cargo reuses an
/// xtask binary built in another clone, and a path baked in at compile time would test
/// that clone's code instead of this one's.
pub fn root() -> PathBuf {
    let start = std::env::current_dir().expect("a current directory");
    start
        .ancestors()
        .find(|dir| {
            std::fs::read_to_string(dir.join("Cargo.toml"))
                .is_ok_and(|manifest| manifest.contains("[workspace]"))
                && dir.join("xtask").is_dir()
        })
        .map(Path::to_path_buf)
        .unwrap_or_else(|| {
            panic!(
                "run cargo xtask inside the Dokkan checkout ({})",
                start.display()
            )
        })
}

/// Cargo's target directory (honours `CARGO_TARGET_DIR`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                root().join(dir)
            }
        }
        None => root().join("target"),
    }
}

/// The `dokkan` binary at `path`, run from the workspace root. The output name a
/// cargo-leptos build bakes in is given at run time, or leptos_config warns on every start
/// of a debug build.
pub fn dokkan(path: &Path) -> Command {
    let mut command = command(path);
    command.env("LEPTOS_OUTPUT_NAME", crate::site::OUTPUT_NAME);
    command
}

/// A command that runs in the workspace root with our tool folders on `PATH`.
pub fn command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    command
        .current_dir(root())
        .env("PATH", crate::tools::path_with_tools());
    command
}

pub fn step(message: &str) {
    println!("\n==> {message}");
}

/// `program arg arg…`, for messages (the Debug form also prints the whole environment).
pub fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn run(command: &mut Command) -> anyhow::Result<()> {
    let started = Instant::now();
    let status = command
        .status()
        .with_context(|| format!("cannot start {}", describe(command)))?;
    if !status.success() {
        bail!("`{}` failed ({status})", describe(command));
    }
    println!("    done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

pub fn output(command: &mut Command) -> Option<String> {
    let out = command.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub fn is_root() -> bool {
    output(Command::new("id").arg("-u")).as_deref() == Some("0")
}

pub fn apt_install(packages: &[&str]) -> anyhow::Result<()> {
    if !is_root() {
        bail!(
            "missing Debian packages: {}. Install them with `sudo apt-get install -y {}` and run again",
            packages.join(", "),
            packages.join(" ")
        );
    }
    step(&format!(
        "Installing Debian packages: {}",
        packages.join(" ")
    ));
    run(Command::new("apt-get").arg("update").arg("-q"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-q", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// A port that was free a moment ago.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// The first product's top-level category slug and its handle in the demo catalog, for
/// load and Lighthouse runs against a freshly seeded database.
pub fn demo_samples() -> anyhow::Result<(String, String)> {
    let mut reader = csv::Reader::from_path(root().join("crates/catalog/seed/demo.csv"))?;
    let row = reader
        .records()
        .next()
        .context("the demo seed has a product")??;
    let product = row.get(0).context("the demo seed has handles")?;
    let top_category = row
        .get(5)
        .and_then(|path| path.split('>').next())
        .context("the demo seed has categories")?
        .trim();
    // The importer names a new category after its English path (dokkan_catalog::db).
    let category = dokkan_core::Slug::from_title(top_category)?;
    Ok((category.to_string(), product.to_string()))
}
