//! `/api/v1/assistant`: what a shopper's message means — its intent, how sure the model
//! is, and the entities in it — in English, Egyptian Arabic or Arabizi. Limited per client
//! (visitor id with consent, else address); text is capped.

use super::{locale_of, ApiError, ErrorBody, LangQuery};
use app::{
    error::{AppError, ErrorKind, FormError},
    i18n::t,
    shopper::Shopper,
    state::AppState,
};
use axum::{
    extract::{rejection::JsonRejection, ConnectInfo, Query, State},
    http::HeaderMap,
    routing::post,
    Extension, Json, Router,
};
use dokkan_assistant::Entities;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::{Deserialize, Serialize};
use std::{net::SocketAddr, num::NonZeroU32, sync::Arc};
use utoipa::ToSchema;

/// The longest message read, in characters.
pub const MAX_TEXT: usize = 1000;

/// Messages per client: one a second on average, bursts of twenty — a person typing, not
/// a script. One per application (each test's app has its own).
type Limit = Arc<DefaultKeyedRateLimiter<String>>;

pub fn routes() -> Router<AppState> {
    let limit: Limit = Arc::new(RateLimiter::keyed(
        Quota::per_second(NonZeroU32::new(1).expect("not zero"))
            .allow_burst(NonZeroU32::new(20).expect("not zero")),
    ));
    Router::new()
        .route("/assistant/parse", post(parse))
        .layer(Extension(limit))
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
    if let Some(visitor) = shopper.and_then(|s| s.visitor.as_ref()) {
        return format!("v:{}", visitor.as_str());
    }
    let ip = app::auth::client_address(socket.ip(), headers, &state.auth.trusted_proxies);
    format!("a:{ip}")
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
    Extension(limit): Extension<Limit>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<ParseBody>, JsonRejection>,
) -> Result<Json<ParseAnswer>, ApiError> {
    let mut locale = locale_of(&query, &headers);
    let body = body.map(|Json(b)| b).map_err(|rejection| {
        tracing::info!(%rejection, "unreadable assistant message");
        ApiError::new(locale, AppError::bad_request())
    })?;
    if let Some(lang) = body
        .lang
        .as_deref()
        .and_then(dokkan_core::Locale::from_url_segment)
    {
        locale = lang;
    }
    let key = client_key(
        shopper.as_ref().map(|Extension(s)| s),
        &state,
        socket,
        &headers,
    );
    if let Err(not_until) = limit.check_key(&key) {
        let wait = not_until.wait_time_from(governor::clock::Clock::now(
            &governor::clock::DefaultClock::default(),
        ));
        return Err(ApiError::new(
            locale,
            AppError::from(ErrorKind::TooManyRequests {
                retry_after_secs: wait.as_secs().max(1),
            }),
        ));
    }
    let text = body.text.trim().to_string();
    let problem = if text.is_empty() {
        Some("assistant-text-empty")
    } else if text.chars().count() > MAX_TEXT {
        Some("assistant-text-long")
    } else {
        None
    };
    if let Some(key) = problem {
        return Err(ApiError::new(
            locale,
            AppError::form(FormError {
                message: Some(t(locale, key)),
                fields: vec![("text".into(), t(locale, key))],
                values: Vec::new(),
            }),
        ));
    }
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
