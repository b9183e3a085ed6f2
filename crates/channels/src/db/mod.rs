//! The channels' SQL: which incoming messages were already taken in
//! (`channel_inbound`), and the replies' outbox ([`outbox`], `channel_outbox`).

pub mod outbox;

pub use outbox::{enqueue, failed_count, OutgoingReply};

use crate::{Channel, ChannelError};
use sqlx::{PgConnection, PgPool};
use std::time::Duration;

/// How long taken-in message ids are kept: well past the channels' webhook retries
/// (Telegram keeps an update for 24 hours, Meta retries for up to 7 days).
pub const INBOUND_KEEP: Duration = Duration::from_secs(14 * 24 * 3600);

/// Whether `message_id` arrives on `channel` for the first time; records it either way.
///
/// Call it on the connection of the transaction that handles the message (stores it,
/// queues the reply): if that transaction rolls back, so does the record, and the
/// channel's retry is handled afresh. Two deliveries racing each other are settled by the
/// primary key: the second waits for the first transaction and then gets `false`.
pub async fn first_time(
    conn: &mut PgConnection,
    channel: Channel,
    message_id: &str,
) -> Result<bool, ChannelError> {
    let inserted = sqlx::query(
        "INSERT INTO channel_inbound (channel, message_id) VALUES ($1, $2) \
         ON CONFLICT DO NOTHING",
    )
    .bind(channel.as_str())
    .bind(message_id)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// Forgets message ids taken in more than `keep` ago; returns how many. The worker calls
/// it about once an hour with [`INBOUND_KEEP`].
pub async fn prune_inbound(pool: &PgPool, keep: Duration) -> Result<u64, ChannelError> {
    Ok(sqlx::query(
        "DELETE FROM channel_inbound WHERE received_at < now() - make_interval(secs => $1)",
    )
    .bind(keep.as_secs_f64())
    .execute(pool)
    .await?
    .rows_affected())
}
