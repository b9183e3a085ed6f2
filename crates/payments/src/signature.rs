//! Webhook signatures, in the scheme Stripe uses.
//!
//! The provider sends `Dokkan-Signature: t=<unix seconds>,v1=<hex>` where the hex is
//! HMAC-SHA256, keyed with the shared webhook secret, of `"<t>.<raw body>"`.
//!
//! - The timestamp is signed with the body, and [`verify`] refuses one more than
//!   [`TOLERANCE_SECS`] away from now (either way), so a captured delivery cannot be
//!   replayed later. Repeats inside the window are caught by the caller de-duplicating on
//!   the event id.
//! - The MAC is checked over the **raw** bytes received, before any JSON parsing, so no
//!   re-serialisation can change what was signed.
//! - The header may carry several `v1` entries (one per secret while a secret is being
//!   rotated); any one that matches is enough. Unknown keys (`v0`, future schemes) are
//!   ignored.
//! - The comparison is constant-time ([`Mac::verify_slice`]), so response timing does not
//!   reveal how much of a guessed MAC was right.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The header's name, lowercase as HTTP/2 and `http::HeaderMap` spell it.
pub const HEADER: &str = "dokkan-signature";

/// How far, in seconds, a signature's timestamp may be from now, in the past or future.
pub const TOLERANCE_SECS: i64 = 300;

/// Why a signature was refused. Deliberately coarse: the sender learns nothing useful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("malformed signature header")]
    Malformed,
    #[error("signature timestamp outside the tolerance")]
    OutsideTolerance,
    #[error("signature does not match")]
    Mismatch,
}

type HmacSha256 = Hmac<Sha256>;

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> HmacSha256 {
    // HMAC takes keys of any length (long ones are hashed first): this cannot fail.
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac
}

/// The whole header value for `body` sent at `timestamp` (unix seconds):
/// `t=<timestamp>,v1=<lowercase hex>`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let tag = mac(secret, timestamp, body).finalize().into_bytes();
    format!("t={timestamp},v1={}", to_hex(&tag))
}

/// Checks `header` (the value of [`HEADER`]) against the raw `body`, at `now` (unix
/// seconds). Returns the signed timestamp.
pub fn verify(secret: &[u8], header: &str, body: &[u8], now: i64) -> Result<i64, SignatureError> {
    let mut timestamp = None;
    let mut candidates = Vec::new();
    for part in header.split(',') {
        let Some((key, value)) = part.trim().split_once('=') else {
            continue;
        };
        match key.trim() {
            "t" => {
                if timestamp.is_some() {
                    // Two timestamps: which one was signed is ambiguous.
                    return Err(SignatureError::Malformed);
                }
                timestamp = Some(parse_timestamp(value.trim())?);
            }
            "v1" => candidates.push(from_hex(value.trim()).ok_or(SignatureError::Malformed)?),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(SignatureError::Malformed)?;
    if candidates.is_empty() {
        return Err(SignatureError::Malformed);
    }
    let within = now
        .checked_sub(timestamp)
        .is_some_and(|age| age.unsigned_abs() <= TOLERANCE_SECS.unsigned_abs());
    if !within {
        return Err(SignatureError::OutsideTolerance);
    }
    let expected = mac(secret, timestamp, body);
    // Check every candidate (no early exit), each in constant time.
    let mut matched = false;
    for candidate in &candidates {
        matched |= expected.clone().verify_slice(candidate).is_ok();
    }
    if matched {
        Ok(timestamp)
    } else {
        Err(SignatureError::Mismatch)
    }
}

/// The current time in unix seconds: the `now` to pass to [`verify`].
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// Unix seconds, digits only (no sign, no spaces): what [`sign`] writes.
fn parse_timestamp(text: &str) -> Result<i64, SignatureError> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SignatureError::Malformed);
    }
    text.parse().map_err(|_| SignatureError::Malformed)
}

