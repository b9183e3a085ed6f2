//! A push service for tests (feature `testing`): an HTTP server on `127.0.0.1:0` playing
//! a browser's push service. It holds the subscription's private key and auth secret,
//! checks each message's VAPID token (ES256 against the key the shop serves, audience its
//! own origin, not expired) and decrypts the payload, as a real browser and push service
//! would. Its answers can be scripted (`201` by default) to test the outbox's reactions.

use crate::{ece, Payload};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Router,
};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::SecretKey;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request the receiver got, checked.
#[derive(Debug, Clone)]
pub struct Received {
    /// The endpoint's path (`/push/<name>`).
    pub path: String,
    pub headers: HeaderMap,
    /// The decrypted notification, or why it could not be read.
    pub payload: Result<Payload, String>,
    /// The VAPID check: `Ok(public key)` when the token verified with the `k` it names,
    /// its audience is this receiver's origin and it is not expired.
    pub vapid: Result<String, String>,
    /// The status the receiver answered.
    pub answered: u16,
}

#[derive(Default)]
struct Inner {
    received: Vec<Received>,
    script: VecDeque<(u16, Option<u64>)>,
}

/// A running receiver.
#[derive(Clone)]
pub struct Receiver {
    origin: String,
    secret: SecretKey,
    auth: [u8; 16],
    inner: Arc<Mutex<Inner>>,
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let origin = format!("http://{}", listener.local_addr().expect("an address"));
        let mut auth = [0u8; 16];
        use p256::elliptic_curve::rand_core::RngCore as _;
        aes_gcm::aead::OsRng.fill_bytes(&mut auth);
        let receiver = Receiver {
            origin,
            secret: SecretKey::random(&mut aes_gcm::aead::OsRng),
            auth,
            inner: Arc::default(),
        };
        let app = Router::new()
            .route("/push/{name}", post(accept))
            .with_state(receiver.clone());
        tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("the receiver serves");
        });
        receiver
    }

    /// `http://127.0.0.1:<port>`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// An endpoint of this receiver, as a browser would hand it out.
    pub fn endpoint(&self, name: &str) -> String {
        format!("{}/push/{name}", self.origin)
    }

    /// The subscription's `keys` as `PushSubscription.toJSON()` gives them.
    pub fn p256dh(&self) -> String {
        crate::b64(self.secret.public_key().to_encoded_point(false).as_bytes())
    }

    pub fn auth(&self) -> String {
        crate::b64(&self.auth)
    }

    /// The next answers, in order (status, `Retry-After` seconds); `201` once they run out.
    pub fn answer(&self, answers: &[(u16, Option<u64>)]) {
        self.inner
            .lock()
            .expect("receiver lock")
            .script
            .extend(answers.iter().copied());
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.lock().expect("receiver lock").received.clone()
    }

    /// Waits up to `timeout` for at least `count` messages.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count || tokio::time::Instant::now() >= deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    fn check_vapid(&self, headers: &HeaderMap) -> Result<String, String> {
        let header = headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .ok_or("no Authorization header")?;
        let rest = header.strip_prefix("vapid ").ok_or("not a vapid scheme")?;
        let mut token = None;
        let mut key = None;
        for part in rest.split(',') {
            let part = part.trim();
            if let Some(t) = part.strip_prefix("t=") {
                token = Some(t);
            } else if let Some(k) = part.strip_prefix("k=") {
                key = Some(k);
            }
        }
        let (token, key) = (token.ok_or("no t=")?, key.ok_or("no k=")?);
        let point = crate::unb64(key).ok_or("k is not base64url")?;
        if point.len() != 65 || point[0] != 4 {
            return Err("k is not an uncompressed P-256 point".into());
        }
        let decoding =
            DecodingKey::from_ec_components(&crate::b64(&point[1..33]), &crate::b64(&point[33..]))
                .map_err(|e| e.to_string())?;
        let mut validation = Validation::new(Algorithm::ES256);
        validation.set_audience(&[self.origin.as_str()]);
        validation.set_required_spec_claims(&["exp", "aud", "sub"]);
        validation.leeway = 0;
        let claims = jsonwebtoken::decode::<serde_json::Value>(token, &decoding, &validation)
            .map_err(|e| format!("token refused: {e}"))?
            .claims;
        let exp = claims["exp"].as_u64().ok_or("exp is not a number")?;
        if exp > crate::vapid::now() + 24 * 3600 {
            return Err("exp is more than 24 hours away (RFC 8292)".into());
        }
        Ok(key.to_string())
    }
}

async fn accept(
    State(receiver): State<Receiver>,
    Path(name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let vapid = receiver.check_vapid(&headers);
    let encoding_ok = headers
        .get("content-encoding")
        .is_some_and(|v| v == "aes128gcm");
    let payload = if encoding_ok {
        ece::decrypt(&body, &receiver.secret, &receiver.auth)
            .map_err(|e| e.to_string())
            .and_then(|plain| serde_json::from_slice::<Payload>(&plain).map_err(|e| e.to_string()))
    } else {
        Err("Content-Encoding is not aes128gcm".into())
    };
    let mut inner = receiver.inner.lock().expect("receiver lock");
    let (status, retry_after) = inner.script.pop_front().unwrap_or((201, None));
    inner.received.push(Received {
        path: format!("/push/{name}"),
        headers: headers.clone(),
        payload,
        vapid,
        answered: status,
    });
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match retry_after {
        Some(secs) => (status, [("retry-after", secs.to_string())]).into_response(),
        None => status.into_response(),
    }
}
