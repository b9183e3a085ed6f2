//! Message encryption for web push (RFC 8291), in the `aes128gcm` content coding of
//! RFC 8188, as one record.
//!
//! The sender makes a fresh P-256 key pair and a random 16-byte salt per message; the
//! ECDH secret with the browser's key, mixed with the browser's auth secret and both
//! public keys (HKDF-SHA256, "WebPush: info"), gives the input keying material; with the
//! salt it gives the AES-128-GCM key and nonce. The body is the RFC 8188 header (salt,
//! record size, the sender's public key as key id) followed by the sealed record
//! (plaintext, the last-record delimiter `0x02`, the 16-byte tag).

use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::Aes128Gcm;
use hkdf::Hkdf;
use p256::elliptic_curve::rand_core::RngCore;
use p256::elliptic_curve::sec1::ToEncodedPoint;
use p256::{PublicKey, SecretKey};
use sha2::Sha256;

/// The record size written in the header. Push services accept bodies up to 4096 bytes,
/// so one record always holds the whole message.
pub const RECORD_SIZE: u32 = 4096;
/// Salt (16), record size (4), key id length (1), key id (65).
const HEADER_LEN: usize = 16 + 4 + 1 + 65;
const TAG_LEN: usize = 16;
/// The largest plaintext that fits one 4096-byte push body.
pub const MAX_PLAINTEXT: usize = RECORD_SIZE as usize - HEADER_LEN - TAG_LEN - 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EceError {
    #[error("the message is larger than one push record")]
    TooLong,
    #[error("the key is not a P-256 public key")]
    BadKey,
    #[error("the body is not an aes128gcm message this reader can open")]
    Malformed,
    #[error("the message does not decrypt with this key")]
    Decrypt,
}

/// Encrypts `plaintext` to a browser's keys with a fresh sender key and salt.
pub fn encrypt(plaintext: &[u8], ua_public: &[u8], auth: &[u8; 16]) -> Result<Vec<u8>, EceError> {
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let as_secret = SecretKey::random(&mut OsRng);
    encrypt_with(plaintext, ua_public, auth, &as_secret, salt)
}

