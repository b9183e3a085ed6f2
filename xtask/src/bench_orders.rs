//! `cargo xtask bench --orders`: checkout under load.
//!
//! Starts the release server on a fresh database (migrated, demo-seeded), gives every
//! variant a stock no run can exhaust (so every submit can succeed and failures are the
//! server's, not the catalog's), then runs N concurrent shoppers for S seconds. Each one
//! loops over the browser's journey, as guest, over HTTP/1.1 with its own cookie jar:
//! 1. `POST /api/cart/add` one random in-stock SKU, 1–3 units;
//! 2. `GET /en/checkout` (the page with the idempotency key and the cart fingerprint);
//! 3. `POST /api/checkout/place`, cash on delivery.
//!
//! Reported: orders placed, orders/s, p50/p95/p99 of the place-order request alone and of
//! the whole three-request journey, and failed journeys by cause. A 3 s warm-up at full
//! concurrency (so the server's pool has grown) comes first and is not counted. Afterwards
//! the orders in the database must be exactly the acknowledged ones, each with its items.
//!
//! Options: `--clients N` (default 50), `--seconds S` (default 20), `--no-build` (use the
//! release binary already in the target folder, e.g. one built with
//! `cargo build -p server --release`). Figures are merged into `target/bench/report.json`
//! under `orders`. The shoppers run in this process, on the same cores as the server and
//! PostgreSQL: on a small machine they take a share of the CPU the figures are about.

use crate::{
    bench,
    latency::{round2, Latency},
    postgres,
    server::Server,
    tools,
    util::{self, step},
};
use anyhow::{bail, Context};
use reqwest::{header, redirect::Policy, StatusCode};
use serde_json::json;
use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant},
};

/// Every variant's stock for the run: more units than any run can order.
const STOCK: i64 = 1_000_000;
const WARM_UP: Duration = Duration::from_secs(3);
/// A request that takes longer counts as failed (and its journey with it).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const DATABASE: &str = "dokkan_bench_orders";
/// A shopper whose journeys fail this many times in a row stops: the server is down or
/// broken, and a tight loop of refused connections would only hide that.
const GIVE_UP_AFTER: u32 = 20;

pub struct Options {
    pub clients: usize,
    pub seconds: u64,
    pub build: bool,
}

impl Options {
    pub fn parse(args: &[String]) -> anyhow::Result<Options> {
        let mut options = Options {
            clients: 50,
            seconds: 20,
            build: true,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--orders" => {}
                "--no-build" => options.build = false,
                "--clients" => {
                    options.clients = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n| *n > 0)
                        .context("--clients takes a number above 0")?
                }
                "--seconds" => {
                    options.seconds = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n| *n > 0)
                        .context("--seconds takes a number above 0")?
                }
                other => bail!(
                    "unknown option {other:?}; `cargo xtask bench --orders [--clients N] \
                     [--seconds S] [--no-build]`"
                ),
            }
        }
        Ok(options)
    }
}

