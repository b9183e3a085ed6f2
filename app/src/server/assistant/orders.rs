//! Orders in the chat: the status and the cancel, only for the order's owner — the
//! signed-in account that placed it, or a guest who gives the order number with the phone
//! or email used on it. A wrong pair and an unknown order get the same answer; a
//! conversation that guesses too often is stopped.

use super::{
    dialog::{Ask, Reply, Who},
    ChatPart, ChatStep,
};
use crate::{
    error::AppError,
    i18n::{t, t_with},
    state::AppState,
};
use dokkan_assistant::{
    conversation::{OrderWish, Pending},
    db::Conversation,
};
use dokkan_core::Locale;
use dokkan_orders::{
    db::{self as orders, Why},
    view::OrderView,
    Actor, OrderNumber,
};

pub use dokkan_assistant::conversation::OrderWish as Wish;

/// Wrong number-and-contact pairs a conversation may send before lookups stop.
const MAX_FAILED_LOOKUPS: i32 = 5;

/// "Where is my order", "cancel my order": the order the message (or the conversation)
/// names, once the writer is known to own it.
pub(super) async fn about_order(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
    wish: Wish,
) -> Result<Reply, AppError> {
    let (state, who, locale, parsed) = (ask.state, ask.who, ask.locale, ask.parsed);
    let number = match parsed.entities.order_number.as_deref() {
        Some(number) => Some(number.to_string()),
        // A signed-in customer's latest order when they name none.
        None => match who.user_id {
            Some(user) => orders::orders_for_user(&state.pool, user)
                .await?
                .first()
                .map(|o| o.number.as_str().to_string()),
            None => None,
        },
    };
    let Some(number) = number else {
        return Ok(
            Reply::text(t(locale, "assistant-order-ask-number")).with(ChatPart::Link {
                href: format!("/{locale}/order-lookup"),
                label: t(locale, "order-lookup-title"),
            }),
        );
    };
    match owned(state, conversation, who, &number).await? {
        Some(order) => Ok(act(state, conversation, who, locale, order, wish).await?),
        None => {
            // The contact may be in the same message ("DK-12345678 01012345678").
            if let Some(reply) = prove(ask, conversation, &number, wish).await? {
                return Ok(reply);
            }
            if conversation.failed_lookups >= MAX_FAILED_LOOKUPS {
                return Ok(Reply::text(t(locale, "assistant-order-locked")));
            }
            conversation.pending = Some(Pending::Contact {
                number: number.clone(),
                wish,
            });
            Ok(Reply {
                order_number: Some(number.clone()),
                ..Reply::text(t_with(
                    locale,
                    "assistant-order-ask-contact",
                    &[("number", &number)],
                ))
            })
        }
    }
}

/// The order, when this writer has shown it is theirs.
async fn owned(
    state: &AppState,
    conversation: &Conversation,
    who: &Who,
    number: &str,
) -> Result<Option<OrderView>, AppError> {
    let Ok(number) = OrderNumber::parse(number) else {
        return Ok(None);
    };
    if let Some(user) = who.user_id {
        if let Some(order) = orders::order_for_user(&state.pool, user, &number).await? {
            return Ok(Some(order));
        }
    }
    if conversation
        .verified_orders
        .iter()
        .any(|n| n == number.as_str())
    {
        return Ok(orders::order_by_number(&state.pool, &number).await?);
    }
    Ok(None)
}

/// A guest's proof: the message holds a phone number or an email; it must be the one on
/// the order. `None` when the message holds neither (the caller goes on).
pub(super) async fn prove(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
    number: &str,
    wish: Wish,
) -> Result<Option<Reply>, AppError> {
    let (state, who, locale) = (ask.state, ask.who, ask.locale);
    // Without a phone or an email the message is something else (another order, a new
    // question): the caller goes on with it.
    let Some(contact) = contact_in(ask.text) else {
        return Ok(None);
    };
    if conversation.failed_lookups >= MAX_FAILED_LOOKUPS {
        return Ok(Some(Reply::text(t(locale, "assistant-order-locked"))));
    }
    let found = match OrderNumber::parse(number) {
        Ok(parsed_number) => orders::order_by_lookup(&state.pool, &parsed_number, &contact).await?,
        Err(_) => None,
    };
    match found {
        Some(order) => {
            if !conversation.verified_orders.iter().any(|n| n == number) {
                conversation.verified_orders.push(number.to_string());
            }
            Ok(Some(
                act(state, conversation, who, locale, order, wish).await?,
            ))
        }
        None => {
            conversation.failed_lookups += 1;
            let key = if conversation.failed_lookups >= MAX_FAILED_LOOKUPS {
                "assistant-order-locked"
            } else {
                "assistant-order-not-found"
            };
            Ok(Some(Reply::text(t(locale, key))))
        }
    }
}

