//! `/{lang}/admin/products`: the catalog for staff: search by name, handle or SKU, filter
//! by category, visibility and stock, a page at a time; the way to a product's editor.

use super::{guard, param, AdminFrame, FilterActions, Pager, Section};
use crate::{
    components::ErrorNotice,
    i18n::t,
    pages::NotFoundPage,
    route_locale,
    server::admin::{page_number, products::admin_products},
};
use dokkan_accounts::Permission;
use dokkan_catalog::admin::{AdminProductRow, ProductFilter, StockFilter};
use dokkan_core::{Locale, Paged};
use leptos::prelude::*;

#[component]
pub fn AdminProductsPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let user = match guard(locale, Permission::BackOffice) {
        Ok(user) => user,
        Err(page) => return page,
    };
    let filter = ProductFilter {
        q: param("q"),
        category_id: param("category").and_then(|c| c.parse().ok()),
        published: param("published").and_then(|p| match p.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }),
        stock: param("stock").and_then(|s| StockFilter::parse(&s)),
        page: page_number(param("page")),
    };
    let form = filter.clone();
    let data = OnceResource::new(admin_products(filter));
    let categories = OnceResource::new(crate::server::admin::products::admin_product(None));
    let published = match form.published {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    let stock = form.stock.map(StockFilter::as_str).unwrap_or_default();
    view! {
        <AdminFrame locale title=t(locale, "admin-products") section=Section::Catalog admin=user.role.allows(dokkan_accounts::Permission::People)>
            <p class="admin-toolbar">
                <a class="button-primary" href=format!("/{locale}/admin/products/new") data-testid="new-product">{t(locale, "admin-product-new")}</a>
                " "
                <a class="button" href=format!("/{locale}/admin/catalog/import")>{t(locale, "admin-import")}</a>
            </p>
            <form method="get" class="admin-filters" role="search" aria-label=t(locale, "admin-filters")>
                <div class="field">
                    <label for="products-q">{t(locale, "admin-products-search")}</label>
                    <input id="products-q" name="q" type="search" dir="auto" value=form.q.clone().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="products-category">{t(locale, "admin-category")}</label>
                    <Suspense fallback=|| view! { <select id="products-category" name="category"></select> }>
                        {move || Suspend::new(async move {
                            let choices = categories.await.ok().flatten().map(|d| d.categories).unwrap_or_default();
                            view! {
                                <select id="products-category" name="category">
                                    <option value="">{t(locale, "admin-any")}</option>
                                    {choices.into_iter().map(|c| view! {
                                        <option value=c.id.to_string() selected=form.category_id == Some(c.id)>{c.path.get(locale).to_string()}</option>
                                    }).collect_view()}
                                </select>
                            }
                        })}
                    </Suspense>
                </div>
                <div class="field">
                    <label for="products-published">{t(locale, "admin-visibility")}</label>
                    <select id="products-published" name="published">
                        <option value="">{t(locale, "admin-any")}</option>
                        <option value="yes" selected=published == "yes">{t(locale, "admin-published")}</option>
                        <option value="no" selected=published == "no">{t(locale, "admin-hidden")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="products-stock">{t(locale, "admin-stock")}</label>
                    <select id="products-stock" name="stock">
                        <option value="">{t(locale, "admin-any")}</option>
                        <option value="low" selected=stock == "low">{t(locale, "admin-stock-low")}</option>
                        <option value="out" selected=stock == "out">{t(locale, "admin-stock-out")}</option>
                    </select>
                </div>
                <FilterActions locale clear_href=format!("/{locale}/admin/products")/>
            </form>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(page) => view! { <ProductTable locale page/> }.into_any(),
                    }
                })}
            </Suspense>
        </AdminFrame>
    }
    .into_any()
}

#[component]
fn ProductTable(locale: Locale, page: Paged<AdminProductRow>) -> impl IntoView {
    if page.rows.is_empty() {
        return view! { <p class="results-empty">{t(locale, "admin-products-none")}</p> }
            .into_any();
    }
    let pages = page.pages();
    view! {
        <div class="table-scroll">
            <table class="admin-table" data-testid="admin-products">
                <thead><tr>
                    <th scope="col"><span class="visually-hidden">{t(locale, "admin-picture")}</span></th>
                    <th scope="col">{t(locale, "order-item")}</th>
                    <th scope="col">{t(locale, "admin-category")}</th>
                    <th scope="col">{t(locale, "admin-variants")}</th>
                    <th scope="col">{t(locale, "admin-stock")}</th>
                    <th scope="col">{t(locale, "admin-price")}</th>
                    <th scope="col">{t(locale, "admin-visibility")}</th>
                </tr></thead>
                <tbody>
                    {page.rows.into_iter().map(|p| {
                        let thumb = p.image.as_ref().map(|i| view! {
                            <img src=i.src(200) alt="" width="48" height="48" loading="lazy" class="admin-thumb"/>
                        });
                        view! {
                            <tr>
                                <td>{thumb}</td>
                                <td>
                                    <a href=format!("/{locale}/admin/products/{}", p.handle)>{p.name.get(locale).to_string()}</a>
                                    <br/><span class="muted" dir="ltr">{p.handle.clone()}</span>
                                </td>
                                <td>{p.category.get(locale).to_string()}</td>
                                <td>{locale.digits(&p.variants.to_string())}</td>
                                <td>{locale.digits(&p.stock.to_string())}</td>
                                <td>{p.price.format(locale)}</td>
                                <td>{if p.published { t(locale, "admin-published") } else { t(locale, "admin-hidden") }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <Pager locale page=page.page pages/>
    }
    .into_any()
}
