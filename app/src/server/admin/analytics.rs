//! The analytics report (staff and admins): the daily funnel, products' views against
//! purchases, search analytics and the recommendation lists, for a range of days. The
//! figures come from `dokkan_events::report` and the search log; the CSV download
//! (`/api/v1/admin/analytics/export`) reads the same [`Analytics`].

use crate::error::AppError;
use dokkan_catalog::{admin::SearchReport, Localized};
use dokkan_events::report::{FunnelDay, ListFigures, ProductFigures};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Days shown when no range is asked for.
pub const DEFAULT_DAYS: i64 = 30;
/// The longest range a report reads.
pub const MAX_DAYS: i64 = 366;
#[cfg(feature = "ssr")]
const TOP: i64 = 20;

/// A product's line: its figures, and its name while it exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductLine {
    pub handle: Option<String>,
    pub name: Option<Localized>,
    pub figures: ProductFigures,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analytics {
    /// `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    pub funnel: Vec<FunnelDay>,
    pub products: Vec<ProductLine>,
    pub search: SearchReport,
    pub lists: Vec<ListFigures>,
}

/// The range asked for (`YYYY-MM-DD`, inclusive, UTC), or the last [`DEFAULT_DAYS`];
/// a 400 naming the field for a date that is not one, an end before the start, or a
/// range over [`MAX_DAYS`].
#[cfg(feature = "ssr")]
pub fn range(
    locale: dokkan_core::Locale,
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(chrono::NaiveDate, chrono::NaiveDate), AppError> {
    use crate::error::ErrorKind;
    use crate::server::support::FormCheck;
    let today = chrono::Utc::now().date_naive();
    let day =
        |field: &str, value: &Option<String>| -> Result<Option<chrono::NaiveDate>, AppError> {
            Ok(super::check_day(locale, field, value)?.and_then(|d| d.parse().ok()))
        };
    let to = day("to", to)?.unwrap_or(today);
    let from = day("from", from)?.unwrap_or(to - chrono::Duration::days(DEFAULT_DAYS - 1));
    let refuse = |key: &str| {
        let mut check = FormCheck::new(locale);
        check.invalid("to", key);
        Err(check.into_error().with_kind(ErrorKind::BadRequest))
    };
    if to < from {
        return refuse("admin-analytics-range-order");
    }
    if (to - from).num_days() >= MAX_DAYS {
        return refuse("admin-analytics-range-long");
    }
    Ok((from, to))
}

/// The whole report for a range.
#[cfg(feature = "ssr")]
pub async fn report(
    pool: &sqlx::PgPool,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Analytics, AppError> {
    use dokkan_events::report;
    let (funnel, products, search, lists) = futures::join!(
        report::funnel(pool, from, to),
        report::top_products(pool, from, to, TOP),
        dokkan_catalog::db::search_report(pool, from, to, TOP),
        report::lists(pool, from, to),
    );
    let products = products?;
    let mut lines = Vec::with_capacity(products.len());
    for figures in products {
        let card = dokkan_catalog::db::cards_by_ids(pool, &[figures.product_id])
            .await?
            .pop();
        lines.push(ProductLine {
            handle: card.as_ref().map(|c| c.handle.to_string()),
            name: card.map(|c| c.name),
            figures,
        });
    }
    Ok(Analytics {
        from: from.to_string(),
        to: to.to_string(),
        funnel: funnel?,
        products: lines,
        search: search?,
        lists: lists?,
    })
}

#[server(endpoint = "admin/analytics")]
pub async fn admin_analytics(
    #[server(default)] lang: String,
    #[server(default)] from: Option<String>,
    #[server(default)] to: Option<String>,
) -> Result<Analytics, AppError> {
    use dokkan_accounts::Permission;
    let locale = crate::server::support::locale(&lang);
    crate::server::support::with_role(Permission::BackOffice).await?;
    let (from, to) = range(locale, &from, &to)?;
    report(&crate::server::support::state().pool, from, to).await
}
