//! One PostgreSQL listener per server and channel, fanning `NOTIFY` payloads out to the
//! event streams that follow them (whichever instance made the change).

use std::time::Duration;
use tokio::sync::broadcast;

/// Listens on `channel` until the process ends, reconnecting after failures.
pub fn spawn_listener(
    pool: sqlx::PgPool,
    channel: &'static str,
    changes: broadcast::Sender<String>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect_with(&pool).await {
                Ok(mut listener) => {
                    if let Err(error) = listener.listen(channel).await {
                        tracing::warn!(%error, channel, "cannot listen");
                    } else {
                        loop {
                            match listener.recv().await {
                                Ok(notification) => {
                                    let _ = changes.send(notification.payload().to_string());
                                }
                                Err(error) => {
                                    tracing::warn!(%error, channel, "listener lost");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, channel, "listener cannot connect"),
            }
            if pool.is_closed() {
                return;
            }
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
    })
}
