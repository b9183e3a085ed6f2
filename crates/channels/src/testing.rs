//! A fake of the three channel APIs for tests (feature `testing`): an HTTP server on
//! `127.0.0.1:0` that takes the send requests [`crate::outbound`] makes, at the same
//! paths, checks their tokens (Telegram's in the path, the Graph API's as a bearer
//! header) and their JSON shape, and records each message it accepted. Its answers can be
//! scripted (a 500 to test retries, a 400 to test refusals).

use crate::outbound::{ChannelApi, Sender};
use crate::{text_len, Channel};
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The bot token the fake expects in Telegram paths.
pub const TELEGRAM_TOKEN: &str = "123456:TEST-telegram-token";
/// The access token the fake expects from WhatsApp and Messenger requests.
pub const GRAPH_TOKEN: &str = "EAAG-test-graph-token";
/// The WhatsApp phone number id [`FakeChannels::apis`] configures.
pub const PHONE_NUMBER_ID: &str = "100200300";

/// One message the fake accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    pub channel: Channel,
    /// Telegram `chat_id` (as text), WhatsApp `to`, Messenger `recipient.id`.
    pub recipient: String,
    pub text: String,
    /// WhatsApp: the phone number id in the path. `None` elsewhere.
    pub via: Option<String>,
}

#[derive(Default)]
struct Inner {
    delivered: Vec<Received>,
    /// Why requests were refused for a bad token or shape (tests assert it stays empty).
    rejected: Vec<String>,
    requests: usize,
    script: VecDeque<u16>,
}

/// A running fake; clones share it.
#[derive(Clone)]
pub struct FakeChannels {
    base_url: String,
    inner: Arc<Mutex<Inner>>,
}

impl FakeChannels {
    pub async fn start() -> FakeChannels {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a loopback port");
        let base_url = format!("http://{}", listener.local_addr().expect("an address"));
        let fake = FakeChannels {
            base_url,
            inner: Arc::default(),
        };
        // One pattern for both: the router does not allow two parameter names in the
        // same position.
        let app = Router::new()
            .route("/{id}/sendMessage", post(telegram))
            .route("/{id}/messages", post(graph))
            .with_state(fake.clone());
        tokio::spawn(async move {
            axum::serve(listener, app)
                .await
                .expect("the fake channels serve");
        });
        fake
    }

    /// `http://127.0.0.1:<port>`: the `base_url` of every channel.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The three channels configured against this fake, with the right tokens.
    pub fn apis(&self) -> Vec<ChannelApi> {
        vec![
            ChannelApi::new(Channel::Telegram, &self.base_url, TELEGRAM_TOKEN),
            ChannelApi::new(Channel::WhatsApp, &self.base_url, GRAPH_TOKEN)
                .with_phone_number_id(PHONE_NUMBER_ID),
            ChannelApi::new(Channel::Messenger, &self.base_url, GRAPH_TOKEN),
        ]
    }

    /// A [`Sender`] for [`FakeChannels::apis`].
    pub fn sender(&self) -> Sender {
        Sender::new(self.apis())
    }

    /// The next `n` well-formed requests are answered 500 (and not recorded).
    pub fn fail_next(&self, n: usize) {
        self.answer_next(&vec![500; n]);
    }

    /// The next well-formed requests are answered with these statuses, in order; a 2xx
    /// accepts the message. Once the script runs out every request is accepted.
    pub fn answer_next(&self, statuses: &[u16]) {
        self.lock().script.extend(statuses.iter().copied());
    }

    /// Every accepted message, in arrival order.
    pub fn received(&self) -> Vec<Received> {
        self.lock().delivered.clone()
    }

    /// How many requests arrived (accepted, scripted failures and rejections).
    pub fn requests(&self) -> usize {
        self.lock().requests
    }

    /// Why requests were refused for a wrong token or body (empty when all was right).
    pub fn rejected(&self) -> Vec<String> {
        self.lock().rejected.clone()
    }

    /// Waits up to `timeout` for at least `count` accepted messages; returns them all.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count || tokio::time::Instant::now() >= deadline {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().expect("fake channels lock")
    }

    /// Records a request and decides its answer: refused (bad token or shape), a
    /// scripted status, or accepted.
    fn answer(
        &self,
        channel: Channel,
        checked: Result<Received, (StatusCode, String)>,
    ) -> StatusCode {
        let mut inner = self.lock();
        inner.requests += 1;
        let received = match checked {
            Ok(received) => received,
            Err((status, why)) => {
                inner.rejected.push(format!("{channel}: {why}"));
                return status;
            }
        };
        let status = inner
            .script
            .pop_front()
            .and_then(|s| StatusCode::from_u16(s).ok())
            .unwrap_or(StatusCode::OK);
        if status.is_success() {
            inner.delivered.push(received);
        }
        status
    }
}

