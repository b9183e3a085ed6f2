//! The cart, checkout, order pages, the card flow through the fake provider, webhooks and
//! the live status stream, over real HTTP on port 0.

mod common;

use common::{
    shop::{borrowed, guest_at_checkout, location, order_form, page, post, product},
    Session, TestApp,
};
use dokkan_payments::signature;
use reqwest::{header, StatusCode};
use sqlx::PgPool;

const PASSWORD: &str = "correct horse battery";

/// The header's cart count as the page shows it.
fn cart_count(html: &str) -> String {
    let at = html
        .find(r#"data-testid="cart-count""#)
        .expect("a cart count");
    let rest = &html[at..];
    let open = rest.find('>').unwrap() + 1;
    rest[open..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect()
}

/// Every event the fake provider sent (the same list a provider's dashboard shows).
async fn provider_events(app: &TestApp) -> Vec<serde_json::Value> {
    app.client
        .get(app.url("/fake-provider/v1/events"))
        .bearer_auth(&app.card.api_key)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn a_guest_orders_cash_on_delivery_and_a_retry_returns_the_same_order(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "brass-lamp", 45_000, 5).await;
    let (mut guest, html) = guest_at_checkout(&app, &sku, "2").await;
    let (_, cart_page) = page(&app, &guest, "/en/cart").await;
    assert!(cart_page.contains("Brass lamp"));
    assert_eq!(cart_count(&cart_page), "2");

    let form = order_form(&html, "cod");
    let placed = post(&app, &mut guest, "/api/checkout/place", &borrowed(&form)).await;
    let to = location(&placed);
    assert!(to.starts_with("/en/orders/DK-"), "{to}");
    assert!(to.contains("placed=1"));
    // The same submit again (a double-click, a retry): the same order.
    let again = post(&app, &mut guest, "/api/checkout/place", &borrowed(&form)).await;
    assert_eq!(location(&again).split('&').next(), to.split('&').next());
    let orders: i64 = sqlx::query_scalar("SELECT count(*) FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(orders, 1);
    // The same key with another payload: 409.
    let mut other = form.clone();
    other[5].1 = "Somebody Else".into();
    let conflict = post(&app, &mut guest, "/api/checkout/place", &borrowed(&other)).await;
    assert_eq!(conflict.status(), StatusCode::CONFLICT);

    // The order page through the link; the number alone shows nothing.
    let (status, order_page) = page(&app, &Session::default(), &to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(order_page.contains("Brass lamp"));
    assert!(order_page.contains(r#"data-status="placed""#));
    assert!(
        order_page.contains("EGP 950.00"),
        "900 + 50 Greater Cairo shipping"
    );
    let bare = to.split('?').next().unwrap();
    let (status, _) = page(&app, &Session::default(), bare).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let stock: i32 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE sku = $1")
        .bind(&sku)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stock, 3);
    let mail: String =
        sqlx::query_scalar("SELECT body_text FROM mail_outbox WHERE kind = 'order-confirmation'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(mail.contains(bare.trim_start_matches("/en/orders/")));

    // Guest lookup: number + email finds it, a wrong email does not.
    let number = bare.trim_start_matches("/en/orders/");
    let found = post(
        &app,
        &mut Session::default(),
        "/api/orders/lookup",
        &[
            ("lang", "en"),
            ("number", number),
            ("contact", "GUEST@example.com"),
        ],
    )
    .await;
    assert_eq!(location(&found).split('?').next(), Some(bare));
    let missing = post(
        &app,
        &mut Session::default(),
        "/api/orders/lookup",
        &[
            ("lang", "ar"),
            ("number", number),
            ("contact", "x@example.com"),
        ],
    )
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.text().await.unwrap().contains("ملقيناش"));
}

/// The cart islands post the panel's own forms and put back the panel the server renders
/// (one JSON string of HTML); a plain form post goes back to the cart page instead.
#[sqlx::test(migrations = "../migrations")]
async fn cart_changes_answer_the_rendered_panel(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "panel-lamp", 12_500, 5).await;
    let mut browser = Session::default();
    post(
        &app,
        &mut browser,
        "/api/cart/add",
        &[("lang", "ar"), ("sku", &sku), ("quantity", "1")],
    )
    .await;
    let (_, cart) = page(&app, &browser, "/ar/cart").await;
    let variant = common::shop::hidden(&cart, "variant_id");

    // The drawer's panel, in Arabic, with its link to the cart page.
    let viewed = post(&app, &mut browser, "/api/cart/view", &[("lang", "ar")]).await;
    assert_eq!(viewed.status(), StatusCode::OK);
    let drawer: String = viewed.json().await.unwrap();
    assert!(drawer.contains(r#"data-count="1""#), "{drawer}");
    assert!(drawer.contains("أباجورة نحاس"));
    assert!(
        drawer.contains(r#"href="/ar/cart""#),
        "the drawer links the cart page"
    );
    assert!(drawer.contains(r#"name="drawer" value="true""#));

    let updated = post(
        &app,
        &mut browser,
        "/api/cart/update",
        &[("lang", "ar"), ("variant_id", &variant), ("quantity", "3")],
    )
    .await;
    assert_eq!(updated.status(), StatusCode::OK);
    let panel: String = updated.json().await.unwrap();
    assert!(panel.contains(r#"data-count="3""#), "{panel}");
    assert!(panel.contains(r#"value="3""#), "the quantity field says 3");
    assert!(
        !panel.contains(r#"name="drawer""#),
        "the page's panel, not the drawer's"
    );

    // Without JS the same form goes back to the cart page.
    let plain = browser
        .apply(app.client.post(app.url("/api/cart/remove")))
        .header(header::ACCEPT, "text/html")
        .form(&[("lang", "ar"), ("variant_id", variant.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&plain), "/ar/cart");
    let (_, cart) = page(&app, &browser, "/ar/cart").await;
    assert!(cart.contains(r#"data-testid="cart-empty""#));
    assert!(cart.contains(r#"data-count="0""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn sold_out_is_a_clear_conflict_and_changes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "last-one", 10_000, 1).await;
    let (mut first, first_html) = guest_at_checkout(&app, &sku, "1").await;
    let (mut second, second_html) = guest_at_checkout(&app, &sku, "1").await;
    let won = post(
        &app,
        &mut first,
        "/api/checkout/place",
        &borrowed(&order_form(&first_html, "cod")),
    )
    .await;
    assert!(won.headers().get(header::LOCATION).is_some());
    let lost = post(
        &app,
        &mut second,
        "/api/checkout/place",
        &borrowed(&order_form(&second_html, "cod")),
    )
    .await;
    assert_eq!(lost.status(), StatusCode::CONFLICT);
    assert!(lost.text().await.unwrap().contains("sold out"));
    let (_, cart) = page(&app, &second, "/en/cart").await;
    assert!(cart.contains("No longer available"), "the cart says why");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_card_is_paid_through_the_fake_provider_and_only_the_webhook_counts(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "rug", 150_000, 3).await;
    let (mut guest, html) = guest_at_checkout(&app, &sku, "1").await;
    let placed = post(
        &app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "card")),
    )
    .await;
    let hosted = location(&placed);
    assert!(hosted.contains("/fake-provider/pay/cs_"), "{hosted}");
    let order_number: String = sqlx::query_scalar("SELECT number FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    let status = || async {
        sqlx::query_scalar::<_, String>("SELECT status FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    assert_eq!(status().await, "pending_payment");

    // Declined: still waiting for a payment.
    let decline = app
        .client
        .post(format!("{hosted}/decline"))
        .send()
        .await
        .unwrap();
    assert_eq!(decline.status(), StatusCode::SEE_OTHER);
    assert_eq!(status().await, "pending_payment");
    // Coming back to the return URL proves nothing either.
    let back = decline.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_string();
    let path = &back[back.find("/en/").unwrap()..];
    let (code, _) = page(&app, &Session::default(), path).await;
    assert_eq!(code, StatusCode::OK);
    assert_eq!(status().await, "pending_payment");

    let pay = app
        .client
        .post(format!("{hosted}/pay"))
        .send()
        .await
        .unwrap();
    assert_eq!(pay.status(), StatusCode::SEE_OTHER);
    assert_eq!(status().await, "paid");

    // The provider delivers the same event again: one effect.
    let events = provider_events(&app).await;
    let paid = events
        .iter()
        .find(|e| e["type"] == "payment.succeeded")
        .unwrap();
    let body = paid["body"].as_str().unwrap().to_string();
    let replay = |signature: String, body: String| {
        app.client
            .post(app.url("/api/v1/payments/webhook"))
            .header(signature::HEADER, signature)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
    };
    let fresh = signature::sign(&app.card.webhook_secret, signature::now(), body.as_bytes());
    let again = replay(fresh.clone(), body.clone()).await.unwrap();
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(
        again.json::<serde_json::Value>().await.unwrap()["outcome"],
        "duplicate"
    );
    let timeline: i64 = sqlx::query_scalar("SELECT count(*) FROM order_events")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(timeline, 2, "placed, paid");
    // A forged or stale signature is refused.
    let forged = replay(fresh.replace("v1=", "v1=00"), body.clone())
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    let stale = signature::sign(
        &app.card.webhook_secret,
        signature::now() - 301,
        body.as_bytes(),
    );
    assert_eq!(
        replay(stale, body).await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    let mails: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE kind = 'order-confirmation'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(mails, 1, "one confirmation, when paid");
    assert!(order_number.starts_with("DK-"));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_order_page_stream_follows_staff_changes(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "mirror", 80_000, 2).await;
    let (mut guest, html) = guest_at_checkout(&app, &sku, "1").await;
    let placed = post(
        &app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "cod")),
    )
    .await;
    let to = location(&placed);
    let number = to
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/en/orders/")
        .to_string();
    let key = to
        .split("key=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();

    let mut stream = app
        .get(&format!("/api/v1/orders/{number}/events?key={key}"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let mut seen = String::new();
    let mut next_status = async || -> String {
        loop {
            let chunk = tokio::time::timeout(std::time::Duration::from_secs(10), stream.chunk())
                .await
                .expect("an event within 10 s")
                .unwrap()
                .unwrap();
            seen.push_str(std::str::from_utf8(&chunk).unwrap());
            if let Some(end) = seen.find("\n\n") {
                let event: String = seen.drain(..end + 2).collect();
                if let Some(data) = event.lines().find_map(|l| l.strip_prefix("data: ")) {
                    return data.to_string();
                }
            }
        }
    };
    assert_eq!(next_status().await, "placed");

    let mut staff = app.register("Staff", "staff@example.com", PASSWORD).await;
    sqlx::query("UPDATE users SET role = 'staff' WHERE email = 'staff@example.com'")
        .execute(&pool)
        .await
        .unwrap();
    let moved = post(
        &app,
        &mut staff,
        "/api/admin/orders/event",
        &[
            ("lang", "en"),
            ("number", &number),
            ("event", "start_processing"),
        ],
    )
    .await;
    assert!(moved.status().is_success(), "{}", moved.status());
    assert_eq!(next_status().await, "processing");
    // Illegal moves are refused.
    let illegal = post(
        &app,
        &mut staff,
        "/api/admin/orders/event",
        &[("lang", "en"), ("number", &number), ("event", "deliver")],
    )
    .await;
    assert_eq!(illegal.status(), StatusCode::CONFLICT);
    // Customers cannot move orders; a wrong key sees no stream.
    let mut customer = app.register("Cus", "cus@example.com", PASSWORD).await;
    let refused = post(
        &app,
        &mut customer,
        "/api/admin/orders/event",
        &[("lang", "en"), ("number", &number), ("event", "ship")],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let wrong = app
        .get(&format!("/api/v1/orders/{number}/events?key=nope"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn signing_in_merges_the_guest_cart_and_lists_the_orders(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "cushion", 20_000, 3).await;
    app.register("Mona", "mona@example.com", PASSWORD).await;
    let mut browser = Session::default();
    post(
        &app,
        &mut browser,
        "/api/cart/add",
        &[("lang", "en"), ("sku", &sku), ("quantity", "2")],
    )
    .await;
    let signed = post(
        &app,
        &mut browser,
        "/api/account/sign-in",
        &[
            ("lang", "en"),
            ("email", "mona@example.com"),
            ("password", PASSWORD),
            ("next", ""),
        ],
    )
    .await;
    assert!(signed.status().is_success());
    let (_, html) = page(&app, &browser, "/en/cart").await;
    assert_eq!(cart_count(&html), "2", "the guest cart came along");
    // More than in stock is capped.
    let added = post(
        &app,
        &mut browser,
        "/api/cart/add",
        &[("lang", "en"), ("sku", &sku), ("quantity", "5")],
    )
    .await;
    let body: serde_json::Value = added.json().await.unwrap();
    assert_eq!(body["count"], 3);
    let (_, checkout) = page(&app, &browser, "/en/checkout").await;
    let mut form = order_form(&checkout, "cod");
    form[3].1 = "mona@example.com".into();
    let placed = post(&app, &mut browser, "/api/checkout/place", &borrowed(&form)).await;
    let to = location(&placed);
    let (_, orders) = page(&app, &browser, "/en/account/orders").await;
    let number = to
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/en/orders/");
    assert!(orders.contains(number));
    // The owner sees the order without the key.
    let (status, _) = page(&app, &browser, &format!("/en/orders/{number}")).await;
    assert_eq!(status, StatusCode::OK);
    // Cancel (not shipped yet): stock comes back.
    let cancelled = post(
        &app,
        &mut browser,
        "/api/orders/cancel",
        &[("lang", "en"), ("number", number), ("key", "")],
    )
    .await;
    assert!(
        cancelled.headers().get(header::LOCATION).is_some(),
        "{}",
        cancelled.status()
    );
    let stock: i32 = sqlx::query_scalar("SELECT stock FROM product_variants WHERE sku = $1")
        .bind(&sku)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stock, 3);
}

/// A staff call moving an order (`amount` for refunds, in pounds).
async fn staff_event(
    app: &TestApp,
    staff: &mut Session,
    number: &str,
    event: &str,
    amount: &str,
) -> reqwest::Response {
    post(
        app,
        staff,
        "/api/admin/orders/event",
        &[
            ("lang", "en"),
            ("number", number),
            ("event", event),
            ("amount", amount),
        ],
    )
    .await
}

#[sqlx::test(migrations = "../migrations")]
async fn refunds_go_through_the_provider_for_cards_and_are_manual_for_cash(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let sku = product(&pool, "sofa", 300_000, 4).await;
    let mut staff = app.register("Staff", "staff@example.com", PASSWORD).await;
    sqlx::query("UPDATE users SET role = 'staff' WHERE email = 'staff@example.com'")
        .execute(&pool)
        .await
        .unwrap();

    // Card: paid through the fake provider, delivered, then refunded in two parts.
    let (mut guest, html) = guest_at_checkout(&app, &sku, "1").await;
    let placed = post(
        &app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "card")),
    )
    .await;
    let hosted = location(&placed);
    app.client
        .post(format!("{hosted}/pay"))
        .send()
        .await
        .unwrap();
    let number: String = sqlx::query_scalar("SELECT number FROM orders")
        .fetch_one(&pool)
        .await
        .unwrap();
    // Not delivered yet: a refund is not a move the order can make.
    assert_eq!(
        staff_event(&app, &mut staff, &number, "refund", "100")
            .await
            .status(),
        StatusCode::CONFLICT
    );
    for step in ["start_processing", "ship", "deliver"] {
        assert!(
            staff_event(&app, &mut staff, &number, step, "")
                .await
                .status()
                .is_success(),
            "{step}"
        );
    }
    let first = staff_event(&app, &mut staff, &number, "refund", "1000.50").await;
    assert!(
        first.status().is_success(),
        "{}: {}",
        first.status(),
        first.text().await.unwrap()
    );
    let (status, refunded): (String, i64) =
        sqlx::query_as("SELECT status, refunded_minor FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), refunded), ("partially_refunded", 100_050));
    // More than what is left: refused, nothing changes.
    assert_eq!(
        staff_event(&app, &mut staff, &number, "refund", "3000")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let rest = staff_event(&app, &mut staff, &number, "refund", "1999.50").await;
    assert!(
        rest.status().is_success(),
        "{}: {}",
        rest.status(),
        rest.text().await.unwrap()
    );
    let (status, refunded): (String, i64) =
        sqlx::query_as("SELECT status, refunded_minor FROM orders")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), refunded),
        ("refunded", 300_000),
        "free shipping over EGP 1,500"
    );
    let methods: Vec<String> = sqlx::query_scalar("SELECT method FROM refunds ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(methods, ["provider", "provider"]);
    let events = provider_events(&app).await;
    let refunds = events
        .iter()
        .filter(|e| e["type"] == "refund.succeeded")
        .count();
    assert_eq!(refunds, 2, "the refused attempt moved no money");

    // Cash: collected on delivery, then refunded by hand.
    let (mut guest, html) = guest_at_checkout(&app, &sku, "1").await;
    let placed = post(
        &app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "cod")),
    )
    .await;
    let to = location(&placed);
    let cash = to
        .split('?')
        .next()
        .unwrap()
        .trim_start_matches("/en/orders/")
        .to_string();
    let number = cash;
    for step in ["start_processing", "ship", "deliver"] {
        assert!(
            staff_event(&app, &mut staff, &number, step, "")
                .await
                .status()
                .is_success(),
            "{step}"
        );
    }
    // Not collected yet: nothing to refund.
    assert_eq!(
        staff_event(&app, &mut staff, &number, "refund", "10")
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(
        staff_event(&app, &mut staff, &number, "payment_collected", "")
            .await
            .status()
            .is_success()
    );
    let (_, order_page) = page(&app, &Session::default(), &to).await;
    assert!(
        order_page.contains("Cash collected on delivery"),
        "the timeline says so"
    );
    assert!(staff_event(&app, &mut staff, &number, "refund", "3000")
        .await
        .status()
        .is_success());
    let method: String = sqlx::query_scalar("SELECT method FROM refunds ORDER BY id DESC LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(method, "manual");
}
