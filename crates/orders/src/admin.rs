//! What the admin console shows: the order list and its filters, the dashboard's figures,
//! customers. Pure data (also compiled to WASM); the queries are in `db::admin`.

use crate::{view::OrderSummary, OrderNumber, OrderStatus};
use dokkan_catalog::Localized;
use dokkan_core::Money;
pub use dokkan_core::{Paged, PAGE_SIZE};
use dokkan_payments::PaymentMethod;
use serde::{Deserialize, Serialize};

/// The order list's filters; `None` matches everything. Dates are `YYYY-MM-DD` in the
/// shop's time zone (Cairo), inclusive. `q` is an order number, an email or a phone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OrderFilter {
    pub status: Option<OrderStatus>,
    pub payment: Option<PaymentMethod>,
    pub governorate: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub q: Option<String>,
    /// 1-based.
    pub page: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrderRow {
    pub number: OrderNumber,
    /// RFC 3339, UTC.
    pub placed_at: String,
    pub status: OrderStatus,
    pub payment_method: PaymentMethod,
    pub paid: bool,
    pub email: String,
    pub recipient: String,
    pub governorate: String,
    pub total: Money,
}

/// Sales over the last `days` days (today included) and the `days` before them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodFigures {
    pub days: u32,
    pub revenue: Money,
    pub orders: i64,
    pub previous_revenue: Money,
    pub previous_orders: i64,
}

impl PeriodFigures {
    /// Average order value, rounded down to the piastre.
    pub fn average(&self) -> Money {
        average(self.revenue, self.orders)
    }

    pub fn previous_average(&self) -> Money {
        average(self.previous_revenue, self.previous_orders)
    }
}

fn average(revenue: Money, orders: i64) -> Money {
    Money::new(
        if orders > 0 {
            revenue.minor() / orders
        } else {
            0
        },
        revenue.currency(),
    )
}

/// The change from `previous` to `now` in whole percent; `None` when there was nothing
/// before to compare with.
pub fn change_percent(now: i64, previous: i64) -> Option<i64> {
    if previous == 0 {
        return None;
    }
    let delta = (now - previous) as i128 * 100;
    // Rounded half away from zero, so +12.5 % reads 13 and −12.5 % reads −13.
    let previous = previous as i128;
    let rounded =
        (2 * delta + previous.signum() * delta.signum() * previous.abs()) / (2 * previous);
    Some(rounded as i64)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySales {
    /// `YYYY-MM-DD` in Cairo.
    pub day: String,
    pub revenue: Money,
    pub orders: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopProduct {
    pub handle: String,
    pub name: Localized,
    pub units: i64,
    pub revenue: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LowStock {
    pub handle: String,
    pub name: Localized,
    pub sku: String,
    pub options: Localized,
    pub stock: i32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ZeroResultSearch {
    pub query: String,
    pub searches: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Today, 7 days, 30 days.
    pub periods: Vec<PeriodFigures>,
    /// The last 30 days, oldest first, every day present.
    pub daily: Vec<DaySales>,
    /// Orders placed in the last 30 days by their status now, every status present.
    pub by_status: Vec<(OrderStatus, i64)>,
    pub top_products: Vec<TopProduct>,
    pub low_stock: Vec<LowStock>,
    pub zero_results: Vec<ZeroResultSearch>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerRow {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub phone: Option<String>,
    /// `customer`, `staff` or `admin`.
    pub role: String,
    pub disabled: bool,
    /// RFC 3339, UTC.
    pub joined_at: String,
    pub orders: i64,
    /// What their orders brought in, refunds and cancelled orders taken out.
    pub lifetime_value: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDetail {
    pub customer: CustomerRow,
    pub orders: Vec<OrderSummary>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use dokkan_core::Currency;

    #[test]
    fn change_is_rounded_and_absent_without_a_base() {
        assert_eq!(change_percent(150, 100), Some(50));
        assert_eq!(change_percent(50, 100), Some(-50));
        assert_eq!(change_percent(9, 8), Some(13));
        assert_eq!(change_percent(7, 8), Some(-13));
        assert_eq!(change_percent(5, 0), None);
        assert_eq!(change_percent(0, 3), Some(-100));
    }

    #[test]
    fn average_order_value_divides_revenue() {
        let p = PeriodFigures {
            days: 7,
            revenue: Money::new(100_001, Currency::Egp),
            orders: 2,
            previous_revenue: Money::new(0, Currency::Egp),
            previous_orders: 0,
        };
        assert_eq!(p.average().minor(), 50_000);
        assert_eq!(p.previous_average().minor(), 0);
    }
}

/// A discount code as the admin lists and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminDiscount {
    pub code: String,
    /// Exactly one of `percent` and `amount`.
    pub percent: Option<i16>,
    pub amount: Option<Money>,
    pub min_subtotal: Money,
    /// `YYYY-MM-DD` (Cairo), inclusive.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub usage_limit: Option<i32>,
    pub per_customer_limit: Option<i32>,
    pub times_used: i32,
    pub active: bool,
}

/// One shipping zone: its governorates and its rate per method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminZone {
    pub id: i64,
    pub name: Localized,
    /// Governorate codes.
    pub governorates: Vec<String>,
    pub rates: Vec<AdminRate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminRate {
    /// `standard` or `express`.
    pub method: String,
    pub rate: Money,
    pub free_over: Option<Money>,
    pub days_min: i16,
    pub days_max: i16,
}
