//! The real router on port 0 against a fresh database, and a browser-like session helper
//! that keeps the cookies by hand (the test public URL is https, so they are `Secure`).
#![allow(dead_code)]

pub mod shop;

use app::auth::AuthSettings;
use dokkan_accounts::{db::Throttle, token::Lifetimes, token::TokenKeys};
use dokkan_server::{router, AppState};
use leptos::prelude::LeptosOptions;
use reqwest::{header, redirect::Policy, Client, StatusCode};
use sqlx::PgPool;
use std::{net::SocketAddr, sync::Arc};

pub const TEST_KEY: [u8; 32] = *b"test-signing-key-0123456789abcde";

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
        auth: AuthSettings,
    ) -> TestApp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let internal = format!("http://{addr}");
        let (card, fake) = dokkan_server::config::fake_provider(&internal, &internal);
        let payments = dokkan_server::config::PaymentsConfig {
            card: Some(card.clone()),
            fake: Some(fake),
            payment_window_secs: 30 * 60,
        };
        let commerce = dokkan_server::payments::commerce_with(
            dokkan_orders::db::Signer::from_key(TEST_KEY.to_vec()),
            &payments,
        );
        dokkan_server::order_events::spawn_listener(pool.clone(), commerce.status_changes.clone());
        let state = AppState {
            leptos_options: LeptosOptions::builder()
                .output_name("dokkan")
                .site_root(site_root)
                .build(),
            pool: pool.clone(),
            public_url: public_url.to_string(),
            auth: Arc::new(auth),
            media_dir: media().dir().to_path_buf(),
            search: dokkan_catalog::index::SearchIndex::new(),
            commerce,
        };
        let app = router::build_with(state, payments.fake)
            .into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        TestApp {
            base: format!("http://{addr}"),
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

pub fn settings(secure_cookies: bool) -> AuthSettings {
    AuthSettings {
        keys: TokenKeys::from_secret(&TEST_KEY).unwrap(),
        lifetimes: Lifetimes::default(),
        throttle: Throttle::default(),
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
