//! The `channel_outbox` table: enqueueing in the caller's transaction, claiming one due
//! row at a time, and recording what the channel answered.
//!
//! Sending is at most once per claim, as in the mail outbox:
//! - a row is claimed (`pending` → `sending`, `attempts + 1`) with `FOR UPDATE SKIP
//!   LOCKED` in a statement of its own, committed before the channel is called, so two
//!   workers never hold the same row;
//! - a worker that dies mid-send leaves the row `sending`; once the claim is older than
//!   [`LEASE`] it is marked `failed` with "outcome unknown" and never resent by itself:
//!   the customer may already have the reply, and a second copy of an assistant's answer
//!   is worse than an admin looking at one failed row;
//! - every outcome names its claim (`id` and `attempts`, which only grows), so a late
//!   answer cannot overwrite a newer state — except a success, which is the truth and
//!   wins over the lease check's "unknown".
//!
//! Replies to one recipient keep their order: a row is not claimed while an older row to
//! the same recipient is `pending` or `sending` (a retry holds back the replies after it).

use crate::outbound::{Outcome, Progress};
use crate::{text_len, Channel, ChannelError};
use sqlx::{PgConnection, PgPool, Row as _};
use std::fmt;
use std::time::Duration;

/// The channel [`enqueue`] notifies and the worker listens on.
pub const NOTIFY_CHANNEL: &str = "channel_outbox";
/// How long a claim may stay `sending` before its outcome is declared unknown. Far above
/// the longest send: [`crate::outbound::REQUEST_TIMEOUT`] per part, and a body of
/// [`MAX_BODY_CHARS`] has at most 8 parts on the tightest channel.
pub const LEASE: Duration = Duration::from_secs(120);
/// Attempts before a reply is given up: 30 s, 1, 2, 4 and 8 minutes apart (about 15
/// minutes in all; an answer later than that is no longer an answer).
pub const MAX_ATTEMPTS: i32 = 6;
/// Longest reply the outbox takes, in [`text_len`] units (two Telegram messages, four
/// Messenger ones).
pub const MAX_BODY_CHARS: usize = 8000;
/// Longest `last_error` kept, in characters.
const MAX_ERROR_CHARS: usize = 500;

/// A reply to queue.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingReply {
    pub channel: Channel,
    /// [`crate::Incoming::sender`] of the message answered.
    pub recipient: String,
    /// [`crate::Incoming::reply_via`] of the message answered.
    pub reply_via: Option<String>,
    pub body: String,
    /// The assistant's conversation, for the admins' view.
    pub conversation_id: Option<i64>,
}

impl fmt::Debug for OutgoingReply {
    // A customer's conversation stays out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingReply")
            .field("channel", &self.channel)
            .field("body_len", &text_len(&self.body))
            .field("conversation_id", &self.conversation_id)
            .finish_non_exhaustive()
    }
}

/// Queues `reply` and returns its id.
///
/// Call it on the connection of the transaction that records the answer (`&mut *tx`): the
/// row — and the `NOTIFY channel_outbox` that wakes the worker, which PostgreSQL delivers
/// only at commit — exist only if that transaction commits.
///
/// Fails with [`ChannelError::Rejected`] when the body is blank or longer than
/// [`MAX_BODY_CHARS`], or the recipient or `reply_via` is empty, longer than 256 bytes or
/// holds control characters.
pub async fn enqueue(conn: &mut PgConnection, reply: &OutgoingReply) -> Result<i64, ChannelError> {
    validate(reply)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO channel_outbox (channel, recipient, reply_via, body, conversation_id) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(reply.channel.as_str())
    .bind(&reply.recipient)
    .bind(&reply.reply_via)
    .bind(reply.body.trim())
    .bind(reply.conversation_id)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("SELECT pg_notify($1, $2::bigint::text)")
        .bind(NOTIFY_CHANNEL)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    tracing::debug!(id, channel = %reply.channel, "channel reply enqueued");
    Ok(id)
}

