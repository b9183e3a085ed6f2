//! Signed values the browser carries: the guest cart's id in its cookie, and the key in a
//! guest's order link. Both are HMAC-SHA256 under a secret kept in `app_secrets`, shared
//! by every instance, so a browser can neither forge another cart id nor guess a link.

use super::Result;
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::PgPool;

#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer(..)")
    }
}

/// The install's signing key for orders and carts, created on first use.
pub async fn signer(pool: &PgPool) -> Result<Signer> {
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ('orders-hmac', $1) ON CONFLICT DO NOTHING",
    )
    .bind(dokkan_accounts::token::new_key_material())
    .execute(pool)
    .await?;
    let key: Vec<u8> =
        sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = 'orders-hmac'")
            .fetch_one(pool)
            .await?;
    Ok(Signer { key })
}

impl Signer {
    pub fn from_key(key: Vec<u8>) -> Signer {
        Signer { key }
    }

    fn mac(&self, purpose: &str, value: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC takes any key");
        mac.update(purpose.as_bytes());
        mac.update(b":");
        mac.update(value.as_bytes());
        mac
    }

    /// `value.signature`.
    pub fn sign(&self, purpose: &str, value: &str) -> String {
        let tag = self.mac(purpose, value).finalize().into_bytes();
        format!("{value}.{}", URL_SAFE_NO_PAD.encode(tag))
    }

    /// The value inside a signed text, if the signature is right (constant-time check).
    pub fn verify<'a>(&self, purpose: &str, signed: &'a str) -> Option<&'a str> {
        let (value, tag) = signed.rsplit_once('.')?;
        let tag = URL_SAFE_NO_PAD.decode(tag).ok()?;
        self.mac(purpose, value).verify_slice(&tag).ok()?;
        Some(value)
    }

    /// The key in a guest's order link (the order page accepts it instead of a session).
    pub fn order_key(&self, number: &crate::OrderNumber) -> String {
        let signed = self.sign("order", number.as_str());
        signed
            .rsplit_once('.')
            .map(|(_, tag)| tag.to_string())
            .unwrap_or_default()
    }

    pub fn order_key_matches(&self, number: &crate::OrderNumber, key: &str) -> bool {
        self.verify("order", &format!("{}.{key}", number.as_str()))
            .is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_values_round_trip_and_refuse_tampering() {
        let signer = Signer::from_key(b"k".repeat(32));
        let signed = signer.sign("cart", "42");
        assert_eq!(signer.verify("cart", &signed), Some("42"));
        assert_eq!(signer.verify("order", &signed), None, "purpose is bound");
        let forged = signed.replacen("42", "43", 1);
        assert_eq!(signer.verify("cart", &forged), None);
        assert_eq!(signer.verify("cart", "42"), None);
        assert_eq!(signer.verify("cart", "42.!!"), None);
        let other = Signer::from_key(b"x".repeat(32));
        assert_eq!(other.verify("cart", &signed), None);
    }
}
