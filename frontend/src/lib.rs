//! The browser entry point. Only `#[island]` components hydrate.

// Naming the crate links its islands into the WASM; without it nothing hydrates, silently.
use app as _;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
