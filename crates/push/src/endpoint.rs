//! Which URLs the server may post push messages to.
//!
//! A subscription's endpoint comes from a browser, so it is an address a customer
//! chooses. Sending to it is a request the server makes on their behalf: left open, that
//! is server-side request forgery (the metadata service, the database's admin port, an
//! internal API). So an endpoint must be an `https` URL on the default port whose host is
//! one of the known push services (or a subdomain of one), without credentials; IP
//! literals never pass. Development and tests may also allow loopback (`127.0.0.1`,
//! `[::1]`, `localhost`, any port, `http` too) for a local receiver — never any other
//! address. The HTTP client follows no redirects, so an allowed host cannot bounce the
//! request elsewhere.

use std::fmt;
use url::{Host, Url};

/// Longest endpoint accepted, in bytes (real ones are 150–400).
const MAX_LEN: usize = 2048;

/// The push services of the browsers shoppers use: Chrome, Edge (new), Opera, Samsung
/// Internet and Brave (Firebase Cloud Messaging), Firefox (Mozilla autopush), Safari
/// (Apple), Edge on Windows (WNS).
pub const PUSH_SERVICES: [&str; 4] = [
    "fcm.googleapis.com",
    "push.services.mozilla.com",
    "push.apple.com",
    "notify.windows.com",
];

/// The allow-list endpoints are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointPolicy {
    /// Lowercase host names; a host matches one or a subdomain of one.
    hosts: Vec<String>,
    allow_loopback: bool,
}

impl Default for EndpointPolicy {
    fn default() -> Self {
        Self::new(std::iter::empty::<String>(), false)
    }
}

impl EndpointPolicy {
    /// [`PUSH_SERVICES`] plus `extra_hosts` (a self-hosted push service, e.g. for
    /// UnifiedPush); `allow_loopback` for development and tests only.
    pub fn new<S: AsRef<str>>(
        extra_hosts: impl IntoIterator<Item = S>,
        allow_loopback: bool,
    ) -> Self {
        let mut hosts: Vec<String> = PUSH_SERVICES.iter().map(|h| h.to_string()).collect();
        for host in extra_hosts {
            let host = host.as_ref().trim().trim_matches('.').to_ascii_lowercase();
            if !host.is_empty() && !hosts.contains(&host) {
                hosts.push(host);
            }
        }
        EndpointPolicy {
            hosts,
            allow_loopback,
        }
    }

    pub fn allows_loopback(&self) -> bool {
        self.allow_loopback
    }

    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }

    /// The endpoint, if the server may call it.
    pub fn check(&self, text: &str) -> Result<Endpoint, InvalidEndpoint> {
        if text.len() > MAX_LEN || text.trim() != text || text.is_empty() {
            return Err(InvalidEndpoint::Malformed);
        }
        let url = Url::parse(text).map_err(|_| InvalidEndpoint::Malformed)?;
        if !url.username().is_empty() || url.password().is_some() || url.fragment().is_some() {
            return Err(InvalidEndpoint::Malformed);
        }
        let loopback = match url.host() {
            Some(Host::Ipv4(ip)) => ip.is_loopback(),
            Some(Host::Ipv6(ip)) => ip.is_loopback(),
            Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            None => return Err(InvalidEndpoint::Malformed),
        };
        if loopback && self.allow_loopback {
            return match url.scheme() {
                "https" | "http" => Ok(Endpoint(url)),
                _ => Err(InvalidEndpoint::NotHttps),
            };
        }
        if url.scheme() != "https" {
            return Err(InvalidEndpoint::NotHttps);
        }
        let Some(Host::Domain(name)) = url.host() else {
            return Err(InvalidEndpoint::HostNotAllowed);
        };
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        let listed = self.hosts.iter().any(|allowed| {
            name == *allowed
                || name
                    .strip_suffix(allowed.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        });
        // `port()` is `None` for the scheme's default port (443).
        if !listed || url.port().is_some() {
            return Err(InvalidEndpoint::HostNotAllowed);
        }
        Ok(Endpoint(url))
    }
}

/// A push endpoint an [`EndpointPolicy`] allowed.
#[derive(Clone, PartialEq, Eq)]
pub struct Endpoint(Url);

impl Endpoint {
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// `scheme://host[:port]`: the VAPID token's audience (RFC 8292 section 2).
    pub fn origin(&self) -> String {
        self.0.origin().ascii_serialization()
    }

    pub fn url(&self) -> &Url {
        &self.0
    }
}

/// The path of an endpoint is a capability (whoever knows it can push to that browser):
/// debug output shows the origin only.
impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Endpoint({}/…)", self.origin())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidEndpoint {
    #[error("the endpoint is not a URL")]
    Malformed,
    #[error("the endpoint is not https")]
    NotHttps,
    #[error("the endpoint is not a known push service")]
    HostNotAllowed,
}

