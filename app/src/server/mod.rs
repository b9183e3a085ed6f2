//! Server functions, by area. Thin: read input, call the domain crate, map errors.

pub mod account;
pub mod admin;
pub mod assistant;
pub mod cart;
pub mod catalog;
pub mod checkout;
#[cfg(feature = "ssr")]
pub mod order_mail;
pub mod orders;
pub mod quiz;
pub mod recommend;
#[cfg(feature = "ssr")]
pub mod support;
