//! Passwords: the rules for choosing one, the looser rules for typing one at sign-in, and
//! (server only) Argon2id hashing and verification.

use crate::Invalid;
use std::{collections::HashSet, fmt, sync::LazyLock};

/// NIST SP 800-63B's minimum for a password the person chose.
const MIN_CHARS: usize = 8;
/// Long enough for any passphrase; short enough that nobody can make us hash megabytes.
const MAX_CHARS: usize = 128;

/// Lowercase, one per line, only entries of `MIN_CHARS` or more (shorter ones are refused
/// anyway); lines starting with `#` are comments. Provenance is in the file's header.
static COMMON_SOURCE: &str = include_str!("../data/common-passwords.txt");

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    COMMON_SOURCE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// A password in clear text. It never leaves the server in a response and never reaches a
/// log: there is no `Serialize`, and `Debug` prints `Password(<redacted>)`. There is no
/// `PartialEq` either, so nobody compares one by accident instead of calling `verify`.
#[derive(Clone)]
pub struct Password(String);

impl Password {
    /// A password someone is choosing (sign-up, change, reset): all rules apply.
    pub fn new(input: &str) -> Result<Password, Invalid> {
        // Not trimmed: spaces are legitimate password characters, and trimming here but
        // not at sign-in (or the reverse) would lock people out.
        let chars = input.chars().count();
        if chars < MIN_CHARS {
            return Err(Invalid::PasswordTooShort);
        }
        if chars > MAX_CHARS {
            return Err(Invalid::PasswordTooLong);
        }
        if is_common(input) {
            return Err(Invalid::PasswordCommon);
        }
        Ok(Password(input.to_owned()))
    }

