//! The assistant's parse endpoint: intents and entities in English, Arabic script and
//! Arabizi; entities absent when not found; bad bodies, empty and long text; the limit.

mod common;

use common::TestApp;
use reqwest::{header, StatusCode};
use serde_json::{json, Value};
use sqlx::PgPool;

async fn parse(app: &TestApp, body: Value) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url("/api/v1/assistant/parse"))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[sqlx::test(migrations = "../migrations")]
async fn messages_in_three_scripts_are_understood_and_abuse_is_refused(pool: PgPool) {
    let app = TestApp::spawn(pool).await;

    let (status, answer) = parse(
        &app,
        json!({"text": "m7tag kanaba ramadi b a2al men 5000", "lang": "ar"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["intent"], "product_search", "{answer}");
    assert_eq!(answer["script"], "arabizi");
    assert_eq!(
        answer["entities"],
        json!({"max_price": 5000, "color": "grey", "query": "kanaba"})
    );
    let confidence = answer["confidence"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&confidence));

    let (_, answer) = parse(&app, json!({"text": "محتاج كنبة رمادي بأقل من ٥٠٠٠"})).await;
    assert_eq!(answer["intent"], "product_search", "{answer}");
    assert_eq!(answer["script"], "arabic");
    assert_eq!(answer["entities"]["max_price"], 5000);
    assert_eq!(answer["entities"]["color"], "grey");

    let (_, answer) = parse(
        &app,
        json!({"text": "where is my order DK-48213377?", "lang": "en"}),
    )
    .await;
    assert_eq!(answer["intent"], "order_status", "{answer}");
    assert_eq!(answer["entities"], json!({"order_number": "DK-48213377"}));
    let (_, answer) = parse(&app, json!({"text": "طلبي رقم ٤٨٢١٣٣٧٧ وصل فين"})).await;
    assert_eq!(answer["entities"]["order_number"], "DK-48213377");

    let (_, answer) = parse(&app, json!({"text": "hello"})).await;
    assert_eq!(answer["entities"], json!({}), "nothing found, nothing said");

    // Bad input: a clear, localized error with the right status.
    let (status, answer) = parse(&app, json!({"text": "   ", "lang": "ar"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer["fields"]["text"], "اكتب رسالة.");
    let (status, _) = parse(&app, json!({"text": "a".repeat(1001), "lang": "en"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = parse(&app, json!({"message": "hi"})).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let response = app
        .client
        .post(app.url("/api/v1/assistant/parse"))
        .header(header::CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    // What a shopper types comes back as data, never as markup to run.
    let (_, answer) = parse(
        &app,
        json!({"text": "<script>alert(1)</script> black shoes"}),
    )
    .await;
    assert_eq!(answer["entities"]["color"], "black");

    // A script hammering the endpoint is slowed down, with Retry-After.
    let mut limited = None;
    for _ in 0..40 {
        let response = app
            .client
            .post(app.url("/api/v1/assistant/parse"))
            .json(&json!({"text": "hi"}))
            .send()
            .await
            .unwrap();
        if response.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some(response);
            break;
        }
    }
    let limited = limited.expect("the limit answers 429");
    assert!(limited.headers().contains_key(header::RETRY_AFTER));
}

// ---------------------------------------------------------------------------------------
// The chat: each intent answered from the real shop, the order privacy rule, the cancel's
// yes, the variant question, the FAQ, the handover and the staff reply arriving live.
// (Each test stays under the per-client burst of twenty messages.)

use common::{
    shop::{borrowed, guest_at_checkout, location, order_form, post},
    Session,
};

/// One message in a conversation (`conversation` from an earlier answer, or none).
async fn chat(
    app: &TestApp,
    session: &mut Session,
    conversation: Option<&str>,
    body: Value,
) -> (StatusCode, Value) {
    let mut body = body;
    if let Some(c) = conversation {
        body["conversation_id"] = json!(c);
    }
    let response = session
        .apply(app.client.post(app.url("/api/v1/assistant/chat")))
        .json(&body)
        .send()
        .await
        .unwrap();
    session.update(&response);
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The assistant's answer in an exchange (the last message).
fn answer(exchange: &Value) -> &Value {
    exchange["messages"].as_array().unwrap().last().unwrap()
}

fn part<'a>(message: &'a Value, kind: &str) -> Option<&'a Value> {
    message["parts"]
        .as_array()?
        .iter()
        .find(|p| p["type"] == kind)
}

fn has_arabic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
}

/// A guest's cash order of a demo t-shirt; returns its number.
async fn guest_order(app: &TestApp) -> String {
    let (mut guest, html) = guest_at_checkout(app, "GT-TEE-CREW-WHT-M", "1").await;
    let form = order_form(&html, "cod");
    let placed = post(app, &mut guest, "/api/checkout/place", &borrowed(&form)).await;
    let to = location(&placed);
    to.split("/orders/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

#[sqlx::test(migrations = "../migrations")]
async fn chat_finds_products_with_price_and_colour_in_three_scripts(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut guest = Session::default();

    let (status, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "I need a black t-shirt under 500", "lang": "en"}),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{exchange}");
    let conversation = exchange["conversation_id"].as_str().unwrap().to_string();
    assert_eq!(exchange["messages"][0]["author"], "customer");
    let reply = answer(&exchange);
    assert_eq!(reply["author"], "assistant");
    let said = reply["text"].as_str().unwrap();
    assert!(
        said.contains("up to EGP 500.00"),
        "the range as understood: {said}"
    );
    let products = part(reply, "products").unwrap_or_else(|| panic!("{reply}"));
    let items = products["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        let handle = item["href"].as_str().unwrap().rsplit('/').next().unwrap();
        let black: bool = sqlx::query_scalar(
            "SELECT p.name_en ILIKE '%black%' OR EXISTS (SELECT 1 FROM product_variants v \
               JOIN variant_option_values o ON o.variant_id = v.id \
              WHERE v.product_id = p.id AND lower(o.value_en) = 'black') \
               FROM products p WHERE p.handle = $1",
        )
        .bind(handle)
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert!(black, "{item}");
        let price: f64 = item["price"]
            .as_str()
            .unwrap()
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .parse()
            .unwrap();
        assert!(price <= 500.0, "{item}");
        assert!(item["href"].as_str().unwrap().starts_with("/en/products/"));
    }
    let all = products["all_href"].as_str().unwrap();
    assert!(
        all.starts_with("/en/search?") && all.contains("max_price=500"),
        "{all}"
    );

    // Arabizi and Arabic script: the answer is in Arabic, with Arabic links.
    for text in ["3ayez tshirt eswed ta7t 500", "عايز تيشيرت اسود تحت ٥٠٠"] {
        let (_, exchange) =
            chat(&app, &mut guest, Some(&conversation), json!({"text": text})).await;
        let reply = answer(&exchange);
        assert!(has_arabic(reply["text"].as_str().unwrap()), "{reply}");
        let items = part(reply, "products").unwrap()["items"]
            .as_array()
            .unwrap()
            .clone();
        assert!(!items.is_empty(), "{text}");
        assert!(items[0]["href"]
            .as_str()
            .unwrap()
            .starts_with("/ar/products/"));
    }

    // Something the catalog does not have: said so, with the search offered.
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"text": "do you sell submarines"}),
    )
    .await;
    let reply = answer(&exchange);
    assert!(
        part(reply, "products").is_none() || reply["intent"].is_null(),
        "{reply}"
    );

    // The greeting and the thanks, and the conversation kept in PostgreSQL.
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"text": "ahlan"}),
    )
    .await;
    assert!(has_arabic(answer(&exchange)["text"].as_str().unwrap()));
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"text": "thanks a lot"}),
    )
    .await;
    assert!(!has_arabic(answer(&exchange)["text"].as_str().unwrap()));
    let stored: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM assistant_messages m JOIN assistant_conversations c \
           ON c.id = m.conversation_id WHERE c.token = $1",
    )
    .bind(&conversation)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(stored, 12);
}

