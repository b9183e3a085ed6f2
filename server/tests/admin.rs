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

const PASSWORD: &str = "correct horse battery";

async fn person(app: &TestApp, name: &str, email: &str, role: &str) -> (Session, i64) {
    let session = app.register(name, email, PASSWORD).await;
    let id: i64 = sqlx::query_scalar("UPDATE users SET role = $2 WHERE email = $1 RETURNING id")
        .bind(email)
        .bind(role)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (session, id)
}

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
        body.extend_from_slice(value.as_bytes());
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
    let (customer, _) = person(&app, "Cara", "c@example.com", "customer").await;
    let (staff, staff_id) = person(&app, "Sami", "s@example.com", "staff").await;
    let (admin, admin_id) = person(&app, "Amal", "a@example.com", "admin").await;
    let (_, target) = person(&app, "Tarek", "t@example.com", "customer").await;
    let number = cod_order(&app, "matrix-lamp", 20_000, "1").await;
    let target_id = target.to_string();
    let staff_csv = csv(&[csv_row("staff-jug", "STAFF-JUG", "150")]);
    let admin_csv = csv(&[csv_row("admin-jug", "ADMIN-JUG", "175.50")]);

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
        let request = if path.ends_with("/catalog/import") {
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
            assert_eq!(by_staff, StatusCode::OK, "{path}: staff");
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
        let by_admin = call(Some(&admin), path, admin_form).await;
        assert_eq!(by_admin.status(), StatusCode::OK, "{path}: admin");
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
    let (staff, _) = person(&app, "Sami", "s@example.com", "staff").await;
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
    let (customer, _) = person(&app, "Cara", "c@example.com", "customer").await;
    let (status, _) = page(&app, &customer, &format!("/en/admin/orders/{number}/slip")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrations = "../migrations")]
async fn the_dashboard_lists_and_filters_show_the_shop_in_both_languages(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let (staff, _) = person(&app, "Sami", "s@example.com", "staff").await;
    let (admin, _) = person(&app, "Amal", "a@example.com", "admin").await;
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
    let (staff, _) = person(&app, "Sami", "s@example.com", "staff").await;
    let (customer, _) = person(&app, "Cara", "c@example.com", "customer").await;
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
