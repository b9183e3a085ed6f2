//! Mail that will not go out by itself (refused by the mail server, attempts used up, or
//! an unknown outcome after a crash), for staff to see on the dashboard and queue again.
//! Queueing again is an audited write (`mail.retry`).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const RETRY: dokkan_audit::Action = dokkan_audit::Action::new("mail.retry");

/// How many failed mails the dashboard lists (the newest).
#[cfg(feature = "ssr")]
const SHOWN: i64 = 50;

/// One failed mail, without its subject or body (they may hold one-time links).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMailRow {
    pub id: i64,
    /// `verify-email`, `password-reset`, `order-shipped`, …
    pub kind: String,
    pub recipient: String,
    /// The mail server's answer or the connection problem, as the worker recorded it.
    pub error: String,
    pub attempts: i32,
    /// RFC 3339, UTC.
    pub failed_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedMails {
    pub rows: Vec<FailedMailRow>,
    /// All failed mails, when there are more than the rows shown.
    pub total: i64,
}

#[server(endpoint = "admin/mail/failed")]
pub async fn admin_failed_mails() -> Result<FailedMails, AppError> {
    support::with_role(Permission::BackOffice).await?;
    let (failed, total) = dokkan_mail::failed_mails(&support::state().pool, SHOWN).await?;
    let rows = failed
        .into_iter()
        .map(|mail| FailedMailRow {
            id: mail.id,
            kind: mail.kind,
            recipient: mail.recipient,
            error: mail.error,
            attempts: mail.attempts,
            failed_at: mail
                .failed_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .collect();
    Ok(FailedMails { rows, total })
}

/// Queues one failed mail again with a fresh set of attempts; 404 when it is not failed
/// (already queued again or sent).
#[server(endpoint = "admin/mail/retry")]
pub async fn retry_mail(#[server(default)] lang: String, id: i64) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, RETRY).await?;
    let mut tx = admin.begin().await?;
    let Some((kind, _)) = dokkan_mail::retry_failed(&mut tx, id).await? else {
        return Err(AppError::not_found());
    };
    tx.commit().await?;
    tracing::info!(id, %kind, by = admin.user.user_id, "failed mail queued again");
    support::redirect(&format!("/{locale}/admin?mail-retried=1#failed-mail"));
    Ok(())
}
