//! Access tokens (short-lived HS256 JWTs) and opaque secrets (refresh tokens, email links).
//! Only hashes of the opaque secrets are stored, so a database dump signs nobody in.

use crate::{session::CurrentUser, AccountsError, Role};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use dokkan_core::Locale;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore as _;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How long each credential lives. One struct so the cookie layer and the database agree.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    pub access_secs: i64,
    pub refresh_secs: i64,
    /// A replaced refresh token presented within this window is a race between tabs.
    pub reuse_grace_secs: i64,
    pub verify_email_secs: i64,
    pub password_reset_secs: i64,
}

impl Default for Lifetimes {
    fn default() -> Self {
        Lifetimes {
            access_secs: 15 * 60,
            refresh_secs: 30 * 24 * 3600,
            reuse_grace_secs: 10,
            verify_email_secs: 48 * 3600,
            password_reset_secs: 3600,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// The user id.
    pub sub: String,
    /// The session (refresh-token family) the token was issued for.
    pub sid: i64,
    pub name: String,
    pub role: Role,
    pub lang: Locale,
    pub iat: i64,
    pub exp: i64,
}

/// The HS256 key pair built from one secret.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl TokenKeys {
    /// At least 32 bytes of secret; shorter keys make HS256 guessable.
    pub fn from_secret(secret: &[u8]) -> Result<TokenKeys, AccountsError> {
        if secret.len() < 32 {
            return Err(AccountsError::Signing);
        }
        let mut validation = Validation::new(Algorithm::HS256);
        // Only HS256 is accepted: `alg: none` and any other algorithm fail to decode.
        validation.algorithms = vec![Algorithm::HS256];
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Ok(TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        })
    }

    pub fn issue(
        &self,
        user: &CurrentUser,
        now: i64,
        ttl_secs: i64,
    ) -> Result<String, AccountsError> {
        let claims = Claims {
            sub: user.user_id.to_string(),
            sid: user.session_id,
            name: user.name.clone(),
            role: user.role,
            lang: user.locale,
            iat: now,
            exp: now + ttl_secs,
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|_| AccountsError::Signing)
    }

    /// `None` for anything but a well-formed, unexpired token signed with our key.
    pub fn verify(&self, token: &str) -> Option<CurrentUser> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let claims = data.claims;
        Some(CurrentUser {
            user_id: claims.sub.parse().ok()?,
            session_id: claims.sid,
            name: claims.name,
            role: claims.role,
            locale: claims.lang,
        })
    }
}

/// A random secret for a cookie or a link: 256 bits, URL-safe.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores for a secret.
pub fn secret_hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Random key material for a fresh install's signing key.
pub fn new_key_material() -> Vec<u8> {
    let mut bytes = vec![0u8; 64];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user() -> CurrentUser {
        CurrentUser {
            user_id: 7,
            session_id: 9,
            name: "Mona".into(),
            role: Role::Staff,
            locale: Locale::Ar,
        }
    }

    fn keys(byte: u8) -> TokenKeys {
        TokenKeys::from_secret(&[byte; 32]).unwrap()
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn a_fresh_token_verifies() {
        let token = keys(1).issue(&user(), now(), 900).unwrap();
        assert_eq!(keys(1).verify(&token), Some(user()));
    }

    #[test]
    fn expired_other_key_tampered_and_unsigned_tokens_are_refused() {
        let expired = keys(1).issue(&user(), now() - 3600, 900).unwrap();
        assert_eq!(keys(1).verify(&expired), None);

        let other = keys(2).issue(&user(), now(), 900).unwrap();
        assert_eq!(keys(1).verify(&other), None);

        let good = keys(1).issue(&user(), now(), 900).unwrap();
        let (rest, signature) = good.rsplit_once('.').unwrap();
        let mut bad = signature.as_bytes().to_vec();
        bad[0] = if bad[0] == b'A' { b'B' } else { b'A' };
        let tampered = format!("{rest}.{}", String::from_utf8(bad).unwrap());
        assert_eq!(keys(1).verify(&tampered), None);

        let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        let payload = good.split('.').nth(1).unwrap();
        assert_eq!(keys(1).verify(&format!("{header}.{payload}.")), None);
    }

    #[test]
    fn short_secrets_are_refused() {
        assert!(TokenKeys::from_secret(b"short").is_err());
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(secret_hash(&a).len(), 32);
        assert_ne!(secret_hash(&a), secret_hash(&b));
    }
}
