//! What the server hands to every page and server function.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;

#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    /// Absolute base for canonical and hreflang links, without a trailing slash.
    pub public_url: String,
    pub auth: std::sync::Arc<crate::auth::AuthSettings>,
    /// The media store's folder (pictures and their WebP copies), served under `/media`.
    pub media_dir: std::path::PathBuf,
    /// The listing and search index (in memory, following PostgreSQL).
    pub search: dokkan_catalog::index::SearchIndex,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
