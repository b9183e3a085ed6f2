//! The development mail sink: every message becomes an `.eml` file in a folder.

use std::fs;
use std::future::Future;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::encode::{crlf_body, encode_subject};
use crate::{MailError, Mailer, StoredMail};

/// A [`Mailer`] for development that writes each message to `<dir>/<id>-<kind>.eml`.
///
/// The file is an RFC 5322 message (CRLF line endings, UTF-8 body sent as `8bit`, subject as
/// RFC 2047 encoded-words when it is not plain ASCII) that any mail client opens. It is
/// written under a temporary name and renamed into place, so a reader never sees half a
/// message; a message delivered twice overwrites its own file. On Unix the file is readable
/// by its owner only, since it holds one-time links.
#[derive(Debug, Clone)]
pub struct FileMailer {
    dir: PathBuf,
}

impl FileMailer {
    /// A mailer writing into `dir`, which is created (with its parents) on first use.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The folder messages are written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Mailer for FileMailer {
    fn send<'a>(
        &'a self,
        mail: &'a StoredMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(async move {
            let message = render(mail)?;
            let dir = self.dir.clone();
            let name = file_name(mail.id, &mail.kind);
            let path = tokio::task::spawn_blocking(move || {
                write_atomically(&dir, &name, message.as_bytes())
            })
            .await
            .map_err(io::Error::other)??;
            tracing::info!(id = mail.id, kind = %mail.kind, path = %path.display(), "mail written");
            Ok(())
        })
    }
}

/// `<id>-<kind>.eml`, with anything but ASCII letters, digits, `-` and `_` in the kind
/// replaced by `_` so the name can never leave the folder.
fn file_name(id: i64, kind: &str) -> String {
    let kind: String = kind
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{id}-{kind}.eml")
}

/// The whole message text: headers, blank line, body.
pub(crate) fn render(mail: &StoredMail) -> Result<String, MailError> {
    if mail.to.trim().is_empty() {
        return Err(MailError::Rejected("recipient is empty".into()));
    }
    if mail.to.chars().any(char::is_control) {
        return Err(MailError::Rejected(
            "recipient contains control characters".into(),
        ));
    }
    let body = crlf_body(&mail.text);
    let mut out = String::with_capacity(body.len() + 512);
    out.push_str(&format!("Message-ID: <dokkan-{}@localhost>\r\n", mail.id));
    out.push_str(&format!("Date: {}\r\n", mail.created_at.to_rfc2822()));
    out.push_str(&format!("To: {}\r\n", mail.to));
    out.push_str(&format!("Subject: {}\r\n", encode_subject(&mail.subject)));
    out.push_str("MIME-Version: 1.0\r\n");
    out.push_str("Content-Type: text/plain; charset=utf-8\r\n");
    out.push_str("Content-Transfer-Encoding: 8bit\r\n");
    out.push_str("\r\n");
    out.push_str(&body);
    Ok(out)
}

/// Writes `contents` to `dir/name` through a temporary file in the same folder and a
/// rename, creating `dir` if needed. Returns the final path.
fn write_atomically(dir: &Path, name: &str, contents: &[u8]) -> io::Result<PathBuf> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    fs::create_dir_all(dir)?;
    let path = dir.join(name);
    let temp = dir.join(format!(
        ".{name}.{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        fs::rename(&temp, &path)
    })();
    if let Err(error) = written {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    Ok(path)
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
            subject: "Reset".into(),
            text: "line one\nhttps://example.com/reset?t=secret\n".into(),
            created_at: chrono::Utc
                .with_ymd_and_hms(2026, 11, 22, 8, 30, 0)
                .unwrap(),
            attempts: 0,
        }
    }

    #[test]
    fn renders_headers_and_crlf_body() {
        let text = render(&mail()).unwrap();
        assert_eq!(
            text,
            "Message-ID: <dokkan-42@localhost>\r\n\
             Date: Sun, 22 Nov 2026 08:30:00 +0000\r\n\
             To: reader@example.com\r\n\
             Subject: Reset\r\n\
             MIME-Version: 1.0\r\n\
             Content-Type: text/plain; charset=utf-8\r\n\
             Content-Transfer-Encoding: 8bit\r\n\
             \r\n\
             line one\r\nhttps://example.com/reset?t=secret\r\n"
        );
    }

    #[test]
    fn refuses_header_injection_in_recipient() {
        let mut bad = mail();
        bad.to = "a@example.com\r\nBcc: b@example.com".into();
        assert!(matches!(render(&bad), Err(MailError::Rejected(_))));
        bad.to = " ".into();
        assert!(matches!(render(&bad), Err(MailError::Rejected(_))));
    }

    #[test]
    fn file_names_stay_in_the_folder() {
        assert_eq!(file_name(7, "verify-email"), "7-verify-email.eml");
        assert_eq!(file_name(7, "../../etc/x"), "7-______etc_x.eml");
    }

    #[test]
    fn debug_output_redacts_secrets() {
        let shown = format!("{:?}", mail());
        assert!(!shown.contains("secret") && !shown.contains("Reset"));
        assert!(shown.contains("password-reset"));
    }
}
