//! `/{lang}/orders/{number}`: the confirmation and the order's page. Its owner sees it
//! signed in; a guest through the link with the order's key (from the confirmation mail
//! or the lookup form); staff always. The status follows changes live.

use super::ShopFrame;
use crate::{
    components::{ErrorNotice, OrderContents},
    i18n::t,
    islands::{LiveStatus, PushButton, PushTexts, StatusLabel},
    pages::NotFoundPage,
    request, route_locale,
    server::orders::{order_page, CancelOrder, OrderPageData, PayOrder},
};
use dokkan_core::Locale;
use dokkan_orders::{view::OrderView, OrderStatus};
use dokkan_payments::PaymentMethod;
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrderPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let number = use_params_map()
        .read_untracked()
        .get("number")
        .unwrap_or_default();
    let key = request::query_param("key").unwrap_or_default();
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(order_page(number, key));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(None) => view! { <NotFoundPage/> }.into_any(),
                    Err(error) => view! {
                        <ShopFrame locale title=t(locale, "order-title")><ErrorNotice locale error/></ShopFrame>
                    }
                        .into_any(),
                    Ok(Some(data)) => view! { <Order locale data/> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn notice(locale: Locale, order: &OrderView) -> Option<String> {
    if request::query_param("placed").is_some() {
        Some(t(locale, "order-placed-notice"))
    } else if request::query_param("cancelled").is_some() {
        Some(t(locale, "order-cancelled-notice"))
    } else if request::query_param("returned").is_some()
        && order.status == OrderStatus::PendingPayment
    {
        Some(t(locale, "order-payment-waiting"))
    } else {
        None
    }
}

#[component]
fn Order(locale: Locale, data: OrderPageData) -> impl IntoView {
    let OrderPageData {
        order,
        key,
        can_pay,
    } = data;
    let number = order.number.as_str().to_string();
    let title = crate::i18n::t_with(locale, "order-heading", &[("number", &number)]);
    let labels = OrderStatus::ALL
        .iter()
        .map(|s| StatusLabel {
            status: s.as_str().to_string(),
            label: t(locale, s.fluent_key()),
        })
        .collect();
    let stream = format!("/api/v1/orders/{number}/events?key={key}");
    let notice = notice(locale, &order);
    let error = request::form_error_for(CancelOrder::PATH, locale)
        .or_else(|| request::form_error_for(PayOrder::PATH, locale))
        .and_then(|e| e.message);
    let separator = t(locale, "list-separator");
    let payment_text = match (order.payment_method, order.paid) {
        (PaymentMethod::CashOnDelivery, false) => t(locale, "order-payment-cod-due"),
        (PaymentMethod::Card, false) => t(locale, "order-payment-card-pending"),
        (_, true) => t(locale, "order-payment-paid"),
    };
    let cancellable = order.cancellable();
    // Opt-in web push while the order can still move (a click asks; nothing on load).
    let push = (!order.status.is_terminal()).then(|| {
        view! {
            <PushButton
                texts=PushTexts::new(locale, "push-subscribe-order")
                locale=locale.as_str().to_string()
                order=number.clone()
                order_key=key.clone()
            />
        }
    });
    view! {
        <ShopFrame locale title>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="order-notice">{text}</p> })}
            {error.map(|text| view! { <p class="form-error" role="alert">{text}</p> })}
            <p class="order-meta">
                {t(locale, "order-status")} " "
                <LiveStatus url=stream status=order.status.as_str().to_string() labels/>
            </p>
            <p>{format!("{}{separator}{}", t(locale, order.payment_method.fluent_key()), payment_text)}</p>
            {order.tracking_number.clone().map(|n| view! { <p>{t(locale, "order-tracking")} " " <span dir="ltr">{n}</span></p> })}
            {push}
            {can_pay.then(|| view! {
                <form method="post" action=PayOrder::PATH>
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="number" value=number.clone()/>
                    <input type="hidden" name="key" value=key.clone()/>
                    <button type="submit" class="button-primary" data-testid="pay-now">{t(locale, "order-pay-now")}</button>
                </form>
            })}
            <OrderContents staff=false locale order=order.clone()/>
            <section aria-labelledby="order-timeline-heading">
                <h2 id="order-timeline-heading">{t(locale, "order-timeline")}</h2>
                <ol class="order-timeline" data-testid="order-timeline">
                    {order.timeline.iter().map(|entry| view! {
                        <li>
                            <time datetime=entry.at.clone()>{locale.digits(entry.at.replace('T', " ").trim_end_matches('Z'))}</time>
                            " "
                            <span>{timeline_text(locale, entry)}</span>
                            {entry.note.clone().map(|n| view! { <span class="order-timeline-note">{format!(" — {n}")}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </section>
            {cancellable.then(|| view! {
                <form method="post" action=CancelOrder::PATH class="order-cancel">
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="number" value=number.clone()/>
                    <input type="hidden" name="key" value=key.clone()/>
                    <button type="submit" class="button-secondary" data-testid="cancel-order">{t(locale, "order-cancel")}</button>
                </form>
            })}
        </ShopFrame>
    }
}

/// A timeline step in words: the new status, or for steps that keep the status (cash
/// collected, a late payment) what happened.
pub(crate) fn timeline_text(locale: Locale, entry: &dokkan_orders::view::TimelineEntry) -> String {
    if entry.from == Some(entry.to) {
        t(
            locale,
            &format!("order-event-{}", entry.event.replace('_', "-")),
        )
    } else {
        t(locale, entry.to.fluent_key())
    }
}
