//! Delivery over SMTP (lettre's connection, driven step by step so every failure is
//! classified by where it happened: before the message went out it is safe to retry,
//! after its text was sent without an answer the outcome is unknown).

use std::fmt;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::time::{Duration, Instant};

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, TlsParameters};
use lettre::transport::smtp::commands::{Data, Mail, Rcpt};
use lettre::transport::smtp::extension::{ClientId, Extension, MailBodyParameter, MailParameter};
use tokio::sync::Mutex;

use crate::message::{build, parse_sender};
use crate::{MailError, Mailer, StoredMail};

/// How the connection to the SMTP server is protected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// `smtp://host` — no TLS at all (a relay on the same machine or network).
    Plain,
    /// `smtp://host?tls=opportunistic` — STARTTLS when the server offers it.
    Opportunistic,
    /// `smtp://host?tls=required` — STARTTLS, and no mail if the server cannot do it.
    StartTls,
    /// `smtps://host` — TLS from the first byte (port 465).
    Tls,
}

/// Where and how to deliver: parsed from `DOKKAN_SMTP_URL` by [`SmtpSettings::from_url`].
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// `AUTH PLAIN`/`LOGIN` user, when the URL names one.
    pub username: Option<String>,
    /// Secret: never logged ([`Debug`] redacts it).
    pub password: Option<String>,
    /// A root certificate (PEM) trusted beside the bundled Mozilla roots: a private
    /// relay's own authority (and the tests' self-signed server).
    pub root_certificate_pem: Option<Vec<u8>>,
    /// The longest any one step (connect, a command, the message) may take.
    pub timeout: Duration,
}

impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl SmtpSettings {
    /// Reads a URL of the form
    ///
    /// - `smtp://host[:port]` (no TLS; port 25)
    /// - `smtp://host[:port]?tls=required` (STARTTLS; port 587) or `?tls=opportunistic`
    /// - `smtps://host[:port]` (TLS from the start; port 465)
    ///
    /// with optional `user:password@` before the host (percent-encoded where needed).
    /// A password is refused over a connection that may stay unencrypted, unless the
    /// server is on this machine (a loopback address or `localhost`). The error never
    /// repeats the URL, which may hold the password.
    pub fn from_url(text: &str) -> Result<SmtpSettings, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| {
            format!("is not a URL ({e}); expected smtp://host:port or smtps://host:port")
        })?;
        let tls_param = {
            let mut tls = None;
            for (name, value) in url.query_pairs() {
                match name.as_ref() {
                    "tls" => tls = Some(value.into_owned()),
                    other => return Err(format!("has an unknown parameter {other:?} (only tls=)")),
                }
            }
            tls
        };
        let security = match (url.scheme(), tls_param.as_deref()) {
            ("smtp", None | Some("none")) => SmtpSecurity::Plain,
            ("smtp", Some("opportunistic")) => SmtpSecurity::Opportunistic,
            ("smtp", Some("required" | "starttls")) => SmtpSecurity::StartTls,
            ("smtp", Some(other)) => {
                return Err(format!(
                    "has tls={other:?}; use tls=required (STARTTLS), tls=opportunistic or none"
                ))
            }
            ("smtps", None | Some("wrapper")) => SmtpSecurity::Tls,
            ("smtps", Some(_)) => return Err("smtps:// is TLS already; drop the tls= parameter".into()),
            (scheme, _) => {
                return Err(format!(
                    "has the scheme {scheme:?}; use smtp:// (with ?tls=required for STARTTLS) or smtps://"
                ))
            }
        };
        let host = match url.host() {
            Some(url::Host::Domain(d)) if !d.is_empty() => d.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            _ => return Err("names no host".into()),
        };
        if !matches!(url.path(), "" | "/") || url.fragment().is_some() {
            return Err("has a path; expected only smtp://host:port".into());
        }
        let port = url.port().unwrap_or(match security {
            SmtpSecurity::Plain | SmtpSecurity::Opportunistic => 25,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::Tls => 465,
        });
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(|c| c.into_owned())
                .map_err(|_| "has a user or password that is not UTF-8 once decoded".to_string())
        };
        let username = match url.username() {
            "" => None,
            user => Some(decode(user)?),
        };
        let password = url.password().map(decode).transpose()?;
        if password.is_some() && username.is_none() {
            return Err("has a password but no user".into());
        }
        let encrypted = matches!(security, SmtpSecurity::StartTls | SmtpSecurity::Tls);
        if username.is_some() && !encrypted && !is_local(&host) {
            return Err(format!(
                "would send a password to {host} over a connection that may not be encrypted; use smtps:// or ?tls=required"
            ));
        }
        Ok(SmtpSettings {
            host,
            port,
            security,
            username,
            password,
            root_certificate_pem: None,
            timeout: Duration::from_secs(60),
        })
    }
}

