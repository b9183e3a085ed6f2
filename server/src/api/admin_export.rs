//! `GET /api/v1/admin/products/export`: every product as a CSV download, for staff (no dot
//! in the path: the auth layer treats a last segment with a dot as a static file). The
//! same writer as `dokkan export products`; pictures are named, not copied (an import from
//! the admin finds them in the media store by those names).

use super::{caller, locale_of, ApiError, Caller, LangQuery};
use app::state::AppState;
use axum::{
    extract::{Query, State},
    http::{header, HeaderMap},
    response::{IntoResponse, Response},
};

#[utoipa::path(
    get,
    path = "/api/v1/admin/products/export",
    tag = "admin",
    params(LangQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "Every product as CSV, in the import format.", content_type = "text/csv"),
        (status = 401, description = "Not signed in.", body = super::ErrorBody),
        (status = 403, description = "Not staff.", body = super::ErrorBody),
    ),
)]
pub(super) async fn products_csv(
    State(state): State<AppState>,
    user: Caller,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let locale = locale_of(&query, &headers);
    let user = caller(user, locale)?;
    // The stored role, as every admin server function reads it.
    let role = dokkan_accounts::db::current_role(&state.pool, user.user_id)
        .await
        .map_err(|e| ApiError::internal(locale, e))?;
    if !role.is_some_and(|r| r.allows(dokkan_accounts::Permission::BackOffice)) {
        return Err(ApiError::new(locale, app::error::AppError::forbidden()));
    }
    let media = dokkan_media::MediaStore::new(state.media_dir.clone());
    let mut out = Vec::new();
    dokkan_catalog::csv::export::write(&state.pool, &mut out, None, &media)
        .await
        .map_err(|e| ApiError::internal(locale, e))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"products.csv\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        out,
    )
        .into_response())
}
