//! The push domain's SQL: the install's VAPID key, subscriptions, and the outbox
//! ([`outbox`]).

pub mod outbox;

pub use outbox::{enqueue_order_update, Claimed};

use crate::{vapid::VapidKey, ClientKeys, Endpoint, PushError};
use dokkan_core::Locale;
use sqlx::{PgPool, Row as _};

pub(crate) type Result<T> = std::result::Result<T, PushError>;

/// Subscriptions one account or one order may hold (browsers and devices).
pub const MAX_PER_OWNER: i64 = 20;

/// The install's VAPID key pair, created on first use and shared by every instance: the
/// first `INSERT` wins, everyone (that one included) reads the winner back. Browsers
/// subscribed with its public key, so it must never change.
pub async fn vapid_key(pool: &PgPool) -> Result<VapidKey> {
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ('vapid-p256', $1) ON CONFLICT DO NOTHING",
    )
    .bind(VapidKey::generate().to_bytes())
    .execute(pool)
    .await?;
    let bytes: Vec<u8> =
        sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = 'vapid-p256'")
            .fetch_one(pool)
            .await?;
    VapidKey::from_bytes(&bytes)
}

/// Whose order updates a subscription brings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// Every order of this account.
    Account(i64),
    /// This one order (a guest proved it with the order's key, or its owner asked).
    Order(i64),
}

impl Owner {
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            Owner::Account(user_id) => (Some(user_id), None),
            Owner::Order(order_id) => (None, Some(order_id)),
        }
    }
}

/// What [`subscribe`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// Stored (or its keys and language refreshed): the subscription's id.
    Saved(i64),
    /// The owner already has [`MAX_PER_OWNER`] other subscriptions.
    Full,
}

/// Stores a browser's subscription for `owner`, or refreshes the keys and language of the
/// one it already has for that endpoint.
pub async fn subscribe(
    pool: &PgPool,
    owner: Owner,
    endpoint: &Endpoint,
    keys: &ClientKeys,
    locale: Locale,
) -> Result<Subscribed> {
    let (user_id, order_id) = owner.columns();
    let mut tx = pool.begin().await?;
    let others: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM push_subscriptions \
          WHERE (user_id = $1 OR order_id = $2) AND endpoint <> $3",
    )
    .bind(user_id)
    .bind(order_id)
    .bind(endpoint.as_str())
    .fetch_one(&mut *tx)
    .await?;
    if others >= MAX_PER_OWNER {
        return Ok(Subscribed::Full);
    }
    let conflict = match owner {
        Owner::Account(_) => "(user_id, endpoint) WHERE user_id IS NOT NULL",
        Owner::Order(_) => "(order_id, endpoint) WHERE order_id IS NOT NULL",
    };
    let sql = format!(
        "INSERT INTO push_subscriptions (endpoint, p256dh, auth, locale, user_id, order_id) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT {conflict} DO UPDATE \
            SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, locale = EXCLUDED.locale \
         RETURNING id"
    );
    let id: i64 = sqlx::query_scalar(&sql)
        .bind(endpoint.as_str())
        .bind(keys.p256dh().as_slice())
        .bind(keys.auth().as_slice())
        .bind(locale.as_str())
        .bind(user_id)
        .bind(order_id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Subscribed::Saved(id))
}

/// Removes `owner`'s subscription for `endpoint`; whether there was one.
pub async fn unsubscribe(pool: &PgPool, owner: Owner, endpoint: &str) -> Result<bool> {
    let (user_id, order_id) = owner.columns();
    let deleted = sqlx::query(
        "DELETE FROM push_subscriptions \
          WHERE endpoint = $1 AND (user_id = $2 OR order_id = $3)",
    )
    .bind(endpoint)
    .bind(user_id)
    .bind(order_id)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(deleted > 0)
}

/// The push service said the endpoint is gone (404/410): every subscription using it
/// goes, with its pending messages. Returns how many subscriptions were removed.
pub async fn retire_endpoint(pool: &PgPool, endpoint: &str) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM push_subscriptions WHERE endpoint = $1")
            .bind(endpoint)
            .execute(pool)
            .await?
            .rows_affected(),
    )
}

/// One stored subscription (for tests and tools; endpoints are capabilities, never log
/// them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSubscription {
    pub id: i64,
    pub endpoint: String,
    pub locale: Locale,
    pub user_id: Option<i64>,
    pub order_id: Option<i64>,
}

/// Every subscription of `owner`, oldest first.
pub async fn subscriptions(pool: &PgPool, owner: Owner) -> Result<Vec<StoredSubscription>> {
    let (user_id, order_id) = owner.columns();
    let rows = sqlx::query(
        "SELECT id, endpoint, locale, user_id, order_id FROM push_subscriptions \
          WHERE user_id = $1 OR order_id = $2 ORDER BY id",
    )
    .bind(user_id)
    .bind(order_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(StoredSubscription {
                id: row.try_get("id")?,
                endpoint: row.try_get("endpoint")?,
                locale: Locale::from_url_segment(row.try_get::<&str, _>("locale")?)
                    .ok_or_else(|| PushError::Corrupt("subscription locale".into()))?,
                user_id: row.try_get("user_id")?,
                order_id: row.try_get("order_id")?,
            })
        })
        .collect()
}
