//! `/{lang}/admin/orders`: every order, filtered by status, dates, payment method and
//! governorate, or found by number, email or phone. The filters are a plain GET form, so
//! a filtered list is a link staff can share.

use super::{guard, param, AdminFrame, FilterActions, Pager, Section, When};
use crate::{
    components::ErrorNotice,
    i18n::t,
    pages::NotFoundPage,
    route_locale,
    server::admin::{orders::admin_orders, page_number},
};
use dokkan_accounts::{Governorate, Permission};
use dokkan_core::Locale;
use dokkan_orders::{
    admin::{AdminOrderRow, OrderFilter, Paged},
    OrderStatus,
};
use dokkan_payments::PaymentMethod;
use leptos::prelude::*;

#[component]
pub fn AdminOrdersPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let filter = OrderFilter {
        status: param("status").and_then(|s| OrderStatus::parse(&s)),
        payment: param("payment").and_then(|p| PaymentMethod::parse(&p)),
        governorate: param("governorate").filter(|g| Governorate::from_code(g).is_ok()),
        from: param("from"),
        to: param("to"),
        q: param("q"),
        page: page_number(param("page")),
    };
    let form = filter.clone();
    let data = OnceResource::new(admin_orders(locale.as_str().to_string(), filter));
    view! {
        <AdminFrame locale title=t(locale, "admin-orders") section=Section::Orders admin=user.role.allows(dokkan_accounts::Permission::People)>
            <Filters locale filter=form/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) if error.form_error().is_some() => {
                            crate::request::set_status(error.status());
                            view! {
                                <p class="form-error" role="alert">{error.form.field_summary()}</p>
                            }.into_any()
                        }
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(page) => view! { <OrderTable locale page/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn Filters(locale: Locale, filter: OrderFilter) -> impl IntoView {
    let status = filter.status.map(OrderStatus::as_str).unwrap_or_default();
    let payment = filter
        .payment
        .map(PaymentMethod::as_str)
        .unwrap_or_default();
    let governorate = filter.governorate.clone().unwrap_or_default();
    view! {
        <form method="get" class="admin-filters" role="search" aria-label=t(locale, "admin-filters")>
            <div class="field">
                <label for="orders-q">{t(locale, "admin-orders-search")}</label>
                <input id="orders-q" name="q" type="search" value=filter.q.clone().unwrap_or_default() dir="auto"/>
            </div>
            <div class="field">
                <label for="orders-status">{t(locale, "order-status")}</label>
                <select id="orders-status" name="status">
                    <option value="">{t(locale, "admin-any")}</option>
                    {OrderStatus::ALL.iter().map(|s| view! {
                        <option value=s.as_str() selected=status == s.as_str()>{t(locale, s.fluent_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="orders-payment">{t(locale, "admin-payment")}</label>
                <select id="orders-payment" name="payment">
                    <option value="">{t(locale, "admin-any")}</option>
                    {[PaymentMethod::CashOnDelivery, PaymentMethod::Card].iter().map(|p| view! {
                        <option value=p.as_str() selected=payment == p.as_str()>{t(locale, p.fluent_key())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="orders-governorate">{t(locale, "address-governorate")}</label>
                <select id="orders-governorate" name="governorate">
                    <option value="">{t(locale, "admin-any")}</option>
                    {Governorate::ALL.iter().map(|g| view! {
                        <option value=g.code() selected=governorate == g.code()>{g.name(locale)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="orders-from">{t(locale, "admin-from")}</label>
                <input id="orders-from" name="from" type="date" value=filter.from.clone().unwrap_or_default()/>
            </div>
            <div class="field">
                <label for="orders-to">{t(locale, "admin-to")}</label>
                <input id="orders-to" name="to" type="date" value=filter.to.clone().unwrap_or_default()/>
            </div>
            <FilterActions locale clear_href=format!("/{locale}/admin/orders")/>
        </form>
    }
}

#[component]
fn OrderTable(locale: Locale, page: Paged<AdminOrderRow>) -> impl IntoView {
    let pages = page.pages();
    let count = crate::i18n::t_count(locale, "admin-orders-count", page.total as usize);
    if page.rows.is_empty() {
        return view! { <p class="results-empty" data-testid="admin-orders-empty">{t(locale, "admin-orders-none")}</p> }.into_any();
    }
    view! {
        <p>{count}</p>
        <div class="table-scroll">
            <table class="admin-table" data-testid="admin-orders">
                <thead><tr>
                    <th scope="col">{t(locale, "orders-number")}</th>
                    <th scope="col">{t(locale, "orders-date")}</th>
                    <th scope="col">{t(locale, "admin-customer")}</th>
                    <th scope="col">{t(locale, "address-governorate")}</th>
                    <th scope="col">{t(locale, "admin-payment")}</th>
                    <th scope="col">{t(locale, "order-status")}</th>
                    <th scope="col">{t(locale, "checkout-total")}</th>
                </tr></thead>
                <tbody>
                    {page.rows.into_iter().map(|o| {
                        let number = o.number.as_str().to_string();
                        let governorate = Governorate::from_code(&o.governorate).map(|g| g.name(locale).to_string()).unwrap_or(o.governorate.clone());
                        let paid = if o.paid { t(locale, "order-payment-paid") } else { t(locale, "admin-unpaid") };
                        view! {
                            <tr>
                                <td><a href=format!("/{locale}/admin/orders/{number}") dir="ltr">{number.clone()}</a></td>
                                <td><When locale at=o.placed_at.clone()/></td>
                                <td>{o.recipient}<br/><span class="muted" dir="ltr">{o.email}</span></td>
                                <td>{governorate}</td>
                                <td>{t(locale, o.payment_method.fluent_key())}<br/><span class="muted">{paid}</span></td>
                                <td><span class=format!("status status-{}", o.status.as_str())>{t(locale, o.status.fluent_key())}</span></td>
                                <td>{o.total.format(locale)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager locale page=page.page pages/>
    }
    .into_any()
}
