//! Background jobs on PostgreSQL. Each is safe with several servers running it.

use std::time::Duration;

/// Cancels card orders whose payment window passed and returns their stock, every
/// `every`. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so instances share the work.
pub fn spawn_payment_expiry(pool: sqlx::PgPool, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            loop {
                match dokkan_orders::db::expire_unpaid(&pool, 100).await {
                    Ok(expired) if expired.is_empty() => break,
                    Ok(expired) => {
                        tracing::info!(count = expired.len(), "unpaid card orders expired");
                        if expired.len() < 100 {
                            break;
                        }
                    }
                    Err(error) => {
                        tracing::warn!(?error, "expiring unpaid orders failed");
                        break;
                    }
                }
            }
        }
    })
}

/// Deletes guest carts nobody touched within the cart cookie's lifetime, every `every`.
/// A plain DELETE: several servers running it at once delete each row once.
pub fn spawn_cart_pruning(pool: sqlx::PgPool, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            let days = app::server::cart::CART_COOKIE_DAYS as i32;
            match dokkan_orders::db::prune_guest_carts(&pool, days).await {
                Ok(0) => {}
                Ok(count) => tracing::info!(count, "abandoned guest carts pruned"),
                Err(error) => tracing::warn!(?error, "pruning guest carts failed"),
            }
        }
    })
}

/// Deletes sessions, refresh tokens and single-use links that ended more than a day ago,
/// every `every` (the day keeps recent ones for support questions). One transaction per
/// run; several servers running it at once delete each row once.
pub fn spawn_account_cleanup(pool: sqlx::PgPool, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match dokkan_accounts::db::delete_dead_rows(&pool, 24 * 3600).await {
                Ok(cleaned) if cleaned.total() == 0 => {}
                Ok(cleaned) => tracing::info!(
                    sessions = cleaned.sessions,
                    refresh_tokens = cleaned.refresh_tokens,
                    links = cleaned.links,
                    "expired sessions and used links deleted"
                ),
                Err(error) => tracing::warn!(?error, "deleting expired sessions and links failed"),
            }
        }
    })
}
