//! What search engines read besides the pages: `/robots.txt` and `/sitemap.xml` (every
//! category and product in both languages, each with its hreflang alternates).

use crate::AppState;
use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use dokkan_core::{html::escape, Locale};

pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /*/account\nDisallow: /*/admin\n\
         Disallow: /*/search\n\nSitemap: {}/sitemap.xml\n",
        state.public_url
    );
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        body,
    )
        .into_response()
}

pub async fn sitemap(State(state): State<AppState>) -> Response {
    match dokkan_catalog::db::sitemap_entries(&state.pool).await {
        Ok(entries) => {
            let base = &state.public_url;
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
                 <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
                 xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
            );
            let home = [("".to_string(), None)];
            let categories = entries
                .categories
                .iter()
                .map(|(slug, at)| (format!("categories/{slug}"), Some(at.as_str())));
            let products = entries
                .products
                .iter()
                .map(|(handle, at)| (format!("products/{handle}"), Some(at.as_str())));
            for (rest, lastmod) in home
                .iter()
                .map(|(r, l)| (r.clone(), *l))
                .chain(categories)
                .chain(products)
            {
                for locale in Locale::ALL {
                    xml.push_str(&url_entry(base, locale, &rest, lastmod));
                }
            }
            xml.push_str("</urlset>\n");
            (
                [
                    (header::CONTENT_TYPE, "application/xml; charset=utf-8"),
                    (header::CACHE_CONTROL, "public, max-age=3600"),
                ],
                xml,
            )
                .into_response()
        }
        Err(error) => {
            tracing::error!(?error, "sitemap failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// One `<url>` with its alternates. Slugs and handles are `[a-z0-9-]`, so nothing in a
/// URL needs XML escaping beyond the base, which is escaped.
fn url_entry(base: &str, locale: Locale, rest: &str, lastmod: Option<&str>) -> String {
    let base = escape(base);
    let mut out = format!("  <url>\n    <loc>{base}/{locale}/{rest}</loc>\n");
    if let Some(at) = lastmod {
        out.push_str(&format!("    <lastmod>{at}</lastmod>\n"));
    }
    for alt in Locale::ALL {
        out.push_str(&format!(
            "    <xhtml:link rel=\"alternate\" hreflang=\"{alt}\" href=\"{base}/{alt}/{rest}\"/>\n"
        ));
    }
    out.push_str(&format!(
        "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}/{}/{rest}\"/>\n  </url>\n",
        Locale::DEFAULT
    ));
    out
}
