//! The `mail_outbox` table: enqueueing in the caller's transaction, claiming and
//! delivering one row at a time, and the admins' view of failed mail.

use std::time::Duration;

use sqlx::{PgConnection, PgPool, Row};

use crate::{MailError, Mailer, OutgoingMail, StoredMail, MAX_ATTEMPTS, SENDING_LEASE};

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
        "INSERT INTO mail_outbox (kind, recipient, subject, body_text, body_html) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(&mail.kind)
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.text)
    .bind(&mail.html)
    .fetch_one(&mut *conn)
    .await?;
    notify(conn, id).await?;
    tracing::debug!(id, kind = %mail.kind, "mail enqueued");
    Ok(id)
}

async fn notify(conn: &mut PgConnection, id: i64) -> Result<(), MailError> {
    sqlx::query("SELECT pg_notify($1, $2::bigint::text)")
        .bind(CHANNEL)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
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

/// How many mails of `kind` were queued to `recipient` within `window` (to limit, say,
/// password-reset mails per address). Counts every row, whatever its state.
pub async fn recent_count(
    conn: &mut PgConnection,
    kind: &str,
    recipient: &str,
    window: Duration,
) -> Result<i64, MailError> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM mail_outbox \
         WHERE recipient = $1 AND kind = $2 \
           AND created_at > now() - make_interval(secs => $3)",
    )
    .bind(recipient)
    .bind(kind)
    .bind(window.as_secs_f64())
    .fetch_one(conn)
    .await?)
}

/// Delivers up to `batch` due messages through `mailer`, one at a time; returns how many
/// were sent.
///
/// First, claims left `sending` past [`SENDING_LEASE`] are marked `failed` (outcome
/// unknown, never resent by themselves). Then, for each message: the oldest due `pending`
/// row is claimed — set to `sending` with `FOR UPDATE SKIP LOCKED` in a transaction of its
/// own that commits before the mailer is called, so two workers never hold the same row
/// and a crash from here on cannot send it again — then handed to the mailer, then its
/// outcome is written:
///
/// - sent: `state = 'sent'`, `sent_at`;
/// - temporary failure: back to `pending`, `attempts + 1`, `last_error`, and
///   `next_attempt_at` pushed out by 30 s, 1 min, 2 min, … capped at 1 h — or `failed`
///   once [`MAX_ATTEMPTS`] attempts are used up;
/// - permanent failure or unknown outcome: `failed` at once.
///
/// Only database errors make this function fail; a row whose outcome could not be written
/// stays `sending` and is reported by the lease check later.
pub async fn deliver_pending(
    pool: &PgPool,
    mailer: &dyn Mailer,
    batch: i64,
) -> Result<usize, MailError> {
    if batch <= 0 {
        return Ok(0);
    }
    fail_stale_claims(pool, SENDING_LEASE).await?;
    let mut sent = 0;
    for _ in 0..batch {
        let Some((mail, claim)) = claim_next(pool).await? else {
            break;
        };
        let outcome = mailer.send(&mail).await;
        if outcome.is_ok() {
            sent += 1;
        }
        record(pool, &mail, claim, outcome).await?;
    }
    Ok(sent)
}

type Claim = chrono::DateTime<chrono::Utc>;

async fn claim_next(pool: &PgPool) -> Result<Option<(StoredMail, Claim)>, MailError> {
    // A statement on its own is its own transaction: the claim is committed when it returns.
    let row = sqlx::query(
        "UPDATE mail_outbox SET state = 'sending', claimed_at = clock_timestamp() \
         WHERE state = 'pending' AND id = ( \
             SELECT id FROM mail_outbox \
             WHERE state = 'pending' AND next_attempt_at <= now() \
             ORDER BY next_attempt_at, id \
             LIMIT 1 \
             FOR UPDATE SKIP LOCKED) \
         RETURNING id, kind, recipient, subject, body_text, body_html, created_at, attempts, \
                   claimed_at",
    )
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let mail = StoredMail {
        id: row.try_get("id")?,
        kind: row.try_get("kind")?,
        to: row.try_get("recipient")?,
        subject: row.try_get("subject")?,
        text: row.try_get("body_text")?,
        html: row.try_get("body_html")?,
        created_at: row.try_get("created_at")?,
        attempts: row.try_get("attempts")?,
    };
    Ok(Some((mail, row.try_get("claimed_at")?)))
}

