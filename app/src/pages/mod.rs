//! One page per file. Each is a server component: it renders on the server only.

mod category;
mod home;
mod not_found;
mod product;

pub use category::CategoryPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use product::ProductPage;
