//! `/{lang}/admin`: the dashboard. Sales today, over 7 and 30 days against the period
//! before, revenue per day and orders by status as charts, best sellers, variants
//! running out, and searches that found nothing.

use super::{guard, AdminFrame, Section};
use crate::{
    components::{Bar, BarList, ColumnChart, ErrorNotice},
    i18n::{t, t_count, t_with},
    pages::NotFoundPage,
    route_locale,
    server::admin::dashboard::admin_dashboard,
    server::admin::mail::{admin_failed_mails, FailedMails, RetryMail},
};
use dokkan_accounts::Permission;
use dokkan_core::{Locale, Money};
use dokkan_orders::admin::{change_percent, Dashboard, PeriodFigures};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(admin_dashboard());
    let failed_mail = OnceResource::new(admin_failed_mails());
    let retry_error = crate::request::form_error_for(RetryMail::PATH, locale).map(|e| e.summary());
    let retried = crate::request::query_param("mail-retried")
        .filter(|_| retry_error.is_none())
        .map(|_| t(locale, "admin-mail-retried"));
    view! {
        <AdminFrame locale title=t(locale, "admin-dashboard") section=Section::Dashboard admin=user.role.allows(dokkan_accounts::Permission::People)>
            {retried.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {retry_error.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(dashboard) => view! { <DashboardView locale dashboard/> }.into_any(),
                    }
                })}
            </Suspense>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match failed_mail.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(mails) => view! { <FailedMail locale mails/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

fn period_name(locale: Locale, days: u32) -> String {
    if days == 1 {
        t(locale, "admin-period-today")
    } else {
        t_with(
            locale,
            "admin-period-days",
            &[("days", &locale.digits(&days.to_string()))],
        )
    }
}

/// "+12 %" / "−8 %" against the period before, or a dash when there was nothing before.
fn change(locale: Locale, now: i64, before: i64) -> (String, &'static str) {
    match change_percent(now, before) {
        None => (t(locale, "admin-change-none"), "change-none"),
        Some(p) if p > 0 => (locale.digits(&format!("+{p}%")), "change-up"),
        Some(p) if p < 0 => (locale.digits(&format!("−{}%", -p)), "change-down"),
        Some(_) => (locale.digits("0%"), "change-none"),
    }
}

#[component]
fn Figure(locale: Locale, label: String, value: String, now: i64, before: i64) -> impl IntoView {
    let (delta, class) = change(locale, now, before);
    view! {
        <div class="kpi">
            <dt>{label}</dt>
            <dd>
                <span class="kpi-value">{value}</span>
                <span class=format!("kpi-change {class}")>
                    <span dir="ltr">{delta}</span> <span class="visually-hidden">{t(locale, "admin-change-against")}</span>
                </span>
            </dd>
        </div>
    }
}

#[component]
fn Period(locale: Locale, period: PeriodFigures) -> impl IntoView {
    let name = period_name(locale, period.days);
    let label = name.clone();
    view! {
        <section class="kpi-period" aria-label=label>
            <h2>{name}</h2>
            <dl>
                <Figure locale label=t(locale, "admin-revenue") value=period.revenue.format(locale)
                    now=period.revenue.minor() before=period.previous_revenue.minor()/>
                <Figure locale label=t(locale, "admin-orders") value=locale.digits(&period.orders.to_string())
                    now=period.orders before=period.previous_orders/>
                <Figure locale label=t(locale, "admin-average-order") value=period.average().format(locale)
                    now=period.average().minor() before=period.previous_average().minor()/>
            </dl>
        </section>
    }
}

fn day_label(day: &str) -> String {
    // `2026-12-02` → `2/12`: day first, as both languages write it here.
    let mut parts = day.split('-').skip(1);
    match (parts.next(), parts.next()) {
        (Some(month), Some(d)) => format!(
            "{}/{}",
            d.trim_start_matches('0'),
            month.trim_start_matches('0')
        ),
        _ => day.to_string(),
    }
}

#[component]
fn DashboardView(locale: Locale, dashboard: Dashboard) -> impl IntoView {
    let Dashboard {
        periods,
        daily,
        by_status,
        top_products,
        low_stock,
        zero_results,
    } = dashboard;
    let max_revenue = daily.iter().map(|d| d.revenue.minor()).max().unwrap_or(0);
    let total: i64 = daily.iter().map(|d| d.revenue.minor()).sum();
    let best = daily.iter().max_by_key(|d| d.revenue.minor());
    let revenue_desc = t_with(
        locale,
        "admin-chart-revenue-desc",
        &[
            ("total", &Money::egp(total).format(locale)),
            (
                "best",
                &best
                    .map(|d| locale.digits(&day_label(&d.day)))
                    .unwrap_or_default(),
            ),
            (
                "amount",
                &best.map(|d| d.revenue.format(locale)).unwrap_or_default(),
            ),
        ],
    );
    let revenue_bars: Vec<Bar> = daily
        .iter()
        .map(|d| Bar {
            label: day_label(&d.day),
            value: d.revenue.minor(),
            text: t_with(
                locale,
                "admin-chart-day",
                &[
                    ("day", &locale.digits(&d.day)),
                    ("amount", &d.revenue.format(locale)),
                    (
                        "orders",
                        &t_count(locale, "admin-orders-count", d.orders as usize),
                    ),
                ],
            ),
        })
        .collect();
    let status_bars: Vec<Bar> = by_status
        .iter()
        .map(|(status, n)| Bar {
            label: t(locale, status.fluent_key()),
            value: *n,
            text: locale.digits(&n.to_string()),
        })
        .collect();
    let status_desc = by_status
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| {
            format!(
                "{}: {}",
                t(locale, s.fluent_key()),
                locale.digits(&n.to_string())
            )
        })
        .collect::<Vec<_>>()
        .join(&t(locale, "list-separator"));
    let status_desc = if status_desc.is_empty() {
        t(locale, "admin-none-yet")
    } else {
        status_desc
    };
    view! {
        <div class="kpis" data-testid="admin-overview">
            {periods.into_iter().map(|period| view! { <Period locale period/> }).collect_view()}
        </div>
        <div class="dashboard-charts">
            <section>
                <h2>{t(locale, "admin-chart-revenue")}</h2>
                <ColumnChart
                    locale
                    id="chart-revenue"
                    title=t(locale, "admin-chart-revenue")
                    description=revenue_desc
                    headings=(t(locale, "admin-day"), t(locale, "admin-revenue"))
                    bars=revenue_bars
                    label_every=5
                    scale=Money::egp(max_revenue).format(locale)
                />
            </section>
            <section>
                <h2>{t(locale, "admin-chart-status")}</h2>
                <BarList
                    locale
                    id="chart-status"
                    title=t(locale, "admin-chart-status")
                    description=status_desc
                    headings=(t(locale, "order-status"), t(locale, "admin-orders"))
                    bars=status_bars
                />
            </section>
        </div>
        <div class="dashboard-lists">
            <section>
                <h2>{t(locale, "admin-top-products")}</h2>
                {if top_products.is_empty() {
                    view! { <p>{t(locale, "admin-none-yet")}</p> }.into_any()
                } else {
                    view! {
                        <table class="admin-table">
                            <thead><tr>
                                <th scope="col">{t(locale, "order-item")}</th>
                                <th scope="col">{t(locale, "admin-units")}</th>
                                <th scope="col">{t(locale, "admin-revenue")}</th>
                            </tr></thead>
                            <tbody>
                                {top_products.into_iter().map(|p| view! {
                                    <tr>
                                        <td><a href=format!("/{locale}/products/{}", p.handle)>{p.name.get(locale).to_string()}</a></td>
                                        <td>{locale.digits(&p.units.to_string())}</td>
                                        <td>{p.revenue.format(locale)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <section>
                <h2>{t(locale, "admin-low-stock")}</h2>
                {if low_stock.is_empty() {
                    view! { <p>{t(locale, "admin-low-stock-none")}</p> }.into_any()
                } else {
                    view! {
                        <table class="admin-table" data-testid="low-stock">
                            <thead><tr>
                                <th scope="col">{t(locale, "order-item")}</th>
                                <th scope="col">{t(locale, "admin-sku")}</th>
                                <th scope="col">{t(locale, "admin-stock")}</th>
                            </tr></thead>
                            <tbody>
                                {low_stock.into_iter().map(|v| view! {
                                    <tr>
                                        <td>
                                            <a href=format!("/{locale}/products/{}", v.handle)>{v.name.get(locale).to_string()}</a>
                                            {(!v.options.get(locale).is_empty()).then(|| view! { <span class="cart-line-options">{v.options.get(locale).to_string()}</span> })}
                                        </td>
                                        <td dir="ltr">{v.sku}</td>
                                        <td>{locale.digits(&v.stock.to_string())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
            <section>
                <h2>{t(locale, "admin-zero-results")}</h2>
                {if zero_results.is_empty() {
                    view! { <p>{t(locale, "admin-none-yet")}</p> }.into_any()
                } else {
                    view! {
                        <table class="admin-table" data-testid="zero-results">
                            <thead><tr>
                                <th scope="col">{t(locale, "admin-search-query")}</th>
                                <th scope="col">{t(locale, "admin-searches")}</th>
                            </tr></thead>
                            <tbody>
                                {zero_results.into_iter().map(|z| {
                                    let href = format!("/{locale}/search?q={}", form_urlencoded::byte_serialize(z.query.as_bytes()).collect::<String>());
                                    view! {
                                    <tr>
                                        <td><a href=href>{z.query}</a></td>
                                        <td>{locale.digits(&z.searches.to_string())}</td>
                                    </tr>
                                }}).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_labels_are_day_then_month() {
        assert_eq!(day_label("2026-12-02"), "2/12");
        assert_eq!(day_label("2026-01-30"), "30/1");
    }
}

/// The mail kinds' names in the reader's language; an unknown kind shows as stored.
fn mail_kind(locale: Locale, kind: &str) -> String {
    match kind {
        "verify-email" | "password-reset" | "order-confirmation" | "order-shipped"
        | "order-delivered" | "order-cancelled" | "order-refunded" => {
            t(locale, &format!("admin-mail-kind-{kind}"))
        }
        other => other.to_string(),
    }
}

/// Mail that will not go out by itself, newest failure first, each with a button that
/// queues it again (an audited write).
#[component]
fn FailedMail(locale: Locale, mails: FailedMails) -> impl IntoView {
    let FailedMails { rows, total } = mails;
    let body = if rows.is_empty() {
        view! { <p class="muted" data-testid="failed-mail-none">{t(locale, "admin-mail-failed-none")}</p> }
            .into_any()
    } else {
        let more = (total > rows.len() as i64).then(|| {
            t_with(
                locale,
                "admin-mail-failed-more",
                &[
                    ("shown", &locale.digits(&rows.len().to_string())),
                    ("total", &locale.digits(&total.to_string())),
                ],
            )
        });
        let lines = rows
            .into_iter()
            .map(|mail| {
                let kind = mail_kind(locale, &mail.kind);
                let label = t_with(
                    locale,
                    "admin-mail-retry-label",
                    &[("kind", &kind), ("recipient", &mail.recipient)],
                );
                // `2026-12-07T10:15:00Z` → `2026-12-07 10:15 UTC`.
                let when = mail
                    .failed_at
                    .get(..16)
                    .map(|s| format!("{} UTC", s.replace('T', " ")))
                    .unwrap_or(mail.failed_at.clone());
                view! {
                    <tr data-testid="failed-mail-row">
                        <td><time datetime=mail.failed_at.clone() dir="ltr">{locale.digits(&when)}</time></td>
                        <td data-testid="failed-mail-kind">{kind}</td>
                        <td dir="ltr" data-testid="failed-mail-recipient"><bdi>{mail.recipient}</bdi></td>
                        <td dir="ltr" class="failed-mail-error" data-testid="failed-mail-error"><code>{mail.error}</code></td>
                        <td>{locale.digits(&mail.attempts.to_string())}</td>
                        <td>
                            <form method="post" action=RetryMail::PATH>
                                <input type="hidden" name="lang" value=locale.as_str()/>
                                <input type="hidden" name="id" value=mail.id.to_string()/>
                                <button type="submit" class="button-link" aria-label=label data-testid="failed-mail-retry">
                                    {t(locale, "admin-mail-retry")}
                                </button>
                            </form>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            {more.map(|text| view! { <p class="muted">{text}</p> })}
            <div class="table-scroll">
                <table class="admin-table" data-testid="failed-mail">
                    <caption class="visually-hidden">{t(locale, "admin-mail-failed")}</caption>
                    <thead><tr>
                        <th scope="col">{t(locale, "admin-mail-when")}</th>
                        <th scope="col">{t(locale, "admin-mail-kind")}</th>
                        <th scope="col">{t(locale, "admin-mail-recipient")}</th>
                        <th scope="col">{t(locale, "admin-mail-error")}</th>
                        <th scope="col">{t(locale, "admin-mail-attempts")}</th>
                        <th scope="col"><span class="visually-hidden">{t(locale, "admin-mail-actions")}</span></th>
                    </tr></thead>
                    <tbody>{lines}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section id="failed-mail" aria-labelledby="failed-mail-heading" class="admin-failed-mail">
            <h2 id="failed-mail-heading">{t(locale, "admin-mail-failed")}</h2>
            <p class="field-hint">{t(locale, "admin-mail-failed-intro")}</p>
            {body}
        </section>
    }
}
