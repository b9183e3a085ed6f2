//! Checkout, stock, discounts, cancellation and payment webhooks against PostgreSQL, one
//! fresh database per test.

use dokkan_accounts::{Address, AddressInput, Email, PhoneNumber};
use dokkan_core::{Locale, Money};
use dokkan_orders::{
    db::{self, CartOwner, CheckoutError, CheckoutInput, PlacedOrder, WebhookOutcome, Why},
    shipping::ShippingMethod,
    Actor, DiscountRejection, OrderEvent, OrderStatus, Quantity,
};
use dokkan_payments::{PaymentMethod, WebhookEvent, WebhookKind};
use sqlx::PgPool;

/// A published product with one variant; returns its SKU and variant id.
async fn product(pool: &PgPool, handle: &str, price_minor: i64, stock: i32) -> (String, i64) {
    let category: i64 = sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar) VALUES ('c-' || $1, 'C ' || $1, 'ق ' || $1) \
         ON CONFLICT (slug) DO UPDATE SET position = 0 RETURNING id",
    )
    .bind(handle)
    .fetch_one(pool)
    .await
    .unwrap();
    let product: i64 = sqlx::query_scalar(
        "INSERT INTO products (handle, category_id, name_en, name_ar, price_minor) \
         VALUES ($1, $2, 'Mug ' || $1, 'مج ' || $1, $3) RETURNING id",
    )
    .bind(handle)
    .bind(category)
    .bind(price_minor)
    .fetch_one(pool)
    .await
    .unwrap();
    let sku = handle.to_uppercase();
    let variant: i64 = sqlx::query_scalar(
        "INSERT INTO product_variants (product_id, position, sku, price_minor, stock) \
         VALUES ($1, 0, $2, $3, $4) RETURNING id",
    )
    .bind(product)
    .bind(&sku)
    .bind(price_minor)
    .bind(stock)
    .fetch_one(pool)
    .await
    .unwrap();
    (sku, variant)
}

