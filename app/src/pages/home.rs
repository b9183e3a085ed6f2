use crate::{
    components::{ErrorNotice, Layout, ProductGrid, Seo},
    i18n::t,
    pages::NotFoundPage,
    route_locale,
    server::catalog::home_data,
};
use leptos::prelude::*;

/// `/{lang}/`: top-level categories, deals and the newest products.
#[component]
pub fn HomePage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    // Started once, outside the Suspense: Suspense polls its children once to find what
    // they wait for and drops that poll, so a call inside `Suspend` would run twice and
    // the dropped run would lose its database connection mid-query.
    let data = OnceResource::new(home_data());
    view! {
        <Seo locale title=t(locale, "home-title") description=t(locale, "home-description")/>
        <Layout locale>
            <section class="hero">
                <h1>{t(locale, "home-heading")}</h1>
                <p>{t(locale, "home-tagline")}</p>
            </section>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(data) => {
                            // The first grid's top row is in a phone's first screen.
                            let newest_eager = if data.on_sale.is_empty() { 2 } else { 0 };
                            view! {
                                <section aria-labelledby="categories-heading">
                                    <h2 id="categories-heading">{t(locale, "home-categories")}</h2>
                                    <ul class="category-grid" role="list">
                                        {data
                                            .categories
                                            .into_iter()
                                            .map(|node| node.category)
                                            .map(|category| {
                                                let href = format!("/{locale}/categories/{}", category.slug);
                                                view! {
                                                    <li>
                                                        <a class="category-tile" href=href>
                                                            <span class="category-tile-name">
                                                                {category.name.get(locale).to_string()}
                                                            </span>
                                                            <span class="category-tile-description">
                                                                {category.description.get(locale).to_string()}
                                                            </span>
                                                        </a>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </section>
                                {(!data.on_sale.is_empty()).then(|| view! {
                                    <section aria-labelledby="deals-heading">
                                        <h2 id="deals-heading">{t(locale, "home-deals")}</h2>
                                        <ProductGrid locale products=data.on_sale eager=2/>
                                    </section>
                                })}
                                {(!data.for_you.cards.is_empty()).then(|| {
                                    let heading = if data.for_you.model == "trending" { "recommend-trending" } else { "recommend-for-you" };
                                    view! {
                                        <section aria-labelledby="for-you-heading" class="recommendations" data-testid="for-you">
                                            <h2 id="for-you-heading">{t(locale, heading)}</h2>
                                            <ProductGrid locale products=data.for_you.cards from=data.for_you.from/>
                                        </section>
                                    }
                                })}
                                {data.quiz.map(|(slug, title)| view! {
                                    <section class="quiz-invite" aria-labelledby="quiz-invite-heading" data-testid="quiz-invite">
                                        <h2 id="quiz-invite-heading">{t(locale, "quiz-invite")}</h2>
                                        <a class="button-primary" href=format!("/{locale}/quiz/{slug}")>{title.get(locale).to_string()}</a>
                                    </section>
                                })}
                                <section aria-labelledby="featured-heading">
                                    <h2 id="featured-heading">{t(locale, "home-featured")}</h2>
                                    <ProductGrid locale products=data.newest eager=newest_eager/>
                                </section>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </Layout>
    }
    .into_any()
}
