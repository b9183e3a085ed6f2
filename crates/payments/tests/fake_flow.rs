//! The whole card flow against the fake provider, over real HTTP on 127.0.0.1: the shop's
//! client (`HostedCard`) creates a session, the "browser" opens the hosted page and pays,
//! the signed webhook arrives at the shop, and refunds follow.

use axum::{
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode},
    routing::post,
    Router,
};
use dokkan_core::{Locale, Money};
use dokkan_payments::{
    fake::{self, FakeConfig, SentEvent},
    signature::{self, SignatureError},
    CardConfig, CheckoutRequest, HostedCard, PaymentError, PaymentMethod, PaymentProvider,
    PaymentStart, RefundOutcome, RefundRequest, WebhookEvent, WebhookKind,
};
use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

const API_KEY: &str = "sk_test_fake_key";
const SECRET: &[u8] = b"whsec_test_fake_secret";

/// What the shop's webhook endpoint received.
#[derive(Clone, Default)]
struct Inbox {
    deliveries: Arc<Mutex<Vec<(HeaderMap, Bytes)>>>,
    attempts: Arc<AtomicUsize>,
    /// Answer this many next deliveries with 500.
    fail_next: Arc<AtomicUsize>,
}

impl Inbox {
    fn deliveries(&self) -> Vec<(HeaderMap, Bytes)> {
        self.deliveries.lock().unwrap().clone()
    }

    /// Waits (briefly) until at least `count` deliveries arrived.
    async fn wait_for(&self, count: usize) -> Vec<(HeaderMap, Bytes)> {
        for _ in 0..100 {
            let deliveries = self.deliveries();
            if deliveries.len() >= count {
                return deliveries;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        panic!(
            "expected {count} webhook deliveries, got {}",
            self.deliveries().len()
        );
    }
}

async fn receive(State(inbox): State<Inbox>, headers: HeaderMap, body: Bytes) -> StatusCode {
    inbox.attempts.fetch_add(1, Ordering::SeqCst);
    let failing = inbox
        .fail_next
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        return StatusCode::INTERNAL_SERVER_ERROR;
    }
    inbox.deliveries.lock().unwrap().push((headers, body));
    StatusCode::OK
}

struct Shop {
    /// `http://127.0.0.1:<port>`
    base: String,
    card: HostedCard,
    inbox: Inbox,
    /// A "browser" that does not follow redirects, so tests see the 303s.
    browser: reqwest::Client,
}

impl Shop {
    async fn start() -> Shop {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let inbox = Inbox::default();
        let config = FakeConfig {
            api_key: API_KEY.into(),
            webhook_secret: SECRET.to_vec(),
            webhook_url: format!("{base}/webhook"),
            public_base: format!("{base}/fake-provider"),
        };
        let app = Router::new()
            .route("/webhook", post(receive))
            .with_state(inbox.clone())
            .nest("/fake-provider", fake::router(config));
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let card = HostedCard::new(CardConfig {
            base_url: format!("{base}/fake-provider"),
            api_key: API_KEY.into(),
            webhook_secret: SECRET.to_vec(),
        });
        let browser = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Shop {
            base,
            card,
            inbox,
            browser,
        }
    }

    fn checkout(&self, minor: i64, locale: Locale) -> CheckoutRequest {
        CheckoutRequest {
            reference: "DK-48302917".into(),
            amount: Money::egp(minor),
            description: "Dokkan order DK-48302917".into(),
            locale,
            return_url: format!("{}/{}/orders/DK-48302917", self.base, locale.as_str()),
            cancel_url: format!("{}/{}/checkout", self.base, locale.as_str()),
        }
    }

    async fn start_session(&self, request: &CheckoutRequest) -> (String, String) {
        match self.card.start(request).await.unwrap() {
            PaymentStart::Redirect { session_id, url } => (session_id, url),
            other => panic!("expected a redirect, got {other:?}"),
        }
    }

    async fn click(&self, session_id: &str, button: &str) -> reqwest::Response {
        self.browser
            .post(format!(
                "{}/fake-provider/pay/{session_id}/{button}",
                self.base
            ))
            .send()
            .await
            .unwrap()
    }

    async fn paid_session(&self, minor: i64) -> String {
        let (session_id, _) = self.start_session(&self.checkout(minor, Locale::En)).await;
        let before = self.inbox.deliveries().len();
        assert_eq!(
            self.click(&session_id, "pay").await.status(),
            StatusCode::SEE_OTHER
        );
        self.inbox.wait_for(before + 1).await;
        session_id
    }

