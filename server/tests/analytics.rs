//! The analytics report over HTTP: the funnel counts people (an account, a visitor) once
//! a day and anonymous events each once; products' views against purchases; search
//! analytics with empty and partial queries; recommendation lists with attributed
//! revenue; the CSV download; staff only; a bad range is a 400.

mod common;

use common::{shop::page, TestApp};
use reqwest::StatusCode;
use sqlx::PgPool;

/// At, kind, visitor, product, value, order, placement, model.
type Row<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<&'a str>,
    Option<&'a str>,
);

/// Events on 2026-03-10 (and one purchase two days later), written as the sink would.
async fn history(pool: &PgPool) -> (i64, i64) {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM products WHERE published ORDER BY id LIMIT 2")
            .fetch_all(pool)
            .await
            .unwrap();
    let (a, b) = (ids[0], ids[1]);
    sqlx::query("SELECT events_partition_for('2026-03-01'::date)")
        .execute(pool)
        .await
        .unwrap();
    let rows: &[Row] = &[
        // v1 views a twice, adds it, checks out and buys it (EGP 100).
        (
            "2026-03-10 09:00",
            "product_view",
            Some("v1"),
            Some(a),
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-10 09:01",
            "product_view",
            Some("v1"),
            Some(a),
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-10 09:02",
            "add_to_cart",
            Some("v1"),
            Some(a),
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-10 09:03",
            "checkout_started",
            Some("v1"),
            None,
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-10 09:04",
            "purchase",
            Some("v1"),
            Some(a),
            Some(10_000),
            Some(1),
            None,
            None,
        ),
        // v2 sees a recommendation for b, clicks it, and buys b two days later.
        (
            "2026-03-10 10:00",
            "product_view",
            Some("v2"),
            Some(a),
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-10 10:00",
            "recommendation_impression",
            Some("v2"),
            None,
            None,
            None,
            Some("product-similar"),
            Some("blend"),
        ),
        (
            "2026-03-10 10:01",
            "recommendation_click",
            Some("v2"),
            Some(b),
            None,
            None,
            Some("product-similar"),
            Some("blend"),
        ),
        (
            "2026-03-10 10:01",
            "product_view",
            Some("v2"),
            Some(b),
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-12 08:00",
            "purchase",
            Some("v2"),
            Some(b),
            Some(25_050),
            Some(2),
            None,
            None,
        ),
        // Two shoppers without consent view a: two visitors.
        (
            "2026-03-10 11:00",
            "product_view",
            None,
            Some(a),
            None,
            None,
            None,
            None,
        ),
        (
            "2026-03-10 11:05",
            "product_view",
            None,
            Some(a),
            None,
            None,
            None,
            None,
        ),
    ];
    for (at, kind, visitor, product, value, order, placement, model) in rows {
        sqlx::query(
            "INSERT INTO events (occurred_at, kind, visitor_id, product_id, value_minor, order_id, placement, model) \
             VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(format!("{at}:00+00"))
        .bind(kind)
        .bind(visitor)
        .bind(product)
        .bind(value)
        .bind(order)
        .bind(placement)
        .bind(model)
        .execute(pool)
        .await
        .unwrap();
    }
    for (query, count, partial) in [
        ("kanaba", 0, false),
        ("kanaba", 0, false),
        ("قميص", 5, false),
        ("red nothingness", 2, true),
    ] {
        sqlx::query(
            "INSERT INTO search_log (query, locale, result_count, partial, searched_at) VALUES ($1, 'en', $2, $3, '2026-03-10 12:00+00')",
        )
        .bind(query)
        .bind(count)
        .bind(partial)
        .execute(pool)
        .await
        .unwrap();
    }
    (a, b)
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_read_the_funnel_products_searches_and_lists(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (a, _) = history(&pool).await;
    let (customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let range = "from=2026-03-10&to=2026-03-12";

    assert_eq!(
        page(&app, &customer, &format!("/en/admin/analytics?{range}"))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    let csv = |table: &str, lang: &str| {
        format!("/api/v1/admin/analytics/export?table={table}&{range}&lang={lang}")
    };
    assert_eq!(
        page(&app, &customer, &csv("funnel", "en")).await.0,
        StatusCode::FORBIDDEN
    );

    let (status, html) = page(&app, &staff, &format!("/en/admin/analytics?{range}")).await;
    assert_eq!(status, StatusCode::OK);
    for id in [
        "chart-funnel",
        "chart-visitors",
        "funnel-table",
        "products-table",
        "search-empty",
        "search-partial",
        "lists-table",
    ] {
        assert!(html.contains(id), "{id}");
    }
    let (status, html) = page(&app, &staff, &format!("/ar/admin/analytics?{range}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("مسار الشراء") && html.contains(r#"dir="rtl""#));

    // The funnel: v1, v2 and two anonymous views are four visitors on the 10th; views
    // count v1 and v2 once each; one purchase that day, one on the 12th.
    let (status, funnel) = page(&app, &staff, &csv("funnel", "en")).await;
    assert_eq!(status, StatusCode::OK);
    let lines: Vec<&str> = funnel.lines().collect();
    assert_eq!(
        lines[0],
        "day,visitors,viewed_product,added_to_cart,started_checkout,purchased,revenue_egp"
    );
    assert_eq!(lines[1], "2026-03-10,4,4,1,1,1,100.00");
    assert_eq!(lines[2], "2026-03-11,0,0,0,0,0,0.00");
    assert_eq!(lines[3], "2026-03-12,1,0,0,0,1,250.50");
    assert_eq!(lines.len(), 4);

    // Products: a was viewed five times and bought once.
    let (_, products) = page(&app, &staff, &csv("products", "en")).await;
    let first = products.lines().nth(1).unwrap();
    assert!(first.starts_with(&format!("{a},")), "{first}");
    assert!(first.ends_with(",5,1,1,100.00"), "{first}");

    // Searches: the empty and the partial query are listed as such.
    let (_, searches) = page(&app, &staff, &csv("searches", "en")).await;
    assert!(searches.contains("no_results,kanaba,2,2,0"), "{searches}");
    assert!(
        searches.contains("partial,red nothingness,1,0,1"),
        "{searches}"
    );

    // The list: one impression, one click, and the purchase two days after the click.
    let (_, lists) = page(&app, &staff, &csv("recommendations", "en")).await;
    assert_eq!(
        lists.lines().nth(1),
        Some("product-similar,blend,1,1,1,250.50"),
        "{lists}"
    );

    // A range backwards, too long, or not a date is a 400; an unknown table too.
    for bad in [
        "from=2026-03-12&to=2026-03-10",
        "from=2020-01-01&to=2026-03-10",
        "from=yesterday",
    ] {
        let (status, _) = page(
            &app,
            &staff,
            &format!("/api/v1/admin/analytics/export?table=funnel&{bad}"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        let (status, html) = page(&app, &staff, &format!("/en/admin/analytics?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert!(
            html.contains(r#"data-testid="analytics-range""#),
            "the form stays to correct it"
        );
    }
    let (status, _) = page(&app, &staff, &csv("everything", "en")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
