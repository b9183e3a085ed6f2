//! The hosted card provider: its HTTP API client and its webhooks.
//!
//! The contract (which [`crate::fake`] implements too):
//!
//! - `POST {base}/v1/sessions`, `Authorization: Bearer <api key>`, JSON
//!   `{"reference","amount_minor","currency","description","locale","return_url","cancel_url"}`
//!   → `200`/`201` `{"id","url"}`: send the browser to `url`.
//! - `POST {base}/v1/refunds`, bearer, header `Idempotency-Key`, JSON
//!   `{"session_id","reference","amount_minor","currency","idempotency_key"}`
//!   → `{"id","status":"succeeded"}`.
//! - Errors: `402`/`409`/`422` are final refusals ([`PaymentError::Declined`]); anything
//!   else, and network failures, are [`PaymentError::Unavailable`] (safe to retry: refunds
//!   carry an idempotency key).
//! - Webhooks: `POST` to the shop, body
//!   `{"id":"evt_…","type":"payment.succeeded"|"payment.failed"|"refund.succeeded",
//!   "data":{"session_id","reference","amount_minor","currency"}}`, signed as
//!   [`crate::signature`] describes.

use crate::{
    signature, CheckoutRequest, PaymentError, PaymentMethod, PaymentProvider, PaymentStart,
    RefundOutcome, RefundRequest,
};
use dokkan_core::{Currency, Money};
use futures::future::BoxFuture;
use serde::{Deserialize, Serialize};
use std::{fmt, time::Duration};

/// Where the provider is and the two secrets it shares with the shop.
#[derive(Clone, PartialEq, Eq)]
pub struct CardConfig {
    /// E.g. `https://api.provider.example` (no trailing slash needed).
    pub base_url: String,
    /// Sent as `Authorization: Bearer …` on every API call.
    pub api_key: String,
    /// Keys the HMAC of the webhook signatures.
    pub webhook_secret: Vec<u8>,
}

impl fmt::Debug for CardConfig {
    /// Never prints the key or the secret (configs end up in logs).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CardConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("webhook_secret", &"<redacted>")
            .finish()
    }
}

/// Card payments on the provider's hosted page.
#[derive(Debug, Clone)]
pub struct HostedCard {
    config: CardConfig,
    http: reqwest::Client,
}

/// Every call to the provider gives up after this long.
const TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Serialize)]
struct SessionBody<'a> {
    reference: &'a str,
    amount_minor: i64,
    currency: &'static str,
    description: &'a str,
    locale: &'static str,
    return_url: &'a str,
    cancel_url: &'a str,
}

#[derive(Deserialize)]
struct SessionAnswer {
    id: String,
    url: String,
}

#[derive(Serialize)]
struct RefundBody<'a> {
    session_id: Option<&'a str>,
    reference: &'a str,
    amount_minor: i64,
    currency: &'static str,
    idempotency_key: &'a str,
}

#[derive(Deserialize)]
struct RefundAnswer {
    id: String,
    status: String,
}

impl HostedCard {
    /// A client with a 10-second timeout per call.
    ///
    /// # Panics
    /// Only if the HTTP client cannot be built at all (as `reqwest::Client::new` would).
    pub fn new(config: CardConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(TIMEOUT)
            .build()
            .expect("an HTTP client without TLS options always builds");
        HostedCard { config, http }
    }

    pub fn config(&self) -> &CardConfig {
        &self.config
    }

    fn endpoint(&self, path: &str) -> String {
        format!("{}{path}", self.config.base_url.trim_end_matches('/'))
    }

    /// Checks a webhook delivery's signature, then reads its event. See [`parse_webhook`].
    pub fn parse_webhook(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
        now: i64,
    ) -> Result<WebhookEvent, PaymentError> {
        parse_webhook(&self.config.webhook_secret, headers, body, now)
    }

    async fn post<T: serde::de::DeserializeOwned>(
        &self,
        request: reqwest::RequestBuilder,
        what: &str,
    ) -> Result<T, PaymentError> {
        let response = request
            .bearer_auth(&self.config.api_key)
            .send()
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "{what}: card provider unreachable");
                PaymentError::Unavailable(format!("{what}: provider unreachable"))
            })?;
        let status = response.status();
        if status.is_success() {
            return response.json::<T>().await.map_err(|e| {
                tracing::warn!(error = %e, "{what}: unreadable answer from the card provider");
                PaymentError::Unavailable(format!("{what}: unreadable answer"))
            });
        }
        let text = response.text().await.unwrap_or_default();
        let reason = error_message(&text).unwrap_or_else(|| status.to_string());
        match status.as_u16() {
            402 | 409 | 422 => Err(PaymentError::Declined(reason)),
            _ => {
                tracing::warn!(%status, %reason, "{what}: card provider failed");
                Err(PaymentError::Unavailable(format!("{what}: {status}")))
            }
        }
    }
}