fn validate(reply: &OutgoingReply) -> Result<(), ChannelError> {
    let address_ok = |s: &str| (1..=256).contains(&s.len()) && !s.chars().any(char::is_control);
    if !address_ok(&reply.recipient) {
        return Err(ChannelError::Rejected("bad recipient".into()));
    }
    if reply.reply_via.as_deref().is_some_and(|v| !address_ok(v)) {
        return Err(ChannelError::Rejected("bad reply_via".into()));
    }
    let body = reply.body.trim();
    if body.is_empty() {
        return Err(ChannelError::Rejected("the body is blank".into()));
    }
    if text_len(body) > MAX_BODY_CHARS {
        return Err(ChannelError::Rejected(format!(
            "the body is longer than {MAX_BODY_CHARS} characters"
        )));
    }
    Ok(())
}

/// A row claimed for sending.
#[derive(Debug, Clone)]
pub(crate) struct Claimed {
    pub id: i64,
    pub channel: Channel,
    pub recipient: String,
    pub reply_via: Option<String>,
    pub body: String,
    /// Including this claim.
    pub attempts: i32,
    pub parts_sent: i32,
}

/// Claims the oldest due row whose recipient has no older unfinished row, in one
/// committed statement.
pub(crate) async fn claim_next(pool: &PgPool) -> Result<Option<Claimed>, ChannelError> {
    let row = sqlx::query(
        "UPDATE channel_outbox \
            SET state = 'sending', claimed_at = clock_timestamp(), attempts = attempts + 1 \
          WHERE state = 'pending' AND id = ( \
              SELECT o.id FROM channel_outbox o \
               WHERE o.state = 'pending' AND o.next_attempt_at <= now() \
                 AND NOT EXISTS ( \
                     SELECT 1 FROM channel_outbox e \
                      WHERE e.channel = o.channel AND e.recipient = o.recipient \
                        AND e.state IN ('pending', 'sending') AND e.id < o.id) \
               ORDER BY o.next_attempt_at, o.id \
               LIMIT 1 \
               FOR UPDATE SKIP LOCKED) \
         RETURNING id, channel, recipient, reply_via, body, attempts, parts_sent",
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let channel: String = row.try_get("channel")?;
    Ok(Some(Claimed {
        id: row.try_get("id")?,
        channel: Channel::parse(&channel)
            .ok_or_else(|| ChannelError::Corrupt(format!("unknown channel {channel:?}")))?,
        recipient: row.try_get("recipient")?,
        reply_via: row.try_get("reply_via")?,
        body: row.try_get("body")?,
        attempts: row.try_get("attempts")?,
        parts_sent: row.try_get("parts_sent")?,
    }))
}

/// Where a claimed row ended up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Settled {
    Sent,
    Retry(Duration),
    Failed,
}

/// Writes what happened to a claimed row.
pub(crate) async fn record(
    pool: &PgPool,
    row: &Claimed,
    progress: &Progress,
) -> Result<Settled, ChannelError> {
    let parts_sent = i32::try_from(progress.parts_sent).unwrap_or(i32::MAX);
    let (error, retry) = match &progress.outcome {
        Outcome::Sent => {
            sqlx::query(
                "UPDATE channel_outbox \
                    SET state = 'sent', sent_at = clock_timestamp(), parts_sent = $3, \
                        last_error = NULL \
                  WHERE id = $1 AND attempts = $2 AND state IN ('sending', 'failed')",
            )
            .bind(row.id)
            .bind(row.attempts)
            .bind(parts_sent)
            .execute(pool)
            .await?;
            return Ok(Settled::Sent);
        }
        Outcome::Retry(error) => (error, row.attempts < MAX_ATTEMPTS),
        Outcome::Failed(error) => (error, false),
    };
    if retry {
        let delay = retry_delay(row.attempts);
        sqlx::query(
            "UPDATE channel_outbox \
                SET state = 'pending', claimed_at = NULL, parts_sent = $3, last_error = $4, \
                    next_attempt_at = clock_timestamp() + make_interval(secs => $5) \
              WHERE id = $1 AND attempts = $2 AND state = 'sending'",
        )
        .bind(row.id)
        .bind(row.attempts)
        .bind(parts_sent)
        .bind(truncate(error))
        .bind(delay.as_secs_f64())
        .execute(pool)
        .await?;
        return Ok(Settled::Retry(delay));
    }
    let error = if matches!(progress.outcome, Outcome::Retry(_)) {
        format!("gave up after {} attempts: {error}", row.attempts)
    } else {
        error.clone()
    };
    sqlx::query(
        "UPDATE channel_outbox SET state = 'failed', parts_sent = $3, last_error = $4 \
          WHERE id = $1 AND attempts = $2 AND state = 'sending'",
    )
    .bind(row.id)
    .bind(row.attempts)
    .bind(parts_sent)
    .bind(truncate(&error))
    .execute(pool)
    .await?;
    Ok(Settled::Failed)
}

