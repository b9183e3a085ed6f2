//! The events' SQL: batch inserts, monthly partitions and their retention, visitors who
//! signed in, and a visitor's recent history.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sqlx::{PgPool, Row as _};

use crate::{Event, EventsError, Kind, VisitorId};

pub type Result<T> = std::result::Result<T, EventsError>;

/// Writes events with one INSERT (arrays unnested), whatever their number; on the pool or
/// inside the caller's transaction.
pub async fn insert<'e>(executor: impl sqlx::PgExecutor<'e>, events: &[Event]) -> Result<()> {
    if events.is_empty() {
        return Ok(());
    }
    let mut at = Vec::with_capacity(events.len());
    let mut kind = Vec::with_capacity(events.len());
    let mut visitor = Vec::with_capacity(events.len());
    let mut user = Vec::with_capacity(events.len());
    let mut product = Vec::with_capacity(events.len());
    let mut quantity = Vec::with_capacity(events.len());
    let mut value = Vec::with_capacity(events.len());
    let mut order = Vec::with_capacity(events.len());
    let mut placement = Vec::with_capacity(events.len());
    let mut model = Vec::with_capacity(events.len());
    let mut detail = Vec::with_capacity(events.len());
    for e in events {
        at.push(DateTime::<Utc>::from_timestamp_millis(e.at_ms).unwrap_or_else(Utc::now));
        kind.push(e.kind.as_str());
        visitor.push(e.visitor.as_ref().map(|v| v.as_str().to_string()));
        user.push(e.user_id);
        product.push(e.product_id);
        quantity.push(e.quantity);
        value.push(e.value_minor);
        order.push(e.order_id);
        placement.push(e.placement.clone());
        model.push(e.model.clone());
        detail.push(e.detail.clone());
    }
    sqlx::query(
        "INSERT INTO events (occurred_at, kind, visitor_id, user_id, product_id, quantity, \
                             value_minor, order_id, placement, model, detail) \
         SELECT * FROM UNNEST($1::timestamptz[], $2::text[], $3::text[], $4::bigint[], \
                              $5::bigint[], $6::int[], $7::bigint[], $8::bigint[], $9::text[], \
                              $10::text[], $11::jsonb[])",
    )
    .bind(at)
    .bind(kind)
    .bind(visitor)
    .bind(user)
    .bind(product)
    .bind(quantity)
    .bind(value)
    .bind(order)
    .bind(placement)
    .bind(model)
    .bind(detail)
    .execute(executor)
    .await?;
    Ok(())
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), day.month(), 1).expect("the first of a month exists")
}

/// Makes sure every month from `from` to `to` (inclusive) has its partition.
pub async fn ensure_partitions(pool: &PgPool, from: NaiveDate, to: NaiveDate) -> Result<()> {
    let mut month = first_of_month(from);
    while month <= to {
        sqlx::query("SELECT events_partition_for($1)")
            .bind(month)
            .execute(pool)
            .await?;
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("months after this one exist");
    }
    Ok(())
}

/// The partitions for events between two Unix times in milliseconds (an import).
pub async fn ensure_partitions_for(pool: &PgPool, first_ms: i64, last_ms: i64) -> Result<()> {
    let day = |ms: i64| {
        DateTime::<Utc>::from_timestamp_millis(ms)
            .unwrap_or_default()
            .date_naive()
    };
    ensure_partitions(pool, day(first_ms), day(last_ms)).await
}

/// This month's and next month's partitions (run at start and by the hourly job).
pub async fn ensure_current_partitions(pool: &PgPool) -> Result<()> {
    let today = Utc::now().date_naive();
    let next = today
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(today);
    ensure_partitions(pool, today, next).await
}

