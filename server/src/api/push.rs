//! `/api/v1/push`: the shop's VAPID public key, and a browser's subscription to order
//! notifications (added and removed). A subscription follows the signed-in account, or
//! one order: its owner's, or a guest's who shows the order's key (the one in its link).
//! Someone else's order answers 404, exactly like a wrong number.

use super::{locale_of, ApiError, Caller, ErrorBody, LangQuery};
use app::{
    error::{AppError, FormError},
    i18n::t,
    state::AppState,
};
use axum::{
    extract::{rejection::JsonRejection, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::IntoResponse,
    routing::get,
    Extension, Json, Router,
};
use dokkan_core::Locale;
use dokkan_orders::OrderNumber;
use dokkan_push::{
    db::{self, Owner, Subscribed},
    ClientKeys, EndpointPolicy,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use utoipa::ToSchema;

/// What the push endpoints need besides [`AppState`]; added to every request as an
/// extension by [`crate::Application`].
#[derive(Debug, Clone)]
pub struct PushApi {
    /// The VAPID public key: base64url of the uncompressed P-256 point.
    pub key: String,
    pub policy: EndpointPolicy,
}

pub fn routes() -> Router<AppState> {
    Router::new().route("/push/key", get(key)).route(
        "/push/subscriptions",
        axum::routing::post(subscribe).delete(unsubscribe),
    )
}

/// The key browsers subscribe with (`applicationServerKey`).
#[derive(Serialize, ToSchema)]
pub struct PushKey {
    /// Base64url (no padding) of the 65-byte uncompressed P-256 public key.
    #[schema(
        example = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8"
    )]
    key: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/push/key",
    tag = "push",
    responses(
        (status = 200, description = "The shop's VAPID public key; it never changes.", body = PushKey),
    ),
)]
async fn key(Extension(push): Extension<Arc<PushApi>>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "public, max-age=86400")],
        Json(PushKey {
            key: push.key.clone(),
        }),
    )
}

/// `PushSubscription.toJSON()` plus what it follows.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionBody {
    /// The push service URL the browser gave (https, a known push service).
    endpoint: String,
    keys: Option<SubscriptionKeys>,
    /// Ignored (the push service answers 404/410 once it has passed).
    #[serde(default)]
    #[allow(dead_code)]
    expiration_time: Option<serde_json::Value>,
    /// The language of the notifications: `en` or `ar` (default: `lang`, then
    /// `Accept-Language`).
    locale: Option<String>,
    /// Follow this order (`DK-12345678`) instead of the signed-in account's orders.
    order: Option<String>,
    /// The order's key, from its link; not needed by the order's signed-in owner.
    key: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct SubscriptionKeys {
    /// The browser's P-256 public key, base64url.
    p256dh: String,
    /// The browser's 16-byte auth secret, base64url.
    auth: String,
}

#[derive(Serialize, ToSchema)]
pub struct SubscriptionCreated {
    id: i64,
}

fn read_body(
    body: Result<Json<SubscriptionBody>, JsonRejection>,
    locale: Locale,
) -> Result<SubscriptionBody, ApiError> {
    body.map(|Json(body)| body).map_err(|rejection| {
        tracing::info!(%rejection, "unreadable push subscription body");
        ApiError::new(locale, AppError::bad_request())
    })
}

fn field_error(locale: Locale, field: &str, key: &str) -> ApiError {
    ApiError::new(
        locale,
        AppError::form(FormError {
            message: Some(t(locale, key)),
            fields: vec![(field.to_string(), t(locale, key))],
            values: Vec::new(),
        }),
    )
}