fn is_local(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .trim_matches(['[', ']'])
            .parse::<IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// A connection kept between messages for at most this long.
const IDLE: Duration = Duration::from_secs(30);

/// A [`Mailer`] that hands each message to an SMTP server.
///
/// One connection is kept open across a batch (checked with `NOOP` before reuse, dropped
/// after [`IDLE`] or any error). Failures are classified for the outbox:
///
/// | where | answer | result |
/// |---|---|---|
/// | connect, TLS, EHLO, AUTH | anything | [`MailError::Temporary`] |
/// | MAIL, RCPT, DATA | 4xx, broken connection | [`MailError::Temporary`] |
/// | MAIL, RCPT, DATA | 5xx | [`MailError::Permanent`] |
/// | the message text | 4xx / 5xx | [`MailError::Temporary`] / [`MailError::Permanent`] |
/// | the message text | no answer (broken, timed out) | [`MailError::Unknown`] |
///
/// Authentication failures count as temporary: they are the shop's configuration, not the
/// message, and once it is fixed the waiting mail goes out.
pub struct SmtpMailer {
    settings: SmtpSettings,
    from: Mailbox,
    hello: ClientId,
    tls: Option<TlsParameters>,
    connection: Mutex<Option<(AsyncSmtpConnection, Instant)>>,
}

impl fmt::Debug for SmtpMailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpMailer")
            .field("settings", &self.settings)
            .field("from", &self.from.to_string())
            .finish()
    }
}

impl SmtpMailer {
    /// A mailer for `settings`, sending as `from` (e.g. `Dokkan <shop@example.com>`).
    pub fn new(settings: SmtpSettings, from: &str) -> Result<SmtpMailer, MailError> {
        let from = parse_sender(from)?;
        let tls = match settings.security {
            SmtpSecurity::Plain => None,
            _ => {
                let mut builder = TlsParameters::builder(settings.host.clone());
                if let Some(pem) = &settings.root_certificate_pem {
                    let certificate = Certificate::from_pem(pem).map_err(|e| {
                        MailError::Rejected(format!("the SMTP root certificate: {e}"))
                    })?;
                    builder = builder.add_root_certificate(certificate);
                }
                Some(builder.build_rustls().map_err(|e| {
                    MailError::Rejected(format!("TLS settings for {}: {e}", settings.host))
                })?)
            }
        };
        Ok(SmtpMailer {
            settings,
            from,
            hello: ClientId::default(),
            tls,
            connection: Mutex::new(None),
        })
    }