    /// A password typed at sign-in. Only presence and the length cap are checked: a
    /// password accepted under older rules (or before the list grew) must still work, and
    /// the cap keeps an attacker from making us hash huge inputs.
    pub fn candidate(input: &str) -> Result<Password, Invalid> {
        if input.is_empty() {
            return Err(Invalid::Required);
        }
        if input.chars().count() > MAX_CHARS {
            return Err(Invalid::PasswordTooLong);
        }
        Ok(Password(input.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

fn is_common(input: &str) -> bool {
    COMMON.contains(input.to_lowercase().as_str())
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

/// Argon2id cost as `(m_cost in KiB, t_cost iterations, p_cost lanes)`: OWASP's
/// Password Storage Cheat Sheet minimum for Argon2id (19 MiB, 2 passes, 1 lane).
/// Raising it later is safe: each stored PHC string carries the parameters it was made with,
/// so old hashes still verify.
#[cfg(feature = "ssr")]
pub const ARGON2_PARAMS: (u32, u32, u32) = (19_456, 2, 1);

#[cfg(feature = "ssr")]
pub use hashing::PasswordHash;

#[cfg(feature = "ssr")]
mod hashing {
    use super::{Password, ARGON2_PARAMS};
    use crate::AccountsError;
    use argon2::{
        password_hash::{rand_core::OsRng, PasswordHasher, PasswordVerifier, SaltString},
        Algorithm, Argon2, Params, Version,
    };
    use std::{fmt, sync::LazyLock};

    /// A stored password hash: the PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`).
    /// No `Serialize`, and `Debug` is redacted: a hash is what an offline attack starts from.
    #[derive(Clone, PartialEq, Eq)]
    pub struct PasswordHash(String);

    impl PasswordHash {
        /// Wraps a PHC string read back from the database. Not checked here: a malformed
        /// one simply never verifies.
        pub fn from_stored(phc: String) -> PasswordHash {
            PasswordHash(phc)
        }

        pub fn as_str(&self) -> &str {
            &self.0
        }
    }

    impl fmt::Debug for PasswordHash {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("PasswordHash(<redacted>)")
        }
    }

    fn argon2() -> Result<Argon2<'static>, AccountsError> {
        let (m_cost, t_cost, p_cost) = ARGON2_PARAMS;
        let params =
            Params::new(m_cost, t_cost, p_cost, None).map_err(|_| AccountsError::Hashing)?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    /// A hash nobody's password matches, made with today's parameters, so checking a
    /// password against it costs what a real check costs. Made once, on first use (so that
    /// one call also pays for a hash; the server may call `burn_verify_time` at start-up to
    /// pay it early); if it could not be made, `burn_verify_time` hashes instead, which costs about the same.
    static DUMMY_HASH: LazyLock<Option<PasswordHash>> = LazyLock::new(|| {
        Password("dokkan timing equaliser, matches no account".to_owned())
            .hash()
            .ok()
    });

    impl Password {
        pub fn hash(&self) -> Result<PasswordHash, AccountsError> {
            let salt = SaltString::generate(&mut OsRng);
            let phc = argon2()?
                .hash_password(self.0.as_bytes(), &salt)
                .map_err(|_| AccountsError::Hashing)?;
            Ok(PasswordHash(phc.to_string()))
        }

        /// Uses the parameters recorded in the stored hash, not today's, so hashes made
        /// before a cost change keep working.
        pub fn verify(&self, hash: &PasswordHash) -> bool {
            let Ok(parsed) = argon2::PasswordHash::new(&hash.0) else {
                return false;
            };
            let Ok(argon2) = argon2() else {
                return false;
            };
            argon2.verify_password(self.0.as_bytes(), &parsed).is_ok()
        }

        /// Spends as long as `verify` would. Sign-in calls it when the email is unknown, so
        /// the response time does not reveal which emails have accounts.
        pub fn burn_verify_time(&self) {
            match DUMMY_HASH.as_ref() {
                Some(dummy) => {
                    let _ = self.verify(dummy);
                }
                None => {
                    let _ = self.hash();
                }
            }
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn hash_then_verify() {
            let password = Password::new("sahlab-with-nuts-42").unwrap();
            let hash = password.hash().unwrap();
            assert!(hash.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
            assert!(password.verify(&hash));
            assert!(Password::candidate("sahlab-with-nuts-42")
                .unwrap()
                .verify(&hash));
            assert!(!Password::candidate("sahlab-with-nuts-43")
                .unwrap()
                .verify(&hash));
            assert!(!Password::candidate("SAHLAB-WITH-NUTS-42")
                .unwrap()
                .verify(&hash));
            assert!(!format!("{hash:?}").contains("argon2"));

            let stored = PasswordHash::from_stored(hash.as_str().to_owned());
            assert_eq!(stored, hash);
            assert!(password.verify(&stored));
        }

        #[test]
        fn salts_differ() {
            let password = Password::new("same password twice").unwrap();
            assert_ne!(password.hash().unwrap(), password.hash().unwrap());
        }

        #[test]
        fn malformed_stored_hash_never_verifies() {
            let password = Password::candidate("anything").unwrap();
            assert!(!password.verify(&PasswordHash::from_stored(String::new())));
            assert!(!password.verify(&PasswordHash::from_stored("anything".into())));
        }

        #[test]
        fn burn_verify_time_uses_a_dummy_with_current_params() {
            Password::candidate("whoever").unwrap().burn_verify_time();
            let dummy = DUMMY_HASH.as_ref().expect("dummy hash");
            let (m, t, p) = ARGON2_PARAMS;
            assert!(dummy
                .as_str()
                .starts_with(&format!("$argon2id$v=19$m={m},t={t},p={p}$")));
            assert!(!Password::candidate("whoever").unwrap().verify(dummy));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(result: Result<Password, Invalid>) -> Invalid {
        result.expect_err("expected refusal")
    }

    #[test]
    fn new_length_boundaries_count_chars_not_bytes() {
        // 'ش' is two bytes in UTF-8: 4 of them are 8 bytes but only 4 chars.
        assert_eq!(
            err(Password::new(&"ش".repeat(4))),
            Invalid::PasswordTooShort
        );
        assert_eq!(
            err(Password::new(&"ش".repeat(7))),
            Invalid::PasswordTooShort
        );
        assert!(Password::new(&"ش".repeat(8)).is_ok());
        assert_eq!(err(Password::new("xk3#vq9")), Invalid::PasswordTooShort);
        assert!(Password::new("xk3#vq9L").is_ok());
        // 128 chars of a 3-byte letter is 384 bytes and still allowed.
        assert!(Password::new(&"€".repeat(128)).is_ok());
        assert_eq!(
            err(Password::new(&"€".repeat(129))),
            Invalid::PasswordTooLong
        );
        assert!(Password::new(&"a1".repeat(64)).is_ok());
        assert_eq!(
            err(Password::new(&"a1b".repeat(43))),
            Invalid::PasswordTooLong
        );
    }

    #[test]
    fn new_does_not_trim() {
        assert_eq!(
            Password::new("  abcdefgh  ").unwrap().expose(),
            "  abcdefgh  "
        );
    }

    #[test]
    fn common_passwords_refused_case_insensitively() {
        for common in [
            "password",
            "PASSWORD",
            "PassWord1",
            "12345678",
            "qwertyuiop",
            "iloveyou1",
        ] {
            assert_eq!(
                err(Password::new(common)),
                Invalid::PasswordCommon,
                "{common}"
            );
        }
        assert!(Password::new("Ahmed-loves-koshary-2024").is_ok());
    }

    #[test]
    fn short_wins_over_common() {
        // "123456" is common too, but the length message is the useful one.
        assert_eq!(err(Password::new("123456")), Invalid::PasswordTooShort);
    }

    #[test]
    fn common_list_is_loaded_and_well_formed() {
        assert!(COMMON.len() >= 10_000, "only {} entries", COMMON.len());
        for entry in COMMON.iter() {
            assert!(entry.chars().count() >= MIN_CHARS, "{entry}");
            assert_eq!(*entry, entry.to_lowercase(), "{entry}");
            assert!(!entry.starts_with('#'));
        }
    }

    #[test]
    fn candidate_only_checks_presence_and_cap() {
        assert_eq!(err(Password::candidate("")), Invalid::Required);
        assert_eq!(Password::candidate("abc").unwrap().expose(), "abc");
        assert_eq!(
            Password::candidate("password").unwrap().expose(),
            "password"
        );
        assert_eq!(Password::candidate(" ").unwrap().expose(), " ");
        assert!(Password::candidate(&"ش".repeat(128)).is_ok());
        assert_eq!(
            err(Password::candidate(&"ش".repeat(129))),
            Invalid::PasswordTooLong
        );
    }

    #[test]
    fn debug_is_redacted() {
        let password = Password::new("correct horse battery").unwrap();
        let shown = format!("{password:?} {:?}", Ok::<_, ()>(password.clone()));
        assert!(!shown.contains("horse"));
        assert!(shown.contains("Password(<redacted>)"));
    }
}