/// [`encrypt`] with the sender's key and the salt given (the RFC's test vector).
pub fn encrypt_with(
    plaintext: &[u8],
    ua_public: &[u8],
    auth: &[u8; 16],
    as_secret: &SecretKey,
    salt: [u8; 16],
) -> Result<Vec<u8>, EceError> {
    if plaintext.len() > MAX_PLAINTEXT {
        return Err(EceError::TooLong);
    }
    let ua_key = PublicKey::from_sec1_bytes(ua_public).map_err(|_| EceError::BadKey)?;
    let as_public = as_secret.public_key().to_encoded_point(false);
    let ua_public = ua_key.to_encoded_point(false);
    let shared = p256::ecdh::diffie_hellman(as_secret.to_nonzero_scalar(), ua_key.as_affine());
    let (cek, nonce) = keys(
        auth,
        shared.raw_secret_bytes(),
        ua_public.as_bytes(),
        as_public.as_bytes(),
        &salt,
    );
    let mut record = Vec::with_capacity(plaintext.len() + 1);
    record.extend_from_slice(plaintext);
    record.push(0x02);
    let sealed = Aes128Gcm::new(&cek.into())
        .encrypt(&nonce.into(), record.as_slice())
        .map_err(|_| EceError::Decrypt)?;
    let mut body = Vec::with_capacity(HEADER_LEN + sealed.len());
    body.extend_from_slice(&salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(65);
    body.extend_from_slice(as_public.as_bytes());
    body.extend_from_slice(&sealed);
    Ok(body)
}

/// Opens a one-record message as the browser would, with its private key and auth
/// secret (for test receivers and tools).
pub fn decrypt(body: &[u8], ua_secret: &SecretKey, auth: &[u8; 16]) -> Result<Vec<u8>, EceError> {
    if body.len() < 21 {
        return Err(EceError::Malformed);
    }
    let salt: [u8; 16] = body[..16].try_into().map_err(|_| EceError::Malformed)?;
    let rs = u32::from_be_bytes(body[16..20].try_into().map_err(|_| EceError::Malformed)?);
    let id_len = usize::from(body[20]);
    let key_id = body.get(21..21 + id_len).ok_or(EceError::Malformed)?;
    let sealed = &body[21 + id_len..];
    if sealed.len() < TAG_LEN + 1 || sealed.len() > rs as usize {
        return Err(EceError::Malformed);
    }
    let as_key = PublicKey::from_sec1_bytes(key_id).map_err(|_| EceError::BadKey)?;
    let ua_public = ua_secret.public_key().to_encoded_point(false);
    let as_public = as_key.to_encoded_point(false);
    let shared = p256::ecdh::diffie_hellman(ua_secret.to_nonzero_scalar(), as_key.as_affine());
    let (cek, nonce) = keys(
        auth,
        shared.raw_secret_bytes(),
        ua_public.as_bytes(),
        as_public.as_bytes(),
        &salt,
    );
    let mut record = Aes128Gcm::new(&cek.into())
        .decrypt(&nonce.into(), sealed)
        .map_err(|_| EceError::Decrypt)?;
    // Padding is zeros after the delimiter; the last (only) record's delimiter is 0x02.
    while record.last() == Some(&0) {
        record.pop();
    }
    if record.pop() != Some(0x02) {
        return Err(EceError::Malformed);
    }
    Ok(record)
}

/// RFC 8291 section 3.4 then RFC 8188 section 2.2: the content encryption key and nonce.
fn keys(
    auth: &[u8; 16],
    ecdh_secret: &[u8],
    ua_public: &[u8],
    as_public: &[u8],
    salt: &[u8; 16],
) -> ([u8; 16], [u8; 12]) {
    let ikm = ikm(auth, ecdh_secret, ua_public, as_public);
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let mut cek = [0u8; 16];
    let mut nonce = [0u8; 12];
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek)
        .expect("16 bytes is a valid HKDF-SHA256 length");
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce)
        .expect("12 bytes is a valid HKDF-SHA256 length");
    (cek, nonce)
}

