//! Webhook bodies into [`Incoming`] text messages. Pure: serde_json, no I/O.
//!
//! Only text written by a customer becomes an [`Incoming`]; everything else a channel
//! sends to the same webhook (photos, stickers, delivery and read receipts, status
//! updates, our own messages echoed back) is skipped, and a body with nothing to answer
//! is `Ok(vec![])` — the handler still answers 200, or the channel retries it.
//!
//! A body that is not JSON, or not the channel's documented envelope (wrong `object`, no
//! `entry` list, no `update_id`), is a [`BodyError`]: answer 400. Inside a valid envelope
//! an item of an unknown or broken shape is skipped rather than failing the whole body,
//! because the channels batch several events per request and retry a refused one for
//! days — one odd event must not hold back the customers' messages beside it.
//!
//! Texts are trimmed and blank texts skipped; lengths are not capped here (the caller
//! decides what it reads).

use crate::Channel;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// Longest message or sender id kept (they are dedupe keys and reply addresses; the
/// channels' own are far shorter).
const MAX_ID_LEN: usize = 256;

/// One text message from a customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub channel: Channel,
    /// Unique within the channel, the same on every redelivery: the dedupe key for
    /// [`crate::db::first_time`]. Telegram: the `update_id`; WhatsApp: the `wamid.…`;
    /// Messenger: the `mid`.
    pub message_id: String,
    /// Where the reply goes. Telegram: the chat id; WhatsApp: the customer's WhatsApp id
    /// (`from`, their phone number); Messenger: the Page-scoped id (PSID).
    pub sender: String,
    /// The customer's display name when the channel gives one (Telegram: first and last
    /// name; WhatsApp: the contact's profile name; Messenger: none).
    pub name: Option<String>,
    /// Trimmed, never empty.
    pub text: String,
    /// WhatsApp: the business `phone_number_id` the customer wrote to, which the reply is
    /// sent from. `None` on the other channels.
    pub reply_via: Option<String>,
}

/// The body is not the channel's documented webhook shape (answer 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BodyError {
    #[error("the body is not JSON: {0}")]
    NotJson(String),
    #[error("expected a webhook for object {expected:?}, got {found:?}")]
    WrongObject {
        expected: &'static str,
        found: String,
    },
    #[error("the body is not the documented shape: {0}")]
    Shape(String),
}

/// A Telegram [Update](https://core.telegram.org/bots/api#update):
///
/// ```json
/// {"update_id": 10000,
///  "message": {"message_id": 1365, "date": 1441645532,
///              "from": {"id": 1111111, "is_bot": false, "first_name": "Salma", "last_name": "Adel"},
///              "chat": {"id": 1111111, "type": "private", "first_name": "Salma"},
///              "text": "عندكم فساتين سهرة؟"}}
/// ```
///
/// One update carries at most one message. Kept: a `message` with `text` in a `private`
/// chat (the assistant does not talk in groups and channels). Skipped: `edited_message`
/// (the first version was answered), `channel_post`, callback queries, and messages
/// without text (photos, stickers, voice — their `caption` is not a question to us).
/// `message_id` is the `update_id` as text: unique per bot, kept on redelivery.
pub fn parse_telegram(body: &[u8]) -> Result<Vec<Incoming>, BodyError> {
    #[derive(Deserialize)]
    struct Update {
        update_id: i64,
        #[serde(default)]
        message: Option<Value>,
    }
    #[derive(Deserialize)]
    struct Message {
        chat: Chat,
        #[serde(default)]
        from: Option<User>,
        #[serde(default)]
        text: Option<String>,
    }
    #[derive(Deserialize)]
    struct Chat {
        id: i64,
        #[serde(rename = "type", default)]
        kind: Option<String>,
    }
    #[derive(Deserialize)]
    struct User {
        #[serde(default)]
        first_name: Option<String>,
        #[serde(default)]
        last_name: Option<String>,
    }

    let update: Update = typed(json(body)?)?;
    let Some(message) = update
        .message
        .and_then(|m| serde_json::from_value::<Message>(m).ok())
    else {
        return Ok(Vec::new());
    };
    if message.chat.kind.as_deref().is_some_and(|k| k != "private") {
        return Ok(Vec::new());
    }
    let Some(text) = clean_text(message.text) else {
        return Ok(Vec::new());
    };
    let name = message.from.and_then(|user| {
        let full = [user.first_name, user.last_name]
            .into_iter()
            .flatten()
            .map(|part| part.trim().to_owned())
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        (!full.is_empty()).then_some(full)
    });
    Ok(vec![Incoming {
        channel: Channel::Telegram,
        message_id: update.update_id.to_string(),
        sender: message.chat.id.to_string(),
        name,
        text,
        reply_via: None,
    }])
}

