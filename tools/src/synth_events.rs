//! `dokkan-tools synth-events`: a synthetic shopping history over the shop's own catalog
//! (`dokkan_recommend::synth`: favourite categories and a price band per visitor, skewed
//! popularity, companions bought together), written as the CSV `dokkan events import`
//! reads, so `dokkan recommend evaluate` can be judged on a log with a known structure.

use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use dokkan_recommend::synth;
use sqlx::PgPool;

#[derive(clap::Args)]
pub struct Args {
    /// Where to write the CSV (`-` for standard output).
    #[arg(long, default_value = "-")]
    out: String,
    #[arg(long, default_value_t = 3000)]
    visitors: usize,
    /// Days the history spans, ending now.
    #[arg(long, default_value_t = 120)]
    days: i64,
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

pub async fn run(pool: &PgPool, args: &Args) -> anyhow::Result<()> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT handle, category_id, price_minor FROM products WHERE published ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    anyhow::ensure!(!rows.is_empty(), "the catalog has no published products");
    // Dense category indices, as the generator expects.
    let mut categories: Vec<i64> = rows.iter().map(|r| r.1).collect();
    categories.sort_unstable();
    categories.dedup();
    let items: Vec<synth::Item> = rows
        .iter()
        .map(|(_, category, price)| synth::Item {
            category: categories.binary_search(category).unwrap_or(0) as u32,
            price_minor: *price,
        })
        .collect();
    let start = Utc::now().timestamp() - args.days * 86_400;
    let log = synth::generate(
        &items,
        &synth::Params {
            visitors: args.visitors,
            days: args.days,
            seed: args.seed,
            start,
            ..synth::Params::default()
        },
    );
    let mut out: Box<dyn Write> = if args.out == "-" {
        Box::new(std::io::stdout().lock())
    } else {
        Box::new(std::fs::File::create(&args.out)?)
    };
    let mut out = std::io::BufWriter::new(&mut out);
    writeln!(out, "visitor_id,handle,event,ts")?;
    let mut events = log.interactions;
    events.sort_by_key(|e| e.at);
    for e in &events {
        let at = DateTime::from_timestamp(e.at, 0).unwrap_or_default();
        writeln!(
            out,
            "s{},{},{},{}",
            e.visitor,
            rows[e.item as usize].0,
            e.signal.name(),
            at.to_rfc3339_opts(SecondsFormat::Secs, true)
        )?;
    }
    out.flush()?;
    eprintln!(
        "{} events by {} visitors over {} products",
        events.len(),
        args.visitors,
        rows.len()
    );
    Ok(())
}
