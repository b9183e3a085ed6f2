use crate::{
    i18n::t,
    islands::{CartButton, SearchBox, SearchBoxTexts},
    request,
    server::{account::SignOut, cart::header_cart, catalog::category_tree},
};
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The site chrome: skip link, header, footer and (in the installed app) the bottom bar.
/// `search`: the text to show in the search box.
///
/// On a phone the header is one row: menu button, logo, search, cart. The menu button
/// opens the categories, account links and language switch as a drawer from the
/// inline-start side (the right in Arabic); it is a `popover`, so it works without JS,
/// closes on Escape or a tap outside, and hands focus back. On wider screens (and in
/// browsers without popovers) the same elements sit in the header itself.
#[component]
pub fn Layout(
    locale: Locale,
    #[prop(optional, into)] search: String,
    children: Children,
) -> impl IntoView {
    request::remember_locale(locale);
    let other = locale.other();
    let here = request::path_and_query();
    let switch_href = request::localized_path(&here, other);
    let home = format!("/{locale}/");
    view! {
        <a class="skip-link" href="#main">{t(locale, "nav-skip-to-content")}</a>
        <super::ConsentBanner locale back=here.clone()/>
        <header class="site-header">
            <div class="site-header-inner">
                <button type="button" class="menu-button" popovertarget="site-menu" data-testid="menu-button">
                    <Icon path=ICON_MENU/>
                    <span class="visually-hidden">{t(locale, "nav-menu")}</span>
                </button>
                <a class="brand" href=home.clone()>
                    <img src="/logo.svg" alt="" width="32" height="32"/>
                    <span class="brand-name">{t(locale, "site-name")}</span>
                </a>
                <div class="header-search">
                    <SearchBox
                        action=format!("/{locale}/search")
                        lang=locale.to_string()
                        value=search
                        texts=SearchBoxTexts {
                            label: t(locale, "search-label"),
                            placeholder: t(locale, "search-placeholder"),
                            submit: t(locale, "search-submit"),
                            count: t(locale, "search-suggestions-count"),
                            voice: t(locale, "search-voice"),
                        }
                    />
                </div>
                <div class="header-cart">
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
                </div>
                <div class="site-menu" id="site-menu" popover="auto" data-testid="site-menu">
                    <div class="site-menu-head">
                        <span class="site-menu-title">{t(locale, "nav-menu")}</span>
                        <button type="button" class="site-menu-close" popovertarget="site-menu" popovertargetaction="hide">
                            <Icon path=ICON_CLOSE/>
                            <span class="visually-hidden">{t(locale, "nav-menu-close")}</span>
                        </button>
                    </div>
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
                    <AccountNav locale/>
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
        <BottomNav locale here=here.clone()/>
        {chat_offered(locale, &here).then(|| view! { <super::ChatDock locale/> })}
    }
}

/// The chat button is on shoppers' pages: not in the console, not on the chat page itself.
fn chat_offered(locale: Locale, here: &str) -> bool {
    let path = here.split(['?', '#']).next().unwrap_or_default();
    !path.starts_with(&format!("/{locale}/admin"))
        && !path.starts_with(&format!("/{locale}/assistant"))
}

/// The installed app's bar at the bottom of a phone's screen: home, categories (the
/// header's drawer), search, cart, account. The stylesheet shows it only in
/// `display-mode: standalone` on narrow screens; a browser tab has the header for all of it.
#[component]
fn BottomNav(locale: Locale, here: String) -> impl IntoView {
    let path = here
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    let under = |prefix: &str| {
        let prefix = format!("/{locale}/{prefix}");
        path == prefix || path.starts_with(&format!("{prefix}/"))
    };
    let current = |yes: bool| yes.then_some("page");
    let home = current(path == format!("/{locale}/") || path == format!("/{locale}"));
    let categories = current(under("categories"));
    let search = current(under("search"));
    let cart = current(under("cart") || under("checkout"));
    let account = current(under("account"));
    view! {
        <nav class="bottom-nav" aria-label=t(locale, "nav-shortcuts") data-testid="bottom-nav">
            <ul role="list">
                <li>
                    <a href=format!("/{locale}/") aria-current=home>
                        <Icon path=ICON_HOME/>
                        <span>{t(locale, "nav-home")}</span>
                    </a>
                </li>
                <li>
                    <button type="button" popovertarget="site-menu" aria-current=categories>
                        <Icon path=ICON_CATEGORIES/>
                        <span>{t(locale, "nav-categories")}</span>
                    </button>
                </li>
                <li>
                    <a href=format!("/{locale}/search") aria-current=search>
                        <Icon path=ICON_SEARCH/>
                        <span>{t(locale, "nav-search")}</span>
                    </a>
                </li>
                <li>
                    <a href=format!("/{locale}/cart") aria-current=cart>
                        <Icon path=ICON_CART/>
                        <span>{t(locale, "cart-title")}</span>
                    </a>
                </li>
                <li>
                    <a href=format!("/{locale}/account") aria-current=account>
                        <Icon path=ICON_ACCOUNT/>
                        <span>{t(locale, "nav-account")}</span>
                    </a>
                </li>
            </ul>
        </nav>
    }
}

// 24 × 24 outline icons, drawn with the text colour.
const ICON_MENU: &str = "M4 6h16M4 12h16M4 18h16";
const ICON_CLOSE: &str = "M6 6l12 12M18 6L6 18";
const ICON_HOME: &str = "M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10";
const ICON_CATEGORIES: &str = "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z";
const ICON_SEARCH: &str = "M10.5 4a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13zM15.5 15.5L20 20";
const ICON_CART: &str = "M3 4h2l2.4 11h10.2L20 8H6.3M9 19.5h.01M17 19.5h.01";
const ICON_ACCOUNT: &str = "M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM4 21c0-4 4-6 8-6s8 2 8 6";

/// An inline SVG icon; decorative (the text beside it names the control).
#[component]
fn Icon(path: &'static str) -> impl IntoView {
    view! {
        <svg
            class="icon"
            viewBox="0 0 24 24"
            width="24"
            height="24"
            aria-hidden="true"
            fill="none"
            stroke="currentColor"
            stroke-width="2"
            stroke-linecap="round"
            stroke-linejoin="round"
        >
            <path d=path/>
        </svg>
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
