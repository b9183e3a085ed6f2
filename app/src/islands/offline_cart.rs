//! Add-to-cart while offline: the action waits in the browser's storage (`localStorage`
//! through `gloo-storage`) with a key of its own, the header's count includes it, and it
//! is sent when the connection comes back (the `online` event, a Background Sync the
//! service worker relays, or the next page). The server applies each key once, so an
//! action sent twice (two tabs, a sync and an `online` at once) is added once.

#[cfg(feature = "hydrate")]
mod browser {
    use gloo_storage::{LocalStorage, Storage};
    use serde::{Deserialize, Serialize};

    /// One queued action, as stored.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Queued {
        pub key: String,
        pub lang: String,
        pub sku: String,
        pub quantity: String,
    }

    /// Told when the queue grows, so the header's count and the service worker's sync
    /// follow.
    pub const QUEUED_EVENT: &str = "dokkan:cart-queued";

    const STORE: &str = "dokkan.cart-queue";

    pub fn queue() -> Vec<Queued> {
        LocalStorage::get(STORE).unwrap_or_default()
    }

    fn save(queue: &[Queued]) {
        if queue.is_empty() {
            LocalStorage::delete(STORE);
        } else {
            let _ = LocalStorage::set(STORE, queue);
        }
    }

    /// A key no other action of this browser has: time and randomness, base 36.
    fn new_key() -> String {
        let part = |n: f64| {
            let mut n = n as u64;
            let mut out = String::new();
            while n > 0 {
                let digit = (n % 36) as u32;
                out.push(char::from_digit(digit, 36).unwrap_or('0'));
                n /= 36;
            }
            out
        };
        let random = || (js_sys::Math::random() * 1e15).floor();
        format!(
            "{}-{}{}",
            part(js_sys::Date::now()),
            part(random()),
            part(random())
        )
    }

    pub fn online() -> bool {
        web_sys::window().is_none_or(|w| w.navigator().on_line())
    }

    /// Queues an action and says so to the page.
    pub fn push(lang: String, sku: String, quantity: String) {
        let mut all = queue();
        all.push(Queued {
            key: new_key(),
            lang,
            sku,
            quantity,
        });
        save(&all);
        announce(QUEUED_EVENT);
    }

    pub fn announce(name: &str) {
        if let Some(window) = web_sys::window() {
            if let Ok(event) = web_sys::CustomEvent::new(name) {
                let _ = window.dispatch_event(&event);
            }
        }
    }

    /// Sends what is queued, oldest first; stops at the first network failure (still
    /// offline) and keeps the rest. An action the server refuses (sold out meanwhile) is
    /// dropped: replaying it cannot succeed. Returns whether anything was sent.
    pub async fn replay() -> bool {
        let mut sent = false;
        for action in queue() {
            use leptos::server_fn::ServerFn;
            let fields = [
                ("lang", action.lang.as_str()),
                ("sku", &action.sku),
                ("quantity", &action.quantity),
                ("key", &action.key),
            ];
            let url = crate::server::cart::AddToCart::PATH;
            let posted = crate::islands::fetch::post_fields(url, &fields).await;
            let answer = crate::islands::fetch::decode::<crate::server::cart::Added>(posted).await;
            if matches!(&answer, Err(e) if e.kind == crate::error::ErrorKind::Network) {
                break;
            }
            save(
                &queue()
                    .into_iter()
                    .filter(|q| q.key != action.key)
                    .collect::<Vec<_>>(),
            );
            sent = true;
        }
        sent
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{online, push, queue, replay, QUEUED_EVENT};
