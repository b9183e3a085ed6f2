//! `/{lang}/account/orders`: the person's orders, newest first.

use super::{signed_in_or_redirect, AccountFrame};
use crate::{
    components::ErrorNotice, i18n::t, pages::NotFoundPage, route_locale, server::orders::my_orders,
};
use leptos::prelude::*;

#[component]
pub fn OrdersPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if signed_in_or_redirect(locale).is_none() {
        return ().into_any();
    }
    // Started once, outside the Suspense (see `HomePage`).
    let orders = OnceResource::new(my_orders());
    view! {
        <AccountFrame locale title_key="orders-title">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match orders.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(orders) if orders.is_empty() => view! {
                            <p data-testid="no-orders">{t(locale, "orders-none")}</p>
                        }
                            .into_any(),
                        Ok(orders) => view! {
                            <table class="orders-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{t(locale, "orders-number")}</th>
                                        <th scope="col">{t(locale, "orders-date")}</th>
                                        <th scope="col">{t(locale, "order-status")}</th>
                                        <th scope="col">{t(locale, "checkout-total")}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {orders.into_iter().map(|o| view! {
                                        <tr data-testid="order-row">
                                            <td><a href=format!("/{locale}/orders/{}", o.number.as_str()) dir="ltr">{o.number.as_str().to_string()}</a></td>
                                            <td><time datetime=o.placed_at.clone()>{locale.digits(o.placed_at.get(..10).unwrap_or_default())}</time></td>
                                            <td>{t(locale, o.status.fluent_key())}</td>
                                            <td>{o.total.format(locale)}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }
                            .into_any(),
                    }
                })}
            </Suspense>
            <p><a href=format!("/{locale}/account")>{t(locale, "account-back")}</a></p>
        </AccountFrame>
    }
    .into_any()
}
