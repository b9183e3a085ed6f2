//! Sending a text to a customer on a channel's HTTP API, and sorting the answer into what
//! the outbox does next.
//!
//! The three requests (JSON bodies):
//!
//! - **Telegram** `POST {base}/bot{token}/sendMessage` with `{"chat_id": 1111111, "text":
//!   "…"}`; success is `{"ok": true, "result": {…Message}}`, failure `{"ok": false,
//!   "error_code": 429, "description": "Too Many Requests: retry after 15", "parameters":
//!   {"retry_after": 15}}`. The token is part of the URL, so URLs are never logged and
//!   transport errors are reported without theirs.
//! - **WhatsApp Cloud API** `POST {base}/{phone_number_id}/messages`, `Authorization:
//!   Bearer {token}`, with `{"messaging_product": "whatsapp", "recipient_type":
//!   "individual", "to": "<wa_id>", "type": "text", "text": {"preview_url": false, "body":
//!   "…"}}`; success is `{"messaging_product": "whatsapp", "contacts": […], "messages":
//!   [{"id": "wamid.…"}]}`.
//! - **Messenger Send API** `POST {base}/me/messages` (`me` is the Page the Page access
//!   token belongs to), with `{"recipient": {"id": "<PSID>"}, "messaging_type":
//!   "RESPONSE", "message": {"text": "…"}}`; success is `{"recipient_id": "…",
//!   "message_id": "…"}`. Meta's examples pass the token as an `access_token` parameter;
//!   the Graph API takes the same token as `Authorization: Bearer` (as the WhatsApp
//!   examples on the same host do), which keeps it out of URLs, proxies' logs and error
//!   texts.
//!
//! Graph API failures are `{"error": {"message": "…", "type": "OAuthException", "code":
//! 131056, "error_subcode": …, "is_transient": …, "fbtrace_id": "…"}}`, often with status
//! 400 even for rate limits, so the code decides (see [`GRAPH_TRANSIENT_CODES`]).

use crate::{split_text, Channel};
use serde_json::{json, Value};
use std::{fmt, sync::Arc, time::Duration};

/// The whole request, connection included. A reply can have several parts, each within
/// this; the outbox's lease (2 minutes) is far above what one row can take.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Longest channel error text kept in an [`Outcome`].
const MAX_DETAIL_CHARS: usize = 300;

/// The Bot API's address (the usual `base_url` for Telegram).
pub const TELEGRAM_API: &str = "https://api.telegram.org";
/// The Graph API's address with the version this crate was written against (the usual
/// `base_url` for WhatsApp and Messenger).
pub const GRAPH_API: &str = "https://graph.facebook.com/v21.0";

/// Graph API error codes that mean "not now" rather than "never", even under a 4xx:
/// 1 and 2 (unknown / temporary service error), 4, 17, 32, 341 and 613 (app, user, Page
/// and call rate limits), 1200 (Messenger: temporary send failure), 80007 (WhatsApp
/// Business Account rate limit), 130429 (Cloud API throughput), 131000 (something went
/// wrong), 131016 (service unavailable), 131056 (too many messages to one customer),
/// 133004 (server temporarily unavailable). An answer with `"is_transient": true` is
/// retried too.
pub const GRAPH_TRANSIENT_CODES: &[i64] = &[
    1, 2, 4, 17, 32, 341, 613, 1200, 80007, 130429, 131000, 131016, 131056, 133004,
];

/// How to reach one channel's API.
#[derive(Clone, PartialEq, Eq)]
pub struct ChannelApi {
    pub channel: Channel,
    /// [`TELEGRAM_API`] or [`GRAPH_API`] in production; the fake server in tests.
    pub base_url: String,
    /// Telegram: the bot token; WhatsApp: a system-user access token; Messenger: the Page
    /// access token.
    pub token: String,
    /// WhatsApp: the business phone number to send from when the incoming message did
    /// not say which one it was written to. Unused by the other channels.
    pub phone_number_id: Option<String>,
}

impl ChannelApi {
    pub fn new(channel: Channel, base_url: impl Into<String>, token: impl Into<String>) -> Self {
        ChannelApi {
            channel,
            base_url: base_url.into(),
            token: token.into(),
            phone_number_id: None,
        }
    }

    pub fn with_phone_number_id(mut self, id: impl Into<String>) -> Self {
        self.phone_number_id = Some(id.into());
        self
    }

    fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

impl fmt::Debug for ChannelApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ChannelApi")
            .field("channel", &self.channel)
            .field("base_url", &self.base_url)
            .field("token", &"<redacted>")
            .field("phone_number_id", &self.phone_number_id)
            .finish()
    }
}

/// What one attempt at a message came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The channel took it (every part, for a split text).
    Sent,
    /// Try again later: no answer, a timeout, 429, 5xx, or a Graph error marked
    /// transient. (After a timeout the channel may have taken the message; the retry can
    /// then show it twice, which beats never.)
    Retry(String),
    /// Retrying will not help: refused (other 4xx: blocked bot, unknown chat, expired
    /// token, outside the 24-hour window…), or the channel is not configured.
    Failed(String),
}

/// How far a text got: its first `parts_sent` of `parts` went out, then `outcome`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub parts_sent: usize,
    pub parts: usize,
    pub outcome: Outcome,
}

/// Sends texts on the configured channels. Cheap to clone (one HTTP connection pool).
#[derive(Clone)]
pub struct Sender {
    client: reqwest::Client,
    apis: Arc<[ChannelApi]>,
}

impl fmt::Debug for Sender {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let channels: Vec<Channel> = self.apis.iter().map(|a| a.channel).collect();
        f.debug_struct("Sender")
            .field("channels", &channels)
            .finish_non_exhaustive()
    }
}

impl Sender {
    /// A sender for these channels (one [`ChannelApi`] each; for a channel given twice,
    /// the first is used).
    pub fn new(apis: impl IntoIterator<Item = ChannelApi>) -> Sender {
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .connect_timeout(CONNECT_TIMEOUT)
            // The APIs answer where they are asked; a redirect would carry the bearer
            // token somewhere else.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("dokkan/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("the channels' HTTP client builds");
        Sender {
            client,
            apis: apis.into_iter().collect::<Vec<_>>().into(),
        }
    }

    pub fn is_configured(&self, channel: Channel) -> bool {
        self.api(channel).is_some()
    }

    fn api(&self, channel: Channel) -> Option<&ChannelApi> {
        self.apis.iter().find(|a| a.channel == channel)
    }

    /// Sends `text` to `recipient`, split into as many messages as the channel's limit
    /// needs ([`split_text`]), in order, stopping at the first part that does not go out.
    /// `reply_via`: the WhatsApp business phone number id the customer wrote to.
    pub async fn send(
        &self,
        channel: Channel,
        recipient: &str,
        text: &str,
        reply_via: Option<&str>,
    ) -> Outcome {
        self.send_from(channel, recipient, text, reply_via, 0)
            .await
            .outcome
    }

    /// [`Sender::send`], skipping the first `already_sent` parts (a retry after a split
    /// text stopped halfway must not repeat what the customer already has).
    pub async fn send_from(
        &self,
        channel: Channel,
        recipient: &str,
        text: &str,
        reply_via: Option<&str>,
        already_sent: usize,
    ) -> Progress {
        let parts = split_text(text, channel.max_text_chars());
        let mut progress = Progress {
            parts_sent: already_sent.min(parts.len()),
            parts: parts.len(),
            outcome: Outcome::Sent,
        };
        let Some(api) = self.api(channel) else {
            progress.outcome = Outcome::Failed(format!("{channel} is not configured"));
            return progress;
        };
        if parts.is_empty() {
            progress.outcome = Outcome::Failed("the text is empty".into());
            return progress;
        }
        for part in &parts[progress.parts_sent..] {
            let outcome = self.send_one(api, recipient, part, reply_via).await;
            if outcome != Outcome::Sent {
                progress.outcome = outcome;
                return progress;
            }
            progress.parts_sent += 1;
        }
        progress
    }

    async fn send_one(
        &self,
        api: &ChannelApi,
        recipient: &str,
        text: &str,
        reply_via: Option<&str>,
    ) -> Outcome {
        let channel = api.channel;
        let (url, bearer, body) = match request(api, recipient, text, reply_via) {
            Ok(request) => request,
            Err(error) => return Outcome::Failed(error),
        };
        let mut request = self.client.post(url).json(&body);
        if bearer {
            request = request.bearer_auth(&api.token);
        }
        let response = match request.send().await {
            Ok(response) => response,
            // Without the URL: Telegram's holds the bot token.
            Err(error) => return Outcome::Retry(format!("{channel}: {}", error.without_url())),
        };
        let status = response.status().as_u16();
        let answer = response.bytes().await.unwrap_or_default();
        let outcome = match channel {
            Channel::Telegram => classify_telegram(status, &answer),
            Channel::WhatsApp | Channel::Messenger => classify_graph(channel, status, &answer),
        };
        tracing::debug!(%channel, status, ok = outcome == Outcome::Sent, "channel message sent");
        outcome
    }
}

