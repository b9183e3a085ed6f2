//! Money as integer minor units. No floats come near a price.
//!
//! Display formats, one per locale (documented in the README):
//! - English: `EGP 1,250.00` (ISO code, space, Western digits, `,` groups, `.` decimals)
//! - Arabic:  `١٬٢٥٠٫٠٠ ج.م.‏` (Arabic-Indic digits, U+066C groups, U+066B decimals,
//!   then a space and the Egyptian pound sign followed by a right-to-left mark), as CLDR
//!   formats `ar-EG`.

use crate::Locale;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "EGP")]
    Egp,
}

impl Currency {
    pub fn code(self) -> &'static str {
        match self {
            Currency::Egp => "EGP",
        }
    }

    /// Digits after the decimal point (piastres for the pound).
    pub fn minor_digits(self) -> u32 {
        match self {
            Currency::Egp => 2,
        }
    }

    fn arabic_symbol(self) -> &'static str {
        match self {
            Currency::Egp => "ج.م.\u{200F}",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        match code {
            "EGP" => Some(Currency::Egp),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor: i64,
    currency: Currency,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("not a decimal amount: {0:?}")]
    Invalid(String),
    #[error("more decimals than the currency has: {0:?}")]
    TooPrecise(String),
    #[error("amount out of range")]
    Overflow,
}

impl Money {
    pub const fn new(minor: i64, currency: Currency) -> Self {
        Money { minor, currency }
    }

    pub const fn egp(minor: i64) -> Self {
        Money::new(minor, Currency::Egp)
    }

    pub fn minor(self) -> i64 {
        self.minor
    }

    pub fn currency(self) -> Currency {
        self.currency
    }

    /// Parses a plain decimal such as `1250`, `1250.5` or `1250.50`.
    pub fn parse_decimal(text: &str, currency: Currency) -> Result<Money, MoneyError> {
        let text = text.trim();
        let invalid = || MoneyError::Invalid(text.to_string());
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
        if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        if !fraction.bytes().all(|b| b.is_ascii_digit())
            || (unsigned.contains('.') && fraction.is_empty())
        {
            return Err(invalid());
        }
        let digits = currency.minor_digits() as usize;
        if fraction.len() > digits {
            return Err(MoneyError::TooPrecise(text.to_string()));
        }
        let scale = 10_i64.pow(currency.minor_digits());
        let whole: i64 = whole.parse().map_err(|_| MoneyError::Overflow)?;
        let fraction: i64 = if fraction.is_empty() {
            0
        } else {
            format!("{fraction:0<digits$}")
                .parse()
                .map_err(|_| invalid())?
        };
        let minor = whole
            .checked_mul(scale)
            .and_then(|m| m.checked_add(fraction))
            .ok_or(MoneyError::Overflow)?;
        Ok(Money::new(if negative { -minor } else { minor }, currency))
    }

    /// The amount as a plain decimal with every minor digit and no currency: `449.00`,
    /// `-12.50` (JSON-LD prices, machine-readable fields).
    pub fn decimal(self) -> String {
        let digits = self.currency.minor_digits();
        let scale = 10_u64.pow(digits);
        let magnitude = self.minor.unsigned_abs();
        let sign = if self.minor < 0 { "-" } else { "" };
        if digits == 0 {
            return format!("{sign}{magnitude}");
        }
        format!(
            "{sign}{}.{:0width$}",
            magnitude / scale,
            magnitude % scale,
            width = digits as usize
        )
    }

    /// Like [`Money::decimal`], without the fraction when it is zero: `449`, `399.50`.
    /// What people type and what the CSV and the URLs carry; `parse_decimal` reads it back.
    pub fn short_decimal(self) -> String {
        let full = self.decimal();
        match full.split_once('.') {
            Some((whole, fraction)) if fraction.bytes().all(|b| b == b'0') => whole.to_string(),
            _ => full,
        }
    }

    /// The amount as the shopper reads it in `locale`.
    pub fn format(self, locale: Locale) -> String {
        let scale = 10_u64.pow(self.currency.minor_digits());
        let magnitude = self.minor.unsigned_abs();
        let whole = group_thousands(&(magnitude / scale).to_string());
        let fraction = format!(
            "{:0width$}",
            magnitude % scale,
            width = self.currency.minor_digits() as usize
        );
        let sign = if self.minor < 0 { "-" } else { "" };
        match locale {
            Locale::En => format!("{sign}{} {whole}.{fraction}", self.currency.code()),
            Locale::Ar => {
                let number = to_arabic_indic(&format!("{whole}.{fraction}"));
                // U+061C (Arabic letter mark) keeps the minus on the correct side in RTL text.
                let sign = if sign.is_empty() { "" } else { "\u{061C}-" };
                format!("{sign}{number} {}", self.currency.arabic_symbol())
            }
        }
    }
}

