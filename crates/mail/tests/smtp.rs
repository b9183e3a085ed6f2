//! Delivery over SMTP to a real server started by the test (tests/support/smtp_sink.rs),
//! with the outbox on a real PostgreSQL (a fresh database per test): what arrives
//! (multipart, both languages, right to left, escaping), the retry rules for 4xx, 5xx and
//! broken connections, at most one send per row with two workers, and TLS (STARTTLS and
//! from the first byte) with a certificate the client must check.

#[path = "support/smtp_sink.rs"]
mod smtp_sink;

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dokkan_core::Locale;
use dokkan_mail::{
    deliver_pending, enqueue, failed_mails, retry_failed, spawn_worker, Letter, MailError, Mailer,
    SmtpMailer, SmtpSettings, StoredMail,
};
use mailparse::{MailHeaderMap, ParsedMail};
use smtp_sink::{Fault, Security, SmtpSink};
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

const FROM: &str = "Dokkan <shop@dokkan.example>";
const LINK: &str = "https://shop.example/ar/orders/DK-12345678?key=k3y&returned=1";

fn mailer(sink: &SmtpSink) -> SmtpMailer {
    let mut settings = SmtpSettings::from_url(&sink.url()).unwrap();
    settings.timeout = Duration::from_secs(5);
    SmtpMailer::new(settings, FROM).unwrap()
}

fn shipped(locale: Locale, to: &str, name: &str) -> dokkan_mail::OutgoingMail {
    Letter::OrderShipped {
        name: Some(name),
        number: "DK-12345678",
        tracking: Some("EG<123>&456"),
        link: LINK,
    }
    .compose(locale, to)
}

async fn queue(pool: &PgPool, mail: &dokkan_mail::OutgoingMail) -> i64 {
    let mut tx = pool.begin().await.unwrap();
    let id = enqueue(&mut tx, mail).await.unwrap();
    tx.commit().await.unwrap();
    id
}

async fn row(pool: &PgPool, id: i64) -> (String, i32, Option<String>, f64) {
    sqlx::query_as(
        "SELECT state, attempts, last_error, \
                extract(epoch FROM next_attempt_at - now())::float8 \
         FROM mail_outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn make_due(pool: &PgPool) {
    sqlx::query("UPDATE mail_outbox SET next_attempt_at = now() WHERE state = 'pending'")
        .execute(pool)
        .await
        .unwrap();
}

fn part<'a>(mail: &'a ParsedMail<'a>, mimetype: &str) -> &'a ParsedMail<'a> {
    mail.subparts
        .iter()
        .find(|p| p.ctype.mimetype == mimetype)
        .unwrap_or_else(|| panic!("no {mimetype} part"))
}

#[sqlx::test(migrations = "../../migrations")]
async fn delivers_over_starttls_and_over_tls_from_the_first_byte(pool: PgPool) {
    for security in [Security::StartTls, Security::Tls] {
        let sink = SmtpSink::start_with(security).await;
        let to = format!("{security:?}@example.com").to_lowercase();
        let id = queue(&pool, &shipped(Locale::Ar, &to, "منى")).await;

        // A certificate the client does not trust: nothing goes out, and the row waits
        // for a retry (a misconfigured or intercepted server is not a refused mail).
        let mut settings = SmtpSettings::from_url(&sink.url()).unwrap();
        settings.timeout = Duration::from_secs(5);
        let untrusting = SmtpMailer::new(settings.clone(), FROM).unwrap();
        assert_eq!(deliver_pending(&pool, &untrusting, 50).await.unwrap(), 0);
        assert!(sink.accepted().is_empty(), "{security:?}");
        let (state, attempts, error, _) = row(&pool, id).await;
        assert_eq!(
            (state.as_str(), attempts),
            ("pending", 1),
            "{security:?}: {error:?}"
        );
        make_due(&pool).await;

        // Trusting the sink's own certificate: delivered, over TLS.
        settings.root_certificate_pem = Some(sink.certificate_pem().unwrap().as_bytes().to_vec());
        let trusting = SmtpMailer::new(settings, FROM).unwrap();
        assert_eq!(deliver_pending(&pool, &trusting, 50).await.unwrap(), 1);
        let received = sink.accepted();
        assert_eq!(received.len(), 1, "{security:?}");
        assert!(
            received[0].secure,
            "{security:?}: the message came over TLS"
        );
        assert_eq!(received[0].to, std::slice::from_ref(&to));
        assert_eq!(row(&pool, id).await.0, "sent");
    }
}

