//! The recommender's SQL: the events and the catalog it learns from, and the versions of
//! trained models.

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use dokkan_catalog::search_text::words;
use sqlx::{PgPool, Row as _};

use crate::content::{ItemText, BODY, NAME, TERMS};
use crate::data::{Dataset, Interaction, Interner, Signal};
use crate::{Catalog, Models};

#[derive(Debug, thiserror::Error)]
pub enum RecommendError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored model: {0}")]
    Encoding(#[from] postcard::Error),
    #[error("audit: {0}")]
    Audit(#[from] dokkan_audit::AuditError),
}

pub type Result<T> = std::result::Result<T, RecommendError>;

/// What the models index: the published products, in id order.
#[derive(Debug, Clone, Default)]
pub struct Products {
    pub ids: Vec<i64>,
    pub index: HashMap<i64, u32>,
    pub catalog: Catalog,
    pub rebuyable: Vec<u32>,
}

pub async fn products(pool: &PgPool) -> Result<Products> {
    let rows = sqlx::query(
        "SELECT id, category_id, price_minor, search_name, search_terms, search_body, rebuyable \
           FROM products WHERE published ORDER BY id",
    )
    .fetch_all(pool)
    .await?;
    let mut out = Products::default();
    for (n, row) in rows.iter().enumerate() {
        let id: i64 = row.get("id");
        let category: i64 = row.get("category_id");
        let price_minor: i64 = row.get("price_minor");
        let mut item_words: Vec<(String, f32)> = Vec::new();
        for (column, weight) in [
            ("search_name", NAME),
            ("search_terms", TERMS),
            ("search_body", BODY),
        ] {
            let text: &str = row.get(column);
            item_words.extend(words(text).map(|w| (w.to_string(), weight)));
        }
        out.ids.push(id);
        out.index.insert(id, n as u32);
        out.catalog.category_of.push(category as u32);
        out.catalog.texts.push(ItemText {
            words: item_words,
            price_minor,
        });
        if row.get::<bool, _>("rebuyable") {
            out.rebuyable.push(n as u32);
        }
    }
    Ok(out)
}

/// The product events of the last `days` days on the indexed products. A person is the
/// account when there is one (directly or through a visitor who signed in), else the
/// visitor; events without either (no consent) each stand alone, counting only towards
/// popularity and trends.
pub async fn dataset(
    pool: &PgPool,
    products: &Products,
    days: i32,
) -> Result<(Dataset, Interner<String>)> {
    let rows = sqlx::query(
        "SELECT COALESCE('u' || COALESCE(e.user_id, va.user_id)::text, 'v' || e.visitor_id) AS person, \
                e.product_id, e.kind, extract(epoch FROM e.occurred_at)::bigint AS at \
           FROM events e LEFT JOIN visitor_accounts va ON va.visitor_id = e.visitor_id \
          WHERE e.product_id IS NOT NULL \
            AND e.kind IN ('product_view', 'add_to_cart', 'purchase') \
            AND e.occurred_at > now() - make_interval(days => $1)",
    )
    .bind(days)
    .fetch_all(pool)
    .await?;
    let mut people = Interner::default();
    let mut interactions = Vec::with_capacity(rows.len());
    for (n, row) in rows.iter().enumerate() {
        let Some(&item) = products.index.get(&row.get::<i64, _>("product_id")) else {
            continue;
        };
        let Some(signal) = Signal::parse(row.get("kind")) else {
            continue;
        };
        let person: Option<String> = row.get("person");
        let person = person.unwrap_or_else(|| format!("a{n}"));
        interactions.push(Interaction {
            visitor: people.intern(&person),
            item,
            signal,
            at: row.get("at"),
        });
    }
    let data = Dataset {
        visitors: people.len(),
        items: products.ids.len(),
        interactions,
    };
    Ok((data, people))
}

/// What is stored per version.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct Stored {
    pub product_ids: Vec<i64>,
    pub rebuyable: Vec<u32>,
    pub models: Models,
}

/// What a training run did.
#[derive(Debug, Clone, PartialEq)]
pub enum Trained {
    Saved {
        version: i64,
        events: usize,
        visitors: usize,
        products: usize,
        seconds: f32,
    },
    /// Another instance holds the training lock.
    Busy,
}

/// The advisory lock that lets one instance train at a time.
const TRAINING_LOCK: i64 = 0x646f_6b6b_616e_7263; // "dokkanrc"

/// Trains every model on the last `days` days and stores a new version, unless another
/// instance is training right now.
pub async fn train(pool: &PgPool, days: i32) -> Result<Trained> {
    train_as(pool, days, None).await
}

/// Who asked for a training or a rollback, for the audit log.
pub type Audit<'a> = Option<(&'a dokkan_audit::db::Who, dokkan_audit::Action)>;

/// [`train`], with the new version's row audited as `audit`'s action (an admin's "train now").
pub async fn train_as(pool: &PgPool, days: i32, audit: Audit<'_>) -> Result<Trained> {
    let mut lock = pool.acquire().await?;
    let locked: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
        .bind(TRAINING_LOCK)
        .fetch_one(&mut *lock)
        .await?;
    if !locked {
        return Ok(Trained::Busy);
    }
    let outcome = train_locked(pool, days, audit).await;
    let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(TRAINING_LOCK)
        .execute(&mut *lock)
        .await;
    outcome
}

