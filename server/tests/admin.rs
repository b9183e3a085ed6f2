//! The admin console over real HTTP: the role matrix over every admin server function,
//! the audit log each write leaves, staff moving an order with plain forms, the
//! dashboard, lists and filters, in both languages.

mod common;

use common::{
    shop::{borrowed, guest_at_checkout, location, order_form, page, post, product},
    Session, TestApp,
};
use reqwest::{header, StatusCode};
use sqlx::PgPool;
use std::collections::BTreeSet;

/// A guest's cash-on-delivery order of `quantity` × EGP `price`; returns its number.
async fn cod_order(app: &TestApp, handle: &str, price_minor: i64, quantity: &str) -> String {
    let sku = product(&app.pool, handle, price_minor, 50).await;
    let (mut guest, html) = guest_at_checkout(app, &sku, quantity).await;
    let placed = post(
        app,
        &mut guest,
        "/api/checkout/place",
        &borrowed(&order_form(&html, "cod")),
    )
    .await;
    let to = location(&placed);
    to.trim_start_matches("/en/orders/")
        .split('?')
        .next()
        .unwrap()
        .to_string()
}

async fn audit_after(pool: &PgPool, id: i64) -> Vec<(String, Option<i64>, Option<String>, String)> {
    sqlx::query_as(
        "SELECT action, actor_user_id, host(ip), entity FROM audit_log WHERE id > $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn last_audit(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM audit_log")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A multipart body (reqwest here has no multipart feature), as a browser sends a form
/// with a file: `file` carries `csv`, the others are plain fields.
/// A 4 × 4 PNG, for picture uploads; a form value of [`PNG`] sends these bytes.
const TINY_PNG: [u8; 73] = [
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0,
    0, 0, 38, 147, 9, 41, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 56, 17, 160, 1, 71, 12, 196,
    113, 0, 18, 82, 20, 1, 20, 97, 184, 5, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];
const PNG: &str = "<tiny png>";

/// A write went through: 200, or the redirect a form gets.
fn done(response: &reqwest::Response) -> bool {
    response.status().is_success() || response.status().is_redirection()
}

fn multipart(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "dokkan-test-boundary-7d1f";
    let mut body = Vec::new();
    for (name, value) in fields {
        let file = if *name == "file" {
            "; filename=\"products.csv\"\r\nContent-Type: text/csv"
        } else {
            ""
        };
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{file}\r\n\r\n"
            )
            .as_bytes(),
        );
        if *value == PNG {
            body.extend_from_slice(&TINY_PNG);
        } else {
            body.extend_from_slice(value.as_bytes());
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// One product row of the import format; `price` may be made bad on purpose.
fn csv_row(handle: &str, sku: &str, price: &str) -> String {
    format!(
        "{handle},Clay jug,إبريق فخار,Hand-made in Fayoum.,صناعة يدوية من الفيوم.,Home > Kitchen,المنزل > المطبخ,Fayoum Crafts,,,,,,,,,,{sku},{price},,7,"
    )
}

fn csv(rows: &[String]) -> String {
    let mut text = dokkan_catalog::csv::HEADER.join(",");
    for row in rows {
        text.push_str("\r\n");
        text.push_str(row);
    }
    text.push_str("\r\n");
    text
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Needs {
    Staff,
    Admin,
}

#[sqlx::test(migrations = "../migrations")]
async fn every_admin_server_function_checks_the_stored_role_and_every_write_is_audited(
    pool: PgPool,
) {
    let app = TestApp::spawn(pool.clone()).await;
    let (customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let (staff, staff_id) = app.person("Sami", "s@example.com", "staff").await;
    let (admin, admin_id) = app.person("Amal", "a@example.com", "admin").await;
    let (_, target) = app.person("Tarek", "t@example.com", "customer").await;
    let number = cod_order(&app, "matrix-lamp", 20_000, "1").await;
    let target_id = target.to_string();
    let staff_csv = csv(&[csv_row("staff-jug", "STAFF-JUG", "150")]);
    let category: i64 =
        sqlx::query_scalar("SELECT category_id FROM products WHERE handle = 'matrix-lamp'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let category = category.to_string();
    let picture: i64 = sqlx::query_scalar(
        "INSERT INTO product_images (product_id, position, path, alt_en, alt_ar) \
         SELECT id, 0, '/media/old.png', 'Lamp', 'أباجورة' FROM products WHERE handle = 'matrix-lamp' \
         RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let picture = picture.to_string();
    let zones: Vec<i64> = sqlx::query_scalar("SELECT id FROM shipping_zones ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let (zone1, zone2) = (zones[0].to_string(), zones[1].to_string());
    let product_form = |handle: &'static str, sku: &'static str| {
        vec![
            ("form[lang]", "en"),
            ("form[handle]", handle),
            ("form[name_en]", "Reed basket"),
            ("form[name_ar]", "سلة خوص"),
            ("form[category_id]", category.as_str()),
            ("form[published]", "on"),
            ("form[variants][0][sku]", sku),
            ("form[variants][0][price]", "85"),
            ("form[variants][0][stock]", "4"),
        ]
    };
    let admin_csv = csv(&[csv_row("admin-jug", "ADMIN-JUG", "175.50")]);
    // Two search rules to remove (written outside an audited transaction: not logged).
    let rule = |term: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO search_synonyms (term, term_key, equivalents) \
                 VALUES ($1, $1, '{lamp}') RETURNING id",
            )
            .bind(term)
            .fetch_one(&pool)
            .await
            .unwrap()
            .to_string()
        }
    };
    let (rule1, rule2) = (rule("staffrule").await, rule("adminrule").await);
    // Two mails the mail server refused, to queue again.
    let failed_mail = |to: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO mail_outbox (kind, recipient, subject, body_text, state, failed_at, attempts) \
                 VALUES ('verify-email', $1, 'Verify', 'text', 'failed', now(), 1) RETURNING id",
            )
            .bind(to)
            .fetch_one(&pool)
            .await
            .unwrap()
            .to_string()
        }
    };
    let (mail1, mail2) = (
        failed_mail("one@example.com").await,
        failed_mail("two@example.com").await,
    );
    let experiment: String = sqlx::query_scalar(
        "SELECT id::text FROM experiments WHERE key = 'product-recommendations'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();

    // Quizzes to edit (written outside an audited transaction: not logged): one with a
    // question and three answers, two spare questions, two spare quizzes to delete.
    let quiz_row = |slug: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO quizzes (slug, title_en, title_ar) VALUES ($1, 'Q', 'س') RETURNING id",
            )
            .bind(slug)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let quiz_id = quiz_row("matrix-quiz").await;
    let question_row = || {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO quiz_questions (quiz_id, text_en, text_ar) VALUES ($1, 'Which?', 'أيهم؟') RETURNING id",
            )
            .bind(quiz_id)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let (question1, question2, question3) = (
        question_row().await,
        question_row().await,
        question_row().await,
    );
    let answer_row = || {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(
                "INSERT INTO quiz_answers (question_id, text_en, text_ar, tags) \
                 VALUES ($1, 'Lamps', 'أباجورات', '{\"lamp\": 1}') RETURNING id",
            )
            .bind(question1)
            .fetch_one(&pool)
            .await
            .unwrap()
            .to_string()
        }
    };
    let (answer1, answer2, answer3) = (answer_row().await, answer_row().await, answer_row().await);
    let (quiz, question1, question2, question3) = (
        quiz_id.to_string(),
        question1.to_string(),
        question2.to_string(),
        question3.to_string(),
    );
    let (spare1, spare2) = (
        quiz_row("spare-one").await.to_string(),
        quiz_row("spare-two").await.to_string(),
    );

    // A conversation the assistant handed over, for the inbox.
    let conversation: i64 = sqlx::query_scalar(
        "INSERT INTO assistant_conversations (token, state, handed_over_at) \
         VALUES ('matrix-conversation-0001', 'handed_over', now()) RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let conversation = conversation.to_string();

    // Reads: (path, form, who may call it).
    type Form<'a> = Vec<(&'a str, &'a str)>;
    let reads: Vec<(&str, Form, Needs)> = vec![
        ("/api/admin/overview", vec![], Needs::Staff),
        ("/api/admin/dashboard", vec![], Needs::Staff),
        (
            "/api/admin/orders",
            vec![("lang", "en"), ("filter[page]", "1")],
            Needs::Staff,
        ),
        (
            "/api/admin/orders/detail",
            vec![("number", &number)],
            Needs::Staff,
        ),
        ("/api/admin/customers", vec![("page", "1")], Needs::Admin),
        (
            "/api/admin/customers/detail",
            vec![("id", &target_id)],
            Needs::Admin,
        ),
        ("/api/admin/audit", vec![("lang", "en")], Needs::Admin),
        ("/api/admin/products", vec![], Needs::Staff),
        (
            "/api/admin/products/get",
            vec![("handle", "matrix-lamp")],
            Needs::Staff,
        ),
        ("/api/admin/categories", vec![], Needs::Staff),
        ("/api/admin/discounts", vec![], Needs::Staff),
        ("/api/admin/shipping", vec![], Needs::Staff),
        ("/api/admin/search/synonyms", vec![], Needs::Staff),
        ("/api/admin/mail/failed", vec![], Needs::Staff),
        ("/api/admin/experiments", vec![], Needs::Staff),
        ("/api/admin/recommendations", vec![], Needs::Staff),
        ("/api/admin/quizzes", vec![], Needs::Staff),
        (
            "/api/admin/quizzes/get",
            vec![("slug", "matrix-quiz")],
            Needs::Staff,
        ),
        ("/api/admin/analytics", vec![("lang", "en")], Needs::Staff),
        (
            "/api/admin/inbox/list",
            vec![("lang", "en"), ("filter", "all")],
            Needs::Staff,
        ),
        (
            "/api/admin/inbox/thread",
            vec![("lang", "en"), ("id", &conversation)],
            Needs::Staff,
        ),
        ("/api/admin/inbox/faq", vec![], Needs::Staff),
    ];
    // Writes: (path, what staff sends, what the admin sends, who may, the actions logged).
    let writes: Vec<(&str, Form, Form, Needs, [&str; 2])> = vec![
        (
            "/api/admin/orders/event",
            vec![
                ("lang", "en"),
                ("number", &number),
                ("event", "payment_collected"),
            ],
            vec![
                ("lang", "en"),
                ("number", &number),
                ("event", "start_processing"),
            ],
            Needs::Staff,
            ["order.payment-collected", "order.start-processing"],
        ),
        (
            "/api/admin/catalog/import",
            vec![("lang", "en"), ("dry_run", "0"), ("file", &staff_csv)],
            vec![("lang", "en"), ("dry_run", "0"), ("file", &admin_csv)],
            Needs::Staff,
            ["catalog.import", "catalog.import"],
        ),
        (
            "/api/admin/products/save",
            product_form("staff-basket", "STAFF-BASKET"),
            product_form("admin-basket", "ADMIN-BASKET"),
            Needs::Staff,
            ["product.create", "product.create"],
        ),
        (
            "/api/admin/products/stock",
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("sku", "MATRIX-LAMP"),
                ("delta", "+5"),
                ("reason", "delivery"),
            ],
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("sku", "MATRIX-LAMP"),
                ("delta", "-1"),
                ("reason", "broken"),
            ],
            Needs::Staff,
            ["product.stock", "product.stock"],
        ),
        (
            "/api/admin/products/publish",
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("published", "false"),
            ],
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("published", "true"),
            ],
            Needs::Staff,
            ["product.unpublish", "product.publish"],
        ),
        (
            "/api/admin/products/image",
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("alt_en", "Lamp lit"),
                ("alt_ar", "أباجورة مضاءة"),
                ("file", PNG),
            ],
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("alt_en", "Lamp off"),
                ("alt_ar", "أباجورة مطفأة"),
                ("file", PNG),
            ],
            Needs::Staff,
            ["product.image-add", "product.image-add"],
        ),
        (
            "/api/admin/products/image-change",
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("image_id", &picture),
                ("change", "alt"),
                ("alt_en", "Brass lamp"),
                ("alt_ar", "أباجورة نحاس"),
            ],
            vec![
                ("lang", "en"),
                ("handle", "matrix-lamp"),
                ("image_id", &picture),
                ("change", "remove"),
            ],
            Needs::Staff,
            ["product.image-alt", "product.image-remove"],
        ),
        (
            "/api/admin/categories/change",
            vec![
                ("lang", "en"),
                ("change", "create"),
                ("name_en", "Staff shelf"),
                ("name_ar", "رف الموظفين"),
            ],
            vec![
                ("lang", "en"),
                ("change", "create"),
                ("name_en", "Admin shelf"),
                ("name_ar", "رف المدير"),
            ],
            Needs::Staff,
            ["category.create", "category.create"],
        ),
        (
            "/api/admin/discounts/save",
            vec![
                ("lang", "en"),
                ("code", "STAFF10"),
                ("kind", "percent"),
                ("value", "10"),
                ("active", "on"),
            ],
            vec![
                ("lang", "en"),
                ("code", "ADMIN50"),
                ("kind", "amount"),
                ("value", "50"),
                ("min_subtotal", "300"),
            ],
            Needs::Staff,
            ["discount.save", "discount.save"],
        ),
        (
            "/api/admin/shipping/rate",
            vec![
                ("lang", "en"),
                ("zone_id", &zone1),
                ("method", "standard"),
                ("rate", "55"),
                ("days_min", "1"),
                ("days_max", "3"),
            ],
            vec![
                ("lang", "en"),
                ("zone_id", &zone2),
                ("method", "express"),
                ("offered", "on"),
                ("rate", "95"),
                ("days_min", "1"),
                ("days_max", "1"),
            ],
            Needs::Staff,
            ["shipping.rate", "shipping.rate"],
        ),
        (
            "/api/admin/shipping/governorate",
            vec![
                ("lang", "en"),
                ("governorate", "aswan"),
                ("zone_id", &zone1),
            ],
            vec![
                ("lang", "en"),
                ("governorate", "aswan"),
                ("zone_id", &zone2),
            ],
            Needs::Staff,
            ["shipping.zone", "shipping.zone"],
        ),
        (
            "/api/admin/search/synonyms/add",
            vec![
                ("lang", "en"),
                ("term", "lantern"),
                ("equivalents", "lamp"),
                ("two_way", "on"),
            ],
            vec![
                ("lang", "ar"),
                ("term", "فانوس"),
                ("equivalents", "lamp، أباجورة"),
            ],
            Needs::Staff,
            ["search.synonym.add", "search.synonym.add"],
        ),
        (
            "/api/admin/search/synonyms/remove",
            vec![("lang", "en"), ("id", &rule1)],
            vec![("lang", "ar"), ("id", &rule2)],
            Needs::Staff,
            ["search.synonym.remove", "search.synonym.remove"],
        ),
        (
            "/api/admin/mail/retry",
            vec![("lang", "en"), ("id", &mail1)],
            vec![("lang", "ar"), ("id", &mail2)],
            Needs::Staff,
            ["mail.retry", "mail.retry"],
        ),
        (
            "/api/admin/experiments/change",
            vec![("lang", "en"), ("id", &experiment), ("action", "stop")],
            vec![("lang", "ar"), ("id", &experiment), ("action", "start")],
            Needs::Staff,
            ["experiment.change", "experiment.change"],
        ),
        (
            "/api/admin/recommendations/change",
            vec![("lang", "en"), ("action", "train")],
            vec![("lang", "ar"), ("action", "roll-back")],
            Needs::Staff,
            ["recommend.train", "recommend.roll-back"],
        ),
        (
            "/api/admin/quizzes/create",
            vec![
                ("lang", "en"),
                ("slug", "staff-quiz"),
                ("title_en", "Staff quiz"),
                ("title_ar", "اختبار"),
            ],
            vec![
                ("lang", "ar"),
                ("slug", "admin-quiz"),
                ("title_en", "Admin quiz"),
                ("title_ar", "اختبار المدير"),
            ],
            Needs::Staff,
            ["quiz.create", "quiz.create"],
        ),
        (
            "/api/admin/quizzes/update",
            vec![
                ("lang", "en"),
                ("quiz_id", &quiz),
                ("slug", "matrix-quiz"),
                ("title_en", "Lamps quiz"),
                ("title_ar", "اختبار"),
            ],
            vec![
                ("lang", "ar"),
                ("quiz_id", &quiz),
                ("slug", "matrix-quiz"),
                ("title_en", "Lights quiz"),
                ("title_ar", "اختبار"),
            ],
            Needs::Staff,
            ["quiz.update", "quiz.update"],
        ),
        (
            "/api/admin/quizzes/question",
            vec![
                ("lang", "en"),
                ("quiz_id", &quiz),
                ("text_en", "Where?"),
                ("text_ar", "فين؟"),
            ],
            vec![
                ("lang", "ar"),
                ("quiz_id", &quiz),
                ("question_id", &question1),
                ("text_en", "Which one?"),
                ("text_ar", "أنهي واحد؟"),
            ],
            Needs::Staff,
            ["quiz.question", "quiz.question"],
        ),
        (
            "/api/admin/quizzes/answer",
            vec![
                ("lang", "en"),
                ("quiz_id", &quiz),
                ("question_id", &question1),
                ("text_en", "Desk lamps"),
                ("text_ar", "أباجورة مكتب"),
                ("tags", "lamp:2"),
            ],
            vec![
                ("lang", "ar"),
                ("quiz_id", &quiz),
                ("question_id", &question1),
                ("answer_id", &answer1),
                ("text_en", "Lamps"),
                ("text_ar", "أباجورات"),
                ("price_max", "500"),
            ],
            Needs::Staff,
            ["quiz.answer", "quiz.answer"],
        ),
        (
            "/api/admin/quizzes/answer/delete",
            vec![("lang", "en"), ("quiz_id", &quiz), ("answer_id", &answer2)],
            vec![("lang", "ar"), ("quiz_id", &quiz), ("answer_id", &answer3)],
            Needs::Staff,
            ["quiz.answer", "quiz.answer"],
        ),
        (
            "/api/admin/quizzes/question/delete",
            vec![
                ("lang", "en"),
                ("quiz_id", &quiz),
                ("question_id", &question2),
            ],
            vec![
                ("lang", "ar"),
                ("quiz_id", &quiz),
                ("question_id", &question3),
            ],
            Needs::Staff,
            ["quiz.question", "quiz.question"],
        ),
        (
            "/api/admin/quizzes/publish",
            vec![("lang", "en"), ("quiz_id", &quiz), ("publish", "0")],
            vec![("lang", "ar"), ("quiz_id", &quiz), ("publish", "0")],
            Needs::Staff,
            ["quiz.publish", "quiz.publish"],
        ),
        (
            "/api/admin/quizzes/delete",
            vec![("lang", "en"), ("quiz_id", &spare1)],
            vec![("lang", "ar"), ("quiz_id", &spare2)],
            Needs::Staff,
            ["quiz.delete", "quiz.delete"],
        ),
        (
            "/api/admin/inbox/reply",
            vec![
                ("lang", "en"),
                ("id", &conversation),
                ("text", "We are on it."),
            ],
            vec![
                ("lang", "ar"),
                ("id", &conversation),
                ("text", "بنشوفها حالًا."),
            ],
            Needs::Staff,
            ["assistant.reply", "assistant.reply"],
        ),
        (
            "/api/admin/inbox/state",
            vec![("lang", "en"), ("id", &conversation), ("to", "close")],
            vec![("lang", "ar"), ("id", &conversation), ("to", "reopen")],
            Needs::Staff,
            ["assistant.close", "assistant.reopen"],
        ),
        (
            "/api/admin/inbox/faq/save",
            vec![
                ("lang", "en"),
                ("topic", "returns"),
                ("en", "Return within 14 days."),
                ("ar", "ترجيع خلال ١٤ يوم."),
            ],
            vec![
                ("lang", "ar"),
                ("topic", "payment"),
                ("en", "Cash or card."),
                ("ar", "كاش أو كارت."),
            ],
            Needs::Staff,
            ["assistant.faq", "assistant.faq"],
        ),
        (
            "/api/admin/set-role",
            vec![("lang", "en"), ("user_id", &target_id), ("role", "staff")],
            vec![("lang", "en"), ("user_id", &target_id), ("role", "staff")],
            Needs::Admin,
            ["", "user.set-role"],
        ),
        (
            "/api/admin/customers/disable",
            vec![
                ("lang", "en"),
                ("user_id", &target_id),
                ("disabled", "true"),
            ],
            vec![
                ("lang", "en"),
                ("user_id", &target_id),
                ("disabled", "true"),
            ],
            Needs::Admin,
            ["", "user.disable"],
        ),
    ];

    // The matrix covers every admin server function the app registers: a new one must
    // be added here (and so be tested for its role and its audit) before this passes.
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .filter(|path| path.starts_with("/api/admin/"))
        .collect();
    let covered: BTreeSet<&str> = reads
        .iter()
        .map(|r| r.0)
        .chain(writes.iter().map(|w| w.0))
        .collect();
    assert_eq!(
        registered, covered,
        "every admin server function is in the matrix"
    );

    let call = |session: Option<&Session>, path: &str, form: &[(&str, &str)]| {
        let request = if path.ends_with("/catalog/import") || path.ends_with("/products/image") {
            let (content_type, body) = multipart(form);
            app.client
                .post(app.url(path))
                .header(header::ACCEPT, "application/json")
                .header(header::CONTENT_TYPE, content_type)
                .body(body)
        } else {
            app.post_form(path, form)
        };
        let request = match session {
            Some(s) => s.apply(request),
            None => request,
        };
        async move { request.send().await.unwrap() }
    };

    for (path, form, needs) in &reads {
        assert_eq!(
            call(None, path, form).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        assert_eq!(
            call(Some(&customer), path, form).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        let by_staff = call(Some(&staff), path, form).await.status();
        match needs {
            Needs::Staff => assert_eq!(by_staff, StatusCode::OK, "{path}: staff"),
            Needs::Admin => assert_eq!(by_staff, StatusCode::FORBIDDEN, "{path}: staff"),
        }
        assert_eq!(
            call(Some(&admin), path, form).await.status(),
            StatusCode::OK,
            "{path}: admin"
        );
    }
    assert_eq!(last_audit(&pool).await, 0, "reads write nothing");

    for (path, staff_form, admin_form, needs, actions) in &writes {
        let before = last_audit(&pool).await;
        assert_eq!(
            call(None, path, staff_form).await.status(),
            StatusCode::UNAUTHORIZED,
            "{path}"
        );
        assert_eq!(
            call(Some(&customer), path, staff_form).await.status(),
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            last_audit(&pool).await,
            before,
            "{path}: refused calls change nothing"
        );
        let by_staff = call(Some(&staff), path, staff_form).await.status();
        if *needs == Needs::Staff {
            assert!(
                by_staff.is_success() || by_staff.is_redirection(),
                "{path}: staff {by_staff}"
            );
            let logged = audit_after(&pool, before).await;
            assert!(!logged.is_empty(), "{path}: staff's write is logged");
            for (action, actor, ip, _) in &logged {
                assert_eq!(action, actions[0]);
                assert_eq!(*actor, Some(staff_id));
                assert_eq!(ip.as_deref(), Some("127.0.0.1"));
            }
        } else {
            assert_eq!(by_staff, StatusCode::FORBIDDEN, "{path}: staff");
            assert_eq!(last_audit(&pool).await, before, "{path}");
        }
        let before = last_audit(&pool).await;
        let by_admin = call(Some(&admin), path, admin_form).await.status();
        assert!(
            by_admin.is_success() || by_admin.is_redirection(),
            "{path}: admin {by_admin}"
        );
        let logged = audit_after(&pool, before).await;
        assert!(!logged.is_empty(), "{path}: the admin's write is logged");
        for (action, actor, ip, _) in &logged {
            assert_eq!(action, actions[1], "{path}");
            assert_eq!(*actor, Some(admin_id));
            assert_eq!(ip.as_deref(), Some("127.0.0.1"));
        }
    }

    // What the writes did, as the log shows it: the order's status and payment, the role,
    // the account disabled (and its sessions ended, which is not an admin-visible row).
    let changes: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT action, entity, before ->> 'status', after ->> 'status' FROM audit_log \
          WHERE entity = 'orders' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(changes[0].0, "order.payment-collected");
    assert_eq!(
        changes.last().unwrap().3.as_deref(),
        Some("processing"),
        "{changes:?}"
    );
    let role: (Option<String>, Option<String>) = sqlx::query_as(
        "SELECT before ->> 'role', after ->> 'role' FROM audit_log WHERE action = 'user.set-role'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(role, (Some("customer".into()), Some("staff".into())));
    let secrets: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_log WHERE before ? 'password_hash' OR after ? 'password_hash'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(secrets, 0);

    // An admin cannot demote or disable themselves.
    let own = call(
        Some(&admin),
        "/api/admin/set-role",
        &[
            ("lang", "ar"),
            ("user_id", &admin_id.to_string()),
            ("role", "customer"),
        ],
    )
    .await;
    assert_eq!(own.status(), StatusCode::CONFLICT);
    assert!(own.text().await.unwrap().contains("مدير آخر"));
}

fn plain(
    session: &Session,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::RequestBuilder {
    session.apply(
        app.client
            .post(app.url(path))
            .header(header::ACCEPT, "text/html")
            .header(header::REFERER, app.url("/en/admin/orders"))
            .form(form),
    )
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_take_an_order_from_placed_to_delivered_with_plain_forms(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let number = cod_order(&app, "slip-lamp", 45_000, "2").await;

    for lang in ["en", "ar"] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/orders/{number}")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(html.contains(r#"data-action="start_processing""#), "{lang}");
        assert!(
            html.contains(r#"data-action="payment_collected""#),
            "{lang}"
        );
        assert!(
            !html.contains(r#"data-action="deliver""#),
            "{lang}: not yet"
        );
    }
    // An illegal move from a plain form comes back to the page with the reason.
    let refused = plain(
        &staff,
        &app,
        "/api/admin/orders/event",
        &[("lang", "en"), ("number", &number), ("event", "deliver")],
    )
    .send()
    .await
    .unwrap();
    assert_eq!(refused.status(), StatusCode::FOUND);
    assert!(
        location(&refused).contains("__err"),
        "{}",
        location(&refused)
    );

    for (event, extra) in [
        ("start_processing", None),
        ("ship", Some(("tracking_number", "BOSTA-778"))),
        ("deliver", None),
        ("payment_collected", None),
    ] {
        let mut form = vec![
            ("lang", "en"),
            ("number", number.as_str()),
            ("event", event),
        ];
        form.extend(extra);
        let moved = plain(&staff, &app, "/api/admin/orders/event", &form)
            .send()
            .await
            .unwrap();
        assert_eq!(moved.status(), StatusCode::FOUND, "{event}");
        assert_eq!(
            location(&moved),
            format!("/en/admin/orders/{number}?done=1"),
            "{event}"
        );
    }
    let (_, html) = page(&app, &staff, &format!("/ar/admin/orders/{number}?done=1")).await;
    assert!(html.contains("تم تحديث الطلب"));
    assert!(html.contains("BOSTA-778"));
    assert!(
        html.contains(r#"data-action="refund""#),
        "a delivered, paid order can be refunded"
    );
    let (status, paid): (String, bool) =
        sqlx::query_as("SELECT status, paid_at IS NOT NULL FROM orders WHERE number = $1")
            .bind(&number)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), paid), ("delivered", true));
    let timeline: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM order_events e JOIN orders o ON o.id = e.order_id WHERE o.number = $1",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        timeline, 5,
        "placed, processing, shipped, delivered, cash collected"
    );

    // The packing slip in both languages: the items, SKU and what to collect (nothing
    // now: it is paid).
    for (lang, heading) in [("en", "Packing slip"), ("ar", "إيصال التعبئة")] {
        let (status, html) =
            page(&app, &staff, &format!("/{lang}/admin/orders/{number}/slip")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(heading), "{lang}");
        assert!(html.contains("SLIP-LAMP"), "{lang}");
        assert!(html.contains("@media print") || html.contains("data-testid=\"packing-slip\""));
    }
    // A customer cannot open the slip.
    let (customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let (status, _) = page(&app, &customer, &format!("/en/admin/orders/{number}/slip")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_dashboard_lists_and_filters_show_the_shop_in_both_languages(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let (admin, _) = app.person("Amal", "a@example.com", "admin").await;
    let kept = cod_order(&app, "dash-lamp", 30_000, "2").await; // 600 + 50 shipping
    let cancelled = cod_order(&app, "dash-vase", 10_000, "1").await;
    let cancel = admin
        .apply(app.post_form(
            "/api/admin/orders/event",
            &[("lang", "en"), ("number", &cancelled), ("event", "cancel")],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::OK);
    sqlx::query("INSERT INTO search_log (query, locale, result_count) VALUES ('بطيخ', 'ar', 0), ('بطيخ', 'ar', 0)")
        .execute(&pool)
        .await
        .unwrap();

    let dashboard: serde_json::Value = staff
        .apply(app.post_form("/api/admin/dashboard", &[]))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let today = &dashboard["periods"][0];
    assert_eq!(today["days"], 1);
    assert_eq!(today["orders"], 1, "the cancelled order is no sale");
    assert_eq!(today["revenue"]["minor"], 65_000);
    assert_eq!(dashboard["daily"].as_array().unwrap().len(), 30);
    assert_eq!(dashboard["zero_results"][0]["searches"], 2);

    for (lang, title, revenue) in [
        ("en", "Revenue per day, last 30 days", "EGP 650.00"),
        ("ar", "الإيرادات اليومية، آخر ٣٠ يوم", "٦٥٠٫٠٠"),
    ] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(
            html.contains(r#"role="img""#),
            "{lang}: the charts are images with text"
        );
        assert!(html.contains(title), "{lang}");
        assert!(html.contains(revenue), "{lang}: {revenue}");
        assert!(html.contains("<desc"), "{lang}");
        assert!(html.contains("بطيخ"), "{lang}: the zero-result search");
        // Staff see no admin-only sections.
        assert!(!html.contains(&format!("/{lang}/admin/audit")), "{lang}");
    }

    // The order list: by status, by number, by email, by phone, by date; a bad date is a
    // localized 400.
    let list = |form: Vec<(&'static str, String)>| {
        let app = &app;
        let staff = &staff;
        async move {
            let mut form = form;
            form.push(("lang", "en".into()));
            form.push(("filter[page]", "1".into()));
            let response = staff
                .apply(app.post_form("/api/admin/orders", &borrowed(&form)))
                .send()
                .await
                .unwrap();
            let status = response.status();
            let body: serde_json::Value = response.json().await.unwrap();
            (status, body)
        }
    };
    let (_, by_status) = list(vec![("filter[status]", "cancelled".into())]).await;
    assert_eq!(by_status["total"], 1);
    assert_eq!(by_status["rows"][0]["number"], cancelled.as_str());
    let (_, by_number) = list(vec![("filter[q]", kept.trim_start_matches("DK-").into())]).await;
    assert_eq!(by_number["total"], 1);
    assert_eq!(by_number["rows"][0]["number"], kept.as_str());
    let (_, by_email) = list(vec![("filter[q]", "GUEST@example".into())]).await;
    assert_eq!(by_email["total"], 2);
    let (_, by_phone) = list(vec![("filter[q]", "+20 10 1234 5678".into())]).await;
    assert_eq!(by_phone["total"], 2);
    let (_, by_governorate) = list(vec![("filter[governorate]", "alexandria".into())]).await;
    assert_eq!(by_governorate["total"], 0);
    let (_, old) = list(vec![("filter[to]", "2020-01-01".into())]).await;
    assert_eq!(old["total"], 0);
    let (status, _) = list(vec![("filter[from]", "yesterday".into())]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    for lang in ["en", "ar"] {
        let (status, html) =
            page(&app, &staff, &format!("/{lang}/admin/orders?status=placed")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains(&kept) && !html.contains(&cancelled), "{lang}");
    }

    // Customers and roles are the admin's; the audit screen shows the cancellation.
    for lang in ["en", "ar"] {
        let (status, _) = page(&app, &staff, &format!("/{lang}/admin/customers")).await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "{lang}: staff cannot open the roles screen"
        );
        let (status, html) = page(&app, &admin, &format!("/{lang}/admin/customers?q=sami")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("s@example.com") && !html.contains("a@example.com"),
            "{lang}"
        );
        let (status, html) = page(
            &app,
            &admin,
            &format!("/{lang}/admin/audit?action=order.cancel"),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
        assert!(
            html.contains("order.cancel") && html.contains(&cancelled),
            "{lang}"
        );
        assert!(html.contains("a@example.com"), "{lang}: who");
    }
    let (status, html) = page(&app, &admin, "/en/admin/audit?action=user.").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"data-testid="audit-empty""#));
}

#[sqlx::test(migrations = "../migrations")]
async fn a_csv_is_checked_in_full_before_anything_is_imported_and_exports_back(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let (customer, _) = app.person("Cara", "c@example.com", "customer").await;
    let import = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let staff = &staff;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let (content_type, body) = multipart(&fields);
            let response = staff
                .apply(
                    app.client
                        .post(app.url("/api/admin/catalog/import"))
                        .header(header::ACCEPT, "application/json")
                        .header(header::CONTENT_TYPE, content_type)
                        .body(body),
                )
                .send()
                .await
                .unwrap();
            let status = response.status();
            (status, response.json::<serde_json::Value>().await.unwrap())
        }
    };
    let products = || async {
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM products")
            .fetch_one(&pool)
            .await
            .unwrap()
    };

    // One bad row among good ones: every problem listed (in Arabic for an Arabic page),
    // nothing written, nothing logged.
    let bad = csv(&[
        csv_row("clay-jug", "CLAY-JUG", "120"),
        csv_row("clay-cup", "CLAY-CUP", "twelve"),
    ]);
    for (lang, words) in [("en", "is not an amount"), ("ar", "ليست مبلغًا")] {
        let (status, result) = import(vec![
            ("lang", lang.into()),
            ("dry_run", "0".into()),
            ("file", bad.clone()),
        ])
        .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(result["ok"], false, "{result}");
        let problems = result["problems"].as_array().unwrap();
        assert_eq!(problems.len(), 1, "{result}");
        assert_eq!(problems[0][0], 3, "the header is line 1: {result}");
        assert!(
            problems[0][1].as_str().unwrap().contains(words),
            "{lang}: {result}"
        );
    }
    assert_eq!(products().await, 0);
    assert_eq!(last_audit(&pool).await, 0);

    // A dry run of a good file says what it would do and writes nothing.
    let good = csv(&[
        csv_row("clay-jug", "CLAY-JUG", "120"),
        csv_row("clay-cup", "CLAY-CUP", "45.50"),
    ]);
    let (_, checked) = import(vec![
        ("lang", "en".into()),
        ("dry_run", "1".into()),
        ("file", good.clone()),
    ])
    .await;
    assert_eq!(checked["ok"], true, "{checked}");
    assert_eq!(checked["dry_run"], true);
    assert!(
        checked["summary"].as_str().unwrap().contains("2 new"),
        "{checked}"
    );
    assert_eq!(products().await, 0);
    assert_eq!(last_audit(&pool).await, 0);

    let (_, imported) = import(vec![
        ("lang", "ar".into()),
        ("dry_run", "0".into()),
        ("file", good),
    ])
    .await;
    assert_eq!(imported["ok"], true, "{imported}");
    assert_eq!(products().await, 2);
    let logged: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'catalog.import' AND entity = 'products' AND before IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(logged, 2);
    let (status, html) = page(&app, &Session::default(), "/ar/products/clay-cup").await;
    assert_eq!(status, StatusCode::OK, "on the storefront");
    assert!(html.contains("إبريق فخار"));

    // An empty upload is a localized refusal.
    let (status, refused) = import(vec![("lang", "ar".into()), ("dry_run", "1".into())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.to_string().contains("اختر ملف CSV"), "{refused}");

    // The export is for staff, and imports back unchanged.
    let export = |session: &Session| {
        session
            .apply(app.get("/api/v1/admin/products/export?lang=en"))
            .send()
    };
    assert_eq!(
        export(&Session::default()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        export(&customer).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let response = export(&staff).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let exported = response.text().await.unwrap();
    assert!(
        exported.contains("CLAY-CUP") && exported.contains("45.50"),
        "{exported}"
    );
    let (_, again) = import(vec![
        ("lang", "en".into()),
        ("dry_run", "1".into()),
        ("file", exported),
    ])
    .await;
    assert_eq!(again["ok"], true, "{again}");
    assert!(
        again["summary"].as_str().unwrap().contains("2 updated"),
        "{again}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_create_a_product_with_two_variants_and_a_picture_and_edit_it(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    product(&pool, "shelf-lamp", 10_000, 3).await;
    let category: i64 =
        sqlx::query_scalar("SELECT category_id FROM products WHERE handle = 'shelf-lamp'")
            .fetch_one(&pool)
            .await
            .unwrap();
    let category = category.to_string();
    let send = |path: &'static str, form: Vec<(&'static str, String)>, plain_form: bool| {
        let app = &app;
        let staff = &staff;
        async move {
            let request = app
                .client
                .post(app.url(path))
                .header(
                    header::ACCEPT,
                    if plain_form {
                        "text/html"
                    } else {
                        "application/json"
                    },
                )
                .header(header::REFERER, app.url("/en/admin/products/new"))
                .form(&form);
            staff.apply(request).send().await.unwrap()
        }
    };
    let mut form: Vec<(&'static str, String)> = vec![
        ("form[lang]", "ar".into()),
        ("form[handle]", "linen-cushion".into()),
        ("form[name_en]", "Linen cushion".into()),
        ("form[name_ar]", "".into()),
        ("form[category_id]", category.clone()),
        ("form[published]", "on".into()),
        ("form[option1_en]", "Colour".into()),
        ("form[option1_ar]", "".into()),
        ("form[variants][0][sku]", "CUSHION-SAND".into()),
        ("form[variants][0][value1_en]", "Sand".into()),
        ("form[variants][0][value1_ar]", "رملي".into()),
        ("form[variants][0][price]", "abc".into()),
        ("form[variants][0][stock]", "6".into()),
        ("form[variants][1][sku]", "CUSHION-OLIVE".into()),
        ("form[variants][1][value1_en]", "Olive".into()),
        ("form[variants][1][value1_ar]", "زيتي".into()),
        ("form[variants][1][price]", "450".into()),
        ("form[variants][1][compare_at]", "520".into()),
        ("form[variants][1][stock]", "2".into()),
        ("form[variants][2][sku]", "".into()),
    ];
    // Every problem at once, in the form's language; nothing written.
    let refused = send("/api/admin/products/save", form.clone(), false).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    for field in [
        "form[name_ar]",
        "form[option1_en]",
        "form[variants][0][price]",
    ] {
        assert!(body.contains(field), "{field}: {body}");
    }
    assert!(body.contains("هذا الحقل مطلوب"), "{body}");
    let plain = send("/api/admin/products/save", form.clone(), true).await;
    assert_eq!(plain.status(), StatusCode::FOUND);
    assert!(location(&plain).contains("__err"));
    let count: i64 =
        sqlx::query_scalar("SELECT count(*) FROM products WHERE handle = 'linen-cushion'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(count, 0);

    form[3].1 = "وسادة كتان".into();
    form[7].1 = "اللون".into();
    form[11].1 = "395.50".into();
    let saved = send("/api/admin/products/save", form.clone(), true).await;
    assert_eq!(location(&saved), "/ar/admin/products/linen-cushion?saved=1");
    let variants: Vec<(String, i64, i32, String)> = sqlx::query_as(
        "SELECT v.sku, v.price_minor, v.stock, ov.value_ar FROM product_variants v \
           JOIN products p ON p.id = v.product_id \
           JOIN variant_option_values ov ON ov.variant_id = v.id \
          WHERE p.handle = 'linen-cushion' ORDER BY v.position",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        variants,
        [
            ("CUSHION-SAND".into(), 39_550, 6, "رملي".into()),
            ("CUSHION-OLIVE".into(), 45_000, 2, "زيتي".into()),
        ]
    );

    // A picture: its type read from the bytes, stored with WebP copies; a text file is
    // refused in the admin's language.
    let upload = |file: &'static str| {
        let app = &app;
        let staff = &staff;
        async move {
            let (content_type, body) = multipart(&[
                ("lang", "ar"),
                ("handle", "linen-cushion"),
                ("alt_en", "Sand linen cushion on a sofa"),
                ("alt_ar", "وسادة كتان رملية على كنبة"),
                ("file", file),
            ]);
            staff
                .apply(
                    app.client
                        .post(app.url("/api/admin/products/image"))
                        .header(header::ACCEPT, "application/json")
                        .header(header::CONTENT_TYPE, content_type)
                        .body(body),
                )
                .send()
                .await
                .unwrap()
        }
    };
    let refused = upload("this is not a picture").await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.unwrap().contains("ليس صورة"));
    let stored = upload(PNG).await;
    assert!(stored.status().is_success() || stored.status().is_redirection());
    let (hash, width): (String, i32) = sqlx::query_as(
        "SELECT i.media_hash, i.width FROM product_images i JOIN products p ON p.id = i.product_id \
          WHERE p.handle = 'linen-cushion'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(width, 4);
    let (status, html) = page(&app, &Session::default(), "/ar/products/linen-cushion").await;
    assert_eq!(status, StatusCode::OK, "on the storefront");
    assert!(
        html.contains(&format!("/media/{hash}-")),
        "the WebP copies are used"
    );
    assert!(html.contains("وسادة كتان رملية على كنبة"), "the alt text");

    // A consumable is marked as bought again and again (for "for you"), and unmarked.
    let rebuyable = || async {
        sqlx::query_scalar::<_, bool>(
            "SELECT rebuyable FROM products WHERE handle = 'linen-cushion'",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert!(!rebuyable().await);
    let mut again = form.clone();
    again.push(("form[original]", "linen-cushion".into()));
    again[11].1 = "410".into();
    again.push(("form[rebuyable]", "on".into()));
    let saved = send("/api/admin/products/save", again.clone(), true).await;
    assert_eq!(location(&saved), "/ar/admin/products/linen-cushion?saved=1");
    assert!(rebuyable().await);
    let (_, editor) = page(&app, &staff, "/ar/admin/products/linen-cushion").await;
    assert!(editor.contains(
        r#"id="product-rebuyable" type="checkbox" name="form[rebuyable]" value="on" checked"#
    ));
    again.pop();
    send("/api/admin/products/save", again, true).await;
    assert!(!rebuyable().await);

    // Editing keeps the stock that checkouts may have moved: a typed number for an
    // existing variant changes nothing, a new variant takes its own.
    sqlx::query("UPDATE product_variants SET stock = 5 WHERE sku = 'CUSHION-SAND'")
        .execute(&pool)
        .await
        .unwrap();
    let mut edit = form.clone();
    edit.push(("form[original]", "linen-cushion".into()));
    edit[11].1 = "410".into();
    edit[12].1 = "99".into();
    edit[19] = ("form[variants][2][sku]", "CUSHION-RUST".into());
    edit.extend([
        ("form[variants][2][value1_en]", "Rust".into()),
        ("form[variants][2][value1_ar]", "طوبي".into()),
        ("form[variants][2][price]", "450".into()),
        ("form[variants][2][stock]", "9".into()),
    ]);
    let saved = send("/api/admin/products/save", edit, true).await;
    assert_eq!(location(&saved), "/ar/admin/products/linen-cushion?saved=1");
    let stock: Vec<(String, i64, i32)> = sqlx::query_as(
        "SELECT v.sku, v.price_minor, v.stock FROM product_variants v JOIN products p ON p.id = v.product_id \
          WHERE p.handle = 'linen-cushion' ORDER BY v.position",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        stock,
        [
            ("CUSHION-SAND".into(), 41_000, 5),
            ("CUSHION-OLIVE".into(), 45_000, 2),
            ("CUSHION-RUST".into(), 45_000, 9),
        ]
    );
    let kept: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM product_images i JOIN products p ON p.id = i.product_id WHERE p.handle = 'linen-cushion'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(kept, 1, "saving keeps the pictures");

    // Stock by hand, with a reason kept; never below zero.
    let adjust = |delta: &'static str| {
        send(
            "/api/admin/products/stock",
            vec![
                ("lang", "en".into()),
                ("handle", "linen-cushion".into()),
                ("sku", "CUSHION-OLIVE".into()),
                ("delta", delta.into()),
                ("reason", "Delivery from the workshop".into()),
            ],
            false,
        )
    };
    let added = adjust("+12").await.status();
    assert!(added.is_success() || added.is_redirection(), "{added}");
    let after: i32 =
        sqlx::query_scalar("SELECT stock FROM product_variants WHERE sku = 'CUSHION-OLIVE'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(after, 14);
    let too_many = adjust("-100").await;
    assert_eq!(too_many.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let history: Vec<(i32, i32, String)> =
        sqlx::query_as("SELECT delta, stock_after, reason FROM stock_adjustments ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(history, [(12, 14, "Delivery from the workshop".into())]);

    // Hidden and shown again.
    let hide = send(
        "/api/admin/products/publish",
        vec![
            ("lang", "en".into()),
            ("handle", "linen-cushion".into()),
            ("published", "false".into()),
        ],
        false,
    )
    .await;
    assert!(hide.status().is_success() || hide.status().is_redirection());
    let (status, _) = page(&app, &Session::default(), "/en/products/linen-cushion").await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The editor and the list in both languages.
    for lang in ["en", "ar"] {
        let (status, html) = page(
            &app,
            &staff,
            &format!("/{lang}/admin/products/linen-cushion"),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(
            html.contains("CUSHION-RUST") && html.contains("Delivery from the workshop"),
            "{lang}"
        );
        let (status, html) =
            page(&app, &staff, &format!("/{lang}/admin/products?q=cushion-o")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(
            html.contains("linen-cushion") && !html.contains("Brass lamp"),
            "{lang}"
        );
        let (status, _) = page(&app, &staff, &format!("/{lang}/admin/products/new")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
    }
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        actions,
        [
            "product.create",
            "product.image-add",
            "product.stock",
            "product.unpublish",
            "product.update"
        ]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn staff_edit_the_category_tree(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let change = |form: Vec<(&'static str, String)>| {
        let app = &app;
        let staff = &staff;
        async move {
            staff
                .apply(app.post_form("/api/admin/categories/change", &borrowed(&form)))
                .send()
                .await
                .unwrap()
        }
    };
    let id_of = |en: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM categories WHERE name_en = $1")
                .bind(en)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let create = |en: &'static str, ar: &'static str, parent: String| {
        change(vec![
            ("lang", "ar".into()),
            ("change", "create".into()),
            ("name_en", en.into()),
            ("name_ar", ar.into()),
            ("parent", parent),
        ])
    };
    assert!(done(&create("Home", "المنزل", String::new()).await));
    let home = id_of("Home").await;
    assert!(done(&create("Lamps", "أباجورات", home.to_string()).await));
    assert!(done(&create("Rugs", "سجاد", home.to_string()).await));
    let lamps = id_of("Lamps").await;
    let rugs = id_of("Rugs").await;
    // A sibling with the same name (in either language) is refused, in Arabic.
    let twice = create("lamps", "إضاءة", home.to_string()).await;
    assert_eq!(twice.status(), StatusCode::CONFLICT);
    assert!(twice.text().await.unwrap().contains("نفس المستوى"));
    // Rename keeps the slug; reorder; a move under its own child is refused.
    let renamed = change(vec![
        ("lang", "en".into()),
        ("change", "rename".into()),
        ("id", lamps.to_string()),
        ("name_en", "Lighting".into()),
        ("name_ar", "إضاءة".into()),
    ])
    .await;
    assert!(done(&renamed));
    let earlier = change(vec![
        ("lang", "en".into()),
        ("change", "earlier".into()),
        ("id", rugs.to_string()),
    ])
    .await;
    assert!(done(&earlier));
    let order: Vec<String> = sqlx::query_scalar(
        "SELECT name_en FROM categories WHERE parent_id = $1 ORDER BY position, id",
    )
    .bind(home)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(order, ["Rugs", "Lighting"]);
    let cycle = change(vec![
        ("lang", "en".into()),
        ("change", "move".into()),
        ("id", home.to_string()),
        ("parent", lamps.to_string()),
    ])
    .await;
    assert_eq!(cycle.status(), StatusCode::CONFLICT);
    let moved = change(vec![
        ("lang", "en".into()),
        ("change", "move".into()),
        ("id", lamps.to_string()),
        ("parent", String::new()),
    ])
    .await;
    assert!(done(&moved));
    let (parent, slug): (Option<i64>, String) =
        sqlx::query_as("SELECT parent_id, slug FROM categories WHERE id = $1")
            .bind(lamps)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(parent, None);
    assert_eq!(
        slug, "home-lamps",
        "links keep working after a rename and a move"
    );
    for lang in ["en", "ar"] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/categories")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(
            html.contains("Lighting") && html.contains("إضاءة"),
            "{lang}"
        );
    }
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        actions,
        [
            "category.create",
            "category.move",
            "category.rename",
            "category.reorder"
        ]
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn discount_codes_and_shipping_rates_are_what_the_checkout_charges(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = app.person("Sami", "s@example.com", "staff").await;
    let post_as = |path: &'static str, form: Vec<(&'static str, String)>| {
        let app = &app;
        let staff = &staff;
        async move {
            staff
                .apply(app.post_form(path, &borrowed(&form)))
                .send()
                .await
                .unwrap()
        }
    };
    // Every problem of a code at once, in Arabic.
    let refused = post_as(
        "/api/admin/discounts/save",
        vec![
            ("lang", "ar".into()),
            ("code", "x".into()),
            ("kind", "percent".into()),
            ("value", "140".into()),
            ("usage_limit", "-2".into()),
        ],
    )
    .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("EID25") && body.contains("١٠٠") && body.contains("عددًا صحيحًا"),
        "{body}"
    );
    let saved = post_as(
        "/api/admin/discounts/save",
        vec![
            ("lang", "en".into()),
            ("code", "eid25".into()),
            ("kind", "amount".into()),
            ("value", "25".into()),
            ("usage_limit", "3".into()),
            ("active", "on".into()),
        ],
    )
    .await;
    assert!(done(&saved));
    // Two uses taken: the limit cannot go below that.
    sqlx::query("UPDATE discount_codes SET times_used = 2 WHERE code = 'EID25'")
        .execute(&pool)
        .await
        .unwrap();
    let below = post_as(
        "/api/admin/discounts/save",
        vec![
            ("lang", "en".into()),
            ("code", "EID25".into()),
            ("kind", "amount".into()),
            ("value", "25".into()),
            ("usage_limit", "1".into()),
        ],
    )
    .await;
    assert_eq!(below.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(below.text().await.unwrap().contains("used 2 times"));

    // Greater Cairo's standard delivery costs EGP 60 from now on: the next order pays it.
    let zone: i64 = sqlx::query_scalar(
        "SELECT zone_id FROM shipping_zone_governorates WHERE governorate = 'giza'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let rate = post_as(
        "/api/admin/shipping/rate",
        vec![
            ("lang", "en".into()),
            ("zone_id", zone.to_string()),
            ("method", "standard".into()),
            ("rate", "60".into()),
            ("free_over", "".into()),
            ("days_min", "1".into()),
            ("days_max", "2".into()),
        ],
    )
    .await;
    assert!(done(&rate));
    let number = cod_order(&app, "rate-lamp", 20_000, "1").await;
    let shipping: i64 = sqlx::query_scalar("SELECT shipping_minor FROM orders WHERE number = $1")
        .bind(&number)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(shipping, 6_000);
    for lang in ["en", "ar"] {
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/discounts")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(
            html.contains("EID25") && html.contains("WELCOME10"),
            "{lang}"
        );
        let (status, html) = page(&app, &staff, &format!("/{lang}/admin/shipping")).await;
        assert_eq!(status, StatusCode::OK, "{lang}");
        assert!(html.contains(r#"value="60.00""#), "{lang}");
    }
}
