//! The pinned build tools, installed when missing: the wasm32 target and the standard
//! library's source (the WASM build compiles its own `std`, see `site`) through rustup, and
//! three npm packages (wasm-opt, the CSS minifier, the JS minifier). Nothing comes from
//! GitHub, and nothing is compiled: wasm-bindgen is a library of xtask (see `site`).

use crate::util::{self, output, run, step};
use std::{path::PathBuf, process::Command};

/// binaryen for wasm-opt (Debian's binaryen 108 makes WASM that fails to hydrate),
/// lightningcss for the stylesheet (what cargo-leptos links), terser for the JS glue.
const NPM_TOOLS: [&str; 3] = [
    "binaryen@132.0.0",
    "lightningcss-cli@1.33.0",
    "terser@5.51.4",
];

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

/// An npm-installed tool of ours.
pub fn npm_bin(name: &str) -> PathBuf {
    tools_dir().join("node_modules").join(".bin").join(name)
}

pub fn ensure_build_tools() -> anyhow::Result<()> {
    step("Checking build tools");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    run(Command::new("rustup").args(["component", "add", "rust-src"]))?;
    // The list installed last, so a changed pin installs again.
    let marker = tools_dir().join("installed.txt");
    let wanted = NPM_TOOLS.join(" ");
    let installed = std::fs::read_to_string(&marker).unwrap_or_default();
    let present = ["wasm-opt", "lightningcss", "terser"]
        .iter()
        .all(|tool| npm_bin(tool).exists());
    if installed.trim() != wanted || !present {
        ensure_node()?;
        step(&format!("Installing {wanted} from npm"));
        std::fs::create_dir_all(tools_dir())?;
        run(util::command("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(tools_dir())
            .args(NPM_TOOLS))?;
        std::fs::write(&marker, &wanted)?;
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
