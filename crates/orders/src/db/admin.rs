//! The admin console's queries: the order list, the dashboard, customers. Days are the
//! shop's days: Cairo time, whatever the server's zone.

use super::{corrupt, read, Result};
use crate::{
    admin::{
        AdminOrderRow, CustomerDetail, CustomerRow, Dashboard, DaySales, LowStock, OrderFilter,
        Paged, PeriodFigures, TopProduct, ZeroResultSearch, PAGE_SIZE,
    },
    OrderNumber, OrderStatus,
};
use dokkan_accounts::PhoneNumber;
use dokkan_catalog::Localized;
use dokkan_core::{Currency, Money};
use dokkan_payments::PaymentMethod;
use sqlx::{postgres::PgRow, PgPool, Row as _};

/// The shop's time zone: "today" on the dashboard is a day in Cairo.
pub const SHOP_TIME_ZONE: &str = "Africa/Cairo";

/// Orders that count as sales: not cancelled, not waiting for a card payment, not
/// refunded in full. Partial refunds are taken off their order's total.
const SALE: &str = "status NOT IN ('cancelled', 'pending_payment', 'refunded')";

/// Variants at or below this many units are listed as running out.
pub const LOW_STOCK: i32 = 5;

fn date(text: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| {
            chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map_err(|_| crate::OrdersError::Filter("date"))
        })
        .transpose()
}

fn money(row: &PgRow, column: &str) -> Result<Money> {
    Ok(Money::new(
        row.try_get::<Option<i64>, _>(column)?.unwrap_or(0),
        Currency::Egp,
    ))
}

