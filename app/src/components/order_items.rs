//! An order's items with its totals, then where it goes: the shopper's order page, the
//! admin's order page and the packing slip show the same thing.

use crate::{
    components::{OrderTotals, ShipToView},
    i18n::t,
};
use dokkan_core::Locale;
use dokkan_orders::view::OrderView;
use leptos::prelude::*;

/// `staff`: the SKU gets a column of its own and names are not links (staff pick and
/// pack by SKU); shoppers get links to the products and the SKU under the name.
#[component]
pub fn OrderContents(locale: Locale, order: OrderView, staff: bool) -> impl IntoView {
    let totals = order.totals;
    view! {
        <section aria-labelledby="order-items-heading">
            <h2 id="order-items-heading">{t(locale, "order-items")}</h2>
            <table class="order-items">
                <thead>
                    <tr>
                        <th scope="col">{t(locale, "order-item")}</th>
                        {staff.then(|| view! { <th scope="col">{t(locale, "admin-sku")}</th> })}
                        <th scope="col">{t(locale, "cart-quantity")}</th>
                        <th scope="col">{t(locale, "order-line-total")}</th>
                    </tr>
                </thead>
                <tbody>
                    {order.items.iter().map(|item| {
                        let name = item.name.get(locale).to_string();
                        let options = item.options.get(locale).to_string();
                        view! {
                            <tr>
                                <td>
                                    {if staff {
                                        name.into_any()
                                    } else {
                                        view! { <a href=format!("/{locale}/products/{}", item.handle)>{name}</a> }.into_any()
                                    }}
                                    {(!options.is_empty()).then(|| view! { <span class="cart-line-options">{options}</span> })}
                                    {(!staff).then(|| view! { <span class="order-item-sku" dir="ltr">{item.sku.clone()}</span> })}
                                </td>
                                {staff.then(|| view! { <td dir="ltr">{item.sku.clone()}</td> })}
                                <td>{format!("{} × {}", locale.digits(&item.quantity.to_string()), item.unit_price.format(locale))}</td>
                                <td>{item.line_total.format(locale)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <OrderTotals locale totals discount_code=order.discount_code.clone() refunded=order.refunded/>
        </section>
        <section aria-labelledby="order-address-heading">
            <h2 id="order-address-heading">{t(locale, "order-ship-to")}</h2>
            <ShipToView locale ship_to=order.ship_to.clone()/>
            <p>{t(locale, order.shipping_method.fluent_key())}</p>
        </section>
    }
}
