//! `dokkan-tools bench-recommend`: training time and serving latency of the recommenders
//! on a synthetic log of a given size, in memory (no database), so the figures are the
//! models' own: `--events 100000`, `--events 5000000`.

use std::time::Instant;

use dokkan_recommend::evaluate::visitor_from;
use dokkan_recommend::{synth, Catalog, ItemList, Model, Models};

#[derive(clap::Args)]
pub struct Args {
    /// Events in the log (about; visitors are scaled to reach it).
    #[arg(long, default_value_t = 100_000)]
    events: usize,
    /// Products in the catalog.
    #[arg(long, default_value_t = 5_000)]
    products: usize,
    /// Recommendation lists timed for serving.
    #[arg(long, default_value_t = 20_000)]
    lists: usize,
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

pub fn run(args: &Args) -> anyhow::Result<()> {
    let categories = (args.products / 200).clamp(8, 60);
    let (items, texts) = synth::catalog(args.products, categories, 1);
    // The generator averages about 18 events a visitor.
    let visitors = (args.events / 18).max(10);
    let started = Instant::now();
    let log = synth::generate(
        &items,
        &synth::Params {
            visitors,
            ..synth::Params::default()
        },
    );
    println!(
        "log: {} events, {} visitors, {} products ({:.1} s to generate)",
        log.interactions.len(),
        visitors,
        args.products,
        started.elapsed().as_secs_f64()
    );
    let catalog = Catalog {
        category_of: items.iter().map(|i| i.category).collect(),
        texts,
    };
    let started = Instant::now();
    let models = Models::train(&log, &catalog);
    let training = started.elapsed().as_secs_f64();
    println!(
        "training, every model: {training:.2} s on {} cores",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    // Serving: "for you" (the blend) and the product page's two lists, for real visitors'
    // histories from the log.
    let by_visitor = log.by_visitor();
    let now = log.now();
    let mut for_you = Vec::with_capacity(args.lists);
    let mut product = Vec::with_capacity(args.lists);
    let empty = std::collections::HashSet::new();
    for n in 0..args.lists {
        let events = &by_visitor[n % by_visitor.len()];
        let visitor = visitor_from(&events[events.len().saturating_sub(50)..], now);
        let started = Instant::now();
        std::hint::black_box(models.recommend(Model::Blend, &visitor, &empty, 8));
        for_you.push(started.elapsed().as_secs_f64() * 1000.0);
        let item = events.last().map(|e| e.item).unwrap_or(0);
        let started = Instant::now();
        std::hint::black_box(models.for_item(ItemList::BoughtTogether, item, &visitor, 4));
        std::hint::black_box(models.for_item(ItemList::Similar(Model::Blend), item, &visitor, 8));
        product.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    for (name, mut times) in [
        ("for you (blend)", for_you),
        ("product page, both lists", product),
    ] {
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: p50 {:.3} ms, p99 {:.3} ms over {} lists",
            percentile(&times, 50.0),
            percentile(&times, 99.0),
            times.len()
        );
    }
    Ok(())
}
