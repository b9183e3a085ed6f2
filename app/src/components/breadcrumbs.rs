use crate::i18n::t;
use dokkan_core::Locale;
use leptos::prelude::*;

/// Home, then each `(name, href)` of the trail; the last one is the current page unless
/// `current` names the page itself (a product).
#[component]
pub fn Breadcrumbs(
    locale: Locale,
    trail: Vec<(String, String)>,
    #[prop(optional, into)] current: Option<String>,
) -> impl IntoView {
    let last = trail.len().saturating_sub(1);
    let here_is_last = current.is_none();
    view! {
        <nav class="breadcrumbs" aria-label=t(locale, "nav-breadcrumbs")>
            <ol role="list">
                <li><a href=format!("/{locale}/")>{t(locale, "nav-home")}</a></li>
                {trail
                    .into_iter()
                    .enumerate()
                    .map(|(i, (name, href))| {
                        if here_is_last && i == last {
                            view! { <li><span aria-current="page">{name}</span></li> }.into_any()
                        } else {
                            view! { <li><a href=href>{name}</a></li> }.into_any()
                        }
                    })
                    .collect_view()}
                {current.map(|name| view! { <li><span aria-current="page">{name}</span></li> })}
            </ol>
        </nav>
    }
}
