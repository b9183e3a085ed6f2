//! The pinned build tools, installed when missing. Nothing is downloaded from GitHub:
//! cargo-leptos finds wasm-bindgen and wasm-opt on PATH and so never fetches them.

use crate::util::{self, output, run, step};
use anyhow::{bail, Context};
use std::{path::PathBuf, process::Command};

pub const CARGO_LEPTOS_VERSION: &str = "0.3.10";
/// binaryen from npm; Debian's binaryen 108 makes WASM that fails to hydrate.
pub const BINARYEN_NPM_VERSION: &str = "132.0.0";

/// Where npm-installed tools live: outside the clone, so a fresh clone reuses them.
pub fn tools_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DOKKAN_TOOLS_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| util::root().join("target"));
    home.join(".cache").join("dokkan").join("tools")
}

fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo")
        })
        .join("bin")
}

pub fn path_with_tools() -> std::ffi::OsString {
    let mut paths = vec![tools_dir().join("node_modules").join(".bin"), cargo_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&existing));
    }
    std::env::join_paths(paths).expect("PATH entries are valid")
}

fn tool_version(program: &str, arg: &str) -> Option<String> {
    output(util::command(program).arg(arg))
}

/// The exact wasm-bindgen version in Cargo.lock: the CLI must match it.
fn locked_wasm_bindgen_version() -> anyhow::Result<String> {
    let lock =
        std::fs::read_to_string(util::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(version.trim_matches('"').to_string());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

pub fn ensure_build_tools() -> anyhow::Result<()> {
    step("Checking build tools");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;

    let leptos = tool_version("cargo-leptos", "--version").unwrap_or_default();
    if !leptos.contains(CARGO_LEPTOS_VERSION) {
        step(&format!("Installing cargo-leptos {CARGO_LEPTOS_VERSION} (about 17 minutes on 2 cores, once per machine)"));
        run(util::command("cargo").args([
            "install",
            "cargo-leptos",
            "--version",
            CARGO_LEPTOS_VERSION,
            "--locked",
        ]))?;
    }

    let bindgen = locked_wasm_bindgen_version()?;
    let installed = tool_version("wasm-bindgen", "--version").unwrap_or_default();
    if !installed.split_whitespace().any(|word| word == bindgen) {
        step(&format!(
            "Installing wasm-bindgen-cli {bindgen} (about 3 minutes, once per machine)"
        ));
        // `--locked` trips over an index gap for this crate; the version pin is exact anyway.
        run(util::command("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &bindgen,
            "--force",
        ]))?;
    }

    let wasm_opt = tools_dir()
        .join("node_modules")
        .join(".bin")
        .join("wasm-opt");
    let binaryen_installed =
        std::fs::read_to_string(tools_dir().join("node_modules/binaryen/package.json"))
            .map(|json| json.contains(&format!("\"version\": \"{BINARYEN_NPM_VERSION}\"")))
            .unwrap_or(false);
    if !wasm_opt.exists() || !binaryen_installed {
        ensure_node()?;
        step(&format!(
            "Installing wasm-opt (npm binaryen@{BINARYEN_NPM_VERSION})"
        ));
        std::fs::create_dir_all(tools_dir())?;
        run(util::command("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(tools_dir())
            .arg(format!("binaryen@{BINARYEN_NPM_VERSION}")))?;
    }
    Ok(())
}

pub fn ensure_node() -> anyhow::Result<()> {
    if tool_version("npm", "--version").is_none() {
        util::apt_install(&["nodejs", "npm"])?;
    }
    Ok(())
}

pub fn ensure_chromium() -> anyhow::Result<()> {
    if !std::path::Path::new("/usr/bin/chromium").exists() {
        util::apt_install(&["chromium", "fonts-noto-core"])?;
    }
    Ok(())
}

/// `cargo leptos build --release`: the server binary and the hashed, optimised site.
pub fn build_release() -> anyhow::Result<()> {
    step("Building the shop in release mode (server + WASM)");
    run(util::command("cargo").args(["leptos", "build", "--release", "--precompress"]))?;
    report_wasm_size();
    Ok(())
}

fn report_wasm_size() {
    let pkg = util::root().join("target").join("site").join("pkg");
    let Ok(entries) = std::fs::read_dir(&pkg) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.ends_with(".wasm") || name.ends_with(".wasm.br") || name.ends_with(".wasm.gz") {
            if let Ok(meta) = entry.metadata() {
                println!("    {name}: {} bytes", meta.len());
            }
        }
    }
}
