//! An Egyptian mobile number, held in the national form `01XXXXXXXXX`.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The prefixes of Egypt's four mobile networks: 010 Vodafone, 011 Etisalat (e&),
/// 012 Orange, 015 WE. Landlines are refused: couriers call or text a mobile.
const NETWORK_DIGITS: [u8; 4] = [b'0', b'1', b'2', b'5'];

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<PhoneNumber, Invalid> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Invalid::Required);
        }
        let cleaned: String = trimmed.chars().filter_map(clean_char).collect();
        let national = national_form(&cleaned).ok_or(Invalid::PhoneFormat)?;
        if is_mobile(national.as_bytes()) {
            Ok(PhoneNumber(national))
        } else {
            Err(Invalid::PhoneFormat)
        }
    }

    /// `01XXXXXXXXX`, the form people read and type in Egypt; also what we store.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `+201XXXXXXXXX` (E.164), for SMS gateways and `tel:` links.
    pub fn international(&self) -> String {
        format!("+20{}", &self.0[1..])
    }
}

/// Phones and keyboards in Egypt type Arabic-Indic digits (and some Persian ones), and
/// numbers pasted from RTL text carry invisible direction marks; people also group digits
/// in every way imaginable. Anything else passes through and fails the format check.
fn clean_char(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_digit(c as u32 - 0x0660, 10),
        '\u{06F0}'..='\u{06F9}' => char::from_digit(c as u32 - 0x06F0, 10),
        '-' | '(' | ')' | '.' => None,
        // LRM, RLM, Arabic letter mark, and the isolates/embeddings editors wrap
        // numbers in when they sit inside Arabic text.
        '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => None,
        c if c.is_whitespace() => None,
        c => Some(c),
    }
}

/// Turns the country-code spellings into the national leading `0`.
fn national_form(digits: &str) -> Option<String> {
    let with_code = digits
        .strip_prefix("+20")
        .or_else(|| digits.strip_prefix("0020"));
    if let Some(rest) = with_code {
        // "+20 (0)10 …" is a common way to write it; the bracketed trunk 0 is redundant.
        let rest = if rest.len() == 11 {
            rest.strip_prefix('0')?
        } else {
            rest
        };
        return Some(format!("0{rest}"));
    }
    // A bare `20` prefix is only trusted when the whole thing is a complete international
    // mobile number, so a national number that happens to start with 20 is not mangled.
    if digits.len() == 12 && digits.starts_with("20") && is_mobile(&digits.as_bytes()[1..]) {
        return Some(format!("0{}", &digits[2..]));
    }
    Some(digits.to_owned())
}

