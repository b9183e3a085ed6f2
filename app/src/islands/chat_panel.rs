//! The chat button on every storefront page and the panel it opens. Before hydration
//! (or without JavaScript) the button is a link to the plain chat page. Once hydrated it
//! opens a panel — mirrored in Arabic by the stylesheet's logical properties, Escape and
//! the close button shut it and give focus back — that talks to the assistant, and
//! follows the conversation's event stream so a staff reply appears as it is sent. The
//! server renders every message (`server::assistant::panel::render`): the panel places
//! the HTML and answers clicks on its buttons, so the WASM carries no message types or
//! views of its own. A microphone button appears where the browser can listen.

use super::voice;
use crate::server::assistant::panel::PanelChat;
use leptos::prelude::*;

crate::island_texts! {
    /// Already-translated texts.
    pub struct ChatTexts {
        pub lang,
        pub title,
        pub open,
        pub close,
        pub label,
        pub send,
        pub voice,
        pub voice_stop,
        pub empty,
        pub handed_over,
        pub failed,
        /// The plain page (`/{lang}/assistant`).
        pub page_href,
    }
}

#[island]
pub fn ChatPanel(texts: ChatTexts) -> impl IntoView {
    let texts = StoredValue::new(texts);
    let (open, set_open) = signal(false);
    // How many messages the log shows; the messages themselves are the server's HTML.
    let (shown, set_shown) = signal(0usize);
    let (state, set_state) = signal(String::from("bot"));
    let (token, set_token) = signal(None::<String>);
    let (draft, set_draft) = signal(String::new());
    let (busy, set_busy) = signal(false);
    let (problem, set_problem) = signal(None::<String>);
    let (can_listen, set_can_listen) = signal(false);
    let (listening, set_listening) = signal(false);
    let (hydrated, set_hydrated) = signal(false);
    let loaded = StoredValue::new(false);
    let following = StoredValue::new(false);
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let log_ref = NodeRef::<leptos::html::Ol>::new();
    let launcher_ref = NodeRef::<leptos::html::A>::new();
    Effect::new(move |_| {
        set_hydrated.set(true);
        set_can_listen.set(voice::available());
    });
    // Only messages not shown yet: the stream repeats what an answer already brought, and
    // redrawing the log would replace the buttons under the shopper's pointer. The newest
    // comes into view.
    let add = move |html: String| {
        #[cfg(feature = "hydrate")]
        if let Some(log) = log_ref.get_untracked() {
            let added = browser::append_new(&log, &html);
            if added > 0 {
                set_shown.update(|n| *n += added);
                request_animation_frame(move || {
                    if let Some(log) = log_ref.get_untracked() {
                        log.set_scroll_top(log.scroll_height());
                    }
                });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (html, set_shown);
    };

    // The conversation's stream: staff replies (and answers given in another tab).
    let follow = move |conversation: String| {
        if following.get_value() {
            return;
        }
        following.set_value(true);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::{closure::Closure, JsCast};
            let after = log_ref
                .get_untracked()
                .map(|log| browser::last_id(&log))
                .unwrap_or(0);
            let lang = texts.with_value(|t| t.lang.clone());
            let url = format!(
                "/api/v1/assistant/conversations/{conversation}/events?after={after}&lang={lang}&format=html"
            );
            if let Ok(source) = web_sys::EventSource::new(&url) {
                let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                    move |event: web_sys::MessageEvent| {
                        // Each event is one rendered `<li>`.
                        if let Some(html) = event.data().as_string() {
                            if html.contains(r#"data-author="staff""#) {
                                set_state.set("handed_over".into());
                            }
                            add(html);
                        }
                    },
                );
                let _ = source.add_event_listener_with_callback(
                    "message",
                    on_message.as_ref().unchecked_ref(),
                );
                on_message.forget();
                // The panel lives as long as the page.
                std::mem::forget(source);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = conversation;
    };

    let load = move || {
        if loaded.get_value() {
            return;
        }
        loaded.set_value(true);
        let lang = texts.with_value(|t| t.lang.clone());
        leptos::task::spawn_local(async move {
            if let Ok(view) = panel_view(&lang).await {
                set_state.set(view.state);
                add(view.html);
                if let Some(conversation) = view.conversation {
                    set_token.set(Some(conversation.clone()));
                    follow(conversation);
                }
            }
        });
    };

    let send = Callback::new(move |(text, action): (String, Option<String>)| {
        if busy.get_untracked() || (text.trim().is_empty() && action.is_none()) {
            return;
        }
        set_busy.set(true);
        set_problem.set(None);
        let lang = texts.with_value(|t| t.lang.clone());
        let failed = texts.with_value(|t| t.failed.clone());
        let conversation = token.get_untracked();
        let typed = action.is_none();
        leptos::task::spawn_local(async move {
            match panel_say(&lang, &text, action.as_deref(), conversation.as_deref()).await {
                Ok(exchange) => {
                    if typed {
                        set_draft.set(String::new());
                    }
                    set_state.set(exchange.state);
                    add(exchange.html);
                    if let (None, Some(started)) = (conversation, exchange.conversation) {
                        set_token.set(Some(started.clone()));
                        follow(started);
                    }
                    #[cfg(feature = "hydrate")]
                    if exchange.cart_changed {
                        if let (Some(window), Ok(event)) = (
                            web_sys::window(),
                            web_sys::CustomEvent::new("dokkan:cart-changed"),
                        ) {
                            let _ = window.dispatch_event(&event);
                        }
                    }
                }
                Err(error) => set_problem.set(Some(error.form.message.clone().unwrap_or(failed))),
            }
            set_busy.set(false);
        });
    });

    let open_panel = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        set_open.set(true);
        load();
        request_animation_frame(move || {
            if let Some(input) = input_ref.get_untracked() {
                let _ = input.focus();
            }
        });
    };
    let close_panel = move || {
        set_open.set(false);
        if let Some(launcher) = launcher_ref.get_untracked() {
            let _ = launcher.focus();
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close_panel();
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send.run((draft.get_untracked(), None));
    };
    let on_voice = move |_| {
        if listening.get_untracked() {
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            let lang = texts.with_value(|t| voice::speech_lang(&t.lang));
            let started = voice::listen(
                lang,
                move |words| {
                    set_draft.set(words.clone());
                    send.run((words, None));
                },
                move || set_listening.set(false),
            );
            set_listening.set(started);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = set_listening;
    };

    let t = move |f: fn(&ChatTexts) -> String| texts.with_value(f);
    // The answer buttons inside the server's HTML.
    let on_log_click = move |ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let button = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|e| {
                    e.closest("button[data-chat-action], button[data-chat-text]")
                        .ok()
                        .flatten()
                });
            if let Some(button) = button {
                let action = button.get_attribute("data-chat-action");
                let text = button.get_attribute("data-chat-text").unwrap_or_default();
                send.run((text, action));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };

    view! {
        <aside class="chat-dock" aria-label=t(|t| t.title.clone())>
        <a
            class="chat-launcher"
            href=t(|t| t.page_href.clone())
            node_ref=launcher_ref
            on:click=open_panel
            aria-haspopup="dialog"
            aria-expanded=move || open.get().to_string()
            aria-controls="chat-panel"
            data-hydrated=move || hydrated.get().to_string()
            data-testid="chat-launcher"
        >
            {t(|t| t.open.clone())}
        </a>
        <section
            id="chat-panel"
            class="chat-panel"
            role="dialog"
            aria-modal="false"
            aria-labelledby="chat-panel-title"
            hidden=move || !open.get()
            on:keydown=on_keydown
            data-testid="chat-panel"
        >
            <div class="chat-panel-head">
                <h2 id="chat-panel-title">{t(|t| t.title.clone())}</h2>
                <button type="button" class="chat-close" on:click=move |_| close_panel() data-testid="chat-close">
                    {t(|t| t.close.clone())}
                </button>
            </div>
            <ol class="chat-log" aria-live="polite" data-testid="chat-log" node_ref=log_ref on:click=on_log_click>
                <li class="chat-empty" hidden=move || shown.get() > 0>{t(|t| t.empty.clone())}</li>
            </ol>
            {move || (state.get() == "handed_over").then(|| view! {
                <p class="chat-note" data-testid="chat-handed-over">{t(|t| t.handed_over.clone())}</p>
            })}
            {move || problem.get().map(|p| view! { <p class="form-error" role="alert">{p}</p> })}
            <form class="chat-compose" on:submit=on_submit>
                <label for="chat-panel-text" class="visually-hidden">{t(|t| t.label.clone())}</label>
                <input
                    id="chat-panel-text"
                    type="text"
                    maxlength="1000"
                    autocomplete="off"
                    dir="auto"
                    node_ref=input_ref
                    prop:value=move || draft.get()
                    on:input=move |ev| set_draft.set(event_target_value(&ev))
                    placeholder=t(|t| t.label.clone())
                    data-testid="chat-panel-text"
                />
                {move || can_listen.get().then(|| {
                    let label = if listening.get() { t(|t| t.voice_stop.clone()) } else { t(|t| t.voice.clone()) };
                    view! {
                        <button type="button" class="chat-voice" aria-pressed=move || listening.get().to_string() on:click=on_voice data-testid="chat-voice">
                            <super::voice::MicIcon/>
                            <span class="visually-hidden">{label}</span>
                        </button>
                    }
                })}
                <button type="submit" disabled=move || busy.get() data-testid="chat-panel-send">{t(|t| t.send.clone())}</button>
            </form>
        </section>
        </aside>
    }
}

/// `server::assistant::panel::assistant_panel_view`.
async fn panel_view(lang: &str) -> Result<PanelChat, crate::error::AppError> {
    #[cfg(feature = "hydrate")]
    {
        use crate::server::assistant::panel::AssistantPanelView;
        use leptos::server_fn::ServerFn;
        let sent = super::fetch::post_fields(AssistantPanelView::PATH, &[("lang", lang)]).await;
        super::fetch::decode(sent).await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = lang;
        Err(crate::error::AppError::internal())
    }
}

/// `server::assistant::panel::assistant_panel_say`: a typed message or an answer
/// button's action.
async fn panel_say(
    lang: &str,
    text: &str,
    action: Option<&str>,
    conversation: Option<&str>,
) -> Result<PanelChat, crate::error::AppError> {
    #[cfg(feature = "hydrate")]
    {
        use crate::server::assistant::panel::AssistantPanelSay;
        use leptos::server_fn::ServerFn;
        let mut fields = vec![("lang", lang), ("text", text)];
        fields.extend(action.map(|a| ("action", a)));
        fields.extend(conversation.map(|c| ("conversation", c)));
        let sent = super::fetch::post_fields(AssistantPanelSay::PATH, &fields).await;
        super::fetch::decode(sent).await
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (lang, text, action, conversation);
        Err(crate::error::AppError::internal())
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlTemplateElement};

    /// Appends the messages in `html` the log does not show yet; how many it added.
    pub fn append_new(log: &Element, html: &str) -> usize {
        let Some(template) = leptos::prelude::document()
            .create_element("template")
            .ok()
            .and_then(|e| e.dyn_into::<HtmlTemplateElement>().ok())
        else {
            return 0;
        };
        template.set_inner_html(html);
        let incoming = template.content().children();
        let mut added = 0;
        // `children` is live: take each first element until none is left.
        while let Some(message) = incoming.item(0) {
            let id = message.get_attribute("data-message-id").unwrap_or_default();
            let selector = format!(r#"[data-message-id="{id}"]"#);
            let shown = log.query_selector(&selector).ok().flatten().is_some();
            if shown || log.append_child(&message).is_err() {
                message.remove();
            } else {
                added += 1;
            }
        }
        added
    }

    /// The newest message's id, for the stream to start after.
    pub fn last_id(log: &Element) -> i64 {
        log.query_selector_all("[data-message-id]")
            .ok()
            .and_then(|all| all.item(all.length().checked_sub(1)?))
            .and_then(|node| node.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("data-message-id"))
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    }
}
