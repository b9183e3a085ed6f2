//! The checkout's order summary as the server renders it: the lines, the discount code
//! form (the children), subtotal, discount, shipping and total for the governorate and
//! method the form starts with. Shipping and total for every governorate and method ride
//! along as hidden data, worked out on the server with the rules the order is placed
//! with (`dokkan_orders::Totals`); the `SummaryChoice` island only copies the line the
//! form's choice names, so no money rules, formatting or decoding reach the WASM.
//!
//! It is a `<details>` placed before the form, whose summary line always says the total:
//! on a phone the shopper sees what the order costs before the "place order" button and
//! can open the lines; on wide screens it is a side column, shown open (by the
//! stylesheet before the WASM arrives, then by the `open` attribute).

use crate::islands::SummaryChoice;
use leptos::prelude::*;

/// The summary for one governorate and method, already worked out and formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRate {
    pub governorate: String,
    pub method: String,
    /// The shipping line: the cost, or "free".
    pub shipping: String,
    pub total: String,
}

/// Already-translated texts.
#[derive(Debug, Clone, Default)]
pub struct SummaryTexts {
    /// The heading: "Order summary".
    pub title: String,
    pub subtotal: String,
    pub discount: String,
    pub shipping: String,
    pub total: String,
    pub choose: String,
    /// The chosen method does not ship to the chosen governorate.
    pub unavailable: String,
}

#[component]
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
    /// The lines and the discount code form.
    children: Children,
) -> impl IntoView {
    let line = rates
        .iter()
        .find(|r| r.governorate == governorate && r.method == method);
    let shipping = match line {
        Some(rate) => rate.shipping.clone(),
        None if !governorate.is_empty() => texts.unavailable.clone(),
        None => texts.choose.clone(),
    };
    let total = line.map_or_else(|| before_shipping.clone(), |r| r.total.clone());
    let rates = rates
        .into_iter()
        .map(|r| {
            view! {
                <span
                    data-governorate=r.governorate
                    data-method=r.method
                    data-shipping=r.shipping
                    data-total=r.total
                ></span>
            }
        })
        .collect_view();
    let addresses = addresses
        .into_iter()
        .map(|(id, governorate)| view! { <span data-address=id data-governorate=governorate></span> })
        .collect_view();
    view! {
        <SummaryChoice>
            <details class="checkout-summary" open=open data-testid="checkout-summary">
                <summary>
                    <h2 id="summary-heading">{texts.title}</h2>
                    <span class="checkout-summary-total" data-testid="summary-total-line">
                        <span class="visually-hidden">{texts.total.clone()} " "</span>
                        <span data-summary="total">{total.clone()}</span>
                    </span>
                </summary>
                {children()}
                <dl class="checkout-totals" data-testid="checkout-totals" aria-live="polite">
                    <div>
                        <dt>{texts.subtotal}</dt>
                        <dd data-testid="summary-subtotal">{subtotal}</dd>
                    </div>
                    {discount.map(|d| view! {
                        <div>
                            <dt>{texts.discount}</dt>
                            <dd data-testid="summary-discount">{d}</dd>
                        </div>
                    })}
                    <div>
                        <dt>{texts.shipping}</dt>
                        <dd
                            data-testid="summary-shipping"
                            data-summary="shipping"
                            data-choose=texts.choose
                            data-unavailable=texts.unavailable
                        >
                            {shipping}
                        </dd>
                    </div>
                    <div class="checkout-total">
                        <dt>{texts.total}</dt>
                        <dd data-testid="summary-total" data-summary="total" data-before-shipping=before_shipping>
                            {total}
                        </dd>
                    </div>
                </dl>
                <div class="checkout-rates" hidden>{rates}{addresses}</div>
            </details>
        </SummaryChoice>
    }
}
