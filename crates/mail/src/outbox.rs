//! The `mail_outbox` table: enqueueing in the caller's transaction and delivering batches.

use std::time::Duration;

use sqlx::{PgConnection, PgPool, Row};

use crate::{MailError, Mailer, OutgoingMail, StoredMail, MAX_ATTEMPTS};

/// The channel [`enqueue`] notifies and the worker listens on.
pub(crate) const CHANNEL: &str = "mail_outbox";

/// Longest `last_error` kept, in characters.
const MAX_ERROR_CHARS: usize = 2000;

/// Puts a message in the outbox and returns its id.
///
/// Call it on the connection of the transaction that makes the change the mail is about
/// (`&mut *tx`): the row — and the `NOTIFY mail_outbox` that wakes the worker, which
/// PostgreSQL delivers only at commit — exist only if that transaction commits.
///
/// Fails with [`MailError::Rejected`] when `kind` is not 1–64 ASCII letters, digits, `-` or
/// `_`, or when `to` is empty or contains control characters (a line break there would
/// inject headers).
pub async fn enqueue(conn: &mut PgConnection, mail: &OutgoingMail) -> Result<i64, MailError> {
    validate(mail)?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mail_outbox (kind, recipient, subject, body_text) \
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(&mail.kind)
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("SELECT pg_notify($1, $2::bigint::text)")
        .bind(CHANNEL)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    tracing::debug!(id, kind = %mail.kind, "mail enqueued");
    Ok(id)
}

fn validate(mail: &OutgoingMail) -> Result<(), MailError> {
    let kind_ok = (1..=64).contains(&mail.kind.len())
        && mail
            .kind
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !kind_ok {
        return Err(MailError::Rejected(
            "kind must be 1-64 ASCII letters, digits, '-' or '_'".into(),
        ));
    }
    if mail.to.trim().is_empty() {
        return Err(MailError::Rejected("recipient is empty".into()));
    }
    if mail.to.chars().any(char::is_control) {
        return Err(MailError::Rejected(
            "recipient contains control characters".into(),
        ));
    }
    Ok(())
}

/// Delivers up to `batch` due messages through `mailer`; returns how many were sent.
///
/// Due means unsent, `next_attempt_at` reached and fewer than [`MAX_ATTEMPTS`] attempts,
/// oldest first. The rows are claimed with `FOR UPDATE SKIP LOCKED` in one transaction held
/// while they are sent, so several workers (several server instances) can run this at the
/// same time without sending a message twice.
///
/// A sent message gets `sent_at`. A failed one gets `attempts + 1`, the error text in
/// `last_error` (the error's text only, never the message) and `next_attempt_at` pushed out
/// by an exponential backoff: 30 s, 1 min, 2 min, … capped at 1 h. Mailer failures are logged and
/// do not make this function fail; only database errors do, and then the whole batch is
/// rolled back (so messages already handed to the mailer in it will be sent again).
pub async fn deliver_pending(
    pool: &PgPool,
    mailer: &dyn Mailer,
    batch: i64,
) -> Result<usize, MailError> {
    if batch <= 0 {
        return Ok(0);
    }
    let mut tx = pool.begin().await?;
    let rows = sqlx::query(
        "SELECT id, kind, recipient, subject, body_text, created_at, attempts \
         FROM mail_outbox \
         WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < $1 \
         ORDER BY id \
         LIMIT $2 \
         FOR UPDATE SKIP LOCKED",
    )
    .bind(MAX_ATTEMPTS)
    .bind(batch)
    .fetch_all(&mut *tx)
    .await?;

    let mut sent = 0;
    for row in rows {
        let mail = StoredMail {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            to: row.try_get("recipient")?,
            subject: row.try_get("subject")?,
            text: row.try_get("body_text")?,
            created_at: row.try_get("created_at")?,
            attempts: row.try_get("attempts")?,
        };
        match mailer.send(&mail).await {
            Ok(()) => {
                sqlx::query("UPDATE mail_outbox SET sent_at = clock_timestamp() WHERE id = $1")
                    .bind(mail.id)
                    .execute(&mut *tx)
                    .await?;
                sent += 1;
            }
            Err(error) => {
                let attempts = mail.attempts.saturating_add(1);
                let delay = retry_delay(mail.attempts);
                let text = truncate(&error.to_string(), MAX_ERROR_CHARS);
                sqlx::query(
                    "UPDATE mail_outbox \
                     SET attempts = attempts + 1, last_error = $2, \
                         next_attempt_at = clock_timestamp() + make_interval(secs => $3) \
                     WHERE id = $1",
                )
                .bind(mail.id)
                .bind(&text)
                .bind(delay.as_secs_f64())
                .execute(&mut *tx)
                .await?;
                if attempts >= MAX_ATTEMPTS {
                    tracing::error!(
                        id = mail.id,
                        kind = %mail.kind,
                        attempts,
                        error = %text,
                        "mail delivery failed for the last time; giving up"
                    );
                } else {
                    tracing::warn!(
                        id = mail.id,
                        kind = %mail.kind,
                        attempts,
                        retry_in_secs = delay.as_secs(),
                        error = %text,
                        "mail delivery failed"
                    );
                }
            }
        }
    }
    tx.commit().await?;
    Ok(sent)
}

/// How long to wait before retrying a message that has failed `attempts_before + 1` times:
/// 30 s × 2^`attempts_before`, capped at one hour.
pub(crate) fn retry_delay(attempts_before: i32) -> Duration {
    const BASE_SECS: u64 = 30;
    const CAP_SECS: u64 = 3600;
    let exponent = attempts_before.clamp(0, 16) as u32;
    Duration::from_secs((BASE_SECS << exponent).min(CAP_SECS))
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((end, _)) => text[..end].to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_30_seconds_up_to_an_hour() {
        let secs: Vec<u64> = (0..10).map(|a| retry_delay(a).as_secs()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600]);
        assert_eq!(retry_delay(-1).as_secs(), 30);
        assert_eq!(retry_delay(i32::MAX).as_secs(), 3600);
    }

    #[test]
    fn enqueue_validation() {
        let ok = OutgoingMail {
            kind: "verify-email".into(),
            to: "a@example.com".into(),
            subject: "s".into(),
            text: "t".into(),
        };
        assert!(validate(&ok).is_ok());
        for (kind, to) in [
            ("", "a@example.com"),
            ("../x", "a@example.com"),
            ("verify-email", ""),
            ("verify-email", "a@example.com\nBcc: b@example.com"),
        ] {
            let bad = OutgoingMail {
                kind: kind.into(),
                to: to.into(),
                ..ok.clone()
            };
            assert!(matches!(validate(&bad), Err(MailError::Rejected(_))));
        }
    }

    #[test]
    fn truncates_on_character_boundaries() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("عربي", 2), "عر");
    }
}
