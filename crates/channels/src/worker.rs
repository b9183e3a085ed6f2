//! The background task that drains the replies' outbox.

use crate::db::outbox::{self, claim_next, fail_stale_claims, record, Settled, LEASE};
use crate::db::{prune_inbound, INBOUND_KEEP};
use crate::outbound::Sender;
use crate::ChannelError;
use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::PgPool;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};
use tokio::time::Instant;

/// Rows claimed per pass; they are sent side by side (a slow channel does not hold up
/// the others).
pub const BATCH: i64 = 16;
/// The poll when no notification arrives: retries that came due, replies held back
/// behind an older one, a lost listener.
const TICK: Duration = Duration::from_secs(1);
/// How often old inbound message ids are pruned.
const PRUNE_EVERY: Duration = Duration::from_secs(3600);
/// Wait before reconnecting a failed listener, doubling up to [`RECONNECT_MAX`].
const RECONNECT_MIN: Duration = Duration::from_secs(1);
const RECONNECT_MAX: Duration = Duration::from_secs(60);

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pass {
    pub claimed: usize,
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    /// Claims found past their lease and marked failed (outcome unknown).
    pub expired: u64,
}

/// Marks expired claims failed, then claims up to `batch` due replies (each in its own
/// committed statement), sends them side by side and records each outcome.
///
/// Failures to send never fail the pass; database errors do (after every send already
/// under way has finished). A row whose outcome could not be written stays `sending` and
/// is reported by the lease check later.
pub async fn deliver_pending(
    pool: &PgPool,
    sender: &Sender,
    batch: i64,
) -> Result<Pass, ChannelError> {
    let mut pass = Pass::default();
    if batch <= 0 {
        return Ok(pass);
    }
    pass.expired = fail_stale_claims(pool, LEASE).await?;
    let mut sending = JoinSet::new();
    let mut first_error = None;
    for _ in 0..batch {
        match claim_next(pool).await {
            Ok(Some(row)) => {
                pass.claimed += 1;
                let sender = sender.clone();
                sending.spawn(async move {
                    let already = usize::try_from(row.parts_sent).unwrap_or(0);
                    let progress = sender
                        .send_from(
                            row.channel,
                            &row.recipient,
                            &row.body,
                            row.reply_via.as_deref(),
                            already,
                        )
                        .await;
                    (row, progress)
                });
            }
            Ok(None) => break,
            // Settle what is already in flight before reporting it: dropping the set
            // would abort those sends halfway.
            Err(error) => {
                first_error = Some(error);
                break;
            }
        }
    }
    while let Some(done) = sending.join_next().await {
        let Ok((row, progress)) = done else {
            tracing::error!("a channel send task panicked; its row is left to the lease check");
            continue;
        };
        let settled = match record(pool, &row, &progress).await {
            Ok(settled) => settled,
            Err(error) => {
                // Keep settling the others; this row is left to the lease check.
                first_error.get_or_insert(error);
                continue;
            }
        };
        match settled {
            Settled::Sent => pass.sent += 1,
            Settled::Retry(delay) => {
                tracing::warn!(
                    id = row.id,
                    channel = %row.channel,
                    attempts = row.attempts,
                    retry_in_secs = delay.as_secs(),
                    outcome = ?progress.outcome,
                    "channel reply not sent; will retry"
                );
                pass.retried += 1;
            }
            Settled::Failed => {
                tracing::error!(
                    id = row.id,
                    channel = %row.channel,
                    attempts = row.attempts,
                    outcome = ?progress.outcome,
                    "channel reply failed for good"
                );
                pass.failed += 1;
            }
        }
    }
    match first_error {
        Some(error) => Err(error),
        None => Ok(pass),
    }
}

/// Starts the channels' worker on the current Tokio runtime.
///
/// It loops: one [`deliver_pending`] pass (back to back while passes come back full),
/// then sleep until `NOTIFY channel_outbox` (sent by [`outbox::enqueue`] at commit) or at
/// most 1 s. Notifications arrive on a dedicated connection ([`PgListener`]), reconnected
/// with backoff when it fails; meanwhile the 1 s poll keeps replies flowing. About once
/// an hour it also prunes old inbound message ids. Errors are logged and never stop the
/// loop.
///
/// The worker ends when `pool` is closed; aborting the handle also stops it. Running it
/// in several server instances at once is safe.
pub fn spawn_worker(pool: PgPool, sender: Arc<Sender>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let wake = Arc::new(Notify::new());
        let _listener = AbortOnDrop(tokio::spawn(listen(pool.clone(), Arc::clone(&wake))));
        let mut pruned_at: Option<Instant> = None;
        tracing::info!(?sender, "channel worker started");
        loop {
            if pool.is_closed() {
                tracing::info!("channel worker stopped: the database pool is closed");
                return;
            }
            let full = match deliver_pending(&pool, &sender, BATCH).await {
                Ok(pass) => pass.claimed as i64 == BATCH,
                Err(error) => {
                    tracing::warn!(%error, "channel delivery pass failed");
                    false
                }
            };
            if pruned_at.is_none_or(|at| at.elapsed() >= PRUNE_EVERY) {
                pruned_at = Some(Instant::now());
                if let Err(error) = prune_inbound(&pool, INBOUND_KEEP).await {
                    tracing::warn!(%error, "pruning channel_inbound failed");
                }
            }
            if !full {
                // A notification that came during the pass left a permit, so this returns
                // at once and nothing is missed.
                let _ = tokio::time::timeout(TICK, wake.notified()).await;
            }
        }
    })
}

/// Keeps a LISTEN connection open, on a one-connection pool of its own (so it takes no
/// slot of the application's pool and is not subject to its lifetime limits), and turns
/// each notification into a wake-up.
async fn listen(pool: PgPool, wake: Arc<Notify>) {
    let options = pool
        .connect_options()
        .as_ref()
        .clone()
        .application_name("dokkan-channels-listener");
    let listen_pool = PgPoolOptions::new()
        .max_connections(1)
        .min_connections(0)
        .max_lifetime(None)
        .idle_timeout(None)
        .acquire_timeout(Duration::from_secs(10))
        .connect_lazy_with(options);
    let mut delay = RECONNECT_MIN;
    loop {
        let Err(error) = listen_once(&listen_pool, &wake, &mut delay).await;
        tracing::warn!(
            %error,
            retry_in_secs = delay.as_secs(),
            "channel listener failed; polling every second until it reconnects"
        );
        tokio::time::sleep(delay).await;
        delay = (delay * 2).min(RECONNECT_MAX);
    }
}

async fn listen_once(
    pool: &PgPool,
    wake: &Notify,
    delay: &mut Duration,
) -> Result<Infallible, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(outbox::NOTIFY_CHANNEL).await?;
    *delay = RECONNECT_MIN;
    // Replies enqueued while nobody listened are due now.
    wake.notify_one();
    loop {
        // `None` means the connection dropped and was re-established (LISTEN included);
        // notifications may have been lost in between, so poll either way.
        let _ = listener.try_recv().await?;
        wake.notify_one();
    }
}

/// Aborts a task when dropped, so the listener ends with the worker (even when the
/// worker's own task is aborted).
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