/// `sql` through `psql` against `database_url`; its unaligned, tuples-only output.
fn psql(database_url: &str, sql: &str) -> anyhow::Result<String> {
    let out = util::command("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d"])
        .arg(database_url)
        .args(["-c", sql])
        .output()
        .context("running psql")?;
    if !out.status.success() {
        bail!(
            "psql failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

fn ensure_psql() -> anyhow::Result<()> {
    if util::output(util::command("psql").arg("--version")).is_none() {
        util::apt_install(&["postgresql-client"])?;
    }
    Ok(())
}

/// A small xorshift generator: the shoppers' picks need to vary, not to be unpredictable.
struct Picks(u64);

impl Picks {
    fn new(seed: u64) -> Picks {
        // Never zero (xorshift's fixed point); spread small seeds apart.
        Picks(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// The `value` of the `<input>` named `name`, whatever the attribute order.
fn input_value(html: &str, name: &str) -> Option<String> {
    let wanted = format!("name=\"{name}\"");
    html.match_indices("<input").find_map(|(start, _)| {
        let tag = &html[start..start + html[start..].find('>')?];
        if !tag.contains(&wanted) {
            return None;
        }
        let value = tag.find("value=\"")? + "value=\"".len();
        let end = tag[value..].find('"')?;
        Some(
            tag[value..value + end]
                .replace("&quot;", "\"")
                .replace("&#x27;", "'")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        )
    })
}

/// A browser: its own connection and cookie jar (so its own guest cart).
fn browser() -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .cookie_store(true)
        // The island reads the redirect header; following it would time the order page too.
        .redirect(Policy::none())
        .timeout(REQUEST_TIMEOUT)
        .build()
        .context("building the HTTP client")
}

/// How one journey went.
enum Journey {
    Placed {
        place_ms: f64,
        journey_ms: f64,
    },
    /// The step and what it got (a status, or `transport`), as the error table shows it.
    Failed(String),
}

fn millis(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// One add → checkout page → place round.
async fn journey(
    client: &reqwest::Client,
    base: &str,
    sku: &str,
    quantity: usize,
    buyer: &str,
) -> Journey {
    let started = Instant::now();
    let added = client
        .post(format!("{base}/api/cart/add"))
        .header(header::ACCEPT, "application/json")
        .form(&[
            ("lang", "en"),
            ("sku", sku),
            ("quantity", &quantity.to_string()),
        ])
        .send()
        .await;
    match added {
        Ok(r) if r.status() == StatusCode::OK => {
            // Read the body so the connection goes back to the pool.
            if r.bytes().await.is_err() {
                return Journey::Failed("add: transport".into());
            }
        }
        Ok(r) => return Journey::Failed(format!("add: {}", r.status().as_u16())),
        Err(_) => return Journey::Failed("add: transport".into()),
    }

    let page = match client.get(format!("{base}/en/checkout")).send().await {
        Ok(r) if r.status() == StatusCode::OK => match r.text().await {
            Ok(html) => html,
            Err(_) => return Journey::Failed("checkout page: transport".into()),
        },
        Ok(r) => return Journey::Failed(format!("checkout page: {}", r.status().as_u16())),
        Err(_) => return Journey::Failed("checkout page: transport".into()),
    };
    let (Some(key), Some(fingerprint)) = (
        input_value(&page, "idempotency_key"),
        input_value(&page, "cart_fingerprint"),
    ) else {
        return Journey::Failed("checkout page: no form".into());
    };

    let form = [
        ("lang", "en"),
        ("idempotency_key", &key),
        ("cart_fingerprint", &fingerprint),
        ("contact_email", buyer),
        ("contact_phone", "01012345678"),
        ("recipient", "Mona Adel"),
        ("phone", "01012345678"),
        ("governorate", "cairo"),
        ("city", "Nasr City"),
        ("street", "Abbas El Akkad"),
        ("building", "12"),
        ("floor", ""),
        ("apartment", ""),
        ("landmark", ""),
        ("shipping_method", "standard"),
        ("payment_method", "cod"),
        ("discount_code", ""),
    ];
    let placing = Instant::now();
    let placed = client
        .post(format!("{base}/api/checkout/place"))
        .header(header::ACCEPT, "application/json")
        .form(&form)
        .send()
        .await;
    let response = match placed {
        Ok(r) => r,
        Err(_) => return Journey::Failed("place: transport".into()),
    };
    let status = response.status();
    // Success is the island's redirect to the new order's page.
    let to_order = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|l| l.contains("/orders/DK-"));
    if response.bytes().await.is_err() {
        return Journey::Failed("place: transport".into());
    }
    let place_ms = millis(placing);
    if !status.is_success() || !to_order {
        return Journey::Failed(format!("place: {}", status.as_u16()));
    }
    Journey::Placed {
        place_ms,
        journey_ms: millis(started),
    }
}

#[derive(Default)]
struct Tally {
    placed: u64,
    place_ms: Vec<f64>,
    journey_ms: Vec<f64>,
    errors: BTreeMap<String, u64>,
    /// Shoppers that stopped early after `GIVE_UP_AFTER` failures in a row.
    gave_up: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.placed += other.placed;
        self.place_ms.extend(other.place_ms);
        self.journey_ms.extend(other.journey_ms);
        for (cause, n) in other.errors {
            *self.errors.entry(cause).or_default() += n;
        }
        self.gave_up += other.gave_up;
    }

    fn failed(&self) -> u64 {
        self.errors.values().sum()
    }
}

/// One shopper's loop until `until`; the journey under way then is finished and counted.
async fn shopper(
    id: usize,
    phase: &'static str,
    base: Arc<String>,
    skus: Arc<Vec<String>>,
    until: Instant,
) -> anyhow::Result<Tally> {
    let mut picks = Picks::new(id as u64 + 1);
    let mut client = browser()?;
    let mut tally = Tally::default();
    let mut n = 0;
    let mut failed_in_a_row = 0;
    while Instant::now() < until {
        n += 1;
        let sku = &skus[picks.below(skus.len())];
        let quantity = 1 + picks.below(3);
        let buyer = format!("{phase}-{id}-{n}@example.com");
        match journey(&client, &base, sku, quantity, &buyer).await {
            Journey::Placed {
                place_ms,
                journey_ms,
            } => {
                tally.placed += 1;
                tally.place_ms.push(place_ms);
                tally.journey_ms.push(journey_ms);
                failed_in_a_row = 0;
            }
            Journey::Failed(cause) => {
                *tally.errors.entry(cause).or_default() += 1;
                failed_in_a_row += 1;
                if failed_in_a_row == GIVE_UP_AFTER {
                    tally.gave_up = 1;
                    break;
                }
                // A failed journey may leave lines in the cart: the next one starts as a
                // new browser with an empty cart, so one failure does not become many.
                client = browser()?;
            }
        }
    }
    Ok(tally)
}

/// `clients` shoppers at once for `duration`; the tally and the time until the last one
/// finished.
fn run_phase(
    runtime: &tokio::runtime::Runtime,
    phase: &'static str,
    clients: usize,
    duration: Duration,
    base: &str,
    skus: &[String],
) -> anyhow::Result<(Tally, Duration)> {
    let base = Arc::new(base.to_string());
    let skus = Arc::new(skus.to_vec());
    let (tally, elapsed) = runtime.block_on(async {
        let started = Instant::now();
        let until = started + duration;
        let tasks: Vec<_> = (0..clients)
            .map(|id| tokio::spawn(shopper(id, phase, base.clone(), skus.clone(), until)))
            .collect();
        let mut tally = Tally::default();
        for task in tasks {
            tally.add(task.await.context("a shopper panicked")??);
        }
        Ok::<_, anyhow::Error>((tally, started.elapsed()))
    })?;
    if tally.gave_up > 0 {
        let causes: Vec<String> = tally
            .errors
            .iter()
            .map(|(cause, n)| format!("{cause} × {n}"))
            .collect();
        bail!(
            "{phase}: {} shoppers stopped after {GIVE_UP_AFTER} failed journeys in a row \
             ({}); is the server still running?",
            tally.gave_up,
            causes.join(", ")
        );
    }
    Ok((tally, elapsed))
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let options = Options::parse(args)?;
    if options.build {
        tools::ensure_build_tools()?;
        crate::release::build()?;
    } else if !crate::release::dokkan_binary().exists() {
        bail!(
            "--no-build: {} does not exist (`cargo build -p server --release`)",
            crate::release::dokkan_binary().display()
        );
    }
    ensure_psql()?;
    let base = postgres::ensure_server()?;
    let database_url = format!("{base}/{DATABASE}");
    let server = Server::start_fresh(
        &crate::release::dokkan_binary(),
        &database_url,
        DATABASE,
        false,
    )?;

    step(&format!("Stock of every variant set to {STOCK}"));
    psql(
        &database_url,
        &format!("UPDATE product_variants SET stock = {STOCK}"),
    )?;
    let skus: Vec<String> = psql(
        &database_url,
        "SELECT v.sku FROM product_variants v JOIN products p ON p.id = v.product_id \
          WHERE p.published AND v.stock > 0 ORDER BY v.id",
    )?
    .lines()
    .map(str::to_string)
    .collect();
    if skus.is_empty() {
        bail!("the demo catalog has no published variant in stock");
    }
    println!("    {} SKUs to choose from", skus.len());

    // The shoppers' own threads: one per core, as many as the server gets.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the shoppers' runtime")?;
    let url = server.base_url();
    step(&format!(
        "Warm-up: {} shoppers for {} s (not counted)",
        options.clients,
        WARM_UP.as_secs()
    ));
    let log = || format!("server log: {}", server.log.display());
    let (warm_up, _) =
        run_phase(&runtime, "warm-up", options.clients, WARM_UP, &url, &skus).with_context(log)?;
    println!(
        "    {} orders, {} failed journeys",
        warm_up.placed,
        warm_up.failed()
    );
    step(&format!(
        "{} shoppers for {} s: add to cart → checkout page → place order (cash on delivery)",
        options.clients, options.seconds
    ));
    let (tally, elapsed) = run_phase(
        &runtime,
        "measured",
        options.clients,
        Duration::from_secs(options.seconds),
        &url,
        &skus,
    )
    .with_context(log)?;

    // Every acknowledged order is in the database, whole, and nothing else is.
    let in_database: u64 = psql(&database_url, "SELECT count(*) FROM orders")?
        .parse()
        .context("counting orders")?;
    let without_items: u64 = psql(
        &database_url,
        "SELECT count(*) FROM orders o \
          WHERE NOT EXISTS (SELECT 1 FROM order_items i WHERE i.order_id = o.id)",
    )?
    .parse()
    .context("counting orders without items")?;
    server.stop()?;

    let acknowledged = warm_up.placed + tally.placed;
    let orders_per_second = tally.placed as f64 / elapsed.as_secs_f64();
    let place = Latency::of(tally.place_ms.clone());
    let whole = Latency::of(tally.journey_ms.clone());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    println!(
        "\ncheckout, {} shoppers for {:.1} s on {cores} cores: {} orders, {:.1} orders/s, \
         {} failed journeys",
        options.clients,
        elapsed.as_secs_f64(),
        tally.placed,
        orders_per_second,
        tally.failed()
    );
    println!(
        "\n{:<28} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "", "samples", "p50 ms", "p95 ms", "p99 ms", "mean ms", "max ms"
    );
    for (name, l) in [
        ("place order (POST)", &place),
        ("journey (3 requests)", &whole),
    ] {
        println!(
            "{:<28} {:>8} {:>8.1} {:>8.1} {:>8.1} {:>8.1} {:>8.1}",
            name, l.samples, l.p50, l.p95, l.p99, l.mean, l.max
        );
    }
    for (cause, n) in &tally.errors {
        println!("failed: {cause} × {n}");
    }
    let verified = in_database == acknowledged && without_items == 0;
    println!(
        "\ndatabase: {in_database} orders for {acknowledged} acknowledged (warm-up included), \
         {without_items} without items: {}",
        if verified { "consistent" } else { "MISMATCH" }
    );

    let report = json!({
        "clients": options.clients,
        "seconds": round2(elapsed.as_secs_f64()),
        "warm_up_seconds": WARM_UP.as_secs(),
        "cores": cores,
        "journey": "POST /api/cart/add, GET /en/checkout, POST /api/checkout/place (cod)",
        "orders": tally.placed,
        "orders_per_second": round2(orders_per_second),
        "failed_journeys": tally.failed(),
        "errors": tally.errors,
        "place_order": place.json(),
        "whole_journey": whole.json(),
        "database": {
            "orders": in_database,
            "acknowledged": acknowledged,
            "orders_without_items": without_items,
            "consistent": verified,
        },
    });
    let path = bench::merge_report("orders", report)?;
    println!("\nwrote {}", path.display());
    if !verified {
        bail!(
            "the database holds {in_database} orders ({without_items} without items) for \
             {acknowledged} acknowledged"
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse() {
        let args: Vec<String> = ["--orders", "--clients", "8", "--seconds", "5", "--no-build"]
            .map(String::from)
            .to_vec();
        let o = Options::parse(&args).unwrap();
        assert_eq!((o.clients, o.seconds, o.build), (8, 5, false));
        let o = Options::parse(&["--orders".to_string()]).unwrap();
        assert_eq!((o.clients, o.seconds, o.build), (50, 20, true));
        assert!(Options::parse(&["--clients".to_string(), "0".to_string()]).is_err());
        assert!(Options::parse(&["--large".to_string()]).is_err());
    }

    #[test]
    fn reads_hidden_inputs_in_any_attribute_order() {
        let html = r#"<input value="a&amp;b" type="hidden" name="idempotency_key"/>
            <input type="hidden" name="cart_fingerprint" value="12x2@15000">"#;
        assert_eq!(input_value(html, "idempotency_key").as_deref(), Some("a&b"));
        assert_eq!(
            input_value(html, "cart_fingerprint").as_deref(),
            Some("12x2@15000")
        );
        assert_eq!(input_value(html, "lang"), None);
    }

    #[test]
    fn picks_stay_in_range_and_vary() {
        let mut picks = Picks::new(1);
        let drawn: Vec<usize> = (0..200).map(|_| picks.below(7)).collect();
        assert!(drawn.iter().all(|&n| n < 7));
        assert_eq!(
            drawn
                .iter()
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            7
        );
    }
}
