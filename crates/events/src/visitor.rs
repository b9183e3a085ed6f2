//! The first-party visitor id: random, carried in a signed HttpOnly cookie (signing is the
//! web layer's job), or given by another shop's history on import.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VisitorId(String);

impl VisitorId {
    /// A new random id: 16 bytes, URL-safe base64 (22 characters).
    #[cfg(feature = "ssr")]
    pub fn random() -> VisitorId {
        use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
        let bytes: [u8; 16] = rand::random();
        VisitorId(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for VisitorId {
    type Error = &'static str;

    /// Up to 100 visible ASCII characters without spaces, commas or quotes: safe in a
    /// cookie, a CSV cell and a log line.
    fn try_from(text: String) -> Result<Self, Self::Error> {
        let ok = !text.is_empty()
            && text.len() <= 100
            && text
                .bytes()
                .all(|b| b.is_ascii_graphic() && !matches!(b, b',' | b'"' | b';' | b'\\'));
        if ok {
            Ok(VisitorId(text))
        } else {
            Err("a visitor id is 1 to 100 visible ASCII characters")
        }
    }
}

impl TryFrom<&str> for VisitorId {
    type Error = &'static str;

    fn try_from(text: &str) -> Result<Self, Self::Error> {
        VisitorId::try_from(text.to_string())
    }
}

impl From<VisitorId> for String {
    fn from(v: VisitorId) -> String {
        v.0
    }
}

impl std::fmt::Display for VisitorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_cookie_and_csv_safe() {
        assert!(VisitorId::try_from("v-123_AbC").is_ok());
        for bad in ["", "a b", "a,b", "a\"b", "a;b", "عربي", &"x".repeat(101)] {
            assert!(VisitorId::try_from(bad).is_err(), "{bad:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn random_ids_are_distinct_and_valid() {
        let a = VisitorId::random();
        let b = VisitorId::random();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 22);
        assert!(VisitorId::try_from(a.as_str()).is_ok());
    }
}
