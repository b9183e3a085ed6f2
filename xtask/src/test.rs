//! `cargo xtask test`: every check the project has, each runner's own summary printed,
//! each stage timed (tool installs included), non-zero exit when any stage fails.

use crate::{
    postgres,
    server::Server,
    site, tools,
    util::{self, run, step},
};
use std::time::Instant;

/// Debug builds erase Leptos' view types (as `cargo leptos watch` does): without it one
/// test binary is ~700 MB and the debug target several GB.
fn cargo_debug() -> std::process::Command {
    let mut flags = std::env::var("RUSTFLAGS").unwrap_or_default();
    if !flags.contains("erase_components") {
        flags = format!("{flags} --cfg erase_components").trim().to_string();
    }
    let mut command = util::command("cargo");
    command.env("RUSTFLAGS", flags);
    command
}

struct Stage {
    name: &'static str,
    ok: bool,
    seconds: f64,
}

fn stage(
    stages: &mut Vec<Stage>,
    name: &'static str,
    body: impl FnOnce() -> anyhow::Result<()>,
) -> bool {
    step(name);
    let started = Instant::now();
    let result = body();
    if let Err(error) = &result {
        println!("    FAILED: {error:#}");
    }
    let ok = result.is_ok();
    stages.push(Stage {
        name,
        ok,
        seconds: started.elapsed().as_secs_f64(),
    });
    ok
}

pub fn all() -> anyhow::Result<()> {
    let started = Instant::now();
    let mut stages = Vec::new();

    stage(&mut stages, "cargo fmt --check", || {
        run(util::command("cargo").args(["fmt", "--all", "--check"]))
    });
    let tools_ok = stage(&mut stages, "build tools (rustup target, npm)", || {
        tools::ensure_build_tools()
    });
    let browser_ok = stage(&mut stages, "browser and Playwright (apt, npm)", || {
        tools::ensure_chromium()?;
        ensure_playwright()
    });
    stage(
        &mut stages,
        "cargo clippy (server side, all targets)",
        || {
            run(cargo_debug().args([
                "clippy",
                "--workspace",
                "--exclude",
                "frontend",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]))
        },
    );
    if tools_ok {
        stage(&mut stages, "cargo clippy (browser side, wasm32)", || {
            run(cargo_debug().args([
                "clippy",
                "-p",
                "frontend",
                "--features",
                "hydrate",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ]))
        });
    }
    // One debug build serves the tests and the browser tests: the `dokkan` binary that
    // `cargo test` builds for the server's integration tests is the server Playwright
    // drives. Behaviour is what those tests check; speed is the benchmarks' business.
    let runner = TestRunner::detect();
    let tests_built = stage(&mut stages, "build tests and the debug server", || {
        run(&mut runner.build())
    });
    let server = postgres::ensure_server();
    if tests_built {
        stage(&mut stages, runner.stage_name(), || {
            // #[sqlx::test] makes a fresh database per test on this server; `postgres` is
            // only its bookkeeping connection.
            let server = server.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
            run(runner
                .run()
                .env("DATABASE_URL", format!("{server}/postgres")))
        });
    }
    // The WASM the browser loads is the shipped kind: release profile, wasm-opt, hashed.
    let site_built = tools_ok
        && stage(&mut stages, "site (release WASM, CSS, hashes)", || {
            site::build(&debug_dir())
        });
    if tests_built && site_built && browser_ok {
        stage(&mut stages, "browser tests (Playwright, Chromium)", || {
            let server = server.as_ref().map_err(|e| anyhow::anyhow!("{e:#}"))?;
            playwright(&format!("{server}/dokkan_e2e"))
        });
    }

    println!("\n==> Summary");
    for s in &stages {
        println!(
            "    {} {:<45} {:>6.1} s",
            if s.ok { "PASS" } else { "FAIL" },
            s.name,
            s.seconds
        );
    }
    println!(
        "    {:<50} {:>6.1} s",
        "total",
        started.elapsed().as_secs_f64()
    );
    let failed = stages.iter().filter(|s| !s.ok).count();
    let skipped = !(tests_built && site_built && browser_ok);
    println!(
        "stages: {} passed, {} failed",
        stages.len() - failed,
        failed
    );
    if failed > 0 || skipped {
        std::process::exit(1);
    }
    Ok(())
}

/// Where `cargo test` leaves its binaries (and so the site's `hash.txt` for them).
fn debug_dir() -> std::path::PathBuf {
    util::target_dir().join("debug")
}

/// cargo-nextest where the machine has it (each test binary's tests run side by side
/// with the others', so the slow database tests overlap); `cargo test` otherwise.
enum TestRunner {
    Nextest,
    CargoTest,
}

impl TestRunner {
    fn detect() -> TestRunner {
        if util::output(util::command("cargo").args(["nextest", "--version"])).is_some() {
            TestRunner::Nextest
        } else {
            TestRunner::CargoTest
        }
    }

    fn stage_name(&self) -> &'static str {
        match self {
            TestRunner::Nextest => "unit and database tests (cargo nextest)",
            TestRunner::CargoTest => "unit and database tests (cargo test)",
        }
    }

    /// The runner over the workspace (the browser crate is checked by its own clippy).
    fn command(&self) -> std::process::Command {
        let mut command = cargo_debug();
        match self {
            TestRunner::Nextest => command.args(["nextest", "run"]),
            TestRunner::CargoTest => command.arg("test"),
        };
        command.args(["--workspace", "--exclude", "frontend"]);
        command
    }

    fn build(&self) -> std::process::Command {
        let mut command = self.command();
        command.arg("--no-run");
        command
    }

    /// Every failure listed at the end, not only the first binary's.
    fn run(&self) -> std::process::Command {
        let mut command = self.command();
        command.arg("--no-fail-fast");
        if let TestRunner::Nextest = self {
            command.args(["--failure-output", "final"]);
        }
        command
    }
}

fn ensure_playwright() -> anyhow::Result<()> {
    tools::ensure_node()?;
    let e2e = util::root().join("end2end");
    let lock = e2e.join("package-lock.json");
    let installed = e2e.join("node_modules").join(".package-lock.json");
    let stale = match (std::fs::metadata(&lock), std::fs::metadata(&installed)) {
        (Ok(lock), Ok(installed)) => lock.modified()? > installed.modified()?,
        _ => true,
    };
    if stale {
        step("Installing Playwright and axe-core from npm (no browser download)");
        run(util::command("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
    }
    Ok(())
}

fn playwright(database_url: &str) -> anyhow::Result<()> {
    let dokkan = debug_dir().join("dokkan");
    let server = Server::start_fresh(&dokkan, database_url, "dokkan_e2e", true)?;
    // Staff journeys (moving an order along) sign in as this admin.
    const ADMIN_EMAIL: &str = "e2e-admin@example.com";
    const ADMIN_PASSWORD: &str = "e2e admin password 1";
    run(util::dokkan(&dokkan)
        .args(["create-admin", ADMIN_EMAIL, "--name", "E2E Admin"])
        .env("DATABASE_URL", database_url)
        .env("DOKKAN_ADMIN_PASSWORD", ADMIN_PASSWORD))?;
    let result = run(util::command("npx")
        .args(["playwright", "test"])
        .current_dir(util::root().join("end2end"))
        .env("DOKKAN_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("DOKKAN_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("DOKKAN_BASE_URL", server.base_url())
        .env("DOKKAN_MAIL_DIR", &server.mail_dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    let stopped = server.stop();
    result?;
    stopped
}
