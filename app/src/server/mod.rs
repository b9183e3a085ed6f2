//! Server functions, by area. Thin: read input, call the domain crate, map errors.

pub mod account;
pub mod admin;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod orders;
#[cfg(feature = "ssr")]
pub mod support;
