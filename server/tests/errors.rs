//! One error policy, pinned on every surface (in the spirit of the Rust registry's
//! `http_error_responses`): each kind of error has one status, server functions answer
//! with the error their client reads, pages with a localized page, `/api/v1` with
//! `{error, message, fields}`, and none of them carries an internal detail.

mod common;

use common::{shop::page, Session, TestApp, PASSWORD};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

/// A server function's answer: its status, and its body as JSON.
async fn call(
    app: &TestApp,
    session: &Session,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, Value, reqwest::header::HeaderMap) {
    let response = session
        .apply(app.post_form(path, form))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{path}: {text}"));
    (status, body, headers)
}

/// A JSON body as a signed-in client posts it.
fn json_post(
    app: &TestApp,
    session: &Session,
    path: &str,
    body: String,
) -> reqwest::RequestBuilder {
    session
        .apply(app.client.post(app.url(path)))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
}

async fn rest(request: reqwest::RequestBuilder) -> (StatusCode, Value) {
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|_| panic!("{text}"));
    // Always the same three members.
    assert!(body["error"].is_string(), "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert!(body["fields"].is_object(), "{body}");
    (status, body)
}

#[sqlx::test(migrations = "../migrations")]
async fn server_functions_answer_each_kind_with_its_status(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let visitor = Session::default();
    let customer = app
        .person("Error Tester", "customer@example.com", "customer")
        .await
        .0;
    let staff = app
        .person("Error Tester", "staff@example.com", "staff")
        .await
        .0;

    // 400: a call that cannot be read.
    let (status, body, _) = call(&app, &staff, "/api/admin/set-role", &[("lang", "en")]).await;
    assert_eq!(
        (status, body),
        (StatusCode::BAD_REQUEST, json!({"kind": "BadRequest"}))
    );
    // 400: a choice that does not exist.
    let (status, body, _) = call(
        &app,
        &staff,
        "/api/admin/categories/change",
        &[("lang", "en"), ("change", "explode")],
    )
    .await;
    assert_eq!(
        (status, body),
        (StatusCode::BAD_REQUEST, json!({"kind": "BadRequest"}))
    );

    // 401 and 403.
    let (status, body, _) = call(&app, &visitor, "/api/account/profile", &[]).await;
    assert_eq!(
        (status, body),
        (StatusCode::UNAUTHORIZED, json!({"kind": "Unauthorized"}))
    );
    let (status, body, _) = call(&app, &customer, "/api/admin/customers", &[("page", "1")]).await;
    assert_eq!(
        (status, body),
        (StatusCode::FORBIDDEN, json!({"kind": "Forbidden"}))
    );
    // Staff are not admins: the finer rule is the function's own.
    let (status, body, _) = call(&app, &staff, "/api/admin/customers", &[("page", "1")]).await;
    assert_eq!(
        (status, body),
        (StatusCode::FORBIDDEN, json!({"kind": "Forbidden"}))
    );

    // 404: not there, or not yours.
    let (status, body, _) =
        call(&app, &customer, "/api/account/address", &[("id", "999999")]).await;
    assert_eq!(
        (status, body),
        (StatusCode::NOT_FOUND, json!({"kind": "NotFound"}))
    );

    // 409: the tree already has that name.
    for _ in 0..2 {
        let (status, body, _) = call(
            &app,
            &staff,
            "/api/admin/categories/change",
            &[
                ("lang", "en"),
                ("change", "create"),
                ("parent", ""),
                ("name_en", "Lamps"),
                ("name_ar", "مصابيح"),
            ],
        )
        .await;
        if status != StatusCode::OK {
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            assert_eq!(body["kind"], "Conflict");
            assert!(body["form"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()));
        }
    }

    // 410: a reset link that was never issued.
    let (status, body, _) = call(
        &app,
        &visitor,
        "/api/account/reset-password",
        &[
            ("lang", "ar"),
            ("token", "no-such-token"),
            ("password", "a new long passphrase"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::GONE, "{body}");
    assert_eq!(body["kind"], "Gone");

    // 422: fields to correct, in the form's language, values kept (never the password).
    let (status, body, _) = call(
        &app,
        &visitor,
        "/api/account/register",
        &[
            ("lang", "ar"),
            ("name", ""),
            ("email", "not-an-email"),
            ("password", "x"),
            ("phone", ""),
            ("preferred_locale", "ar"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["kind"], "Unprocessable");
    assert!(body["form"]["fields"].to_string().contains("email"));
    assert!(!body.to_string().contains("\"x\""), "{body}");

    // 429, with Retry-After.
    for _ in 0..5 {
        app.sign_in_response("customer@example.com", "not the password")
            .await;
    }
    let (status, body, headers) = call(
        &app,
        &visitor,
        "/api/account/sign-in",
        &[
            ("lang", "en"),
            ("email", "customer@example.com"),
            ("password", PASSWORD),
            ("next", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert!(
        body["kind"]["TooManyRequests"]["retry_after_secs"]
            .as_u64()
            .unwrap()
            > 0
    );
    let retry: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0);

    // 413: more than a form may carry.
    let big = "a".repeat(3 * 1024 * 1024);
    let response = app
        .post_form("/api/account/sign-in", &[("lang", "en"), ("email", &big)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        response.json::<Value>().await.unwrap(),
        json!({"kind": "PayloadTooLarge"})
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn pages_take_their_status_from_the_error(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let customer = app
        .person("Error Tester", "customer@example.com", "customer")
        .await
        .0;
    let staff = app
        .person("Error Tester", "staff@example.com", "staff")
        .await
        .0;
    let visitor = Session::default();
    for lang in ["en", "ar"] {
        // 404: an unknown product, an unknown order (the error notice said 500 before).
        let (status, html) = page(&app, &visitor, &format!("/{lang}/products/no-such-thing")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(html.contains(&format!("lang=\"{lang}\"")));
        let (status, _) = page(&app, &visitor, &format!("/{lang}/orders/DK-00000000")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        // 403 for a customer in the back office.
        let (status, _) = page(&app, &customer, &format!("/{lang}/admin/orders")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        // 400 naming the bad filter.
        let (status, html) = page(
            &app,
            &staff,
            &format!("/{lang}/admin/orders?from=yesterday"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(html.contains("form-error"));
        // 400 for a NUL, before any handler.
        let (status, text) = page(&app, &visitor, &format!("/{lang}/search?q=a%00b")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(!text.is_empty());
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_rest_api_answers_every_error_as_error_message_fields(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let customer = app
        .person("Error Tester", "customer@example.com", "customer")
        .await
        .0;

    let (status, body) = rest(app.get("/api/v1/me?lang=ar")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("unauthorized"))
    );
    let (status, body) = rest(app.get("/api/v1/no-such-endpoint")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
    let (status, body) = rest(app.get("/api/v1/products?page=0")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_parameter");
    assert!(body["fields"]["page"].is_string(), "{body}");
    let (status, body) = rest(customer.apply(app.get("/api/v1/admin/products/export"))).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );

    // A body that is not what the endpoint reads: 400 without serde's words (which name
    // our Rust fields).
    let (status, body) = rest(json_post(
        &app,
        &customer,
        "/api/v1/me/addresses",
        r#"{"recipient": 7, "make_default": "yes"}"#.into(),
    ))
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let text = body.to_string();
    for internal in [
        "invalid type",
        "expected",
        "recipient",
        "make_default",
        "line 1",
    ] {
        assert!(!text.contains(internal), "{text}");
    }
    // Fields that are wrong: 422 with each one's message.
    let (status, body) = rest(
        customer
            .apply(app.client.post(app.url("/api/v1/me/addresses?lang=ar")))
            .json(&json!({"recipient": "", "phone": "12", "governorate": "xx",
                "city": "", "street": "", "building": "", "floor": "", "apartment": "",
                "landmark": "", "make_default": false})),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("invalid"))
    );
    assert!(body["fields"]["recipient"].is_string(), "{body}");
    // NUL and size are refused before the handler, in the same shape.
    let (status, body) = rest(app.get("/api/v1/products?q=a%00")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("bad_request"))
    );
    let (status, body) = rest(json_post(
        &app,
        &customer,
        "/api/v1/me/addresses",
        format!("{{\"x\": \"{}\"}}", "a".repeat(3 * 1024 * 1024)),
    ))
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    // A forged webhook, and another site's write.
    let (status, body) = rest(json_post(
        &app,
        &Session::default(),
        "/api/v1/payments/webhook",
        "{}".into(),
    ))
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_webhook"))
    );
    let (status, body) = rest(
        customer
            .apply(app.client.delete(app.url("/api/v1/me/addresses/1")))
            .header(header::ORIGIN, "https://evil.example"),
    )
    .await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::FORBIDDEN, Some("forbidden"))
    );
    // The order stream's 404 is the same shape.
    let (status, body) = rest(app.get("/api/v1/orders/DK-12345678/events?key=x")).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::NOT_FOUND, Some("not_found"))
    );
}

/// A panic anywhere under the layers is a logged 500 with the request's id, and the
/// server goes on serving.
#[tokio::test]
async fn a_panic_is_a_500_with_a_request_id() {
    use axum::{routing::get, Router};
    async fn boom() -> &'static str {
        panic!("a bug")
    }
    let router = Router::new()
        .route("/boom", get(boom))
        .route("/fine", get(|| async { "fine" }));
    let router = dokkan_server::middleware::apply(router);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let client = reqwest::Client::new();
    let response = client
        .get(format!("http://{addr}/boom"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(response.headers().contains_key("x-request-id"));
    let body = response.text().await.unwrap();
    assert!(!body.contains("a bug"), "{body}");
    let fine = client
        .get(format!("http://{addr}/fine"))
        .send()
        .await
        .unwrap();
    assert_eq!(fine.status(), StatusCode::OK);
}
