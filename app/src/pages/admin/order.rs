//! `/{lang}/admin/orders/{number}`: one order for staff: items, totals, delivery, payment,
//! the whole timeline, and a form for each move its status allows now. `…/slip` is the
//! printable packing slip.

use super::{guard, AdminFrame, Section, When};
use crate::{
    components::{ErrorNotice, Layout, OrderContents, Seo},
    i18n::{t, t_with},
    islands::PrintButton,
    pages::{shop::timeline_text, NotFoundPage},
    request, route_locale,
    server::admin::orders::{admin_order_detail, AdminOrderEvent, OrderForStaff},
};
use dokkan_accounts::Permission;
use dokkan_core::Locale;
use dokkan_orders::view::OrderView;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

fn number_param() -> String {
    use_params_map()
        .read_untracked()
        .get("number")
        .unwrap_or_default()
}

#[component]
pub fn AdminOrderPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let number = number_param();
    let data = OnceResource::new(admin_order_detail(number.clone()));
    let admin = user.role.allows(dokkan_accounts::Permission::People);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! {
                        <AdminFrame locale title=t(locale, "order-title") section=Section::Orders admin>
                            <ErrorNotice locale error/>
                        </AdminFrame>
                    }.into_any(),
                    Ok(Some(detail)) => view! { <OrderAdmin locale detail admin/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn OrderAdmin(locale: Locale, detail: OrderForStaff, admin: bool) -> impl IntoView {
    let OrderForStaff {
        order,
        actions,
        refundable,
        customer_id,
    } = detail;
    let number = order.number.as_str().to_string();
    let title = t_with(locale, "order-heading", &[("number", &number)]);
    let error = request::form_error_for(AdminOrderEvent::PATH, locale).and_then(|e| e.message);
    let done = request::query_param("done").map(|_| t(locale, "admin-order-updated"));
    let paid = if order.paid {
        t(locale, "order-payment-paid")
    } else {
        t(locale, "admin-unpaid")
    };
    let forms = actions
        .into_iter()
        .map(|action| view! { <ActionForm locale number=number.clone() action refundable/> })
        .collect_view();
    let customer = match customer_id {
        Some(id) if admin => view! {
            <a href=format!("/{locale}/admin/customers/{id}") dir="ltr">{order.email.clone()}</a>
        }
        .into_any(),
        Some(_) => view! { <span dir="ltr">{order.email.clone()}</span> }.into_any(),
        None => view! {
            <span dir="ltr">{order.email.clone()}</span> " " <span class="muted">{t(locale, "admin-guest")}</span>
        }
        .into_any(),
    };
    view! {
        <AdminFrame locale title section=Section::Orders admin>
            {done.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {error.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <dl class="account-facts">
                <dt>{t(locale, "order-status")}</dt>
                <dd data-testid="admin-order-status">
                    <span class=format!("status status-{}", order.status.as_str())>{t(locale, order.status.fluent_key())}</span>
                </dd>
                <dt>{t(locale, "orders-date")}</dt>
                <dd><When locale at=order.placed_at.clone()/></dd>
                <dt>{t(locale, "admin-customer")}</dt>
                <dd>{customer} <br/> <span dir="ltr">{order.phone.clone()}</span></dd>
                <dt>{t(locale, "admin-payment")}</dt>
                <dd>{format!("{}{}{}", t(locale, order.payment_method.fluent_key()), t(locale, "list-separator"), paid)}</dd>
                {order.tracking_number.clone().map(|n| view! {
                    <dt>{t(locale, "order-tracking")}</dt><dd dir="ltr">{n}</dd>
                })}
            </dl>
            <p><a class="button" href=format!("/{locale}/admin/orders/{number}/slip")>{t(locale, "admin-packing-slip")}</a></p>
            <section aria-labelledby="admin-actions-heading" class="admin-actions">
                <h2 id="admin-actions-heading">{t(locale, "admin-next-steps")}</h2>
                {if forms.is_empty() {
                    view! { <p>{t(locale, "admin-no-steps")}</p> }.into_any()
                } else {
                    view! { <div class="admin-action-forms">{forms}</div> }.into_any()
                }}
            </section>
            <OrderContents staff=true locale order=order.clone()/>
            <section aria-labelledby="order-timeline-heading">
                <h2 id="order-timeline-heading">{t(locale, "order-timeline")}</h2>
                <ol class="order-timeline" data-testid="order-timeline">
                    {order.timeline.iter().map(|entry| view! {
                        <li>
                            <When locale at=entry.at.clone()/>
                            " "
                            <span>{timeline_text(locale, entry)}</span>
                            " "
                            <span class="muted">{format!("({})", t(locale, entry.actor.fluent_key()))}</span>
                            {entry.note.clone().map(|n| view! { <span class="order-timeline-note">{format!(" — {n}")}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
        </AdminFrame>
    }
}

/// One move as a small form: its button, and the one field it needs (tracking number,
/// refund amount, or a note for a cancellation).
#[component]
fn ActionForm(
    locale: Locale,
    number: String,
    action: String,
    refundable: dokkan_core::Money,
) -> impl IntoView {
    let label = t(
        locale,
        &format!("admin-action-{}", action.replace('_', "-")),
    );
    let field_id = format!("action-{action}-field");
    let extra = match action.as_str() {
        "ship" => Some(view! {
            <label for=field_id.clone()>{t(locale, "admin-tracking-number")}</label>
            <input id=field_id.clone() name="tracking_number" type="text" dir="ltr" autocomplete="off"/>
        }.into_any()),
        "refund" => Some(view! {
            <label for=field_id.clone()>{t_with(locale, "admin-refund-amount", &[("max", &refundable.format(locale))])}</label>
            <input id=field_id.clone() name="amount" type="text" inputmode="decimal" dir="ltr" required value=refundable.decimal()/>
        }.into_any()),
        "cancel" => Some(view! {
            <label for=field_id.clone()>{t(locale, "admin-note")}</label>
            <input id=field_id.clone() name="note" type="text"/>
        }.into_any()),
        _ => None,
    };
    let class = if action == "cancel" || action == "refund" {
        "button-secondary"
    } else {
        "button-primary"
    };
    view! {
        <form method="post" action=AdminOrderEvent::PATH class="admin-action" data-action=action.clone()>
            <input type="hidden" name="lang" value=locale.as_str()/>
            <input type="hidden" name="number" value=number/>
            <input type="hidden" name="event" value=action.clone()/>
            {extra}
            <button type="submit" class=class data-testid=format!("action-{action}")>{label}</button>
        </form>
    }
}

#[component]
pub fn PackingSlipPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if let Err(page) = guard(locale, Permission::BackOffice) {
        return page;
    }
    let data = OnceResource::new(admin_order_detail(number_param()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! { <Layout locale><ErrorNotice locale error/></Layout> }.into_any(),
                    Ok(Some(detail)) => view! { <Slip locale order=detail.order/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn Slip(locale: Locale, order: OrderView) -> impl IntoView {
    let number = order.number.as_str().to_string();
    let title = t_with(locale, "admin-slip-title", &[("number", &number)]);
    let due = (!order.paid).then(|| {
        t_with(
            locale,
            "admin-slip-collect",
            &[("amount", &(order.totals.total.format(locale)))],
        )
    });
    view! {
        <Seo locale title=title.clone() description=title.clone()/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <article class="packing-slip" data-testid="packing-slip">
                <header class="slip-header">
                    <p class="slip-shop">{t(locale, "site-name")}</p>
                    <h1>{title}</h1>
                    <p><When locale at=order.placed_at.clone()/></p>
                    <PrintButton label=t(locale, "admin-print")/>
                </header>
                <p class="slip-payment">
                    {t(locale, order.payment_method.fluent_key())}
                    {due.map(|text| view! { <strong>{format!(" — {text}")}</strong> })}
                </p>
                <OrderContents staff=true locale order/>
                <p class="no-print"><a href=format!("/{locale}/admin/orders/{number}")>{t(locale, "admin-back-to-order")}</a></p>
            </article>
        </Layout>
    }
}
