//! Is this webhook request really from the channel? Pure checks, no I/O.
//!
//! - **Telegram** does not sign updates. `setWebhook` takes a `secret_token` (1–256 of
//!   `A-Z a-z 0-9 _ -`), and every webhook request then carries it verbatim in the
//!   `X-Telegram-Bot-Api-Secret-Token` header: [`telegram_secret_ok`].
//! - **Meta** (WhatsApp Cloud API and Messenger) signs every event notification with the
//!   app secret: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`
//!   ([`hub_signature_ok`]). The check must run on the bytes as received, before any JSON
//!   parsing: re-serialized JSON (escapes, key order, emoji) would not match.
//! - Meta also verifies the callback URL with a GET
//!   `?hub.mode=subscribe&hub.challenge=<n>&hub.verify_token=<ours>`, answered with the
//!   challenge when the token is ours ([`hub_challenge`]).
//!
//! Every comparison of a secret runs in constant time, so response timing does not tell
//! an attacker how much of a guess was right.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// Longest `hub.challenge` echoed back (Meta sends a short number).
pub const MAX_CHALLENGE_CHARS: usize = 256;

/// Whether the `X-Telegram-Bot-Api-Secret-Token` header equals the `secret_token` given to
/// `setWebhook`. An empty configured secret never matches: a missing configuration must
/// not open the webhook to anyone who sends an empty header.
pub fn telegram_secret_ok(header: Option<&str>, secret: &str) -> bool {
    match header {
        Some(header) if !secret.is_empty() => {
            bool::from(header.as_bytes().ct_eq(secret.as_bytes()))
        }
        _ => false,
    }
}

/// Whether `secret` is a `secret_token` Telegram accepts (1–256 characters of
/// `A-Z a-z 0-9 _ -`), so configuration can be refused at startup rather than by
/// `setWebhook`.
pub fn telegram_secret_format_ok(secret: &str) -> bool {
    (1..=256).contains(&secret.len())
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// Whether `X-Hub-Signature-256` (`sha256=` and 64 lowercase hex digits, as Meta sends it)
/// is the HMAC-SHA256 of `body` under `app_secret`. A missing or malformed header, or an
/// empty secret, is `false`.
pub fn hub_signature_ok(header: Option<&str>, body: &[u8], app_secret: &str) -> bool {
    if app_secret.is_empty() {
        return false;
    }
    let Some(expected) = header
        .and_then(|h| h.strip_prefix("sha256="))
        .and_then(decode_lower_hex::<32>)
    else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()) else {
        return false;
    };
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&expected).is_ok()
}

/// The `sha256=…` header value for `body` under `app_secret` (for tests and fakes that
/// play Meta).
pub fn hub_signature(body: &[u8], app_secret: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(app_secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    format!("sha256={}", encode_hex(&mac.finalize().into_bytes()))
}

/// Meta's GET handshake: the text to answer with (200) when `hub.mode` is `subscribe`,
/// `hub.verify_token` is ours and `hub.challenge` is a plausible challenge (1–256 ASCII
/// letters, digits, `-`, `_` or `.`; Meta sends digits). `None` means answer 403.
///
/// The challenge is echoed into the response, so anything that could be markup is
/// refused; answer it as `text/plain` all the same.
pub fn hub_challenge(
    mode: Option<&str>,
    token: Option<&str>,
    challenge: Option<&str>,
    verify_token: &str,
) -> Option<String> {
    if mode != Some("subscribe") || verify_token.is_empty() {
        return None;
    }
    let token_ok: bool = token?.as_bytes().ct_eq(verify_token.as_bytes()).into();
    let challenge = challenge?;
    let challenge_ok = (1..=MAX_CHALLENGE_CHARS).contains(&challenge.len())
        && challenge
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    (token_ok && challenge_ok).then(|| challenge.to_owned())
}

/// `N` bytes from exactly `2N` lowercase hex digits.
fn decode_lower_hex<const N: usize>(hex: &str) -> Option<[u8; N]> {
    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            _ => None,
        }
    }
    let hex = hex.as_bytes();
    if hex.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (byte, pair) in out.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = (nibble(pair[0])? << 4) | nibble(pair[1])?;
    }
    Some(out)
}

