//! Placing an order: one transaction that re-prices the cart from the database, takes a
//! discount use, reserves stock with guarded updates, writes the order, its items, its
//! first timeline entry and its confirmation mail, and empties the cart. Either all of it
//! commits or none of it does, so a crash never leaves half an order.

use super::{cart::load_cart, discount, shipping::shipping_options, Result};
use crate::{
    shipping::ShippingMethod, Actor, DiscountRejection, OrderNumber, OrderStatus, OrdersError,
    Totals,
};
use dokkan_accounts::{Address, Email, PhoneNumber};
use dokkan_catalog::Localized;
use dokkan_core::{Locale, Money};
use dokkan_mail::OutgoingMail;
use dokkan_payments::PaymentMethod;
use rand::Rng as _;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool, Row as _};

/// Everything the checkout form submits, parsed. Prices are not in it: they come from the
/// database.
#[derive(Debug, Clone)]
pub struct CheckoutInput {
    pub cart_id: i64,
    pub user_id: Option<i64>,
    pub email: Email,
    pub phone: PhoneNumber,
    pub address: Address,
    pub shipping: ShippingMethod,
    pub payment: PaymentMethod,
    pub discount_code: Option<String>,
    pub locale: Locale,
    /// Made when the checkout page was rendered; a retry sends the same one.
    pub idempotency_key: String,
    /// `Cart::fingerprint` of the cart the page showed.
    pub cart_fingerprint: String,
    /// How long a card order waits for its payment before its stock is given back.
    pub payment_window_secs: i64,
}

impl CheckoutInput {
    /// SHA-256 over every submitted field, in a fixed order with separators, so "same key,
    /// other payload" is told apart from a retry.
    fn request_hash(&self) -> Vec<u8> {
        let a = &self.address;
        let fields: [&str; 17] = [
            &self.cart_fingerprint,
            self.email.as_str(),
            self.phone.as_str(),
            a.recipient.as_str(),
            a.phone.as_str(),
            a.governorate.code(),
            &a.city,
            &a.street,
            &a.building,
            a.floor.as_deref().unwrap_or(""),
            a.apartment.as_deref().unwrap_or(""),
            a.landmark.as_deref().unwrap_or(""),
            self.shipping.as_str(),
            self.payment.as_str(),
            self.discount_code.as_deref().unwrap_or(""),
            self.locale.as_str(),
            &self.user_id.map(|id| id.to_string()).unwrap_or_default(),
        ];
        let mut hash = Sha256::new();
        for field in fields {
            hash.update((field.len() as u64).to_be_bytes());
            hash.update(field.as_bytes());
        }
        hash.finalize().to_vec()
    }
}

/// Why an order was not placed. Each has a message for the shopper.
#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error("the cart is empty")]
    EmptyCart,
    /// The cart is not what the checkout page showed (another tab changed it, a price moved).
    #[error("the cart changed")]
    CartChanged,
    /// Not enough stock for a line; nothing was ordered.
    #[error("sold out: {sku}")]
    SoldOut { sku: String, name: Localized },
    #[error("discount refused")]
    Discount(DiscountRejection),
    /// The shop has no rate for this governorate and method.
    #[error("no shipping to this address")]
    NoShipping,
    /// The idempotency key was used for a different order (HTTP 409).
    #[error("idempotency key reused with another payload")]
    KeyReused,
    #[error(transparent)]
    Orders(#[from] OrdersError),
}

