use dokkan_core::{Locale, Money};
use leptos::prelude::*;

/// A price in the shopper's language (`EGP 1,250.00` / `١٬٢٥٠٫٠٠ ج.م.‏`).
#[component]
pub fn Price(locale: Locale, money: Money) -> impl IntoView {
    view! {
        <span class="price" data-minor=money.minor()>
            {money.format(locale)}
        </span>
    }
}
