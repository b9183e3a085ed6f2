//! One page per file. Each is a server component: it renders on the server only.

pub mod account;
mod admin;
mod category;
mod home;
mod not_found;
mod product;

pub use account::{
    AccountPage, AddressEditPage, AddressesPage, ForgotPasswordPage, RegisterPage,
    ResetPasswordPage, SignInPage, VerifyEmailPage,
};
pub use admin::{AdminPage, ForbiddenPage};
pub use category::CategoryPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use product::ProductPage;
