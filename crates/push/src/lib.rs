//! Web push for order updates (RFC 8030 delivery, RFC 8291 `aes128gcm` encryption, RFC
//! 8292 VAPID).
//!
//! A shopper opts in from the order page or the account page; the browser's subscription
//! (endpoint and keys) is stored for the signed-in account or for one guest order
//! ([`db::subscribe`]). When an order moves to a status the customer hears about
//! ([`OrderUpdate`]), the orders crate calls [`db::enqueue_order_update`] inside the
//! transaction that moves it: one `push_outbox` row per subscription, so a message exists
//! exactly when the move committed. The worker ([`worker::spawn_worker`]) claims due rows
//! in a committed statement before sending, encrypts the [`Payload`] to the subscription's
//! keys, signs a VAPID token with the install's key ([`db::vapid_key`], created on first
//! start and kept in `app_secrets`) and posts it. A 404/410 answer deletes the
//! subscription; 429/5xx and network failures are retried with backoff.
//!
//! Endpoints are URLs the server will call, handed to it by a browser: only `https` URLs
//! of known push services pass [`EndpointPolicy`] (plus loopback in development and
//! tests), so a customer cannot make the server call an internal address.
//!
//! The rules here (endpoint policy, keys, payload) compile anywhere; the key, the crypto,
//! the SQL and the HTTP client are behind the `ssr` feature.

mod endpoint;
mod keys;
mod message;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ece;
#[cfg(feature = "ssr")]
pub mod send;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "ssr")]
pub mod vapid;
#[cfg(feature = "ssr")]
pub mod worker;

pub use endpoint::{Endpoint, EndpointPolicy, InvalidEndpoint};
pub use keys::{ClientKeys, InvalidKeys};
pub use message::{OrderUpdate, Payload};

/// What can go wrong below the HTTP layer.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[cfg(feature = "ssr")]
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("stored data breaks a rule: {0}")]
    Corrupt(String),
    #[cfg(feature = "ssr")]
    #[error(transparent)]
    Encryption(#[from] ece::EceError),
    #[cfg(feature = "ssr")]
    #[error("VAPID token: {0}")]
    Vapid(String),
}

/// Base64url without padding, the encoding of every key in web push.
#[cfg(any(feature = "ssr", test))]
pub(crate) fn b64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Base64url with or without padding (browsers send it unpadded; some libraries pad).
pub(crate) fn unb64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text.trim().trim_end_matches('='))
        .ok()
}