/// Lowercase hexadecimal.
pub(crate) fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// Hexadecimal (either case) to bytes; `None` for odd lengths or other characters.
fn from_hex(text: &str) -> Option<Vec<u8>> {
    fn nibble(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = text.as_bytes();
    if bytes.is_empty() || !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some((nibble(pair[0])? << 4) | nibble(pair[1])?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SECRET: &[u8] = b"whsec_test_secret";
    const NOW: i64 = 1_767_225_600; // 2026-01-01T00:00:00Z

    #[test]
    fn known_answer() {
        // The header is `t=<t>,v1=<hex HMAC-SHA256 of "<t>.<body>">`.
        let header = sign(SECRET, 1_700_000_000, b"{}");
        let (t, v1) = header.split_once(',').unwrap();
        assert_eq!(t, "t=1700000000");
        let hex = v1.strip_prefix("v1=").unwrap();
        assert_eq!(hex.len(), 64);
        assert!(hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));

        let mut reference = HmacSha256::new_from_slice(SECRET).unwrap();
        reference.update(b"1700000000.{}");
        assert_eq!(hex, to_hex(&reference.finalize().into_bytes()));
    }

    #[test]
    fn hmac_matches_a_published_vector() {
        // The Wikipedia HMAC_SHA256 example: key "key", message as below.
        let mut mac = HmacSha256::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            to_hex(&mac.finalize().into_bytes()),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn accepts_its_own_signature() {
        let body = br#"{"id":"evt_1"}"#;
        let header = sign(SECRET, NOW, body);
        assert_eq!(verify(SECRET, &header, body, NOW), Ok(NOW));
    }

    #[test]
    fn tolerance_both_ways() {
        let body = b"payload";
        let old = |age: i64| sign(SECRET, NOW - age, body);
        assert_eq!(verify(SECRET, &old(299), body, NOW), Ok(NOW - 299));
        assert_eq!(verify(SECRET, &old(300), body, NOW), Ok(NOW - 300));
        assert_eq!(
            verify(SECRET, &old(301), body, NOW),
            Err(SignatureError::OutsideTolerance)
        );
        assert_eq!(verify(SECRET, &old(-299), body, NOW), Ok(NOW + 299));
        assert_eq!(
            verify(SECRET, &old(-301), body, NOW),
            Err(SignatureError::OutsideTolerance)
        );
        // Extreme clocks neither overflow nor pass.
        let ancient = sign(SECRET, 0, body);
        assert_eq!(
            verify(SECRET, &ancient, body, i64::MAX),
            Err(SignatureError::OutsideTolerance)
        );
    }

    #[test]
    fn wrong_secret_or_body_mismatch() {
        let header = sign(SECRET, NOW, b"a");
        assert_eq!(
            verify(b"other", &header, b"a", NOW),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify(SECRET, &header, b"b", NOW),
            Err(SignatureError::Mismatch)
        );
        // The timestamp is part of what is signed.
        let moved = header.replace(&format!("t={NOW}"), &format!("t={}", NOW - 1));
        assert_eq!(
            verify(SECRET, &moved, b"a", NOW),
            Err(SignatureError::Mismatch)
        );
    }

    #[test]
    fn several_v1_and_unknown_keys() {
        let body = b"rotation";
        let old = sign(b"old-secret", NOW, body);
        let new = sign(SECRET, NOW, body);
        let old_v1 = old.split_once(',').unwrap().1;
        let new_v1 = new.split_once(',').unwrap().1;
        let header = format!("t={NOW}, {old_v1} ,v0=deadbeef,{new_v1},scheme=x");
        assert_eq!(verify(SECRET, &header, body, NOW), Ok(NOW));
        assert_eq!(verify(b"old-secret", &header, body, NOW), Ok(NOW));
        assert_eq!(
            verify(b"third", &header, body, NOW),
            Err(SignatureError::Mismatch)
        );
        // Uppercase hex is still hex.
        let upper = format!("t={NOW},v1={}", new_v1[3..].to_uppercase());
        assert_eq!(verify(SECRET, &upper, body, NOW), Ok(NOW));
    }

    #[test]
    fn malformed_headers() {
        let good = sign(SECRET, NOW, b"x");
        let hex = good.split_once("v1=").unwrap().1;
        for header in [
            String::new(),
            ",,,".to_string(),
            format!("v1={hex}"),
            format!("t={NOW}"),
            format!("t=,v1={hex}"),
            format!("t=12a,v1={hex}"),
            format!("t=-5,v1={hex}"),
            format!("t=+{NOW},v1={hex}"),
            format!("t=99999999999999999999999,v1={hex}"),
            format!("t={NOW},t={NOW},v1={hex}"),
            format!("t={NOW},v1={}", &hex[1..]),
            format!("t={NOW},v1=zz{}", &hex[2..]),
            format!("t={NOW},v1="),
            format!("t={NOW},v1=é"),
        ] {
            assert_eq!(
                verify(SECRET, &header, b"x", NOW),
                Err(SignatureError::Malformed),
                "{header:?}"
            );
        }
        // Hex of the wrong length is a mismatch, not a panic.
        let short = format!("t={NOW},v1={}", &hex[..32]);
        assert_eq!(
            verify(SECRET, &short, b"x", NOW),
            Err(SignatureError::Mismatch)
        );
    }

    proptest! {
        #[test]
        fn round_trip(
            secret in proptest::collection::vec(any::<u8>(), 0..100),
            body in proptest::collection::vec(any::<u8>(), 0..2_000),
            timestamp in 0i64..4_000_000_000,
            skew in -TOLERANCE_SECS..=TOLERANCE_SECS,
        ) {
            let header = sign(&secret, timestamp, &body);
            prop_assert_eq!(verify(&secret, &header, &body, timestamp + skew), Ok(timestamp));
        }

        #[test]
        fn any_flipped_byte_fails(
            secret in proptest::collection::vec(any::<u8>(), 1..64),
            body in proptest::collection::vec(any::<u8>(), 1..1_000),
            index in any::<prop::sample::Index>(),
            flip in 1u8..=255,
        ) {
            let header = sign(&secret, NOW, &body);
            let mut tampered = body.clone();
            let i = index.index(tampered.len());
            tampered[i] ^= flip;
            prop_assert_eq!(verify(&secret, &header, &tampered, NOW), Err(SignatureError::Mismatch));
        }

        #[test]
        fn any_flipped_signature_digit_fails(
            body in proptest::collection::vec(any::<u8>(), 0..200),
            index in any::<prop::sample::Index>(),
        ) {
            let header = sign(SECRET, NOW, &body);
            let (prefix, hex) = header.split_once("v1=").unwrap();
            let mut digits: Vec<u8> = hex.bytes().collect();
            let i = index.index(digits.len());
            digits[i] = if digits[i] == b'0' { b'1' } else { b'0' };
            let tampered = format!("{prefix}v1={}", String::from_utf8(digits).unwrap());
            prop_assert_eq!(verify(SECRET, &tampered, &body, NOW), Err(SignatureError::Mismatch));
        }

        #[test]
        fn arbitrary_headers_never_panic(header in ".*", body in proptest::collection::vec(any::<u8>(), 0..64), now in any::<i64>()) {
            let _ = verify(SECRET, &header, &body, now);
        }

        #[test]
        fn header_like_strings_never_panic(header in "(t=[0-9a-z+-]{0,12}|v1=[0-9a-fA-Fxz]{0,70}|[a-z0-9]{0,4}=?[^,]{0,8})(,(t=[0-9-]{0,12}|v1=[0-9a-f]{0,70}| ?[a-z]{0,3}=?))*") {
            let result = verify(SECRET, &header, b"body", NOW);
            prop_assert!(result.is_err());
        }
    }
}
