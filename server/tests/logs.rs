//! Passwords, tokens and one-time links never reach the logs. Everything the process logs,
//! at debug level and above, is captured while a person registers, signs in, fails to
//! sign in, resets their password and follows their links.

mod common;

use common::{last_mail, link_token, wait_for_mail, Session, TestApp};
use sqlx::PgPool;
use std::sync::{Arc, Mutex, OnceLock};
use tracing_subscriber::fmt::MakeWriter;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn capture() -> Capture {
    static CAPTURE: OnceLock<Capture> = OnceLock::new();
    CAPTURE
        .get_or_init(|| {
            let capture = Capture::default();
            let subscriber = tracing_subscriber::fmt()
                .with_env_filter("debug")
                .with_writer(capture.clone())
                .finish();
            tracing::subscriber::set_global_default(subscriber).unwrap();
            capture
        })
        .clone()
}

#[sqlx::test(migrations = "../migrations")]
async fn secrets_never_reach_the_logs(pool: PgPool) {
    let logs = capture();
    let app = TestApp::spawn(pool.clone()).await;
    let password = "Orange-Camel-42-Sunrise";
    let wrong = "Purple-Falcon-17-Dusk";
    let new_password = "Silver-Nile-88-Breeze";

    let registered = app
        .register("Log Watcher", "watcher@example.com", password)
        .await;
    let signed_in = app.sign_in("watcher@example.com", password).await;
    let _ = app.sign_in_response("watcher@example.com", wrong).await;
    // A page view with only the refresh token rotates it.
    let rotated = signed_in
        .only_refresh()
        .apply(app.get("/en/"))
        .send()
        .await
        .unwrap();
    let mut refreshed = signed_in.only_refresh();
    refreshed.update(&rotated);

    let verify_token = link_token(&last_mail(&pool, "verify-email", "watcher@example.com").await);
    app.page(&format!("/en/account/verify-email?token={verify_token}"))
        .await;

    app.post_form(
        "/api/account/forgot-password",
        &[("lang", "en"), ("email", "watcher@example.com")],
    )
    .send()
    .await
    .unwrap();
    let reset_token = link_token(&wait_for_mail(&pool, "password-reset").await);
    // The application's mail worker hands both to the development sink, which logs
    // that it wrote them.
    let mut delivered = 0;
    for _ in 0..200 {
        delivered = sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if delivered == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(delivered, 2, "the worker delivered the mail");
    let response = app
        .post_form(
            "/api/account/reset-password",
            &[
                ("lang", "en"),
                ("token", &reset_token),
                ("password", new_password),
            ],
        )
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    app.sign_in("watcher@example.com", new_password).await;

    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("signed in"), "the capture works");
    assert!(text.contains("mail written"), "the sink logged");
    let mut secrets = vec![
        password.to_string(),
        wrong.to_string(),
        new_password.to_string(),
        verify_token,
        reset_token,
    ];
    for session in [registered, signed_in, refreshed] {
        let Session {
            access, refresh, ..
        } = session;
        secrets.extend(access);
        secrets.extend(refresh);
    }
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "a secret leaked into the logs: {secret}"
        );
    }
    assert!(!text.contains("token="), "no link in the logs");
}
