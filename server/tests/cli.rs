//! `dokkan create-admin`: the first admin of a fresh install, password never an argument.

use sqlx::PgPool;
use std::{io::Write, process::Command};

/// The URL of the test's own database, on the server the tests use.
fn database_url(pool: &PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL for the tests");
    let server = base
        .rsplit_once('/')
        .map(|(server, _)| server)
        .unwrap_or(&base);
    let name = pool.connect_options().get_database().unwrap().to_string();
    format!("{server}/{name}")
}

fn dokkan(pool: &PgPool) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dokkan"));
    command
        .env("DATABASE_URL", database_url(pool))
        .env_remove("DOKKAN_ADMIN_PASSWORD")
        .env("RUST_LOG", "warn");
    command
}

async fn role_of(pool: &PgPool, email: &str) -> Option<String> {
    sqlx::query_scalar("SELECT role FROM users WHERE email = $1")
        .bind(email)
        .fetch_optional(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn create_admin_reads_the_password_from_the_environment_or_stdin(pool: PgPool) {
    let out = dokkan(&pool)
        .args(["create-admin", "Owner@Shop.example", "--name", "Shop Owner"])
        .env("DOKKAN_ADMIN_PASSWORD", "a long admin passphrase")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        role_of(&pool, "owner@shop.example").await.as_deref(),
        Some("admin")
    );

    // From standard input, promoting an existing account.
    sqlx::query(
        "INSERT INTO users (email, password_hash, name) VALUES ('clerk@shop.example', 'x', 'Clerk')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let mut child = dokkan(&pool)
        .args(["create-admin", "clerk@shop.example"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"another admin passphrase\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        role_of(&pool, "clerk@shop.example").await.as_deref(),
        Some("admin")
    );
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE email = 'clerk@shop.example'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

#[sqlx::test(migrations = "../migrations")]
async fn create_admin_refuses_weak_passwords_and_password_arguments(pool: PgPool) {
    let weak = dokkan(&pool)
        .args(["create-admin", "owner@shop.example"])
        .env("DOKKAN_ADMIN_PASSWORD", "password123")
        .output()
        .unwrap();
    assert!(!weak.status.success());
    let argument = dokkan(&pool)
        .args([
            "create-admin",
            "owner@shop.example",
            "--password",
            "a long admin passphrase",
        ])
        .output()
        .unwrap();
    assert!(!argument.status.success());
    assert_eq!(role_of(&pool, "owner@shop.example").await, None);
}