/// Marks rows left `sending` for longer than `lease` as failed with an unknown outcome
/// (the worker that claimed them stopped mid-send). Returns how many.
pub(crate) async fn fail_stale_claims(pool: &PgPool, lease: Duration) -> Result<u64, ChannelError> {
    let rows = sqlx::query(
        "UPDATE channel_outbox \
            SET state = 'failed', \
                last_error = 'outcome unknown: the worker that claimed it at ' \
                    || to_char(claimed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') \
                    || ' UTC did not finish within ' || $1::bigint || ' s; ' \
                    || 'not resent automatically (it may have been delivered)' \
          WHERE state = 'sending' AND claimed_at < now() - make_interval(secs => $1::bigint) \
         RETURNING id, channel",
    )
    .bind(lease.as_secs() as i64)
    .fetch_all(pool)
    .await?;
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let channel: String = row.try_get("channel")?;
        tracing::error!(id, %channel, "channel reply claim expired mid-send; outcome unknown, not resent");
    }
    Ok(rows.len() as u64)
}

/// How many replies will not go out by themselves (for the admins' dashboard).
pub async fn failed_count(pool: &PgPool) -> Result<i64, ChannelError> {
    Ok(
        sqlx::query_scalar("SELECT count(*) FROM channel_outbox WHERE state = 'failed'")
            .fetch_one(pool)
            .await?,
    )
}

/// The wait after the `attempts`-th failed attempt: 30 s × 2^(attempts − 1), at most an
/// hour.
pub fn retry_delay(attempts: i32) -> Duration {
    const BASE_SECS: u64 = 30;
    const CAP_SECS: u64 = 3600;
    let exponent = (attempts - 1).clamp(0, 16) as u32;
    Duration::from_secs((BASE_SECS << exponent).min(CAP_SECS))
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

    fn reply(recipient: &str, body: &str) -> OutgoingReply {
        OutgoingReply {
            channel: Channel::Messenger,
            recipient: recipient.into(),
            reply_via: None,
            body: body.into(),
            conversation_id: Some(7),
        }
    }

    #[test]
    fn backoff_doubles_from_30_seconds_up_to_an_hour() {
        let secs: Vec<u64> = (1..=10).map(|a| retry_delay(a).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(retry_delay(0).as_secs(), 30);
        assert_eq!(retry_delay(i32::MAX).as_secs(), 3600);
    }

    #[test]
    fn the_lease_outlasts_the_longest_send() {
        let parts = 2 * MAX_BODY_CHARS.div_ceil(Channel::Messenger.max_text_chars());
        let longest = crate::outbound::REQUEST_TIMEOUT * u32::try_from(parts).unwrap();
        assert!(longest < LEASE, "{longest:?}");
    }

    #[test]
    fn enqueue_validation() {
        assert!(validate(&reply("PSID", "hello")).is_ok());
        assert!(validate(&reply("PSID", &"ع".repeat(MAX_BODY_CHARS))).is_ok());
        for bad in [
            reply("", "hello"),
            reply("PS\nID", "hello"),
            reply(&"1".repeat(257), "hello"),
            reply("PSID", " \n "),
            reply("PSID", &"ع".repeat(MAX_BODY_CHARS + 1)),
            OutgoingReply {
                reply_via: Some(String::new()),
                ..reply("PSID", "hello")
            },
        ] {
            assert!(
                matches!(validate(&bad), Err(ChannelError::Rejected(_))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn debug_output_leaves_the_conversation_out() {
        let shown = format!("{:?}", reply("PSID-123", "your order DK-1 ships today"));
        assert!(
            !shown.contains("DK-1") && !shown.contains("PSID-123"),
            "{shown}"
        );
        assert!(shown.contains("messenger") || shown.contains("Messenger"));
    }

    #[test]
    fn errors_are_cut_on_character_boundaries() {
        assert_eq!(truncate("short"), "short");
        assert_eq!(truncate(&"ع".repeat(600)).chars().count(), MAX_ERROR_CHARS);
    }
}
