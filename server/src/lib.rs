//! The Dokkan server as a library, so tests can start the real application on port 0.
//!
//! How the shop is put together: [`config::Config`] is read once from the environment;
//! [`Application::build`] wires it (database pool, sign-in keys, mail worker, payments,
//! background jobs, the search index follower) into an [`AppState`] and the
//! [`router`] (pages and server functions from the `app` crate, `/api/v1`, static files,
//! and the layers every request passes: security headers, the cross-site check, auth,
//! the admin functions' door, the input check, request ids, tracing, compression, the
//! panic catcher); [`Application::run`] serves it until a signal. Errors of every
//! surface are answered through [`errors`].

// Leptos' nested view types outgrow the default query depth in release builds (as in app).
#![recursion_limit = "512"]

pub mod api;
pub mod application;
pub mod auth;
pub mod channels;
pub mod chat_events;
pub mod config;
pub mod db;
pub mod errors;
pub mod health;
pub mod input;
pub mod insights;
pub mod insights_cli;
pub mod jobs;
pub mod listen;
pub mod middleware;
pub mod order_events;
pub mod payments;
pub mod pwa;
pub mod router;
pub mod security;
pub mod seo;
pub mod shutdown;
pub mod telemetry;
pub mod visitor;

pub use app::state::AppState;
pub use application::Application;

use anyhow::Context as _;
use app::auth::AuthSettings;
use dokkan_accounts::{db::Throttle, token::Lifetimes, token::TokenKeys};

/// Sign-in settings: the configured secret, or this install's key from the database.
pub async fn auth_settings(
    pool: &sqlx::PgPool,
    config: &config::AuthConfig,
) -> anyhow::Result<AuthSettings> {
    let secret = match &config.jwt_secret {
        Some(secret) => secret.expose().clone(),
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
