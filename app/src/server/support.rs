//! What every server function needs from the request: state, status, cookies, redirects,
//! the client address, and turning rule violations into a localized form error.

use crate::{
    error::{AppError, ErrorKind, FormError},
    i18n::t,
    state::AppState,
};
use dokkan_accounts::Invalid;
use dokkan_core::Locale;
use http::{header, StatusCode};
use leptos::prelude::*;

pub fn state() -> AppState {
    expect_context::<AppState>()
}

/// The language a form was filled in, from its hidden `lang` field.
pub fn locale(lang: &str) -> Locale {
    Locale::from_url_segment(lang).unwrap_or(Locale::DEFAULT)
}

fn parts() -> Option<http::request::Parts> {
    use_context::<http::request::Parts>()
}

/// A plain form post from a browser without JS (it accepts HTML, not JSON).
pub fn is_plain_form() -> bool {
    parts()
        .and_then(|p| {
            p.headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// The response side of an error a server function answers with: its kind's status for
/// script and API callers (a plain form post is answered with a redirect back to its
/// page, which shows the error, so its status stays 302), `Retry-After` when it has one,
/// and a log line under the request's id (5xx were logged where they happened).
pub fn respond_with(error: &AppError) {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if status.is_client_error() {
        tracing::info!(kind = ?error.kind, "server function refused the call");
    }
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    if let ErrorKind::TooManyRequests { retry_after_secs } = error.kind {
        response.insert_header(header::RETRY_AFTER, retry_after_secs.into());
    }
    if !is_plain_form() {
        response.set_status(status);
    }
}

pub fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Sends the browser to `path`: a 302 for plain forms, a redirect header for the island.
pub fn redirect(path: &str) {
    leptos_axum::redirect(path);
}

/// A path inside this site to go to after signing in; anything else goes home.
pub fn safe_next(next: &str, locale: Locale) -> String {
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains(['\r', '\n']);
    if local {
        next.to_string()
    } else {
        format!("/{locale}/account")
    }
}

/// The client's address (see `auth::client_address` for proxies).
pub fn client_ip() -> Option<String> {
    client_addr().map(|ip| ip.to_string())
}

pub fn client_addr() -> Option<std::net::IpAddr> {
    let parts = parts()?;
    let socket = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()?
        .0
        .ip();
    let trusted = &state().auth.trusted_proxies;
    Some(crate::auth::client_address(socket, &parts.headers, trusted))
}

/// Collects field violations and the values to put back into one localized form error.
pub struct FormCheck {
    locale: Locale,
    error: FormError,
}

impl FormCheck {
    pub fn new(locale: Locale) -> Self {
        FormCheck {
            locale,
            error: FormError::default(),
        }
    }

    /// Keeps a submitted value so the form can be refilled (never call it for passwords).
    pub fn keep(mut self, field: &str, value: &str) -> Self {
        self.error
            .values
            .push((field.to_string(), value.to_string()));
        self
    }

    /// Parses one field, remembering the violation.
    pub fn check<T>(&mut self, field: &str, result: Result<T, Invalid>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(invalid) => {
                self.invalid(field, invalid.fluent_key());
                None
            }
        }
    }

    pub fn invalid(&mut self, field: &str, key: &str) {
        self.error
            .fields
            .push((field.to_string(), t(self.locale, key)));
    }

    /// A field's message already in the form's language (one with arguments).
    pub fn invalid_text(&mut self, field: &str, message: String) {
        self.error.fields.push((field.to_string(), message));
    }

    pub fn is_ok(&self) -> bool {
        self.error.fields.is_empty() && self.error.message.is_none()
    }

    /// The whole form's message (wrong password, expired link).
    pub fn message(mut self, key: &str) -> Self {
        self.error.message = Some(t(self.locale, key));
        self
    }

    /// The whole form's message, already in the form's language.
    pub fn message_text(mut self, message: String) -> Self {
        self.error.message = Some(message);
        self
    }

    /// A form to correct (422) with the collected messages.
    pub fn into_error(mut self) -> AppError {
        if self.error.message.is_none() && !self.error.fields.is_empty() {
            self.error.message = Some(t(self.locale, "form-fix-errors"));
        }
        AppError::form(self.error)
    }

    /// 422 with the collected errors.
    pub fn reject<T>(self) -> Result<T, AppError> {
        Err(self.into_error())
    }

    /// Refused as `kind` (a conflict, too many attempts), with the collected messages.
    pub fn refuse<T>(self, kind: ErrorKind) -> Result<T, AppError> {
        Err(self.into_error().with_kind(kind))
    }
}

/// Runs password hashing off the async threads: argon2id takes tens of milliseconds.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(work).await.map_err(|error| {
        tracing::error!(?error, "blocking task failed");
        AppError::internal()
    })
}

/// The signed-in person, or 401.
pub fn signed_in() -> Result<crate::auth::CurrentUser, AppError> {
    crate::auth::require_user()
}

/// A person whose stored role allows `needed`, or 401/403.
pub async fn with_role(
    needed: dokkan_accounts::Permission,
) -> Result<crate::auth::CurrentUser, AppError> {
    crate::auth::require_role(needed).await
}

/// An admin write about to happen: who (checked against the stored role) and what. Its
/// transaction is audited, so every row it writes is logged with the before and after.
pub struct AdminWrite {
    pub user: crate::auth::CurrentUser,
    who: dokkan_audit::db::Who,
    action: dokkan_audit::Action,
}

impl AdminWrite {
    /// The audited transaction; commit it like any other.
    pub async fn begin(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, AppError> {
        Ok(dokkan_audit::db::begin(&state().pool, &self.who, self.action).await?)
    }

    /// Who and what, for a domain function that opens its own audited transaction.
    pub fn audit(&self) -> (&dokkan_audit::db::Who, dokkan_audit::Action) {
        (&self.who, self.action)
    }

    /// The same person doing a different action (one server function, several kinds).
    pub fn doing(&self, action: dokkan_audit::Action) -> AdminWrite {
        AdminWrite {
            user: self.user.clone(),
            who: self.who.clone(),
            action,
        }
    }
}

/// The door of every admin write: 401/403 unless the stored role allows `needed`.
pub async fn admin_write(
    needed: dokkan_accounts::Permission,
    action: dokkan_audit::Action,
) -> Result<AdminWrite, AppError> {
    let user = with_role(needed).await?;
    let who = dokkan_audit::db::Who::user(user.user_id, client_addr());
    Ok(AdminWrite { user, who, action })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next("/ar/products/x?y=1", Locale::Ar),
            "/ar/products/x?y=1"
        );
        for foreign in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "javascript:alert(1)",
            "/ok\r\nSet-Cookie: x=y",
            "",
        ] {
            assert_eq!(safe_next(foreign, Locale::En), "/en/account", "{foreign}");
        }
    }
}
