//! Live chat: `GET /api/v1/assistant/conversations/{id}/events` streams a site
//! conversation's new messages (a staff reply, the assistant's answer given in another
//! tab) as `message` events. The conversation's token is the key: only the browser or
//! client holding it — and, for a signed-in customer's conversation, only that customer —
//! can follow it.

use crate::AppState;
use app::{auth::CurrentUser, server::assistant::dialog};
use axum::{
    extract::{Path, Query, State},
    http::HeaderMap,
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
    Extension,
};
use dokkan_assistant::db as store;
use dokkan_core::Locale;
use futures::stream::{self, Stream};
use serde::Deserialize;
use std::convert::Infallible;
use tokio::sync::broadcast;

#[derive(Deserialize)]
pub struct FollowQuery {
    /// The last message id the client has; the stream starts after it.
    #[serde(default)]
    after: i64,
    #[serde(default)]
    lang: Option<String>,
    /// `html`: messages rendered for the site's chat panel; otherwise the structured
    /// message the REST chat answers with.
    #[serde(default)]
    format: Option<String>,
}

pub async fn stream(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Query(query): Query<FollowQuery>,
    user: Option<Extension<CurrentUser>>,
    headers: HeaderMap,
) -> Response {
    // An unknown conversation and someone else's look the same.
    let not_found = || {
        crate::errors::respond(
            "/api/v1/assistant",
            &headers,
            app::error::AppError::not_found(),
        )
    };
    let user_id = user.map(|Extension(u)| u.user_id);
    let conversation = match dialog::accessible(&state, Some(&token), user_id).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(),
        Err(error) => return crate::errors::respond("/api/v1/assistant", &headers, error),
    };
    let locale = query
        .lang
        .as_deref()
        .and_then(Locale::from_url_segment)
        .unwrap_or(conversation.locale);
    let updates = state.chat_updates.subscribe();
    Sse::new(messages(
        state.pool.clone(),
        conversation.id,
        query.after.max(0),
        locale,
        query.format.as_deref() == Some("html"),
        updates,
    ))
    .keep_alive(KeepAlive::default())
    .into_response()
}

struct Follow {
    pool: sqlx::PgPool,
    conversation: i64,
    after: i64,
    locale: Locale,
    html: bool,
    updates: broadcast::Receiver<String>,
    queued: std::collections::VecDeque<Event>,
    first: bool,
}

fn messages(
    pool: sqlx::PgPool,
    conversation: i64,
    after: i64,
    locale: Locale,
    html: bool,
    updates: broadcast::Receiver<String>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let follow = Follow {
        pool,
        conversation,
        after,
        locale,
        html,
        updates,
        queued: Default::default(),
        first: true,
    };
    stream::unfold(follow, |mut f| async move {
        loop {
            if let Some(event) = f.queued.pop_front() {
                return Some((Ok(event), f));
            }
            if !f.first {
                let id = f.conversation.to_string();
                loop {
                    match f.updates.recv().await {
                        Ok(changed) if changed == id => break,
                        Ok(_) => continue,
                        // Missed some: read anyway.
                        Err(broadcast::error::RecvError::Lagged(_)) => break,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    }
                }
            }
            f.first = false;
            let new = store::messages(&f.pool, f.conversation, f.after, 100)
                .await
                .ok()?;
            for message in new {
                f.after = f.after.max(message.id);
                let view = dialog::chat_message(f.locale, &message);
                // The panel's stream carries the rendered `<li>` itself.
                let json = if f.html {
                    Ok(app::server::assistant::panel::render(f.locale, &view))
                } else {
                    serde_json::to_string(&view)
                };
                if let Ok(json) = json {
                    f.queued.push_back(
                        Event::default()
                            .event("message")
                            .id(message.id.to_string())
                            .data(json),
                    );
                }
            }
        }
    })
}
