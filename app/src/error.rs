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
}

impl AppError {
    /// The Fluent message the page shows for this error.
    pub fn fluent_key(&self) -> &'static str {
        match self {
            AppError::Internal => "error-internal",
            AppError::Request(_) => "error-request",
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
