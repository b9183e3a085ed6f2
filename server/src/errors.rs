//! The answer to an [`AppError`] outside a page and a server function's own encoding:
//! the REST API, the middleware that refuses requests before any handler, webhooks and
//! streams. The status always comes from the error's kind; the body from the surface:
//! `/api/v1` gets `{error, message, fields}`, a server function the error as its client
//! reads it, anything else one line in the reader's language.

use app::{error::AppError, request::preferred_locale};
use axum::{
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use dokkan_core::Locale;
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The body of every `/api/v1` error response.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// A stable code: `invalid_parameter`, `not_found`, `unauthorized`, `invalid`, …
    #[schema(example = "invalid_parameter")]
    pub error: String,
    /// What went wrong, in the request's language.
    pub message: String,
    /// Per parameter or field: what is wrong with it, in the request's language.
    #[schema(example = json!({ "page": "“page” must be a whole number from 1 to 1000." }))]
    pub fields: BTreeMap<String, String>,
}

/// An error on its way to a REST client, with the language its messages are in.
pub struct ApiError {
    pub error: AppError,
    pub locale: Locale,
}

impl ApiError {
    pub fn new(locale: Locale, error: AppError) -> Self {
        ApiError { error, locale }
    }

    /// A 500 whose cause is logged here, with the request's id.
    pub fn internal(locale: Locale, cause: impl std::fmt::Debug) -> Self {
        tracing::error!(error = ?cause, "api request failed");
        Self::new(locale, AppError::internal())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let ApiError { error, locale } = self;
        let body = ErrorBody {
            error: error
                .code
                .clone()
                .unwrap_or_else(|| error.kind.code().to_string()),
            message: error.message(locale),
            fields: error.form.fields.iter().cloned().collect(),
        };
        with_status(&error, Json(body).into_response())
    }
}

/// Where a request was going, which decides the shape of its error.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Surface {
    Rest,
    ServerFunction,
    Other,
}

impl Surface {
    pub fn of(path: &str) -> Surface {
        if path.starts_with("/api/v1/") || path == "/api/v1" {
            Surface::Rest
        } else if path.starts_with("/api/") {
            Surface::ServerFunction
        } else {
            Surface::Other
        }
    }
}

/// The answer to `error` for a request to `path`, in the language its URL or headers ask.
pub fn respond(path: &str, headers: &HeaderMap, error: AppError) -> Response {
    let locale = Locale::from_path(path).unwrap_or_else(|| preferred_locale(headers));
    match Surface::of(path) {
        Surface::Rest => ApiError::new(locale, error).into_response(),
        Surface::ServerFunction => with_status(&error, Json(&error).into_response()),
        Surface::Other => {
            let text = error.message(locale);
            let mut response =
                ([(header::CONTENT_LANGUAGE, locale.as_str())], text).into_response();
            response = with_status(&error, response);
            response
        }
    }
}

fn with_status(error: &AppError, mut response: Response) -> Response {
    *response.status_mut() =
        StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let app::error::ErrorKind::TooManyRequests { retry_after_secs } = error.kind {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::{error::ErrorKind, i18n::t};

    /// Each kind's message exists in both languages (a missing key prints as itself).
    #[test]
    fn every_kind_has_a_message_in_both_languages() {
        for kind in ErrorKind::ANSWERED {
            for locale in Locale::ALL {
                let message = t(locale, kind.fluent_key());
                assert_ne!(message, kind.fluent_key(), "{kind:?} in {locale}");
            }
        }
    }
}
