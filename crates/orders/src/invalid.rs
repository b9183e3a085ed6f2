//! Why a value was refused. Each reason has a Fluent key; the page shows the message.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum Invalid {
    #[error("quantity is not a whole number from 1 to 99")]
    QuantityRange,
    #[error("not an order number (DK- and 8 digits)")]
    OrderNumberFormat,
    #[error("not a discount code")]
    DiscountCodeFormat,
}

impl Invalid {
    pub const ALL: [Invalid; 3] = [
        Invalid::QuantityRange,
        Invalid::OrderNumberFormat,
        Invalid::DiscountCodeFormat,
    ];

    pub fn fluent_key(self) -> &'static str {
        match self {
            Invalid::QuantityRange => "invalid-quantity",
            Invalid::OrderNumberFormat => "invalid-order-number",
            Invalid::DiscountCodeFormat => "invalid-discount-code",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_distinct_and_prefixed() {
        let keys: Vec<&str> = Invalid::ALL.iter().map(|i| i.fluent_key()).collect();
        for (i, key) in keys.iter().enumerate() {
            assert!(key.starts_with("invalid-"), "{key}");
            assert!(!keys[i + 1..].contains(key), "{key} twice");
        }
        assert_eq!(Invalid::QuantityRange.fluent_key(), "invalid-quantity");
        assert_eq!(
            Invalid::OrderNumberFormat.fluent_key(),
            "invalid-order-number"
        );
        assert_eq!(
            Invalid::DiscountCodeFormat.fluent_key(),
            "invalid-discount-code"
        );
    }
}
