//! The only parts of a page that hydrate. Props are plain, already-translated values:
//! islands never see Fluent or server context.

mod form;
mod listing;
mod quantity_stepper;
mod search_box;
mod variant_picker;

pub use form::{FormIsland, FormTexts};
pub use listing::ListingIsland;
pub use quantity_stepper::QuantityStepper;
pub use search_box::{SearchBox, SearchBoxTexts};
pub use variant_picker::{PickerImage, PickerOption, PickerTexts, PickerVariant, VariantPicker};
