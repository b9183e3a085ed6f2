//! A local stand-in for the card provider (feature `fake`).
//!
//! It speaks exactly the HTTP contract [`HostedCard`](crate::HostedCard) uses — sessions,
//! a hosted page, signed webhooks, refunds — so development and the browser tests run the
//! whole card flow offline, through the same code paths as production: the shop still
//! redirects to a page it does not serve itself, still learns the outcome only from a
//! signed webhook, and still must not trust the browser coming back.
//!
//! Mount it with `Router::nest("/fake-provider", fake::router(config))` and point
//! [`CardConfig::base_url`](crate::CardConfig) at the same prefix. The hosted page asks
//! for no card details: it has a "Pay" and a "Decline" button.
//!
//! Routes, relative to where it is mounted:
//! - `POST /v1/sessions` (bearer) → `201 {"id","url"}`;
//! - `GET /pay/{id}` → the hosted page;
//! - `POST /pay/{id}/pay`, `POST /pay/{id}/decline` → sends `payment.succeeded` /
//!   `payment.failed` to the webhook URL (retrying), then `303` to the return URL with
//!   `session_id=<id>` added;
//! - `POST /v1/refunds` (bearer, `Idempotency-Key`) → `200 {"id","status":"succeeded"}`,
//!   then a `refund.succeeded` webhook, sent in the background;
//! - `GET /v1/events` (bearer) → every event sent, with its body and signature header, so
//!   tests can replay a delivery.
//!
//! Everything lives in memory and is lost on restart.

use crate::signature;
use axum::{
    body::Bytes,
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use dokkan_core::{html::escape, Currency, Locale, Money};
use rand::{distr::Alphanumeric, Rng as _};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    fmt,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};
use subtle::ConstantTimeEq as _;

/// How the fake provider is reached and whom it tells.
#[derive(Clone, PartialEq, Eq)]
pub struct FakeConfig {
    /// The bearer token the API routes require (the shop's `CardConfig::api_key`). An
    /// empty key authorises nobody.
    pub api_key: String,
    /// Keys the webhook signatures (the shop's `CardConfig::webhook_secret`).
    pub webhook_secret: Vec<u8>,
    /// Absolute URL the events are POSTed to.
    pub webhook_url: String,
    /// Absolute URL prefix under which the router is mounted, e.g.
    /// `http://127.0.0.1:3000/fake-provider`: the hosted page's links are built from it.
    pub public_base: String,
}

impl fmt::Debug for FakeConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeConfig")
            .field("api_key", &"<redacted>")
            .field("webhook_secret", &"<redacted>")
            .field("webhook_url", &self.webhook_url)
            .field("public_base", &self.public_base)
            .finish()
    }
}

/// An event the fake provider sent (or tried to send), as `GET /v1/events` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEvent {
    pub id: String,
    /// `payment.succeeded`, `payment.failed` or `refund.succeeded`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The exact bytes POSTed (JSON text).
    pub body: String,
    /// The `dokkan-signature` header value sent with it.
    pub signature: String,
    /// Whether the webhook URL answered 2xx (so far).
    pub delivered: bool,
}

/// The fake provider's state, shared by its routes. Cheap to clone.
#[derive(Debug, Clone)]
pub struct FakeProvider {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: FakeConfig,
    http: reqwest::Client,
    store: Mutex<Store>,
}

#[derive(Debug, Default)]
struct Store {
    sessions: HashMap<String, Session>,
    /// By idempotency key.
    refunds: HashMap<String, Refund>,
    events: Vec<SentEvent>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Open,
    Declined,
    Paid,
}

#[derive(Debug, Clone)]
struct Session {
    id: String,
    reference: String,
    amount: Money,
    description: String,
    locale: Locale,
    return_url: String,
    cancel_url: String,
    status: Status,
    refunded_minor: i64,
}

#[derive(Debug, Clone)]
struct Refund {
    id: String,
    session_id: String,
    amount_minor: i64,
}

/// Retries after a failed webhook delivery, and the first pause (doubled each time).
const WEBHOOK_RETRIES: u32 = 3;
const WEBHOOK_FIRST_DELAY: Duration = Duration::from_millis(100);
const WEBHOOK_TIMEOUT: Duration = Duration::from_secs(5);

