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
    /// Carts, checkout and payments.
    pub commerce: std::sync::Arc<Commerce>,
    /// Where pages put what shoppers do (a bounded queue; never waits).
    pub events: dokkan_events::sink::EventSink,
    /// The newest trained recommendation models, in memory.
    pub recommender: std::sync::Arc<dokkan_recommend::serving::Recommender>,
    /// How far back training reads (`DOKKAN_RECOMMEND_WINDOW_DAYS`), for "train now".
    pub recommend_window_days: i32,
    /// The A/B tests, in memory.
    pub experiments: std::sync::Arc<dokkan_events::experiment_db::Registry>,
    /// What sets of quiz answers put forward, for "for you" (a few minutes' memory).
    pub quiz_interest: std::sync::Arc<dokkan_quiz::cache::StatedCache>,
    /// The shopping assistant's understanding (trained in the background at start).
    pub assistant: std::sync::Arc<dokkan_assistant::Shared>,
    /// Messages per client to the assistant.
    pub assistant_limit: std::sync::Arc<crate::server::assistant::limit::ChatLimit>,
    /// Conversations with a new message (ids, fed by PostgreSQL `NOTIFY assistant_message`).
    pub chat_updates: tokio::sync::broadcast::Sender<String>,
}

/// What checkout and the order pages need besides the database.
pub struct Commerce {
    /// Signs the guest cart cookie and guests' order links.
    pub signer: dokkan_orders::db::Signer,
    /// The hosted card page's provider; `None` when none is configured (cash only).
    pub card: Option<dokkan_payments::HostedCard>,
    /// How long a card order holds its stock while waiting for the payment.
    pub payment_window_secs: i64,
    /// Order numbers whose status just changed (fed by PostgreSQL `NOTIFY order_status`).
    pub status_changes: tokio::sync::broadcast::Sender<String>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
