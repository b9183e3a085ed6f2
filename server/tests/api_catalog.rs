//! The public catalog API over HTTP against a small catalog written here in SQL: the JSON
//! shapes, filters and pages, a 400 naming every bad parameter (and never a 5xx for any
//! query string), product detail, the category tree, suggestions, the search log and the
//! OpenAPI document.

mod common;

use common::TestApp;
use dokkan_catalog::search_text::{normalize, SearchDocument};
use proptest::{
    strategy::{Strategy, ValueTree},
    test_runner::TestRunner,
};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

const HASH: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const BASE: &str = "https://shop.example";

// ---------------------------------------------------------------------------------------
// Fixture: Clothing > (Men, Women), Kitchen; a shirt with two options and an image, a
// dress out of stock, a mug without options, and an unpublished product.

async fn category(pool: &PgPool, slug: &str, name: (&str, &str), parent: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar, parent_id, position, search_name)
         VALUES ($1, $2, $3, $4, (SELECT count(*) FROM categories), $5) RETURNING id",
    )
    .bind(slug)
    .bind(name.0)
    .bind(name.1)
    .bind(parent)
    .bind(format!("{} {}", normalize(name.0), normalize(name.1)))
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A variant: option values (en, ar) in option order, price, compare-at, stock.
type V<'a> = (&'a [(&'a str, &'a str)], i64, Option<i64>, i32);

struct P<'a> {
    handle: &'a str,
    name: (&'a str, &'a str),
    category: (i64, &'a [(&'a str, &'a str)]),
    options: &'a [(&'a str, &'a str)],
    variants: &'a [V<'a>],
    image: bool,
    published: bool,
}

async fn product(pool: &PgPool, p: P<'_>) -> i64 {
    let values = p.variants.iter().flat_map(|v| v.0.iter().copied());
    let doc = SearchDocument::build(
        p.name,
        "Nile",
        ["summer"],
        p.category.1.iter().copied(),
        values,
        ("Made in Egypt.", "صنع في مصر."),
    );
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (handle, category_id, name_en, name_ar, description_en,
                               description_ar, brand, tags, price_minor, published,
                               search_name, search_terms, search_body, created_at)
         VALUES ($1, $2, $3, $4, 'Made in Egypt.', 'صنع في مصر.', 'Nile', '{summer}', 0, $5,
                 $6, $7, $8, now() + make_interval(secs => (SELECT count(*) FROM products)))
         RETURNING id",
    )
    .bind(p.handle)
    .bind(p.category.0)
    .bind(p.name.0)
    .bind(p.name.1)
    .bind(p.published)
    .bind(&doc.name)
    .bind(&doc.terms)
    .bind(&doc.body)
    .fetch_one(pool)
    .await
    .unwrap();
    let image: Option<i64> = if p.image {
        sqlx::query_scalar(
            "INSERT INTO product_images (product_id, position, path, alt_en, alt_ar, media_hash)
             VALUES ($1, 0, $2, $3, $4, $5) RETURNING id",
        )
        .bind(id)
        .bind(format!("/media/{HASH}.png"))
        .bind(p.name.0)
        .bind(p.name.1)
        .bind(HASH)
        .fetch_one(pool)
        .await
        .unwrap()
    } else {
        None
    };
    let mut option_ids = Vec::new();
    for (position, (en, ar)) in p.options.iter().enumerate() {
        let option: i64 = sqlx::query_scalar(
            "INSERT INTO product_options (product_id, position, name_en, name_ar, key)
             VALUES ($1, $2, $3, $4, lower($3)) RETURNING id",
        )
        .bind(id)
        .bind(position as i16 + 1)
        .bind(en)
        .bind(ar)
        .fetch_one(pool)
        .await
        .unwrap();
        option_ids.push(option);
    }
    for (position, (values, price, compare_at, stock)) in p.variants.iter().enumerate() {
        let variant: i64 = sqlx::query_scalar(
            "INSERT INTO product_variants (product_id, position, sku, price_minor,
                                           compare_at_minor, stock, image_id)
             VALUES ($1, $2, upper($3 || '-' || $2), $4, $5, $6, $7) RETURNING id",
        )
        .bind(id)
        .bind(position as i32)
        .bind(p.handle)
        .bind(price)
        .bind(compare_at)
        .bind(stock)
        .bind(image)
        .fetch_one(pool)
        .await
        .unwrap();
        for (option, (en, ar)) in option_ids.iter().zip(values.iter()) {
            sqlx::query(
                "INSERT INTO variant_option_values (variant_id, option_id, value_en, value_ar)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(variant)
            .bind(option)
            .bind(en)
            .bind(ar)
            .execute(pool)
            .await
            .unwrap();
        }
    }
    id
}

