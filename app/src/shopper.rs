//! The shopper as the event log and the recommender see them: consent, the first-party
//! visitor id, and this visit's products when nothing may be stored. The server's visitor
//! layer reads the cookies and puts a [`Shopper`] into the request; pages and server
//! functions read it here and record events without waiting.

use dokkan_events::{Consent, VisitorId};

/// The signed visitor id (HttpOnly, a year), set only after consent.
pub const VISITOR_COOKIE: &str = "dokkan_vid";
/// Products of this visit, newest first (a session cookie, never stored on the server):
/// what personalization uses when the shopper did not consent. `public/pwa.js` writes it
/// on product pages (`data-product-id`), so that the server sets no cookie there and the
/// page stays cacheable for offline reading.
pub const RECENT_COOKIE: &str = "dokkan_recent";
/// The taste quiz's answers of a shopper who neither consented nor signed in (a session
/// cookie, `12.34.56`): what they asked for feeds "for you" for this visit only.
pub const TASTE_COOKIE: &str = "dokkan_taste";
/// How many products [`RECENT_COOKIE`] keeps.
pub const RECENT_MAX: usize = 8;

#[derive(Debug, Clone)]
pub struct Shopper {
    pub consent: Consent,
    /// Present only with consent.
    pub visitor: Option<VisitorId>,
    /// This visit's product ids, newest first (from [`RECENT_COOKIE`]).
    pub recent: Vec<i64>,
    /// This visit's quiz answers (from [`TASTE_COOKIE`]).
    pub taste: Vec<i64>,
}

impl Default for Shopper {
    fn default() -> Self {
        Shopper {
            consent: Consent::Unasked,
            visitor: None,
            recent: Vec::new(),
            taste: Vec::new(),
        }
    }
}

/// `12.7.3` → `[12, 7, 3]`; anything malformed is ignored.
pub fn parse_recent(text: &str) -> Vec<i64> {
    text.split('.')
        .filter_map(|p| p.parse::<i64>().ok())
        .filter(|&id| id > 0)
        .take(RECENT_MAX)
        .collect()
}

/// Whether the page should ask for consent (the server knows; the browser build never
/// renders pages).
pub fn asks_consent() -> bool {
    #[cfg(feature = "ssr")]
    {
        current().consent.shows_banner()
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use dokkan_events::{Event, Kind};
    use leptos::prelude::use_context;

    /// The request's shopper (a default, consent-less one outside a request).
    pub fn current() -> Shopper {
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<Shopper>().cloned())
            .unwrap_or_default()
    }

    pub fn now_ms() -> i64 {
        chrono::Utc::now().timestamp_millis()
    }

    /// Queues an event by this shopper (visitor id only with consent, account when signed
    /// in). Never waits; a full queue drops it.
    pub fn record(kind: Kind, fill: impl FnOnce(Event) -> Event) {
        let Some(state) = use_context::<crate::state::AppState>() else {
            return;
        };
        if !state.events.is_enabled() {
            return;
        }
        let shopper = current();
        let user = crate::auth::current_user().map(|u| u.user_id);
        state
            .events
            .record(fill(Event::new(kind, now_ms()).by(shopper.visitor, user)));
    }

    /// At sign-in or registration: the visitor's history joins the account's.
    pub async fn join_account(user_id: i64) {
        let (Some(visitor), Some(state)) =
            (current().visitor, use_context::<crate::state::AppState>())
        else {
            return;
        };
        if let Err(error) = dokkan_events::db::link_visitor(&state.pool, &visitor, user_id).await {
            tracing::warn!(
                ?error,
                "the visitor's history was not joined to the account"
            );
        }
        if let Err(error) =
            dokkan_quiz::db::join_visitor(&state.pool, visitor.as_str(), user_id).await
        {
            tracing::warn!(
                ?error,
                "the visitor's quiz answers were not joined to the account"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_ids_ignore_junk_and_keep_a_few() {
        assert_eq!(parse_recent("3.2.1"), vec![3, 2, 1]);
        assert_eq!(parse_recent("3.x.-1.0.9"), vec![3, 9]);
        assert_eq!(parse_recent(&"1.".repeat(40)).len(), RECENT_MAX);
        assert!(parse_recent("").is_empty());
    }
}
