//! The catalog: what the shop sells and how it is grouped.
//!
//! The types compile for the browser too (server functions return them); the SQL lives
//! behind the `ssr` feature.

#[cfg(feature = "ssr")]
pub mod db;
mod model;
pub mod search_text;
#[cfg(feature = "ssr")]
pub mod seed;

pub use model::{Category, CategoryPage, Image, Localized, Product, ProductCard};

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
