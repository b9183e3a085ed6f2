//! The product page's "add to cart": a plain form to the server function (without JS the
//! browser lands on the cart page); once hydrated it adds in place, says so, and tells the
//! header (`dokkan:cart-added`), which updates its count and opens the drawer. The variant
//! picker keeps the hidden SKU and the button's state in step with the chosen variant.

use super::QuantityStepper;
use crate::server::cart::AddToCart as AddToCartFn;
use leptos::{prelude::*, server_fn::ServerFn};

crate::island_texts! {
    pub struct AddToCartTexts {
        pub button,
        pub pending,
        pub sold_out,
        pub failed,
        pub quantity,
        pub decrease,
        pub increase,
        /// Said when the action waits for the connection.
        pub queued,
    }
}

#[island]
pub fn AddToCart(
    lang: String,
    sku: String,
    in_stock: bool,
    max: u32,
    texts: AddToCartTexts,
) -> impl IntoView {
    let (message, set_message) = signal(None::<(bool, String)>);
    let (pending, set_pending) = signal(false);
    let texts = StoredValue::new(texts);
    #[cfg(feature = "hydrate")]
    let on_submit = {
        let lang = lang.clone();
        move |ev: leptos::ev::SubmitEvent| {
            use wasm_bindgen::JsCast;
            ev.prevent_default();
            if pending.get_untracked() {
                return;
            }
            let Some(form) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            let Ok(data) = web_sys::FormData::new_with_form(&form) else {
                return;
            };
            let sku = data.get("sku").as_string().unwrap_or_default();
            let quantity = data.get("quantity").as_string().unwrap_or_default();
            let lang = lang.clone();
            let queued = texts.with_value(|t| t.queued.clone());
            // Offline: kept in the browser and sent when the connection returns.
            if !super::offline_cart::online() {
                super::offline_cart::push(lang, sku, quantity);
                set_message.set(Some((true, queued)));
                return;
            }
            set_pending.set(true);
            leptos::task::spawn_local(async move {
                let fields = [
                    ("lang", lang.as_str()),
                    ("sku", &sku),
                    ("quantity", &quantity),
                ];
                let sent = super::fetch::post_fields(AddToCartFn::PATH, &fields).await;
                match super::fetch::decode::<crate::server::cart::Added>(sent).await {
                    Err(error) if error.kind == crate::error::ErrorKind::Network => {
                        super::offline_cart::push(lang, sku, quantity);
                        set_message.set(Some((true, queued)));
                    }
                    Ok(added) => {
                        set_message.set(Some((true, added.message)));
                        if let Some(window) = web_sys::window() {
                            if let Ok(event) = web_sys::CustomEvent::new("dokkan:cart-added") {
                                let _ = window.dispatch_event(&event);
                            }
                        }
                    }
                    Err(error) if error.form_error().is_some() => set_message.set(Some((
                        false,
                        error
                            .form
                            .message
                            .unwrap_or_else(|| texts.with_value(|t| t.failed.clone())),
                    ))),
                    Err(_) => {
                        set_message.set(Some((false, texts.with_value(|t| t.failed.clone()))))
                    }
                }
                set_pending.set(false);
            });
        }
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| show_sticky_bar_when_scrolled_past());
    #[cfg(not(feature = "hydrate"))]
    let on_submit = move |_: leptos::ev::SubmitEvent| {
        let _ = (set_message, set_pending);
    };
    view! {
        <form method="post" action=AddToCartFn::PATH class="add-to-cart" id="add-to-cart-form" on:submit=on_submit>
            <input type="hidden" name="lang" value=lang/>
            <input type="hidden" name="sku" id="add-to-cart-sku" value=sku/>
            <QuantityStepper
                label=texts.with_value(|t| t.quantity.clone())
                decrease_label=texts.with_value(|t| t.decrease.clone())
                increase_label=texts.with_value(|t| t.increase.clone())
                max=max.max(1)
            />
            <button
                type="submit"
                id="add-to-cart-button"
                class="button-primary"
                disabled=!in_stock
                aria-busy=move || pending.get().to_string()
                data-testid="add-to-cart"
            >
                {move || if pending.get() { texts.with_value(|t| t.pending.clone()) } else { texts.with_value(|t| t.button.clone()) }}
            </button>
            <p class="add-to-cart-message" role="status" data-testid="add-to-cart-message">
                {move || message.get().map(|(ok, text)| view! {
                    <span class=if ok { "form-notice" } else { "form-error" }>{text}</span>
                })}
            </p>
        </form>
    }
}

/// The product page's sticky bar (`#sticky-cart`, a phone-only layout in the stylesheet)
/// shows once this form's button has scrolled off the top of the screen, and hides when
/// it comes back. Its own button submits this form (`form="add-to-cart-form"`).
///
/// The observed area reaches far below the screen, so "not intersecting" means "above
/// it" and a jump straight past the button (a fling, a restored scroll position) counts.
#[cfg(feature = "hydrate")]
fn show_sticky_bar_when_scrolled_past() {
    use wasm_bindgen::{closure::Closure, JsCast};
    let document = document();
    let (Some(button), Some(bar)) = (
        document.get_element_by_id("add-to-cart-button"),
        document.get_element_by_id("sticky-cart"),
    ) else {
        return;
    };
    let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let entry: web_sys::IntersectionObserverEntry = entries.pop().unchecked_into();
        let _ = bar.toggle_attribute_with_force("hidden", entry.is_intersecting());
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("0px 0px 100000px 0px");
    if let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
        on_change.as_ref().unchecked_ref(),
        &options,
    ) {
        observer.observe(&button);
    }
    // The page lives as long as the observer does.
    on_change.forget();
}
