//! The one error of the application. Server functions return it, pages render it, the
//! REST API answers with it: its kind says what went wrong and so the status, its form
//! what the person reads (already in their language). Nothing internal ever goes into
//! it; internals are logged where they happen, under the request's id.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// What went wrong, as the caller should understand it. Each kind has one status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ErrorKind {
    /// The call could not be read (a missing or malformed argument) or named a choice
    /// that does not exist: 400.
    BadRequest,
    /// Not signed in, or the credentials are wrong: 401.
    Unauthorized,
    /// Signed in, but not allowed: 403.
    Forbidden,
    /// No such thing, or not yours (the two are not told apart): 404.
    NotFound,
    /// The thing changed under the request (a cart changed, a name is taken): 409.
    Conflict,
    /// It existed and is used up or expired (a one-time link): 410.
    Gone,
    /// The body is larger than this call takes: 413.
    PayloadTooLarge,
    /// A form the person must correct, field by field: 422.
    Unprocessable,
    /// Too many attempts; try again after this many seconds: 429.
    TooManyRequests { retry_after_secs: u64 },
    /// A part we depend on is down for now: 503.
    Unavailable,
    /// Something failed on our side; the details are in the log: 500.
    Internal,
    /// Made in the browser only: the call did not get a readable answer (network).
    Network,
}

impl ErrorKind {
    /// Every kind the server answers with (`Network` is the browser's own).
    pub const ANSWERED: [ErrorKind; 11] = [
        ErrorKind::BadRequest,
        ErrorKind::Unauthorized,
        ErrorKind::Forbidden,
        ErrorKind::NotFound,
        ErrorKind::Conflict,
        ErrorKind::Gone,
        ErrorKind::PayloadTooLarge,
        ErrorKind::Unprocessable,
        ErrorKind::TooManyRequests {
            retry_after_secs: 60,
        },
        ErrorKind::Unavailable,
        ErrorKind::Internal,
    ];

    pub fn status(self) -> u16 {
        match self {
            ErrorKind::BadRequest => 400,
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::NotFound => 404,
            ErrorKind::Conflict => 409,
            ErrorKind::Gone => 410,
            ErrorKind::PayloadTooLarge => 413,
            ErrorKind::Unprocessable => 422,
            ErrorKind::TooManyRequests { .. } => 429,
            ErrorKind::Unavailable => 503,
            ErrorKind::Internal => 500,
            ErrorKind::Network => 502,
        }
    }

