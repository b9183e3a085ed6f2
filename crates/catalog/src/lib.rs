//! The catalog: what the shop sells, how it is grouped, and how shoppers find it.
//!
//! The types compile for the browser too (server functions return them); the SQL lives
//! behind the `ssr` feature.

#[cfg(feature = "ssr")]
pub mod db;
pub mod listing;
mod model;
pub mod search_text;
#[cfg(feature = "ssr")]
pub mod seed;

pub use listing::{
    FacetValue, Facets, Listing, ListingQuery, OptionFacet, ParamError, ParamProblem,
    ProductSuggestion, Sort, Suggestions,
};
pub use model::{
    Category, CategoryLink, CategoryNode, Image, Localized, Product, ProductCard, ProductOption,
    Variant, IMAGE_WIDTHS,
};

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[cfg(feature = "ssr")]
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("stored data breaks a rule: {0}")]
    Corrupt(String),
    #[error("seed data is invalid: {0}")]
    InvalidSeed(String),
}