impl InvalidEndpoint {
    pub fn fluent_key(self) -> &'static str {
        "push-invalid-endpoint"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn production() -> EndpointPolicy {
        EndpointPolicy::default()
    }

    #[test]
    fn real_push_services_pass() {
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/dLx2hK:APA91bH",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABk",
            "https://web.push.apple.com/QGuQyavXutnMH",
            "https://wns2-par02p.notify.windows.com/w/?token=BQYAAA",
            "https://FCM.googleapis.com./fcm/send/x",
            "https://fcm.googleapis.com:443/fcm/send/x",
        ] {
            let checked = production().check(endpoint).expect(endpoint);
            assert!(checked.origin().starts_with("https://"), "{endpoint}");
        }
        assert_eq!(
            production()
                .check("https://fcm.googleapis.com/fcm/send/abc")
                .unwrap()
                .origin(),
            "https://fcm.googleapis.com"
        );
    }

    #[test]
    fn internal_and_lookalike_addresses_are_refused() {
        for (endpoint, why) in [
            (
                "http://fcm.googleapis.com/fcm/send/x",
                InvalidEndpoint::NotHttps,
            ),
            (
                "https://169.254.169.254/latest/meta-data",
                InvalidEndpoint::HostNotAllowed,
            ),
            ("https://127.0.0.1/push", InvalidEndpoint::HostNotAllowed),
            ("http://127.0.0.1:8080/push", InvalidEndpoint::NotHttps),
            ("https://localhost/push", InvalidEndpoint::HostNotAllowed),
            ("https://[::1]/push", InvalidEndpoint::HostNotAllowed),
            ("https://10.0.0.5/push", InvalidEndpoint::HostNotAllowed),
            ("https://db.internal/push", InvalidEndpoint::HostNotAllowed),
            (
                "https://evilfcm.googleapis.com.attacker.example/x",
                InvalidEndpoint::HostNotAllowed,
            ),
            (
                "https://notfcm.googleapis.com.example/x",
                InvalidEndpoint::HostNotAllowed,
            ),
            (
                "https://xfcm.googleapis.com/x",
                InvalidEndpoint::HostNotAllowed,
            ),
            ("https://googleapis.com/x", InvalidEndpoint::HostNotAllowed),
            (
                "https://fcm.googleapis.com:8443/x",
                InvalidEndpoint::HostNotAllowed,
            ),
            (
                "https://fcm.googleapis.com@attacker.example/x",
                InvalidEndpoint::Malformed,
            ),
            (
                "https://user:pw@fcm.googleapis.com/x",
                InvalidEndpoint::Malformed,
            ),
            ("file:///etc/passwd", InvalidEndpoint::Malformed),
            ("gopher://fcm.googleapis.com/x", InvalidEndpoint::NotHttps),
            ("fcm.googleapis.com/fcm/send/x", InvalidEndpoint::Malformed),
            (" https://fcm.googleapis.com/x", InvalidEndpoint::Malformed),
            ("", InvalidEndpoint::Malformed),
        ] {
            assert_eq!(production().check(endpoint), Err(why), "{endpoint}");
        }
        let long = format!("https://fcm.googleapis.com/{}", "a".repeat(MAX_LEN));
        assert_eq!(production().check(&long), Err(InvalidEndpoint::Malformed));
    }

    #[test]
    fn loopback_only_when_allowed_and_never_other_private_addresses() {
        let dev = EndpointPolicy::new(std::iter::empty::<&str>(), true);
        for endpoint in [
            "http://127.0.0.1:41234/push/abc",
            "http://localhost:3000/push",
            "http://[::1]:9/push",
            "https://127.0.0.1/push",
        ] {
            assert!(dev.check(endpoint).is_ok(), "{endpoint}");
        }
        for endpoint in [
            "http://10.0.0.5/push",
            "http://192.168.1.1/push",
            "http://169.254.169.254/latest",
            "http://0.0.0.0:80/push",
            "ftp://127.0.0.1/push",
        ] {
            assert!(dev.check(endpoint).is_err(), "{endpoint}");
        }
        assert_eq!(
            dev.check("http://127.0.0.1:41234/push").unwrap().origin(),
            "http://127.0.0.1:41234"
        );
    }

    #[test]
    fn extra_hosts_extend_the_list() {
        let policy = EndpointPolicy::new(["push.example.org", " .Ntfy.Example.NET. "], false);
        assert!(policy.check("https://push.example.org/up/abc").is_ok());
        assert!(policy.check("https://eu.ntfy.example.net/up/abc").is_ok());
        assert!(policy.check("https://example.org/up/abc").is_err());
        assert!(policy.check("https://fcm.googleapis.com/x").is_ok());
    }

    #[test]
    fn debug_hides_the_capability_path() {
        let endpoint = production()
            .check("https://fcm.googleapis.com/fcm/send/secret-token")
            .unwrap();
        let shown = format!("{endpoint:?}");
        assert!(!shown.contains("secret-token"), "{shown}");
    }
}
