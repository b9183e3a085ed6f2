//! The assistant on Telegram, WhatsApp and Messenger, end to end: the real app receives
//! webhooks at `/api/v1/channels/{channel}` and its outbox worker sends the replies to a
//! fake of the channels' APIs ([`FakeChannels`]).
//!
//! What this file proves:
//! - a genuine message (Telegram's secret header, Meta's `X-Hub-Signature-256` over the
//!   raw body) is answered once, to the sender, by the same assistant as the site's chat;
//! - a redelivered message (same update id, wamid or mid) is not answered again;
//! - a forged or altered request is 403 and stores nothing; a body that is not JSON is
//!   400; status receipts and our own echoes get no reply;
//! - Meta's GET handshake echoes the challenge only for the right verify token;
//! - a channel that is not configured is 404;
//! - asking about someone else's order reveals nothing of it;
//! - after a handover, a staff reply from the inbox reaches the customer on the channel.

mod common;

use common::{
    shop::{borrowed, guest_at_checkout, location, order_form, post, product},
    TestApp,
};
use dokkan_channels::{
    testing::{FakeChannels, Received, GRAPH_TOKEN, PHONE_NUMBER_ID, TELEGRAM_TOKEN},
    verify::hub_signature,
    Channel,
};
use dokkan_server::{
    channels::{config::ChannelSettings, ChannelsConfig},
    config::Secret,
};
use reqwest::StatusCode;
use serde_json::json;
use sqlx::PgPool;
use std::time::Duration;

const TELEGRAM_SECRET: &str = "tg-webhook_Secret-42";
const WHATSAPP_APP_SECRET: &str = "whatsapp-app-secret";
const WHATSAPP_VERIFY: &str = "whatsapp-verify-token";
const MESSENGER_APP_SECRET: &str = "messenger-app-secret";
const MESSENGER_VERIFY: &str = "messenger-verify-token";
/// The business number a WhatsApp customer wrote to (the payload's metadata); the
/// configured default is [`PHONE_NUMBER_ID`].
const WHATSAPP_WROTE_TO: &str = "106540352242922";

/// How long a reply may take to reach the fake (the worker wakes on NOTIFY or each second).
const REPLY_WAIT: Duration = Duration::from_secs(10);

// ---- Setup ----

/// One channel's settings, its replies going to `fake` with the tokens it accepts.
fn settings(fake: &FakeChannels, channel: Channel) -> ChannelSettings {
    let (token, secret, verify) = match channel {
        Channel::Telegram => (TELEGRAM_TOKEN, TELEGRAM_SECRET, None),
        Channel::WhatsApp => (GRAPH_TOKEN, WHATSAPP_APP_SECRET, Some(WHATSAPP_VERIFY)),
        Channel::Messenger => (GRAPH_TOKEN, MESSENGER_APP_SECRET, Some(MESSENGER_VERIFY)),
    };
    ChannelSettings {
        channel,
        api_base: fake.base_url().to_string(),
        token: Secret::new(token.to_string()),
        secret: Secret::new(secret.to_string()),
        verify_token: verify.map(|v| Secret::new(v.to_string())),
        phone_number_id: (channel == Channel::WhatsApp).then(|| PHONE_NUMBER_ID.to_string()),
    }
}

/// The seeded shop with `channels` configured against a fresh fake.
async fn start(pool: PgPool, channels: &[Channel]) -> (TestApp, FakeChannels) {
    let fake = FakeChannels::start().await;
    let config = ChannelsConfig {
        channels: channels.iter().map(|&c| settings(&fake, c)).collect(),
    };
    (TestApp::seeded_with_channels(pool, config).await, fake)
}

// ---- Requests ----

/// A Telegram update: a text in a private chat.
fn telegram_update(update_id: i64, chat_id: i64, text: &str) -> String {
    json!({
        "update_id": update_id,
        "message": {
            "message_id": 1365,
            "from": {"id": chat_id, "is_bot": false, "first_name": "Salma", "last_name": "Adel",
                     "language_code": "ar"},
            "chat": {"id": chat_id, "first_name": "Salma", "type": "private"},
            "date": 1441645532,
            "text": text
        }
    })
    .to_string()
}

