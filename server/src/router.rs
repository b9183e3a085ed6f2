//! The whole HTTP surface of the shop.

use crate::{
    api, auth, health, input, middleware, order_events, payments,
    security::{self, CspNonce, SecurityConfig},
    seo, AppState,
};
use app::{request::preferred_locale, shell, App};
use axum::middleware::from_fn_with_state;
use axum::{
    handler::Handler,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::Layer;
use tower_http::services::{ServeDir, ServeFile};

/// What the router mounts beside the shop.
#[derive(Default)]
pub struct RouterOptions {
    /// The local fake card provider, at `/fake-provider`.
    #[cfg(feature = "fake-provider")]
    pub fake: Option<dokkan_payments::fake::FakeConfig>,
    /// `cargo leptos watch` reloads pages from its own port: the CSP lets it in.
    pub watch: bool,
    /// The assistant's social channels, whose webhooks are mounted under `/api/v1/channels`.
    pub channels: Arc<crate::channels::ChannelsConfig>,
}

pub fn build(state: AppState, options: RouterOptions) -> Router {
    let router_options = options;
    let options = state.leptos_options.clone();
    let site_root = PathBuf::from(options.site_root.as_ref());
    let pkg_dir = site_root.join(options.site_pkg_dir.as_ref());
    let routes = generate_route_list(App);
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_request_nonce();
        }
    };
    let app_shell = {
        let options = options.clone();
        move || shell(options.clone())
    };

    // The home page's address is `/{lang}/`; Leptos' route list only knows `/{lang}`.
    let home_with_slash =
        leptos_axum::render_app_async_with_context(context.clone(), app_shell.clone());
    // Unknown paths that are not files render the localized 404 page.
    let not_found =
        leptos_axum::file_and_error_handler_with_context::<AppState, _>(context.clone(), shell)
            .with_state(state.clone());
    let pkg_files = middleware::immutable().layer(
        ServeDir::new(pkg_dir)
            .precompressed_br()
            .precompressed_gzip(),
    );
    // Pictures are named by the SHA-256 of their bytes (`<hash>.<ext>`,
    // `<hash>-<width>.webp`): a name never changes content, so browsers keep them forever.
    let media_files = middleware::immutable().layer(ServeDir::new(&state.media_dir));

    let mut router = Router::new();
    // Public files get their own routes: `/{lang}` and `/{lang}/products/{handle}` would
    // otherwise claim `/robots.txt` and `/images/logo.svg`.
    for (name, is_dir) in public_entries(&site_root, options.site_pkg_dir.as_ref()) {
        let path = site_root.join(&name);
        router = if is_dir {
            let files = ServeDir::new(path).precompressed_br().precompressed_gzip();
            router.nest_service(
                &format!("/{name}"),
                middleware::revalidate_daily().layer(files),
            )
        } else {
            let file = ServeFile::new(path).precompressed_br().precompressed_gzip();
            router.route_service(
                &format!("/{name}"),
                middleware::revalidate_daily().layer(file),
            )
        };
    }

    let worker = Arc::new(crate::pwa::ServiceWorker::for_build(&options));
    let router = router
        .route(
            "/sw.js",
            get(move || crate::pwa::service_worker(worker.clone())),
        )
        .route("/{lang}/manifest.webmanifest", get(crate::pwa::manifest))
        .route("/", get(root_redirect))
        .route("/{lang}/", get(home_with_slash))
        .route(
            "/api/v1/payments/webhook",
            axum::routing::post(payments::webhook),
        )
        .route("/api/v1/orders/{number}/events", get(order_events::stream))
        .route(
            "/api/v1/assistant/conversations/{token}/events",
            get(crate::chat_events::stream),
        )
        .nest(
            "/api/v1",
            api::routes().merge(crate::channels::routes(router_options.channels.clone())),
        )
        .route(
            "/consent",
            axum::routing::post(crate::visitor::choose)
                .with_state(crate::visitor::VisitorLayer::new(&state)),
        )
        .route("/robots.txt", get(seo::robots))
        .route("/sitemap.xml", get(seo::sitemap))
        .route("/health", get(health::health))
        .route("/ready", get(health::ready))
        .nest_service("/pkg", pkg_files)
        .nest_service("/media", media_files);
    #[cfg(feature = "fake-provider")]
    let router = match router_options.fake {
        Some(config) => router.merge(Router::new().nest(
            "/fake-provider",
            dokkan_payments::fake::FakeProvider::new(config).router(),
        )),
        None => router,
    };
    let router = router
        .leptos_routes_with_context(&state, routes, context, app_shell)
        .fallback_service(not_found)
        .with_state(state.clone());
    let reload_port = router_options.watch.then_some(options.reload_port);
    let mut security = SecurityConfig::new(&state.public_url, reload_port);
    if let Some(card) = &state.commerce.card {
        security = security.allow_form_target(&card.config().base_url);
    }
    let security = Arc::new(security);
    // Added last runs first: security headers, then the cross-site check, then auth, then
    // the admin functions' door (before any reading of the body), then the NUL check.
    let router = router
        .layer(axum::middleware::from_fn(input::refuse_nul))
        .layer(axum::middleware::from_fn(auth::admin_functions_gate))
        .layer(from_fn_with_state(
            crate::visitor::VisitorLayer::new(&state),
            crate::visitor::identify,
        ))
        .layer(from_fn_with_state(
            auth::AuthLayer::new(&state),
            auth::authenticate,
        ))
        .layer(from_fn_with_state(
            security.clone(),
            security::same_origin_writes,
        ))
        .layer(from_fn_with_state(security, security::headers));
    middleware::apply(router)
}

/// Hands the response's CSP nonce to Leptos, which puts it on every script it writes.
fn provide_request_nonce() {
    let nonce = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<CspNonce>().cloned());
    if let Some(CspNonce(nonce)) = nonce {
        provide_context(leptos::nonce::Nonce::from_value(nonce));
    }
}

/// Top-level files and folders of the built site, except `/pkg` and precompressed copies.
fn public_entries(site_root: &Path, pkg_dir: &str) -> Vec<(String, bool)> {
    let Ok(entries) = std::fs::read_dir(site_root) else {
        return Vec::new();
    };
    let mut out: Vec<(String, bool)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let is_dir = entry.file_type().ok()?.is_dir();
            // Routes the server answers itself win over a file of the same name.
            let dynamic = matches!(name.as_str(), "robots.txt" | "sitemap.xml" | "media");
            let skip = name == pkg_dir
                || dynamic
                || name.starts_with('.')
                || name.ends_with(".br")
                || name.ends_with(".gz");
            (!skip).then_some((name, is_dir))
        })
        .collect();
    out.sort();
    out
}

/// `/` sends the visitor to their language: cookie, then `Accept-Language`, then Arabic.
async fn root_redirect(headers: HeaderMap) -> Response {
    let locale = preferred_locale(&headers);
    let mut response = (
        StatusCode::TEMPORARY_REDIRECT,
        [(header::LOCATION, format!("/{locale}/"))],
    )
        .into_response();
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("cookie, accept-language"),
    );
    response
}
