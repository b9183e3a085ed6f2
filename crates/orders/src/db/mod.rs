//! The orders domain's SQL. Every multi-row write is one transaction; stock only moves
//! through guarded updates (`stock >= $n`) taken in variant-id order, so concurrent
//! checkouts neither oversell nor deadlock.

pub mod admin;
mod cart;
mod checkout;
mod discount;
mod keys;
mod lifecycle;
mod payments;
mod read;
pub mod recipient;
pub mod settings;
mod shipping;

pub use cart::{
    add_item, add_item_once, cart_count, claim_cart, guest_cart, load_cart, merge_guest_cart,
    prune_guest_carts, remove_item, set_quantity, user_cart, valid_action_key, AddOutcome,
    CartOwner,
};
pub use checkout::{place_order, purchased_lines, CheckoutError, CheckoutInput, PlacedOrder};
pub use discount::preview_discount;
pub use keys::{signer, Signer};
pub use lifecycle::{
    cancel, expire_unpaid, mark_paid, record_refund, refund_due_on_cancel, transition,
    TransitionError, Why,
};
pub use payments::{paid_session, record_session, take_webhook, WebhookOutcome};
pub use read::{
    order_by_lookup, order_by_number, order_for_user, order_id, order_number_for_key, order_status,
    orders_for_user, OrderRef,
};
pub use shipping::{all_shipping_options, shipping_options};

use crate::OrdersError;

pub(crate) type Result<T> = std::result::Result<T, OrdersError>;

pub(crate) fn corrupt(what: impl Into<String>) -> OrdersError {
    OrdersError::Corrupt(what.into())
}
