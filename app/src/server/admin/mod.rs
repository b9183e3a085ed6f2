//! The admin console's server functions. Each one checks the stored role itself (a page
//! guard is not protection), and each write runs in an audited transaction
//! (`support::admin_write`), so the audit log has its rows whatever the code path.
//! `staff` may work with orders and the catalog; customers, roles and the audit log are
//! for `admin` only.

pub mod analytics;
pub mod audit;
pub mod catalog;
pub mod categories;
pub mod customers;
pub mod dashboard;
pub mod experiments;
pub mod inbox;
pub mod mail;
pub mod orders;
pub mod products;
pub mod quizzes;
pub mod recommendations;
pub mod search;
pub mod settings;

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminSummary {
    pub customers: i64,
    pub staff: i64,
    pub products: i64,
}

#[server(endpoint = "admin/overview")]
pub async fn admin_overview() -> Result<AdminSummary, AppError> {
    super::support::with_role(Permission::BackOffice).await?;
    let pool = super::support::state().pool;
    let (customers, staff) = dokkan_accounts::db::count_people(&pool).await?;
    let products = dokkan_catalog::db::admin::count_products(&pool).await?;
    Ok(AdminSummary {
        customers,
        staff,
        products,
    })
}

/// A page number from a query parameter (1 when absent or nonsense).
pub fn page_number(text: Option<String>) -> u32 {
    text.and_then(|p| p.parse().ok())
        .filter(|p| *p >= 1 && *p <= 100_000)
        .unwrap_or(1)
}

/// A `YYYY-MM-DD` filter date, or a localized 400 naming the field.
#[cfg(feature = "ssr")]
pub(crate) fn check_day(
    locale: dokkan_core::Locale,
    field: &str,
    value: &Option<String>,
) -> Result<Option<String>, AppError> {
    use super::support::FormCheck;
    let Some(text) = value.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(day) => Ok(Some(day.to_string())),
        Err(_) => {
            let mut check = FormCheck::new(locale);
            check.invalid(field, "admin-invalid-date");
            Err(check.into_error().with_kind(ErrorKind::BadRequest))
        }
    }
}
