//! `cargo xtask bench`: the release server on a seeded database under wrk, 64 connections.
//! Prints requests/s and p50/p99 per page and each page's throughput relative to
//! `/health`; writes `target/bench/report.json`.
//!
//! `cargo xtask bench --large [--products N] [--seed S] [--no-build]` runs the large-catalog
//! benchmark instead (`bench_large.rs`): 100,000 generated bilingual products, search
//! p50/p95/p99 in Arabic and English, category pages under wrk. It adds its figures to the
//! same report under `large_catalog`; each command keeps the others' parts of the file.
//!
//! `cargo xtask bench --events [--no-build]` compares page throughput with shopper events
//! off and on (`bench_events.rs`); its figures go under `events`.
//!
//! `cargo xtask bench --orders [--clients N] [--seconds S] [--no-build]` runs the checkout
//! benchmark (`bench_orders.rs`): concurrent guests adding to their cart, opening the
//! checkout page and placing cash-on-delivery orders; its figures go under `orders`.

use crate::{
    postgres,
    server::Server,
    tools,
    util::{self, step},
};
use anyhow::{bail, Context};
use serde_json::json;

// Declared here rather than in main.rs: it is one of this command's modes, like `--large`.

const CONNECTIONS: &str = "64";
const DURATION: &str = "10s";

pub struct Result {
    pub name: String,
    pub path: String,
    pub requests_per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    if args.iter().any(|a| a == "--large") {
        return crate::bench_large::run(args);
    }
    if args.iter().any(|a| a == "--orders") {
        return crate::bench_orders::run(args);
    }
    if args.iter().any(|a| a == "--events") {
        return crate::bench_events::run(args);
    }
    if let Some(other) = args.first() {
        bail!(
            "unknown option {other:?}; `cargo xtask bench [--large … | --orders … | --events …]`"
        );
    }
    tools::ensure_build_tools()?;
    crate::release::build()?;
    ensure_wrk()?;
    let (category, product) = util::demo_samples()?;
    let base = postgres::ensure_server()?;
    let server = Server::start_fresh(
        &crate::release::dokkan_binary(),
        &format!("{base}/dokkan_bench"),
        "dokkan_bench",
        false,
    )?;
    let targets = [
        ("health", "/health".to_string()),
        ("home (en)", "/en/".to_string()),
        ("home (ar)", "/ar/".to_string()),
        ("category (ar)", format!("/ar/categories/{category}")),
        ("product (ar)", format!("/ar/products/{product}")),
        ("product (en)", format!("/en/products/{product}")),
    ];
    let mut results = Vec::new();
    for (name, path) in targets {
        step(&format!("wrk -c{CONNECTIONS} -d{DURATION} {path}"));
        let out = wrk(&format!("{}{path}", server.base_url()), None)?;
        let result = parse(name, &path, &out)?;
        println!(
            "    {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
            result.requests_per_second, result.p50_ms, result.p99_ms
        );
        results.push(result);
    }
    let sign_in = sign_in_latency(&server.base_url())?;
    step(&format!("wrk -c{CONNECTIONS} -d{DURATION} /en/ signed in"));
    let cookie = format!("Cookie: dokkan_at={}", sign_in.access_token);
    let out = wrk(&format!("{}/en/", server.base_url()), Some(&cookie))?;
    results.push(parse("home (en), signed in", "/en/", &out)?);
    server.stop()?;

    let health = results[0].requests_per_second;
    println!(
        "\n{:<16} {:>10} {:>9} {:>9} {:>9}",
        "page", "req/s", "p50 ms", "p99 ms", "vs health"
    );
    for r in &results {
        println!(
            "{:<16} {:>10.0} {:>9.2} {:>9.2} {:>8.1}%",
            r.name,
            r.requests_per_second,
            r.p50_ms,
            r.p99_ms,
            100.0 * r.requests_per_second / health
        );
    }
    println!(
        "\nsign-in (argon2id verify + session), {} sequential: p50 {:.1} ms, p95 {:.1} ms",
        sign_in.samples, sign_in.p50_ms, sign_in.p95_ms
    );
    println!(
        "failed sign-in p50: wrong password {:.1} ms, unknown email {:.1} ms",
        sign_in.wrong_password_p50, sign_in.unknown_email_p50
    );
    let report = json!({
        "tool": "wrk",
        "sign_in": {
            "samples": sign_in.samples,
            "p50_ms": sign_in.p50_ms,
            "p95_ms": sign_in.p95_ms,
            "failed_wrong_password_p50_ms": sign_in.wrong_password_p50,
            "failed_unknown_email_p50_ms": sign_in.unknown_email_p50,
        },
        "connections": 64,
        "duration": DURATION,
        "cores": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "results": results.iter().map(|r| json!({
            "name": r.name,
            "path": r.path,
            "requests_per_second": r.requests_per_second,
            "p50_ms": r.p50_ms,
            "p99_ms": r.p99_ms,
            "ratio_to_health": r.requests_per_second / health,
        })).collect::<Vec<_>>(),
    });
    let path = write_report(report, &["large_catalog", "orders", "events"])?;
    println!("\nwrote {}", path.display());
    Ok(())
}

