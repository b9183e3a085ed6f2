//! Discount codes and shipping zones (staff and admins): what the checkout charges.

// A form's fields are a server function's arguments; these forms have many.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
#[cfg(feature = "ssr")]
use dokkan_audit::Action;
use dokkan_orders::admin::{AdminDiscount, AdminZone};
use leptos::prelude::*;

#[server(endpoint = "admin/discounts")]
pub async fn admin_discounts() -> Result<Vec<AdminDiscount>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_orders::db::settings::list_discounts(&support::state().pool).await?)
}

#[server(endpoint = "admin/shipping")]
pub async fn admin_shipping() -> Result<Vec<AdminZone>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_orders::db::settings::list_zones(&support::state().pool).await?)
}

/// A whole number from a form field; blank is `None`.
#[cfg(feature = "ssr")]
fn whole(check: &mut FormCheck, field: &str, text: &str, min: i64, max: i64) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i64>() {
        Ok(n) if (min..=max).contains(&n) => Some(n),
        _ => {
            check.invalid(field, "admin-whole-number");
            None
        }
    }
}

#[cfg(feature = "ssr")]
fn pounds(check: &mut FormCheck, field: &str, text: &str) -> Option<dokkan_core::Money> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match dokkan_core::Money::parse_decimal(text, dokkan_core::Currency::Egp) {
        Ok(m) if m.minor() >= 0 => Some(m),
        _ => {
            check.invalid(field, "admin-variant-price");
            None
        }
    }
}

/// Creates a code or changes its terms. `kind` is `percent` or `amount`.
#[server(endpoint = "admin/discounts/save")]
pub async fn save_discount(
    lang: String,
    code: String,
    kind: String,
    value: String,
    #[server(default)] min_subtotal: String,
    #[server(default)] starts_on: String,
    #[server(default)] ends_on: String,
    #[server(default)] usage_limit: String,
    #[server(default)] per_customer_limit: String,
    #[server(default)] active: Option<String>,
) -> Result<(), AppError> {
    use dokkan_orders::db::settings::DiscountSave;
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, Action::new("discount.save")).await?;
    let mut check = FormCheck::new(locale)
        .keep("code", &code)
        .keep("value", &value)
        .keep("min_subtotal", &min_subtotal)
        .keep("starts_on", &starts_on)
        .keep("ends_on", &ends_on)
        .keep("usage_limit", &usage_limit)
        .keep("per_customer_limit", &per_customer_limit);
    let code = code.trim().to_uppercase();
    let code_ok = code.len() >= 3
        && code.len() <= 32
        && code
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !code_ok {
        check.invalid("code", "admin-discount-code");
    }
    let (percent, amount) = match kind.as_str() {
        "percent" => match whole(&mut check, "value", &value, 1, 100) {
            Some(p) => (Some(p as i16), None),
            None => {
                check.invalid("value", "admin-discount-percent");
                (None, None)
            }
        },
        _ => match pounds(&mut check, "value", &value).filter(|m| m.minor() > 0) {
            Some(m) => (None, Some(m)),
            None => {
                check.invalid("value", "admin-discount-amount");
                (None, None)
            }
        },
    };
    let min_subtotal =
        pounds(&mut check, "min_subtotal", &min_subtotal).unwrap_or(dokkan_core::Money::egp(0));
    let starts_on = super::check_day(locale, "starts_on", &Some(starts_on))?;
    let ends_on = super::check_day(locale, "ends_on", &Some(ends_on))?;
    if let (Some(s), Some(e)) = (&starts_on, &ends_on) {
        if e < s {
            check.invalid("ends_on", "admin-discount-dates-order");
        }
    }
    let usage_limit = whole(&mut check, "usage_limit", &usage_limit, 1, i32::MAX as i64);
    let per_customer_limit = whole(
        &mut check,
        "per_customer_limit",
        &per_customer_limit,
        1,
        i32::MAX as i64,
    );
    if !check.is_ok() {
        return check.reject();
    }
    let discount = AdminDiscount {
        code,
        percent,
        amount,
        min_subtotal,
        starts_on,
        ends_on,
        usage_limit: usage_limit.map(|n| n as i32),
        per_customer_limit: per_customer_limit.map(|n| n as i32),
        times_used: 0,
        active: active.is_some(),
    };
    let mut tx = admin.begin().await?;
    match dokkan_orders::db::settings::save_discount(&mut tx, &discount).await? {
        DiscountSave::LimitBelowUses(used) => {
            check.invalid_text(
                "usage_limit",
                crate::i18n::t_with(
                    locale,
                    "admin-discount-limit-used",
                    &[("used", &locale.digits(&used.to_string()))],
                ),
            );
            check.reject()
        }
        _ => {
            tx.commit().await?;
            support::redirect(&format!("/{locale}/admin/discounts?saved=1"));
            Ok(())
        }
    }
}

/// A zone's rate for one method; without `offered` the method stops there (standard
/// delivery cannot be stopped: every zone needs a way to deliver).
#[server(endpoint = "admin/shipping/rate")]
pub async fn save_shipping_rate(
    lang: String,
    zone_id: i64,
    method: String,
    #[server(default)] offered: Option<String>,
    #[server(default)] rate: String,
    #[server(default)] free_over: String,
    #[server(default)] days_min: String,
    #[server(default)] days_max: String,
) -> Result<(), AppError> {
    use dokkan_orders::admin::AdminRate;
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, Action::new("shipping.rate")).await?;
    if method != "standard" && method != "express" {
        return Err(AppError::bad_request());
    }
    let mut check = FormCheck::new(locale);
    let saved = if offered.is_some() || method == "standard" {
        let amount = pounds(&mut check, "rate", &rate);
        if amount.is_none() && rate.trim().is_empty() {
            check.invalid("rate", "admin-variant-price");
        }
        let free_over = pounds(&mut check, "free_over", &free_over).filter(|m| m.minor() > 0);
        let min = whole(&mut check, "days_min", &days_min, 0, 60);
        let max = whole(&mut check, "days_max", &days_max, 0, 60);
        match (min, max) {
            (Some(a), Some(b)) if b >= a => {}
            _ => check.invalid("days_max", "admin-shipping-days"),
        }
        if !check.is_ok() {
            return check.reject();
        }
        Some(AdminRate {
            method: method.clone(),
            rate: amount.unwrap_or(dokkan_core::Money::egp(0)),
            free_over,
            days_min: min.unwrap_or(0) as i16,
            days_max: max.unwrap_or(0) as i16,
        })
    } else {
        None
    };
    let mut tx = admin.begin().await?;
    if !dokkan_orders::db::settings::save_rate(&mut tx, zone_id, &method, saved.as_ref()).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/shipping?saved=1"));
    Ok(())
}

/// Moves a governorate into another zone.
#[server(endpoint = "admin/shipping/governorate")]
pub async fn assign_governorate(
    lang: String,
    governorate: String,
    zone_id: i64,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, Action::new("shipping.zone")).await?;
    let Ok(governorate) = dokkan_accounts::Governorate::from_code(&governorate) else {
        return Err(AppError::bad_request());
    };
    let mut tx = admin.begin().await?;
    if !dokkan_orders::db::settings::assign_governorate(&mut tx, governorate.code(), zone_id)
        .await?
    {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/shipping?saved=1"));
    Ok(())
}
