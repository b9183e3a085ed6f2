//! The product page's variant picker. The server renders the chosen variant's price,
//! stock and SKU and a GET form of radio buttons (so without JS, "Show" reloads the page
//! with the choice). Once hydrated, picking a value updates price, sale badge, stock,
//! SKU and the main image at once, and marks values that would be sold out.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickerTexts {
    pub sku: String,
    pub sale: String,
    pub unavailable: String,
    pub show: String,
    pub was: String,
}

#[island]
pub fn VariantPicker(
    options: Vec<PickerOption>,
    variants: Vec<PickerVariant>,
    initial: usize,
    texts: PickerTexts,
) -> impl IntoView {
    let initial = initial.min(variants.len().saturating_sub(1));
    let (chosen, set_chosen) = signal(variants[initial].values.clone());
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));
    let variants = StoredValue::new(variants);
    #[cfg(feature = "hydrate")]
    let labels: Vec<Vec<String>> = options.iter().map(|o| o.values.clone()).collect();
    let find = move |values: &[usize]| {
        variants.with_value(|vs| vs.iter().position(|v| v.values == values))
    };
    let current = Memo::new(move |_| chosen.with(|c| find(c)));
    let variant = move || {
        current
            .get()
            .map(|i| variants.with_value(|vs| vs[i].clone()))
    };

    // Keep the add-to-cart form (another island) on the chosen variant.
    Effect::new(move |_| {
        let chosen = variant();
        #[cfg(feature = "hydrate")]
        {
            let document = document();
            if let Some(el) = document.get_element_by_id("add-to-cart-sku") {
                let _ = el.set_attribute(
                    "value",
                    &chosen.as_ref().map(|v| v.sku.clone()).unwrap_or_default(),
                );
                if let Ok(input) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(el) {
                    input.set_value(&chosen.as_ref().map(|v| v.sku.clone()).unwrap_or_default());
                }
            }
            let in_stock = chosen.as_ref().is_some_and(|v| v.in_stock);
            for id in ["add-to-cart-button", "sticky-cart-button"] {
                if let Some(button) = document.get_element_by_id(id) {
                    let _ = button.toggle_attribute_with_force("disabled", !in_stock);
                }
            }
            // The phone's sticky bar (pages/product.rs) says the same price and variant.
            if let Some(el) = document.get_element_by_id("sticky-cart-price") {
                el.set_text_content(chosen.as_ref().map(|v| v.price.as_str()));
            }
            if let Some(el) = document.get_element_by_id("sticky-cart-variant") {
                let text = chosen.as_ref().map(|v| {
                    v.values
                        .iter()
                        .zip(&labels)
                        .map(|(&i, values)| values[i].as_str())
                        .collect::<Vec<_>>()
                        .join(" / ")
                });
                el.set_text_content(text.as_deref());
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = chosen;
    });

    // Swap the server-rendered main image when the variant has its own.
    Effect::new(move |_| {
        let Some(image) = variant().and_then(|v| v.image) else {
            return;
        };
        #[cfg(feature = "hydrate")]
        if let Some(el) = document().get_element_by_id("product-image-main") {
            let _ = el.set_attribute("src", &image.src);
            let _ = el.set_attribute("alt", &image.alt);
            match &image.srcset {
                Some(srcset) => {
                    let _ = el.set_attribute("srcset", srcset);
                }
                None => {
                    let _ = el.remove_attribute("srcset");
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = image;
    });

    let texts = StoredValue::new(texts);
    let fieldsets = options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let legend_id = format!("option-{}", option.key);
            let radios = option
                .values
                .iter()
                .enumerate()
                .map(|(value_index, label)| {
                    let id = format!("option-{}-{value_index}", option.key);
                    // Would choosing this value (keeping the others) land on a variant in stock?
                    let available = move || {
                        let mut values = chosen.get();
                        values[index] = value_index;
                        find(&values)
                            .map(|i| variants.with_value(|vs| vs[i].in_stock))
                            .unwrap_or(false)
                    };
                    view! {
                        <span class="variant-value" class:unavailable=move || !available()>
                            <input
                                type="radio"
                                id=id.clone()
                                name=option.key.clone()
                                value=option.params[value_index].clone()
                                prop:checked=move || chosen.with(|c| c[index] == value_index)
                                checked=chosen.with_untracked(|c| c[index] == value_index)
                                on:change=move |_| set_chosen.update(|c| c[index] = value_index)
                            />
                            <label for=id>
                                {label.clone()}
                                <span class="visually-hidden" hidden=available>
                                    {move || format!(" ({})", texts.with_value(|t| t.unavailable.clone()))}
                                </span>
                            </label>
                        </span>
                    }
                })
                .collect_view();
            let labelled_by = legend_id.clone();
            view! {
                <fieldset class="variant-option" aria-labelledby=labelled_by>
                    <legend id=legend_id>{option.name}</legend>
                    <div class="variant-values">{radios}</div>
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <div class="variant-picker" data-hydrated=move || hydrated.get().to_string()>
            <p class="product-price" data-testid="product-price">
                <span class="price">{move || variant().map(|v| v.price).unwrap_or_default()}</span>
                {move || variant().and_then(|v| v.compare_at).map(|was| view! {
                    <s class="price-compare" aria-label=texts.with_value(|t| t.was.clone())>{was}</s>
                    <span class="badge badge-sale" data-testid="sale-badge">{texts.with_value(|t| t.sale.clone())}</span>
                })}
            </p>
            <p
                class="product-stock"
                class:out-of-stock=move || !variant().is_some_and(|v| v.in_stock)
                data-testid="product-stock"
                aria-live="polite"
            >
                {move || variant().map(|v| v.stock_text).unwrap_or_else(|| texts.with_value(|t| t.unavailable.clone()))}
            </p>
            <p class="product-sku">
                {move || texts.with_value(|t| t.sku.clone())}
                " "
                <span data-testid="product-sku">{move || variant().map(|v| v.sku).unwrap_or_default()}</span>
            </p>
            <form method="get" class="variant-form">
                {fieldsets}
                <button type="submit" class="button-secondary variant-show" hidden=move || hydrated.get()>
                    {texts.with_value(|t| t.show.clone())}
                </button>
            </form>
        </div>
    }
}
