//! `/{lang}/admin/customers` (admins only): accounts with their orders and lifetime value,
//! and one account's page, where an admin changes its role or disables it.

use super::{guard, AdminFrame, FilterActions, Pager, Section, When};
use crate::{
    components::{ErrorNotice, ShipToView},
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::{
        customers::{admin_customer, admin_customers, SetDisabled, SetRole},
        page_number,
    },
};
use dokkan_accounts::{Permission, Role};
use dokkan_core::Locale;
use dokkan_orders::admin::{CustomerRow, Paged};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;

fn role_name(locale: Locale, role: &str) -> String {
    t(locale, &format!("admin-role-{role}"))
}

#[component]
pub fn AdminCustomersPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if let Err(page) = guard(locale, Permission::People) {
        return page;
    }
    let q = request::query_param("q").filter(|q| !q.trim().is_empty());
    let role = request::query_param("role").filter(|r| Role::parse(r).is_some());
    let page = page_number(request::query_param("page"));
    let data = OnceResource::new(admin_customers(q.clone(), role.clone(), page));
    let role = role.unwrap_or_default();
    view! {
        <AdminFrame locale title=t(locale, "admin-customers") section=Section::Customers admin=true>
            <form method="get" class="admin-filters" role="search" aria-label=t(locale, "admin-filters")>
                <div class="field">
                    <label for="customers-q">{t(locale, "admin-customers-search")}</label>
                    <input id="customers-q" name="q" type="search" dir="auto" value=q.unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="customers-role">{t(locale, "admin-role")}</label>
                    <select id="customers-role" name="role">
                        <option value="">{t(locale, "admin-any")}</option>
                        {Role::ALL.iter().map(|r| view! {
                            <option value=r.as_str() selected=role == r.as_str()>{role_name(locale, r.as_str())}</option>
                        }).collect_view()}
                    </select>
                </div>
                <FilterActions locale clear_href=format!("/{locale}/admin/customers")/>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(page) => view! { <CustomerTable locale page/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn CustomerTable(locale: Locale, page: Paged<CustomerRow>) -> impl IntoView {
    if page.rows.is_empty() {
        return view! { <p class="results-empty">{t(locale, "admin-customers-none")}</p> }
            .into_any();
    }
    let pages = page.pages();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="admin-customers">
                <thead><tr>
                    <th scope="col">{t(locale, "admin-customer")}</th>
                    <th scope="col">{t(locale, "admin-role")}</th>
                    <th scope="col">{t(locale, "admin-orders")}</th>
                    <th scope="col">{t(locale, "admin-lifetime-value")}</th>
                    <th scope="col">{t(locale, "admin-joined")}</th>
                </tr></thead>
                <tbody>
                    {page.rows.into_iter().map(|c| view! {
                        <tr>
                            <td>
                                <a href=format!("/{locale}/admin/customers/{}", c.id)>{c.name}</a>
                                <br/><span class="muted" dir="ltr">{c.email}</span>
                                {c.disabled.then(|| view! { " " <span class="badge">{t(locale, "admin-disabled")}</span> })}
                            </td>
                            <td>{role_name(locale, &c.role)}</td>
                            <td>{locale.digits(&c.orders.to_string())}</td>
                            <td>{c.lifetime_value.format(locale)}</td>
                            <td><When locale at=c.joined_at.clone()/></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager locale page=page.page pages/>
    }
    .into_any()
}

#[component]
pub fn AdminCustomerPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let me = match guard(locale, Permission::People) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let Some(id) = use_params_map()
        .read_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let data = OnceResource::new(admin_customer(id));
    let myself = me.user_id == id;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! {
                        <AdminFrame locale title=t(locale, "admin-customers") section=Section::Customers admin=true>
                            <ErrorNotice locale error/>
                        </AdminFrame>
                    }.into_any(),
                    Ok(Some((detail, addresses))) => {
                        let c = detail.customer;
                        let error = request::form_error_for(SetRole::PATH, locale)
                            .or_else(|| request::form_error_for(SetDisabled::PATH, locale))
                            .and_then(|e| e.message);
                        let done = request::query_param("done").map(|d| t(locale, &format!("admin-customer-{d}")));
                        let current = c.role.clone();
                        view! {
                            <AdminFrame locale title=c.name.clone() section=Section::Customers admin=true>
                                {done.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
                                {error.map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
                                <dl class="account-facts">
                                    <dt>{t(locale, "account-email")}</dt><dd dir="ltr">{c.email.clone()}</dd>
                                    {c.phone.clone().map(|p| view! { <dt>{t(locale, "admin-phone")}</dt><dd dir="ltr">{p}</dd> })}
                                    <dt>{t(locale, "admin-role")}</dt><dd data-testid="customer-role">{role_name(locale, &c.role)}</dd>
                                    <dt>{t(locale, "admin-joined")}</dt><dd><When locale at=c.joined_at.clone()/></dd>
                                    <dt>{t(locale, "admin-orders")}</dt><dd>{locale.digits(&c.orders.to_string())}</dd>
                                    <dt>{t(locale, "admin-lifetime-value")}</dt><dd>{c.lifetime_value.format(locale)}</dd>
                                    <dt>{t(locale, "admin-account-state")}</dt>
                                    <dd>{if c.disabled { t(locale, "admin-disabled") } else { t(locale, "admin-enabled") }}</dd>
                                </dl>
                                {(!myself).then(|| view! {
                                    <section class="admin-actions" aria-labelledby="roles-heading">
                                        <h2 id="roles-heading">{t(locale, "admin-roles")}</h2>
                                        <form method="post" action=SetRole::PATH class="admin-action" data-testid="role-form">
                                            <input type="hidden" name="lang" value=locale.as_str()/>
                                            <input type="hidden" name="user_id" value=id.to_string()/>
                                            <label for="customer-role-select">{t(locale, "admin-role")}</label>
                                            <select id="customer-role-select" name="role">
                                                {Role::ALL.iter().map(|r| view! {
                                                    <option value=r.as_str() selected=current == r.as_str()>{role_name(locale, r.as_str())}</option>
                                                }).collect_view()}
                                            </select>
                                            <button type="submit" class="button-primary">{t(locale, "admin-save-role")}</button>
                                        </form>
                                        <form method="post" action=SetDisabled::PATH class="admin-action">
                                            <input type="hidden" name="lang" value=locale.as_str()/>
                                            <input type="hidden" name="user_id" value=id.to_string()/>
                                            <input type="hidden" name="disabled" value=(!c.disabled).to_string()/>
                                            <button type="submit" class="button-secondary">
                                                {if c.disabled { t(locale, "admin-enable") } else { t(locale, "admin-disable") }}
                                            </button>
                                        </form>
                                    </section>
                                })}
                                <section aria-labelledby="customer-orders-heading">
                                    <h2 id="customer-orders-heading">{t(locale, "admin-orders")}</h2>
                                    {if detail.orders.is_empty() {
                                        view! { <p>{t(locale, "orders-none")}</p> }.into_any()
                                    } else {
                                        view! {
                                            <table class="admin-table">
                                                <thead><tr>
                                                    <th scope="col">{t(locale, "orders-number")}</th>
                                                    <th scope="col">{t(locale, "orders-date")}</th>
                                                    <th scope="col">{t(locale, "order-status")}</th>
                                                    <th scope="col">{t(locale, "checkout-total")}</th>
                                                </tr></thead>
                                                <tbody>
                                                    {detail.orders.into_iter().map(|o| view! {
                                                        <tr>
                                                            <td><a dir="ltr" href=format!("/{locale}/admin/orders/{}", o.number.as_str())>{o.number.as_str().to_string()}</a></td>
                                                            <td><When locale at=o.placed_at.clone()/></td>
                                                            <td>{t(locale, o.status.fluent_key())}</td>
                                                            <td>{o.total.format(locale)}</td>
                                                        </tr>
                                                    }).collect_view()}
                                                </tbody>
                                            </table>
                                        }.into_any()
                                    }}
                                </section>
                                <section aria-labelledby="customer-addresses-heading">
                                    <h2 id="customer-addresses-heading">{t(locale, "address-book-title")}</h2>
                                    {if addresses.is_empty() {
                                        view! { <p>{t(locale, "address-none")}</p> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="address-list" role="list">
                                                {addresses.into_iter().map(|saved| {
                                                    let ship_to = dokkan_orders::view::ShipTo::from_address(&saved.address);
                                                    view! {
                                                        <li class="address-card">
                                                            <ShipToView locale ship_to/>
                                                            {saved.is_default.then(|| view! { <span class="badge">{t(locale, "address-default")}</span> })}
                                                        </li>
                                                    }
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </section>
                                <p><a href=format!("/{locale}/admin/audit?entity=users&entity_id={id}")>{t_with(locale, "admin-audit-for", &[("name", &c.name)])}</a></p>
                            </AdminFrame>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}