#[sqlx::test(migrations = "../migrations")]
async fn an_order_is_shown_only_to_its_owner(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let number = guest_order(&app).await;

    // A stranger who knows the number: asked for the contact, shown nothing.
    let mut stranger = Session::default();
    let (_, exchange) = chat(
        &app,
        &mut stranger,
        None,
        json!({"text": format!("where is my order {number}?"), "lang": "en"}),
    )
    .await;
    let conversation = exchange["conversation_id"].as_str().unwrap().to_string();
    let reply = answer(&exchange);
    assert!(part(reply, "order").is_none(), "{reply}");
    assert!(
        reply["text"]
            .as_str()
            .unwrap()
            .contains("phone number or email"),
        "{reply}"
    );
    // A wrong phone: the same answer as an unknown order.
    let (_, exchange) = chat(
        &app,
        &mut stranger,
        Some(&conversation),
        json!({"text": "01198765432"}),
    )
    .await;
    let reply = answer(&exchange);
    assert!(part(reply, "order").is_none());
    assert!(
        reply["text"].as_str().unwrap().contains("could not find"),
        "{reply}"
    );
    // Guessing stops after five wrong tries.
    for phone in ["01198765431", "01198765430", "01198765439", "01198765438"] {
        chat(
            &app,
            &mut stranger,
            Some(&conversation),
            json!({"text": format!("{number} {phone}")}),
        )
        .await;
    }
    let (_, exchange) = chat(
        &app,
        &mut stranger,
        Some(&conversation),
        json!({"text": format!("{number} 01012345678")}),
    )
    .await;
    let reply = answer(&exchange);
    assert!(
        part(reply, "order").is_none(),
        "locked out even with the right phone: {reply}"
    );
    assert!(
        reply["text"].as_str().unwrap().contains("Too many tries"),
        "{reply}"
    );

    // The guest owner, in Arabic, with the email on the order: the status and timeline.
    let mut owner = Session::default();
    let (_, exchange) = chat(
        &app,
        &mut owner,
        None,
        json!({"text": format!("الأوردر بتاعي {number} فين"), "lang": "ar"}),
    )
    .await;
    let conversation = exchange["conversation_id"].as_str().unwrap().to_string();
    assert!(part(answer(&exchange), "order").is_none());
    let (_, exchange) = chat(
        &app,
        &mut owner,
        Some(&conversation),
        json!({"text": "الإيميل Guest@Example.com"}),
    )
    .await;
    let reply = answer(&exchange);
    let order = part(reply, "order").unwrap_or_else(|| panic!("{reply}"));
    assert_eq!(order["number"], number.as_str());
    assert!(!order["timeline"].as_array().unwrap().is_empty());
    assert!(
        order["href"].as_str().unwrap().contains("key="),
        "the signed link"
    );
    assert!(has_arabic(order["status"].as_str().unwrap()));

    // Someone else's conversation id is not theirs to read: a signed-in customer's
    // conversation, used by another client, starts a new one.
    let customer = app
        .register("Nour", "nour@example.com", common::PASSWORD)
        .await;
    let mut signed_in = customer.clone();
    let (_, exchange) = chat(&app, &mut signed_in, None, json!({"text": "hello"})).await;
    let theirs = exchange["conversation_id"].as_str().unwrap().to_string();
    let (_, exchange) = chat(
        &app,
        &mut Session::default(),
        Some(&theirs),
        json!({"text": "hello"}),
    )
    .await;
    assert_ne!(exchange["conversation_id"].as_str().unwrap(), theirs);
    let events = app
        .get(&format!("/api/v1/assistant/conversations/{theirs}/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(events.status(), StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_signed_in_customer_sees_their_latest_order_and_cancels_it_after_a_yes(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut customer = app
        .register("Hana", "hana@example.com", common::PASSWORD)
        .await;
    let added = post(
        &app,
        &mut customer,
        "/api/cart/add",
        &[
            ("lang", "en"),
            ("sku", "GT-TEE-CREW-WHT-L"),
            ("quantity", "1"),
        ],
    )
    .await;
    assert_eq!(added.status(), StatusCode::OK);
    let (_, html) = common::shop::page(&app, &customer, "/en/checkout").await;
    let form = order_form(&html, "cod");
    let placed = post(&app, &mut customer, "/api/checkout/place", &borrowed(&form)).await;
    let number = location(&placed)
        .split("/orders/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap()
        .to_string();

    let (_, exchange) = chat(
        &app,
        &mut customer,
        None,
        json!({"text": "where is my order", "lang": "en"}),
    )
    .await;
    let conversation = exchange["conversation_id"].as_str().unwrap().to_string();
    let order = part(answer(&exchange), "order").unwrap_or_else(|| panic!("{exchange}"));
    assert_eq!(
        order["number"],
        number.as_str(),
        "the latest order, no number needed"
    );

    let status = |pool: PgPool, number: String| async move {
        sqlx::query_scalar::<_, String>("SELECT status FROM orders WHERE number = $1")
            .bind(number)
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    // Asked first; "no" keeps it.
    let (_, exchange) = chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"text": format!("cancel order {number}")}),
    )
    .await;
    let reply = answer(&exchange);
    assert!(part(reply, "confirm").is_some(), "{reply}");
    assert_eq!(status(app.pool.clone(), number.clone()).await, "placed");
    let (_, exchange) = chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"action": "decline"}),
    )
    .await;
    assert!(answer(&exchange)["text"]
        .as_str()
        .unwrap()
        .contains("stays"));
    assert_eq!(status(app.pool.clone(), number.clone()).await, "placed");
    // A yes in Arabizi cancels it, through the state machine (timeline, mail).
    chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"text": "el8y el order"}),
    )
    .await;
    let (_, exchange) = chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"text": format!("cancel {number}")}),
    )
    .await;
    assert!(part(answer(&exchange), "confirm").is_some(), "{exchange}");
    let (_, exchange) = chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"text": "aywa"}),
    )
    .await;
    let reply = answer(&exchange);
    assert_eq!(
        status(app.pool.clone(), number.clone()).await,
        "cancelled",
        "{reply}"
    );
    let order = part(reply, "order").unwrap();
    assert!(order["timeline"].as_array().unwrap().len() >= 2);
    // Cancelled already: refused with the reason.
    let (_, exchange) = chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"text": format!("cancel order {number}")}),
    )
    .await;
    assert!(part(answer(&exchange), "confirm").is_none());
    assert!(answer(&exchange)["text"]
        .as_str()
        .unwrap()
        .contains("can no longer be cancelled"));
    // A yes with nothing waiting does nothing.
    let (_, exchange) = chat(
        &app,
        &mut customer,
        Some(&conversation),
        json!({"action": "confirm"}),
    )
    .await;
    assert!(answer(&exchange)["text"]
        .as_str()
        .unwrap()
        .contains("nothing waiting"));
}

