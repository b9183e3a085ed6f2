//! One turn of a conversation: the customer's message is stored, understood, answered
//! from the real catalog, orders, cart and FAQ, and the answer stored. The site's chat,
//! the REST endpoint and the social channels all come through [`respond`], with the state
//! and the caller given explicitly (no request context), so they answer alike.

use super::{orders, replies, ChatExchange, ChatMessage, ChatPart, ChatView};
use crate::{error::AppError, i18n::t, state::AppState};
use dokkan_assistant::{
    conversation::{yes_or_no, ConversationState, Pending},
    db::{self as store, Conversation, NewMessage, StoredMessage},
    Intent, Parsed, Script,
};
use dokkan_core::Locale;

/// The longest message read, in characters.
pub const MAX_TEXT: usize = 1000;

/// What the customer sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Text(String),
    /// "Yes" to the assistant's question (a button).
    Confirm,
    /// "No" to it.
    Decline,
    /// A variant picked from "which one?" (its SKU).
    Variant(String),
}

impl Input {
    /// Reads a message or an answer button; an empty or too long text is a localized 422,
    /// an unknown action a 400.
    pub fn read(locale: Locale, text: &str, action: Option<&str>) -> Result<Input, AppError> {
        match action.map(str::trim).filter(|a| !a.is_empty()) {
            Some("confirm") => Ok(Input::Confirm),
            Some("decline") => Ok(Input::Decline),
            Some(action) => match action.strip_prefix("variant:") {
                Some(sku)
                    if (1..=64).contains(&sku.len())
                        && sku
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') =>
                {
                    Ok(Input::Variant(sku.to_string()))
                }
                _ => Err(AppError::bad_request()),
            },
            None => check_text(locale, text).map(Input::Text),
        }
    }
}

/// A message's text, trimmed: empty or over [`MAX_TEXT`] characters is a localized 422.
pub fn check_text(locale: Locale, text: &str) -> Result<String, AppError> {
    let text = text.trim();
    let problem = if text.is_empty() {
        "assistant-text-empty"
    } else if text.chars().count() > MAX_TEXT {
        "assistant-text-long"
    } else {
        return Ok(text.to_string());
    };
    let mut check = crate::server::support::FormCheck::new(locale);
    check.invalid("text", problem);
    Err(check.message(problem).into_error())
}

/// Who is writing, as far as the assistant may act for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Who {
    pub user_id: Option<i64>,
    pub cart: CartAccess,
}

/// Which cart "add to my cart" fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartAccess {
    /// A social channel: there is no cart there, the answer links the product instead.
    Channel,
    /// The site's own cart: the account's, else this browser's guest cart (made when
    /// missing — the caller then sets its cookie).
    Web { guest_cart: Option<i64> },
}

/// A turn's result.
pub struct Exchange {
    pub view: ChatExchange,
    /// A guest cart made by this turn: the caller sets its cookie.
    pub new_guest_cart: Option<i64>,
    pub conversation: Conversation,
}

/// A text message being answered: who wrote it, in which language, and what it means.
pub(super) struct Ask<'a> {
    pub state: &'a AppState,
    pub who: &'a Who,
    pub locale: Locale,
    pub text: &'a str,
    pub parsed: &'a Parsed,
}

/// What the assistant says back.
#[derive(Debug, Default)]
pub(super) struct Reply {
    pub text: String,
    pub parts: Vec<ChatPart>,
    pub order_number: Option<String>,
    pub cart_count: Option<u32>,
    pub new_guest_cart: Option<i64>,
    /// Hand the conversation to staff after this answer.
    pub hand_over: bool,
}

impl Reply {
    pub fn text(text: String) -> Reply {
        Reply {
            text,
            ..Reply::default()
        }
    }

    pub fn with(mut self, part: ChatPart) -> Reply {
        self.parts.push(part);
        self
    }
}

/// The site conversation `token` names when this caller may use it (a signed-in
/// customer's stays theirs), else a new one.
pub async fn web_conversation(
    state: &AppState,
    token: Option<&str>,
    user_id: Option<i64>,
    locale: Locale,
) -> Result<Conversation, AppError> {
    if let Some(found) = accessible(state, token, user_id).await? {
        return Ok(found);
    }
    Ok(store::start_web(&state.pool, user_id, locale).await?)
}

