//! Carts in PostgreSQL: a signed-in person's (one per person) or a guest's (found through
//! the signed cookie). Quantities are capped by stock when they are set; a line whose
//! stock fell later is flagged when the cart is read, never silently changed.

use super::{corrupt, Result};
use crate::{Cart, CartLine, Quantity};
use dokkan_catalog::Localized;
use dokkan_core::{Currency, Money};
use sqlx::{PgConnection, PgPool, Row as _};

/// Whose cart a request works on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartOwner {
    User(i64),
    /// A guest, with the cart id from their cookie if they have one.
    Guest(Option<i64>),
}

/// The cart a request already has, without creating one.
pub async fn user_cart(pool: &PgPool, user_id: i64) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM carts WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(pool)
            .await?,
    )
}

/// A guest cart id from a cookie, if that cart still exists and belongs to no account.
pub async fn guest_cart(pool: &PgPool, cart_id: i64) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM carts WHERE id = $1 AND user_id IS NULL")
            .bind(cart_id)
            .fetch_optional(pool)
            .await?,
    )
}

/// The owner's cart, created when missing. Returns the id and whether it is new (a new
/// guest cart needs its cookie).
pub async fn claim_cart(conn: &mut PgConnection, owner: CartOwner) -> Result<(i64, bool)> {
    match owner {
        CartOwner::User(user_id) => {
            let row = sqlx::query(
                "INSERT INTO carts (user_id) VALUES ($1) \
                 ON CONFLICT (user_id) DO UPDATE SET updated_at = now() \
                 RETURNING id, (xmax = 0) AS created",
            )
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?;
            Ok((row.try_get("id")?, row.try_get("created")?))
        }
        CartOwner::Guest(Some(id)) => {
            let existing: Option<i64> = sqlx::query_scalar(
                "UPDATE carts SET updated_at = now() WHERE id = $1 AND user_id IS NULL RETURNING id",
            )
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            match existing {
                Some(id) => Ok((id, false)),
                None => Box::pin(claim_cart(conn, CartOwner::Guest(None))).await,
            }
        }
        CartOwner::Guest(None) => {
            let id = sqlx::query_scalar("INSERT INTO carts DEFAULT VALUES RETURNING id")
                .fetch_one(&mut *conn)
                .await?;
            Ok((id, true))
        }
    }
}

/// What adding to the cart did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddOutcome {
    Added {
        quantity: Quantity,
    },
    /// Added, but fewer than asked: only this many are in stock (or the line limit).
    Capped {
        quantity: Quantity,
    },
    SoldOut,
    /// No such variant, or its product is not published.
    NotSold,
    /// An action with this key was applied to this cart before: nothing changed.
    AlreadyApplied,
}

