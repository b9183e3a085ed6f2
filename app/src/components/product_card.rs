use super::Price;
use crate::i18n::t;
use dokkan_catalog::ProductCard as Card;
use dokkan_core::Locale;
use leptos::prelude::*;

/// `eager`: the card is in the first screen (its picture may be the page's largest
/// paint), so the picture loads at once instead of lazily. `from`: the recommendation
/// list the card is in (`placement.model`), carried to the product page to count the click.
#[component]
pub fn ProductCard(
    locale: Locale,
    product: Card,
    #[prop(optional)] eager: bool,
    #[prop(optional_no_strip)] from: Option<String>,
    /// More under the card's link (the quiz's reasons and add-to-cart form).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let href = match from {
        Some(from) => format!("/{locale}/products/{}?rec={from}", product.handle),
        None => format!("/{locale}/products/{}", product.handle),
    };
    let name = product.name.get(locale).to_string();
    let on_sale = product
        .compare_at
        .is_some_and(|c| c.minor() > product.price.minor());
    view! {
        <li class="product-card" class:sold-out=!product.in_stock>
            <a href=href class="product-card-link">
                {product
                    .image
                    .map(|image| {
                        view! {
                            <img
                                src=image.src(400)
                                srcset=image.srcset()
                                // Two cards a row on phones, three or more from 36rem (style/main.css).
                                sizes="(min-width: 72rem) 14rem, (min-width: 36rem) 30vw, calc(50vw - 1.4rem)"
                                alt=image.alt.get(locale).to_string()
                                width="400"
                                height="400"
                                loading=if eager { "eager" } else { "lazy" }
                                fetchpriority=eager.then_some("high")
                                decoding="async"
                            />
                        }
                    })}
                <span class="product-card-name">{name}</span>
                <span class="product-card-price">
                    <Price locale money=product.price/>
                    {product.compare_at.filter(|_| on_sale).map(|was| view! {
                        <s class="price-compare"><Price locale money=was/></s>
                    })}
                </span>
                {on_sale.then(|| view! { <span class="badge badge-sale">{t(locale, "product-sale")}</span> })}
                {(!product.in_stock).then(|| view! { <span class="badge badge-sold-out">{t(locale, "product-sold-out")}</span> })}
            </a>
            {children.map(|children| children())}
        </li>
    }
}

/// `eager`: how many of the first cards are in the first screen (the top row on a phone).
#[component]
pub fn ProductGrid(
    locale: Locale,
    products: Vec<Card>,
    #[prop(optional)] eager: usize,
    #[prop(optional)] from: Option<String>,
) -> impl IntoView {
    view! {
        <ul class="product-grid" role="list">
            {products
                .into_iter()
                .enumerate()
                .map(|(i, product)| view! { <ProductCard locale product eager=i < eager from=from.clone()/> })
                .collect_view()}
        </ul>
    }
}
