//! Layers every response passes through: request id → trace → compression.

use axum::{body::Body, http::Request, Router};
use http::{header, HeaderName, HeaderValue, Response};
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::CompressionLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer},
    set_header::SetResponseHeaderLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Hashed files under `/pkg` never change under the same name.
pub fn immutable<B>() -> SetResponseHeaderLayer<impl Fn(&Response<B>) -> Option<HeaderValue> + Clone>
{
    cache_on_success("public, max-age=31536000, immutable")
}

/// Other static files (images, icons) may change between releases.
pub fn revalidate_daily<B>(
) -> SetResponseHeaderLayer<impl Fn(&Response<B>) -> Option<HeaderValue> + Clone> {
    cache_on_success("public, max-age=86400")
}

fn cache_on_success<B>(
    value: &'static str,
) -> SetResponseHeaderLayer<impl Fn(&Response<B>) -> Option<HeaderValue> + Clone> {
    SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, move |response: &Response<B>| {
        response
            .status()
            .is_success()
            .then(|| HeaderValue::from_static(value))
    })
}

/// Keeps a caller's `x-request-id` when it is a sane token (so ids follow a request through
/// a proxy), otherwise makes a UUID; echoes it on the response; logs every request under it.
pub fn apply(router: Router) -> Router {
    router.layer(
        ServiceBuilder::new()
            .map_request(drop_unsafe_request_id)
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    .make_span_with(|request: &Request<Body>| {
                        let id = request
                            .extensions()
                            .get::<RequestId>()
                            .and_then(|id| id.header_value().to_str().ok())
                            .unwrap_or("-");
                        tracing::info_span!(
                            "request",
                            request_id = %id,
                            method = %request.method(),
                            path = %request.uri().path(),
                        )
                    })
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(CompressionLayer::new())
            // Inside the trace span, so the panic is logged with the request id.
            .layer(CatchPanicLayer::custom(panicked)),
    )
}

/// A panic in a handler (ours or a library's) is a logged 500, never a dropped
/// connection, and its message stays in the log.
fn panicked(panic: Box<dyn std::any::Any + Send + 'static>) -> Response<Body> {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = message, "handler panicked");
    let mut response = Response::new(Body::from(r#"{"kind":"Internal"}"#));
    *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

fn drop_unsafe_request_id(mut request: Request<Body>) -> Request<Body> {
    let unsafe_id = request.headers().get(&REQUEST_ID).is_some_and(|value| {
        let bytes = value.as_bytes();
        bytes.is_empty()
            || bytes.len() > 128
            || !bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    });
    if unsafe_id {
        request.headers_mut().remove(&REQUEST_ID);
    }
    request
}
