//! Order notifications, opt-in: a button on the order page ("Notify me about this
//! order") and the account page ("Turn on order notifications"). Nothing is asked on
//! load. A click asks the browser's permission, subscribes the service worker's push
//! manager with the shop's VAPID key (`GET /api/v1/push/key`) and hands the subscription
//! to `POST /api/v1/push/subscriptions` (for the order, with its key, or for the
//! account); "turn off" removes it there. Without JS, or in a browser without push, the
//! button stays hidden.

use leptos::prelude::*;

crate::island_texts! {
    /// Already-translated texts.
    pub struct PushTexts {
        pub subscribe,
        pub busy,
        pub subscribed,
        pub unsubscribe,
        pub unsubscribed,
        pub denied,
        pub unsupported,
        pub failed,
    }
}

impl PushTexts {
    /// The texts in `locale`, with `subscribe` (a Fluent key) on the button.
    pub fn new(locale: dokkan_core::Locale, subscribe: &str) -> PushTexts {
        let t = |key: &str| crate::i18n::t(locale, key);
        PushTexts {
            subscribe: t(subscribe),
            busy: t("push-subscribe-busy"),
            subscribed: t("push-subscribed"),
            unsubscribe: t("push-unsubscribe"),
            unsubscribed: t("push-unsubscribed"),
            denied: t("push-denied"),
            unsupported: t("push-unsupported"),
            failed: t("push-failed"),
        }
    }
}

/// What the island shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum State {
    /// Before hydration, or in a browser without push: nothing.
    Hidden,
    Off,
    Busy,
    On,
}

