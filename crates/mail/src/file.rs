//! The development mail sink: every message becomes an `.eml` file in a folder.

use std::fs;
use std::future::Future;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};

use lettre::message::Mailbox;

use crate::message::{build, parse_sender};
use crate::{MailError, Mailer, StoredMail};

/// A [`Mailer`] for development that writes each message to `<dir>/<id>-<kind>.eml`.
///
/// The file holds exactly the message SMTP would carry (multipart text + HTML, encoded
/// headers), so any mail client opens it and shows the HTML. It is written under a
/// temporary name and renamed into place, so a reader never sees half a message; a
/// message delivered twice overwrites its own file. On Unix the file is readable by its
/// owner only, since it holds one-time links.
#[derive(Debug, Clone)]
pub struct FileMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl FileMailer {
    /// A mailer writing into `dir`, which is created (with its parents) on first use, with
    /// [`crate::DEFAULT_SENDER`] as the sender.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            from: parse_sender(crate::DEFAULT_SENDER).expect("the default sender parses"),
        }
    }

    /// The same, with `from` (e.g. `Dokkan <shop@example.com>`) as the sender.
    pub fn with_sender(self, from: &str) -> Result<Self, MailError> {
        Ok(Self {
            from: parse_sender(from)?,
            ..self
        })
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
            let message = build(mail, &self.from)?.formatted();
            let dir = self.dir.clone();
            let name = file_name(mail.id, &mail.kind);
            let path = tokio::task::spawn_blocking(move || write_atomically(&dir, &name, &message))
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

    #[test]
    fn file_names_stay_in_the_folder() {
        assert_eq!(file_name(7, "verify-email"), "7-verify-email.eml");
        assert_eq!(file_name(7, "../../etc/x"), "7-______etc_x.eml");
    }

    #[test]
    fn senders_are_checked() {
        assert!(FileMailer::new("x")
            .with_sender("Dokkan <a@example.com>")
            .is_ok());
        assert!(FileMailer::new("x").with_sender("nobody").is_err());
    }
}
