#![recursion_limit = "512"]
//! The Dokkan storefront. Pages are server components; only `islands/` hydrate in the
//! browser, so page code and translations never reach the WASM.

#[macro_use]
mod texts;

pub mod auth;
pub mod components;
pub mod error;
pub mod i18n;
pub mod islands;
pub mod pages;
pub mod request;
pub mod server;
pub mod shopper;
#[cfg(feature = "ssr")]
pub mod state;

use dokkan_core::Locale;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path, SsrMode,
};

/// The HTML document around every page. `lang` and `dir` are decided here, on the server,
/// from the URL prefix, so Arabic pages never flash left-to-right.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = request::locale();
    // Staff pages hydrate from the bundle with the admin-only islands.
    let admin = request::path_and_query().starts_with(&format!("/{locale}/admin"));
    view! {
        <!DOCTYPE html>
        <html lang=locale.as_str() dir=locale.dir().as_str()>
            <head>
                <meta charset="utf-8"/>
                // viewport-fit=cover: the installed app's bars reach the screen's edge and
                // keep clear of the notch and home indicator with env(safe-area-inset-*).
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="theme-color" content="#0f5e4d"/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <link rel="manifest" href=format!("/{locale}/manifest.webmanifest")/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <script src="/pwa.js" defer></script>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <components::IslandScripts options admin/>
                <MetaTags/>
            </head>
            <body>
                <components::PwaChrome locale/>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <FlatRoutes fallback=pages::NotFoundPage>
                <Route path=path!("/:lang") view=pages::HomePage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/categories/:slug")
                    view=pages::CategoryPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/products/:handle")
                    view=pages::ProductPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:lang/search") view=pages::SearchPage ssr=SsrMode::Async/>
                <Route path=path!("/:lang/quiz/:slug") view=pages::QuizPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/quiz/:slug/result")
                    view=pages::QuizResultPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:lang/offline") view=pages::OfflinePage ssr=SsrMode::Async/>
                <Route path=path!("/:lang/account") view=pages::AccountPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/account/sign-in")
                    view=pages::SignInPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/register")
                    view=pages::RegisterPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/forgot-password")
                    view=pages::ForgotPasswordPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/reset-password")
                    view=pages::ResetPasswordPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/verify-email")
                    view=pages::VerifyEmailPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/addresses")
                    view=pages::AddressesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/addresses/new")
                    view=pages::AddressEditPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/addresses/:id/edit")
                    view=pages::AddressEditPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/account/orders")
                    view=pages::OrdersPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:lang/assistant") view=pages::AssistantPage ssr=SsrMode::Async/>
                <Route path=path!("/:lang/cart") view=pages::CartPage ssr=SsrMode::Async/>
                <Route path=path!("/:lang/checkout") view=pages::CheckoutPage ssr=SsrMode::Async/>
                <Route path=path!("/:lang/orders/:number") view=pages::OrderPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/order-lookup")
                    view=pages::OrderLookupPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:lang/admin") view=pages::AdminPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/admin/orders")
                    view=pages::AdminOrdersPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/orders/:number")
                    view=pages::AdminOrderPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/orders/:number/slip")
                    view=pages::PackingSlipPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/customers")
                    view=pages::AdminCustomersPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/customers/:id")
                    view=pages::AdminCustomerPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:lang/admin/audit") view=pages::AdminAuditPage ssr=SsrMode::Async/>
                <Route path=path!("/:lang/admin/inbox") view=pages::AdminInboxPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/admin/inbox/:id")
                    view=pages::AdminInboxThreadPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/:lang/admin/answers") view=pages::AdminAnswersPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/:lang/admin/analytics")
                    view=pages::AdminAnalyticsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/products")
                    view=pages::AdminProductsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/products/:handle")
                    view=pages::AdminProductPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/discounts")
                    view=pages::AdminDiscountsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/shipping")
                    view=pages::AdminShippingPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/categories")
                    view=pages::AdminCategoriesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/search/synonyms")
                    view=pages::AdminSynonymsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/experiments")
                    view=pages::AdminExperimentsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/quizzes")
                    view=pages::AdminQuizzesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/quizzes/:slug")
                    view=pages::AdminQuizPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/recommendations")
                    view=pages::AdminRecommendationsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/:lang/admin/catalog/import")
                    view=pages::AdminImportPage
                    ssr=SsrMode::Async
                />
            </FlatRoutes>
        </Router>
    }
}

/// The locale of a page from its `:lang` parameter; `None` for an unknown prefix.
pub fn route_locale() -> Option<Locale> {
    let params = leptos_router::hooks::use_params_map();
    let lang = params.read_untracked().get("lang")?;
    Locale::from_url_segment(&lang)
}
