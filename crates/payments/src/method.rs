//! The ways a shopper can pay. Pure: shared with the browser.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

/// How an order is paid. Stored and sent as `"cod"` / `"card"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PaymentMethod {
    /// The courier collects cash at the door; nothing happens online.
    #[serde(rename = "cod")]
    CashOnDelivery,
    /// A card, on the provider's hosted page.
    #[serde(rename = "card")]
    Card,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown payment method {0:?}")]
pub struct ParsePaymentMethodError(pub String);

impl PaymentMethod {
    /// In the order the checkout offers them: cash first, as most Egyptian shoppers pay.
    pub const ALL: [PaymentMethod; 2] = [PaymentMethod::CashOnDelivery, PaymentMethod::Card];

    /// The stored and wire form: `cod`, `card`.
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::CashOnDelivery => "cod",
            PaymentMethod::Card => "card",
        }
    }

    /// The inverse of [`PaymentMethod::as_str`] (exact, lowercase).
    pub fn parse(text: &str) -> Option<PaymentMethod> {
        match text {
            "cod" => Some(PaymentMethod::CashOnDelivery),
            "card" => Some(PaymentMethod::Card),
            _ => None,
        }
    }

    /// The Fluent message that names the method to the shopper.
    pub fn fluent_key(self) -> &'static str {
        match self {
            PaymentMethod::CashOnDelivery => "payment-method-cod",
            PaymentMethod::Card => "payment-method-card",
        }
    }
}

impl FromStr for PaymentMethod {
    type Err = ParsePaymentMethodError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        PaymentMethod::parse(text).ok_or_else(|| ParsePaymentMethodError(text.to_string()))
    }
}

impl fmt::Display for PaymentMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_round_trip() {
        for method in PaymentMethod::ALL {
            assert_eq!(PaymentMethod::parse(method.as_str()), Some(method));
            assert_eq!(method.as_str().parse::<PaymentMethod>(), Ok(method));
            assert_eq!(method.to_string(), method.as_str());
        }
        assert_eq!(PaymentMethod::parse("COD"), None);
        assert_eq!(PaymentMethod::parse(""), None);
        assert!("cash".parse::<PaymentMethod>().is_err());
    }

    #[test]
    fn serde_uses_the_short_names() {
        assert_eq!(
            serde_json::to_string(&PaymentMethod::CashOnDelivery).unwrap(),
            "\"cod\""
        );
        assert_eq!(
            serde_json::to_string(&PaymentMethod::Card).unwrap(),
            "\"card\""
        );
        assert_eq!(
            serde_json::from_str::<PaymentMethod>("\"card\"").unwrap(),
            PaymentMethod::Card
        );
        assert!(serde_json::from_str::<PaymentMethod>("\"Card\"").is_err());
    }

    #[test]
    fn fluent_keys() {
        assert_eq!(
            PaymentMethod::CashOnDelivery.fluent_key(),
            "payment-method-cod"
        );
        assert_eq!(PaymentMethod::Card.fluent_key(), "payment-method-card");
    }
}