fn ikm(auth: &[u8; 16], ecdh_secret: &[u8], ua_public: &[u8], as_public: &[u8]) -> [u8; 32] {
    let mut info = Vec::with_capacity(14 + ua_public.len() + as_public.len());
    info.extend_from_slice(b"WebPush: info\0");
    info.extend_from_slice(ua_public);
    info.extend_from_slice(as_public);
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(auth), ecdh_secret)
        .expand(&info, &mut ikm)
        .expect("32 bytes is a valid HKDF-SHA256 length");
    ikm
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unb64;

    /// RFC 8291 Appendix A, "Encryption Example".
    mod rfc8291 {
        pub const PLAINTEXT: &[u8] = b"When I grow up, I want to be a watermelon";
        pub const AS_PRIVATE: &str = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
        pub const AS_PUBLIC: &str =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
        pub const UA_PRIVATE: &str = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
        pub const UA_PUBLIC: &str =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
        pub const SALT: &str = "DGv6ra1nlYgDCS1FRnbzlw";
        pub const AUTH: &str = "BTBZMqHH6r4Tts7J_aSIgg";
        pub const ECDH_SECRET: &str = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
        pub const IKM: &str = "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg";
        pub const CEK: &str = "oIhVW04MRdy2XN9CiKLxTg";
        pub const NONCE: &str = "4h_95klXJ5E_qnoN";
        pub const BODY: &str = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";
    }

    fn secret(text: &str) -> SecretKey {
        SecretKey::from_slice(&unb64(text).unwrap()).unwrap()
    }

    fn auth() -> [u8; 16] {
        unb64(rfc8291::AUTH).unwrap().try_into().unwrap()
    }

    fn salt() -> [u8; 16] {
        unb64(rfc8291::SALT).unwrap().try_into().unwrap()
    }

    #[test]
    fn rfc_8291_intermediate_values() {
        let as_secret = secret(rfc8291::AS_PRIVATE);
        assert_eq!(
            as_secret.public_key().to_encoded_point(false).as_bytes(),
            unb64(rfc8291::AS_PUBLIC).unwrap().as_slice()
        );
        let ua_public = unb64(rfc8291::UA_PUBLIC).unwrap();
        let ua_key = PublicKey::from_sec1_bytes(&ua_public).unwrap();
        let shared = p256::ecdh::diffie_hellman(as_secret.to_nonzero_scalar(), ua_key.as_affine());
        assert_eq!(
            shared.raw_secret_bytes().as_slice(),
            unb64(rfc8291::ECDH_SECRET).unwrap().as_slice()
        );
        let as_public = unb64(rfc8291::AS_PUBLIC).unwrap();
        let ikm = ikm(&auth(), shared.raw_secret_bytes(), &ua_public, &as_public);
        assert_eq!(ikm.as_slice(), unb64(rfc8291::IKM).unwrap().as_slice());
        let (cek, nonce) = keys(
            &auth(),
            shared.raw_secret_bytes(),
            &ua_public,
            &as_public,
            &salt(),
        );
        assert_eq!(cek.as_slice(), unb64(rfc8291::CEK).unwrap().as_slice());
        assert_eq!(nonce.as_slice(), unb64(rfc8291::NONCE).unwrap().as_slice());
    }

    #[test]
    fn rfc_8291_encryption_gives_the_example_body() {
        let body = encrypt_with(
            rfc8291::PLAINTEXT,
            &unb64(rfc8291::UA_PUBLIC).unwrap(),
            &auth(),
            &secret(rfc8291::AS_PRIVATE),
            salt(),
        )
        .unwrap();
        assert_eq!(crate::b64(&body), rfc8291::BODY);
    }

    #[test]
    fn rfc_8291_example_body_decrypts_with_the_browser_key() {
        let plain = decrypt(
            &unb64(rfc8291::BODY).unwrap(),
            &secret(rfc8291::UA_PRIVATE),
            &auth(),
        )
        .unwrap();
        assert_eq!(plain, rfc8291::PLAINTEXT);
    }

    #[test]
    fn fresh_keys_round_trip_and_differ_every_time() {
        let ua = SecretKey::random(&mut OsRng);
        let ua_public = ua.public_key().to_encoded_point(false);
        let auth = [7u8; 16];
        let message = "طلبك اتشحن".as_bytes();
        let one = encrypt(message, ua_public.as_bytes(), &auth).unwrap();
        let two = encrypt(message, ua_public.as_bytes(), &auth).unwrap();
        assert_ne!(one, two, "a fresh salt and key per message");
        assert_eq!(decrypt(&one, &ua, &auth).unwrap(), message);
        assert_eq!(decrypt(&two, &ua, &auth).unwrap(), message);
        assert_eq!(decrypt(&one, &ua, &[8u8; 16]), Err(EceError::Decrypt));
        let other = SecretKey::random(&mut OsRng);
        assert_eq!(decrypt(&one, &other, &auth), Err(EceError::Decrypt));
    }

    #[test]
    fn a_message_must_fit_one_push_body() {
        let ua = SecretKey::random(&mut OsRng);
        let ua_public = ua.public_key().to_encoded_point(false);
        let largest = vec![b'x'; MAX_PLAINTEXT];
        let body = encrypt(&largest, ua_public.as_bytes(), &[1; 16]).unwrap();
        assert_eq!(body.len(), RECORD_SIZE as usize);
        assert_eq!(
            encrypt(&[b'x'; MAX_PLAINTEXT + 1], ua_public.as_bytes(), &[1; 16]),
            Err(EceError::TooLong)
        );
        assert_eq!(encrypt(b"x", &[4; 65], &[1; 16]), Err(EceError::BadKey));
    }
}
