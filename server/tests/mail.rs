//! Mail through the running shop: the order mails queued with staff's moves in the
//! shopper's language, the limit on password-reset mails per address, and failed mail on
//! the admin dashboard with its audited "send again".

mod common;

use common::{
    shop::{borrowed, guest_at_checkout, location, order_form, page, post, product},
    Session, TestApp, PASSWORD,
};
use reqwest::{header, StatusCode};
use sqlx::PgPool;
use std::time::Duration;

/// A guest's cash-on-delivery order (as guest@example.com); returns its number.
async fn cod_order(app: &TestApp, handle: &str) -> String {
    let sku = product(&app.pool, handle, 45_000, 50).await;
    let (mut guest, html) = guest_at_checkout(app, &sku, "1").await;
    let placed = post(
        app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "cod")),
    )
    .await;
    location(&placed)
        .trim_start_matches("/en/orders/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

async fn staff_move(
    app: &TestApp,
    staff: &Session,
    number: &str,
    extra: &[(&str, &str)],
) -> StatusCode {
    let mut form = vec![("lang", "en"), ("number", number)];
    form.extend_from_slice(extra);
    staff
        .apply(app.post_form("/api/admin/orders/event", &form))
        .send()
        .await
        .unwrap()
        .status()
}

/// `(subject, text, html)` of every mail of `kind`, oldest first.
async fn mails(pool: &PgPool, kind: &str) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as(
        "SELECT subject, body_text, body_html FROM mail_outbox WHERE kind = $1 ORDER BY id",
    )
    .bind(kind)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn order_moves_queue_their_mail_in_the_shoppers_language(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "sami@example.com", "staff").await;
    let number = cod_order(&app, "mail-lamp").await;

    // Placed in English: the confirmation is HTML and text, left to right.
    let placed = mails(&pool, "order-confirmation").await;
    assert_eq!(placed.len(), 1);
    let html = placed[0].2.as_deref().expect("an HTML part");
    assert!(html.contains(r#"<html lang="en" dir="ltr">"#));
    assert!(placed[0].1.contains(&number));

    // The shopper reads Arabic from now on (the order's language is what a guest has).
    sqlx::query("UPDATE orders SET locale = 'ar' WHERE number = $1")
        .bind(&number)
        .execute(&pool)
        .await
        .unwrap();

    // A refused move queues nothing.
    assert_eq!(
        staff_move(&app, &staff, &number, &[("event", "deliver")]).await,
        StatusCode::CONFLICT
    );
    assert!(mails(&pool, "order-delivered").await.is_empty());
    // Processing is not worth a mail.
    assert_eq!(
        staff_move(&app, &staff, &number, &[("event", "start_processing")]).await,
        StatusCode::OK
    );
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE kind LIKE 'order-%'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(count, 1);

    assert_eq!(
        staff_move(
            &app,
            &staff,
            &number,
            &[("event", "ship"), ("tracking_number", "BOSTA-<778>&1")]
        )
        .await,
        StatusCode::OK
    );
    let shipped = mails(&pool, "order-shipped").await;
    assert_eq!(shipped.len(), 1);
    let (subject, text, html) = &shipped[0];
    let html = html.as_deref().unwrap();
    assert_eq!(subject, &format!("طلبك من دكان {number} في الطريق"));
    assert!(text.contains("رقم الشحنة: BOSTA-<778>&1"), "{text}");
    assert!(text.contains("أهلًا Mona Adel،"), "{text}");
    assert!(
        text.contains(&format!("https://shop.example/ar/orders/{number}?key=")),
        "{text}"
    );
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#));
    assert!(
        html.contains("<bdi>BOSTA-&lt;778&gt;&amp;1</bdi>"),
        "{html}"
    );
    assert!(!html.contains("<778>"));

    assert_eq!(
        staff_move(&app, &staff, &number, &[("event", "deliver")]).await,
        StatusCode::OK
    );
    let delivered = mails(&pool, "order-delivered").await;
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].0.contains("وصل"), "{}", delivered[0].0);

    // Paid on delivery, then part of it given back: a refund mail with the amount.
    assert_eq!(
        staff_move(&app, &staff, &number, &[("event", "payment_collected")]).await,
        StatusCode::OK
    );
    assert_eq!(
        staff_move(
            &app,
            &staff,
            &number,
            &[("event", "refund"), ("amount", "100")]
        )
        .await,
        StatusCode::OK
    );
    let refunded = mails(&pool, "order-refunded").await;
    assert_eq!(refunded.len(), 1);
    assert!(refunded[0].1.contains("١٠٠٫٠٠"), "{}", refunded[0].1);

    // Another order, cancelled by staff before it ships.
    let second = cod_order(&app, "mail-vase").await;
    assert_eq!(
        staff_move(&app, &staff, &second, &[("event", "cancel")]).await,
        StatusCode::OK
    );
    let cancelled = mails(&pool, "order-cancelled").await;
    assert_eq!(cancelled.len(), 1);
    assert!(cancelled[0].0.contains(&second));
    assert!(cancelled[0].2.as_deref().unwrap().contains(r#"lang="en""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn password_reset_mails_are_limited_per_address(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    app.register("Ali", "ali@example.com", PASSWORD).await;
    app.register("Omar", "omar@example.com", PASSWORD).await;
    let ask = |email: &'static str| {
        app.post_form(
            "/api/account/forgot-password",
            &[("lang", "en"), ("email", email)],
        )
        .send()
    };
    let count = |email: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT count(*) FROM mail_outbox WHERE kind = 'password-reset' AND recipient = $1",
            )
            .bind(email)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    // The mails are queued in the background: each answer is the same, at once.
    let mut answers = Vec::new();
    for _ in 0..6 {
        let response = ask("ali@example.com").await.unwrap();
        answers.push((response.status(), response.text().await.unwrap()));
        // One at a time, as a person (or a script) clicking again.
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let unknown = ask("nobody@example.com").await.unwrap();
    answers.push((unknown.status(), unknown.text().await.unwrap()));
    assert!(answers.iter().all(|a| a == &answers[0]), "{answers:?}");
    assert!(answers[0].0.is_success());

    ask("omar@example.com").await.unwrap();
    for _ in 0..100 {
        if count("omar@example.com").await == 1 && count("ali@example.com").await >= 3 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Let every background request finish before counting.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(count("ali@example.com").await, 3, "at most 3 an hour");
    assert_eq!(
        count("omar@example.com").await,
        1,
        "another address has its own limit"
    );

    // An hour later the address may get one again.
    sqlx::query("UPDATE mail_outbox SET created_at = created_at - interval '61 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    ask("ali@example.com").await.unwrap();
    for _ in 0..100 {
        if count("ali@example.com").await == 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(count("ali@example.com").await, 4);
}

#[sqlx::test(migrations = "../migrations")]
async fn failed_mail_is_shown_to_staff_and_sent_again_with_an_audit_entry(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, staff_id) = app.person("Sami", "sami@example.com", "staff").await;
    let customer = app.register("Cai", "cai@example.com", PASSWORD).await;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO mail_outbox (kind, recipient, subject, body_text, body_html, state, \
                                  attempts, last_error, failed_at) \
         VALUES ('order-shipped', 'gone@example.com', 'secret subject', 'secret body', \
                 '<p>secret</p>', 'failed', 1, \
                 'permanent failure: 550 5.1.1 <gone@example.com>: no such mailbox', now()) \
         RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();

    for (lang, heading, kind) in [
        ("en", "Mail not delivered", "Order shipped"),
        ("ar", "رسائل لم تصل", "الطلب اتشحن"),
    ] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(html.contains(heading), "{lang}");
        assert!(html.contains(r#"data-testid="failed-mail-row""#), "{lang}");
        assert!(html.contains(kind), "{lang}");
        assert!(html.contains("gone@example.com"), "{lang}");
        assert!(
            html.contains("550 5.1.1 &lt;gone@example.com&gt;: no such mailbox"),
            "{lang}: the error, escaped"
        );
        assert!(
            !html.contains("secret"),
            "{lang}: never the subject or body"
        );
    }
    // Customers see neither the list nor the button.
    let listed = customer
        .apply(app.post_form("/api/admin/mail/failed", &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(listed.status(), StatusCode::FORBIDDEN);
    let id_text = id.to_string();
    let refused = customer
        .apply(app.post_form("/api/admin/mail/retry", &[("lang", "en"), ("id", &id_text)]))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);

    // Staff send it again from the plain form: back to the dashboard with a notice.
    let retried = staff
        .apply(
            app.client
                .post(app.url("/api/admin/mail/retry"))
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, app.url("/en/admin"))
                .form(&[("lang", "en"), ("id", id_text.as_str())]),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(retried.status(), StatusCode::FOUND);
    assert_eq!(location(&retried), "/en/admin?mail-retried=1#failed-mail");
    let state: String = sqlx::query_scalar("SELECT state FROM mail_outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_ne!(state, "failed");
    let (_, html) = page(&app, &staff, "/en/admin?mail-retried=1").await;
    assert!(html.contains("The mail is queued again."));

    // action, actor, entity, state before, state after, whether the mail's text leaked in
    type AuditRow = (
        String,
        Option<i64>,
        String,
        Option<String>,
        Option<String>,
        bool,
    );
    let audit: Vec<AuditRow> = sqlx::query_as(
        "SELECT action, actor_user_id, entity, before ->> 'state', after ->> 'state', \
                    (before ? 'body_text') OR (after ? 'body_text') OR (after ? 'subject') \
             FROM audit_log WHERE entity = 'mail_outbox'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        audit,
        [(
            "mail.retry".to_string(),
            Some(staff_id),
            "mail_outbox".to_string(),
            Some("failed".to_string()),
            Some("pending".to_string()),
            false
        )]
    );

    // Only a failed mail can be sent again.
    let again = staff
        .apply(app.post_form("/api/admin/mail/retry", &[("lang", "en"), ("id", &id_text)]))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}
