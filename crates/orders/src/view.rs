//! Orders as pages show them: the account's list, the order page with its items and
//! timeline. Everything here was copied into the order when it was placed.

use crate::{shipping::ShippingMethod, Actor, OrderNumber, OrderStatus, Totals};
use dokkan_catalog::Localized;
use dokkan_core::{Locale, Money};
use dokkan_payments::PaymentMethod;
use serde::{Deserialize, Serialize};

/// A row of the account's order history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderSummary {
    pub number: OrderNumber,
    pub status: OrderStatus,
    /// RFC 3339, UTC.
    pub placed_at: String,
    pub total: Money,
    pub items: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderItem {
    pub handle: String,
    pub sku: String,
    pub name: Localized,
    pub options: Localized,
    pub unit_price: Money,
    pub quantity: u32,
    pub line_total: Money,
}

/// Where the order goes, as it was at checkout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipTo {
    pub recipient: String,
    pub phone: String,
    /// The governorate's code (`cairo`); pages show its name.
    pub governorate: String,
    pub city: String,
    pub street: String,
    pub building: String,
    pub floor: Option<String>,
    pub apartment: Option<String>,
    pub landmark: Option<String>,
}

impl ShipTo {
    /// An address-book entry as an order would copy it.
    pub fn from_address(a: &dokkan_accounts::Address) -> ShipTo {
        ShipTo {
            recipient: a.recipient.as_str().to_string(),
            phone: a.phone.as_str().to_string(),
            governorate: a.governorate.code().to_string(),
            city: a.city.clone(),
            street: a.street.clone(),
            building: a.building.clone(),
            floor: a.floor.clone(),
            apartment: a.apartment.clone(),
            landmark: a.landmark.clone(),
        }
    }
}

/// One step of the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub from: Option<OrderStatus>,
    pub to: OrderStatus,
    /// The event's name (`ship`, `payment_succeeded`, `payment_collected`, …).
    pub event: String,
    pub actor: Actor,
    pub note: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderView {
    pub number: OrderNumber,
    pub status: OrderStatus,
    pub placed_at: String,
    pub email: String,
    pub phone: String,
    pub locale: Locale,
    pub payment_method: PaymentMethod,
    pub paid: bool,
    pub shipping_method: ShippingMethod,
    pub discount_code: Option<String>,
    pub totals: Totals,
    pub refunded: Money,
    pub tracking_number: Option<String>,
    pub ship_to: ShipTo,
    pub items: Vec<OrderItem>,
    pub timeline: Vec<TimelineEntry>,
}

impl OrderView {
    /// The shopper may still cancel it themselves.
    pub fn cancellable(&self) -> bool {
        self.status.can_cancel()
    }
}
