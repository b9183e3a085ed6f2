//! Card payments as the shop records them: the provider session of each attempt, and the
//! provider's signed webhook events, which alone decide that an order is paid (the
//! shopper's return to the shop proves nothing). Each event id is taken once.

use super::{
    lifecycle::{lock_order, timeline, write, Why},
    read::OrderRef,
    Result,
};
use crate::{Actor, OrderEvent, OrderNumber, OrdersError};
use dokkan_core::Money;
use dokkan_mail::OutgoingMail;
use dokkan_payments::{WebhookEvent, WebhookKind};
use sqlx::{PgPool, Row as _};

/// Remembers the provider session started for an order's payment attempt.
pub async fn record_session(
    pool: &PgPool,
    order_id: i64,
    provider: &str,
    session_id: &str,
    amount: Money,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO payments (order_id, provider, session_id, amount_minor, currency) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (provider, session_id) DO NOTHING",
    )
    .bind(order_id)
    .bind(provider)
    .bind(session_id)
    .bind(amount.minor())
    .bind(amount.currency().code())
    .execute(pool)
    .await?;
    Ok(())
}

/// What a webhook event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WebhookOutcome {
    /// The order is now paid.
    Paid(OrderNumber),
    /// The card was declined; the order waits for another attempt until it expires.
    Declined(OrderNumber),
    /// This event id was taken before: nothing changed.
    Duplicate,
    /// The order had already been paid by another event.
    AlreadyPaid,
    /// Money arrived for an order that was cancelled meanwhile: staff must refund it.
    LatePayment(OrderNumber),
    /// Amount or currency differ from the order's total: refused, logged.
    AmountMismatch,
    UnknownOrder,
    /// Acknowledged, nothing to change (a refund confirmation).
    Noted,
}

impl WebhookOutcome {
    /// A word for logs and the webhook's answer.
    pub fn label(&self) -> &'static str {
        match self {
            WebhookOutcome::Paid(_) => "paid",
            WebhookOutcome::Declined(_) => "declined",
            WebhookOutcome::Duplicate => "duplicate",
            WebhookOutcome::AlreadyPaid => "already-paid",
            WebhookOutcome::LatePayment(_) => "late-payment",
            WebhookOutcome::AmountMismatch => "amount-mismatch",
            WebhookOutcome::UnknownOrder => "unknown-order",
            WebhookOutcome::Noted => "noted",
        }
    }
}

/// Takes one verified webhook event, once. `confirmation` writes the mail sent when the
/// order becomes paid (queued in the same transaction).
pub async fn take_webhook(
    pool: &PgPool,
    provider: &str,
    event: &WebhookEvent,
    confirmation: impl FnOnce(&OrderRef) -> Option<OutgoingMail>,
) -> Result<WebhookOutcome> {
    let mut tx = pool.begin().await?;
    let kind = match event.kind {
        WebhookKind::PaymentSucceeded => "payment.succeeded",
        WebhookKind::PaymentFailed => "payment.failed",
        WebhookKind::RefundSucceeded => "refund.succeeded",
    };
    let fresh: Option<String> = sqlx::query_scalar(
        "INSERT INTO payment_events (provider, event_id, kind, outcome) VALUES ($1, $2, $3, 'taking') \
         ON CONFLICT DO NOTHING RETURNING event_id",
    )
    .bind(provider)
    .bind(&event.id)
    .bind(kind)
    .fetch_optional(&mut *tx)
    .await?;
    if fresh.is_none() {
        return Ok(WebhookOutcome::Duplicate);
    }
    let outcome = match OrderNumber::parse(&event.reference) {
        Err(_) => WebhookOutcome::UnknownOrder,
        Ok(number) => apply(&mut tx, provider, event, number, confirmation).await?,
    };
    sqlx::query(
        "UPDATE payment_events SET outcome = $3, \
                order_id = (SELECT id FROM orders WHERE number = $4) \
          WHERE provider = $1 AND event_id = $2",
    )
    .bind(provider)
    .bind(&event.id)
    .bind(outcome.label())
    .bind(&event.reference)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    if matches!(
        outcome,
        WebhookOutcome::AmountMismatch | WebhookOutcome::LatePayment(_)
    ) {
        tracing::warn!(event = %event.id, reference = %event.reference, outcome = outcome.label(), "payment event needs staff");
    }
    Ok(outcome)
}