/// The fake provider's routes, ready to `nest` (see the module docs).
pub fn router(config: FakeConfig) -> Router {
    FakeProvider::new(config).router()
}

impl FakeProvider {
    /// # Panics
    /// Only if the HTTP client for webhooks cannot be built (as `reqwest::Client::new`).
    pub fn new(config: FakeConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(WEBHOOK_TIMEOUT)
            .build()
            .expect("an HTTP client without TLS options always builds");
        FakeProvider {
            inner: Arc::new(Inner {
                config,
                http,
                store: Mutex::new(Store::default()),
            }),
        }
    }

    /// The routes, sharing this provider's state; fits any outer router's state type.
    pub fn router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        Router::new()
            .route("/v1/sessions", post(create_session))
            .route("/v1/refunds", post(create_refund))
            .route("/v1/events", get(list_events))
            .route("/pay/{id}", get(hosted_page))
            .route("/pay/{id}/pay", post(pay))
            .route("/pay/{id}/decline", post(decline))
            .with_state(self.clone())
    }

    /// Every event sent so far, oldest first.
    pub fn events(&self) -> Vec<SentEvent> {
        self.store().events.clone()
    }

    fn config(&self) -> &FakeConfig {
        &self.inner.config
    }

    fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock leaves plain data behind: keep serving.
        self.inner
            .store
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn authorized(&self, headers: &HeaderMap) -> bool {
        let key = self.config().api_key.as_bytes();
        let Some(token) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        !key.is_empty() && bool::from(token.as_bytes().ct_eq(key))
    }

    fn page_url(&self, id: &str) -> String {
        format!(
            "{}/pay/{id}",
            self.config().public_base.trim_end_matches('/')
        )
    }

    /// Builds, signs and records an event; the caller delivers it after unlocking.
    fn record_event(
        &self,
        store: &mut Store,
        kind: &str,
        session: &Session,
        amount: Money,
    ) -> SentEvent {
        let id = random_id("evt_");
        let body = serde_json::json!({
            "id": id,
            "type": kind,
            "data": {
                "session_id": session.id,
                "reference": session.reference,
                "amount_minor": amount.minor(),
                "currency": amount.currency().code(),
            }
        })
        .to_string();
        let signature = signature::sign(
            &self.config().webhook_secret,
            signature::now(),
            body.as_bytes(),
        );
        let event = SentEvent {
            id,
            kind: kind.to_string(),
            body,
            signature,
            delivered: false,
        };
        store.events.push(event.clone());
        event
    }

    /// POSTs the event to the webhook URL, retrying a few times with a growing pause.
    async fn deliver(&self, event: &SentEvent) {
        let mut delay = WEBHOOK_FIRST_DELAY;
        for attempt in 0..=WEBHOOK_RETRIES {
            if attempt > 0 {
                tokio::time::sleep(delay).await;
                delay *= 2;
            }
            let sent = self
                .inner
                .http
                .post(&self.config().webhook_url)
                .header(header::CONTENT_TYPE, "application/json")
                .header(signature::HEADER, &event.signature)
                .body(event.body.clone())
                .send()
                .await;
            match sent {
                Ok(response) if response.status().is_success() => {
                    if let Some(sent) = self.store().events.iter_mut().find(|e| e.id == event.id) {
                        sent.delivered = true;
                    }
                    return;
                }
                Ok(response) => tracing::warn!(
                    event = %event.id, attempt, status = %response.status(),
                    "fake provider: webhook refused"
                ),
                Err(error) => tracing::warn!(
                    event = %event.id, attempt, %error,
                    "fake provider: webhook unreachable"
                ),
            }
        }
        tracing::error!(event = %event.id, "fake provider: webhook given up");
    }
}

fn random_id(prefix: &str) -> String {
    let tail: String = rand::rng()
        .sample_iter(&Alphanumeric)
        .take(24)
        .map(char::from)
        .collect();
    format!("{prefix}{tail}")
}

