//! The outbox against a real PostgreSQL (a fresh database per test).

use std::collections::HashSet;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dokkan_mail::{
    deliver_pending, enqueue, failed_mails, spawn_worker, FileMailer, MailError, Mailer,
    OutgoingMail, StoredMail, MAX_ATTEMPTS,
};
use sqlx::{PgPool, Row};

const ARABIC_SUBJECT: &str = "تأكيد عنوان بريدك الإلكتروني في دكّان";
const BODY: &str = "مرحباً،\n\nافتح هذا الرابط لتأكيد بريدك:\nhttps://dokkan.example/verify?token=Zx9-secret-token\n\nThanks — Dokkan\n";

fn mail(kind: &str) -> OutgoingMail {
    OutgoingMail {
        kind: kind.into(),
        to: "reader@example.com".into(),
        subject: ARABIC_SUBJECT.into(),
        text: BODY.into(),
        html: None,
    }
}

/// A fresh, unique folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> Self {
        static N: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let path = std::env::temp_dir().join(format!(
            "dokkan-mail-test-{label}-{}-{nanos}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        Self(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Records every id it is asked to send.
#[derive(Default)]
struct CountingMailer {
    sent: Mutex<Vec<i64>>,
}

impl Mailer for CountingMailer {
    fn send<'a>(
        &'a self,
        mail: &'a StoredMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(async move {
            // Give the other delivering task a chance to run in between.
            tokio::time::sleep(Duration::from_millis(1)).await;
            self.sent.lock().unwrap().push(mail.id);
            Ok(())
        })
    }
}

/// Fails every message.
#[derive(Default)]
struct FailingMailer {
    calls: AtomicUsize,
}

impl Mailer for FailingMailer {
    fn send<'a>(
        &'a self,
        _mail: &'a StoredMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(async { Err(MailError::Temporary("server said 451 try later".into())) })
    }
}

async fn count_rows(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM mail_outbox")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn rolled_back_enqueue_leaves_nothing(pool: PgPool) {
    let mut tx = pool.begin().await.unwrap();
    let id = enqueue(&mut tx, &mail("password-reset")).await.unwrap();
    assert!(id > 0);
    tx.rollback().await.unwrap();

    assert_eq!(count_rows(&pool).await, 0);
    let mailer = CountingMailer::default();
    assert_eq!(deliver_pending(&pool, &mailer, 50).await.unwrap(), 0);
    assert!(mailer.sent.lock().unwrap().is_empty());
}