async fn apply(
    tx: &mut sqlx::PgConnection,
    provider: &str,
    event: &WebhookEvent,
    number: OrderNumber,
    confirmation: impl FnOnce(&OrderRef) -> Option<OutgoingMail>,
) -> Result<WebhookOutcome> {
    let order = match lock_order(tx, &number).await {
        Ok(order) => order,
        Err(super::TransitionError::NotFound) => return Ok(WebhookOutcome::UnknownOrder),
        Err(super::TransitionError::Orders(e)) => return Err(e),
        Err(other) => return Err(OrdersError::Corrupt(other.to_string())),
    };
    let row = sqlx::query("SELECT currency, email, locale FROM orders WHERE id = $1")
        .bind(order.id)
        .fetch_one(&mut *tx)
        .await?;
    let currency: String = row.try_get("currency")?;
    if event.kind != WebhookKind::RefundSucceeded
        && (event.amount.minor() != order.total_minor || event.amount.currency().code() != currency)
    {
        return Ok(WebhookOutcome::AmountMismatch);
    }
    let session_status = match event.kind {
        WebhookKind::PaymentSucceeded => "succeeded",
        WebhookKind::PaymentFailed => "failed",
        WebhookKind::RefundSucceeded => return Ok(WebhookOutcome::Noted),
    };
    sqlx::query(
        "UPDATE payments SET status = $3, updated_at = now() \
          WHERE provider = $1 AND session_id = $2 AND status <> 'succeeded'",
    )
    .bind(provider)
    .bind(&event.session_id)
    .bind(session_status)
    .execute(&mut *tx)
    .await?;
    if event.kind == WebhookKind::PaymentFailed {
        return Ok(WebhookOutcome::Declined(number));
    }
    if order.paid {
        return Ok(WebhookOutcome::AlreadyPaid);
    }
    let why = Why {
        actor: Actor::Provider,
        user_id: None,
        note: None,
    };
    match order.status.apply(OrderEvent::PaymentSucceeded) {
        Ok(step) => {
            sqlx::query("UPDATE orders SET paid_at = now() WHERE id = $1")
                .bind(order.id)
                .execute(&mut *tx)
                .await?;
            write(tx, order.id, step, &why).await?;
            let reference = OrderRef {
                id: order.id,
                number: number.clone(),
                status: step.to(),
                email: row.try_get("email")?,
                locale: dokkan_core::Locale::from_url_segment(row.try_get::<&str, _>("locale")?)
                    .unwrap_or(dokkan_core::Locale::DEFAULT),
            };
            if let Some(mail) = confirmation(&reference) {
                dokkan_mail::enqueue(tx, &mail)
                    .await
                    .map_err(|e| OrdersError::Corrupt(format!("confirmation mail: {e}")))?;
            }
            Ok(WebhookOutcome::Paid(number))
        }
        Err(_) => {
            // Paid after it was cancelled (the window passed): the money is recorded so
            // staff can refund it; the order stays cancelled.
            sqlx::query("UPDATE orders SET paid_at = now() WHERE id = $1")
                .bind(order.id)
                .execute(&mut *tx)
                .await?;
            timeline(
                tx,
                order.id,
                Some(order.status),
                order.status,
                "late_payment",
                &why,
            )
            .await?;
            Ok(WebhookOutcome::LatePayment(number))
        }
    }
}

/// The provider session that took the order's money (refunds go back through it).
pub async fn paid_session(pool: &PgPool, number: &OrderNumber) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT p.session_id FROM payments p JOIN orders o ON o.id = p.order_id \
          WHERE o.number = $1 AND p.status = 'succeeded' ORDER BY p.id DESC LIMIT 1",
    )
    .bind(number.as_str())
    .fetch_optional(pool)
    .await?)
}