/// A phone number (Egyptian mobile, any digits and spacing) or an email in the text.
pub fn contact_in(text: &str) -> Option<String> {
    for token in text.split_whitespace() {
        let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '@' && c != '+');
        if let Some((user, domain)) = token.split_once('@') {
            if !user.is_empty() && domain.contains('.') && !domain.ends_with('.') {
                return Some(token.to_lowercase());
            }
        }
    }
    // Digits may be grouped with spaces or dashes: try each run of digit-like characters.
    let mut runs = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        let digit_like = c.is_numeric() || matches!(c, '+' | '-' | '(' | ')');
        if digit_like || (c == ' ' && !run.is_empty()) {
            run.push(c);
        } else if !run.trim().is_empty() {
            runs.push(std::mem::take(&mut run).trim().to_string());
        } else {
            run.clear();
        }
    }
    if !run.trim().is_empty() {
        runs.push(run.trim().to_string());
    }
    // A run may hold an order number beside the phone ("DK-12345678 +20 101 234 5678"):
    // try every span of its space-separated pieces.
    runs.iter().find_map(|run| {
        let pieces: Vec<&str> = run.split(' ').filter(|p| !p.is_empty()).collect();
        (0..pieces.len()).find_map(|i| {
            (i + 1..=pieces.len()).find_map(|j| {
                dokkan_accounts::PhoneNumber::parse(&pieces[i..j].join(""))
                    .ok()
                    .map(|p| p.as_str().to_string())
            })
        })
    })
}

/// What the owner asked for: the status, or the question before cancelling.
async fn act(
    state: &AppState,
    conversation: &mut Conversation,
    who: &Who,
    locale: Locale,
    order: OrderView,
    wish: Wish,
) -> Result<Reply, AppError> {
    let number = order.number.as_str().to_string();
    match wish {
        OrderWish::Status => Ok(status(state, locale, &order)),
        OrderWish::Cancel if order.cancellable() => {
            conversation.pending = Some(Pending::ConfirmCancel {
                number: number.clone(),
            });
            let _ = who;
            Ok(Reply {
                order_number: Some(number.clone()),
                ..Reply::text(t_with(
                    locale,
                    "assistant-cancel-confirm",
                    &[
                        ("number", &number),
                        ("total", &order.totals.total.format(locale)),
                    ],
                ))
                .with(ChatPart::Confirm {
                    yes: t(locale, "assistant-cancel-yes"),
                    no: t(locale, "assistant-cancel-no"),
                })
            })
        }
        OrderWish::Cancel => Ok(Reply {
            order_number: Some(number.clone()),
            ..Reply::text(t_with(
                locale,
                "assistant-cancel-not-allowed",
                &[
                    ("number", &number),
                    ("status", &t(locale, order.status.fluent_key())),
                ],
            ))
            .with(order_part(state, locale, &order))
        }),
    }
}

fn status(state: &AppState, locale: Locale, order: &OrderView) -> Reply {
    let number = order.number.as_str().to_string();
    Reply {
        order_number: Some(number.clone()),
        ..Reply::text(t_with(
            locale,
            "assistant-order-status",
            &[
                ("number", &number),
                ("status", &t(locale, order.status.fluent_key())),
            ],
        ))
        .with(order_part(state, locale, order))
    }
}

fn order_part(state: &AppState, locale: Locale, order: &OrderView) -> ChatPart {
    ChatPart::Order {
        number: order.number.as_str().to_string(),
        status: t(locale, order.status.fluent_key()),
        total: order.totals.total.format(locale),
        timeline: order
            .timeline
            .iter()
            .map(|entry| ChatStep {
                text: crate::pages::shop::order::timeline_text(locale, entry),
                at: crate::pages::admin::when(locale, &entry.at),
            })
            .collect(),
        href: crate::server::orders::order_path(locale, &order.number, &state.commerce.signer),
        link_label: t(locale, "assistant-order-open"),
    }
}

/// "Yes" to cancelling: through the order's state machine, as the order page does (a
/// card payment is refunded first), once more checked against the owner.
pub(super) async fn cancel(
    state: &AppState,
    conversation: &mut Conversation,
    who: &Who,
    locale: Locale,
    number: &str,
) -> Result<Reply, AppError> {
    let Some(order) = owned(state, conversation, who, number).await? else {
        return Ok(Reply::text(t(locale, "assistant-order-not-found")));
    };
    let why = Why {
        actor: Actor::Customer,
        user_id: who.user_id,
        note: Some("assistant"),
    };
    match crate::server::orders::cancel_order_as(state, locale, &order.number, &why, None).await {
        Ok(()) => {
            let order = orders::order_by_number(&state.pool, &order.number)
                .await?
                .unwrap_or(order);
            Ok(Reply {
                order_number: Some(number.to_string()),
                ..Reply::text(t_with(
                    locale,
                    "assistant-cancel-done",
                    &[("number", number)],
                ))
                .with(order_part(state, locale, &order))
            })
        }
        Err(error) => match error.form.message.clone() {
            // Refused by the state machine (shipped meanwhile) or the refund failed: the
            // reason, in words.
            Some(message) => Ok(Reply::text(message)),
            None => Err(error),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::contact_in;

    #[test]
    fn finds_phones_and_emails_in_a_sentence() {
        assert_eq!(
            contact_in("my number is 0101 234 5678").as_deref(),
            Some("01012345678")
        );
        assert_eq!(
            contact_in("رقمي ٠١٠١٢٣٤٥٦٧٨").as_deref(),
            Some("01012345678")
        );
        assert_eq!(
            contact_in("DK-12345678 +20 101 234 5678").as_deref(),
            Some("01012345678")
        );
        assert_eq!(
            contact_in("it's Mona@Example.com.").as_deref(),
            Some("mona@example.com")
        );
        assert_eq!(contact_in("DK-12345678"), None);
        assert_eq!(contact_in("12345678"), None);
        assert_eq!(contact_in("where is my order"), None);
    }
}
