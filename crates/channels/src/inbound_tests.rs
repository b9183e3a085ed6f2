//! The parsers against payloads shaped as the channels' documentation shows them.

use super::*;

fn incoming(
    channel: Channel,
    message_id: &str,
    sender: &str,
    name: Option<&str>,
    text: &str,
    reply_via: Option<&str>,
) -> Incoming {
    Incoming {
        channel,
        message_id: message_id.into(),
        sender: sender.into(),
        name: name.map(Into::into),
        text: text.into(),
        reply_via: reply_via.map(Into::into),
    }
}

// ---- Telegram ----

const TG_TEXT: &str = r#"{
  "update_id": 10000,
  "message": {
    "message_id": 1365,
    "from": {"id": 1111111, "is_bot": false, "first_name": "سلمى", "last_name": "عادل",
             "username": "salma", "language_code": "ar"},
    "chat": {"id": 1111111, "first_name": "سلمى", "last_name": "عادل", "username": "salma",
             "type": "private"},
    "date": 1441645532,
    "text": "  عندكم فساتين سهرة؟ \n"
  }
}"#;

#[test]
fn telegram_text_message() {
    assert_eq!(
        parse_telegram(TG_TEXT.as_bytes()).unwrap(),
        [incoming(
            Channel::Telegram,
            "10000",
            "1111111",
            Some("سلمى عادل"),
            "عندكم فساتين سهرة؟",
            None
        )]
    );
}

#[test]
fn telegram_skips_what_is_not_a_private_text() {
    let photo = r#"{"update_id": 10001, "message": {"message_id": 1366, "date": 1441645532,
        "from": {"id": 1111111, "is_bot": false, "first_name": "Salma"},
        "chat": {"id": 1111111, "type": "private", "first_name": "Salma"},
        "photo": [{"file_id": "AgAD", "file_unique_id": "AQAD", "width": 90, "height": 90}],
        "caption": "this one"}}"#;
    let sticker = r#"{"update_id": 10002, "message": {"message_id": 1367, "date": 1441645532,
        "chat": {"id": 1111111, "type": "private"},
        "sticker": {"file_id": "CAAD", "file_unique_id": "AgAD", "type": "regular",
                    "width": 512, "height": 512, "is_animated": false, "is_video": false}}}"#;
    let edited = r#"{"update_id": 10003, "edited_message": {"message_id": 1365, "date": 1441645532,
        "edit_date": 1441645600, "chat": {"id": 1111111, "type": "private"}, "text": "edited"}}"#;
    let group = r#"{"update_id": 10004, "message": {"message_id": 7, "date": 1441645532,
        "from": {"id": 1111111, "is_bot": false, "first_name": "Salma"},
        "chat": {"id": -1001234567890, "type": "supergroup", "title": "Shoppers"},
        "text": "hello bot"}}"#;
    let blank = r#"{"update_id": 10005, "message": {"message_id": 8, "date": 1441645532,
        "chat": {"id": 1111111, "type": "private"}, "text": "   "}}"#;
    let callback = r#"{"update_id": 10006, "callback_query": {"id": "4382bfdwdsb323b2d9",
        "from": {"id": 1111111, "is_bot": false, "first_name": "Salma"}, "data": "x",
        "chat_instance": "1"}}"#;
    for body in [photo, sticker, edited, group, blank, callback] {
        assert_eq!(parse_telegram(body.as_bytes()).unwrap(), [], "{body}");
    }
}

#[test]
fn telegram_without_a_name_or_chat_type_still_parses() {
    let body = r#"{"update_id": 7, "message": {"message_id": 1, "date": 1,
        "chat": {"id": 42}, "text": "hi"}}"#;
    assert_eq!(
        parse_telegram(body.as_bytes()).unwrap(),
        [incoming(Channel::Telegram, "7", "42", None, "hi", None)]
    );
}

#[test]
fn telegram_malformed_bodies_are_errors() {
    assert!(matches!(
        parse_telegram(b"{\"update_id\": 1,"),
        Err(BodyError::NotJson(_))
    ));
    assert!(matches!(
        parse_telegram(b"not json"),
        Err(BodyError::NotJson(_))
    ));
    assert!(matches!(
        parse_telegram(b"{\"message\": {}}"),
        Err(BodyError::Shape(_))
    ));
    assert!(matches!(parse_telegram(b"[]"), Err(BodyError::Shape(_))));
    assert!(matches!(
        parse_telegram(b"{\"update_id\": \"ten\"}"),
        Err(BodyError::Shape(_))
    ));
}

// ---- WhatsApp ----

