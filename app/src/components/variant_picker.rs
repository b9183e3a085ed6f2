//! The product page's variant picker as the server renders it: the chosen variant's
//! price, sale badge, stock and SKU, and a GET form of radio buttons (without JS, "Show"
//! reloads the page with the choice). The `VariantPicker` island wraps it and updates
//! these same elements in place when a value is picked.

use crate::islands::{PickerOption, PickerTexts, PickerVariant, VariantPicker};
use leptos::prelude::*;

#[component]
pub fn VariantPickerView(
    options: Vec<PickerOption>,
    variants: Vec<PickerVariant>,
    initial: usize,
    texts: PickerTexts,
) -> impl IntoView {
    let initial = initial.min(variants.len().saturating_sub(1));
    let chosen = variants[initial].clone();
    let available = |option: usize, value: usize| {
        let mut values = chosen.values.clone();
        values[option] = value;
        variants
            .iter()
            .find(|v| v.values == values)
            .is_some_and(|v| v.in_stock)
    };
    let fieldsets = options
        .iter()
        .enumerate()
        .map(|(index, option)| {
            let legend_id = format!("option-{}", option.key);
            let radios = option
                .values
                .iter()
                .enumerate()
                .map(|(value_index, label)| {
                    let id = format!("option-{}-{value_index}", option.key);
                    let open = available(index, value_index);
                    view! {
                        <span class="variant-value" class:unavailable=!open>
                            <input
                                type="radio"
                                id=id.clone()
                                name=option.key.clone()
                                value=option.params[value_index].clone()
                                checked=chosen.values[index] == value_index
                                data-option=index
                                data-value=value_index
                                data-label=label.clone()
                            />
                            <label for=id>
                                {label.clone()}
                                <span class="visually-hidden" hidden=open>
                                    {format!(" ({})", texts.unavailable)}
                                </span>
                            </label>
                        </span>
                    }
                })
                .collect_view();
            let labelled_by = legend_id.clone();
            view! {
                <fieldset class="variant-option" aria-labelledby=labelled_by>
                    <legend id=legend_id>{option.name.clone()}</legend>
                    <div class="variant-values">{radios}</div>
                </fieldset>
            }
        })
        .collect_view();
    let on_sale = chosen.compare_at.is_some();
    view! {
        <VariantPicker variants>
            <p class="product-price" data-testid="product-price">
                <span class="price">{chosen.price.clone()}</span>
                <s class="price-compare" aria-label=texts.was hidden=!on_sale>{chosen.compare_at.clone()}</s>
                <span class="badge badge-sale" data-testid="sale-badge" hidden=!on_sale>{texts.sale}</span>
            </p>
            <p
                class="product-stock"
                class:out-of-stock=!chosen.in_stock
                data-testid="product-stock"
                data-unavailable=texts.unavailable
                aria-live="polite"
            >
                {chosen.stock_text.clone()}
            </p>
            <p class="product-sku">
                {texts.sku}
                " "
                <span data-testid="product-sku">{chosen.sku.clone()}</span>
            </p>
            <form method="get" class="variant-form">
                {fieldsets}
                <button type="submit" class="button-secondary variant-show">{texts.show}</button>
            </form>
        </VariantPicker>
    }
}
