//! The checkout summary's island (`components::CheckoutSummary` renders it all): once
//! hydrated it follows the checkout form (another saved address, governorate or method)
//! and copies the shipping and total of that choice from the summary's hidden rates.
//! It reads and writes the server's markup and nothing else: no props, no view, so the
//! summary costs the shopper's WASM a few hundred bytes.

use leptos::prelude::*;

#[island]
pub fn SummaryChoice(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener(leptos::ev::change, |_| browser::show_choice());
        on_cleanup(move || handle.remove());
        Effect::new(|_| browser::open_on_wide_screens());
    }
    children()
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element};

    fn document() -> Option<Document> {
        web_sys::window()?.document()
    }

    fn all(document: &Document, selector: &str) -> Vec<Element> {
        let Ok(list) = document.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn attr(element: &Element, name: &str) -> String {
        element.get_attribute(name).unwrap_or_default()
    }

    fn checked(document: &Document, name: &str) -> Option<String> {
        document
            .query_selector(&format!("input[name=\"{name}\"]:checked"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|input| input.value())
    }

    /// The governorate the form now names: a saved address's, or the one picked.
    fn governorate(document: &Document) -> String {
        let saved = checked(document, "address_id").and_then(|id| {
            all(document, ".checkout-rates [data-address]")
                .into_iter()
                .find(|a| attr(a, "data-address") == id)
                .map(|a| attr(&a, "data-governorate"))
        });
        saved.unwrap_or_else(|| {
            document
                .query_selector("select[name=\"governorate\"]")
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|select| select.value())
                .unwrap_or_default()
        })
    }

    /// Shipping and total for the form's governorate and method.
    pub fn show_choice() {
        let Some(document) = document() else {
            return;
        };
        let governorate = governorate(&document);
        let method = checked(&document, "shipping_method").unwrap_or_default();
        let rate = all(&document, ".checkout-rates [data-method]")
            .into_iter()
            .find(|r| {
                attr(r, "data-governorate") == governorate && attr(r, "data-method") == method
            });
        for shipping in all(&document, "[data-summary=\"shipping\"]") {
            let text = match &rate {
                Some(rate) => attr(rate, "data-shipping"),
                None if !governorate.is_empty() => attr(&shipping, "data-unavailable"),
                None => attr(&shipping, "data-choose"),
            };
            shipping.set_text_content(Some(&text));
        }
        let before = all(&document, "[data-before-shipping]")
            .first()
            .map(|e| attr(e, "data-before-shipping"))
            .unwrap_or_default();
        let total = rate.map_or(before, |rate| attr(&rate, "data-total"));
        for element in all(&document, "[data-summary=\"total\"]") {
            element.set_text_content(Some(&total));
        }
    }

    pub fn open_on_wide_screens() {
        let wide = leptos::prelude::window()
            .match_media("(min-width: 60rem)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches());
        if let (true, Some(document)) = (wide, document()) {
            for details in all(&document, ".checkout-summary") {
                let _ = details.set_attribute("open", "");
            }
        }
    }
}
