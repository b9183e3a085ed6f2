//! Wire encodings for message headers and bodies (shared by every mailer that writes
//! RFC 5322 text).

const BASE64_ALPHABET: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 (RFC 4648 section 4) with `=` padding.
pub(crate) fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(BASE64_ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Longest UTF-8 payload of one encoded-word: 39 bytes are 52 base64 characters, so a word
/// `=?UTF-8?B?…?=` is 64 characters and even the first line, `Subject: ` plus a word, stays
/// within RFC 2047's 76-character limit for lines holding encoded-words.
const WORD_BYTES: usize = 39;

/// Above this many characters even an ASCII subject is encoded, so it gets folded and no
/// line comes near RFC 5322's hard limit of 998 characters.
const LONG_ASCII_SUBJECT: usize = 900;

/// The value of a `Subject:` header (without the name and the final CRLF).
///
/// Printable ASCII stays as it is. Anything else — non-ASCII text such as Arabic, control
/// characters (including CR and LF, which would otherwise inject headers), text that looks
/// like an encoded-word already, or a very long subject — becomes a sequence of RFC 2047
/// `=?UTF-8?B?…?=` encoded-words, each holding whole characters, folded onto continuation
/// lines (`CRLF SP`). Decoders join adjacent encoded-words without the folding white space.
pub(crate) fn encode_subject(subject: &str) -> String {
    let plain = subject.bytes().all(|b| (0x20..0x7f).contains(&b))
        && !subject.contains("=?")
        && subject.len() <= LONG_ASCII_SUBJECT;
    if plain {
        return subject.to_owned();
    }
    let mut words = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in subject.char_indices() {
        if i + c.len_utf8() - start > WORD_BYTES {
            words.push(encoded_word(&subject[start..end]));
            start = i;
        }
        end = i + c.len_utf8();
    }
    if end > start {
        words.push(encoded_word(&subject[start..end]));
    }
    words.join("\r\n ")
}

fn encoded_word(text: &str) -> String {
    format!("=?UTF-8?B?{}?=", base64(text.as_bytes()))
}

/// The body with every line ending (`\n`, `\r\n` or a lone `\r`) turned into CRLF, as
/// RFC 5322 requires.
pub(crate) fn crlf_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unbase64(text: &str) -> Vec<u8> {
        let mut bits = 0u32;
        let mut count = 0;
        let mut out = Vec::new();
        for c in text.bytes().filter(|&c| c != b'=') {
            let v = BASE64_ALPHABET.iter().position(|&a| a == c).unwrap() as u32;
            bits = (bits << 6) | v;
            count += 6;
            if count >= 8 {
                count -= 8;
                out.push((bits >> count) as u8);
            }
        }
        out
    }

    /// Decodes a header value made of folded encoded-words, the way a mail client does.
    fn decode_words(value: &str) -> String {
        let mut bytes = Vec::new();
        for word in value.split("\r\n ") {
            let payload = word
                .strip_prefix("=?UTF-8?B?")
                .and_then(|w| w.strip_suffix("?="))
                .expect("an encoded-word");
            bytes.extend(unbase64(payload));
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let vectors = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn ascii_subject_is_left_alone() {
        assert_eq!(
            encode_subject("Verify your email address"),
            "Verify your email address"
        );
    }

    #[test]
    fn arabic_subject_becomes_utf8_base64_encoded_words() {
        // "تأكيد" in UTF-8 is d8 aa d8 a3 d9 83 d9 8a d8 af.
        assert_eq!(encode_subject("تأكيد"), "=?UTF-8?B?2KrYo9mD2YrYrw==?=");

        let subject = "إعادة تعيين كلمة المرور لحسابك في دكّان — صالحة لمدة ساعة واحدة فقط";
        let encoded = encode_subject(subject);
        assert!(encoded.contains("\r\n "), "a long subject is folded");
        for (n, line) in encoded.split("\r\n").enumerate() {
            assert!(line.is_ascii());
            let prefix = if n == 0 { "Subject: ".len() } else { 0 };
            assert!(prefix + line.len() <= 76, "line too long: {line:?}");
            let word = line.trim_start();
            assert!(word.starts_with("=?UTF-8?B?") && word.ends_with("?="));
            assert!(word.len() <= 75);
        }
        assert_eq!(decode_words(&encoded), subject);
    }

    #[test]
    fn words_never_split_a_character() {
        // Four-byte characters: every word must still decode to valid UTF-8 on its own.
        let subject = "🔑".repeat(40);
        let encoded = encode_subject(&subject);
        for word in encoded.split("\r\n ") {
            let payload = &word["=?UTF-8?B?".len()..word.len() - 2];
            String::from_utf8(unbase64(payload)).expect("whole characters per word");
        }
        assert_eq!(decode_words(&encoded), subject);
    }

    #[test]
    fn line_breaks_and_lookalike_words_are_encoded() {
        let injected = "Hello\r\nBcc: attacker@example.com";
        let encoded = encode_subject(injected);
        assert!(!encoded.contains("\r\nBcc"));
        assert_eq!(decode_words(&encoded), injected);

        let lookalike = "=?UTF-8?B?SGk=?=";
        assert_eq!(decode_words(&encode_subject(lookalike)), lookalike);

        assert_eq!(encode_subject(""), "");
        let long = "a".repeat(1000);
        assert_eq!(decode_words(&encode_subject(&long)), long);
    }

    #[test]
    fn body_line_endings_become_crlf() {
        assert_eq!(crlf_body("a\nb\r\nc\rd\n"), "a\r\nb\r\nc\r\nd\r\n");
        assert_eq!(crlf_body("سلام"), "سلام");
    }
}
