use super::*;

fn api(channel: Channel) -> ChannelApi {
    ChannelApi::new(channel, "https://api.example/v21.0/", "tok")
}

#[test]
fn telegram_request() {
    let (url, bearer, body) = request(&api(Channel::Telegram), "1111111", "مرحبا", None).unwrap();
    assert_eq!(url, "https://api.example/v21.0/bottok/sendMessage");
    assert!(!bearer);
    assert_eq!(body, json!({"chat_id": 1111111, "text": "مرحبا"}));
    let (_, _, body) = request(&api(Channel::Telegram), "@shop", "x", None).unwrap();
    assert_eq!(body["chat_id"], "@shop");
    let (_, _, body) = request(&api(Channel::Telegram), "-1001234567890", "x", None).unwrap();
    assert_eq!(body["chat_id"], -1001234567890_i64);
}

#[test]
fn whatsapp_request_sends_from_the_number_written_to() {
    let configured = api(Channel::WhatsApp).with_phone_number_id("111");
    let (url, bearer, body) = request(&configured, "201011111111", "hi", Some("222")).unwrap();
    assert_eq!(url, "https://api.example/v21.0/222/messages");
    assert!(bearer);
    assert_eq!(
        body,
        json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": "201011111111",
            "type": "text",
            "text": {"preview_url": false, "body": "hi"},
        })
    );
    let (url, _, _) = request(&configured, "201011111111", "hi", None).unwrap();
    assert_eq!(url, "https://api.example/v21.0/111/messages");
    assert!(request(&api(Channel::WhatsApp), "2010", "hi", None).is_err());
    for bad in ["../me", "12/34", "", "١٢٣", &"1".repeat(33)] {
        assert!(
            request(&configured, "2010", "hi", Some(bad)).is_err(),
            "{bad}"
        );
    }
}

#[test]
fn messenger_request() {
    let (url, bearer, body) = request(&api(Channel::Messenger), "PSID", "hello", None).unwrap();
    assert_eq!(url, "https://api.example/v21.0/me/messages");
    assert!(bearer);
    assert_eq!(
        body,
        json!({"recipient": {"id": "PSID"}, "messaging_type": "RESPONSE", "message": {"text": "hello"}})
    );
    assert!(request(&api(Channel::Messenger), "", "hello", None).is_err());
}

#[test]
fn telegram_answers() {
    let ok = br#"{"ok": true, "result": {"message_id": 1}}"#;
    assert_eq!(classify_telegram(200, ok), Outcome::Sent);
    assert!(matches!(
        classify_telegram(200, br#"{"ok": false}"#),
        Outcome::Failed(_)
    ));
    let flood = br#"{"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 15", "parameters": {"retry_after": 15}}"#;
    assert_eq!(
        classify_telegram(429, flood),
        Outcome::Retry("telegram answered 429: Too Many Requests: retry after 15".into())
    );
    assert!(matches!(
        classify_telegram(502, b"<html>"),
        Outcome::Retry(_)
    ));
    let blocked = br#"{"ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}"#;
    assert_eq!(
        classify_telegram(403, blocked),
        Outcome::Failed(
            "telegram refused the message (403): Forbidden: bot was blocked by the user".into()
        )
    );
    assert!(matches!(classify_telegram(400, b""), Outcome::Failed(_)));
}

#[test]
fn graph_answers() {
    let wa = Channel::WhatsApp;
    assert_eq!(
        classify_graph(wa, 200, br#"{"messages": [{"id": "wamid.X"}]}"#),
        Outcome::Sent
    );
    let pair = br#"{"error": {"message": "(#131056) (Business Account, Consumer Account) pair rate limit hit", "type": "OAuthException", "code": 131056, "fbtrace_id": "A"}}"#;
    assert!(matches!(classify_graph(wa, 400, pair), Outcome::Retry(_)));
    let transient = br#"{"error": {"message": "x", "code": 100, "is_transient": true}}"#;
    assert!(matches!(
        classify_graph(wa, 400, transient),
        Outcome::Retry(_)
    ));
    assert!(matches!(classify_graph(wa, 503, b""), Outcome::Retry(_)));
    assert!(matches!(classify_graph(wa, 429, b""), Outcome::Retry(_)));
    let window = br#"{"error": {"message": "Re-engagement message", "type": "OAuthException", "code": 131047}}"#;
    assert_eq!(
        classify_graph(wa, 400, window),
        Outcome::Failed(
            "whatsapp refused the message (400, code 131047): Re-engagement message".into()
        )
    );
    let token =
        br#"{"error": {"message": "Error validating access token:\nexpired", "code": 190}}"#;
    assert_eq!(
        classify_graph(Channel::Messenger, 401, token),
        Outcome::Failed(
            "messenger refused the message (401, code 190): Error validating access token: expired"
                .into()
        )
    );
}

#[test]
fn debug_never_shows_the_token() {
    let api = ChannelApi::new(Channel::Telegram, TELEGRAM_API, "123456:SECRET");
    assert!(!format!("{api:?}").contains("SECRET"));
    let sender = Sender::new([api]);
    assert!(!format!("{sender:?}").contains("SECRET"));
    assert!(sender.is_configured(Channel::Telegram));
    assert!(!sender.is_configured(Channel::WhatsApp));
}
