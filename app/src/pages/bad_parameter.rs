use crate::{
    components::{Layout, Seo},
    i18n::t,
    i18n::t_with,
    request,
};
use dokkan_catalog::ParamError;
use dokkan_core::Locale;
use leptos::prelude::*;

/// 400: a listing URL with a parameter that cannot be used (`page=abc`), naming it and
/// offering the page without parameters.
#[component]
pub fn BadParameterPage(locale: Locale, error: ParamError) -> impl IntoView {
    request::set_status(400);
    let path = request::path_and_query();
    let clean = path.split('?').next().unwrap_or("/").to_string();
    let (min, max) = error.range().unwrap_or((0, 0));
    let (min, max) = (min.to_string(), max.to_string());
    let message = t_with(
        locale,
        error.problem.message_key(),
        &[("name", &error.name), ("min", &min), ("max", &max)],
    );
    view! {
        <Seo locale title=t(locale, "param-page-title") description=message.clone()/>
        <leptos_meta::Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="notice" data-testid="bad-parameter">
                <h1>{t(locale, "param-page-title")}</h1>
                <p>{message}</p>
                <p><a href=clean>{t(locale, "param-page-reset")}</a></p>
            </section>
        </Layout>
    }
}
