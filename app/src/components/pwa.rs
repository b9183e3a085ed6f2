//! The installed app's messages, rendered in the page's language and hidden until
//! `/pwa.js` shows them: "Install app" (only when the browser offers installation), the
//! iOS hint (Safari has no install prompt), and "A new version is available — Reload".

use crate::i18n::t;
use dokkan_core::Locale;
use leptos::prelude::*;

#[component]
pub fn PwaChrome(locale: Locale) -> impl IntoView {
    view! {
        <div class="pwa-bar" id="pwa-update" role="status" hidden data-testid="pwa-update">
            <span>{t(locale, "pwa-update")}</span>
            <button type="button" class="button-primary" id="pwa-update-button">
                {t(locale, "pwa-update-reload")}
            </button>
        </div>
        <div class="pwa-bar pwa-install" id="pwa-install" hidden data-testid="pwa-install">
            <span>{t(locale, "pwa-install-text")}</span>
            <button type="button" class="button-primary" id="pwa-install-button">
                {t(locale, "pwa-install")}
            </button>
        </div>
        <p class="pwa-bar pwa-ios-hint" id="pwa-ios-hint" hidden data-testid="pwa-ios-hint">
            {t(locale, "pwa-ios-hint")}
        </p>
    }
}
