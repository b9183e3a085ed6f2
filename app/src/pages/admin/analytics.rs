//! `/{lang}/admin/analytics`: what shoppers do, over a range of days — the funnel per day
//! with its conversion rates, products' views against purchases, search analytics and the
//! recommendation lists' click-through and attributed revenue. Charts are SVG drawn here
//! (mirrored in Arabic) with the figures as tables; each table downloads as CSV.

use super::{experiments::percent, guard, param, AdminFrame, FilterActions, Section};
use crate::{
    components::{number, Bar, BarList, ColumnChart, ErrorNotice},
    i18n::{t, t_with},
    pages::NotFoundPage,
    route_locale,
    server::admin::analytics::{admin_analytics, Analytics, ProductLine},
};
use dokkan_accounts::Permission;
use dokkan_catalog::admin::QueryFigures;
use dokkan_core::{Locale, Money};
use dokkan_events::report::{rate, FunnelDay, ListFigures};
use leptos::prelude::*;

#[component]
pub fn AdminAnalyticsPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let (from, to) = (param("from"), param("to"));
    let data = OnceResource::new(admin_analytics(
        locale.to_string(),
        from.clone(),
        to.clone(),
    ));
    view! {
        <AdminFrame locale title=t(locale, "admin-analytics") section=Section::Analytics admin=user.role.allows(Permission::People)>
            <p>{t(locale, "admin-analytics-intro")}</p>
            <Suspense fallback=|| ()>
                {move || {
                    let (from, to) = (from.clone(), to.clone());
                    Suspend::new(async move {
                        match data.await {
                            Err(error) => view! {
                                <RangeForm locale from=from.unwrap_or_default() to=to.unwrap_or_default()/>
                                <ErrorNotice locale error/>
                            }
                            .into_any(),
                            Ok(report) => view! { <Report locale report/> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn RangeForm(locale: Locale, from: String, to: String) -> impl IntoView {
    view! {
        <form method="get" class="admin-filters" data-testid="analytics-range">
            <div class="field">
                <label for="analytics-from">{t(locale, "admin-analytics-from")}</label>
                <input id="analytics-from" name="from" type="date" value=from dir="ltr"/>
            </div>
            <div class="field">
                <label for="analytics-to">{t(locale, "admin-analytics-to")}</label>
                <input id="analytics-to" name="to" type="date" value=to dir="ltr"/>
            </div>
            <FilterActions locale clear_href=format!("/{locale}/admin/analytics")/>
        </form>
    }
}

/// A chart's text alternative: each bar's label and figures.
fn describe(locale: Locale, bars: &[Bar]) -> String {
    bars.iter()
        .map(|b| format!("{}: {}", b.label, b.text))
        .collect::<Vec<_>>()
        .join(&t(locale, "list-separator"))
}

fn count(locale: Locale, n: i64) -> String {
    number(locale, n.max(0) as u64)
}

fn share(locale: Locale, part: i64, whole: i64) -> String {
    rate(part, whole)
        .map(|r| percent(locale, r))
        .unwrap_or_else(|| "—".into())
}

fn money(locale: Locale, minor: i64) -> String {
    Money::egp(minor).format(locale)
}

/// The CSV link of one table of this range.
fn csv_link(locale: Locale, report: &Analytics, table: &str) -> impl IntoView {
    let href = format!(
        "/api/v1/admin/analytics/export?table={table}&from={}&to={}&lang={locale}",
        report.from, report.to
    );
    view! { <a class="button" href=href download data-testid=format!("csv-{table}")>{t(locale, "admin-analytics-csv")}</a> }
}

#[component]
fn Report(locale: Locale, report: Analytics) -> impl IntoView {
    let total = FunnelDay::total(&report.funnel);
    let steps = [
        "admin-analytics-visitors",
        "admin-analytics-viewed",
        "admin-analytics-carted",
        "admin-analytics-checked-out",
        "admin-analytics-purchased",
    ];
    let values = total.steps();
    let funnel_bars: Vec<Bar> = steps
        .iter()
        .zip(values)
        .enumerate()
        .map(|(i, (key, value))| {
            let of_previous = if i == 0 {
                String::new()
            } else {
                format!(" ({})", share(locale, value, values[i - 1]))
            };
            Bar {
                label: t(locale, key),
                value,
                text: format!("{}{of_previous}", count(locale, value)),
            }
        })
        .collect();
    let funnel_desc = describe(locale, &funnel_bars);
    let max_visitors = report.funnel.iter().map(|d| d.visitors).max().unwrap_or(0);
    let daily_bars: Vec<Bar> = report
        .funnel
        .iter()
        .map(|d| Bar {
            label: locale.digits(d.day.get(8..10).unwrap_or(&d.day)),
            value: d.visitors,
            text: format!("{}: {}", locale.digits(&d.day), count(locale, d.visitors)),
        })
        .collect();
    let label_every = (report.funnel.len() / 10).max(1);
    let daily_desc = t_with(
        locale,
        "admin-analytics-daily-desc",
        &[
            ("from", &locale.digits(&report.from)),
            ("to", &locale.digits(&report.to)),
            ("visitors", &count(locale, total.visitors)),
            ("purchased", &count(locale, total.purchased)),
        ],
    );
    let overall = share(locale, total.purchased, total.visitors);
    view! {
        <RangeForm locale from=report.from.clone() to=report.to.clone()/>
        <section aria-labelledby="funnel-heading" data-testid="analytics-funnel">
            <h2 id="funnel-heading">{t(locale, "admin-analytics-funnel")}</h2>
            <p data-testid="analytics-conversion">{t_with(locale, "admin-analytics-conversion", &[("rate", &overall), ("revenue", &money(locale, total.revenue_minor))])}</p>
            <div class="dashboard-charts">
                <section>
                    <h3>{t(locale, "admin-analytics-steps")}</h3>
                    <BarList locale id="chart-funnel" title=t(locale, "admin-analytics-steps") description=funnel_desc
                        headings=(t(locale, "admin-analytics-step"), t(locale, "admin-analytics-people")) bars=funnel_bars/>
                </section>
                <section>
                    <h3>{t(locale, "admin-analytics-daily")}</h3>
                    <ColumnChart locale id="chart-visitors" title=t(locale, "admin-analytics-daily") description=daily_desc
                        headings=(t(locale, "admin-day"), t(locale, "admin-analytics-visitors")) bars=daily_bars
                        label_every scale=count(locale, max_visitors)/>
                </section>
            </div>
            <FunnelTable locale days=report.funnel.clone() total/>
            {csv_link(locale, &report, "funnel")}
        </section>
        <ProductsSection locale products=report.products.clone()/>
        {csv_link(locale, &report, "products")}
        <SearchSection locale report=report.clone()/>
        {csv_link(locale, &report, "searches")}
        <ListsSection locale lists=report.lists.clone()/>
        {csv_link(locale, &report, "recommendations")}
    }
}

#[component]
fn FunnelTable(locale: Locale, days: Vec<FunnelDay>, total: FunnelDay) -> impl IntoView {
    let row = move |label: String, d: &FunnelDay, total_row: bool| {
        let cells = d
            .steps()
            .into_iter()
            .map(|v| view! { <td class="numeric">{count(locale, v)}</td> })
            .collect_view();
        let label = if total_row {
            view! { <th scope="row">{label}</th> }.into_any()
        } else {
            view! { <th scope="row"><time datetime=d.day.clone() dir="ltr" class="nowrap">{label}</time></th> }
                .into_any()
        };
        view! {
            <tr>
                {label}
                {cells}
                <td class="numeric">{share(locale, d.carted, d.viewed)}</td>
                <td class="numeric">{share(locale, d.purchased, d.visitors)}</td>
                <td class="numeric">{money(locale, d.revenue_minor)}</td>
            </tr>
        }
    };
    let rows = days
        .iter()
        .rev()
        .map(|d| row(locale.digits(&d.day), d, false))
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="funnel-table">
                <caption class="visually-hidden">{t(locale, "admin-analytics-funnel")}</caption>
                <thead><tr>
                    <th scope="col">{t(locale, "admin-day")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-visitors")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-viewed")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-carted")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-checked-out")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-purchased")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-view-to-cart")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-conversion-rate")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-revenue")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot>{row(t(locale, "admin-analytics-total"), &total, true)}</tfoot>
            </table>
        </div>
    }
}

#[component]
fn ProductsSection(locale: Locale, products: Vec<ProductLine>) -> impl IntoView {
    let name = move |p: &ProductLine| {
        p.name
            .as_ref()
            .map(|n| n.get(locale).to_string())
            .unwrap_or_else(|| format!("#{}", p.figures.product_id))
    };
    let bars: Vec<Bar> = products
        .iter()
        .take(10)
        .map(|p| Bar {
            label: name(p),
            value: p.figures.views,
            text: t_with(
                locale,
                "admin-analytics-views-purchases",
                &[
                    ("views", &count(locale, p.figures.views)),
                    ("purchases", &count(locale, p.figures.purchases)),
                ],
            ),
        })
        .collect();
    let desc = describe(locale, &bars);
    let rows = products
        .iter()
        .map(|p| {
            let label = match &p.handle {
                Some(handle) => {
                    view! { <a href=format!("/{locale}/products/{handle}")>{name(p)}</a> }
                        .into_any()
                }
                None => view! { <span>{name(p)}</span> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td class="numeric">{count(locale, p.figures.views)}</td>
                    <td class="numeric">{count(locale, p.figures.carts)}</td>
                    <td class="numeric">{count(locale, p.figures.purchases)}</td>
                    <td class="numeric">{share(locale, p.figures.purchases, p.figures.views)}</td>
                    <td class="numeric">{money(locale, p.figures.revenue_minor)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="products-heading" data-testid="analytics-products">
            <h2 id="products-heading">{t(locale, "admin-analytics-products")}</h2>
            {if products.is_empty() {
                view! { <p class="muted">{t(locale, "admin-none-yet")}</p> }.into_any()
            } else {
                view! {
                    <BarList locale id="chart-products" title=t(locale, "admin-analytics-products") description=desc
                        headings=(t(locale, "admin-analytics-product"), t(locale, "admin-analytics-views")) bars/>
                    <div class="table-scroll">
                        <table class="admin-table" data-testid="products-table">
                            <caption class="visually-hidden">{t(locale, "admin-analytics-products")}</caption>
                            <thead><tr>
                                <th scope="col">{t(locale, "admin-analytics-product")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-views")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-carts")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-purchases")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-view-to-purchase")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-revenue")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn QueryTable(
    locale: Locale,
    id: &'static str,
    caption: String,
    queries: Vec<QueryFigures>,
) -> impl IntoView {
    if queries.is_empty() {
        return view! { <p class="muted" data-testid=id>{t(locale, "admin-none-yet")}</p> }
            .into_any();
    }
    let rows = queries
        .into_iter()
        .map(|q| {
            view! {
                <tr>
                    <th scope="row"><bdi>{q.query}</bdi></th>
                    <td class="numeric">{count(locale, q.searches)}</td>
                    <td class="numeric">{count(locale, q.empty)}</td>
                    <td class="numeric">{count(locale, q.partial)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid=id>
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t(locale, "admin-analytics-query")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-searches")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-no-results")}</th>
                    <th scope="col" class="numeric">{t(locale, "admin-analytics-partial")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn SearchSection(locale: Locale, report: Analytics) -> impl IntoView {
    let search = report.search;
    let bars: Vec<Bar> = search
        .top
        .iter()
        .take(10)
        .map(|q| Bar {
            label: q.query.clone(),
            value: q.searches,
            text: t_with(
                locale,
                "admin-analytics-query-figures",
                &[
                    ("searches", &count(locale, q.searches)),
                    ("empty", &count(locale, q.empty)),
                    ("partial", &count(locale, q.partial)),
                ],
            ),
        })
        .collect();
    let desc = describe(locale, &bars);
    view! {
        <section aria-labelledby="search-heading" data-testid="analytics-search">
            <h2 id="search-heading">{t(locale, "admin-analytics-search")}</h2>
            <p>{t_with(locale, "admin-analytics-search-total", &[("searches", &count(locale, search.searches))])}</p>
            {(!bars.is_empty()).then(|| view! {
                <BarList locale id="chart-searches" title=t(locale, "admin-analytics-top-queries") description=desc
                    headings=(t(locale, "admin-analytics-query"), t(locale, "admin-analytics-searches")) bars/>
            })}
            <QueryTable locale id="search-top" caption=t(locale, "admin-analytics-top-queries") queries=search.top/>
            <QueryTable locale id="search-empty" caption=t(locale, "admin-analytics-empty-queries") queries=search.empty/>
            <QueryTable locale id="search-partial" caption=t(locale, "admin-analytics-partial-queries") queries=search.partial/>
        </section>
    }
}

#[component]
fn ListsSection(locale: Locale, lists: Vec<ListFigures>) -> impl IntoView {
    let label = move |l: &ListFigures| {
        format!(
            "{} · {}",
            t(locale, &format!("admin-placement-{}", l.placement)),
            l.model
        )
    };
    let bars: Vec<Bar> = lists
        .iter()
        .map(|l| Bar {
            label: label(l),
            value: l.clicks,
            text: t_with(
                locale,
                "admin-analytics-clicks-ctr",
                &[
                    ("clicks", &count(locale, l.clicks)),
                    ("rate", &share(locale, l.clicks, l.impressions)),
                ],
            ),
        })
        .collect();
    let desc = describe(locale, &bars);
    let rows = lists
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <th scope="row">{t(locale, &format!("admin-placement-{}", l.placement))}</th>
                    <td dir="ltr">{l.model.clone()}</td>
                    <td class="numeric">{count(locale, l.impressions)}</td>
                    <td class="numeric">{count(locale, l.clicks)}</td>
                    <td class="numeric">{share(locale, l.clicks, l.impressions)}</td>
                    <td class="numeric">{count(locale, l.purchases)}</td>
                    <td class="numeric">{money(locale, l.revenue_minor)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="lists-heading" data-testid="analytics-recommendations">
            <h2 id="lists-heading">{t(locale, "admin-analytics-recommendations")}</h2>
            <p>{t(locale, "admin-analytics-attribution")}</p>
            {if lists.is_empty() {
                view! { <p class="muted">{t(locale, "admin-none-yet")}</p> }.into_any()
            } else {
                view! {
                    <BarList locale id="chart-lists" title=t(locale, "admin-analytics-recommendations") description=desc
                        headings=(t(locale, "admin-analytics-list"), t(locale, "admin-analytics-clicks")) bars/>
                    <div class="table-scroll">
                        <table class="admin-table" data-testid="lists-table">
                            <caption class="visually-hidden">{t(locale, "admin-analytics-recommendations")}</caption>
                            <thead><tr>
                                <th scope="col">{t(locale, "admin-analytics-placement")}</th>
                                <th scope="col">{t(locale, "admin-analytics-model")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-impressions")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-clicks")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-ctr")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-purchases")}</th>
                                <th scope="col" class="numeric">{t(locale, "admin-analytics-attributed")}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        </section>
    }
}