#[sqlx::test(migrations = "../../migrations")]
async fn delivers_bilingual_multipart_mail_right_to_left_in_arabic(pool: PgPool) {
    let sink = SmtpSink::start().await;
    let hostile = "منى <script>alert(1)</script>";
    let arabic = queue(&pool, &shipped(Locale::Ar, "mona@example.com", hostile)).await;
    let english = queue(
        &pool,
        &Letter::VerifyEmail {
            name: "Sam & \"Co\"",
            link: "https://shop.example/en/account/verify-email?token=abc",
        }
        .compose(Locale::En, "sam@example.com"),
    )
    .await;
    let smtp = mailer(&sink);
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 2);
    let received = sink.accepted();
    assert_eq!(received.len(), 2);
    // One connection for the batch.
    assert_eq!(sink.connections(), 1);

    // Arabic: the order-shipped mail.
    let raw = &received[0];
    assert_eq!(raw.from, "shop@dokkan.example");
    assert_eq!(raw.to, ["mona@example.com"]);
    assert!(raw.data.is_ascii(), "7-bit clean on the wire");
    let mail = mailparse::parse_mail(&raw.data).unwrap();
    assert_eq!(
        mail.headers.get_first_value("Message-ID").unwrap(),
        format!("<dokkan-{arabic}@dokkan.example>")
    );
    assert_eq!(mail.headers.get_first_value("From").unwrap(), FROM);
    let subject = mail.headers.get_first_value("Subject").unwrap();
    assert_eq!(subject, "طلبك من دكان DK-12345678 في الطريق");
    assert_eq!(mail.ctype.mimetype, "multipart/alternative");
    assert_eq!(mail.subparts.len(), 2);
    assert_eq!(mail.subparts[0].ctype.mimetype, "text/plain", "text first");
    let text = part(&mail, "text/plain").get_body().unwrap();
    let html = part(&mail, "text/html").get_body().unwrap();
    assert_eq!(part(&mail, "text/html").ctype.charset, "utf-8");
    assert!(text.contains("طلبك DK-12345678 خرج من المخزن"), "{text}");
    assert!(text.contains("رقم الشحنة: EG<123>&456"), "{text}");
    assert!(text.contains(LINK), "{text}");
    assert!(
        text.contains(hostile),
        "plain text shows the name as written"
    );
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "{html}");
    assert!(html.contains("<body dir=\"rtl\""), "{html}");
    assert!(html.contains("text-align:right"));
    assert!(html.contains("<bdi>EG&lt;123&gt;&amp;456</bdi>"), "{html}");
    assert!(
        html.contains("منى &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(!html.contains("<script>"), "{html}");
    assert!(html.contains(&format!("href=\"{}\"", LINK.replace('&', "&amp;"))));

    // English: the verification mail, left to right.
    let mail = mailparse::parse_mail(&received[1].data).unwrap();
    assert_eq!(
        mail.headers.get_first_value("Message-ID").unwrap(),
        format!("<dokkan-{english}@dokkan.example>")
    );
    assert_eq!(
        mail.headers.get_first_value("Subject").unwrap(),
        "Confirm your email for Dokkan"
    );
    let html = part(&mail, "text/html").get_body().unwrap();
    let text = part(&mail, "text/plain").get_body().unwrap();
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"));
    assert!(html.contains("Hello Sam &amp; &quot;Co&quot;,"), "{html}");
    assert!(text.contains("Hello Sam & \"Co\","), "{text}");
    assert!(text.contains("https://shop.example/en/account/verify-email?token=abc"));

    let states: Vec<String> = sqlx::query_scalar("SELECT state FROM mail_outbox ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(states, ["sent", "sent"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn temporary_failures_are_retried_with_backoff(pool: PgPool) {
    let sink = SmtpSink::start().await;
    sink.fault(
        "busy@example.com",
        Fault::Rcpt("451 4.3.0 mailbox busy, try later"),
    );
    sink.fault(
        "busy@example.com",
        Fault::AfterData("452 4.3.1 out of storage"),
    );
    let id = queue(&pool, &shipped(Locale::En, "busy@example.com", "Busy")).await;
    let smtp = mailer(&sink);

    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    let (state, attempts, error, wait) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts), ("pending", 1));
    let error = error.unwrap();
    assert!(
        error.contains("451") && error.contains("try later"),
        "{error}"
    );
    assert!(
        !error.contains("DK-12345678"),
        "no message text in errors: {error}"
    );
    assert!((20.0..=31.0).contains(&wait), "retry in ~30 s, got {wait}");
    // Not due yet: nothing happens.
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    assert_eq!(row(&pool, id).await.1, 1);

    make_due(&pool).await;
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    let (state, attempts, error, wait) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts), ("pending", 2));
    assert!(error.unwrap().contains("452"));
    assert!(
        (50.0..=61.0).contains(&wait),
        "the delay doubles, got {wait}"
    );

    make_due(&pool).await;
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 1);
    assert_eq!(row(&pool, id).await.0, "sent");
    assert_eq!(sink.accepted().len(), 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_refused_connection_is_temporary(pool: PgPool) {
    // A port nobody listens on.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let mut settings = SmtpSettings::from_url(&format!("smtp://127.0.0.1:{port}")).unwrap();
    settings.timeout = Duration::from_secs(5);
    let smtp = SmtpMailer::new(settings, FROM).unwrap();
    let id = queue(&pool, &shipped(Locale::En, "a@example.com", "A")).await;
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    let (state, attempts, error, _) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts), ("pending", 1));
    assert!(error.unwrap().contains("connecting to 127.0.0.1"));
}

