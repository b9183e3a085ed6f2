//! Catalog SQL. Runtime-checked queries, each one covered by `tests/`.

pub mod admin;
pub mod bulk;
pub mod categories;
pub mod plan;
mod read;
mod rows;
mod search;
pub mod synonyms;
mod write;

pub use read::*;
pub use rows::optional_image;
pub use search::*;
pub use write::*;
