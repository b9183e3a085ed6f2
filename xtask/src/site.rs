//! Builds what `cargo leptos build --release --precompress` builds, without cargo-leptos
//! (a 20-minute install on a new machine): the WASM of the islands, its JS glue, the
//! stylesheet and the public files in `target/site`, named by content hash, with a
//! `hash.txt` beside the server binary that tells Leptos those names.
//!
//! Same layout, names and steps as cargo-leptos 0.3.10 with this workspace's
//! `[[workspace.metadata.leptos]]`, so `cargo leptos watch` keeps working where it is
//! installed: the WASM in `<target>/front`, wasm-bindgen (as a library here), wasm-opt
//! `-Oz`, the JS minified, lightningcss for the CSS with the "defaults" browsers, MD5 in
//! URL-safe base64 for the names, gzip and brotli copies of every file.

use crate::{
    tools,
    util::{self, run, step},
};
use anyhow::{bail, Context};
use base64::Engine;
use md5::{Digest, Md5};
use std::{
    fs,
    path::{Path, PathBuf},
    process::Command,
    time::Instant,
};

/// `output-name` in the workspace's Leptos metadata.
pub const OUTPUT_NAME: &str = "dokkan";
/// The staff pages' bundle: the shopper's islands and the admin-only ones (`app/admin`),
/// so those stay out of every shopper's download.
const ADMIN_NAME: &str = "dokkan-admin";
/// Each bundle: its name and the hydrate crate's features.
const BUNDLES: [(&str, &str); 2] = [(OUTPUT_NAME, "hydrate"), (ADMIN_NAME, "admin")];
const BROWSERS: &str = "defaults";

/// What cargo-leptos puts in the environment of both builds and of the server it runs;
/// the same values keep cargo's fingerprints equal to a cargo-leptos build, so the two
/// share one target directory without rebuilding each other's work.
pub fn leptos_env(command: &mut Command) -> &mut Command {
    command
        .env("LEPTOS_OUTPUT_NAME", OUTPUT_NAME)
        .env("LEPTOS_SITE_ROOT", "target/site")
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:3000")
        .env("LEPTOS_RELOAD_PORT", "3001")
        .env("LEPTOS_LIB_DIR", "frontend")
        .env("LEPTOS_BIN_DIR", "server")
        .env("LEPTOS_JS_MINIFY", "true")
        .env("LEPTOS_HASH_FILES", "true")
        .env("LEPTOS_HASH_FILE_NAME", "hash.txt")
}

pub fn site_root() -> PathBuf {
    util::root().join("target").join("site")
}