impl From<sqlx::Error> for CheckoutError {
    fn from(error: sqlx::Error) -> Self {
        CheckoutError::Orders(OrdersError::Database(error))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedOrder {
    pub id: i64,
    pub number: OrderNumber,
    pub status: OrderStatus,
    pub total: Money,
    pub payment: PaymentMethod,
    pub email: String,
    pub locale: Locale,
    /// True when this is the answer to a retry: the order was placed by an earlier request.
    pub replayed: bool,
}

/// Places the cart as an order. `confirmation` writes the mail queued with it (cash on
/// delivery; a card order's mail waits for its payment).
pub async fn place_order(
    pool: &PgPool,
    input: &CheckoutInput,
    confirmation: impl FnOnce(&OrderNumber, &Totals) -> Option<OutgoingMail>,
) -> std::result::Result<PlacedOrder, CheckoutError> {
    let hash = input.request_hash();
    let mut tx = pool.begin().await?;
    // A double-click sends two requests with one key: the second waits here until the
    // first commits, then finds its order below instead of racing it for stock and codes.
    let key_hash = Sha256::digest(input.idempotency_key.as_bytes());
    let lock = i64::from_be_bytes(key_hash[..8].try_into().expect("8 bytes"));
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(lock)
        .execute(&mut *tx)
        .await?;
    if let Some(existing) = existing_order(&mut tx, &input.idempotency_key, &hash).await? {
        return Ok(existing);
    }

    let cart = load_cart(&mut tx, input.cart_id).await?;
    if cart.is_empty() {
        return Err(CheckoutError::EmptyCart);
    }
    if cart.fingerprint() != input.cart_fingerprint {
        return Err(CheckoutError::CartChanged);
    }
    if let Some(line) = cart
        .lines
        .iter()
        .find(|l| l.issue().is_some_and(|issue| issue.blocks_checkout()))
    {
        return Err(CheckoutError::SoldOut {
            sku: line.sku.clone(),
            name: line.name.clone(),
        });
    }
    let option = shipping_options(&mut *tx, input.address.governorate)
        .await?
        .into_iter()
        .find(|o| o.method == input.shipping)
        .ok_or(CheckoutError::NoShipping)?;
    let lines = cart.priced_lines();
    let overflow = || OrdersError::Corrupt("order total out of range".into());
    let subtotal = Totals::compute(&lines, None, &option.rate)
        .ok_or_else(overflow)?
        .subtotal;
    let redemption = match &input.discount_code {
        Some(code) => {
            let customer = discount::customer_key(input.user_id, input.email.as_str());
            match discount::redeem(&mut tx, code, subtotal, customer).await? {
                Ok(redemption) => Some(redemption),
                Err(rejection) => return Err(CheckoutError::Discount(rejection)),
            }
        }
        None => None,
    };
    let totals = Totals::compute(&lines, redemption.as_ref().map(|r| r.amount), &option.rate)
        .ok_or_else(overflow)?;

    // Stock: one guarded update per variant, in id order (every checkout locks rows in the
    // same order, so two never wait on each other in a cycle).
    let mut by_variant: Vec<_> = cart.lines.iter().collect();
    by_variant.sort_by_key(|l| l.variant_id);
    for line in by_variant {
        let taken = sqlx::query(
            "UPDATE product_variants SET stock = stock - $2 WHERE id = $1 AND stock >= $2",
        )
        .bind(line.variant_id)
        .bind(line.quantity.get() as i32)
        .execute(&mut *tx)
        .await?;
        if taken.rows_affected() != 1 {
            return Err(CheckoutError::SoldOut {
                sku: line.sku.clone(),
                name: line.name.clone(),
            });
        }
    }

    let status = match input.payment {
        PaymentMethod::CashOnDelivery => OrderStatus::Placed,
        PaymentMethod::Card => OrderStatus::PendingPayment,
    };
    let (order_id, number) = insert_order(&mut tx, input, &hash, &totals, status).await?;
    insert_items(&mut tx, order_id, &cart.lines).await?;
    if let Some(redemption) = &redemption {
        discount::record_redemption(&mut tx, redemption, order_id).await?;
    }
    sqlx::query(
        "INSERT INTO order_events (order_id, from_status, to_status, event, actor, actor_user_id) \
         VALUES ($1, NULL, $2, 'placed', $3, $4)",
    )
    .bind(order_id)
    .bind(status.as_str())
    .bind(Actor::Customer.as_str())
    .bind(input.user_id)
    .execute(&mut *tx)
    .await?;
    if let Some(mail) = confirmation(&number, &totals) {
        dokkan_mail::enqueue(&mut tx, &mail)
            .await
            .map_err(|e| OrdersError::Corrupt(format!("confirmation mail: {e}")))?;
    }
    sqlx::query("DELETE FROM cart_items WHERE cart_id = $1")
        .bind(input.cart_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(PlacedOrder {
        id: order_id,
        number,
        status,
        total: totals.total,
        payment: input.payment,
        email: input.email.as_str().to_string(),
        locale: input.locale,
        replayed: false,
    })
}

async fn existing_order(
    conn: &mut PgConnection,
    key: &str,
    hash: &[u8],
) -> std::result::Result<Option<PlacedOrder>, CheckoutError> {
    let row = sqlx::query(
        "SELECT id, number, status, total_minor, currency, payment_method, email, locale, request_hash \
           FROM orders WHERE idempotency_key = $1",
    )
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    if row.try_get::<Vec<u8>, _>("request_hash")? != hash {
        return Err(CheckoutError::KeyReused);
    }
    let corrupt = |what: &str| CheckoutError::Orders(OrdersError::Corrupt(what.to_string()));
    Ok(Some(PlacedOrder {
        id: row.try_get("id")?,
        number: OrderNumber::parse(row.try_get::<&str, _>("number")?)
            .map_err(|_| corrupt("number"))?,
        status: OrderStatus::parse(row.try_get::<&str, _>("status")?)
            .ok_or_else(|| corrupt("status"))?,
        total: Money::new(
            row.try_get("total_minor")?,
            dokkan_core::Currency::from_code(row.try_get::<&str, _>("currency")?)
                .ok_or_else(|| corrupt("currency"))?,
        ),
        payment: PaymentMethod::parse(row.try_get::<&str, _>("payment_method")?)
            .ok_or_else(|| corrupt("payment method"))?,
        email: row.try_get("email")?,
        locale: Locale::from_url_segment(row.try_get::<&str, _>("locale")?)
            .unwrap_or(Locale::DEFAULT),
        replayed: true,
    }))
}

/// Inserts the order under a fresh random number (drawing again on the rare collision).
async fn insert_order(
    conn: &mut PgConnection,
    input: &CheckoutInput,
    hash: &[u8],
    totals: &Totals,
    status: OrderStatus,
) -> std::result::Result<(i64, OrderNumber), CheckoutError> {
    let a = &input.address;
    let due = (input.payment == PaymentMethod::Card).then_some(input.payment_window_secs);
    for _ in 0..8 {
        let number = OrderNumber::from_digits(rand::rng().random_range(10_000_000..=99_999_999));
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO orders (number, user_id, email, phone, locale, status, payment_method, currency, \
                 subtotal_minor, discount_minor, shipping_minor, total_minor, discount_code, shipping_method, \
                 recipient, ship_phone, governorate, city, street, building, floor, apartment, landmark, \
                 idempotency_key, request_hash, payment_due_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, \
                 $19, $20, $21, $22, $23, $24, $25, now() + make_interval(secs => $26)) \
             ON CONFLICT (number) DO NOTHING RETURNING id",
        )
        .bind(number.as_str())
        .bind(input.user_id)
        .bind(input.email.as_str())
        .bind(input.phone.as_str())
        .bind(input.locale.as_str())
        .bind(status.as_str())
        .bind(input.payment.as_str())
        .bind(totals.total.currency().code())
        .bind(totals.subtotal.minor())
        .bind(totals.discount.minor())
        .bind(totals.shipping.minor())
        .bind(totals.total.minor())
        .bind(input.discount_code.as_deref().map(discount::normalize))
        .bind(input.shipping.as_str())
        .bind(a.recipient.as_str())
        .bind(a.phone.as_str())
        .bind(a.governorate.code())
        .bind(&a.city)
        .bind(&a.street)
        .bind(&a.building)
        .bind(&a.floor)
        .bind(&a.apartment)
        .bind(&a.landmark)
        .bind(&input.idempotency_key)
        .bind(hash)
        .bind(due.map(|s| s as f64))
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            return Ok((id, number));
        }
    }
    Err(OrdersError::Corrupt("no free order number after 8 draws".into()).into())
}

async fn insert_items(
    conn: &mut PgConnection,
    order_id: i64,
    lines: &[crate::CartLine],
) -> Result<()> {
    let mut positions = Vec::new();
    let mut variants = Vec::new();
    let mut handles = Vec::new();
    let mut skus = Vec::new();
    let (mut names_en, mut names_ar, mut options_en, mut options_ar) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut prices = Vec::new();
    let mut quantities = Vec::new();
    for (position, line) in lines.iter().enumerate() {
        positions.push(position as i32);
        variants.push(line.variant_id);
        handles.push(line.handle.clone());
        skus.push(line.sku.clone());
        names_en.push(line.name.en.clone());
        names_ar.push(line.name.ar.clone());
        options_en.push(line.options.en.clone());
        options_ar.push(line.options.ar.clone());
        prices.push(line.price.minor());
        quantities.push(line.quantity.get() as i32);
    }
    sqlx::query(
        "INSERT INTO order_items (order_id, position, variant_id, product_handle, sku, name_en, name_ar, \
             options_en, options_ar, unit_price_minor, quantity, line_total_minor) \
         SELECT $1, p, v, h, s, ne, na, oe, oa, pr, q, pr * q \
           FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], \
                       $8::text[], $9::text[], $10::bigint[], $11::int[]) \
                AS t(p, v, h, s, ne, na, oe, oa, pr, q)",
    )
    .bind(order_id)
    .bind(&positions)
    .bind(&variants)
    .bind(&handles)
    .bind(&skus)
    .bind(&names_en)
    .bind(&names_ar)
    .bind(&options_en)
    .bind(&options_ar)
    .bind(&prices)
    .bind(&quantities)
    .execute(conn)
    .await?;
    Ok(())
}

/// An order's lines as the event log records a purchase: product id (when the product
/// still exists), quantity, line total in minor units.
pub async fn purchased_lines(pool: &PgPool, order_id: i64) -> Result<Vec<(i64, i32, i64)>> {
    Ok(sqlx::query_as(
        "SELECT v.product_id, i.quantity, i.line_total_minor \
           FROM order_items i JOIN product_variants v ON v.id = i.variant_id \
          WHERE i.order_id = $1 ORDER BY i.position",
    )
    .bind(order_id)
    .fetch_all(pool)
    .await?)
}