const WA_TEXT: &str = r#"{
  "object": "whatsapp_business_account",
  "entry": [{
    "id": "102290129340398",
    "changes": [{
      "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "contacts": [{"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"}],
        "messages": [{
          "from": "16505551234",
          "id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
          "timestamp": "1749416383",
          "type": "text",
          "text": {"body": "Does it come in another color?"}
        }]
      },
      "field": "messages"
    }]
  }]
}"#;

#[test]
fn whatsapp_text_message() {
    assert_eq!(
        parse_whatsapp(WA_TEXT.as_bytes()).unwrap(),
        [incoming(
            Channel::WhatsApp,
            "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
            "16505551234",
            Some("Sheena Nelson"),
            "Does it come in another color?",
            Some("106540352242922"),
        )]
    );
}

#[test]
fn whatsapp_keeps_every_text_of_a_batch_and_skips_the_rest() {
    let body = r#"{
      "object": "whatsapp_business_account",
      "entry": [{"id": "1", "changes": [
        {"field": "messages", "value": {
          "messaging_product": "whatsapp",
          "metadata": {"display_phone_number": "201000000000", "phone_number_id": "555"},
          "contacts": [{"profile": {"name": "Omar"}, "wa_id": "201011111111"},
                       {"profile": {"name": "Mona"}, "wa_id": "201022222222"}],
          "messages": [
            {"from": "201011111111", "id": "wamid.A", "timestamp": "1", "type": "text",
             "text": {"body": "السلام عليكم"}},
            {"from": "201022222222", "id": "wamid.B", "timestamp": "2", "type": "image",
             "image": {"mime_type": "image/jpeg", "sha256": "x", "id": "123", "caption": "this"}},
            {"from": "201022222222", "id": "wamid.C", "timestamp": "3", "type": "sticker",
             "sticker": {"mime_type": "image/webp", "sha256": "y", "id": "456", "animated": false}},
            {"from": "201022222222", "id": "wamid.D", "timestamp": "4", "type": "text",
             "text": {"body": "بكام ده؟"}},
            {"from": "201033333333", "id": "wamid.E", "timestamp": "5", "type": "text",
             "text": {"body": "no contact entry"}},
            {"from": "201033333333", "id": "wamid.F", "timestamp": "6", "type": "text",
             "text": {"body": "  "}},
            {"id": "wamid.G", "type": "text", "text": {"body": "no sender"}}
          ]}},
        {"field": "messages", "value": {
          "messaging_product": "whatsapp",
          "metadata": {"display_phone_number": "201000000000", "phone_number_id": "555"},
          "statuses": [{"id": "wamid.OUT", "status": "delivered", "timestamp": "7",
                        "recipient_id": "201011111111"}]}},
        {"field": "message_template_status_update", "value": {"event": "APPROVED"}}
      ]}]
    }"#;
    assert_eq!(
        parse_whatsapp(body.as_bytes()).unwrap(),
        [
            incoming(
                Channel::WhatsApp,
                "wamid.A",
                "201011111111",
                Some("Omar"),
                "السلام عليكم",
                Some("555")
            ),
            incoming(
                Channel::WhatsApp,
                "wamid.D",
                "201022222222",
                Some("Mona"),
                "بكام ده؟",
                Some("555")
            ),
            incoming(
                Channel::WhatsApp,
                "wamid.E",
                "201033333333",
                None,
                "no contact entry",
                Some("555")
            ),
        ]
    );
}

