//! `cargo xtask bench --events [--no-build]`: page throughput with shopper events off and
//! on. The release server is started twice on a fresh demo database, once with
//! `DOKKAN_EVENTS=off`, once with events on; wrk loads the product page (a view and two
//! impressions recorded per request) and the home page in both languages. The figures go
//! under `events` in `target/bench/report.json`.

use crate::bench::{self, Result};
use crate::{postgres, server::Server, util};
use anyhow::bail;
use serde_json::json;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut build = true;
    for arg in args.iter().filter(|a| *a != "--events") {
        match arg.as_str() {
            "--no-build" => build = false,
            other => bail!("unknown option {other:?}; `cargo xtask bench --events [--no-build]`"),
        }
    }
    if build {
        crate::tools::ensure_build_tools()?;
        crate::release::build()?;
    }
    let binary = crate::release::dokkan_binary();
    if !binary.exists() {
        bail!("--no-build: {} does not exist", binary.display());
    }
    bench::ensure_wrk()?;
    let (_, product) = util::demo_samples()?;
    let base = postgres::ensure_server()?;
    let targets = [
        ("product (en)", format!("/en/products/{product}")),
        ("product (ar)", format!("/ar/products/{product}")),
        ("home (en)", "/en/".to_string()),
    ];
    let mut runs: Vec<(&str, Vec<Result>)> = Vec::new();
    for (mode, value) in [("off", "off"), ("on", "on")] {
        let server = Server::start_fresh_with(
            &binary,
            &format!("{base}/dokkan_bench_events"),
            "dokkan_bench_events",
            false,
            &[("DOKKAN_EVENTS", value)],
        )?;
        let mut results = Vec::new();
        for (name, path) in &targets {
            util::step(&format!("events {mode}: wrk -c64 {path}"));
            let out = bench::wrk(&format!("{}{path}", server.base_url()), None)?;
            let result = bench::parse(name, path, &out)?;
            println!(
                "    {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
                result.requests_per_second, result.p50_ms, result.p99_ms
            );
            results.push(result);
        }
        server.stop()?;
        runs.push((mode, results));
    }
    println!(
        "\n{:<14} {:>12} {:>12} {:>8} {:>12} {:>12}",
        "page", "off req/s", "on req/s", "on/off", "off p99 ms", "on p99 ms"
    );
    let mut rows = Vec::new();
    for (off, on) in runs[0].1.iter().zip(&runs[1].1) {
        let ratio = on.requests_per_second / off.requests_per_second;
        println!(
            "{:<14} {:>12.0} {:>12.0} {:>7.1}% {:>12.2} {:>12.2}",
            off.name,
            off.requests_per_second,
            on.requests_per_second,
            100.0 * ratio,
            off.p99_ms,
            on.p99_ms
        );
        rows.push(json!({
            "name": off.name,
            "path": off.path,
            "off_requests_per_second": off.requests_per_second,
            "on_requests_per_second": on.requests_per_second,
            "on_over_off": ratio,
            "off_p99_ms": off.p99_ms,
            "on_p99_ms": on.p99_ms,
        }));
    }
    let path = bench::merge_report("events", json!({ "connections": 64, "results": rows }))?;
    println!("\nwrote {}", path.display());
    Ok(())
}
