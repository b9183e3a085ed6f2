//! Customers and roles (admins only): the list, one account, changing a role, disabling
//! an account.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::{Permission, Role};
#[cfg(feature = "ssr")]
use dokkan_audit::Action;
use dokkan_orders::admin::{CustomerDetail, CustomerRow, Paged};
use leptos::prelude::*;

#[server(endpoint = "admin/customers")]
pub async fn admin_customers(
    q: Option<String>,
    role: Option<String>,
    page: u32,
) -> Result<Paged<CustomerRow>, AppError> {
    support::with_role(Permission::People).await?;
    let role = role.filter(|r| Role::parse(r).is_some());
    Ok(dokkan_orders::db::admin::list_customers(
        &support::state().pool,
        q.as_deref(),
        role.as_deref(),
        page,
    )
    .await?)
}

/// One account, its orders and its address book.
#[server(endpoint = "admin/customers/detail")]
pub async fn admin_customer(
    id: i64,
) -> Result<Option<(CustomerDetail, Vec<dokkan_accounts::SavedAddress>)>, AppError> {
    support::with_role(Permission::People).await?;
    let pool = support::state().pool;
    let Some(detail) = dokkan_orders::db::admin::customer_detail(&pool, id).await? else {
        return Ok(None);
    };
    let addresses = dokkan_accounts::db::list_addresses(&pool, id).await?;
    Ok(Some((detail, addresses)))
}

#[cfg(feature = "ssr")]
const SET_ROLE: Action = Action::new("user.set-role");
#[cfg(feature = "ssr")]
const DISABLE: Action = Action::new("user.disable");
#[cfg(feature = "ssr")]
const ENABLE: Action = Action::new("user.enable");

/// Admins only: change a person's role. The caller's role is read from the database, not
/// from their token, and an admin cannot change their own (a shop must keep one admin).
#[server(endpoint = "admin/set-role")]
pub async fn set_role(
    #[server(default)] lang: String,
    user_id: i64,
    role: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::People, SET_ROLE).await?;
    let Some(role) = Role::parse(&role) else {
        return Err(FormCheck::new(locale)
            .message("admin-role-unknown")
            .into_error()
            .with_kind(ErrorKind::BadRequest));
    };
    if admin.user.user_id == user_id {
        return Err(FormCheck::new(locale)
            .message("admin-not-yourself")
            .into_error()
            .with_kind(ErrorKind::Conflict));
    }
    let mut tx = admin.begin().await?;
    if !dokkan_accounts::db::lock_user(&mut tx, user_id).await? {
        return Err(AppError::not_found());
    }
    dokkan_accounts::db::set_role(&mut *tx, user_id, role).await?;
    tx.commit().await?;
    tracing::info!(
        admin = admin.user.user_id,
        user_id,
        role = role.as_str(),
        "role changed"
    );
    back_to(locale, user_id, "role");
    Ok(())
}

/// Admins only: an account that may no longer sign in (its sessions end at once), or one
/// allowed back.
#[server(endpoint = "admin/customers/disable")]
pub async fn set_disabled(
    #[server(default)] lang: String,
    user_id: i64,
    disabled: bool,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin =
        support::admin_write(Permission::People, if disabled { DISABLE } else { ENABLE }).await?;
    if admin.user.user_id == user_id {
        return Err(FormCheck::new(locale)
            .message("admin-not-yourself")
            .into_error()
            .with_kind(ErrorKind::Conflict));
    }
    let mut tx = admin.begin().await?;
    if !dokkan_accounts::db::lock_user(&mut tx, user_id).await? {
        return Err(AppError::not_found());
    }
    dokkan_accounts::db::set_disabled(&mut tx, user_id, disabled).await?;
    tx.commit().await?;
    back_to(
        locale,
        user_id,
        if disabled { "disabled" } else { "enabled" },
    );
    Ok(())
}

/// A plain form goes back to the account's page with a notice; scripts get 200.
#[cfg(feature = "ssr")]
fn back_to(locale: dokkan_core::Locale, user_id: i64, done: &str) {
    if support::is_plain_form() {
        support::redirect(&format!("/{locale}/admin/customers/{user_id}?done={done}"));
    }
}
