//! The `push_outbox` table: enqueueing in the order's transaction, claiming due rows, and
//! recording what the push service answered.
//!
//! Exactly-once delivery over HTTP does not exist; this gets as close as it can:
//! - never lost: a row is written in the transaction that moves the order, and stays until
//!   it is sent, refused for good, or its subscription is gone;
//! - never sent twice by two workers: a row is claimed in its own committed statement
//!   (`FOR UPDATE SKIP LOCKED`), which pushes `next_attempt_at` out by [`LEASE`] before
//!   anything is sent, so no other worker sees it as due while it is in flight (a request
//!   times out long before the lease ends);
//! - a worker that dies between the push service's answer and recording it leaves the row
//!   to be claimed again when the lease ends: that message is then sent a second time. The
//!   notification carries the order's `tag` and the request its `Topic`, so the browser
//!   replaces the first notification instead of showing two, and a push service still
//!   holding the first one for an offline device drops it.

use super::Result;
use crate::{OrderUpdate, PushError};
use sqlx::{PgConnection, PgPool, Row as _};
use std::time::Duration;

/// The channel [`enqueue_order_update`] notifies and the worker listens on.
pub const CHANNEL: &str = "push_outbox";
/// How long a claimed row is left alone before another worker may take it.
pub const LEASE: Duration = Duration::from_secs(300);
/// Attempts before a message is given up (about 3.5 hours of retries with [`retry_delay`]).
pub const MAX_ATTEMPTS: i32 = 10;
/// Longest `last_error` kept, in characters.
const MAX_ERROR_CHARS: usize = 500;

/// Queues the order update that moving order `order_id` to `status` means (nothing when
/// the status is not announced, see [`OrderUpdate::for_status`]) for every subscription
/// that follows the order: its own (a guest's) and its account's. One message per
/// browser: an endpoint subscribed both ways gets it once. Returns how many were queued.
///
/// Call it on the connection of the transaction that moves the order, after the new
/// status and tracking number are written: the rows, and the `NOTIFY` that wakes the
/// worker, exist only if that transaction commits.
pub async fn enqueue_order_update(
    conn: &mut PgConnection,
    order_id: i64,
    status: &str,
) -> std::result::Result<u64, sqlx::Error> {
    if OrderUpdate::for_status(status).is_none() {
        return Ok(0);
    }
    let queued = sqlx::query(
        "INSERT INTO push_outbox (subscription_id, order_number, status, tracking_number) \
         SELECT DISTINCT ON (s.endpoint) s.id, o.number, $2, o.tracking_number \
           FROM orders o \
           JOIN push_subscriptions s \
             ON s.order_id = o.id OR (o.user_id IS NOT NULL AND s.user_id = o.user_id) \
          WHERE o.id = $1 \
          ORDER BY s.endpoint, s.id",
    )
    .bind(order_id)
    .bind(status)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if queued > 0 {
        sqlx::query("SELECT pg_notify($1, $2::bigint::text)")
            .bind(CHANNEL)
            .bind(order_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(queued)
}

/// A row claimed for sending, with its subscription.
#[derive(Clone)]
pub struct Claimed {
    pub id: i64,
    pub endpoint: String,
    pub p256dh: Vec<u8>,
    pub auth: Vec<u8>,
    pub locale: String,
    pub order_number: String,
    pub status: String,
    pub tracking_number: Option<String>,
    /// Including this one.
    pub attempts: i32,
}

impl std::fmt::Debug for Claimed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Claimed")
            .field("id", &self.id)
            .field("order_number", &self.order_number)
            .field("status", &self.status)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// Claims up to `batch` due rows, oldest first, in one committed statement: each gets
/// `attempts + 1` and `next_attempt_at = now() + LEASE`.
pub async fn claim(pool: &PgPool, batch: i64) -> Result<Vec<Claimed>> {
    if batch <= 0 {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "WITH due AS ( \
             SELECT id FROM push_outbox \
              WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() \
              ORDER BY next_attempt_at, id \
              LIMIT $1 \
              FOR UPDATE SKIP LOCKED \
         ), claimed AS ( \
             UPDATE push_outbox o \
                SET attempts = o.attempts + 1, \
                    next_attempt_at = clock_timestamp() + make_interval(secs => $2) \
               FROM due WHERE o.id = due.id \
             RETURNING o.id, o.subscription_id, o.order_number, o.status, o.tracking_number, o.attempts \
         ) \
         SELECT c.id, c.order_number, c.status, c.tracking_number, c.attempts, \
                s.endpoint, s.p256dh, s.auth, s.locale \
           FROM claimed c JOIN push_subscriptions s ON s.id = c.subscription_id \
          ORDER BY c.id",
    )
    .bind(batch)
    .bind(LEASE.as_secs_f64())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Claimed {
                id: row.try_get("id")?,
                endpoint: row.try_get("endpoint")?,
                p256dh: row.try_get("p256dh")?,
                auth: row.try_get("auth")?,
                locale: row.try_get("locale")?,
                order_number: row.try_get("order_number")?,
                status: row.try_get("status")?,
                tracking_number: row.try_get("tracking_number")?,
                attempts: row.try_get("attempts")?,
            })
        })
        .collect::<std::result::Result<_, sqlx::Error>>()
        .map_err(PushError::from)
}

