//! The cart, as one piece that both the cart page and the header's drawer show. Every
//! control is a plain form to a server function (so it works without JS, each post
//! coming back to the cart page); once hydrated, the same server functions are called in
//! place and the lines, totals and header count update at once.

use crate::server::cart::{RemoveCartLine, UpdateCartLine};
use leptos::{prelude::*, server_fn::ServerFn};

// The cart as the server function renders it for the islands (defined with it: the
// server side takes nothing from the UI).
pub use crate::server::cart::{CartDisplay, CartDisplayLine, CartTexts};

/// The header's cart link and count; once hydrated it opens a drawer with the cart
/// instead, and follows changes made elsewhere on the page (`dokkan:cart-added` opens the
/// drawer, `dokkan:cart-changed` refreshes the count).
#[island]
pub fn CartButton(count: u32, label: String, texts: CartTexts) -> impl IntoView {
    let initial_count = count;
    let cart = RwSignal::new(CartDisplay::default());
    let loaded = RwSignal::new(false);
    let open = RwSignal::new(false);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let lang = StoredValue::new(texts.lang.clone());
    let load = move || {
        let lang = lang.get_value();
        leptos::task::spawn_local(async move {
            if let Ok(next) = crate::server::cart::cart_view(lang).await {
                cart.set(next);
                loaded.set(true);
            }
        });
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
        let relayed = window_event_listener_untyped("dokkan:replay-cart", move |_| replay());
        on_cleanup(move || {
            added.remove();
            changed.remove();
            waiting.remove();
            back.remove();
            relayed.remove();
        });
    }
    let locale =
        dokkan_core::Locale::from_url_segment(&texts.lang).unwrap_or(dokkan_core::Locale::DEFAULT);
    let count = move || {
        let n = if loaded.get() {
            cart.with(|c| c.count)
        } else {
            initial_count
        } + queued.get() as u32;
        locale.digits(&n.to_string())
    };
    let texts = StoredValue::new(texts);
    view! {
        <div class="cart-button" data-hydrated=move || hydrated.get().to_string()>
            <a
                href=texts.with_value(|t| t.cart_href.clone())
                class="cart-link"
                data-testid="cart-link"
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
            <Show when=move || open.get()>
                <div class="cart-drawer-backdrop" on:click=move |_| open.set(false)></div>
                <div
                    class="cart-drawer"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="cart-drawer-title"
                    data-testid="cart-drawer"
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }
                >
                    <div class="cart-drawer-head">
                        <h2 id="cart-drawer-title">{texts.with_value(|t| t.title.clone())}</h2>
                        <button type="button" class="button-link" on:click=move |_| open.set(false) autofocus>
                            {texts.with_value(|t| t.close.clone())}
                        </button>
                    </div>
                    <Show when=move || loaded.get()>
                        <CartPanel cart texts=texts.get_value() in_drawer=true/>
                    </Show>
                </div>
            </Show>
        </div>
    }
}

/// The cart page's body.
#[island]
pub fn CartPage(initial: CartDisplay, texts: CartTexts) -> impl IntoView {
    let cart = RwSignal::new(initial);
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    view! {
        <div class="cart-page" data-hydrated=move || hydrated.get().to_string()>
            <CartPanel cart texts in_drawer=false/>
        </div>
    }
}

