//! The outbox against the fake channel APIs (an HTTP server on 127.0.0.1 that checks
//! tokens and request shapes). Each test has its own migrated database.

use dokkan_channels::db::{self, OutgoingReply};
use dokkan_channels::testing::{FakeChannels, PHONE_NUMBER_ID};
use dokkan_channels::worker::{deliver_pending, spawn_worker};
use dokkan_channels::{Channel, ChannelApi, ChannelError, Sender};
use sqlx::PgPool;
use std::sync::Arc;
use std::time::Duration;

async fn enqueue(
    pool: &PgPool,
    channel: Channel,
    recipient: &str,
    reply_via: Option<&str>,
    body: &str,
) -> i64 {
    let mut tx = pool.begin().await.unwrap();
    let id = db::enqueue(
        &mut tx,
        &OutgoingReply {
            channel,
            recipient: recipient.into(),
            reply_via: reply_via.map(Into::into),
            body: body.into(),
            conversation_id: Some(42),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

/// (state, attempts, parts_sent, last_error) of one row.
async fn row(pool: &PgPool, id: i64) -> (String, i32, i32, Option<String>) {
    sqlx::query_as(
        "SELECT state, attempts, parts_sent, last_error FROM channel_outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Seconds until the row is due.
async fn due_in(pool: &PgPool, id: i64) -> f64 {
    sqlx::query_scalar(
        "SELECT extract(epoch FROM next_attempt_at - now())::float8 FROM channel_outbox WHERE id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn make_due(pool: &PgPool) {
    sqlx::query("UPDATE channel_outbox SET next_attempt_at = now() WHERE state = 'pending'")
        .execute(pool)
        .await
        .unwrap();
}

fn texts(received: &[dokkan_channels::testing::Received]) -> Vec<&str> {
    received.iter().map(|r| r.text.as_str()).collect()
}

#[sqlx::test(migrations = "../../migrations")]
async fn each_channel_gets_its_request_once(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    enqueue(&pool, Channel::Telegram, "1111111", None, "مرحبا من دكان").await;
    enqueue(
        &pool,
        Channel::WhatsApp,
        "201011111111",
        Some("555"),
        "wa via",
    )
    .await;
    enqueue(&pool, Channel::WhatsApp, "201022222222", None, "wa default").await;
    enqueue(
        &pool,
        Channel::Messenger,
        "6785432109876543",
        None,
        "  hello  ",
    )
    .await;

    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!((pass.claimed, pass.sent), (4, 4), "{pass:?}");
    assert_eq!(fake.rejected(), Vec::<String>::new());
    let mut received = fake.received();
    received.sort_by(|a, b| a.text.cmp(&b.text));
    let got: Vec<_> = received
        .iter()
        .map(|r| {
            (
                r.channel,
                r.recipient.as_str(),
                r.text.as_str(),
                r.via.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Channel::Messenger, "6785432109876543", "hello", None),
            (
                Channel::WhatsApp,
                "201022222222",
                "wa default",
                Some(PHONE_NUMBER_ID)
            ),
            (Channel::WhatsApp, "201011111111", "wa via", Some("555")),
            (Channel::Telegram, "1111111", "مرحبا من دكان", None),
        ]
    );
    let states: Vec<(String, i32, i32)> =
        sqlx::query_as("SELECT state, attempts, parts_sent FROM channel_outbox ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(
        states.iter().all(|s| *s == ("sent".into(), 1, 1)),
        "{states:?}"
    );

    // Nothing is sent twice.
    let again = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(again.claimed, 0);
    assert_eq!(fake.requests(), 4);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_500_is_retried_later_then_delivered_once(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    fake.fail_next(1);
    let id = enqueue(&pool, Channel::Messenger, "PSID", None, "try again").await;

    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!((pass.claimed, pass.retried), (1, 1), "{pass:?}");
    let (state, attempts, _, error) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts), ("pending", 1));
    assert!(error.unwrap().contains("500"));
    let wait = due_in(&pool, id).await;
    assert!((25.0..=31.0).contains(&wait), "{wait}");
    // Not due yet.
    assert_eq!(
        deliver_pending(&pool, &sender, 16).await.unwrap().claimed,
        0
    );

    make_due(&pool).await;
    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(pass.sent, 1, "{pass:?}");
    assert_eq!(texts(&fake.received()), ["try again"]);
    assert_eq!(fake.requests(), 2);
    assert_eq!(row(&pool, id).await, ("sent".into(), 2, 1, None));
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_400_fails_without_retry(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    fake.answer_next(&[400]);
    let id = enqueue(&pool, Channel::WhatsApp, "201011111111", None, "refused").await;

    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!(pass.failed, 1, "{pass:?}");
    let (state, attempts, parts, error) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts, parts), ("failed", 1, 0));
    assert_eq!(
        error.as_deref(),
        Some("whatsapp refused the message (400, code 100): fake failure")
    );
    make_due(&pool).await;
    assert_eq!(
        deliver_pending(&pool, &sender, 16).await.unwrap().claimed,
        0
    );
    assert_eq!(fake.requests(), 1);
    assert!(fake.received().is_empty());
    assert_eq!(db::failed_count(&pool).await.unwrap(), 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn retries_stop_after_six_attempts(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    fake.fail_next(10);
    let id = enqueue(&pool, Channel::Telegram, "1111111", None, "never").await;
    for _ in 0..8 {
        make_due(&pool).await;
        deliver_pending(&pool, &sender, 16).await.unwrap();
    }
    let (state, attempts, _, error) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts), ("failed", 6));
    let error = error.unwrap();
    assert!(
        error.starts_with("gave up after 6 attempts: telegram answered 500"),
        "{error}"
    );
    assert_eq!(fake.requests(), 6);
}

#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_passes_never_send_a_row_twice(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    for i in 0..30 {
        enqueue(
            &pool,
            Channel::Telegram,
            &format!("{}", 1000 + i),
            None,
            &format!("m{i}"),
        )
        .await;
    }
    let mut claimed = 0;
    while claimed < 30 {
        let (a, b) = tokio::join!(
            deliver_pending(&pool, &sender, 8),
            deliver_pending(&pool, &sender, 8)
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        assert!(a.claimed + b.claimed > 0, "no progress");
        claimed += a.claimed + b.claimed;
    }
    assert_eq!(claimed, 30);
    let mut got: Vec<String> = fake.received().into_iter().map(|r| r.recipient).collect();
    got.sort();
    got.dedup();
    assert_eq!(got.len(), 30);
    assert_eq!(fake.requests(), 30);
    let sent: i64 = sqlx::query_scalar("SELECT count(*) FROM channel_outbox WHERE state = 'sent'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(sent, 30);
}

fn paragraphs() -> Vec<String> {
    let sentence = "هذا الفستان متاح بالمقاسات من S إلى XL، والتوصيل خلال ثلاثة أيام. ";
    (0..3)
        .map(|i| format!("{i}. {}", sentence.repeat(25)).trim().to_owned())
        .collect()
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_long_text_is_split_at_paragraphs_and_sent_in_order(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let paragraphs = paragraphs();
    let body = paragraphs.join("\n\n");
    assert!(dokkan_channels::text_len(&body) > 2 * Channel::Messenger.max_text_chars());
    let id = enqueue(&pool, Channel::Messenger, "PSID", None, &body).await;

    let pass = deliver_pending(&pool, &fake.sender(), 16).await.unwrap();
    assert_eq!(pass.sent, 1, "{pass:?}");
    assert_eq!(fake.rejected(), Vec::<String>::new());
    assert_eq!(texts(&fake.received()), paragraphs);
    assert_eq!(row(&pool, id).await, ("sent".into(), 1, 3, None));
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_split_text_resumes_after_the_part_that_failed(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    let paragraphs = paragraphs();
    // The first part goes out, the second gets a 500.
    fake.answer_next(&[200, 500]);
    let id = enqueue(
        &pool,
        Channel::Messenger,
        "PSID",
        None,
        &paragraphs.join("\n\n"),
    )
    .await;

    assert_eq!(
        deliver_pending(&pool, &sender, 16).await.unwrap().retried,
        1
    );
    let (state, attempts, parts_sent, _) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts, parts_sent), ("pending", 1, 1));

    make_due(&pool).await;
    assert_eq!(deliver_pending(&pool, &sender, 16).await.unwrap().sent, 1);
    // The customer has every part once, in order.
    assert_eq!(texts(&fake.received()), paragraphs);
    assert_eq!(fake.requests(), 4);
    assert_eq!(row(&pool, id).await, ("sent".into(), 2, 3, None));
}

#[sqlx::test(migrations = "../../migrations")]
async fn replies_to_one_recipient_keep_their_order(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let sender = fake.sender();
    fake.fail_next(1);
    let first = enqueue(&pool, Channel::Telegram, "1111111", None, "first").await;
    enqueue(&pool, Channel::Telegram, "1111111", None, "second").await;
    enqueue(&pool, Channel::Telegram, "2222222", None, "other chat").await;

    // "first" fails (alone in its pass, so the scripted 500 is surely its answer)...
    let pass = deliver_pending(&pool, &sender, 1).await.unwrap();
    assert_eq!((pass.claimed, pass.retried), (1, 1), "{pass:?}");
    assert_eq!(row(&pool, first).await.0, "pending");
    // ...then "second" waits behind it, and the other chat is not held up.
    let pass = deliver_pending(&pool, &sender, 16).await.unwrap();
    assert_eq!((pass.claimed, pass.sent), (1, 1), "{pass:?}");
    assert_eq!(texts(&fake.received()), ["other chat"]);

    make_due(&pool).await;
    for _ in 0..3 {
        deliver_pending(&pool, &sender, 16).await.unwrap();
    }
    assert_eq!(texts(&fake.received()), ["other chat", "first", "second"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_claim_past_its_lease_fails_as_unknown_and_is_not_resent(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let id = enqueue(&pool, Channel::Telegram, "1111111", None, "in flight").await;
    // A worker claimed it three minutes ago and died.
    sqlx::query(
        "UPDATE channel_outbox SET state = 'sending', attempts = 1, \
                claimed_at = now() - interval '3 minutes' WHERE id = $1",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();

    let pass = deliver_pending(&pool, &fake.sender(), 16).await.unwrap();
    assert_eq!((pass.expired, pass.claimed), (1, 0), "{pass:?}");
    let (state, attempts, _, error) = row(&pool, id).await;
    assert_eq!((state.as_str(), attempts), ("failed", 1));
    assert!(error.unwrap().starts_with("outcome unknown"));
    assert_eq!(fake.requests(), 0);
    assert_eq!(db::failed_count(&pool).await.unwrap(), 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_claim_within_its_lease_is_left_alone(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let id = enqueue(&pool, Channel::Telegram, "1111111", None, "in flight").await;
    sqlx::query(
        "UPDATE channel_outbox SET state = 'sending', attempts = 1, \
                claimed_at = now() - interval '30 seconds' WHERE id = $1",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    let pass = deliver_pending(&pool, &fake.sender(), 16).await.unwrap();
    assert_eq!((pass.expired, pass.claimed), (0, 0), "{pass:?}");
    assert_eq!(row(&pool, id).await.0, "sending");
}

#[sqlx::test(migrations = "../../migrations")]
async fn an_unconfigured_channel_fails_at_once(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let telegram_only = Sender::new(
        fake.apis()
            .into_iter()
            .filter(|a: &ChannelApi| a.channel == Channel::Telegram),
    );
    let id = enqueue(&pool, Channel::Messenger, "PSID", None, "hello").await;
    let pass = deliver_pending(&pool, &telegram_only, 16).await.unwrap();
    assert_eq!(pass.failed, 1);
    let (state, _, _, error) = row(&pool, id).await;
    assert_eq!(state, "failed");
    assert_eq!(error.as_deref(), Some("messenger is not configured"));
    assert_eq!(fake.requests(), 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_wrong_token_is_refused_for_good(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let wrong = Sender::new([ChannelApi::new(
        Channel::Telegram,
        fake.base_url(),
        "1:WRONG",
    )]);
    let id = enqueue(&pool, Channel::Telegram, "1111111", None, "hello").await;
    assert_eq!(deliver_pending(&pool, &wrong, 16).await.unwrap().failed, 1);
    assert_eq!(row(&pool, id).await.0, "failed");
    assert_eq!(fake.rejected(), ["telegram: wrong bot token in the path"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn first_time_is_true_once_per_channel_and_message(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    assert!(db::first_time(&mut conn, Channel::WhatsApp, "wamid.A")
        .await
        .unwrap());
    assert!(!db::first_time(&mut conn, Channel::WhatsApp, "wamid.A")
        .await
        .unwrap());
    // The same id on another channel is another message.
    assert!(db::first_time(&mut conn, Channel::Messenger, "wamid.A")
        .await
        .unwrap());
    assert!(db::first_time(&mut conn, Channel::WhatsApp, "wamid.B")
        .await
        .unwrap());

    // Rolled back with the caller's transaction: the redelivery is handled afresh.
    let mut tx = pool.begin().await.unwrap();
    assert!(db::first_time(&mut tx, Channel::Telegram, "10000")
        .await
        .unwrap());
    tx.rollback().await.unwrap();
    assert!(db::first_time(&mut conn, Channel::Telegram, "10000")
        .await
        .unwrap());
}

#[sqlx::test(migrations = "../../migrations")]
async fn old_inbound_ids_are_pruned(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    db::first_time(&mut conn, Channel::Telegram, "1")
        .await
        .unwrap();
    db::first_time(&mut conn, Channel::Telegram, "2")
        .await
        .unwrap();
    sqlx::query("UPDATE channel_inbound SET received_at = now() - interval '15 days' WHERE message_id = '1'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(db::prune_inbound(&pool, db::INBOUND_KEEP).await.unwrap(), 1);
    assert!(db::first_time(&mut conn, Channel::Telegram, "1")
        .await
        .unwrap());
    assert!(!db::first_time(&mut conn, Channel::Telegram, "2")
        .await
        .unwrap());
}

#[sqlx::test(migrations = "../../migrations")]
async fn enqueue_belongs_to_the_callers_transaction_and_validates(pool: PgPool) {
    let mut tx = pool.begin().await.unwrap();
    let reply = OutgoingReply {
        channel: Channel::Telegram,
        recipient: "1111111".into(),
        reply_via: None,
        body: "rolled back".into(),
        conversation_id: None,
    };
    db::enqueue(&mut tx, &reply).await.unwrap();
    tx.rollback().await.unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM channel_outbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);

    let mut conn = pool.acquire().await.unwrap();
    let blank = OutgoingReply {
        body: "   ".into(),
        ..reply
    };
    assert!(matches!(
        db::enqueue(&mut conn, &blank).await,
        Err(ChannelError::Rejected(_))
    ));
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_worker_delivers_and_stops_with_the_pool(pool: PgPool) {
    let fake = FakeChannels::start().await;
    let worker = spawn_worker(pool.clone(), Arc::new(fake.sender()));
    enqueue(
        &pool,
        Channel::WhatsApp,
        "201011111111",
        Some("555"),
        "from the worker",
    )
    .await;
    let received = fake.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(texts(&received), ["from the worker"]);

    pool.close().await;
    tokio::time::timeout(Duration::from_secs(10), worker)
        .await
        .expect("the worker ends when the pool closes")
        .unwrap();
}
