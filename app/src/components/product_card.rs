use super::Price;
use dokkan_catalog::ProductCard as Card;
use dokkan_core::Locale;
use leptos::prelude::*;

#[component]
pub fn ProductCard(locale: Locale, product: Card) -> impl IntoView {
    let href = format!("/{locale}/products/{}", product.handle);
    let name = product.name.get(locale).to_string();
    view! {
        <li class="product-card">
            <a href=href class="product-card-link">
                {product
                    .image
                    .map(|image| {
                        view! {
                            <img
                                src=image.path
                                alt=image.alt.get(locale).to_string()
                                width="400"
                                height="400"
                                loading="lazy"
                                decoding="async"
                            />
                        }
                    })}
                <span class="product-card-name">{name}</span>
                <Price locale money=product.price/>
            </a>
        </li>
    }
}

#[component]
pub fn ProductGrid(locale: Locale, products: Vec<Card>) -> impl IntoView {
    view! {
        <ul class="product-grid" role="list">
            {products
                .into_iter()
                .map(|product| view! { <ProductCard locale product/> })
                .collect_view()}
        </ul>
    }
}
