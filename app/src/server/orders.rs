//! Orders: the order page (owner, staff, or a guest with the order's signed link), the
//! account's history, guest lookup, cancelling, paying again, and the staff call that
//! moves an order along its state machine.

#[cfg(feature = "ssr")]
use super::support::{self, FormCheck};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use dokkan_core::{Locale, Money};
#[cfg(feature = "ssr")]
use dokkan_orders::db::{self as orders, Signer, TransitionError, Why};
#[cfg(feature = "ssr")]
use dokkan_orders::OrderNumber;
use dokkan_orders::{view::OrderSummary, view::OrderView};
#[cfg(feature = "ssr")]
use dokkan_orders::{Actor, OrderEvent, OrderStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The order page's path; guests' links carry the order's signed key.
#[cfg(feature = "ssr")]
pub fn order_path(locale: Locale, number: &OrderNumber, signer: &Signer) -> String {
    format!(
        "/{locale}/orders/{}?key={}",
        number.as_str(),
        signer.order_key(number)
    )
}

#[cfg(feature = "ssr")]
pub fn order_link(
    public_url: &str,
    locale: Locale,
    number: &OrderNumber,
    signer: &Signer,
) -> String {
    format!("{public_url}{}", order_path(locale, number, signer))
}

/// The "thank you" mail, in the shopper's language.
#[cfg(feature = "ssr")]
pub fn confirmation_mail(
    locale: Locale,
    to: &str,
    number: &OrderNumber,
    total: Money,
    link: &str,
) -> dokkan_mail::OutgoingMail {
    let total = total.format(locale);
    dokkan_mail::Letter::OrderPlaced {
        name: None,
        number: number.as_str(),
        total: &total,
        link,
    }
    .compose(locale, to)
}

/// Starts a card payment at the provider and returns where to send the shopper; `None`
/// when the provider could not be reached (the order page offers to try again).
#[cfg(feature = "ssr")]
pub async fn start_card_payment(
    locale: Locale,
    number: &OrderNumber,
) -> Result<Option<String>, AppError> {
    use dokkan_payments::{CheckoutRequest, PaymentProvider as _, PaymentStart};
    let state = support::state();
    let Some(card) = state.commerce.card.as_ref() else {
        return Ok(None);
    };
    let Some(order) = orders::order_by_number(&state.pool, number).await? else {
        return Err(AppError::not_found());
    };
    if order.status != OrderStatus::PendingPayment {
        return Ok(None);
    }
    let back = order_link(&state.public_url, locale, number, &state.commerce.signer);
    let request = CheckoutRequest {
        reference: number.as_str().to_string(),
        amount: order.totals.total,
        description: dokkan_i18n::t_args(
            locale,
            "payment-description",
            &[("number", number.as_str().into())],
        ),
        locale,
        return_url: format!("{back}&returned=1"),
        cancel_url: back,
    };
    match card.start(&request).await {
        Ok(PaymentStart::Redirect { session_id, url }) => {
            let id = orders::order_id(&state.pool, number)
                .await?
                .ok_or_else(AppError::not_found)?;
            orders::record_session(&state.pool, id, "card", &session_id, order.totals.total)
                .await?;
            Ok(Some(url))
        }
        Ok(PaymentStart::Completed) => Ok(None),
        Err(error) => {
            tracing::warn!(%error, order = %number, "card payment could not start");
            Ok(None)
        }
    }
}

/// The order page's data, and the key its live status stream needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderPageData {
    pub order: OrderView,
    pub key: String,
    pub can_pay: bool,
}

/// May this request see the order? Its owner, staff, or anyone with its signed key.
#[cfg(feature = "ssr")]
async fn visible_order(number: &str, key: &str) -> Result<Option<OrderView>, AppError> {
    let state = support::state();
    let Ok(number) = OrderNumber::parse(number) else {
        return Ok(None);
    };
    if !key.is_empty() && state.commerce.signer.order_key_matches(&number, key) {
        return Ok(orders::order_by_number(&state.pool, &number).await?);
    }
    match crate::auth::current_user() {
        None => Ok(None),
        Some(user) => {
            if let Some(order) = orders::order_for_user(&state.pool, user.user_id, &number).await? {
                return Ok(Some(order));
            }
            let role = dokkan_accounts::db::current_role(&state.pool, user.user_id).await?;
            if role.is_some_and(|r| r.allows(dokkan_accounts::Permission::BackOffice)) {
                Ok(orders::order_by_number(&state.pool, &number).await?)
            } else {
                Ok(None)
            }
        }
    }
}

