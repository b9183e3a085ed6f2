//! `/{lang}/admin/experiments`: the A/B tests. Per variant: visitors exposed, purchases
//! within the window, conversion rate, uplift against the control with its 95 % interval,
//! and the p-value; stop, start again, or roll a variant out to everyone. Plain forms.

use super::{guard, AdminFrame, Section};
use crate::{
    components::{number, ErrorNotice},
    i18n::{t, t_count, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::experiments::{
        admin_experiments, ChangeExperiment, ExperimentView, VariantLine,
    },
};
use dokkan_accounts::Permission;
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminExperimentsPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_experiments());
    let refused = request::form_error_for(ChangeExperiment::PATH, locale).map(|e| e.summary());
    let notice = request::query_param("changed")
        .filter(|_| refused.is_none())
        .map(|_| t(locale, "admin-experiment-changed"));
    view! {
        <AdminFrame locale title=t(locale, "admin-experiments") section=Section::Experiments admin=user.role.allows(Permission::People)>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {refused.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <p>{t(locale, "admin-experiments-intro")}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(experiments) => experiments
                            .into_iter()
                            .map(|e| view! { <ExperimentReport locale experiment=e/> })
                            .collect_view()
                            .into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

/// `12.5%` / `١٢٫٥٪`.
pub(crate) fn percent(locale: Locale, value: f64) -> String {
    let text = locale.digits(&format!("{:.1}", value * 100.0));
    match locale {
        Locale::Ar => text.replace('.', "٫") + "٪",
        _ => text + "%",
    }
}

fn signed_percent(locale: Locale, value: f64) -> String {
    let sign = if value > 0.0 { "+" } else { "" };
    format!("{sign}{}", percent(locale, value))
}

#[component]
fn ExperimentReport(locale: Locale, experiment: ExperimentView) -> impl IntoView {
    let name = match locale {
        Locale::Ar => experiment.name_ar.clone(),
        _ => experiment.name_en.clone(),
    };
    let heading_id = format!("experiment-{}", experiment.id);
    let status = match (&experiment.winner, experiment.running) {
        (Some(winner), _) => t_with(
            locale,
            "admin-experiment-rolled-out",
            &[("variant", winner)],
        ),
        (None, true) => t_with(
            locale,
            "admin-experiment-running",
            &[("date", &super::when(locale, &experiment.started))],
        ),
        (None, false) => t(locale, "admin-experiment-stopped"),
    };
    let window = t_count(
        locale,
        "admin-experiment-window",
        experiment.window_days.max(0) as usize,
    );
    let id = experiment.id.to_string();
    let action = |label: String, action: &'static str, variant: String| {
        view! {
            <form method="post" action=ChangeExperiment::PATH class="inline-form">
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="id" value=id.clone()/>
                <input type="hidden" name="action" value=action/>
                <input type="hidden" name="variant" value=variant/>
                <button type="submit" class="button-secondary" data-testid=format!("experiment-{action}")>{label}</button>
            </form>
        }
    };
    let rows = experiment
        .variants
        .iter()
        .enumerate()
        .map(|(i, v): (usize, &VariantLine)| {
            let uplift = match (v.uplift, v.low, v.high) {
                (Some(u), Some(low), Some(high)) => t_with(
                    locale,
                    "admin-experiment-uplift",
                    &[
                        ("uplift", &signed_percent(locale, u)),
                        ("low", &signed_percent(locale, low)),
                        ("high", &signed_percent(locale, high)),
                    ],
                ),
                _ if i == 0 => t(locale, "admin-experiment-control"),
                _ => "—".to_string(),
            };
            let p = v
                .p_value
                .map(|p| match locale {
                    Locale::Ar => locale.digits(&format!("{p:.3}")).replace('.', "٫"),
                    _ => format!("{p:.3}"),
                })
                .unwrap_or_else(|| "—".to_string());
            view! {
                <tr data-testid="experiment-variant">
                    <th scope="row">{v.name.clone()}</th>
                    <td>{number(locale, u64::from(v.weight))}</td>
                    <td>{number(locale, v.visitors)}</td>
                    <td>{number(locale, v.conversions)}</td>
                    <td>{percent(locale, v.rate)}</td>
                    <td>{uplift}</td>
                    <td>{p}</td>
                </tr>
            }
        })
        .collect_view();
    let roll_outs = experiment
        .variants
        .iter()
        .filter(|v| experiment.winner.as_deref() != Some(v.name.as_str()))
        .map(|v| {
            action(
                t_with(locale, "admin-experiment-roll-out", &[("variant", &v.name)]),
                "roll-out",
                v.name.clone(),
            )
        })
        .collect_view();
    view! {
        <section aria-labelledby=heading_id.clone() class="experiment" data-testid="experiment">
            <h2 id=heading_id.clone()>{name}</h2>
            <p><code>{experiment.key.clone()}</code>" · "{status}" · "{window}</p>
            <div class="table-scroll">
                <table class="admin-table">
                    <caption class="visually-hidden">{t(locale, "admin-experiment-table")}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(locale, "admin-experiment-variant")}</th>
                            <th scope="col">{t(locale, "admin-experiment-weight")}</th>
                            <th scope="col">{t(locale, "admin-experiment-visitors")}</th>
                            <th scope="col">{t(locale, "admin-experiment-conversions")}</th>
                            <th scope="col">{t(locale, "admin-experiment-rate")}</th>
                            <th scope="col">{t(locale, "admin-experiment-uplift-heading")}</th>
                            <th scope="col">{t(locale, "admin-experiment-p")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <div class="experiment-actions">
                {if experiment.running {
                    action(t(locale, "admin-experiment-stop"), "stop", String::new()).into_any()
                } else {
                    action(t(locale, "admin-experiment-start"), "start", String::new()).into_any()
                }}
                {roll_outs}
            </div>
        </section>
    }
}