/// The provider's explanation in an error body: `{"error":"…"}`,
/// `{"error":{"message":"…"}}` or `{"message":"…"}`.
fn error_message(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let text = value
        .get("error")
        .and_then(|e| e.as_str().or_else(|| e.get("message")?.as_str()))
        .or_else(|| value.get("message")?.as_str())?;
    Some(text.chars().take(200).collect())
}

impl PaymentProvider for HostedCard {
    fn method(&self) -> PaymentMethod {
        PaymentMethod::Card
    }

    fn start<'a>(
        &'a self,
        request: &'a CheckoutRequest,
    ) -> BoxFuture<'a, Result<PaymentStart, PaymentError>> {
        Box::pin(async move {
            let body = SessionBody {
                reference: &request.reference,
                amount_minor: request.amount.minor(),
                currency: request.amount.currency().code(),
                description: &request.description,
                locale: request.locale.as_str(),
                return_url: &request.return_url,
                cancel_url: &request.cancel_url,
            };
            let call = self.http.post(self.endpoint("/v1/sessions")).json(&body);
            let answer: SessionAnswer = self.post(call, "create session").await?;
            Ok(PaymentStart::Redirect {
                session_id: answer.id,
                url: answer.url,
            })
        })
    }

    fn refund<'a>(
        &'a self,
        request: &'a RefundRequest,
    ) -> BoxFuture<'a, Result<RefundOutcome, PaymentError>> {
        Box::pin(async move {
            let body = RefundBody {
                session_id: request.session_id.as_deref(),
                reference: &request.reference,
                amount_minor: request.amount.minor(),
                currency: request.amount.currency().code(),
                idempotency_key: &request.idempotency_key,
            };
            let call = self
                .http
                .post(self.endpoint("/v1/refunds"))
                .header("Idempotency-Key", &request.idempotency_key)
                .json(&body);
            let answer: RefundAnswer = self.post(call, "refund").await?;
            if answer.status == "succeeded" {
                Ok(RefundOutcome::Refunded {
                    refund_id: answer.id,
                })
            } else {
                // Not final yet: retrying with the same idempotency key is safe.
                Err(PaymentError::Unavailable(format!(
                    "refund {} is {}",
                    answer.id, answer.status
                )))
            }
        })
    }
}

/// What a webhook says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebhookKind {
    PaymentSucceeded,
    PaymentFailed,
    RefundSucceeded,
}

impl WebhookKind {
    pub const ALL: [WebhookKind; 3] = [
        WebhookKind::PaymentSucceeded,
        WebhookKind::PaymentFailed,
        WebhookKind::RefundSucceeded,
    ];

    /// The event's `type`: `payment.succeeded`, `payment.failed`, `refund.succeeded`.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookKind::PaymentSucceeded => "payment.succeeded",
            WebhookKind::PaymentFailed => "payment.failed",
            WebhookKind::RefundSucceeded => "refund.succeeded",
        }
    }

    pub fn parse(text: &str) -> Option<WebhookKind> {
        WebhookKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// A verified webhook event. Its amount and currency are still the provider's claim:
/// compare them with the order, and skip an `id` already recorded, in the same transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    /// `evt_…`, unique per event; repeated on a redelivery.
    pub id: String,
    pub kind: WebhookKind,
    pub session_id: String,
    /// The order number given when the session was created.
    pub reference: String,
    /// Paid, or for [`WebhookKind::RefundSucceeded`] refunded, by this event.
    pub amount: Money,
}

#[derive(Deserialize)]
struct Envelope {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: serde_json::Value,
}

#[derive(Deserialize)]
struct EventData {
    session_id: String,
    reference: String,
    amount_minor: i64,
    currency: String,
}

