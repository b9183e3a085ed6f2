//! The background task that drains the outbox.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::PgPool;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

use crate::outbox::{deliver_pending, CHANNEL};
use crate::Mailer;

/// Messages claimed per pass.
const BATCH: i64 = 50;
/// The poll interval when no notification arrives: it picks up retries that came due and
/// covers the time the listener is disconnected.
const TICK: Duration = Duration::from_secs(2);
/// Wait before reconnecting a failed listener, doubling up to [`RECONNECT_MAX`].
const RECONNECT_MIN: Duration = Duration::from_secs(1);
const RECONNECT_MAX: Duration = Duration::from_secs(60);
/// `application_name` of the listener's connection, to find it in `pg_stat_activity`.
const LISTENER_NAME: &str = "dokkan-mail-listener";

/// Starts the mail worker on the current Tokio runtime.
///
/// It runs forever: one [`deliver_pending`] pass (batches of 50, back to back while batches
/// come back full), then it sleeps until `NOTIFY mail_outbox` (sent by [`crate::enqueue`]
/// at commit) or at most 2 s, so a new mail goes out within milliseconds and retries that
/// come due are still picked up. The notifications arrive on a dedicated connection
/// ([`PgListener`]) that is reconnected with backoff whenever it fails; meanwhile the 2 s
/// poll keeps mail flowing. Errors are logged as warnings and never stop the loop.
///
/// The worker ends when `pool` is closed; aborting the returned handle also stops it.
/// Running it in several server instances at once is safe.
pub fn spawn_worker(pool: PgPool, mailer: Arc<dyn Mailer>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let wake = Arc::new(Notify::new());
        let _listener = AbortOnDrop(tokio::spawn(listen(pool.clone(), Arc::clone(&wake))));
        tracing::info!("mail worker started");
        loop {
            if pool.is_closed() {
                tracing::info!("mail worker stopped: the database pool is closed");
                return;
            }
            let full = match deliver_pending(&pool, &*mailer, BATCH).await {
                Ok(sent) => {
                    if sent > 0 {
                        tracing::debug!(sent, "mail delivered");
                    }
                    i64::try_from(sent) == Ok(BATCH)
                }
                Err(error) => {
                    tracing::warn!(%error, "mail delivery pass failed");
                    false
                }
            };
            if !full {
                // A notification that came during the pass left a permit, so this returns
                // at once and nothing is missed.
                let _ = tokio::time::timeout(TICK, wake.notified()).await;
            }
        }
    })
}

/// Keeps a LISTEN connection open and turns each notification into a wake-up.
async fn listen(pool: PgPool, wake: Arc<Notify>) {
    let options = pool
        .connect_options()
        .as_ref()
        .clone()
        .application_name(LISTENER_NAME);
    // A pool of its own, so the long-lived connection does not take a slot of the
    // application's pool and is not subject to its lifetime limits.
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
            "mail listener failed; polling every 2 s until it reconnects"
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
    listener.listen(CHANNEL).await?;
    *delay = RECONNECT_MIN;
    tracing::debug!("mail listener connected");
    // Mail enqueued while nobody listened is due now.
    wake.notify_one();
    loop {
        // `None` means the connection dropped and was re-established (LISTEN included);
        // notifications may have been lost in between, so poll either way.
        let _ = listener.try_recv().await?;
        wake.notify_one();
    }
}

/// Aborts a task when dropped, so the listener ends with the worker (even when the worker's
/// own task is aborted).
struct AbortOnDrop(JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
