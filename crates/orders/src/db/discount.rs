//! Discount codes. A preview (the checkout page's "apply") reads without locking; the
//! redemption in the checkout transaction takes a use with a guarded UPDATE, which holds
//! the code's row lock until commit: concurrent checkouts queue on it, so the last use
//! goes to exactly one of them and the per-customer count cannot change under a check.

use super::{corrupt, Result};
use crate::{DiscountKind, DiscountRejection, DiscountRule};
use dokkan_core::{Currency, Money};
use sqlx::{postgres::PgRow, PgConnection, PgPool, Row as _};

/// A code as typed: trimmed and upper-cased (codes are stored upper-case).
pub(crate) fn normalize(code: &str) -> String {
    code.trim().to_uppercase()
}

/// Who a per-customer limit counts: the account, or a guest's email.
pub(crate) fn customer_key(user_id: Option<i64>, email: &str) -> String {
    match user_id {
        Some(id) => format!("user:{id}"),
        None => format!("email:{}", email.to_lowercase()),
    }
}

const COLUMNS: &str = "id, percent, amount_minor, currency, min_subtotal_minor, \
    extract(epoch FROM starts_at)::bigint AS starts_at, extract(epoch FROM ends_at)::bigint AS ends_at, \
    usage_limit, per_customer_limit, times_used";

struct Code {
    id: i64,
    rule: DiscountRule,
    usage_limit: Option<i32>,
    per_customer_limit: Option<i32>,
    times_used: i32,
}

fn code_from(row: &PgRow) -> Result<Code> {
    let currency = Currency::from_code(row.try_get::<&str, _>("currency")?)
        .ok_or_else(|| corrupt("discount currency"))?;
    let kind = match (
        row.try_get::<Option<i16>, _>("percent")?,
        row.try_get::<Option<i64>, _>("amount_minor")?,
    ) {
        (Some(p), None) => DiscountKind::Percent(u8::try_from(p).map_err(|_| corrupt("percent"))?),
        (None, Some(a)) => DiscountKind::Fixed(Money::new(a, currency)),
        _ => return Err(corrupt("discount kind")),
    };
    Ok(Code {
        id: row.try_get("id")?,
        rule: DiscountRule {
            kind,
            min_subtotal: Money::new(row.try_get("min_subtotal_minor")?, currency),
            starts_at: row.try_get("starts_at")?,
            ends_at: row.try_get("ends_at")?,
        },
        usage_limit: row.try_get("usage_limit")?,
        per_customer_limit: row.try_get("per_customer_limit")?,
        times_used: row.try_get("times_used")?,
    })
}

async fn uses_by(conn: &mut PgConnection, discount_id: i64, customer: &str) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM discount_redemptions WHERE discount_id = $1 AND customer_key = $2",
    )
    .bind(discount_id)
    .bind(customer)
    .fetch_one(conn)
    .await?)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// What the code would take off `subtotal` now, or why it does not apply.
pub async fn preview_discount(
    pool: &PgPool,
    code: &str,
    subtotal: Money,
    user_id: Option<i64>,
    email: &str,
) -> Result<std::result::Result<Money, DiscountRejection>> {
    let mut conn = pool.acquire().await?;
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM discount_codes WHERE code = $1 AND active"
    ))
    .bind(normalize(code))
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(Err(DiscountRejection::Unknown));
    };
    let found = code_from(&row)?;
    if found
        .usage_limit
        .is_some_and(|limit| found.times_used >= limit)
    {
        return Ok(Err(DiscountRejection::UsedUp));
    }
    if let Some(limit) = found.per_customer_limit {
        let used = uses_by(&mut conn, found.id, &customer_key(user_id, email)).await?;
        if used >= i64::from(limit) {
            return Ok(Err(DiscountRejection::AlreadyUsed));
        }
    }
    Ok(found.rule.check(subtotal, now()))
}

/// A use taken in the checkout transaction: the code's id and the amount off.
pub(crate) struct Redemption {
    pub discount_id: i64,
    pub amount: Money,
    pub customer_key: String,
}

/// Takes one use of `code` in `conn`'s transaction. On any rejection the caller rolls the
/// transaction back, which also gives the use back.
pub(crate) async fn redeem(
    conn: &mut PgConnection,
    code: &str,
    subtotal: Money,
    customer: String,
) -> Result<std::result::Result<Redemption, DiscountRejection>> {
    let code = normalize(code);
    let row = sqlx::query(&format!(
        "UPDATE discount_codes SET times_used = times_used + 1 \
          WHERE code = $1 AND active AND (usage_limit IS NULL OR times_used < usage_limit) \
         RETURNING {COLUMNS}"
    ))
    .bind(&code)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        let exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM discount_codes WHERE code = $1 AND active)",
        )
        .bind(&code)
        .fetch_one(&mut *conn)
        .await?;
        return Ok(Err(if exists {
            DiscountRejection::UsedUp
        } else {
            DiscountRejection::Unknown
        }));
    };
    let found = code_from(&row)?;
    if let Some(limit) = found.per_customer_limit {
        if uses_by(conn, found.id, &customer).await? >= i64::from(limit) {
            return Ok(Err(DiscountRejection::AlreadyUsed));
        }
    }
    Ok(found.rule.check(subtotal, now()).map(|amount| Redemption {
        discount_id: found.id,
        amount,
        customer_key: customer,
    }))
}

pub(crate) async fn record_redemption(
    conn: &mut PgConnection,
    redemption: &Redemption,
    order_id: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO discount_redemptions (discount_id, order_id, customer_key) VALUES ($1, $2, $3)",
    )
    .bind(redemption.discount_id)
    .bind(order_id)
    .bind(&redemption.customer_key)
    .execute(conn)
    .await?;
    Ok(())
}

/// A cancelled order gives its use of a code back.
pub(crate) async fn release(conn: &mut PgConnection, order_id: i64) -> Result<()> {
    sqlx::query(
        "WITH gone AS (DELETE FROM discount_redemptions WHERE order_id = $1 RETURNING discount_id) \
         UPDATE discount_codes d SET times_used = times_used - 1 FROM gone WHERE d.id = gone.discount_id",
    )
    .bind(order_id)
    .execute(conn)
    .await?;
    Ok(())
}
