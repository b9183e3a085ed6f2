//! Catalog SQL. Runtime-checked queries, each one covered by `tests/`.

mod read;
mod rows;

pub use read::*;
