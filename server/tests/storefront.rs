//! Catalog pages over HTTP on the demo catalog: search, facets in the URL, bad
//! parameters, the variant in the URL, JSON-LD, sitemap and robots.

mod common;

use common::TestApp;
use reqwest::{header, StatusCode};
use sqlx::PgPool;

#[sqlx::test(migrations = "../migrations")]
async fn search_page_finds_arabic_spelling_variants_and_logs_the_search(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    // مكواه (haa) for مكواة (taa marbuta), with a diacritic.
    let (status, html) = app
        .page("/ar/search?q=%D9%85%D9%90%D9%83%D9%88%D8%A7%D9%87")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(r#"href="/ar/products/zahra-steam-iron-2400w""#),
        "{html}"
    );
    assert!(html.contains(r#"name="robots" content="noindex, follow""#));
    let (status, html) = app.page("/en/search?q=sneekers").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("sneakers"), "typo corrected");
    let logged: Vec<(String, String)> =
        sqlx::query_as("SELECT query, locale FROM search_log ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        logged,
        [
            ("مكواه".to_string(), "ar".to_string()),
            ("sneekers".to_string(), "en".to_string())
        ]
    );
    // No product has both words: the page says so and shows those with one.
    let (status, html) = app.page("/ar/search?q=sneakers%20xqzvw").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-testid="partial-results""#), "{html}");
    assert!(html.contains("sneakers"));
    let (_, html) = app.page("/ar/search?q=sneakers").await;
    assert!(!html.contains(r#"data-testid="partial-results""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn category_filters_live_in_the_url(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let slug: String = sqlx::query_scalar(
        "SELECT slug FROM categories WHERE parent_id IS NULL ORDER BY position, id LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (_, all) = app.page(&format!("/en/categories/{slug}")).await;
    let cards = |html: &str| html.matches(r#"<li class="product-card"#).count();
    let (status, filtered) = app
        .page(&format!(
            "/en/categories/{slug}?size=M&max_price=500&sort=price-desc"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(cards(&filtered) > 0 && cards(&filtered) < cards(&all));
    // The form shows the state it was given.
    assert!(
        filtered.contains(r#"value="M" checked"#)
            || filtered.contains(r#"checked value="M""#)
            || filtered.contains("value=\"M\" checked=\"\""),
        "size M checked"
    );
    assert!(filtered.contains(r#"<option value="price-desc" selected"#));
    // Pager links keep the filters.
    let (_, page) = app.page(&format!("/en/categories/{slug}?per_page=2")).await;
    assert!(page.contains("per_page=2&amp;page=2") || page.contains("per_page=2&page=2"));
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_listing_parameters_are_a_localized_400(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let slug: String = sqlx::query_scalar("SELECT slug FROM categories LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    for (query, name) in [
        ("page=abc", "page"),
        ("page=0", "page"),
        ("per_page=1000", "per_page"),
        ("min_price=-3", "min_price"),
        ("sort=cheapest", "sort"),
        ("in_stock=maybe", "in_stock"),
        ("Bad%20Key=1", "Bad Key"),
    ] {
        let (status, html) = app.page(&format!("/ar/categories/{slug}?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(html.contains(r#"data-testid="bad-parameter""#), "{query}");
        assert!(html.contains(name), "{query} names {name}");
        assert!(html.contains(r#"dir="rtl""#));
    }
    let (status, html) = app.page("/en/search?min_price=9&max_price=1").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("minimum price is above"));
}

#[sqlx::test(migrations = "../migrations")]
async fn product_page_has_variants_json_ld_and_takes_a_variant_from_the_url(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let (status, html) = app
        .page("/en/products/cotton-crew-neck-t-shirt-white")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-component="VariantPicker"#));
    assert!(html.contains("GT-TEE-CREW-WHT-S"));
    let start = html.find(r#"<script type="application/ld+json""#).unwrap();
    let body_start = start + html[start..].find('>').unwrap() + 1;
    let body_end = body_start + html[body_start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[body_start..body_end]).unwrap();
    assert_eq!(data["@type"], "Product");
    assert_eq!(data["offers"].as_array().unwrap().len(), 6);
    assert_eq!(
        data["offers"][5]["availability"],
        "https://schema.org/OutOfStock"
    );
    assert_eq!(data["offers"][0]["priceCurrency"], "EGP");
    assert!(html.contains(r#""@type":"BreadcrumbList""#));

    let (_, xxl) = app
        .page("/ar/products/cotton-crew-neck-t-shirt-white?size=XXL")
        .await;
    assert!(
        xxl.contains(r#"<span data-testid="product-sku">GT-TEE-CREW-WHT-XXL"#)
            || xxl.contains("GT-TEE-CREW-WHT-XXL</span>")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn sitemap_and_robots(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let response = app.get("/sitemap.xml").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/xml"));
    let xml = response.text().await.unwrap();
    let products: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE published")
        .fetch_one(&pool)
        .await
        .unwrap();
    let categories: i64 = sqlx::query_scalar("SELECT count(*) FROM categories")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        xml.matches("<url>").count() as i64,
        2 * (1 + products + categories),
        "home, categories and products, in both languages"
    );
    assert!(
        xml.contains("<loc>https://shop.example/ar/products/cotton-crew-neck-t-shirt-white</loc>")
    );
    assert!(xml.contains(r#"hreflang="x-default""#));
    let robots = app
        .get("/robots.txt")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(robots.contains("Sitemap: https://shop.example/sitemap.xml"));
}
