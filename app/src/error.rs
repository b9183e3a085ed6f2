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
    /// The request itself could not be carried out (bad encoding, network).
    #[error("request failed: {0}")]
    Request(String),
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
        AppError::Request(value.to_string())
    }
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
