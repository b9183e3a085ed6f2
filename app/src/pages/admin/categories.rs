//! `/{lang}/admin/categories`: the category tree. Each category can be renamed (both
//! languages), moved under another one, or moved earlier or later among its siblings;
//! new categories go at the end of the level chosen. Plain forms.

use super::{guard, AdminFrame, Section};
use crate::{
    components::ErrorNotice,
    i18n::{t, t_count},
    pages::NotFoundPage,
    request, route_locale,
    server::admin::categories::{admin_categories, ChangeCategory},
};
use dokkan_accounts::Permission;
use dokkan_catalog::admin::TreeCategory;
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AdminCategoriesPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let data = OnceResource::new(admin_categories());
    let error = request::form_error_for(ChangeCategory::PATH, locale).map(|e| e.summary());
    let saved = request::query_param("saved").map(|_| t(locale, "admin-categories-saved"));
    view! {
        <AdminFrame locale title=t(locale, "admin-categories") section=Section::Categories admin=user.role.allows(dokkan_accounts::Permission::People)>
            {saved.map(|text| view! { <p class="notice" role="status" data-testid="admin-notice">{text}</p> })}
            {error.map(|text| view! { <p class="form-error" role="alert" data-testid="admin-error">{text}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(tree) => view! { <Tree locale tree/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

fn parent_options(
    locale: Locale,
    tree: &[TreeCategory],
    selected: Option<i64>,
    except: Option<i64>,
) -> impl IntoView {
    let top = t(locale, "admin-category-top");
    let options = tree
        .iter()
        .filter(|c| Some(c.id) != except)
        .map(|c| {
            view! { <option value=c.id.to_string() selected=selected == Some(c.id)>{c.path.get(locale).to_string()}</option> }
        })
        .collect_view();
    view! {
        <option value="" selected=selected.is_none()>{top}</option>
        {options}
    }
}

#[component]
fn Tree(locale: Locale, tree: Vec<TreeCategory>) -> impl IntoView {
    let hidden = move |change: &'static str| {
        view! {
            <input type="hidden" name="lang" value=locale.as_str()/>
            <input type="hidden" name="change" value=change/>
        }
    };
    let rows = tree
        .iter()
        .map(|c| {
            let id = c.id.to_string();
            let en_id = format!("category-{}-en", c.id);
            let ar_id = format!("category-{}-ar", c.id);
            let parent_id = format!("category-{}-parent", c.id);
            let step = |change: &'static str, key: &str| {
                view! {
                    <form method="post" action=ChangeCategory::PATH>
                        {hidden(change)}
                        <input type="hidden" name="id" value=id.clone()/>
                        <button type="submit" class="button-link">{t(locale, key)}</button>
                    </form>
                }
            };
            view! {
                <li class=format!("category-row depth-{}", c.depth.min(5)) data-testid="category-row">
                    <p class="category-name">
                        <strong>{c.name.get(locale).to_string()}</strong> " "
                        <span class="muted">{t_count(locale, "admin-category-products", c.products as usize)}</span> " "
                        <a href=format!("/{locale}/categories/{}", c.slug) dir="ltr">{format!("/{}", c.slug)}</a>
                    </p>
                    <form method="post" action=ChangeCategory::PATH class="category-form">
                        {hidden("rename")}
                        <input type="hidden" name="id" value=id.clone()/>
                        <label for=en_id.clone()>{t(locale, "admin-name-en")}</label>
                        <input id=en_id name="name_en" type="text" lang="en" dir="ltr" value=c.name.en.clone() required/>
                        <label for=ar_id.clone()>{t(locale, "admin-name-ar")}</label>
                        <input id=ar_id name="name_ar" type="text" lang="ar" dir="rtl" value=c.name.ar.clone() required/>
                        <button type="submit" class="button-link">{t(locale, "admin-category-rename")}</button>
                    </form>
                    <form method="post" action=ChangeCategory::PATH class="category-form">
                        {hidden("move")}
                        <input type="hidden" name="id" value=id.clone()/>
                        <label for=parent_id.clone()>{t(locale, "admin-category-parent")}</label>
                        <select id=parent_id name="parent">{parent_options(locale, &tree, c.parent_id, Some(c.id))}</select>
                        <button type="submit" class="button-link">{t(locale, "admin-category-move")}</button>
                    </form>
                    <div class="picture-actions">
                        {step("earlier", "admin-picture-earlier")}
                        {step("later", "admin-picture-later")}
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="new-category-heading" class="admin-actions">
            <h2 id="new-category-heading">{t(locale, "admin-category-new")}</h2>
            <form method="post" action=ChangeCategory::PATH class="admin-action" data-testid="category-create">
                {hidden("create")}
                <label for="new-category-en">{t(locale, "admin-name-en")}</label>
                <input id="new-category-en" name="name_en" type="text" lang="en" dir="ltr" required/>
                <label for="new-category-ar">{t(locale, "admin-name-ar")}</label>
                <input id="new-category-ar" name="name_ar" type="text" lang="ar" dir="rtl" required/>
                <label for="new-category-parent">{t(locale, "admin-category-parent")}</label>
                <select id="new-category-parent" name="parent">{parent_options(locale, &tree, None, None)}</select>
                <button type="submit" class="button-primary">{t(locale, "admin-category-create")}</button>
            </form>
        </section>
        <ul class="category-tree" role="list" data-testid="category-tree">{rows}</ul>
    }
}
