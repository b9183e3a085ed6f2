//! `/api/v1`: JSON for apps and integrations. Each handler authorizes itself and looks a
//! person's rows up by their own id, exactly like the server functions.

use app::{auth::CurrentUser, i18n::t, request::preferred_locale, state::AppState};
use axum::{
    extract::{rejection::JsonRejection, Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Extension, Json, Router,
};
use dokkan_accounts::{db, Address, AddressInput};
use dokkan_core::Locale;
use serde::{Deserialize, Serialize};
use serde_json::json;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/me/addresses", get(list_addresses).post(create_address))
        .route(
            "/me/addresses/{id}",
            get(get_address).put(update_address).delete(delete_address),
        )
}

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// Errors as `{ "error": code, "message": localized, "fields": { name: message } }`.
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<(String, String)>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, locale: Locale, key: &str) -> Self {
        ApiError {
            status,
            code,
            message: t(locale, key),
            fields: Vec::new(),
        }
    }

    fn unauthorized(locale: Locale) -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            locale,
            "error-unauthorized",
        )
    }

    fn not_found(locale: Locale) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            locale,
            "error-not-found",
        )
    }

    fn internal(locale: Locale, error: impl std::fmt::Debug) -> Self {
        tracing::error!(?error, "api request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            locale,
            "error-internal",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let fields: serde_json::Map<String, serde_json::Value> = self
            .fields
            .into_iter()
            .map(|(name, message)| (name, message.into()))
            .collect();
        let body = json!({ "error": self.code, "message": self.message, "fields": fields });
        (self.status, Json(body)).into_response()
    }
}

fn locale_of(query: &LangQuery, headers: &HeaderMap) -> Locale {
    query
        .lang
        .as_deref()
        .and_then(Locale::from_url_segment)
        .unwrap_or_else(|| preferred_locale(headers))
}

type Caller = Option<Extension<CurrentUser>>;

fn caller(user: Caller, locale: Locale) -> Result<CurrentUser, ApiError> {
    user.map(|Extension(user)| user)
        .ok_or_else(|| ApiError::unauthorized(locale))
}

async fn me(
    State(state): State<AppState>,
    user: Caller,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<db::Profile>, ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    db::profile(&state.pool, user.user_id)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
        .map(Json)
        .ok_or_else(|| ApiError::unauthorized(locale))
}

async fn list_addresses(
    State(state): State<AppState>,
    user: Caller,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<Vec<db::SavedAddress>>, ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    let addresses = db::list_addresses(&state.pool, user.user_id)
        .await
        .map_err(|e| ApiError::internal(locale, e))?;
    Ok(Json(addresses))
}

async fn get_address(
    State(state): State<AppState>,
    user: Caller,
    Path(id): Path<i64>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Json<db::SavedAddress>, ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    db::get_address(&state.pool, user.user_id, id)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
        .map(Json)
        .ok_or_else(|| ApiError::not_found(locale))
}

#[derive(Deserialize)]
struct AddressBody {
    #[serde(flatten)]
    address: AddressInput,
    #[serde(default)]
    make_default: bool,
}

#[derive(Serialize)]
struct Created {
    id: i64,
}

fn parse_body(
    body: Result<Json<AddressBody>, JsonRejection>,
    locale: Locale,
) -> Result<(Address, bool), ApiError> {
    let Json(body) = body.map_err(|rejection| ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "bad_request",
        message: rejection.body_text(),
        fields: Vec::new(),
    })?;
    let address = Address::parse(&body.address).map_err(|errors| ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "invalid",
        message: t(locale, "form-fix-errors"),
        fields: errors
            .into_iter()
            .map(|(field, invalid)| (field.as_str().to_string(), t(locale, invalid.fluent_key())))
            .collect(),
    })?;
    Ok((address, body.make_default))
}

async fn create_address(
    State(state): State<AppState>,
    user: Caller,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<AddressBody>, JsonRejection>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    let (address, make_default) = parse_body(body, locale)?;
    match db::add_address(&state.pool, user.user_id, &address, make_default)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
    {
        Some(id) => Ok((StatusCode::CREATED, Json(Created { id }))),
        None => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "address_book_full",
            locale,
            "account-address-book-full",
        )),
    }
}

async fn update_address(
    State(state): State<AppState>,
    user: Caller,
    Path(id): Path<i64>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<Json<AddressBody>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    let (address, make_default) = parse_body(body, locale)?;
    let pool = &state.pool;
    let updated = db::update_address(pool, user.user_id, id, &address)
        .await
        .map_err(|e| ApiError::internal(locale, e))?;
    if !updated {
        return Err(ApiError::not_found(locale));
    }
    if make_default {
        db::set_default_address(pool, user.user_id, id)
            .await
            .map_err(|e| ApiError::internal(locale, e))?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn delete_address(
    State(state): State<AppState>,
    user: Caller,
    Path(id): Path<i64>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    if db::delete_address(&state.pool, user.user_id, id)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::not_found(locale))
    }
}
