//! The provider abstraction: one implementation per [`PaymentMethod`].
//!
//! The trait is object safe (futures are boxed), so the server can keep an
//! `Arc<dyn PaymentProvider>` per method and pick one by what the shopper chose.

use crate::{signature::SignatureError, PaymentMethod};
use dokkan_core::{Locale, Money};
use futures::future::BoxFuture;

/// What checkout asks a provider for, once the order exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckoutRequest {
    /// The order number the shopper sees, e.g. `DK-48302917`.
    pub reference: String,
    pub amount: Money,
    /// One line for the hosted page, e.g. "Dokkan order DK-48302917".
    pub description: String,
    /// The hosted page's language.
    pub locale: Locale,
    /// Absolute URL the browser is sent back to. Landing there proves nothing: only the
    /// signed webhook marks the order paid.
    pub return_url: String,
    /// Absolute URL for "cancel and go back to the shop".
    pub cancel_url: String,
}

/// What checkout does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentStart {
    /// Nothing to do online now (cash on delivery): show the confirmation.
    Completed,
    /// Send the browser to `url`, the provider's hosted page for session `session_id`.
    Redirect { session_id: String, url: String },
}

/// Money handed back to the shopper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundRequest {
    /// The card session that took the money; `None` for cash on delivery.
    pub session_id: Option<String>,
    /// The order number.
    pub reference: String,
    pub amount: Money,
    /// The same key for a retried request: the provider refunds at most once per key.
    pub idempotency_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundOutcome {
    /// Only recorded: staff hand the cash back.
    Manual,
    /// The provider accepted the refund.
    Refunded { refund_id: String },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PaymentError {
    #[error("webhook signature refused: {0}")]
    Signature(#[from] SignatureError),
    #[error("webhook payload is not a valid event")]
    BadPayload,
    #[error("webhook event type is not one we handle")]
    UnknownEvent,
    /// The provider refused the request for good (e.g. amount above what is refundable).
    #[error("payment provider declined: {0}")]
    Declined(String),
    /// The provider could not be reached or failed; retrying later may work.
    #[error("payment provider unavailable: {0}")]
    Unavailable(String),
}

/// A way to take and give back money. Object safe: hold it as `Arc<dyn PaymentProvider>`.
pub trait PaymentProvider: Send + Sync {
    fn method(&self) -> PaymentMethod;

    /// Begins paying for an order that has just been placed.
    fn start<'a>(
        &'a self,
        request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<PaymentStart, PaymentError>>;

    /// Gives back (part of) what was paid.
    fn refund<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<RefundOutcome, PaymentError>>;
}

/// Cash on delivery: nothing happens online, in either direction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CashOnDelivery;

impl PaymentProvider for CashOnDelivery {
    fn method(&self) -> PaymentMethod {
        PaymentMethod::CashOnDelivery
    }

    fn start<'a>(
        &'a self,
        _request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<PaymentStart, PaymentError>> {
        Box::pin(async { Ok(PaymentStart::Completed) })
    }

    fn refund<'a>(
        &'a self,
        _request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<RefundOutcome, PaymentError>> {
        Box::pin(async { Ok(RefundOutcome::Manual) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn cash_on_delivery_does_nothing_online() {
        let provider: Arc<dyn PaymentProvider> = Arc::new(CashOnDelivery);
        assert_eq!(provider.method(), PaymentMethod::CashOnDelivery);
        let checkout = CheckoutRequest {
            reference: "DK-48302917".into(),
            amount: Money::egp(125_000),
            description: "Dokkan order DK-48302917".into(),
            locale: Locale::Ar,
            return_url: "http://127.0.0.1:3000/ar/orders/DK-48302917".into(),
            cancel_url: "http://127.0.0.1:3000/ar/cart".into(),
        };
        let refund = RefundRequest {
            session_id: None,
            reference: "DK-48302917".into(),
            amount: Money::egp(1_000),
            idempotency_key: "refund-1".into(),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            assert_eq!(provider.start(&checkout).await, Ok(PaymentStart::Completed));
            assert_eq!(provider.refund(&refund).await, Ok(RefundOutcome::Manual));
        });
    }
}
