//! Value types shared by every Dokkan crate, on the server and in the browser.
//! Each type is parsed once at the edge and trusted afterwards.

pub mod html;
mod locale;
mod money;
mod paged;
mod sku;
mod slug;

pub use locale::{Direction, Locale, ParseLocaleError};
pub use money::{Currency, Money, MoneyError};
pub use paged::{Paged, PAGE_SIZE};
pub use sku::{Sku, SkuError};
pub use slug::{Slug, SlugError};
