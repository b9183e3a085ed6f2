use crate::{
    components::{ErrorNotice, Layout, ListingView, Seo},
    i18n::{t, t_with},
    pages::{listing_params, BadParameterPage, NotFoundPage},
    route_locale,
    server::catalog::{listing_data, ListingOutcome},
};
use leptos::prelude::*;

/// `/{lang}/search?q=…`: search results with the same facets as a category page.
#[component]
pub fn SearchPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(listing_data(None, listing_params(), locale.to_string()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(ListingOutcome::NoSuchCategory) => view! { <NotFoundPage/> }.into_any(),
                    Ok(ListingOutcome::BadParameter(error)) => view! { <BadParameterPage locale error/> }.into_any(),
                    Err(error) => view! { <Layout locale><ErrorNotice locale error/></Layout> }.into_any(),
                    Ok(ListingOutcome::Found(content)) => {
                        let content = *content;
                        let text = content.query.text.trim().to_string();
                        let heading = if text.is_empty() {
                            t(locale, "search-heading-empty")
                        } else {
                            t_with(locale, "search-heading", &[("query", &text)])
                        };
                        let path = format!("/{locale}/search");
                        view! {
                            <Seo locale title=heading.clone() description=t(locale, "search-description")/>
                            <leptos_meta::Meta name="robots" content="noindex, follow"/>
                            <Layout locale search=text>
                                <header class="page-heading">
                                    <h1>{heading}</h1>
                                </header>
                                <ListingView locale path query=content.query listing=content.listing search_page=true/>
                            </Layout>
                        }
                            .into_any()
                    }
                }
            })}
        </Suspense>
    }
    .into_any()
}
