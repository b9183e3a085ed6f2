//! The real router on port 0 against a fresh database, and a browser-like session helper
//! that keeps the cookies by hand (the test public URL is https, so they are `Secure`).
#![allow(dead_code)]

pub mod shop;
pub mod visitors;

use dokkan_server::{
    config::{
        AuthConfig, Config, DatabaseConfig, HttpConfig, InsightsConfig, LogFormat, MailConfig,
        MediaConfig, PaymentsConfig, PushConfig, Secret,
    },
    Application,
};
use leptos::prelude::LeptosOptions;
use reqwest::{header, redirect::Policy, Client, StatusCode};
use sqlx::PgPool;
use std::net::SocketAddr;

pub const TEST_KEY: [u8; 32] = *b"test-signing-key-0123456789abcde";
/// The password of the people [`TestApp::person`] makes.
pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub base: String,
    pub client: Client,
    pub pool: PgPool,
    /// The shop's side of the fake card provider (its key and webhook secret).
    pub card: dokkan_payments::CardConfig,
}

impl TestApp {
    pub async fn spawn(pool: PgPool) -> TestApp {
        Self::build(pool, ".", "https://shop.example").await
    }

    pub async fn spawn_with_site(pool: PgPool, site_root: &str) -> TestApp {
        Self::build(pool, site_root, "https://shop.example").await
    }

    pub async fn seeded(pool: PgPool) -> TestApp {
        dokkan_catalog::seed::load_demo(&pool, &media(), false)
            .await
            .unwrap();
        dokkan_quiz::demo::seed(&pool).await.unwrap();
        TestApp::spawn(pool).await
    }

    pub async fn build(pool: PgPool, site_root: &str, public_url: &str) -> TestApp {
        let auth = settings(public_url.starts_with("https://"));
        Self::build_with(pool, site_root, public_url, auth).await
    }

    pub async fn build_with(
        pool: PgPool,
        site_root: &str,
        public_url: &str,
        auth: AuthConfig,
    ) -> TestApp {
        Self::build_with_channels(pool, site_root, public_url, auth, Default::default()).await
    }

    /// A seeded shop whose assistant answers on the channels `channels` configures.
    pub async fn seeded_with_channels(
        pool: PgPool,
        channels: dokkan_server::channels::ChannelsConfig,
    ) -> TestApp {
        dokkan_catalog::seed::load_demo(&pool, &media(), false)
            .await
            .unwrap();
        let auth = settings(true);
        Self::build_with_channels(pool, ".", "https://shop.example", auth, channels).await
    }

