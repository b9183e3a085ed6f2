//! The visitor layer and the consent form: reads the consent cookie, `Sec-GPC` and the
//! signed visitor id, puts an [`app::shopper::Shopper`] into the request, and gives a
//! visitor who consented an id (a year, HttpOnly, signed so it cannot be forged).

use std::sync::Arc;

use app::auth::cookie_value;
use app::shopper::{parse_recent, Shopper, RECENT_COOKIE, TASTE_COOKIE, VISITOR_COOKIE};
use app::state::AppState;
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use dokkan_events::consent::{COOKIE as CONSENT_COOKIE, GRANTED, REFUSED};
use dokkan_events::{Consent, VisitorId};
use dokkan_orders::db::Signer;
use http::{header, HeaderMap, HeaderValue};

const YEAR: u32 = 365 * 86_400;
const PURPOSE: &str = "visitor";

pub struct VisitorLayer {
    signer: Signer,
    secure: bool,
}

impl VisitorLayer {
    pub fn new(state: &AppState) -> Arc<VisitorLayer> {
        Arc::new(VisitorLayer {
            signer: state.commerce.signer.clone(),
            secure: state.auth.secure_cookies,
        })
    }

    fn cookie(&self, name: &str, value: &str, max_age: Option<u32>) -> HeaderValue {
        let age = max_age
            .map(|a| format!("; Max-Age={a}"))
            .unwrap_or_default();
        let secure = if self.secure { "; Secure" } else { "" };
        HeaderValue::from_str(&format!(
            "{name}={value}; Path=/; HttpOnly; SameSite=Lax{age}{secure}"
        ))
        .expect("cookie values here are ASCII without separators")
    }

    fn visitor_cookie(&self, visitor: &VisitorId) -> HeaderValue {
        self.cookie(
            VISITOR_COOKIE,
            &self.signer.sign(PURPOSE, visitor.as_str()),
            Some(YEAR),
        )
    }

    fn signed_visitor(&self, headers: &HeaderMap) -> Option<VisitorId> {
        let signed = cookie_value(headers, VISITOR_COOKIE)?;
        VisitorId::try_from(self.signer.verify(PURPOSE, signed)?).ok()
    }
}

fn consent_of(headers: &HeaderMap) -> Consent {
    Consent::from_request(
        cookie_value(headers, CONSENT_COOKIE),
        headers.get("sec-gpc").and_then(|v| v.to_str().ok()),
    )
}

/// Static files and probes carry no shopper.
fn untracked(path: &str) -> bool {
    path.starts_with("/pkg/")
        || path.starts_with("/media/")
        || path == "/health"
        || path == "/ready"
        || path == "/sw.js"
}

pub async fn identify(
    State(layer): State<Arc<VisitorLayer>>,
    mut request: Request,
    next: Next,
) -> Response {
    if untracked(request.uri().path()) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let consent = consent_of(headers);
    let signed = layer.signed_visitor(headers);
    let had_cookie = cookie_value(headers, VISITOR_COOKIE).is_some();
    let (visitor, fresh) = match (consent.allows_tracking(), signed) {
        (true, Some(v)) => (Some(v), false),
        (true, None) => (Some(VisitorId::random()), true),
        (false, _) => (None, false),
    };
    let recent = cookie_value(headers, RECENT_COOKIE)
        .map(parse_recent)
        .unwrap_or_default();
    let taste = cookie_value(headers, TASTE_COOKIE)
        .map(dokkan_quiz::path::parse)
        .unwrap_or_default();
    request.extensions_mut().insert(Shopper {
        consent,
        visitor: visitor.clone(),
        recent,
        taste,
    });
    let mut response = next.run(request).await;
    if let (true, Some(visitor)) = (fresh, &visitor) {
        response
            .headers_mut()
            .append(header::SET_COOKIE, layer.visitor_cookie(visitor));
    }
    // Consent withdrawn (or GPC turned on): forget the id.
    if visitor.is_none() && had_cookie {
        response.headers_mut().append(
            header::SET_COOKIE,
            layer.cookie(VISITOR_COOKIE, "", Some(0)),
        );
    }
    response
}

#[derive(serde::Deserialize)]
pub struct ConsentForm {
    choice: String,
    #[serde(default)]
    back: String,
}

/// `POST /consent` (`choice=yes|no`, `back=/en/…`) from the banner, with or without
/// JavaScript: stores the answer for a year and goes back to the page.
pub async fn choose(
    State(layer): State<Arc<VisitorLayer>>,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Response {
    let granted = match form.choice.as_str() {
        GRANTED => true,
        REFUSED => false,
        _ => return (http::StatusCode::BAD_REQUEST, "choice must be yes or no").into_response(),
    };
    let local = form.back.starts_with('/')
        && !form.back.starts_with("//")
        && !form.back.contains(['\\', '\r', '\n']);
    let back = if local { form.back.as_str() } else { "/" };
    let mut response = Redirect::to(back).into_response();
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        layer.cookie(
            CONSENT_COOKIE,
            if granted { GRANTED } else { REFUSED },
            Some(YEAR),
        ),
    );
    if granted && layer.signed_visitor(&headers).is_none() {
        cookies.append(
            header::SET_COOKIE,
            layer.visitor_cookie(&VisitorId::random()),
        );
    }
    if !granted {
        cookies.append(
            header::SET_COOKIE,
            layer.cookie(VISITOR_COOKIE, "", Some(0)),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_files_and_probes_are_untracked() {
        for path in ["/pkg/app.wasm", "/media/a.webp", "/health", "/sw.js"] {
            assert!(untracked(path));
        }
        assert!(!untracked("/en/products/x"));
    }
}
