//! Checkout survives a crash: the real `dokkan` binary takes orders from 20 concurrent
//! shoppers over HTTP and is killed with SIGKILL mid-stream (no graceful shutdown, no
//! chance to finish a transaction). After a restart on the same database:
//! - every order a shopper was told about exists, whole and with consistent totals;
//! - no order exists without items, its timeline entry or its confirmation mail;
//! - for every variant, the stock left plus the units ordered is the stock it started with;
//! - the restarted server takes orders, and answers a retried submit (same idempotency key)
//!   with the order it placed before the crash; once every submit left without an answer
//!   is retried, the orders in the database are exactly the ones shoppers were told about.

use rand::{rngs::StdRng, Rng as _, SeedableRng as _};
use reqwest::{header, redirect::Policy, Client, StatusCode};
use sqlx::{PgPool, Row as _};
use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::{
        atomic::{AtomicBool, AtomicUsize, Ordering},
        Arc,
    },
    time::{Duration, Instant},
};

const CLIENTS: usize = 20;
/// Orders that must be acknowledged before the kill, so the test cannot pass on nothing.
const MIN_ACKNOWLEDGED: usize = 5;
/// Marks the server's connections in `pg_stat_activity` (the test pool has none).
const APPLICATION_NAME: &str = "dokkan-crash-test";

/// (handle, price in piastres, stock). Four plentiful products and one scarce one: the
/// scarce one sells out while shoppers race for it, so the kill also lands among sold-out
/// answers (422 on adding, 409 on placing) and not only among successes.
const CATALOG: &[(&str, i64, i32)] = &[
    ("crash-mug", 15_000, 400),
    ("crash-kettle", 42_500, 400),
    ("crash-scarf", 9_900, 400),
    ("crash-lamp", 120_000, 400),
    ("crash-last-pot", 33_300, 12),
];

/// The URL of the test's own database on the server the tests use, naming the server's
/// connections so the test can tell them apart.
async fn child_database_url(pool: &PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL for the tests");
    let without_query = base.split('?').next().unwrap_or(&base);
    let server = without_query
        .rsplit_once('/')
        .map(|(server, _)| server)
        .unwrap_or(without_query);
    let name: String = sqlx::query_scalar("SELECT current_database()")
        .fetch_one(pool)
        .await
        .unwrap();
    format!("{server}/{name}?application_name={APPLICATION_NAME}")
}

/// One category, and one published single-variant product per `CATALOG` row; returns
/// each SKU's starting stock.
async fn insert_catalog(pool: &PgPool) -> BTreeMap<String, i32> {
    let category: i64 = sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar) VALUES ('crash', 'Crash', 'حادث') \
         RETURNING id",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    let mut stock = BTreeMap::new();
    for (handle, price, units) in CATALOG {
        let product: i64 = sqlx::query_scalar(
            "INSERT INTO products (handle, category_id, name_en, name_ar, price_minor) \
             VALUES ($1, $2, 'Item ' || $1, 'منتج ' || $1, $3) RETURNING id",
        )
        .bind(handle)
        .bind(category)
        .bind(price)
        .fetch_one(pool)
        .await
        .unwrap();
        let sku = handle.to_uppercase();
        sqlx::query(
            "INSERT INTO product_variants (product_id, position, sku, price_minor, stock) \
             VALUES ($1, 0, $2, $3, $4)",
        )
        .bind(product)
        .bind(&sku)
        .bind(price)
        .bind(units)
        .execute(pool)
        .await
        .unwrap();
        stock.insert(sku, *units);
    }
    stock
}

