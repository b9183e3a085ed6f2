//! The chat panel's island (`components::ChatDock` renders all of it): once hydrated the
//! launcher opens the panel instead of the plain chat page; Escape and the close button
//! shut it and give focus back. It talks to the assistant and follows the conversation's
//! event stream, so a staff reply appears as it is sent. The server renders every
//! message (`server::assistant::panel::render`) and the panel itself: the island places
//! the HTML and answers clicks on its buttons, and draws nothing of its own, so the WASM
//! carries no views, texts or signals for it. A microphone button appears where the
//! browser can listen.

use leptos::prelude::*;

#[island]
pub fn ChatPanel(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| browser::start());
    children()
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::{fetch, voice};
    use crate::{
        error::AppError,
        server::assistant::panel::{AssistantPanelSay, AssistantPanelView, PanelChat},
    };
    use leptos::{
        prelude::{document, request_animation_frame},
        server_fn::ServerFn,
        task::spawn_local,
    };
    use std::{
        cell::{Cell, RefCell},
        rc::Rc,
    };
    use wasm_bindgen::{closure::Closure, JsCast};
    use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlTemplateElement};

    /// The panel's elements and what it remembers.
    struct Panel {
        launcher: HtmlElement,
        panel: Element,
        log: Element,
        empty: Element,
        note: Element,
        problem: Element,
        input: HtmlInputElement,
        send: Element,
        lang: String,
        failed: String,
        conversation: RefCell<Option<String>>,
        busy: Cell<bool>,
        loaded: Cell<bool>,
        following: Cell<bool>,
        listening: Cell<bool>,
    }

    fn find<T: JsCast>(root: &Element, selector: &str) -> Option<T> {
        root.query_selector(selector).ok()??.dyn_into().ok()
    }

    /// Calls `f` on every `name` event at `target`, as long as the page lives.
    fn on(target: &Element, name: &str, f: impl FnMut(Event) + 'static) {
        let closure = Closure::<dyn FnMut(Event)>::new(f);
        let _ = target.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        closure.forget();
    }

    pub fn start() {
        let Some(dock) = document().query_selector(".chat-dock").ok().flatten() else {
            return;
        };
        let (
            Some(launcher),
            Some(panel),
            Some(log),
            Some(empty),
            Some(note),
            Some(problem),
            Some(input),
            Some(send),
        ) = (
            find(&dock, ".chat-launcher"),
            find::<Element>(&dock, ".chat-panel"),
            find::<Element>(&dock, ".chat-log"),
            find(&dock, ".chat-empty"),
            find(&dock, ".chat-note"),
            find(&dock, ".chat-problem"),
            find(&dock, "#chat-panel-text"),
            find(&dock, "button[type=submit]"),
        )
        else {
            return;
        };
        let this = Rc::new(Panel {
            launcher,
            panel: panel.clone(),
            log: log.clone(),
            empty,
            note,
            problem,
            input,
            send,
            lang: dock.get_attribute("data-lang").unwrap_or_default(),
            failed: dock.get_attribute("data-failed").unwrap_or_default(),
            conversation: RefCell::new(None),
            busy: Cell::new(false),
            loaded: Cell::new(false),
            following: Cell::new(false),
            listening: Cell::new(false),
        });
        let launcher: Element = this.launcher.clone().into();
        on(&launcher, "click", {
            let this = this.clone();
            move |event| {
                event.prevent_default();
                open(&this);
            }
        });
        if let Some(close_button) = find::<Element>(&dock, ".chat-close") {
            let this = this.clone();
            on(&close_button, "click", move |_| close(&this));
        }
        on(&panel, "keydown", {
            let this = this.clone();
            move |event| {
                let escape = event
                    .dyn_ref::<web_sys::KeyboardEvent>()
                    .is_some_and(|k| k.key() == "Escape");
                if escape {
                    close(&this);
                }
            }
        });
        // The answer buttons inside the server's HTML.
        on(&log, "click", {
            let this = this.clone();
            move |event| {
                let button = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| {
                        e.closest("button[data-chat-action], button[data-chat-text]")
                            .ok()
                            .flatten()
                    });
                if let Some(button) = button {
                    let action = button.get_attribute("data-chat-action");
                    let text = button.get_attribute("data-chat-text").unwrap_or_default();
                    say(&this, text, action);
                }
            }
        });
        if let Some(form) = find::<Element>(&dock, ".chat-compose") {
            let this = this.clone();
            on(&form, "submit", move |event| {
                event.prevent_default();
                say(&this, this.input.value(), None);
            });
        }
        if voice::available() {
            add_voice(&this, &dock);
        }
        launcher.set_attribute("data-hydrated", "true").ok();
    }

    fn open(this: &Rc<Panel>) {
        this.panel.remove_attribute("hidden").ok();
        this.launcher.set_attribute("aria-expanded", "true").ok();
        load(this);
        let input = this.input.clone();
        request_animation_frame(move || {
            let _ = input.focus();
        });
    }

    fn close(this: &Panel) {
        this.panel.set_attribute("hidden", "").ok();
        this.launcher.set_attribute("aria-expanded", "false").ok();
        let _ = this.launcher.focus();
    }

    /// The conversation's state: a person has taken it over, or the assistant answers.
    fn show_state(this: &Panel, state: &str) {
        let _ = this
            .note
            .toggle_attribute_with_force("hidden", state != "handed_over");
    }

    /// Only messages not shown yet: the stream repeats what an answer already brought, and
    /// redrawing the log would replace the buttons under the shopper's pointer. The
    /// newest comes into view.
    fn add(this: &Panel, html: &str) {
        if append_new(&this.log, html) > 0 {
            this.empty.set_attribute("hidden", "").ok();
            let log = this.log.clone();
            request_animation_frame(move || log.set_scroll_top(log.scroll_height()));
        }
    }

    /// What the conversation holds so far, the first time the panel opens.
    fn load(this: &Rc<Panel>) {
        if this.loaded.replace(true) {
            return;
        }
        let this = this.clone();
        spawn_local(async move {
            let sent = fetch::post_fields(AssistantPanelView::PATH, &[("lang", &this.lang)]).await;
            if let Ok(view) = fetch::decode::<PanelChat>(sent).await {
                answered(&this, view);
            }
        });
    }

    /// A typed message or an answer button's action.
    fn say(this: &Rc<Panel>, text: String, action: Option<String>) {
        if this.busy.get() || (text.trim().is_empty() && action.is_none()) {
            return;
        }
        this.busy.set(true);
        this.send.set_attribute("disabled", "").ok();
        show_problem(this, None);
        let this = this.clone();
        spawn_local(async move {
            let conversation = this.conversation.borrow().clone();
            let mut fields = vec![("lang", this.lang.as_str()), ("text", &text)];
            fields.extend(action.as_deref().map(|a| ("action", a)));
            fields.extend(conversation.as_deref().map(|c| ("conversation", c)));
            let sent = fetch::post_fields(AssistantPanelSay::PATH, &fields).await;
            match fetch::decode::<PanelChat>(sent).await {
                Ok(exchange) => {
                    if action.is_none() {
                        this.input.set_value("");
                    }
                    let cart_changed = exchange.cart_changed;
                    answered(&this, exchange);
                    if cart_changed {
                        super::super::cart::announce_cart_change();
                    }
                }
                Err(AppError { form, .. }) => {
                    let message = form.message.unwrap_or_else(|| this.failed.clone());
                    show_problem(&this, Some(&message));
                }
            }
            this.busy.set(false);
            this.send.remove_attribute("disabled").ok();
        });
    }

    /// The error line under the log: a message, or nothing (hidden, and no longer a
    /// `form-error` for the page's own checks to find).
    fn show_problem(this: &Panel, message: Option<&str>) {
        this.problem.set_text_content(message);
        let _ = this
            .problem
            .class_list()
            .toggle_with_force("form-error", message.is_some());
        let _ = this
            .problem
            .toggle_attribute_with_force("hidden", message.is_none());
    }

    fn answered(this: &Rc<Panel>, chat: PanelChat) {
        show_state(this, &chat.state);
        add(this, &chat.html);
        if let Some(conversation) = chat.conversation {
            let started = this.conversation.borrow().is_none();
            if started {
                *this.conversation.borrow_mut() = Some(conversation.clone());
            }
            follow(this, &conversation);
        }
    }

    /// The conversation's stream: staff replies (and answers given in another tab).
    fn follow(this: &Rc<Panel>, conversation: &str) {
        if this.following.replace(true) {
            return;
        }
        let url = format!(
            "/api/v1/assistant/conversations/{conversation}/events?after={}&lang={}&format=html",
            last_id(&this.log),
            this.lang
        );
        let Ok(source) = web_sys::EventSource::new(&url) else {
            return;
        };
        let this = this.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                // Each event is one rendered `<li>`.
                if let Some(html) = event.data().as_string() {
                    if html.contains(r#"data-author="staff""#) {
                        show_state(&this, "handed_over");
                    }
                    add(&this, &html);
                }
            },
        );
        let _ =
            source.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        on_message.forget();
        // The panel lives as long as the page.
        std::mem::forget(source);
    }

    /// The microphone, from the panel's template, where the browser can listen.
    fn add_voice(this: &Rc<Panel>, dock: &Element) {
        let Some(template) = find::<HtmlTemplateElement>(dock, ".chat-voice-template") else {
            return;
        };
        let Some(button) = template
            .content()
            .first_element_child()
            .and_then(|b| b.clone_node_with_deep(true).ok())
            .and_then(|b| b.dyn_into::<Element>().ok())
        else {
            return;
        };
        if template.replace_with_with_node_1(&button).is_err() {
            return;
        }
        let this = this.clone();
        let button_ref = button.clone();
        on(&button, "click", move |_| {
            if this.listening.get() {
                return;
            }
            let label = button_ref.query_selector("span").ok().flatten();
            let said = label
                .as_ref()
                .and_then(|l| l.text_content())
                .unwrap_or_default();
            let stop = button_ref.get_attribute("data-stop").unwrap_or_default();
            let heard = {
                let this = this.clone();
                move |words: String| {
                    this.input.set_value(&words);
                    say(&this, words, None);
                }
            };
            let done = {
                let this = this.clone();
                let button = button_ref.clone();
                let label = label.clone();
                move || {
                    this.listening.set(false);
                    button.set_attribute("aria-pressed", "false").ok();
                    if let Some(label) = &label {
                        label.set_text_content(Some(&said));
                    }
                }
            };
            if voice::listen(voice::speech_lang(&this.lang), heard, done) {
                this.listening.set(true);
                button_ref.set_attribute("aria-pressed", "true").ok();
                if let Some(label) = &label {
                    label.set_text_content(Some(&stop));
                }
            }
        });
    }

    /// Appends the messages in `html` the log does not show yet; how many it added.
    fn append_new(log: &Element, html: &str) -> usize {
        let Some(template) = document()
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
    fn last_id(log: &Element) -> i64 {
        log.query_selector_all("[data-message-id]")
            .ok()
            .and_then(|all| all.item(all.length().checked_sub(1)?))
            .and_then(|node| node.dyn_into::<Element>().ok())
            .and_then(|e| e.get_attribute("data-message-id"))
            .and_then(|id| id.parse().ok())
            .unwrap_or(0)
    }
}
