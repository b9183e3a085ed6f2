//! Whether the shopper let the shop remember them. Until they say yes, and always when the
//! browser sends `Sec-GPC: 1`, nothing links their visits: events are counted without a
//! visitor id and personalization uses the current visit only.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    /// Not asked yet: the banner shows; nothing is remembered meanwhile.
    Unasked,
    Granted,
    Refused,
    /// Global Privacy Control: treated as a refusal that needs no banner.
    GlobalPrivacyControl,
}

/// The consent cookie's name and values.
pub const COOKIE: &str = "dokkan_consent";
pub const GRANTED: &str = "yes";
pub const REFUSED: &str = "no";

impl Consent {
    /// From the consent cookie's value and the `Sec-GPC` header.
    pub fn from_request(cookie: Option<&str>, gpc_header: Option<&str>) -> Consent {
        if gpc_header.is_some_and(|v| v.trim() == "1") {
            return Consent::GlobalPrivacyControl;
        }
        match cookie {
            Some(GRANTED) => Consent::Granted,
            Some(REFUSED) => Consent::Refused,
            _ => Consent::Unasked,
        }
    }

    pub fn allows_tracking(self) -> bool {
        self == Consent::Granted
    }

    pub fn shows_banner(self) -> bool {
        self == Consent::Unasked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gpc_wins_over_a_yes() {
        assert_eq!(
            Consent::from_request(Some("yes"), Some("1")),
            Consent::GlobalPrivacyControl
        );
        assert!(!Consent::from_request(Some("yes"), Some("1")).allows_tracking());
        assert!(!Consent::GlobalPrivacyControl.shows_banner());
    }

    #[test]
    fn only_a_yes_allows_tracking() {
        assert!(Consent::from_request(Some("yes"), None).allows_tracking());
        assert!(Consent::from_request(Some("yes"), Some("0")).allows_tracking());
        for cookie in [None, Some("no"), Some("maybe")] {
            assert!(!Consent::from_request(cookie, None).allows_tracking());
        }
        assert!(Consent::from_request(None, None).shows_banner());
        assert!(!Consent::from_request(Some("no"), None).shows_banner());
    }
}