#[sqlx::test(migrations = "../../migrations")]
async fn permanent_failures_fail_at_once_for_admins_to_retry(pool: PgPool) {
    let sink = SmtpSink::start().await;
    sink.fault("gone@example.com", Fault::Rcpt("550 5.1.1 no such mailbox"));
    sink.fault(
        "spam@example.com",
        Fault::AfterData("554 5.7.1 message refused"),
    );
    let gone = queue(&pool, &shipped(Locale::Ar, "gone@example.com", "X")).await;
    let spam = queue(&pool, &shipped(Locale::En, "spam@example.com", "Y")).await;
    let fine = queue(&pool, &shipped(Locale::En, "fine@example.com", "Z")).await;
    let smtp = mailer(&sink);

    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 1);
    for id in [gone, spam] {
        let (state, attempts, _, _) = row(&pool, id).await;
        assert_eq!((state.as_str(), attempts), ("failed", 1), "row {id}");
    }
    assert_eq!(row(&pool, fine).await.0, "sent");
    // A failure on one message does not stop the next (a fresh connection each time).
    assert_eq!(sink.accepted().len(), 1);

    let (failed, total) = failed_mails(&pool, 10).await.unwrap();
    assert_eq!(total, 2);
    let by_id = |id| failed.iter().find(|f| f.id == id).unwrap();
    assert!(by_id(gone).error.contains("550"), "{:?}", by_id(gone));
    assert_eq!(by_id(gone).recipient, "gone@example.com");
    assert_eq!(by_id(gone).kind, "order-shipped");
    assert!(by_id(spam).error.contains("554"));

    // Never again by itself.
    make_due(&pool).await;
    sqlx::query("UPDATE mail_outbox SET next_attempt_at = now() - interval '1 day'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);

    // An admin retries one: it goes out once, the other stays failed.
    let mut tx = pool.begin().await.unwrap();
    let retried = retry_failed(&mut tx, gone).await.unwrap();
    assert_eq!(
        retried,
        Some(("order-shipped".to_string(), "gone@example.com".to_string()))
    );
    tx.commit().await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        retry_failed(&mut conn, gone).await.unwrap(),
        None,
        "not failed any more"
    );
    assert_eq!(
        retry_failed(&mut conn, fine).await.unwrap(),
        None,
        "sent mail stays sent"
    );
    drop(conn);
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 1);
    assert_eq!(row(&pool, gone).await.0, "sent");
    assert_eq!(failed_mails(&pool, 10).await.unwrap().1, 1);
    assert_eq!(sink.accepted().len(), 2);
}

#[sqlx::test(migrations = "../../migrations")]
async fn no_answer_after_the_message_is_an_unknown_outcome_never_resent(pool: PgPool) {
    let sink = SmtpSink::start().await;
    sink.fault("lost@example.com", Fault::HangUpAfterData);
    let id = queue(&pool, &shipped(Locale::En, "lost@example.com", "L")).await;
    let smtp = mailer(&sink);
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    let (state, _, error, _) = row(&pool, id).await;
    assert_eq!(state, "failed");
    assert!(error.unwrap().starts_with("outcome unknown"));
    // The server did get the text: sending it again could make a second copy.
    assert_eq!(sink.refused_after_data().len(), 1);
    make_due(&pool).await;
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    assert_eq!(sink.accepted().len(), 0);
}

