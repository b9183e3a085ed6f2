//! Server functions, by area. Thin: read input, call the domain crate, map errors.

pub mod account;
pub mod admin;
pub mod catalog;
#[cfg(feature = "ssr")]
pub mod support;
