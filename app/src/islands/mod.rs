//! The only parts of a page that hydrate. Props are plain, already-translated values:
//! islands never see Fluent or server context.
//!
//! Two bundles: every shopper's, and the staff pages' (feature `admin`), which adds the
//! admin-only islands (`CsvImport`, `PrintButton`). In the shopper's build those two are
//! plain components nothing hydrates, so their code is not in its WASM;
//! `components::IslandScripts` picks the bundle by the page's path.

mod add_to_cart;
mod cart;
mod chat_panel;
mod checkout_summary;
mod csv_import;
#[cfg(feature = "hydrate")]
mod fetch;
mod form;
mod listing;
mod offline_cart;
mod order_status;
mod print_button;
mod push;
mod quantity_stepper;
mod search_box;
mod variant_picker;
pub(crate) mod voice;

pub use add_to_cart::{AddToCart, AddToCartTexts};
pub use cart::{CartButton, CartPage, CartTexts};
pub use chat_panel::ChatPanel;
pub use checkout_summary::SummaryChoice;
pub use csv_import::{CsvImport, ImportTexts};
pub use form::{FormIsland, FormTexts};
pub use listing::ListingIsland;
pub use order_status::{LiveStatus, StatusLabel};
pub use print_button::PrintButton;
pub use push::{PushButton, PushTexts};
pub use quantity_stepper::QuantityStepper;
pub use search_box::{SearchBox, SearchBoxTexts};
pub use variant_picker::{PickerImage, PickerOption, PickerTexts, PickerVariant, VariantPicker};
