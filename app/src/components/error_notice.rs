use crate::{error::AppError, i18n::t, request};
use dokkan_core::Locale;
use leptos::prelude::*;

/// What a shopper sees when a page could not load: a localized message, never internals,
/// with the status the error's kind has.
#[component]
pub fn ErrorNotice(locale: Locale, error: AppError) -> impl IntoView {
    request::set_status(error.status());
    view! {
        <section class="notice notice-error" role="alert">
            <h1>{t(locale, "error-title")}</h1>
            <p>{t(locale, error.fluent_key())}</p>
        </section>
    }
}
