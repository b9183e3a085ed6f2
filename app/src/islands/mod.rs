//! The only parts of a page that hydrate. Props are plain, already-translated values:
//! islands never see Fluent or server context.

mod form;
mod quantity_stepper;

pub use form::{FormIsland, FormTexts};
pub use quantity_stepper::QuantityStepper;
