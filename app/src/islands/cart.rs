//! The cart islands: the header's button and drawer, and the cart page. The server
//! renders the cart (`components::CartPanelView`), where every control is a plain form
//! to a server function, so it all works without JS. Once hydrated, the islands post
//! those forms with `fetch` and put the panel the server renders back in place; the
//! header's count follows the panel's `data-count`.

use leptos::prelude::*;

pub use crate::server::cart::CartTexts;

/// The header's cart link and count; once hydrated it opens a drawer with the cart
/// instead, and follows changes made elsewhere on the page (`dokkan:cart-added` opens the
/// drawer, `dokkan:cart-changed` refreshes the count).
#[island]
pub fn CartButton(count: u32, label: String, texts: CartTexts) -> impl IntoView {
    let (shown, set_shown) = signal(count);
    let open = RwSignal::new(false);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let body = NodeRef::<leptos::html::Div>::new();
    let close = NodeRef::<leptos::html::Button>::new();
    let link = NodeRef::<leptos::html::A>::new();
    let lang = StoredValue::new(texts.lang.clone());
    let load = move || {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            use leptos::server_fn::ServerFn;
            let lang = lang.get_value();
            let url = crate::server::cart::CartView::PATH;
            let answer = super::fetch::post_fields(url, &[("lang", &lang)]).await;
            if let (Ok(html), Some(el)) = (super::fetch::rendered(answer).await, body.get()) {
                el.set_inner_html(&html);
                if let Some(n) = panel_count(&el) {
                    set_shown.set(n);
                }
                // A closed drawer keeps no copy of the cart in the page.
                if !open.get_untracked() {
                    el.set_inner_html("");
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (lang, body, set_shown);
    };
    // Focus goes back to the link, and the drawer keeps no copy of the cart.
    let close_drawer = move || {
        open.set(false);
        if let Some(el) = body.get_untracked() {
            el.set_inner_html("");
        }
        if let Some(link) = link.get_untracked() {
            let _ = link.focus();
        }
    };
    // Add-to-cart actions waiting for the connection (islands/offline_cart.rs) count too.
    let queued = RwSignal::new(0usize);
    #[cfg(feature = "hydrate")]
    {
        use super::offline_cart;
        let replay = move || {
            if offline_cart::queue().is_empty() || !offline_cart::online() {
                return;
            }
            leptos::task::spawn_local(async move {
                if offline_cart::replay().await {
                    load();
                    announce_cart_change();
                }
                queued.set(offline_cart::queue().len());
            });
        };
        queued.set(offline_cart::queue().len());
        replay();
        let added = window_event_listener_untyped("dokkan:cart-added", move |_| {
            load();
            open.set(true);
        });
        let changed = window_event_listener_untyped("dokkan:cart-changed", move |_| load());
        let waiting = window_event_listener_untyped(offline_cart::QUEUED_EVENT, move |_| {
            queued.set(offline_cart::queue().len())
        });
        let back = window_event_listener_untyped("online", move |_| replay());
        // Escape closes the drawer wherever focus is (a replaced panel takes the focused
        // button with it).
        let escape = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.key() == "Escape" && open.get_untracked() {
                close_drawer();
            }
        });
        let relayed = window_event_listener_untyped("dokkan:replay-cart", move |_| replay());
        on_cleanup(move || {
            added.remove();
            changed.remove();
            waiting.remove();
            back.remove();
            relayed.remove();
            escape.remove();
        });
    }
    // The drawer is a dialog: focus goes into it when it opens.
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = close.get() {
                let _ = button.focus();
            }
        }
    });
    let locale =
        dokkan_core::Locale::from_url_segment(&texts.lang).unwrap_or(dokkan_core::Locale::DEFAULT);
    let count = move || locale.digits(&(shown.get() + queued.get() as u32).to_string());
    let failed = texts.failed.clone();
    view! {
        <div class="cart-button" data-hydrated=move || hydrated.get().to_string()>
            <a
                href=texts.cart_href
                class="cart-link"
                data-testid="cart-link"
                node_ref=link
                on:click=move |ev| {
                    if hydrated.get_untracked() {
                        ev.prevent_default();
                        load();
                        open.set(true);
                    }
                }
            >
                <span>{label}</span>
                " "
                <span class="cart-count" data-testid="cart-count">{count}</span>
            </a>
            <div class="cart-drawer-backdrop" hidden=move || !open.get() on:click=move |_| close_drawer()></div>
            <div
                class="cart-drawer"
                role="dialog"
                aria-modal="true"
                aria-labelledby="cart-drawer-title"
                data-testid="cart-drawer"
                hidden=move || !open.get()
            >
                <div class="cart-drawer-head">
                    <h2 id="cart-drawer-title">{texts.title}</h2>
                    <button
                        type="button"
                        class="button-link"
                        node_ref=close
                        on:click=move |_| close_drawer()
                    >
                        {texts.close}
                    </button>
                </div>
                <div node_ref=body tabindex="-1" on:submit=move |ev| submit(ev, body, failed.clone(), Some(set_shown))></div>
            </div>
        </div>
    }
}

