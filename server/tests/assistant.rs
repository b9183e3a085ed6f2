//! The assistant's parse endpoint: intents and entities in English, Arabic script and
//! Arabizi; entities absent when not found; bad bodies, empty and long text; the limit.

mod common;

use common::TestApp;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

async fn parse(app: &TestApp, body: Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url("/api/v1/assistant/parse"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[sqlx::test(migrations = "../migrations")]
async fn messages_in_three_scripts_are_understood_and_abuse_is_refused(pool: PgPool) {
    let app = TestApp::spawn(pool).await;

    let (status, answer) = parse(
        &app,
        json!({"text": "m7tag kanaba ramadi b a2al men 5000", "lang": "ar"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["intent"], "product_search", "{answer}");
    assert_eq!(answer["script"], "arabizi");
    assert_eq!(
        answer["entities"],
        json!({"max_price": 5000, "color": "grey", "query": "kanaba"})
    );
    let confidence = answer["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence));

    let (_, answer) = parse(&app, json!({"text": "محتاج كنبة رمادي بأقل من ٥٠٠٠"})).await;
    assert_eq!(answer["intent"], "product_search", "{answer}");
    assert_eq!(answer["script"], "arabic");
    assert_eq!(answer["entities"]["max_price"], 5000);
    assert_eq!(answer["entities"]["color"], "grey");

    let (_, answer) = parse(
        &app,
        json!({"text": "where is my order DK-48213377?", "lang": "en"}),
    )
    .await;
    assert_eq!(answer["intent"], "order_status", "{answer}");
    assert_eq!(answer["entities"], json!({"order_number": "DK-48213377"}));
    let (_, answer) = parse(&app, json!({"text": "طلبي رقم ٤٨٢١٣٣٧٧ وصل فين"})).await;
    assert_eq!(answer["entities"]["order_number"], "DK-48213377");

    let (_, answer) = parse(&app, json!({"text": "hello"})).await;
    assert_eq!(answer["entities"], json!({}), "nothing found, nothing said");

    // Bad input: a clear, localized error with the right status.
    let (status, answer) = parse(&app, json!({"text": "   ", "lang": "ar"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["fields"]["text"], "اكتب رسالة.");
    let (status, _) = parse(&app, json!({"text": "a".repeat(1001), "lang": "en"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = parse(&app, json!({"message": "hi"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let response = app
        .client
        .post(app.url("/api/v1/assistant/parse"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // What a shopper types comes back as data, never as markup to run.
    let (_, answer) = parse(
        &app,
        json!({"text": "<script>alert(1)</script> black shoes"}),
    )
    .await;
    assert_eq!(answer["entities"]["color"], "black");

    // A script hammering the endpoint is slowed down, with Retry-After.
    let mut limited = None;
    for _ in 0..40 {
        let response = app
            .client
            .post(app.url("/api/v1/assistant/parse"))
            .json(&json!({"text": "hi"}))
            .send()
            .await
            .unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(response);
            break;
        }
    }
    let limited = limited.expect("the limit answers 429");
    assert!(limited.headers().contains_key(header::RETRY_AFTER));
}
