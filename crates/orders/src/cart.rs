//! A cart as the shopper sees it: each line at today's price, with what changed since it
//! was added. Carts are stored in PostgreSQL (`db::cart`); this is the read model.

use crate::Quantity;
use dokkan_catalog::{Image, Localized};
use dokkan_core::Money;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartLine {
    pub variant_id: i64,
    pub handle: String,
    pub name: Localized,
    /// The variant's option values, e.g. "M / Red" (empty for a product without options).
    pub options: Localized,
    pub sku: String,
    pub image: Option<Image>,
    /// Today's price: the one checkout charges.
    pub price: Money,
    /// The price when the line was added.
    pub seen_price: Money,
    pub quantity: Quantity,
    /// Units that can be sold now (0 when the product was unpublished).
    pub available: i32,
}

/// Why a line needs the shopper's attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LineIssue {
    /// Sold out or no longer sold: it cannot be ordered.
    Unavailable,
    /// Fewer left than the line asks for.
    OnlyLeft(u32),
    /// The price moved since the line was added (it is charged at today's price).
    PriceChanged { was: Money },
}

impl LineIssue {
    /// Does the line stop the order from being placed?
    pub fn blocks_checkout(self) -> bool {
        matches!(self, LineIssue::Unavailable | LineIssue::OnlyLeft(_))
    }
}

impl CartLine {
    pub fn issue(&self) -> Option<LineIssue> {
        if self.available <= 0 {
            Some(LineIssue::Unavailable)
        } else if (self.available as u32) < self.quantity.get() {
            Some(LineIssue::OnlyLeft(self.available as u32))
        } else if self.price != self.seen_price {
            Some(LineIssue::PriceChanged {
                was: self.seen_price,
            })
        } else {
            None
        }
    }

    pub fn total(&self) -> Option<Money> {
        crate::pricing::line_total(self.price, self.quantity)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
}

impl Cart {
    /// Units in the cart (the header's count).
    pub fn count(&self) -> u32 {
        self.lines.iter().map(|l| l.quantity.get()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Can an order be placed from it as it is?
    pub fn ready(&self) -> bool {
        !self.is_empty()
            && self
                .lines
                .iter()
                .all(|l| !l.issue().is_some_and(LineIssue::blocks_checkout))
    }

    /// The lines at today's prices, for `Totals::compute`.
    pub fn priced_lines(&self) -> Vec<(Money, Quantity)> {
        self.lines.iter().map(|l| (l.price, l.quantity)).collect()
    }

    /// What the checkout page was rendered with (variant, quantity, price per line). The
    /// page sends it back with the order: if the cart changed in between, the shopper is
    /// shown the new cart instead of being charged for something they did not see.
    pub fn fingerprint(&self) -> String {
        let mut lines: Vec<_> = self
            .lines
            .iter()
            .map(|l| format!("{}x{}@{}", l.variant_id, l.quantity.get(), l.price.minor()))
            .collect();
        lines.sort();
        lines.join(",")
    }
}
