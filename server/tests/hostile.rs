//! What an attacker sends from outside: markup typed into every field a shopper or staff
//! member fills, read back on every page that shows it, and server functions called with
//! bodies they were never meant to get.

mod common;

use common::{
    shop::{borrowed, guest_at_checkout, location, order_form, page, post, product},
    Session, TestApp,
};
use reqwest::{header, StatusCode};
use scraper::{Html, Selector};
use sqlx::PgPool;

/// Every markup this text could break out of, each injected element marked with an
/// `x-in` attribute that no template writes: `</title>` (RCDATA), a double- and a
/// single-quoted attribute, `</script>` (JSON-LD), a comment, a template's `{{ }}`, and
/// a right-to-left override. Fits the 100-character fields (names, city).
const SHORT: &str =
    "</title><b x-in>\"><svg x-in onload=alert(1)>'><i x-in></script><s x-in>--><q x-in>{{7*7}}\u{202E}";
/// The same and more for the longer fields (descriptions, street, landmark, notes).
const LONG: &str = "</title><b x-in>\"><svg x-in onload=alert(1)>'><i x-in></script><s x-in>--><q x-in>{{7*7}}\u{202E} </textarea><u x-in></style><p x-in><img x-in src=x onerror=alert(1)>";

/// What every page must be: one document whose elements all come from the template
/// (no `x-in` anywhere), one `<title>`, JSON-LD that is still JSON, and — where the
/// page shows hostile text — that text read back as text, exactly as it was typed.
fn assert_inert(path: &str, html: &str, shows: &[&str]) {
    let document = Html::parse_document(html);
    let everything = Selector::parse("*").unwrap();
    let injected: Vec<String> = document
        .select(&everything)
        .filter(|el| {
            el.value()
                .attrs()
                .any(|(name, _)| name == "x-in" || name.starts_with("on"))
        })
        .map(|el| el.html().chars().take(120).collect())
        .collect();
    assert!(
        injected.is_empty(),
        "{path}: injected elements {injected:?}"
    );

    let titles: Vec<String> = document
        .select(&Selector::parse("head > title").unwrap())
        .map(|el| el.text().collect())
        .collect();
    assert_eq!(titles.len(), 1, "{path}: titles {titles:?}");
    for script in
        document.select(&Selector::parse(r#"script[type="application/ld+json"]"#).unwrap())
    {
        let text: String = script.text().collect();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("{path}: JSON-LD no longer parses ({e}): {text}"));
    }

    // The text must really be on the page (as text or an attribute's value), or this
    // test would pass on a page that simply dropped it.
    let mut read_back: String = titles.concat();
    for el in document.select(&everything) {
        read_back.extend(el.text());
        for (_, value) in el.value().attrs() {
            read_back.push_str(value);
        }
    }
    for text in shows {
        assert!(
            read_back.contains(text),
            "{path}: {text:?} is not read back as text"
        );
    }
}

/// A guest's order whose address is all hostile text; its page's path and the guest.
async fn hostile_order(app: &TestApp, sku: &str) -> (String, Session) {
    let (mut guest, html) = guest_at_checkout(app, sku, "1").await;
    let mut form = order_form(&html, "cod");
    for (name, value) in form.iter_mut() {
        match *name {
            "recipient" | "city" => *value = SHORT.into(),
            "street" | "landmark" => *value = LONG.into(),
            _ => {}
        }
    }
    let placed = post(app, &mut guest, "/api/checkout/place", &borrowed(&form)).await;
    (location(&placed), guest)
}

#[sqlx::test(migrations = "../migrations")]
async fn hostile_text_is_shown_as_text_on_every_page_that_carries_it(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (admin, _) = app
        .person("Hostile Admin", "admin@example.com", "admin")
        .await;
    let (mut customer, customer_id) = app.person(SHORT, "customer@example.com", "customer").await;

    // Staff text: a category renamed through the admin console (an audited write), a
    // product's names and descriptions in an audited transaction, so the audit log
    // carries the text too.
    let sku = product(&pool, "hostile-lamp", 25_000, 20).await;
    let category_id: i64 =
        sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'c-hostile-lamp'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let renamed = post(
        &app,
        &mut admin.clone(),
        "/api/admin/categories/change",
        &[
            ("lang", "en"),
            ("change", "rename"),
            ("id", &category_id.to_string()),
            ("name_en", SHORT),
            ("name_ar", SHORT),
        ],
    )
    .await;
    assert_eq!(
        renamed.status(),
        StatusCode::OK,
        "{}",
        renamed.text().await.unwrap()
    );
    let mut tx = dokkan_audit::db::begin(
        &pool,
        &dokkan_audit::db::Who::tool("hostile-test"),
        dokkan_audit::Action::new("product.update"),
    )
    .await
    .unwrap();
    sqlx::query(
        "UPDATE products SET name_en = $1, name_ar = $1, description_en = $2, description_ar = $2, \
         brand = $1 WHERE handle = 'hostile-lamp'",
    )
    .bind(SHORT)
    .bind(LONG)
    .execute(&mut *tx)
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // Shopper text: an address book entry, a cart, an order's address; staff text: a note
    // on the order's timeline.
    let saved = post(
        &app,
        &mut customer,
        "/api/account/save-address",
        &[
            ("lang", "en"),
            ("id", ""),
            ("recipient", SHORT),
            ("phone", "01012345678"),
            ("governorate", "giza"),
            ("city", SHORT),
            ("street", LONG),
            ("building", "7"),
            ("floor", ""),
            ("apartment", ""),
            ("landmark", LONG),
        ],
    )
    .await;
    assert_eq!(
        saved.status(),
        StatusCode::OK,
        "{}",
        saved.text().await.unwrap()
    );
    let address_id: i64 = sqlx::query_scalar("SELECT id FROM addresses WHERE user_id = $1")
        .bind(customer_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let (order_path, guest) = hostile_order(&app, &sku).await;
    let number = order_path
        .trim_start_matches("/en/orders/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let noted = post(
        &app,
        &mut admin.clone(),
        "/api/admin/orders/event",
        &[
            ("lang", "en"),
            ("number", &number),
            ("event", "start_processing"),
            ("note", LONG),
        ],
    )
    .await;
    assert_eq!(
        noted.status(),
        StatusCode::OK,
        "{}",
        noted.text().await.unwrap()
    );

    let query: String = form_urlencoded::byte_serialize(LONG.as_bytes()).collect();
    for lang in ["en", "ar"] {
        let localized = |path: &str| path.replacen("/en/", &format!("/{lang}/"), 1);
        let pages: Vec<(&Session, String, Vec<&str>)> = vec![
            (&guest, format!("/{lang}/search?q={query}"), vec![LONG]),
            (&guest, format!("/{lang}/"), vec![SHORT]),
            (
                &guest,
                format!("/{lang}/categories/c-hostile-lamp"),
                vec![SHORT],
            ),
            (
                &guest,
                format!("/{lang}/products/hostile-lamp"),
                vec![SHORT, LONG],
            ),
            (&guest, format!("/{lang}/cart"), vec![SHORT]),
            (&guest, localized(&order_path), vec![SHORT, LONG]),
            (&customer, format!("/{lang}/account"), vec![SHORT]),
            (
                &customer,
                format!("/{lang}/account/addresses"),
                vec![SHORT, LONG],
            ),
            (
                &customer,
                format!("/{lang}/account/addresses/{address_id}/edit"),
                vec![SHORT, LONG],
            ),
            (&admin, format!("/{lang}/admin"), vec![]),
            (&admin, format!("/{lang}/admin/orders"), vec![SHORT]),
            (
                &admin,
                format!("/{lang}/admin/orders/{number}"),
                vec![SHORT, LONG],
            ),
            (
                &admin,
                format!("/{lang}/admin/orders/{number}/slip"),
                vec![SHORT, LONG],
            ),
            (&admin, format!("/{lang}/admin/customers"), vec![SHORT]),
            (
                &admin,
                format!("/{lang}/admin/customers/{customer_id}"),
                vec![SHORT],
            ),
            (&admin, format!("/{lang}/admin/audit"), vec![SHORT]),
            (&admin, format!("/{lang}/admin/products"), vec![SHORT]),
            (
                &admin,
                format!("/{lang}/admin/products/hostile-lamp"),
                vec![SHORT, LONG],
            ),
            (&admin, format!("/{lang}/admin/categories"), vec![SHORT]),
        ];
        for (session, path, shows) in pages {
            let (status, html) = page(&app, session, &path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_inert(&path, &html, &shows);
        }
    }

    // The title is where leptos_meta wrote text raw; it now reads back as typed.
    let (_, html) = page(&app, &guest, &format!("/en/search?q={query}")).await;
    let document = Html::parse_document(&html);
    let title: String = document
        .select(&Selector::parse("head > title").unwrap())
        .flat_map(|el| el.text())
        .collect();
    assert!(title.contains(LONG), "{title}");
}

/// leptos_meta 0.8.7 writes `<Title>`'s text into the head without escaping it (it
/// escapes attributes, not the title): the reason `Seo` escapes the title itself. When
/// this stops holding, `Seo` must stop escaping, or titles would show `&lt;`.
#[tokio::test]
async fn leptos_meta_writes_the_title_text_raw() {
    use futures::StreamExt;
    use leptos::prelude::*;
    use leptos_meta::{ServerMetaContext, Title};

    // Alone in its process (nextest), nothing else has started Leptos' executor.
    let _ = any_spawner::Executor::init_tokio();
    let owner = Owner::new();
    owner.set();
    let (meta, output) = ServerMetaContext::new();
    provide_context(meta);
    let _body = view! { <Title text="</title><b x-in>"/> }.to_html();
    let shell = futures::stream::iter(["<html><head></head><body></body></html>".to_string()]);
    let html: String = output.inject_meta_context(shell).await.collect().await;
    assert!(html.contains("<title></title><b x-in></title>"), "{html}");
}

/// Leptos (tachys 0.2.19) writes the children of `<textarea>` raw, as it does those of
/// `<script>` and `<style>`: the reason the product editor escapes its descriptions.
#[test]
fn leptos_writes_a_textarea_s_text_raw() {
    use leptos::prelude::*;
    let html = view! { <textarea>{"</textarea><b x-in>".to_string()}</textarea> }.to_html();
    assert!(
        html.contains("<textarea></textarea><b x-in></textarea>"),
        "{html}"
    );
}

/// Server functions decode their arguments before their body runs. Whatever the body,
/// the answer is never a 5xx and never carries the decoder's words; admin functions turn
/// away a visitor (401) and a customer (403) before reading anything.
#[sqlx::test(migrations = "../migrations")]
async fn every_server_function_answers_bad_calls_with_a_clean_4xx(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (customer, _) = app
        .person("Curious Customer", "customer@example.com", "customer")
        .await;
    let (staff, _) = app
        .person("Careless Staff", "staff@example.com", "staff")
        .await;
    let visitor = Session::default();

    let garbage: Vec<(&str, &str)> = [
        "lang",
        "id",
        "user_id",
        "role",
        "number",
        "event",
        "sku",
        "quantity",
        "handle",
        "page",
        "filter",
        "email",
        "password",
        "name",
        "disabled",
        "amount",
        "token",
        "change",
        "parent",
        "price",
        "stock",
        "variant_id",
        "code",
        "zone",
        "rate",
        "q",
        "next",
    ]
    .into_iter()
    .map(|name| (name, "\u{0}%ZZ-1e999<>{{}}\u{202E}"))
    .collect();
    let oversized = "x=".to_string() + &"a".repeat(3 * 1024 * 1024);
    // Words of our decoders and of Rust: none may reach a caller.
    let internal = [
        "deserializ",
        "missing field",
        "invalid type",
        "invalid digit",
        "unknown variant",
        "server function",
        "panicked",
        "sqlx",
        "expected",
    ];

    let paths: Vec<(&str, http::Method)> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(paths.len() > 40, "the registry lists every server function");
    let mut failures = Vec::new();
    for (path, method) in &paths {
        let admin_fn = path.starts_with("/api/admin/");
        let bodies: [(&str, Vec<u8>, &str); 4] = [
            ("empty", Vec::new(), "application/x-www-form-urlencoded"),
            (
                "garbage",
                form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&garbage)
                    .finish()
                    .into_bytes(),
                "application/x-www-form-urlencoded",
            ),
            (
                "not a form",
                b"{\"lang\": [1, {}".to_vec(),
                "application/json",
            ),
            (
                "oversized",
                oversized.clone().into_bytes(),
                "application/x-www-form-urlencoded",
            ),
        ];
        for (who, session) in [
            ("visitor", &visitor),
            ("customer", &customer),
            ("staff", &staff),
        ] {
            for (kind, body, content_type) in &bodies {
                let request = app
                    .client
                    .request(method.clone(), app.url(path))
                    .header(header::ACCEPT, "application/json")
                    .header(header::CONTENT_TYPE, *content_type)
                    .body(body.clone());
                let response = session.apply(request).send().await.unwrap();
                let status = response.status();
                let text = response.text().await.unwrap();
                let what = format!("{path} as {who} with a {kind} body: {status} {text}");
                let mut wrong = Vec::new();
                if status.is_server_error() {
                    wrong.push("a server error");
                }
                let lower = text.to_lowercase();
                if internal.iter().any(|word| lower.contains(word)) {
                    wrong.push("internal words");
                }
                if status.is_client_error()
                    && serde_json::from_str::<app::error::AppError>(&text).is_err()
                {
                    wrong.push("not our error body");
                }
                if admin_fn && who == "visitor" && status != StatusCode::UNAUTHORIZED {
                    wrong.push("not 401 for a visitor");
                }
                if admin_fn && who == "customer" && status != StatusCode::FORBIDDEN {
                    wrong.push("not 403 for a customer");
                }
                if !wrong.is_empty() {
                    failures.push(format!("{what} ({})", wrong.join(", ")));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} bad answers:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // The two calls the report named.
    let response = app
        .post_form("/api/admin/set-role", &[("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = staff
        .apply(app.post_form("/api/admin/set-role", &[("lang", "en")]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(response.text().await.unwrap(), r#"{"kind":"BadRequest"}"#);
}
