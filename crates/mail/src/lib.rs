//! Outgoing mail.
//!
//! Mail is never sent from a request handler. The handler calls [`enqueue`] on the
//! connection of the transaction that makes the business change (creating an account,
//! issuing a password-reset token, moving an order), so the message exists exactly when
//! that change commits. A background worker ([`spawn_worker`]) then hands pending rows of
//! the `mail_outbox` table to a [`Mailer`]: [`SmtpMailer`] in production
//! (`DOKKAN_SMTP_URL`), [`FileMailer`] (one `.eml` file per message) in development.
//!
//! # At most once per row
//!
//! A worker claims one row at a time: it marks the row `sending` in a transaction of its
//! own and commits that *before* handing the message to the mailer. Two workers never
//! claim the same row (`FOR UPDATE SKIP LOCKED`), and a crash after the claim never leads
//! to an automatic resend: a row left `sending` longer than [`SENDING_LEASE`] is marked
//! `failed` with an "outcome unknown" error, for an admin to look at and retry by hand.
//! The same holds when the connection breaks after the message text went out but before
//! the server answered: the server may have taken it, so it is not resent by itself.
//!
//! The price is that a crash can leave a mail unsent until an admin retries it; the
//! alternative (at least once) would resend password-reset and order mails after every
//! crash or timeout, and a second copy of a mail is what the shop promised never to send.
//!
//! # Failures
//!
//! Temporary failures (a 4xx answer, a refused or broken connection before the message
//! went out, TLS or authentication trouble) are retried with exponential backoff, up to
//! [`MAX_ATTEMPTS`] attempts. Permanent ones (a 5xx answer to the message, an address that
//! cannot be written) mark the row `failed` at once. Failed rows are listed for admins
//! ([`failed_mails`]) and can be queued again ([`retry_failed`]).
//!
//! # Secrets
//!
//! Subjects and bodies carry one-time links (password reset, email verification). They are
//! never logged, never stored in `last_error`, and the [`Debug`] output of
//! [`OutgoingMail`] and [`StoredMail`] redacts them. Logs name a message by id and kind only.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

mod file;
pub mod letter;
mod message;
mod outbox;
mod smtp;
mod worker;

pub use file::FileMailer;
pub use letter::Letter;
pub use message::check_sender;
pub use outbox::{deliver_pending, enqueue, failed_mails, recent_count, retry_failed, FailedMail};
pub use smtp::{SmtpMailer, SmtpSecurity, SmtpSettings};
pub use worker::spawn_worker;

/// How many delivery attempts a message gets. After the last temporary failure the row is
/// marked `failed` (with `last_error`) for an admin to look at; it is no longer retried.
pub const MAX_ATTEMPTS: i32 = 8;

/// How long a claimed row may stay `sending`. A live worker finishes well within it (every
/// SMTP step has a timeout far shorter); past it the worker is taken for dead and the row
/// is reported `failed` with an unknown outcome instead of being sent again.
pub const SENDING_LEASE: Duration = Duration::from_secs(15 * 60);

/// The sender used when none is configured (development).
pub const DEFAULT_SENDER: &str = "Dokkan <no-reply@localhost>";

/// A message to put in the outbox with [`enqueue`]. [`Letter::compose`] writes the ones
/// the shop sends, in the reader's language.
#[derive(Clone, PartialEq, Eq)]
pub struct OutgoingMail {
    /// What the message is for, e.g. `"verify-email"` or `"password-reset"`: ASCII letters,
    /// digits, `-` and `_`, at most 64 characters. Logged and used in file names.
    pub kind: String,
    /// The recipient's address, e.g. `"reader@example.com"`.
    pub to: String,
    /// The subject, plain Unicode text (it is encoded for the wire by the mailer).
    /// Secret: never logged.
    pub subject: String,
    /// The plain-text body. Secret (contains one-time links): never logged.
    pub text: String,
    /// The HTML alternative of the same content, when there is one (sent as
    /// `multipart/alternative` beside the text). Secret: never logged.
    pub html: Option<String>,
}

impl fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("subject", &"<redacted>")
            .field("text", &"<redacted>")
            .field("html", &self.html.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// A message read back from the outbox, as handed to a [`Mailer`].
#[derive(Clone, PartialEq, Eq)]
pub struct StoredMail {
    /// The outbox row id; stable across retries, so mailers use it as the message identity.
    pub id: i64,
    /// What the message is for, e.g. `"password-reset"`.
    pub kind: String,
    /// The recipient's address.
    pub to: String,
    /// The subject, plain Unicode text. Secret: never logged.
    pub subject: String,
    /// The plain-text body. Secret: never logged.
    pub text: String,
    /// The HTML alternative, if any. Secret: never logged.
    pub html: Option<String>,
    /// When the message was enqueued (used as its `Date:`).
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// How many earlier delivery attempts failed.
    pub attempts: i32,
}

impl fmt::Debug for StoredMail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredMail")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("subject", &"<redacted>")
            .field("text", &"<redacted>")
            .field("html", &self.html.as_ref().map(|_| "<redacted>"))
            .field("created_at", &self.created_at)
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// Something that delivers a message: [`SmtpMailer`] or the development [`FileMailer`].
///
/// Implementations must not log or return the subject or body (an error's text is stored in
/// `mail_outbox.last_error` and logged). The error says what the outbox does next:
/// [`MailError::is_permanent`] errors fail the row at once, [`MailError::Unknown`] fails
/// it without a resend, anything else is retried with backoff.
pub trait Mailer: Send + Sync {
    /// Delivers one message.
    fn send<'a>(
        &'a self,
        mail: &'a StoredMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>>;
}

/// Why enqueueing or delivering mail failed. The text never contains a subject or body.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The outbox query failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// Reading or writing a file (or a socket) failed.
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
    /// The message cannot be sent as it is (invalid recipient or kind, ...). Permanent.
    /// The text describes the problem without quoting the message.
    #[error("mail rejected: {0}")]
    Rejected(String),
    /// The server refused the message for good (an SMTP 5xx answer). Permanent.
    #[error("permanent failure: {0}")]
    Permanent(String),
    /// Worth trying again later: an SMTP 4xx answer, a connection, TLS or authentication
    /// failure before the message went out.
    #[error("temporary failure: {0}")]
    Temporary(String),
    /// The message may or may not have been taken (the connection broke after its text
    /// was sent). Never retried by itself: a second copy could reach the reader.
    #[error("outcome unknown: {0}")]
    Unknown(String),
}

impl MailError {
    /// Retrying cannot help: the row is marked failed at once.
    pub fn is_permanent(&self) -> bool {
        matches!(self, MailError::Rejected(_) | MailError::Permanent(_))
    }
}
