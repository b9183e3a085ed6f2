//! The Dokkan server as a library, so tests can start the real router on port 0.

// Leptos' nested view types outgrow the default query depth in release builds (as in app).
#![recursion_limit = "512"]

pub mod api;
pub mod auth;
pub mod config;
pub mod db;
pub mod health;
pub mod input;
pub mod jobs;
pub mod middleware;
pub mod order_events;
pub mod payments;
pub mod router;
pub mod security;
pub mod seo;
pub mod shutdown;
pub mod telemetry;

pub use app::state::AppState;

use anyhow::Context as _;
use app::auth::AuthSettings;
use dokkan_accounts::{db::Throttle, token::Lifetimes, token::TokenKeys};

/// Sign-in settings: the configured secret, or this install's key from the database.
pub async fn auth_settings(
    pool: &sqlx::PgPool,
    config: &config::AuthConfig,
) -> anyhow::Result<AuthSettings> {
    let secret = match &config.jwt_secret {
        Some(secret) => secret.clone(),
        None => dokkan_accounts::db::signing_key(pool)
            .await
            .context("reading the token signing key")?,
    };
    Ok(AuthSettings {
        keys: TokenKeys::from_secret(&secret).context("the token signing key is too short")?,
        lifetimes: Lifetimes::default(),
        throttle: Throttle::default(),
        secure_cookies: config.secure_cookies,
        trusted_proxies: config.trusted_proxies.clone(),
    })
}