/// A WhatsApp Cloud API webhook with one text message.
fn whatsapp_text(wamid: &str, from: &str, text: &str) -> String {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881",
                                 "phone_number_id": WHATSAPP_WROTE_TO},
                    "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": from}],
                    "messages": [{"from": from, "id": wamid, "timestamp": "1749416383",
                                  "type": "text", "text": {"body": text}}]
                }
            }]
        }]
    })
    .to_string()
}

/// A WhatsApp webhook carrying only a delivery receipt of one of our messages.
fn whatsapp_status(to: &str) -> String {
    json!({
        "object": "whatsapp_business_account",
        "entry": [{
            "id": "102290129340398",
            "changes": [{
                "field": "messages",
                "value": {
                    "messaging_product": "whatsapp",
                    "metadata": {"display_phone_number": "15550783881",
                                 "phone_number_id": WHATSAPP_WROTE_TO},
                    "statuses": [{"id": "wamid.OURS", "status": "delivered",
                                  "timestamp": "1749416390", "recipient_id": to}]
                }
            }]
        }]
    })
    .to_string()
}

/// A Messenger webhook with one message event (`echo`: our Page's own message).
fn messenger_text(mid: &str, psid: &str, text: &str, echo: bool) -> String {
    let (sender, recipient) = if echo { ("PAGE", psid) } else { (psid, "PAGE") };
    let mut message = json!({"mid": mid, "text": text});
    if echo {
        message["is_echo"] = json!(true);
        message["app_id"] = json!(1517776481860111_i64);
    }
    json!({
        "object": "page",
        "entry": [{
            "id": "PAGE",
            "time": 1458692752478_i64,
            "messaging": [{
                "sender": {"id": sender},
                "recipient": {"id": recipient},
                "timestamp": 1458692752478_i64,
                "message": message
            }]
        }]
    })
    .to_string()
}

/// POSTs a Telegram webhook with this secret header (none when `None`).
async fn post_telegram(app: &TestApp, secret: Option<&str>, body: &str) -> StatusCode {
    let mut request = app
        .client
        .post(app.url("/api/v1/channels/telegram"))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(secret) = secret {
        request = request.header("x-telegram-bot-api-secret-token", secret);
    }
    request.send().await.unwrap().status()
}

/// POSTs a Meta webhook (WhatsApp or Messenger) with this `X-Hub-Signature-256`.
async fn post_meta(app: &TestApp, channel: Channel, signature: &str, body: &str) -> StatusCode {
    app.client
        .post(app.url(&format!("/api/v1/channels/{channel}")))
        .header("content-type", "application/json")
        .header("x-hub-signature-256", signature)
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .status()
}

/// The signature header Meta would send for `body` under `secret`.
fn sign(body: &str, secret: &str) -> String {
    hub_signature(body.as_bytes(), secret)
}

