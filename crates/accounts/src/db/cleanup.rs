//! The periodic cleanup: rows that can never be used again are deleted.

use super::*;

/// What one cleanup deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaned {
    pub sessions: u64,
    pub refresh_tokens: u64,
    pub links: u64,
}

impl Cleaned {
    pub fn total(&self) -> u64 {
        self.sessions + self.refresh_tokens + self.links
    }
}

/// Deletes sessions that ended (expired, or revoked) more than `keep_secs` ago with their
/// refresh tokens, and single-use links used or expired more than `keep_secs` ago. Live
/// sessions keep all their refresh tokens, rotated ones included: a rotated token seen
/// again is how a copied token is caught. One transaction; several servers running it at
/// once delete each row once.
pub async fn delete_dead_rows(pool: &PgPool, keep_secs: i64) -> Result<Cleaned> {
    let mut tx = pool.begin().await?;
    let keep = keep_secs.max(0) as f64;
    let refresh_tokens = sqlx::query(
        "DELETE FROM refresh_tokens WHERE session_id IN ( \
             SELECT id FROM sessions \
             WHERE expires_at < now() - make_interval(secs => $1) \
                OR revoked_at < now() - make_interval(secs => $1))",
    )
    .bind(keep)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let sessions = sqlx::query(
        "DELETE FROM sessions \
         WHERE expires_at < now() - make_interval(secs => $1) \
            OR revoked_at < now() - make_interval(secs => $1)",
    )
    .bind(keep)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let links = sqlx::query(
        "DELETE FROM account_tokens \
         WHERE used_at < now() - make_interval(secs => $1) \
            OR expires_at < now() - make_interval(secs => $1)",
    )
    .bind(keep)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    Ok(Cleaned {
        sessions,
        refresh_tokens,
        links,
    })
}
