//! The RFC 5322 message of an outbox row, the same bytes for every mailer: the SMTP
//! server and the development `.eml` file see one message.

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::Message;

use crate::{MailError, StoredMail};

/// Parses a sender such as `Dokkan <shop@example.com>` or `shop@example.com`.
pub fn check_sender(text: &str) -> Result<(), MailError> {
    parse_sender(text).map(|_| ())
}

pub(crate) fn parse_sender(text: &str) -> Result<Mailbox, MailError> {
    if text.chars().any(char::is_control) {
        return Err(MailError::Rejected(
            "sender contains control characters".into(),
        ));
    }
    text.trim()
        .parse::<Mailbox>()
        .map_err(|e| MailError::Rejected(format!("sender is not a mail address: {e}")))
}

pub(crate) fn recipient(mail: &StoredMail) -> Result<Mailbox, MailError> {
    if mail.to.trim().is_empty() {
        return Err(MailError::Rejected("recipient is empty".into()));
    }
    if mail.to.chars().any(char::is_control) {
        return Err(MailError::Rejected(
            "recipient contains control characters".into(),
        ));
    }
    let address = mail
        .to
        .trim()
        .parse()
        .map_err(|e| MailError::Rejected(format!("recipient is not a mail address: {e}")))?;
    Ok(Mailbox::new(None, address))
}

/// The whole message: `From`, `To`, a `Message-ID` that stays the same across retries
/// (`<dokkan-{id}@{sender's domain}>`, so a receiving server can drop a duplicate), the
/// enqueue time as `Date`, the subject (line breaks flattened, RFC 2047-encoded when not
/// ASCII) and the body: `multipart/alternative` (text, then HTML) when there is HTML,
/// else `text/plain`. Bodies are UTF-8 in quoted-printable or base64, so the message is
/// 7-bit clean and any server takes it.
pub(crate) fn build(mail: &StoredMail, from: &Mailbox) -> Result<Message, MailError> {
    let to = recipient(mail)?;
    // A subject is one line: a line break there would start a header of its own.
    let subject: String = mail
        .subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let builder = Message::builder()
        .message_id(Some(format!(
            "<dokkan-{}@{}>",
            mail.id,
            from.email.domain()
        )))
        .date(mail.created_at.into())
        .from(from.clone())
        .to(to)
        .subject(subject);
    let text = normalize_newlines(&mail.text);
    let built = match &mail.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(
            text,
            normalize_newlines(html),
        )),
        None => builder.singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(text),
        ),
    };
    built.map_err(|e| MailError::Rejected(format!("message cannot be built: {e}")))
}

/// `\r\n` and lone `\r` become `\n`; the encoder writes CRLF on the wire.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn mail() -> StoredMail {
        StoredMail {
            id: 42,
            kind: "password-reset".into(),
            to: "reader@example.com".into(),
            subject: "Reset\r\nBcc: attacker@example.com".into(),
            text: "line one\nhttps://example.com/reset?t=secret\n".into(),
            html: None,
            created_at: chrono::Utc
                .with_ymd_and_hms(2026, 11, 22, 8, 30, 0)
                .unwrap(),
            attempts: 0,
        }
    }

    fn formatted(mail: &StoredMail) -> String {
        let from = parse_sender("Dokkan <shop@dokkan.example>").unwrap();
        String::from_utf8(build(mail, &from).unwrap().formatted()).unwrap()
    }

    #[test]
    fn headers_identify_the_row_and_never_break_lines() {
        let text = formatted(&mail());
        let head = text.split("\r\n\r\n").next().unwrap();
        assert!(
            head.contains("Message-ID: <dokkan-42@dokkan.example>"),
            "{head}"
        );
        assert!(
            head.contains("Date: Sun, 22 Nov 2026 08:30:00 +0000"),
            "{head}"
        );
        assert!(head.contains("To: reader@example.com"), "{head}");
        assert!(
            head.contains("From: Dokkan <shop@dokkan.example>"),
            "{head}"
        );
        assert!(
            !head.lines().any(|l| l.starts_with("Bcc")),
            "no injected header: {head}"
        );
        assert!(text.is_ascii(), "7-bit clean");
    }

    #[test]
    fn refuses_bad_recipients_and_senders() {
        let mut bad = mail();
        bad.to = "a@example.com\r\nBcc: b@example.com".into();
        let from = parse_sender(crate::DEFAULT_SENDER).unwrap();
        assert!(matches!(build(&bad, &from), Err(MailError::Rejected(_))));
        bad.to = " ".into();
        assert!(matches!(build(&bad, &from), Err(MailError::Rejected(_))));
        bad.to = "not an address".into();
        assert!(matches!(build(&bad, &from), Err(MailError::Rejected(_))));
        assert!(check_sender("Dokkan <shop@example.com>").is_ok());
        assert!(check_sender("shop@example.com").is_ok());
        assert!(check_sender("nobody").is_err());
        assert!(check_sender("a@example.com\nBcc: b@example.com").is_err());
    }

    #[test]
    fn html_makes_a_multipart_alternative() {
        let mut with_html = mail();
        with_html.html = Some("<p>مرحبا</p>".into());
        let text = formatted(&with_html);
        assert!(text.contains("multipart/alternative"), "{text}");
        assert!(text.contains("text/plain; charset=utf-8"), "{text}");
        assert!(text.contains("text/html; charset=utf-8"), "{text}");
    }
}
