//! `/{lang}/admin/search/synonyms`: the shop's own search words. A rule says that a word
//! shoppers type also finds products with its equivalents, in both directions or one way.
//! Add a rule, remove one. Plain forms: it all works without JS.

use super::{guard, AdminFrame, Section};
use crate::{
    components::ErrorNotice,
    error::FormError,
    i18n::{t, t_with},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::search::{admin_synonyms, AddSynonym, RemoveSynonym},
};
use dokkan_accounts::Permission;
use dokkan_catalog::admin::Synonym;
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminSynonymsPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_synonyms());
    let refused = request::form_error_for(AddSynonym::PATH, locale);
    let remove_error = request::form_error_for(RemoveSynonym::PATH, locale).map(|e| e.summary());
    // A refused post comes back to the address it was sent from, which may still carry
    // the notice of the change before it.
    let notice = [
        ("added", "admin-synonym-added"),
        ("removed", "admin-synonym-removed"),
    ]
    .into_iter()
    .find(|(param, _)| request::query_param(param).is_some())
    .filter(|_| refused.is_none() && remove_error.is_none())
    .map(|(_, key)| t(locale, key));
    view! {
        <AdminFrame locale title=t(locale, "admin-synonyms") section=Section::Search admin=user.role.allows(Permission::People)>
            {notice.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {remove_error.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <div class="synonyms-intro">
                <p>{t(locale, "admin-synonyms-intro")}</p>
                <p>{t(locale, "admin-synonyms-directions")}</p>
                <p class="field-hint">{t(locale, "admin-synonyms-built-in")}</p>
            </div>
            <NewRule locale refused/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(rules) => view! { <Rules locale rules/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

/// The add form; after a refused post it shows what was typed and each field's problem
/// beside the field.
#[component]
fn NewRule(locale: Locale, refused: Option<FormError>) -> impl IntoView {
    let kept = |name: &str| {
        refused
            .as_ref()
            .and_then(|e| e.value(name))
            .unwrap_or_default()
            .to_string()
    };
    let problem = |name: &str| {
        refused
            .as_ref()
            .and_then(|e| e.field(name))
            .map(str::to_string)
    };
    let message = refused.as_ref().and_then(|e| e.message.clone());
    // Checked unless a refused post had it unchecked.
    let two_way = refused
        .as_ref()
        .map(|e| e.value("two_way") == Some("on"))
        .unwrap_or(true);
    let field = |name: &'static str, label: &str, hint: Option<String>| {
        let id = format!("synonym-{name}");
        let hint_id = format!("{id}-hint");
        let error_id = format!("{id}-error");
        let error = problem(name);
        let described = [
            hint.as_ref().map(|_| hint_id.clone()),
            error.as_ref().map(|_| error_id.clone()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        view! {
            <div class="field">
                <label for=id.clone()>{label.to_string()}</label>
                <input id=id name=name type="text" dir="auto" value=kept(name) required
                    aria-invalid=error.is_some().then_some("true")
                    aria-describedby=(!described.is_empty()).then_some(described)/>
                {hint.map(|h| view! { <p class="field-hint" id=hint_id>{h}</p> })}
                {error.map(|p| view! { <p class="field-error" id=error_id data-testid=format!("{name}-error")>{p}</p> })}
            </div>
        }
    };
    view! {
        <section aria-labelledby="new-synonym-heading" class="admin-actions">
            <h2 id="new-synonym-heading">{t(locale, "admin-synonym-new")}</h2>
            {message.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <form method="post" action=AddSynonym::PATH class="admin-action synonym-form" data-testid="synonym-form">
                <input type="hidden" name="lang" value=locale.as_str()/>
                {field("term", &t(locale, "admin-synonym-term"), Some(t(locale, "admin-synonym-term-hint")))}
                {field("equivalents", &t(locale, "admin-synonym-equivalents"), Some(t(locale, "admin-synonym-equivalents-hint")))}
                <div class="field-checkbox">
                    <input id="synonym-two-way" type="checkbox" name="two_way" value="on" checked=two_way aria-describedby="synonym-two-way-hint"/>
                    <label for="synonym-two-way">{t(locale, "admin-synonym-two-way")}</label>
                </div>
                <p class="field-hint" id="synonym-two-way-hint">{t(locale, "admin-synonym-two-way-hint")}</p>
                <div class="filter-actions">
                    <button type="submit" class="button-primary">{t(locale, "admin-synonym-add")}</button>
                </div>
            </form>
        </section>
    }
}

#[component]
fn Rules(locale: Locale, rules: Vec<Synonym>) -> impl IntoView {
    if rules.is_empty() {
        return view! { <p class="muted" data-testid="synonyms-none">{t(locale, "admin-synonyms-none")}</p> }
            .into_any();
    }
    let separator = t(locale, "list-separator");
    let rows = rules
        .into_iter()
        .map(|rule| {
            let direction = if rule.two_way {
                t(locale, "admin-synonym-both-ways")
            } else {
                t(locale, "admin-synonym-one-way")
            };
            // Each word keeps its own direction inside the page's (an Arabic word in the
            // English list, and the other way round).
            let equivalents = rule
                .equivalents
                .iter()
                .enumerate()
                .map(|(i, word)| {
                    let separator = (i > 0).then(|| separator.clone());
                    view! { {separator}<bdi>{word.clone()}</bdi> }
                })
                .collect_view();
            let remove_label = t_with(
                locale,
                "admin-synonym-remove-label",
                &[("term", &rule.term)],
            );
            view! {
                <tr data-testid="synonym-row">
                    <th scope="row" data-testid="synonym-term"><bdi>{rule.term}</bdi></th>
                    <td>{equivalents}</td>
                    <td data-testid="synonym-direction">{direction}</td>
                    <td>
                        <form method="post" action=RemoveSynonym::PATH>
                            <input type="hidden" name="lang" value=locale.as_str()/>
                            <input type="hidden" name="id" value=rule.id.to_string()/>
                            <button type="submit" class="button-link" aria-label=remove_label>
                                {t(locale, "admin-synonym-remove")}
                            </button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="synonyms">
                <caption class="visually-hidden">{t(locale, "admin-synonyms-list")}</caption>
                <thead><tr>
                    <th scope="col">{t(locale, "admin-synonym-term")}</th>
                    <th scope="col">{t(locale, "admin-synonym-equivalents-column")}</th>
                    <th scope="col">{t(locale, "admin-synonym-direction")}</th>
                    <th scope="col"><span class="visually-hidden">{t(locale, "admin-synonym-actions")}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}
