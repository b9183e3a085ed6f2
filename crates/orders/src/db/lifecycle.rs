//! Moving an order through its state machine. Every change locks the order row, asks the
//! state machine (`OrderStatus::apply`) and writes the new status and its timeline entry in
//! one transaction. Cancelling gives the stock and the discount use back in that same
//! transaction. The public moves take a pool, or a transaction the caller holds (an
//! audited admin action): inside one they run as a savepoint of it.

use super::{corrupt, discount, Result};
use crate::{
    Actor, IllegalTransition, OrderEvent, OrderNumber, OrderStatus, OrdersError, Transition,
};
use dokkan_core::Money;
use sqlx::{Acquire, PgConnection, PgPool, Postgres, Row as _};

#[derive(Debug, thiserror::Error)]
pub enum TransitionError {
    #[error("no such order")]
    NotFound,
    #[error(transparent)]
    Illegal(#[from] IllegalTransition),
    #[error("refund amount out of range")]
    RefundAmount,
    #[error(transparent)]
    Orders(#[from] OrdersError),
}

impl From<sqlx::Error> for TransitionError {
    fn from(error: sqlx::Error) -> Self {
        TransitionError::Orders(OrdersError::Database(error))
    }
}

/// Who is acting, and why (kept in the timeline).
#[derive(Debug, Clone)]
pub struct Why<'a> {
    pub actor: Actor,
    pub user_id: Option<i64>,
    pub note: Option<&'a str>,
}

pub(crate) struct Locked {
    pub id: i64,
    pub status: OrderStatus,
    pub total_minor: i64,
    pub refunded_minor: i64,
    pub paid: bool,
}

pub(crate) async fn lock_order(
    conn: &mut PgConnection,
    number: &OrderNumber,
) -> std::result::Result<Locked, TransitionError> {
    let row = sqlx::query(
        "SELECT id, status, total_minor, refunded_minor, paid_at IS NOT NULL AS paid \
           FROM orders WHERE number = $1 FOR UPDATE",
    )
    .bind(number.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(TransitionError::NotFound)?;
    Ok(Locked {
        id: row.try_get("id")?,
        status: OrderStatus::parse(row.try_get::<&str, _>("status")?)
            .ok_or_else(|| corrupt("order status"))?,
        total_minor: row.try_get("total_minor")?,
        refunded_minor: row.try_get("refunded_minor")?,
        paid: row.try_get("paid")?,
    })
}

/// Writes a transition the state machine allowed, and its side effects.
pub(crate) async fn write(
    conn: &mut PgConnection,
    order_id: i64,
    step: Transition,
    why: &Why<'_>,
) -> Result<()> {
    if step.to() == OrderStatus::Cancelled {
        give_back(conn, order_id).await?;
    }
    sqlx::query("UPDATE orders SET status = $2, updated_at = now() WHERE id = $1")
        .bind(order_id)
        .bind(step.to().as_str())
        .execute(&mut *conn)
        .await?;
    // Browsers that asked to follow the order hear about the move: queued here, so the
    // notification exists exactly when the move commits (dokkan_push's outbox sends it).
    dokkan_push::db::enqueue_order_update(conn, order_id, step.to().as_str()).await?;
    timeline(
        conn,
        order_id,
        Some(step.from()),
        step.to(),
        step.event().as_str(),
        why,
    )
    .await
}

pub(crate) async fn timeline(
    conn: &mut PgConnection,
    order_id: i64,
    from: Option<OrderStatus>,
    to: OrderStatus,
    event: &str,
    why: &Why<'_>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO order_events (order_id, from_status, to_status, event, actor, actor_user_id, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(order_id)
    .bind(from.map(OrderStatus::as_str))
    .bind(to.as_str())
    .bind(event)
    .bind(why.actor.as_str())
    .bind(why.user_id)
    .bind(why.note)
    .execute(conn)
    .await?;
    Ok(())
}

/// Locks what giving orders back will touch in the order checkout locks it: discount
/// codes by id, then variants by id. Without this, a cancellation (or an expiry batch)
/// and a checkout could each hold a row the other waits for.
pub(crate) async fn lock_for_give_back(conn: &mut PgConnection, order_ids: &[i64]) -> Result<()> {
    sqlx::query(
        "SELECT d.id FROM discount_codes d \
          WHERE d.id IN (SELECT discount_id FROM discount_redemptions WHERE order_id = ANY($1)) \
          ORDER BY d.id FOR UPDATE",
    )
    .bind(order_ids)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "SELECT v.id FROM product_variants v \
          WHERE v.id IN (SELECT variant_id FROM order_items WHERE order_id = ANY($1)) \
          ORDER BY v.id FOR UPDATE",
    )
    .bind(order_ids)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Returns a cancelled order's units to stock and its discount use. Items whose variant
/// was deleted have nowhere to go back to.
async fn give_back(conn: &mut PgConnection, order_id: i64) -> Result<()> {
    lock_for_give_back(conn, &[order_id]).await?;
    discount::release(conn, order_id).await?;
    sqlx::query(
        "UPDATE product_variants v SET stock = v.stock + i.quantity \
           FROM (SELECT variant_id, sum(quantity)::int AS quantity FROM order_items \
                  WHERE order_id = $1 AND variant_id IS NOT NULL GROUP BY variant_id) i \
          WHERE v.id = i.variant_id",
    )
    .bind(order_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Applies `event` to the order as `why` says. Illegal moves change nothing.
pub async fn transition<'c>(
    db: impl Acquire<'c, Database = Postgres>,
    number: &OrderNumber,
    event: OrderEvent,
    why: &Why<'_>,
) -> std::result::Result<Transition, TransitionError> {
    let mut tx = db.begin().await?;
    let order = lock_order(&mut tx, number).await?;
    let step = order.status.apply(event)?;
    write(&mut tx, order.id, step, why).await?;
    tx.commit().await?;
    Ok(step)
}

/// Cancels card orders whose payment window has passed and gives their stock back. Safe
/// with several servers running it: each claims rows with `FOR UPDATE SKIP LOCKED`, so no
/// two expire the same order and none waits on another. Returns the orders expired.
pub async fn expire_unpaid(pool: &PgPool, batch: i64) -> Result<Vec<OrderNumber>> {
    let mut tx = pool.begin().await?;
    let rows = sqlx::query(
        "SELECT id, number FROM orders \
          WHERE status = 'pending_payment' AND payment_due_at < now() \
          ORDER BY payment_due_at, id LIMIT $1 FOR UPDATE SKIP LOCKED",
    )
    .bind(batch)
    .fetch_all(&mut *tx)
    .await?;
    let why = Why {
        actor: Actor::System,
        user_id: None,
        // The event (`payment_expired`) says why; pages show it in the reader's language.
        note: None,
    };
    let ids: Vec<i64> = rows
        .iter()
        .map(|row| row.try_get("id"))
        .collect::<std::result::Result<_, _>>()?;
    lock_for_give_back(&mut tx, &ids).await?;
    let mut expired = Vec::with_capacity(rows.len());
    for row in rows {
        let step = OrderStatus::PendingPayment
            .apply(OrderEvent::PaymentExpired)
            .map_err(|_| corrupt("expiry from pending_payment"))?;
        write(&mut tx, row.try_get("id")?, step, &why).await?;
        expired.push(
            OrderNumber::parse(row.try_get::<&str, _>("number")?).map_err(|_| corrupt("number"))?,
        );
    }
    tx.commit().await?;
    Ok(expired)
}

/// Staff collected the cash of a cash-on-delivery order: it is now paid (a timeline entry,
/// no status change). Paying twice is refused.
pub async fn mark_paid<'c>(
    db: impl Acquire<'c, Database = Postgres>,
    number: &OrderNumber,
    why: &Why<'_>,
) -> std::result::Result<bool, TransitionError> {
    let mut tx = db.begin().await?;
    let order = lock_order(&mut tx, number).await?;
    if order.paid
        || matches!(
            order.status,
            OrderStatus::Cancelled | OrderStatus::PendingPayment
        )
    {
        return Ok(false);
    }
    sqlx::query("UPDATE orders SET paid_at = now(), updated_at = now() WHERE id = $1")
        .bind(order.id)
        .execute(&mut *tx)
        .await?;
    timeline(
        &mut tx,
        order.id,
        Some(order.status),
        order.status,
        "payment_collected",
        why,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Records money given back (after the provider confirmed it, or by hand for cash) and
/// moves the order to refunded / partially refunded.
pub async fn record_refund<'c>(
    db: impl Acquire<'c, Database = Postgres>,
    number: &OrderNumber,
    amount: Money,
    method: &str,
    provider_ref: Option<&str>,
    why: &Why<'_>,
) -> std::result::Result<Transition, TransitionError> {
    let mut tx = db.begin().await?;
    let order = lock_order(&mut tx, number).await?;
    let left = order.total_minor - order.refunded_minor;
    if !order.paid || amount.minor() <= 0 || amount.minor() > left {
        return Err(TransitionError::RefundAmount);
    }
    let full = amount.minor() == left;
    let step = order.status.apply(OrderEvent::Refund { full })?;
    sqlx::query(
        "INSERT INTO refunds (order_id, amount_minor, method, provider_ref, reason, actor_user_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(order.id)
    .bind(amount.minor())
    .bind(method)
    .bind(provider_ref)
    .bind(why.note)
    .bind(why.user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE orders SET refunded_minor = refunded_minor + $2 WHERE id = $1")
        .bind(order.id)
        .bind(amount.minor())
        .execute(&mut *tx)
        .await?;
    write(&mut tx, order.id, step, why).await?;
    tx.commit().await?;
    Ok(step)
}

/// What cancelling an order would owe back: the paid amount not yet refunded (0 when
/// nothing was paid).
pub async fn refund_due_on_cancel(pool: &PgPool, number: &OrderNumber) -> Result<Option<Money>> {
    let row = sqlx::query(
        "SELECT total_minor - refunded_minor AS due, currency FROM orders \
          WHERE number = $1 AND paid_at IS NOT NULL",
    )
    .bind(number.as_str())
    .fetch_optional(pool)
    .await?;
    row.map(|r| -> Result<Money> {
        let currency = dokkan_core::Currency::from_code(r.try_get::<&str, _>("currency")?)
            .ok_or_else(|| corrupt("order currency"))?;
        Ok(Money::new(r.try_get("due")?, currency))
    })
    .transpose()
}

/// Cancels an order; when it was paid, records the refund the caller already obtained
/// (`method` "provider" with its reference, or "manual") in the same transaction.
pub async fn cancel<'c>(
    db: impl Acquire<'c, Database = Postgres>,
    number: &OrderNumber,
    refund: Option<(&str, Option<&str>)>,
    why: &Why<'_>,
) -> std::result::Result<Transition, TransitionError> {
    let mut tx = db.begin().await?;
    let order = lock_order(&mut tx, number).await?;
    let step = order.status.apply(OrderEvent::Cancel)?;
    let due = order.total_minor - order.refunded_minor;
    if order.paid && due > 0 {
        let (method, provider_ref) = refund.unwrap_or(("manual", None));
        sqlx::query(
            "INSERT INTO refunds (order_id, amount_minor, method, provider_ref, reason, actor_user_id) \
             VALUES ($1, $2, $3, $4, 'cancelled', $5)",
        )
        .bind(order.id)
        .bind(due)
        .bind(method)
        .bind(provider_ref)
        .bind(why.user_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE orders SET refunded_minor = total_minor WHERE id = $1")
            .bind(order.id)
            .execute(&mut *tx)
            .await?;
    }
    write(&mut tx, order.id, step, why).await?;
    tx.commit().await?;
    Ok(step)
}
