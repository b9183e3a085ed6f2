//! How islands talk to server functions that answer with rendered HTML: post a form (or
//! a few fields) with `fetch`, asking for JSON so the function answers instead of
//! redirecting a plain form back to its page. A rendered answer is one JSON string, so
//! every such call shares the one `String` decoder in the WASM.

use gloo_net::http::{Request, Response};
use wasm_bindgen::JsValue;
use web_sys::{FormData, HtmlFormElement, UrlSearchParams};

/// Posts the form's fields the way the browser would.
pub async fn post_form(form: &HtmlFormElement) -> Result<Response, ()> {
    let data = FormData::new_with_form(form).map_err(|_| ())?;
    let body =
        UrlSearchParams::new_with_str_sequence_sequence(&JsValue::from(data)).map_err(|_| ())?;
    post(&form.action(), body).await
}

/// Posts `fields` (name, value) to a server function's URL.
pub async fn post_fields(url: &str, fields: &[(&str, &str)]) -> Result<Response, ()> {
    let body = UrlSearchParams::new().map_err(|_| ())?;
    for (name, value) in fields {
        body.append(name, value);
    }
    post(url, body).await
}

/// A GET to a server function's URL (its query already in it).
pub async fn get(url: &str) -> Result<Response, ()> {
    Request::get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ())
}

async fn post(url: &str, body: UrlSearchParams) -> Result<Response, ()> {
    Request::post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body(body)
        .map_err(|_| ())?
        .send()
        .await
        .map_err(|_| ())
}

/// The HTML a server function rendered, when it succeeded.
pub async fn rendered(response: Response) -> Result<String, ()> {
    if !response.ok() {
        return Err(());
    }
    let text = response.text().await.map_err(|_| ())?;
    serde_json::from_str(&text).map_err(|_| ())
}
