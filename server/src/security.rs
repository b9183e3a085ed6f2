//! Security headers with a per-request CSP nonce, and the cross-site request check.

use app::{i18n::t, request::preferred_locale};
use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use dokkan_core::Locale;
use http::{header, HeaderName, HeaderValue, Method};
use std::sync::Arc;

/// The nonce of this response's Content-Security-Policy; the page puts it on its scripts.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

#[derive(Clone, Debug)]
pub struct SecurityConfig {
    /// `scheme://host[:port]` of the public URL: the one origin allowed to post.
    pub public_origin: String,
    pub hsts: bool,
    /// The policy around the nonce, built once.
    csp_head: &'static str,
    csp_tail: String,
}

impl SecurityConfig {
    /// `live_reload_port`: `cargo leptos watch` reloads the page over a websocket there.
    pub fn new(public_url: &str, live_reload_port: Option<u32>) -> Self {
        let public_origin = origin_of(public_url);
        let reload = live_reload_port
            .map(|port| format!(" ws://127.0.0.1:{port} ws://localhost:{port}"))
            .unwrap_or_default();
        SecurityConfig {
            hsts: public_origin.starts_with("https://"),
            public_origin,
            csp_head: "default-src 'self'; script-src 'self' 'nonce-",
            // 'wasm-unsafe-eval' lets the page compile its own WASM; it allows no JS eval.
            csp_tail: format!(
                "' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
                 connect-src 'self'{reload}; worker-src 'self'; manifest-src 'self'; \
                 object-src 'none'; base-uri 'self'; \
                 form-action 'self'; frame-ancestors 'none'"
            ),
        }
    }

    /// Lets forms lead to `url`'s origin too: a plain (no-JS) card checkout posts to the
    /// shop, which redirects to the provider's hosted page, and browsers apply
    /// `form-action` to that redirect. Our own origin needs nothing.
    pub fn allow_form_target(mut self, url: &str) -> Self {
        let origin = origin_of(url);
        if origin != self.public_origin {
            self.csp_tail = self.csp_tail.replace(
                "form-action 'self'",
                &format!("form-action 'self' {origin}"),
            );
        }
        self
    }

    fn csp(&self, nonce: &str) -> String {
        [self.csp_head, nonce, &self.csp_tail].concat()
    }
}

fn origin_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("http", url));
    let host = rest.split('/').next().unwrap_or(rest);
    format!("{scheme}://{host}").to_ascii_lowercase()
}

pub async fn headers(
    State(config): State<Arc<SecurityConfig>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A handler that wrote its own policy keeps it (the fake card provider's hosted page,
    // which is not one of our pages and allows nothing but its inline style).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(csp) = HeaderValue::from_str(&config.csp(&nonce)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // The microphone for this site only: voice input on the chat and the search box.
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(self), geolocation=(), payment=()"),
    );
    if config.hsts {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    response
}

/// Refuses a state-changing request that a browser says comes from another site. Requests
/// without these headers (API clients, old browsers) pass: SameSite=Lax cookies already keep
/// a foreign form post from being signed in.
pub async fn same_origin_writes(
    State(config): State<Arc<SecurityConfig>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    );
    if safe || !is_cross_site(&request, &config.public_origin) {
        return next.run(request).await;
    }
    tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site write refused");
    let locale = Locale::from_path(request.uri().path())
        .unwrap_or_else(|| preferred_locale(request.headers()));
    let error = app::error::AppError::form(app::error::FormError {
        message: Some(t(locale, "error-cross-site")),
        ..Default::default()
    })
    .with_kind(app::error::ErrorKind::Forbidden);
    crate::errors::respond(request.uri().path(), request.headers(), error)
}

fn is_cross_site(request: &Request, public_origin: &str) -> bool {
    let headers = request.headers();
    let fetch_site = headers
        .get(HeaderName::from_static("sec-fetch-site"))
        .and_then(|v| v.to_str().ok());
    if matches!(fetch_site, Some(site) if site != "same-origin" && site != "none") {
        return true;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let origin = origin.to_str().unwrap_or("null").to_ascii_lowercase();
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase);
    let own = origin == public_origin
        || host.is_some_and(|host| {
            origin == format!("http://{host}") || origin == format!("https://{host}")
        });
    !own
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request {
        let mut builder = Request::builder().method("POST").uri("/api/x");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(axum::body::Body::empty()).unwrap()
    }

    #[test]
    fn a_card_provider_elsewhere_may_receive_form_redirects() {
        let config = SecurityConfig::new("https://shop.example", None)
            .allow_form_target("https://pay.provider.example/v1");
        assert!(config
            .csp("n")
            .contains("form-action 'self' https://pay.provider.example;"));
        let same = SecurityConfig::new("https://shop.example", None)
            .allow_form_target("https://shop.example/fake-provider");
        assert!(same.csp("n").contains("form-action 'self';"));
    }

    #[test]
    fn foreign_origins_and_cross_site_fetches_are_cross_site() {
        let own = "https://shop.example";
        assert!(!is_cross_site(&post(&[]), own));
        assert!(!is_cross_site(
            &post(&[("origin", "https://shop.example")]),
            own
        ));
        assert!(!is_cross_site(
            &post(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            own
        ));
        assert!(is_cross_site(
            &post(&[("origin", "https://evil.example")]),
            own
        ));
        assert!(is_cross_site(&post(&[("origin", "null")]), own));
        assert!(is_cross_site(
            &post(&[("sec-fetch-site", "cross-site")]),
            own
        ));
        assert!(is_cross_site(
            &post(&[("sec-fetch-site", "same-site")]),
            own
        ));
        assert!(!is_cross_site(
            &post(&[("sec-fetch-site", "same-origin")]),
            own
        ));
    }

    #[test]
    fn the_origin_of_a_url_is_scheme_and_host() {
        assert_eq!(origin_of("https://Shop.example/x/"), "https://shop.example");
        assert_eq!(origin_of("http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }
}
