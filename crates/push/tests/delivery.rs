//! The outbox against a real push service stand-in: a receiver on 127.0.0.1 that holds
//! the subscription's private key, verifies the VAPID token against the shop's served key
//! and decrypts what it gets. Each test has its own database.

use dokkan_core::Locale;
use dokkan_push::{
    db::{self, outbox, Owner, Subscribed},
    send::{OrderLinks, Sender},
    testing::Receiver,
    worker::deliver_pending,
    ClientKeys, EndpointPolicy, Payload,
};
use sqlx::PgPool;
use std::sync::Arc;

fn policy() -> EndpointPolicy {
    EndpointPolicy::new(std::iter::empty::<&str>(), true)
}

fn links() -> OrderLinks {
    Arc::new(|locale, number| format!("/{locale}/orders/{number}?key=test-key"))
}

async fn sender(pool: &PgPool) -> Sender {
    let key = db::vapid_key(pool).await.unwrap();
    Sender::new(key, "mailto:shop@example.com", policy(), links())
}

async fn user(pool: &PgPool, email: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name, role) VALUES ($1, 'x', 'Test', 'customer') RETURNING id",
    )
    .bind(email)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A cash order in `processing`, ready to ship.
async fn order(pool: &PgPool, number: &str, user_id: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO orders (number, user_id, email, phone, locale, status, payment_method, currency, \
             subtotal_minor, discount_minor, shipping_minor, total_minor, shipping_method, recipient, \
             ship_phone, governorate, city, street, building, idempotency_key, request_hash) \
         VALUES ($1, $2, 'buyer@example.com', '01012345678', 'en', 'processing', 'cod', 'EGP', \
             10000, 0, 0, 10000, 'standard', 'Salma', '01012345678', 'cairo', 'Cairo', 'Nile St', '1', \
             'idempotency-' || $1, decode(repeat('00', 32), 'hex')) \
         RETURNING id",
    )
    .bind(number)
    .bind(user_id)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn subscribe(
    pool: &PgPool,
    receiver: &Receiver,
    name: &str,
    owner: Owner,
    locale: Locale,
) -> i64 {
    let endpoint = policy().check(&receiver.endpoint(name)).unwrap();
    let keys = ClientKeys::parse(&receiver.p256dh(), &receiver.auth()).unwrap();
    match db::subscribe(pool, owner, &endpoint, &keys, locale)
        .await
        .unwrap()
    {
        Subscribed::Saved(id) => id,
        Subscribed::Full => panic!("full"),
    }
}

/// Moves the order as the orders crate does: status (and tracking number), then the
/// enqueue, in one transaction.
async fn move_order(pool: &PgPool, order_id: i64, status: &str, tracking: Option<&str>) -> u64 {
    let mut tx = pool.begin().await.unwrap();
    sqlx::query(
        "UPDATE orders SET status = $2, tracking_number = coalesce($3, tracking_number) WHERE id = $1",
    )
    .bind(order_id)
    .bind(status)
    .bind(tracking)
    .execute(&mut *tx)
    .await
    .unwrap();
    let queued = outbox::enqueue_order_update(&mut tx, order_id, status)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    queued
}

