//! Shopper events, consent and recommendations over HTTP, and the `events` and
//! `recommend` commands, on the demo catalog.

mod common;

use common::visitors::{cookie, set_cookies, settle};
use common::TestApp;
use dokkan_server::insights_cli;
use reqwest::{header, StatusCode};
use sqlx::PgPool;

/// Events of a kind, oldest first, once the writer has written at least `want`.
async fn events(
    pool: &PgPool,
    kind: &str,
    want: i64,
) -> Vec<(Option<String>, Option<i64>, Option<String>)> {
    let count = format!("SELECT count(*) FROM events WHERE kind = '{kind}'");
    settle(pool, &count, want).await;
    sqlx::query_as(
        "SELECT visitor_id, product_id, placement FROM events WHERE kind = $1 ORDER BY occurred_at",
    )
    .bind(kind)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn handle_and_id(pool: &PgPool) -> (String, i64) {
    sqlx::query_as("SELECT handle, id FROM products WHERE published ORDER BY id LIMIT 1")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn consent_decides_whether_a_visit_is_remembered(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (handle, product_id) = handle_and_id(&pool).await;
    let path = format!("/en/products/{handle}");

    // Not asked yet: the banner shows in both languages; the view is counted without
    // an id; the server sets no cookie (the page stays cacheable offline), and the page
    // names its product for the visit's list that pwa.js keeps.
    let response = app.get(&path).send().await.unwrap();
    let cookies = set_cookies(&response);
    assert!(
        cookies.iter().all(|c| c.starts_with("dokkan_lang=")),
        "{cookies:?}"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"data-testid="consent""#), "{html}");
    assert!(html.contains(&format!(r#"data-product-id="{product_id}""#)));
    // This visit's products (the cookie pwa.js keeps) make the home page personal without
    // anything stored; a stranger gets no "for you".
    let html = app
        .get("/en/")
        .header(header::COOKIE, format!("dokkan_recent={product_id}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains(r#"data-testid="for-you""#) && html.contains("Picked for you"),
        "{html}"
    );
    let (_, stranger) = app.page("/en/").await;
    assert!(!stranger.contains("Picked for you"));
    let (_, ar) = app.page(&format!("/ar/products/{handle}")).await;
    assert!(ar.contains("تذكّروني"));
    let rows = events(&pool, "product_view", 2).await;
    assert_eq!(rows.len(), 2);
    assert!(rows
        .iter()
        .all(|r| r.0.is_none() && r.1 == Some(product_id)));

    // Yes: a signed id for a year; the banner is gone; views carry the id.
    let response = app
        .client
        .post(app.url("/consent"))
        .header(header::ORIGIN, &app.base)
        .form(&[("choice", "yes"), ("back", path.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], path.as_str());
    let cookies = set_cookies(&response);
    assert_eq!(cookie(&cookies, "dokkan_consent"), Some("yes"));
    let visitor_cookie = cookie(&cookies, "dokkan_vid").unwrap().to_string();
    assert!(cookies.iter().any(|c| c.starts_with("dokkan_vid=")
        && c.contains("HttpOnly")
        && c.contains("Max-Age=31536000")));
    let jar = format!("dokkan_consent=yes; dokkan_vid={visitor_cookie}");
    let html = app
        .get(&path)
        .header(header::COOKIE, &jar)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!html.contains(r#"data-testid="consent""#));
    let rows = events(&pool, "product_view", 3).await;
    let visitor = visitor_cookie.rsplit_once('.').unwrap().0;
    assert_eq!(rows[2].0.as_deref(), Some(visitor));

    // A forged id is not taken: a fresh one is issued instead.
    let response = app
        .get(&path)
        .header(
            header::COOKIE,
            "dokkan_consent=yes; dokkan_vid=someone-else.AAAA",
        )
        .send()
        .await
        .unwrap();
    let fresh = cookie(&set_cookies(&response), "dokkan_vid")
        .unwrap()
        .to_string();
    assert!(!fresh.starts_with("someone-else"));

    // Global Privacy Control beats a yes: no banner, no id, and the old id is cleared.
    let response = app
        .get(&path)
        .header(header::COOKIE, &jar)
        .header("Sec-GPC", "1")
        .send()
        .await
        .unwrap();
    let cookies = set_cookies(&response);
    assert_eq!(cookie(&cookies, "dokkan_vid"), Some(""));
    let html = response.text().await.unwrap();
    assert!(!html.contains(r#"data-testid="consent""#));
    let rows = events(&pool, "product_view", 5).await;
    assert!(rows[4].0.is_none());

    // No: stored for a year, the id cookie is cleared.
    let response = app
        .client
        .post(app.url("/consent"))
        .header(header::ORIGIN, &app.base)
        .header(header::COOKIE, &jar)
        .form(&[("choice", "no"), ("back", "//evil.example/")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[header::LOCATION], "/");
    let cookies = set_cookies(&response);
    assert_eq!(cookie(&cookies, "dokkan_consent"), Some("no"));
    assert_eq!(cookie(&cookies, "dokkan_vid"), Some(""));
    let bad = app
        .client
        .post(app.url("/consent"))
        .header(header::ORIGIN, &app.base)
        .form(&[("choice", "maybe")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}

#[sqlx::test(migrations = "../migrations")]
async fn product_pages_show_similar_items_and_count_clicks(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (handle, _) = handle_and_id(&pool).await;
    // The content model is trained at start: similar items need no events.
    for (lang, heading) in [("en", "Similar items"), ("ar", "منتجات مشابهة")] {
        let (status, html) = app.page(&format!("/{lang}/products/{handle}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(r#"data-testid="similar-items""#), "{html}");
        assert!(html.contains(heading));
        assert!(html.contains("?rec=product-similar.blend"));
    }
    let impressions = events(&pool, "recommendation_impression", 2).await;
    assert!(impressions
        .iter()
        .all(|r| r.2.as_deref() == Some("product-similar")));
    // Following a recommendation counts a click for its list.
    let (other, other_id): (String, i64) = sqlx::query_as(
        "SELECT handle, id FROM products WHERE published AND handle <> $1 ORDER BY id LIMIT 1",
    )
    .bind(&handle)
    .fetch_one(&pool)
    .await
    .unwrap();
    app.page(&format!("/en/products/{other}?rec=product-similar.blend"))
        .await;
    app.page(&format!("/en/products/{other}?rec=made-up.nothing"))
        .await;
    let clicks = events(&pool, "recommendation_click", 1).await;
    assert_eq!(
        clicks,
        vec![(None, Some(other_id), Some("product-similar".to_string()))]
    );
}

/// Two tastes over the demo catalog: visitors who view the first category's products
/// also buy in it; the command line imports them, trains, and recommends by taste.
fn history(products: &[(String, i64)], split: usize) -> String {
    let mut csv = String::from("visitor_id,handle,event,ts\n");
    let (a, b) = products.split_at(split);
    for v in 0..30 {
        let (side, prefix) = if v % 2 == 0 { (a, "a") } else { (b, "b") };
        for (n, (handle, _)) in side.iter().enumerate() {
            // Each visitor misses one product of their side.
            if n == v / 2 % side.len() {
                continue;
            }
            let minute = n * 3;
            csv.push_str(&format!(
                "{prefix}{v},{handle},product_view,2026-12-01T10:{minute:02}:00Z\n"
            ));
            if n % 2 == 0 {
                csv.push_str(&format!(
                    "{prefix}{v},{handle},purchase,2026-12-01T10:{:02}:30Z\n",
                    minute + 1
                ));
            }
        }
    }
    csv
}

#[sqlx::test(migrations = "../migrations")]
async fn the_command_line_imports_trains_recommends_and_evaluates(pool: PgPool) {
    dokkan_catalog::seed::load_demo(&pool, &common::media(), false)
        .await
        .unwrap();
    let products: Vec<(String, i64)> = sqlx::query_as(
        "SELECT handle, id FROM products WHERE published ORDER BY category_id, id LIMIT 12",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let csv = history(&products, 6);

    // An unknown handle stops the import, naming its line; --skip-unknown imports the rest.
    let with_unknown = format!("{csv}a0,no-such-product,purchase,2026-12-01T11:00:00Z\n");
    let mut report = Vec::new();
    let refused =
        insights_cli::import_events(&pool, with_unknown.as_bytes(), false, &mut report).await;
    assert!(refused.is_err());
    let lines = with_unknown.lines().count();
    assert_eq!(
        String::from_utf8(report).unwrap().trim(),
        format!("line {lines}: no product with handle \"no-such-product\"")
    );
    let count = |pool: PgPool| async move {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM events")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    assert_eq!(count(pool.clone()).await, 0);
    let imported =
        insights_cli::import_events(&pool, with_unknown.as_bytes(), true, &mut Vec::new())
            .await
            .unwrap();
    assert_eq!(imported.skipped, 1);
    assert_eq!(count(pool.clone()).await as usize, imported.events);
    // A malformed row is an error with its line, and nothing is written.
    let bad = "visitor_id,handle,event,ts\nx,y,liked,2026-01-01\n";
    assert!(
        insights_cli::import_events(&pool, bad.as_bytes(), true, &mut Vec::new())
            .await
            .is_err()
    );

    let mut out = Vec::new();
    insights_cli::train(&pool, 3650, &mut out).await.unwrap();
    let trained = String::from_utf8(out).unwrap();
    assert!(trained.starts_with("trained version"), "{trained}");

    // Visitor a0 missed the first product of side a; b1 the first of side b.
    let mut out = Vec::new();
    let n = insights_cli::batch(
        &pool,
        3650,
        "a0\nb1\n\nnobody\n".as_bytes(),
        &mut out,
        5,
        true,
    )
    .await
    .unwrap();
    assert_eq!(n, 3);
    let lines: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["visitor_id"], "a0");
    let a0: Vec<&str> = lines[0]["handles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(a0.first().copied(), Some(products[0].0.as_str()), "{a0:?}");
    // --exclude-seen: nothing a0 touched comes back.
    let seen: Vec<&str> = products[1..6].iter().map(|p| p.0.as_str()).collect();
    assert!(a0.iter().all(|h| !seen.contains(h)), "{a0:?}");
    let b1: Vec<&str> = lines[1]["handles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(b1.first().copied(), Some(products[6].0.as_str()), "{b1:?}");
    // Someone the shop never saw gets what is trending.
    assert_eq!(lines[2]["handles"].as_array().unwrap().len(), 5);

    let mut out = Vec::new();
    let results = insights_cli::evaluate(&pool, 3650, &mut out).await.unwrap();
    let printed = String::from_utf8(out).unwrap();
    for name in [
        "popular",
        "item-to-item",
        "als",
        "similar",
        "blend",
        "HR@10",
        "NDCG@10",
        "coverage",
    ] {
        assert!(printed.contains(name), "{printed}");
    }
    assert_eq!(results.len(), dokkan_recommend::Model::ALL.len());
}

#[sqlx::test(migrations = "../migrations")]
async fn models_are_versioned_and_a_bad_one_rolls_back(pool: PgPool) {
    dokkan_catalog::seed::load_demo(&pool, &common::media(), false)
        .await
        .unwrap();
    let first = dokkan_recommend::db::train(&pool, 30).await.unwrap();
    let second = dokkan_recommend::db::train(&pool, 30).await.unwrap();
    let version = |t: &dokkan_recommend::db::Trained| match t {
        dokkan_recommend::db::Trained::Saved { version, .. } => *version,
        other => panic!("{other:?}"),
    };
    let (v1, v2) = (version(&first), version(&second));
    assert!(v2 > v1);
    let recommender = dokkan_recommend::serving::Recommender::default();
    assert!(recommender.refresh(&pool).await.unwrap());
    assert_eq!(recommender.current().unwrap().version, v2);
    assert!(!recommender.refresh(&pool).await.unwrap());
    assert_eq!(
        dokkan_recommend::db::roll_back(&pool).await.unwrap(),
        Some(v1)
    );
    assert!(recommender.refresh(&pool).await.unwrap());
    assert_eq!(recommender.current().unwrap().version, v1);
    // The last version is never rolled back: something must serve.
    assert_eq!(
        dokkan_recommend::db::roll_back(&pool).await.unwrap(),
        Some(v1)
    );
    // One instance trains at a time.
    let mut holder = pool.acquire().await.unwrap();
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(0x646f_6b6b_616e_7263_i64)
        .execute(&mut *holder)
        .await
        .unwrap();
    assert_eq!(
        dokkan_recommend::db::train(&pool, 30).await.unwrap(),
        dokkan_recommend::db::Trained::Busy
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_api_gives_apps_the_same_lists(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (handle, _) = handle_and_id(&pool).await;
    let response = app
        .get(&format!(
            "/api/v1/recommendations?placement=product&handle={handle}&lang=ar"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CACHE_CONTROL],
        "private, no-store"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    let lists = body["lists"].as_array().unwrap();
    let similar = lists
        .iter()
        .find(|l| l["placement"] == "product-similar")
        .unwrap();
    assert_eq!(similar["model"], "blend");
    let items = similar["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|i| i["handle"] != handle.as_str()
            && i["url"].as_str().unwrap().contains("/ar/products/")));

    let (_, home) = app.page("/api/v1/recommendations?placement=home").await;
    let home: serde_json::Value = serde_json::from_str(&home).unwrap();
    assert_eq!(home["lists"][0]["placement"], "home");
    let cart = app
        .get(&format!(
            "/api/v1/recommendations?placement=cart&handle={handle}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(cart.status(), StatusCode::OK);

    for (query, status, field) in [
        ("placement=shelf", StatusCode::BAD_REQUEST, "placement"),
        ("", StatusCode::BAD_REQUEST, "placement"),
        ("placement=product", StatusCode::BAD_REQUEST, "handle"),
        (
            "placement=product&handle=Not%20A%20Slug",
            StatusCode::BAD_REQUEST,
            "handle",
        ),
        (
            "placement=home&colour=red",
            StatusCode::BAD_REQUEST,
            "colour",
        ),
        (
            "placement=product&handle=no-such-product",
            StatusCode::NOT_FOUND,
            "",
        ),
    ] {
        let response = app
            .get(&format!("/api/v1/recommendations?{query}&lang=en"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{query}");
        let body: serde_json::Value = response.json().await.unwrap();
        if !field.is_empty() {
            assert!(body["fields"][field].is_string(), "{query}: {body}");
        }
    }
    let (_, document) = app.page("/api/v1/openapi.json").await;
    assert!(document.contains("/api/v1/recommendations"));
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_train_now_and_roll_a_bad_version_back_from_the_admin(pool: PgPool) {
    use common::shop::{page, post};
    let app = TestApp::seeded(pool.clone()).await;
    let (mut staff, staff_id) = app.person("Sami", "s@example.com", "staff").await;
    let serving =
        |pool: PgPool| async move { dokkan_recommend::db::serving_version(&pool).await.unwrap() };
    let first = serving(pool.clone()).await.expect("trained at start");
    let change = "/api/admin/recommendations/change";
    let trained = post(
        &app,
        &mut staff,
        change,
        &[("lang", "en"), ("action", "train")],
    )
    .await;
    assert_eq!(trained.status(), StatusCode::OK);
    let second = serving(pool.clone()).await.unwrap();
    assert!(second > first);
    for lang in ["en", "ar"] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/recommendations")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            html.matches(r#"data-testid="model-version""#).count(),
            2,
            "{html}"
        );
    }
    let rolled = post(
        &app,
        &mut staff,
        change,
        &[("lang", "ar"), ("action", "roll-back")],
    )
    .await;
    assert_eq!(rolled.status(), StatusCode::OK);
    assert_eq!(serving(pool.clone()).await, Some(first));
    let logged: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT action, actor_user_id FROM audit_log WHERE entity = 'recommend_models' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        logged,
        [
            ("recommend.train".to_string(), Some(staff_id)),
            ("recommend.roll-back".to_string(), Some(staff_id))
        ]
    );
    let bad = post(
        &app,
        &mut staff,
        change,
        &[("lang", "en"), ("action", "delete")],
    )
    .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
}
