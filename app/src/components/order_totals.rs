//! An order's totals (subtotal, discount, shipping, total, refunded), the same on the
//! shopper's order page, the admin's and the packing slip.

use crate::i18n::t;
use dokkan_core::{Locale, Money};
use dokkan_orders::Totals;
use leptos::prelude::*;

#[component]
pub fn OrderTotals(
    locale: Locale,
    totals: Totals,
    discount_code: Option<String>,
    refunded: Money,
) -> impl IntoView {
    view! {
        <dl class="checkout-totals">
            <div><dt>{t(locale, "cart-subtotal")}</dt><dd>{totals.subtotal.format(locale)}</dd></div>
            {(totals.discount.minor() > 0).then(|| view! {
                <div>
                    <dt>{t(locale, "checkout-discount")} {discount_code.map(|c| format!(" ({c})"))}</dt>
                    <dd>{format!("−{}", totals.discount.format(locale))}</dd>
                </div>
            })}
            <div><dt>{t(locale, "checkout-shipping-cost")}</dt><dd>{totals.shipping.format(locale)}</dd></div>
            <div class="checkout-total"><dt>{t(locale, "checkout-total")}</dt><dd data-testid="order-total">{totals.total.format(locale)}</dd></div>
            {(refunded.minor() > 0).then(|| view! {
                <div><dt>{t(locale, "order-refunded")}</dt><dd>{refunded.format(locale)}</dd></div>
            })}
        </dl>
    }
}
