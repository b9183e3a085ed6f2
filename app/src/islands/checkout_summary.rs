//! The checkout's order summary. The server renders it for the governorate and shipping
//! method the form starts with, and works out shipping and total for every governorate
//! and method with the rules the order is placed with (`dokkan_orders::Totals`); once
//! hydrated the island follows the form (another address, governorate or method) and
//! shows the line for that choice. No money rules or formatting reach the WASM.
//!
//! It is a `<details>` placed before the form, whose summary line always says the total:
//! on a phone the shopper sees what the order costs before the "place order" button and
//! can open the lines; on wide screens it is a side column, shown open (by the
//! stylesheet before the WASM arrives, then by the `open` attribute).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The summary for one governorate and method, already worked out and formatted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryRate {
    pub governorate: String,
    pub method: String,
    /// The shipping line: the cost, or "free".
    pub shipping: String,
    pub total: String,
}

crate::island_texts! {
    pub struct SummaryTexts {
        /// The heading: "Order summary".
        pub title,
        pub subtotal,
        pub discount,
        pub shipping,
        pub total,
        pub choose,
        /// The chosen method does not ship to the chosen governorate.
        pub unavailable,
    }
}

#[island]
pub fn CheckoutSummary(
    subtotal: String,
    /// "−EGP 50.00", when a code applies.
    discount: Option<String>,
    /// The total while no rate applies (no governorate yet, or none for the method).
    before_shipping: String,
    rates: Vec<SummaryRate>,
    /// Saved addresses: (id, governorate code).
    addresses: Vec<(String, String)>,
    governorate: String,
    method: String,
    texts: SummaryTexts,
    /// Open from the start on every screen (a discount code message to read).
    open: bool,
    /// The lines and the discount code form, rendered on the server.
    children: Children,
) -> impl IntoView {
    let (choice, set_choice) = signal((governorate, method));
    #[cfg(feature = "hydrate")]
    {
        let addresses = addresses.clone();
        let handle = window_event_listener(leptos::ev::change, move |_| {
            if let Some(next) = browser::read_choice(&addresses) {
                set_choice.set(next);
            }
        });
        on_cleanup(move || handle.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (&addresses, set_choice);
    let rates = StoredValue::new(rates);
    // The chosen line's (shipping, total), when a rate applies.
    let line = move || {
        let (governorate, method) = choice.get();
        rates.with_value(|rates| {
            rates
                .iter()
                .find(|r| r.governorate == governorate && r.method == method)
                .map(|r| (r.shipping.clone(), r.total.clone()))
        })
    };
    let before_shipping = StoredValue::new(before_shipping);
    let total = move || line().map_or_else(|| before_shipping.get_value(), |(_, total)| total);
    let details = NodeRef::<leptos::html::Details>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        let wide = window()
            .match_media("(min-width: 60rem)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if let Some(details) = details.get().filter(|_| wide) {
            let _ = details.set_attribute("open", "");
        }
    });
    let texts = StoredValue::new(texts);
    view! {
        <details class="checkout-summary" open=open node_ref=details data-testid="checkout-summary">
            <summary>
                <h2 id="summary-heading">{texts.with_value(|t| t.title.clone())}</h2>
                <span class="checkout-summary-total" data-testid="summary-total-line">
                    <span class="visually-hidden">{texts.with_value(|t| t.total.clone())} " "</span>
                    {total}
                </span>
            </summary>
            {children()}
            <dl class="checkout-totals" data-testid="checkout-totals" aria-live="polite">
                <div>
                    <dt>{texts.with_value(|t| t.subtotal.clone())}</dt>
                    <dd data-testid="summary-subtotal">{subtotal}</dd>
                </div>
                {discount.map(|d| view! {
                    <div>
                        <dt>{texts.with_value(|t| t.discount.clone())}</dt>
                        <dd data-testid="summary-discount">{d}</dd>
                    </div>
                })}
                <div>
                    <dt>{texts.with_value(|t| t.shipping.clone())}</dt>
                    <dd data-testid="summary-shipping">
                        {move || match line() {
                            Some((shipping, _)) => shipping,
                            None if choice.with(|(g, _)| !g.is_empty()) => {
                                texts.with_value(|t| t.unavailable.clone())
                            }
                            None => texts.with_value(|t| t.choose.clone()),
                        }}
                    </dd>
                </div>
                <div class="checkout-total">
                    <dt>{texts.with_value(|t| t.total.clone())}</dt>
                    <dd data-testid="summary-total">{total}</dd>
                </div>
            </dl>
        </details>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    fn checked(document: &web_sys::Document, name: &str) -> Option<String> {
        document
            .query_selector(&format!("input[name=\"{name}\"]:checked"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
    }

    /// The governorate and method the checkout form now says.
    pub fn read_choice(addresses: &[(String, String)]) -> Option<(String, String)> {
        let document = web_sys::window()?.document()?;
        let method = checked(&document, "shipping_method").unwrap_or_default();
        let saved = checked(&document, "address_id").and_then(|id| {
            addresses
                .iter()
                .find(|(a, _)| *a == id)
                .map(|(_, g)| g.clone())
        });
        let governorate = match saved {
            Some(governorate) => governorate,
            None => document
                .query_selector("select[name=\"governorate\"]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|select| select.value())
                .unwrap_or_default(),
        };
        Some((governorate, method))
    }
}
