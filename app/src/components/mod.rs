//! Reusable view pieces. They receive data; they never fetch it (except the site chrome).

mod account_form;
mod error_notice;
mod layout;
mod price;
mod product_card;
mod seo;

pub use account_form::{AccountForm, Field, FieldKind};
pub use error_notice::ErrorNotice;
pub use layout::Layout;
pub use price::Price;
pub use product_card::{ProductCard, ProductGrid};
pub use seo::Seo;
