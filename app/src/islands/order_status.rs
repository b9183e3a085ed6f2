//! An order's status that changes on the page when staff move the order: the server
//! renders the current status, and once hydrated the island listens to the order's event
//! stream (server-sent events, fed by PostgreSQL `NOTIFY`) and shows each new status.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusLabel {
    pub status: String,
    pub label: String,
}

#[island]
pub fn LiveStatus(
    /// The order's event stream.
    url: String,
    status: String,
    labels: Vec<StatusLabel>,
) -> impl IntoView {
    let (status, set_status) = signal(status);
    let (live, set_live) = signal(false);
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        if let Ok(source) = web_sys::EventSource::new(&url) {
            let on_status = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
                move |event: web_sys::MessageEvent| {
                    if let Some(next) = event.data().as_string() {
                        set_status.set(next);
                    }
                },
            );
            let _ = source
                .add_event_listener_with_callback("status", on_status.as_ref().unchecked_ref());
            on_status.forget();
            let on_open = Closure::<dyn FnMut()>::new(move || set_live.set(true));
            source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            on_open.forget();
            // The page never unmounts the island: the stream lives as long as the page.
            std::mem::forget(source);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&url, set_status, set_live);
    let labels = StoredValue::new(labels);
    let label = move || {
        let current = status.get();
        labels.with_value(|labels| {
            labels
                .iter()
                .find(|l| l.status == current)
                .map(|l| l.label.clone())
                .unwrap_or(current)
        })
    };
    view! {
        <span
            class="order-status"
            data-status=move || status.get()
            data-live=move || live.get().to_string()
            data-testid="order-status"
            role="status"
        >
            {label}
        </span>
    }
}