async fn shop(pool: PgPool) -> TestApp {
    let clothing = ("Clothing", "ملابس");
    let kitchen_name = ("Kitchen", "المطبخ");
    let clothing_id = category(&pool, "clothing", clothing, None).await;
    let men = category(&pool, "men", ("Men", "رجالي"), Some(clothing_id)).await;
    let women = category(&pool, "women", ("Women", "حريمي"), Some(clothing_id)).await;
    let kitchen = category(&pool, "kitchen", kitchen_name, None).await;
    let size = ("Size", "المقاس");
    let white = ("White", "أبيض");
    let blue = ("Blue", "أزرق");
    product(
        &pool,
        P {
            handle: "linen-shirt",
            name: ("Linen shirt", "قميص كتان"),
            category: (men, &[clothing, ("Men", "رجالي")]),
            options: &[size, ("Color", "اللون")],
            variants: &[
                (&[("M", "M"), white], 45_000, None, 3),
                (&[("L", "L"), white], 45_000, None, 0),
                (&[("L", "L"), blue], 47_000, Some(52_000), 2),
            ],
            image: true,
            published: true,
        },
    )
    .await;
    product(
        &pool,
        P {
            handle: "cotton-dress",
            name: ("Cotton dress", "فستان قطن"),
            category: (women, &[clothing, ("Women", "حريمي")]),
            options: &[size],
            variants: &[
                (&[("S", "S")], 60_000, None, 0),
                (&[("M", "M")], 60_000, None, 0),
            ],
            image: false,
            published: true,
        },
    )
    .await;
    product(
        &pool,
        P {
            handle: "coffee-mug",
            name: ("Coffee mug", "كوب قهوة"),
            category: (kitchen, &[kitchen_name]),
            options: &[],
            variants: &[(&[], 8_000, None, 10)],
            image: false,
            published: true,
        },
    )
    .await;
    product(
        &pool,
        P {
            handle: "secret-kettle",
            name: ("Secret kettle", "غلاية سرية"),
            category: (kitchen, &[kitchen_name]),
            options: &[],
            variants: &[(&[], 9_000, None, 10)],
            image: false,
            published: false,
        },
    )
    .await;
    TestApp::spawn(pool).await
}

// ---------------------------------------------------------------------------------------
// Helpers

struct Reply {
    status: StatusCode,
    headers: header::HeaderMap,
    body: Value,
}

async fn get(app: &TestApp, path: &str) -> Reply {
    get_with(app, path, &[]).await
}

async fn get_with(app: &TestApp, path: &str, extra: &[(&str, &str)]) -> Reply {
    let mut request = app.get(path);
    for (name, value) in extra {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{path}: {status} is not JSON ({e}): {text}"));
    Reply {
        status,
        headers,
        body,
    }
}

type Pairs<'a> = &'a [(&'a str, &'a str)];

/// `/api/v1/products?` with the pairs encoded.
fn products(pairs: &[(&str, &str)]) -> String {
    let query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    format!("/api/v1/products?{query}")
}

fn handles(body: &Value) -> Vec<&str> {
    body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["handle"].as_str().unwrap())
        .collect()
}

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    keys
}