fn is_mobile(national: &[u8]) -> bool {
    national.len() == 11
        && national.iter().all(u8::is_ascii_digit)
        && national.starts_with(b"01")
        && NETWORK_DIGITS.contains(&national[2])
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = Invalid;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        PhoneNumber::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(input: &str) -> String {
        PhoneNumber::parse(input)
            .unwrap_or_else(|e| panic!("{input:?}: {e}"))
            .as_str()
            .to_owned()
    }

    #[test]
    fn national_forms() {
        assert_eq!(ok("01012345678"), "01012345678");
        assert_eq!(ok("01112345678"), "01112345678");
        assert_eq!(ok("01212345678"), "01212345678");
        assert_eq!(ok("01512345678"), "01512345678");
        assert_eq!(ok("  010 1234 5678 "), "01012345678");
        assert_eq!(ok("010-1234-5678"), "01012345678");
        assert_eq!(ok("(010) 1234.5678"), "01012345678");
        assert_eq!(ok("010\u{a0}1234\u{a0}5678"), "01012345678");
    }

    #[test]
    fn eastern_digits_and_marks() {
        assert_eq!(ok("٠١٠١٢٣٤٥٦٧٨"), "01012345678");
        assert_eq!(ok("۰۱۲۱۲۳۴۵۶۷۸"), "01212345678");
        assert_eq!(ok("\u{200F}٠١٥ ١٢٣٤ ٥٦٧٨\u{200E}"), "01512345678");
        assert_eq!(ok("\u{061C}+٢٠ ١١ ١٢٣٤ ٥٦٧٨"), "01112345678");
        assert_eq!(ok("\u{2066}0100 000 0000\u{2069}"), "01000000000");
    }

    #[test]
    fn country_code_forms() {
        assert_eq!(ok("+201012345678"), "01012345678");
        assert_eq!(ok("+20 10 1234 5678"), "01012345678");
        assert_eq!(ok("00201012345678"), "01012345678");
        assert_eq!(ok("201012345678"), "01012345678");
        assert_eq!(ok("+20 (0)10 1234 5678"), "01012345678");
        assert_eq!(ok("0020 010 1234 5678"), "01012345678");
    }

    #[test]
    fn international_form() {
        let phone = PhoneNumber::parse("0122 345 6789").unwrap();
        assert_eq!(phone.international(), "+201223456789");
        assert_eq!(phone.to_string(), "01223456789");
    }

    #[test]
    fn empty_is_required() {
        assert_eq!(PhoneNumber::parse(""), Err(Invalid::Required));
        assert_eq!(PhoneNumber::parse(" \t "), Err(Invalid::Required));
    }

    #[test]
    fn refusals() {
        for bad in [
            "---",
            "0101234567",      // 10 digits
            "010123456789",    // 12 digits
            "01312345678",     // no such network
            "0223456789",      // Cairo landline
            "11012345678",     // no leading 0
            "+20001012345678", // one trunk 0 is forgiven, not two
            "+201312345678",
            "+1 202 555 0100",
            "20101234567",   // 11 digits starting 20 is not an international number
            "2010123456789", // 13 digits
            "0101234567a",
            "010١٢٣٤٥٦٧", // 10 digits, mixed scripts
            "+",
            "010+12345678",
            "٠١٠١٢٣٤٥٦٧٨٩",
        ] {
            assert_eq!(PhoneNumber::parse(bad), Err(Invalid::PhoneFormat), "{bad}");
        }
    }

    #[test]
    fn serde_goes_through_parse() {
        let phone: PhoneNumber = serde_json::from_str("\"+20 100 000 0000\"").unwrap();
        assert_eq!(phone.as_str(), "01000000000");
        assert_eq!(serde_json::to_string(&phone).unwrap(), "\"01000000000\"");
        assert!(serde_json::from_str::<PhoneNumber>("\"0223456789\"").is_err());
    }

    fn valid() -> impl Strategy<Value = String> {
        "01[0125][0-9]{8}"
    }

    fn to_arabic_indic(s: &str) -> String {
        s.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) => char::from_u32(0x0660 + d).unwrap(),
                None => c,
            })
            .collect()
    }

    proptest! {
        #[test]
        fn valid_numbers_parse_to_themselves(number in valid()) {
            prop_assert_eq!(ok(&number), number);
        }

        #[test]
        fn arabic_indic_digits_parse_the_same(number in valid()) {
            prop_assert_eq!(ok(&to_arabic_indic(&number)), number);
        }

        #[test]
        fn separators_parse_the_same(
            number in valid(),
            seps in prop::collection::vec(prop::sample::select(vec!["", "", " ", "-", "  ", " - "]), 11),
        ) {
            let written: String = number
                .chars()
                .zip(seps)
                .map(|(c, sep)| format!("{c}{sep}"))
                .collect();
            prop_assert_eq!(ok(&written), number);
        }

        #[test]
        fn country_code_parses_the_same(
            number in valid(),
            prefix in prop::sample::select(vec!["+20", "+20 ", "0020", "0020 ", "20", "+٢٠"]),
        ) {
            let written = format!("{prefix}{}", &number[1..]);
            prop_assert_eq!(ok(&written), number.clone());
            prop_assert_eq!(PhoneNumber::parse(&written).unwrap().international(), format!("+20{}", &number[1..]));
        }

        #[test]
        fn unknown_network_refused(number in "[0-9]{2}[346789][0-9]{8}") {
            prop_assert_eq!(PhoneNumber::parse(&number), Err(Invalid::PhoneFormat));
        }
    }
}
