//! `/api/v1`: JSON for apps and integrations. Each handler authorizes itself and looks a
//! person's rows up by their own id, exactly like the server functions. The catalog reads
//! live in `api/catalog.rs`; the OpenAPI document describing all of it in `api/openapi.rs`.

mod admin_export;
mod assistant;
mod catalog;
mod openapi;
mod push;
mod recommendations;

pub use push::PushApi;

use app::{
    auth::CurrentUser,
    error::{AppError, FormError},
    i18n::t,
    request::preferred_locale,
    state::AppState,
};
use axum::{
    extract::{rejection::JsonRejection, Path, Query, State},
    http::{HeaderMap, StatusCode},
    routing::get,
    Extension, Json, Router,
};
use dokkan_accounts::{db, Address, AddressInput};
use dokkan_core::Locale;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/me/addresses", get(list_addresses).post(create_address))
        .route(
            "/me/addresses/{id}",
            get(get_address).put(update_address).delete(delete_address),
        )
        .merge(catalog::routes())
        .merge(push::routes())
        .merge(recommendations::routes())
        .merge(assistant::routes())
        .route("/admin/products/export", get(admin_export::products_csv))
        .route("/admin/analytics/export", get(admin_export::analytics_csv))
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

/// Every error here is an [`AppError`] answered as `{ "error": code, "message":
/// localized, "fields": { name: message } }` (see `crate::errors`).
pub(crate) use crate::errors::{ApiError, ErrorBody};

async fn unknown_endpoint(headers: HeaderMap) -> ApiError {
    ApiError::new(preferred_locale(&headers), AppError::not_found())
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
        .ok_or_else(|| ApiError::new(locale, AppError::unauthorized()))
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
        .ok_or_else(|| ApiError::new(locale, AppError::unauthorized()))
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
        .ok_or_else(|| ApiError::new(locale, AppError::not_found()))
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
    // serde's words name our Rust fields: they go to the log, not to the caller.
    let Json(body) = body.map_err(|rejection| {
        tracing::info!(%rejection, "unreadable JSON body");
        ApiError::new(locale, AppError::bad_request())
    })?;
    let address = Address::parse(&body.address).map_err(|errors| {
        let form = FormError {
            message: Some(t(locale, "form-fix-errors")),
            fields: errors
                .into_iter()
                .map(|(field, invalid)| {
                    (field.as_str().to_string(), t(locale, invalid.fluent_key()))
                })
                .collect(),
            values: Vec::new(),
        };
        ApiError::new(locale, AppError::form(form))
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
            locale,
            AppError::form(FormError {
                message: Some(t(locale, "account-address-book-full")),
                ..FormError::default()
            })
            .with_code("address_book_full"),
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
        return Err(ApiError::new(locale, AppError::not_found()));
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
        Err(ApiError::new(locale, AppError::not_found()))
    }
}
