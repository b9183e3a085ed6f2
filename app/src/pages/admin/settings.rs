//! `/{lang}/admin/discounts` and `/{lang}/admin/shipping`: what the checkout charges.
//! Discount codes with their terms and uses; shipping zones with their governorates and
//! a rate per method. Plain forms.

use super::{guard, AdminFrame, Section};
use crate::{
    components::ErrorNotice,
    error::FormError,
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::settings::{
        admin_discounts, admin_shipping, AssignGovernorate, SaveDiscount, SaveShippingRate,
    },
};
use dokkan_accounts::{Governorate, Permission};
use dokkan_core::Locale;
use dokkan_orders::admin::{AdminDiscount, AdminZone};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminDiscountsPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_discounts());
    let error = request::form_error_for(SaveDiscount::PATH, locale);
    let message = error.as_ref().map(FormError::summary);
    let saved = request::query_param("saved").map(|_| t(locale, "admin-settings-saved"));
    let kept = move |name: &str| {
        error
            .as_ref()
            .and_then(|e| e.value(name))
            .unwrap_or_default()
            .to_string()
    };
    let field = move |name: &'static str, key: &str, kind: &'static str| {
        let id = format!("discount-{name}");
        let value = kept(name);
        let label = t(locale, key);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id name=name type=kind dir="ltr" value=value/>
            </div>
        }
    };
    view! {
        <AdminFrame locale title=t(locale, "admin-discounts") section=Section::Discounts admin=user.role.allows(dokkan_accounts::Permission::People)>
            {saved.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {message.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <section aria-labelledby="discount-form-heading" class="admin-actions">
                <h2 id="discount-form-heading">{t(locale, "admin-discount-form")}</h2>
                <p class="field-hint">{t(locale, "admin-discount-hint")}</p>
                <form method="post" action=SaveDiscount::PATH class="admin-filters" data-testid="discount-form">
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    {field("code", "admin-discount-code-label", "text")}
                    <div class="field">
                        <label for="discount-kind">{t(locale, "admin-discount-kind")}</label>
                        <select id="discount-kind" name="kind">
                            <option value="percent">{t(locale, "admin-discount-percent-kind")}</option>
                            <option value="amount">{t(locale, "admin-discount-amount-kind")}</option>
                        </select>
                    </div>
                    {field("value", "admin-discount-value", "text")}
                    {field("min_subtotal", "admin-discount-min", "text")}
                    {field("starts_on", "admin-from", "date")}
                    {field("ends_on", "admin-to", "date")}
                    {field("usage_limit", "admin-discount-usage-limit", "text")}
                    {field("per_customer_limit", "admin-discount-customer-limit", "text")}
                    <div class="field-checkbox">
                        <input id="discount-active" type="checkbox" name="active" value="on" checked=true/>
                        <label for="discount-active">{t(locale, "admin-discount-active")}</label>
                    </div>
                    <div class="filter-actions">
                        <button type="submit" class="button-primary">{t(locale, "admin-discount-save")}</button>
                    </div>
                </form>
            </section>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(discounts) => view! { <Discounts locale discounts/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn Discounts(locale: Locale, discounts: Vec<AdminDiscount>) -> impl IntoView {
    let dash = || "—".to_string();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="discounts">
                <thead><tr>
                    <th scope="col">{t(locale, "admin-discount-code-label")}</th>
                    <th scope="col">{t(locale, "admin-discount-value")}</th>
                    <th scope="col">{t(locale, "admin-discount-min")}</th>
                    <th scope="col">{t(locale, "admin-discount-dates")}</th>
                    <th scope="col">{t(locale, "admin-discount-uses")}</th>
                    <th scope="col">{t(locale, "admin-discount-active")}</th>
                </tr></thead>
                <tbody>
                    {discounts.into_iter().map(|d| {
                        let value = match (d.percent, d.amount) {
                            (Some(p), _) => locale.digits(&format!("{p}%")),
                            (_, Some(a)) => a.format(locale),
                            _ => dash(),
                        };
                        let dates = format!(
                            "{} – {}",
                            d.starts_on.as_deref().map(|s| locale.digits(s)).unwrap_or_else(dash),
                            d.ends_on.as_deref().map(|s| locale.digits(s)).unwrap_or_else(dash),
                        );
                        let uses = match d.usage_limit {
                            Some(limit) => locale.digits(&format!("{} / {limit}", d.times_used)),
                            None => locale.digits(&d.times_used.to_string()),
                        };
                        view! {
                            <tr>
                                <td dir="ltr"><code>{d.code}</code></td>
                                <td>{value}</td>
                                <td>{d.min_subtotal.format(locale)}</td>
                                <td>{dates}</td>
                                <td>{uses}</td>
                                <td>{if d.active { t(locale, "admin-yes") } else { t(locale, "admin-no") }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn AdminShippingPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_shipping());
    let error = request::form_error_for(SaveShippingRate::PATH, locale)
        .or_else(|| request::form_error_for(AssignGovernorate::PATH, locale));
    let message = error.as_ref().map(FormError::summary);
    let saved = request::query_param("saved").map(|_| t(locale, "admin-settings-saved"));
    view! {
        <AdminFrame locale title=t(locale, "admin-shipping") section=Section::Shipping admin=user.role.allows(dokkan_accounts::Permission::People)>
            {saved.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {message.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(zones) => view! { <Zones locale zones/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn Zones(locale: Locale, zones: Vec<AdminZone>) -> impl IntoView {
    let zone_choices: Vec<(i64, String)> = zones
        .iter()
        .map(|z| (z.id, z.name.get(locale).to_string()))
        .collect();
    let zone_of = |code: &str| {
        zones
            .iter()
            .find(|z| z.governorates.iter().any(|g| g == code))
            .map(|z| z.id)
    };
    let assignments = Governorate::ALL
        .iter()
        .map(|g| {
            let current = zone_of(g.code());
            let id = format!("governorate-{}", g.code());
            view! {
                <form method="post" action=AssignGovernorate::PATH class="category-form">
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="governorate" value=g.code()/>
                    <label for=id.clone()>{g.name(locale)}</label>
                    <select id=id name="zone_id">
                        {current.is_none().then(|| view! { <option value="" selected=true>{t(locale, "admin-shipping-none")}</option> })}
                        {zone_choices.iter().map(|(zid, name)| view! {
                            <option value=zid.to_string() selected=current == Some(*zid)>{name.clone()}</option>
                        }).collect_view()}
                    </select>
                    <button type="submit" class="button-link">{t(locale, "admin-category-move")}</button>
                </form>
            }
        })
        .collect_view();
    let cards = zones
        .iter()
        .map(|zone| {
            let names = zone
                .governorates
                .iter()
                .filter_map(|g| Governorate::from_code(g).ok())
                .map(|g| g.name(locale).to_string())
                .collect::<Vec<_>>()
                .join(&t(locale, "list-separator"));
            let forms = ["standard", "express"]
                .into_iter()
                .map(|method| {
                    let rate = zone.rates.iter().find(|r| r.method == method);
                    let prefix = format!("zone-{}-{method}", zone.id);
                    let input = |name: &'static str, key: &str, value: String| {
                        let id = format!("{prefix}-{name}");
                        view! {
                            <label for=id.clone()>{t(locale, key)}</label>
                            <input id=id name=name type="text" dir="ltr" inputmode="decimal" value=value/>
                        }
                    };
                    view! {
                        <form method="post" action=SaveShippingRate::PATH class="admin-action" data-testid=format!("rate-{}-{method}", zone.id)>
                            <input type="hidden" name="lang" value=locale.as_str()/>
                            <input type="hidden" name="zone_id" value=zone.id.to_string()/>
                            <input type="hidden" name="method" value=method/>
                            <p class="field-label">{t(locale, &format!("shipping-{method}"))}</p>
                            {(method == "express").then(|| {
                                let id = format!("{prefix}-offered");
                                view! {
                                    <div class="field-checkbox">
                                        <input id=id.clone() type="checkbox" name="offered" value="on" checked=rate.is_some()/>
                                        <label for=id>{t(locale, "admin-shipping-offered")}</label>
                                    </div>
                                }
                            })}
                            {input("rate", "admin-shipping-rate", rate.map(|r| r.rate.decimal()).unwrap_or_default())}
                            {input("free_over", "admin-shipping-free-over", rate.and_then(|r| r.free_over).map(|m| m.decimal()).unwrap_or_default())}
                            {input("days_min", "admin-shipping-days-min", rate.map(|r| r.days_min.to_string()).unwrap_or_default())}
                            {input("days_max", "admin-shipping-days-max", rate.map(|r| r.days_max.to_string()).unwrap_or_default())}
                            <button type="submit" class="button-primary">{t(locale, "form-save")}</button>
                        </form>
                    }
                })
                .collect_view();
            view! {
                <section class="admin-actions" aria-label=zone.name.get(locale).to_string() data-testid="shipping-zone">
                    <h2>{zone.name.get(locale).to_string()}</h2>
                    <p class="muted">{names}</p>
                    <div class="admin-action-forms">{forms}</div>
                </section>
            }
        })
        .collect_view();
    view! {
        {cards}
        <section class="admin-actions" aria-labelledby="governorates-heading">
            <h2 id="governorates-heading">{t(locale, "admin-shipping-governorates")}</h2>
            <p class="field-hint">{t_with(locale, "admin-shipping-governorates-hint", &[])}</p>
            <div class="governorate-forms">{assignments}</div>
        </section>
    }
}
