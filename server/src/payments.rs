//! Payments on the server: building checkout's settings from configuration, and the
//! provider's webhook, the only thing that marks a card order paid.

use crate::{config::PaymentsConfig, AppState};
use app::state::Commerce;
use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use dokkan_payments::{signature, PaymentError};
use std::sync::Arc;

/// Checkout's settings: the signing key (from the database), the card provider if any.
pub async fn commerce(
    pool: &sqlx::PgPool,
    config: &PaymentsConfig,
) -> anyhow::Result<Arc<Commerce>> {
    let signer = dokkan_orders::db::signer(pool).await?;
    Ok(commerce_with(signer, config))
}

/// Checkout's settings with a given signing key.
pub fn commerce_with(signer: dokkan_orders::db::Signer, config: &PaymentsConfig) -> Arc<Commerce> {
    let (status_changes, _) = tokio::sync::broadcast::channel(256);
    Arc::new(Commerce {
        signer,
        card: config.card.clone().map(dokkan_payments::HostedCard::new),
        payment_window_secs: config.payment_window_secs,
        status_changes,
    })
}

/// `POST /api/v1/payments/webhook`: a signed event from the card provider. Answers 2xx
/// once the event is recorded (or was before), so the provider stops retrying; 400 for a
/// bad signature or body; 5xx when it could not be recorded (the provider retries).
pub async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let Some(card) = state.commerce.card.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let event = match card.parse_webhook(&headers, &body, signature::now()) {
        Ok(event) => event,
        Err(PaymentError::UnknownEvent) => {
            return Json(serde_json::json!({ "outcome": "ignored" })).into_response()
        }
        Err(error) => {
            tracing::warn!(%error, "webhook refused");
            return (
                StatusCode::BAD_REQUEST,
                Json(serde_json::json!({ "error": "invalid-webhook" })),
            )
                .into_response();
        }
    };
    let public_url = state.public_url.clone();
    let signer = state.commerce.signer.clone();
    let amount = event.amount;
    let taken = dokkan_orders::db::take_webhook(&state.pool, "card", &event, |order| {
        let link =
            app::server::orders::order_link(&public_url, order.locale, &order.number, &signer);
        Some(app::server::orders::confirmation_mail(
            order.locale,
            &order.email,
            &order.number,
            amount,
            &link,
        ))
    })
    .await;
    match taken {
        Ok(outcome) => {
            let label = outcome.label();
            tracing::info!(event = %event.id, outcome = label, "payment webhook");
            Json(serde_json::json!({ "outcome": label })).into_response()
        }
        Err(error) => {
            tracing::error!(?error, "recording a payment webhook failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
