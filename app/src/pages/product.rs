use crate::{
    components::{
        breadcrumb_json_ld, product_json_ld, Breadcrumbs, ErrorNotice, JsonLd, Layout, ProductGrid,
        Seo, VariantPickerView,
    },
    i18n::{t, t_count},
    islands::{AddToCart, AddToCartTexts, PickerImage, PickerOption, PickerTexts, PickerVariant},
    pages::{listing_params, NotFoundPage},
    route_locale,
    server::catalog::product_data,
};
use dokkan_catalog::Product;
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/{lang}/products/{handle}`: gallery, variant picker (price, sale, stock, SKU), quantity,
/// description, more from the category. `?size=M&color=Red` preselects a variant.
#[component]
pub fn ProductPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let handle = use_params_map()
        .read_untracked()
        .get("handle")
        .unwrap_or_default();
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(product_data(handle));
    view! {
        <Suspense fallback=|| ()>
            {move || {
                Suspend::new(async move {
                    match data.await {
                        Ok(None) => view! { <NotFoundPage/> }.into_any(),
                        Err(error) => view! { <Layout locale><ErrorNotice locale error/></Layout> }.into_any(),
                        Ok(Some(data)) => {
                            let product = data.product;
                            let chosen = chosen_variant(&product, &listing_params());
                            let name = product.name.get(locale).to_string();
                            let description = product.description.get(locale).to_string();
                            let trail: Vec<(String, String)> = product
                                .breadcrumbs
                                .iter()
                                .map(|c| (c.name.get(locale).to_string(), format!("/{locale}/categories/{}", c.slug)))
                                .collect();
                            let mut crumbs = trail.clone();
                            crumbs.push((name.clone(), format!("/{locale}/products/{}", product.handle)));
                            let main = product.variants[chosen]
                                .image
                                .or(if product.images.is_empty() { None } else { Some(0) })
                                .map(|i| product.images[i].clone());
                            let og_image = main.as_ref().map(|i| i.src(800));
                            let thumbnails = product.images.clone();
                            let (options, variants, texts) = picker_props(locale, &product);
                            let product_ld = product_json_ld(locale, &product);
                            let max = product.variants[chosen].stock.clamp(1, 10);
                            let variant = &product.variants[chosen];
                            let sticky_price = variant.price.format(locale);
                            let sticky_variant = variant_label(locale, &variant.options);
                            let sticky_in_stock = variant.in_stock();
                            view! {
                                <Seo locale title=name.clone() description=description.clone() image=og_image/>
                                <JsonLd data=product_ld/>
                                <JsonLd data=breadcrumb_json_ld(locale, &crumbs)/>
                                <Layout locale>
                                    <Breadcrumbs locale trail current=name.clone()/>
                                    <article class="product" data-product-id=product.id>
                                        <div class="product-gallery">
                                            {main.map(|image| view! {
                                                <img
                                                    id="product-image-main"
                                                    class="product-image-main"
                                                    src=image.src(800)
                                                    srcset=image.srcset()
                                                    sizes="(min-width: 72rem) 34rem, (min-width: 48rem) calc(50vw - 2rem), calc(100vw - 2rem)"
                                                    alt=image.alt.get(locale).to_string()
                                                    width="800"
                                                    height="800"
                                                    fetchpriority="high"
                                                />
                                            })}
                                            {(thumbnails.len() > 1).then(|| view! {
                                                <ul class="product-thumbnails" role="list">
                                                    {thumbnails.into_iter().map(|image| view! {
                                                        <li>
                                                            <a href=image.src(800)>
                                                                <img
                                                                    src=image.src(200)
                                                                    alt=image.alt.get(locale).to_string()
                                                                    width="120"
                                                                    height="120"
                                                                    loading="lazy"
                                                                />
                                                            </a>
                                                        </li>
                                                    }).collect_view()}
                                                </ul>
                                            })}
                                        </div>
                                        <div class="product-details">
                                            {(!product.brand.is_empty()).then(|| view! { <p class="product-brand">{product.brand.clone()}</p> })}
                                            <h1>{name}</h1>
                                            <VariantPickerView options variants initial=chosen texts/>
                                            <AddToCart
                                                lang=locale.to_string()
                                                sku=product.variants[chosen].sku.to_string()
                                                in_stock=product.variants[chosen].in_stock()
                                                max
                                                texts=AddToCartTexts {
                                                    button: t(locale, "cart-add"),
                                                    pending: t(locale, "cart-adding"),
                                                    sold_out: t(locale, "product-out-of-stock"),
                                                    failed: t(locale, "error-request"),
                                                    quantity: t(locale, "product-quantity"),
                                                    decrease: t(locale, "product-quantity-decrease"),
                                                    increase: t(locale, "product-quantity-increase"),
                                                    queued: t(locale, "cart-queued"),
                                                }
                                            />
                                            <p class="product-description">{description}</p>
                                        </div>
                                    </article>
                                    // Phones: price, variant and the button stay in reach once the
                                    // form's own button has scrolled away (shown by the AddToCart
                                    // island; without JS the form above is all there is).
                                    <div class="sticky-cart" id="sticky-cart" hidden data-testid="sticky-cart">
                                        <p class="sticky-cart-text">
                                            <span class="price" id="sticky-cart-price">{sticky_price}</span>
                                            <span class="sticky-cart-variant" id="sticky-cart-variant">{sticky_variant}</span>
                                        </p>
                                        <button
                                            type="submit"
                                            form="add-to-cart-form"
                                            id="sticky-cart-button"
                                            class="button-primary"
                                            disabled=!sticky_in_stock
                                            data-testid="sticky-add-to-cart"
                                        >
                                            {t(locale, "cart-add")}
                                        </button>
                                    </div>
                                    {(!data.together.cards.is_empty()).then(|| view! {
                                        <section aria-labelledby="together-heading" class="recommendations" data-testid="bought-together">
                                            <h2 id="together-heading">{t(locale, "recommend-together")}</h2>
                                            <ProductGrid locale products=data.together.cards from=data.together.from/>
                                        </section>
                                    })}
                                    // Similar items from the models; until they know this
                                    // product, more from its category.
                                    {if !data.similar.cards.is_empty() {
                                        Some(view! {
                                            <section aria-labelledby="related-heading" class="recommendations" data-testid="similar-items">
                                                <h2 id="related-heading">{t(locale, "recommend-similar")}</h2>
                                                <ProductGrid locale products=data.similar.cards from=data.similar.from/>
                                            </section>
                                        }.into_any())
                                    } else if !data.related.is_empty() {
                                        Some(view! {
                                            <section aria-labelledby="related-heading">
                                                <h2 id="related-heading">{t(locale, "product-related")}</h2>
                                                <ProductGrid locale products=data.related/>
                                            </section>
                                        }.into_any())
                                    } else {
                                        None
                                    }}
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

/// "M / White": a variant's option values, as the sticky bar and the cart write them.
fn variant_label(locale: Locale, values: &[dokkan_catalog::Localized]) -> String {
    values
        .iter()
        .map(|v| v.get(locale))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The variant the URL's option values name (`?size=M&color=Red`), else the first in stock.
fn chosen_variant(product: &Product, params: &[(String, String)]) -> usize {
    let wanted: Vec<Option<&str>> = product
        .options
        .iter()
        .map(|o| {
            params
                .iter()
                .find(|(k, _)| k == o.key.as_str())
                .map(|(_, v)| v.as_str())
        })
        .collect();
    let default = product
        .variants
        .iter()
        .position(|v| v.in_stock())
        .unwrap_or(0);
    if wanted.iter().all(Option::is_none) {
        return default;
    }
    product
        .variants
        .iter()
        .position(|v| {
            v.options
                .iter()
                .zip(&wanted)
                .all(|(value, want)| want.is_none_or(|w| value.en.eq_ignore_ascii_case(w)))
        })
        .unwrap_or(default)
}

fn picker_props(
    locale: Locale,
    product: &Product,
) -> (Vec<PickerOption>, Vec<PickerVariant>, PickerTexts) {
    let options = product
        .options
        .iter()
        .map(|o| PickerOption {
            key: o.key.to_string(),
            name: o.name.get(locale).to_string(),
            values: o.values.iter().map(|v| v.get(locale).to_string()).collect(),
            params: o.values.iter().map(|v| v.en.clone()).collect(),
        })
        .collect();
    let variants = product
        .variants
        .iter()
        .map(|v| PickerVariant {
            values: v
                .options
                .iter()
                .zip(&product.options)
                .map(|(value, option)| option.values.iter().position(|x| x == value).unwrap_or(0))
                .collect(),
            sku: v.sku.to_string(),
            price: v.price.format(locale),
            compare_at: v
                .compare_at
                .filter(|_| v.on_sale())
                .map(|c| c.format(locale)),
            in_stock: v.in_stock(),
            stock_text: match v.stock {
                0 => t(locale, "product-out-of-stock"),
                n if n <= 5 => t_count(locale, "product-stock-low", n as usize),
                _ => t(locale, "product-in-stock"),
            },
            image: v
                .image
                .map(|i| &product.images[i])
                .map(|image| PickerImage {
                    src: image.src(800),
                    srcset: image.srcset(),
                    alt: image.alt.get(locale).to_string(),
                }),
        })
        .collect();
    let texts = PickerTexts {
        sku: t(locale, "product-sku"),
        sale: t(locale, "product-sale"),
        unavailable: t(locale, "product-out-of-stock"),
        show: t(locale, "product-show-variant"),
        was: t(locale, "product-was-price"),
    };
    (options, variants, texts)
}
