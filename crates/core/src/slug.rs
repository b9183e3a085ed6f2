//! URL slugs for categories and product handles: readable, stable, the same in both
//! languages (`/en/products/x` and `/ar/products/x` differ only by the prefix).

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("a slug is at most {max} characters", max = Slug::MAX_LEN)]
    TooLong,
    #[error("a slug holds lowercase a-z, 0-9 and single hyphens between them: {0:?}")]
    Invalid(String),
}

impl Slug {
    pub const MAX_LEN: usize = 100;

    pub fn parse(text: &str) -> Result<Slug, SlugError> {
        if text.is_empty() {
            return Err(SlugError::Empty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong);
        }
        let allowed = text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !allowed || text.starts_with('-') || text.ends_with('-') || text.contains("--") {
            return Err(SlugError::Invalid(text.to_string()));
        }
        Ok(Slug(text.to_string()))
    }

    /// Makes a slug from a Latin title: `"Men's T-Shirt (XL)"` → `mens-t-shirt-xl`.
    /// Fails when nothing Latin is left (an Arabic-only title needs a handle given).
    pub fn from_title(title: &str) -> Result<Slug, SlugError> {
        let mut out = String::new();
        let mut pending_hyphen = false;
        for c in title.chars() {
            if c.is_ascii_alphanumeric() {
                if pending_hyphen && !out.is_empty() {
                    out.push('-');
                }
                pending_hyphen = false;
                out.push(c.to_ascii_lowercase());
            } else if c != '\'' && c != '\u{2019}' {
                pending_hyphen = true;
            }
        }
        out.truncate(Self::MAX_LEN);
        let trimmed = out.trim_end_matches('-').to_string();
        Slug::parse(&trimmed)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> String {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_rejects() {
        assert!(Slug::parse("turkish-coffee-250g").is_ok());
        assert!(Slug::parse("a").is_ok());
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        for bad in ["-a", "a-", "a--b", "A", "a b", "قهوة", "a_b", "a/b", "a.b"] {
            assert!(
                matches!(Slug::parse(bad), Err(SlugError::Invalid(_))),
                "{bad}"
            );
        }
        assert_eq!(Slug::parse(&"a".repeat(101)), Err(SlugError::TooLong));
    }

    #[test]
    fn makes_slugs_from_titles() {
        assert_eq!(
            Slug::from_title("Men's T-Shirt (XL)").unwrap().as_str(),
            "mens-t-shirt-xl"
        );
        assert_eq!(
            Slug::from_title("  Coffee & Tea  ").unwrap().as_str(),
            "coffee-tea"
        );
        assert_eq!(Slug::from_title("قهوة"), Err(SlugError::Empty));
    }

    #[test]
    fn deserializing_validates() {
        assert!(serde_json::from_str::<Slug>("\"ok-slug\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"Bad Slug\"").is_err());
    }

    proptest! {
        #[test]
        fn from_title_is_always_valid_or_empty(title in "\\PC{0,200}") {
            match Slug::from_title(&title) {
                Ok(slug) => prop_assert!(Slug::parse(slug.as_str()).is_ok()),
                Err(e) => prop_assert_eq!(e, SlugError::Empty),
            }
        }
    }
}
