//! The shipping options of a governorate, from its zone's rates.

use super::{corrupt, Result};
use crate::{
    shipping::{ShippingMethod, ShippingOption},
    ShippingRate,
};
use dokkan_accounts::Governorate;
use dokkan_catalog::Localized;
use dokkan_core::{Currency, Money};
use sqlx::{PgExecutor, Row as _};

const OPTIONS: &str =
    "SELECT g.governorate, r.method, r.rate_minor, r.free_over_minor, r.currency, \
        r.days_min, r.days_max, z.name_en, z.name_ar \
   FROM shipping_zone_governorates g \
   JOIN shipping_zones z ON z.id = g.zone_id \
   JOIN shipping_rates r ON r.zone_id = z.id";

/// Standard first, then express where the zone has it. Empty when the governorate has no
/// zone (the shop does not ship there).
pub async fn shipping_options<'e>(
    executor: impl PgExecutor<'e>,
    governorate: Governorate,
) -> Result<Vec<ShippingOption>> {
    let rows = sqlx::query(&format!(
        "{OPTIONS} WHERE g.governorate = $1 ORDER BY r.method = 'express', r.rate_minor"
    ))
    .bind(governorate.code())
    .fetch_all(executor)
    .await?;
    rows.iter().map(option).collect()
}

/// Every governorate's options in one read (the checkout page's live summary), keyed by
/// governorate code.
pub async fn all_shipping_options(pool: &sqlx::PgPool) -> Result<Vec<(String, ShippingOption)>> {
    let rows = sqlx::query(&format!(
        "{OPTIONS} ORDER BY g.governorate, r.method = 'express', r.rate_minor"
    ))
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("governorate")?, option(row)?)))
        .collect()
}

fn option(row: &sqlx::postgres::PgRow) -> Result<ShippingOption> {
    let currency = Currency::from_code(row.try_get::<&str, _>("currency")?)
        .ok_or_else(|| corrupt("shipping currency"))?;
    Ok(ShippingOption {
        method: ShippingMethod::parse(row.try_get::<&str, _>("method")?)
            .ok_or_else(|| corrupt("shipping method"))?,
        zone: Localized::new(
            row.try_get::<String, _>("name_en")?,
            row.try_get::<String, _>("name_ar")?,
        ),
        rate: ShippingRate {
            rate: Money::new(row.try_get("rate_minor")?, currency),
            free_over: row
                .try_get::<Option<i64>, _>("free_over_minor")?
                .map(|m| Money::new(m, currency)),
        },
        days_min: row.try_get("days_min")?,
        days_max: row.try_get("days_max")?,
    })
}