async fn telegram(
    State(fake): State<FakeChannels>,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let checked = check_telegram(&id, &body);
    let status = fake.answer(Channel::Telegram, checked);
    let answer = if status.is_success() {
        json!({"ok": true, "result": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}})
    } else {
        json!({"ok": false, "error_code": status.as_u16(), "description": "fake failure"})
    };
    (status, Json(answer)).into_response()
}

async fn graph(
    State(fake): State<FakeChannels>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let channel = if id == "me" {
        Channel::Messenger
    } else {
        Channel::WhatsApp
    };
    let checked = check_bearer(&headers).and_then(|()| match channel {
        Channel::Messenger => check_messenger(&body),
        _ => check_whatsapp(&id, &body),
    });
    let status = fake.answer(channel, checked);
    let answer = if status.is_success() {
        json!({"messaging_product": "whatsapp", "messages": [{"id": "wamid.FAKE"}],
               "recipient_id": "PSID", "message_id": "m_FAKE"})
    } else {
        // Code 2: "temporary service error"; 100: "invalid parameter".
        let code = if status.is_server_error() { 2 } else { 100 };
        json!({"error": {"message": "fake failure", "type": "OAuthException", "code": code}})
    };
    (status, Json(answer)).into_response()
}

type Checked = Result<Received, (StatusCode, String)>;

fn bad(why: impl Into<String>) -> (StatusCode, String) {
    (StatusCode::BAD_REQUEST, why.into())
}

fn check_telegram(id: &str, body: &[u8]) -> Checked {
    if id != format!("bot{TELEGRAM_TOKEN}") {
        return Err((
            StatusCode::UNAUTHORIZED,
            "wrong bot token in the path".into(),
        ));
    }
    let body: Value = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
    let recipient = match &body["chat_id"] {
        Value::Number(n) if n.is_i64() => n.to_string(),
        Value::String(s) if !s.is_empty() => s.clone(),
        _ => return Err(bad("chat_id is not an integer or a string")),
    };
    let text = text(&body["text"], Channel::Telegram)?;
    Ok(Received {
        channel: Channel::Telegram,
        recipient,
        text,
        via: None,
    })
}

fn check_bearer(headers: &HeaderMap) -> Result<(), (StatusCode, String)> {
    let expected = format!("Bearer {GRAPH_TOKEN}");
    match headers.get("authorization").and_then(|v| v.to_str().ok()) {
        Some(value) if value == expected => Ok(()),
        _ => Err((StatusCode::UNAUTHORIZED, "no or wrong bearer token".into())),
    }
}

fn check_whatsapp(id: &str, body: &[u8]) -> Checked {
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("the phone number id is not numeric"));
    }
    let body: Value = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
    for (field, expected) in [
        ("messaging_product", "whatsapp"),
        ("recipient_type", "individual"),
        ("type", "text"),
    ] {
        if body[field] != expected {
            return Err(bad(format!("{field} is not {expected:?}")));
        }
    }
    if body["text"]["preview_url"] != false {
        return Err(bad("text.preview_url is not false"));
    }
    let recipient = string(&body["to"], "to")?;
    let text = text(&body["text"]["body"], Channel::WhatsApp)?;
    Ok(Received {
        channel: Channel::WhatsApp,
        recipient,
        text,
        via: Some(id.to_owned()),
    })
}

fn check_messenger(body: &[u8]) -> Checked {
    let body: Value = serde_json::from_slice(body).map_err(|e| bad(e.to_string()))?;
    if body["messaging_type"] != "RESPONSE" {
        return Err(bad("messaging_type is not RESPONSE"));
    }
    let recipient = string(&body["recipient"]["id"], "recipient.id")?;
    let text = text(&body["message"]["text"], Channel::Messenger)?;
    Ok(Received {
        channel: Channel::Messenger,
        recipient,
        text,
        via: None,
    })
}

fn string(value: &Value, name: &str) -> Result<String, (StatusCode, String)> {
    match value.as_str() {
        Some(s) if !s.is_empty() => Ok(s.to_owned()),
        _ => Err(bad(format!("{name} is not a non-empty string"))),
    }
}

/// The text, refused when empty or over the channel's limit (as the real APIs do).
fn text(value: &Value, channel: Channel) -> Result<String, (StatusCode, String)> {
    let text = string(value, "text")?;
    if text_len(&text) > channel.max_text_chars() {
        return Err(bad(format!(
            "the text is {} long, over {}",
            text_len(&text),
            channel.max_text_chars()
        )));
    }
    Ok(text)
}
