//! Reading orders: a person's own, a guest's by number and email or phone, staff's by
//! number. "Not yours" and "no such order" look the same to the caller.

use super::{corrupt, Result};
use crate::{
    shipping::ShippingMethod,
    view::{OrderItem, OrderSummary, OrderView, ShipTo, TimelineEntry},
    Actor, OrderNumber, OrderStatus, Totals,
};
use dokkan_catalog::Localized;
use dokkan_core::{Currency, Locale, Money};
use dokkan_payments::PaymentMethod;
use sqlx::{postgres::PgRow, PgPool, Row as _};

/// Enough of an order to address its shopper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderRef {
    pub id: i64,
    pub number: OrderNumber,
    pub status: OrderStatus,
    pub email: String,
    pub locale: Locale,
}

pub(crate) fn rfc3339(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn currency(row: &PgRow) -> Result<Currency> {
    Currency::from_code(row.try_get::<&str, _>("currency")?)
        .ok_or_else(|| corrupt("order currency"))
}

pub(crate) fn status(text: &str) -> Result<OrderStatus> {
    OrderStatus::parse(text).ok_or_else(|| corrupt("order status"))
}

/// The account's orders, newest first.
pub async fn orders_for_user(pool: &PgPool, user_id: i64) -> Result<Vec<OrderSummary>> {
    let rows = sqlx::query(
        "SELECT o.number, o.status, o.created_at, o.total_minor, o.currency, \
                (SELECT sum(quantity) FROM order_items i WHERE i.order_id = o.id)::bigint AS items \
           FROM orders o WHERE o.user_id = $1 ORDER BY o.created_at DESC, o.id DESC LIMIT 200",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(OrderSummary {
                number: OrderNumber::parse(row.try_get::<&str, _>("number")?)
                    .map_err(|_| corrupt("number"))?,
                status: status(row.try_get("status")?)?,
                placed_at: rfc3339(row.try_get("created_at")?),
                total: Money::new(row.try_get("total_minor")?, currency(row)?),
                items: row.try_get::<Option<i64>, _>("items")?.unwrap_or(0) as u32,
            })
        })
        .collect()
}

/// The order, if it belongs to `user_id`.
pub async fn order_for_user(
    pool: &PgPool,
    user_id: i64,
    number: &OrderNumber,
) -> Result<Option<OrderView>> {
    view(
        pool,
        "o.number = $1 AND o.user_id = $2",
        number,
        Some(user_id),
        None,
    )
    .await
}

/// A guest's order, found by its number and the email or phone it was placed with.
pub async fn order_by_lookup(
    pool: &PgPool,
    number: &OrderNumber,
    email_or_phone: &str,
) -> Result<Option<OrderView>> {
    let contact = email_or_phone.trim().to_lowercase();
    view(
        pool,
        "o.number = $1 AND (o.email = $3 OR o.phone = $3 OR o.ship_phone = $3)",
        number,
        None,
        Some(&contact),
    )
    .await
}

/// Any order by number (staff, and links that carry the order's signed key).
pub async fn order_by_number(pool: &PgPool, number: &OrderNumber) -> Result<Option<OrderView>> {
    view(pool, "o.number = $1", number, None, None).await
}

/// The status alone (the live status stream reads it on every change).
pub async fn order_status(pool: &PgPool, number: &OrderNumber) -> Result<Option<OrderStatus>> {
    let text: Option<String> = sqlx::query_scalar("SELECT status FROM orders WHERE number = $1")
        .bind(number.as_str())
        .fetch_optional(pool)
        .await?;
    text.as_deref().map(status).transpose()
}

