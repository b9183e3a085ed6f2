use crate::{
    components::{Layout, Seo},
    i18n::t,
    request,
};
use leptos::prelude::*;
use leptos_meta::Meta;

/// Any URL we do not know, in the visitor's language, with status 404.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    request::set_status(404);
    let locale = request::locale();
    view! {
        <Seo locale title=t(locale, "not-found-title") description=t(locale, "not-found-text")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="notice" data-testid="not-found">
                <h1>{t(locale, "not-found-title")}</h1>
                <p>{t(locale, "not-found-text")}</p>
                <p>
                    <a class="button" href=format!("/{locale}/")>{t(locale, "not-found-home")}</a>
                </p>
            </section>
        </Layout>
    }
}
