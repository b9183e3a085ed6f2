//! What staff can do to an order from its page. One definition gives the moves offered
//! for an order, the word each form sends, and the name the audit log keeps, so the
//! page, the server function and the log cannot disagree.

use crate::{view::OrderView, OrderEvent, OrderStatus};
use dokkan_payments::PaymentMethod;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StaffMove {
    /// Cash on delivery: the courier brought the money.
    CashCollected,
    StartProcessing,
    Ship,
    Deliver,
    /// Cancel (a paid card order is refunded through the provider first).
    Cancel,
    /// Give back some or all of what was paid.
    Refund,
}

impl StaffMove {
    pub const ALL: [StaffMove; 6] = [
        StaffMove::CashCollected,
        StaffMove::StartProcessing,
        StaffMove::Ship,
        StaffMove::Deliver,
        StaffMove::Cancel,
        StaffMove::Refund,
    ];

    /// The word a form sends.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffMove::CashCollected => "payment_collected",
            StaffMove::StartProcessing => "start_processing",
            StaffMove::Ship => "ship",
            StaffMove::Deliver => "deliver",
            StaffMove::Cancel => "cancel",
            StaffMove::Refund => "refund",
        }
    }

    /// Exact words only.
    pub fn parse(text: &str) -> Option<StaffMove> {
        StaffMove::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// The action the audit log records it as.
    pub fn audit_action(self) -> &'static str {
        match self {
            StaffMove::CashCollected => "order.payment-collected",
            StaffMove::StartProcessing => "order.start-processing",
            StaffMove::Ship => "order.ship",
            StaffMove::Deliver => "order.deliver",
            StaffMove::Cancel => "order.cancel",
            StaffMove::Refund => "order.refund",
        }
    }

    /// The state machine's event for a plain move; cash and refunds are moves of their
    /// own (the status may stay, an amount is involved).
    pub fn event(self) -> Option<OrderEvent> {
        match self {
            StaffMove::StartProcessing => Some(OrderEvent::StartProcessing),
            StaffMove::Ship => Some(OrderEvent::Ship),
            StaffMove::Deliver => Some(OrderEvent::Deliver),
            StaffMove::Cancel => Some(OrderEvent::Cancel),
            StaffMove::CashCollected | StaffMove::Refund => None,
        }
    }

    /// The moves staff may make on `order` now, in the order the page offers them.
    pub fn available(order: &OrderView) -> Vec<StaffMove> {
        let cash_due = order.payment_method == PaymentMethod::CashOnDelivery
            && !order.paid
            && !matches!(
                order.status,
                OrderStatus::Cancelled | OrderStatus::PendingPayment
            );
        let refundable = order.totals.total.minor() - order.refunded.minor();
        let can_refund = order.paid
            && refundable > 0
            && order
                .status
                .apply(OrderEvent::Refund { full: false })
                .is_ok();
        let mut moves: Vec<StaffMove> = Vec::new();
        if cash_due {
            moves.push(StaffMove::CashCollected);
        }
        // The provider's webhook and the expiry job make the payment events, never staff.
        moves.extend(order.status.events_from().into_iter().filter_map(|event| {
            StaffMove::ALL
                .into_iter()
                .find(|m| m.event() == Some(event))
        }));
        if can_refund {
            moves.push(StaffMove::Refund);
        }
        moves
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_go_both_ways() {
        for m in StaffMove::ALL {
            assert_eq!(StaffMove::parse(m.as_str()), Some(m));
        }
        assert_eq!(StaffMove::parse("payment_succeeded"), None);
        assert_eq!(StaffMove::parse("Ship"), None);
    }

    #[test]
    fn every_move_but_cash_and_refund_is_a_state_machine_event() {
        for m in StaffMove::ALL {
            let own = matches!(m, StaffMove::CashCollected | StaffMove::Refund);
            assert_eq!(m.event().is_none(), own, "{m:?}");
        }
    }
}
