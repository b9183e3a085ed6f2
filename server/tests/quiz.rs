//! Taste quizzes over HTTP: the steps as plain pages, finishing (answers kept on the
//! account, the consenting visitor or this visit), the picks with their reasons, "for
//! you" from the answers, forgetting them, and the admin's editor (audited, and a
//! published quiz stays one shoppers can take).

mod common;

use common::{
    shop::{location, page, post},
    visitors::{consented, cookie, set_cookies, settle},
    TestApp,
};
use reqwest::{header, StatusCode};
use sqlx::PgPool;

const QUIZ: &str = "/en/quiz/gift-finder";
const FINISH: &str = "/api/quiz/finish";
const CLEAR: &str = "/api/quiz/clear";

/// The demo quiz's answer ids, question by question.
async fn answers(pool: &PgPool) -> Vec<Vec<i64>> {
    let rows: Vec<(i32, i64)> = sqlx::query_as(
        "SELECT q.position, a.id FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id \
          ORDER BY q.position, a.position",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out: Vec<Vec<i64>> = Vec::new();
    for (position, id) in rows {
        if out.len() < position as usize {
            out.push(Vec::new());
        }
        out.last_mut().unwrap().push(id);
    }
    out
}

/// A browser without JS posting the last step, with the given cookies.
async fn finish(
    app: &TestApp,
    cookies: &str,
    lang: &str,
    a: &str,
    pick: &str,
) -> reqwest::Response {
    app.client
        .post(app.url(FINISH))
        .header(header::ACCEPT, "text/html")
        .header(header::ORIGIN, &app.base)
        .header(
            header::REFERER,
            app.url(&format!("/{lang}/quiz/gift-finder")),
        )
        .header(header::COOKIE, cookies)
        .form(&[
            ("lang", lang),
            ("slug", "gift-finder"),
            ("a", a),
            ("pick", pick),
        ])
        .send()
        .await
        .unwrap()
}

fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[sqlx::test(migrations = "../migrations")]
async fn a_shopper_walks_the_quiz_step_by_step_and_gets_picks_with_reasons(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let ids = answers(&pool).await;
    assert_eq!(ids.iter().map(Vec::len).collect::<Vec<_>>(), vec![4, 4, 3]);

    let (status, html) = app.page(QUIZ).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&html).contains("Question 1 of 3"), "{}", text(&html));
    assert!(html.contains(r#"type="radio""#) && html.contains(r#"method="get""#));

    // Next is a GET with the answers so far; in Arabic, with Arabic digits.
    let (status, html) = app
        .page(&format!("/ar/quiz/gift-finder?a=&pick={}", ids[0][0]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&html).contains("السؤال ٢ من ٣"), "{}", text(&html));
    assert!(html.contains(&format!(r#"name="a" value="{}""#, ids[0][0])));
    // Back goes to the first question with the answer chosen.
    assert!(
        html.contains(&format!("?a={}&amp;at=0", ids[0][0])),
        "a back link"
    );
    let (_, back) = app.page(&format!("{QUIZ}?a={}&at=0", ids[0][0])).await;
    assert!(text(&back).contains("Question 1 of 3"));
    assert!(
        back.contains(&format!(r#"value="{}" required checked"#, ids[0][0]))
            || back.contains(&format!(r#"value="{}" required="" checked"#, ids[0][0])),
        "the answer is kept"
    );

    // An answer of another question (a tampered link) is asked again, not taken.
    let (status, html) = app.page(&format!("{QUIZ}?a=&pick={}", ids[2][0])).await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&html).contains("Question 1 of 3"));
    assert!(html.contains(r#"data-testid="quiz-problem""#));

    // The last step posts; without consent the answers are this visit's cookie.
    let path = format!("{}.{}", ids[0][0], ids[1][0]);
    let response = finish(&app, "", "en", &path, &ids[2][0].to_string()).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let full = format!("{path}.{}", ids[2][0]);
    assert_eq!(location(&response), format!("{QUIZ}/result?a={full}"));
    let cookies = set_cookies(&response);
    assert_eq!(cookie(&cookies, "dokkan_taste"), Some(full.as_str()));
    let taste = cookies
        .iter()
        .find(|c| c.starts_with("dokkan_taste="))
        .unwrap();
    assert!(
        taste.contains("HttpOnly") && !taste.contains("Max-Age"),
        "a session cookie: {taste}"
    );
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM quiz_responses")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(stored, 0, "nothing stored without consent or an account");
    settle(
        &pool,
        "SELECT count(*) FROM events WHERE kind = 'quiz_completed'",
        1,
    )
    .await;

    // A missing answer goes back to the step with the reason, keeping nothing.
    let response = finish(&app, "", "en", &path, "").await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(location(&response).contains("/en/quiz/gift-finder"));

    // "For him", sport, under EGP 500: men's and sport products within budget first,
    // each with the answers that brought it in, and a form to add it.
    let (status, html) = app.page(&format!("{QUIZ}/result?a={full}")).await;
    assert_eq!(status, StatusCode::OK);
    let picks = html.matches(r#"data-testid="quiz-because""#).count();
    assert!(picks >= 4, "{picks} picks");
    assert_eq!(html.matches(r#"action="/api/cart/add""#).count(), picks);
    let page = text(&html);
    assert!(page.contains("Because you chose “For him”"), "{page}");
    assert!(page.contains("Under EGP 500"));
    let in_men: Vec<(String, i64)> = sqlx::query_as(
        "WITH RECURSIVE men AS (SELECT id FROM categories WHERE name_en = 'Men' \
           UNION SELECT c.id FROM categories c JOIN men ON c.parent_id = men.id) \
         SELECT p.handle, p.price_minor FROM products p WHERE p.category_id IN (SELECT id FROM men)",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let first = html.split(r#"href="/en/products/"#).nth(1).unwrap();
    let first = &first[..first.find('"').unwrap()];
    let (_, price) = in_men
        .iter()
        .find(|(h, _)| h == first)
        .expect("the first pick is for him");
    assert!(*price <= 50_000, "and within the budget");

    // A path that does not finish the quiz has no result.
    let (status, _) = app.page(&format!("{QUIZ}/result?a={path}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = app.page("/en/quiz/no-such-quiz").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrations = "../migrations")]
async fn answers_are_kept_on_the_account_feed_for_you_and_can_be_forgotten(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let ids = answers(&pool).await;
    let mut session = app
        .register("Mona", "mona@example.com", common::PASSWORD)
        .await;
    // A new account: "trending", not a personal list.
    let (_, home) = page(&app, &session, "/en").await;
    assert!(!home.contains("Picked for you"));

    // For someone who loves gadgets, coffee and tea, over EGP 1,500.
    let path = format!("{}.{}", ids[0][3], ids[1][1]);
    let response = finish(
        &app,
        &session.cookie_header(),
        "en",
        &path,
        &ids[2][2].to_string(),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FOUND);
    let stored: Vec<i64> = sqlx::query_scalar(
        "SELECT unnest(answer_ids) FROM quiz_responses WHERE user_id IS NOT NULL",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(stored, vec![ids[0][3], ids[1][1], ids[2][2]]);
    let (_, result) = page(
        &app,
        &session,
        &format!("{QUIZ}/result?a={path}.{}", ids[2][2]),
    )
    .await;
    assert!(text(&result).contains("saved to your account"));

    // "For you" now comes from the answers: electronics and coffee.
    let (_, home) = page(&app, &session, "/en").await;
    assert!(
        home.contains("Picked for you"),
        "the home page's list is personal now"
    );
    let section = &home[home.find(r#"data-testid="for-you""#).unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let handles: Vec<&str> = section
        .split(r#"href="/en/products/"#)
        .skip(1)
        .map(|s| &s[..s.find('?').unwrap()])
        .collect();
    let wanted: Vec<String> = sqlx::query_scalar(
        "SELECT p.handle FROM products p JOIN categories c ON c.id = p.category_id \
           LEFT JOIN categories top ON top.id = c.parent_id \
          WHERE 'Electronics' IN (c.name_en, top.name_en) OR c.name_en = 'Coffee & Tea'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert!(!handles.is_empty());
    let hits = handles
        .iter()
        .filter(|h| wanted.iter().any(|w| w == *h))
        .count();
    assert!(
        hits * 2 > handles.len(),
        "{hits} of {handles:?} from the answers"
    );

    // The account page lists the quiz with its answers; forgetting removes them.
    let (_, account) = page(&app, &session, "/en/account").await;
    assert!(text(&account).contains("Find the right gift"));
    assert!(text(&account).contains("For someone who loves gadgets"));
    let quiz_id: i64 = sqlx::query_scalar("SELECT id FROM quizzes")
        .fetch_one(&pool)
        .await
        .unwrap();
    let response = post(
        &app,
        &mut session,
        CLEAR,
        &[
            ("lang", "en"),
            ("quiz_id", &quiz_id.to_string()),
            ("back", "/en/account"),
        ],
    )
    .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM quiz_responses")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let (_, account) = page(&app, &session, "/en/account").await;
    assert!(account.contains(r#"data-testid="taste-none""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_visitor_who_signs_up_brings_their_answers(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let ids = answers(&pool).await;
    let jar = consented(&app).await;
    let path = format!("{}.{}", ids[0][1], ids[1][2]);
    let response = finish(&app, &jar, "ar", &path, &ids[2][0].to_string()).await;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert!(
        cookie(&set_cookies(&response), "dokkan_taste").is_none(),
        "stored, not in a cookie"
    );
    let visitor: Option<String> =
        sqlx::query_scalar("SELECT visitor_id FROM quiz_responses WHERE user_id IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(visitor.is_some());
    let response = app
        .client
        .post(app.url("/api/account/register"))
        .header(header::ACCEPT, "application/json")
        .header(header::COOKIE, &jar)
        .form(&[
            ("lang", "ar"),
            ("name", "Hoda"),
            ("email", "hoda@example.com"),
            ("password", common::PASSWORD),
            ("phone", ""),
            ("preferred_locale", "ar"),
        ])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success());
    let owner: Option<i64> = sqlx::query_scalar("SELECT user_id FROM quiz_responses")
        .fetch_one(&pool)
        .await
        .unwrap();
    let hoda: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'hoda@example.com'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(owner, Some(hoda));
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_edit_quizzes_and_a_published_one_stays_takeable(pool: PgPool) {
    let app = TestApp::seeded(pool.clone()).await;
    let (mut customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let (mut staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let new_quiz = [
        ("lang", "en"),
        ("slug", "coffee-finder"),
        ("title_en", "Find your coffee"),
        ("title_ar", "اختار قهوتك"),
        ("intro_en", ""),
        ("intro_ar", ""),
    ];
    assert_eq!(
        post(&app, &mut customer, "/api/admin/quizzes/create", &new_quiz)
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert!(
        post(&app, &mut staff, "/api/admin/quizzes/create", &new_quiz)
            .await
            .status()
            .is_success()
    );
    // The same address twice is a field error.
    let again = post(&app, &mut staff, "/api/admin/quizzes/create", &new_quiz).await;
    assert_eq!(again.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again
        .text()
        .await
        .unwrap()
        .contains("Another quiz has this address"));
    let quiz_id: i64 = sqlx::query_scalar("SELECT id FROM quizzes WHERE slug = 'coffee-finder'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let quiz = quiz_id.to_string();
    // A draft is for staff only.
    assert_eq!(
        app.page("/en/quiz/coffee-finder").await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        page(&app, &staff, "/en/quiz/coffee-finder").await.0,
        StatusCode::OK
    );

    let response = post(
        &app,
        &mut staff,
        "/api/admin/quizzes/question",
        &[
            ("lang", "en"),
            ("quiz_id", &quiz),
            ("position", ""),
            ("text_en", "How do you take it?"),
            ("text_ar", "بتشربها إزاي؟"),
        ],
    )
    .await;
    assert!(response.status().is_success(), "{}", response.status());
    let question: i64 = sqlx::query_scalar("SELECT id FROM quiz_questions WHERE quiz_id = $1")
        .bind(quiz_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    let answer = |en: &'static str, categories: &'static str, tags: &'static str| {
        let question = question.to_string();
        let quiz = quiz.clone();
        move |extra: &'static str| {
            vec![
                ("lang", "en".to_string()),
                ("quiz_id", quiz.clone()),
                ("question_id", question.clone()),
                ("position", String::new()),
                ("text_en", en.to_string()),
                ("text_ar", format!("{en} ع")),
                ("categories", categories.to_string()),
                ("tags", tags.to_string()),
                ("price_min", extra.to_string()),
                ("price_max", String::new()),
            ]
        }
    };
    // An unknown category and a bad weight are named.
    let bad = answer("Strong", "no-such-category", "coffee:9")("");
    let form: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = post(&app, &mut staff, "/api/admin/quizzes/answer", &form).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = response.text().await.unwrap();
    assert!(body.contains("coffee:9"), "{body}");
    let coffee: String =
        sqlx::query_scalar("SELECT slug FROM categories WHERE name_en = 'Coffee & Tea'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let good = answer("Strong", "", "espresso:2, coffee")("");
    let form: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(post(&app, &mut staff, "/api/admin/quizzes/answer", &form)
        .await
        .status()
        .is_success());

    // One answer is not a choice: publishing is refused, and nothing changes.
    let publish = [("lang", "en"), ("quiz_id", quiz.as_str()), ("publish", "1")];
    let response = post(&app, &mut staff, "/api/admin/quizzes/publish", &publish).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("at least two answers"));
    let category = format!("{coffee}:2");
    let second = vec![
        ("lang", "en".to_string()),
        ("quiz_id", quiz.clone()),
        ("question_id", question.to_string()),
        ("position", String::new()),
        ("text_en", "With milk".to_string()),
        ("text_ar", "بلبن".to_string()),
        ("categories", category),
        ("tags", String::new()),
        ("price_min", String::new()),
        ("price_max", "300".to_string()),
    ];
    let form: Vec<(&str, &str)> = second.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert!(post(&app, &mut staff, "/api/admin/quizzes/answer", &form)
        .await
        .status()
        .is_success());
    assert!(
        post(&app, &mut staff, "/api/admin/quizzes/publish", &publish)
            .await
            .status()
            .is_success()
    );
    assert_eq!(app.page("/en/quiz/coffee-finder").await.0, StatusCode::OK);

    // Deleting an answer that would leave one is refused while published.
    let first_answer: i64 =
        sqlx::query_scalar("SELECT min(id) FROM quiz_answers WHERE question_id = $1")
            .bind(question)
            .fetch_one(&pool)
            .await
            .unwrap();
    let response = post(
        &app,
        &mut staff,
        "/api/admin/quizzes/answer/delete",
        &[
            ("lang", "en"),
            ("quiz_id", &quiz),
            ("answer_id", &first_answer.to_string()),
        ],
    )
    .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let answers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM quiz_answers WHERE question_id = $1")
            .bind(question)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(answers, 2);

    // The editor shows it all; every write is in the audit log.
    let (status, html) = page(&app, &staff, "/en/admin/quizzes/coffee-finder").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("espresso:2, coffee"),
        "the weights as they were typed"
    );
    assert_eq!(
        page(&app, &customer, "/en/admin/quizzes").await.0,
        StatusCode::FORBIDDEN
    );
    let actions: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT action FROM audit_log WHERE action LIKE 'quiz.%' ORDER BY action",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        actions,
        [
            "quiz.answer",
            "quiz.create",
            "quiz.publish",
            "quiz.question"
        ]
    );
}
