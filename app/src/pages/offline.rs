//! `/{lang}/offline`: what the installed app shows for a page it has not kept while there
//! is no connection. The service worker precaches one per language (without cookies, so
//! it carries nobody's account) and serves it in the language of the page asked for.

use crate::{components::Layout, components::Seo, i18n::t, request};
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn OfflinePage() -> impl IntoView {
    let locale = request::locale();
    view! {
        <Seo locale title=t(locale, "pwa-offline-title") description=t(locale, "pwa-offline-body")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="notice offline-page" data-testid="offline-page">
                <svg class="offline-icon" viewBox="0 0 24 24" width="48" height="48" aria-hidden="true">
                    <path d="M2 8.5a15 15 0 0 1 20 0M5.5 12a10 10 0 0 1 13 0M9 15.5a5 5 0 0 1 6 0" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                    <path d="M3 3l18 18" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>
                </svg>
                <h1>{t(locale, "pwa-offline-title")}</h1>
                <p>{t(locale, "pwa-offline-body")}</p>
                <p>
                    <a class="button" href=format!("/{locale}/")>{t(locale, "pwa-offline-home")}</a>
                </p>
            </section>
        </Layout>
    }
}
