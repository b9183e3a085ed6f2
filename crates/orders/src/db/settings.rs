//! The admin's discount codes and shipping zones: lists, and writes in the caller's
//! (audited) transaction. The checkout reads the same rows.

use super::{corrupt, Result};
use crate::admin::{AdminDiscount, AdminRate, AdminZone};
use dokkan_catalog::Localized;
use dokkan_core::{Currency, Money};
use sqlx::{PgConnection, PgPool, Row as _};

const CAIRO: &str = super::admin::SHOP_TIME_ZONE;

pub async fn list_discounts(pool: &PgPool) -> Result<Vec<AdminDiscount>> {
    let rows = sqlx::query(&format!(
        "SELECT code, percent, amount_minor, min_subtotal_minor, usage_limit, per_customer_limit,
                times_used, active,
                to_char(starts_at AT TIME ZONE '{CAIRO}', 'YYYY-MM-DD') AS starts_on,
                to_char((ends_at AT TIME ZONE '{CAIRO}') - interval '1 second', 'YYYY-MM-DD') AS ends_on
           FROM discount_codes ORDER BY active DESC, created_at DESC, code"
    ))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<AdminDiscount> {
            Ok(AdminDiscount {
                code: r.try_get("code")?,
                percent: r.try_get("percent")?,
                amount: r.try_get::<Option<i64>, _>("amount_minor")?.map(Money::egp),
                min_subtotal: Money::egp(r.try_get("min_subtotal_minor")?),
                starts_on: r.try_get("starts_on")?,
                ends_on: r.try_get("ends_on")?,
                usage_limit: r.try_get("usage_limit")?,
                per_customer_limit: r.try_get("per_customer_limit")?,
                times_used: r.try_get("times_used")?,
                active: r.try_get("active")?,
            })
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountSave {
    Created,
    Updated,
    /// The new usage limit is below the uses already taken.
    LimitBelowUses(i32),
}

/// Creates the code or replaces its terms (`times_used` stays). Dates are Cairo days:
/// the code works from the start of `starts_on` to the end of `ends_on`.
pub async fn save_discount(conn: &mut PgConnection, d: &AdminDiscount) -> Result<DiscountSave> {
    let used: Option<i32> =
        sqlx::query_scalar("SELECT times_used FROM discount_codes WHERE code = $1 FOR UPDATE")
            .bind(&d.code)
            .fetch_optional(&mut *conn)
            .await?;
    if let (Some(used), Some(limit)) = (used, d.usage_limit) {
        if limit < used {
            return Ok(DiscountSave::LimitBelowUses(used));
        }
    }
    sqlx::query(&format!(
        "INSERT INTO discount_codes (code, percent, amount_minor, min_subtotal_minor, starts_at, ends_at,
                                     usage_limit, per_customer_limit, active)
         VALUES ($1, $2, $3, $4, $5::date::timestamp AT TIME ZONE '{CAIRO}',
                 ($6::date + 1)::timestamp AT TIME ZONE '{CAIRO}', $7, $8, $9)
         ON CONFLICT (code) DO UPDATE SET
             percent = EXCLUDED.percent, amount_minor = EXCLUDED.amount_minor,
             min_subtotal_minor = EXCLUDED.min_subtotal_minor, starts_at = EXCLUDED.starts_at,
             ends_at = EXCLUDED.ends_at, usage_limit = EXCLUDED.usage_limit,
             per_customer_limit = EXCLUDED.per_customer_limit, active = EXCLUDED.active"
    ))
    .bind(&d.code)
    .bind(d.percent)
    .bind(d.amount.map(Money::minor))
    .bind(d.min_subtotal.minor())
    .bind(d.starts_on.as_deref().and_then(day))
    .bind(d.ends_on.as_deref().and_then(day))
    .bind(d.usage_limit)
    .bind(d.per_customer_limit)
    .bind(d.active)
    .execute(conn)
    .await?;
    Ok(if used.is_some() {
        DiscountSave::Updated
    } else {
        DiscountSave::Created
    })
}

fn day(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

pub async fn list_zones(pool: &PgPool) -> Result<Vec<AdminZone>> {
    let zones: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, name_en, name_ar FROM shipping_zones ORDER BY position, id")
            .fetch_all(pool)
            .await?;
    let governorates: Vec<(String, i64)> = sqlx::query_as(
        "SELECT governorate, zone_id FROM shipping_zone_governorates ORDER BY governorate",
    )
    .fetch_all(pool)
    .await?;
    let rates = sqlx::query(
        "SELECT zone_id, method, rate_minor, free_over_minor, currency, days_min, days_max
           FROM shipping_rates ORDER BY zone_id, method = 'express'",
    )
    .fetch_all(pool)
    .await?;
    zones
        .into_iter()
        .map(|(id, en, ar)| {
            let rates = rates
                .iter()
                .filter(|r| r.try_get::<i64, _>("zone_id").is_ok_and(|zone| zone == id))
                .map(|r| {
                    let currency = Currency::from_code(r.try_get::<&str, _>("currency")?)
                        .ok_or_else(|| corrupt("shipping currency"))?;
                    Ok(AdminRate {
                        method: r.try_get("method")?,
                        rate: Money::new(r.try_get("rate_minor")?, currency),
                        free_over: r
                            .try_get::<Option<i64>, _>("free_over_minor")?
                            .map(|m| Money::new(m, currency)),
                        days_min: r.try_get("days_min")?,
                        days_max: r.try_get("days_max")?,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            Ok(AdminZone {
                id,
                name: Localized::new(en, ar),
                governorates: governorates
                    .iter()
                    .filter(|(_, z)| *z == id)
                    .map(|(g, _)| g.clone())
                    .collect(),
                rates,
            })
        })
        .collect()
}

/// Sets a zone's rate for a method, or (`None`) stops offering the method there. False
/// for no such zone.
pub async fn save_rate(
    conn: &mut PgConnection,
    zone_id: i64,
    method: &str,
    rate: Option<&AdminRate>,
) -> Result<bool> {
    let zone: Option<i64> =
        sqlx::query_scalar("SELECT id FROM shipping_zones WHERE id = $1 FOR UPDATE")
            .bind(zone_id)
            .fetch_optional(&mut *conn)
            .await?;
    if zone.is_none() {
        return Ok(false);
    }
    match rate {
        None => {
            sqlx::query("DELETE FROM shipping_rates WHERE zone_id = $1 AND method = $2")
                .bind(zone_id)
                .bind(method)
                .execute(conn)
                .await?;
        }
        Some(rate) => {
            sqlx::query(
                "INSERT INTO shipping_rates (zone_id, method, rate_minor, free_over_minor, currency, days_min, days_max)
                 VALUES ($1, $2, $3, $4, 'EGP', $5, $6)
                 ON CONFLICT (zone_id, method) DO UPDATE SET rate_minor = EXCLUDED.rate_minor,
                     free_over_minor = EXCLUDED.free_over_minor, days_min = EXCLUDED.days_min,
                     days_max = EXCLUDED.days_max",
            )
            .bind(zone_id)
            .bind(method)
            .bind(rate.rate.minor())
            .bind(rate.free_over.map(Money::minor))
            .bind(rate.days_min)
            .bind(rate.days_max)
            .execute(conn)
            .await?;
        }
    }
    Ok(true)
}

/// Moves a governorate to another zone (it takes that zone's rates). False for no such zone.
pub async fn assign_governorate(
    conn: &mut PgConnection,
    governorate: &str,
    zone_id: i64,
) -> Result<bool> {
    let zone: Option<i64> = sqlx::query_scalar("SELECT id FROM shipping_zones WHERE id = $1")
        .bind(zone_id)
        .fetch_optional(&mut *conn)
        .await?;
    if zone.is_none() {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO shipping_zone_governorates (governorate, zone_id) VALUES ($1, $2)
         ON CONFLICT (governorate) DO UPDATE SET zone_id = EXCLUDED.zone_id",
    )
    .bind(governorate)
    .bind(zone_id)
    .execute(conn)
    .await?;
    Ok(true)
}