#[test]
fn whatsapp_envelope_errors() {
    assert!(matches!(parse_whatsapp(b"{"), Err(BodyError::NotJson(_))));
    assert_eq!(
        parse_whatsapp(br#"{"object": "page", "entry": []}"#),
        Err(BodyError::WrongObject {
            expected: "whatsapp_business_account",
            found: "page".into()
        })
    );
    assert!(matches!(
        parse_whatsapp(br#"{"entry": []}"#),
        Err(BodyError::WrongObject { .. })
    ));
    assert!(matches!(
        parse_whatsapp(br#"{"object": "whatsapp_business_account"}"#),
        Err(BodyError::Shape(_))
    ));
    assert!(matches!(
        parse_whatsapp(br#"{"object": "whatsapp_business_account", "entry": {}}"#),
        Err(BodyError::Shape(_))
    ));
    assert_eq!(
        parse_whatsapp(br#"{"object": "whatsapp_business_account", "entry": []}"#),
        Ok(vec![])
    );
}

// ---- Messenger ----

const MS_TEXT: &str = r#"{
  "object": "page",
  "entry": [{
    "id": "682498302938465",
    "time": 1458692752478,
    "messaging": [{
      "sender": {"id": "6785432109876543"},
      "recipient": {"id": "682498302938465"},
      "timestamp": 1458692752478,
      "message": {
        "mid": "mid.1457764197618:41d102a3e1ae206a38",
        "text": "hello, world!",
        "quick_reply": {"payload": "DEVELOPER_DEFINED_PAYLOAD"}
      }
    }]
  }]
}"#;

#[test]
fn messenger_text_message() {
    assert_eq!(
        parse_messenger(MS_TEXT.as_bytes()).unwrap(),
        [incoming(
            Channel::Messenger,
            "mid.1457764197618:41d102a3e1ae206a38",
            "6785432109876543",
            None,
            "hello, world!",
            None
        )]
    );
}

#[test]
fn messenger_skips_echoes_receipts_postbacks_and_attachments() {
    let body = r#"{
      "object": "page",
      "entry": [
        {"id": "PAGE", "time": 1, "messaging": [
          {"sender": {"id": "PAGE"}, "recipient": {"id": "PSID1"}, "timestamp": 1,
           "message": {"is_echo": true, "app_id": 1517776481860111,
                       "mid": "mid.echo", "text": "our own reply"}},
          {"sender": {"id": "PSID1"}, "recipient": {"id": "PAGE"},
           "delivery": {"mids": ["mid.1458668856218:ed81099e15d3f4f233"], "watermark": 1458668856253}},
          {"sender": {"id": "PSID1"}, "recipient": {"id": "PAGE"}, "timestamp": 1458668856463,
           "read": {"watermark": 1458668856253}},
          {"sender": {"id": "PSID1"}, "recipient": {"id": "PAGE"}, "timestamp": 1,
           "postback": {"mid": "m_postback", "title": "Get Started", "payload": "GET_STARTED"}},
          {"sender": {"id": "PSID1"}, "recipient": {"id": "PAGE"}, "timestamp": 1518479195308,
           "message": {"mid": "mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c",
                       "attachments": [{"type": "image", "payload": {"url": "https://example.com/a.jpg"}}]}},
          {"sender": {"id": "PSID2"}, "recipient": {"id": "PAGE"}, "timestamp": 2,
           "message": {"mid": "m_reply", "text": "  المقاس L متاح؟  ",
                       "reply_to": {"mid": "m_earlier", "is_self_reply": false}}}
        ]},
        {"id": "PAGE", "time": 2, "standby": [
          {"sender": {"id": "PSID3"}, "recipient": {"id": "PAGE"}, "timestamp": 3,
           "message": {"mid": "m_standby", "text": "another app owns this thread"}}
        ]}
      ]
    }"#;
    assert_eq!(
        parse_messenger(body.as_bytes()).unwrap(),
        [incoming(
            Channel::Messenger,
            "m_reply",
            "PSID2",
            None,
            "المقاس L متاح؟",
            None
        )]
    );
}

#[test]
fn messenger_envelope_errors() {
    assert!(matches!(
        parse_messenger(b"\xff\xfe"),
        Err(BodyError::NotJson(_))
    ));
    assert!(matches!(
        parse_messenger(WA_TEXT.as_bytes()),
        Err(BodyError::WrongObject {
            expected: "page",
            ..
        })
    ));
    assert!(matches!(
        parse_messenger(br#"{"object": "instagram", "entry": []}"#),
        Err(BodyError::WrongObject { .. })
    ));
    assert!(matches!(
        parse_messenger(br#"{"object": "page"}"#),
        Err(BodyError::Shape(_))
    ));
}

#[test]
fn parse_dispatches_by_channel() {
    assert_eq!(
        parse(Channel::Telegram, TG_TEXT.as_bytes()).unwrap().len(),
        1
    );
    assert_eq!(
        parse(Channel::WhatsApp, WA_TEXT.as_bytes()).unwrap().len(),
        1
    );
    assert_eq!(
        parse(Channel::Messenger, MS_TEXT.as_bytes()).unwrap().len(),
        1
    );
    assert!(parse(Channel::Messenger, TG_TEXT.as_bytes()).is_err());
}

#[test]
fn oversized_or_control_ids_are_skipped() {
    let long = "m".repeat(MAX_ID_LEN + 1);
    let body = format!(
        r#"{{"object": "page", "entry": [{{"id": "P", "messaging": [
            {{"sender": {{"id": "PSID"}}, "message": {{"mid": "{long}", "text": "hi"}}}},
            {{"sender": {{"id": "PS\nID"}}, "message": {{"mid": "m1", "text": "hi"}}}}
        ]}}]}}"#
    );
    assert_eq!(parse_messenger(body.as_bytes()).unwrap(), []);
}
