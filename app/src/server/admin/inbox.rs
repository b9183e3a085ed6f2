//! The staff inbox: conversations the assistant handed over, their transcripts, staff
//! replies (reaching the customer live on the site, or through the channel's outbox),
//! closing and reopening; and the FAQ answers the assistant gives. Every write is
//! audited (`assistant.reply|close|reopen|faq`).

use crate::error::AppError;
use crate::server::assistant::ChatMessage;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
#[cfg(feature = "ssr")]
use dokkan_assistant::{conversation::ConversationState, db as store};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const REPLY: dokkan_audit::Action = dokkan_audit::Action::new("assistant.reply");
#[cfg(feature = "ssr")]
const CLOSE: dokkan_audit::Action = dokkan_audit::Action::new("assistant.close");
#[cfg(feature = "ssr")]
const REOPEN: dokkan_audit::Action = dokkan_audit::Action::new("assistant.reopen");
#[cfg(feature = "ssr")]
const FAQ: dokkan_audit::Action = dokkan_audit::Action::new("assistant.faq");

/// The longest staff reply, in characters.
pub const MAX_REPLY: usize = 2000;

/// A line of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxLine {
    pub id: i64,
    pub channel: String,
    /// `handed_over` or `closed`.
    pub state: String,
    pub customer: String,
    pub handed_over_at: Option<String>,
    pub updated_at: String,
    pub last_message: String,
    pub order_numbers: Vec<String>,
}

/// One conversation for staff: the line and the whole transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxThread {
    pub line: InboxLine,
    pub email: Option<String>,
    pub messages: Vec<ChatMessage>,
}

#[cfg(feature = "ssr")]
fn line(locale: dokkan_core::Locale, row: store::ConversationRow) -> InboxLine {
    let customer = match (&row.customer, &row.email) {
        (Some(name), Some(email)) => format!("{name} <{email}>"),
        (Some(name), None) => name.clone(),
        (None, Some(email)) => email.clone(),
        (None, None) => crate::i18n::t(locale, "admin-inbox-guest"),
    };
    InboxLine {
        id: row.id,
        channel: row.channel,
        state: row.state.as_str().to_string(),
        customer,
        handed_over_at: row.handed_over_at,
        updated_at: row.updated_at,
        last_message: row.last_message.unwrap_or_default(),
        order_numbers: row.order_numbers,
    }
}

/// Conversations handed over, newest first: `open` (default), `closed` or `all`.
#[server(endpoint = "admin/inbox/list")]
pub async fn admin_inbox(lang: String, filter: String) -> Result<Vec<InboxLine>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    let locale = support::locale(&lang);
    let filter = match filter.as_str() {
        "closed" => store::InboxFilter::Closed,
        "all" => store::InboxFilter::All,
        _ => store::InboxFilter::Open,
    };
    Ok(store::inbox(&support::state().pool, filter, 200)
        .await?
        .into_iter()
        .map(|row| line(locale, row))
        .collect())
}

#[server(endpoint = "admin/inbox/thread")]
pub async fn admin_inbox_thread(lang: String, id: i64) -> Result<Option<InboxThread>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    let locale = support::locale(&lang);
    let pool = support::state().pool;
    let Some(row) = store::row_by_id(&pool, id).await? else {
        return Ok(None);
    };
    let email = row.email.clone();
    let messages = store::messages(&pool, id, 0, 500)
        .await?
        .iter()
        .map(|m| crate::server::assistant::dialog::chat_message(locale, m))
        .collect();
    Ok(Some(InboxThread {
        line: line(locale, row),
        email,
        messages,
    }))
}

/// A staff reply: stored (the customer's open chat shows it at once), sent through the
/// channel's outbox for a social channel; a closed conversation opens again.
#[server(endpoint = "admin/inbox/reply")]
pub async fn admin_inbox_reply(lang: String, id: i64, text: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, REPLY).await?;
    let text = text.trim().to_string();
    let mut check = FormCheck::new(locale).keep("text", &text);
    if text.is_empty() {
        check.invalid("text", "assistant-text-empty");
    } else if text.chars().count() > MAX_REPLY {
        check.invalid("text", "admin-inbox-reply-long");
    }
    if !check.is_ok() {
        return check.reject();
    }
    let state = support::state();
    let Some(conversation) = store::by_id(&state.pool, id).await? else {
        return Err(AppError::not_found());
    };
    let mut tx = admin.begin().await?;
    store::set_state(&mut tx, id, ConversationState::HandedOver).await?;
    store::add_message(
        &mut tx,
        id,
        &store::NewMessage {
            author: "staff",
            staff_id: Some(admin.user.user_id),
            body: &text,
            ..store::NewMessage::default()
        },
    )
    .await?;
    crate::server::assistant::channel::queue_reply(&mut tx, &conversation, &text).await?;
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/inbox/{id}#reply"));
    Ok(())
}

/// Closes (`close`) or reopens (`reopen`) a conversation.
#[server(endpoint = "admin/inbox/state")]
pub async fn admin_inbox_state(lang: String, id: i64, to: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let (action, state) = match to.as_str() {
        "close" => (CLOSE, ConversationState::Closed),
        "reopen" => (REOPEN, ConversationState::HandedOver),
        _ => return Err(AppError::bad_request()),
    };
    let admin = support::admin_write(Permission::BackOffice, action).await?;
    if store::by_id(&support::state().pool, id).await?.is_none() {
        return Err(AppError::not_found());
    }
    let mut tx = admin.begin().await?;
    store::set_state(&mut tx, id, state).await?;
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/inbox/{id}"));
    Ok(())
}

/// The FAQ answers, for the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqRow {
    pub topic: String,
    pub en: String,
    pub ar: String,
}

#[server(endpoint = "admin/inbox/faq")]
pub async fn admin_faq() -> Result<Vec<FaqRow>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(store::faq(&support::state().pool)
        .await?
        .into_iter()
        .map(|f| FaqRow {
            topic: f.topic,
            en: f.en,
            ar: f.ar,
        })
        .collect())
}

/// Saves one topic's answers in both languages (each 1–2,000 characters).
#[server(endpoint = "admin/inbox/faq/save")]
pub async fn admin_save_faq(
    lang: String,
    topic: String,
    en: String,
    ar: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, FAQ).await?;
    let (en, ar) = (en.trim().to_string(), ar.trim().to_string());
    let mut check = FormCheck::new(locale)
        .keep("topic", &topic)
        .keep("en", &en)
        .keep("ar", &ar);
    for (field, value) in [("en", &en), ("ar", &ar)] {
        if value.is_empty() {
            check.invalid(field, "admin-faq-empty");
        } else if value.chars().count() > 2000 {
            check.invalid(field, "admin-faq-long");
        }
    }
    if !check.is_ok() {
        return check.reject();
    }
    let mut tx = admin.begin().await?;
    if !store::save_faq(&mut tx, &topic, &en, &ar).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/inbox/answers?saved={topic}"));
    Ok(())
}
