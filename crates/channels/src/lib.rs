//! Social channels for the shopping assistant: Telegram, WhatsApp Cloud API and Facebook
//! Messenger.
//!
//! The server mounts one webhook per channel and calls this crate:
//!
//! 1. it checks the request came from the channel ([`verify`]): Telegram's
//!    `X-Telegram-Bot-Api-Secret-Token`, Meta's `X-Hub-Signature-256` over the raw body,
//!    and Meta's `hub.challenge` handshake on GET;
//! 2. it parses the body into [`Incoming`] messages ([`inbound`]); a body that is not the
//!    documented shape is a [`BodyError`] (answer 400);
//! 3. per message, [`db::first_time`] tells whether this delivery is new (the channels
//!    retry webhooks, so the same message can arrive twice), and the assistant's answer is
//!    queued with [`db::enqueue`] in the same transaction;
//! 4. the worker ([`worker::spawn_worker`]) sends queued replies through [`Sender`],
//!    splitting texts longer than the channel allows ([`split_text`]).
//!
//! The contracts, the signature checks, the parsers and the splitter compile anywhere; the
//! SQL, the worker and the HTTP client are behind the `ssr` feature, and a fake channel
//! API for tests behind `testing`.

pub mod inbound;
mod split;
pub mod verify;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod outbound;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "ssr")]
pub mod worker;

pub use inbound::{BodyError, Incoming};
#[cfg(feature = "ssr")]
pub use outbound::{ChannelApi, Outcome, Sender};
pub use split::{split_text, text_len};

use serde::{Deserialize, Serialize};

/// A messaging channel the assistant answers on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Telegram,
    // snake_case alone would spell it `whats_app`.
    #[serde(rename = "whatsapp")]
    WhatsApp,
    Messenger,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Telegram, Channel::WhatsApp, Channel::Messenger];

    /// The name stored in the database and used in logs and URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Telegram => "telegram",
            Channel::WhatsApp => "whatsapp",
            Channel::Messenger => "messenger",
        }
    }

    /// The channel named `name` (exactly as [`Channel::as_str`] spells it).
    pub fn parse(name: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// The longest text one message may carry, in [`text_len`] units: Telegram's
    /// `sendMessage` takes 1–4096 characters, WhatsApp's text body at most 4096,
    /// Messenger's `message.text` at most 2000.
    pub fn max_text_chars(self) -> usize {
        match self {
            Channel::Telegram | Channel::WhatsApp => 4096,
            Channel::Messenger => 2000,
        }
    }
}

impl std::fmt::Display for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What can go wrong storing or sending replies (not the channels' answers: those are
/// recorded on the outbox row).
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[cfg(feature = "ssr")]
    #[error("database error")]
    Database(#[from] sqlx::Error),
    /// A reply the outbox will not take (empty, too long, a bad recipient).
    #[error("reply rejected: {0}")]
    Rejected(String),
    /// A stored row breaks a rule the code relies on.
    #[error("stored data breaks a rule: {0}")]
    Corrupt(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_match_serde() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
            assert_eq!(
                serde_json::to_value(channel).unwrap(),
                serde_json::Value::String(channel.as_str().into())
            );
        }
        assert_eq!(Channel::parse("WhatsApp"), None);
        assert_eq!(Channel::parse(""), None);
    }

    #[test]
    fn limits() {
        assert_eq!(Channel::Telegram.max_text_chars(), 4096);
        assert_eq!(Channel::WhatsApp.max_text_chars(), 4096);
        assert_eq!(Channel::Messenger.max_text_chars(), 2000);
    }
}
