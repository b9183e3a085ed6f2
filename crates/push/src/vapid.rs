//! The application server's identity (RFC 8292, VAPID): one P-256 key pair per install.
//! Browsers subscribe with its public key (`applicationServerKey`), and push services only
//! accept messages for those subscriptions with a token signed by its private key.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::pkcs8::EncodePrivateKey;
use p256::SecretKey;
use serde::Serialize;
use std::fmt;

use crate::{Endpoint, PushError};

/// How long a token is valid; RFC 8292 allows at most 24 hours.
pub const TOKEN_LIFETIME_SECS: u64 = 12 * 60 * 60;
const _: () = assert!(TOKEN_LIFETIME_SECS <= 24 * 60 * 60);

/// The install's VAPID key pair.
#[derive(Clone)]
pub struct VapidKey {
    secret: SecretKey,
    /// The public key as browsers want it: the uncompressed point, base64url.
    public: String,
    encoding: EncodingKey,
}

impl fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VapidKey({})", self.public)
    }
}

#[derive(Serialize)]
struct Claims<'a> {
    aud: &'a str,
    exp: u64,
    sub: &'a str,
}

impl VapidKey {
    /// A new random key pair.
    pub fn generate() -> VapidKey {
        Self::from_secret(SecretKey::random(&mut aes_gcm::aead::OsRng))
            .expect("a fresh key encodes")
    }

    /// From the 32-byte private scalar (as kept in `app_secrets`).
    pub fn from_bytes(bytes: &[u8]) -> Result<VapidKey, PushError> {
        let secret = SecretKey::from_slice(bytes).map_err(|_| {
            PushError::Corrupt("the VAPID private key is not a P-256 scalar".into())
        })?;
        Self::from_secret(secret)
    }

    fn from_secret(secret: SecretKey) -> Result<VapidKey, PushError> {
        let der = secret
            .to_pkcs8_der()
            .map_err(|e| PushError::Vapid(format!("PKCS#8 encoding: {e}")))?;
        let public = crate::b64(secret.public_key().to_encoded_point(false).as_bytes());
        Ok(VapidKey {
            encoding: EncodingKey::from_ec_der(der.as_bytes()),
            secret,
            public,
        })
    }

    /// The 32-byte private scalar, for storing.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.secret.to_bytes().to_vec()
    }

    /// The public key, base64url (no padding) of the 65-byte uncompressed point: the
    /// `applicationServerKey` a page subscribes with, and `k` in the header.
    pub fn public_key(&self) -> &str {
        &self.public
    }

    /// The `Authorization` header for a message to `endpoint`: `vapid t=<jwt>, k=<key>`,
    /// the token's audience being the endpoint's origin, `sub` the shop's contact
    /// (`mailto:` or `https:` URL), valid [`TOKEN_LIFETIME_SECS`] from `now` (Unix seconds).
    pub fn authorization(
        &self,
        endpoint: &Endpoint,
        subject: &str,
        now: u64,
    ) -> Result<String, PushError> {
        let origin = endpoint.origin();
        let claims = Claims {
            aud: &origin,
            exp: now + TOKEN_LIFETIME_SECS,
            sub: subject,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::ES256), &claims, &self.encoding)
            .map_err(|e| PushError::Vapid(e.to_string()))?;
        Ok(format!("vapid t={token}, k={}", self.public))
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::EndpointPolicy;
    use jsonwebtoken::{DecodingKey, Validation};

    #[derive(serde::Deserialize)]
    struct Seen {
        aud: String,
        exp: u64,
        sub: String,
    }

    #[test]
    fn the_token_verifies_with_the_public_key_alone() {
        let key = VapidKey::generate();
        let endpoint = EndpointPolicy::default()
            .check("https://fcm.googleapis.com/fcm/send/abc")
            .unwrap();
        let now = now();
        let header = key
            .authorization(&endpoint, "mailto:shop@example.com", now)
            .unwrap();
        let (token, k) = header
            .strip_prefix("vapid t=")
            .and_then(|rest| rest.split_once(", k="))
            .unwrap();
        assert_eq!(k, key.public_key());
        let point = crate::unb64(k).unwrap();
        assert_eq!(point.len(), 65);
        let decoding =
            DecodingKey::from_ec_components(&crate::b64(&point[1..33]), &crate::b64(&point[33..]))
                .unwrap();
        let mut validation = Validation::new(Algorithm::ES256);
        validation.set_audience(&["https://fcm.googleapis.com"]);
        let seen = jsonwebtoken::decode::<Seen>(token, &decoding, &validation)
            .unwrap()
            .claims;
        assert_eq!(seen.aud, "https://fcm.googleapis.com");
        assert_eq!(seen.exp, now + TOKEN_LIFETIME_SECS);
        assert_eq!(seen.sub, "mailto:shop@example.com");
        // Another install's key does not verify it.
        let other = VapidKey::generate();
        let point = crate::unb64(other.public_key()).unwrap();
        let wrong =
            DecodingKey::from_ec_components(&crate::b64(&point[1..33]), &crate::b64(&point[33..]))
                .unwrap();
        assert!(jsonwebtoken::decode::<Seen>(token, &wrong, &validation).is_err());
    }

    #[test]
    fn the_key_survives_storage() {
        let key = VapidKey::generate();
        let again = VapidKey::from_bytes(&key.to_bytes()).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        assert!(VapidKey::from_bytes(&[0u8; 32]).is_err());
        assert!(VapidKey::from_bytes(&[1u8; 7]).is_err());
        assert!(!format!("{key:?}").contains(&format!("{:?}", key.to_bytes())));
    }
}
