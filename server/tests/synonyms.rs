//! The shop's own search synonyms over real HTTP: who may add and remove them, the audit
//! each change leaves, the form's field errors in both languages (with and without JS),
//! the admin page, and what a rule does to a shopper's search.

mod common;

use common::{
    shop::{location, page, post, product},
    Session, TestApp,
};
use reqwest::{header, StatusCode};
use serde_json::Value;
use sqlx::PgPool;

const ADD: &str = "/api/admin/search/synonyms/add";
const REMOVE: &str = "/api/admin/search/synonyms/remove";
const LIST: &str = "/api/admin/search/synonyms";

async fn last_audit(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM audit_log")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// (action, entity, entity id, actor, term before, term after) of the entries after `id`.
type Logged = (
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
);

async fn audit_after(pool: &PgPool, id: i64) -> Vec<Logged> {
    sqlx::query_as(
        "SELECT action, entity, entity_id, actor_user_id, before ->> 'term', after ->> 'term' \
           FROM audit_log WHERE id > $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn rules(pool: &PgPool) -> Vec<(i64, String, Vec<String>, bool)> {
    sqlx::query_as("SELECT id, term, equivalents, two_way FROM search_synonyms ORDER BY id")
        .fetch_all(pool)
        .await
        .unwrap()
}

/// The field → message pairs of a refused form's JSON answer.
fn field_errors(body: &Value) -> Vec<(String, String)> {
    body["form"]["fields"]
        .as_array()
        .unwrap_or_else(|| panic!("no field errors in {body}"))
        .iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap().to_string(),
                pair[1].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn kept(body: &Value, field: &str) -> Option<String> {
    body["form"]["values"]
        .as_array()?
        .iter()
        .find(|pair| pair[0] == field)
        .map(|pair| pair[1].as_str().unwrap().to_string())
}

/// Whether the form's "both directions" box is ticked.
fn two_way_ticked(html: &str) -> bool {
    let at = html
        .find(r#"id="synonym-two-way""#)
        .expect("the two-way box");
    let start = html[..at].rfind('<').unwrap();
    let end = at + html[at..].find('>').unwrap();
    html[start..end].contains("checked")
}

async fn json(response: reqwest::Response) -> Value {
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A plain form post from a browser without JS, from the synonyms page.
async fn plain(
    app: &TestApp,
    session: &Session,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    session
        .apply(
            app.client
                .post(app.url(path))
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, app.url("/en/admin/search/synonyms"))
                .form(form),
        )
        .send()
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_add_and_remove_synonyms_and_every_change_is_audited(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (mut customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let (mut staff, staff_id) = app.person("Sami", "s@example.com", "staff").await;
    let rule = [
        ("lang", "en"),
        ("term", "zorba"),
        ("equivalents", "pendulum, wall clock،ساعة حائط"),
        ("two_way", "on"),
    ];

    // Only the back office: a visitor is asked to sign in, a customer is refused, and
    // neither writes anything.
    let mut visitor = Session::default();
    assert_eq!(
        post(&app, &mut visitor, ADD, &rule).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(&app, &mut customer, ADD, &rule).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        post(&app, &mut visitor, LIST, &[]).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        post(&app, &mut customer, LIST, &[]).await.status(),
        StatusCode::FORBIDDEN
    );
    assert!(rules(&pool).await.is_empty());
    assert_eq!(last_audit(&pool).await, 0);
    let (status, _) = page(&app, &customer, "/en/admin/search/synonyms").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Staff add a rule: stored tidied (both kinds of comma), listed, and audited.
    let added = post(&app, &mut staff, ADD, &rule).await;
    assert_eq!(added.status(), StatusCode::OK);
    let stored = rules(&pool).await;
    assert_eq!(stored.len(), 1);
    let (id, term, equivalents, two_way) = stored[0].clone();
    assert_eq!(term, "zorba");
    assert_eq!(equivalents, ["pendulum", "wall clock", "ساعة حائط"]);
    assert!(two_way);
    let listed = json(post(&app, &mut staff, LIST, &[]).await).await;
    assert_eq!(listed[0]["id"], id);
    assert_eq!(listed[0]["term"], "zorba");
    assert_eq!(listed[0]["equivalents"][1], "wall clock");
    assert_eq!(listed[0]["two_way"], true);
    assert_eq!(
        audit_after(&pool, 0).await,
        [(
            "search.synonym.add".to_string(),
            "search_synonyms".to_string(),
            id.to_string(),
            Some(staff_id),
            None,
            Some("zorba".to_string()),
        )]
    );

    // The same word again (however it is written) is a field error in the form's
    // language, with what was typed kept; nothing is written.
    let before = last_audit(&pool).await;
    for (lang, term, says) in [
        ("en", " Zorba ", "already has a rule"),
        ("ar", "ZORBA", "ليها قاعدة بالفعل"),
    ] {
        let again = post(
            &app,
            &mut staff,
            ADD,
            &[("lang", lang), ("term", term), ("equivalents", "clock")],
        )
        .await;
        assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY, "{lang}");
        let body = json(again).await;
        let errors = field_errors(&body);
        assert_eq!(errors.len(), 1, "{lang}: {body}");
        assert_eq!(errors[0].0, "term", "{lang}");
        assert!(errors[0].1.contains(says), "{lang}: {body}");
        assert_eq!(kept(&body, "term").as_deref(), Some(term), "{lang}");
        assert_eq!(kept(&body, "equivalents").as_deref(), Some("clock"));
        assert_eq!(kept(&body, "two_way").as_deref(), Some(""), "unticked");
    }

    // Bad input: every field's problem at once, in the form's language.
    for (form, fields) in [
        (vec![("lang", "en")], vec!["term", "equivalents"]),
        (
            vec![("lang", "en"), ("term", ""), ("equivalents", "")],
            vec!["term", "equivalents"],
        ),
        (
            vec![("lang", "en"), ("term", "kettle"), ("equivalents", " , ، ")],
            vec!["equivalents"],
        ),
        (
            vec![
                ("lang", "en"),
                ("term", "kettle"),
                ("equivalents", "KETTLE"),
            ],
            vec!["equivalents"],
        ),
        (
            vec![
                ("lang", "en"),
                ("term", "one two three four"),
                ("equivalents", "kettle"),
            ],
            vec!["term"],
        ),
        (
            vec![("lang", "ar"), ("term", "!!"), ("equivalents", "غلاية")],
            vec!["term"],
        ),
    ] {
        let refused = post(&app, &mut staff, ADD, &form).await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{form:?}"
        );
        let body = json(refused).await;
        let errors = field_errors(&body);
        let named: Vec<&str> = errors.iter().map(|(field, _)| field.as_str()).collect();
        assert_eq!(named, fields, "{form:?}: {body}");
        assert!(
            errors.iter().all(|(_, message)| !message.is_empty()),
            "{body}"
        );
        if form[0].1 == "ar" {
            assert!(errors[0].1.contains("اكتب كلمة"), "{body}");
        } else {
            assert!(body["form"]["message"]
                .as_str()
                .unwrap()
                .contains("correct"));
        }
    }
    assert_eq!(rules(&pool).await.len(), 1);
    assert_eq!(last_audit(&pool).await, before, "refusals write nothing");

    // Without JS the browser comes back to the page, which shows the problem beside the
    // field and what was typed.
    let refused = plain(
        &app,
        &staff,
        ADD,
        &[
            ("lang", "en"),
            ("term", "zorba"),
            ("equivalents", "timepiece"),
        ],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::FOUND);
    let back = location(&refused);
    assert!(back.contains("__err"), "{back}");
    let back = back.trim_start_matches(&app.base).to_string();
    let (status, html) = page(&app, &staff, &back).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"id="synonym-term-error""#), "{html}");
    assert!(html.contains("This word already has a rule."));
    assert!(
        html.contains(r#"value="timepiece""#),
        "the typed value is kept"
    );
    assert!(html.contains(r#"aria-invalid="true""#));
    assert!(!two_way_ticked(&html), "it was unticked");

    // The page, in both languages: the explanation, the form, the rule.
    for (lang, dir, title, direction) in [
        ("en", "ltr", "Search synonyms", "Both directions"),
        ("ar", "rtl", "كلمات البحث", "في الاتجاهين"),
    ] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/search/synonyms")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(html.contains(&format!(r#"dir="{dir}""#)), "{lang}");
        assert!(html.contains(title), "{lang}");
        assert!(html.contains(r#"data-testid="synonym-form""#), "{lang}");
        assert!(
            html.contains(r#"action="/api/admin/search/synonyms/add""#),
            "{lang}: a plain form"
        );
        assert!(html.contains("wall clock"), "{lang}");
        assert!(
            html.contains(&format!(r#"data-testid="synonym-direction">{direction}<"#)),
            "{lang}"
        );
        assert!(
            two_way_ticked(&html),
            "{lang}: both directions unless unticked"
        );
        assert!(
            html.contains(&format!(
                r#"href="/{lang}/admin/search/synonyms" aria-current="page""#
            )),
            "{lang}: in the console's navigation"
        );
    }

    // Removed: gone, audited with what it was; removing it again is a 404.
    let before = last_audit(&pool).await;
    let id_text = id.to_string();
    let removed = post(
        &app,
        &mut staff,
        REMOVE,
        &[("lang", "en"), ("id", &id_text)],
    )
    .await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert!(rules(&pool).await.is_empty());
    assert_eq!(
        audit_after(&pool, before).await,
        [(
            "search.synonym.remove".to_string(),
            "search_synonyms".to_string(),
            id.to_string(),
            Some(staff_id),
            Some("zorba".to_string()),
            None,
        )]
    );
    let again = post(
        &app,
        &mut staff,
        REMOVE,
        &[("lang", "en"), ("id", &id_text)],
    )
    .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        post(
            &app,
            &mut customer,
            REMOVE,
            &[("lang", "en"), ("id", &id_text)]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );

    // Plain forms are sent back to the page with a notice, in the form's language.
    let added = plain(
        &app,
        &staff,
        ADD,
        &[
            ("lang", "ar"),
            ("term", "فانوس"),
            ("equivalents", "lantern"),
        ],
    )
    .await;
    assert_eq!(location(&added), "/ar/admin/search/synonyms?added=1");
    let (_, html) = page(&app, &staff, "/ar/admin/search/synonyms?added=1").await;
    assert!(html.contains("القاعدة اتضافت"));
    assert!(
        html.contains(r#"data-testid="synonym-direction">اتجاه واحد<"#),
        "without two_way: one way"
    );
    let new_id = rules(&pool).await[0].0.to_string();
    let removed = plain(&app, &staff, REMOVE, &[("lang", "ar"), ("id", &new_id)]).await;
    assert_eq!(location(&removed), "/ar/admin/search/synonyms?removed=1");

    let actions: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(actions, ["search.synonym.add", "search.synonym.remove"]);
}

/// `GET /api/v1/products?q=…`: the total and the first product's address.
async fn search(app: &TestApp, q: &str) -> (u64, Option<String>) {
    let response = app
        .get(&format!("/api/v1/products?q={q}&lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{q}");
    let body = json(response).await;
    let total = body["total"].as_u64().unwrap_or_else(|| panic!("{body}"));
    let first = body["items"][0]["url"].as_str().map(str::to_string);
    (total, first)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_shop_rule_lets_shoppers_find_products_by_their_own_word(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (mut staff, _) = app.person("Sami", "s@example.com", "staff").await;
    // A category to file the product under (from a product of its own).
    product(&pool, "shelf-lamp", 10_000, 3).await;
    let category: i64 =
        sqlx::query_scalar("SELECT category_id FROM products WHERE handle = 'shelf-lamp'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let category = category.to_string();
    let saved = post(
        &app,
        &mut staff,
        "/api/admin/products/save",
        &[
            ("form[lang]", "en"),
            ("form[handle]", "pendulum-wall-clock"),
            ("form[name_en]", "Pendulum wall clock"),
            ("form[name_ar]", "ساعة حائط ببندول"),
            ("form[category_id]", &category),
            ("form[published]", "on"),
            ("form[variants][0][sku]", "CLOCK-1"),
            ("form[variants][0][price]", "950"),
            ("form[variants][0][stock]", "4"),
        ],
    )
    .await;
    assert!(saved.status().is_success(), "{}", saved.status());
    assert_eq!(search(&app, "pendulum").await.0, 1, "the product is found");
    assert_eq!(search(&app, "zorba").await, (0, None), "before the rule");

    let added = post(
        &app,
        &mut staff,
        ADD,
        &[
            ("lang", "en"),
            ("term", "zorba"),
            ("equivalents", "pendulum"),
        ],
    )
    .await;
    assert_eq!(added.status(), StatusCode::OK);
    let (total, url) = search(&app, "zorba").await;
    assert_eq!(total, 1, "the shop's word finds the product");
    assert!(
        url.as_deref()
            .is_some_and(|u| u.ends_with("/products/pendulum-wall-clock")),
        "{url:?}"
    );

    let id: i64 = sqlx::query_scalar("SELECT id FROM search_synonyms")
        .fetch_one(&pool)
        .await
        .unwrap();
    let removed = post(
        &app,
        &mut staff,
        REMOVE,
        &[("lang", "en"), ("id", &id.to_string())],
    )
    .await;
    assert_eq!(removed.status(), StatusCode::OK);
    assert_eq!(search(&app, "zorba").await, (0, None), "after the rule");
}
