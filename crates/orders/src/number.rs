//! The order number people read out on the phone and type into "track my order":
//! `DK-` and eight digits, e.g. `DK-48302917`.
//!
//! The digits are drawn at random (by the SQL side, in [`OrderNumber::FIRST`] ..=
//! [`OrderNumber::LAST`]) rather than counted, so a number tells nobody how many orders the
//! shop takes and the next one cannot be guessed. It is still not a secret: looking an
//! order up by number also asks for the email or phone it was placed with.

use crate::quantity::typed_char;
use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

const PREFIX: &str = "DK-";
const DIGITS: usize = 8;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OrderNumber(String);

impl OrderNumber {
    /// The smallest number: eight digits never start with a zero, so a number survives
    /// a trip through a spreadsheet that drops leading zeros.
    pub const FIRST: u32 = 10_000_000;
    pub const LAST: u32 = 99_999_999;

    /// Forgiving about how it was typed: case (`dk-`), a missing hyphen (`DK48302917`),
    /// a space or a typographic dash instead of the hyphen (word processors and phones
    /// "correct" it), Arabic-Indic digits and the direction marks Arabic text carries.
    /// Always normalized to `DK-########`.
    pub fn parse(text: &str) -> Result<OrderNumber, Invalid> {
        let cleaned: String = text.trim().chars().filter_map(typed_char).collect();
        let mut chars = cleaned.chars();
        let prefix_ok = matches!(
            (chars.next(), chars.next()),
            (Some('D' | 'd'), Some('K' | 'k'))
        );
        if !prefix_ok {
            return Err(Invalid::OrderNumberFormat);
        }
        let rest = chars.as_str().trim_start();
        let digits = rest.strip_prefix(is_dash).unwrap_or(rest).trim_start();
        let well_formed = digits.len() == DIGITS
            && digits.bytes().all(|b| b.is_ascii_digit())
            && !digits.starts_with('0');
        if well_formed {
            Ok(OrderNumber(format!("{PREFIX}{digits}")))
        } else {
            Err(Invalid::OrderNumberFormat)
        }
    }

    /// The number for freshly drawn digits.
    ///
    /// # Panics
    /// When `n` is outside [`OrderNumber::FIRST`]`..=`[`OrderNumber::LAST`]: that is a bug
    /// in the caller's random range, and an order must not be saved with a number that
    /// [`OrderNumber::parse`] would refuse.
    pub fn from_digits(n: u32) -> OrderNumber {
        assert!(
            (OrderNumber::FIRST..=OrderNumber::LAST).contains(&n),
            "order number digits out of range: {n}"
        );
        OrderNumber(format!("{PREFIX}{n}"))
    }

    /// `DK-48302917`, what we show and store.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The hyphen and the dashes autocorrect and other scripts put in its place.
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}'
    )
}

impl fmt::Display for OrderNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for OrderNumber {
    type Error = Invalid;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        OrderNumber::parse(&value)
    }
}

impl From<OrderNumber> for String {
    fn from(value: OrderNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::{value, IntoDeserializer};

    fn ok(text: &str) -> String {
        OrderNumber::parse(text)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"))
            .as_str()
            .to_owned()
    }

    #[test]
    fn accepted_forms() {
        for written in [
            "DK-48302917",
            "dk-48302917",
            "Dk-48302917",
            "DK48302917",
            "dk48302917",
            "  DK-48302917\n",
            "DK 48302917",
            "DK - 48302917",
            "DK–48302917",
            "DK‑48302917",
            "DK-٤٨٣٠٢٩١٧",
            "dk٤٨٣٠٢٩١٧",
            "DK-۴۸۳۰۲۹۱۷",
            "\u{200F}DK-٤٨٣٠٢٩١٧\u{200E}",
        ] {
            assert_eq!(ok(written), "DK-48302917", "{written:?}");
        }
    }

    #[test]
    fn refused_forms() {
        for bad in [
            "",
            "DK-",
            "48302917",
            "-48302917",
            "DK-4830291",
            "DK-483029170",
            "DK-01234567",
            "DK--48302917",
            "DK-4830 2917",
            "DK-4830291a",
            "DX-48302917",
            "KD-48302917",
            "D-48302917",
            "DKK-48302917",
            "DK-+8302917",
            "DK_48302917",
            "DK-48302917-",
            "#DK-48302917",
            "دك-48302917",
        ] {
            assert_eq!(
                OrderNumber::parse(bad),
                Err(Invalid::OrderNumberFormat),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn from_digits_bounds() {
        assert_eq!(OrderNumber::from_digits(10_000_000).as_str(), "DK-10000000");
        assert_eq!(OrderNumber::from_digits(99_999_999).as_str(), "DK-99999999");
        assert_eq!(
            OrderNumber::from_digits(48_302_917).to_string(),
            "DK-48302917"
        );
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn from_digits_refuses_seven_digits() {
        OrderNumber::from_digits(9_999_999);
    }

    #[test]
    #[should_panic(expected = "out of range")]
    fn from_digits_refuses_nine_digits() {
        OrderNumber::from_digits(100_000_000);
    }

    #[test]
    fn serde_goes_through_parse() {
        let de = |text: &str| {
            OrderNumber::deserialize(
                text.into_deserializer() as value::StrDeserializer<value::Error>
            )
        };
        assert_eq!(de("dk48302917").unwrap().as_str(), "DK-48302917");
        assert!(de("DK-1").is_err());
        assert_eq!(
            String::from(OrderNumber::from_digits(48_302_917)),
            "DK-48302917"
        );
    }

    proptest! {
        #[test]
        fn drawn_numbers_parse_to_themselves(n in OrderNumber::FIRST..=OrderNumber::LAST) {
            let number = OrderNumber::from_digits(n);
            prop_assert_eq!(OrderNumber::parse(number.as_str()), Ok(number.clone()));
            let sloppy = number.as_str().to_lowercase().replace('-', "");
            prop_assert_eq!(OrderNumber::parse(&sloppy), Ok(number));
        }

        #[test]
        fn never_panics(text in "\\PC{0,16}") {
            if let Ok(number) = OrderNumber::parse(&text) {
                prop_assert_eq!(OrderNumber::parse(number.as_str()), Ok(number.clone()));
                prop_assert!(number.as_str().starts_with("DK-") && number.as_str().len() == 11);
            }
        }
    }
}