/// The site conversation `token` names, when this caller may follow it: the browser or
/// client holding the token, and for a signed-in customer's conversation only them.
pub async fn accessible(
    state: &AppState,
    token: Option<&str>,
    user_id: Option<i64>,
) -> Result<Option<Conversation>, AppError> {
    let Some(token) = token else {
        return Ok(None);
    };
    let found = store::by_token(&state.pool, token).await?;
    Ok(found.filter(|c| c.channel == "web" && (c.user_id.is_none() || c.user_id == user_id)))
}

/// The chat page's content.
pub async fn view(
    state: &AppState,
    token: Option<&str>,
    user_id: Option<i64>,
    locale: Locale,
) -> Result<ChatView, AppError> {
    let conversation = accessible(state, token, user_id).await?;
    let (messages, state_name) = match &conversation {
        Some(c) => (
            store::messages(&state.pool, c.id, 0, 200)
                .await?
                .iter()
                .map(|m| chat_message(locale, m))
                .collect(),
            c.state.as_str().to_string(),
        ),
        None => (Vec::new(), "bot".to_string()),
    };
    let history = match user_id {
        Some(user) => store::of_user(&state.pool, user, 20)
            .await?
            .into_iter()
            .map(|row| {
                (
                    row.token,
                    crate::pages::admin::when(locale, &row.updated_at),
                    row.last_message.unwrap_or_default(),
                )
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(ChatView {
        conversation: conversation.map(|c| c.token),
        state: state_name,
        messages,
        history,
    })
}

/// A stored message as the widget draws it.
pub fn chat_message(locale: Locale, m: &StoredMessage) -> ChatMessage {
    let from = match m.author.as_str() {
        "customer" => t(locale, "assistant-from-you"),
        "staff" => m
            .staff_name
            .clone()
            .unwrap_or_else(|| t(locale, "assistant-from-staff")),
        _ => t(locale, "assistant-from-bot"),
    };
    ChatMessage {
        id: m.id,
        author: m.author.clone(),
        from,
        text: m.body.clone(),
        parts: serde_json::from_str(&m.parts).unwrap_or_default(),
        at: m.at.clone(),
    }
}

/// Understands a text (the model trains on first use when the server has not yet).
pub async fn understand(state: &AppState, text: &str) -> Result<Parsed, AppError> {
    let assistant = state.assistant.clone();
    let text = text.to_string();
    tokio::task::spawn_blocking(move || {
        assistant
            .get()
            .map(|a| a.parse(&text))
            .map_err(str::to_string)
    })
    .await
    .map_err(|error| {
        tracing::error!(?error, "assistant task failed");
        AppError::internal()
    })?
    .map_err(|error| {
        tracing::error!(%error, "the assistant's model is not available");
        AppError::internal()
    })
}

/// The language to answer in: Arabic for Arabic script and Arabizi, English for English
/// words; a message without words (an order number, "?") keeps the conversation's.
fn reply_locale(parsed: &Parsed, text: &str, current: Locale) -> Locale {
    match parsed.script {
        Script::Arabic | Script::Arabizi => Locale::Ar,
        Script::English => {
            // Emails, order numbers and phone numbers are in Latin letters whatever the
            // customer's language.
            let has_words = text
                .split_whitespace()
                .filter(|token| !token.contains('@') && !token.chars().any(|c| c.is_numeric()))
                .flat_map(dokkan_assistant::text::words)
                .any(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2);
            if has_words {
                Locale::En
            } else {
                current
            }
        }
    }
}

/// One turn: stores the customer's message, answers it (unless staff have the
/// conversation), stores the answer.
pub async fn respond(
    state: &AppState,
    mut conversation: Conversation,
    who: &Who,
    input: Input,
    page_locale: Option<Locale>,
) -> Result<Exchange, AppError> {
    if conversation.user_id.is_none() {
        conversation.user_id = who.user_id;
    }
    // The page's language, when the caller has one; the message's own language wins.
    if let Some(page) = page_locale {
        conversation.locale = page;
    }
    let parsed = match &input {
        Input::Text(text) => {
            let parsed = understand(state, text).await?;
            conversation.locale = reply_locale(&parsed, text, conversation.locale);
            Some(parsed)
        }
        _ => None,
    };
    let locale = conversation.locale;
    let echo = match &input {
        Input::Text(text) => text.clone(),
        Input::Confirm => t(locale, "assistant-yes"),
        Input::Decline => t(locale, "assistant-no"),
        Input::Variant(sku) => replies::variant_label(state, locale, sku).await?,
    };
    let mut conn = state.pool.acquire().await?;
    let said = store::add_message(
        &mut conn,
        conversation.id,
        &NewMessage {
            author: "customer",
            body: &echo,
            intent: parsed.as_ref().map(|p| p.intent.as_str()),
            order_number: parsed
                .as_ref()
                .and_then(|p| p.entities.order_number.as_deref()),
            ..NewMessage::default()
        },
    )
    .await?;
    let mut messages = vec![chat_message(locale, &said)];
    let mut cart_count = None;
    let mut new_guest_cart = None;
    if conversation.state == ConversationState::HandedOver {
        // A person has the conversation: the assistant keeps quiet.
        store::save(&mut conn, &conversation).await?;
    } else {
        if conversation.state == ConversationState::Closed {
            store::set_state(&mut conn, conversation.id, ConversationState::Bot).await?;
            conversation.state = ConversationState::Bot;
        }
        drop(conn);
        let reply = answer(
            state,
            &mut conversation,
            who,
            &input,
            parsed.as_ref(),
            locale,
        )
        .await?;
        let mut conn = state.pool.acquire().await?;
        let parts = serde_json::to_string(&reply.parts).unwrap_or_else(|_| "[]".into());
        let answered = store::add_message(
            &mut conn,
            conversation.id,
            &NewMessage {
                author: "assistant",
                body: &reply.text,
                order_number: reply.order_number.as_deref(),
                parts,
                ..NewMessage::default()
            },
        )
        .await?;
        messages.push(chat_message(locale, &answered));
        store::save(&mut conn, &conversation).await?;
        if reply.hand_over {
            store::set_state(&mut conn, conversation.id, ConversationState::HandedOver).await?;
            conversation.state = ConversationState::HandedOver;
            conversation.pending = None;
        }
        cart_count = reply.cart_count;
        new_guest_cart = reply.new_guest_cart;
    }
    Ok(Exchange {
        view: ChatExchange {
            conversation: conversation.token.clone(),
            state: conversation.state.as_str().to_string(),
            messages,
            cart_count,
        },
        new_guest_cart,
        conversation,
    })
}

/// The assistant's answer to one input.
async fn answer(
    state: &AppState,
    conversation: &mut Conversation,
    who: &Who,
    input: &Input,
    parsed: Option<&Parsed>,
    locale: Locale,
) -> Result<Reply, AppError> {
    let pending = conversation.pending.take();
    let (text, parsed) = match (input, parsed) {
        (Input::Text(text), Some(parsed)) => (text.as_str(), parsed),
        (Input::Confirm, _) => {
            return Ok(match pending {
                Some(Pending::ConfirmCancel { number }) => {
                    orders::cancel(state, conversation, who, locale, &number).await?
                }
                _ => Reply::text(t(locale, "assistant-nothing-to-confirm")),
            })
        }
        (Input::Decline, _) => {
            return Ok(match pending {
                Some(Pending::ConfirmCancel { number }) => Reply::text(crate::i18n::t_with(
                    locale,
                    "assistant-cancel-kept",
                    &[("number", &number)],
                )),
                _ => Reply::text(t(locale, "assistant-ok")),
            })
        }
        (Input::Variant(sku), _) => {
            let quantity = match &pending {
                Some(Pending::ChooseVariant { quantity, .. }) => *quantity,
                _ => 1,
            };
            return replies::add_sku(state, who, locale, sku, quantity).await;
        }
        (Input::Text(_), None) => return Ok(Reply::text(t(locale, "assistant-fallback"))),
    };

    let ask = Ask {
        state,
        who,
        locale,
        text,
        parsed,
    };
    // The question the assistant asked first, when this answers it.
    match pending {
        Some(Pending::ConfirmCancel { number }) => match yes_or_no(text) {
            Some(true) => return orders::cancel(state, conversation, who, locale, &number).await,
            Some(false) => {
                return Ok(Reply::text(crate::i18n::t_with(
                    locale,
                    "assistant-cancel-kept",
                    &[("number", &number)],
                )))
            }
            None => {}
        },
        Some(Pending::ChooseVariant { handle, quantity }) => {
            if let Some(reply) =
                replies::pick_variant(&ask, conversation, &handle, quantity).await?
            {
                return Ok(reply);
            }
        }
        Some(Pending::Contact { number, wish }) => {
            if let Some(reply) = orders::prove(&ask, conversation, &number, wish).await? {
                return Ok(reply);
            }
        }
        None => {}
    }

    // An order number with nothing else understood is a question about that order.
    let intent = match parsed.intent {
        Intent::Fallback | Intent::Greeting | Intent::Thanks
            if parsed.entities.order_number.is_some() =>
        {
            Intent::OrderStatus
        }
        intent => intent,
    };
    Ok(match intent {
        Intent::Greeting => Reply::text(t(locale, "assistant-greeting")).with(suggestions(locale)),
        Intent::Thanks => Reply::text(t(locale, "assistant-thanks")),
        Intent::ProductSearch => replies::search(&ask, conversation).await?,
        Intent::AddToCart => replies::add_to_cart(&ask, conversation).await?,
        Intent::OrderStatus => {
            orders::about_order(&ask, conversation, orders::Wish::Status).await?
        }
        Intent::CancelOrder => {
            orders::about_order(&ask, conversation, orders::Wish::Cancel).await?
        }
        Intent::ShippingInfo => replies::faq(state, locale, "shipping").await?,
        Intent::ReturnsInfo => replies::faq(state, locale, "returns").await?,
        Intent::PaymentInfo => replies::faq(state, locale, "payment").await?,
        Intent::HumanAgent => Reply {
            hand_over: true,
            ..Reply::text(t(locale, "assistant-handover"))
        },
        // Not understood, but maybe a product's name ("airpods pro"): the catalog decides.
        Intent::Fallback => match replies::products_named(&ask, conversation).await? {
            Some(reply) => reply,
            None => Reply::text(t(locale, "assistant-fallback")).with(suggestions(locale)),
        },
    })
}

/// What the assistant can do, as short messages to send.
fn suggestions(locale: Locale) -> ChatPart {
    ChatPart::Suggestions {
        items: [
            "assistant-suggest-search",
            "assistant-suggest-order",
            "assistant-suggest-shipping",
            "assistant-suggest-person",
        ]
        .into_iter()
        .map(|k| t(locale, k))
        .collect(),
    }
}

/// A message as text alone, for channels that show no cards: the parts become lines
/// with absolute links.
pub fn plain_text(message: &ChatMessage, public_url: &str) -> String {
    let mut out = message.text.clone();
    let link = |href: &str| {
        if href.starts_with('/') {
            format!("{public_url}{href}")
        } else {
            href.to_string()
        }
    };
    for part in &message.parts {
        match part {
            ChatPart::Products {
                items,
                all_href,
                all_label,
            } => {
                for item in items {
                    out.push_str(&format!(
                        "\n• {} — {}\n  {}",
                        item.name,
                        item.price,
                        link(&item.href)
                    ));
                }
                out.push_str(&format!("\n{all_label}: {}", link(all_href)));
            }
            ChatPart::Order {
                number,
                status,
                total,
                timeline,
                ..
            } => {
                out.push_str(&format!("\n{number}: {status} ({total})"));
                for step in timeline {
                    out.push_str(&format!("\n• {} — {}", step.at, step.text));
                }
            }
            ChatPart::Confirm { yes, no } => out.push_str(&format!("\n{yes} / {no}")),
            ChatPart::Variants { choices, .. } => {
                for choice in choices {
                    out.push_str(&format!("\n• {} — {}", choice.label, choice.price));
                }
            }
            ChatPart::Cart { href, label, .. } | ChatPart::Link { href, label } => {
                out.push_str(&format!("\n{label}: {}", link(href)));
            }
            ChatPart::Suggestions { .. } => {}
        }
    }
    out
}
