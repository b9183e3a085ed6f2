//! The audit screen (admins only): who changed what, filtered.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
use dokkan_audit::{Filter, Page};
use leptos::prelude::*;

/// Entries per page on the audit screen.
pub const AUDIT_PAGE: i64 = 50;

#[server(endpoint = "admin/audit")]
pub async fn admin_audit(
    lang: String,
    #[server(default)] filter: Filter,
) -> Result<Page, AppError> {
    support::with_role(Permission::People).await?;
    let locale = support::locale(&lang);
    let filter = Filter {
        from: super::check_day(locale, "from", &filter.from)?,
        to: super::check_day(locale, "to", &filter.to)?,
        ..filter
    };
    Ok(dokkan_audit::db::list(&support::state().pool, &filter, AUDIT_PAGE).await?)
}
