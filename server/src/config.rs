//! Configuration: one struct per concern, gathered in [`Config`], read once from the
//! environment at start with local defaults. A value that is set but wrong stops the
//! start with a message naming the variable; secrets are wrapped so that printing a
//! config (`{:?}`) never shows them.

use anyhow::{bail, Context};
use leptos::prelude::LeptosOptions;
use std::{fmt, path::PathBuf};

/// Where a configuration value comes from: the process environment, or a map in tests.
pub type Vars<'a> = &'a dyn Fn(&str) -> Option<String>;

pub fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// A value that must not reach a log: `Debug` prints `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    pub fn new(value: T) -> Self {
        Secret(value)
    }

    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Everything the server reads from its environment.
#[derive(Debug)]
pub struct Config {
    pub database: DatabaseConfig,
    pub http: HttpConfig,
    pub auth: AuthConfig,
    pub mail: MailConfig,
    pub media: MediaConfig,
    pub payments: PaymentsConfig,
    pub push: PushConfig,
    pub insights: InsightsConfig,
    /// The assistant's social channels (Telegram, WhatsApp, Messenger).
    pub channels: crate::channels::ChannelsConfig,
    pub log_format: LogFormat,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        Self::from_vars(&env_var)
    }

    pub fn from_vars(vars: Vars) -> anyhow::Result<Config> {
        let http = HttpConfig::from_vars(vars)?;
        let auth = AuthConfig::from_vars(vars, &http.public_url)?;
        let payments = PaymentsConfig::from_vars(vars)?;
        payments.check_against(&http.public_url)?;
        let push = PushConfig::from_vars(vars, &http.public_url)?;
        Ok(Config {
            database: DatabaseConfig::from_vars(vars)?,
            auth,
            mail: MailConfig::from_vars(vars)?,
            media: MediaConfig::from_vars(vars),
            payments,
            push,
            insights: InsightsConfig::from_vars(vars)?,
            channels: crate::channels::ChannelsConfig::from_vars(vars)?,
            log_format: LogFormat::from_vars(vars)?,
            http,
        })
    }
}

/// Where PostgreSQL is. `DATABASE_URL`, else the local server's `dokkan` database.
#[derive(Clone, Debug)]
pub struct DatabaseConfig {
    /// May hold a password.
    pub url: Secret<String>,
    pub max_connections: u32,
}

impl DatabaseConfig {
    pub const DEFAULT_URL: &'static str = "postgres://postgres@127.0.0.1:5432/dokkan";

    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_vars(&env_var)
    }

    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        let max_connections = match vars("DOKKAN_DB_MAX_CONNECTIONS") {
            Some(v) => match v.trim().parse::<u32>() {
                Ok(n) if n > 0 => n,
                _ => bail!("DOKKAN_DB_MAX_CONNECTIONS must be a whole number above 0, not {v:?}"),
            },
            None => 16,
        };
        Ok(DatabaseConfig {
            url: Secret::new(vars("DATABASE_URL").unwrap_or_else(|| Self::DEFAULT_URL.to_string())),
            max_connections,
        })
    }
}

/// How the site is served: Leptos' own options (`LEPTOS_*`) plus our public URL.
#[derive(Clone, Debug)]
pub struct HttpConfig {
    pub leptos: LeptosOptions,
    /// Absolute base URL for canonical links, without a trailing slash.
    pub public_url: String,
    /// `LEPTOS_WATCH`: `cargo leptos watch` is reloading the page on each build, from
    /// `reload_port`; the CSP must let its socket in.
    pub watch: bool,
}

