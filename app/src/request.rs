//! What a page may know about the request it is rendering. Pages run only on the server;
//! the browser build gets inert stand-ins that are never called.

use dokkan_core::Locale;

/// Remembers the shopper's last language for `/`.
pub const LOCALE_COOKIE: &str = "dokkan_lang";

/// The request's language: the URL prefix, then the cookie, then `Accept-Language`.
pub fn locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        match use_context::<http::request::Parts>() {
            Some(parts) => Locale::from_path(parts.uri.path())
                .unwrap_or_else(|| preferred_locale(&parts.headers)),
            None => Locale::DEFAULT,
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        Locale::DEFAULT
    }
}

/// The language a visitor without a URL prefix should get: cookie, then
/// `Accept-Language`, then Arabic.
#[cfg(feature = "ssr")]
pub fn preferred_locale(headers: &http::HeaderMap) -> Locale {
    cookie_locale(headers)
        .or_else(|| {
            headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::negotiate)
        })
        .unwrap_or(Locale::DEFAULT)
}

#[cfg(feature = "ssr")]
fn cookie_locale(headers: &http::HeaderMap) -> Option<Locale> {
    crate::auth::cookie_value(headers, LOCALE_COOKIE).and_then(Locale::from_url_segment)
}

/// Path and query of the page being rendered, e.g. `/en/products/x?y=1`.
pub fn path_and_query() -> String {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        use_context::<http::request::Parts>()
            .and_then(|parts| parts.uri.path_and_query().map(|pq| pq.as_str().to_string()))
            .unwrap_or_else(|| "/".to_string())
    }
    #[cfg(not(feature = "ssr"))]
    {
        "/".to_string()
    }
}

/// The same page in `target` language: only the prefix changes.
pub fn localized_path(path_and_query: &str, target: Locale) -> String {
    let rest = path_and_query.trim_start_matches('/');
    let rest = match rest.split_once('/') {
        Some((first, tail)) if Locale::from_url_segment(first).is_some() => format!("/{tail}"),
        None if Locale::from_url_segment(rest.split('?').next().unwrap_or("")).is_some() => {
            let query = rest
                .split_once('?')
                .map(|(_, q)| format!("?{q}"))
                .unwrap_or_default();
            format!("/{query}")
        }
        _ => format!("/{rest}"),
    };
    format!("/{}{}", target.as_str(), rest)
}

/// Absolute URL for canonical and hreflang links.
pub fn absolute_url(path: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        let base = leptos::prelude::use_context::<crate::state::AppState>()
            .map(|state| state.public_url)
            .unwrap_or_default();
        format!("{base}{path}")
    }
    #[cfg(not(feature = "ssr"))]
    {
        path.to_string()
    }
}

/// Sets the status of the page being rendered (404, 403, 500); the page still renders a
/// helpful body.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// The sign-in page that brings the visitor back to `next` afterwards.
pub fn sign_in_path(locale: Locale, next: &str) -> String {
    // `/` is legal in a query value and keeps the link readable.
    #[cfg(feature = "ssr")]
    let next = form_urlencoded::byte_serialize(next.as_bytes())
        .collect::<String>()
        .replace("%2F", "/");
    format!("/{locale}/account/sign-in?next={next}")
}

/// Stores the page's language in a cookie when it differs from the remembered one, so `/`
/// brings the shopper back to it.
pub fn remember_locale(locale: Locale) {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::use_context;
        let Some(parts) = use_context::<http::request::Parts>() else {
            return;
        };
        // Only a page the visitor chose by its prefix counts, not a 404 for `/favicon.ico`.
        let chosen = Locale::from_path(parts.uri.path()) == Some(locale);
        if !chosen || cookie_locale(&parts.headers) == Some(locale) {
            return;
        }
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            let cookie =
                format!("{LOCALE_COOKIE}={locale}; Path=/; Max-Age=31536000; SameSite=Lax");
            if let Ok(value) = http::HeaderValue::from_str(&cookie) {
                response.append_header(http::header::SET_COOKIE, value);
            }
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = locale;
}

/// A query parameter of the page being rendered, decoded.
pub fn query_param(name: &str) -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        let query = parts.uri.query()?;
        // The last one wins: a second failed plain form post appends its error after the
        // first one's.
        form_urlencoded::parse(query.as_bytes())
            .filter(|(key, _)| key == name)
            .last()
            .map(|(_, value)| value.into_owned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        None
    }
}

/// The error a plain (no-JS) form post to `server_fn_path` came back with: the server
/// function redirected here with it encoded in `__err`.
pub fn form_error_for(server_fn_path: &str, locale: Locale) -> Option<crate::error::FormError> {
    use crate::error::{AppError, FormError};
    if query_param("__path").as_deref() != Some(server_fn_path) {
        return None;
    }
    let encoded = query_param("__err")?;
    let error = leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(&encoded);
    Some(if error.form.is_empty() {
        FormError {
            message: Some(crate::i18n::t(locale, error.fluent_key())),
            ..FormError::default()
        }
    } else {
        error.form
    })
}

/// Sends the visitor elsewhere (a 302 from the server render).
pub fn redirect_to(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(path),
    ) {
        response.set_status(http::StatusCode::FOUND);
        response.insert_header(http::header::LOCATION, location);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switches_only_the_prefix() {
        assert_eq!(
            localized_path("/en/products/x", Locale::Ar),
            "/ar/products/x"
        );
        assert_eq!(
            localized_path("/ar/categories/c?page=2", Locale::En),
            "/en/categories/c?page=2"
        );
        assert_eq!(localized_path("/ar", Locale::En), "/en/");
        assert_eq!(localized_path("/ar/", Locale::En), "/en/");
        assert_eq!(localized_path("/ar?x=1", Locale::En), "/en/?x=1");
        assert_eq!(localized_path("/nope/x", Locale::En), "/en/nope/x");
        assert_eq!(localized_path("/", Locale::Ar), "/ar/");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn prefers_cookie_then_accept_language_then_arabic() {
        let mut headers = http::HeaderMap::new();
        assert_eq!(preferred_locale(&headers), Locale::Ar);
        headers.insert(
            http::header::ACCEPT_LANGUAGE,
            "en-US,en;q=0.9".parse().unwrap(),
        );
        assert_eq!(preferred_locale(&headers), Locale::En);
        headers.insert(http::header::COOKIE, "a=b; dokkan_lang=ar".parse().unwrap());
        assert_eq!(preferred_locale(&headers), Locale::Ar);
        headers.insert(http::header::COOKIE, "dokkan_lang=xx".parse().unwrap());
        assert_eq!(preferred_locale(&headers), Locale::En);
    }
}
