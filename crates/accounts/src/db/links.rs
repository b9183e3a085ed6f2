//! Single-use links mailed to a person: verifying an email, resetting a password.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    VerifyEmail,
    PasswordReset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::VerifyEmail => "verify-email",
            LinkPurpose::PasswordReset => "password-reset",
        }
    }

    fn lifetime(self, lifetimes: &Lifetimes) -> i64 {
        match self {
            LinkPurpose::VerifyEmail => lifetimes.verify_email_secs,
            LinkPurpose::PasswordReset => lifetimes.password_reset_secs,
        }
    }
}

/// A new link secret; earlier unused links of the same purpose stop working.
pub async fn create_link(
    conn: &mut PgConnection,
    user_id: i64,
    purpose: LinkPurpose,
    lifetimes: &Lifetimes,
) -> Result<String> {
    sqlx::query(
        "UPDATE account_tokens SET used_at = now()
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(&mut *conn)
    .await?;
    let secret = new_secret();
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
    )
    .bind(secret_hash(&secret))
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(purpose.lifetime(lifetimes) as f64)
    .execute(&mut *conn)
    .await?;
    Ok(secret)
}

/// Uses a link once: the owner's id, or `None` if unknown, used or expired.
pub async fn consume_link(
    conn: &mut PgConnection,
    secret: &str,
    purpose: LinkPurpose,
) -> Result<Option<i64>> {
    let id = sqlx::query_scalar(
        "UPDATE account_tokens SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
         RETURNING user_id",
    )
    .bind(secret_hash(secret))
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// Whether a link would still work, without using it (to show the reset form or an error).
pub async fn link_is_valid(pool: &PgPool, secret: &str, purpose: LinkPurpose) -> Result<bool> {
    let valid = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM account_tokens WHERE token_hash = $1 AND purpose = $2
                        AND used_at IS NULL AND expires_at > now())",
    )
    .bind(secret_hash(secret))
    .bind(purpose.as_str())
    .fetch_one(pool)
    .await?;
    Ok(valid)
}