async fn train_locked(pool: &PgPool, days: i32, audit: Audit<'_>) -> Result<Trained> {
    let started = Instant::now();
    let products = products(pool).await?;
    let (data, _) = dataset(pool, &products, days).await?;
    let catalog = products.catalog.clone();
    let (events, visitors) = (data.interactions.len(), data.visitors);
    // CPU-bound for seconds to minutes: off the async workers.
    let models = tokio::task::spawn_blocking(move || Models::train(&data, &catalog))
        .await
        .expect("training does not panic");
    let stored = Stored {
        product_ids: products.ids.clone(),
        rebuyable: products.rebuyable.clone(),
        models,
    };
    let body = postcard::to_stdvec(&stored)?;
    let seconds = started.elapsed().as_secs_f32();
    let mut tx = pool.begin().await?;
    if let Some((who, action)) = audit {
        dokkan_audit::db::mark(&mut tx, who, action).await?;
    }
    let version: i64 = sqlx::query_scalar(
        "INSERT INTO recommend_models (events, visitors, products, seconds, body) \
         VALUES ($1, $2, $3, $4, $5) RETURNING version",
    )
    .bind(events as i64)
    .bind(visitors as i32)
    .bind(products.ids.len() as i32)
    .bind(seconds)
    .bind(body)
    .fetch_one(&mut *tx)
    .await?;
    // Old versions beyond the last few are of no use to a rollback.
    sqlx::query("DELETE FROM recommend_models WHERE version <= $1 - 5")
        .bind(version)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Trained::Saved {
        version,
        events,
        visitors,
        products: products.ids.len(),
        seconds,
    })
}

/// The version instances should serve: the newest not rolled back.
pub async fn serving_version(pool: &PgPool) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar(
            "SELECT max(version) FROM recommend_models WHERE rolled_back_at IS NULL",
        )
        .fetch_one(pool)
        .await?,
    )
}

pub async fn load(pool: &PgPool, version: i64) -> Result<Option<Stored>> {
    let body: Option<Vec<u8>> =
        sqlx::query_scalar("SELECT body FROM recommend_models WHERE version = $1")
            .bind(version)
            .fetch_optional(pool)
            .await?;
    match body {
        Some(body) => {
            let mut stored: Stored = postcard::from_bytes(&body)?;
            stored.models.prepare();
            Ok(Some(stored))
        }
        None => Ok(None),
    }
}

/// Rolls back the serving version; returns the one served from now on.
pub async fn roll_back(pool: &PgPool) -> Result<Option<i64>> {
    roll_back_as(pool, None).await
}

/// [`roll_back`], audited as `audit`'s action (an admin's rollback).
pub async fn roll_back_as(pool: &PgPool, audit: Audit<'_>) -> Result<Option<i64>> {
    let mut tx = pool.begin().await?;
    if let Some((who, action)) = audit {
        dokkan_audit::db::mark(&mut tx, who, action).await?;
    }
    sqlx::query(
        "UPDATE recommend_models SET rolled_back_at = now() \
          WHERE version = (SELECT max(version) FROM recommend_models WHERE rolled_back_at IS NULL) \
            AND EXISTS (SELECT 1 FROM recommend_models r2 \
                         WHERE r2.rolled_back_at IS NULL \
                           AND r2.version < (SELECT max(version) FROM recommend_models WHERE rolled_back_at IS NULL))",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    serving_version(pool).await
}

/// A version as the admin lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    pub version: i64,
    pub trained_at: chrono::DateTime<chrono::Utc>,
    pub events: i64,
    pub visitors: i32,
    pub products: i32,
    pub seconds: f32,
    pub rolled_back: bool,
}

pub async fn versions(pool: &PgPool) -> Result<Vec<Version>> {
    let rows = sqlx::query(
        "SELECT version, trained_at, events, visitors, products, seconds, rolled_back_at IS NOT NULL AS rolled_back \
           FROM recommend_models ORDER BY version DESC LIMIT 10",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Version {
            version: r.get("version"),
            trained_at: r.get("trained_at"),
            events: r.get("events"),
            visitors: r.get("visitors"),
            products: r.get("products"),
            seconds: r.get("seconds"),
            rolled_back: r.get("rolled_back"),
        })
        .collect())
}

/// Handles of products by id, for the command line and the API.
pub async fn handles(pool: &PgPool, ids: &[i64]) -> Result<HashMap<i64, String>> {
    let rows = sqlx::query("SELECT id, handle FROM products WHERE id = ANY($1)")
        .bind(ids)
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.get("id"), r.get("handle")))
        .collect())
}

/// Every product id a visitor has any event on (for `--exclude-seen`).
pub async fn seen_by(pool: &PgPool, visitor: &str) -> Result<HashSet<i64>> {
    let ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT product_id FROM events WHERE visitor_id = $1 AND product_id IS NOT NULL",
    )
    .bind(visitor)
    .fetch_all(pool)
    .await?;
    Ok(ids.into_iter().collect())
}