async fn view(
    pool: &PgPool,
    filter: &str,
    number: &OrderNumber,
    user_id: Option<i64>,
    contact: Option<&str>,
) -> Result<Option<OrderView>> {
    let row = sqlx::query(&format!(
        "SELECT o.* FROM orders o WHERE {filter} \
         AND $2::bigint IS NOT DISTINCT FROM $2 AND $3::text IS NOT DISTINCT FROM $3"
    ))
    .bind(number.as_str())
    .bind(user_id)
    .bind(contact)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let currency = currency(&row)?;
    let money = |column: &str| -> Result<Money> { Ok(Money::new(row.try_get(column)?, currency)) };
    let items = sqlx::query(
        "SELECT product_handle, sku, name_en, name_ar, options_en, options_ar, unit_price_minor, \
                quantity, line_total_minor FROM order_items WHERE order_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|i| -> Result<OrderItem> {
        Ok(OrderItem {
            handle: i.try_get("product_handle")?,
            sku: i.try_get("sku")?,
            name: Localized::new(
                i.try_get::<String, _>("name_en")?,
                i.try_get::<String, _>("name_ar")?,
            ),
            options: Localized::new(
                i.try_get::<String, _>("options_en")?,
                i.try_get::<String, _>("options_ar")?,
            ),
            unit_price: Money::new(i.try_get("unit_price_minor")?, currency),
            quantity: i.try_get::<i32, _>("quantity")? as u32,
            line_total: Money::new(i.try_get("line_total_minor")?, currency),
        })
    })
    .collect::<Result<_>>()?;
    let timeline = sqlx::query(
        "SELECT from_status, to_status, event, actor, note, created_at FROM order_events \
          WHERE order_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|e| {
        Ok(TimelineEntry {
            from: e
                .try_get::<Option<&str>, _>("from_status")?
                .map(status)
                .transpose()?,
            to: status(e.try_get("to_status")?)?,
            event: e.try_get("event")?,
            actor: Actor::parse(e.try_get::<&str, _>("actor")?).ok_or_else(|| corrupt("actor"))?,
            note: e.try_get("note")?,
            at: rfc3339(e.try_get("created_at")?),
        })
    })
    .collect::<Result<Vec<_>>>()?;
    Ok(Some(OrderView {
        number: number.clone(),
        status: status(row.try_get("status")?)?,
        placed_at: rfc3339(row.try_get("created_at")?),
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        locale: Locale::from_url_segment(row.try_get::<&str, _>("locale")?)
            .unwrap_or(Locale::DEFAULT),
        payment_method: PaymentMethod::parse(row.try_get::<&str, _>("payment_method")?)
            .ok_or_else(|| corrupt("payment method"))?,
        paid: row
            .try_get::<Option<chrono::DateTime<chrono::Utc>>, _>("paid_at")?
            .is_some(),
        shipping_method: ShippingMethod::parse(row.try_get::<&str, _>("shipping_method")?)
            .ok_or_else(|| corrupt("shipping method"))?,
        discount_code: row.try_get("discount_code")?,
        totals: Totals {
            subtotal: money("subtotal_minor")?,
            discount: money("discount_minor")?,
            shipping: money("shipping_minor")?,
            total: money("total_minor")?,
        },
        refunded: money("refunded_minor")?,
        tracking_number: row.try_get("tracking_number")?,
        ship_to: ShipTo {
            recipient: row.try_get("recipient")?,
            phone: row.try_get("ship_phone")?,
            governorate: row.try_get("governorate")?,
            city: row.try_get("city")?,
            street: row.try_get("street")?,
            building: row.try_get("building")?,
            floor: row.try_get("floor")?,
            apartment: row.try_get("apartment")?,
            landmark: row.try_get("landmark")?,
        },
        items,
        timeline,
    }))
}

/// The row id of an order (payments are kept by order id).
pub async fn order_id(pool: &PgPool, number: &OrderNumber) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
            .bind(number.as_str())
            .fetch_optional(pool)
            .await?,
    )
}

/// The order an idempotency key already placed, if any: a retried checkout finds it.
pub async fn order_number_for_key(pool: &PgPool, key: &str) -> Result<Option<OrderNumber>> {
    let number: Option<String> =
        sqlx::query_scalar("SELECT number FROM orders WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(pool)
            .await?;
    Ok(number.and_then(|n| OrderNumber::parse(&n).ok()))
}
