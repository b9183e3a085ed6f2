//! Sessions: a refresh-token family per sign-in, rotated on every use, revoked on sign
//! out, password change or disabling.

use super::*;

/// Starts a session (a refresh-token family) and returns its id and first refresh token.
pub async fn create_session(
    conn: &mut PgConnection,
    user_id: i64,
    lifetimes: &Lifetimes,
) -> Result<(i64, String)> {
    let session_id: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (user_id, expires_at)
         VALUES ($1, now() + make_interval(secs => $2)) RETURNING id",
    )
    .bind(user_id)
    .bind(lifetimes.refresh_secs as f64)
    .fetch_one(&mut *conn)
    .await?;
    let secret = new_secret();
    sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)")
        .bind(secret_hash(&secret))
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    Ok((session_id, secret))
}

/// The person behind a live session, as stored now (name and role may have changed since
/// the access token was issued). `None` once the session is revoked or expired, or the
/// account disabled.
pub async fn session_user(
    pool: &PgPool,
    session_id: i64,
    user_id: i64,
) -> Result<Option<CurrentUser>> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT u.name, u.role, u.locale FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
           AND u.disabled_at IS NULL",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    row.map(|(name, r, l)| {
        Ok(CurrentUser {
            user_id,
            session_id,
            name,
            role: role(&r)?,
            locale: locale(&l)?,
        })
    })
    .transpose()
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// Signed in again; the browser must store `refresh_secret` in place of the old one.
    Rotated {
        user: CurrentUser,
        refresh_secret: String,
    },
    /// Signed in; keep the refresh cookie the browser already has.
    Concurrent { user: CurrentUser },
    /// The token was reused after rotation; the session is now revoked.
    Reused,
    /// Unknown token or finished session.
    SignedOut,
}

pub async fn refresh(pool: &PgPool, secret: &str, lifetimes: &Lifetimes) -> Result<RefreshOutcome> {
    let hash = secret_hash(secret);
    let mut tx = pool.begin().await?;
    // Row locks on the token and its session serialize two requests racing with one token.
    type Row = (
        Option<i64>,
        i64,
        bool,
        bool,
        bool,
        i64,
        String,
        String,
        String,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT CASE WHEN rt.rotated_at IS NULL THEN NULL
                     ELSE greatest(0, extract(epoch FROM clock_timestamp() - rt.rotated_at))::bigint END,
                s.id, s.revoked_at IS NOT NULL, s.expires_at <= now(), u.disabled_at IS NOT NULL,
                u.id, u.name, u.role, u.locale
         FROM refresh_tokens rt
         JOIN sessions s ON s.id = rt.session_id
         JOIN users u ON u.id = s.user_id
         WHERE rt.token_hash = $1
         FOR UPDATE OF rt, s",
    )
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((rotated, session_id, revoked, expired, disabled, user_id, name, r, l)) = row else {
        return Ok(RefreshOutcome::SignedOut);
    };
    let stored = StoredRefresh {
        rotated_secs_ago: rotated,
        session_revoked: revoked,
        session_expired: expired,
        user_disabled: disabled,
    };
    let user = CurrentUser {
        user_id,
        session_id,
        name,
        role: role(&r)?,
        locale: locale(&l)?,
    };
    let outcome = match refresh_decision(stored, lifetimes.reuse_grace_secs) {
        RefreshDecision::Rotate => {
            sqlx::query(
                "UPDATE refresh_tokens SET rotated_at = clock_timestamp() WHERE token_hash = $1",
            )
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
            let refresh_secret = new_secret();
            sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)")
                .bind(secret_hash(&refresh_secret))
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            // Sliding expiry: a shopper who visits once a month stays signed in.
            sqlx::query(
                "UPDATE sessions SET last_used_at = now(),
                 expires_at = now() + make_interval(secs => $2) WHERE id = $1",
            )
            .bind(session_id)
            .bind(lifetimes.refresh_secs as f64)
            .execute(&mut *tx)
            .await?;
            RefreshOutcome::Rotated {
                user,
                refresh_secret,
            }
        }
        RefreshDecision::Concurrent => RefreshOutcome::Concurrent { user },
        RefreshDecision::Reuse => {
            revoke_session(&mut tx, session_id, "reuse").await?;
            tracing::warn!(
                session_id,
                user_id,
                "refresh token reused after rotation; session revoked"
            );
            RefreshOutcome::Reused
        }
        RefreshDecision::Dead => RefreshOutcome::SignedOut,
    };
    tx.commit().await?;
    Ok(outcome)
}

pub async fn revoke_session(conn: &mut PgConnection, session_id: i64, reason: &str) -> Result<()> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(session_id)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// Signs out every session of a person except `keep` (the one changing the password).
pub async fn revoke_other_sessions(
    conn: &mut PgConnection,
    user_id: i64,
    keep: i64,
    reason: &str,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $3
         WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(keep)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn revoke_all_sessions(
    conn: &mut PgConnection,
    user_id: i64,
    reason: &str,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
