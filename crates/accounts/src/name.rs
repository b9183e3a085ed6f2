//! A person's name as they wrote it, tidied: any script, any order, one space between words.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Enough for a full Egyptian four-part name (own, father's, grandfather's, family) with
/// room to spare, and short enough for a shipping label.
const MAX_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub fn parse(input: &str) -> Result<PersonName, Invalid> {
        let name = tidy(input);
        if name.is_empty() {
            return Err(Invalid::Required);
        }
        if name.chars().count() > MAX_CHARS {
            return Err(Invalid::TooLong);
        }
        Ok(PersonName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Drops control characters and collapses every whitespace run to one space. Names are
/// not checked against an alphabet: real names hold apostrophes, hyphens, dots and letters
/// from any script, and refusing someone's own name is worse than storing an odd one.
/// Control characters carry nothing a person meant to type (they come from pasting), so
/// they are removed rather than refused; tabs and newlines count as spaces.
pub(crate) fn tidy(input: &str) -> String {
    let visible: String = input
        .chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PersonName {
    type Error = Invalid;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        PersonName::parse(&value)
    }
}

impl From<PersonName> for String {
    fn from(value: PersonName) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_and_collapses() {
        let name = PersonName::parse("  Mona \t  El-Sayed\n\nAbdel  Aziz ").unwrap();
        assert_eq!(name.as_str(), "Mona El-Sayed Abdel Aziz");
        assert_eq!(name.to_string(), "Mona El-Sayed Abdel Aziz");
        assert_eq!(
            PersonName::parse("محمد   أحمد").unwrap().as_str(),
            "محمد أحمد"
        );
        assert_eq!(PersonName::parse("O'Brien").unwrap().as_str(), "O'Brien");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(
            PersonName::parse("Ah\u{0}med\u{7f} \u{1b}Ali")
                .unwrap()
                .as_str(),
            "Ahmed Ali"
        );
        assert_eq!(PersonName::parse("\u{0}\u{7}"), Err(Invalid::Required));
    }

    #[test]
    fn empty_is_required() {
        assert_eq!(PersonName::parse(""), Err(Invalid::Required));
        assert_eq!(PersonName::parse(" \n\t "), Err(Invalid::Required));
    }

    #[test]
    fn length_limit_counts_chars_after_tidying() {
        assert!(PersonName::parse(&"ع".repeat(100)).is_ok());
        assert_eq!(PersonName::parse(&"ع".repeat(101)), Err(Invalid::TooLong));
        // 100 letters padded with spaces and a collapsed run are still 100 chars.
        let padded = format!("   {}    {}   ", "a".repeat(49), "b".repeat(50));
        assert_eq!(PersonName::parse(&padded).unwrap().as_str().len(), 100);
    }

    #[test]
    fn serde_goes_through_parse() {
        let name: PersonName = serde_json::from_str("\" Aya   Samir \"").unwrap();
        assert_eq!(name.as_str(), "Aya Samir");
        assert_eq!(serde_json::to_string(&name).unwrap(), "\"Aya Samir\"");
        assert!(serde_json::from_str::<PersonName>("\"   \"").is_err());
    }

    proptest! {
        #[test]
        fn parse_is_idempotent(input in any::<String>()) {
            if let Ok(name) = PersonName::parse(&input) {
                prop_assert_eq!(PersonName::parse(name.as_str()), Ok(name.clone()));
                prop_assert!(!name.as_str().contains("  "));
                prop_assert!(!name.as_str().chars().any(char::is_control));
            }
        }
    }
}