/// The `dokkan serve` child process; killed (SIGKILL) when dropped, so a failing
/// assertion never leaves a server running.
struct Shop {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Shop {
    /// Starts `dokkan serve` on `port` and waits until `/ready` answers (the database
    /// is reachable), at most 30 s.
    async fn start(database_url: &str, port: u16, dir: &Path, log_name: &str) -> Shop {
        let log = dir.join(log_name);
        let log_file = std::fs::File::create(&log).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dokkan"))
            .arg("serve")
            // Everything the server writes (media, mail, site) stays in the scratch folder.
            .current_dir(dir)
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", dir)
            .env("LEPTOS_OUTPUT_NAME", "dokkan")
            .env("LEPTOS_HASH_FILES", "false")
            // Plain http: cookies are not `Secure`, as on a developer's machine.
            .env("DOKKAN_PUBLIC_URL", format!("http://127.0.0.1:{port}"))
            .env("DOKKAN_MAIL_DIR", dir.join("mail"))
            .env("DOKKAN_MEDIA_DIR", dir.join("media"))
            .env_remove("DOKKAN_FAKE_CARD_PROVIDER")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().unwrap())
            .stderr(log_file)
            .spawn()
            .expect("starting dokkan serve");
        let mut shop = Shop { child, port, log };
        let probe = Client::builder()
            .timeout(Duration::from_millis(1000))
            .build()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = shop.child.try_wait().unwrap() {
                panic!(
                    "dokkan exited with {status} while starting:\n{}",
                    shop.logs()
                );
            }
            let ready = probe.get(format!("{}/ready", shop.base())).send().await;
            if ready.is_ok_and(|r| r.status() == StatusCode::OK) {
                return shop;
            }
            assert!(
                Instant::now() < deadline,
                "dokkan was not ready within 30 s:\n{}",
                shop.logs()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn logs(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: the process gets no chance to drain requests or end transactions.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Shop {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A client like the checkout island: no redirects followed, JSON errors, and bounded
/// requests so a hung server fails the test instead of hanging it.
fn client() -> Client {
    Client::builder()
        .redirect(Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap()
}

/// The `value` of the `<input>` named `name`, whatever the attribute order.
fn input_value(html: &str, name: &str) -> Option<String> {
    let wanted = format!("name=\"{name}\"");
    html.match_indices("<input").find_map(|(start, _)| {
        let tag = &html[start..start + html[start..].find('>')?];
        if !tag.contains(&wanted) {
            return None;
        }
        let value = tag.find("value=\"")? + "value=\"".len();
        let end = tag[value..].find('"')?;
        Some(unescape(&tag[value..value + end]))
    })
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The order number in a Location such as `/en/orders/DK-12345678?key=…&placed=1`.
fn order_number(location: &str) -> Option<String> {
    let rest = location.split("/orders/").nth(1)?;
    let number = rest.split(['?', '/', '#']).next()?;
    (number.len() == 11 && number.starts_with("DK-")).then(|| number.to_string())
}

/// A submit of the checkout form, kept so it can be sent again exactly as it was.
#[derive(Clone, Debug)]
struct Submit {
    cookie: String,
    form: Vec<(&'static str, String)>,
}

impl Submit {
    fn new(cookie: String, key: String, fingerprint: String, buyer: usize) -> Submit {
        let fixed = |s: &str| s.to_string();
        Submit {
            cookie,
            form: vec![
                ("lang", fixed("en")),
                ("idempotency_key", key),
                ("cart_fingerprint", fingerprint),
                ("contact_email", format!("buyer{buyer}@example.com")),
                ("contact_phone", fixed("01012345678")),
                ("recipient", fixed("Mona Adel")),
                ("phone", fixed("01012345678")),
                ("governorate", fixed("cairo")),
                ("city", fixed("Nasr City")),
                ("street", fixed("Abbas El Akkad")),
                ("building", fixed("12")),
                ("floor", fixed("")),
                ("apartment", fixed("")),
                ("landmark", fixed("")),
                ("shipping_method", fixed("standard")),
                ("payment_method", fixed("cod")),
                ("discount_code", fixed("")),
            ],
        }
    }

    async fn send(&self, client: &Client, base: &str) -> reqwest::Result<reqwest::Response> {
        client
            .post(format!("{base}/api/checkout/place"))
            .header(header::ACCEPT, "application/json")
            .header(header::COOKIE, &self.cookie)
            .form(&self.form)
            .send()
            .await
    }
}

/// An order the shop acknowledged (a redirect to its page), with the submit that placed it.
#[derive(Clone, Debug)]
struct Acknowledged {
    number: String,
    location: String,
    submit: Submit,
}

/// What placing answered.
enum Placed {
    Acknowledged(Acknowledged),
    /// 409: a line sold out between the checkout page and the submit.
    SoldOut,
    /// No answer: the order may or may not have been committed. (A server error is not
    /// in doubt but a failure: a killed server drops connections, it does not answer 5xx.)
    InDoubt(Submit),
}

/// One submit's outcome; any other answer is a bug and fails the test.
async fn place(client: &Client, base: &str, submit: Submit) -> Result<Placed, String> {
    let response = match submit.send(client, base).await {
        Ok(response) => response,
        Err(_) => return Ok(Placed::InDoubt(submit)),
    };
    let status = response.status();
    if status == StatusCode::CONFLICT {
        return Ok(Placed::SoldOut);
    }
    let location = response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let redirected = response.headers().contains_key("serverfnredirect");
    match location.as_deref().and_then(order_number) {
        Some(number) if status.is_success() && redirected => {
            Ok(Placed::Acknowledged(Acknowledged {
                number,
                location: location.unwrap_or_default(),
                submit,
            }))
        }
        _ => Err(format!(
            "place answered {status}, Location {location:?}: {}",
            response.text().await.unwrap_or_default()
        )),
    }
}

/// Why a shopper's journey stopped short of a submit.
enum Interrupted {
    /// No answer (the server is gone): expected once it is killed.
    Transport,
    /// An answer no journey should get.
    Unexpected(String),
}

/// Adds `lines` to a new guest cart, opens the checkout page and builds the submit.
/// `Ok(None)`: every line was sold out, nothing to order.
async fn prepare(
    client: &Client,
    base: &str,
    lines: &[(String, u32)],
    buyer: usize,
    sold_out: &AtomicUsize,
) -> Result<Option<Submit>, Interrupted> {
    let mut cookie: Option<String> = None;
    let mut added = false;
    for (sku, quantity) in lines {
        let mut request = client
            .post(format!("{base}/api/cart/add"))
            .header(header::ACCEPT, "application/json")
            .form(&[
                ("lang", "en"),
                ("sku", sku.as_str()),
                ("quantity", &quantity.to_string()),
            ]);
        if let Some(cookie) = &cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = request.send().await.map_err(|_| Interrupted::Transport)?;
        for value in response.headers().get_all(header::SET_COOKIE) {
            let pair = value.to_str().unwrap_or_default().split(';').next();
            if let Some(pair) = pair.filter(|p| p.starts_with("dokkan_cart=")) {
                cookie = Some(pair.to_string());
            }
        }
        match response.status() {
            StatusCode::OK => added = true,
            // Sold out when adding: the cart keeps its other lines.
            StatusCode::UNPROCESSABLE_ENTITY => {
                sold_out.fetch_add(1, Ordering::Relaxed);
            }
            status => {
                let body = response.text().await.unwrap_or_default();
                return Err(Interrupted::Unexpected(format!(
                    "add {sku}: {status} {body}"
                )));
            }
        }
    }
    if !added {
        return Ok(None);
    }
    let Some(cookie) = cookie else {
        return Err(Interrupted::Unexpected("adding set no cart cookie".into()));
    };
    let response = client
        .get(format!("{base}/en/checkout"))
        .header(header::COOKIE, &cookie)
        .send()
        .await
        .map_err(|_| Interrupted::Transport)?;
    let status = response.status();
    let html = response.text().await.map_err(|_| Interrupted::Transport)?;
    match (
        input_value(&html, "idempotency_key"),
        input_value(&html, "cart_fingerprint"),
    ) {
        // An empty fingerprint is an empty cart: every line was sold out.
        (Some(_), Some(fingerprint)) if fingerprint.is_empty() => Ok(None),
        (Some(key), Some(fingerprint)) if status == StatusCode::OK => {
            Ok(Some(Submit::new(cookie, key, fingerprint, buyer)))
        }
        _ if status == StatusCode::OK && !html.contains("idempotency_key") => Ok(None),
        _ => Err(Interrupted::Unexpected(format!(
            "checkout page {status} without its hidden fields"
        ))),
    }
}

#[derive(Default)]
struct ShopperReport {
    acknowledged: Vec<Acknowledged>,
    in_doubt: Vec<Submit>,
    /// Requests that got no answer (counted, expected once the server is killed).
    transport_errors: usize,
    unexpected: Vec<String>,
}

/// Places orders one after another, each from a new guest cart of 1–2 random products,
/// 1–3 units each, until `stop` is set or the server stops answering.
async fn shopper(
    id: usize,
    base: String,
    skus: Vec<String>,
    stop: Arc<AtomicBool>,
    acknowledged: Arc<AtomicUsize>,
    sold_out: Arc<AtomicUsize>,
) -> ShopperReport {
    let client = client();
    let mut rng = StdRng::seed_from_u64(id as u64);
    let mut report = ShopperReport::default();
    let mut journey = 0;
    while !stop.load(Ordering::Relaxed) {
        journey += 1;
        let mut lines: Vec<(String, u32)> = Vec::new();
        for _ in 0..rng.random_range(1..=2) {
            let sku = &skus[rng.random_range(0..skus.len())];
            if lines.iter().all(|(s, _)| s != sku) {
                lines.push((sku.clone(), rng.random_range(1..=3)));
            }
        }
        // Every order has its own email, so its confirmation mail can be found.
        let buyer = id * 100_000 + journey;
        let submit = match prepare(&client, &base, &lines, buyer, &sold_out).await {
            Ok(Some(submit)) => submit,
            Ok(None) => continue,
            Err(Interrupted::Transport) => {
                report.transport_errors += 1;
                break;
            }
            Err(Interrupted::Unexpected(error)) => {
                report.unexpected.push(error);
                break;
            }
        };
        match place(&client, &base, submit).await {
            Ok(Placed::Acknowledged(order)) => {
                acknowledged.fetch_add(1, Ordering::Relaxed);
                report.acknowledged.push(order);
            }
            Ok(Placed::SoldOut) => {
                sold_out.fetch_add(1, Ordering::Relaxed);
            }
            Ok(Placed::InDoubt(submit)) => {
                report.transport_errors += 1;
                report.in_doubt.push(submit);
                break;
            }
            Err(error) => {
                report.unexpected.push(error);
                break;
            }
        }
    }
    report
}

/// Waits until the killed server's database sessions are gone: PostgreSQL rolls back
/// each open transaction when it notices its client vanished.
async fn wait_for_orphaned_sessions(pool: &PgPool) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let left: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity \
              WHERE datname = current_database() AND application_name = $1",
        )
        .bind(APPLICATION_NAME)
        .fetch_one(pool)
        .await
        .unwrap();
        if left == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{left} sessions of the killed server still open after 15 s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Checks every order and every variant in one snapshot; returns the order numbers.
async fn check_consistency(pool: &PgPool, initial: &BTreeMap<String, i32>) -> BTreeSet<String> {
    // One snapshot for both reads, so stock and orders are compared as of one moment.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        .execute(&mut *tx)
        .await
        .unwrap();
    let orders = sqlx::query(
        "SELECT o.number, o.status, o.subtotal_minor, o.discount_minor, o.shipping_minor, \
                o.total_minor, \
                (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) AS items, \
                (SELECT coalesce(sum(i.line_total_minor), 0)::bigint FROM order_items i \
                  WHERE i.order_id = o.id) AS lines_total, \
                (SELECT count(*) FROM order_items i JOIN product_variants v ON v.id = i.variant_id \
                  WHERE i.order_id = o.id AND i.unit_price_minor <> v.price_minor) AS mispriced, \
                (SELECT count(*) FROM order_events e WHERE e.order_id = o.id) AS events, \
                (SELECT count(*) FROM mail_outbox m \
                  WHERE m.kind = 'order-confirmation' AND m.recipient = o.email) AS mails \
           FROM orders o ORDER BY o.number",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    let mut numbers = BTreeSet::new();
    for row in &orders {
        let number: String = row.get("number");
        let status: String = row.get("status");
        let subtotal: i64 = row.get("subtotal_minor");
        let discount: i64 = row.get("discount_minor");
        let shipping: i64 = row.get("shipping_minor");
        let total: i64 = row.get("total_minor");
        let items: i64 = row.get("items");
        let lines_total: i64 = row.get("lines_total");
        // Nothing half-written: the order, its items, its timeline entry and its mail
        // were committed together or not at all.
        assert!(items >= 1, "{number} has no items");
        assert_eq!(row.get::<i64, _>("events"), 1, "{number}: timeline entries");
        assert_eq!(
            row.get::<i64, _>("mails"),
            1,
            "{number}: confirmation mails"
        );
        assert_eq!(
            status, "placed",
            "{number}: a cash-on-delivery order is placed"
        );
        assert_eq!(subtotal, lines_total, "{number}: subtotal vs its lines");
        assert_eq!(total, subtotal - discount + shipping, "{number}: total");
        assert_eq!(row.get::<i64, _>("mispriced"), 0, "{number}: unit prices");
        numbers.insert(number);
    }
    let stock = sqlx::query(
        "SELECT v.sku, v.stock, \
                coalesce(sum(i.quantity) FILTER (WHERE o.status <> 'cancelled'), 0)::bigint AS ordered \
           FROM product_variants v \
           LEFT JOIN order_items i ON i.variant_id = v.id \
           LEFT JOIN orders o ON o.id = i.order_id \
          GROUP BY v.id ORDER BY v.sku",
    )
    .fetch_all(&mut *tx)
    .await
    .unwrap();
    assert_eq!(stock.len(), initial.len());
    for row in &stock {
        let sku: String = row.get("sku");
        let left: i32 = row.get("stock");
        let ordered: i64 = row.get("ordered");
        assert!(left >= 0, "{sku}: stock {left}");
        assert_eq!(
            i64::from(left) + ordered,
            i64::from(initial[&sku]),
            "{sku}: stock left + units ordered must be the starting stock"
        );
    }
    tx.commit().await.unwrap();
    numbers
}

#[sqlx::test(migrations = "../migrations")]
async fn orders_survive_a_sigkill_mid_checkout(pool: PgPool) {
    let initial = insert_catalog(&pool).await;
    let skus: Vec<String> = initial.keys().cloned().collect();
    let database_url = child_database_url(&pool).await;
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let mut shop = Shop::start(&database_url, port, dir.path(), "first.log").await;
    let base = shop.base();

    // Twenty shoppers ordering continuously.
    let stop = Arc::new(AtomicBool::new(false));
    let acknowledged = Arc::new(AtomicUsize::new(0));
    let sold_out = Arc::new(AtomicUsize::new(0));
    let shoppers: Vec<_> = (0..CLIENTS)
        .map(|id| {
            tokio::spawn(shopper(
                id,
                base.clone(),
                skus.clone(),
                stop.clone(),
                acknowledged.clone(),
                sold_out.clone(),
            ))
        })
        .collect();

    // The kill lands 1.5–2 s in (random, so it falls at a different point of a request
    // each run), and not before a few orders went through, even on a loaded machine.
    let started = Instant::now();
    let kill_at = Duration::from_millis(rand::rng().random_range(1_500..=2_000));
    let deadline = started + Duration::from_secs(20);
    while started.elapsed() < kill_at || acknowledged.load(Ordering::Relaxed) < MIN_ACKNOWLEDGED {
        assert!(
            Instant::now() < deadline,
            "only {} orders acknowledged in 20 s:\n{}",
            acknowledged.load(Ordering::Relaxed),
            shop.logs()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    shop.kill();
    let killed_after = started.elapsed();
    stop.store(true, Ordering::Relaxed);

    let mut reports = Vec::new();
    for task in shoppers {
        let report = tokio::time::timeout(Duration::from_secs(30), task)
            .await
            .expect("a shopper did not stop within 30 s of the kill")
            .unwrap();
        reports.push(report);
    }
    let unexpected: Vec<&String> = reports.iter().flat_map(|r| &r.unexpected).collect();
    assert!(unexpected.is_empty(), "unexpected answers: {unexpected:#?}");
    let mut acked: Vec<Acknowledged> = reports
        .iter()
        .flat_map(|r| r.acknowledged.iter().cloned())
        .collect();
    let in_doubt: Vec<Submit> = reports
        .iter()
        .flat_map(|r| r.in_doubt.iter().cloned())
        .collect();
    let transport_errors: usize = reports.iter().map(|r| r.transport_errors).sum();
    let acked_before_kill = acked.len();
    assert!(
        acked_before_kill >= MIN_ACKNOWLEDGED,
        "only {acked_before_kill} orders acknowledged before the kill"
    );
    let distinct: BTreeSet<&String> = acked.iter().map(|a| &a.number).collect();
    assert_eq!(
        distinct.len(),
        acked.len(),
        "two submits got one order number"
    );

    // The database as the crash left it.
    wait_for_orphaned_sessions(&pool).await;
    let in_db_after_crash = check_consistency(&pool, &initial).await;
    for order in &acked {
        assert!(
            in_db_after_crash.contains(&order.number),
            "{} was acknowledged but is not in the database",
            order.number
        );
    }

    // Restarted on the same database (and port, like a supervisor would).
    let shop = Shop::start(&database_url, port, dir.path(), "second.log").await;
    let client = client();

    // A shopper whose submit got no answer sends it again: it gets the order the crashed
    // server committed, or (if the crash came first) a new one, never two.
    let (mut found, mut placed_now, mut sold_out_on_retry) = (0, 0, 0);
    for submit in &in_doubt {
        match place(&client, &shop.base(), submit.clone()).await {
            Ok(Placed::Acknowledged(order)) => {
                if in_db_after_crash.contains(&order.number) {
                    found += 1;
                } else {
                    placed_now += 1;
                }
                acked.push(order);
            }
            Ok(Placed::SoldOut) => sold_out_on_retry += 1,
            Ok(Placed::InDoubt(_)) => panic!("the restarted server did not answer a retry"),
            Err(error) => panic!("retry after restart: {error}"),
        }
    }
    // A retry of an acknowledged submit is answered with the same order page.
    for order in &acked[..acked_before_kill] {
        match place(&client, &shop.base(), order.submit.clone()).await {
            Ok(Placed::Acknowledged(again)) => assert_eq!(
                again.location, order.location,
                "a retried submit of {} answered another order",
                order.number
            ),
            Ok(_) => panic!("a retried submit of {} placed nothing", order.number),
            Err(error) => panic!("retry of {}: {error}", order.number),
        }
    }

    // The restarted server takes a new order (from a product with stock left).
    let (plentiful, left): (String, i32) =
        sqlx::query_as("SELECT sku, stock FROM product_variants ORDER BY stock DESC LIMIT 1")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(left > 0, "every product sold out: nothing left to order");
    let lines = [(plentiful.clone(), 1)];
    let counter = AtomicUsize::new(0);
    let submit = match prepare(&client, &shop.base(), &lines, 999_999, &counter).await {
        Ok(Some(submit)) => submit,
        Ok(None) => panic!("{plentiful} is sold out after the restart"),
        Err(Interrupted::Transport) => panic!("the restarted server did not answer"),
        Err(Interrupted::Unexpected(error)) => panic!("after the restart: {error}"),
    };
    let Ok(Placed::Acknowledged(fresh)) = place(&client, &shop.base(), submit).await else {
        panic!(
            "the restarted server did not take an order:\n{}",
            shop.logs()
        );
    };
    acked.push(fresh);

    // Every submit now has its answer: the database holds exactly the acknowledged orders.
    let in_db = check_consistency(&pool, &initial).await;
    let acked_numbers: BTreeSet<String> = acked.iter().map(|a| a.number.clone()).collect();
    assert_eq!(
        acked_numbers.len(),
        acked.len(),
        "two submits got one order"
    );
    assert_eq!(
        in_db, acked_numbers,
        "orders in the database vs orders acknowledged"
    );

    println!(
        "killed after {:.2} s: {acked_before_kill} orders acknowledged before the kill, \
         {} in the database after the crash ({} committed without an answer), \
         {transport_errors} client errors during the kill, {} submits in doubt (on retry: \
         {found} found committed, {placed_now} placed now, {sold_out_on_retry} sold out), \
         {} sold-out answers before the kill; {} orders in the database at the end",
        killed_after.as_secs_f64(),
        in_db_after_crash.len(),
        in_db_after_crash.len() - acked_before_kill,
        in_doubt.len(),
        sold_out.load(Ordering::Relaxed),
        in_db.len(),
    );
}

#[test]
fn reads_hidden_inputs_and_order_numbers() {
    let html = r#"<form><input value="k-123&amp;x" type="hidden" name="idempotency_key"/>
        <input type="hidden" name="cart_fingerprint" value="12x2@15000,13x1@9900"></form>"#;
    assert_eq!(
        input_value(html, "idempotency_key").as_deref(),
        Some("k-123&x")
    );
    assert_eq!(
        input_value(html, "cart_fingerprint").as_deref(),
        Some("12x2@15000,13x1@9900")
    );
    assert_eq!(input_value(html, "missing"), None);
    assert_eq!(
        order_number("/en/orders/DK-12345678?key=abc&placed=1").as_deref(),
        Some("DK-12345678")
    );
    assert_eq!(order_number("/en/cart"), None);
}