    fn place(&self) -> String {
        format!("{}:{}", self.settings.host, self.settings.port)
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, lettre::transport::smtp::Error> {
        let wrapped = match self.settings.security {
            SmtpSecurity::Tls => self.tls.clone(),
            _ => None,
        };
        let mut connection = AsyncSmtpConnection::connect_tokio1(
            (self.settings.host.as_str(), self.settings.port),
            Some(self.settings.timeout),
            &self.hello,
            wrapped,
            None,
        )
        .await?;
        match (self.settings.security, &self.tls) {
            (SmtpSecurity::StartTls, Some(tls)) => {
                connection.starttls(tls.clone(), &self.hello).await?;
            }
            (SmtpSecurity::Opportunistic, Some(tls)) if connection.can_starttls() => {
                connection.starttls(tls.clone(), &self.hello).await?;
            }
            _ => {}
        }
        if let Some(user) = &self.settings.username {
            let credentials = Credentials::new(
                user.clone(),
                self.settings.password.clone().unwrap_or_default(),
            );
            connection
                .auth(&[Mechanism::Plain, Mechanism::Login], &credentials)
                .await?;
        }
        Ok(connection)
    }

    /// The kept connection if it still answers, else a new one.
    async fn connection(
        &self,
        kept: Option<(AsyncSmtpConnection, Instant)>,
    ) -> Result<AsyncSmtpConnection, MailError> {
        if let Some((mut connection, last_used)) = kept {
            if last_used.elapsed() < IDLE
                && !connection.has_broken()
                && self.step(connection.test_connected()).await == Some(true)
            {
                return Ok(connection);
            }
            connection.abort().await;
        }
        match self.step(self.connect()).await {
            Some(Ok(connection)) => Ok(connection),
            Some(Err(error)) => Err(MailError::Temporary(format!(
                "connecting to {}: {error}",
                self.place()
            ))),
            None => Err(MailError::Temporary(format!(
                "connecting to {} timed out",
                self.place()
            ))),
        }
    }

    /// `future` within the step timeout; `None` when it ran out.
    async fn step<T>(&self, future: impl Future<Output = T>) -> Option<T> {
        tokio::time::timeout(self.settings.timeout, future)
            .await
            .ok()
    }

    async fn deliver(&self, mail: &StoredMail) -> Result<(), MailError> {
        let message = build(mail, &self.from)?;
        let envelope = message.envelope().clone();
        let bytes = message.formatted();
        let mut kept = self.connection.lock().await;
        let mut connection = self.connection(kept.take()).await?;

        let mut options = Vec::new();
        if !bytes.is_ascii() {
            if !connection
                .server_info()
                .supports_feature(Extension::EightBitMime)
            {
                connection.abort().await;
                return Err(MailError::Permanent(
                    "the message is not 7-bit and the server has no 8BITMIME".into(),
                ));
            }
            options.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        let envelope_steps = async {
            connection
                .command(Mail::new(envelope.from().cloned(), options))
                .await?;
            for to in envelope.to() {
                connection
                    .command(Rcpt::new(to.clone(), Vec::new()))
                    .await?;
            }
            connection.command(Data).await
        };
        match self.step(envelope_steps).await {
            Some(Ok(_)) => {}
            Some(Err(error)) => {
                connection.abort().await;
                return Err(if error.is_permanent() {
                    MailError::Permanent(error.to_string())
                } else {
                    MailError::Temporary(format!("{} before the message: {error}", self.place()))
                });
            }
            None => {
                connection.abort().await;
                return Err(MailError::Temporary(format!(
                    "{} did not answer before the message was sent",
                    self.place()
                )));
            }
        }
        // From here on the server may hold the text: only a definite answer says whether
        // it took it.
        match self.step(connection.message(&bytes)).await {
            Some(Ok(_)) => {
                *kept = Some((connection, Instant::now()));
                Ok(())
            }
            Some(Err(error)) => {
                connection.abort().await;
                Err(if error.is_permanent() {
                    MailError::Permanent(error.to_string())
                } else if error.is_transient() {
                    MailError::Temporary(error.to_string())
                } else {
                    MailError::Unknown(format!(
                        "{} gave no answer after the message was sent: {error}",
                        self.place()
                    ))
                })
            }
            None => {
                connection.abort().await;
                Err(MailError::Unknown(format!(
                    "{} gave no answer within {} s after the message was sent",
                    self.place(),
                    self.settings.timeout.as_secs()
                )))
            }
        }
    }
}

impl Mailer for SmtpMailer {
    fn send<'a>(
        &'a self,
        mail: &'a StoredMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(async move {
            self.deliver(mail).await?;
            tracing::info!(id = mail.id, kind = %mail.kind, server = %self.place(), "mail sent");
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_pick_security_and_default_ports() {
        let plain = SmtpSettings::from_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!((plain.security, plain.port), (SmtpSecurity::Plain, 2525));
        let relay = SmtpSettings::from_url("smtp://mail.example.com").unwrap();
        assert_eq!((relay.security, relay.port), (SmtpSecurity::Plain, 25));
        let starttls = SmtpSettings::from_url(
            "smtp://shop%40example.com:p%40ss%3Aword@mail.example.com?tls=required",
        )
        .unwrap();
        assert_eq!(
            (starttls.security, starttls.port),
            (SmtpSecurity::StartTls, 587)
        );
        assert_eq!(starttls.username.as_deref(), Some("shop@example.com"));
        assert_eq!(starttls.password.as_deref(), Some("p@ss:word"));
        let tls = SmtpSettings::from_url("smtps://u:p@mail.example.com").unwrap();
        assert_eq!((tls.security, tls.port), (SmtpSecurity::Tls, 465));
        let opportunistic =
            SmtpSettings::from_url("smtp://mail.example.com:26?tls=opportunistic").unwrap();
        assert_eq!(opportunistic.security, SmtpSecurity::Opportunistic);
        // A local relay may take a password in the clear.
        assert!(SmtpSettings::from_url("smtp://u:p@localhost:1025").is_ok());
    }

    #[test]
    fn bad_urls_are_refused_without_repeating_the_password() {
        for url in [
            "mail.example.com",
            "http://mail.example.com",
            "smtp://",
            "smtp://mail.example.com/inbox",
            "smtp://mail.example.com?tls=maybe",
            "smtp://mail.example.com?ssl=1",
            "smtps://mail.example.com?tls=required",
            "smtp://user:hunter2@mail.example.com",
            "smtp://user:hunter2@mail.example.com?tls=opportunistic",
            "smtp://:hunter2@mail.example.com?tls=required",
        ] {
            let error = SmtpSettings::from_url(url).expect_err(url);
            assert!(!error.contains("hunter2"), "{url}: {error}");
        }
    }

    #[test]
    fn debug_hides_the_password() {
        let settings = SmtpSettings::from_url("smtps://user:hunter2@mail.example.com").unwrap();
        let shown = format!("{settings:?}");
        assert!(
            !shown.contains("hunter2") && shown.contains("mail.example.com"),
            "{shown}"
        );
        let mailer = SmtpMailer::new(settings, "Dokkan <shop@example.com>").unwrap();
        assert!(!format!("{mailer:?}").contains("hunter2"));
    }
}
