//! Staff's order screens: the filtered list and one order with what can be done to it
//! next. The moves themselves are `server::orders::admin_order_event`.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support;
#[cfg(feature = "ssr")]
use dokkan_accounts::Role;
use dokkan_orders::{
    admin::{AdminOrderRow, OrderFilter, Paged},
    view::OrderView,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(endpoint = "admin/orders")]
pub async fn admin_orders(
    lang: String,
    #[server(default)] filter: OrderFilter,
) -> Result<Paged<AdminOrderRow>, AppError> {
    support::with_role(Role::Staff).await?;
    let locale = support::locale(&lang);
    let filter = OrderFilter {
        from: super::check_day(locale, "from", &filter.from)?,
        to: super::check_day(locale, "to", &filter.to)?,
        ..filter
    };
    Ok(dokkan_orders::db::admin::list_orders(&support::state().pool, &filter).await?)
}

/// One order for staff, with the moves its status allows now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderForStaff {
    pub order: OrderView,
    /// State-machine events staff may send now (`start_processing`, `ship`, …), plus
    /// `payment_collected` for unpaid cash orders and `refund` for paid ones.
    pub actions: Vec<String>,
    /// What is left to refund.
    pub refundable: dokkan_core::Money,
    /// The account that placed it, when there is one.
    pub customer_id: Option<i64>,
}

#[server(endpoint = "admin/orders/detail")]
pub async fn admin_order_detail(number: String) -> Result<Option<OrderForStaff>, AppError> {
    use dokkan_orders::{OrderEvent, OrderNumber, OrderStatus};
    use dokkan_payments::PaymentMethod;
    support::with_role(Role::Staff).await?;
    let Ok(number) = OrderNumber::parse(&number) else {
        return Ok(None);
    };
    let pool = support::state().pool;
    let Some(order) = dokkan_orders::db::order_by_number(&pool, &number).await? else {
        return Ok(None);
    };
    let customer_id: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM orders WHERE number = $1")
            .bind(number.as_str())
            .fetch_one(&pool)
            .await?;
    let mut actions: Vec<String> = Vec::new();
    if order.payment_method == PaymentMethod::CashOnDelivery
        && !order.paid
        && !matches!(
            order.status,
            OrderStatus::Cancelled | OrderStatus::PendingPayment
        )
    {
        actions.push("payment_collected".into());
    }
    for event in order.status.events_from() {
        match event {
            // The provider's webhook and the expiry job send these, never staff.
            OrderEvent::PaymentSucceeded | OrderEvent::PaymentExpired => {}
            OrderEvent::Refund { .. } => {}
            other => actions.push(other.as_str().to_string()),
        }
    }
    let refundable = dokkan_core::Money::new(
        order.totals.total.minor() - order.refunded.minor(),
        order.totals.total.currency(),
    );
    let can_refund = order.paid
        && refundable.minor() > 0
        && order
            .status
            .apply(OrderEvent::Refund { full: false })
            .is_ok();
    if can_refund {
        actions.push("refund".into());
    }
    Ok(Some(OrderForStaff {
        order,
        actions,
        refundable,
        customer_id,
    }))
}
