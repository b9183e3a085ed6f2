//! The installable app: the Web App Manifest of each language (`/{lang}/manifest.webmanifest`)
//! and the service worker (`/sw.js`, scope `/`).
//!
//! The worker is `sw.js` with this build's facts written in when the server starts: its
//! version (the hashes of the WASM, JS and CSS, so a deploy is a new worker and old
//! caches go), the files to precache (those hashed files, the icons, one offline page per
//! language) and the offline banner in both languages. It is served `no-cache` so the
//! browser asks for it on every navigation and notices a new version at once.

use axum::{
    extract::Path,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use dokkan_core::Locale;
use leptos::config::LeptosOptions;
use serde_json::json;

/// What `/sw.js` needs from this build, worked out once.
#[derive(Clone, Debug)]
pub struct ServiceWorker {
    pub version: String,
    script: String,
}

const TEMPLATE: &str = include_str!("sw.js");

/// What every page loads besides the hashed files; precached so a page opened offline
/// finds all of it.
pub const STATIC: [&str; 6] = [
    "/pwa.js",
    "/favicon.svg",
    "/logo.svg",
    "/icons/icon-192.png",
    "/icons/icon-512.png",
    "/icons/maskable-512.png",
];

impl ServiceWorker {
    /// Reads the build's hashed file names the way Leptos does (`hash.txt` beside the
    /// binary); an unhashed development build is version `dev`.
    pub fn for_build(options: &LeptosOptions) -> ServiceWorker {
        let hashes = hashes(options);
        let name = options.output_name.as_ref();
        let pkg = options.site_pkg_dir.as_ref();
        let file = |kind: &str, ext: &str| match hashes.iter().find(|(k, _)| k == kind) {
            Some((_, hash)) => format!("/{pkg}/{name}.{hash}.{ext}"),
            None if ext == "wasm" && !options.hash_files => format!("/{pkg}/{name}_bg.wasm"),
            None => format!("/{pkg}/{name}.{ext}"),
        };
        let version = if hashes.is_empty() {
            "dev".to_string()
        } else {
            hashes
                .iter()
                .map(|(_, h)| h.chars().take(8).collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        };
        let mut precache: Vec<String> =
            vec![file("js", "js"), file("wasm", "wasm"), file("css", "css")];
        precache.extend(STATIC.iter().map(|i| i.to_string()));
        for locale in Locale::ALL {
            precache.push(offline_path(locale));
            precache.push(format!("/{locale}/manifest.webmanifest"));
        }
        let texts: serde_json::Map<String, serde_json::Value> = Locale::ALL
            .iter()
            .map(|l| {
                (
                    l.as_str().to_string(),
                    json!({ "banner": app::i18n::t(*l, "pwa-offline-banner") }),
                )
            })
            .collect();
        let script = TEMPLATE
            .replace("\"__VERSION__\"", &json!(version).to_string())
            .replace("[\"__PRECACHE__\"]", &json!(precache).to_string())
            .replace(
                "{\"__TEXTS__\": 0}",
                &serde_json::Value::Object(texts).to_string(),
            );
        ServiceWorker { version, script }
    }
}

/// The page the worker shows for a page it has not kept, in `locale`.
pub fn offline_path(locale: Locale) -> String {
    format!("/{locale}/offline")
}

fn hashes(options: &LeptosOptions) -> Vec<(String, String)> {
    if !options.hash_files {
        return Vec::new();
    }
    let path = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|d| d.join(options.hash_file.as_ref())));
    let Some(text) = path.and_then(|p| std::fs::read_to_string(p).ok()) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = text
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .filter(|(k, _)| matches!(k.as_str(), "js" | "wasm" | "css"))
        .collect();
    out.sort();
    out
}

/// `GET /sw.js`.
pub async fn service_worker(worker: std::sync::Arc<ServiceWorker>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            // Always asked again: a deploy must reach installed apps at their next visit.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        worker.script.clone(),
    )
        .into_response()
}

/// `GET /{lang}/manifest.webmanifest`: the app as this language installs it.
pub async fn manifest(Path(lang): Path<String>) -> Response {
    let Some(locale) = Locale::from_url_segment(&lang) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let t = |key: &str| app::i18n::t(locale, key);
    let icon = |src: &str, size: &str, purpose: &str| json!({ "src": src, "sizes": size, "type": "image/png", "purpose": purpose });
    let body = json!({
        "id": format!("/{locale}/"),
        "name": t("pwa-name"),
        "short_name": t("pwa-short-name"),
        "description": t("pwa-description"),
        "lang": locale.as_str(),
        "dir": locale.dir().as_str(),
        "start_url": format!("/{locale}/?source=pwa"),
        "scope": format!("/{locale}/"),
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "categories": ["shopping"],
        "icons": [
            icon("/icons/icon-192.png", "192x192", "any"),
            icon("/icons/icon-512.png", "512x512", "any"),
            icon("/icons/maskable-512.png", "512x512", "maskable"),
        ],
        "screenshots": [
            {
                "src": format!("/screenshots/{locale}-narrow.png"),
                "sizes": "390x844",
                "type": "image/png",
                "form_factor": "narrow",
                "label": t("pwa-screenshot-narrow"),
            },
            {
                "src": format!("/screenshots/{locale}-wide.png"),
                "sizes": "1366x768",
                "type": "image/png",
                "form_factor": "wide",
                "label": t("pwa-screenshot-wide"),
            },
        ],
    });
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/manifest+json; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    (headers, body.to_string()).into_response()
}

/// The style's brand colour (`--color-brand`) and page background (`--color-background`).
pub const THEME_COLOR: &str = "#0f5e4d";
pub const BACKGROUND_COLOR: &str = "#f6f4ef";