    fn refund(&self, session_id: Option<&str>, minor: i64, key: &str) -> RefundRequest {
        RefundRequest {
            session_id: session_id.map(str::to_string),
            reference: "DK-48302917".into(),
            amount: Money::egp(minor),
            idempotency_key: key.into(),
        }
    }

    async fn events(&self, key: &str) -> reqwest::Response {
        self.browser
            .get(format!("{}/fake-provider/v1/events", self.base))
            .bearer_auth(key)
            .send()
            .await
            .unwrap()
    }
}

fn parse(shop: &Shop, delivery: &(HeaderMap, Bytes)) -> Result<WebhookEvent, PaymentError> {
    shop.card
        .parse_webhook(&delivery.0, &delivery.1, signature::now())
}

#[tokio::test]
async fn pays_on_the_hosted_page_and_the_signed_webhook_says_so() {
    let shop = Shop::start().await;
    assert_eq!(shop.card.method(), PaymentMethod::Card);
    let request = shop.checkout(125_000, Locale::En);
    let (session_id, url) = shop.start_session(&request).await;
    assert!(
        session_id.starts_with("cs_") && session_id.len() == 27,
        "{session_id}"
    );
    assert_eq!(url, format!("{}/fake-provider/pay/{session_id}", shop.base));

    // The hosted page.
    let page = shop.browser.get(&url).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">"), "{html}");
    assert!(html.contains("EGP 1,250.00"), "{html}");
    assert!(html.contains("DK-48302917"));
    assert!(html.contains(">Pay</button>") && html.contains(">Decline</button>"));
    assert!(html.contains(&format!("action=\"{url}/pay\"")));
    assert!(html.contains(&format!("action=\"{url}/decline\"")));

    // Pay: back to the shop, with the session id, after the webhook went out.
    let answer = shop.click(&session_id, "pay").await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers()["location"],
        format!("{}?session_id={session_id}", request.return_url).as_str()
    );
    let deliveries = shop.inbox.deliveries();
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(delivery.0["content-type"], "application/json");
    let event = parse(&shop, delivery).unwrap();
    assert!(event.id.starts_with("evt_"));
    assert_eq!(event.kind, WebhookKind::PaymentSucceeded);
    assert_eq!(event.session_id, session_id);
    assert_eq!(event.reference, "DK-48302917");
    assert_eq!(event.amount, Money::egp(125_000));

    // Tampering with the amount breaks the signature.
    let tampered = String::from_utf8(delivery.1.to_vec())
        .unwrap()
        .replace("125000", "100");
    assert_ne!(tampered.as_bytes(), &delivery.1[..]);
    assert_eq!(
        shop.card
            .parse_webhook(&delivery.0, tampered.as_bytes(), signature::now()),
        Err(PaymentError::Signature(SignatureError::Mismatch))
    );
    // As does an unsigned delivery.
    assert_eq!(
        shop.card
            .parse_webhook(&HeaderMap::new(), &delivery.1, signature::now()),
        Err(PaymentError::Signature(SignatureError::Malformed))
    );

    // Paid once is paid: no second charge, no second event.
    let again = shop.click(&session_id, "pay").await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let decline = shop.click(&session_id, "decline").await;
    assert_eq!(decline.status(), StatusCode::CONFLICT);
    assert_eq!(shop.inbox.deliveries().len(), 1);
    let page = shop
        .browser
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Payment complete") && !page.contains("<form"));
    assert!(page.contains(&format!("{}?session_id={session_id}", request.return_url)));
}

#[tokio::test]
async fn a_declined_card_can_try_again() {
    let shop = Shop::start().await;
    let mut request = shop.checkout(9_950, Locale::Ar);
    request.return_url.push_str("?step=return");
    let (session_id, url) = shop.start_session(&request).await;

    let html = shop
        .browser
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    assert!(html.contains(">ادفع</button>") && html.contains(">ارفض</button>"));
    assert!(html.contains(&Money::egp(9_950).format(Locale::Ar)));

    let answer = shop.click(&session_id, "decline").await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        answer.headers()["location"],
        format!("{}&session_id={session_id}", request.return_url).as_str()
    );
    let failed = parse(&shop, &shop.inbox.deliveries()[0]).unwrap();
    assert_eq!(failed.kind, WebhookKind::PaymentFailed);
    assert_eq!(failed.amount, Money::egp(9_950));

    let html = shop
        .browser
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("role=\"alert\"") && html.contains(">ادفع</button>"));

    assert_eq!(
        shop.click(&session_id, "pay").await.status(),
        StatusCode::SEE_OTHER
    );
    let paid = parse(&shop, &shop.inbox.deliveries()[1]).unwrap();
    assert_eq!(paid.kind, WebhookKind::PaymentSucceeded);
    assert_ne!(paid.id, failed.id);
}