    /// The stable code REST clients read in `error`.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Gone => "gone",
            ErrorKind::PayloadTooLarge => "payload_too_large",
            ErrorKind::Unprocessable => "invalid",
            ErrorKind::TooManyRequests { .. } => "too_many_requests",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
            ErrorKind::Network => "network",
        }
    }

    /// The Fluent message that says it when the form says nothing more precise.
    pub fn fluent_key(self) -> &'static str {
        match self {
            ErrorKind::BadRequest => "error-bad-request",
            ErrorKind::Unauthorized => "error-unauthorized",
            ErrorKind::Forbidden => "error-forbidden",
            ErrorKind::NotFound => "error-not-found",
            ErrorKind::Conflict => "error-conflict",
            ErrorKind::Gone => "error-gone",
            ErrorKind::PayloadTooLarge => "error-too-large",
            ErrorKind::Unprocessable => "error-form",
            ErrorKind::TooManyRequests { .. } => "error-too-many-requests",
            ErrorKind::Unavailable => "error-unavailable",
            ErrorKind::Internal => "error-internal",
            ErrorKind::Network => "error-request",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{kind:?}")]
pub struct AppError {
    pub kind: ErrorKind,
    /// What the page shows with it: a message, one per field, the values to put back.
    /// Empty when the kind's own message says it all.
    #[serde(default, skip_serializing_if = "FormError::is_empty")]
    pub form: FormError,
    /// A stable code for REST clients more precise than the kind's
    /// (`invalid_parameter`, `address_book_full`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// What a rejected form shows: one message for the form, one per field, and the values
/// to put back (never passwords), so a browser without JS loses nothing either.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormError {
    pub message: Option<String>,
    pub fields: Vec<(String, String)>,
    pub values: Vec<(String, String)>,
}

impl FormError {
    pub fn is_empty(&self) -> bool {
        self.message.is_none() && self.fields.is_empty() && self.values.is_empty()
    }

    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, message)| message.as_str())
    }

    /// Every message in one line: the form's, then each field's (for a page that shows
    /// them together, not beside each field).
    pub fn summary(&self) -> String {
        self.message
            .iter()
            .chain(self.fields.iter().map(|(_, message)| message))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The fields' messages alone, in one line.
    pub fn field_summary(&self) -> String {
        self.fields
            .iter()
            .map(|(_, message)| message.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

impl From<ErrorKind> for AppError {
    fn from(kind: ErrorKind) -> Self {
        AppError {
            kind,
            form: FormError::default(),
            code: None,
        }
    }
}

impl AppError {
    pub fn bad_request() -> Self {
        ErrorKind::BadRequest.into()
    }

    pub fn unauthorized() -> Self {
        ErrorKind::Unauthorized.into()
    }

    pub fn forbidden() -> Self {
        ErrorKind::Forbidden.into()
    }

    pub fn not_found() -> Self {
        ErrorKind::NotFound.into()
    }

    pub fn internal() -> Self {
        ErrorKind::Internal.into()
    }

    /// A form to correct (422), or with [`AppError::with_kind`] any other refusal that
    /// the person reads as messages.
    pub fn form(form: FormError) -> Self {
        AppError {
            kind: ErrorKind::Unprocessable,
            form,
            code: None,
        }
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    pub fn with_code(mut self, code: &str) -> Self {
        self.code = Some(code.to_string());
        self
    }

    /// The messages to show beside the form, when there are any.
    pub fn form_error(&self) -> Option<&FormError> {
        (!self.form.is_empty()).then_some(&self.form)
    }

    pub fn status(&self) -> u16 {
        self.kind.status()
    }

    /// The Fluent message the page shows for this error.
    pub fn fluent_key(&self) -> &'static str {
        self.kind.fluent_key()
    }

    /// The form's message, else the kind's, in `locale`.
    #[cfg(feature = "ssr")]
    pub fn message(&self, locale: dokkan_core::Locale) -> String {
        self.form
            .message
            .clone()
            .unwrap_or_else(|| crate::i18n::t(locale, self.fluent_key()))
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        {
            unreadable_call(value)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = value;
            ErrorKind::Network.into()
        }
    }

    /// Runs on the server for every error a server function answers with, in the
    /// request's context: the one place its status is decided (from the kind), so a
    /// function only returns its error.
    fn ser(&self) -> leptos::server_fn::Bytes {
        #[cfg(feature = "ssr")]
        crate::server::support::respond_with(self);
        <JsonEncoding as leptos::server_fn::Encodes<Self>>::encode(self)
            .unwrap_or_else(|_| leptos::server_fn::Bytes::from_static(br#"{"kind":"Internal"}"#))
    }
}

/// On the server this runs when a call fails before the function's body: its arguments
/// could not be decoded (server_fn decodes them first), or the method was wrong. What
/// was wrong is logged, never answered: the names of our Rust fields are nobody's
/// business.
#[cfg(feature = "ssr")]
fn unreadable_call(error: ServerFnErrorErr) -> AppError {
    let kind = match &error {
        ServerFnErrorErr::Args(_)
        | ServerFnErrorErr::MissingArg(_)
        | ServerFnErrorErr::Deserialization(_) => {
            // axum's body limit surfaces as a read error of the arguments.
            if error.to_string().contains("length limit exceeded") {
                ErrorKind::PayloadTooLarge
            } else {
                ErrorKind::BadRequest
            }
        }
        ServerFnErrorErr::UnsupportedRequestMethod(_) => ErrorKind::BadRequest,
        _ => {
            tracing::error!(%error, "server function failed outside its body");
            return AppError::internal();
        }
    };
    tracing::info!(%error, "unreadable server function call");
    kind.into()
}

#[cfg(feature = "ssr")]
macro_rules! internal_from {
    ($($source:ty => $what:literal),* $(,)?) => {$(
        impl From<$source> for AppError {
            fn from(error: $source) -> Self {
                // 5xx are logged here, once, with the request's span (and so its id).
                tracing::error!(error = ?error, $what);
                AppError::internal()
            }
        }
    )*};
}

#[cfg(feature = "ssr")]
internal_from! {
    dokkan_catalog::CatalogError => "catalog query failed",
    dokkan_accounts::AccountsError => "accounts operation failed",
    dokkan_mail::MailError => "queueing mail failed",
    sqlx::Error => "database error",
    dokkan_orders::OrdersError => "orders operation failed",
    dokkan_audit::AuditError => "audit log failed",
    dokkan_events::EventsError => "events query failed",
    dokkan_recommend::db::RecommendError => "recommendations failed",
    dokkan_quiz::db::QuizError => "quiz query failed",
    dokkan_channels::ChannelError => "channel outbox failed",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_status_code_and_message() {
        let kinds: Vec<ErrorKind> = ErrorKind::ANSWERED
            .into_iter()
            .chain([ErrorKind::Network])
            .collect();
        let mut statuses: Vec<u16> = kinds.iter().map(|k| k.status()).collect();
        statuses.sort();
        statuses.dedup();
        assert_eq!(statuses.len(), kinds.len());
        let mut codes: Vec<&str> = kinds.iter().map(|k| k.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), kinds.len());
    }

    #[test]
    fn a_bare_error_is_small_on_the_wire() {
        let json = serde_json::to_string(&AppError::not_found()).unwrap();
        assert_eq!(json, r#"{"kind":"NotFound"}"#);
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, AppError::not_found());
    }
}
