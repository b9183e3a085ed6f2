//! The shopping assistant's chat on the site: the messages as the widget and the plain
//! page draw them, and the server functions they call. The conversation itself (what the
//! assistant answers, and why) is in [`dialog`]; the REST endpoint and the social channels
//! call the same.

#[cfg(feature = "ssr")]
pub mod channel;
#[cfg(feature = "ssr")]
pub mod dialog;
#[cfg(feature = "ssr")]
pub mod limit;
#[cfg(feature = "ssr")]
mod orders;
pub mod panel;
#[cfg(feature = "ssr")]
mod replies;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The cookie naming the browser's conversation (its random token).
pub const CHAT_COOKIE: &str = "dokkan_chat";

/// A message as the widget draws it: the text is already in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatMessage {
    pub id: i64,
    /// `customer`, `assistant` or `staff`.
    pub author: String,
    /// Who wrote it, in words ("You", "Dokkan assistant", the staff member's name).
    pub from: String,
    pub text: String,
    #[serde(default)]
    pub parts: Vec<ChatPart>,
    /// RFC 3339, UTC.
    pub at: String,
}

/// What the widget draws under a message's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ChatPart {
    /// Product cards from the search, and a link to all the results.
    Products {
        items: Vec<ChatProduct>,
        all_href: String,
        all_label: String,
    },
    /// An order's status and timeline.
    Order {
        number: String,
        status: String,
        total: String,
        timeline: Vec<ChatStep>,
        href: String,
        link_label: String,
    },
    /// A yes/no question (cancelling an order).
    Confirm { yes: String, no: String },
    /// "Which one?": the product's variants that can be bought.
    Variants {
        product: String,
        choices: Vec<ChatChoice>,
    },
    /// The cart after adding to it.
    Cart {
        count: u32,
        href: String,
        label: String,
    },
    /// A link to a page (a product on a channel without a cart, the order lookup).
    Link { href: String, label: String },
    /// Short answers to offer (the first message, a fallback).
    Suggestions { items: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatProduct {
    pub name: String,
    pub price: String,
    pub href: String,
    pub image: Option<String>,
    pub in_stock: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatStep {
    pub text: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatChoice {
    /// The action the widget sends back (`variant:<sku>`).
    pub action: String,
    pub label: String,
    pub price: String,
}

/// What a message sent returns: the conversation's token and state, and the new messages
/// (the customer's, then the answer when the assistant gives one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatExchange {
    pub conversation: String,
    /// `bot`, `handed_over` or `closed`.
    pub state: String,
    pub messages: Vec<ChatMessage>,
    /// The cart's count after an add (the header badge).
    pub cart_count: Option<u32>,
}

/// The chat page and panel: the conversation so far and the texts around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChatView {
    pub conversation: Option<String>,
    pub state: String,
    pub messages: Vec<ChatMessage>,
    /// A signed-in customer's earlier conversations: (token, when, last message).
    pub history: Vec<(String, String, String)>,
}

/// Sends a message (or answers a question with `action`: `confirm`, `decline`,
/// `variant:<sku>`). A plain form is sent back to the chat page.
#[server(endpoint = "assistant/say")]
pub async fn assistant_say(
    lang: String,
    text: String,
    #[server(default)] action: Option<String>,
    #[server(default)] conversation: Option<String>,
) -> Result<ChatExchange, AppError> {
    let (locale, exchange) = web::turn(&lang, &text, action, conversation).await?;
    if crate::server::support::is_plain_form() {
        crate::server::support::redirect(&format!("/{locale}/assistant#chat-end"));
    }
    Ok(exchange)
}

/// The browser's conversation (or the signed-in customer's `conversation`, from their
/// history), for the chat page and the panel.
#[server(endpoint = "assistant/view")]
pub async fn assistant_view(
    lang: String,
    #[server(default)] conversation: Option<String>,
) -> Result<ChatView, AppError> {
    use crate::server::support;
    let locale = support::locale(&lang);
    let state = support::state();
    let user = crate::auth::current_user().map(|u| u.user_id);
    let token = conversation
        .filter(|c| !c.is_empty())
        .or_else(web::cookie_token);
    dialog::view(&state, token.as_deref(), user, locale).await
}

#[cfg(feature = "ssr")]
pub(crate) mod web {
    use super::{dialog, limit, ChatExchange, CHAT_COOKIE};
    use crate::{error::AppError, server::support};
    use dokkan_core::Locale;

    /// One message from the site (page or panel): the per-client limit, the browser's
    /// conversation (its cookie), the signed-in customer, the site's cart.
    pub async fn turn(
        lang: &str,
        text: &str,
        action: Option<String>,
        conversation: Option<String>,
    ) -> Result<(Locale, ChatExchange), AppError> {
        let locale = support::locale(lang);
        let state = support::state();
        let key = limit::client_key(Some(&crate::shopper::current()), support::client_addr());
        if let Err(wait) = state.assistant_limit.check(&key) {
            return Err(crate::error::ErrorKind::TooManyRequests {
                retry_after_secs: wait,
            }
            .into());
        }
        let input = dialog::Input::read(locale, text, action.as_deref())?;
        let user = crate::auth::current_user().map(|u| u.user_id);
        let token = conversation.filter(|c| !c.is_empty()).or_else(cookie_token);
        let conversation = dialog::web_conversation(&state, token.as_deref(), user, locale).await?;
        if token.as_deref() != Some(conversation.token.as_str()) {
            set_chat_cookie(&conversation.token);
        }
        let who = dialog::Who {
            user_id: user,
            cart: dialog::CartAccess::Web {
                guest_cart: crate::server::cart::cookie_cart_id(),
            },
        };
        let exchange = dialog::respond(&state, conversation, &who, input, Some(locale)).await?;
        if let Some(cart) = exchange.new_guest_cart {
            crate::server::cart::set_guest_cart_cookie(cart);
        }
        Ok((locale, exchange.view))
    }

    pub fn cookie_token() -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        crate::auth::cookie_value(&parts.headers, CHAT_COOKIE)
            .filter(|t| dokkan_assistant::db::valid_token(t))
            .map(str::to_string)
    }

    /// A session cookie: the conversation is the browser's until it is closed.
    pub fn set_chat_cookie(token: &str) {
        let secure = if support::state().auth.secure_cookies {
            "; Secure"
        } else {
            ""
        };
        support::set_cookie(&format!(
            "{CHAT_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"
        ));
    }
}