/// Lines with their controls, the subtotal and the way to checkout.
#[component]
fn CartPanel(cart: RwSignal<CartDisplay>, texts: CartTexts, in_drawer: bool) -> impl IntoView {
    let texts = StoredValue::new(texts);
    let (error, set_error) = signal(None::<String>);
    let apply = move |result: Result<CartDisplay, crate::error::AppError>| match result {
        Ok(next) => {
            set_error.set(None);
            cart.set(next);
            #[cfg(feature = "hydrate")]
            announce_cart_change();
        }
        Err(_) => set_error.set(Some(texts.with_value(|t| t.failed.clone()))),
    };
    let lines = move || {
        cart.get()
            .lines
            .into_iter()
            .map(|line| view! { <CartLineRow line texts apply/> })
            .collect_view()
    };
    view! {
        <div class="cart-panel" data-testid="cart-panel">
            <p class="form-error" role="alert" hidden=move || error.get().is_none()>
                {move || error.get()}
            </p>
            <Show
                when=move || !cart.with(|c| c.lines.is_empty())
                fallback=move || view! { <p data-testid="cart-empty">{texts.with_value(|t| t.empty.clone())}</p> }
            >
                <ul class="cart-lines" role="list">{lines}</ul>
                <div class="cart-summary">
                    <p class="cart-subtotal">
                        <span>{move || texts.with_value(|t| t.subtotal.clone())}</span>
                        " "
                        <span class="cart-count-text">"(" {move || cart.get().count_text} ")"</span>
                        " "
                        <strong data-testid="cart-subtotal">{move || cart.get().subtotal}</strong>
                    </p>
                    <p class="cart-note">{texts.with_value(|t| t.shipping_note.clone())}</p>
                    {in_drawer.then(|| view! {
                        <a class="button-secondary" href=texts.with_value(|t| t.cart_href.clone())>
                            {texts.with_value(|t| t.view_cart.clone())}
                        </a>
                    })}
                    <Show
                        when=move || cart.get().ready
                        fallback=move || view! {
                            <span class="button-primary button-disabled" aria-disabled="true">
                                {texts.with_value(|t| t.checkout.clone())}
                            </span>
                        }
                    >
                        <a class="button-primary" data-testid="checkout-link" href=texts.with_value(|t| t.checkout_href.clone())>
                            {texts.with_value(|t| t.checkout.clone())}
                        </a>
                    </Show>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn CartLineRow(
    line: CartDisplayLine,
    texts: StoredValue<CartTexts>,
    apply: impl Fn(Result<CartDisplay, crate::error::AppError>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lang = texts.with_value(|t| t.lang.clone());
    let id = line.variant_id;
    let quantity_id = format!("cart-quantity-{id}");
    let (busy, set_busy) = signal(false);
    let on_update = {
        let lang = lang.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(quantity) =
                field_value(&ev, "quantity").and_then(|v| v.trim().parse::<u32>().ok())
            else {
                return;
            };
            let lang = lang.clone();
            set_busy.set(true);
            leptos::task::spawn_local(async move {
                apply(crate::server::cart::update_cart_line(lang, id, quantity).await);
                set_busy.set(false);
            });
        }
    };
    let on_remove = {
        let lang = lang.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let lang = lang.clone();
            set_busy.set(true);
            leptos::task::spawn_local(async move {
                apply(crate::server::cart::remove_cart_line(lang, id).await);
                set_busy.set(false);
            });
        }
    };
    view! {
        <li class="cart-line" class:cart-line-blocked=line.blocking data-testid="cart-line" aria-busy=move || busy.get().to_string()>
            {line.image.clone().map(|src| view! { <img src=src alt="" width="72" height="72" loading="lazy"/> })}
            <div class="cart-line-text">
                <a href=line.href.clone()>{line.name.clone()}</a>
                {(!line.options.is_empty()).then(|| view! { <span class="cart-line-options">{line.options.clone()}</span> })}
                <span class="cart-line-price">{line.price.clone()}</span>
                {line.issue.clone().map(|text| view! {
                    <span class="cart-line-issue" class:cart-line-issue-blocking=line.blocking role="status" data-testid="cart-line-issue">{text}</span>
                })}
            </div>
            <strong class="cart-line-total">{line.total.clone()}</strong>
            <div class="cart-line-controls">
            <form method="post" action=UpdateCartLine::PATH class="cart-line-quantity" on:submit=on_update>
                <input type="hidden" name="lang" value=lang.clone()/>
                <input type="hidden" name="variant_id" value=id.to_string()/>
                <label for=quantity_id.clone()>{texts.with_value(|t| t.quantity.clone())}</label>
                <input
                    id=quantity_id
                    name="quantity"
                    type="number"
                    inputmode="numeric"
                    min="0"
                    max=line.max.max(line.quantity)
                    value=line.quantity.to_string()
                    data-testid="cart-line-quantity"
                />
                <button type="submit" class="button-secondary">{texts.with_value(|t| t.update.clone())}</button>
            </form>
            <form method="post" action=RemoveCartLine::PATH on:submit=on_remove>
                <input type="hidden" name="lang" value=lang/>
                <input type="hidden" name="variant_id" value=id.to_string()/>
                <button type="submit" class="button-link" data-testid="cart-line-remove">
                    {texts.with_value(|t| t.remove.clone())}
                </button>
            </form>
            </div>
        </li>
    }
}

/// A named field's value from the form that fired `ev`.
fn field_value(ev: &leptos::ev::SubmitEvent, name: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
        let data = web_sys::FormData::new_with_form(&form).ok()?;
        data.get(name).as_string()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, name);
        None
    }
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
