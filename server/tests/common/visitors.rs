//! Visitors as the event and recommendation tests see them: the cookies a response sets,
//! a visitor who consented, and waiting for the event writer (it batches for up to 200 ms).

use super::TestApp;
use reqwest::header;
use sqlx::PgPool;
use std::time::Duration;

/// Every `Set-Cookie` of a response.
pub fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect()
}

/// The value a list of `Set-Cookie` gives `name`.
pub fn cookie<'a>(cookies: &'a [String], name: &str) -> Option<&'a str> {
    cookies
        .iter()
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .map(|rest| rest.split(';').next().unwrap())
}

/// A new visitor who said yes on the banner: their `Cookie` header.
pub async fn consented(app: &TestApp) -> String {
    let response = app
        .client
        .post(app.url("/consent"))
        .header(header::ORIGIN, &app.base)
        .form(&[("choice", "yes"), ("back", "/en/")])
        .send()
        .await
        .unwrap();
    let cookies = set_cookies(&response);
    let visitor = cookie(&cookies, "dokkan_vid").unwrap();
    format!("dokkan_consent=yes; dokkan_vid={visitor}")
}

/// Waits (up to 5 s) until `count_sql` counts at least `want` rows.
pub async fn settle(pool: &PgPool, count_sql: &str, want: i64) {
    for _ in 0..100 {
        let n: i64 = sqlx::query_scalar(count_sql).fetch_one(pool).await.unwrap();
        if n >= want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
