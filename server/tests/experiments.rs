//! The built-in A/B test over HTTP: a visitor keeps their variant and is counted once;
//! the report's figures come from exposures and purchases; staff stop it and roll the
//! winner out (audited), after which everyone gets the winner and nobody is counted.

mod common;

use common::{
    shop::{page, post},
    visitors::{consented, settle},
    TestApp,
};
use reqwest::{header, StatusCode};
use sqlx::PgPool;
use std::time::Duration;

const CHANGE: &str = "/api/admin/experiments/change";
const LIST: &str = "/api/admin/experiments";

async fn experiment_id(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT id FROM experiments WHERE key = 'product-recommendations'")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The model named by the "similar items" links of a product page.
fn similar_model(html: &str) -> Option<String> {
    let at = html.find("?rec=product-similar.")?;
    let rest = &html[at + "?rec=product-similar.".len()..];
    Some(rest[..rest.find('"')?].to_string())
}

async fn exposures(pool: &PgPool, want: i64) -> Vec<(String, String)> {
    settle(pool, "SELECT count(*) FROM experiment_exposures", want).await;
    sqlx::query_as("SELECT visitor_id, variant FROM experiment_exposures ORDER BY visitor_id")
        .fetch_all(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn visitors_keep_their_variant_and_are_counted_once(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let handle: String =
        sqlx::query_scalar("SELECT handle FROM products WHERE published ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    let path = format!("/en/products/{handle}");
    let mut seen = std::collections::HashSet::new();
    for _ in 0..12 {
        let jar = consented(&app).await;
        let mut models = Vec::new();
        for _ in 0..3 {
            let html = app
                .get(&path)
                .header(header::COOKIE, &jar)
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            models.push(similar_model(&html).expect("a similar-items block"));
        }
        assert!(models.windows(2).all(|w| w[0] == w[1]), "{models:?}");
        seen.insert(models[0].clone());
    }
    // Twelve visitors at 50/50: both variants show (a 1 in 2,048 chance of failing).
    assert_eq!(seen.len(), 2, "{seen:?}");
    let rows = exposures(&pool, 12).await;
    assert_eq!(
        rows.len(),
        12,
        "one exposure per visitor, whatever the views"
    );
    // Without consent nobody is tested: the default list, nothing counted.
    let (_, html) = app.page(&path).await;
    assert_eq!(similar_model(&html).as_deref(), Some("blend"));
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(exposures(&pool, 12).await.len(), 12);
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_read_the_report_stop_and_roll_out_the_winner(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let id = experiment_id(&pool).await;
    // The months these events fall in (a fresh database has this month's and the next).
    for days in [1, 2, 20, 30] {
        sqlx::query("SELECT events_partition_for((now() - make_interval(days => $1))::date)")
            .bind(days)
            .execute(&pool)
            .await
            .unwrap();
    }
    // 1,000 visitors a side; 100 buy after seeing item-to-item, 130 after the blend (one
    // purchase too late, and one before the exposure, do not count).
    sqlx::query(
        "INSERT INTO experiment_exposures (experiment_id, visitor_id, variant, exposed_at) \
         SELECT $1, 'v' || n, CASE WHEN n <= 1000 THEN 'item-to-item' ELSE 'blend' END, now() - interval '2 days' \
           FROM generate_series(1, 2000) AS n",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO events (occurred_at, kind, visitor_id, product_id) \
         SELECT now() - interval '1 day', 'purchase', 'v' || n, 1 FROM generate_series(1, 100) AS n \
         UNION ALL SELECT now() - interval '1 day', 'purchase', 'v' || n, 1 FROM generate_series(1001, 1130) AS n \
         UNION ALL SELECT now() - interval '30 days', 'purchase', 'v' || n, 1 FROM generate_series(101, 101) AS n",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE experiment_exposures SET exposed_at = now() - interval '20 days' WHERE visitor_id = 'v102'",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO events (occurred_at, kind, visitor_id, product_id) VALUES (now() - interval '1 day', 'purchase', 'v102', 1)",
    )
    .execute(&pool)
    .await
    .unwrap();

    let (mut customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let (mut staff, staff_id) = app.person("Sami", "s@example.com", "staff").await;
    assert_eq!(
        post(&app, &mut customer, LIST, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    let report: serde_json::Value = post(&app, &mut staff, LIST, &[])
        .await
        .json()
        .await
        .unwrap();
    let experiment = report
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap();
    let variants = experiment["variants"].as_array().unwrap();
    assert_eq!(variants[0]["name"], "item-to-item");
    assert_eq!(variants[0]["visitors"], 1000);
    assert_eq!(variants[0]["conversions"], 100);
    assert_eq!(variants[1]["conversions"], 130);
    // The two-proportion z-test of 100/1000 against 130/1000.
    let p = variants[1]["p_value"].as_f64().unwrap();
    assert!((p - 0.0355).abs() < 5e-4, "{p}");
    assert!((variants[1]["uplift"].as_f64().unwrap() - 0.3).abs() < 1e-9);
    for lang in ["en", "ar"] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/experiments")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            html.matches(r#"data-testid="experiment-variant""#).count(),
            2,
            "{html}"
        );
    }
    let (_, html) = page(&app, &staff, "/en/admin/experiments").await;
    assert!(html.contains("+30.0%"), "{html}");
    let (_, html) = page(&app, &staff, "/ar/admin/experiments").await;
    assert!(html.contains("+٣٠٫٠٪"), "{html}");

    // A customer cannot change it; staff roll the blend out, audited.
    let id_text = id.to_string();
    let roll_out = [
        ("lang", "en"),
        ("id", id_text.as_str()),
        ("action", "roll-out"),
        ("variant", "blend"),
    ];
    assert_eq!(
        post(&app, &mut customer, CHANGE, &roll_out).await.status(),
        StatusCode::FORBIDDEN
    );
    let bad = [
        ("lang", "en"),
        ("id", id_text.as_str()),
        ("action", "roll-out"),
        ("variant", "nope"),
    ];
    assert_eq!(
        post(&app, &mut staff, CHANGE, &bad).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post(&app, &mut staff, CHANGE, &roll_out).await.status(),
        StatusCode::OK
    );
    let (status, winner): (String, Option<String>) =
        sqlx::query_as("SELECT status, winner FROM experiments WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), winner.as_deref()),
        ("stopped", Some("blend"))
    );
    let audited: (String, Option<i64>) = sqlx::query_as(
        "SELECT action, actor_user_id FROM audit_log WHERE entity = 'experiments' ORDER BY id DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(audited, ("experiment.change".to_string(), Some(staff_id)));
    // Everyone gets the winner now, and nobody new is counted.
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM experiment_exposures")
        .fetch_one(&pool)
        .await
        .unwrap();
    let handle: String =
        sqlx::query_scalar("SELECT handle FROM products WHERE published ORDER BY id LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    for _ in 0..4 {
        let jar = consented(&app).await;
        let html = app
            .get(&format!("/en/products/{handle}"))
            .header(header::COOKIE, &jar)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_eq!(similar_model(&html).as_deref(), Some("blend"));
    }
    tokio::time::sleep(Duration::from_millis(400)).await;
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM experiment_exposures")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(before, after);
    // Started again: the winner is withdrawn and the test runs.
    let start = [
        ("lang", "en"),
        ("id", id_text.as_str()),
        ("action", "start"),
        ("variant", ""),
    ];
    assert_eq!(
        post(&app, &mut staff, CHANGE, &start).await.status(),
        StatusCode::OK
    );
    let winner: Option<String> = sqlx::query_scalar("SELECT winner FROM experiments WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(winner.is_none());
}
