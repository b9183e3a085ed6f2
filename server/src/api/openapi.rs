//! `GET /api/v1/openapi.json`: the OpenAPI 3.1 description of `/api/v1`, derived from the
//! handlers' `#[utoipa::path]` attributes and the response types, so it changes with them.

use super::catalog;
use axum::{
    http::{header, HeaderValue},
    response::{IntoResponse, Response},
};
use std::sync::LazyLock;
use utoipa::{
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
    Modify, OpenApi,
};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Dokkan API",
        version = "1",
        description = "The shop's catalog and the signed-in person's account, as JSON. \
            Names and messages come in the language of `lang` (`en` or `ar`), else of the \
            `Accept-Language` header. Prices are integers in minor units (piastres) beside \
            an ISO 4217 currency code. Errors have one shape (`ErrorBody`); a parameter that \
            cannot be used is a 400 `invalid_parameter` whose `fields` names it."
    ),
    paths(
        catalog::list_products,
        catalog::product,
        catalog::categories,
        catalog::suggest,
        super::recommendations::recommendations,
        super::me,
        super::admin_export::products_csv,
        super::admin_export::analytics_csv,
        super::assistant::parse,
        super::assistant::chat,
        super::list_addresses,
        super::create_address,
        super::get_address,
        super::update_address,
        super::delete_address,
        super::push::key,
        super::push::subscribe,
        super::push::unsubscribe,
    ),
    components(schemas(super::ErrorBody)),
    modifiers(&SecuritySchemes),
    tags(
        (name = "catalog", description = "Products, categories and search; no sign-in needed."),
        (name = "account", description = "The signed-in person's profile and address book."),
        (name = "push", description = "Web push for order updates: the VAPID key, and subscribing a browser for an account or one order."),
        (name = "assistant", description = "The shopping assistant: what a message in English, Egyptian Arabic or Arabizi means."),
    )
)]
pub(super) struct ApiDoc;

/// How account endpoints know the caller: a bearer access token, or the session cookie a
/// browser already holds.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(app::auth::ACCESS_COOKIE))),
        );
    }
}

/// Built once: the document only changes with the binary.
static DOCUMENT: LazyLock<String> = LazyLock::new(|| {
    ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serializes")
});

pub(super) async fn document() -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=300"),
            ),
        ],
        DOCUMENT.as_str(),
    )
        .into_response()
}