impl fmt::Display for Money {
    /// Locale-free form for logs: `EGP 1250.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = 10_i64.pow(self.currency.minor_digits());
        let sign = if self.minor < 0 { "-" } else { "" };
        let magnitude = self.minor.unsigned_abs();
        write!(
            f,
            "{} {sign}{}.{:0width$}",
            self.currency.code(),
            magnitude / scale as u64,
            magnitude % scale as u64,
            width = self.currency.minor_digits() as usize
        )
    }
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Western digits and separators to their Arabic forms (as `ar-EG` writes numbers).
pub(crate) fn to_arabic_indic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('\u{0660}' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            ',' => '\u{066C}',
            '.' => '\u{066B}',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_english() {
        assert_eq!(Money::egp(125_000).format(Locale::En), "EGP 1,250.00");
        assert_eq!(Money::egp(5).format(Locale::En), "EGP 0.05");
        assert_eq!(
            Money::egp(123_456_789).format(Locale::En),
            "EGP 1,234,567.89"
        );
        assert_eq!(Money::egp(-1_999).format(Locale::En), "-EGP 19.99");
        assert_eq!(Money::egp(99_900).format(Locale::En), "EGP 999.00");
    }

    #[test]
    fn formats_arabic() {
        assert_eq!(
            Money::egp(125_000).format(Locale::Ar),
            "١٬٢٥٠٫٠٠ ج.م.\u{200F}"
        );
        assert_eq!(Money::egp(5).format(Locale::Ar), "٠٫٠٥ ج.م.\u{200F}");
        assert_eq!(Money::egp(99_900).format(Locale::Ar), "٩٩٩٫٠٠ ج.م.\u{200F}");
        assert_eq!(
            Money::egp(-1_999).format(Locale::Ar),
            "\u{061C}-١٩٫٩٩ ج.م.\u{200F}"
        );
    }

    #[test]
    fn parses_decimals() {
        assert_eq!(
            Money::parse_decimal("1250", Currency::Egp),
            Ok(Money::egp(125_000))
        );
        assert_eq!(
            Money::parse_decimal("1250.5", Currency::Egp),
            Ok(Money::egp(125_050))
        );
        assert_eq!(
            Money::parse_decimal(" 0.05 ", Currency::Egp),
            Ok(Money::egp(5))
        );
        assert_eq!(
            Money::parse_decimal("-3.10", Currency::Egp),
            Ok(Money::egp(-310))
        );
        assert!(matches!(
            Money::parse_decimal("1.234", Currency::Egp),
            Err(MoneyError::TooPrecise(_))
        ));
        for bad in [
            "",
            ".5",
            "1.",
            "1,000",
            "abc",
            "1e3",
            "--1",
            "99999999999999999999",
        ] {
            assert!(
                Money::parse_decimal(bad, Currency::Egp).is_err(),
                "{bad:?} should fail"
            );
        }
    }

    const ARABIC_POUND: &str = "ج.م.\u{200F}";

    fn from_arabic_digits(text: &str) -> String {
        text.chars()
            .filter_map(|c| match c {
                '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + '0' as u32),
                '\u{066B}' => Some('.'),
                '-' => Some('-'),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn plain_decimals() {
        assert_eq!(Money::egp(44_900).decimal(), "449.00");
        assert_eq!(Money::egp(44_900).short_decimal(), "449");
        assert_eq!(Money::egp(39_950).short_decimal(), "399.50");
        assert_eq!(Money::egp(5).short_decimal(), "0.05");
        assert_eq!(Money::egp(-1_250).decimal(), "-12.50");
        assert_eq!(Money::egp(0).short_decimal(), "0");
    }

    proptest! {
        #[test]
        fn short_decimals_read_back(minor in -10_000_000_000i64..10_000_000_000) {
            for text in [Money::egp(minor).short_decimal(), Money::egp(minor).decimal()] {
                prop_assert_eq!(Money::parse_decimal(&text, Currency::Egp).unwrap(), Money::egp(minor));
            }
        }

        #[test]
        fn english_format_round_trips(minor in -1_000_000_000_000i64..1_000_000_000_000) {
            let text = Money::egp(minor).format(Locale::En);
            let plain: String = text.replace("EGP ", "").replace(',', "");
            prop_assert_eq!(Money::parse_decimal(&plain, Currency::Egp), Ok(Money::egp(minor)));
        }

        #[test]
        fn arabic_format_round_trips(minor in -1_000_000_000_000i64..1_000_000_000_000) {
            let text = Money::egp(minor).format(Locale::Ar);
            prop_assert!(text.ends_with(ARABIC_POUND));
            prop_assert!(!text.chars().any(|c| c.is_ascii_digit()));
            prop_assert_eq!(Money::parse_decimal(&from_arabic_digits(&text), Currency::Egp), Ok(Money::egp(minor)));
        }

        #[test]
        fn groups_have_three_digits(minor in 0i64..i64::MAX) {
            let text = Money::egp(minor).format(Locale::En);
            let whole = text.trim_start_matches("EGP ").split('.').next().unwrap().to_string();
            let groups: Vec<&str> = whole.split(',').collect();
            prop_assert!(groups[0].len() <= 3 && !groups[0].is_empty());
            for g in &groups[1..] { prop_assert_eq!(g.len(), 3); }
        }
    }
}