impl HttpConfig {
    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        let mut leptos = leptos::prelude::get_configuration(None)
            .context("reading LEPTOS_* configuration")?
            .leptos_options;
        // cargo-leptos bakes the output name in at build time; a plain `cargo build` does not.
        if leptos.output_name.is_empty() {
            leptos.output_name = "dokkan".into();
        }
        // Run straight from `target/<profile>/dokkan`, the binary finds the hashed file
        // names the site build wrote beside it.
        if vars("LEPTOS_HASH_FILES").is_none() {
            leptos.hash_files = std::env::current_exe()
                .ok()
                .and_then(|exe| {
                    exe.parent()
                        .map(|dir| dir.join(leptos.hash_file.as_ref()).exists())
                })
                .unwrap_or(false);
        }
        let public_url = vars("DOKKAN_PUBLIC_URL")
            .unwrap_or_else(|| format!("http://{}", leptos.site_addr))
            .trim_end_matches('/')
            .to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://"))
            || public_url.contains(char::is_whitespace)
        {
            bail!("DOKKAN_PUBLIC_URL must be an http:// or https:// URL, not {public_url:?}");
        }
        Ok(HttpConfig {
            leptos,
            public_url,
            watch: vars("LEPTOS_WATCH").is_some(),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LogFormat {
    Pretty,
    Json,
}

impl LogFormat {
    /// For the logger, before the rest of the configuration is read (an unknown format
    /// is then refused with the rest).
    pub fn from_env() -> Self {
        Self::from_vars(&env_var).unwrap_or(LogFormat::Pretty)
    }

    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        match vars("DOKKAN_LOG_FORMAT").as_deref() {
            None | Some("pretty") => Ok(LogFormat::Pretty),
            Some("json") => Ok(LogFormat::Json),
            Some(other) => bail!("DOKKAN_LOG_FORMAT must be `pretty` or `json`, not {other:?}"),
        }
    }
}

/// Sign-in: the token signing secret and whether cookies must be `Secure`.
#[derive(Clone, Debug)]
pub struct AuthConfig {
    /// `DOKKAN_JWT_SECRET` (at least 32 bytes). Without it the install's own random key,
    /// kept in PostgreSQL, is used, so restarts and several instances agree.
    pub jwt_secret: Option<Secret<Vec<u8>>>,
    pub secure_cookies: bool,
    /// `DOKKAN_TRUSTED_PROXIES`: comma-separated addresses of the reverse proxies in front
    /// of the shop, whose `X-Forwarded-For` gives the client's address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl AuthConfig {
    pub fn from_vars(vars: Vars, public_url: &str) -> anyhow::Result<Self> {
        let jwt_secret = match vars("DOKKAN_JWT_SECRET") {
            Some(secret) if secret.len() < 32 => {
                bail!("DOKKAN_JWT_SECRET must be at least 32 bytes long")
            }
            Some(secret) => Some(Secret::new(secret.into_bytes())),
            None => None,
        };
        let trusted_proxies = vars("DOKKAN_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse()
                    .with_context(|| format!("DOKKAN_TRUSTED_PROXIES: {s} is not an IP address"))
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(AuthConfig {
            jwt_secret,
            secure_cookies: public_url.starts_with("https://"),
            trusted_proxies,
        })
    }
}

/// Outgoing mail: over SMTP when `DOKKAN_SMTP_URL` is set, else written as `.eml` files
/// to `DOKKAN_MAIL_DIR` (development; `target/mail` by default).
#[derive(Clone, Debug)]
pub struct MailConfig {
    pub dir: PathBuf,
    /// `DOKKAN_MAIL_FROM`, e.g. `Dokkan <shop@example.com>`: required with SMTP.
    pub from: String,
    pub smtp: Option<SmtpConfig>,
}

/// `DOKKAN_SMTP_URL`, read: `smtp://host:25` (no TLS), `smtp://host:587?tls=required`
/// (STARTTLS), `smtps://host:465` (TLS), with an optional `user:password@`.
#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: dokkan_mail::SmtpSecurity,
    pub username: Option<String>,
    pub password: Option<Secret<String>>,
}

impl SmtpConfig {
    pub fn settings(&self) -> dokkan_mail::SmtpSettings {
        let mut settings = dokkan_mail::SmtpSettings::from_url("smtp://localhost")
            .expect("a plain local URL parses");
        settings.host = self.host.clone();
        settings.port = self.port;
        settings.security = self.security;
        settings.username = self.username.clone();
        settings.password = self.password.as_ref().map(|p| p.expose().clone());
        settings
    }
}

impl MailConfig {
    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        let smtp = match vars("DOKKAN_SMTP_URL").filter(|url| !url.trim().is_empty()) {
            None => None,
            Some(url) => {
                // The message never repeats the URL: it may hold the password.
                let parsed = dokkan_mail::SmtpSettings::from_url(&url)
                    .map_err(|why| anyhow::anyhow!("DOKKAN_SMTP_URL {why}"))?;
                Some(SmtpConfig {
                    host: parsed.host,
                    port: parsed.port,
                    security: parsed.security,
                    username: parsed.username,
                    password: parsed.password.map(Secret::new),
                })
            }
        };
        let from = match vars("DOKKAN_MAIL_FROM").filter(|from| !from.trim().is_empty()) {
            Some(from) => {
                dokkan_mail::check_sender(&from).map_err(|error| {
                    anyhow::anyhow!(
                        "DOKKAN_MAIL_FROM must be an address such as `Dokkan <shop@example.com>` ({error})"
                    )
                })?;
                from.trim().to_string()
            }
            None if smtp.is_some() => bail!(
                "DOKKAN_MAIL_FROM is required with DOKKAN_SMTP_URL, e.g. `Dokkan <shop@example.com>`"
            ),
            None => dokkan_mail::DEFAULT_SENDER.to_string(),
        };
        Ok(MailConfig {
            dir: vars("DOKKAN_MAIL_DIR")
                .map(Into::into)
                .unwrap_or_else(|| "target/mail".into()),
            from,
            smtp,
        })
    }
}

/// Web push for order updates. The VAPID key needs no setting: it is made on first start
/// and kept in the database. Subscriptions may only point at known push services.
#[derive(Clone, Debug, Default)]
pub struct PushConfig {
    /// `DOKKAN_PUSH_EXTRA_HOSTS`: comma-separated host names added to the allow-list of
    /// push services (e.g. a self-hosted UnifiedPush server); subdomains match too.
    pub extra_hosts: Vec<String>,
    /// `DOKKAN_PUSH_ALLOW_LOOPBACK=1`: also allow endpoints on 127.0.0.1, [::1] and
    /// localhost (a local receiver in development and tests). Refused on an https shop.
    pub allow_loopback: bool,
    /// `DOKKAN_PUSH_CONTACT`: who push services may contact about this shop (the VAPID
    /// `sub`, a `mailto:` or `https:` URL); the public URL when unset.
    pub contact: Option<String>,
}

impl PushConfig {
    pub fn from_vars(vars: Vars, public_url: &str) -> anyhow::Result<Self> {
        let allow_loopback = match vars("DOKKAN_PUSH_ALLOW_LOOPBACK").as_deref() {
            None | Some("" | "0" | "false" | "off") => false,
            Some("1" | "true" | "on") => true,
            Some(other) => bail!("DOKKAN_PUSH_ALLOW_LOOPBACK must be 1 or 0, not {other:?}"),
        };
        if allow_loopback && public_url.starts_with("https://") {
            bail!("DOKKAN_PUSH_ALLOW_LOOPBACK is for local development; the public URL {public_url} is https");
        }
        let contact = vars("DOKKAN_PUSH_CONTACT").map(|c| c.trim().to_string());
        if let Some(contact) = &contact {
            if !(contact.starts_with("mailto:") || contact.starts_with("https://"))
                || contact.contains(char::is_whitespace)
            {
                bail!("DOKKAN_PUSH_CONTACT must be a mailto: or https:// URL, not {contact:?}");
            }
        }
        let extra_hosts = vars("DOKKAN_PUSH_EXTRA_HOSTS")
            .unwrap_or_default()
            .split(',')
            .map(|h| h.trim().to_ascii_lowercase())
            .filter(|h| !h.is_empty())
            .map(|h| {
                let valid = h.split('.').all(|l| {
                    !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                }) && h.contains('.')
                    && h.parse::<std::net::IpAddr>().is_err();
                if valid {
                    Ok(h)
                } else {
                    bail!("DOKKAN_PUSH_EXTRA_HOSTS: {h:?} is not a host name")
                }
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(PushConfig {
            extra_hosts,
            allow_loopback,
            contact,
        })
    }

    /// The endpoints subscriptions may use.
    pub fn policy(&self) -> dokkan_push::EndpointPolicy {
        dokkan_push::EndpointPolicy::new(&self.extra_hosts, self.allow_loopback)
    }
}

/// The media store: uploaded and imported pictures with their resized copies, served
/// under `/media`. `DOKKAN_MEDIA_DIR`, else `target/media` (relative to where the server
/// runs, like `target/site`).
#[derive(Clone, Debug)]
pub struct MediaConfig {
    pub dir: PathBuf,
}

impl MediaConfig {
    pub fn from_vars(vars: Vars) -> Self {
        MediaConfig {
            dir: vars("DOKKAN_MEDIA_DIR")
                .map(Into::into)
                .unwrap_or_else(|| "target/media".into()),
        }
    }
}

/// A real card provider's address and secrets.
#[derive(Clone, Debug)]
pub struct CardProviderConfig {
    pub base_url: String,
    pub api_key: Secret<String>,
    pub webhook_secret: Secret<Vec<u8>>,
}

impl CardProviderConfig {
    pub fn card_config(&self) -> dokkan_payments::CardConfig {
        dokkan_payments::CardConfig {
            base_url: self.base_url.clone(),
            api_key: self.api_key.expose().clone(),
            webhook_secret: self.webhook_secret.expose().clone(),
        }
    }
}

/// Payments: the card provider (a real one, or the local fake for development and tests)
/// and how long a card order keeps its stock while waiting to be paid.
#[derive(Clone, Debug)]
pub struct PaymentsConfig {
    pub card: Option<CardProviderConfig>,
    /// `DOKKAN_FAKE_CARD_PROVIDER=1`: mount the local fake provider at `/fake-provider`
    /// (development and tests only: its page pays for anything, and release builds do
    /// not contain it).
    pub fake: bool,
    /// The fake's pages are linked under the server's bound address instead of the
    /// public URL (tests, which are the browser and call that address).
    pub fake_on_bound_address: bool,
    pub payment_window_secs: i64,
}

impl PaymentsConfig {
    /// `DOKKAN_CARD_PROVIDER_URL`, `DOKKAN_CARD_API_KEY`, `DOKKAN_CARD_WEBHOOK_SECRET` for a
    /// real provider; or `DOKKAN_FAKE_CARD_PROVIDER=1` for the local fake. Neither: cash
    /// on delivery only.
    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        let payment_window_secs = match vars("DOKKAN_PAYMENT_WINDOW_SECS") {
            Some(text) => match text.trim().parse::<i64>() {
                Ok(secs) if secs > 0 => secs,
                _ => bail!(
                    "DOKKAN_PAYMENT_WINDOW_SECS must be a number of seconds above 0, not {text:?}"
                ),
            },
            None => 30 * 60,
        };
        let fake = match vars("DOKKAN_FAKE_CARD_PROVIDER").as_deref() {
            None | Some("" | "0" | "false" | "off") => false,
            Some("1" | "true" | "on") => true,
            Some(other) => bail!("DOKKAN_FAKE_CARD_PROVIDER must be 1 or 0, not {other:?}"),
        };
        let card = match vars("DOKKAN_CARD_PROVIDER_URL") {
            None => None,
            Some(base_url) => Some(CardProviderConfig {
                base_url,
                api_key: Secret::new(
                    vars("DOKKAN_CARD_API_KEY")
                        .context("DOKKAN_CARD_API_KEY is required with DOKKAN_CARD_PROVIDER_URL")?,
                ),
                webhook_secret: Secret::new(
                    vars("DOKKAN_CARD_WEBHOOK_SECRET")
                        .context(
                            "DOKKAN_CARD_WEBHOOK_SECRET is required with DOKKAN_CARD_PROVIDER_URL",
                        )?
                        .into_bytes(),
                ),
            }),
        };
        Ok(PaymentsConfig {
            card,
            fake,
            fake_on_bound_address: false,
            payment_window_secs,
        })
    }

    /// The fake pays for anything: never beside a real provider, never on a public
    /// (https) shop, never in a build made without it.
    pub fn check_against(&self, public_url: &str) -> anyhow::Result<()> {
        if !self.fake {
            return Ok(());
        }
        if !cfg!(feature = "fake-provider") {
            bail!("DOKKAN_FAKE_CARD_PROVIDER is set, but this build has no fake provider (a release build leaves it out)");
        }
        if self.card.is_some() {
            bail!("DOKKAN_FAKE_CARD_PROVIDER cannot be used with a real card provider (DOKKAN_CARD_PROVIDER_URL)");
        }
        if public_url.starts_with("https://") {
            bail!("DOKKAN_FAKE_CARD_PROVIDER is for local development; the public URL {public_url} is https");
        }
        Ok(())
    }
}

/// The shop's side and the fake's side of one local provider, sharing fresh secrets.
#[cfg(feature = "fake-provider")]
pub fn fake_provider(
    public_url: &str,
    internal: &str,
) -> (
    dokkan_payments::CardConfig,
    dokkan_payments::fake::FakeConfig,
) {
    let api_key = dokkan_accounts::token::new_secret();
    let webhook_secret = dokkan_accounts::token::new_secret().into_bytes();
    (
        dokkan_payments::CardConfig {
            base_url: format!("{internal}/fake-provider"),
            api_key: api_key.clone(),
            webhook_secret: webhook_secret.clone(),
        },
        dokkan_payments::fake::FakeConfig {
            api_key,
            webhook_secret,
            webhook_url: format!("{internal}/api/v1/payments/webhook"),
            public_base: format!("{public_url}/fake-provider"),
        },
    )
}

/// What shoppers do and what the shop learns from it: events and recommendations.
#[derive(Clone, Debug)]
pub struct InsightsConfig {
    /// `DOKKAN_EVENTS=off`: record no events (the benchmark compares on and off).
    pub events: bool,
    /// `DOKKAN_EVENTS_RETENTION_MONTHS` (13): whole months of events kept.
    pub retention_months: u32,
    /// `DOKKAN_RECOMMEND_TRAIN_SECS` (3600): how often an instance tries to train (one
    /// instance trains at a time); 0 trains only on demand.
    pub train_every_secs: u64,
    /// `DOKKAN_RECOMMEND_WINDOW_DAYS` (365): how far back training reads.
    pub window_days: i32,
}

impl Default for InsightsConfig {
    fn default() -> Self {
        InsightsConfig {
            events: true,
            retention_months: 13,
            train_every_secs: 3600,
            window_days: 365,
        }
    }
}

impl InsightsConfig {
    pub fn from_vars(vars: Vars) -> anyhow::Result<Self> {
        let defaults = InsightsConfig::default();
        let events = match vars("DOKKAN_EVENTS").as_deref().map(str::trim) {
            None | Some("" | "on" | "1" | "true") => true,
            Some("off" | "0" | "false") => false,
            Some(other) => bail!("DOKKAN_EVENTS must be on or off, not {other:?}"),
        };
        fn number<T: std::str::FromStr + PartialOrd>(
            vars: Vars,
            name: &str,
            default: T,
            min: T,
            max: T,
        ) -> anyhow::Result<T> {
            match vars(name) {
                None => Ok(default),
                Some(v) => match v.trim().parse::<T>() {
                    Ok(n) if n >= min && n <= max => Ok(n),
                    _ => bail!("{name} must be a whole number in range, not {v:?}"),
                },
            }
        }
        Ok(InsightsConfig {
            events,
            retention_months: number(
                vars,
                "DOKKAN_EVENTS_RETENTION_MONTHS",
                defaults.retention_months,
                1,
                120,
            )?,
            train_every_secs: number(
                vars,
                "DOKKAN_RECOMMEND_TRAIN_SECS",
                defaults.train_every_secs,
                0,
                7 * 86_400,
            )?,
            window_days: number(
                vars,
                "DOKKAN_RECOMMEND_WINDOW_DAYS",
                defaults.window_days,
                1,
                3650,
            )?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_vars(&move |name| map.get(name).cloned())
    }

    fn refusal(pairs: &[(&str, &str)]) -> String {
        format!("{:#}", config(pairs).expect_err("refused"))
    }

    #[test]
    fn defaults_start_a_local_shop() {
        let config = config(&[]).unwrap();
        assert_eq!(config.database.max_connections, 16);
        assert_eq!(config.payments.payment_window_secs, 1800);
        assert!(!config.payments.fake);
        assert_eq!(config.log_format, LogFormat::Pretty);
    }

    #[test]
    fn wrong_values_are_refused_naming_the_variable() {
        for (pairs, variable) in [
            (
                vec![("DOKKAN_PAYMENT_WINDOW_SECS", "-5")],
                "DOKKAN_PAYMENT_WINDOW_SECS",
            ),
            (
                vec![("DOKKAN_PAYMENT_WINDOW_SECS", "soon")],
                "DOKKAN_PAYMENT_WINDOW_SECS",
            ),
            (vec![("DOKKAN_LOG_FORMAT", "xml")], "DOKKAN_LOG_FORMAT"),
            (
                vec![("DOKKAN_DB_MAX_CONNECTIONS", "0")],
                "DOKKAN_DB_MAX_CONNECTIONS",
            ),
            (vec![("DOKKAN_JWT_SECRET", "short")], "DOKKAN_JWT_SECRET"),
            (
                vec![("DOKKAN_TRUSTED_PROXIES", "10.0.0.1, proxy")],
                "DOKKAN_TRUSTED_PROXIES",
            ),
            (
                vec![("DOKKAN_PUBLIC_URL", "shop.example")],
                "DOKKAN_PUBLIC_URL",
            ),
            (
                vec![("DOKKAN_FAKE_CARD_PROVIDER", "maybe")],
                "DOKKAN_FAKE_CARD_PROVIDER",
            ),
            (
                vec![("DOKKAN_PUSH_ALLOW_LOOPBACK", "yes")],
                "DOKKAN_PUSH_ALLOW_LOOPBACK",
            ),
            (
                vec![("DOKKAN_PUSH_CONTACT", "ops@shop.example")],
                "DOKKAN_PUSH_CONTACT",
            ),
            (
                vec![("DOKKAN_PUSH_EXTRA_HOSTS", "push.example.org, 10.0.0.5")],
                "DOKKAN_PUSH_EXTRA_HOSTS",
            ),
            (
                vec![("DOKKAN_CARD_PROVIDER_URL", "https://pay.example")],
                "DOKKAN_CARD_API_KEY",
            ),
        ] {
            let message = refusal(&pairs);
            assert!(message.contains(variable), "{pairs:?}: {message}");
        }
    }

    #[test]
    fn the_fake_provider_never_runs_beside_a_real_one_or_on_https() {
        let real = [
            ("DOKKAN_FAKE_CARD_PROVIDER", "1"),
            ("DOKKAN_CARD_PROVIDER_URL", "https://pay.example"),
            ("DOKKAN_CARD_API_KEY", "key"),
            ("DOKKAN_CARD_WEBHOOK_SECRET", "secret"),
        ];
        let https = [
            ("DOKKAN_FAKE_CARD_PROVIDER", "1"),
            ("DOKKAN_PUBLIC_URL", "https://shop.example"),
        ];
        if cfg!(feature = "fake-provider") {
            assert!(refusal(&real).contains("real card provider"));
            assert!(refusal(&https).contains("https"));
            assert!(
                config(&[("DOKKAN_FAKE_CARD_PROVIDER", "1")])
                    .unwrap()
                    .payments
                    .fake
            );
        } else {
            assert!(refusal(&[("DOKKAN_FAKE_CARD_PROVIDER", "1")]).contains("no fake provider"));
        }
    }

    #[test]
    fn push_goes_to_known_push_services_and_loopback_only_on_a_local_shop() {
        let default = config(&[]).unwrap().push;
        assert!(!default.allow_loopback);
        assert!(default.policy().check("http://127.0.0.1:9/push").is_err());
        assert!(default
            .policy()
            .check("https://fcm.googleapis.com/fcm/send/x")
            .is_ok());
        let local = config(&[("DOKKAN_PUSH_ALLOW_LOOPBACK", "1")]).unwrap().push;
        assert!(local.policy().check("http://127.0.0.1:9/push").is_ok());
        assert!(local.policy().check("http://10.0.0.5/push").is_err());
        assert!(refusal(&[
            ("DOKKAN_PUSH_ALLOW_LOOPBACK", "1"),
            ("DOKKAN_PUBLIC_URL", "https://shop.example"),
        ])
        .contains("https"));
        let extra = config(&[("DOKKAN_PUSH_EXTRA_HOSTS", "Push.Example.org")])
            .unwrap()
            .push;
        assert!(extra
            .policy()
            .check("https://up.push.example.org/x")
            .is_ok());
    }

    #[test]
    fn secrets_never_print() {
        let config = config(&[
            ("DATABASE_URL", "postgres://shop:hunter2-db@db/shop"),
            (
                "DOKKAN_JWT_SECRET",
                "a-very-long-signing-secret-hunter2-0123456789",
            ),
            ("DOKKAN_CARD_PROVIDER_URL", "https://pay.example"),
            ("DOKKAN_CARD_API_KEY", "hunter2-key"),
            ("DOKKAN_CARD_WEBHOOK_SECRET", "hunter2-webhook"),
        ])
        .unwrap();
        let printed = format!("{config:?}");
        assert!(!printed.contains("hunter2"), "{printed}");
        assert!(printed.contains("[redacted]"));
    }

    #[test]
    fn smtp_is_read_from_its_url_and_needs_a_sender() {
        let dev = config(&[]).unwrap().mail;
        assert!(dev.smtp.is_none());
        assert_eq!(dev.from, dokkan_mail::DEFAULT_SENDER);

        let config = config(&[
            (
                "DOKKAN_SMTP_URL",
                "smtp://shop%40example.com:hunter2-smtp@mail.example.com?tls=required",
            ),
            ("DOKKAN_MAIL_FROM", "Dokkan <shop@example.com>"),
        ])
        .unwrap();
        let smtp = config.mail.smtp.as_ref().unwrap();
        assert_eq!(
            (smtp.host.as_str(), smtp.port, smtp.security),
            ("mail.example.com", 587, dokkan_mail::SmtpSecurity::StartTls)
        );
        let settings = smtp.settings();
        assert_eq!(settings.username.as_deref(), Some("shop@example.com"));
        assert_eq!(settings.password.as_deref(), Some("hunter2-smtp"));
        assert!(!format!("{config:?}").contains("hunter2"));
        let tls = self::config(&[
            ("DOKKAN_SMTP_URL", "smtps://mail.example.com"),
            ("DOKKAN_MAIL_FROM", "shop@example.com"),
        ])
        .unwrap();
        assert_eq!(
            tls.mail.smtp.unwrap().security,
            dokkan_mail::SmtpSecurity::Tls
        );

        for (pairs, variable) in [
            (
                vec![("DOKKAN_SMTP_URL", "smtp://mail.example.com")],
                "DOKKAN_MAIL_FROM",
            ),
            (
                vec![
                    ("DOKKAN_SMTP_URL", "imap://mail.example.com"),
                    ("DOKKAN_MAIL_FROM", "shop@example.com"),
                ],
                "DOKKAN_SMTP_URL",
            ),
            (
                vec![
                    ("DOKKAN_SMTP_URL", "smtp://u:hunter2@mail.example.com"),
                    ("DOKKAN_MAIL_FROM", "shop@example.com"),
                ],
                "DOKKAN_SMTP_URL",
            ),
            (
                vec![("DOKKAN_MAIL_FROM", "not an address")],
                "DOKKAN_MAIL_FROM",
            ),
        ] {
            let message = refusal(&pairs);
            assert!(message.contains(variable), "{pairs:?}: {message}");
            assert!(!message.contains("hunter2"), "{message}");
        }
    }
}