fn api_error(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

fn unauthorized() -> Response {
    let mut response = api_error(StatusCode::UNAUTHORIZED, "invalid API key");
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

fn is_absolute_url(url: &str) -> bool {
    (url.starts_with("http://") || url.starts_with("https://"))
        && HeaderValue::from_str(url).is_ok()
        && !url.contains(char::is_whitespace)
}

#[derive(Deserialize)]
struct NewSession {
    reference: String,
    amount_minor: i64,
    currency: String,
    #[serde(default)]
    description: String,
    locale: String,
    return_url: String,
    cancel_url: String,
}

async fn create_session(
    State(provider): State<FakeProvider>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !provider.authorized(&headers) {
        return unauthorized();
    }
    let request: NewSession = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return api_error(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let Some(currency) = Currency::from_code(&request.currency) else {
        return api_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown currency");
    };
    if request.amount_minor <= 0 {
        return api_error(StatusCode::UNPROCESSABLE_ENTITY, "amount must be positive");
    }
    let Ok(locale) = request.locale.parse::<Locale>() else {
        return api_error(StatusCode::UNPROCESSABLE_ENTITY, "unknown locale");
    };
    if request.reference.trim().is_empty() {
        return api_error(StatusCode::UNPROCESSABLE_ENTITY, "reference is required");
    }
    if !is_absolute_url(&request.return_url) || !is_absolute_url(&request.cancel_url) {
        return api_error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "return_url and cancel_url must be absolute http(s) URLs",
        );
    }
    let session = Session {
        id: random_id("cs_"),
        reference: request.reference,
        amount: Money::new(request.amount_minor, currency),
        description: request.description,
        locale,
        return_url: request.return_url,
        cancel_url: request.cancel_url,
        status: Status::Open,
        refunded_minor: 0,
    };
    let id = session.id.clone();
    provider.store().sessions.insert(id.clone(), session);
    let url = provider.page_url(&id);
    (
        StatusCode::CREATED,
        Json(serde_json::json!({ "id": id, "url": url })),
    )
        .into_response()
}

async fn hosted_page(State(provider): State<FakeProvider>, Path(id): Path<String>) -> Response {
    let Some(session) = provider.store().sessions.get(&id).cloned() else {
        return html(StatusCode::NOT_FOUND, not_found_page());
    };
    if session.status == Status::Paid {
        return html(StatusCode::OK, paid_page(&session));
    }
    let base = provider.config().public_base.trim_end_matches('/');
    html(StatusCode::OK, payment_page(&session, base))
}

async fn pay(State(provider): State<FakeProvider>, Path(id): Path<String>) -> Response {
    finish(provider, id, Status::Paid).await
}

async fn decline(State(provider): State<FakeProvider>, Path(id): Path<String>) -> Response {
    finish(provider, id, Status::Declined).await
}

/// Settles a session as the shopper chose, tells the shop, and sends the browser back.
async fn finish(provider: FakeProvider, id: String, outcome: Status) -> Response {
    let (event, location) = {
        let mut store = provider.store();
        let Some(session) = store.sessions.get_mut(&id) else {
            return html(StatusCode::NOT_FOUND, not_found_page());
        };
        if session.status == Status::Paid {
            // Paid once is paid: no second charge, no second event.
            let page = paid_page(session);
            return html(StatusCode::CONFLICT, page);
        }
        session.status = outcome;
        let session = session.clone();
        let kind = if outcome == Status::Paid {
            "payment.succeeded"
        } else {
            "payment.failed"
        };
        let event = provider.record_event(&mut store, kind, &session, session.amount);
        (event, with_session_id(&session.return_url, &session.id))
    };
    // The shopper waits for the delivery, so the order is usually settled on arrival.
    provider.deliver(&event).await;
    match HeaderValue::from_str(&location) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => api_error(StatusCode::INTERNAL_SERVER_ERROR, "bad return URL"),
    }
}

/// `url` with `session_id=<id>` added to its query (before any fragment).
fn with_session_id(url: &str, id: &str) -> String {
    let (base, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let separator = match base.find('?') {
        None => "?",
        Some(_) if base.ends_with('?') || base.ends_with('&') => "",
        Some(_) => "&",
    };
    format!("{base}{separator}session_id={id}{fragment}")
}

#[derive(Deserialize)]
struct NewRefund {
    #[serde(default)]
    session_id: Option<String>,
    #[serde(default)]
    reference: String,
    amount_minor: i64,
    currency: String,
    #[serde(default)]
    idempotency_key: Option<String>,
}

async fn create_refund(
    State(provider): State<FakeProvider>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !provider.authorized(&headers) {
        return unauthorized();
    }
    let request: NewRefund = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => return api_error(StatusCode::BAD_REQUEST, &error.to_string()),
    };
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or(request.idempotency_key.clone())
        .filter(|key| !key.is_empty());

    let refused = |message: &str| api_error(StatusCode::UNPROCESSABLE_ENTITY, message);
    let (refund_id, event) = {
        let mut store = provider.store();
        let session = match &request.session_id {
            Some(id) => store.sessions.get(id),
            None => store
                .sessions
                .values()
                .find(|s| s.reference == request.reference && s.status == Status::Paid),
        };
        let Some(session) = session.cloned() else {
            return refused("no such payment");
        };
        if let Some(previous) = key.as_ref().and_then(|key| store.refunds.get(key)) {
            if previous.session_id != session.id || previous.amount_minor != request.amount_minor {
                return refused("idempotency key reused with different parameters");
            }
            // The same request again: the same answer, no second refund.
            return refund_answer(&previous.id);
        }
        if !request.reference.is_empty() && request.reference != session.reference {
            return refused("reference does not match the session");
        }
        if Currency::from_code(&request.currency) != Some(session.amount.currency()) {
            return refused("currency does not match the payment");
        }
        if session.status != Status::Paid {
            return refused("the session is not paid");
        }
        if request.amount_minor <= 0 {
            return refused("amount must be positive");
        }
        let refundable = session.amount.minor() - session.refunded_minor;
        if request.amount_minor > refundable {
            return refused(&format!(
                "amount above what is left to refund ({refundable} minor units)"
            ));
        }
        let refund_id = random_id("re_");
        if let Some(stored) = store.sessions.get_mut(&session.id) {
            stored.refunded_minor += request.amount_minor;
        }
        if let Some(key) = key {
            store.refunds.insert(
                key,
                Refund {
                    id: refund_id.clone(),
                    session_id: session.id.clone(),
                    amount_minor: request.amount_minor,
                },
            );
        }
        let amount = Money::new(request.amount_minor, session.amount.currency());
        let event = provider.record_event(&mut store, "refund.succeeded", &session, amount);
        (refund_id, event)
    };
    // In the background: the shop may be holding a lock on the order while it waits for
    // this answer, and its webhook handler would wait for that lock.
    let background = provider.clone();
    tokio::spawn(async move { background.deliver(&event).await });
    refund_answer(&refund_id)
}

fn refund_answer(id: &str) -> Response {
    Json(serde_json::json!({ "id": id, "status": "succeeded" })).into_response()
}

async fn list_events(State(provider): State<FakeProvider>, headers: HeaderMap) -> Response {
    if !provider.authorized(&headers) {
        return unauthorized();
    }
    Json(provider.events()).into_response()
}

// ---------------------------------------------------------------------------------------
// The hosted page. One self-contained document: inline CSS, no script, nothing external.

fn html(status: StatusCode, document: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
            ),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        document,
    )
        .into_response()
}

