//! `/api/v1`: JSON for apps and integrations. Each handler authorizes itself and looks a
//! person's rows up by their own id, exactly like the server functions. The catalog reads
//! live in `api/catalog.rs`; the OpenAPI document describing all of it in `api/openapi.rs`.

mod admin_export;
mod catalog;
mod openapi;

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
use std::collections::BTreeMap;
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/me/addresses", get(list_addresses).post(create_address))
        .route(
            "/me/addresses/{id}",
            get(get_address).put(update_address).delete(delete_address),
        )
        .merge(catalog::routes())
        .route("/admin/products/export", get(admin_export::products_csv))
        .route("/openapi.json", get(openapi::document))
        // API clients get a JSON 404, not the storefront's HTML page.
        .fallback(unknown_endpoint)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct LangQuery {
    /// Language of messages: `en` or `ar` (default: `Accept-Language`, then Arabic).
    lang: Option<String>,
}

/// Errors as `{ "error": code, "message": localized, "fields": { name: message } }`.
struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    fields: Vec<(String, String)>,
}

/// The body of every error response.
#[derive(Serialize, ToSchema)]
struct ErrorBody {
    /// A stable code: `invalid_parameter`, `not_found`, `unauthorized`, `invalid`, …
    #[schema(example = "invalid_parameter")]
    error: String,
    /// What went wrong, in the request's language.
    message: String,
    /// Per parameter or field: what is wrong with it, in the request's language.
    #[schema(example = json!({ "page": "“page” must be a whole number from 1 to 1000." }))]
    fields: BTreeMap<String, String>,
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
        let body = ErrorBody {
            error: self.code.to_string(),
            message: self.message,
            fields: self.fields.into_iter().collect(),
        };
        (self.status, Json(body)).into_response()
    }
}

async fn unknown_endpoint(headers: HeaderMap) -> ApiError {
    ApiError::not_found(preferred_locale(&headers))
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

#[utoipa::path(
    get,
    path = "/api/v1/me",
    tag = "account",
    params(LangQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The signed-in person's profile.", body = Object),
        (status = 401, description = "Not signed in.", body = ErrorBody),
    ),
)]
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

#[utoipa::path(
    get,
    path = "/api/v1/me/addresses",
    tag = "account",
    params(LangQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "The address book, default first.", body = [Object]),
        (status = 401, description = "Not signed in.", body = ErrorBody),
    ),
)]
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

#[utoipa::path(
    get,
    path = "/api/v1/me/addresses/{id}",
    tag = "account",
    params(("id" = i64, Path, description = "The address id."), LangQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "One saved address.", body = Object),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 404, description = "No such address in this book.", body = ErrorBody),
    ),
)]
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

#[utoipa::path(
    post,
    path = "/api/v1/me/addresses",
    tag = "account",
    params(LangQuery),
    request_body(content = Object, description = "The address fields, plus `make_default`."),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 201, description = "Saved; the new address id.", body = Object),
        (status = 400, description = "The body is not JSON of the right shape.", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 422, description = "A field is invalid, or the book is full.", body = ErrorBody),
    ),
)]
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

#[utoipa::path(
    put,
    path = "/api/v1/me/addresses/{id}",
    tag = "account",
    params(("id" = i64, Path, description = "The address id."), LangQuery),
    request_body(content = Object, description = "The address fields, plus `make_default`."),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 204, description = "Saved."),
        (status = 400, description = "The body is not JSON of the right shape.", body = ErrorBody),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 404, description = "No such address in this book.", body = ErrorBody),
        (status = 422, description = "A field is invalid.", body = ErrorBody),
    ),
)]
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

#[utoipa::path(
    delete,
    path = "/api/v1/me/addresses/{id}",
    tag = "account",
    params(("id" = i64, Path, description = "The address id."), LangQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 204, description = "Deleted."),
        (status = 401, description = "Not signed in.", body = ErrorBody),
        (status = 404, description = "No such address in this book.", body = ErrorBody),
    ),
)]
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
