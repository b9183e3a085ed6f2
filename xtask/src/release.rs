//! The shop as it ships: the site (see `site`) and the server in the release profile,
//! built the way `cargo leptos build --release --precompress` builds them.

use crate::{
    site,
    util::{self, run, step},
};
use std::path::PathBuf;

pub fn dokkan_binary() -> PathBuf {
    util::target_dir().join("release").join("dokkan")
}

/// What is deployed: no fake card provider in it.
pub fn build() -> anyhow::Result<()> {
    build_with(&["ssr"])
}

/// The local demo of `cargo xtask run`: card payments go to the fake provider.
pub fn build_demo() -> anyhow::Result<()> {
    build_with(&["ssr", "fake-provider"])
}

fn build_with(features: &[&str]) -> anyhow::Result<()> {
    site::build(&util::target_dir().join("release"))?;
    step(&format!(
        "Building the server (release profile, features {})",
        features.join(", ")
    ));
    let mut cargo = util::command("cargo");
    cargo
        .args([
            "build",
            "--package=server",
            "--bin=dokkan",
            "--no-default-features",
            "--release",
        ])
        .arg(format!("--features={}", features.join(",")));
    run(site::leptos_env(&mut cargo))
}
