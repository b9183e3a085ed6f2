//! The install's token signing key, kept in PostgreSQL so every instance agrees.

use super::*;

/// The install's token signing key, created on first use and shared by every instance.
pub async fn signing_key(pool: &PgPool) -> Result<Vec<u8>> {
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ('jwt-hs256', $1) ON CONFLICT DO NOTHING",
    )
    .bind(new_key_material())
    .execute(pool)
    .await?;
    let key = sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = 'jwt-hs256'")
        .fetch_one(pool)
        .await?;
    Ok(key)
}
