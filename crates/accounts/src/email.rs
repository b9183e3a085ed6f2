//! An email address that passed our rules, held in its lowercase form.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest address that fits in SMTP's forward-path (RFC 5321, 4.5.3.1.3).
const MAX_LEN: usize = 254;
/// RFC 5321 caps the local part; mail servers reject longer ones.
const MAX_LOCAL_LEN: usize = 64;
/// DNS caps each label (RFC 1035).
const MAX_LABEL_LEN: usize = 63;

/// Punctuation RFC 5322 allows in an unquoted local part. Quoted local parts and comments
/// are left out on purpose: nobody signs up to a shop with them, and they are a favourite
/// way to smuggle odd text into headers.
const LOCAL_PUNCTUATION: &str = ".!#$%&'*+/=?^_`{|}~-";

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, Invalid> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(Invalid::Required);
        }
        if trimmed.chars().count() > MAX_LEN {
            return Err(Invalid::TooLong);
        }
        // One account per mailbox: `Ali@Example.com` and `ali@example.com` must collide on
        // sign-up and both sign in. Only ASCII survives the checks below, so ASCII
        // lowercasing is the whole story.
        let address = trimmed.to_ascii_lowercase();
        let (local, domain) = address.split_once('@').ok_or(Invalid::EmailFormat)?;
        if domain.contains('@') || !local_ok(local) || !domain_ok(domain) {
            return Err(Invalid::EmailFormat);
        }
        Ok(Email(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn local_ok(local: &str) -> bool {
    (1..=MAX_LOCAL_LEN).contains(&local.len())
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || LOCAL_PUNCTUATION.contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

fn domain_ok(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(tld) = labels.last() else {
        return false;
    };
    // A bare host (`ali@localhost`) is never a deliverable address for a customer, and an
    // all-digit TLD would let IP-looking domains through.
    labels.len() >= 2
        && labels.iter().all(|label| label_ok(label))
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_lowercase())
}

fn label_ok(label: &str) -> bool {
    (1..=MAX_LABEL_LEN).contains(&label.len())
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_and_lowercases() {
        let email = Email::parse("  Ali.Hassan+shop@Mail.Example.COM \n").unwrap();
        assert_eq!(email.as_str(), "ali.hassan+shop@mail.example.com");
        assert_eq!(email.to_string(), "ali.hassan+shop@mail.example.com");
    }

    #[test]
    fn accepts_rfc_punctuation_in_local_part() {
        assert!(Email::parse("a!#$%&'*+/=?^_`{|}~-z@example.eg").is_ok());
        assert!(Email::parse("x@sub-domain.example.com.eg").is_ok());
        assert!(Email::parse("1@123.com").is_ok());
    }

    #[test]
    fn empty_is_required() {
        assert_eq!(Email::parse(""), Err(Invalid::Required));
        assert_eq!(Email::parse("   \t"), Err(Invalid::Required));
    }

    #[test]
    fn length_limit_is_254() {
        // 64 + 1 + 189 = 254: the longest allowed, built from legal labels.
        let local = "a".repeat(64);
        let domain = format!(
            "{}.{}.{}.com",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(57)
        );
        let longest = format!("{local}@{domain}");
        assert_eq!(longest.len(), 254);
        assert!(Email::parse(&longest).is_ok());
        let too_long = format!("{local}@e{domain}");
        assert_eq!(Email::parse(&too_long), Err(Invalid::TooLong));
    }

    #[test]
    fn local_part_rules() {
        for bad in [
            "@example.com",
            ".ali@example.com",
            "ali.@example.com",
            "a..li@example.com",
            "a li@example.com",
            "a\"li@example.com",
            "a(li)@example.com",
            "عل@example.com",
            "ali,x@example.com",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::EmailFormat), "{bad}");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(64))).is_ok());
        assert_eq!(
            Email::parse(&format!("{}@example.com", "a".repeat(65))),
            Err(Invalid::EmailFormat)
        );
    }

    #[test]
    fn at_sign_rules() {
        for bad in [
            "ali.example.com",
            "ali@@example.com",
            "ali@x@example.com",
            "ali@",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::EmailFormat), "{bad}");
        }
    }

    #[test]
    fn domain_rules() {
        for bad in [
            "ali@localhost",
            "ali@example",
            "ali@.example.com",
            "ali@example.com.",
            "ali@example..com",
            "ali@-example.com",
            "ali@example-.com",
            "ali@exa_mple.com",
            "ali@example.c",
            "ali@example.c0m",
            "ali@192.168.0.1",
            "ali@[192.168.0.1]",
            "ali@مثال.مصر",
            "ali@exam ple.com",
        ] {
            assert_eq!(Email::parse(bad), Err(Invalid::EmailFormat), "{bad}");
        }
        let label63 = "a".repeat(63);
        assert!(Email::parse(&format!("ali@{label63}.com")).is_ok());
        assert_eq!(
            Email::parse(&format!("ali@{label63}b.com")),
            Err(Invalid::EmailFormat)
        );
    }

    #[test]
    fn serde_goes_through_parse() {
        let email: Email = serde_json::from_str("\"Ali@Example.com\"").unwrap();
        assert_eq!(email.as_str(), "ali@example.com");
        assert_eq!(
            serde_json::to_string(&email).unwrap(),
            "\"ali@example.com\""
        );
        assert!(serde_json::from_str::<Email>("\"not an email\"").is_err());
    }

    fn local_char() -> impl Strategy<Value = char> {
        let mut chars: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
        chars.extend(LOCAL_PUNCTUATION.chars().filter(|&c| c != '.'));
        prop::sample::select(chars)
    }

    fn atom(max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(local_char(), 1..=max).prop_map(|cs| cs.into_iter().collect())
    }

    fn local_part() -> impl Strategy<Value = String> {
        prop::collection::vec(atom(12), 1..=4).prop_map(|atoms| atoms.join("."))
    }

    fn label() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9]([a-zA-Z0-9-]{0,20}[a-zA-Z0-9])?"
    }

    fn valid_address() -> impl Strategy<Value = String> {
        (
            local_part(),
            prop::collection::vec(label(), 1..=3),
            "[a-zA-Z]{2,10}",
            "[ \t]{0,2}",
            "[ \t]{0,2}",
        )
            .prop_map(|(local, labels, tld, before, after)| {
                format!("{before}{local}@{}.{tld}{after}", labels.join("."))
            })
    }

    proptest! {
        #[test]
        fn generated_valid_addresses_parse(address in valid_address()) {
            let email = Email::parse(&address);
            prop_assert!(email.is_ok(), "{address:?} -> {email:?}");
            let email = email.unwrap();
            prop_assert_eq!(email.as_str(), address.trim().to_ascii_lowercase());
        }

        #[test]
        fn parse_is_idempotent(
            input in prop_oneof![any::<String>(), valid_address(), "[a-z.@-]{0,20}"]
        ) {
            if let Ok(email) = Email::parse(&input) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
            }
        }

        #[test]
        fn without_at_sign_never_parses(input in any::<String>()) {
            let input = input.replace('@', "");
            prop_assert!(Email::parse(&input).is_err());
        }
    }
}