/// Writes what happened to a claimed row. Every update names the claim, so an outcome
/// that arrives after the lease check gave the row up, or after an admin queued it again,
/// cannot overwrite the newer state — except a success, which is the truth and wins over
/// the lease check's "unknown".
async fn record(
    pool: &PgPool,
    mail: &StoredMail,
    claim: Claim,
    outcome: Result<(), MailError>,
) -> Result<(), MailError> {
    let error = match outcome {
        Ok(()) => {
            sqlx::query(
                "UPDATE mail_outbox SET state = 'sent', sent_at = clock_timestamp(), \
                        failed_at = NULL \
                 WHERE id = $1 AND claimed_at = $2 AND state IN ('sending', 'failed')",
            )
            .bind(mail.id)
            .bind(claim)
            .execute(pool)
            .await?;
            return Ok(());
        }
        Err(error) => error,
    };
    let attempts = mail.attempts.saturating_add(1);
    let text = truncate(&error.to_string(), MAX_ERROR_CHARS);
    let retry = !error.is_permanent() && !matches!(error, MailError::Unknown(_));
    if retry && attempts < MAX_ATTEMPTS {
        let delay = retry_delay(mail.attempts);
        sqlx::query(
            "UPDATE mail_outbox \
             SET state = 'pending', claimed_at = NULL, attempts = attempts + 1, last_error = $3, \
                 next_attempt_at = clock_timestamp() + make_interval(secs => $4) \
             WHERE id = $1 AND claimed_at = $2 AND state = 'sending'",
        )
        .bind(mail.id)
        .bind(claim)
        .bind(&text)
        .bind(delay.as_secs_f64())
        .execute(pool)
        .await?;
        tracing::warn!(
            id = mail.id,
            kind = %mail.kind,
            attempts,
            retry_in_secs = delay.as_secs(),
            error = %text,
            "mail delivery failed; will retry"
        );
    } else {
        sqlx::query(
            "UPDATE mail_outbox \
             SET state = 'failed', failed_at = clock_timestamp(), attempts = attempts + 1, \
                 last_error = $3 \
             WHERE id = $1 AND claimed_at = $2 AND state = 'sending'",
        )
        .bind(mail.id)
        .bind(claim)
        .bind(&text)
        .execute(pool)
        .await?;
        tracing::error!(
            id = mail.id,
            kind = %mail.kind,
            attempts,
            error = %text,
            "mail delivery failed for good; an admin can retry it"
        );
    }
    Ok(())
}

/// Marks rows left `sending` for longer than `lease` as failed with an unknown outcome
/// (the worker that claimed them stopped mid-send). Returns how many.
pub(crate) async fn fail_stale_claims(pool: &PgPool, lease: Duration) -> Result<u64, MailError> {
    let rows = sqlx::query(
        "UPDATE mail_outbox \
         SET state = 'failed', failed_at = clock_timestamp(), attempts = attempts + 1, \
             last_error = 'outcome unknown: the worker that claimed it at ' \
                 || to_char(claimed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') \
                 || ' UTC did not finish within ' || $1::bigint || ' s; ' \
                 || 'not resent automatically (it may have been delivered)' \
         WHERE state = 'sending' AND claimed_at < now() - make_interval(secs => $1::bigint) \
         RETURNING id, kind",
    )
    .bind(lease.as_secs() as i64)
    .fetch_all(pool)
    .await?;
    for row in &rows {
        let id: i64 = row.try_get("id")?;
        let kind: String = row.try_get("kind")?;
        tracing::error!(id, %kind, "mail claim expired mid-send; outcome unknown, not resent");
    }
    Ok(rows.len() as u64)
}

/// A mail that will not go out by itself, as admins see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedMail {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    /// The last error (SMTP answer, connection problem, or "outcome unknown").
    pub error: String,
    pub attempts: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub failed_at: chrono::DateTime<chrono::Utc>,
}

/// Failed mail, newest failure first, at most `limit` rows, and how many there are in all.
pub async fn failed_mails(pool: &PgPool, limit: i64) -> Result<(Vec<FailedMail>, i64), MailError> {
    let rows = sqlx::query(
        "SELECT id, kind, recipient, coalesce(last_error, '') AS error, attempts, created_at, \
                failed_at, count(*) OVER () AS total \
         FROM mail_outbox WHERE state = 'failed' \
         ORDER BY failed_at DESC, id DESC LIMIT $1",
    )
    .bind(limit.clamp(0, 1000))
    .fetch_all(pool)
    .await?;
    let mut total = 0;
    let mut mails = Vec::with_capacity(rows.len());
    for row in rows {
        total = row.try_get("total")?;
        mails.push(FailedMail {
            id: row.try_get("id")?,
            kind: row.try_get("kind")?,
            recipient: row.try_get("recipient")?,
            error: row.try_get("error")?,
            attempts: row.try_get("attempts")?,
            created_at: row.try_get("created_at")?,
            failed_at: row.try_get("failed_at")?,
        });
    }
    Ok((mails, total))
}

/// Queues a failed mail again, with a fresh set of attempts, on `conn` (an admin's audited
/// transaction). Returns its kind and recipient, or `None` when the row is not failed
/// (already retried, sent, or unknown).
pub async fn retry_failed(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Option<(String, String)>, MailError> {
    let row = sqlx::query(
        "UPDATE mail_outbox \
         SET state = 'pending', next_attempt_at = now(), attempts = 0, failed_at = NULL, \
             claimed_at = NULL \
         WHERE id = $1 AND state = 'failed' \
         RETURNING kind, recipient",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    notify(conn, id).await?;
    Ok(Some((row.try_get("kind")?, row.try_get("recipient")?)))
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
            html: None,
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

    #[test]
    fn debug_output_redacts_secrets() {
        let mail = OutgoingMail {
            kind: "password-reset".into(),
            to: "a@example.com".into(),
            subject: "Reset".into(),
            text: "https://example.com/reset?t=secret".into(),
            html: Some("<a href=\"https://example.com/reset?t=secret\">".into()),
        };
        let shown = format!("{mail:?}");
        assert!(
            !shown.contains("secret") && !shown.contains("Reset"),
            "{shown}"
        );
        assert!(shown.contains("password-reset"));
    }
}