#[sqlx::test(migrations = "../migrations")]
async fn add_to_cart_asks_which_variant_then_fills_the_sites_cart(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut guest = Session::default();
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "add the white crew neck t-shirt to my cart", "lang": "en"}),
    )
    .await;
    let conversation = exchange["conversation_id"].as_str().unwrap().to_string();
    let reply = answer(&exchange);
    let variants = part(reply, "variants").unwrap_or_else(|| panic!("{reply}"));
    let choices = variants["choices"].as_array().unwrap();
    assert!(choices.len() > 1);
    let medium = choices
        .iter()
        .find(|c| c["label"] == "M")
        .unwrap_or_else(|| panic!("{choices:?}"));
    assert!(guest.cart.is_none(), "no cart before anything is added");
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"action": medium["action"]}),
    )
    .await;
    assert_eq!(exchange["cart_count"], 1, "{exchange}");
    assert!(guest.cart.is_some(), "the guest cart cookie is set");
    let (_, cart) = common::shop::page(&app, &guest, "/en/cart").await;
    assert!(
        cart.contains("GT-TEE-CREW-WHT-M") || cart.contains("Crew-Neck"),
        "the same cart the site uses"
    );

    // Naming the size in words picks the variant at once; quantities count.
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"text": "add 2 white crew neck t-shirts size L to my cart"}),
    )
    .await;
    assert_eq!(exchange["cart_count"], 3, "{exchange}");
    // A bad action is a 400, and changes nothing.
    let (status, _) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"action": "variant:<b>"}),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[sqlx::test(migrations = "../migrations")]
