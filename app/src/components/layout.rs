use crate::{
    i18n::t,
    islands::{CartButton, SearchBox, SearchBoxTexts},
    request,
    server::{account::SignOut, cart::header_cart, catalog::category_tree},
};
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The site chrome: skip link, header with the search box, top-level categories and the
/// language switch, footer. `search`: the text to show in the search box.
#[component]
pub fn Layout(
    locale: Locale,
    #[prop(optional, into)] search: String,
    children: Children,
) -> impl IntoView {
    request::remember_locale(locale);
    let other = locale.other();
    let switch_href = request::localized_path(&request::path_and_query(), other);
    let home = format!("/{locale}/");
    view! {
        <a class="skip-link" href="#main">{t(locale, "nav-skip-to-content")}</a>
        <header class="site-header">
            <div class="site-header-inner">
                <a class="brand" href=home.clone()>
                    <img src="/logo.svg" alt="" width="32" height="32"/>
                    <span>{t(locale, "site-name")}</span>
                </a>
                <nav class="category-nav" aria-label=t(locale, "nav-categories")>
                    <Suspense fallback=|| ()>
                        {move || Suspend::new(async move {
                            category_tree()
                                .await
                                .unwrap_or_default()
                                .into_iter()
                                .map(|node| node.category)
                                .map(|category| {
                                    let href = format!("/{locale}/categories/{}", category.slug);
                                    view! {
                                        <a href=href>{category.name.get(locale).to_string()}</a>
                                    }
                                })
                                .collect_view()
                        })}
                    </Suspense>
                </nav>
                <SearchBox
                    action=format!("/{locale}/search")
                    lang=locale.to_string()
                    value=search
                    texts=SearchBoxTexts {
                        label: t(locale, "search-label"),
                        placeholder: t(locale, "search-placeholder"),
                        submit: t(locale, "search-submit"),
                        count: t(locale, "search-suggestions-count"),
                    }
                />
                <AccountNav locale/>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match header_cart(locale.to_string()).await {
                            Ok((count, texts)) => view! {
                                <CartButton count label=t(locale, "cart-title") texts/>
                            }
                                .into_any(),
                            Err(_) => view! {
                                <a class="cart-link" href=format!("/{locale}/cart")>{t(locale, "cart-title")}</a>
                            }
                                .into_any(),
                        }
                    })}
                </Suspense>
                <a
                    class="language-switch"
                    href=switch_href
                    hreflang=other.as_str()
                    lang=other.as_str()
                    data-testid="language-switch"
                >
                    {t(locale, "nav-language-switch")}
                </a>
            </div>
        </header>
        <main id="main" class="site-main">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t(locale, "footer-tagline")}</p>
            <p>
                <a href=home>{t(locale, "site-name")}</a>
            </p>
        </footer>
    }
}

/// The signed-in person's name (rendered on the server, so it never flashes) and sign-out,
/// or the sign-in link.
#[component]
fn AccountNav(locale: Locale) -> impl IntoView {
    match crate::auth::current_user() {
        Some(user) => view! {
            <div class="account-nav">
                <a href=format!("/{locale}/account") data-testid="account-name">
                    {user.name}
                </a>
                {user.role.allows(dokkan_accounts::Permission::BackOffice).then(|| view! {
                    <a href=format!("/{locale}/admin")>{t(locale, "nav-admin")}</a>
                })}
                <form method="post" action=SignOut::PATH>
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <button type="submit" class="button-link" data-testid="sign-out">
                        {t(locale, "nav-sign-out")}
                    </button>
                </form>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="account-nav">
                <a href=format!("/{locale}/account/sign-in") data-testid="sign-in-link">
                    {t(locale, "nav-sign-in")}
                </a>
            </div>
        }
        .into_any(),
    }
}