    pub async fn build_with_channels(
        pool: PgPool,
        site_root: &str,
        public_url: &str,
        auth: AuthConfig,
        channels: dokkan_server::channels::ChannelsConfig,
    ) -> TestApp {
        let config = Config {
            database: DatabaseConfig::from_vars(&|_| None).unwrap(),
            http: HttpConfig {
                leptos: LeptosOptions::builder()
                    .output_name("dokkan")
                    .site_root(site_root)
                    .site_addr(SocketAddr::from(([127, 0, 0, 1], 0)))
                    .build(),
                public_url: public_url.to_string(),
                watch: false,
            },
            auth,
            mail: MailConfig {
                dir: std::env::temp_dir().join("dokkan-test-mail"),
                from: "Dokkan <no-reply@localhost>".into(),
                smtp: None,
            },
            media: MediaConfig {
                dir: media().dir().to_path_buf(),
            },
            payments: PaymentsConfig {
                card: None,
                fake: true,
                // The tests are the browser: they reach the fake at the bound address.
                fake_on_bound_address: true,
                payment_window_secs: 30 * 60,
            },
            // The push tests' receiver listens on 127.0.0.1.
            push: PushConfig {
                allow_loopback: true,
                ..PushConfig::default()
            },
            // Tests train when they say so.
            insights: InsightsConfig {
                train_every_secs: 0,
                ..InsightsConfig::default()
            },
            channels,
            log_format: LogFormat::Pretty,
        };
        let mut app = Application::build_with_pool(config, pool.clone())
            .await
            .unwrap();
        // Tests see the shop as it is once its first models are trained.
        if let Some(training) = app.take_first_training() {
            training.await.unwrap();
        }
        let base = format!("http://{}", app.local_addr());
        let card = app.card().cloned().expect("the fake provider is on");
        tokio::spawn(async move { app.run_until(std::future::pending()).await.unwrap() });
        TestApp {
            base,
            client: Client::builder().redirect(Policy::none()).build().unwrap(),
            pool,
            card,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.client.get(self.url(path))
    }

    pub async fn page(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    /// A form post to a server function, as the hydrated form island sends it.
    pub fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::RequestBuilder {
        self.client
            .post(self.url(path))
            .header(header::ACCEPT, "application/json")
            .form(form)
    }

    /// Registers and returns the signed-in session.
    pub async fn register(&self, name: &str, email: &str, password: &str) -> Session {
        let response = self
            .post_form(
                "/api/account/register",
                &[
                    ("lang", "en"),
                    ("name", name),
                    ("email", email),
                    ("password", password),
                    ("phone", ""),
                    ("preferred_locale", "en"),
                ],
            )
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        Session::from_response(&response)
    }

    pub async fn sign_in_response(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form(
            "/api/account/sign-in",
            &[
                ("lang", "en"),
                ("email", email),
                ("password", password),
                ("next", ""),
            ],
        )
        .send()
        .await
        .unwrap()
    }

    /// Registers someone with [`PASSWORD`] and gives them `role`; their session and id.
    pub async fn person(&self, name: &str, email: &str, role: &str) -> (Session, i64) {
        let session = self.register(name, email, PASSWORD).await;
        let id: i64 =
            sqlx::query_scalar("UPDATE users SET role = $2 WHERE email = $1 RETURNING id")
                .bind(email)
                .bind(role)
                .fetch_one(&self.pool)
                .await
                .unwrap();
        (session, id)
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Session {
        let response = self.sign_in_response(email, password).await;
        assert!(response.status().is_success(), "{}", response.status());
        Session::from_response(&response)
    }
}

/// One media store for every test on this machine: pictures are stored under their hash,
/// so tests share them safely, and only the first seed pays for making the copies.
pub fn media() -> dokkan_media::MediaStore {
    dokkan_media::MediaStore::new(std::env::temp_dir().join("dokkan-test-media"))
}

pub fn settings(secure_cookies: bool) -> AuthConfig {
    AuthConfig {
        jwt_secret: Some(Secret::new(TEST_KEY.to_vec())),
        secure_cookies,
        trusted_proxies: Vec::new(),
    }
}

/// The session cookies a browser would hold.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub access: Option<String>,
    pub refresh: Option<String>,
    /// A guest's signed cart id.
    pub cart: Option<String>,
}

impl Session {
    pub fn from_response(response: &reqwest::Response) -> Session {
        let mut session = Session::default();
        session.update(response);
        session
    }

    /// Applies the response's Set-Cookie headers, like a browser.
    pub fn update(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            let value = (!value.is_empty()).then(|| value.to_string());
            match name {
                "dokkan_at" => self.access = value,
                "dokkan_rt" => self.refresh = value,
                "dokkan_cart" => self.cart = value,
                _ => {}
            }
        }
    }

    pub fn cookie_header(&self) -> String {
        let mut parts = Vec::new();
        if let Some(access) = &self.access {
            parts.push(format!("dokkan_at={access}"));
        }
        if let Some(refresh) = &self.refresh {
            parts.push(format!("dokkan_rt={refresh}"));
        }
        if let Some(cart) = &self.cart {
            parts.push(format!("dokkan_cart={cart}"));
        }
        parts.join("; ")
    }

    pub fn only_access(&self) -> Session {
        Session {
            access: self.access.clone(),
            refresh: None,
            cart: None,
        }
    }

    pub fn only_refresh(&self) -> Session {
        Session {
            access: None,
            refresh: self.refresh.clone(),
            cart: None,
        }
    }

    pub fn apply(&self, request: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        request.header(header::COOKIE, self.cookie_header())
    }
}

/// The signed-in person's name as the page header shows it, if any.
pub fn header_name(html: &str) -> Option<String> {
    let start = html.find(r#"data-testid="account-name""#)?;
    let rest = &html[start..];
    let open = rest.find('>')? + 1;
    let close = rest[open..].find('<')?;
    Some(rest[open..open + close].trim().to_string())
}

/// The newest mail of `kind` to `to`, from the outbox.
pub async fn last_mail(pool: &PgPool, kind: &str, to: &str) -> String {
    sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE kind = $1 AND recipient = $2 ORDER BY id DESC LIMIT 1",
    )
    .bind(kind)
    .bind(to)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// The token of the first link in a mail.
pub fn link_token(mail: &str) -> String {
    let start = mail.find("token=").unwrap() + "token=".len();
    mail[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The first mail of `kind`, waiting for it: some mail is queued in the background.
pub async fn wait_for_mail(pool: &PgPool, kind: &str) -> String {
    for _ in 0..100 {
        let found: Option<String> = sqlx::query_scalar(
            "SELECT body_text FROM mail_outbox WHERE kind = $1 ORDER BY id LIMIT 1",
        )
        .bind(kind)
        .fetch_optional(pool)
        .await
        .unwrap();
        if let Some(body) = found {
            return body;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("no {kind} mail within 5 s");
}