/// Lowercase hex (the workspace has no hex crate; this is all it would be used for).
fn encode_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Computed with Python: hmac.new(key, body, hashlib.sha256).hexdigest().
    const PAGE_BODY: &[u8] = br#"{"object":"page","entry":[]}"#;
    const PAGE_SIG: &str =
        "sha256=e6e9d7a842a48e17f43a34d6125d0d933e2aab92ee37f0993a4d493b50e3d438";
    // The well-known HMAC-SHA256 example ("key", the quick brown fox).
    const FOX_SIG: &str = "sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
    // UTF-8 key and body: "سر", "مرحبا".
    const ARABIC_SIG: &str =
        "sha256=567d8986c70be94b7811dc41d66e06a0e1d789c0a3fcfdf0a995dcf4a5a8e08d";
    const EMPTY_BODY_SIG: &str =
        "sha256=f685db4c946698bf105ff5b62e30bc1f78216f3914b12bb750f8992aa6748824";

    #[test]
    fn hub_signature_matches_known_vectors() {
        assert!(hub_signature_ok(Some(PAGE_SIG), PAGE_BODY, "app-secret"));
        assert!(hub_signature_ok(
            Some(FOX_SIG),
            b"The quick brown fox jumps over the lazy dog",
            "key"
        ));
        assert!(hub_signature_ok(Some(ARABIC_SIG), "مرحبا".as_bytes(), "سر"));
        assert!(hub_signature_ok(Some(EMPTY_BODY_SIG), b"", "app-secret"));
        assert_eq!(hub_signature(PAGE_BODY, "app-secret"), PAGE_SIG);
        assert_eq!(hub_signature("مرحبا".as_bytes(), "سر"), ARABIC_SIG);
    }

    #[test]
    fn hub_signature_refuses_wrong_secret_body_or_header() {
        assert!(!hub_signature_ok(Some(PAGE_SIG), PAGE_BODY, "other-secret"));
        assert!(!hub_signature_ok(
            Some(PAGE_SIG),
            b"{\"object\":\"page\"}",
            "app-secret"
        ));
        assert!(!hub_signature_ok(None, PAGE_BODY, "app-secret"));
        assert!(!hub_signature_ok(Some(PAGE_SIG), PAGE_BODY, ""));
        let hex = PAGE_SIG.strip_prefix("sha256=").unwrap();
        for bad in [
            hex.to_string(),                          // no prefix
            format!("sha1={hex}"),                    // another algorithm
            format!("SHA256={hex}"),                  // prefix is case-sensitive
            format!("sha256={}", hex.to_uppercase()), // Meta sends lowercase
            format!("sha256={}", &hex[..62]),         // too short
            format!("sha256={hex}00"),                // too long
            format!("sha256={}zz", &hex[..62]),       // not hex
            format!("sha256= {}", &hex[..63]),        // padding
            format!("sha256={}", "0".repeat(64)),     // well-formed, wrong
            String::new(),
            "sha256=".into(),
        ] {
            assert!(
                !hub_signature_ok(Some(&bad), PAGE_BODY, "app-secret"),
                "{bad}"
            );
        }
    }

    #[test]
    fn telegram_secret() {
        assert!(telegram_secret_ok(Some("s3cr3t-Token_1"), "s3cr3t-Token_1"));
        assert!(!telegram_secret_ok(
            Some("s3cr3t-Token_2"),
            "s3cr3t-Token_1"
        ));
        assert!(!telegram_secret_ok(Some("s3cr3t"), "s3cr3t-Token_1"));
        assert!(!telegram_secret_ok(
            Some("s3cr3t-Token_1x"),
            "s3cr3t-Token_1"
        ));
        assert!(!telegram_secret_ok(None, "s3cr3t-Token_1"));
        assert!(!telegram_secret_ok(Some(""), ""));
        assert!(!telegram_secret_ok(None, ""));
        assert!(telegram_secret_format_ok("abc_DEF-123"));
        assert!(telegram_secret_format_ok(&"a".repeat(256)));
        assert!(!telegram_secret_format_ok(&"a".repeat(257)));
        assert!(!telegram_secret_format_ok(""));
        assert!(!telegram_secret_format_ok("has space"));
        assert!(!telegram_secret_format_ok("سر"));
    }

    #[test]
    fn challenge_handshake() {
        let ok = |mode, token, challenge| hub_challenge(mode, token, challenge, "verify-me");
        assert_eq!(
            ok(Some("subscribe"), Some("verify-me"), Some("1158201444")).as_deref(),
            Some("1158201444")
        );
        assert_eq!(
            ok(Some("subscribe"), Some("wrong"), Some("1158201444")),
            None
        );
        assert_eq!(ok(Some("subscribe"), None, Some("1158201444")), None);
        assert_eq!(ok(Some("unsubscribe"), Some("verify-me"), Some("1")), None);
        assert_eq!(ok(None, Some("verify-me"), Some("1")), None);
        assert_eq!(ok(Some("subscribe"), Some("verify-me"), None), None);
        assert_eq!(ok(Some("subscribe"), Some("verify-me"), Some("")), None);
        assert_eq!(
            ok(Some("subscribe"), Some("verify-me"), Some("<script>")),
            None
        );
        let longest = "9".repeat(MAX_CHALLENGE_CHARS);
        assert_eq!(
            ok(Some("subscribe"), Some("verify-me"), Some(&longest)),
            Some(longest.clone())
        );
        let too_long = "9".repeat(MAX_CHALLENGE_CHARS + 1);
        assert_eq!(
            ok(Some("subscribe"), Some("verify-me"), Some(&too_long)),
            None
        );
        // An unconfigured verify token never matches, not even an empty one.
        assert_eq!(
            hub_challenge(Some("subscribe"), Some(""), Some("1"), ""),
            None
        );
    }

    #[test]
    fn hex_round_trip() {
        let bytes: Vec<u8> = (0..=255).collect();
        let hex = encode_hex(&bytes[..32]);
        assert_eq!(decode_lower_hex::<32>(&hex).unwrap(), bytes[..32]);
        assert_eq!(encode_hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
    }
}
