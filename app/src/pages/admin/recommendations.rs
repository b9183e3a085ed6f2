//! `/{lang}/admin/recommendations`: the trained recommendation models. Every version with
//! what it learnt from; train now; roll a bad version back so the one before serves again.
//! Plain forms.

use super::{guard, AdminFrame, Section, When};
use crate::{
    components::{number, ErrorNotice},
    i18n::t,
    pages::NotFoundPage,
    request, route_locale,
    server::admin::recommendations::{admin_models, ChangeModels, ModelVersion},
};
use dokkan_accounts::Permission;
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminRecommendationsPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_models());
    let refused = request::form_error_for(ChangeModels::PATH, locale).map(|e| e.summary());
    let notice = request::query_param("done")
        .filter(|_| refused.is_none())
        .and_then(|done| match done.as_str() {
            "trained" => Some("admin-models-trained"),
            "busy" => Some("admin-models-busy"),
            "rolled-back" => Some("admin-models-rolled-back"),
            _ => None,
        })
        .map(|key| t(locale, key));
    let action = move |label: String, action: &'static str| {
        view! {
            <form method="post" action=ChangeModels::PATH>
                <input type="hidden" name="lang" value=locale.as_str()/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button-secondary" data-testid=format!("models-{action}")>{label}</button>
            </form>
        }
    };
    view! {
        <AdminFrame locale title=t(locale, "admin-models") section=Section::Recommendations admin=user.role.allows(Permission::People)>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {refused.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <p>{t(locale, "admin-models-intro")}</p>
            <div class="experiment-actions">
                {action(t(locale, "admin-models-train"), "train")}
                {action(t(locale, "admin-models-roll-back"), "roll-back")}
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(versions) => view! { <Versions locale versions/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn Versions(locale: Locale, versions: Vec<ModelVersion>) -> impl IntoView {
    if versions.is_empty() {
        return view! { <p class="muted">{t(locale, "admin-models-none")}</p> }.into_any();
    }
    let rows = versions
        .into_iter()
        .map(|v| {
            let state = if v.serving {
                t(locale, "admin-models-serving")
            } else if v.rolled_back {
                t(locale, "admin-models-rolled-back-state")
            } else {
                "—".to_string()
            };
            view! {
                <tr data-testid="model-version">
                    <th scope="row">{number(locale, v.version.max(0) as u64)}</th>
                    <td><When locale at=v.trained_at.clone()/></td>
                    <td>{number(locale, v.events.max(0) as u64)}</td>
                    <td>{number(locale, v.visitors.max(0) as u64)}</td>
                    <td>{number(locale, v.products.max(0) as u64)}</td>
                    <td>{locale.digits(&format!("{:.2}", v.seconds))}</td>
                    <td>{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="model-versions">
                <caption class="visually-hidden">{t(locale, "admin-models")}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t(locale, "admin-models-version")}</th>
                        <th scope="col">{t(locale, "admin-models-trained-at")}</th>
                        <th scope="col">{t(locale, "admin-models-events")}</th>
                        <th scope="col">{t(locale, "admin-models-visitors")}</th>
                        <th scope="col">{t(locale, "admin-models-products")}</th>
                        <th scope="col">{t(locale, "admin-models-seconds")}</th>
                        <th scope="col">{t(locale, "admin-models-state")}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