async fn faq_answers_are_the_shops_and_shipping_lists_the_zone_rates(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut guest = Session::default();
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "how much is delivery to giza", "lang": "en"}),
    )
    .await;
    let text = answer(&exchange)["text"].as_str().unwrap().to_string();
    let (zone, rate): (String, i64) = sqlx::query_as(
        "SELECT z.name_en, r.rate_minor FROM shipping_rates r JOIN shipping_zones z ON z.id = r.zone_id \
          WHERE r.method = 'standard' ORDER BY z.id LIMIT 1",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(text.contains(&zone), "{text}");
    assert!(text.contains(&(rate / 100).to_string()), "{text}");

    sqlx::query("UPDATE assistant_faq SET answer_ar = 'الاسترجاع خلال ٣٠ يوم من غير أسئلة.' WHERE topic = 'returns'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "ازاي أرجّع حاجة اشتريتها؟"}),
    )
    .await;
    assert_eq!(
        answer(&exchange)["text"],
        "الاسترجاع خلال ٣٠ يوم من غير أسئلة."
    );
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "can I pay cash on delivery?"}),
    )
    .await;
    assert!(answer(&exchange)["text"]
        .as_str()
        .unwrap()
        .contains("cash on delivery"));
    // Nothing understood: said so, with what the assistant can do.
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "qwpo zxvb mnlk", "lang": "en"}),
    )
    .await;
    let reply = answer(&exchange);
    assert!(
        reply["text"].as_str().unwrap().starts_with("Sorry"),
        "{reply}"
    );
    assert_eq!(
        part(reply, "suggestions").unwrap()["items"]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    // Not understood by the model, but a product's name: the catalog answers.
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "kanaka", "lang": "en"}),
    )
    .await;
    let reply = answer(&exchange);
    let items = part(reply, "products").unwrap_or_else(|| panic!("{reply}"))["items"]
        .as_array()
        .unwrap()
        .clone();
    assert!(
        items[0]["href"].as_str().unwrap().contains("kanaka"),
        "{items:?}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn a_handover_reaches_the_inbox_and_the_staff_reply_arrives_live(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let mut guest = Session::default();
    let (_, exchange) = chat(
        &app,
        &mut guest,
        None,
        json!({"text": "3ayez akalem 7ad mn el support", "lang": "ar"}),
    )
    .await;
    assert_eq!(exchange["state"], "handed_over", "{exchange}");
    let conversation = exchange["conversation_id"].as_str().unwrap().to_string();
    let last_id = answer(&exchange)["id"].as_i64().unwrap();
    // While staff have it, the assistant keeps quiet.
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"text": "hello?"}),
    )
    .await;
    assert_eq!(exchange["messages"].as_array().unwrap().len(), 1);

    let (staff, _) = app.person("Sami", "sami@example.com", "staff").await;
    let id: i64 = sqlx::query_scalar("SELECT id FROM assistant_conversations WHERE token = $1")
        .bind(&conversation)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let list = staff
        .apply(app.post_form(
            "/api/admin/inbox/list",
            &[("lang", "en"), ("filter", "open")],
        ))
        .send()
        .await
        .unwrap();
    let list: Value = list.json().await.unwrap();
    assert_eq!(list[0]["id"], id, "{list}");

    // The customer's page follows the conversation; the staff reply arrives on it.
    let mut stream = app
        .get(&format!(
            "/api/v1/assistant/conversations/{conversation}/events?after={last_id}&lang=ar"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let reply = staff
        .apply(app.post_form(
            "/api/admin/inbox/reply",
            &[
                ("lang", "en"),
                ("id", &id.to_string()),
                ("text", "أهلًا، أنا سامي. أساعدك إزاي؟"),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert!(reply.status().is_success() || reply.status().is_redirection());
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while !seen.contains("أنا سامي") {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("the staff reply streams within 10 s")
            .unwrap()
            .expect("the stream stays open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: message"));
    assert!(seen.contains("\"author\":\"staff\""), "{seen}");
    assert!(
        seen.contains("hello?"),
        "the customer's own message before it"
    );

    // Closing is audited; the customer's next message opens it with the assistant again.
    let closed = staff
        .apply(app.post_form(
            "/api/admin/inbox/state",
            &[("lang", "en"), ("id", &id.to_string()), ("to", "close")],
        ))
        .send()
        .await
        .unwrap();
    assert!(closed.status().is_success() || closed.status().is_redirection());
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE action LIKE 'assistant.%' ORDER BY id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(actions.contains(&"assistant.reply".to_string()));
    assert!(actions.contains(&"assistant.close".to_string()));
    let (_, exchange) = chat(
        &app,
        &mut guest,
        Some(&conversation),
        json!({"text": "shokran"}),
    )
    .await;
    assert_eq!(exchange["state"], "bot");
    assert_eq!(exchange["messages"].as_array().unwrap().len(), 2);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_plain_chat_page_works_without_javascript_and_escapes_what_is_typed(pool: PgPool) {
    let app = TestApp::seeded(pool).await;
    let response = app.get("/ar/assistant").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // Voice input: the microphone for this site only.
    let policy = response.headers()["permissions-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(policy.contains("microphone=(self)"), "{policy}");
    assert!(policy.contains("camera=()"), "{policy}");
    let html = response.text().await.unwrap();
    assert!(
        html.contains(r#"action="/api/assistant/say""#),
        "a plain form"
    );
    assert!(html.contains("مساعد التسوق"));

    let sent = app
        .client
        .post(app.url("/api/assistant/say"))
        .header(header::ACCEPT, "text/html")
        .form(&[
            ("lang", "ar"),
            ("text", "<script>alert(1)</script> 3ayez tshirt eswed"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), StatusCode::FOUND);
    assert_eq!(location(&sent), "/ar/assistant#chat-end");
    let cookie = sent
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_string())
        .find(|c| c.starts_with("dokkan_chat="))
        .expect("the conversation's cookie");
    let page = app
        .get("/ar/assistant")
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "typed text is escaped"
    );
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(
        page.contains(r#"data-testid="chat-products""#),
        "product cards drawn by the server"
    );

    // The panel on other pages: a link to this page until it hydrates, messages drawn by
    // the server as escaped HTML.
    let (_, home) = app.page("/ar/").await;
    assert!(home.contains(r#"href="/ar/assistant""#) && home.contains("chat-launcher"));
    let panel = app
        .client
        .post(app.url("/api/assistant/panel/view"))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, &cookie)
        .form(&[("lang", "ar")])
        .send()
        .await
        .unwrap();
    let panel: Value = panel.json().await.unwrap();
    let log = panel["html"].as_str().unwrap();
    assert_eq!(
        log.matches(r#"data-testid="chat-message""#).count(),
        2,
        "the question and the answer, each an <li>: {log}"
    );
    assert!(log.contains("&lt;script&gt;"), "{log}");
    assert!(!log.contains("<script>"));
    assert!(
        log.contains(r#"data-author="customer""#) && log.contains(r#"data-author="assistant""#)
    );
    assert!(log.contains("chat-card"), "{log}");
    assert_eq!(
        log.matches("data-message-id=").count(),
        2,
        "the panel skips what it shows by id"
    );

    // Empty text: the page again, with the message.
    let empty = app
        .client
        .post(app.url("/api/assistant/say"))
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, &cookie)
        .form(&[("lang", "ar"), ("text", "  ")])
        .send()
        .await
        .unwrap();
    assert_eq!(empty.status(), StatusCode::FOUND);
    let (status, _) = chat(
        &app,
        &mut Session::default(),
        None,
        json!({"text": "", "lang": "en"}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = chat(
        &app,
        &mut Session::default(),
        None,
        json!({"text": "x".repeat(1001)}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
