//! Orders: what a cart costs (subtotal, discount, shipping, total in minor units), the
//! order number, the order's state machine and its timeline. The rules compile to WASM
//! too; the SQL (carts, checkout, stock, discounts, shipping) is behind the `ssr` feature.

pub mod admin;
mod cart;
mod invalid;
mod number;
mod pricing;
mod quantity;
pub mod shipping;
mod staff_move;
mod status;
pub mod view;

#[cfg(feature = "ssr")]
pub mod db;

pub use cart::{Cart, CartLine, LineIssue};
pub use invalid::Invalid;
pub use number::OrderNumber;
pub use pricing::{DiscountKind, DiscountRejection, DiscountRule, ShippingRate, Totals};
pub use quantity::Quantity;
pub use staff_move::StaffMove;
pub use status::{Actor, IllegalTransition, OrderEvent, OrderStatus, Transition};

/// What can go wrong below the server-function layer.
#[derive(Debug, thiserror::Error)]
pub enum OrdersError {
    #[cfg(feature = "ssr")]
    #[error("database error")]
    Database(#[from] sqlx::Error),
    #[error("stored data breaks a rule: {0}")]
    Corrupt(String),
    /// A list filter the caller should have checked (a malformed date).
    #[error("bad filter: {0}")]
    Filter(&'static str),
}
