//! The catalog: what the shop sells, how it is grouped, and how shoppers find it.
//!
//! The types compile for the browser too (server functions return them); the SQL lives
//! behind the `ssr` feature.

pub mod admin;
pub mod arabizi;
#[cfg(feature = "ssr")]
pub mod csv;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
mod edits;
#[cfg(feature = "ssr")]
pub mod index;
#[cfg(feature = "ssr")]
pub mod lexicon;
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
    /// A writer handed over a product that breaks a rule the tables cannot state.
    #[error("invalid product: {0}")]
    InvalidProduct(&'static str),
    #[error("category {} / {} matches two different existing categories", .0.en, .0.ar)]
    CategoryConflict(Localized),
    #[error("SKU {0} belongs to another product")]
    SkuTaken(dokkan_core::Sku),
    /// A CSV import refused: every bad row, in line order. Nothing was changed.
    #[cfg(feature = "ssr")]
    #[error("the file has {} problems; nothing was imported", .0.len())]
    InvalidRows(Vec<csv::RowError>),
    #[cfg(feature = "ssr")]
    #[error(transparent)]
    Media(#[from] dokkan_media::MediaError),
    #[cfg(feature = "ssr")]
    #[error("CSV: {0}")]
    Csv(#[from] ::csv::Error),
    #[error("{}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// The CSV format cannot carry this product (export).
    #[error("product {handle} cannot be exported: {reason}")]
    NotExportable {
        handle: dokkan_core::Slug,
        reason: &'static str,
    },
}
