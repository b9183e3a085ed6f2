//! The event pipeline against PostgreSQL: batches, overload, partitions, retention and
//! visitors who sign in.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use chrono::{Months, Utc};
use dokkan_events::db;
use dokkan_events::sink::{self, Config, EventSink};
use dokkan_events::{Event, Kind, VisitorId};
use sqlx::PgPool;

fn view(visitor: &str, product: i64, at_ms: i64) -> Event {
    Event::new(Kind::ProductView, at_ms)
        .by(Some(VisitorId::try_from(visitor).unwrap()), None)
        .product(product)
}

async fn count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM events")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_writer_writes_in_batches_and_flushes_at_the_end(pool: PgPool) {
    let config = Config {
        capacity: 10_000,
        batch: 100,
        linger: Duration::from_millis(20),
    };
    let (sink, receiver) = EventSink::bounded(&config);
    let stats = sink.stats().clone();
    let writer = tokio::spawn(sink::run_writer(
        pool.clone(),
        receiver,
        stats.clone(),
        config,
    ));
    let now = Utc::now().timestamp_millis();
    for n in 0..1_050 {
        sink.record(view("v1", n % 7, now));
    }
    drop(sink);
    writer.await.unwrap();
    assert_eq!(count(&pool).await, 1_050);
    assert_eq!(stats.written.load(Ordering::Relaxed), 1_050);
    assert_eq!(stats.dropped.load(Ordering::Relaxed), 0);
    // 1,050 events in batches of at most 100.
    assert!(stats.batches.load(Ordering::Relaxed) >= 11);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_full_queue_drops_and_counts_and_never_waits(pool: PgPool) {
    // A writer that cannot keep up: the database is held by a lock on the table.
    let config = Config {
        capacity: 50,
        batch: 10,
        linger: Duration::from_millis(1),
    };
    let (sink, receiver) = EventSink::bounded(&config);
    let stats = sink.stats().clone();
    let mut blocker = pool.begin().await.unwrap();
    sqlx::query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE")
        .execute(&mut *blocker)
        .await
        .unwrap();
    let writer = tokio::spawn(sink::run_writer(
        pool.clone(),
        receiver,
        stats.clone(),
        config,
    ));
    let now = Utc::now().timestamp_millis();
    let started = Instant::now();
    for n in 0..100_000 {
        sink.record(view("v1", n, now));
    }
    let took = started.elapsed();
    let accepted = stats.accepted.load(Ordering::Relaxed);
    let dropped = stats.dropped.load(Ordering::Relaxed);
    assert_eq!(accepted + dropped, 100_000);
    // At most the queue plus the batch the writer took are accepted while it is stuck.
    assert!(accepted <= 50 + 10, "accepted {accepted}");
    // A generous bound that only a blocking call could miss (100,000 sends).
    assert!(took < Duration::from_secs(5), "recording took {took:?}");
    blocker.rollback().await.unwrap();
    drop(sink);
    writer.await.unwrap();
    assert_eq!(count(&pool).await as u64, accepted);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_disabled_sink_records_nothing(pool: PgPool) {
    let sink = EventSink::disabled();
    sink.record(view("v1", 1, Utc::now().timestamp_millis()));
    assert!(!sink.is_enabled());
    assert_eq!(sink.stats().accepted.load(Ordering::Relaxed), 0);
    assert_eq!(count(&pool).await, 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn months_get_partitions_and_old_ones_are_dropped(pool: PgPool) {
    let today = Utc::now().date_naive();
    let old = today.checked_sub_months(Months::new(15)).unwrap();
    db::ensure_partitions(&pool, old, today).await.unwrap();
    // Twice is harmless.
    db::ensure_partitions(&pool, old, today).await.unwrap();
    let old_ms = old
        .and_hms_opt(12, 0, 0)
        .unwrap()
        .and_utc()
        .timestamp_millis();
    db::insert(
        &pool,
        &[
            view("v1", 1, old_ms),
            view("v1", 2, Utc::now().timestamp_millis()),
        ],
    )
    .await
    .unwrap();
    assert_eq!(count(&pool).await, 2);
    let dropped = db::drop_expired(&pool, 13).await.unwrap();
    assert!(!dropped.is_empty());
    assert!(dropped.iter().all(|name| name.starts_with("events_y")));
    // The old event went with its month; this month's stayed.
    assert_eq!(count(&pool).await, 1);
    db::ensure_current_partitions(&pool).await.unwrap();
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_visitor_who_signs_in_shares_the_accounts_history(pool: PgPool) {
    let user_id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name) VALUES ('a@example.com', 'x', 'A') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let now = Utc::now().timestamp_millis();
    let phone = VisitorId::try_from("phone").unwrap();
    let laptop = VisitorId::try_from("laptop").unwrap();
    db::insert(
        &pool,
        &[
            view("phone", 1, now - 2_000),
            view("laptop", 2, now - 1_000),
            view("stranger", 3, now),
        ],
    )
    .await
    .unwrap();
    // Before signing in, the laptop sees only its own history.
    let before = db::history(&pool, Some(&laptop), None, 10).await.unwrap();
    assert_eq!(
        before.iter().map(|t| t.product_id).collect::<Vec<_>>(),
        vec![2]
    );
    db::link_visitor(&pool, &phone, user_id).await.unwrap();
    db::link_visitor(&pool, &laptop, user_id).await.unwrap();
    let after = db::history(&pool, Some(&laptop), Some(user_id), 10)
        .await
        .unwrap();
    assert_eq!(
        after.iter().map(|t| t.product_id).collect::<Vec<_>>(),
        vec![2, 1]
    );
    assert!(db::history(&pool, None, None, 10).await.unwrap().is_empty());
}