struct Texts {
    provider: &'static str,
    heading: &'static str,
    test_note: &'static str,
    order: &'static str,
    amount: &'static str,
    description: &'static str,
    declined: &'static str,
    pay: &'static str,
    decline: &'static str,
    cancel: &'static str,
    paid_heading: &'static str,
    paid_text: &'static str,
    back: &'static str,
}

fn texts(locale: Locale) -> Texts {
    match locale {
        Locale::En => Texts {
            provider: "Test card provider",
            heading: "Card payment",
            test_note: "This is a test payment provider: no card is charged and no card \
                        details are asked for. Choose what the card would do.",
            order: "Order",
            amount: "Amount",
            description: "For",
            declined: "The card was declined. You can try again.",
            pay: "Pay",
            decline: "Decline",
            cancel: "Cancel and return to the shop",
            paid_heading: "Payment complete",
            paid_text: "This payment has already been made. There is nothing more to do.",
            back: "Return to the shop",
        },
        Locale::Ar => Texts {
            provider: "مزوّد بطاقات تجريبي",
            heading: "الدفع بالبطاقة",
            test_note: "هذا مزوّد دفع تجريبي: لن يُخصم أي مبلغ من أي بطاقة ولن تُطلب بيانات \
                        البطاقة. اختر ما ستفعله البطاقة.",
            order: "الطلب",
            amount: "المبلغ",
            description: "الوصف",
            declined: "رُفضت البطاقة. يمكنك المحاولة مرة أخرى.",
            pay: "ادفع",
            decline: "ارفض",
            cancel: "إلغاء والعودة إلى المتجر",
            paid_heading: "تم الدفع",
            paid_text: "تم هذا الدفع بالفعل، ولا حاجة لفعل أي شيء آخر.",
            back: "العودة إلى المتجر",
        },
    }
}

