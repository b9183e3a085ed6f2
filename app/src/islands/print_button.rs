//! A button that opens the browser's print dialog (the packing slip). Without JS it stays
//! hidden and the browser's own Print command does the same.

use leptos::prelude::*;

// An island only on the server and in the staff bundle: the shopper's WASM leaves it out.
#[cfg_attr(any(feature = "ssr", feature = "admin"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "admin")), component)]
pub fn PrintButton(label: String) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <button type="button" class="button-primary no-print" hidden=move || !hydrated.get() on:click=print>
            {label}
        </button>
    }
}
