use crate::{
    components::{ErrorNotice, Layout, Price, ProductGrid, Seo},
    i18n::t,
    islands::QuantityStepper,
    pages::NotFoundPage,
    route_locale,
    server::catalog::product_data,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{lang}/products/{handle}`: images, name, price, description, quantity, related.
#[component]
pub fn ProductPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let handle = use_params_map()
        .read_untracked()
        .get("handle")
        .unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let handle = handle.clone();
                Suspend::new(async move {
                    match product_data(handle).await {
                        Ok(None) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <Layout locale><ErrorNotice locale error/></Layout> }.into_any(),
                        Ok(Some(data)) => {
                            let product = data.product;
                            let name = product.name.get(locale).to_string();
                            let description = product.description.get(locale).to_string();
                            let category_name = product.category.name.get(locale).to_string();
                            let category_href = format!("/{locale}/categories/{}", product.category.slug);
                            let first_image = product.images.first().map(|i| i.path.clone());
                            let mut images = product.images.into_iter();
                            let main_image = images.next();
                            view! {
                                <Seo locale title=name.clone() description=description.clone() image=first_image/>
                                <Layout locale>
                                    <nav class="breadcrumbs" aria-label=t(locale, "nav-breadcrumbs")>
                                        <a href=format!("/{locale}/")>{t(locale, "nav-home")}</a>
                                        <a href=category_href>{category_name}</a>
                                        <span aria-current="page">{name.clone()}</span>
                                    </nav>
                                    <article class="product">
                                        <div class="product-gallery">
                                            {main_image.map(|image| view! {
                                                <img
                                                    class="product-image-main"
                                                    src=image.path
                                                    alt=image.alt.get(locale).to_string()
                                                    width="400"
                                                    height="400"
                                                    fetchpriority="high"
                                                />
                                            })}
                                            <div class="product-thumbnails">
                                                {images.map(|image| view! {
                                                    <img
                                                        src=image.path
                                                        alt=image.alt.get(locale).to_string()
                                                        width="120"
                                                        height="120"
                                                        loading="lazy"
                                                    />
                                                }).collect_view()}
                                            </div>
                                        </div>
                                        <div class="product-details">
                                            <h1>{name}</h1>
                                            <p class="product-price"><Price locale money=product.price/></p>
                                            <p class="product-description">{description}</p>
                                            <QuantityStepper
                                                label=t(locale, "product-quantity")
                                                decrease_label=t(locale, "product-quantity-decrease")
                                                increase_label=t(locale, "product-quantity-increase")
                                                max=10
                                            />
                                        </div>
                                    </article>
                                    {(!data.related.is_empty()).then(|| view! {
                                        <section aria-labelledby="related-heading">
                                            <h2 id="related-heading">{t(locale, "product-related")}</h2>
                                            <ProductGrid locale products=data.related/>
                                        </section>
                                    })}
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
