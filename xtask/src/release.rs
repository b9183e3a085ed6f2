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

pub fn build() -> anyhow::Result<()> {
    site::build(&util::target_dir().join("release"))?;
    step("Building the server (release profile)");
    let mut cargo = util::command("cargo");
    cargo.args([
        "build",
        "--package=server",
        "--bin=dokkan",
        "--no-default-features",
        "--features=ssr",
        "--release",
    ]);
    run(site::leptos_env(&mut cargo))
}
