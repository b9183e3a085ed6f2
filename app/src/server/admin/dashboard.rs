//! The dashboard's figures (staff and admins).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
use dokkan_orders::admin::Dashboard;
use leptos::prelude::*;

#[server(endpoint = "admin/dashboard")]
pub async fn admin_dashboard() -> Result<Dashboard, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_orders::db::admin::dashboard(&support::state().pool).await?)
}