/// A WhatsApp Cloud API `messages` webhook:
///
/// ```json
/// {"object": "whatsapp_business_account",
///  "entry": [{"id": "102290129340398",
///    "changes": [{"field": "messages",
///      "value": {"messaging_product": "whatsapp",
///        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
///        "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
///        "messages": [{"from": "16505551234", "id": "wamid.HBgLMTY1…", "timestamp": "1749416383",
///                      "type": "text", "text": {"body": "Does it come in another color?"}}]}}]}]}
/// ```
///
/// One [`Incoming`] per `type: "text"` message, named from the contact with the same
/// `wa_id`, replying via `metadata.phone_number_id`. Skipped: `statuses` (sent /
/// delivered / read / failed receipts of our own messages), other `field`s, and
/// non-text messages (image, sticker, audio, location, reaction, interactive replies…).
pub fn parse_whatsapp(body: &[u8]) -> Result<Vec<Incoming>, BodyError> {
    #[derive(Deserialize)]
    struct Body {
        entry: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        changes: Vec<Value>,
    }
    #[derive(Deserialize)]
    struct Change {
        field: String,
        value: ChangeValue,
    }
    #[derive(Deserialize)]
    struct ChangeValue {
        #[serde(default)]
        metadata: Option<Metadata>,
        #[serde(default)]
        contacts: Vec<Value>,
        #[serde(default)]
        messages: Vec<Value>,
    }
    #[derive(Deserialize)]
    struct Metadata {
        #[serde(default)]
        phone_number_id: Option<String>,
    }
    #[derive(Deserialize)]
    struct Contact {
        wa_id: String,
        #[serde(default)]
        profile: Option<Profile>,
    }
    #[derive(Deserialize)]
    struct Profile {
        #[serde(default)]
        name: Option<String>,
    }
    #[derive(Deserialize)]
    struct Message {
        from: String,
        id: String,
        #[serde(rename = "type")]
        kind: String,
        #[serde(default)]
        text: Option<Text>,
    }
    #[derive(Deserialize)]
    struct Text {
        #[serde(default)]
        body: Option<String>,
    }

    let value = json(body)?;
    expect_object(&value, "whatsapp_business_account")?;
    let body: Body = typed(value)?;
    let mut out = Vec::new();
    for change in body
        .entry
        .into_iter()
        .flat_map(|e| lenient::<Change>(e.changes))
    {
        if change.field != "messages" {
            continue;
        }
        let value = change.value;
        let reply_via = value
            .metadata
            .and_then(|m| m.phone_number_id)
            .filter(|id| id_ok(id));
        let contacts: Vec<Contact> = lenient(value.contacts).collect();
        for message in lenient::<Message>(value.messages) {
            if message.kind != "text" || !id_ok(&message.id) || !id_ok(&message.from) {
                continue;
            }
            let Some(text) = clean_text(message.text.and_then(|t| t.body)) else {
                continue;
            };
            let name = contacts
                .iter()
                .find(|c| c.wa_id == message.from)
                .and_then(|c| c.profile.as_ref()?.name.as_deref())
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
            out.push(Incoming {
                channel: Channel::WhatsApp,
                message_id: message.id,
                sender: message.from,
                name,
                text,
                reply_via: reply_via.clone(),
            });
        }
    }
    Ok(out)
}

/// A Messenger Platform webhook:
///
/// ```json
/// {"object": "page",
///  "entry": [{"id": "<PAGE_ID>", "time": 1458692752478,
///    "messaging": [{"sender": {"id": "<PSID>"}, "recipient": {"id": "<PAGE_ID>"},
///                   "timestamp": 1458692752478,
///                   "message": {"mid": "mid.1457764197618:41d102a3e1ae206a38",
///                               "text": "hello, world!"}}]}]}
/// ```
///
/// One [`Incoming`] per `messaging` event with a `message.text` (quick-reply taps
/// included: they carry the button's text). Skipped: `message.is_echo` (what our Page
/// sent, echoed back), `delivery` and `read` receipts, postbacks, reactions, attachments
/// without text, and `standby` events (another app owns the thread).
pub fn parse_messenger(body: &[u8]) -> Result<Vec<Incoming>, BodyError> {
    #[derive(Deserialize)]
    struct Body {
        entry: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        #[serde(default)]
        messaging: Vec<Value>,
    }
    #[derive(Deserialize)]
    struct Event {
        sender: Id,
        message: Message,
    }
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    #[derive(Deserialize)]
    struct Message {
        mid: String,
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        is_echo: bool,
    }

    let value = json(body)?;
    expect_object(&value, "page")?;
    let body: Body = typed(value)?;
    let events = body
        .entry
        .into_iter()
        .flat_map(|e| lenient::<Event>(e.messaging));
    Ok(events
        .filter(|e| !e.message.is_echo && id_ok(&e.message.mid) && id_ok(&e.sender.id))
        .filter_map(|e| {
            Some(Incoming {
                channel: Channel::Messenger,
                text: clean_text(e.message.text)?,
                message_id: e.message.mid,
                sender: e.sender.id,
                name: None,
                reply_via: None,
            })
        })
        .collect())
}

/// Parses `body` for `channel` (the three parsers above behind one name).
pub fn parse(channel: Channel, body: &[u8]) -> Result<Vec<Incoming>, BodyError> {
    match channel {
        Channel::Telegram => parse_telegram(body),
        Channel::WhatsApp => parse_whatsapp(body),
        Channel::Messenger => parse_messenger(body),
    }
}

fn json(body: &[u8]) -> Result<Value, BodyError> {
    serde_json::from_slice(body).map_err(|e| BodyError::NotJson(e.to_string()))
}

fn typed<T: DeserializeOwned>(value: Value) -> Result<T, BodyError> {
    serde_json::from_value(value).map_err(|e| BodyError::Shape(e.to_string()))
}

fn expect_object(value: &Value, expected: &'static str) -> Result<(), BodyError> {
    match value.get("object").and_then(Value::as_str) {
        Some(found) if found == expected => Ok(()),
        found => Err(BodyError::WrongObject {
            expected,
            found: found.unwrap_or("").chars().take(64).collect(),
        }),
    }
}

/// The items of a list that have the shape `T`; the others are skipped.
fn lenient<T: DeserializeOwned>(items: Vec<Value>) -> impl Iterator<Item = T> {
    items
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
}

fn clean_text(text: Option<String>) -> Option<String> {
    let text = text?;
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// An id usable as a dedupe key and a reply address.
fn id_ok(id: &str) -> bool {
    (1..=MAX_ID_LEN).contains(&id.len()) && !id.chars().any(char::is_control)
}

#[cfg(test)]
#[path = "inbound_tests.rs"]
mod tests;
