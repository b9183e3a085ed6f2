//! One push message over HTTP (RFC 8030 section 5): the encrypted payload, a VAPID
//! `Authorization`, and `TTL`, `Urgency` and `Topic` headers; the push service's answer
//! sorted into what the outbox does next.

use crate::{
    db::outbox::Claimed, ece, vapid::VapidKey, ClientKeys, EndpointPolicy, OrderUpdate, Payload,
};
use dokkan_core::Locale;
use std::{fmt, sync::Arc, time::Duration};

/// How long a push service keeps a message for a device that is offline (RFC 8030
/// section 5.2): a day, after which an order update is old news.
pub const TTL_SECS: u32 = 24 * 60 * 60;
/// The whole request, connection included; far below the outbox lease.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The order page's path for a notification (`/{lang}/orders/{number}?key=…`).
pub type OrderLinks = Arc<dyn Fn(Locale, &str) -> String + Send + Sync>;

/// Sends claimed outbox rows.
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    key: VapidKey,
    subject: String,
    policy: EndpointPolicy,
    links: OrderLinks,
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sender")
            .field("key", &self.key)
            .field("subject", &self.subject)
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

/// What to do with a message after one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Accepted (201).
    Sent,
    /// 404 or 410: the subscription expired or was revoked; it is deleted.
    Gone,
    /// 429, 5xx, 408 or no answer: try again later (no sooner than `after` when the push
    /// service said so).
    Retry {
        error: String,
        after: Option<Duration>,
    },
    /// Refused for a reason retrying will not change (400, 401, 403, 413, …).
    Failed(String),
}

impl Sender {
    /// `subject`: the shop's contact for push services (`mailto:` or `https:` URL, the
    /// VAPID `sub` claim); `links`: the order page's path for a locale and order number.
    pub fn new(
        key: VapidKey,
        subject: impl Into<String>,
        policy: EndpointPolicy,
        links: OrderLinks,
    ) -> Sender {
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            // An allowed host must not bounce the request to an address we would refuse.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dokkan/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the push HTTP client builds");
        Sender {
            client,
            key,
            subject: subject.into(),
            policy,
            links,
        }
    }

    pub fn key(&self) -> &VapidKey {
        &self.key
    }

    /// The notification a claimed row stands for.
    pub fn payload(&self, row: &Claimed) -> Result<Payload, String> {
        let update = OrderUpdate::for_status(&row.status)
            .ok_or_else(|| format!("status {:?} is not announced", row.status))?;
        let locale = Locale::from_url_segment(&row.locale)
            .ok_or_else(|| format!("unknown locale {:?}", row.locale))?;
        let url = (self.links)(locale, &row.order_number);
        Ok(Payload::order_update(
            locale,
            &row.order_number,
            update,
            row.tracking_number.as_deref(),
            url,
        ))
    }

    /// One attempt at delivering `row`.
    pub async fn send(&self, row: &Claimed) -> Outcome {
        let Ok(endpoint) = self.policy.check(&row.endpoint) else {
            return Outcome::Failed("the endpoint is not allowed (any more)".into());
        };
        let Ok(keys) = ClientKeys::from_bytes(&row.p256dh, &row.auth) else {
            return Outcome::Failed("the subscription keys are invalid".into());
        };
        let payload = match self.payload(row) {
            Ok(payload) => payload,
            Err(error) => return Outcome::Failed(error),
        };
        let json = serde_json::to_vec(&payload).expect("a payload serializes");
        let body = match ece::encrypt(&json, keys.p256dh(), keys.auth()) {
            Ok(body) => body,
            Err(error) => return Outcome::Failed(error.to_string()),
        };
        let authorization =
            match self
                .key
                .authorization(&endpoint, &self.subject, crate::vapid::now())
            {
                Ok(header) => header,
                Err(error) => return Outcome::Failed(error.to_string()),
            };
        let sent = self
            .client
            .post(endpoint.url().clone())
            .header("TTL", TTL_SECS)
            .header("Urgency", "normal")
            .header("Topic", topic(&row.order_number))
            .header("Content-Encoding", "aes128gcm")
            .header("Content-Type", "application/octet-stream")
            .header("Authorization", authorization)
            .body(body)
            .send()
            .await;
        match sent {
            // The endpoint (a capability) is left out of the error's text.
            Err(error) => Outcome::Retry {
                error: error.without_url().to_string(),
                after: None,
            },
            Ok(response) => {
                let status = response.status().as_u16();
                let after = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .map(Duration::from_secs);
                classify(status, after)
            }
        }
    }
}

/// The outbox's next step for the push service's HTTP status.
pub fn classify(status: u16, after: Option<Duration>) -> Outcome {
    match status {
        200..=299 => Outcome::Sent,
        404 | 410 => Outcome::Gone,
        408 | 429 | 500..=599 => Outcome::Retry {
            error: format!("push service answered {status}"),
            after,
        },
        _ => Outcome::Failed(format!("push service refused the message ({status})")),
    }
}

/// RFC 8030 section 5.4: at most 32 characters of the base64url alphabet. A newer
/// message of the same order replaces one the push service still holds.
fn topic(order_number: &str) -> String {
    format!("order-{order_number}")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_sort_into_outbox_steps() {
        assert_eq!(classify(201, None), Outcome::Sent);
        assert_eq!(classify(404, None), Outcome::Gone);
        assert_eq!(classify(410, None), Outcome::Gone);
        for status in [408, 429, 500, 502, 503] {
            assert!(
                matches!(classify(status, None), Outcome::Retry { .. }),
                "{status}"
            );
        }
        assert_eq!(
            classify(429, Some(Duration::from_secs(60))),
            Outcome::Retry {
                error: "push service answered 429".into(),
                after: Some(Duration::from_secs(60))
            }
        );
        for status in [400, 401, 403, 413, 301] {
            assert!(
                matches!(classify(status, None), Outcome::Failed(_)),
                "{status}"
            );
        }
    }

    #[test]
    fn topics_are_short_and_url_safe() {
        assert_eq!(topic("DK-12345678"), "order-DK-12345678");
        assert!(topic(&"x".repeat(100)).len() <= 32);
        assert_eq!(topic("DK 1/2"), "order-DK12");
    }
}