/// Whether a browser-chosen action key has the shape `cart_actions` accepts.
pub fn valid_action_key(key: &str) -> bool {
    (16..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The variant's id, sellable stock and price (none when its product is not published).
async fn sellable(conn: &mut PgConnection, sku: &str) -> Result<Option<(i64, i32, i64)>> {
    let row = sqlx::query(
        "SELECT v.id, v.stock, v.price_minor FROM product_variants v \
           JOIN products p ON p.id = v.product_id \
          WHERE v.sku = $1 AND p.published",
    )
    .bind(sku)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => Ok(Some((
            r.try_get("id")?,
            r.try_get("stock")?,
            r.try_get("price_minor")?,
        ))),
        None => Ok(None),
    }
}

/// Adds `quantity` of the variant with `sku`, summing with what the cart already holds
/// and capping at stock.
pub async fn add_item(
    pool: &PgPool,
    cart_id: i64,
    sku: &str,
    quantity: Quantity,
) -> Result<AddOutcome> {
    add(pool, cart_id, sku, quantity, None).await
}

/// [`add_item`], applied at most once per `key` and cart: the installed app replays
/// actions queued offline and may send one twice. The key is recorded in the same
/// transaction as the line, so a second sending waits for the first and then changes
/// nothing. Callers check the key's shape with [`valid_action_key`] first (the table
/// refuses any other).
pub async fn add_item_once(
    pool: &PgPool,
    cart_id: i64,
    sku: &str,
    quantity: Quantity,
    key: &str,
) -> Result<AddOutcome> {
    add(pool, cart_id, sku, quantity, Some(key)).await
}

async fn add(
    pool: &PgPool,
    cart_id: i64,
    sku: &str,
    quantity: Quantity,
    key: Option<&str>,
) -> Result<AddOutcome> {
    let mut tx = pool.begin().await?;
    if let Some(key) = key {
        let first = sqlx::query(
            "INSERT INTO cart_actions (cart_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(cart_id)
        .bind(key)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if !first {
            return Ok(AddOutcome::AlreadyApplied);
        }
    }
    let Some((variant_id, stock, price)) = sellable(&mut tx, sku).await? else {
        return Ok(AddOutcome::NotSold);
    };
    if stock <= 0 {
        return Ok(AddOutcome::SoldOut);
    }
    let current: i32 = sqlx::query_scalar(
        "SELECT quantity FROM cart_items WHERE cart_id = $1 AND variant_id = $2 FOR UPDATE",
    )
    .bind(cart_id)
    .bind(variant_id)
    .fetch_optional(&mut *tx)
    .await?
    .unwrap_or(0);
    let wanted = i64::from(current) + i64::from(quantity.get());
    let allowed = wanted.min(i64::from(stock)).min(i64::from(Quantity::MAX));
    let Some(new_quantity) = Quantity::capped(allowed) else {
        return Ok(AddOutcome::SoldOut);
    };
    sqlx::query(
        "INSERT INTO cart_items (cart_id, variant_id, quantity, seen_price_minor) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (cart_id, variant_id) DO UPDATE SET quantity = EXCLUDED.quantity",
    )
    .bind(cart_id)
    .bind(variant_id)
    .bind(new_quantity.get() as i32)
    .bind(price)
    .execute(&mut *tx)
    .await?;
    touch(&mut tx, cart_id).await?;
    tx.commit().await?;
    Ok(if allowed < wanted {
        AddOutcome::Capped {
            quantity: new_quantity,
        }
    } else {
        AddOutcome::Added {
            quantity: new_quantity,
        }
    })
}

/// Sets a line's quantity (capped by stock); 0 removes it. Returns the quantity kept.
pub async fn set_quantity(
    pool: &PgPool,
    cart_id: i64,
    variant_id: i64,
    quantity: u32,
) -> Result<u32> {
    if quantity == 0 {
        remove_item(pool, cart_id, variant_id).await?;
        return Ok(0);
    }
    let kept: Option<i32> = sqlx::query_scalar(
        "UPDATE cart_items c \
            SET quantity = GREATEST(1, LEAST($3, 99, v.stock)) \
           FROM product_variants v \
          WHERE c.cart_id = $1 AND c.variant_id = $2 AND v.id = c.variant_id \
         RETURNING c.quantity",
    )
    .bind(cart_id)
    .bind(variant_id)
    .bind(quantity.min(Quantity::MAX) as i32)
    .fetch_optional(pool)
    .await?;
    Ok(kept.map(|q| q as u32).unwrap_or(0))
}

pub async fn remove_item(pool: &PgPool, cart_id: i64, variant_id: i64) -> Result<()> {
    sqlx::query("DELETE FROM cart_items WHERE cart_id = $1 AND variant_id = $2")
        .bind(cart_id)
        .bind(variant_id)
        .execute(pool)
        .await?;
    Ok(())
}

async fn touch(conn: &mut PgConnection, cart_id: i64) -> Result<()> {
    sqlx::query("UPDATE carts SET updated_at = now() WHERE id = $1")
        .bind(cart_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Units in the cart, for the header.
pub async fn cart_count(pool: &PgPool, cart_id: i64) -> Result<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COALESCE(sum(quantity), 0)::bigint FROM cart_items WHERE cart_id = $1",
    )
    .bind(cart_id)
    .fetch_one(pool)
    .await?;
    Ok(count as u32)
}

/// Every line at today's price and stock, oldest first.
pub async fn load_cart(conn: &mut PgConnection, cart_id: i64) -> Result<Cart> {
    let rows = sqlx::query(
        "SELECT c.variant_id, c.quantity, c.seen_price_minor, \
                v.sku, v.price_minor, v.currency, \
                CASE WHEN p.published THEN v.stock ELSE 0 END AS available, \
                p.handle, p.name_en, p.name_ar, \
                COALESCE(string_agg(ov.value_en, ' / ' ORDER BY o.position), '') AS options_en, \
                COALESCE(string_agg(ov.value_ar, ' / ' ORDER BY o.position), '') AS options_ar, \
                img.path AS image_path, img.alt_en, img.alt_ar, img.media_hash \
           FROM cart_items c \
           JOIN product_variants v ON v.id = c.variant_id \
           JOIN products p ON p.id = v.product_id \
           LEFT JOIN variant_option_values ov ON ov.variant_id = v.id \
           LEFT JOIN product_options o ON o.id = ov.option_id \
           LEFT JOIN LATERAL ( \
                SELECT path, alt_en, alt_ar, media_hash FROM product_images i \
                 WHERE i.id = v.image_id OR (v.image_id IS NULL AND i.product_id = p.id) \
                 ORDER BY (i.id = v.image_id) DESC, i.position LIMIT 1) img ON true \
          WHERE c.cart_id = $1 \
          GROUP BY c.variant_id, c.quantity, c.seen_price_minor, c.added_at, v.id, p.id, \
                   img.path, img.alt_en, img.alt_ar, img.media_hash \
          ORDER BY c.added_at, c.variant_id",
    )
    .bind(cart_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let currency = Currency::from_code(row.try_get::<&str, _>("currency")?)
            .ok_or_else(|| corrupt("variant currency"))?;
        let quantity = Quantity::new(i64::from(row.try_get::<i32, _>("quantity")?))
            .map_err(|_| corrupt("cart quantity"))?;
        let image = dokkan_catalog::db::optional_image(&row, "image_path")?;
        lines.push(CartLine {
            variant_id: row.try_get("variant_id")?,
            handle: row.try_get("handle")?,
            name: Localized::new(
                row.try_get::<String, _>("name_en")?,
                row.try_get::<String, _>("name_ar")?,
            ),
            options: Localized::new(
                row.try_get::<String, _>("options_en")?,
                row.try_get::<String, _>("options_ar")?,
            ),
            sku: row.try_get("sku")?,
            image,
            price: Money::new(row.try_get("price_minor")?, currency),
            seen_price: Money::new(row.try_get("seen_price_minor")?, currency),
            quantity,
            available: row.try_get("available")?,
        });
    }
    Ok(Cart { lines })
}

/// Moves a guest cart into the person's cart at sign-in: quantities of the same variant
/// are summed and capped by stock (and the line limit); the guest cart is then deleted.
pub async fn merge_guest_cart(pool: &PgPool, guest_cart_id: i64, user_id: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    let guest: Option<i64> =
        sqlx::query_scalar("SELECT id FROM carts WHERE id = $1 AND user_id IS NULL FOR UPDATE")
            .bind(guest_cart_id)
            .fetch_optional(&mut *tx)
            .await?;
    if guest.is_none() {
        return Ok(());
    }
    let (user_cart, _) = claim_cart(&mut tx, CartOwner::User(user_id)).await?;
    sqlx::query(
        "INSERT INTO cart_items (cart_id, variant_id, quantity, seen_price_minor, added_at) \
         SELECT $2, g.variant_id, GREATEST(1, LEAST(g.quantity, 99, v.stock)), g.seen_price_minor, g.added_at \
           FROM cart_items g JOIN product_variants v ON v.id = g.variant_id \
          WHERE g.cart_id = $1 \
          ORDER BY g.variant_id \
         ON CONFLICT (cart_id, variant_id) DO UPDATE \
            SET quantity = GREATEST(1, LEAST(cart_items.quantity + EXCLUDED.quantity, 99, \
                (SELECT stock FROM product_variants WHERE id = EXCLUDED.variant_id)))",
    )
    .bind(guest_cart_id)
    .bind(user_cart)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM carts WHERE id = $1")
        .bind(guest_cart_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes guest carts untouched for `days` (their cookie has expired by then). Returns
/// how many went.
pub async fn prune_guest_carts(pool: &PgPool, days: i32) -> Result<u64> {
    let done = sqlx::query(
        "DELETE FROM carts WHERE user_id IS NULL AND updated_at < now() - make_interval(days => $1)",
    )
    .bind(days)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
