//! Limits on failed sign-ins, per account and per client address.

use super::*;

/// The limits on failed sign-ins within one window.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub window_secs: i64,
    pub per_account: i64,
    pub per_ip: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window_secs: 15 * 60,
            per_account: 5,
            per_ip: 20,
        }
    }
}

/// Whether this attempt must be refused before the password is even checked.
pub async fn sign_in_throttled(
    pool: &PgPool,
    email: &str,
    client_ip: Option<&str>,
    throttle: &Throttle,
) -> Result<bool> {
    let (by_account, by_ip): (i64, i64) = sqlx::query_as(
        "SELECT
           (SELECT count(*) FROM sign_in_failures
             WHERE email = $1 AND failed_at > now() - make_interval(secs => $3)),
           (SELECT count(*) FROM sign_in_failures
             WHERE $2::inet IS NOT NULL AND client_ip = $2::inet
               AND failed_at > now() - make_interval(secs => $3))",
    )
    .bind(email)
    .bind(client_ip)
    .bind(throttle.window_secs as f64)
    .fetch_one(pool)
    .await?;
    Ok(by_account >= throttle.per_account || by_ip >= throttle.per_ip)
}

pub async fn record_sign_in_failure(
    pool: &PgPool,
    email: &str,
    client_ip: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO sign_in_failures (email, client_ip) VALUES ($1, $2::inet)")
        .bind(email)
        .bind(client_ip)
        .execute(pool)
        .await?;
    // Old rows are only noise for the window queries.
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    Ok(())
}

/// A successful sign-in forgets the account's failures (its rows stop counting for the
/// client address too; other emails' failures from that address still count).
pub async fn clear_sign_in_failures(pool: &PgPool, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1")
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}
