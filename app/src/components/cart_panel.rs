//! The cart's lines, subtotal and way to checkout, as the cart page and the header's
//! drawer show it. Rendered on the server only: every control is a plain form to a
//! server function, and the cart islands (`islands/cart.rs`) post those forms with
//! `fetch` and put the HTML the server sends back in place, so no cart type or view
//! reaches the WASM.

use crate::server::cart::{
    CartDisplay, CartDisplayLine, CartTexts, RemoveCartLine, UpdateCartLine,
};
use leptos::{prelude::*, server_fn::ServerFn};

/// `data-count` carries the cart's count for the header once the panel is replaced.
#[component]
pub fn CartPanelView(cart: CartDisplay, texts: CartTexts, in_drawer: bool) -> impl IntoView {
    let CartDisplay {
        lines,
        count,
        subtotal,
        count_text,
        ready,
    } = cart;
    let body = if lines.is_empty() {
        view! { <p data-testid="cart-empty">{texts.empty.clone()}</p> }.into_any()
    } else {
        let rows = lines
            .into_iter()
            .map(|line| view! { <CartLineRow line texts=texts.clone() in_drawer/> })
            .collect_view();
        let checkout = if ready {
            view! {
                <a class="button-primary" data-testid="checkout-link" href=texts.checkout_href.clone()>
                    {texts.checkout.clone()}
                </a>
            }
            .into_any()
        } else {
            view! {
                <span class="button-primary button-disabled" aria-disabled="true">{texts.checkout.clone()}</span>
            }
            .into_any()
        };
        view! {
            <ul class="cart-lines" role="list">{rows}</ul>
            <div class="cart-summary">
                <p class="cart-subtotal">
                    <span>{texts.subtotal.clone()}</span>
                    " "
                    <span class="cart-count-text">"(" {count_text} ")"</span>
                    " "
                    <strong data-testid="cart-subtotal">{subtotal}</strong>
                </p>
                <p class="cart-note">{texts.shipping_note.clone()}</p>
                {in_drawer.then(|| view! {
                    <a class="button-secondary" href=texts.cart_href.clone()>{texts.view_cart.clone()}</a>
                })}
                {checkout}
            </div>
        }
        .into_any()
    };
    view! {
        <div class="cart-panel" data-testid="cart-panel" data-count=count>
            <p class="form-error" role="alert" hidden></p>
            {body}
        </div>
    }
}

#[component]
fn CartLineRow(line: CartDisplayLine, texts: CartTexts, in_drawer: bool) -> impl IntoView {
    let id = line.variant_id;
    // The drawer and the cart page can be on one page: ids must differ.
    let quantity_id = format!(
        "cart-quantity-{id}{}",
        if in_drawer { "-drawer" } else { "" }
    );
    let drawer = in_drawer.then(|| view! { <input type="hidden" name="drawer" value="true"/> });
    let drawer_again =
        in_drawer.then(|| view! { <input type="hidden" name="drawer" value="true"/> });
    view! {
        <li class="cart-line" class:cart-line-blocked=line.blocking data-testid="cart-line">
            {line.image.map(|src| view! { <img src=src alt="" width="72" height="72" loading="lazy"/> })}
            <div class="cart-line-text">
                <a href=line.href>{line.name}</a>
                {(!line.options.is_empty()).then(|| view! { <span class="cart-line-options">{line.options}</span> })}
                <span class="cart-line-price">{line.price}</span>
                {line.issue.map(|text| view! {
                    <span class="cart-line-issue" class:cart-line-issue-blocking=line.blocking role="status" data-testid="cart-line-issue">{text}</span>
                })}
            </div>
            <strong class="cart-line-total">{line.total}</strong>
            <div class="cart-line-controls">
                <form method="post" action=UpdateCartLine::PATH class="cart-line-quantity">
                    <input type="hidden" name="lang" value=texts.lang.clone()/>
                    <input type="hidden" name="variant_id" value=id.to_string()/>
                    {drawer}
                    <label for=quantity_id.clone()>{texts.quantity.clone()}</label>
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
                    <button type="submit" class="button-secondary">{texts.update.clone()}</button>
                </form>
                <form method="post" action=RemoveCartLine::PATH>
                    <input type="hidden" name="lang" value=texts.lang.clone()/>
                    <input type="hidden" name="variant_id" value=id.to_string()/>
                    {drawer_again}
                    <button type="submit" class="button-link" data-testid="cart-line-remove">
                        {texts.remove.clone()}
                    </button>
                </form>
            </div>
        </li>
    }
}

/// The panel as HTML, for the islands to put in place.
#[cfg(feature = "ssr")]
pub fn cart_panel_html(cart: CartDisplay, texts: CartTexts, in_drawer: bool) -> String {
    Owner::new().with(|| view! { <CartPanelView cart texts in_drawer/> }.to_html())
}
