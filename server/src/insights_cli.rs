//! `dokkan events import` and `dokkan recommend train|batch|evaluate`: the command line
//! over the events and recommend crates, written against any reader and writer so the
//! tests run exactly what the binary runs.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use anyhow::{bail, Context};
use dokkan_events::VisitorId;
use dokkan_recommend::db::Trained;
use dokkan_recommend::evaluate;
use dokkan_recommend::serving::{Recommender, Shopper};
use dokkan_recommend::Model;
use sqlx::PgPool;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub events: usize,
    pub skipped: usize,
}

/// Reads `visitor_id,handle,event,ts` rows. Rows naming unknown products are listed on
/// `report` by line; they are skipped with `skip_unknown`, else nothing is imported.
/// All or nothing: one transaction.
pub async fn import_events(
    pool: &PgPool,
    csv: impl std::io::Read,
    skip_unknown: bool,
    report: &mut impl Write,
) -> anyhow::Result<Imported> {
    let products: HashMap<String, i64> =
        sqlx::query_as::<_, (String, i64)>("SELECT handle, id FROM products")
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let parsed = dokkan_events::import::parse(csv, &products)?;
    for (line, handle) in &parsed.unknown {
        writeln!(report, "line {line}: no product with handle {handle:?}")?;
    }
    if !parsed.unknown.is_empty() && !skip_unknown {
        bail!(
            "{} rows name products this shop does not have; nothing was imported (--skip-unknown imports the rest)",
            parsed.unknown.len()
        );
    }
    let times = parsed.events.iter().map(|e| e.at_ms);
    if let (Some(first), Some(last)) = (times.clone().min(), times.max()) {
        dokkan_events::db::ensure_partitions_for(pool, first, last).await?;
    }
    let mut tx = pool.begin().await?;
    for chunk in parsed.events.chunks(5_000) {
        dokkan_events::db::insert(&mut *tx, chunk).await?;
    }
    tx.commit().await?;
    Ok(Imported {
        events: parsed.events.len(),
        skipped: parsed.unknown.len(),
    })
}

pub async fn train(pool: &PgPool, window_days: i32, out: &mut impl Write) -> anyhow::Result<()> {
    match dokkan_recommend::db::train(pool, window_days).await? {
        Trained::Saved {
            version,
            events,
            visitors,
            products,
            seconds,
        } => {
            writeln!(out, "trained version {version} in {seconds:.2} s on {events} events, {visitors} visitors, {products} products:")?;
            writeln!(out, "  bought together, viewed together, item-to-item (co-occurrence, cosine with shrinkage, decayed)")?;
            writeln!(out, "  similar items (TF-IDF over both names, tags, categories and descriptions, with price band)")?;
            writeln!(
                out,
                "  for you (implicit ALS, {} factors), trending per category, popularity",
                dokkan_recommend::als::Params::default().factors
            )?;
            Ok(())
        }
        Trained::Busy => bail!("another instance is training right now; try again when it is done"),
    }
}

/// Reads visitor ids (one a line) and writes one JSON line each:
/// `{"visitor_id": "…", "handles": […]}`, the visitor's "for you".
pub async fn batch(
    pool: &PgPool,
    window_days: i32,
    input: impl BufRead,
    out: &mut impl Write,
    limit: usize,
    exclude_seen: bool,
) -> anyhow::Result<usize> {
    let recommender = Recommender::default();
    recommender.refresh(pool).await?;
    if recommender.current().is_none() {
        // Nothing trained yet: train now rather than answer from nothing.
        dokkan_recommend::db::train(pool, window_days).await?;
        recommender.refresh(pool).await?;
    }
    let models = recommender
        .current()
        .context("no recommendation model could be trained")?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let stated = HashMap::new();
    let mut count = 0;
    for line in input.lines() {
        let line = line?;
        let id = line.trim();
        if id.is_empty() {
            continue;
        }
        let visitor = VisitorId::try_from(id).map_err(|e| anyhow::anyhow!("{id:?}: {e}"))?;
        let history = dokkan_events::db::history(pool, Some(&visitor), None, 200).await?;
        let seen: Vec<i64> = if exclude_seen {
            dokkan_recommend::db::seen_by(pool, visitor.as_str())
                .await?
                .into_iter()
                .collect()
        } else {
            Vec::new()
        };
        let shopper = Shopper {
            history: &history,
            session: &[],
            stated: &stated,
        };
        let ids = models.for_you(Model::Blend, &shopper, &seen, limit, now);
        let handles = dokkan_recommend::db::handles(pool, &ids).await?;
        let handles: Vec<&String> = ids.iter().filter_map(|id| handles.get(id)).collect();
        serde_json::to_writer(
            &mut *out,
            &serde_json::json!({ "visitor_id": id, "handles": handles }),
        )?;
        writeln!(out)?;
        count += 1;
    }
    Ok(count)
}

/// Holds out each buyer's last purchase of an item new to them, trains on the rest and
/// prints HR@10, NDCG@10 and catalog coverage of every model.
pub async fn evaluate(
    pool: &PgPool,
    window_days: i32,
    out: &mut impl Write,
) -> anyhow::Result<Vec<(Model, evaluate::Metrics)>> {
    let products = dokkan_recommend::db::products(pool).await?;
    let (data, _) = dokkan_recommend::db::dataset(pool, &products, window_days).await?;
    let catalog = products.catalog.clone();
    let started = std::time::Instant::now();
    let (results, buyers, events) = tokio::task::spawn_blocking(move || {
        let split = evaluate::hold_out(&data);
        let models = dokkan_recommend::Models::train(&split.train, &catalog);
        (
            evaluate::evaluate(&split, &catalog, &models),
            split.held_out.len(),
            data.interactions.len(),
        )
    })
    .await?;
    writeln!(
        out,
        "{events} events, {} products, {buyers} buyers held out ({:.1} s)",
        products.ids.len(),
        started.elapsed().as_secs_f32()
    )?;
    writeln!(
        out,
        "{:<16} {:>7} {:>8} {:>9}",
        "model", "HR@10", "NDCG@10", "coverage"
    )?;
    for (model, m) in &results {
        writeln!(
            out,
            "{:<16} {:>7.3} {:>8.3} {:>9.3}",
            model.name(),
            m.hit_rate,
            m.ndcg,
            m.coverage
        )?;
    }
    Ok(results)
}
