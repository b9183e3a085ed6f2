//! The background task that drains the push outbox.

use crate::db::{self, outbox};
use crate::send::{Outcome, Sender};
use crate::PushError;
use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};

/// Rows claimed per pass; they are sent side by side.
pub const BATCH: i64 = 16;
/// The poll when no notification arrives: retries that came due, a lost listener.
const TICK: Duration = Duration::from_secs(2);

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub claimed: usize,
    pub sent: usize,
    /// Subscriptions deleted because their endpoint is gone.
    pub gone: usize,
    pub retried: usize,
    pub failed: usize,
}

/// Claims up to `batch` due messages, sends them at once and records each answer.
/// Failures to send never fail the pass; database errors do (the rows claimed but not
/// settled are retried when their lease ends).
pub async fn deliver_pending(
    pool: &PgPool,
    sender: &Sender,
    batch: i64,
) -> Result<Pass, PushError> {
    let claimed = outbox::claim(pool, batch).await?;
    let mut pass = Pass {
        claimed: claimed.len(),
        ..Pass::default()
    };
    let mut sending = JoinSet::new();
    for row in claimed {
        let sender = sender.clone();
        sending.spawn(async move {
            let outcome = sender.send(&row).await;
            (row, outcome)
        });
    }
    while let Some(done) = sending.join_next().await {
        let (row, outcome) = done.map_err(|e| PushError::Corrupt(format!("send task: {e}")))?;
        match outcome {
            Outcome::Sent => {
                outbox::mark_sent(pool, row.id).await?;
                pass.sent += 1;
            }
            Outcome::Gone => {
                let removed = db::retire_endpoint(pool, &row.endpoint).await?;
                tracing::info!(
                    id = row.id,
                    order = %row.order_number,
                    removed,
                    "push subscription expired; removed"
                );
                pass.gone += 1;
            }
            Outcome::Retry { error, after } => {
                let delay = outbox::retry_delay(row.attempts, after);
                if outbox::mark_retry(pool, row.id, row.attempts, &error, delay).await? {
                    tracing::warn!(
                        id = row.id,
                        attempts = row.attempts,
                        retry_in_secs = delay.as_secs(),
                        %error,
                        "push delivery failed; will retry"
                    );
                    pass.retried += 1;
                } else {
                    tracing::error!(id = row.id, attempts = row.attempts, %error, "push delivery failed for the last time");
                    pass.failed += 1;
                }
            }
            Outcome::Failed(error) => {
                outbox::mark_failed(pool, row.id, &error).await?;
                tracing::error!(id = row.id, %error, "push message refused");
                pass.failed += 1;
            }
        }
    }
    Ok(pass)
}

/// Starts the push worker: a [`deliver_pending`] pass, then sleep until `NOTIFY
/// push_outbox` (sent at the order's commit) or at most 2 s; back to back while passes
/// come back full. Safe to run in several instances at once.
pub fn spawn_worker(pool: PgPool, sender: Sender) -> JoinHandle<()> {
    tokio::spawn(async move {
        let wake = Arc::new(Notify::new());
        let listener = tokio::spawn(listen(pool.clone(), Arc::clone(&wake)));
        let _listener = AbortOnDrop(listener);
        tracing::info!(key = sender.key().public_key(), "push worker started");
        loop {
            if pool.is_closed() {
                return;
            }
            let full = match deliver_pending(&pool, &sender, BATCH).await {
                Ok(pass) => pass.claimed as i64 == BATCH,
                Err(error) => {
                    tracing::warn!(%error, "push delivery pass failed");
                    false
                }
            };
            if !full {
                let _ = tokio::time::timeout(TICK, wake.notified()).await;
            }
        }
    })
}

/// Keeps a LISTEN connection open, on a one-connection pool of its own (so it takes no
/// slot of the application's pool), and turns each notification into a wake-up.
async fn listen(pool: PgPool, wake: Arc<Notify>) {
    let options = pool
        .connect_options()
        .as_ref()
        .clone()
        .application_name("dokkan-push-listener");
    let listen_pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .max_lifetime(None)
        .idle_timeout(None)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with(options);
    loop {
        match PgListener::connect_with(&listen_pool).await {
            Ok(mut listener) => {
                if listener.listen(outbox::CHANNEL).await.is_ok() {
                    wake.notify_one();
                    while listener.try_recv().await.is_ok() {
                        wake.notify_one();
                    }
                }
            }
            Err(error) => tracing::debug!(%error, "push listener cannot connect"),
        }
        tokio::time::sleep(Duration::from_secs(5)).await;
    }
}

struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