#[server(endpoint = "orders/page")]
pub async fn order_page(number: String, key: String) -> Result<Option<OrderPageData>, AppError> {
    let state = support::state();
    Ok(visible_order(&number, &key)
        .await?
        .map(|order| OrderPageData {
            key: state.commerce.signer.order_key(&order.number),
            can_pay: order.status == OrderStatus::PendingPayment && state.commerce.card.is_some(),
            order,
        }))
}

#[server(endpoint = "orders/mine")]
pub async fn my_orders() -> Result<Vec<OrderSummary>, AppError> {
    let user = support::signed_in()?;
    Ok(orders::orders_for_user(&support::state().pool, user.user_id).await?)
}

/// Guest lookup: the order number and the email or phone it was placed with.
#[server(endpoint = "orders/lookup")]
pub async fn lookup_order(lang: String, number: String, contact: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let check = FormCheck::new(locale)
        .keep("number", &number)
        .keep("contact", &contact);
    let state = support::state();
    let found = match OrderNumber::parse(&number) {
        Ok(number) => orders::order_by_lookup(&state.pool, &number, &contact).await?,
        Err(_) => None,
    };
    match found {
        Some(order) => {
            support::redirect(&order_path(locale, &order.number, &state.commerce.signer));
            Ok(())
        }
        // One message for both: a wrong number and a wrong contact look the same.
        None => Err(check
            .message("order-lookup-not-found")
            .into_error()
            .with_kind(ErrorKind::NotFound)),
    }
}

#[cfg(feature = "ssr")]
pub(crate) fn transition_failed(locale: Locale, error: TransitionError) -> Result<(), AppError> {
    match error {
        TransitionError::NotFound => Err(AppError::not_found()),
        TransitionError::Illegal(illegal) => Err(FormCheck::new(locale)
            .message(illegal.fluent_key())
            .into_error()
            .with_kind(ErrorKind::Conflict)),
        TransitionError::RefundAmount => Err(FormCheck::new(locale)
            .message("order-refund-amount")
            .into_error()),
        TransitionError::Orders(error) => Err(error.into()),
    }
}

/// Cancels with the money given back first when it was paid by card.
#[cfg(feature = "ssr")]
pub(crate) async fn cancel_order_as(
    state: &crate::state::AppState,
    locale: Locale,
    number: &OrderNumber,
    why: &Why<'_>,
    admin: Option<&support::AdminWrite>,
) -> Result<(), AppError> {
    use dokkan_payments::{PaymentProvider as _, RefundOutcome, RefundRequest};
    let order = orders::order_by_number(&state.pool, number)
        .await?
        .ok_or(AppError::not_found())?;
    if !order.status.can_cancel() {
        return transition_failed(
            locale,
            TransitionError::Illegal(dokkan_orders::IllegalTransition {
                from: order.status,
                event: OrderEvent::Cancel,
            }),
        );
    }
    let due = orders::refund_due_on_cancel(&state.pool, number).await?;
    let mut refund_ref = None;
    if let (Some(due), Some(card)) = (due.filter(|d| d.minor() > 0), state.commerce.card.as_ref()) {
        if order.payment_method == dokkan_payments::PaymentMethod::Card {
            let session = orders::paid_session(&state.pool, number).await?;
            let request = RefundRequest {
                session_id: session,
                reference: number.as_str().to_string(),
                amount: due,
                idempotency_key: format!("cancel-{}", number.as_str()),
            };
            match card.refund(&request).await {
                Ok(RefundOutcome::Refunded { refund_id }) => refund_ref = Some(refund_id),
                Ok(RefundOutcome::Manual) => {}
                Err(error) => {
                    tracing::warn!(%error, order = %number, "refund on cancel failed");
                    return Err(FormCheck::new(locale)
                        .message("order-refund-failed")
                        .into_error()
                        .with_kind(ErrorKind::Unavailable));
                }
            }
        }
    }
    let refund = refund_ref
        .as_deref()
        .map(|r| ("provider", Some(r)))
        .or(Some(("manual", None)));
    let mut tx = match admin {
        Some(admin) => admin.begin().await?,
        None => state.pool.begin().await?,
    };
    match orders::cancel(&mut *tx, number, refund, why).await {
        Ok(_) => {
            let mail = super::order_mail::OrderMail::Cancelled { refund: due };
            super::order_mail::queue_order_mail(
                &mut tx,
                &state.public_url,
                &state.commerce.signer,
                number,
                mail,
            )
            .await?;
            Ok(tx.commit().await?)
        }
        Err(error) => transition_failed(locale, error),
    }
}

