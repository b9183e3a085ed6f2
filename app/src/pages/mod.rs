//! One page per file. Each is a server component: it renders on the server only.

pub mod account;
pub(crate) mod admin;
mod assistant;
mod bad_parameter;
mod category;
mod home;
mod not_found;
mod offline;
mod product;
mod quiz;
mod search;
pub(crate) mod shop;

pub use account::{
    AccountPage, AddressEditPage, AddressesPage, ForgotPasswordPage, OrdersPage, RegisterPage,
    ResetPasswordPage, SignInPage, VerifyEmailPage,
};
pub(crate) use admin::When;
pub use admin::{
    AdminAnalyticsPage, AdminAnswersPage, AdminAuditPage, AdminCategoriesPage, AdminCustomerPage,
    AdminCustomersPage, AdminDiscountsPage, AdminExperimentsPage, AdminImportPage, AdminInboxPage,
    AdminInboxThreadPage, AdminOrderPage, AdminOrdersPage, AdminPage, AdminProductPage,
    AdminProductsPage, AdminQuizPage, AdminQuizzesPage, AdminRecommendationsPage,
    AdminShippingPage, AdminSynonymsPage, ForbiddenPage, PackingSlipPage,
};
pub use assistant::AssistantPage;
pub use bad_parameter::BadParameterPage;
pub use category::CategoryPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use offline::OfflinePage;
pub use product::ProductPage;
pub use quiz::{QuizPage, QuizResultPage};
pub use search::SearchPage;
pub use shop::{CartPage, CheckoutPage, OrderLookupPage, OrderPage};

/// The page's URL parameters in order (repeated names kept: `size=M&size=L`).
pub fn listing_params() -> Vec<(String, String)> {
    let path = crate::request::path_and_query();
    let query = path.split_once('?').map(|(_, q)| q).unwrap_or("");
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}