const STYLE: &str = "\
*{box-sizing:border-box}\
body{margin:0;font:1rem/1.5 system-ui,-apple-system,'Segoe UI',Tahoma,sans-serif;\
background:#f3f4f6;color:#111827}\
main{max-width:32rem;margin:2rem auto;padding:1.5rem;background:#fff;\
border:1px solid #d1d5db;border-radius:.75rem}\
.provider{margin:0;color:#374151;font-size:.875rem}\
h1{margin:.25rem 0 1rem;font-size:1.5rem}\
.note{padding:.75rem;background:#fef3c7;border:1px solid #b45309;border-radius:.5rem;color:#78350f}\
.alert{padding:.75rem;background:#fee2e2;border:1px solid #b91c1c;border-radius:.5rem;color:#7f1d1d}\
dl{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem;margin:1rem 0}\
dt{color:#374151}dd{margin:0;font-weight:600}\
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0 1rem}\
form{margin:0}\
button{min-height:2.75rem;min-width:7rem;padding:.5rem 1.25rem;font:inherit;font-weight:600;\
border-radius:.5rem;cursor:pointer}\
.pay{background:#166534;color:#fff;border:2px solid #166534}\
.decline{background:#fff;color:#991b1b;border:2px solid #991b1b}\
button:focus-visible,a:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}\
a{color:#1d4ed8}";

fn document(locale: Locale, title: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n\
         <meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <main>\n{main}</main>\n</body>\n</html>\n",
        lang = locale.as_str(),
        dir = locale.dir().as_str(),
        title = escape(title),
    )
}

fn payment_page(session: &Session, base: &str) -> String {
    let t = texts(session.locale);
    let amount = session.amount.format(session.locale);
    let id = escape(&session.id);
    let declined = if session.status == Status::Declined {
        format!("<p class=\"alert\" role=\"alert\">{}</p>\n", t.declined)
    } else {
        String::new()
    };
    let description = if session.description.is_empty() {
        String::new()
    } else {
        format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            t.description,
            escape(&session.description)
        )
    };
    let main = format!(
        "<p class=\"provider\">{provider}</p>\n<h1>{heading}</h1>\n\
         <p class=\"note\">{note}</p>\n{declined}\
         <dl>\n<dt>{order}</dt><dd><bdi>{reference}</bdi></dd>\n\
         <dt>{amount_label}</dt><dd><bdi>{amount}</bdi></dd>\n{description}</dl>\n\
         <div class=\"actions\">\n\
         <form method=\"post\" action=\"{base}/pay/{id}/pay\">\
         <button type=\"submit\" class=\"pay\">{pay}</button></form>\n\
         <form method=\"post\" action=\"{base}/pay/{id}/decline\">\
         <button type=\"submit\" class=\"decline\">{decline}</button></form>\n\
         </div>\n<p><a href=\"{cancel_url}\">{cancel}</a></p>\n",
        provider = t.provider,
        heading = t.heading,
        note = t.test_note,
        order = t.order,
        reference = escape(&session.reference),
        amount_label = t.amount,
        amount = escape(&amount),
        base = escape(base),
        pay = t.pay,
        decline = t.decline,
        cancel_url = escape(&session.cancel_url),
        cancel = t.cancel,
    );
    document(
        session.locale,
        &format!("{} – {amount} – {}", t.heading, t.provider),
        &main,
    )
}