#[server(endpoint = "orders/cancel")]
pub async fn cancel_order(lang: String, number: String, key: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let Some(order) = visible_order(&number, &key).await? else {
        return Err(AppError::not_found());
    };
    let user = crate::auth::current_user();
    let why = Why {
        actor: Actor::Customer,
        user_id: user.map(|u| u.user_id),
        note: None,
    };
    cancel_order_as(&support::state(), locale, &order.number, &why, None).await?;
    let signer = &support::state().commerce.signer;
    support::redirect(&format!(
        "{}&cancelled=1",
        order_path(locale, &order.number, signer)
    ));
    Ok(())
}

/// Another go at paying by card (after a decline, or when the provider was down).
#[server(endpoint = "orders/pay")]
pub async fn pay_order(lang: String, number: String, key: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let Some(order) = visible_order(&number, &key).await? else {
        return Err(AppError::not_found());
    };
    match start_card_payment(locale, &order.number).await? {
        Some(url) => {
            support::redirect(&url);
            Ok(())
        }
        None => Err(FormCheck::new(locale)
            .message("order-pay-unavailable")
            .into_error()
            .with_kind(ErrorKind::Unavailable)),
    }
}

/// A refund through the provider for card orders, recorded as manual for cash.
#[cfg(feature = "ssr")]
pub(crate) async fn refund_as(
    locale: Locale,
    number: &OrderNumber,
    amount: Money,
    why: &Why<'_>,
    admin: &support::AdminWrite,
) -> Result<(), AppError> {
    use dokkan_payments::{PaymentProvider as _, RefundOutcome, RefundRequest};
    let state = support::state();
    let order = orders::order_by_number(&state.pool, number)
        .await?
        .ok_or(AppError::not_found())?;
    let left = order.totals.total.minor() - order.refunded.minor();
    if !order.paid || amount.minor() <= 0 || amount.minor() > left {
        return transition_failed(locale, TransitionError::RefundAmount);
    }
    // Ask the state machine before any money moves: the provider's refund cannot be
    // taken back if the order then refuses the transition.
    if let Err(illegal) = order.status.apply(OrderEvent::Refund {
        full: amount.minor() == left,
    }) {
        return transition_failed(locale, illegal.into());
    }
    let (method, reference) = match (order.payment_method, state.commerce.card.as_ref()) {
        (dokkan_payments::PaymentMethod::Card, Some(card)) => {
            let session = orders::paid_session(&state.pool, number).await?;
            let request = RefundRequest {
                session_id: session,
                reference: number.as_str().to_string(),
                amount,
                idempotency_key: format!("refund-{}-{}", number.as_str(), order.refunded.minor()),
            };
            match card.refund(&request).await {
                Ok(RefundOutcome::Refunded { refund_id }) => ("provider", Some(refund_id)),
                Ok(RefundOutcome::Manual) => ("manual", None),
                Err(error) => {
                    tracing::warn!(%error, order = %number, "refund failed");
                    return Err(FormCheck::new(locale)
                        .message("order-refund-failed")
                        .into_error()
                        .with_kind(ErrorKind::Unavailable));
                }
            }
        }
        _ => ("manual", None),
    };
    let mut tx = admin.begin().await?;
    match orders::record_refund(&mut *tx, number, amount, method, reference.as_deref(), why).await {
        Ok(_) => {
            let mail = super::order_mail::OrderMail::Refunded { amount };
            super::order_mail::queue(&mut tx, number, mail).await?;
            Ok(tx.commit().await?)
        }
        Err(error) => transition_failed(locale, error),
    }
}
