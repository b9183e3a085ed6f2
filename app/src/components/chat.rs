//! What the assistant draws under its messages — product cards, an order and its
//! timeline, the yes/no and "which one?" buttons, links — for the plain chat page (answers
//! are form posts) and the chat panel (answers are sent by script).

use crate::server::assistant::{AssistantSay, ChatPart};

/// How a message's answer buttons work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartsMode {
    /// Plain form posts (the chat page, without JavaScript).
    Forms,
    /// Buttons with `data-chat-action` / `data-chat-text` the panel's script sends (the
    /// panel shows only the newest message's buttons).
    Script,
}
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

/// A message's parts: product cards, an order, the answer buttons (plain forms).
#[component]
pub fn ChatParts(
    locale: Locale,
    parts: Vec<ChatPart>,
    /// The conversation the plain forms continue.
    conversation: String,
    /// The last message: its questions can still be answered.
    answerable: bool,
    /// Form posts (the plain page) or buttons the panel's script answers.
    mode: PartsMode,
) -> impl IntoView {
    let script = mode == PartsMode::Script;
    parts
        .into_iter()
        .map(|part| match part {
            ChatPart::Products {
                items,
                all_href,
                all_label,
            } => view! {
                <ul class="chat-cards" data-testid="chat-products">
                    {items.into_iter().map(|item| view! {
                        <li class="chat-card">
                            <a href=item.href>
                                {item.image.map(|src| view! { <img src=src alt="" width="80" height="80" loading="lazy"/> })}
                                <span class="chat-card-name">{item.name}</span>
                                <span class="chat-card-price">{item.price}</span>
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
                <p><a href=all_href>{all_label}</a></p>
            }
            .into_any(),
            ChatPart::Order {
                number,
                status,
                total,
                timeline,
                href,
                link_label,
            } => view! {
                <div class="chat-order" data-testid="chat-order">
                    <p><strong dir="ltr">{number}</strong>" · "{status}" · "{total}</p>
                    <ol class="order-timeline">
                        {timeline.into_iter().map(|step| view! {
                            <li><time dir="ltr">{step.at}</time>" — "{step.text}</li>
                        }).collect_view()}
                    </ol>
                    <a href=href>{link_label}</a>
                </div>
            }
            .into_any(),
            ChatPart::Confirm { yes, no } if script => view! {
                <div class="chat-buttons">
                    <button type="button" data-chat-action="confirm" data-testid="chat-confirm">{yes}</button>
                    <button type="button" class="button-secondary" data-chat-action="decline" data-testid="chat-decline">{no}</button>
                </div>
            }
            .into_any(),
            ChatPart::Confirm { yes, no } => answerable
                .then(|| view! {
                    <form method="post" action=AssistantSay::PATH class="chat-buttons">
                        <input type="hidden" name="lang" value=locale.to_string()/>
                        <input type="hidden" name="conversation" value=conversation.clone()/>
                        <input type="hidden" name="text" value=""/>
                        <button type="submit" name="action" value="confirm" data-testid="chat-confirm">{yes}</button>
                        <button type="submit" name="action" value="decline" class="button-secondary" data-testid="chat-decline">{no}</button>
                    </form>
                })
                .into_any(),
            ChatPart::Variants { product, choices } if script => view! {
                <div class="chat-buttons" role="group" aria-label=product>
                    {choices.into_iter().map(|choice| {
                        let text = format!("{} · {}", choice.label, choice.price);
                        view! {
                            <button type="button" class="button-secondary" data-chat-action=choice.action data-testid="chat-variant">{text}</button>
                        }
                    }).collect_view()}
                </div>
            }
            .into_any(),
            ChatPart::Variants { product, choices } => answerable
                .then(|| view! {
                    <form method="post" action=AssistantSay::PATH class="chat-buttons" aria-label=product>
                        <input type="hidden" name="lang" value=locale.to_string()/>
                        <input type="hidden" name="conversation" value=conversation.clone()/>
                        <input type="hidden" name="text" value=""/>
                        {choices.into_iter().map(|choice| {
                            let text = format!("{} · {}", choice.label, choice.price);
                            view! {
                                <button type="submit" name="action" value=choice.action class="button-secondary" data-testid="chat-variant">{text}</button>
                            }
                        }).collect_view()}
                    </form>
                })
                .into_any(),
            ChatPart::Cart { href, label, .. } | ChatPart::Link { href, label } => {
                view! { <p><a href=href data-testid="chat-link">{label}</a></p> }.into_any()
            }
            ChatPart::Suggestions { items } if script => view! {
                <div class="chat-buttons">
                    {items.into_iter().map(|item| view! {
                        <button type="button" class="button-secondary chat-suggestion" data-chat-text=item.clone()>{item.clone()}</button>
                    }).collect_view()}
                </div>
            }
            .into_any(),
            ChatPart::Suggestions { items } => answerable
                .then(|| view! {
                    <form method="post" action=AssistantSay::PATH class="chat-buttons">
                        <input type="hidden" name="lang" value=locale.to_string()/>
                        <input type="hidden" name="conversation" value=conversation.clone()/>
                        {items.into_iter().map(|item| view! {
                            <button type="submit" name="text" value=item.clone() class="button-secondary chat-suggestion">{item.clone()}</button>
                        }).collect_view()}
                    </form>
                })
                .into_any(),
        })
        .collect_view()
}
