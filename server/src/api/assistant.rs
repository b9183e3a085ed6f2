//! `/api/v1/assistant`: what a shopper's message means — its intent, how sure the model
//! is, and the entities in it — in English, Egyptian Arabic or Arabizi — and the chat
//! itself (the same conversation the site's chat holds). Limited per client (visitor id
//! with consent, else address); text is capped.

use super::{locale_of, ApiError, ErrorBody, LangQuery};
use app::{
    auth::CurrentUser,
    server::assistant::{
        dialog::{self, CartAccess, Input, Who},
        limit, ChatMessage,
    },
};
use app::{
    error::{AppError, ErrorKind},
    shopper::Shopper,
    state::AppState,
};
use axum::{
    extract::{rejection::JsonRejection, ConnectInfo, Query, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    routing::post,
    Extension, Json, Router,
};
use dokkan_assistant::Entities;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa::ToSchema;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/assistant/parse", post(parse))
        .route("/assistant/chat", post(chat))
}

#[derive(Deserialize, ToSchema)]
pub struct ParseBody {
    /// The message, up to 1,000 characters.
    #[schema(example = "m7tag kanaba ramadi b a2al men 5000")]
    text: String,
    /// The page's language, `ar` or `en` (error messages; the message itself may be in
    /// any script).
    #[serde(default)]
    lang: Option<String>,
}

/// What the message means.
#[derive(Serialize, ToSchema)]
pub struct ParseAnswer {
    /// `greeting`, `product_search`, `order_status`, `cancel_order`, `add_to_cart`,
    /// `shipping_info`, `returns_info`, `payment_info`, `human_agent`, `thanks` or
    /// `fallback` (nothing the model is sure of).
    #[schema(example = "product_search")]
    intent: String,
    /// The model's probability for its best intent, 0–1.
    #[schema(example = 0.83)]
    confidence: f32,
    /// `english`, `arabic` or `arabizi`.
    #[schema(example = "arabizi")]
    script: String,
    /// Only the entities found: `order_number` (`DK-` and 8 ASCII digits), `max_price`
    /// and `min_price` (EGP), `color` (English colour name), `size`, `quantity`, `query`.
    #[schema(value_type = Object, example = json!({"max_price": 5000, "color": "grey", "query": "kanaba"}))]
    entities: Entities,
}

/// Who the limit counts: the visitor (with consent), else the client's address.
fn client_key(
    shopper: Option<&Shopper>,
    state: &AppState,
    socket: SocketAddr,
    headers: &HeaderMap,
) -> String {
    let ip = app::auth::client_address(socket.ip(), headers, &state.auth.trusted_proxies);
    limit::client_key(shopper, Some(ip))
}

/// The language a message's errors are in (the one named in the body or `?lang=`, else
/// the request's), after the client's share of the limit is checked. The named language is
/// returned apart: the chat follows it.
fn admit(
    state: &AppState,
    socket: SocketAddr,
    shopper: Option<&Shopper>,
    query: &LangQuery,
    headers: &HeaderMap,
    lang: Option<&str>,
) -> Result<(dokkan_core::Locale, Option<dokkan_core::Locale>), ApiError> {
    let named = lang
        .or(query.lang.as_deref())
        .and_then(dokkan_core::Locale::from_url_segment);
    let locale = named.unwrap_or_else(|| locale_of(query, headers));
    within_limit(state, &client_key(shopper, state, socket, headers), locale)?;
    Ok((locale, named))
}

/// 429 with `Retry-After` when the client is over its share.
fn within_limit(state: &AppState, key: &str, locale: dokkan_core::Locale) -> Result<(), ApiError> {
    state.assistant_limit.check(key).map_err(|wait| {
        ApiError::new(
            locale,
            AppError::from(ErrorKind::TooManyRequests {
                retry_after_secs: wait,
            }),
        )
    })
}

