//! Recommendations for the storefront: what is bought and viewed together, similar items,
//! "for you", trending, and the offline evaluation that says which of them works.
//!
//! The models are plain data trained from a [`Dataset`] of interactions on dense indices;
//! the server maps products and visitors to indices, trains in a background job and keeps
//! the newest models in memory (feature `ssr`: the SQL and the serving copy).

pub mod als;
pub mod blend;
pub mod content;
pub mod cooccur;
pub mod data;
pub mod evaluate;
mod parallel;
pub mod synth;
pub mod trending;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod serving;

pub use blend::{Catalog, ItemList, Mix, Model, Models, Visitor};
pub use data::{Dataset, Interaction, Interner, Signal};