/// Meta's GET verification handshake with this verify token.
async fn handshake(app: &TestApp, channel: Channel, token: &str) -> (StatusCode, String) {
    let response = app
        .client
        .get(app.url(&format!("/api/v1/channels/{channel}")))
        .query(&[
            ("hub.mode", "subscribe"),
            ("hub.verify_token", token),
            ("hub.challenge", "1158201444"),
        ])
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

// ---- Checks ----

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Rows a message leaves behind, table by table (all zero when nothing was taken in).
async fn stored(pool: &PgPool) -> [i64; 4] {
    [
        count(pool, "SELECT count(*) FROM channel_inbound").await,
        count(pool, "SELECT count(*) FROM assistant_conversations").await,
        count(pool, "SELECT count(*) FROM assistant_messages").await,
        count(pool, "SELECT count(*) FROM channel_outbox").await,
    ]
}

/// Gives the worker time to send anything queued (it wakes within a second), so that
/// "still one reply" means no second one was on its way.
async fn settle() {
    tokio::time::sleep(Duration::from_millis(2500)).await;
}

/// Exactly one reply arrived, and the fake refused nothing.
async fn one_reply(fake: &FakeChannels) -> Received {
    let received = fake.wait_for(1, REPLY_WAIT).await;
    assert_eq!(received.len(), 1, "{received:?}");
    assert!(fake.rejected().is_empty(), "{:?}", fake.rejected());
    received.into_iter().next().unwrap()
}

fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

// ---- Telegram ----

#[sqlx::test(migrations = "../migrations")]
async fn telegram_message_is_answered_once_in_arabic_and_replays_are_ignored(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::Telegram]).await;
    let update = telegram_update(10000, 1111111, "3ayez tshirt eswed");

    assert_eq!(
        post_telegram(&app, Some(TELEGRAM_SECRET), &update).await,
        StatusCode::OK
    );
    let reply = one_reply(&fake).await;
    assert_eq!(reply.channel, Channel::Telegram);
    assert_eq!(reply.recipient, "1111111");
    assert!(!reply.text.trim().is_empty());
    assert!(
        has_arabic(&reply.text),
        "Arabizi gets Arabic: {}",
        reply.text
    );
    let (channel, user, name): (String, String, Option<String>) =
        sqlx::query_as("SELECT channel, channel_user, customer_name FROM assistant_conversations")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((channel.as_str(), user.as_str()), ("telegram", "1111111"));
    assert_eq!(name.as_deref(), Some("Salma Adel"));

    // Telegram redelivers the same update: 200 (or it retries), no second answer.
    assert_eq!(
        post_telegram(&app, Some(TELEGRAM_SECRET), &update).await,
        StatusCode::OK
    );
    settle().await;
    assert_eq!(fake.received().len(), 1, "{:?}", fake.received());
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM assistant_messages WHERE author = 'customer'"
        )
        .await,
        1
    );
    assert_eq!(count(&pool, "SELECT count(*) FROM channel_outbox").await, 1);
}

#[sqlx::test(migrations = "../migrations")]
async fn telegram_refuses_a_wrong_or_missing_secret_and_a_body_that_is_not_json(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::Telegram]).await;
    let update = telegram_update(20000, 2222222, "hello");

    for secret in [
        Some("tg-webhook_Secret-43"),
        Some(""),
        Some("tg-webhook_Secret-4"),
        None,
    ] {
        assert_eq!(
            post_telegram(&app, secret, &update).await,
            StatusCode::FORBIDDEN,
            "{secret:?}"
        );
    }
    assert_eq!(
        post_telegram(&app, Some(TELEGRAM_SECRET), "this is not json").await,
        StatusCode::BAD_REQUEST
    );
    settle().await;
    assert_eq!(stored(&pool).await, [0; 4], "nothing taken in");
    assert_eq!(fake.requests(), 0);

    // The genuine delivery of the refused update is still answered: nothing was
    // recorded as seen.
    assert_eq!(
        post_telegram(&app, Some(TELEGRAM_SECRET), &update).await,
        StatusCode::OK
    );
    assert_eq!(one_reply(&fake).await.recipient, "2222222");
}

// ---- WhatsApp ----

#[sqlx::test(migrations = "../migrations")]
async fn whatsapp_handshake_echoes_the_challenge_only_for_the_verify_token(pool: PgPool) {
    let (app, _fake) = start(pool, &[Channel::WhatsApp]).await;
    assert_eq!(
        handshake(&app, Channel::WhatsApp, WHATSAPP_VERIFY).await,
        (StatusCode::OK, "1158201444".to_string())
    );
    assert_eq!(
        handshake(&app, Channel::WhatsApp, "not-the-token").await.0,
        StatusCode::FORBIDDEN
    );
    // The app secret is not the verify token.
    assert_eq!(
        handshake(&app, Channel::WhatsApp, WHATSAPP_APP_SECRET)
            .await
            .0,
        StatusCode::FORBIDDEN
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn whatsapp_signed_message_is_answered_from_the_number_it_was_written_to(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::WhatsApp]).await;
    let body = whatsapp_text("wamid.HBgLMTY1MDM4Nzk0MzkVAgAS", "201011111111", "hello");

    assert_eq!(
        post_meta(
            &app,
            Channel::WhatsApp,
            &sign(&body, WHATSAPP_APP_SECRET),
            &body
        )
        .await,
        StatusCode::OK
    );
    let reply = one_reply(&fake).await;
    assert_eq!(reply.channel, Channel::WhatsApp);
    assert_eq!(reply.recipient, "201011111111");
    assert_eq!(reply.via.as_deref(), Some(WHATSAPP_WROTE_TO));
    assert!(!reply.text.trim().is_empty());
    let (channel, via): (String, Option<String>) =
        sqlx::query_as("SELECT channel, reply_via FROM assistant_conversations")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(channel, "whatsapp");
    assert_eq!(via.as_deref(), Some(WHATSAPP_WROTE_TO));
}

