//! The real router on port 0, driven over HTTP, against a fresh database per test.

mod common;

use common::TestApp;
use reqwest::{header, StatusCode};
use sqlx::PgPool;

async fn first_product(pool: &PgPool) -> (String, String, String) {
    sqlx::query_as(
        // The home page's newest in-stock products start with this one.
        "SELECT handle, name_en, name_ar FROM products WHERE published AND in_stock
          ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn english_home_lists_the_newest_products(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (_, featured_name, _) = first_product(&pool).await;
    let (status, html) = app.page("/en/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#), "{html}");
    assert!(html.matches(r#"<li class="product-card"#).count() >= 8);
    assert!(html.contains(&featured_name));
    assert!(html.contains("EGP "), "prices in the English format");
    assert!(html.contains("<leptos-island") || !html.contains("QuantityStepper"));
}

#[sqlx::test(migrations = "../migrations")]
async fn arabic_home_is_right_to_left_and_arabic(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (_, _, featured_ar) = first_product(&pool).await;
    let (status, html) = app.page("/ar/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(html.contains("دكان"));
    assert!(html.contains(&featured_ar));
    assert!(html.contains("ج.م."), "prices in the Arabic format");
    assert!(html.contains(r#"hreflang="en""#) && html.contains(r#"hreflang="x-default""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn product_page_shows_the_product_and_links_the_other_language(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (handle, name_en, _) = first_product(&pool).await;
    let (status, html) = app.page(&format!("/en/products/{handle}")).await;
    assert_eq!(status, StatusCode::OK);
    // Debug builds (erase_components) add hydration markers before the closing tag.
    assert!(html.contains(&format!("<h1>{name_en}")));
    assert!(
        html.contains(&format!(r#"href="/ar/products/{handle}""#)),
        "language switch"
    );
    assert!(html.contains(&format!(
        r#"<link href="https://shop.example/en/products/{handle}" rel="canonical">"#
    )));
    assert!(
        html.contains(r#"data-component="AddToCart"#),
        "add to cart (with its quantity stepper) is an island"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn category_page_counts_its_products(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    // A top-level category lists the products of the categories under it.
    let slug: String = sqlx::query_scalar(
        "SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY position, id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let count: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM products p JOIN categories c ON c.id = p.category_id
           LEFT JOIN categories parent ON parent.id = c.parent_id
          WHERE p.published AND (c.slug = $1 OR parent.slug = $1)",
    )
    .bind(&slug)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(count > 0);
    let (status, html) = app.page(&format!("/en/categories/{slug}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("{count} products")), "{html}");
    assert_eq!(
        html.matches(r#"<li class="product-card"#).count() as i64,
        count.min(24),
        "one page of cards"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_pages_are_localized_404s(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let (status, html) = app.page("/en/products/no-such-product").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page not found"));
    let (status, html) = app.page("/ar/products/no-such-product").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("الصفحة غير موجودة") && html.contains(r#"dir="rtl""#));
    for path in [
        "/en/categories/nope",
        "/en/products/Not_A_Slug",
        "/fr/",
        "/en/no/such/page",
    ] {
        assert_eq!(app.page(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn root_redirects_by_cookie_then_accept_language_then_arabic(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let location = |response: reqwest::Response| {
        assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
        response.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(location(app.get("/").send().await.unwrap()), "/ar/");
    let en = app
        .get("/")
        .header(header::ACCEPT_LANGUAGE, "en-GB,en;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(location(en), "/en/");
    let cookie = app
        .get("/")
        .header(header::ACCEPT_LANGUAGE, "en")
        .header(header::COOKIE, "dokkan_lang=ar")
        .send()
        .await
        .unwrap();
    assert_eq!(location(cookie), "/ar/");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_page_remembers_its_language(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let response = app.get("/en/").send().await.unwrap();
    let cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("dokkan_lang=en;"), "{cookie}");
    let again = app
        .get("/en/")
        .header(header::COOKIE, "dokkan_lang=en")
        .send()
        .await
        .unwrap();
    assert!(again.headers().get(header::SET_COOKIE).is_none());
    // A 404 outside any language prefix does not change the remembered language.
    let unprefixed_404 = app.get("/favicon.ico").send().await.unwrap();
    assert_eq!(unprefixed_404.status(), StatusCode::NOT_FOUND);
    assert!(unprefixed_404.headers().get(header::SET_COOKIE).is_none());
}

#[sqlx::test(migrations = "../migrations")]
async fn health_and_ready_with_a_database(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    assert_eq!(app.page("/health").await.0, StatusCode::OK);
    assert_eq!(app.page("/ready").await.0, StatusCode::OK);
}

#[sqlx::test(migrations = "../migrations")]
async fn ready_is_503_when_the_database_is_unreachable(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    assert_eq!(app.page("/ready").await.0, StatusCode::OK);
    // The database goes away under a running shop.
    pool.close().await;
    assert_eq!(app.page("/health").await.0, StatusCode::OK);
    assert_eq!(app.page("/ready").await.0, StatusCode::SERVICE_UNAVAILABLE);
}

#[sqlx::test(migrations = "../migrations")]
async fn every_response_carries_a_request_id(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let made = app.get("/health").send().await.unwrap();
    let id = made.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let kept = app
        .get("/health")
        .header("x-request-id", "edge-42.abc")
        .send()
        .await
        .unwrap();
    assert_eq!(kept.headers()["x-request-id"], "edge-42.abc");
    let unsafe_id = app
        .get("/health")
        .header("x-request-id", "a b\"c")
        .send()
        .await
        .unwrap();
    assert_ne!(unsafe_id.headers()["x-request-id"], "a b\"c");
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_are_compressed(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    for encoding in ["br", "gzip"] {
        let response = app
            .get("/en/")
            .header(header::ACCEPT_ENCODING, encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()[header::CONTENT_ENCODING], encoding);
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn static_files_are_served_with_cache_headers(pool: PgPool) {
    let site = std::env::temp_dir().join(format!("dokkan-site-{}", std::process::id()));
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    std::fs::create_dir_all(site.join("images/products")).unwrap();
    std::fs::write(site.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(
        site.join("images/products/x.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(site.join("pkg/dokkan.abc123.js"), "export {}").unwrap();
    let app = TestApp::spawn_with_site(pool, site.to_str().unwrap()).await;

    let pkg = app.get("/pkg/dokkan.abc123.js").send().await.unwrap();
    assert_eq!(pkg.status(), StatusCode::OK);
    assert_eq!(
        pkg.headers()[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    for path in ["/robots.txt", "/images/products/x.svg"] {
        let response = app.get(path).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "public, max-age=86400",
            "{path}"
        );
        assert!(
            response.headers().get(header::SET_COOKIE).is_none(),
            "{path}"
        );
    }
    let missing = app
        .get("/images/products/missing.svg")
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().get(header::CACHE_CONTROL).is_none());
    std::fs::remove_dir_all(site).ok();
}
