//! The admin console's door. Every function re-checks the stored role.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use dokkan_accounts::Role;
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
    super::support::with_role(Role::Staff).await?;
    let pool = super::support::state().pool;
    let (customers, staff, products): (i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM users WHERE role = 'customer'),
                (SELECT count(*) FROM users WHERE role <> 'customer'),
                (SELECT count(*) FROM products)",
    )
    .fetch_one(&pool)
    .await?;
    Ok(AdminSummary {
        customers,
        staff,
        products,
    })
}

/// Admins only: change a person's role. The caller's role is read from the database, not
/// from their token, and an admin cannot demote themselves (a shop must keep one admin).
#[server(endpoint = "admin/set-role")]
pub async fn set_role(user_id: i64, role: String) -> Result<(), AppError> {
    use super::support::fail;
    use http::StatusCode;
    let admin = super::support::with_role(Role::Admin).await?;
    let Some(role) = Role::parse(&role) else {
        return fail(StatusCode::BAD_REQUEST, AppError::NotFound);
    };
    if admin.user_id == user_id {
        return fail(StatusCode::CONFLICT, AppError::Forbidden);
    }
    let pool = super::support::state().pool;
    if !dokkan_accounts::db::set_role(&pool, user_id, role).await? {
        return fail(StatusCode::NOT_FOUND, AppError::NotFound);
    }
    tracing::info!(
        admin = admin.user_id,
        user_id,
        role = role.as_str(),
        "role changed"
    );
    Ok(())
}
