//! `dokkan-tools icons`: the installed app's icons, drawn from `public/logo.svg` (so the
//! home-screen icon is the logo, never a hand-edited copy of it). The PNGs are committed
//! under `public/icons/`; run this again when the logo changes.
//!
//! - `icon-192.png`, `icon-512.png`: the logo as it is (`purpose: any`);
//! - `maskable-512.png`: the logo's drawing inside the 80 % safe zone on a full square of
//!   its background colour, since launchers cut maskable icons to circles and squircles;
//! - `apple-touch-icon.png` (180 px): iOS ignores the manifest's icons.

use anyhow::Context;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The logo to draw from.
    #[arg(long, default_value = "public/logo.svg")]
    logo: PathBuf,
    /// Where the PNGs go.
    #[arg(long, default_value = "public/icons")]
    out: PathBuf,
}

/// The logo's background (its first rectangle's fill), for the maskable icon's bleed.
const BACKGROUND: (u8, u8, u8) = (0x0f, 0x5e, 0x4d);
/// Maskable icons keep what matters inside a circle of 80 % of the width.
const SAFE_ZONE: f32 = 0.8;

pub fn run(args: &Args) -> anyhow::Result<()> {
    let svg = std::fs::read(&args.logo).with_context(|| format!("{}", args.logo.display()))?;
    let tree = resvg::usvg::Tree::from_data(&svg, &resvg::usvg::Options::default())
        .context("the logo is not an SVG resvg can read")?;
    std::fs::create_dir_all(&args.out)?;
    for (name, size) in [
        ("icon-192.png", 192),
        ("icon-512.png", 512),
        ("apple-touch-icon.png", 180),
    ] {
        write(&args.out.join(name), &render(&tree, size, 1.0, None)?)?;
    }
    write(
        &args.out.join("maskable-512.png"),
        &render(&tree, 512, SAFE_ZONE, Some(BACKGROUND))?,
    )?;
    println!("icons written to {}", args.out.display());
    Ok(())
}

/// The logo drawn `scale` of `size` wide, centred, over `background` when given.
fn render(
    tree: &resvg::usvg::Tree,
    size: u32,
    scale: f32,
    background: Option<(u8, u8, u8)>,
) -> anyhow::Result<Vec<u8>> {
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).context("icon size")?;
    if let Some((r, g, b)) = background {
        pixmap.fill(resvg::tiny_skia::Color::from_rgba8(r, g, b, 255));
    }
    let drawn = size as f32 * scale;
    let tree_size = tree.size();
    let factor = drawn / tree_size.width().max(tree_size.height());
    let offset = (size as f32 - drawn) / 2.0;
    let transform =
        resvg::tiny_skia::Transform::from_scale(factor, factor).post_translate(offset, offset);
    resvg::render(tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().context("encoding the PNG")
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("{}", path.display()))
}
