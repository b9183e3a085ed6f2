//! A shop to test against: a product in stock, a guest at checkout, the order form, and
//! small readers of pages and redirects.

use super::{Session, TestApp};
use reqwest::{header, StatusCode};
use sqlx::PgPool;

/// A published product with one variant in stock; returns its SKU.
pub async fn product(pool: &PgPool, handle: &str, price_minor: i64, stock: i32) -> String {
    let category: i64 = sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar) VALUES ('c-' || $1, 'C ' || $1, 'ق ' || $1) RETURNING id",
    )
    .bind(handle)
    .fetch_one(pool)
    .await
    .unwrap();
    let product: i64 = sqlx::query_scalar(
        "INSERT INTO products (handle, category_id, name_en, name_ar, price_minor) \
         VALUES ($1, $2, 'Brass lamp', 'أباجورة نحاس', $3) RETURNING id",
    )
    .bind(handle)
    .bind(category)
    .bind(price_minor)
    .fetch_one(pool)
    .await
    .unwrap();
    let sku = handle.to_uppercase();
    sqlx::query(
        "INSERT INTO product_variants (product_id, position, sku, price_minor, stock) VALUES ($1, 0, $2, $3, $4)",
    )
    .bind(product)
    .bind(&sku)
    .bind(price_minor)
    .bind(stock)
    .execute(pool)
    .await
    .unwrap();
    sku
}

pub async fn post(
    app: &TestApp,
    session: &mut Session,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    let response = session
        .apply(app.post_form(path, form))
        .send()
        .await
        .unwrap();
    session.update(&response);
    response
}

pub async fn page(app: &TestApp, session: &Session, path: &str) -> (StatusCode, String) {
    let response = session.apply(app.get(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

pub fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}""#);
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in page"));
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    let tag = &html[start..end];
    let value = tag.find(r#"value=""#).unwrap() + 7;
    let close = tag[value..].find('"').unwrap();
    tag[value..value + close].replace("&amp;", "&")
}

pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .unwrap_or_else(|| panic!("no redirect ({})", response.status()))
        .to_str()
        .unwrap()
        .to_string()
}

pub fn order_form(html: &str, payment: &str) -> Vec<(&'static str, String)> {
    vec![
        ("lang", "en".into()),
        ("idempotency_key", hidden(html, "idempotency_key")),
        ("cart_fingerprint", hidden(html, "cart_fingerprint")),
        ("contact_email", "guest@example.com".into()),
        ("contact_phone", "01012345678".into()),
        ("recipient", "Mona Adel".into()),
        ("phone", "01012345678".into()),
        ("governorate", "giza".into()),
        ("city", "Dokki".into()),
        ("street", "Tahrir St".into()),
        ("building", "7".into()),
        ("floor", "".into()),
        ("apartment", "".into()),
        ("landmark", "".into()),
        ("shipping_method", "standard".into()),
        ("payment_method", payment.into()),
        ("discount_code", "".into()),
    ]
}

pub fn borrowed<'a>(form: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    form.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A guest with `quantity` of `sku` in the cart, on the checkout page.
pub async fn guest_at_checkout(app: &TestApp, sku: &str, quantity: &str) -> (Session, String) {
    let mut guest = Session::default();
    let added = post(
        app,
        &mut guest,
        "/api/cart/add",
        &[("lang", "en"), ("sku", sku), ("quantity", quantity)],
    )
    .await;
    assert_eq!(added.status(), StatusCode::OK);
    assert!(guest.cart.is_some(), "the cart cookie is set");
    let (status, html) = page(app, &guest, "/en/checkout").await;
    assert_eq!(status, StatusCode::OK);
    (guest, html)
}
