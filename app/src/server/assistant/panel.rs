//! The chat panel's side of the conversation. The panel is an island, and every type it
//! decodes and every view it builds is WASM every shopper downloads, so the server renders
//! each message (text, product cards, the order, the answer buttons) to HTML here, and the
//! panel only places it. The HTML comes from Leptos' renderer, which escapes whatever the
//! customer typed. Answer buttons carry `data-chat-action` / `data-chat-text`; the panel
//! listens for clicks on the whole log.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The panel's view of the conversation after a message, or when it opens.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelChat {
    pub conversation: Option<String>,
    /// `bot`, `handed_over` or `closed`.
    pub state: String,
    /// The messages, each rendered as the log's `<li>` (see [`render`]).
    pub html: String,
    /// The assistant added to the cart: the header's count must follow.
    pub cart_changed: bool,
}

/// The panel sends a message or an answer button's action.
#[server(endpoint = "assistant/panel/say")]
pub async fn assistant_panel_say(
    lang: String,
    text: String,
    #[server(default)] action: Option<String>,
    #[server(default)] conversation: Option<String>,
) -> Result<PanelChat, AppError> {
    let (locale, exchange) = super::web::turn(&lang, &text, action, conversation).await?;
    Ok(PanelChat {
        conversation: Some(exchange.conversation),
        state: exchange.state,
        html: exchange
            .messages
            .iter()
            .map(|m| render(locale, m))
            .collect(),
        cart_changed: exchange.cart_count.is_some(),
    })
}

/// The browser's conversation so far, when the panel opens.
#[server(endpoint = "assistant/panel/view")]
pub async fn assistant_panel_view(lang: String) -> Result<PanelChat, AppError> {
    let view = super::assistant_view(lang.clone(), None).await?;
    let locale = crate::server::support::locale(&lang);
    Ok(PanelChat {
        conversation: view.conversation,
        state: view.state,
        html: view.messages.iter().map(|m| render(locale, m)).collect(),
        cart_changed: false,
    })
}

/// One message as the panel's log shows it: an `<li>` whose `data-message-id` lets the
/// panel skip a message it already shows (the stream repeats what an answer brought).
#[cfg(feature = "ssr")]
pub fn render(locale: dokkan_core::Locale, message: &super::ChatMessage) -> String {
    use crate::components::{ChatParts, PartsMode};
    let m = message.clone();
    let class = format!("chat-message chat-{}", m.author);
    Owner::new().with(|| {
        view! {
            <li class=class data-author=m.author data-message-id=m.id data-testid="chat-message">
                <span class="chat-from">{m.from}</span>
                <p class="chat-text" dir="auto">{m.text}</p>
                <ChatParts locale parts=m.parts conversation=String::new() answerable=true mode=PartsMode::Script/>
            </li>
        }
        .to_html()
    })
}
