//! Accounts over HTTP: sessions, token tampering, refresh rotation, IDOR, brute force,
//! CSRF, security headers and the admin door, each against a fresh database.

mod common;

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use common::{header_name, last_mail, link_token, wait_for_mail, Session, TestApp, TEST_KEY};
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

const PASSWORD: &str = "correct horse battery";

async fn page_as(app: &TestApp, session: &Session, path: &str) -> (StatusCode, String) {
    let response = session.apply(app.get(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

async fn signed_in_name(app: &TestApp, session: &Session) -> Option<String> {
    header_name(&page_as(app, session, "/en/").await.1)
}

#[sqlx::test(migrations = "../migrations")]
async fn registering_signs_in_and_mails_a_single_use_verification_link(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let response = app
        .post_form(
            "/api/account/register",
            &[
                ("lang", "en"),
                ("name", "Mona Adel"),
                ("email", "Mona@Example.com"),
                ("password", PASSWORD),
                ("phone", "٠١٠٠ ١٢٣ ٤٥٦٧"),
                ("preferred_locale", "ar"),
            ],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookies: Vec<String> = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    assert_eq!(cookies.len(), 2, "{cookies:?}");
    for cookie in &cookies {
        assert!(
            cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
            "{cookie}"
        );
        assert!(cookie.contains("Secure"), "https public URL: {cookie}");
    }
    let session = Session::from_response(&response);
    assert_eq!(
        signed_in_name(&app, &session).await.as_deref(),
        Some("Mona Adel")
    );

    let (phone, locale): (String, String) =
        sqlx::query_as("SELECT phone, locale FROM users WHERE email = 'mona@example.com'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((phone.as_str(), locale.as_str()), ("01001234567", "ar"));

    let mail = last_mail(&pool, "verify-email", "mona@example.com").await;
    assert!(
        mail.contains("https://shop.example/ar/account/verify-email?token="),
        "{mail}"
    );
    let token = link_token(&mail);
    let (_, html) = app
        .page(&format!("/ar/account/verify-email?token={token}"))
        .await;
    assert!(html.contains(r#"data-testid="verify-done""#), "{html}");
    let (_, again) = app
        .page(&format!("/ar/account/verify-email?token={token}"))
        .await;
    assert!(again.contains(r#"data-testid="verify-invalid""#));
    let verified: bool = sqlx::query_scalar(
        "SELECT email_verified_at IS NOT NULL FROM users WHERE email = 'mona@example.com'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(verified);

    // The same email again (any case) is refused with a message on the email field.
    let again = app
        .post_form(
            "/api/account/register",
            &[
                ("lang", "en"),
                ("name", "Other"),
                ("email", "MONA@example.com"),
                ("password", PASSWORD),
                ("phone", ""),
                ("preferred_locale", "en"),
            ],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = again.json().await.unwrap();
    assert!(
        body["form"]["fields"].to_string().contains("email"),
        "{body}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn bad_registrations_get_every_field_error_in_their_language(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let response = app
        .post_form(
            "/api/account/register",
            &[
                ("lang", "ar"),
                ("name", " "),
                ("email", "not-an-email"),
                ("password", "password123"),
                ("phone", "0191234567"),
                ("preferred_locale", "ar"),
            ],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    let fields = body["form"]["fields"].as_array().unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f[0].as_str().unwrap()).collect();
    assert_eq!(names, ["name", "email", "password", "phone"], "{body}");
    assert!(
        body["form"]["fields"].to_string().contains("شائعة"),
        "common password, in Arabic"
    );
    let values = body["form"]["values"].to_string();
    assert!(values.contains("not-an-email") && !values.contains("password123"));
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(users, 0);
}

#[sqlx::test(migrations = "../migrations")]
async fn sign_in_and_sign_out(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    app.register("Karim", "karim@example.com", PASSWORD).await;
    let session = app.sign_in("KARIM@example.com", PASSWORD).await;
    assert_eq!(
        signed_in_name(&app, &session).await.as_deref(),
        Some("Karim")
    );

    let wrong = app
        .sign_in_response("karim@example.com", "wrong password")
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let body: Value = wrong.json().await.unwrap();
    assert_eq!(body["form"]["message"], "Wrong email or password.");

    let out = session
        .apply(app.post_form("/api/account/sign-out", &[("lang", "en")]))
        .send()
        .await
        .unwrap();
    assert!(out.status().is_success());
    let mut after = session.clone();
    after.update(&out);
    assert!(
        after.access.is_none() && after.refresh.is_none(),
        "cookies cleared"
    );
    // Even the old cookies no longer sign anyone in: the session is revoked.
    assert_eq!(signed_in_name(&app, &session).await, None);
}

#[sqlx::test(migrations = "../migrations")]
async fn unknown_emails_get_the_same_answer_as_wrong_passwords(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    app.register("Karim", "karim@example.com", PASSWORD).await;
    let known = app
        .sign_in_response("karim@example.com", "wrong password")
        .await;
    let unknown = app
        .sign_in_response("nobody@example.com", "wrong password")
        .await;
    assert_eq!(known.status(), unknown.status());
    let known: Value = known.json().await.unwrap();
    let unknown: Value = unknown.json().await.unwrap();
    assert_eq!(known["form"]["message"], unknown["form"]["message"]);
    assert_eq!(known["form"]["fields"], unknown["form"]["fields"]);

    let reset = |email: &'static str| {
        app.post_form(
            "/api/account/forgot-password",
            &[("lang", "en"), ("email", email)],
        )
        .send()
    };
    let known = reset("karim@example.com").await.unwrap();
    let unknown = reset("nobody@example.com").await.unwrap();
    assert_eq!(known.status(), unknown.status());
    assert_eq!(
        known.headers().get(header::LOCATION),
        unknown.headers().get(header::LOCATION)
    );
    assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap());
}

#[sqlx::test(migrations = "../migrations")]
async fn forged_expired_and_unsigned_tokens_are_signed_out(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let session = app.register("Hana", "hana@example.com", PASSWORD).await;
    let good = session.only_access();
    assert_eq!(signed_in_name(&app, &good).await.as_deref(), Some("Hana"));

    let token = good.access.clone().unwrap();
    let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
    let claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(&parts[1]).unwrap()).unwrap();

    // Tampered payload (role raised), old signature kept.
    let mut raised = claims.clone();
    raised["role"] = json!("admin");
    parts[1] = URL_SAFE_NO_PAD.encode(raised.to_string());
    let tampered = parts.join(".");

    // alg: none.
    let none_header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    let unsigned = format!(
        "{none_header}.{}.",
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );

    // Expired, but correctly signed.
    let mut old = claims.clone();
    old["iat"] = json!(chrono::Utc::now().timestamp() - 7200);
    old["exp"] = json!(chrono::Utc::now().timestamp() - 3600);
    let key = jsonwebtoken::EncodingKey::from_secret(&TEST_KEY);
    let expired = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &old, &key).unwrap();

    // Signed with another key.
    let other = jsonwebtoken::EncodingKey::from_secret(b"another-key-another-key-another-k");
    let foreign = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &claims, &other).unwrap();

    for (what, token) in [
        ("tampered", tampered),
        ("alg none", unsigned),
        ("expired", expired),
        ("other key", foreign),
    ] {
        let forged = Session {
            access: Some(token),
            ..Session::default()
        };
        assert_eq!(signed_in_name(&app, &forged).await, None, "{what}");
        let (status, _) = page_as(&app, &forged, "/en/account").await;
        assert_eq!(status, StatusCode::FOUND, "{what}: sent to sign-in");
        let api = forged.apply(app.get("/api/v1/me")).send().await.unwrap();
        assert_eq!(api.status(), StatusCode::UNAUTHORIZED, "{what}");
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn refresh_tokens_rotate_and_a_reused_one_revokes_the_family(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let first = app.register("Omar", "omar@example.com", PASSWORD).await;

    // No access token: the refresh token signs in and is replaced.
    let response = first
        .only_refresh()
        .apply(app.get("/en/"))
        .send()
        .await
        .unwrap();
    let mut second = first.only_refresh();
    second.update(&response);
    assert!(header_name(&response.text().await.unwrap()).is_some());
    assert!(second.access.is_some());
    assert_ne!(second.refresh, first.refresh, "rotated");

    // Another tab presenting the replaced token a moment later is a race, not theft.
    let racing = first
        .only_refresh()
        .apply(app.get("/en/"))
        .send()
        .await
        .unwrap();
    let mut raced = first.only_refresh();
    raced.update(&racing);
    assert!(header_name(&racing.text().await.unwrap()).is_some());
    assert_eq!(
        raced.refresh, first.refresh,
        "no new refresh token for the loser"
    );

    // Later, the old token is theft: the whole family dies.
    sqlx::query("UPDATE refresh_tokens SET rotated_at = now() - interval '1 minute' WHERE rotated_at IS NOT NULL")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(signed_in_name(&app, &first.only_refresh()).await, None);
    let revoked: Option<String> = sqlx::query_scalar("SELECT revoked_reason FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(revoked.as_deref(), Some("reuse"));
    assert_eq!(
        signed_in_name(&app, &second.only_refresh()).await,
        None,
        "successor too"
    );
    assert_eq!(
        signed_in_name(&app, &second.only_access()).await,
        None,
        "and its access token"
    );
}

async fn add_address(app: &TestApp, session: &Session, recipient: &str) -> i64 {
    let response = session
        .apply(app.client.post(app.url("/api/v1/me/addresses")))
        .json(&json!({
            "recipient": recipient, "phone": "01012345678", "governorate": "giza",
            "city": "Dokki", "street": "Tahrir St", "building": "12", "floor": "3",
            "apartment": "7", "landmark": ""
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn nobody_reaches_another_persons_profile_or_addresses(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let alice = app.register("Alice", "alice@example.com", PASSWORD).await;
    let bob = app.register("Bob", "bob@example.com", PASSWORD).await;
    let bobs = add_address(&app, &bob, "Bob").await;
    let id = bobs.to_string();

    // Server functions.
    let read = alice
        .apply(app.post_form("/api/account/address", &[("id", &id)]))
        .send()
        .await
        .unwrap();
    assert_eq!(read.status(), StatusCode::NOT_FOUND);
    let edit = alice
        .apply(app.post_form(
            "/api/account/save-address",
            &[
                ("lang", "en"),
                ("id", &id),
                ("recipient", "Mallory"),
                ("phone", "01112345678"),
                ("governorate", "cairo"),
                ("city", "x"),
                ("street", "x"),
                ("building", "1"),
                ("floor", ""),
                ("apartment", ""),
                ("landmark", ""),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(edit.status(), StatusCode::NOT_FOUND);
    for path in [
        "/api/account/delete-address",
        "/api/account/default-address",
    ] {
        let response = alice
            .apply(app.post_form(path, &[("lang", "en"), ("id", &id)]))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let listed: Value = alice
        .apply(app.post_form("/api/account/addresses", &[]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed, json!([]));
    let profile: Value = alice
        .apply(app.post_form("/api/account/profile", &[]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(profile["email"], "alice@example.com");

    // REST.
    let path = format!("/api/v1/me/addresses/{bobs}");
    let get = alice.apply(app.get(&path)).send().await.unwrap();
    assert_eq!(get.status(), StatusCode::NOT_FOUND);
    let put = alice
        .apply(app.client.put(app.url(&path)))
        .json(
            &json!({"recipient": "Mallory", "phone": "01112345678", "governorate": "cairo",
                      "city": "x", "street": "x", "building": "1"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::NOT_FOUND);
    let delete = alice
        .apply(app.client.delete(app.url(&path)))
        .send()
        .await
        .unwrap();
    assert_eq!(delete.status(), StatusCode::NOT_FOUND);
    let me: Value = alice
        .apply(app.get("/api/v1/me"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], "alice@example.com");

    // Bob's address is untouched, and anonymous callers get 401.
    let (recipient,): (String,) = sqlx::query_as("SELECT recipient FROM addresses WHERE id = $1")
        .bind(bobs)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(recipient, "Bob");
    assert_eq!(
        app.get(&path).send().await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let anonymous = app
        .post_form("/api/account/addresses", &[])
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrations = "../migrations")]
async fn failed_sign_ins_are_limited_per_account_and_the_limit_survives_a_restart(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    app.register("Sara", "sara@example.com", PASSWORD).await;
    for _ in 0..5 {
        let response = app
            .sign_in_response("sara@example.com", "not her password")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    // The sixth attempt is refused even with the right password.
    let blocked = app.sign_in_response("sara@example.com", PASSWORD).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);

    let restarted = TestApp::spawn(pool).await;
    let arabic = restarted
        .post_form(
            "/api/account/sign-in",
            &[
                ("lang", "ar"),
                ("email", "sara@example.com"),
                ("password", PASSWORD),
                ("next", ""),
            ],
        )
        .send()
        .await
        .unwrap();
    assert_eq!(arabic.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = arabic.json().await.unwrap();
    assert!(
        body["form"]["message"].as_str().unwrap().contains("محاولات"),
        "{body}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn failed_sign_ins_are_limited_per_client_address(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    app.register("Sara", "sara@example.com", PASSWORD).await;
    for i in 0..20 {
        let response = app
            .sign_in_response(&format!("guess{i}@example.com"), "whatever1")
            .await;
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let blocked = app.sign_in_response("sara@example.com", PASSWORD).await;
    assert_eq!(blocked.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[sqlx::test(migrations = "../migrations")]
async fn behind_a_trusted_proxy_the_limit_is_per_forwarded_client(pool: PgPool) {
    let mut auth = common::settings(true);
    auth.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    let app = TestApp::build_with(pool.clone(), ".", "https://shop.example", auth).await;
    let attempt = |client: &'static str, n: usize| {
        let email = format!("guess{n}@example.com");
        app.post_form(
            "/api/account/sign-in",
            &[
                ("lang", "en"),
                ("email", email.as_str()),
                ("password", "whatever1"),
                ("next", ""),
            ],
        )
        .header("x-forwarded-for", client)
        .send()
    };
    for n in 0..20 {
        assert_eq!(
            attempt("203.0.113.5", n).await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        attempt("203.0.113.5", 99).await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        attempt("203.0.113.6", 99).await.unwrap().status(),
        StatusCode::UNAUTHORIZED,
        "another client"
    );

    // Without a trusted proxy the header is the client's own words and is ignored:
    // changing it on every attempt does not escape the limit.
    let direct = TestApp::spawn(pool).await;
    let spoofing = |n: usize| {
        let email = format!("other{n}@example.com");
        direct
            .post_form(
                "/api/account/sign-in",
                &[
                    ("lang", "en"),
                    ("email", email.as_str()),
                    ("password", "whatever1"),
                    ("next", ""),
                ],
            )
            .header("x-forwarded-for", format!("198.51.100.{n}"))
            .send()
    };
    for n in 0..20 {
        assert_eq!(
            spoofing(n).await.unwrap().status(),
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        spoofing(99).await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn cross_site_writes_are_refused(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let session = app.register("Lina", "lina@example.com", PASSWORD).await;
    let sign_out = || session.apply(app.post_form("/api/account/sign-out", &[("lang", "ar")]));
    let foreign = sign_out()
        .header(header::ORIGIN, "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert!(
        foreign.text().await.unwrap().contains("موقع آخر"),
        "localized"
    );
    let cross = sign_out()
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(cross.status(), StatusCode::FORBIDDEN);
    let rest = session
        .apply(app.client.post(app.url("/api/v1/me/addresses")))
        .header(header::ORIGIN, "https://evil.example")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(rest.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        signed_in_name(&app, &session).await.as_deref(),
        Some("Lina"),
        "still signed in"
    );

    let own = sign_out()
        .header(header::ORIGIN, "https://shop.example")
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert!(own.status().is_success());
}

#[sqlx::test(migrations = "../migrations")]
async fn every_response_has_security_headers_and_a_fresh_script_nonce(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let mut nonces = Vec::new();
    for path in ["/en/", "/ar/account/sign-in", "/health", "/en/no-such-page"] {
        let response = app.get(path).send().await.unwrap();
        let headers = response.headers().clone();
        let csp = headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string();
        let script_src = csp
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!script_src.contains("unsafe-inline"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(
            headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
        assert!(headers[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .contains("max-age="));
        let nonce = script_src
            .split_whitespace()
            .find_map(|s| s.strip_prefix("'nonce-"))
            .unwrap()
            .trim_end_matches('\'')
            .to_string();
        let html = response.text().await.unwrap();
        if path.starts_with("/en/") || path.starts_with("/ar/") {
            assert!(
                html.contains(&format!(r#"nonce="{nonce}""#)),
                "{path}: scripts carry the nonce"
            );
            assert!(
                !html.contains("<script>"),
                "{path}: no script without a nonce"
            );
        }
        nonces.push(nonce);
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 4, "a new nonce per response");

    let plain = TestApp::build(pool, ".", "http://127.0.0.1:3000").await;
    let response = plain.get("/health").send().await.unwrap();
    assert!(response
        .headers()
        .get(header::STRICT_TRANSPORT_SECURITY)
        .is_none());
    let session = plain.register("Noor", "noor@example.com", PASSWORD).await;
    assert!(session.access.is_some());
}

async fn set_role(pool: &PgPool, email: &str, role: &str) {
    sqlx::query("UPDATE users SET role = $2 WHERE email = $1")
        .bind(email)
        .bind(role)
        .execute(pool)
        .await
        .unwrap();
}

#[sqlx::test(migrations = "../migrations")]
async fn only_staff_and_admins_open_the_admin_door(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (status, html) = app.page("/en/admin").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "visitors too");
    assert!(
        html.contains("/en/account/sign-in?next=/en/admin"),
        "with a way to sign in"
    );

    let customer = app.register("Customer", "c@example.com", PASSWORD).await;
    for (lang, text) in [("en", "Access denied"), ("ar", "غير مسموح بالدخول")] {
        let (status, html) = page_as(&app, &customer, &format!("/{lang}/admin")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert!(html.contains(text), "{lang}");
    }
    let overview = customer
        .apply(app.post_form("/api/admin/overview", &[]))
        .send()
        .await
        .unwrap();
    assert_eq!(overview.status(), StatusCode::FORBIDDEN);

    let staff = app.register("Staff", "s@example.com", PASSWORD).await;
    set_role(&pool, "s@example.com", "staff").await;
    let (status, html) = page_as(&app, &staff, "/en/admin").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-testid="admin-overview""#));

    // Staff cannot change roles; an admin can, and a demotion applies on the next request.
    let customer_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'c@example.com'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let staff_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 's@example.com'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let promote = |session: &Session, id: i64, role: &str| {
        session
            .apply(app.post_form(
                "/api/admin/set-role",
                &[("user_id", &id.to_string()), ("role", role)],
            ))
            .send()
    };
    assert_eq!(
        promote(&staff, customer_id, "admin")
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let admin = app.register("Admin", "a@example.com", PASSWORD).await;
    set_role(&pool, "a@example.com", "admin").await;
    assert!(promote(&admin, staff_id, "customer")
        .await
        .unwrap()
        .status()
        .is_success());
    let (status, _) = page_as(&app, &staff, "/en/admin").await;
    assert_eq!(status, StatusCode::FORBIDDEN, "demoted at once");
    let admin_id: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'a@example.com'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(
        promote(&admin, admin_id, "customer")
            .await
            .unwrap()
            .status(),
        StatusCode::CONFLICT
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn changing_the_password_signs_out_every_other_session(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let here = app.register("Yara", "yara@example.com", PASSWORD).await;
    let elsewhere = app.sign_in("yara@example.com", PASSWORD).await;
    let change = |current: &str, new: &str| {
        here.apply(app.post_form(
            "/api/account/change-password",
            &[
                ("lang", "en"),
                ("current_password", current),
                ("new_password", new),
            ],
        ))
        .send()
    };
    let wrong = change("nope nope", "a brand new secret").await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = change(PASSWORD, "a brand new secret").await.unwrap();
    assert!(changed.status().is_success());
    assert_eq!(signed_in_name(&app, &here).await.as_deref(), Some("Yara"));
    assert_eq!(signed_in_name(&app, &elsewhere).await, None);
    assert_eq!(
        app.sign_in_response("yara@example.com", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    app.sign_in("yara@example.com", "a brand new secret").await;

    // Guessing the current password is limited like sign-in.
    for _ in 0..5 {
        let guess = change("guess guess", "x y z w v u").await.unwrap();
        assert_eq!(guess.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let limited = change("a brand new secret", "x y z w v u").await.unwrap();
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_reset_link_works_once_and_signs_out_everywhere(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let session = app.register("Ali", "ali@example.com", PASSWORD).await;
    // Someone else has locked the account with wrong guesses.
    for _ in 0..5 {
        app.sign_in_response("ali@example.com", "a wrong guess")
            .await;
    }
    app.post_form(
        "/api/account/forgot-password",
        &[("lang", "en"), ("email", "ali@example.com")],
    )
    .send()
    .await
    .unwrap();
    // The mail is queued in the background.
    let mail = wait_for_mail(&pool, "password-reset").await;
    let token = link_token(&mail);
    let (status, html) = app
        .page(&format!("/en/account/reset-password?token={token}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("name=\"token\""));
    let reset = |password: &'static str| {
        app.post_form(
            "/api/account/reset-password",
            &[
                ("lang", "en"),
                ("token", token.as_str()),
                ("password", password),
            ],
        )
        .send()
    };
    assert_eq!(
        reset("short").await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert!(reset("a fresh passphrase")
        .await
        .unwrap()
        .status()
        .is_success());
    assert_eq!(
        reset("another passphrase").await.unwrap().status(),
        StatusCode::GONE
    );
    assert_eq!(signed_in_name(&app, &session).await, None);
    // The reset lifted the lockout.
    app.sign_in("ali@example.com", "a fresh passphrase").await;
}

#[sqlx::test(migrations = "../migrations")]
async fn the_address_book_keeps_one_default(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let me = app.register("Dina", "dina@example.com", PASSWORD).await;
    let first = add_address(&app, &me, "Dina").await;
    let second = add_address(&app, &me, "Dina at work").await;
    let list: Value = me
        .apply(app.get("/api/v1/me/addresses"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["id"], first);
    assert_eq!(list[0]["is_default"], true);
    assert_eq!(list[1]["is_default"], false);
    let made = me
        .apply(app.post_form(
            "/api/account/default-address",
            &[("lang", "en"), ("id", &second.to_string())],
        ))
        .send()
        .await
        .unwrap();
    assert!(made.status().is_success());
    let deleted = me
        .apply(
            app.client
                .delete(app.url(&format!("/api/v1/me/addresses/{second}"))),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let list: Value = me
        .apply(app.get("/api/v1/me/addresses"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(
        list[0]["is_default"], true,
        "the remaining address becomes the default"
    );

    let bad = me
        .apply(app.client.post(app.url("/api/v1/me/addresses?lang=ar")))
        .json(&json!({"recipient": "", "phone": "123", "governorate": "atlantis"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = bad.json().await.unwrap();
    for field in [
        "recipient",
        "phone",
        "governorate",
        "city",
        "street",
        "building",
    ] {
        assert!(body["fields"][field].is_string(), "{field}: {body}");
    }
}
