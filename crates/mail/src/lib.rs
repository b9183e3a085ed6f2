//! Outgoing mail.
//!
//! Mail is never sent from a request handler. The handler calls [`enqueue`] on the
//! connection of the transaction that makes the business change (creating an account,
//! issuing a password-reset token), so the message exists exactly when that change
//! commits. A background worker ([`spawn_worker`]) then hands pending rows of the
//! `mail_outbox` table to a [`Mailer`] and retries failures with exponential backoff.
//!
//! Delivery is *at least once*: a mail handed to the mailer whose "sent" mark then fails
//! to commit (database outage, crash) is sent again later.
//!
//! Today the only mailer is [`FileMailer`], the development sink that writes each message
//! as an `.eml` file; SMTP will be another [`Mailer`] implementation.
//!
//! # Secrets
//!
//! Subjects and bodies carry one-time links (password reset, email verification). They are
//! never logged, never stored in `last_error`, and the [`Debug`] output of
//! [`OutgoingMail`] and [`StoredMail`] redacts them. Logs name a message by id and kind only.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

mod encode;
mod file;
mod outbox;
mod worker;

pub use file::FileMailer;
pub use outbox::{deliver_pending, enqueue};
pub use worker::spawn_worker;

/// How many delivery attempts a message gets. After the last failure the row stays in
/// `mail_outbox` (with `last_error`) for an operator to look at, but is no longer retried.
pub const MAX_ATTEMPTS: i32 = 8;

/// A message to put in the outbox with [`enqueue`].
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
}

impl fmt::Debug for OutgoingMail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutgoingMail")
            .field("kind", &self.kind)
            .field("to", &self.to)
            .field("subject", &"<redacted>")
            .field("text", &"<redacted>")
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
            .field("created_at", &self.created_at)
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// Something that delivers a message: the development [`FileMailer`] today, SMTP later.
///
/// Implementations must not log or return the subject or body (an error's text is stored in
/// `mail_outbox.last_error` and logged). A returned error means "not delivered, try again
/// later"; the outbox retries it with backoff up to [`MAX_ATTEMPTS`] times.
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
    /// The message cannot be sent as it is (invalid recipient or kind, refused by the
    /// server, ...). The text describes the problem without quoting the message.
    #[error("mail rejected: {0}")]
    Rejected(String),
}
