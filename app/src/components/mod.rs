//! Reusable view pieces. They receive data; they never fetch it (except the site chrome).

mod account_form;
mod breadcrumbs;
mod cart_panel;
mod chart;
mod chat;
mod chat_dock;
mod checkout_summary;
mod consent;
mod error_notice;
mod island_scripts;
mod json_ld;
mod layout;
mod listing;
mod order_items;
mod order_totals;
mod price;
mod product_card;
mod pwa;
mod seo;
mod ship_to;
mod variant_picker;

pub use account_form::{field_view, AccountForm, Field, FieldKind};
pub use breadcrumbs::Breadcrumbs;
#[cfg(feature = "ssr")]
pub use cart_panel::cart_panel_html;
pub use cart_panel::CartPanelView;
pub use chart::{Bar, BarList, ColumnChart};
pub use chat::{ChatParts, PartsMode};
pub use chat_dock::ChatDock;
pub use checkout_summary::{CheckoutSummary, SummaryRate, SummaryTexts};
pub use consent::ConsentBanner;
pub use error_notice::ErrorNotice;
pub use island_scripts::IslandScripts;
pub use json_ld::{breadcrumb_json_ld, product_json_ld, JsonLd};
pub use layout::Layout;
pub use listing::{listing_href, number, ListingView};
pub use order_items::OrderContents;
pub use order_totals::OrderTotals;
pub use price::Price;
pub use product_card::{ProductCard, ProductGrid};
pub use pwa::PwaChrome;
pub use seo::Seo;
pub use ship_to::{ship_to_lines, ShipToView};
pub use variant_picker::VariantPickerView;
