//! `/{lang}/admin/…`: the admin console. Staff and admins see the dashboard and orders;
//! customers, roles and the audit log are for admins. Each page checks the role from the
//! session here to answer 403 at once, and its server function checks the stored role
//! again.

mod analytics;
mod audit;
mod catalog;
mod categories;
mod customers;
mod dashboard;
mod experiments;
mod inbox;
mod order;
mod orders;
mod product;
mod products;
mod quizzes;
mod recommendations;
mod settings;
mod synonyms;

pub use analytics::AdminAnalyticsPage;
pub use audit::AdminAuditPage;
pub use catalog::AdminImportPage;
pub use categories::AdminCategoriesPage;
pub use customers::{AdminCustomerPage, AdminCustomersPage};
pub use dashboard::AdminPage;
pub use experiments::AdminExperimentsPage;
pub use inbox::{AdminAnswersPage, AdminInboxPage, AdminInboxThreadPage};
pub use order::{AdminOrderPage, PackingSlipPage};
pub use orders::AdminOrdersPage;
pub use product::AdminProductPage;
pub use products::AdminProductsPage;
pub use quizzes::{AdminQuizPage, AdminQuizzesPage};
pub use recommendations::AdminRecommendationsPage;
pub use settings::{AdminDiscountsPage, AdminShippingPage};
pub use synonyms::AdminSynonymsPage;

use crate::{
    auth::CurrentUser,
    components::{Layout, Seo},
    i18n::t,
    request,
};
use dokkan_accounts::Permission;
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos_meta::Meta;

/// Where a page sits in the console's navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Analytics,
    Orders,
    Inbox,
    Catalog,
    Categories,
    Search,
    Experiments,
    Recommendations,
    Quizzes,
    Discounts,
    Shipping,
    Customers,
    Audit,
}

/// The signed-in person when their role allows `needed`; otherwise the page to show
/// instead (sign-in offer or 403).
pub(crate) fn guard(locale: Locale, needed: Permission) -> Result<CurrentUser, AnyView> {
    let Some(user) = crate::auth::current_user() else {
        return Err(view! { <ForbiddenPage locale offer_sign_in=true/> }.into_any());
    };
    if user.role.allows(needed) {
        Ok(user)
    } else {
        Err(view! { <ForbiddenPage locale offer_sign_in=false/> }.into_any())
    }
}

/// The end of a list's filter form: apply, or go back to the whole list.
#[component]
pub(crate) fn FilterActions(locale: Locale, clear_href: String) -> impl IntoView {
    view! {
        <div class="filter-actions">
            <button type="submit" class="button-primary">{t(locale, "admin-apply")}</button>
            <a href=clear_href>{t(locale, "admin-clear")}</a>
        </div>
    }
}

/// Title, `noindex`, the site chrome and the console's navigation.
#[component]
pub(crate) fn AdminFrame(
    locale: Locale,
    title: String,
    section: Section,
    /// Whether to show the admin-only sections.
    admin: bool,
    children: Children,
) -> impl IntoView {
    let link = move |path: &str, key: &str, here: Section| {
        let current = (section == here).then_some("page");
        view! {
            <li><a href=format!("/{locale}/admin{path}") aria-current=current>{t(locale, key)}</a></li>
        }
    };
    view! {
        <Seo locale title=title.clone() description=t(locale, "admin-description")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <div class="admin">
                <nav class="admin-nav" aria-label=t(locale, "admin-nav")>
                    <ul>
                        {link("", "admin-dashboard", Section::Dashboard)}
                        {link("/analytics", "admin-analytics", Section::Analytics)}
                        {link("/orders", "admin-orders", Section::Orders)}
                        {link("/inbox", "admin-inbox", Section::Inbox)}
                        {link("/products", "admin-products", Section::Catalog)}
                        {link("/categories", "admin-categories", Section::Categories)}
                        {link("/search/synonyms", "admin-synonyms", Section::Search)}
                        {link("/recommendations", "admin-models", Section::Recommendations)}
                        {link("/experiments", "admin-experiments", Section::Experiments)}
                        {link("/quizzes", "admin-quizzes", Section::Quizzes)}
                        {link("/discounts", "admin-discounts", Section::Discounts)}
                        {link("/shipping", "admin-shipping", Section::Shipping)}
                        {admin.then(|| link("/customers", "admin-customers", Section::Customers))}
                        {admin.then(|| link("/audit", "admin-audit", Section::Audit))}
                    </ul>
                </nav>
                <section class="admin-main">
                    <h1>{title}</h1>
                    {children()}
                </section>
            </div>
        </Layout>
    }
}

/// A localized 403 with status 403. A visitor who is not signed in is offered the sign-in
/// page, which brings staff back here.
#[component]
pub fn ForbiddenPage(locale: Locale, offer_sign_in: bool) -> impl IntoView {
    request::set_status(403);
    let sign_in = offer_sign_in.then(|| {
        view! {
            <a class="button" href=request::sign_in_path(locale, &request::path_and_query())>
                {t(locale, "nav-sign-in")}
            </a>
            " "
        }
    });
    view! {
        <Seo locale title=t(locale, "forbidden-title") description=t(locale, "forbidden-text")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="notice" data-testid="forbidden">
                <h1>{t(locale, "forbidden-title")}</h1>
                <p>{t(locale, "forbidden-text")}</p>
                <p>
                    {sign_in}
                    <a class="button" href=format!("/{locale}/")>{t(locale, "not-found-home")}</a>
                </p>
            </section>
        </Layout>
    }
}

/// `2026-12-02T10:15:00Z` as `2026-12-02 10:15` in the page's digits (UTC).
pub(crate) fn when(locale: Locale, rfc3339: &str) -> String {
    let text = rfc3339.replace('T', " ");
    let short = text.get(..16).unwrap_or(&text);
    locale.digits(short)
}

/// A moment as [`when`] writes it, kept left to right (Arabic would otherwise show the
/// date's parts reordered) and machine-readable.
#[component]
pub(crate) fn When(locale: Locale, at: String) -> impl IntoView {
    let text = when(locale, &at);
    view! { <time datetime=at dir="ltr" class="nowrap">{text}</time> }
}

/// A query parameter of the page, when it is not blank.
pub(crate) fn param(name: &str) -> Option<String> {
    request::query_param(name).filter(|v| !v.trim().is_empty())
}

/// This page's address with `name` set to `value`, the other parameters kept (paging).
pub(crate) fn href_with(name: &str, value: &str) -> String {
    let current = request::path_and_query();
    let (path, query) = current.split_once('?').unwrap_or((&current, ""));
    let mut params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .filter(|(k, _)| k != name)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    params.push((name.to_string(), value.to_string()));
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    format!("{path}?{query}")
}

/// Previous / next page links keeping the other query parameters.
#[component]
pub(crate) fn Pager(locale: Locale, page: u32, pages: u32) -> impl IntoView {
    let href = |p: u32| href_with("page", &p.to_string());
    (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label=t(locale, "pager-label")>
                <ul>
                    {(page > 1).then(|| view! { <li><a href=href(page - 1) rel="prev">{t(locale, "pager-previous")}</a></li> })}
                    <li><span>{crate::i18n::t_with(locale, "admin-page-of", &[("page", &locale.digits(&page.to_string())), ("pages", &locale.digits(&pages.to_string()))])}</span></li>
                    {(page < pages).then(|| view! { <li><a href=href(page + 1) rel="next">{t(locale, "pager-next")}</a></li> })}
                </ul>
            </nav>
        }
    })
}