pub fn ensure_wrk() -> anyhow::Result<()> {
    if util::output(util::command("wrk").arg("--version")).is_none()
        && !std::process::Command::new("sh")
            .args(["-c", "command -v wrk"])
            .status()?
            .success()
    {
        util::apt_install(&["wrk"])?;
    }
    Ok(())
}

fn report_path() -> std::path::PathBuf {
    util::root()
        .join("target")
        .join("bench")
        .join("report.json")
}

fn read_report() -> serde_json::Map<String, serde_json::Value> {
    std::fs::read_to_string(report_path())
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Writes `report`, keeping the `keep` entries of the report already there.
fn write_report(
    mut report: serde_json::Value,
    keep: &[&str],
) -> anyhow::Result<std::path::PathBuf> {
    let old = read_report();
    if let Some(object) = report.as_object_mut() {
        for key in keep {
            if let Some(value) = old.get(*key) {
                object.insert(key.to_string(), value.clone());
            }
        }
    }
    let path = report_path();
    std::fs::create_dir_all(path.parent().context("report folder")?)?;
    std::fs::write(&path, serde_json::to_string_pretty(&report)?)?;
    Ok(path)
}

/// Sets `key` in the report already there (or a new one), leaving the rest as it was.
pub fn merge_report(key: &str, value: serde_json::Value) -> anyhow::Result<std::path::PathBuf> {
    let mut report = read_report();
    report.insert(key.to_string(), value);
    // Nothing to keep on top: `report` already holds every other entry, and keeping `key`
    // would put its old value back over the new one.
    write_report(serde_json::Value::Object(report), &[])
}

pub fn parse(name: &str, path: &str, out: &str) -> anyhow::Result<Result> {
    let (result, failures) = parse_with_failures(name, path, out)?;
    if failures.non_2xx > 0 {
        bail!("{path}: {} responses were errors", failures.non_2xx);
    }
    Ok(result)
}

/// Answers wrk counted as failed: error statuses, and requests that got no answer
/// within wrk's 2 s timeout.
#[derive(Default)]
pub struct Failures {
    pub non_2xx: u64,
    pub timeouts: u64,
}

/// Like `parse`, but error answers are counted instead of failing the run.
pub fn parse_with_failures(
    name: &str,
    path: &str,
    out: &str,
) -> anyhow::Result<(Result, Failures)> {
    let mut rps = None;
    let (mut p50, mut p99) = (None, None);
    let mut failures = Failures::default();
    for line in out.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["Requests/sec:", value] => rps = value.parse().ok(),
            ["50%", value] => p50 = millis(value),
            ["99%", value] => p99 = millis(value),
            ["Non-2xx", "or", "3xx", "responses:", n] => failures.non_2xx = n.parse().unwrap_or(0),
            ["Socket", "errors:", .., "timeout", n] => failures.timeouts = n.parse().unwrap_or(0),
            _ => {}
        }
    }
    let result = Result {
        name: name.to_string(),
        path: path.to_string(),
        requests_per_second: rps.context("wrk printed no Requests/sec")?,
        p50_ms: p50.context("wrk printed no 50% latency")?,
        p99_ms: p99.context("wrk printed no 99% latency")?,
    };
    Ok((result, failures))
}

fn millis(value: &str) -> Option<f64> {
    let split = value.find(|c: char| c.is_ascii_alphabetic())?;
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    Some(match unit {
        "us" => number / 1000.0,
        "ms" => number,
        "s" => number * 1000.0,
        "m" => number * 60_000.0,
        _ => return None,
    })
}

struct SignIn {
    samples: usize,
    p50_ms: f64,
    p95_ms: f64,
    wrong_password_p50: f64,
    unknown_email_p50: f64,
    access_token: String,
}

