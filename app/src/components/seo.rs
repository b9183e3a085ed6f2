use crate::{i18n::t, request};
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};

/// Title, description, canonical URL, hreflang alternates and OpenGraph for a page.
#[component]
pub fn Seo(
    locale: Locale,
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(default = None)] image: Option<String>,
) -> impl IntoView {
    let path = request::path_and_query();
    let path = path.split('?').next().unwrap_or("/").to_string();
    let url_in = |target: Locale| request::absolute_url(&request::localized_path(&path, target));
    let canonical = url_in(locale);
    let site = t(locale, "site-name");
    let full_title = format!("{title} | {site}");
    // A shopper with no language in the URL is sent to their language from the root.
    let x_default =
        if request::localized_path(&path, Locale::DEFAULT) == format!("/{}/", Locale::DEFAULT) {
            request::absolute_url("/")
        } else {
            url_in(Locale::DEFAULT)
        };
    let og_locale = match locale {
        Locale::En => "en_US",
        Locale::Ar => "ar_EG",
    };
    // leptos_meta writes the title's text into `<title>` as it is (it escapes attributes,
    // not this): a `</title>` in a search query or a product name would end the element.
    // Escaped here, the browser decodes it back, so the tab shows the text unchanged.
    let title_markup = dokkan_core::html::escape(&full_title);
    view! {
        <Title text=title_markup/>
        <Meta name="description" content=description.clone()/>
        <Link rel="canonical" href=canonical.clone()/>
        <Link rel="alternate" hreflang="en" href=url_in(Locale::En)/>
        <Link rel="alternate" hreflang="ar" href=url_in(Locale::Ar)/>
        <Link rel="alternate" hreflang="x-default" href=x_default/>
        <Meta property="og:site_name" content=site/>
        <Meta property="og:title" content=full_title/>
        <Meta property="og:description" content=description/>
        <Meta property="og:url" content=canonical/>
        <Meta property="og:locale" content=og_locale/>
        {image.map(|image| view! { <Meta property="og:image" content=request::absolute_url(&image)/> })}
    }
}
