//! `/{lang}/admin/audit` (admins only): every row an admin action wrote, newest first,
//! filtered by who, what, which record and when; each entry lists the fields it changed.

use super::{guard, href_with, param, AdminFrame, FilterActions, Section, When};
use crate::{
    components::ErrorNotice, i18n::t, pages::NotFoundPage, route_locale,
    server::admin::audit::admin_audit,
};
use dokkan_accounts::Permission;
use dokkan_audit::{Entry, Filter, Page};
use dokkan_core::Locale;
use leptos::prelude::*;

#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if let Err(page) = guard(locale, Permission::People) {
        return page;
    }
    let filter = Filter {
        actor: param("actor"),
        action: param("action"),
        entity: param("entity"),
        entity_id: param("entity_id"),
        from: param("from"),
        to: param("to"),
        before_id: param("before").and_then(|b| b.parse().ok()),
    };
    let form = filter.clone();
    let data = OnceResource::new(admin_audit(locale.as_str().to_string(), filter));
    let field =
        move |name: &'static str, key: &'static str, value: Option<String>, kind: &'static str| {
            let id = format!("audit-{name}");
            view! {
                <div class="field">
                    <label for=id.clone()>{t(locale, key)}</label>
                    <input id=id name=name type=kind dir="auto" value=value.unwrap_or_default()/>
                </div>
            }
        };
    view! {
        <AdminFrame locale title=t(locale, "admin-audit") section=Section::Audit admin=true>
            <form method="get" class="admin-filters" role="search" aria-label=t(locale, "admin-filters")>
                {field("actor", "admin-audit-actor", form.actor, "search")}
                {field("action", "admin-audit-action", form.action, "search")}
                {field("entity", "admin-audit-entity", form.entity, "search")}
                {field("entity_id", "admin-audit-entity-id", form.entity_id, "search")}
                {field("from", "admin-from", form.from, "date")}
                {field("to", "admin-to", form.to, "date")}
                <FilterActions locale clear_href=format!("/{locale}/admin/audit")/>
            </form>
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
                        Ok(page) => view! { <AuditTable locale page/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn AuditTable(locale: Locale, page: Page) -> impl IntoView {
    if page.entries.is_empty() {
        return view! { <p class="results-empty" data-testid="audit-empty">{t(locale, "admin-audit-none")}</p> }.into_any();
    }
    let older = page
        .next_before_id
        .map(|id| href_with("before", &id.to_string()));
    view! {
        <div class="table-scroll">
            <table class="admin-table audit-table" data-testid="audit-entries">
                <thead><tr>
                    <th scope="col">{t(locale, "admin-audit-when")}</th>
                    <th scope="col">{t(locale, "admin-audit-actor")}</th>
                    <th scope="col">{t(locale, "admin-audit-action")}</th>
                    <th scope="col">{t(locale, "admin-audit-entity")}</th>
                    <th scope="col">{t(locale, "admin-audit-changes")}</th>
                </tr></thead>
                <tbody>
                    {page.entries.into_iter().map(|entry| view! { <AuditRow locale entry/> }).collect_view()}
                </tbody>
            </table>
        </div>
        {older.map(|href| view! { <p><a href=href rel="next">{t(locale, "admin-audit-older")}</a></p> })}
    }
    .into_any()
}

#[component]
fn AuditRow(locale: Locale, entry: Entry) -> impl IntoView {
    let empty = t(locale, "admin-audit-empty-value");
    view! {
        <tr>
            <td><When locale at=entry.at.clone()/></td>
            <td>
                <span dir="ltr">{entry.actor_email}</span>
                {entry.ip.map(|ip| view! { <br/><span class="muted" dir="ltr">{ip}</span> })}
            </td>
            <td dir="ltr"><code>{entry.action}</code></td>
            <td>
                <span dir="ltr"><code>{format!("{}#{}", entry.entity, entry.entity_id)}</code></span>
                <br/><span class="muted">{t(locale, entry.kind.fluent_key())}</span>
            </td>
            <td>
                <ul class="audit-changes">
                    {entry.changes.into_iter().map(|c| {
                        let before = c.before.unwrap_or_else(|| empty.clone());
                        let after = c.after.unwrap_or_else(|| empty.clone());
                        view! {
                            <li>
                                <code dir="ltr">{c.field}</code> ": "
                                <del dir="auto">{before}</del> " → " <ins dir="auto">{after}</ins>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </td>
        </tr>
    }
}