/// Staff's order list: filtered, newest first, a page at a time.
pub async fn list_orders(pool: &PgPool, filter: &OrderFilter) -> Result<Paged<AdminOrderRow>> {
    let from = date(&filter.from)?;
    let to = date(&filter.to)?;
    let q = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    // An order number with or without its prefix, a phone in any usual spelling, or a
    // part of an email.
    let number = q.and_then(|q| {
        let digits: String = q.chars().filter(char::is_ascii_digit).collect();
        let plain = q.trim_start_matches(['D', 'K', 'd', 'k', '-']);
        (digits.len() == 8 && plain.len() == 8).then(|| format!("DK-{digits}"))
    });
    let phone = q.and_then(|q| PhoneNumber::parse(q).ok());
    let email = q.filter(|q| q.contains('@') || (number.is_none() && phone.is_none()));
    let page = filter.page.max(1);
    let rows = sqlx::query(&format!(
        "SELECT o.number, o.created_at, o.status, o.payment_method, o.paid_at IS NOT NULL AS paid, \
                o.email, o.recipient, o.governorate, o.total_minor, count(*) OVER () AS total_rows \
           FROM orders o \
          WHERE ($1::text IS NULL OR o.status = $1) \
            AND ($2::text IS NULL OR o.payment_method = $2) \
            AND ($3::text IS NULL OR o.governorate = $3) \
            AND ($4::date IS NULL OR o.created_at >= ($4::date::timestamp AT TIME ZONE '{SHOP_TIME_ZONE}')) \
            AND ($5::date IS NULL OR o.created_at < (($5::date + 1)::timestamp AT TIME ZONE '{SHOP_TIME_ZONE}')) \
            AND ($6::text IS NULL AND $7::text IS NULL AND $8::text IS NULL \
                 OR o.number = $6 OR o.phone = $7 OR o.ship_phone = $7 \
                 OR o.email LIKE '%' || lower($8) || '%') \
          ORDER BY o.created_at DESC, o.id DESC LIMIT $9 OFFSET $10"
    ))
    .bind(filter.status.map(OrderStatus::as_str))
    .bind(filter.payment.map(PaymentMethod::as_str))
    .bind(filter.governorate.as_deref().filter(|g| !g.is_empty()))
    .bind(from)
    .bind(to)
    .bind(number)
    .bind(phone.as_ref().map(|p| p.as_str().to_string()))
    .bind(email.map(|e| e.replace(['%', '_'], "")))
    .bind(PAGE_SIZE)
    .bind((page as i64 - 1) * PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    let total = match rows.first() {
        Some(r) => r.try_get("total_rows")?,
        None => 0,
    };
    let rows = rows
        .iter()
        .map(|row| {
            Ok(AdminOrderRow {
                number: OrderNumber::parse(row.try_get::<&str, _>("number")?)
                    .map_err(|_| corrupt("number"))?,
                placed_at: read::rfc3339(row.try_get("created_at")?),
                status: read::status(row.try_get("status")?)?,
                payment_method: PaymentMethod::parse(row.try_get("payment_method")?)
                    .ok_or_else(|| corrupt("payment method"))?,
                paid: row.try_get("paid")?,
                email: row.try_get("email")?,
                recipient: row.try_get("recipient")?,
                governorate: row.try_get("governorate")?,
                total: money(row, "total_minor")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Paged { rows, total, page })
}

/// Everything the dashboard shows, as of now. The six reads are independent and run at
/// once, each on its own pooled connection.
pub async fn dashboard(pool: &PgPool) -> Result<Dashboard> {
    let (periods, daily, by_status, top_products, low_stock, zero_results) = tokio::try_join!(
        period_figures(pool),
        daily_sales(pool),
        orders_by_status(pool),
        top_products(pool),
        low_stock(pool),
        zero_result_searches(pool),
    )?;
    Ok(Dashboard {
        periods,
        daily,
        by_status,
        top_products,
        low_stock,
        zero_results,
    })
}

async fn period_figures(pool: &PgPool) -> Result<Vec<PeriodFigures>> {
    let today = format!("(now() AT TIME ZONE '{SHOP_TIME_ZONE}')::date");
    let day = format!("(created_at AT TIME ZONE '{SHOP_TIME_ZONE}')::date");
    // Summed per day first (at most 62 rows), then per period: filtering every order row
    // three times over took 250 ms at 50,000 orders, this takes 70.
    let periods = sqlx::query(&format!(
        "WITH today AS (SELECT {today} AS d), \
              days AS (SELECT {day} AS day, sum(total_minor - refunded_minor)::bigint AS net, \
                              count(*) AS n FROM orders \
                        WHERE {SALE} AND created_at > now() - interval '62 days' GROUP BY 1) \
         SELECT p.days, \
                sum(s.net) FILTER (WHERE s.day > t.d - p.days)::bigint AS revenue, \
                coalesce(sum(s.n) FILTER (WHERE s.day > t.d - p.days), 0)::bigint AS orders, \
                sum(s.net) FILTER (WHERE s.day <= t.d - p.days \
                                     AND s.day > t.d - 2 * p.days)::bigint AS previous_revenue, \
                coalesce(sum(s.n) FILTER (WHERE s.day <= t.d - p.days \
                                            AND s.day > t.d - 2 * p.days), 0)::bigint AS previous_orders \
           FROM unnest(ARRAY[1, 7, 30]) AS p(days) CROSS JOIN today t LEFT JOIN days s ON true \
          GROUP BY p.days ORDER BY p.days"
    ))
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| -> Result<PeriodFigures> {
        Ok(PeriodFigures {
            days: row.try_get::<i32, _>("days")? as u32,
            revenue: money(row, "revenue")?,
            orders: row.try_get("orders")?,
            previous_revenue: money(row, "previous_revenue")?,
            previous_orders: row.try_get("previous_orders")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(periods)
}

async fn daily_sales(pool: &PgPool) -> Result<Vec<DaySales>> {
    let today = format!("(now() AT TIME ZONE '{SHOP_TIME_ZONE}')::date");
    let day = format!("(created_at AT TIME ZONE '{SHOP_TIME_ZONE}')::date");
    let daily = sqlx::query(&format!(
        "WITH sales AS (SELECT {day} AS day, sum(total_minor - refunded_minor)::bigint AS revenue, \
                               count(*) AS orders FROM orders \
                         WHERE {SALE} AND created_at > now() - interval '31 days' GROUP BY 1) \
         SELECT to_char(d, 'YYYY-MM-DD') AS day, s.revenue, coalesce(s.orders, 0) AS orders \
           FROM generate_series({today} - 29, {today}, interval '1 day') AS d \
           LEFT JOIN sales s ON s.day = d::date ORDER BY d"
    ))
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| -> Result<DaySales> {
        Ok(DaySales {
            day: row.try_get("day")?,
            revenue: money(row, "revenue")?,
            orders: row.try_get("orders")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(daily)
}

async fn orders_by_status(pool: &PgPool) -> Result<Vec<(OrderStatus, i64)>> {
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT status, count(*) FROM orders WHERE created_at > now() - interval '30 days' \
          GROUP BY status",
    )
    .fetch_all(pool)
    .await?;
    let by_status = OrderStatus::ALL
        .iter()
        .map(|status| {
            let n = counts
                .iter()
                .find(|(s, _)| s == status.as_str())
                .map_or(0, |(_, n)| *n);
            (*status, n)
        })
        .collect();
    Ok(by_status)
}

async fn top_products(pool: &PgPool) -> Result<Vec<TopProduct>> {
    let top_products = sqlx::query(&format!(
        "SELECT i.product_handle AS handle, max(i.name_en) AS name_en, max(i.name_ar) AS name_ar, \
                sum(i.quantity)::bigint AS units, sum(i.line_total_minor)::bigint AS revenue \
           FROM order_items i JOIN orders o ON o.id = i.order_id \
          WHERE o.{SALE} AND o.created_at > now() - interval '30 days' \
          GROUP BY i.product_handle ORDER BY units DESC, revenue DESC, handle LIMIT 5"
    ))
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| -> Result<TopProduct> {
        Ok(TopProduct {
            handle: row.try_get("handle")?,
            name: Localized::new(
                row.try_get::<String, _>("name_en")?,
                row.try_get::<String, _>("name_ar")?,
            ),
            units: row.try_get("units")?,
            revenue: money(row, "revenue")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(top_products)
}

async fn low_stock(pool: &PgPool) -> Result<Vec<LowStock>> {
    let low_stock = sqlx::query(
        "SELECT p.handle, p.name_en, p.name_ar, v.sku, v.stock, \
                coalesce(string_agg(ov.value_en, ' / ' ORDER BY o.position), '') AS options_en, \
                coalesce(string_agg(ov.value_ar, ' / ' ORDER BY o.position), '') AS options_ar \
           FROM product_variants v JOIN products p ON p.id = v.product_id \
           LEFT JOIN variant_option_values ov ON ov.variant_id = v.id \
           LEFT JOIN product_options o ON o.id = ov.option_id \
          WHERE p.published AND v.stock <= $1 \
          GROUP BY p.id, v.id ORDER BY v.stock, p.name_en, v.position LIMIT 10",
    )
    .bind(LOW_STOCK)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| -> Result<LowStock> {
        Ok(LowStock {
            handle: row.try_get("handle")?,
            name: Localized::new(
                row.try_get::<String, _>("name_en")?,
                row.try_get::<String, _>("name_ar")?,
            ),
            sku: row.try_get("sku")?,
            options: Localized::new(
                row.try_get::<String, _>("options_en")?,
                row.try_get::<String, _>("options_ar")?,
            ),
            stock: row.try_get("stock")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(low_stock)
}

async fn zero_result_searches(pool: &PgPool) -> Result<Vec<ZeroResultSearch>> {
    let zero_results = sqlx::query(
        "SELECT query, count(*) AS searches FROM search_log \
          WHERE result_count = 0 AND searched_at > now() - interval '30 days' \
          GROUP BY query ORDER BY searches DESC, query LIMIT 10",
    )
    .fetch_all(pool)
    .await?
    .iter()
    .map(|row| -> Result<ZeroResultSearch> {
        Ok(ZeroResultSearch {
            query: row.try_get("query")?,
            searches: row.try_get("searches")?,
        })
    })
    .collect::<Result<_>>()?;
    Ok(zero_results)
}

const CUSTOMER_COLUMNS: &str =
    "u.id, u.email, u.name, u.phone, u.role, u.disabled_at IS NOT NULL AS disabled, \
     u.created_at, coalesce(s.orders, 0) AS orders, s.value";

fn customer_stats() -> String {
    format!(
        "LEFT JOIN LATERAL (SELECT count(*) AS orders, \
                                   sum(total_minor - refunded_minor) FILTER (WHERE {SALE})::bigint AS value \
                              FROM orders WHERE user_id = u.id) s ON true"
    )
}

fn customer(row: &PgRow) -> Result<CustomerRow> {
    Ok(CustomerRow {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        phone: row.try_get("phone")?,
        role: row.try_get("role")?,
        disabled: row.try_get("disabled")?,
        joined_at: read::rfc3339(row.try_get("created_at")?),
        orders: row.try_get("orders")?,
        lifetime_value: money(row, "value")?,
    })
}

/// Accounts, newest first; `q` matches a part of the email or name, or a phone; `role`
/// narrows to one role.
pub async fn list_customers(
    pool: &PgPool,
    q: Option<&str>,
    role: Option<&str>,
    page: u32,
) -> Result<Paged<CustomerRow>> {
    let q = q.map(str::trim).filter(|q| !q.is_empty());
    let phone = q.and_then(|q| PhoneNumber::parse(q).ok());
    let page = page.max(1);
    let rows = sqlx::query(&format!(
        "SELECT {CUSTOMER_COLUMNS}, count(*) OVER () AS total_rows FROM users u {} \
          WHERE ($1::text IS NULL OR u.email LIKE '%' || lower($1) || '%' \
                 OR u.name ILIKE '%' || $1 || '%' OR u.phone = $2) \
            AND ($3::text IS NULL OR u.role = $3) \
          ORDER BY u.created_at DESC, u.id DESC LIMIT $4 OFFSET $5",
        customer_stats()
    ))
    .bind(q.map(|q| q.replace(['%', '_', '\\'], "")))
    .bind(phone.as_ref().map(|p| p.as_str().to_string()))
    .bind(role.filter(|r| !r.is_empty()))
    .bind(PAGE_SIZE)
    .bind((page as i64 - 1) * PAGE_SIZE)
    .fetch_all(pool)
    .await?;
    let total = match rows.first() {
        Some(r) => r.try_get("total_rows")?,
        None => 0,
    };
    Ok(Paged {
        rows: rows.iter().map(customer).collect::<Result<_>>()?,
        total,
        page,
    })
}

/// One account with its orders.
pub async fn customer_detail(pool: &PgPool, user_id: i64) -> Result<Option<CustomerDetail>> {
    let row = sqlx::query(&format!(
        "SELECT {CUSTOMER_COLUMNS} FROM users u {} WHERE u.id = $1",
        customer_stats()
    ))
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    Ok(Some(CustomerDetail {
        customer: customer(&row)?,
        orders: read::orders_for_user(pool, user_id).await?,
    }))
}

/// The account that placed the order, when there is one.
pub async fn order_customer(pool: &PgPool, number: &crate::OrderNumber) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar::<_, Option<i64>>("SELECT user_id FROM orders WHERE number = $1")
            .bind(number.as_str())
            .fetch_optional(pool)
            .await?
            .flatten(),
    )
}

/// Staff give the courier's tracking number, in the transaction of the move that ships.
pub async fn set_tracking_number(
    db: impl sqlx::PgExecutor<'_>,
    number: &crate::OrderNumber,
    tracking: &str,
) -> Result<()> {
    sqlx::query("UPDATE orders SET tracking_number = $2 WHERE number = $1")
        .bind(number.as_str())
        .bind(tracking)
        .execute(db)
        .await?;
    Ok(())
}