#[tokio::test]
async fn refunds_never_exceed_what_was_paid_and_honour_idempotency_keys() {
    let shop = Shop::start().await;
    let session_id = shop.paid_session(125_000).await;
    let card = &shop.card;

    let first = card
        .refund(&shop.refund(Some(&session_id), 30_000, "refund-1"))
        .await
        .unwrap();
    let RefundOutcome::Refunded { refund_id } = &first else {
        panic!("expected a refund, got {first:?}");
    };
    assert!(refund_id.starts_with("re_"));

    // The same key again: the same refund, not a second one.
    let repeat = card
        .refund(&shop.refund(Some(&session_id), 30_000, "refund-1"))
        .await
        .unwrap();
    assert_eq!(repeat, first);
    // The same key for something else is refused.
    assert!(matches!(
        card.refund(&shop.refund(Some(&session_id), 1_000, "refund-1"))
            .await,
        Err(PaymentError::Declined(_))
    ));

    // 950.00 is left: one piastre more is refused, exactly that is fine (by reference).
    let over = card
        .refund(&shop.refund(Some(&session_id), 95_001, "refund-2"))
        .await;
    assert!(
        matches!(&over, Err(PaymentError::Declined(m)) if m.contains("refund")),
        "{over:?}"
    );
    let rest = card
        .refund(&shop.refund(None, 95_000, "refund-3"))
        .await
        .unwrap();
    assert!(matches!(rest, RefundOutcome::Refunded { .. }));
    assert_ne!(rest, first);
    assert!(matches!(
        card.refund(&shop.refund(Some(&session_id), 1, "refund-4"))
            .await,
        Err(PaymentError::Declined(_))
    ));
    assert!(matches!(
        card.refund(&shop.refund(Some("cs_unknown"), 1, "refund-5"))
            .await,
        Err(PaymentError::Declined(_))
    ));

    // One payment webhook, then one per refund actually made (sent in the background).
    let deliveries = shop.inbox.wait_for(3).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(shop.inbox.deliveries().len(), 3);
    let refunds: Vec<WebhookEvent> = deliveries[1..]
        .iter()
        .map(|d| parse(&shop, d).unwrap())
        .collect();
    let mut amounts: Vec<i64> = refunds.iter().map(|e| e.amount.minor()).collect();
    amounts.sort();
    assert_eq!(amounts, [30_000, 95_000]);
    assert!(refunds
        .iter()
        .all(|e| e.kind == WebhookKind::RefundSucceeded && e.session_id == session_id));
}

#[tokio::test]
async fn an_unpaid_session_cannot_be_refunded() {
    let shop = Shop::start().await;
    let (session_id, _) = shop.start_session(&shop.checkout(5_000, Locale::En)).await;
    assert!(matches!(
        shop.card
            .refund(&shop.refund(Some(&session_id), 5_000, "k"))
            .await,
        Err(PaymentError::Declined(_))
    ));
}

#[tokio::test]
async fn the_api_wants_the_right_key() {
    let shop = Shop::start().await;
    let body = serde_json::json!({
        "reference": "DK-1", "amount_minor": 100, "currency": "EGP", "description": "",
        "locale": "en", "return_url": "http://x/r", "cancel_url": "http://x/c",
    });
    let sessions = format!("{}/fake-provider/v1/sessions", shop.base);
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("sk_test_fake_key"),
        Some("Bearer "),
    ] {
        let mut call = shop.browser.post(&sessions).json(&body);
        if let Some(auth) = auth {
            call = call.header("authorization", auth);
        }
        let answer = call.send().await.unwrap();
        assert_eq!(answer.status(), StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(answer.headers()["www-authenticate"], "Bearer");
    }
    let refunds = format!("{}/fake-provider/v1/refunds", shop.base);
    let answer = shop
        .browser
        .post(&refunds)
        .bearer_auth("wrong")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        shop.events("wrong").await.status(),
        StatusCode::UNAUTHORIZED
    );

    // Through the client, a wrong key is the provider being unusable, not a decline.
    let wrong = HostedCard::new(CardConfig {
        base_url: format!("{}/fake-provider", shop.base),
        api_key: "sk_wrong".into(),
        webhook_secret: SECRET.to_vec(),
    });
    assert!(matches!(
        wrong.start(&shop.checkout(100, Locale::En)).await,
        Err(PaymentError::Unavailable(_))
    ));
    // So is a provider that is not there at all.
    let gone = HostedCard::new(CardConfig {
        base_url: "http://127.0.0.1:9".into(),
        api_key: API_KEY.into(),
        webhook_secret: SECRET.to_vec(),
    });
    assert!(matches!(
        gone.start(&shop.checkout(100, Locale::En)).await,
        Err(PaymentError::Unavailable(_))
    ));
}

