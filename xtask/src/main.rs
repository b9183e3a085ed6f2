//! `cargo xtask <command>`: the project's set-up and checks, runnable on a fresh Debian
//! machine with only Rust installed. Everything it needs it installs, pinned.
//!
//! - `run`   build in release, bring up PostgreSQL, migrate, seed, serve on :3000
//! - `build` release build: `target/release/dokkan` + the site in `target/site`
//! - `site`  the site alone (release WASM), its `hash.txt` beside `target/debug/dokkan`
//! - `test`  fmt, clippy, unit + database tests, Playwright against the release build
//! - `bench` load-test the release server, write `target/bench/report.json`;
//!   `bench --large` search and category pages on 100,000 generated products
//! - `lighthouse` Lighthouse scores (mobile) for home and product pages in both locales

mod bench;
mod bench_events;
mod bench_large;
mod bench_orders;
mod latency;
mod lighthouse;
mod postgres;
mod release;
mod server;
mod site;
mod test;
mod tools;
mod util;

use anyhow::bail;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = args.first().map(String::as_str).unwrap_or("help");
    match command {
        "run" => run(),
        "build" => {
            tools::ensure_build_tools()?;
            release::build()
        }
        "test" => test::all(),
        // The site alone, for the debug server (`target/debug/dokkan`).
        "site" => {
            tools::ensure_build_tools()?;
            site::build(&util::target_dir().join("debug"))
        }
        "bench" => bench::run(&args[1..]),
        "lighthouse" => lighthouse::run(),
        "help" | "-h" | "--help" => {
            println!(
                "usage: cargo xtask <run | build | site | test | bench [--large | --orders] | lighthouse>"
            );
            Ok(())
        }
        other => bail!("unknown command {other:?}; try `cargo xtask help`"),
    }
}

fn run() -> anyhow::Result<()> {
    tools::ensure_build_tools()?;
    release::build_demo()?;
    let database_url = postgres::ensure("dokkan")?;
    let dokkan = release::dokkan_binary();
    util::step("Migrating and seeding the database");
    util::run(
        util::dokkan(&dokkan)
            .arg("migrate")
            .env("DATABASE_URL", &database_url),
    )?;
    util::run(
        util::dokkan(&dokkan)
            .args(["seed", "--if-empty"])
            .env("DATABASE_URL", &database_url),
    )?;
    let addr = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
    let mail_dir = std::env::var_os("DOKKAN_MAIL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| util::root().join("target").join("mail"));
    util::step(&format!(
        "Serving the shop on http://{addr} (Ctrl-C to stop)\n    \
         mail (verification and password-reset links) is written to {}\n    \
         first admin: `target/release/dokkan create-admin you@example.com` (same DATABASE_URL)\n    \
         card payments go to the local fake provider at /fake-provider (Pay / Decline buttons)",
        mail_dir.display()
    ));
    let status = util::dokkan(&dokkan)
        .arg("serve")
        .env("DATABASE_URL", &database_url)
        .env("DOKKAN_MAIL_DIR", &mail_dir)
        .env("LEPTOS_SITE_ADDR", &addr)
        .env(
            "DOKKAN_FAKE_CARD_PROVIDER",
            std::env::var("DOKKAN_FAKE_CARD_PROVIDER").unwrap_or_else(|_| "1".into()),
        )
        .status()?;
    if !status.success() {
        bail!("dokkan exited with {status}");
    }
    Ok(())
}
