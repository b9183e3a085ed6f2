//! Structured data for search engines: schema.org `Product` and `BreadcrumbList`.

use crate::{i18n::t, request};
use dokkan_catalog::Product;
use dokkan_core::Locale;
use leptos::prelude::*;
use serde_json::{json, Value};

/// A `<script type="application/ld+json">`. `<` is escaped so no text in the data can
/// close the script element.
#[component]
pub fn JsonLd(data: Value) -> impl IntoView {
    let text = data.to_string().replace('<', "\\u003c");
    let nonce = leptos::nonce::use_nonce().map(|n| n.to_string());
    view! { <script type="application/ld+json" nonce=nonce inner_html=text></script> }
}

/// Home, then each `(name, href)` of the trail.
pub fn breadcrumb_json_ld(locale: Locale, trail: &[(String, String)]) -> Value {
    let home = (t(locale, "nav-home"), format!("/{locale}/"));
    let items: Vec<Value> = std::iter::once(&home)
        .chain(trail)
        .enumerate()
        .map(|(i, (name, href))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": request::absolute_url(href),
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
}

/// A product with one offer per variant (price, currency, availability, SKU).
pub fn product_json_ld(locale: Locale, product: &Product) -> Value {
    let url = request::absolute_url(&format!("/{locale}/products/{}", product.handle));
    let offers: Vec<Value> = product
        .variants
        .iter()
        .map(|v| {
            json!({
                "@type": "Offer",
                "sku": v.sku.as_str(),
                "price": v.price.decimal(),
                "priceCurrency": v.price.currency().code(),
                "availability": if v.in_stock() {
                    "https://schema.org/InStock"
                } else {
                    "https://schema.org/OutOfStock"
                },
                "itemCondition": "https://schema.org/NewCondition",
                "url": url,
            })
        })
        .collect();
    let images: Vec<String> = product
        .images
        .iter()
        .map(|i| request::absolute_url(&i.src(800)))
        .collect();
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name.get(locale),
        "description": product.description.get(locale),
        "sku": product.default_variant().sku.as_str(),
        "image": images,
        "url": url,
        "category": product.category.name.get(locale),
        "offers": offers,
    });
    if !product.brand.is_empty() {
        data["brand"] = json!({ "@type": "Brand", "name": product.brand });
    }
    data
}
