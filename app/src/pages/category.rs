use crate::{
    components::{ErrorNotice, Layout, ProductGrid, Seo},
    i18n::{t, t_count},
    pages::NotFoundPage,
    route_locale,
    server::catalog::category_data,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{lang}/categories/{slug}`: a category and its products.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    match category_data(slug).await {
                        Ok(None) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <Layout locale><ErrorNotice locale error/></Layout> }.into_any(),
                        Ok(Some(page)) => {
                            let name = page.category.name.get(locale).to_string();
                            let description = page.category.description.get(locale).to_string();
                            let count = t_count(locale, "product-count", page.products.len());
                            view! {
                                <Seo locale title=name.clone() description=description.clone()/>
                                <Layout locale>
                                    <nav class="breadcrumbs" aria-label=t(locale, "nav-breadcrumbs")>
                                        <a href=format!("/{locale}/")>{t(locale, "nav-home")}</a>
                                        <span aria-current="page">{name.clone()}</span>
                                    </nav>
                                    <header class="page-heading">
                                        <h1>{name}</h1>
                                        <p>{description}</p>
                                        <p class="product-count" data-testid="product-count">{count}</p>
                                    </header>
                                    <ProductGrid locale products=page.products/>
                                </Layout>
                            }
                                .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}
