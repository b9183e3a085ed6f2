//! Server functions, by area. Thin: read input, call the domain crate, map errors.

pub mod catalog;
