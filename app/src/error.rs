//! The one error type server functions return. It carries no internals to the browser,
//! only what the page needs to show a localized message.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// Something failed on our side; details are in the server log under the request id.
    #[error("internal error")]
    Internal,
    /// The browser could not carry out the call (network, an answer it could not read).
    /// Made on the client only: the server never sends its text.
    #[error("request failed: {0}")]
    Request(String),
    /// A call the server could not read: an argument missing or malformed, a body too
    /// large. The caller's fault (400, or 413); what exactly was wrong is only logged,
    /// since the names of our Rust fields are nobody's business.
    #[error("bad request")]
    BadRequest,
    /// Not signed in.
    #[error("unauthorized")]
    Unauthorized,
    /// Signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// No such thing, or not yours (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// A form the person must correct; messages are already in their language.
    #[error("form rejected")]
    Form(FormError),
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

impl AppError {
    /// The Fluent message the page shows for this error.
    pub fn fluent_key(&self) -> &'static str {
        match self {
            AppError::Internal => "error-internal",
            AppError::Request(_) => "error-request",
            AppError::BadRequest => "error-bad-request",
            AppError::Unauthorized => "error-unauthorized",
            AppError::Forbidden => "error-forbidden",
            AppError::NotFound => "error-not-found",
            AppError::Form(_) => "error-form",
        }
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
            AppError::Request(value.to_string())
        }
    }
}

/// On the server this runs when a call fails before the function's body: its arguments
/// could not be decoded (server_fn decodes them first), or the method was wrong. Without
/// it server_fn answers 500 with the decoder's message.
#[cfg(feature = "ssr")]
fn unreadable_call(error: ServerFnErrorErr) -> AppError {
    use http::StatusCode;
    let status = match &error {
        ServerFnErrorErr::Args(_)
        | ServerFnErrorErr::MissingArg(_)
        | ServerFnErrorErr::Deserialization(_) => {
            // axum's body limit surfaces as a read error of the arguments.
            if error.to_string().contains("length limit exceeded") {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            }
        }
        ServerFnErrorErr::UnsupportedRequestMethod(_) => StatusCode::METHOD_NOT_ALLOWED,
        _ => {
            tracing::error!(%error, "server function failed outside its body");
            return crate::server::support::fail::<()>(
                StatusCode::INTERNAL_SERVER_ERROR,
                AppError::Internal,
            )
            .unwrap_err();
        }
    };
    tracing::info!(%error, %status, "unreadable server function call");
    crate::server::support::fail::<()>(status, AppError::BadRequest).unwrap_err()
}

#[cfg(feature = "ssr")]
impl From<dokkan_catalog::CatalogError> for AppError {
    fn from(error: dokkan_catalog::CatalogError) -> Self {
        // 5xx are logged here, once, with the request's span (and so its request id).
        tracing::error!(error = ?error, "catalog query failed");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<dokkan_accounts::AccountsError> for AppError {
    fn from(error: dokkan_accounts::AccountsError) -> Self {
        tracing::error!(error = ?error, "accounts operation failed");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<dokkan_mail::MailError> for AppError {
    fn from(error: dokkan_mail::MailError) -> Self {
        tracing::error!(error = ?error, "queueing mail failed");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        tracing::error!(error = ?error, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<dokkan_orders::OrdersError> for AppError {
    fn from(error: dokkan_orders::OrdersError) -> Self {
        tracing::error!(error = ?error, "orders operation failed");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl From<dokkan_audit::AuditError> for AppError {
    fn from(error: dokkan_audit::AuditError) -> Self {
        tracing::error!(error = ?error, "audit log failed");
        AppError::Internal
    }
}
