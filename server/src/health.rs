//! `/health`: the process lives. `/ready`: it can serve, because PostgreSQL answers.

use crate::AppState;
use axum::{extract::State, http::StatusCode};
use std::time::Duration;

pub async fn health() -> &'static str {
    "ok"
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let ping = sqlx::query_scalar::<_, i32>("SELECT 1").fetch_one(&state.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "not ready: database query failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("not ready: database did not answer in 2 s");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