/// Whether the response says it depends on the request's language headers.
fn varies_with_language(reply: &Reply) -> bool {
    reply
        .headers
        .get_all(header::VARY)
        .iter()
        .any(|v| v.to_str().unwrap().contains("accept-language"))
}

fn header_of(reply: &Reply, name: header::HeaderName) -> Option<&str> {
    reply.headers.get(name).map(|v| v.to_str().unwrap())
}

// ---------------------------------------------------------------------------------------
// Listing

#[sqlx::test(migrations = "../migrations")]
async fn listing_has_items_total_and_facets_in_the_asked_language(pool: PgPool) {
    let app = shop(pool).await;
    let reply = get(&app, "/api/v1/products?lang=en&sort=price-asc").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(
        header_of(&reply, header::CACHE_CONTROL),
        Some("public, max-age=60")
    );
    let body = &reply.body;
    assert_eq!(body["total"], 3, "the unpublished product is not listed");
    assert_eq!(
        (body["page"].clone(), body["per_page"].clone()),
        (json!(1), json!(24))
    );
    assert_eq!(handles(body), ["coffee-mug", "linen-shirt", "cotton-dress"]);
    let shirt = &body["items"][1];
    assert_eq!(
        keys(shirt),
        [
            "compare_at_price",
            "currency",
            "handle",
            "image",
            "in_stock",
            "name",
            "price",
            "url"
        ]
    );
    assert_eq!(shirt["name"], "Linen shirt");
    assert_eq!(shirt["price"], 45_000, "minor units, the lowest variant");
    assert_eq!(shirt["compare_at_price"], Value::Null);
    assert_eq!(shirt["currency"], "EGP");
    assert_eq!(shirt["in_stock"], true);
    assert_eq!(
        shirt["image"],
        format!("{BASE}/media/{HASH}-400.webp").as_str()
    );
    assert_eq!(
        shirt["url"],
        format!("{BASE}/en/products/linen-shirt").as_str()
    );
    assert_eq!(body["items"][0]["image"], Value::Null);
    assert_eq!(body["items"][2]["in_stock"], false);

    let facets = &body["facets"];
    assert_eq!(keys(facets), ["categories", "in_stock", "options", "price"]);
    assert_eq!(
        facets["categories"],
        json!([
            { "value": "clothing", "label": "Clothing", "count": 2 },
            { "value": "kitchen", "label": "Kitchen", "count": 1 },
        ])
    );
    assert_eq!(
        facets["price"],
        json!({ "min": 8000, "max": 60000, "currency": "EGP" })
    );
    assert_eq!(facets["in_stock"], 2);
    let size = facets["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == "size")
        .expect("a size facet");
    assert_eq!(size["name"], "Size");
    let counts: Vec<(String, u64)> = size["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_lowercase(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect();
    for expected in [
        ("m".to_string(), 2),
        ("l".to_string(), 1),
        ("s".to_string(), 1),
    ] {
        assert!(counts.contains(&expected), "{counts:?}");
    }

    // Arabic, asked for by the parameter: names, labels and links in Arabic.
    let reply = get(&app, "/api/v1/products?lang=ar&sort=price-asc").await;
    assert_eq!(reply.body["items"][0]["name"], "كوب قهوة");
    assert_eq!(
        reply.body["items"][0]["url"],
        format!("{BASE}/ar/products/coffee-mug").as_str()
    );
    assert_eq!(reply.body["facets"]["categories"][0]["label"], "ملابس");
    assert!(!varies_with_language(&reply));

    // Without `lang` the headers decide, and the answer says it varies with them.
    let reply = get_with(
        &app,
        "/api/v1/products?sort=price-asc",
        &[("accept-language", "en-GB,en;q=0.9")],
    )
    .await;
    assert_eq!(reply.body["items"][0]["name"], "Coffee mug");
    assert!(varies_with_language(&reply));
}

#[sqlx::test(migrations = "../migrations")]
async fn filters_sorts_and_pages(pool: PgPool) {
    let app = shop(pool).await;
    let cases: &[(Pairs, &[&str])] = &[
        (
            &[("category", "clothing")],
            &["linen-shirt", "cotton-dress"],
        ),
        (&[("category", "men")], &["linen-shirt"]),
        (&[("category", "kitchen")], &["coffee-mug"]),
        (&[("size", "L")], &["linen-shirt"]),
        (
            &[("size", "s"), ("size", "L")],
            &["linen-shirt", "cotton-dress"],
        ),
        (&[("size", "L"), ("color", "Blue")], &["linen-shirt"]),
        (&[("size", "M"), ("color", "Blue")], &[]),
        (
            &[("min_price", "450"), ("max_price", "460")],
            &["linen-shirt"],
        ),
        (&[("max_price", "80")], &["coffee-mug"]),
        (&[("in_stock", "1")], &["coffee-mug", "linen-shirt"]),
        (&[("in_stock", "true"), ("size", "M")], &["linen-shirt"]),
        (
            &[("q", ""), ("size", ""), ("lang", "")],
            &["coffee-mug", "linen-shirt", "cotton-dress"],
        ),
    ];
    for (pairs, expected) in cases {
        let mut all = pairs.to_vec();
        all.push(("sort", "price-asc"));
        let reply = get(&app, &products(&all)).await;
        assert_eq!(reply.status, StatusCode::OK, "{pairs:?}: {}", reply.body);
        assert_eq!(handles(&reply.body), *expected, "{pairs:?}");
        assert_eq!(reply.body["total"], expected.len(), "{pairs:?}");
    }

    let order = |sort: &'static str| {
        let app = &app;
        async move {
            handles(&get(app, &products(&[("sort", sort)])).await.body)
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        order("price-desc").await,
        ["cotton-dress", "linen-shirt", "coffee-mug"]
    );
    assert_eq!(
        order("newest").await,
        ["coffee-mug", "cotton-dress", "linen-shirt"]
    );
    assert_eq!(order("relevance").await.len(), 3);

    // Pages: the total is the whole result, whichever page is asked.
    let page = |n: &'static str| {
        let app = &app;
        async move {
            get(
                app,
                &products(&[("sort", "price-asc"), ("per_page", "2"), ("page", n)]),
            )
            .await
            .body
        }
    };
    let first = page("1").await;
    assert_eq!(
        (handles(&first), first["total"].clone()),
        (vec!["coffee-mug", "linen-shirt"], json!(3))
    );
    let second = page("2").await;
    assert_eq!(
        (handles(&second), second["total"].clone()),
        (vec!["cotton-dress"], json!(3))
    );
    assert_eq!(second["per_page"], 2);
    let past_the_end = page("3").await;
    assert!(handles(&past_the_end).is_empty());
    assert_eq!(past_the_end["total"], 3);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_bad_parameter_is_a_400_naming_it(pool: PgPool) {
    let app = shop(pool).await;
    let long_q = "x".repeat(201);
    let long_value = "x".repeat(101);
    let many_sizes: Vec<(&str, &str)> = (0..31).map(|_| ("size", "M")).collect();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (vec![("page", "abc")], "page"),
        (vec![("page", "0")], "page"),
        (vec![("page", "-1")], "page"),
        (vec![("page", "1001")], "page"),
        (vec![("page", "99999999999999999999")], "page"),
        (vec![("per_page", "1000")], "per_page"),
        (vec![("per_page", "0")], "per_page"),
        (vec![("per_page", "2.5")], "per_page"),
        (vec![("min_price", "-1")], "min_price"),
        (vec![("min_price", "abc")], "min_price"),
        (vec![("max_price", "1e3")], "max_price"),
        (vec![("max_price", "10.999")], "max_price"),
        (vec![("max_price", "99999999999999999999")], "max_price"),
        (vec![("min_price", "10"), ("max_price", "5")], "min_price"),
        (vec![("sort", "foo")], "sort"),
        (vec![("in_stock", "maybe")], "in_stock"),
        (vec![("category", "Bad Slug")], "category"),
        (vec![("q", &long_q)], "q"),
        (vec![("Weird Name", "x")], "Weird Name"),
        (vec![("size", &long_value)], "size"),
        (many_sizes, "size"),
        (vec![("lang", "fr")], "lang"),
        (vec![("lang", "EN")], "lang"),
    ];
    for (pairs, name) in &cases {
        let reply = get(&app, &products(pairs)).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{pairs:?}: {}",
            reply.body
        );
        let body = &reply.body;
        assert_eq!(body["error"], "invalid_parameter", "{pairs:?}");
        assert_eq!(keys(&body["fields"]), [*name], "{pairs:?}: {body}");
        let message = body["message"].as_str().unwrap();
        assert!(
            !message.is_empty() && !message.starts_with("param-"),
            "{message}"
        );
        assert_eq!(body["fields"][*name], message);
        assert_eq!(
            header_of(&reply, header::CACHE_CONTROL),
            None,
            "errors are not cached"
        );
    }

    // Messages are localized, and give the range a number must be in.
    let reply = get(&app, "/api/v1/products?lang=en&page=0").await;
    assert_eq!(
        reply.body["message"],
        "“page” must be a whole number from 1 to 1000."
    );
    let reply = get(&app, "/api/v1/products?lang=ar&per_page=500").await;
    let message = reply.body["fields"]["per_page"].as_str().unwrap();
    assert!(
        message.contains("١٠٠") && message.contains("per_page"),
        "{message}"
    );

    // The other endpoints take only their own parameters.
    for path in [
        "/api/v1/categories?lnag=ar",
        "/api/v1/products/linen-shirt?page=2",
        "/api/v1/search/suggest?query=x",
        "/api/v1/search/suggest?q=x&limit=0",
        "/api/v1/search/suggest?q=x&limit=21",
        "/api/v1/categories?lang=de",
    ] {
        let reply = get(&app, path).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            reply.body
        );
        assert_eq!(reply.body["error"], "invalid_parameter", "{path}");
        assert_eq!(reply.body["fields"].as_object().unwrap().len(), 1, "{path}");
    }
    let reply = get(&app, &format!("/api/v1/search/suggest?q={long_q}")).await;
    assert_eq!(keys(&reply.body["fields"]), ["q"]);
}

