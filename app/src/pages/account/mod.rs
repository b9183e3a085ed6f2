//! The account area: sign-in and registration, email links, profile, addresses.

mod addresses;
pub(crate) mod forms;
mod orders;
mod overview;
mod sign_in;
mod taste;

pub use addresses::{AddressEditPage, AddressesPage};
pub use orders::OrdersPage;
pub use overview::AccountPage;
pub use sign_in::{
    ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage, VerifyEmailPage,
};

use crate::{auth::CurrentUser, request};
use dokkan_core::Locale;

/// The signed-in person, or a redirect to sign-in that comes back here afterwards.
pub(crate) fn signed_in_or_redirect(locale: Locale) -> Option<CurrentUser> {
    let user = crate::auth::current_user();
    if user.is_none() {
        request::redirect_to(&request::sign_in_path(locale, &request::path_and_query()));
    }
    user
}

use crate::{
    components::{Layout, Seo},
    i18n::t,
};
use leptos::prelude::*;
use leptos_meta::Meta;

/// Title, `noindex` (account pages are private) and the site chrome around an account page.
#[component]
pub(crate) fn AccountFrame(
    locale: Locale,
    title_key: &'static str,
    #[prop(default = "account-page")] class: &'static str,
    children: Children,
) -> impl IntoView {
    let title = t(locale, title_key);
    view! {
        <Seo locale title=title.clone() description=t(locale, "account-description")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class=class>
                <h1>{title}</h1>
                {children()}
            </section>
        </Layout>
    }
}
