//! The chat button on every storefront page and the panel it opens, as the server
//! renders them. Without JavaScript the button is a link to the plain chat page
//! (`/{lang}/assistant`); the `ChatPanel` island wrapped around it opens the panel in
//! place and works it. The panel is mirrored in Arabic by the stylesheet's logical
//! properties.

use crate::{i18n::t, islands::voice::MicIcon, islands::ChatPanel};
use dokkan_core::Locale;
use leptos::prelude::*;

#[component]
pub fn ChatDock(locale: Locale) -> impl IntoView {
    let title = t(locale, "assistant-title");
    let dock_label = title.clone();
    let label = t(locale, "assistant-message-label");
    let placeholder = label.clone();
    view! {
        <ChatPanel>
            <aside
                class="chat-dock"
                aria-label=dock_label
                data-lang=locale.to_string()
                data-failed=t(locale, "error-request")
            >
                <a
                    class="chat-launcher"
                    href=format!("/{locale}/assistant")
                    aria-haspopup="dialog"
                    aria-expanded="false"
                    aria-controls="chat-panel"
                    data-hydrated="false"
                    data-testid="chat-launcher"
                >
                    {t(locale, "assistant-open-chat")}
                </a>
                <section
                    id="chat-panel"
                    class="chat-panel"
                    role="dialog"
                    aria-modal="false"
                    aria-labelledby="chat-panel-title"
                    hidden
                    data-testid="chat-panel"
                >
                    <div class="chat-panel-head">
                        <h2 id="chat-panel-title">{title}</h2>
                        <button type="button" class="chat-close" data-testid="chat-close">
                            {t(locale, "assistant-close-chat")}
                        </button>
                    </div>
                    <ol class="chat-log" aria-live="polite" data-testid="chat-log">
                        <li class="chat-empty">{t(locale, "assistant-empty")}</li>
                    </ol>
                    <p class="chat-note" data-testid="chat-handed-over" hidden>
                        {t(locale, "assistant-handed-over-note")}
                    </p>
                    // `form-error` only while it says something (pages' own checks look for it).
                    <p class="chat-problem" role="alert" hidden></p>
                    <form class="chat-compose">
                        <label for="chat-panel-text" class="visually-hidden">{label}</label>
                        <input
                            id="chat-panel-text"
                            type="text"
                            maxlength="1000"
                            autocomplete="off"
                            dir="auto"
                            placeholder=placeholder
                            data-testid="chat-panel-text"
                        />
                        // Placed by the island only where the browser can listen.
                        <template class="chat-voice-template">
                            <button
                                type="button"
                                class="chat-voice"
                                aria-pressed="false"
                                data-stop=t(locale, "assistant-voice-stop")
                                data-testid="chat-voice"
                            >
                                <MicIcon/>
                                <span class="visually-hidden">{t(locale, "assistant-voice")}</span>
                            </button>
                        </template>
                        <button type="submit" data-testid="chat-panel-send">
                            {t(locale, "assistant-send")}
                        </button>
                    </form>
                </section>
            </aside>
        </ChatPanel>
    }
}