async fn stock(pool: &PgPool, variant: i64) -> i32 {
    sqlx::query_scalar("SELECT stock FROM product_variants WHERE id = $1")
        .bind(variant)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A new guest cart holding `quantity` of `sku`.
async fn cart_with(pool: &PgPool, items: &[(&str, i64)]) -> i64 {
    let mut conn = pool.acquire().await.unwrap();
    let (cart, _) = db::claim_cart(&mut conn, CartOwner::Guest(None))
        .await
        .unwrap();
    for (sku, quantity) in items {
        db::add_item(pool, cart, sku, Quantity::new(*quantity).unwrap())
            .await
            .unwrap();
    }
    cart
}

fn address(governorate: &str) -> Address {
    Address::parse(&AddressInput {
        recipient: "Mona Adel".into(),
        phone: "01012345678".into(),
        governorate: governorate.into(),
        city: "Nasr City".into(),
        street: "Abbas El Akkad".into(),
        building: "12".into(),
        floor: "3".into(),
        apartment: "".into(),
        landmark: "".into(),
    })
    .unwrap()
}

async fn input(pool: &PgPool, cart_id: i64, key: &str, payment: PaymentMethod) -> CheckoutInput {
    let mut conn = pool.acquire().await.unwrap();
    let cart = db::load_cart(&mut conn, cart_id).await.unwrap();
    CheckoutInput {
        cart_id,
        user_id: None,
        email: Email::parse("mona@example.com").unwrap(),
        phone: PhoneNumber::parse("01012345678").unwrap(),
        address: address("cairo"),
        shipping: ShippingMethod::Standard,
        payment,
        discount_code: None,
        locale: Locale::Ar,
        idempotency_key: format!("key-{key}-0123456789abcdef"),
        cart_fingerprint: cart.fingerprint(),
        payment_window_secs: 1800,
    }
}

async fn place(pool: &PgPool, input: &CheckoutInput) -> Result<PlacedOrder, CheckoutError> {
    db::place_order(pool, input, |_, _| None).await
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn five_hundred_buyers_for_ten_units_make_ten_orders(pool: PgPool) {
    let (sku, variant) = product(&pool, "last-mugs", 15_000, 10).await;
    let mut inputs = Vec::new();
    for buyer in 0..500 {
        let cart = cart_with(&pool, &[(&sku, 1)]).await;
        inputs.push(
            input(
                &pool,
                cart,
                &format!("buyer{buyer}"),
                PaymentMethod::CashOnDelivery,
            )
            .await,
        );
    }
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let pool = pool.clone();
            tokio::spawn(async move { place(&pool, &input).await })
        })
        .collect();
    let (mut placed, mut sold_out) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => placed += 1,
            Err(CheckoutError::SoldOut { sku: s, .. }) if s == sku => sold_out += 1,
            Err(other) => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!((placed, sold_out), (10, 490));
    assert_eq!(stock(&pool, variant).await, 0);
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 10);
    assert_eq!(
        count(&pool, "SELECT sum(quantity)::bigint FROM order_items").await,
        10
    );
    // The losers keep their carts; the winners' carts are empty.
    assert_eq!(count(&pool, "SELECT count(*) FROM cart_items").await, 490);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_retry_returns_the_same_order_and_another_payload_is_refused(pool: PgPool) {
    let (sku, variant) = product(&pool, "kettle", 120_000, 5).await;
    let cart = cart_with(&pool, &[(&sku, 2)]).await;
    let first_input = input(&pool, cart, "retry", PaymentMethod::CashOnDelivery).await;

    // A double-click: both requests at once.
    let (a, b) = tokio::join!(place(&pool, &first_input), place(&pool, &first_input));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.number, b.number);
    assert!(a.replayed != b.replayed, "exactly one of them placed it");
    // A later retry too.
    let again = place(&pool, &first_input).await.unwrap();
    assert_eq!(again.number, a.number);
    assert!(again.replayed);
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 1);
    assert_eq!(stock(&pool, variant).await, 3);

    let mut other = first_input.clone();
    other.address = address("giza");
    assert!(matches!(
        place(&pool, &other).await,
        Err(CheckoutError::KeyReused)
    ));
}

