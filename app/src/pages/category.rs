use crate::{
    components::{Breadcrumbs, ErrorNotice, JsonLd, Layout, ListingView, Seo},
    pages::{listing_params, BadParameterPage, NotFoundPage},
    route_locale,
    server::catalog::{listing_data, ListingOutcome},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{lang}/categories/{slug}`: a category, its sub-categories and products, with
/// facets, sort and pages in the URL.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let slug = use_params_map()
        .read_untracked()
        .get("slug")
        .unwrap_or_default();
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(listing_data(
        Some(slug.clone()),
        listing_params(),
        locale.to_string(),
    ));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let slug = slug.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(ListingOutcome::NoSuchCategory) => view! { <NotFoundPage/> }.into_any(),
                        Ok(ListingOutcome::BadParameter(error)) => view! { <BadParameterPage locale error/> }.into_any(),
                        Err(error) => view! { <Layout locale><ErrorNotice locale error/></Layout> }.into_any(),
                        Ok(ListingOutcome::Found(content)) => {
                            let content = *content;
                            let category = content.category.expect("a category page has its category");
                            let name = category.name.get(locale).to_string();
                            let description = category.description.get(locale).to_string();
                            let meta_description = if description.is_empty() { name.clone() } else { description.clone() };
                            let path = format!("/{locale}/categories/{slug}");
                            let trail: Vec<(String, String)> = content
                                .breadcrumbs
                                .iter()
                                .map(|c| (c.name.get(locale).to_string(), format!("/{locale}/categories/{}", c.slug)))
                                .collect();
                            view! {
                                <Seo locale title=name.clone() description=meta_description/>
                                <JsonLd data=crate::components::breadcrumb_json_ld(locale, &trail)/>
                                <Layout locale>
                                    <Breadcrumbs locale trail=trail.clone()/>
                                    <header class="page-heading">
                                        <h1>{name}</h1>
                                        {(!description.is_empty()).then(|| view! { <p>{description}</p> })}
                                    </header>
                                    <ListingView locale path query=content.query listing=content.listing search_page=false/>
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
