//! Requests refused before any handler reads them: text carrying a NUL character, which
//! PostgreSQL cannot hold in a text value (the query fails, and the caller would get a
//! 500 for what is their own bad input). No browser form sends one.

use app::error::ErrorKind;
use axum::{body::Body, extract::Request, middleware::Next, response::Response};
use http::header;

/// The most a form or JSON body may carry here; the same as axum's default limit, which
/// the server functions' own decoding applies too.
const BODY_LIMIT: usize = 2 * 1024 * 1024;

pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let query = request.uri().query().unwrap_or_default();
    if has_nul(request.uri().path().as_bytes()) || has_nul(query.as_bytes()) {
        return refused(&request, ErrorKind::BadRequest);
    }
    let text_body = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.starts_with("application/x-www-form-urlencoded") || v.starts_with("application/json")
        });
    if !text_body {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let request = Request::from_parts(parts, Body::empty());
            return refused(&request, ErrorKind::PayloadTooLarge);
        }
    };
    let request = Request::from_parts(parts, Body::from(bytes.clone()));
    if has_nul(&bytes) {
        return refused(&request, ErrorKind::BadRequest);
    }
    next.run(request).await
}

/// A raw NUL, or one written as `%00` (URL encoding) or `\u0000` (JSON).
fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .windows(3)
            .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
        || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

fn refused(request: &Request, kind: ErrorKind) -> Response {
    tracing::info!(?kind, path = %request.uri().path(), "request refused: NUL or too large");
    crate::errors::respond(request.uri().path(), request.headers(), kind.into())
}

#[cfg(test)]
mod tests {
    use super::has_nul;

    #[test]
    fn finds_nul_however_written() {
        assert!(has_nul(b"a=%00"));
        assert!(has_nul(b"{\"a\":\"\\u0000\"}"));
        assert!(has_nul(b"{\"a\":\"\\U0000\"}"));
        assert!(has_nul(b"a\0b"));
        assert!(!has_nul(b"a=%2000&b=\\u0001&c=100"));
    }
}