#[sqlx::test(migrations = "../migrations")]
async fn whatsapp_refuses_forged_or_altered_bodies_and_ignores_status_receipts(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::WhatsApp]).await;
    let body = whatsapp_text("wamid.FORGED", "201022222222", "hello");

    // Signed with another secret, or not at all.
    for signature in [
        sign(&body, "someone-elses-secret"),
        sign(&body, MESSENGER_APP_SECRET),
        String::new(),
        sign(&body, WHATSAPP_APP_SECRET).to_uppercase(),
    ] {
        assert_eq!(
            post_meta(&app, Channel::WhatsApp, &signature, &body).await,
            StatusCode::FORBIDDEN,
            "{signature}"
        );
    }
    // Signed, then changed on the way.
    let signature = sign(&body, WHATSAPP_APP_SECRET);
    let altered = body.replace("hello", "hellO");
    assert_ne!(altered, body);
    assert_eq!(
        post_meta(&app, Channel::WhatsApp, &signature, &altered).await,
        StatusCode::FORBIDDEN
    );
    let padded = format!("{body} ");
    assert_eq!(
        post_meta(&app, Channel::WhatsApp, &signature, &padded).await,
        StatusCode::FORBIDDEN
    );
    // A delivery receipt, genuine: taken, nothing to answer.
    let status = whatsapp_status("201022222222");
    assert_eq!(
        post_meta(
            &app,
            Channel::WhatsApp,
            &sign(&status, WHATSAPP_APP_SECRET),
            &status
        )
        .await,
        StatusCode::OK
    );
    settle().await;
    assert_eq!(stored(&pool).await, [0; 4], "nothing taken in");
    assert_eq!(fake.requests(), 0);
}

// ---- Messenger ----

#[sqlx::test(migrations = "../migrations")]
async fn messenger_handshake_echoes_the_challenge_only_for_the_verify_token(pool: PgPool) {
    let (app, _fake) = start(pool, &[Channel::Messenger]).await;
    assert_eq!(
        handshake(&app, Channel::Messenger, MESSENGER_VERIFY).await,
        (StatusCode::OK, "1158201444".to_string())
    );
    assert_eq!(
        handshake(&app, Channel::Messenger, WHATSAPP_VERIFY).await.0,
        StatusCode::FORBIDDEN
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn messenger_order_question_asks_for_proof_and_reveals_nothing_once(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::Messenger]).await;
    // Someone's real order, placed by a guest on the site.
    let sku = product(&pool, "brass-lamp", 12_500, 5).await;
    let (mut guest, html) = guest_at_checkout(&app, &sku, "1").await;
    let placed = post(
        &app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "cod")),
    )
    .await;
    let number: String = location(&placed)
        .trim_start_matches("/en/orders/")
        .chars()
        .take_while(|c| *c != '?')
        .collect();
    assert!(number.starts_with("DK-"), "{number}");

    let body = messenger_text(
        "m_1",
        "6785432109876543",
        &format!("where is my order {number}"),
        false,
    );
    let signature = sign(&body, MESSENGER_APP_SECRET);
    assert_eq!(
        post_meta(&app, Channel::Messenger, &signature, &body).await,
        StatusCode::OK
    );
    let reply = one_reply(&fake).await;
    assert_eq!(reply.channel, Channel::Messenger);
    assert_eq!(reply.recipient, "6785432109876543");
    let text = reply.text.to_lowercase();
    assert!(
        text.contains("phone") && text.contains("email"),
        "asks for the contact: {}",
        reply.text
    );
    for secret in [
        "brass", "lamp", "mona", "dokki", "giza", "tahrir", "0101234", "guest@", "125.00", "egp",
    ] {
        assert!(!text.contains(secret), "reveals {secret:?}: {}", reply.text);
    }

    // Meta redelivers the same mid: no second answer.
    assert_eq!(
        post_meta(&app, Channel::Messenger, &signature, &body).await,
        StatusCode::OK
    );
    // Our own reply echoed back to the webhook: nothing to answer.
    let echo = messenger_text("m_echo", "6785432109876543", &reply.text, true);
    assert_eq!(
        post_meta(
            &app,
            Channel::Messenger,
            &sign(&echo, MESSENGER_APP_SECRET),
            &echo
        )
        .await,
        StatusCode::OK
    );
    settle().await;
    assert_eq!(fake.received().len(), 1, "{:?}", fake.received());
    assert_eq!(
        count(
            &pool,
            "SELECT count(*) FROM assistant_messages WHERE author = 'customer'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&pool, "SELECT count(*) FROM channel_inbound").await,
        1
    );
}

