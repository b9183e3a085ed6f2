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

/// 401 without a caller, 403 unless their stored role (as every admin server function
/// reads it) is staff or admin.
async fn require_staff(
    state: &AppState,
    user: Caller,
    locale: dokkan_core::Locale,
) -> Result<(), ApiError> {
    let user = caller(user, locale)?;
    let role = dokkan_accounts::db::current_role(&state.pool, user.user_id)
        .await
        .map_err(|e| ApiError::internal(locale, e))?;
    if !role.is_some_and(|r| r.allows(dokkan_accounts::Permission::BackOffice)) {
        return Err(ApiError::new(locale, app::error::AppError::forbidden()));
    }
    Ok(())
}

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
    require_staff(&state, user, locale).await?;
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

/// Which table of the analytics report to download.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(super) struct AnalyticsQuery {
    /// `funnel`, `products`, `searches` or `recommendations`.
    table: String,
    /// First day, `YYYY-MM-DD` (UTC; default: 30 days before `to`).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (default: today).
    to: Option<String>,
    /// Language of messages: `en` or `ar`.
    lang: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/admin/analytics/export",
    tag = "admin",
    params(AnalyticsQuery),
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, description = "One table of the analytics report as CSV (figures as numbers, money in EGP).", content_type = "text/csv"),
        (status = 400, description = "An unknown table, a date that is not one, or a range backwards or over 366 days.", body = super::ErrorBody),
        (status = 401, description = "Not signed in.", body = super::ErrorBody),
        (status = 403, description = "Not staff.", body = super::ErrorBody),
    ),
)]
pub(super) async fn analytics_csv(
    State(state): State<AppState>,
    user: Caller,
    Query(query): Query<AnalyticsQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    use app::server::admin::analytics;
    let locale = locale_of(
        &LangQuery {
            lang: query.lang.clone(),
        },
        &headers,
    );
    require_staff(&state, user, locale).await?;
    let table = query.table.as_str();
    if !["funnel", "products", "searches", "recommendations"].contains(&table) {
        return Err(ApiError::new(locale, app::error::AppError::bad_request()));
    }
    let (from, to) =
        analytics::range(locale, &query.from, &query.to).map_err(|e| ApiError::new(locale, e))?;
    let report = analytics::report(&state.pool, from, to)
        .await
        .map_err(|e| ApiError::new(locale, e))?;
    let out = analytics_table(&report, table).map_err(|e| ApiError::internal(locale, e))?;
    let disposition = format!("attachment; filename=\"{table}-{from}-{to}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        out,
    )
        .into_response())
}

/// Money as EGP with its decimals (`1250.50`), for spreadsheets.
fn egp(minor: i64) -> String {
    dokkan_core::Money::egp(minor).decimal()
}

fn analytics_table(
    report: &app::server::admin::analytics::Analytics,
    table: &str,
) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    match table {
        "funnel" => {
            w.write_record([
                "day",
                "visitors",
                "viewed_product",
                "added_to_cart",
                "started_checkout",
                "purchased",
                "revenue_egp",
            ])?;
            for d in &report.funnel {
                let [a, b, c, e, f] = d.steps().map(|v| v.to_string());
                w.write_record([d.day.clone(), a, b, c, e, f, egp(d.revenue_minor)])?;
            }
        }
        "products" => {
            w.write_record([
                "product_id",
                "handle",
                "name_en",
                "name_ar",
                "views",
                "added_to_cart",
                "purchases",
                "revenue_egp",
            ])?;
            for p in &report.products {
                let (en, ar) = p
                    .name
                    .as_ref()
                    .map(|n| (n.en.clone(), n.ar.clone()))
                    .unwrap_or_default();
                w.write_record([
                    p.figures.product_id.to_string(),
                    p.handle.clone().unwrap_or_default(),
                    en,
                    ar,
                    p.figures.views.to_string(),
                    p.figures.carts.to_string(),
                    p.figures.purchases.to_string(),
                    egp(p.figures.revenue_minor),
                ])?;
            }
        }
        "searches" => {
            w.write_record(["list", "query", "searches", "no_results", "partial"])?;
            for (list, queries) in [
                ("top", &report.search.top),
                ("no_results", &report.search.empty),
                ("partial", &report.search.partial),
            ] {
                for q in queries {
                    w.write_record([
                        list.to_string(),
                        q.query.clone(),
                        q.searches.to_string(),
                        q.empty.to_string(),
                        q.partial.to_string(),
                    ])?;
                }
            }
        }
        _ => {
            w.write_record([
                "placement",
                "model",
                "impressions",
                "clicks",
                "purchases",
                "attributed_revenue_egp",
            ])?;
            for l in &report.lists {
                w.write_record([
                    l.placement.clone(),
                    l.model.clone(),
                    l.impressions.to_string(),
                    l.clicks.to_string(),
                    l.purchases.to_string(),
                    egp(l.revenue_minor),
                ])?;
            }
        }
    }
    w.into_inner().map_err(|e| e.into_error().into())
}
