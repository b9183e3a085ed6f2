//! How a shopper pays: cash on delivery, or a card on a page the card provider hosts.
//!
//! # Why the card form is not ours
//!
//! Card numbers never reach the shop. Checkout asks the provider for a *session*
//! ([`PaymentProvider::start`]), sends the shopper's browser to the provider's hosted page,
//! and the provider sends the browser back afterwards. Because the shop's pages and
//! servers never see, store or forward card data, the shop stays in the smallest PCI DSS
//! scope (SAQ-A): there is no card form of our own to secure, audit or leak.
//!
//! # What the shop believes
//!
//! Only the provider's **signed webhook** says that an order is paid
//! ([`signature`], [`HostedCard::parse_webhook`]). The return URL the browser lands on
//! afterwards proves nothing — anyone can type it — so the shop treats it as "the
//! shopper is back", shows the order's state as the webhooks left it, and never marks an
//! order paid because of it. Checking the webhook's amount and currency against the order
//! and ignoring a repeated event id are the caller's job, in the same SQL transaction that
//! records the payment.
//!
//! # Features
//!
//! - none: the pure types ([`PaymentMethod`]), which also compile to WASM for the browser;
//! - `ssr`: webhook signatures, the [`PaymentProvider`] trait, [`CashOnDelivery`] and the
//!   [`HostedCard`] client;
//! - `fake`: [`fake`], a local card provider that speaks the same HTTP contract, so
//!   development and browser tests run the whole card flow offline.

mod method;

pub use method::{ParsePaymentMethodError, PaymentMethod};

#[cfg(feature = "ssr")]
pub mod signature;

#[cfg(feature = "ssr")]
mod provider;
#[cfg(feature = "ssr")]
pub use provider::{
    CashOnDelivery, CheckoutRequest, PaymentError, PaymentProvider, PaymentStart, RefundOutcome,
    RefundRequest,
};

#[cfg(feature = "ssr")]
mod card;
#[cfg(feature = "ssr")]
pub use card::{parse_webhook, CardConfig, HostedCard, WebhookEvent, WebhookKind};

#[cfg(feature = "fake")]
pub mod fake;