fn paid_page(session: &Session) -> String {
    let t = texts(session.locale);
    let main = format!(
        "<p class=\"provider\">{provider}</p>\n<h1>{heading}</h1>\n<p>{text}</p>\n\
         <dl>\n<dt>{order}</dt><dd><bdi>{reference}</bdi></dd>\n\
         <dt>{amount_label}</dt><dd><bdi>{amount}</bdi></dd>\n</dl>\n\
         <p><a href=\"{back_url}\">{back}</a></p>\n",
        provider = t.provider,
        heading = t.paid_heading,
        text = t.paid_text,
        order = t.order,
        reference = escape(&session.reference),
        amount_label = t.amount,
        amount = escape(&session.amount.format(session.locale)),
        back_url = escape(&with_session_id(&session.return_url, &session.id)),
        back = t.back,
    );
    document(
        session.locale,
        &format!("{} – {}", t.paid_heading, t.provider),
        &main,
    )
}

fn not_found_page() -> String {
    let main = "<h1>Payment not found</h1>\n\
                <p>This payment session does not exist, or the test provider was restarted \
                and forgot it. Go back to the shop and start the payment again.</p>\n\
                <p lang=\"ar\" dir=\"rtl\">جلسة الدفع هذه غير موجودة، أو أُعيد تشغيل المزوّد \
                التجريبي فنسيها. عُد إلى المتجر وابدأ الدفع من جديد.</p>\n";
    document(Locale::En, "Payment not found – Test card provider", main)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_id_joins_the_query() {
        assert_eq!(
            with_session_id("http://x/en/orders/DK-1", "cs_a"),
            "http://x/en/orders/DK-1?session_id=cs_a"
        );
        assert_eq!(
            with_session_id("http://x/r?order=DK-1", "cs_a"),
            "http://x/r?order=DK-1&session_id=cs_a"
        );
        assert_eq!(
            with_session_id("http://x/r?", "cs_a"),
            "http://x/r?session_id=cs_a"
        );
        assert_eq!(
            with_session_id("http://x/r?a=1#top", "cs_a"),
            "http://x/r?a=1&session_id=cs_a#top"
        );
    }

    #[test]
    fn ids_look_right() {
        let id = random_id("cs_");
        assert_eq!(id.len(), 27);
        assert!(id[3..].bytes().all(|b| b.is_ascii_alphanumeric()));
        assert_ne!(random_id("cs_"), id);
    }

    #[test]
    fn pages_are_whole_documents() {
        let session = Session {
            id: "cs_x".into(),
            reference: "DK-<1>".into(),
            amount: Money::egp(125_000),
            description: "Dokkan \"order\"".into(),
            locale: Locale::Ar,
            return_url: "http://x/ar/orders/DK-1".into(),
            cancel_url: "http://x/ar/cart".into(),
            status: Status::Declined,
            refunded_minor: 0,
        };
        let page = payment_page(&session, "http://x/fake-provider");
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(page.contains("<title>") && page.contains("<main>") && page.contains("<h1>"));
        assert!(page.contains("١٬٢٥٠٫٠٠"));
        assert!(page.contains(">ادفع</button>") && page.contains(">ارفض</button>"));
        assert!(page.contains("action=\"http://x/fake-provider/pay/cs_x/pay\""));
        assert!(page.contains("DK-&lt;1&gt;") && !page.contains("DK-<1>"));
        assert!(page.contains("role=\"alert\""));
        assert!(!page.contains("<script") && !page.contains("src="));
        assert!(page.ends_with("</html>\n"));

        let paid = paid_page(&Session {
            status: Status::Paid,
            locale: Locale::En,
            ..session
        });
        assert!(paid.contains("<html lang=\"en\" dir=\"ltr\">"));
        assert!(paid.contains("href=\"http://x/ar/orders/DK-1?session_id=cs_x\""));
        assert!(!paid.contains("<form"));
    }

    #[test]
    fn config_debug_hides_secrets() {
        let text = format!(
            "{:?}",
            FakeConfig {
                api_key: "sk_SECRET".into(),
                webhook_secret: b"HIDDEN".to_vec(),
                webhook_url: "http://x/webhook".into(),
                public_base: "http://x/fake-provider".into(),
            }
        );
        assert!(
            !text.contains("SECRET") && !text.contains("HIDDEN"),
            "{text}"
        );
        assert!(text.contains("http://x/webhook"));
    }
}