#[utoipa::path(
    post,
    path = "/api/v1/assistant/parse",
    tag = "assistant",
    params(LangQuery),
    request_body(content = ParseBody, description = "A shopper's message."),
    responses(
        (status = 200, description = "The intent, its confidence and the entities found.", body = ParseAnswer),
        (status = 400, description = "The body is not the JSON described.", body = ErrorBody),
        (status = 422, description = "The text is empty or over 1,000 characters.", body = ErrorBody),
        (status = 429, description = "Too many messages from this client; `Retry-After` says when.", body = ErrorBody),
    ),
)]
async fn parse(
    State(state): State<AppState>,
    ConnectInfo(socket): ConnectInfo<SocketAddr>,
    shopper: Option<Extension<Shopper>>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<ParseBody>, JsonRejection>,
) -> Result<Json<ParseAnswer>, ApiError> {
    let body = body.map(|Json(b)| b).map_err(|rejection| {
        tracing::info!(%rejection, "unreadable assistant message");
        ApiError::new(locale_of(&query, &headers), AppError::bad_request())
    })?;
    let shopper = shopper.as_ref().map(|Extension(s)| s);
    let (locale, _) = admit(
        &state,
        socket,
        shopper,
        &query,
        &headers,
        body.lang.as_deref(),
    )?;
    let text = dialog::check_text(locale, &body.text).map_err(|e| ApiError::new(locale, e))?;
    let assistant = state.assistant.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        assistant
            .get()
            .map(|a| a.parse(&text))
            .map_err(|e| e.to_string())
    })
    .await
    .map_err(|e| ApiError::internal(locale, e))?
    .map_err(|e| ApiError::internal(locale, e))?;
    Ok(Json(ParseAnswer {
        intent: parsed.intent.as_str().to_string(),
        confidence: (parsed.confidence * 1000.0).round() / 1000.0,
        script: parsed.script.as_str().to_string(),
        entities: parsed.entities,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ChatBody {
    /// The conversation to continue, as an earlier answer gave it; leave it out to start
    /// one. A signed-in customer's conversation is theirs alone.
    #[serde(default)]
    conversation_id: Option<String>,
    /// The message, up to 1,000 characters (may be empty with `action`).
    #[serde(default)]
    #[schema(example = "3ayez tshirt eswed ta7t 500")]
    text: String,
    /// An answer to the assistant's question instead of text: `confirm`, `decline`, or
    /// `variant:<sku>` (one of the choices it offered).
    #[serde(default)]
    action: Option<String>,
    /// The page's language, `ar` or `en` (the answer follows the message's own language).
    #[serde(default)]
    lang: Option<String>,
}

/// The customer's message and the answer.
#[derive(Serialize, ToSchema)]
pub struct ChatAnswer {
    conversation_id: String,
    /// Who answers now: `bot`, `handed_over` (a person) or `closed`.
    #[schema(example = "bot")]
    state: String,
    /// The customer's message, then the assistant's answer (none once a person has the
    /// conversation). Each: `id`, `author` (`customer`, `assistant`, `staff`), `from`,
    /// `text`, `at` and `parts` the widget draws (`products`, `order`, `confirm`,
    /// `variants`, `cart`, `link`, `suggestions`, tagged by `type`).
    #[schema(value_type = Vec<Object>)]
    messages: Vec<ChatMessage>,
    /// The cart's item count after the assistant added to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    cart_count: Option<u32>,
}

#[utoipa::path(
    post,
    path = "/api/v1/assistant/chat",
    tag = "assistant",
    params(LangQuery),
    request_body(content = ChatBody, description = "A message in a conversation."),
    responses(
        (status = 200, description = "The message stored and answered: product cards from the search, an order's status (its owner only), a cancel after a yes, the cart, the shop's answers, or a handover to staff.", body = ChatAnswer),
        (status = 400, description = "The body is not the JSON described, or the action is unknown.", body = ErrorBody),
        (status = 422, description = "The text is empty or over 1,000 characters.", body = ErrorBody),
        (status = 429, description = "Too many messages from this client; `Retry-After` says when.", body = ErrorBody),
    ),
)]
async fn chat(
    State(state): State<AppState>,
    ConnectInfo(socket): ConnectInfo<SocketAddr>,
    shopper: Option<Extension<Shopper>>,
    user: Option<Extension<CurrentUser>>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<ChatBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let body = body.map(|Json(b)| b).map_err(|rejection| {
        tracing::info!(%rejection, "unreadable assistant chat message");
        ApiError::new(locale_of(&query, &headers), AppError::bad_request())
    })?;
    let shopper = shopper.as_ref().map(|Extension(s)| s);
    // Without a language named (the body, else `?lang=`) the conversation keeps its own.
    let (locale, named) = admit(
        &state,
        socket,
        shopper,
        &query,
        &headers,
        body.lang.as_deref(),
    )?;
    let input = Input::read(locale, &body.text, body.action.as_deref())
        .map_err(|error| ApiError::new(locale, error))?;
    let user_id = user.map(|Extension(u)| u.user_id);
    let conversation =
        dialog::web_conversation(&state, body.conversation_id.as_deref(), user_id, locale)
            .await
            .map_err(|error| ApiError::new(locale, error))?;
    let who = Who {
        user_id,
        cart: CartAccess::Web {
            guest_cart: app::server::cart::guest_cart_in(&state, &headers),
        },
    };
    let exchange = dialog::respond(&state, conversation, &who, input, named)
        .await
        .map_err(|error| ApiError::new(locale, error))?;
    let answer = ChatAnswer {
        conversation_id: exchange.view.conversation,
        state: exchange.view.state,
        messages: exchange.view.messages,
        cart_count: exchange.view.cart_count,
    };
    let mut response = Json(answer).into_response();
    if let Some(cart) = exchange.new_guest_cart {
        if let Ok(cookie) =
            HeaderValue::from_str(&app::server::cart::guest_cart_cookie(&state, cart))
        {
            response.headers_mut().append(header::SET_COOKIE, cookie);
        }
    }
    Ok(response)
}
