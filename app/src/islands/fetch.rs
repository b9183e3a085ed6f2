//! How islands talk to server functions: post a form (or a few fields) with `fetch`,
//! asking for JSON so the function answers instead of redirecting a plain form back to
//! its page, and decode the answer or the `AppError`. Islands do not use Leptos' typed
//! server-function client: each function called through it brings its own encoder,
//! request code and error decoder into every shopper's WASM. Rendered answers are one
//! JSON string, so all of those share the one `String` decoder.

use crate::error::{AppError, ErrorKind};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;
use web_sys::{FormData, HtmlFormElement, UrlSearchParams};

/// Posts the form's fields the way the browser would.
pub async fn post_form(form: &HtmlFormElement) -> Result<Response, ()> {
    let data = FormData::new_with_form(form).map_err(|_| ())?;
    let body =
        UrlSearchParams::new_with_str_sequence_sequence(&JsValue::from(data)).map_err(|_| ())?;
    post(&form.action(), body.into(), Some(FORM_ENCODED)).await
}

/// Posts `fields` (name, value) to a server function's URL.
pub async fn post_fields(url: &str, fields: &[(&str, &str)]) -> Result<Response, ()> {
    let body = UrlSearchParams::new().map_err(|_| ())?;
    for (name, value) in fields {
        body.append(name, value);
    }
    post(url, body.into(), Some(FORM_ENCODED)).await
}

/// Posts `data` as `multipart/form-data` (a file upload).
pub async fn post_multipart(url: &str, data: FormData) -> Result<Response, ()> {
    post(url, data.into(), None).await
}

/// A GET to a server function's URL (its query already in it).
pub async fn get(url: &str) -> Result<Response, ()> {
    Request::get(url)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ())
}

/// What a plain form post sends, as server functions expect it.
const FORM_ENCODED: &str = "application/x-www-form-urlencoded";

/// `content_type: None` leaves it to the browser (multipart needs its boundary).
async fn post(url: &str, body: JsValue, content_type: Option<&str>) -> Result<Response, ()> {
    let request = Request::post(url).header("Accept", "application/json");
    let request = match content_type {
        Some(value) => request.header("Content-Type", value),
        None => request,
    };
    request
        .body(body)
        .map_err(|_| ())?
        .send()
        .await
        .map_err(|_| ())
}

/// A server function's answer: its value, the error it answered with, or
/// `ErrorKind::Network` when no answer came (offline).
pub async fn decode<T: DeserializeOwned>(sent: Result<Response, ()>) -> Result<T, AppError> {
    let network = || AppError::from(ErrorKind::Network);
    let response = sent.map_err(|()| network())?;
    let text = response.text().await.map_err(|_| network())?;
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::internal())
    } else {
        Err(serde_json::from_str(&text).unwrap_or_else(|_| AppError::internal()))
    }
}

/// The HTML a server function rendered, when it succeeded.
pub async fn rendered(sent: Result<Response, ()>) -> Result<String, ()> {
    decode(sent).await.map_err(|_| ())
}