/// The push service accepted the message.
pub async fn mark_sent(pool: &PgPool, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE push_outbox SET sent_at = clock_timestamp(), last_error = NULL WHERE id = $1",
    )
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}

/// A failure worth retrying: due again after `delay`, or failed for good once
/// `attempts` reached [`MAX_ATTEMPTS`]. Returns whether it will be retried.
pub async fn mark_retry(
    pool: &PgPool,
    id: i64,
    attempts: i32,
    error: &str,
    delay: Duration,
) -> Result<bool> {
    let retry = attempts < MAX_ATTEMPTS;
    sqlx::query(
        "UPDATE push_outbox \
            SET last_error = $2, \
                next_attempt_at = clock_timestamp() + make_interval(secs => $3), \
                failed_at = CASE WHEN $4 THEN NULL ELSE clock_timestamp() END \
          WHERE id = $1",
    )
    .bind(id)
    .bind(truncate(error))
    .bind(delay.as_secs_f64())
    .bind(retry)
    .execute(pool)
    .await?;
    Ok(retry)
}

/// Refused for good (a request the push service will never take).
pub async fn mark_failed(pool: &PgPool, id: i64, error: &str) -> Result<()> {
    sqlx::query(
        "UPDATE push_outbox SET last_error = $2, failed_at = clock_timestamp() WHERE id = $1",
    )
    .bind(id)
    .bind(truncate(error))
    .execute(pool)
    .await?;
    Ok(())
}

/// How long to wait after the `attempts`-th failure: 30 s × 2^(attempts − 1), capped at
/// one hour; at least what the push service asked for (`Retry-After`), up to that cap.
pub fn retry_delay(attempts: i32, asked: Option<Duration>) -> Duration {
    const BASE_SECS: u64 = 30;
    const CAP_SECS: u64 = 3600;
    let exponent = (attempts - 1).clamp(0, 16) as u32;
    let backoff = Duration::from_secs((BASE_SECS << exponent).min(CAP_SECS));
    let asked = asked.unwrap_or_default().min(Duration::from_secs(CAP_SECS));
    backoff.max(asked)
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_ERROR_CHARS) {
        Some((end, _)) => text[..end].to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_30_seconds_to_an_hour_and_honours_retry_after() {
        let secs: Vec<u64> = (1..=9).map(|a| retry_delay(a, None).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_delay(0, None).as_secs(), 30);
        assert_eq!(retry_delay(1, Some(Duration::from_secs(90))).as_secs(), 90);
        assert_eq!(retry_delay(4, Some(Duration::from_secs(5))).as_secs(), 240);
        assert_eq!(
            retry_delay(1, Some(Duration::from_secs(86_400))).as_secs(),
            3600
        );
        let total: u64 = (1..MAX_ATTEMPTS)
            .map(|a| retry_delay(a, None).as_secs())
            .sum();
        assert!(total > 3 * 3600 && total < 4 * 3600, "{total}");
    }

    #[test]
    fn errors_are_cut_on_character_boundaries() {
        assert_eq!(truncate("short"), "short");
        assert_eq!(truncate(&"ع".repeat(600)).chars().count(), MAX_ERROR_CHARS);
    }
}