#[sqlx::test(migrations = "../../migrations")]
async fn totals_come_from_the_database_with_shipping_by_governorate(pool: PgPool) {
    let (sku, _) = product(&pool, "lamp", 45_050, 5).await;
    let cart = cart_with(&pool, &[(&sku, 3)]).await;
    let mut input = input(&pool, cart, "totals", PaymentMethod::CashOnDelivery).await;
    input.address = address("aswan");
    let placed = place(&pool, &input).await.unwrap();
    let order = db::order_by_number(&pool, &placed.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order.totals.subtotal, Money::egp(135_150));
    assert_eq!(
        order.totals.shipping,
        Money::egp(8_500),
        "Upper Egypt standard"
    );
    assert_eq!(order.totals.total, Money::egp(143_650));
    assert_eq!(order.status, OrderStatus::Placed);
    assert_eq!(order.timeline.len(), 1);
    assert!(order.number.as_str().starts_with("DK-"));

    // Express is not offered in Upper Egypt.
    let cart = cart_with(&pool, &[(&sku, 1)]).await;
    let mut express = self::input(&pool, cart, "express", PaymentMethod::CashOnDelivery).await;
    express.address = address("aswan");
    express.shipping = ShippingMethod::Express;
    assert!(matches!(
        place(&pool, &express).await,
        Err(CheckoutError::NoShipping)
    ));
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_changed_cart_is_shown_again_instead_of_ordered(pool: PgPool) {
    let (sku, variant) = product(&pool, "vase", 30_000, 5).await;
    let cart = cart_with(&pool, &[(&sku, 1)]).await;
    let input = input(&pool, cart, "changed", PaymentMethod::CashOnDelivery).await;
    sqlx::query("UPDATE product_variants SET price_minor = 35000 WHERE id = $1")
        .bind(variant)
        .execute(&pool)
        .await
        .unwrap();
    assert!(matches!(
        place(&pool, &input).await,
        Err(CheckoutError::CartChanged)
    ));
    let mut conn = pool.acquire().await.unwrap();
    let reloaded = db::load_cart(&mut conn, cart).await.unwrap();
    assert_eq!(
        reloaded.lines[0].issue(),
        Some(dokkan_orders::LineIssue::PriceChanged {
            was: Money::egp(30_000)
        })
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 0);
}

async fn discount(
    pool: &PgPool,
    code: &str,
    percent: i16,
    limit: Option<i32>,
    per_customer: Option<i32>,
) {
    sqlx::query(
        "INSERT INTO discount_codes (code, percent, usage_limit, per_customer_limit) VALUES ($1, $2, $3, $4)",
    )
    .bind(code)
    .bind(percent)
    .bind(limit)
    .bind(per_customer)
    .execute(pool)
    .await
    .unwrap();
}

#[sqlx::test(migrations = "../../migrations")]
async fn two_checkouts_never_both_take_the_last_use_of_a_code(pool: PgPool) {
    let (sku, _) = product(&pool, "rug", 100_000, 100).await;
    discount(&pool, "LAST1", 20, Some(1), None).await;
    let mut inputs = Vec::new();
    for buyer in 0..20 {
        let cart = cart_with(&pool, &[(&sku, 1)]).await;
        let mut input = input(
            &pool,
            cart,
            &format!("code{buyer}"),
            PaymentMethod::CashOnDelivery,
        )
        .await;
        input.email = Email::parse(&format!("buyer{buyer}@example.com")).unwrap();
        input.discount_code = Some("last1".into());
        inputs.push(input);
    }
    let tasks: Vec<_> = inputs
        .into_iter()
        .map(|input| {
            let pool = pool.clone();
            tokio::spawn(async move { place(&pool, &input).await })
        })
        .collect();
    let mut took = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => took += 1,
            Err(CheckoutError::Discount(DiscountRejection::UsedUp)) => {}
            Err(other) => panic!("unexpected: {other:?}"),
        }
    }
    assert_eq!(took, 1);
    assert_eq!(
        count(
            &pool,
            "SELECT times_used::bigint FROM discount_codes WHERE code = 'LAST1'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&pool, "SELECT discount_minor FROM orders").await,
        20_000
    );
    // Nothing else moved: 99 rugs left, one order.
    assert_eq!(count(&pool, "SELECT count(*) FROM orders").await, 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_per_customer_limit_counts_that_customer_only(pool: PgPool) {
    let (sku, _) = product(&pool, "tray", 50_000, 10).await;
    discount(&pool, "ONCE", 10, None, Some(1)).await;
    let mut first = None;
    for round in 0..2 {
        let cart = cart_with(&pool, &[(&sku, 1)]).await;
        let mut input = input(
            &pool,
            cart,
            &format!("once{round}"),
            PaymentMethod::CashOnDelivery,
        )
        .await;
        input.discount_code = Some("ONCE".into());
        let result = place(&pool, &input).await;
        if round == 0 {
            first = Some(result.unwrap());
        } else {
            assert!(matches!(
                result,
                Err(CheckoutError::Discount(DiscountRejection::AlreadyUsed))
            ));
        }
    }
    // Cancelling gives the use back.
    let first = first.unwrap();
    let why = Why {
        actor: Actor::Customer,
        user_id: None,
        note: None,
    };
    db::cancel(&pool, &first.number, None, &why).await.unwrap();
    let cart = cart_with(&pool, &[(&sku, 1)]).await;
    let mut input = input(&pool, cart, "once-again", PaymentMethod::CashOnDelivery).await;
    input.discount_code = Some("ONCE".into());
    place(&pool, &input).await.unwrap();
}

#[sqlx::test(migrations = "../../migrations")]
async fn cancelling_gives_the_stock_back_and_is_refused_after_shipping(pool: PgPool) {
    let (sku, variant) = product(&pool, "pan", 25_000, 4).await;
    let cart = cart_with(&pool, &[(&sku, 3)]).await;
    let placed = place(
        &pool,
        &input(&pool, cart, "cancel", PaymentMethod::CashOnDelivery).await,
    )
    .await
    .unwrap();
    assert_eq!(stock(&pool, variant).await, 1);
    let why = Why {
        actor: Actor::Customer,
        user_id: None,
        note: None,
    };
    let step = db::cancel(&pool, &placed.number, None, &why).await.unwrap();
    assert_eq!(step.to(), OrderStatus::Cancelled);
    assert_eq!(stock(&pool, variant).await, 4);
    // Twice is illegal, and changes nothing.
    assert!(db::cancel(&pool, &placed.number, None, &why).await.is_err());
    assert_eq!(stock(&pool, variant).await, 4);

    let cart = cart_with(&pool, &[(&sku, 1)]).await;
    let shipped = place(
        &pool,
        &input(&pool, cart, "ship", PaymentMethod::CashOnDelivery).await,
    )
    .await
    .unwrap();
    let staff = Why {
        actor: Actor::Staff,
        user_id: None,
        note: Some("tracking 123"),
    };
    for event in [OrderEvent::StartProcessing, OrderEvent::Ship] {
        db::transition(&pool, &shipped.number, event, &staff)
            .await
            .unwrap();
    }
    assert!(db::cancel(&pool, &shipped.number, None, &why)
        .await
        .is_err());
    assert_eq!(stock(&pool, variant).await, 3);
    let order = db::order_by_number(&pool, &shipped.number)
        .await
        .unwrap()
        .unwrap();
    let steps: Vec<_> = order.timeline.iter().map(|e| e.to).collect();
    assert_eq!(
        steps,
        [
            OrderStatus::Placed,
            OrderStatus::Processing,
            OrderStatus::Shipped
        ]
    );
    assert_eq!(order.timeline[2].note.as_deref(), Some("tracking 123"));
}

#[sqlx::test(migrations = "../../migrations")]
async fn unpaid_card_orders_expire_and_give_their_stock_back(pool: PgPool) {
    let (sku, variant) = product(&pool, "clock", 60_000, 2).await;
    let cart = cart_with(&pool, &[(&sku, 2)]).await;
    let mut input = input(&pool, cart, "expire", PaymentMethod::Card).await;
    input.payment_window_secs = -1;
    let placed = place(&pool, &input).await.unwrap();
    assert_eq!(placed.status, OrderStatus::PendingPayment);
    assert_eq!(stock(&pool, variant).await, 0);
    let expired = db::expire_unpaid(&pool, 100).await.unwrap();
    assert_eq!(expired, vec![placed.number.clone()]);
    assert_eq!(stock(&pool, variant).await, 2);
    assert_eq!(
        db::order_status(&pool, &placed.number).await.unwrap(),
        Some(OrderStatus::Cancelled)
    );
    assert!(db::expire_unpaid(&pool, 100).await.unwrap().is_empty());
}

fn event(id: &str, kind: WebhookKind, placed: &PlacedOrder, amount: Money) -> WebhookEvent {
    WebhookEvent {
        id: id.into(),
        kind,
        session_id: "cs_test".into(),
        reference: placed.number.as_str().into(),
        amount,
    }
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_webhook_delivered_twice_has_one_effect(pool: PgPool) {
    let (sku, _) = product(&pool, "chair", 200_000, 3).await;
    let cart = cart_with(&pool, &[(&sku, 1)]).await;
    let placed = place(
        &pool,
        &input(&pool, cart, "hook", PaymentMethod::Card).await,
    )
    .await
    .unwrap();
    db::record_session(&pool, placed.id, "card", "cs_test", placed.total)
        .await
        .unwrap();

    // A wrong amount is refused and changes nothing.
    let short = event(
        "evt_short",
        WebhookKind::PaymentSucceeded,
        &placed,
        Money::egp(100),
    );
    assert_eq!(
        db::take_webhook(&pool, "card", &short, |_| None)
            .await
            .unwrap(),
        WebhookOutcome::AmountMismatch
    );
    assert_eq!(
        db::order_status(&pool, &placed.number).await.unwrap(),
        Some(OrderStatus::PendingPayment)
    );

    let paid = event(
        "evt_paid",
        WebhookKind::PaymentSucceeded,
        &placed,
        placed.total,
    );
    let mut mails = 0;
    let first = db::take_webhook(&pool, "card", &paid, |_| {
        mails += 1;
        None
    })
    .await
    .unwrap();
    assert_eq!(first, WebhookOutcome::Paid(placed.number.clone()));
    let again = db::take_webhook(&pool, "card", &paid, |_| panic!("no second mail"))
        .await
        .unwrap();
    assert_eq!(again, WebhookOutcome::Duplicate);
    assert_eq!(mails, 1);
    let order = db::order_by_number(&pool, &placed.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(order.status, OrderStatus::Paid);
    assert!(order.paid);
    assert_eq!(order.timeline.len(), 2);
    // Another event id for the same payment: already paid, still one effect.
    let other = event(
        "evt_other",
        WebhookKind::PaymentSucceeded,
        &placed,
        placed.total,
    );
    assert_eq!(
        db::take_webhook(&pool, "card", &other, |_| None)
            .await
            .unwrap(),
        WebhookOutcome::AlreadyPaid
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM order_events").await, 2);
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM payments WHERE status = 'succeeded'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_guest_cart_merges_into_the_account_capped_by_stock(pool: PgPool) {
    let (sku, variant) = product(&pool, "cup", 9_900, 5).await;
    let (other_sku, _) = product(&pool, "saucer", 4_900, 5).await;
    let user: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name) VALUES ('a@example.com', 'x', 'A') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let (mine, _) = db::claim_cart(&mut conn, CartOwner::User(user))
        .await
        .unwrap();
    db::add_item(&pool, mine, &sku, Quantity::new(3).unwrap())
        .await
        .unwrap();
    let guest = cart_with(&pool, &[(&sku, 4), (&other_sku, 1)]).await;
    db::merge_guest_cart(&pool, guest, user).await.unwrap();
    let cart = db::load_cart(&mut conn, mine).await.unwrap();
    let quantity = |v: i64| {
        cart.lines
            .iter()
            .find(|l| l.variant_id == v)
            .map(|l| l.quantity.get())
    };
    assert_eq!(quantity(variant), Some(5), "3 + 4 capped at the 5 in stock");
    assert_eq!(cart.lines.len(), 2);
    assert_eq!(db::guest_cart(&pool, guest).await.unwrap(), None);
}

#[sqlx::test(migrations = "../../migrations")]
async fn only_old_guest_carts_are_pruned(pool: PgPool) {
    let (sku, _) = product(&pool, "old-cart", 1_000, 5).await;
    let old = cart_with(&pool, &[(&sku, 1)]).await;
    let fresh = cart_with(&pool, &[(&sku, 1)]).await;
    let user: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name) VALUES ('p@example.com', 'x', 'P') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let mut conn = pool.acquire().await.unwrap();
    let (account, _) = db::claim_cart(&mut conn, CartOwner::User(user))
        .await
        .unwrap();
    sqlx::query("UPDATE carts SET updated_at = now() - interval '61 days' WHERE id = ANY($1)")
        .bind(vec![old, account])
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(db::prune_guest_carts(&pool, 60).await.unwrap(), 1);
    assert_eq!(db::guest_cart(&pool, old).await.unwrap(), None);
    assert_eq!(db::guest_cart(&pool, fresh).await.unwrap(), Some(fresh));
    assert_eq!(
        db::user_cart(&pool, user).await.unwrap(),
        Some(account),
        "accounts keep theirs"
    );
}