/// (attempts, pending, sent, failed, seconds until due) of one outbox row.
async fn row_state(pool: &PgPool, id: i64) -> (i32, bool, bool, bool, f64) {
    sqlx::query_as(
        "SELECT attempts, sent_at IS NULL AND failed_at IS NULL, sent_at IS NOT NULL, \
                failed_at IS NOT NULL, extract(epoch FROM next_attempt_at - now())::float8 \
           FROM push_outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn outbox_ids(pool: &PgPool) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM push_outbox ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn make_due(pool: &PgPool) {
    sqlx::query("UPDATE push_outbox SET next_attempt_at = now()")
        .execute(pool)
        .await
        .unwrap();
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_shipped_order_reaches_the_browser_encrypted_signed_and_in_its_language(pool: PgPool) {
    let receiver = Receiver::start().await;
    let order_id = order(&pool, "DK-12345678", None).await;
    subscribe(
        &pool,
        &receiver,
        "guest",
        Owner::Order(order_id),
        Locale::Ar,
    )
    .await;
    assert_eq!(
        move_order(&pool, order_id, "shipped", Some("EG123456789")).await,
        1
    );

    let sender = sender(&pool).await;
    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!((pass.claimed, pass.sent), (1, 1), "{pass:?}");

    let received = receiver.received();
    assert_eq!(received.len(), 1);
    let message = &received[0];
    assert_eq!(message.path, "/push/guest");
    // The token verified with the key the shop serves to pages, for this origin.
    let served = db::vapid_key(&pool).await.unwrap();
    assert_eq!(message.vapid.as_deref(), Ok(served.public_key()));
    let header = |name: &str| message.headers.get(name).unwrap().to_str().unwrap();
    assert_eq!(header("content-encoding"), "aes128gcm");
    assert_eq!(header("ttl"), "86400");
    assert_eq!(header("urgency"), "normal");
    assert_eq!(header("topic"), "order-DK-12345678");
    let payload = message.payload.clone().unwrap();
    assert_eq!(
        payload,
        Payload {
            title: "طلبك DK-12345678 في الطريق".into(),
            body: "طلبك اتشحن. رقم التتبع: EG123456789".into(),
            url: "/ar/orders/DK-12345678?key=test-key".into(),
            tag: "order-DK-12345678".into(),
            lang: "ar".into(),
            dir: "rtl".into(),
        }
    );
    let id = outbox_ids(&pool).await[0];
    let (attempts, pending, sent, _, _) = row_state(&pool, id).await;
    assert_eq!((attempts, pending, sent), (1, false, true));

    // Nothing is sent twice.
    let again = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(again.claimed, 0);
    assert_eq!(receiver.received().len(), 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn gone_endpoints_404_and_410_delete_their_subscriptions(pool: PgPool) {
    let receiver = Receiver::start().await;
    let buyer = user(&pool, "buyer@example.com").await;
    let order_id = order(&pool, "DK-22345678", Some(buyer)).await;
    // The same browser follows the account and the order; another follows the account.
    subscribe(&pool, &receiver, "one", Owner::Order(order_id), Locale::En).await;
    subscribe(&pool, &receiver, "one", Owner::Account(buyer), Locale::En).await;
    subscribe(&pool, &receiver, "two", Owner::Account(buyer), Locale::En).await;
    receiver.answer(&[(410, None), (404, None)]);
    assert_eq!(move_order(&pool, order_id, "cancelled", None).await, 2);

    let pass = deliver_pending(&pool, &sender(&pool).await, 16)
        .await
        .unwrap();
    assert_eq!(pass.gone, 2, "{pass:?}");
    assert!(db::subscriptions(&pool, Owner::Account(buyer))
        .await
        .unwrap()
        .is_empty());
    assert!(db::subscriptions(&pool, Owner::Order(order_id))
        .await
        .unwrap()
        .is_empty());
    assert!(
        outbox_ids(&pool).await.is_empty(),
        "their messages went too"
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn server_errors_and_429_are_retried_with_backoff_until_accepted(pool: PgPool) {
    let receiver = Receiver::start().await;
    let order_id = order(&pool, "DK-32345678", None).await;
    subscribe(
        &pool,
        &receiver,
        "flaky",
        Owner::Order(order_id),
        Locale::En,
    )
    .await;
    move_order(&pool, order_id, "shipped", None).await;
    let id = outbox_ids(&pool).await[0];
    let sender = sender(&pool).await;

    receiver.answer(&[(503, None)]);
    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(pass.retried, 1, "{pass:?}");
    let (attempts, pending, _, _, due_in) = row_state(&pool, id).await;
    assert_eq!((attempts, pending), (1, true));
    assert!(
        (25.0..=31.0).contains(&due_in),
        "30 s backoff, got {due_in}"
    );
    let error: String = sqlx::query_scalar("SELECT last_error FROM push_outbox WHERE id = $1")
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(error.contains("503"), "{error}");
    assert!(
        !error.contains("/push/flaky"),
        "no endpoint in errors: {error}"
    );
    // Not due yet: nothing is sent.
    assert_eq!(
        deliver_pending(&pool, &sender, 16).await.unwrap().claimed,
        0
    );

    make_due(&pool).await;
    receiver.answer(&[(429, Some(120))]);
    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(pass.retried, 1);
    let (attempts, _, _, _, due_in) = row_state(&pool, id).await;
    assert_eq!(attempts, 2);
    assert!(
        (110.0..=121.0).contains(&due_in),
        "Retry-After 120 beats the 60 s backoff, got {due_in}"
    );

    make_due(&pool).await;
    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(pass.sent, 1);
    let (attempts, pending, sent, _, _) = row_state(&pool, id).await;
    assert_eq!((attempts, pending, sent), (3, false, true));
    let received = receiver.received();
    assert_eq!(
        received.iter().map(|r| r.answered).collect::<Vec<_>>(),
        [503, 429, 201]
    );
    assert!(received
        .iter()
        .all(|r| r.payload.is_ok() && r.vapid.is_ok()));
}

#[sqlx::test(migrations = "../../migrations")]
async fn refusals_and_exhausted_retries_fail_for_good(pool: PgPool) {
    let receiver = Receiver::start().await;
    let order_id = order(&pool, "DK-42345678", None).await;
    subscribe(&pool, &receiver, "a", Owner::Order(order_id), Locale::En).await;
    subscribe(&pool, &receiver, "b", Owner::Order(order_id), Locale::En).await;
    move_order(&pool, order_id, "shipped", None).await;
    let ids = outbox_ids(&pool).await;
    sqlx::query("UPDATE push_outbox SET attempts = $2 WHERE id = $1")
        .bind(ids[1])
        .bind(outbox::MAX_ATTEMPTS - 1)
        .execute(&pool)
        .await
        .unwrap();
    receiver.answer(&[(400, None), (500, None)]);
    let pass = deliver_pending(&pool, &sender(&pool).await, 16)
        .await
        .unwrap();
    assert_eq!(pass.failed, 2, "{pass:?}");
    for id in ids {
        let (_, pending, sent, failed, _) = row_state(&pool, id).await;
        assert_eq!((pending, sent, failed), (false, false, true));
    }
    // The subscriptions stay: only 404/410 say a browser is gone.
    assert_eq!(
        db::subscriptions(&pool, Owner::Order(order_id))
            .await
            .unwrap()
            .len(),
        2
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_claim_is_committed_before_sending_and_a_crashed_claim_comes_back(pool: PgPool) {
    let receiver = Receiver::start().await;
    let order_id = order(&pool, "DK-52345678", None).await;
    for name in ["a", "b", "c", "d"] {
        subscribe(&pool, &receiver, name, Owner::Order(order_id), Locale::En).await;
    }
    move_order(&pool, order_id, "delivered", None).await;

    // Two workers at once never get the same row.
    let (one, two) = tokio::join!(outbox::claim(&pool, 2), outbox::claim(&pool, 2));
    let mut ids: Vec<i64> = one
        .unwrap()
        .iter()
        .chain(two.unwrap().iter())
        .map(|c| c.id)
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 4, "disjoint claims: {ids:?}");
    // Claimed rows are leased: no one else sees them as due.
    assert!(outbox::claim(&pool, 10).await.unwrap().is_empty());

    // The worker holding `ids[0]` died before recording anything: once the lease ends the
    // row is claimed again, its attempt counted.
    let lease_left: f64 = sqlx::query_scalar(
        "SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM push_outbox WHERE id = $1",
    )
    .bind(ids[0])
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(
        lease_left > outbox::LEASE.as_secs_f64() - 10.0,
        "{lease_left}"
    );
    sqlx::query("UPDATE push_outbox SET next_attempt_at = now() WHERE id = $1")
        .bind(ids[0])
        .execute(&pool)
        .await
        .unwrap();
    let pass = deliver_pending(&pool, &sender(&pool).await, 16)
        .await
        .unwrap();
    assert_eq!((pass.claimed, pass.sent), (1, 1));
    let (attempts, _, sent, _, _) = row_state(&pool, ids[0]).await;
    assert_eq!((attempts, sent), (2, true));
}

#[sqlx::test(migrations = "../../migrations")]
async fn only_announced_moves_of_followed_orders_are_queued_once_per_browser(pool: PgPool) {
    let receiver = Receiver::start().await;
    let buyer = user(&pool, "buyer@example.com").await;
    let stranger = user(&pool, "stranger@example.com").await;
    let first = order(&pool, "DK-62345678", Some(buyer)).await;
    let second = order(&pool, "DK-62345679", Some(buyer)).await;
    let guest = order(&pool, "DK-62345680", None).await;
    subscribe(&pool, &receiver, "phone", Owner::Account(buyer), Locale::Ar).await;
    subscribe(&pool, &receiver, "phone", Owner::Order(first), Locale::En).await;
    subscribe(
        &pool,
        &receiver,
        "other",
        Owner::Account(stranger),
        Locale::En,
    )
    .await;
    subscribe(&pool, &receiver, "guest", Owner::Order(guest), Locale::En).await;

    assert_eq!(move_order(&pool, first, "processing", None).await, 0);
    assert_eq!(
        move_order(&pool, first, "shipped", None).await,
        1,
        "one per browser"
    );
    assert_eq!(
        move_order(&pool, second, "shipped", None).await,
        1,
        "through the account"
    );
    assert_eq!(move_order(&pool, guest, "shipped", None).await, 1);

    // A move that rolls back leaves no message.
    let mut tx = pool.begin().await.unwrap();
    assert_eq!(
        outbox::enqueue_order_update(&mut tx, second, "delivered")
            .await
            .unwrap(),
        1
    );
    tx.rollback().await.unwrap();
    assert_eq!(outbox_ids(&pool).await.len(), 3);

    let pass = deliver_pending(&pool, &sender(&pool).await, 16)
        .await
        .unwrap();
    assert_eq!(pass.sent, 3);
    let mut paths: Vec<String> = receiver.received().into_iter().map(|r| r.path).collect();
    paths.sort();
    assert_eq!(paths, ["/push/guest", "/push/phone", "/push/phone"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn subscriptions_are_refreshed_limited_and_removed_by_their_owner(pool: PgPool) {
    let receiver = Receiver::start().await;
    let buyer = user(&pool, "buyer@example.com").await;
    let order_id = order(&pool, "DK-72345678", Some(buyer)).await;
    let first = subscribe(&pool, &receiver, "x", Owner::Account(buyer), Locale::En).await;
    let again = subscribe(&pool, &receiver, "x", Owner::Account(buyer), Locale::Ar).await;
    assert_eq!(first, again, "one row per owner and endpoint");
    let stored = db::subscriptions(&pool, Owner::Account(buyer))
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].locale, Locale::Ar, "the newer language wins");

    for n in 1..db::MAX_PER_OWNER {
        subscribe(
            &pool,
            &receiver,
            &format!("n{n}"),
            Owner::Account(buyer),
            Locale::En,
        )
        .await;
    }
    let endpoint = policy().check(&receiver.endpoint("one-too-many")).unwrap();
    let keys = ClientKeys::parse(&receiver.p256dh(), &receiver.auth()).unwrap();
    assert_eq!(
        db::subscribe(&pool, Owner::Account(buyer), &endpoint, &keys, Locale::En)
            .await
            .unwrap(),
        Subscribed::Full
    );
    // The order's own list is separate.
    assert!(matches!(
        db::subscribe(&pool, Owner::Order(order_id), &endpoint, &keys, Locale::En)
            .await
            .unwrap(),
        Subscribed::Saved(_)
    ));

    let x = receiver.endpoint("x");
    assert!(!db::unsubscribe(&pool, Owner::Order(order_id), &x)
        .await
        .unwrap());
    assert!(db::unsubscribe(&pool, Owner::Account(buyer), &x)
        .await
        .unwrap());
    assert!(!db::unsubscribe(&pool, Owner::Account(buyer), &x)
        .await
        .unwrap());
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_vapid_key_is_made_once_and_kept(pool: PgPool) {
    let (a, b) = tokio::join!(db::vapid_key(&pool), db::vapid_key(&pool));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.public_key(), b.public_key());
    let later = db::vapid_key(&pool).await.unwrap();
    assert_eq!(later.public_key(), a.public_key());
    assert_eq!(a.public_key().len(), 87, "65 bytes in base64url");
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM app_secrets WHERE name = 'vapid-p256'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(stored, 1);
}