/// Whatever the query string, the answer is JSON and never a server error.
#[sqlx::test(migrations = "../migrations")]
async fn no_query_string_causes_a_server_error(pool: PgPool) {
    let app = shop(pool).await;
    let names = "(q|category|min_price|max_price|in_stock|sort|page|per_page|lang|size|color|[a-zA-Z_ %.&=-]{0,8})";
    let values =
        "(-?[0-9]{0,21}(\\.[0-9]{0,4})?|[a-z-]{0,12}|\\PC{0,30}|%[0-9A-F]{0,2}|price-asc|true)";
    let pair = (names, values).prop_map(|(n, v)| {
        form_urlencoded::Serializer::new(String::new())
            .append_pair(&n, &v)
            .finish()
    });
    // Raw text too: stray `%`, `&&`, `==`, bytes that decode to invalid UTF-8.
    let raw = "[ -~]{0,40}|%(C3|FF|E2%82)[0-9A-Fa-f%]{0,6}";
    let strategy = (proptest::collection::vec(pair, 0..6), raw);
    let mut runner = TestRunner::deterministic();
    let paths = [
        "/api/v1/products",
        "/api/v1/search/suggest",
        "/api/v1/categories",
        "/api/v1/products/linen-shirt",
    ];
    let mut seen = (0, 0);
    for round in 0..160 {
        let (pairs, raw) = strategy.new_tree(&mut runner).unwrap().current();
        let mut query = pairs.join("&");
        if (round / 4) % 2 == 1 {
            query.push('&');
            query.push_str(&raw.replace(['#', ' '], "+"));
        }
        let path = format!("{}?{query}", paths[round % paths.len()]);
        let response = app.get(&path).send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert!(
            status == StatusCode::OK || status == StatusCode::BAD_REQUEST,
            "{path}: {status} {text}"
        );
        let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: {text}"));
        if status == StatusCode::BAD_REQUEST {
            assert_eq!(body["error"], "invalid_parameter", "{path}");
            seen.1 += 1;
        } else {
            seen.0 += 1;
        }
    }
    // The strings reach both the handlers' success paths and every kind of refusal.
    assert!(seen.0 >= 20 && seen.1 >= 20, "{seen:?} (ok, bad)");
}