#[island]
pub fn PushButton(
    texts: PushTexts,
    /// The page's language: the notifications speak it.
    locale: String,
    /// Follow this order (a guest with its key, or its owner) instead of the account.
    #[prop(optional)]
    order: Option<String>,
    #[prop(optional)] order_key: Option<String>,
) -> impl IntoView {
    let (state, set_state) = signal(State::Hidden);
    let (message, set_message) = signal(None::<String>);
    let follow = StoredValue::new((locale, order, order_key));
    let texts = StoredValue::new(texts);

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if browser::supported() {
            set_state.set(State::Off);
        }
    });

    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let turning_on = state.get_untracked() == State::Off;
            if !matches!(state.get_untracked(), State::Off | State::On) {
                return;
            }
            set_state.set(State::Busy);
            set_message.set(None);
            let (locale, order, key) = follow.get_value();
            leptos::task::spawn_local(async move {
                let texts = texts.get_value();
                let (next, note) = if turning_on {
                    match browser::subscribe(&locale, order.as_deref(), key.as_deref()).await {
                        Ok(()) => (State::On, texts.subscribed),
                        Err(browser::Failure::Denied) => (State::Off, texts.denied),
                        Err(browser::Failure::Unsupported) => (State::Off, texts.unsupported),
                        Err(browser::Failure::Failed) => (State::Off, texts.failed),
                    }
                } else {
                    match browser::unsubscribe(order.as_deref(), key.as_deref()).await {
                        Ok(()) => (State::Off, texts.unsubscribed),
                        Err(_) => (State::On, texts.failed),
                    }
                };
                set_state.set(next);
                set_message.set(Some(note));
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (follow, set_state, set_message);
    };
    let label = move || {
        texts.with_value(|t| match state.get() {
            State::Busy => t.busy.clone(),
            State::On => t.unsubscribe.clone(),
            State::Hidden | State::Off => t.subscribe.clone(),
        })
    };
    view! {
        <div class="push-optin" hidden=move || state.get() == State::Hidden data-testid="push-optin">
            <button
                type="button"
                class="button-secondary"
                data-testid="push-button"
                data-state=move || format!("{:?}", state.get()).to_lowercase()
                aria-busy=move || (state.get() == State::Busy).to_string()
                on:click=on_click
            >
                {label}
            </button>
            <p class="push-message" role="status" data-testid="push-message">
                {move || message.get()}
            </p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;

    pub enum Failure {
        Denied,
        Unsupported,
        Failed,
    }

    fn has(target: &JsValue, name: &str) -> bool {
        js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
    }

    /// Service workers, the Push API and notifications all exist here.
    pub fn supported() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        has(&window.navigator(), "serviceWorker")
            && has(&window, "PushManager")
            && has(&window, "Notification")
    }

    async fn wait(promise: js_sys::Promise) -> Result<JsValue, Failure> {
        JsFuture::from(promise).await.map_err(|_| Failure::Failed)
    }

    /// Sends `body` (JSON) to the subscriptions endpoint; whether it was accepted.
    async fn call(method: &str, body: &str) -> Result<web_sys::Response, Failure> {
        let window = web_sys::window().ok_or(Failure::Failed)?;
        let headers = web_sys::Headers::new().map_err(|_| Failure::Failed)?;
        headers
            .set("Content-Type", "application/json")
            .map_err(|_| Failure::Failed)?;
        let init = web_sys::RequestInit::new();
        init.set_method(method);
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(body));
        let response = wait(window.fetch_with_str_and_init("/api/v1/push/subscriptions", &init))
            .await?
            .dyn_into::<web_sys::Response>()
            .map_err(|_| Failure::Failed)?;
        if response.ok() {
            Ok(response)
        } else {
            Err(Failure::Failed)
        }
    }

    /// The browser's current push subscription as JSON (`toJSON()`), if any.
    async fn current() -> Result<Option<js_sys::Object>, Failure> {
        let window = web_sys::window().ok_or(Failure::Failed)?;
        let workers = window.navigator().service_worker();
        let registration: web_sys::ServiceWorkerRegistration =
            wait(workers.ready().map_err(|_| Failure::Failed)?)
                .await?
                .unchecked_into();
        let manager = registration.push_manager().map_err(|_| Failure::Failed)?;
        let found = wait(manager.get_subscription().map_err(|_| Failure::Failed)?).await?;
        if found.is_null() || found.is_undefined() {
            return Ok(None);
        }
        plain(&found).map(Some)
    }

    /// A subscription as the plain object its JSON describes (endpoint, keys). Built with
    /// the browser's own JSON, so no JSON value type of ours reaches the WASM.
    fn plain(value: &JsValue) -> Result<js_sys::Object, Failure> {
        js_sys::JSON::stringify(value)
            .ok()
            .and_then(|text| js_sys::JSON::parse(&String::from(text)).ok())
            .and_then(|object| object.dyn_into::<js_sys::Object>().ok())
            .ok_or(Failure::Failed)
    }

    fn set(object: &js_sys::Object, name: &str, value: &JsValue) {
        let _ = js_sys::Reflect::set(object, &JsValue::from_str(name), value);
    }

    fn follow(body: &js_sys::Object, order: Option<&str>, key: Option<&str>) {
        if let Some(order) = order {
            set(body, "order", &JsValue::from_str(order));
            set(body, "key", &JsValue::from_str(key.unwrap_or("")));
        }
    }

    fn text(body: &js_sys::Object) -> Result<String, Failure> {
        js_sys::JSON::stringify(body)
            .map(String::from)
            .map_err(|_| Failure::Failed)
    }

    pub async fn subscribe(
        locale: &str,
        order: Option<&str>,
        key: Option<&str>,
    ) -> Result<(), Failure> {
        let window = web_sys::window().ok_or(Failure::Failed)?;
        // Asked here, on the shopper's click, never on load.
        let asked =
            web_sys::Notification::request_permission().map_err(|_| Failure::Unsupported)?;
        if wait(asked).await?.as_string().as_deref() != Some("granted") {
            return Err(Failure::Denied);
        }
        let workers = window.navigator().service_worker();
        // No service worker on this page (yet): `ready` would wait for ever.
        if wait(workers.get_registration()).await?.is_undefined() {
            return Err(Failure::Failed);
        }
        let registration: web_sys::ServiceWorkerRegistration =
            wait(workers.ready().map_err(|_| Failure::Failed)?)
                .await?
                .unchecked_into();
        let answer: web_sys::Response = wait(window.fetch_with_str("/api/v1/push/key"))
            .await?
            .unchecked_into();
        let served = wait(answer.json().map_err(|_| Failure::Failed)?).await?;
        let server_key = js_sys::Reflect::get(&served, &JsValue::from_str("key"))
            .map_err(|_| Failure::Failed)?;
        let options = web_sys::PushSubscriptionOptionsInit::new();
        options.set_user_visible_only(true);
        options.set_application_server_key(&server_key);
        let manager = registration.push_manager().map_err(|_| Failure::Failed)?;
        let subscribed = manager
            .subscribe_with_options(&options)
            .map_err(|_| Failure::Failed)?;
        let body = plain(&wait(subscribed).await?)?;
        set(&body, "locale", &JsValue::from_str(locale));
        follow(&body, order, key);
        call("POST", &text(&body)?).await.map(|_| ())
    }

    pub async fn unsubscribe(order: Option<&str>, key: Option<&str>) -> Result<(), Failure> {
        let Some(subscription) = current().await? else {
            return Ok(());
        };
        let body = js_sys::Object::new();
        let endpoint = js_sys::Reflect::get(&subscription, &JsValue::from_str("endpoint"))
            .map_err(|_| Failure::Failed)?;
        set(&body, "endpoint", &endpoint);
        follow(&body, order, key);
        call("DELETE", &text(&body)?).await.map(|_| ())
    }
}