/// The cart page's body: the server-rendered panel (`children`), whose forms it posts in
/// place.
#[island]
pub fn CartPage(
    /// Said when a change could not be made (network down, server error).
    failed: String,
    children: Children,
) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let slot = NodeRef::<leptos::html::Div>::new();
    view! {
        <div
            class="cart-page"
            data-hydrated=move || hydrated.get().to_string()
            node_ref=slot
            tabindex="-1"
            on:submit=move |ev| submit(ev, slot, failed.clone(), None)
        >
            {children()}
        </div>
    }
}

/// A cart form inside `slot` was sent: post it and put the panel that comes back in
/// place, or say `failed` in the panel's alert and leave everything as it was. The
/// header's button follows the new count in `set_count`; the cart page shows none (the
/// header follows it through `dokkan:cart-changed`).
fn submit(
    ev: leptos::ev::SubmitEvent,
    slot: NodeRef<leptos::html::Div>,
    failed: String,
    set_count: Option<WriteSignal<u32>>,
) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        let line = form.closest(".cart-line").ok().flatten();
        // The line's quantity field gets the focus back once the panel is replaced.
        let field = form
            .query_selector("input[name=quantity]")
            .ok()
            .flatten()
            .map(|input| input.id());
        if let Some(line) = &line {
            let _ = line.set_attribute("aria-busy", "true");
        }
        leptos::task::spawn_local(async move {
            let answer = super::fetch::rendered(super::fetch::post_form(&form).await).await;
            let Some(el) = slot.get_untracked() else {
                return;
            };
            match answer {
                Ok(html) => {
                    el.set_inner_html(&html);
                    if let (Some(n), Some(set_count)) = (panel_count(&el), set_count) {
                        set_count.set(n);
                    }
                    let again = field.and_then(|id| document().get_element_by_id(&id));
                    match again.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                        Some(input) => {
                            let _ = input.focus();
                        }
                        // The line is gone: the panel itself keeps the focus.
                        None => {
                            let _ = el.focus();
                        }
                    }
                    announce_cart_change();
                }
                Err(()) => {
                    if let Some(line) = &line {
                        let _ = line.set_attribute("aria-busy", "false");
                    }
                    if let Ok(Some(alert)) = el.query_selector(".cart-panel > .form-error") {
                        alert.set_text_content(Some(&failed));
                        let _ = alert.remove_attribute("hidden");
                    }
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, slot, failed, set_count);
}

/// The count the panel in `el` was rendered with.
#[cfg(feature = "hydrate")]
fn panel_count(el: &web_sys::Element) -> Option<u32> {
    el.query_selector(".cart-panel")
        .ok()
        .flatten()?
        .get_attribute("data-count")?
        .parse()
        .ok()
}

/// Tells the rest of the page (the header's count and drawer) that the cart changed.
#[cfg(feature = "hydrate")]
pub fn announce_cart_change() {
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::CustomEvent::new("dokkan:cart-changed") {
            let _ = window.dispatch_event(&event);
        }
    }
}
