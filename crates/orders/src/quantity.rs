//! How many of one variant a cart or order line holds: a whole number from 1 to 99.
//!
//! The cap keeps a typo (`1000` for `10`) from emptying the stock or producing an absurd
//! cash-on-delivery total; larger orders are a wholesale conversation, not a cart.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Quantity(u32);

impl Quantity {
    pub const MIN: u32 = 1;
    pub const MAX: u32 = 99;
    pub const ONE: Quantity = Quantity(1);

    /// `i64` because that is what forms, JSON and Postgres hand us; anything out of range
    /// (zero and negatives included) is refused rather than clamped, so a bad request
    /// never silently buys something else.
    pub fn new(n: i64) -> Result<Quantity, Invalid> {
        if (i64::from(Quantity::MIN)..=i64::from(Quantity::MAX)).contains(&n) {
            // In 1..=99, so the cast is exact.
            Ok(Quantity(n as u32))
        } else {
            Err(Invalid::QuantityRange)
        }
    }

    /// What a person typed in the quantity box. Arabic keyboards type Arabic-Indic digits
    /// (`٣`), Persian layouts Extended Arabic-Indic ones (`۳`); both read as `3`.
    /// Signs, decimals and separators are refused.
    pub fn parse(text: &str) -> Result<Quantity, Invalid> {
        let digits: String = text.trim().chars().filter_map(typed_char).collect();
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Invalid::QuantityRange);
        }
        // Too many digits for an i64 is out of range like any other big number.
        let n: i64 = digits.parse().map_err(|_| Invalid::QuantityRange)?;
        Quantity::new(n)
    }

    /// For "add to cart" on a line that already holds some: the sum is capped at the
    /// maximum instead of refusing the click. `None` when `n` is below one.
    pub fn capped(n: i64) -> Option<Quantity> {
        if n < i64::from(Quantity::MIN) {
            None
        } else {
            Some(Quantity(n.min(i64::from(Quantity::MAX)) as u32))
        }
    }

    pub fn get(self) -> u32 {
        self.0
    }
}

/// Digits as people type them, shared with order numbers: Arabic-Indic and Extended
/// Arabic-Indic digits become ASCII, and the invisible direction marks that text pasted
/// from right-to-left context carries are dropped. Anything else passes through and fails
/// the caller's format check.
pub(crate) fn typed_char(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => None,
        c => Some(c),
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<i64> for Quantity {
    type Error = Invalid;

    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Quantity::new(value)
    }
}

impl From<Quantity> for i64 {
    fn from(value: Quantity) -> Self {
        i64::from(value.0)
    }
}

impl From<Quantity> for u32 {
    fn from(value: Quantity) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::{value, IntoDeserializer};

    #[test]
    fn range_bounds() {
        assert_eq!(Quantity::new(1).map(Quantity::get), Ok(1));
        assert_eq!(Quantity::new(99).map(Quantity::get), Ok(99));
        for bad in [0, -1, 100, i64::MIN, i64::MAX, i64::from(u32::MAX) + 1] {
            assert_eq!(Quantity::new(bad), Err(Invalid::QuantityRange), "{bad}");
        }
    }

    #[test]
    fn parses_typed_text() {
        let ok = |text: &str| Quantity::parse(text).map(Quantity::get);
        assert_eq!(ok("3"), Ok(3));
        assert_eq!(ok("  12 \n"), Ok(12));
        assert_eq!(ok("007"), Ok(7));
        assert_eq!(ok("٣"), Ok(3));
        assert_eq!(ok("٩٩"), Ok(99));
        assert_eq!(ok("۱۲"), Ok(12));
        assert_eq!(ok("\u{200F}١٠\u{200E}"), Ok(10));
        assert_eq!(ok("1٢"), Ok(12));
    }

    #[test]
    fn refuses_other_text() {
        for bad in [
            "",
            "   ",
            "0",
            "٠",
            "100",
            "١٠٠",
            "-1",
            "+1",
            "1.0",
            "1,0",
            "1 0",
            "one",
            "3x",
            "99999999999999999999999",
        ] {
            assert_eq!(Quantity::parse(bad), Err(Invalid::QuantityRange), "{bad:?}");
        }
    }

    #[test]
    fn capping() {
        assert_eq!(Quantity::capped(0), None);
        assert_eq!(Quantity::capped(-5), None);
        assert_eq!(Quantity::capped(i64::MIN), None);
        assert_eq!(Quantity::capped(1).map(Quantity::get), Some(1));
        assert_eq!(Quantity::capped(99).map(Quantity::get), Some(99));
        assert_eq!(Quantity::capped(100).map(Quantity::get), Some(99));
        assert_eq!(Quantity::capped(i64::MAX).map(Quantity::get), Some(99));
    }

    #[test]
    fn serde_is_a_checked_number() {
        let de = |n: i64| {
            Quantity::deserialize(n.into_deserializer() as value::I64Deserializer<value::Error>)
        };
        assert_eq!(de(5).unwrap().get(), 5);
        assert!(de(0).is_err());
        assert!(de(100).is_err());
        assert_eq!(i64::from(Quantity::new(42).unwrap()), 42);
        assert_eq!(Quantity::new(42).unwrap().to_string(), "42");
    }

    proptest! {
        #[test]
        fn written_numbers_read_back(n in 1i64..=99) {
            let q = Quantity::new(n).unwrap();
            prop_assert_eq!(Quantity::parse(&q.to_string()), Ok(q));
            let arabic: String = q
                .to_string()
                .chars()
                .map(|c| char::from_u32(0x0660 + c.to_digit(10).unwrap()).unwrap())
                .collect();
            prop_assert_eq!(Quantity::parse(&arabic), Ok(q));
        }

        #[test]
        fn capped_agrees_with_new(n in any::<i64>()) {
            match Quantity::new(n) {
                Ok(q) => prop_assert_eq!(Quantity::capped(n), Some(q)),
                Err(_) if n > 99 => prop_assert_eq!(Quantity::capped(n).map(Quantity::get), Some(99)),
                Err(_) => prop_assert_eq!(Quantity::capped(n), None),
            }
        }
    }
}
