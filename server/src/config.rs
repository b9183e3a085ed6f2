//! Configuration, one struct per concern, read from the environment with local defaults.
//! Nothing here is logged whole: the database URL may hold a password.

use anyhow::Context;
use leptos::prelude::LeptosOptions;

/// Where PostgreSQL is. `DATABASE_URL`, else the local server's `dokkan` database.
#[derive(Clone)]
pub struct DatabaseConfig {
    pub url: String,
    pub max_connections: u32,
}

impl DatabaseConfig {
    pub const DEFAULT_URL: &'static str = "postgres://postgres@127.0.0.1:5432/dokkan";

    pub fn from_env() -> anyhow::Result<Self> {
        let max_connections = match std::env::var("DOKKAN_DB_MAX_CONNECTIONS") {
            Ok(v) => v
                .parse()
                .context("DOKKAN_DB_MAX_CONNECTIONS must be a number")?,
            Err(_) => 16,
        };
        Ok(DatabaseConfig {
            url: std::env::var("DATABASE_URL").unwrap_or_else(|_| Self::DEFAULT_URL.to_string()),
            max_connections,
        })
    }
}

/// How the site is served: Leptos' own options (`LEPTOS_*`) plus our public URL.
#[derive(Clone)]
pub struct HttpConfig {
    pub leptos: LeptosOptions,
    /// Absolute base URL for canonical links, without a trailing slash.
    pub public_url: String,
}

impl HttpConfig {
    pub fn from_env() -> anyhow::Result<Self> {
        let mut leptos = leptos::prelude::get_configuration(None)
            .context("reading LEPTOS_* configuration")?
            .leptos_options;
        // cargo-leptos bakes the output name in at build time; a plain `cargo build` does not.
        if leptos.output_name.is_empty() {
            leptos.output_name = "dokkan".into();
        }
        // Run straight from `target/release/dokkan`, the binary finds the hashed file names
        // cargo-leptos wrote beside it.
        if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
            leptos.hash_files = std::env::current_exe()
                .ok()
                .and_then(|exe| {
                    exe.parent()
                        .map(|dir| dir.join(leptos.hash_file.as_ref()).exists())
                })
                .unwrap_or(false);
        }
        let public_url = std::env::var("DOKKAN_PUBLIC_URL")
            .unwrap_or_else(|_| format!("http://{}", leptos.site_addr))
            .trim_end_matches('/')
            .to_string();
        Ok(HttpConfig { leptos, public_url })
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum LogFormat {
    Pretty,
    Json,
}

impl LogFormat {
    pub fn from_env() -> Self {
        match std::env::var("DOKKAN_LOG_FORMAT").as_deref() {
            Ok("json") => LogFormat::Json,
            _ => LogFormat::Pretty,
        }
    }
}

/// Sign-in: the token signing secret and whether cookies must be `Secure`.
#[derive(Clone)]
pub struct AuthConfig {
    /// `DOKKAN_JWT_SECRET` (at least 32 bytes). Without it the install's own random key,
    /// kept in PostgreSQL, is used, so restarts and several instances agree.
    pub jwt_secret: Option<Vec<u8>>,
    pub secure_cookies: bool,
    /// `DOKKAN_TRUSTED_PROXIES`: comma-separated addresses of the reverse proxies in front
    /// of the shop, whose `X-Forwarded-For` gives the client's address.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl AuthConfig {
    pub fn from_env(public_url: &str) -> anyhow::Result<Self> {
        let jwt_secret = match std::env::var("DOKKAN_JWT_SECRET") {
            Ok(secret) if secret.len() < 32 => {
                anyhow::bail!("DOKKAN_JWT_SECRET must be at least 32 bytes long")
            }
            Ok(secret) => Some(secret.into_bytes()),
            Err(_) => None,
        };
        let trusted_proxies = std::env::var("DOKKAN_TRUSTED_PROXIES")
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

/// Outgoing mail. Until SMTP delivery lands, messages are written to a folder.
#[derive(Clone)]
pub struct MailConfig {
    pub dir: std::path::PathBuf,
}

impl MailConfig {
    pub fn from_env() -> Self {
        MailConfig {
            dir: std::env::var_os("DOKKAN_MAIL_DIR")
                .map(Into::into)
                .unwrap_or_else(|| "target/mail".into()),
        }
    }
}

/// The media store: uploaded and imported pictures with their resized copies, served
/// under `/media`. `DOKKAN_MEDIA_DIR`, else `target/media` (relative to where the server
/// runs, like `target/site`).
#[derive(Clone)]
pub struct MediaConfig {
    pub dir: std::path::PathBuf,
}

impl MediaConfig {
    pub fn from_env() -> Self {
        MediaConfig {
            dir: std::env::var_os("DOKKAN_MEDIA_DIR")
                .map(Into::into)
                .unwrap_or_else(|| "target/media".into()),
        }
    }
}

/// Payments: the card provider (a real one, or the local fake for development and tests)
/// and how long a card order keeps its stock while waiting to be paid.
pub struct PaymentsConfig {
    pub card: Option<dokkan_payments::CardConfig>,
    /// Mount the fake provider at `/fake-provider` (never in production: its page pays
    /// for anything).
    pub fake: Option<dokkan_payments::fake::FakeConfig>,
    pub payment_window_secs: i64,
}

impl PaymentsConfig {
    /// `DOKKAN_CARD_PROVIDER_URL`, `DOKKAN_CARD_API_KEY`, `DOKKAN_CARD_WEBHOOK_SECRET` for a
    /// real provider; or `DOKKAN_FAKE_CARD_PROVIDER=1` for the local fake. Neither: cash
    /// on delivery only. `internal` is how this server reaches itself (`http://host:port`).
    pub fn from_env(public_url: &str, internal: &str) -> anyhow::Result<Self> {
        let payment_window_secs = match std::env::var("DOKKAN_PAYMENT_WINDOW_SECS") {
            Ok(text) => text
                .parse()
                .context("DOKKAN_PAYMENT_WINDOW_SECS must be a number of seconds")?,
            Err(_) => 30 * 60,
        };
        let fake = matches!(
            std::env::var("DOKKAN_FAKE_CARD_PROVIDER").as_deref(),
            Ok("1" | "true" | "on")
        );
        if fake {
            let (card, fake) = fake_provider(public_url, internal);
            return Ok(PaymentsConfig {
                card: Some(card),
                fake: Some(fake),
                payment_window_secs,
            });
        }
        let card = match std::env::var("DOKKAN_CARD_PROVIDER_URL") {
            Err(_) => None,
            Ok(base_url) => Some(dokkan_payments::CardConfig {
                base_url,
                api_key: std::env::var("DOKKAN_CARD_API_KEY")
                    .context("DOKKAN_CARD_API_KEY is required with DOKKAN_CARD_PROVIDER_URL")?,
                webhook_secret: std::env::var("DOKKAN_CARD_WEBHOOK_SECRET")
                    .context(
                        "DOKKAN_CARD_WEBHOOK_SECRET is required with DOKKAN_CARD_PROVIDER_URL",
                    )?
                    .into_bytes(),
            }),
        };
        Ok(PaymentsConfig {
            card,
            fake: None,
            payment_window_secs,
        })
    }
}

/// The shop's side and the fake's side of one local provider, sharing fresh secrets.
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
