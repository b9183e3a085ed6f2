//! Who is signed in, and the cookies that keep them signed in. The server's auth layer
//! puts the verified person into the request; pages and server functions read it here and
//! authorize inside themselves.

use crate::error::AppError;
pub use dokkan_accounts::session::CurrentUser;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;

/// Short-lived signed access token (JWT).
pub const ACCESS_COOKIE: &str = "dokkan_at";
/// Long-lived opaque refresh token, rotated on every use.
pub const REFRESH_COOKIE: &str = "dokkan_rt";

/// The signed-in person of the request being served, if any.
pub fn current_user() -> Option<CurrentUser> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CurrentUser>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The signed-in person, or 401.
pub fn require_user() -> Result<CurrentUser, AppError> {
    current_user().ok_or_else(AppError::unauthorized)
}

/// A person whose role, as stored now, allows what `needed` names. The token's claim is not trusted
/// here: a demotion takes effect on the very next request that calls this.
#[cfg(feature = "ssr")]
pub async fn require_role(needed: Permission) -> Result<CurrentUser, AppError> {
    let mut user = require_user()?;
    let pool = leptos::prelude::expect_context::<crate::state::AppState>().pool;
    let role = dokkan_accounts::db::current_role(&pool, user.user_id)
        .await?
        .ok_or_else(AppError::unauthorized)?;
    if !role.allows(needed) {
        return Err(AppError::forbidden());
    }
    user.role = role;
    Ok(user)
}

#[cfg(feature = "ssr")]
pub use settings::*;

#[cfg(feature = "ssr")]
mod settings {
    use super::*;
    use dokkan_accounts::{db::Throttle, token::Lifetimes, token::TokenKeys};

    /// Everything about sign-in that is configuration: the key, lifetimes, limits.
    #[derive(Clone)]
    pub struct AuthSettings {
        pub keys: TokenKeys,
        pub lifetimes: Lifetimes,
        pub throttle: Throttle,
        /// `Secure` cookies, on when the public URL is https.
        pub secure_cookies: bool,
        /// Reverse proxies whose `X-Forwarded-For` is believed; nobody else's is.
        pub trusted_proxies: Vec<std::net::IpAddr>,
    }

    impl AuthSettings {
        pub fn now() -> i64 {
            chrono::Utc::now().timestamp()
        }

        pub fn access_token(&self, user: &CurrentUser) -> Result<String, AppError> {
            Ok(self
                .keys
                .issue(user, Self::now(), self.lifetimes.access_secs)?)
        }

        fn cookie(&self, name: &str, value: &str, max_age: i64) -> String {
            let secure = if self.secure_cookies { "; Secure" } else { "" };
            format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}")
        }

        pub fn access_cookie(&self, token: &str) -> String {
            self.cookie(ACCESS_COOKIE, token, self.lifetimes.access_secs)
        }

        pub fn refresh_cookie(&self, secret: &str) -> String {
            self.cookie(REFRESH_COOKIE, secret, self.lifetimes.refresh_secs)
        }

        pub fn clear_cookies(&self) -> [String; 2] {
            [
                self.cookie(ACCESS_COOKIE, "", 0),
                self.cookie(REFRESH_COOKIE, "", 0),
            ]
        }
    }

    /// The client's address: the socket's, or, when the socket is a trusted proxy, the
    /// nearest `X-Forwarded-For` hop that is not one of ours. A client can write anything
    /// into that header, so hops are read from the right and only past trusted proxies.
    pub fn client_address(
        socket: std::net::IpAddr,
        headers: &http::HeaderMap,
        trusted: &[std::net::IpAddr],
    ) -> std::net::IpAddr {
        if !trusted.contains(&socket) {
            return socket;
        }
        let hops: Vec<std::net::IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map_while(|hop| hop.trim().parse().ok())
            .collect();
        hops.into_iter()
            .rev()
            .find(|hop| !trusted.contains(hop))
            .unwrap_or(socket)
    }

    /// A cookie's value from the request headers.
    pub fn cookie_value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
        headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::client_address;
    use std::net::IpAddr;

    fn headers(xff: &[&str]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        for value in xff {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_behind_a_trusted_proxy() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy];
        // Straight from a client: its own header is ignored.
        assert_eq!(
            client_address(ip("198.51.100.7"), &headers(&["203.0.113.9"]), &trusted),
            ip("198.51.100.7")
        );
        // Through the proxy: the hop the proxy saw, not what the client claimed before it.
        assert_eq!(
            client_address(proxy, &headers(&["1.2.3.4, 203.0.113.9"]), &trusted),
            ip("203.0.113.9")
        );
        assert_eq!(
            client_address(proxy, &headers(&["203.0.113.9", "10.0.0.2"]), &trusted),
            ip("203.0.113.9")
        );
        // No usable header: the proxy itself.
        assert_eq!(client_address(proxy, &headers(&[]), &trusted), proxy);
        assert_eq!(
            client_address(proxy, &headers(&["garbage"]), &trusted),
            proxy
        );
    }
}