/// Whose subscription the request may add or remove; 404 for an order the caller may
/// not see, 401 for an account subscription without a session.
async fn owner(
    state: &AppState,
    user: Caller,
    body: &SubscriptionBody,
    locale: Locale,
) -> Result<Owner, ApiError> {
    let user = user.map(|Extension(user)| user);
    let Some(number) = body.order.as_deref() else {
        return user
            .map(|user| Owner::Account(user.user_id))
            .ok_or_else(|| ApiError::new(locale, AppError::unauthorized()));
    };
    let not_found = || ApiError::new(locale, AppError::not_found());
    let number = OrderNumber::parse(number).map_err(|_| not_found())?;
    let key = body.key.as_deref().unwrap_or("");
    let allowed = if !key.is_empty() && state.commerce.signer.order_key_matches(&number, key) {
        true
    } else if let Some(user) = user {
        dokkan_orders::db::order_for_user(&state.pool, user.user_id, &number)
            .await
            .map_err(|e| ApiError::internal(locale, e))?
            .is_some()
    } else {
        false
    };
    if !allowed {
        return Err(not_found());
    }
    let id = dokkan_orders::db::order_id(&state.pool, &number)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
        .ok_or_else(not_found)?;
    Ok(Owner::Order(id))
}

#[utoipa::path(
    post,
    path = "/api/v1/push/subscriptions",
    tag = "push",
    params(LangQuery),
    request_body(content = SubscriptionBody, description = "The browser's `PushSubscription.toJSON()`, plus `locale`, and `order` with its `key` to follow one order."),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "Subscribed (or its keys refreshed).", body = SubscriptionCreated),
        (status = 400, description = "The body is not JSON of the right shape.", body = ErrorBody),
        (status = 401, description = "No `order`, and not signed in.", body = ErrorBody),
        (status = 404, description = "No such order, or not the caller's (wrong key).", body = ErrorBody),
        (status = 422, description = "The endpoint is not an https URL of a known push service, the keys are unusable, or too many browsers follow this already.", body = ErrorBody),
    ),
)]
async fn subscribe(
    State(state): State<AppState>,
    Extension(push): Extension<Arc<PushApi>>,
    user: Caller,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<SubscriptionBody>, JsonRejection>,
) -> Result<(StatusCode, Json<SubscriptionCreated>), ApiError> {
    let locale = locale_of(&query, &headers);
    let body = read_body(body, locale)?;
    let owner = owner(&state, user, &body, locale).await?;
    let endpoint = push
        .policy
        .check(&body.endpoint)
        .map_err(|invalid| field_error(locale, "endpoint", invalid.fluent_key()))?;
    let keys = body
        .keys
        .as_ref()
        .ok_or(dokkan_push::InvalidKeys)
        .and_then(|keys| ClientKeys::parse(&keys.p256dh, &keys.auth))
        .map_err(|invalid| field_error(locale, "keys", invalid.fluent_key()))?;
    let notify_in = body
        .locale
        .as_deref()
        .and_then(Locale::from_url_segment)
        .unwrap_or(locale);
    match db::subscribe(&state.pool, owner, &endpoint, &keys, notify_in)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
    {
        Subscribed::Saved(id) => Ok((StatusCode::CREATED, Json(SubscriptionCreated { id }))),
        Subscribed::Full => Err(ApiError::new(
            locale,
            AppError::form(FormError {
                message: Some(t(locale, "push-too-many")),
                ..FormError::default()
            })
            .with_code("too_many_subscriptions"),
        )),
    }
}

#[utoipa::path(
    delete,
    path = "/api/v1/push/subscriptions",
    tag = "push",
    params(LangQuery),
    request_body(content = SubscriptionBody, description = "The `endpoint` to stop, with `order` and `key` when it follows one order (`keys` may be left out)."),
    security((), ("bearer" = []), ("session" = [])),
    responses(
        (status = 204, description = "No longer subscribed."),
        (status = 400, description = "The body is not JSON of the right shape.", body = ErrorBody),
        (status = 401, description = "No `order`, and not signed in.", body = ErrorBody),
        (status = 404, description = "No such subscription, order, or not the caller's.", body = ErrorBody),
    ),
)]
async fn unsubscribe(
    State(state): State<AppState>,
    user: Caller,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<SubscriptionBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let locale = locale_of(&query, &headers);
    let body = read_body(body, locale)?;
    let owner = owner(&state, user, &body, locale).await?;
    if db::unsubscribe(&state.pool, owner, &body.endpoint)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(locale, AppError::not_found()))
    }
}