#[tokio::test]
async fn sessions_are_validated() {
    let shop = Shop::start().await;
    for minor in [0, -100] {
        let answer = shop.card.start(&shop.checkout(minor, Locale::En)).await;
        assert!(
            matches!(answer, Err(PaymentError::Declined(_))),
            "{answer:?}"
        );
    }
    let mut relative = shop.checkout(100, Locale::En);
    relative.return_url = "/en/orders/DK-1".into();
    assert!(matches!(
        shop.card.start(&relative).await,
        Err(PaymentError::Declined(_))
    ));
    let answer = shop
        .browser
        .post(format!("{}/fake-provider/v1/sessions", shop.base))
        .bearer_auth(API_KEY)
        .json(&serde_json::json!({
            "reference": "DK-1", "amount_minor": 100, "currency": "USD",
            "locale": "en", "return_url": "http://x/r", "cancel_url": "http://x/c",
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn unknown_sessions_are_not_found() {
    let shop = Shop::start().await;
    let page = shop
        .browser
        .get(format!("{}/fake-provider/pay/cs_nope", shop.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    let html = page.text().await.unwrap();
    assert!(html.contains("<h1>Payment not found</h1>") && html.contains("<main>"));
    assert_eq!(
        shop.click("cs_nope", "pay").await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(shop.inbox.deliveries().is_empty());
}

#[tokio::test]
async fn failed_deliveries_are_retried_and_events_can_be_replayed() {
    let shop = Shop::start().await;
    shop.inbox.fail_next.store(2, Ordering::SeqCst);
    let session_id = shop.paid_session(20_000).await;
    assert_eq!(shop.inbox.attempts.load(Ordering::SeqCst), 3);
    let delivered = shop.inbox.deliveries()[0].clone();

    let answer = shop.events(API_KEY).await;
    assert_eq!(answer.status(), StatusCode::OK);
    let events: Vec<SentEvent> = answer.json().await.unwrap();
    assert_eq!(events.len(), 1);
    let sent = &events[0];
    assert_eq!(sent.kind, "payment.succeeded");
    assert!(sent.delivered);
    assert_eq!(sent.body.as_bytes(), &delivered.1[..]);
    assert_eq!(delivered.0[signature::HEADER], sent.signature.as_str());

    // A replay verifies too (within the tolerance): de-duplicating on the event id is the
    // shop's job.
    let mut headers = HeaderMap::new();
    headers.insert(signature::HEADER, sent.signature.parse().unwrap());
    let replayed = shop
        .card
        .parse_webhook(&headers, sent.body.as_bytes(), signature::now())
        .unwrap();
    assert_eq!(replayed, parse(&shop, &delivered).unwrap());
    assert_eq!(replayed.id, sent.id);
    assert_eq!(replayed.session_id, session_id);
    // ... but not once the tolerance has passed.
    assert_eq!(
        shop.card.parse_webhook(
            &headers,
            sent.body.as_bytes(),
            signature::now() + signature::TOLERANCE_SECS + 1
        ),
        Err(PaymentError::Signature(SignatureError::OutsideTolerance))
    );
}

#[tokio::test]
async fn a_shop_that_never_answers_still_gets_the_shopper_back() {
    let shop = Shop::start().await;
    shop.inbox.fail_next.store(usize::MAX, Ordering::SeqCst);
    let (session_id, _) = shop.start_session(&shop.checkout(100, Locale::En)).await;
    let answer = shop.click(&session_id, "pay").await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    // One try and three retries.
    assert_eq!(shop.inbox.attempts.load(Ordering::SeqCst), 4);
    let events: Vec<SentEvent> = shop.events(API_KEY).await.json().await.unwrap();
    assert!(!events[0].delivered);
}
