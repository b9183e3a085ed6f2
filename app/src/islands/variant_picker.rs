//! The product page's variant picker, once hydrated. The server renders it
//! (`components::VariantPickerView`) for the chosen variant; this island only listens for
//! a value being picked and updates price, sale badge, stock, SKU, the values that would
//! be sold out, the add-to-cart form, the phone's sticky bar and the main image in place.
//! It holds no view of its own: the variants are its only data.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerOption {
    pub key: String,
    pub name: String,
    pub values: Vec<String>,
    /// What goes in the URL for each value (the English value).
    pub params: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerVariant {
    /// Index into each option's values.
    pub values: Vec<usize>,
    pub sku: String,
    pub price: String,
    pub compare_at: Option<String>,
    pub in_stock: bool,
    pub stock_text: String,
    pub image: Option<PickerImage>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerImage {
    pub src: String,
    pub srcset: Option<String>,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerTexts {
    pub sku: String,
    pub sale: String,
    pub unavailable: String,
    pub show: String,
    pub was: String,
}

#[island]
pub fn VariantPicker(variants: Vec<PickerVariant>, children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        set_hydrated.set(true);
        // Picking is instant now: the "Show" button is for pages without JS.
        #[cfg(feature = "hydrate")]
        if let Some(root) = root.get() {
            browser::hide_show_button(&root);
        }
    });
    let on_change = move |_: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some(root) = root.get_untracked() {
            browser::picked(&root, &variants);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &variants;
    };
    view! {
        <div
            class="variant-picker"
            data-hydrated=move || hydrated.get().to_string()
            node_ref=root
            on:change=on_change
        >
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::PickerVariant;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlInputElement};

    pub fn hide_show_button(root: &Element) {
        if let Some(button) = first(root, ".variant-show") {
            let _ = button.set_attribute("hidden", "");
        }
    }

    /// The radios, as (option, value, input).
    fn radios(root: &Element) -> Vec<(usize, usize, HtmlInputElement)> {
        let Ok(list) = root.query_selector_all("input[data-option]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<HtmlInputElement>().ok())
            .filter_map(|input| {
                let option = input.get_attribute("data-option")?.parse().ok()?;
                let value = input.get_attribute("data-value")?.parse().ok()?;
                Some((option, value, input))
            })
            .collect()
    }

    fn first(root: &Element, selector: &str) -> Option<Element> {
        root.query_selector(selector).ok().flatten()
    }

    fn by_id(id: &str) -> Option<Element> {
        leptos::prelude::document().get_element_by_id(id)
    }

    fn show(element: Option<Element>, visible: bool) {
        if let Some(element) = element {
            let _ = element.toggle_attribute_with_force("hidden", !visible);
        }
    }

    pub fn picked(root: &Element, variants: &[PickerVariant]) {
        let radios = radios(root);
        let options = radios.iter().map(|(o, _, _)| o + 1).max().unwrap_or(0);
        let mut chosen = vec![0; options];
        let mut labels = vec![String::new(); options];
        for (option, value, input) in &radios {
            if input.checked() {
                chosen[*option] = *value;
                labels[*option] = input.get_attribute("data-label").unwrap_or_default();
            }
        }
        let find = |values: &[usize]| variants.iter().find(|v| v.values == values);
        let variant = find(&chosen);

        if let Some(el) = first(root, ".price") {
            el.set_text_content(Some(variant.map_or("", |v| v.price.as_str())));
        }
        let compare = variant.and_then(|v| v.compare_at.as_deref());
        if let Some(el) = first(root, ".price-compare") {
            el.set_text_content(compare);
        }
        show(first(root, ".price-compare"), compare.is_some());
        show(first(root, ".badge-sale"), compare.is_some());
        let in_stock = variant.is_some_and(|v| v.in_stock);
        if let Some(el) = first(root, ".product-stock") {
            let text = match variant {
                Some(v) => Some(v.stock_text.clone()),
                None => el.get_attribute("data-unavailable"),
            };
            el.set_text_content(text.as_deref());
            let _ = el.class_list().toggle_with_force("out-of-stock", !in_stock);
        }
        let sku = variant.map_or("", |v| v.sku.as_str());
        if let Some(el) = first(root, "[data-testid=product-sku]") {
            el.set_text_content(Some(sku));
        }
        // Would choosing this value (keeping the others) land on a variant in stock?
        for (option, value, input) in &radios {
            let mut values = chosen.clone();
            values[*option] = *value;
            let open = find(&values).is_some_and(|v| v.in_stock);
            if let Some(span) = input.parent_element() {
                let _ = span.class_list().toggle_with_force("unavailable", !open);
                show(first(&span, ".visually-hidden"), !open);
            }
        }

        // The add-to-cart form (another island) and the phone's sticky bar follow.
        if let Some(input) =
            by_id("add-to-cart-sku").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        {
            let _ = input.set_attribute("value", sku);
            input.set_value(sku);
        }
        for id in ["add-to-cart-button", "sticky-cart-button"] {
            if let Some(button) = by_id(id) {
                let _ = button.toggle_attribute_with_force("disabled", !in_stock);
            }
        }
        if let Some(el) = by_id("sticky-cart-price") {
            el.set_text_content(variant.map(|v| v.price.as_str()));
        }
        if let Some(el) = by_id("sticky-cart-variant") {
            el.set_text_content(variant.map(|_| labels.join(" / ")).as_deref());
        }
        // The variant's own picture, when it has one.
        if let (Some(image), Some(el)) = (
            variant.and_then(|v| v.image.as_ref()),
            by_id("product-image-main"),
        ) {
            let _ = el.set_attribute("src", &image.src);
            let _ = el.set_attribute("alt", &image.alt);
            let _ = match &image.srcset {
                Some(srcset) => el.set_attribute("srcset", srcset),
                None => el.remove_attribute("srcset"),
            };
        }
    }
}