/// Checks the [`signature::HEADER`] of a delivery against the raw `body` at `now` (unix
/// seconds), then reads the event.
///
/// Errors: no or unreadable header → `Signature(Malformed)`; a bad signature →
/// `Signature(_)`; an event type this shop does not handle → `UnknownEvent` (answer it
/// with 2xx so the provider stops retrying); anything else wrong with the JSON, or an
/// unknown currency → `BadPayload`.
pub fn parse_webhook(
    secret: &[u8],
    headers: &http::HeaderMap,
    body: &[u8],
    now: i64,
) -> Result<WebhookEvent, PaymentError> {
    let header = headers
        .get(signature::HEADER)
        .and_then(|value| value.to_str().ok())
        .ok_or(signature::SignatureError::Malformed)?;
    signature::verify(secret, header, body, now)?;

    let envelope: Envelope = serde_json::from_slice(body).map_err(|e| {
        tracing::warn!(error = %e, "signed webhook is not an event");
        PaymentError::BadPayload
    })?;
    let kind = WebhookKind::parse(&envelope.kind).ok_or(PaymentError::UnknownEvent)?;
    let data: EventData = serde_json::from_value(envelope.data).map_err(|e| {
        tracing::warn!(error = %e, event = %envelope.id, "signed webhook has bad data");
        PaymentError::BadPayload
    })?;
    let currency = Currency::from_code(&data.currency).ok_or(PaymentError::BadPayload)?;
    if envelope.id.is_empty() || data.session_id.is_empty() {
        return Err(PaymentError::BadPayload);
    }
    Ok(WebhookEvent {
        id: envelope.id,
        kind,
        session_id: data.session_id,
        reference: data.reference,
        amount: Money::new(data.amount_minor, currency),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::signature::{sign, SignatureError, HEADER};
    use http::{HeaderMap, HeaderValue};

    const SECRET: &[u8] = b"whsec_unit";
    const NOW: i64 = 1_767_225_600;

    fn signed(body: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            HEADER,
            HeaderValue::from_str(&sign(SECRET, NOW, body.as_bytes())).unwrap(),
        );
        headers
    }

    fn event(kind: &str, currency: &str) -> String {
        format!(
            r#"{{"id":"evt_1","type":"{kind}","data":{{"session_id":"cs_1","reference":"DK-48302917","amount_minor":125000,"currency":"{currency}"}}}}"#
        )
    }

    #[test]
    fn config_debug_hides_secrets() {
        let config = CardConfig {
            base_url: "https://pay.example".into(),
            api_key: "sk_live_SUPERSECRET".into(),
            webhook_secret: b"whsec_HIDDEN".to_vec(),
        };
        let card = HostedCard::new(config.clone());
        for text in [
            format!("{config:?}"),
            format!("{card:?}"),
            format!("{config:#?}"),
        ] {
            assert!(text.contains("https://pay.example"), "{text}");
            assert!(!text.contains("SUPERSECRET"), "{text}");
            assert!(!text.contains("HIDDEN"), "{text}");
            // Not as bytes either.
            assert!(!text.contains("119, 104, 115"), "{text}");
        }
    }

    #[test]
    fn reads_each_kind() {
        for kind in WebhookKind::ALL {
            let body = event(kind.as_str(), "EGP");
            let parsed = parse_webhook(SECRET, &signed(&body), body.as_bytes(), NOW).unwrap();
            assert_eq!(
                parsed,
                WebhookEvent {
                    id: "evt_1".into(),
                    kind,
                    session_id: "cs_1".into(),
                    reference: "DK-48302917".into(),
                    amount: Money::egp(125_000),
                }
            );
        }
    }

    #[test]
    fn refuses_what_it_cannot_trust_or_read() {
        let body = event("payment.succeeded", "EGP");
        assert_eq!(
            parse_webhook(SECRET, &HeaderMap::new(), body.as_bytes(), NOW),
            Err(PaymentError::Signature(SignatureError::Malformed))
        );
        assert_eq!(
            parse_webhook(b"other", &signed(&body), body.as_bytes(), NOW),
            Err(PaymentError::Signature(SignatureError::Mismatch))
        );
        assert_eq!(
            parse_webhook(SECRET, &signed(&body), body.as_bytes(), NOW + 301),
            Err(PaymentError::Signature(SignatureError::OutsideTolerance))
        );
        let unknown = event("customer.created", "EGP");
        assert_eq!(
            parse_webhook(SECRET, &signed(&unknown), unknown.as_bytes(), NOW),
            Err(PaymentError::UnknownEvent)
        );
        let dollars = event("payment.succeeded", "USD");
        assert_eq!(
            parse_webhook(SECRET, &signed(&dollars), dollars.as_bytes(), NOW),
            Err(PaymentError::BadPayload)
        );
        for bad in [
            "not json",
            "{}",
            r#"{"id":"evt_1","type":"payment.succeeded"}"#,
            r#"{"id":"evt_1","type":"payment.succeeded","data":{"session_id":"cs_1"}}"#,
            r#"{"id":"evt_1","type":"payment.succeeded","data":{"session_id":"cs_1","reference":"DK-1","amount_minor":"12","currency":"EGP"}}"#,
        ] {
            assert_eq!(
                parse_webhook(SECRET, &signed(bad), bad.as_bytes(), NOW),
                Err(PaymentError::BadPayload),
                "{bad}"
            );
        }
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            error_message(r#"{"error":"too much"}"#).as_deref(),
            Some("too much")
        );
        assert_eq!(
            error_message(r#"{"error":{"message":"nested"}}"#).as_deref(),
            Some("nested")
        );
        assert_eq!(
            error_message(r#"{"message":"flat"}"#).as_deref(),
            Some("flat")
        );
        assert_eq!(error_message("<html>"), None);
    }

    #[test]
    fn endpoints_ignore_a_trailing_slash() {
        let card = HostedCard::new(CardConfig {
            base_url: "http://127.0.0.1:3000/fake-provider/".into(),
            api_key: String::new(),
            webhook_secret: Vec::new(),
        });
        assert_eq!(
            card.endpoint("/v1/sessions"),
            "http://127.0.0.1:3000/fake-provider/v1/sessions"
        );
    }
}
