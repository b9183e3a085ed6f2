use crate::i18n::t;
use dokkan_core::Locale;
use leptos::prelude::*;

/// The cookie question, until the shopper answers it (never shown with `Sec-GPC: 1`). A
/// plain form: it works without JavaScript and comes back to the page. In the page's flow
/// at the top rather than floating, so it never covers what the shopper came for.
#[component]
pub fn ConsentBanner(locale: Locale, back: String) -> impl IntoView {
    crate::shopper::asks_consent().then(|| {
        view! {
            <aside class="consent" aria-label=t(locale, "consent-label") data-testid="consent">
                <form method="post" action="/consent" class="consent-form">
                    <p class="consent-text">{t(locale, "consent-text")}</p>
                    <input type="hidden" name="back" value=back/>
                    <div class="consent-actions">
                        <button type="submit" name="choice" value="yes" class="button-primary" data-testid="consent-accept">
                            {t(locale, "consent-accept")}
                        </button>
                        <button type="submit" name="choice" value="no" class="button-secondary" data-testid="consent-refuse">
                            {t(locale, "consent-refuse")}
                        </button>
                    </div>
                </form>
            </aside>
        }
    })
}