/// The URL, whether it takes the token as a bearer header, and the JSON body of one send.
pub(crate) fn request(
    api: &ChannelApi,
    recipient: &str,
    text: &str,
    reply_via: Option<&str>,
) -> Result<(String, bool, Value), String> {
    if recipient.is_empty() {
        return Err("no recipient".into());
    }
    let base = api.base();
    Ok(match api.channel {
        Channel::Telegram => {
            // `chat_id` is "Integer or String"; numbers are what Telegram hands out.
            let chat_id = match recipient.parse::<i64>() {
                Ok(id) => json!(id),
                Err(_) => json!(recipient),
            };
            (
                format!("{base}/bot{}/sendMessage", api.token),
                false,
                json!({"chat_id": chat_id, "text": text}),
            )
        }
        Channel::WhatsApp => {
            let from = reply_via
                .or(api.phone_number_id.as_deref())
                .ok_or("no WhatsApp phone number id to send from")?;
            // It goes into the URL path: digits only (a Graph id), never `../`.
            if from.is_empty() || from.len() > 32 || !from.bytes().all(|b| b.is_ascii_digit()) {
                return Err("the WhatsApp phone number id is not a Graph id".into());
            }
            (
                format!("{base}/{from}/messages"),
                true,
                json!({
                    "messaging_product": "whatsapp",
                    "recipient_type": "individual",
                    "to": recipient,
                    "type": "text",
                    "text": {"preview_url": false, "body": text},
                }),
            )
        }
        Channel::Messenger => (
            format!("{base}/me/messages"),
            true,
            json!({
                "recipient": {"id": recipient},
                "messaging_type": "RESPONSE",
                "message": {"text": text},
            }),
        ),
    })
}

/// Telegram: `ok: true` is success; 429 (flood control) and 5xx are retried; anything
/// else (400 chat not found, 403 blocked by the user, 401 bad token) is final.
pub(crate) fn classify_telegram(status: u16, answer: &[u8]) -> Outcome {
    let body: Value = serde_json::from_slice(answer).unwrap_or(Value::Null);
    let ok = body.get("ok").and_then(Value::as_bool) == Some(true);
    let description = detail(body.get("description").and_then(Value::as_str));
    match status {
        200..=299 if ok => Outcome::Sent,
        200..=299 => Outcome::Failed(format!("telegram answered {status} without ok")),
        429 | 500..=599 => Outcome::Retry(format!("telegram answered {status}: {description}")),
        _ => Outcome::Failed(format!(
            "telegram refused the message ({status}): {description}"
        )),
    }
}

/// Graph API (WhatsApp, Messenger): 2xx is success; 429, 5xx and transient error codes
/// are retried; other errors are final.
pub(crate) fn classify_graph(channel: Channel, status: u16, answer: &[u8]) -> Outcome {
    if (200..300).contains(&status) {
        return Outcome::Sent;
    }
    let body: Value = serde_json::from_slice(answer).unwrap_or(Value::Null);
    let error = body.get("error");
    let code = error.and_then(|e| e.get("code")).and_then(Value::as_i64);
    let transient = error
        .and_then(|e| e.get("is_transient"))
        .and_then(Value::as_bool)
        == Some(true);
    let message = detail(error.and_then(|e| e.get("message")).and_then(Value::as_str));
    let code_text = code.map_or_else(|| "none".to_owned(), |c| c.to_string());
    let retry = status == 429
        || status >= 500
        || transient
        || code.is_some_and(|c| GRAPH_TRANSIENT_CODES.contains(&c));
    if retry {
        Outcome::Retry(format!(
            "{channel} answered {status} (code {code_text}): {message}"
        ))
    } else {
        Outcome::Failed(format!(
            "{channel} refused the message ({status}, code {code_text}): {message}"
        ))
    }
}

/// A channel's error text, on one line and short.
fn detail(text: Option<&str>) -> String {
    text.unwrap_or("no description")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_DETAIL_CHARS)
        .collect()
}

#[cfg(test)]
#[path = "outbound_tests.rs"]
mod tests;