#[sqlx::test(migrations = "../../migrations")]
async fn enqueue_rejects_header_injection(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    let mut bad = mail("verify-email");
    bad.to = "reader@example.com\r\nBcc: everyone@example.com".into();
    assert!(matches!(
        enqueue(&mut conn, &bad).await,
        Err(MailError::Rejected(_))
    ));
    assert_eq!(count_rows(&pool).await, 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn delivered_mail_is_written_as_eml(pool: PgPool) {
    let dir = TempDir::new("eml");
    let mut tx = pool.begin().await.unwrap();
    let id = enqueue(&mut tx, &mail("verify-email")).await.unwrap();
    tx.commit().await.unwrap();

    let mailer = FileMailer::new(dir.path().join("nested/outbox"));
    assert_eq!(deliver_pending(&pool, &mailer, 50).await.unwrap(), 1);

    let outbox = dir.path().join("nested/outbox");
    let names: Vec<String> = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        names,
        [format!("{id}-verify-email.eml")],
        "no temp files left"
    );

    let bytes = std::fs::read(outbox.join(&names[0])).unwrap();
    assert!(bytes.is_ascii(), "7-bit clean");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "CRLF line endings"
    );
    let parsed = mailparse::parse_mail(&bytes).unwrap();
    let header = |name: &str| {
        parsed
            .headers
            .iter()
            .find(|h| h.get_key_ref().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_else(|| panic!("missing {name}"))
    };
    assert_eq!(header("Message-ID"), format!("<dokkan-{id}@localhost>"));
    chrono::DateTime::parse_from_rfc2822(&header("Date")).expect("RFC 2822 date");
    assert_eq!(header("To"), "reader@example.com");
    assert_eq!(header("From"), "Dokkan <no-reply@localhost>");
    assert_eq!(header("MIME-Version"), "1.0");
    assert_eq!(parsed.ctype.mimetype, "text/plain");
    assert_eq!(parsed.ctype.charset, "utf-8");
    assert_eq!(header("Subject"), ARABIC_SUBJECT);
    assert_eq!(parsed.get_body().unwrap().replace("\r\n", "\n"), BODY);

    let (sent_at, attempts, state): (Option<chrono::DateTime<chrono::Utc>>, i32, String) =
        sqlx::query_as("SELECT sent_at, attempts, state FROM mail_outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(sent_at.is_some());
    assert_eq!((attempts, state.as_str()), (0, "sent"));

    // Sent mail is not sent again.
    assert_eq!(deliver_pending(&pool, &mailer, 50).await.unwrap(), 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn failed_delivery_backs_off(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    let id = enqueue(&mut conn, &mail("password-reset")).await.unwrap();
    drop(conn);

    let failing = FailingMailer::default();
    assert_eq!(deliver_pending(&pool, &failing, 50).await.unwrap(), 0);
    assert_eq!(failing.calls.load(Ordering::SeqCst), 1);

    let row = sqlx::query(
        "SELECT attempts, last_error, state, sent_at IS NULL AS unsent, \
                extract(epoch FROM next_attempt_at - now())::float8 AS wait_secs \
         FROM mail_outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row.get::<i32, _>("attempts"), 1);
    assert!(row.get::<bool, _>("unsent"));
    assert_eq!(row.get::<String, _>("state"), "pending");
    let last_error: String = row.get("last_error");
    assert!(last_error.contains("451 try later"), "{last_error}");
    assert!(!last_error.contains("secret") && !last_error.contains("تأكيد"));
    let wait: f64 = row.get("wait_secs");
    assert!((20.0..=31.0).contains(&wait), "retry in ~30 s, got {wait}");

    // Not retried immediately, neither by the failing mailer nor by a working one.
    assert_eq!(deliver_pending(&pool, &failing, 50).await.unwrap(), 0);
    assert_eq!(failing.calls.load(Ordering::SeqCst), 1);
    let counting = CountingMailer::default();
    assert_eq!(deliver_pending(&pool, &counting, 50).await.unwrap(), 0);

    // Once due it is retried, and the next delay doubles.
    sqlx::query("UPDATE mail_outbox SET next_attempt_at = now() WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(deliver_pending(&pool, &failing, 50).await.unwrap(), 0);
    assert_eq!(failing.calls.load(Ordering::SeqCst), 2);
    let (attempts, wait): (i32, f64) = sqlx::query_as(
        "SELECT attempts, extract(epoch FROM next_attempt_at - now())::float8 \
         FROM mail_outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(attempts, 2);
    assert!((50.0..=61.0).contains(&wait), "retry in ~60 s, got {wait}");
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_last_temporary_failure_fails_the_row_for_admins(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    let id = enqueue(&mut conn, &mail("password-reset")).await.unwrap();
    sqlx::query("UPDATE mail_outbox SET attempts = $2 WHERE id = $1")
        .bind(id)
        .bind(MAX_ATTEMPTS - 1)
        .execute(&mut *conn)
        .await
        .unwrap();
    drop(conn);
    let failing = FailingMailer::default();
    assert_eq!(deliver_pending(&pool, &failing, 50).await.unwrap(), 0);
    let (state, attempts): (String, i32) =
        sqlx::query_as("SELECT state, attempts FROM mail_outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((state.as_str(), attempts), ("failed", MAX_ATTEMPTS));
    let (failed, total) = failed_mails(&pool, 10).await.unwrap();
    assert_eq!(total, 1);
    assert_eq!(failed[0].id, id);
    assert!(failed[0].error.contains("451 try later"), "{:?}", failed[0]);

    // Not retried any more, even when due.
    sqlx::query("UPDATE mail_outbox SET next_attempt_at = now() - interval '1 day'")
        .execute(&pool)
        .await
        .unwrap();
    let counting = CountingMailer::default();
    assert_eq!(deliver_pending(&pool, &counting, 50).await.unwrap(), 0);
    assert!(counting.sent.lock().unwrap().is_empty());
}

#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_deliveries_send_each_message_once(pool: PgPool) {
    let mut tx = pool.begin().await.unwrap();
    for _ in 0..50 {
        enqueue(&mut tx, &mail("verify-email")).await.unwrap();
    }
    tx.commit().await.unwrap();

    let mailer = Arc::new(CountingMailer::default());
    let mut tasks = Vec::new();
    for _ in 0..2 {
        let (pool, mailer) = (pool.clone(), Arc::clone(&mailer));
        tasks.push(tokio::spawn(async move {
            let mut total = 0;
            loop {
                let sent = deliver_pending(&pool, &*mailer, 7).await.unwrap();
                if sent == 0 {
                    return total;
                }
                total += sent;
            }
        }));
    }
    let mut reported = 0;
    for task in tasks {
        reported += task.await.unwrap();
    }

    let sent = mailer.sent.lock().unwrap().clone();
    assert_eq!(sent.len(), 50, "total sends");
    assert_eq!(reported, 50);
    assert_eq!(
        sent.iter().collect::<HashSet<_>>().len(),
        50,
        "no duplicates"
    );
    let unsent: i64 = sqlx::query_scalar("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(unsent, 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn worker_delivers_new_mail_promptly(pool: PgPool) {
    let dir = TempDir::new("worker");
    let worker = spawn_worker(pool.clone(), Arc::new(FileMailer::new(dir.path())));

    // Wait until the worker's LISTEN is in place, so this exercises the notification path.
    let start = Instant::now();
    loop {
        let listening: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND query LIKE 'LISTEN%mail_outbox%'",
        )
        .fetch_one(&pool)
        .await
        .unwrap();
        if listening > 0 {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "worker never listened"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    let mut tx = pool.begin().await.unwrap();
    let id = enqueue(&mut tx, &mail("verify-email")).await.unwrap();
    tx.commit().await.unwrap();
    let enqueued = Instant::now();

    let path = dir.path().join(format!("{id}-verify-email.eml"));
    while !path.exists() {
        assert!(
            enqueued.elapsed() < Duration::from_secs(2),
            "mail not written within 2 s"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    eprintln!(
        "worker wrote the mail {:?} after commit",
        enqueued.elapsed()
    );

    worker.abort();
    let _ = worker.await;
}