// ---------------------------------------------------------------------------------------
// Product, categories, suggestions

#[sqlx::test(migrations = "../migrations")]
async fn product_detail_has_variants_in_the_asked_language(pool: PgPool) {
    let app = shop(pool).await;
    let reply = get(&app, "/api/v1/products/linen-shirt?lang=ar").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let body = &reply.body;
    assert_eq!(body["handle"], "linen-shirt");
    assert_eq!(body["name"], "قميص كتان");
    assert_eq!(body["description"], "صنع في مصر.");
    assert_eq!(
        (body["brand"].clone(), body["tags"].clone()),
        (json!("Nile"), json!(["summer"]))
    );
    assert_eq!(
        body["category"],
        json!({ "slug": "men", "name": "رجالي", "url": format!("{BASE}/ar/categories/men") })
    );
    let crumbs: Vec<&str> = body["breadcrumbs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["slug"].as_str().unwrap())
        .collect();
    assert_eq!(crumbs, ["clothing", "men"]);
    assert_eq!(
        body["url"],
        format!("{BASE}/ar/products/linen-shirt").as_str()
    );
    assert_eq!(body["in_stock"], true);
    let image = &body["images"][0];
    assert_eq!(
        image["url"],
        format!("{BASE}/media/{HASH}-800.webp").as_str()
    );
    assert_eq!(image["alt"], "قميص كتان");
    assert!(image["srcset"]
        .as_str()
        .unwrap()
        .contains(&format!("{BASE}/media/{HASH}-200.webp 200w")));
    assert_eq!(
        body["options"],
        json!([
            { "key": "size", "name": "المقاس", "values": ["M", "L"] },
            { "key": "color", "name": "اللون", "values": ["أبيض", "أزرق"] },
        ])
    );
    assert_eq!(
        body["variants"],
        json!([
            { "sku": "LINEN-SHIRT-0", "options": ["M", "أبيض"], "price": 45000,
              "compare_at_price": null, "currency": "EGP", "stock": 3, "in_stock": true, "image": 0 },
            { "sku": "LINEN-SHIRT-1", "options": ["L", "أبيض"], "price": 45000,
              "compare_at_price": null, "currency": "EGP", "stock": 0, "in_stock": false, "image": 0 },
            { "sku": "LINEN-SHIRT-2", "options": ["L", "أزرق"], "price": 47000,
              "compare_at_price": 52000, "currency": "EGP", "stock": 2, "in_stock": true, "image": 0 },
        ])
    );
    assert_eq!(
        header_of(&reply, header::CACHE_CONTROL),
        Some("public, max-age=60")
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_products_and_endpoints_are_json_404s(pool: PgPool) {
    let app = shop(pool).await;
    for path in [
        "/api/v1/products/no-such-thing",
        "/api/v1/products/secret-kettle",
        "/api/v1/products/Not%20A%20Handle",
        "/api/v1/products/%FF",
        "/api/v1/no-such-endpoint",
    ] {
        let reply = get_with(&app, path, &[("accept-language", "ar")]).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(reply.body["error"], "not_found", "{path}");
        assert_eq!(reply.body["message"], "لم نجد ما تبحث عنه.", "{path}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn categories_come_as_a_tree(pool: PgPool) {
    let app = shop(pool).await;
    let reply = get(&app, "/api/v1/categories?lang=en").await;
    assert_eq!(reply.status, StatusCode::OK);
    let node = |slug: &str, name: &str, children: Value| {
        json!({ "slug": slug, "name": name, "description": "",
                "url": format!("{BASE}/en/categories/{slug}"), "children": children })
    };
    assert_eq!(
        reply.body,
        json!([
            node(
                "clothing",
                "Clothing",
                json!([
                    node("men", "Men", json!([])),
                    node("women", "Women", json!([])),
                ])
            ),
            node("kitchen", "Kitchen", json!([])),
        ])
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn suggestions_offer_products_and_categories(pool: PgPool) {
    let app = shop(pool).await;
    let reply = get(&app, "/api/v1/search/suggest?q=shirt&lang=en").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let first = &reply.body["products"][0];
    assert_eq!(
        keys(first),
        ["currency", "handle", "image", "name", "price", "url"]
    );
    assert_eq!(first["handle"], "linen-shirt");
    assert_eq!(first["name"], "Linen shirt");
    assert_eq!(first["price"], 45_000);
    assert_eq!(
        first["url"],
        format!("{BASE}/en/products/linen-shirt").as_str()
    );
    assert!(first["image"]
        .as_str()
        .unwrap()
        .starts_with(&format!("{BASE}/media/")));

    let reply = get(
        &app,
        "/api/v1/search/suggest?q=%D9%85%D9%84%D8%A7%D8%A8%D8%B3&lang=ar",
    )
    .await;
    assert_eq!(
        reply.body["categories"][0],
        json!({ "slug": "clothing", "name": "ملابس", "url": format!("{BASE}/ar/categories/clothing") })
    );

    for path in [
        "/api/v1/search/suggest",
        "/api/v1/search/suggest?q=+++&limit=3",
    ] {
        let reply = get(&app, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.body,
            json!({ "products": [], "categories": [] }),
            "{path}"
        );
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn a_search_is_logged_with_its_language_and_count(pool: PgPool) {
    let app = shop(pool.clone()).await;
    let reply = get(&app, "/api/v1/products?q=shirt&lang=ar").await;
    assert_eq!(reply.body["total"], 1);
    assert_eq!(reply.body["partial"], false);
    // Paging through the same search, narrowing it or re-sorting it is not another
    // search; a listing without words is none.
    get(&app, "/api/v1/products?q=shirt&lang=ar&page=2").await;
    get(&app, "/api/v1/products?q=shirt&lang=ar&in_stock=true").await;
    get(&app, "/api/v1/products?q=shirt&lang=ar&sort=price-asc").await;
    get(&app, "/api/v1/products?lang=ar").await;
    let mut logged: Vec<(String, String, i32)> = Vec::new();
    for _ in 0..100 {
        logged = sqlx::query_as("SELECT query, locale, result_count FROM search_log")
            .fetch_all(&pool)
            .await
            .unwrap();
        if !logged.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let again: i64 = sqlx::query_scalar("SELECT count(*) FROM search_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(logged, [("shirt".to_string(), "ar".to_string(), 1)]);
    assert_eq!(again, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_signed_in_reader_is_not_cached_publicly(pool: PgPool) {
    let app = shop(pool).await;
    let reply = get_with(
        &app,
        "/api/v1/products?lang=en",
        &[("cookie", "dokkan_at=not-a-token")],
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        header_of(&reply, header::CACHE_CONTROL),
        Some("private, no-store")
    );
}

/// `explain=1` says why a search found each product, for staff only: the words' readings
/// (a dialect word's standard equivalent here) and, per product, the field it matched in.
#[sqlx::test(migrations = "../migrations")]
async fn staff_can_ask_why_a_search_found_what_it_found(pool: PgPool) {
    let app = shop(pool).await;
    // قميص is the standard word in the catalog; شميز is how many shoppers say it.
    let path = products(&[("q", "شميز"), ("explain", "1"), ("lang", "ar")]);
    assert_eq!(get(&app, &path).await.status, StatusCode::UNAUTHORIZED);
    let (customer, _) = app.person("Mona", "mona@example.com", "customer").await;
    let cookie = customer.cookie_header();
    let reply = get_with(&app, &path, &[("cookie", &cookie)]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let (staff, _) = app.person("Samir", "samir@example.com", "staff").await;
    let cookie = staff.cookie_header();
    let reply = get_with(&app, &path, &[("cookie", &cookie)]).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_eq!(handles(&reply.body)[0], "linen-shirt");
    let explain = &reply.body["explain"];
    let readings = explain["words"][0]["readings"].as_array().unwrap();
    assert!(
        readings
            .iter()
            .any(|r| r["via"] == "lexicon" && r["text"] == "قميص"),
        "{explain}"
    );
    let why = &explain["products"][0];
    assert_eq!(why["handle"], "linen-shirt");
    assert_eq!(why["groups"][0]["via"], "lexicon");
    assert_eq!(why["groups"][0]["field"], "name");
    // Without it, no explanation; a bad value is a 400 naming it.
    let plain = get(&app, &products(&[("q", "شميز")])).await;
    assert!(plain.body.get("explain").is_none());
    assert_eq!(handles(&plain.body)[0], "linen-shirt");
    let bad = get(&app, &products(&[("q", "x"), ("explain", "maybe")])).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body["fields"].get("explain").is_some(), "{}", bad.body);
}

// ---------------------------------------------------------------------------------------
// OpenAPI

#[sqlx::test(migrations = "../migrations")]
async fn the_openapi_document_lists_every_endpoint(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let reply = get(&app, "/api/v1/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        header_of(&reply, header::CONTENT_TYPE),
        Some("application/json")
    );
    let doc = &reply.body;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    let paths = doc["paths"].as_object().unwrap();
    let mut listed: Vec<&str> = paths.keys().map(String::as_str).collect();
    listed.sort();
    assert_eq!(
        listed,
        [
            "/api/v1/admin/analytics/export",
            "/api/v1/admin/products/export",
            "/api/v1/assistant/chat",
            "/api/v1/assistant/parse",
            "/api/v1/categories",
            "/api/v1/me",
            "/api/v1/me/addresses",
            "/api/v1/me/addresses/{id}",
            "/api/v1/products",
            "/api/v1/products/{handle}",
            "/api/v1/push/key",
            "/api/v1/push/subscriptions",
            "/api/v1/recommendations",
            "/api/v1/search/suggest",
        ]
    );
    for path in [
        "/api/v1/categories",
        "/api/v1/products",
        "/api/v1/products/{handle}",
        "/api/v1/search/suggest",
    ] {
        let responses = &paths[path]["get"]["responses"];
        for status in ["200", "400"] {
            assert!(responses[status].is_object(), "{path} {status}");
        }
        let params: Vec<&str> = paths[path]["get"]["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert!(params.contains(&"lang"), "{path}: {params:?}");
    }
    assert!(paths["/api/v1/products/{handle}"]["get"]["responses"]["404"].is_object());
    let listing_params = &paths["/api/v1/products"]["get"]["parameters"];
    let sort = listing_params
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "sort")
        .unwrap();
    let sorts = serde_json::to_string(sort).unwrap();
    for value in ["relevance", "price-asc", "price-desc", "newest"] {
        assert!(sorts.contains(value), "{sorts}");
    }
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for schema in [
        "ErrorBody",
        "ProductList",
        "ProductDetail",
        "CategoryTreeNode",
        "SuggestBody",
    ] {
        assert!(schemas.contains_key(schema), "{schema}");
    }
    // Every reference points at a schema the document has.
    let text = serde_json::to_string(doc).unwrap();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = &reference[..reference.find('"').unwrap()];
        assert!(schemas.contains_key(name), "dangling $ref {name}");
    }
}
