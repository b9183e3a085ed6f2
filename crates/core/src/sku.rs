//! Stock-keeping units: the merchant's code for one variant, unique across the shop.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Upper-case ASCII letters and digits, then also `.`, `_` and `-`; 1–64 characters.
/// Parsing trims and upper-cases, so `ts-01-m` and `TS-01-M` are the same SKU.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sku(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkuError {
    #[error("a SKU cannot be empty")]
    Empty,
    #[error("a SKU is at most {max} characters", max = Sku::MAX_LEN)]
    TooLong,
    #[error("a SKU holds letters A-Z, digits and . _ - (starting with a letter or digit): {0:?}")]
    Invalid(String),
}

impl Sku {
    pub const MAX_LEN: usize = 64;

    pub fn parse(text: &str) -> Result<Sku, SkuError> {
        let text = text.trim().to_ascii_uppercase();
        if text.is_empty() {
            return Err(SkuError::Empty);
        }
        if text.len() > Self::MAX_LEN {
            return Err(SkuError::TooLong);
        }
        let first_ok = text.as_bytes()[0].is_ascii_alphanumeric();
        let all_ok = text.bytes().all(|b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        });
        if !first_ok || !all_ok {
            return Err(SkuError::Invalid(text));
        }
        Ok(Sku(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sku {
    type Error = SkuError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Sku::parse(&value)
    }
}

impl From<Sku> for String {
    fn from(sku: Sku) -> String {
        sku.0
    }
}

impl fmt::Display for Sku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_and_upper_cases() {
        assert_eq!(Sku::parse(" ts-01-m ").unwrap().as_str(), "TS-01-M");
        assert_eq!(Sku::parse("A.B_C-9").unwrap().as_str(), "A.B_C-9");
    }

    #[test]
    fn refuses_bad_skus() {
        assert_eq!(Sku::parse("  "), Err(SkuError::Empty));
        assert!(matches!(Sku::parse("-AB"), Err(SkuError::Invalid(_))));
        assert!(matches!(Sku::parse("A B"), Err(SkuError::Invalid(_))));
        assert!(matches!(Sku::parse("قميص"), Err(SkuError::Invalid(_))));
        assert_eq!(Sku::parse(&"A".repeat(65)), Err(SkuError::TooLong));
    }

    proptest! {
        #[test]
        fn parsing_a_parsed_sku_is_identity(s in "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") {
            let sku = Sku::parse(&s).unwrap();
            prop_assert_eq!(Sku::parse(sku.as_str()).unwrap(), sku);
        }
    }
}
