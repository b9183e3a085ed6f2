//! Web push over HTTP: the served VAPID key, who may subscribe to what, and an order
//! moved by staff reaching a local push service (which checks the VAPID token against the
//! served key and decrypts the message with the subscription's private key).

mod common;

use common::{shop::*, Session, TestApp};
use dokkan_push::{db::Owner, testing::Receiver, Payload};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;
use std::time::Duration;

/// A guest's cash order; its number and the key of its link.
async fn guest_order(app: &TestApp, handle: &str) -> (String, String) {
    let sku = product(&app.pool, handle, 45_000, 50).await;
    let (mut guest, html) = guest_at_checkout(app, &sku, "1").await;
    let placed = post(
        app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "cod")),
    )
    .await;
    let to = location(&placed);
    let (path, query) = to.split_once('?').unwrap();
    let number = path.trim_start_matches("/en/orders/").to_string();
    let key = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("key="))
        .unwrap()
        .to_string();
    (number, key)
}

fn subscription(receiver: &Receiver, name: &str, extra: Value) -> Value {
    let mut body = json!({
        "endpoint": receiver.endpoint(name),
        "expirationTime": null,
        "keys": { "p256dh": receiver.p256dh(), "auth": receiver.auth() },
    });
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

async fn send(
    app: &TestApp,
    session: &Session,
    method: reqwest::Method,
    body: &Value,
) -> (StatusCode, Value) {
    let response = session
        .apply(
            app.client
                .request(method, app.url("/api/v1/push/subscriptions?lang=en"))
                .json(body),
        )
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn subscribe(app: &TestApp, session: &Session, body: &Value) -> (StatusCode, Value) {
    send(app, session, reqwest::Method::POST, body).await
}

async fn order_id(pool: &PgPool, number: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM orders WHERE number = $1")
        .bind(number)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_vapid_key_is_served_and_every_instance_shares_it(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let response = app.get("/api/v1/push/key").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response
        .headers()
        .get(header::CACHE_CONTROL)
        .unwrap()
        .to_str()
        .unwrap()
        .contains("max-age"));
    let body: Value = response.json().await.unwrap();
    let key = body["key"].as_str().unwrap().to_string();
    let stored = dokkan_push::db::vapid_key(&pool).await.unwrap();
    assert_eq!(key, stored.public_key());
    assert_eq!(key.len(), 87, "base64url of a 65-byte uncompressed point");
    // A second instance on the same database (or a restart) serves the same key.
    let other = TestApp::spawn(pool).await;
    let again: Value = other
        .get("/api/v1/push/key")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again["key"], key);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_guest_can_follow_their_own_order_only(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let receiver = Receiver::start().await;
    let (mine, my_key) = guest_order(&app, "lamp-a").await;
    let (theirs, their_key) = guest_order(&app, "lamp-b").await;
    let guest = Session::default();

    for (order, key) in [
        (theirs.as_str(), my_key.as_str()),
        (mine.as_str(), their_key.as_str()),
        (theirs.as_str(), ""),
        ("DK-00000000", my_key.as_str()),
        ("not-a-number", my_key.as_str()),
    ] {
        let (status, body) = subscribe(
            &app,
            &guest,
            &subscription(&receiver, "g", json!({ "order": order, "key": key })),
        )
        .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{order} {key}: {body}");
    }
    let (status, _) = subscribe(&app, &guest, &subscription(&receiver, "g", json!({}))).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "an account subscription needs a session"
    );

    let follow_mine = |name: &str, extra: Value| {
        let mut body = subscription(&receiver, name, json!({ "order": mine, "key": my_key }));
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    // The server never calls an address a customer picks.
    for endpoint in [
        "http://169.254.169.254/latest/meta-data/",
        "https://10.0.0.7/push",
        "https://fcm.googleapis.com.attacker.example/x",
        "ftp://127.0.0.1/x",
    ] {
        let (status, body) = subscribe(
            &app,
            &guest,
            &follow_mine("x", json!({ "endpoint": endpoint })),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{endpoint}");
        assert!(body["fields"]["endpoint"].is_string(), "{body}");
    }
    let (status, body) = subscribe(
        &app,
        &guest,
        &follow_mine(
            "x",
            json!({ "keys": { "p256dh": "AAAA", "auth": receiver.auth() } }),
        ),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["fields"]["keys"].is_string(), "{body}");
    let broken = app
        .client
        .post(app.url("/api/v1/push/subscriptions"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);

    let (status, body) =
        subscribe(&app, &guest, &follow_mine("g", json!({ "locale": "ar" }))).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert!(body["id"].is_i64());
    let stored = dokkan_push::db::subscriptions(&pool, Owner::Order(order_id(&pool, &mine).await))
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].locale, dokkan_core::Locale::Ar);
    assert!(
        dokkan_push::db::subscriptions(&pool, Owner::Order(order_id(&pool, &theirs).await))
            .await
            .unwrap()
            .is_empty()
    );

    // Removing needs the same proof.
    let wrong = json!({ "endpoint": receiver.endpoint("g"), "order": mine, "key": their_key });
    let (status, _) = send(&app, &guest, reqwest::Method::DELETE, &wrong).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let right = json!({ "endpoint": receiver.endpoint("g"), "order": mine, "key": my_key });
    let (status, _) = send(&app, &guest, reqwest::Method::DELETE, &right).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = send(&app, &guest, reqwest::Method::DELETE, &right).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_signed_in_owner_follows_their_orders_without_the_key(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let receiver = Receiver::start().await;
    let (owner, owner_id) = app.person("Salma", "salma@example.com", "customer").await;
    let (stranger, _) = app.person("Omar", "omar@example.com", "customer").await;
    let (number, _) = guest_order(&app, "lamp-c").await;
    sqlx::query("UPDATE orders SET user_id = $2 WHERE number = $1")
        .bind(&number)
        .bind(owner_id)
        .execute(&pool)
        .await
        .unwrap();

    let body = subscription(&receiver, "o", json!({ "order": number }));
    let (status, _) = subscribe(&app, &stranger, &body).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = subscribe(&app, &owner, &body).await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, _) = subscribe(&app, &owner, &subscription(&receiver, "acct", json!({}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let account = dokkan_push::db::subscriptions(&pool, Owner::Account(owner_id))
        .await
        .unwrap();
    assert_eq!(account.len(), 1);
    assert_eq!(account[0].locale, dokkan_core::Locale::En, "from ?lang=en");
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_shipping_an_order_pushes_it_to_the_guest_in_their_language(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let receiver = Receiver::start().await;
    let (mut staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let (number, key) = guest_order(&app, "lamp-d").await;
    let follow = subscription(
        &receiver,
        "phone",
        json!({ "order": number, "key": key, "locale": "ar" }),
    );
    let (status, _) = subscribe(&app, &Session::default(), &follow).await;
    assert_eq!(status, StatusCode::CREATED);
    let served: Value = app
        .get("/api/v1/push/key")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    let staff_move = |event: &'static str, tracking: Option<&'static str>| {
        let mut form = vec![
            ("lang", "en"),
            ("number", number.as_str()),
            ("event", event),
        ];
        form.extend(tracking.map(|t| ("tracking_number", t)));
        form
    };
    for (event, tracking) in [("start_processing", None), ("ship", Some("BOSTA-778"))] {
        let moved = post(
            &app,
            &mut staff,
            "/api/admin/orders/event",
            &staff_move(event, tracking),
        )
        .await;
        assert!(moved.status().is_success(), "{event}: {}", moved.status());
    }
    let received = receiver.wait_for(1, Duration::from_secs(15)).await;
    assert_eq!(
        received.len(),
        1,
        "processing is not announced; shipping is"
    );
    let message = &received[0];
    assert_eq!(
        message.vapid.as_deref(),
        Ok(served["key"].as_str().unwrap())
    );
    assert_eq!(
        message.payload.clone().unwrap(),
        Payload {
            title: format!("طلبك {number} في الطريق"),
            body: "طلبك اتشحن. رقم التتبع: BOSTA-778".into(),
            url: format!("/ar/orders/{number}?key={key}"),
            tag: format!("order-{number}"),
            lang: "ar".into(),
            dir: "rtl".into(),
        }
    );
    // The link in the notification opens the order for the guest.
    let (status, _) = page(
        &app,
        &Session::default(),
        &message.payload.clone().unwrap().url,
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    // The browser unsubscribed meanwhile: the push service answers 410 and the
    // subscription is removed.
    receiver.answer(&[(410, None)]);
    let moved = post(
        &app,
        &mut staff,
        "/api/admin/orders/event",
        &staff_move("deliver", None),
    )
    .await;
    assert!(moved.status().is_success());
    let received = receiver.wait_for(2, Duration::from_secs(15)).await;
    assert_eq!(received.len(), 2);
    assert_eq!(
        received[1].payload.as_ref().unwrap().title,
        format!("طلبك {number} اتسلّم")
    );
    let id = order_id(&pool, &number).await;
    let mut left = 1;
    for _ in 0..100 {
        left = dokkan_push::db::subscriptions(&pool, Owner::Order(id))
            .await
            .unwrap()
            .len();
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(left, 0, "a 410 removes the subscription");
}
