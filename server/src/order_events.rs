//! Live order status: one PostgreSQL listener per server fans `NOTIFY order_status`
//! (sent by a trigger on every status change, whichever instance made it) out to the
//! order pages' event streams.

use crate::AppState;
use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use dokkan_orders::OrderNumber;
use futures::stream::{self, Stream};
use serde::Deserialize;
use std::convert::Infallible;
use tokio::sync::broadcast;

/// Listens for status changes until the process ends, reconnecting after failures.
pub fn spawn_listener(
    pool: sqlx::PgPool,
    changes: broadcast::Sender<String>,
) -> tokio::task::JoinHandle<()> {
    crate::listen::spawn_listener(pool, "order_status", changes)
}

#[derive(Deserialize)]
pub struct KeyQuery {
    #[serde(default)]
    key: String,
}

/// `GET /api/v1/orders/{number}/events?key=…`: `status` events, the current status first.
/// The key is the one in the order's link, so only those who may see the order can follow it.
pub async fn stream(
    State(state): State<AppState>,
    Path(number): Path<String>,
    Query(query): Query<KeyQuery>,
    headers: HeaderMap,
) -> Response {
    // A wrong number and a wrong key look the same.
    let not_found = || {
        crate::errors::respond(
            "/api/v1/orders",
            &headers,
            app::error::AppError::not_found(),
        )
    };
    let Ok(number) = OrderNumber::parse(&number) else {
        return not_found();
    };
    if !state.commerce.signer.order_key_matches(&number, &query.key) {
        return not_found();
    }
    let changes = state.commerce.status_changes.subscribe();
    Sse::new(statuses(state.pool.clone(), number, changes))
        .keep_alive(KeepAlive::default())
        .into_response()
}

fn statuses(
    pool: sqlx::PgPool,
    number: OrderNumber,
    changes: broadcast::Receiver<String>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(
        (pool, number, changes, true),
        |(pool, number, mut changes, first)| async move {
            if !first {
                loop {
                    match changes.recv().await {
                        Ok(changed) if changed == number.as_str() => break,
                        Ok(_) => continue,
                        // Missed some: read the status anyway.
                        Err(broadcast::error::RecvError::Lagged(_)) => break,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    }
                }
            }
            let status = dokkan_orders::db::order_status(&pool, &number)
                .await
                .ok()
                .flatten()?;
            let event = Event::default().event("status").data(status.as_str());
            Some((Ok(event), (pool, number, changes, false)))
        },
    )
}