/// The site as shipped (release WASM, optimised, hashed, precompressed), with its
/// `hash.txt` written into `server_dir`, the folder of the server binary that serves it.
pub fn build(server_dir: &Path) -> anyhow::Result<()> {
    let started = Instant::now();
    let site = site_root();
    let pkg = site.join("pkg");
    // Old hashed names must go, or the folder grows with every build.
    if site.exists() {
        for entry in fs::read_dir(&site)? {
            let path = entry?.path();
            if path.is_dir() {
                fs::remove_dir_all(&path)?;
            } else {
                fs::remove_file(&path)?;
            }
        }
    }
    fs::create_dir_all(&pkg)?;

    for (name, features) in BUNDLES {
        let wasm = build_wasm(features)?;
        bindgen(&wasm, &pkg, name)?;
        optimise(&pkg.join(format!("{name}.wasm")))?;
        minify_js(&pkg.join(format!("{name}.js")))?;
    }
    stylesheet(&pkg.join(format!("{OUTPUT_NAME}.css")))?;
    copy_public(&site)?;
    let hashes = hash_names(&pkg)?;
    fs::create_dir_all(server_dir)?;
    fs::write(
        server_dir.join("hash.txt"),
        format!(
            "js: {}\nwasm: {}\ncss: {}\nadmin_js: {}\nadmin_wasm: {}\n",
            hashes.js, hashes.wasm, hashes.css, hashes.admin_js, hashes.admin_wasm
        ),
    )?;
    precompress(&site)?;
    report_wasm_size(&pkg);
    println!("    site built in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `cargo build` of the hydrate crate in its own target folder (`<target>/front`, as
/// cargo-leptos does), so its features never unify with the server's.
///
/// The WASM is built with its own `std` and `panic = immediate-abort`: a panic in an
/// island becomes a trap, and the panic machinery (messages, formatting, unwinding
/// glue) leaves every shopper's download: 235,644 → 220,220 B with brotli, measured on
/// the same code. That takes two unstable flags the machine's one (stable) toolchain only
/// accepts with `RUSTC_BOOTSTRAP=1`, set for this build alone. `DOKKAN_WASM_STD=prebuilt`
/// builds with the shipped `std` instead, where panic messages reach the console.
fn build_wasm(features: &str) -> anyhow::Result<PathBuf> {
    step(&format!(
        "Building the WASM (wasm-release profile, {features})"
    ));
    let front = util::target_dir().join("front");
    let own_std = std::env::var("DOKKAN_WASM_STD").as_deref() != Ok("prebuilt");
    let mut cargo = util::command("cargo");
    cargo
        .args([
            "build",
            "--package=frontend",
            "--lib",
            "--target=wasm32-unknown-unknown",
            "--no-default-features",
            "--profile=wasm-release",
        ])
        .arg(format!("--features={features}"))
        .arg(format!("--target-dir={}", front.display()))
        // A caller's debug flags (erase_components) are for the server's tests only.
        .env_remove("RUSTFLAGS");
    if own_std {
        cargo
            .arg("-Zbuild-std=std,panic_abort")
            .env("RUSTC_BOOTSTRAP", "1")
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Zunstable-options -Cpanic=immediate-abort",
            );
    }
    run(leptos_env(&mut cargo))?;
    Ok(front
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join("frontend.wasm"))
}

/// The JS glue and the final WASM, as the `wasm-bindgen --target=web` CLI writes them.
fn bindgen(wasm: &Path, pkg: &Path, name: &str) -> anyhow::Result<()> {
    step("wasm-bindgen (JS glue)");
    let started = Instant::now();
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen.web(true)?;
    bindgen
        .input_path(wasm)
        .out_name(name)
        .typescript(true)
        .omit_default_module_path(false)
        .debug(false)
        .keep_debug(false)
        .demangle(true);
    bindgen
        .generate(pkg)
        .context("wasm-bindgen could not process the WASM")?;
    // Leptos' HydrationScripts asks for `<name>.wasm`, not `<name>_bg.wasm`.
    fs::rename(
        pkg.join(format!("{name}_bg.wasm")),
        pkg.join(format!("{name}.wasm")),
    )?;
    println!("    done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn optimise(wasm: &Path) -> anyhow::Result<()> {
    step("wasm-opt -Oz");
    run(util::command(tools::npm_bin("wasm-opt"))
        .args([
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .arg(wasm)
        .arg("-o")
        .arg(wasm))
}

fn minify_js(js: &Path) -> anyhow::Result<()> {
    step("Minifying the JS glue");
    run(util::command(tools::npm_bin("terser"))
        .arg(js)
        .args(["--module", "--compress", "--mangle", "--output"])
        .arg(js))
}

/// `style/main.css`, minified for the browsers of `browserquery`.
fn stylesheet(out: &Path) -> anyhow::Result<()> {
    step("Stylesheet (lightningcss)");
    run(util::command(tools::npm_bin("lightningcss"))
        .args(["--minify", "--targets", BROWSERS])
        .arg(util::root().join("style").join("main.css"))
        .arg("-o")
        .arg(out))
}

/// Every entry of `public/` into the site root; `index.html` and `pkg` are the site's own.
fn copy_public(site: &Path) -> anyhow::Result<()> {
    let public = util::root().join("public");
    for reserved in ["index.html", "pkg"] {
        if public.join(reserved).exists() {
            bail!("public/{reserved} would overwrite the built site's own");
        }
    }
    copy_dir(&public, site)
}

fn copy_dir(from: &Path, to: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

struct Hashes {
    js: String,
    wasm: String,
    css: String,
    admin_js: String,
    admin_wasm: String,
}

/// Renames every file of `pkg` (snippets excepted: the glue imports them by path) to
/// `stem.<hash>.ext`, the hash being MD5 in URL-safe base64, and points the JS glue at
/// the new names.
fn hash_names(pkg: &Path) -> anyhow::Result<Hashes> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut files = Vec::new();
    walk(pkg, &mut files)?;
    for file in files {
        let relative = file.strip_prefix(pkg)?.to_string_lossy().to_string();
        if relative.contains("snippets") {
            continue;
        }
        let hash =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Md5::digest(fs::read(&file)?));
        let stem = file
            .file_stem()
            .context("a file name")?
            .to_string_lossy()
            .to_string();
        let name = match file.extension() {
            Some(ext) => format!("{stem}.{hash}.{}", ext.to_string_lossy()),
            None => format!("{stem}.{hash}"),
        };
        let target = file.with_file_name(&name);
        fs::rename(&file, &target)?;
        let new_relative = target.strip_prefix(pkg)?.to_string_lossy().to_string();
        renamed.push((relative, new_relative));
    }
    let hash_of = |stem: &str, ext: &str| -> anyhow::Result<(String, String)> {
        let name = format!("{stem}.{ext}");
        let (_, new) = renamed
            .iter()
            .find(|(old, _)| *old == name)
            .with_context(|| format!("{name} was not built"))?;
        let hash = new
            .trim_start_matches(&format!("{stem}."))
            .rsplit_once('.')
            .map(|(hash, _)| hash.to_string())
            .context("a hashed name")?;
        Ok((new.clone(), hash))
    };
    let (js_file, js) = hash_of(OUTPUT_NAME, "js")?;
    let (_, wasm) = hash_of(OUTPUT_NAME, "wasm")?;
    let (_, css) = hash_of(OUTPUT_NAME, "css")?;
    let (admin_js_file, admin_js) = hash_of(ADMIN_NAME, "js")?;
    let (_, admin_wasm) = hash_of(ADMIN_NAME, "wasm")?;
    for glue_file in [js_file, admin_js_file] {
        let js_path = pkg.join(&glue_file);
        let mut glue = fs::read_to_string(&js_path)?;
        for (old, new) in &renamed {
            glue = glue.replace(old.as_str(), new);
        }
        fs::write(&js_path, glue)?;
    }
    Ok(Hashes {
        js,
        wasm,
        css,
        admin_js,
        admin_wasm,
    })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            walk(&entry.path(), out)?;
        } else {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(())
}

/// A `.gz` (best) and a `.br` (quality 11, window 22) beside every file of the site,
/// which the server hands to browsers that accept them.
fn precompress(site: &Path) -> anyhow::Result<()> {
    step("Precompressing the site (gzip, brotli)");
    let started = Instant::now();
    let mut files = Vec::new();
    walk(site, &mut files)?;
    for file in files {
        let name = file.to_string_lossy().to_string();
        if name.ends_with(".gz") || name.ends_with(".br") {
            continue;
        }
        let bytes = fs::read(&file)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &bytes)?;
        fs::write(format!("{name}.gz"), gz.finish()?)?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: 11,
            lgwin: 22,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut bytes.as_slice(), &mut br, &params)?;
        fs::write(format!("{name}.br"), br)?;
    }
    println!("    done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn report_wasm_size(pkg: &Path) {
    let Ok(entries) = fs::read_dir(pkg) else {
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