/// Drops the partitions whose whole month is older than `keep_months` months; returns
/// their names.
pub async fn drop_expired(pool: &PgPool, keep_months: u32) -> Result<Vec<String>> {
    let today = Utc::now().date_naive();
    let cutoff = first_of_month(today)
        .checked_sub_months(chrono::Months::new(keep_months))
        .unwrap_or(NaiveDate::MIN);
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_inherits i \
           JOIN pg_class c ON c.oid = i.inhrelid \
           JOIN pg_class p ON p.oid = i.inhparent \
          WHERE p.relname = 'events' ORDER BY 1",
    )
    .fetch_all(pool)
    .await?;
    let mut dropped = Vec::new();
    for name in names {
        // events_yYYYYmMM, as events_partition_for names them.
        let Some(month) = name
            .strip_prefix("events_y")
            .and_then(|rest| rest.split_once('m'))
            .and_then(|(y, m)| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1))
        else {
            continue;
        };
        let end = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(month);
        if end <= cutoff {
            sqlx::query(&format!("DROP TABLE IF EXISTS \"{name}\""))
                .execute(pool)
                .await?;
            dropped.push(name);
        }
    }
    Ok(dropped)
}

/// The visitor signed in or registered: their history joins the account's from now on.
pub async fn link_visitor(pool: &PgPool, visitor: &VisitorId, user_id: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO visitor_accounts (visitor_id, user_id) VALUES ($1, $2) \
         ON CONFLICT (visitor_id) DO UPDATE SET user_id = EXCLUDED.user_id, linked_at = now()",
    )
    .bind(visitor.as_str())
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// One event of a person's recent history, as serving needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Touch {
    pub product_id: i64,
    pub kind: Kind,
    pub at: DateTime<Utc>,
}

/// The newest product events of a visitor, of the account they signed in to, and of every
/// other visitor linked to that account; newest first.
pub async fn history(
    pool: &PgPool,
    visitor: Option<&VisitorId>,
    user_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Touch>> {
    if visitor.is_none() && user_id.is_none() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "WITH people AS ( \
             SELECT $1::text AS visitor_id \
             UNION SELECT visitor_id FROM visitor_accounts WHERE user_id = $2 \
         ) \
         SELECT product_id, kind, occurred_at FROM events \
          WHERE product_id IS NOT NULL \
            AND kind IN ('product_view', 'add_to_cart', 'purchase') \
            AND (visitor_id IN (SELECT visitor_id FROM people WHERE visitor_id IS NOT NULL) \
                 OR user_id = $2) \
          ORDER BY occurred_at DESC LIMIT $3",
    )
    .bind(visitor.map(VisitorId::as_str))
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Touch {
                product_id: r.get("product_id"),
                kind: Kind::parse(r.get::<&str, _>("kind"))?,
                at: r.get("occurred_at"),
            })
        })
        .collect())
}

/// The first exposure of each visitor to each experiment, kept once: later exposures of
/// the same visitor change nothing.
pub async fn insert_exposures<'e>(
    executor: impl sqlx::PgExecutor<'e>,
    events: &[Event],
) -> Result<()> {
    let mut experiment = Vec::new();
    let mut visitor = Vec::new();
    let mut variant = Vec::new();
    let mut at = Vec::new();
    for e in events.iter().filter(|e| e.kind == Kind::ExperimentExposure) {
        let id = e
            .detail
            .as_ref()
            .and_then(|d| d.get("experiment_id"))
            .and_then(|x| x.as_i64());
        let (Some(id), Some(v), Some(name)) = (id, &e.visitor, &e.model) else {
            continue;
        };
        experiment.push(id);
        visitor.push(v.as_str().to_string());
        variant.push(name.clone());
        at.push(DateTime::<Utc>::from_timestamp_millis(e.at_ms).unwrap_or_else(Utc::now));
    }
    if experiment.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO experiment_exposures (experiment_id, visitor_id, variant, exposed_at) \
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::timestamptz[]) \
         ON CONFLICT DO NOTHING",
    )
    .bind(experiment)
    .bind(visitor)
    .bind(variant)
    .bind(at)
    .execute(executor)
    .await?;
    Ok(())
}