/// Never finishes: the worker holding it is "stuck mid-send" until it is aborted.
struct Hanging;

impl Mailer for Hanging {
    fn send<'a>(
        &'a self,
        _mail: &'a StoredMail,
    ) -> Pin<Box<dyn Future<Output = Result<(), MailError>> + Send + 'a>> {
        Box::pin(std::future::pending())
    }
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_worker_that_dies_mid_send_leaves_an_unknown_outcome_not_a_resend(pool: PgPool) {
    let sink = SmtpSink::start().await;
    let id = queue(&pool, &shipped(Locale::Ar, "crash@example.com", "C")).await;
    let stuck = {
        let pool = pool.clone();
        tokio::spawn(async move { deliver_pending(&pool, &Hanging, 50).await })
    };
    let start = Instant::now();
    while row(&pool, id).await.0 != "sending" {
        assert!(start.elapsed() < Duration::from_secs(10), "never claimed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // The process dies here: the claim was committed before the send began.
    stuck.abort();
    let _ = stuck.await;

    // A healthy worker does not touch the claimed row within its lease…
    let smtp = mailer(&sink);
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    assert_eq!(row(&pool, id).await.0, "sending");
    // …and past it reports the row failed with an unknown outcome, without sending.
    sqlx::query("UPDATE mail_outbox SET claimed_at = claimed_at - interval '16 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(deliver_pending(&pool, &smtp, 50).await.unwrap(), 0);
    let (state, _, error, _) = row(&pool, id).await;
    assert_eq!(state, "failed");
    let error = error.unwrap();
    assert!(error.starts_with("outcome unknown"), "{error}");
    assert!(error.contains("not resent automatically"), "{error}");
    assert_eq!(sink.accepted().len(), 0);
    assert_eq!(failed_mails(&pool, 10).await.unwrap().0[0].id, id);
}

#[sqlx::test(migrations = "../../migrations")]
async fn two_workers_on_one_database_send_each_row_once(pool: PgPool) {
    const N: usize = 60;
    let sink = SmtpSink::start().await;
    // A few rows meet a temporary failure first and are retried.
    for n in [3, 17, 42] {
        sink.fault(
            &format!("reader{n}@example.com"),
            Fault::Rcpt("421 4.4.5 too many connections"),
        );
    }
    let mut tx = pool.begin().await.unwrap();
    for n in 0..N {
        let locale = if n % 2 == 0 { Locale::Ar } else { Locale::En };
        enqueue(
            &mut tx,
            &shipped(locale, &format!("reader{n}@example.com"), "R"),
        )
        .await
        .unwrap();
    }
    tx.commit().await.unwrap();

    // Two workers as two server instances: each its own pool and its own SMTP client.
    let other_pool = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(pool.connect_options().as_ref().clone())
        .await
        .unwrap();
    let first = spawn_worker(pool.clone(), Arc::new(mailer(&sink)));
    let second = spawn_worker(other_pool.clone(), Arc::new(mailer(&sink)));
    // Retries come due at once rather than after their 30 s.
    let start = Instant::now();
    while sink.accepted().len() < N {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "only {} sent",
            sink.accepted().len()
        );
        make_due(&pool).await;
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let received = sink.accepted();
    // Give a duplicate, if there were one, the time to arrive.
    tokio::time::sleep(Duration::from_millis(300)).await;
    first.abort();
    second.abort();

    let received = {
        let after = sink.accepted();
        assert!(after.len() >= received.len());
        after
    };
    assert_eq!(received.len(), N, "every row once, none twice");
    assert!(sink.connections() >= 2, "both workers delivered");
    let ids: HashSet<String> = received
        .iter()
        .map(|r| {
            mailparse::parse_mail(&r.data)
                .unwrap()
                .headers
                .get_first_value("Message-ID")
                .unwrap()
        })
        .collect();
    assert_eq!(ids.len(), N, "distinct Message-IDs");
    let (sent, other): (i64, i64) = sqlx::query_as(
        "SELECT count(*) FILTER (WHERE state = 'sent'), \
                count(*) FILTER (WHERE state <> 'sent') FROM mail_outbox",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((sent, other), (N as i64, 0));
    other_pool.close().await;
}
