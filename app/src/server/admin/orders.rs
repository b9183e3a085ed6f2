//! Staff's order screens: the filtered list, one order with what can be done to it next
//! (`dokkan_orders::StaffMove`), and making those moves.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
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
    support::with_role(Permission::BackOffice).await?;
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
    /// The moves staff may make now, as their forms send them (`StaffMove::as_str`).
    pub actions: Vec<String>,
    /// What is left to refund.
    pub refundable: dokkan_core::Money,
    /// The account that placed it, when there is one.
    pub customer_id: Option<i64>,
}

#[server(endpoint = "admin/orders/detail")]
pub async fn admin_order_detail(number: String) -> Result<Option<OrderForStaff>, AppError> {
    use dokkan_orders::{OrderNumber, StaffMove};
    support::with_role(Permission::BackOffice).await?;
    let Ok(number) = OrderNumber::parse(&number) else {
        return Ok(None);
    };
    let pool = support::state().pool;
    let Some(order) = dokkan_orders::db::order_by_number(&pool, &number).await? else {
        return Ok(None);
    };
    let customer_id = dokkan_orders::db::admin::order_customer(&pool, &number).await?;
    let actions = StaffMove::available(&order)
        .into_iter()
        .map(|m| m.as_str().to_string())
        .collect();
    let refundable = dokkan_core::Money::new(
        order.totals.total.minor() - order.refunded.minor(),
        order.totals.total.currency(),
    );
    Ok(Some(OrderForStaff {
        order,
        actions,
        refundable,
        customer_id,
    }))
}

/// Staff move an order along: one of `dokkan_orders::StaffMove` (a refund with `amount`,
/// in pounds; shipping may carry a tracking number).
#[server(endpoint = "admin/orders/event")]
pub async fn admin_order_event(
    lang: String,
    number: String,
    event: String,
    note: Option<String>,
    tracking_number: Option<String>,
    amount: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{
        orders::{cancel_order_as, refund_as, transition_failed},
        support::FormCheck,
    };
    use dokkan_core::{Currency, Money};
    use dokkan_orders::{
        db::{self as orders, Why},
        Actor, OrderNumber, StaffMove,
    };
    let locale = support::locale(&lang);
    let Some(staff_move) = StaffMove::parse(&event) else {
        // Still the door first: a stranger learns nothing about the moves' names.
        support::with_role(Permission::BackOffice).await?;
        return FormCheck::new(locale)
            .message("order-transition-illegal")
            .reject();
    };
    let action = dokkan_audit::Action::new(staff_move.audit_action());
    let admin = support::admin_write(Permission::BackOffice, action).await?;
    let number = OrderNumber::parse(&number).map_err(|_| AppError::not_found())?;
    let note = note.filter(|n| !n.trim().is_empty());
    let why = Why {
        actor: Actor::Staff,
        user_id: Some(admin.user.user_id),
        note: note.as_deref(),
    };
    let result = match staff_move {
        StaffMove::Cancel => {
            cancel_order_as(&support::state(), locale, &number, &why, Some(&admin)).await?;
            back_to_order(locale, &number);
            return Ok(());
        }
        StaffMove::Refund => {
            let amount = amount
                .as_deref()
                .and_then(|a| Money::parse_decimal(a.trim(), Currency::Egp).ok());
            let Some(amount) = amount else {
                return FormCheck::new(locale)
                    .message("order-refund-amount")
                    .reject();
            };
            refund_as(locale, &number, amount, &why, &admin).await?;
            back_to_order(locale, &number);
            return Ok(());
        }
        StaffMove::CashCollected => {
            let mut tx = admin.begin().await?;
            let result = orders::mark_paid(&mut *tx, &number, &why).await.map(|_| ());
            result.map(|()| tx)
        }
        StaffMove::StartProcessing | StaffMove::Ship | StaffMove::Deliver => {
            let mut tx = admin.begin().await?;
            let tracking = tracking_number
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty());
            if let (StaffMove::Ship, Some(tracking)) = (staff_move, tracking) {
                // In the same transaction: a refused move keeps the old tracking number.
                orders::admin::set_tracking_number(&mut *tx, &number, tracking).await?;
            }
            let event = staff_move.event().ok_or_else(AppError::internal)?;
            match orders::transition(&mut *tx, &number, event, &why).await {
                Ok(step) => {
                    // The shopper's mail, in the move's transaction.
                    if let Some(mail) = crate::server::order_mail::OrderMail::after(step) {
                        crate::server::order_mail::queue(&mut tx, &number, mail).await?;
                    }
                    Ok(tx)
                }
                Err(error) => Err(error),
            }
        }
    };
    match result {
        Ok(tx) => {
            tx.commit().await?;
            back_to_order(locale, &number);
            Ok(())
        }
        Err(error) => transition_failed(locale, error),
    }
}

/// A plain form goes back to the admin's order page with a notice; scripts get 200.
#[cfg(feature = "ssr")]
fn back_to_order(locale: dokkan_core::Locale, number: &dokkan_orders::OrderNumber) {
    if support::is_plain_form() {
        support::redirect(&format!(
            "/{locale}/admin/orders/{}?done=1",
            number.as_str()
        ));
    }
}