/// Registers one shopper, then signs in sequentially with curl and times each answer.
fn sign_in_latency(base: &str) -> anyhow::Result<SignIn> {
    const SAMPLES: usize = 40;
    step(&format!("{SAMPLES} sequential sign-ins"));
    let email = "bench-shopper@example.com";
    let password = "Bench-Shopper-Passphrase-2026";
    let post = |path: &str, fields: &[(&str, &str)], format: &str| {
        let mut command = util::command("curl");
        command.args(["-s", "-o", "/dev/null", "-D", "-", "-w", format]);
        command.args(["-H", "Accept: application/json"]);
        for (name, value) in fields {
            command.args(["--data-urlencode", &format!("{name}={value}")]);
        }
        command.arg(format!("{base}{path}"));
        util::output(&mut command).context("curl failed")
    };
    post(
        "/api/account/register",
        &[
            ("lang", "en"),
            ("name", "Bench Shopper"),
            ("email", email),
            ("password", password),
            ("phone", ""),
            ("preferred_locale", "en"),
        ],
        "",
    )?;
    let fields = [
        ("lang", "en"),
        ("email", email),
        ("password", password),
        ("next", ""),
    ];
    let mut times = Vec::with_capacity(SAMPLES);
    let mut access_token = String::new();
    for _ in 0..SAMPLES {
        let out = post("/api/account/sign-in", &fields, "\ntime=%{time_total}")?;
        let time = millis_taken(&out)?;
        access_token = out
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with("set-cookie: dokkan_at="))
            .and_then(|l| l.split_once('=').map(|(_, rest)| rest))
            .and_then(|rest| rest.split(';').next())
            .context("sign-in set no access cookie")?
            .to_string();
        times.push(time);
    }
    times.sort_by(|a, b| a.total_cmp(b));
    // Failures must not tell which emails have accounts: a wrong password for a real
    // account and any password for an unknown email should take the same time. Five of
    // each stays under the per-account and per-address limits.
    let failure_p50 = |email: &dyn Fn(usize) -> String| -> anyhow::Result<f64> {
        let mut times = Vec::new();
        for i in 0..5 {
            let email = email(i);
            let fields = [
                ("lang", "en"),
                ("email", email.as_str()),
                ("password", "Wrong-Guess-12345"),
                ("next", ""),
            ];
            let out = post("/api/account/sign-in", &fields, "\ntime=%{time_total}")?;
            times.push(millis_taken(&out)?);
        }
        times.sort_by(|a, b| a.total_cmp(b));
        Ok(times[2])
    };
    let wrong_password_p50 = failure_p50(&|_| email.to_string())?;
    let unknown_email_p50 = failure_p50(&|i| format!("nobody-{i}@example.com"))?;
    Ok(SignIn {
        samples: SAMPLES,
        p50_ms: times[SAMPLES / 2],
        p95_ms: times[SAMPLES * 95 / 100],
        wrong_password_p50,
        unknown_email_p50,
        access_token,
    })
}

/// A 3 s warm-up at full concurrency (so the pool has grown), then the measured run.
pub fn wrk(url: &str, header: Option<&str>) -> anyhow::Result<String> {
    let mut args = vec!["-t2", "-c", CONNECTIONS];
    if let Some(header) = header {
        args.extend(["-H", header]);
    }
    util::output(util::command("wrk").args(&args).args(["-d3s", url]));
    util::output(
        util::command("wrk")
            .args(&args)
            .args(["-d", DURATION, "--latency", url]),
    )
    .context("wrk failed")
}

/// The `time=` line curl printed with `-w`, in milliseconds.
fn millis_taken(out: &str) -> anyhow::Result<f64> {
    out.lines()
        .find_map(|l| l.strip_prefix("time="))
        .and_then(|t| t.trim().parse::<f64>().ok())
        .map(|seconds| seconds * 1000.0)
        .context("curl printed no time")
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_wrk_output() {
        let out = "  Latency Distribution\n     50%  812.00us\n     75%    1.20ms\n     90%    2.00ms\n     99%    4.51ms\n  1000 requests in 10.00s, 1.00MB read\nRequests/sec:  12345.67\nTransfer/sec:      1.00MB\n";
        let r = super::parse("x", "/", out).unwrap();
        assert_eq!(r.requests_per_second, 12345.67);
        assert!((r.p50_ms - 0.812).abs() < 1e-9);
        assert_eq!(r.p99_ms, 4.51);
        assert!(super::parse("x", "/", "Non-2xx or 3xx responses: 5\nRequests/sec: 1\n").is_err());
        let out = format!("{out}  Socket errors: connect 0, read 0, write 0, timeout 7\nNon-2xx or 3xx responses: 3\n");
        let (_, failures) = super::parse_with_failures("x", "/", &out).unwrap();
        assert_eq!((failures.non_2xx, failures.timeouts), (3, 7));
    }
}
