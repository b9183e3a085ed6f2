//! The assistant on Telegram, WhatsApp and Messenger: the webhooks.
//!
//! `POST /api/v1/channels/{telegram,whatsapp,messenger}` and, for the two Meta channels,
//! `GET` for the verification handshake. A body is believed only after its check — the
//! Telegram secret token header, or `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with
//! the app secret, compared in constant time) — and a forged one is 403 with nothing
//! read. Each text message goes through the same assistant as the site's chat; its
//! delivery id is recorded in the transaction that queues the reply, so a replayed
//! webhook is not answered again (a second delivery racing the first waits on that row).
//! Replies leave through the channel outbox (retries, never sent twice). If queueing the
//! reply fails after the assistant stored its answer, the 503 makes the channel retry and
//! the conversation shows the exchange twice: rare, and better than an unanswered
//! customer. A channel that is not configured answers 404.

pub mod config;

use crate::AppState;
use app::{
    error::AppError,
    server::assistant::{
        channel::queue_reply,
        dialog::{self, CartAccess, Input, Who},
    },
};
use axum::{
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Router,
};
use dokkan_channels::{inbound, verify, Channel, Incoming};
use dokkan_core::Locale;
use serde::Deserialize;
use std::sync::Arc;

pub use config::ChannelsConfig;

pub fn routes(config: Arc<ChannelsConfig>) -> Router<AppState> {
    Router::new()
        .route("/channels/{channel}", get(handshake).post(webhook))
        .layer(Extension(config))
}

#[derive(Deserialize)]
pub struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

/// Meta's subscription check: echo `hub.challenge` when the verify token is ours.
async fn handshake(
    Path(name): Path<String>,
    Query(query): Query<Handshake>,
    Extension(config): Extension<Arc<ChannelsConfig>>,
) -> Response {
    let Some(settings) = Channel::parse(&name)
        .filter(|c| *c != Channel::Telegram)
        .and_then(|c| config.get(c))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let expected = settings
        .verify_token
        .as_ref()
        .map(|t| t.expose().as_str())
        .unwrap_or("");
    match verify::hub_challenge(
        query.mode.as_deref(),
        query.verify_token.as_deref(),
        query.challenge.as_deref(),
        expected,
    ) {
        Some(challenge) => (
            [(
                axum::http::header::CONTENT_TYPE,
                "text/plain; charset=utf-8",
            )],
            challenge,
        )
            .into_response(),
        None => StatusCode::FORBIDDEN.into_response(),
    }
}

async fn webhook(
    State(state): State<AppState>,
    Path(name): Path<String>,
    Extension(config): Extension<Arc<ChannelsConfig>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(settings) = Channel::parse(&name).and_then(|c| config.get(c)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let channel = settings.channel;
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let genuine = match channel {
        Channel::Telegram => verify::telegram_secret_ok(
            header("x-telegram-bot-api-secret-token"),
            settings.secret.expose(),
        ),
        Channel::WhatsApp | Channel::Messenger => verify::hub_signature_ok(
            header("x-hub-signature-256"),
            &body,
            settings.secret.expose(),
        ),
    };
    if !genuine {
        tracing::warn!(%channel, "webhook refused: bad signature or secret");
        return StatusCode::FORBIDDEN.into_response();
    }
    let messages = match inbound::parse(channel, &body) {
        Ok(messages) => messages,
        Err(error) => {
            tracing::info!(%channel, %error, "webhook body refused");
            return StatusCode::BAD_REQUEST.into_response();
        }
    };
    for message in messages {
        if let Err(error) = answer(&state, &message).await {
            // The transaction rolled back: the channel's retry gets a fresh go.
            tracing::warn!(%channel, ?error, "channel message not answered");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    }
    StatusCode::OK.into_response()
}

/// One customer message: recorded once, answered by the assistant, the answer queued.
async fn answer(state: &AppState, message: &Incoming) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    if !dokkan_channels::db::first_time(&mut tx, message.channel, &message.message_id).await? {
        tracing::info!(channel = %message.channel, "webhook replayed: already answered");
        return Ok(());
    }
    let key = format!("c:{}:{}", message.channel, message.sender);
    if state.assistant_limit.check(&key).is_err() {
        // A flood from one account: recorded as seen, not answered.
        tx.commit().await?;
        return Ok(());
    }
    let conversation = dokkan_assistant::db::for_channel(
        &state.pool,
        message.channel.as_str(),
        &message.sender,
        message.reply_via.as_deref(),
        message.name.as_deref(),
        Locale::Ar,
    )
    .await?;
    let text: String = message.text.chars().take(dialog::MAX_TEXT).collect();
    let locale = conversation.locale;
    let input = Input::read(locale, &text, None)?;
    let who = Who {
        user_id: None,
        cart: CartAccess::Channel,
    };
    let exchange = dialog::respond(state, conversation, &who, input, None).await?;
    for reply in exchange
        .view
        .messages
        .iter()
        .filter(|m| m.author != "customer")
    {
        let text = dialog::plain_text(reply, &state.public_url);
        queue_reply(&mut tx, &exchange.conversation, &text).await?;
    }
    tx.commit().await?;
    Ok(())
}
