//! Payments on the server: building checkout's settings from configuration, and the
//! provider's webhook, the only thing that marks a card order paid.

use crate::{errors, AppState};
use app::error::AppError;
use app::state::Commerce;
use axum::{
    body::Bytes,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Response},
    Json,
};
use dokkan_payments::{signature, PaymentError};
use std::sync::Arc;

/// Checkout's settings: the signing key (from the database), the card provider if any.
pub async fn commerce(
    pool: &sqlx::PgPool,
    card: Option<dokkan_payments::CardConfig>,
    payment_window_secs: i64,
) -> anyhow::Result<Arc<Commerce>> {
    let signer = dokkan_orders::db::signer(pool).await?;
    let (status_changes, _) = tokio::sync::broadcast::channel(256);
    Ok(Arc::new(Commerce {
        signer,
        card: card.map(dokkan_payments::HostedCard::new),
        payment_window_secs,
        status_changes,
    }))
}

/// `POST /api/v1/payments/webhook`: a signed event from the card provider. Answers 2xx
/// once the event is recorded (or was before), so the provider stops retrying; 400 for a
/// bad signature or body; 5xx when it could not be recorded (the provider retries).
pub async fn webhook(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let path = "/api/v1/payments/webhook";
    let Some(card) = state.commerce.card.as_ref() else {
        return errors::respond(path, &headers, AppError::not_found());
    };
    let event = match card.parse_webhook(&headers, &body, signature::now()) {
        Ok(event) => event,
        Err(PaymentError::UnknownEvent) => {
            return Json(serde_json::json!({ "outcome": "ignored" })).into_response()
        }
        Err(error) => {
            tracing::warn!(%error, "webhook refused");
            return errors::respond(
                path,
                &headers,
                AppError::bad_request().with_code("invalid_webhook"),
            );
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
            errors::respond(path, &headers, AppError::internal())
        }
    }
}
