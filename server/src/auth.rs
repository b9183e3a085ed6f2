//! The auth layer: turns the session cookies (or a bearer token) into the signed-in person
//! for pages, server functions and REST handlers, refreshing an expired access token with
//! the rotating refresh token on the way.

use app::auth::{cookie_value, CurrentUser, ACCESS_COOKIE, REFRESH_COOKIE};
use app::{auth::AuthSettings, error::ErrorKind, state::AppState};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use dokkan_accounts::{
    db::{self, RefreshOutcome},
    Permission,
};
use http::{header, HeaderValue};
use sqlx::PgPool;
use std::sync::Arc;

/// Static files and probes never need to know who asks.
fn anonymous_path(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path == "/health"
        || path == "/ready"
        || path
            .rsplit('/')
            .next()
            .is_some_and(|last| last.contains('.'))
}

fn bearer(request: &Request) -> Option<&str> {
    request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
}

/// What the auth layer needs, shared behind one `Arc`: extracting the whole `AppState`
/// clones the Leptos options on every request, /health included.
pub struct AuthLayer {
    pub pool: PgPool,
    pub auth: Arc<AuthSettings>,
}

impl AuthLayer {
    pub fn new(state: &AppState) -> Arc<AuthLayer> {
        Arc::new(AuthLayer {
            pool: state.pool.clone(),
            auth: state.auth.clone(),
        })
    }
}

pub async fn authenticate(
    State(state): State<Arc<AuthLayer>>,
    mut request: Request,
    next: Next,
) -> Response {
    if anonymous_path(request.uri().path()) {
        return next.run(request).await;
    }
    let auth = state.auth.clone();
    let headers = request.headers();
    let access = bearer(&request)
        .or_else(|| cookie_value(headers, ACCESS_COOKIE))
        .map(str::to_string);
    let mut refresh = cookie_value(headers, REFRESH_COOKIE).map(str::to_string);
    let had_cookies = access.is_some() || refresh.is_some();
    let mut cookies: Vec<String> = Vec::new();
    let mut user: Option<CurrentUser> = None;

    if let Some(claimed) = access.as_deref().and_then(|token| auth.keys.verify(token)) {
        // The token proves who it was issued to; the session row says whether that still
        // holds (signed out, password changed, refresh token stolen, account disabled).
        match db::session_user(&state.pool, claimed.session_id, claimed.user_id).await {
            Ok(Some(current)) => {
                if current != claimed {
                    // Name, role or language changed since the token was issued.
                    if let Ok(token) = auth.access_token(&current) {
                        cookies.push(auth.access_cookie(&token));
                    }
                }
                user = Some(current);
            }
            Ok(None) => refresh = None,
            Err(error) => {
                tracing::error!(?error, "checking the session failed");
                return next.run(request).await;
            }
        }
    }
    if user.is_none() {
        if let Some(secret) = refresh.as_deref() {
            match db::refresh(&state.pool, secret, &auth.lifetimes).await {
                Ok(RefreshOutcome::Rotated {
                    user: current,
                    refresh_secret,
                }) => {
                    if let Ok(token) = auth.access_token(&current) {
                        cookies.push(auth.access_cookie(&token));
                        cookies.push(auth.refresh_cookie(&refresh_secret));
                        user = Some(current);
                    }
                }
                Ok(RefreshOutcome::Concurrent { user: current }) => {
                    if let Ok(token) = auth.access_token(&current) {
                        cookies.push(auth.access_cookie(&token));
                        user = Some(current);
                    }
                }
                Ok(RefreshOutcome::Reused | RefreshOutcome::SignedOut) => {}
                Err(error) => {
                    tracing::error!(?error, "refreshing the session failed");
                    return next.run(request).await;
                }
            }
        }
    }
    if user.is_none() && had_cookies {
        cookies.extend(auth.clear_cookies());
    }
    let signed_in = user.is_some();
    if let Some(user) = user {
        request.extensions_mut().insert(user);
    }
    let read = request.method() == http::Method::GET;

    let mut response = next.run(request).await;
    let response_headers = response.headers_mut();
    // Sign-in and sign-out set their own cookies; theirs win.
    let handler_set_session = response_headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| v.starts_with(ACCESS_COOKIE) || v.starts_with(REFRESH_COOKIE));
    if !handler_set_session {
        for cookie in cookies {
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response_headers.append(header::SET_COOKIE, value);
            }
        }
    }
    // A page rendered for one person must not be cached for another.
    if signed_in || had_cookies {
        response_headers
            .entry(header::CACHE_CONTROL)
            .or_insert(HeaderValue::from_static("private, no-store"));
    }
    // A page for nobody in particular that sets no cookie: the installed app may keep it
    // for when the shopper is offline. The service worker keeps only pages marked so (it
    // cannot see `Set-Cookie` itself).
    let personal = signed_in || had_cookies || response_headers.contains_key(header::SET_COOKIE);
    let html = response_headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if read && html && !personal && response.status() == http::StatusCode::OK {
        response
            .headers_mut()
            .insert(OFFLINE_HEADER, HeaderValue::from_static("keep"));
    }
    response
}

/// Marks a page the service worker may keep for offline reading (`server/src/pwa/sw.js`).
pub const OFFLINE_HEADER: &str = "x-dokkan-offline";

/// Admin server functions answer 401 to a visitor and 403 to a customer before their
/// arguments are decoded: server_fn decodes first, so without this a malformed call
/// would tell a stranger how the function's arguments look. A multipart function also
/// gets a multipart body or a 400 here. The role is the one the auth layer just read
/// from the session row; each function still re-reads the stored role and checks the
/// finer rule (back office or people) itself.
pub async fn admin_functions_gate(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/admin/") {
        return next.run(request).await;
    }
    let refused = match request.extensions().get::<CurrentUser>() {
        None => Some(ErrorKind::Unauthorized),
        Some(user) if !user.role.allows(Permission::BackOffice) => Some(ErrorKind::Forbidden),
        Some(_) => None,
    };
    let refused = refused.or_else(|| {
        (multipart_function(request.uri().path()) && !multipart_body(request.headers()))
            .then_some(ErrorKind::BadRequest)
    });
    match refused {
        // The same body the server function would have answered with.
        Some(kind) => crate::errors::respond(request.uri().path(), request.headers(), kind.into()),
        None => next.run(request).await,
    }
}

/// server_fn's multipart decoder panics on a body that is not multipart with a boundary.
fn multipart_function(path: &str) -> bool {
    use leptos::server_fn::ServerFn;
    [
        app::server::admin::products::UploadProductImage::PATH,
        app::server::admin::catalog::ImportProducts::PATH,
    ]
    .contains(&path)
}

fn multipart_body(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("multipart/form-data"))
        .is_some_and(|rest| {
            rest.split(';')
                .filter_map(|part| part.trim().strip_prefix("boundary="))
                .any(|boundary| !boundary.trim_matches('"').is_empty())
        })
}
