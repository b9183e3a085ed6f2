//! The keys a browser's subscription carries (`PushSubscription.toJSON().keys`).

use std::fmt;

/// The browser's P-256 public key (`p256dh`, an uncompressed point) and its 16-byte
/// authentication secret (`auth`). Messages are encrypted to these (RFC 8291).
#[derive(Clone, PartialEq, Eq)]
pub struct ClientKeys {
    p256dh: [u8; 65],
    auth: [u8; 16],
}

impl ClientKeys {
    /// From the base64url texts a browser gives (padding optional). With the `ssr` feature
    /// the point is also checked to be on the curve.
    pub fn parse(p256dh: &str, auth: &str) -> Result<ClientKeys, InvalidKeys> {
        let p256dh: [u8; 65] = crate::unb64(p256dh)
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(InvalidKeys)?;
        let auth: [u8; 16] = crate::unb64(auth)
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(InvalidKeys)?;
        Self::from_bytes(&p256dh, &auth)
    }

    pub fn from_bytes(p256dh: &[u8], auth: &[u8]) -> Result<ClientKeys, InvalidKeys> {
        let p256dh: [u8; 65] = p256dh.try_into().map_err(|_| InvalidKeys)?;
        let auth: [u8; 16] = auth.try_into().map_err(|_| InvalidKeys)?;
        if p256dh[0] != 0x04 {
            return Err(InvalidKeys);
        }
        #[cfg(feature = "ssr")]
        p256::PublicKey::from_sec1_bytes(&p256dh).map_err(|_| InvalidKeys)?;
        Ok(ClientKeys { p256dh, auth })
    }

    pub fn p256dh(&self) -> &[u8; 65] {
        &self.p256dh
    }

    pub fn auth(&self) -> &[u8; 16] {
        &self.auth
    }
}

impl fmt::Debug for ClientKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientKeys(..)")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the subscription keys are not a P-256 public key and a 16-byte secret")]
pub struct InvalidKeys;

impl InvalidKeys {
    pub fn fluent_key(self) -> &'static str {
        "push-invalid-keys"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 8291 Appendix A: the user agent's public key and auth secret.
    const UA_PUBLIC: &str =
        "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";

    #[test]
    fn browser_keys_parse_with_or_without_padding() {
        let keys = ClientKeys::parse(UA_PUBLIC, AUTH).unwrap();
        assert_eq!(keys.p256dh()[0], 4);
        assert_eq!(
            ClientKeys::parse(UA_PUBLIC, "BTBZMqHH6r4Tts7J_aSIgg==").unwrap(),
            keys
        );
    }

    #[test]
    fn wrong_sizes_and_encodings_are_refused() {
        assert_eq!(
            ClientKeys::parse(UA_PUBLIC, "BTBZMqHH6r4Tts7J"),
            Err(InvalidKeys)
        );
        assert_eq!(ClientKeys::parse(&UA_PUBLIC[..40], AUTH), Err(InvalidKeys));
        assert_eq!(ClientKeys::parse("not base64!", AUTH), Err(InvalidKeys));
        // A compressed point is not what browsers send.
        let mut compressed = crate::unb64(UA_PUBLIC).unwrap();
        compressed[0] = 0x02;
        assert_eq!(
            ClientKeys::from_bytes(&compressed, &[0; 16]),
            Err(InvalidKeys)
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_point_off_the_curve_is_refused() {
        let mut bad = crate::unb64(UA_PUBLIC).unwrap();
        bad[64] ^= 1;
        assert_eq!(ClientKeys::from_bytes(&bad, &[0; 16]), Err(InvalidKeys));
    }
}