// ---- Configuration ----

#[sqlx::test(migrations = "../migrations")]
async fn a_channel_that_is_not_configured_is_not_found(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::Telegram]).await;
    let body = messenger_text("m_2", "6785432109876543", "hello", false);
    assert_eq!(
        post_meta(
            &app,
            Channel::Messenger,
            &sign(&body, MESSENGER_APP_SECRET),
            &body
        )
        .await,
        StatusCode::NOT_FOUND
    );
    let wa = whatsapp_text("wamid.X", "201011111111", "hello");
    assert_eq!(
        post_meta(
            &app,
            Channel::WhatsApp,
            &sign(&wa, WHATSAPP_APP_SECRET),
            &wa
        )
        .await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        handshake(&app, Channel::Messenger, MESSENGER_VERIFY)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // Telegram has no handshake, and an unknown channel is no channel.
    assert_eq!(
        handshake(&app, Channel::Telegram, "anything").await.0,
        StatusCode::NOT_FOUND
    );
    let unknown = app
        .client
        .post(app.url("/api/v1/channels/instagram"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(stored(&pool).await, [0; 4]);
    assert_eq!(fake.requests(), 0);
}

// ---- The staff inbox ----

#[sqlx::test(migrations = "../migrations")]
async fn a_staff_reply_from_the_inbox_reaches_the_telegram_customer(pool: PgPool) {
    let (app, fake) = start(pool.clone(), &[Channel::Telegram]).await;
    let update = telegram_update(30000, 3333333, "I want to talk to a person");
    assert_eq!(
        post_telegram(&app, Some(TELEGRAM_SECRET), &update).await,
        StatusCode::OK
    );
    let handover = one_reply(&fake).await;
    assert_eq!(handover.recipient, "3333333");
    let (id, state): (i64, String) = sqlx::query_as(
        "SELECT id, state FROM assistant_conversations \
         WHERE channel = 'telegram' AND channel_user = '3333333'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(state, "handed_over");

    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let text = "Hi Salma, this is Sami from Dokkan: the black tee comes back on Sunday.";
    let id = id.to_string();
    let response = staff
        .apply(app.post_form(
            "/api/admin/inbox/reply",
            &[("lang", "en"), ("id", &id), ("text", text)],
        ))
        .send()
        .await
        .unwrap();
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let received = fake.wait_for(2, REPLY_WAIT).await;
    assert_eq!(received.len(), 2, "{received:?}");
    assert_eq!(received[1].channel, Channel::Telegram);
    assert_eq!(received[1].recipient, "3333333");
    assert_eq!(received[1].text, text);
    assert!(fake.rejected().is_empty(), "{:?}", fake.rejected());
    let staff_messages = count(
        &pool,
        "SELECT count(*) FROM assistant_messages WHERE author = 'staff'",
    )
    .await;
    assert_eq!(staff_messages, 1);

    // While staff have it, the customer's next message gets no automatic answer.
    let next = telegram_update(30001, 3333333, "thanks!");
    assert_eq!(
        post_telegram(&app, Some(TELEGRAM_SECRET), &next).await,
        StatusCode::OK
    );
    settle().await;
    assert_eq!(fake.received().len(), 2, "{:?}", fake.received());
}
