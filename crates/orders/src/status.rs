//! The order's state machine.
//!
//! ```text
//! card:  PendingPayment ─PaymentSucceeded→ Paid ─StartProcessing─┐
//! cash:  Placed ─────────────────────────StartProcessing─────────┴→ Processing ─Ship→ Shipped ─Deliver→ Delivered
//! Delivered, PartiallyRefunded ─Refund { full: false }→ PartiallyRefunded
//! Delivered, PartiallyRefunded ─Refund { full: true }──→ Refunded
//! PendingPayment, Placed, Paid, Processing ─Cancel→ Cancelled (PendingPayment also on PaymentExpired)
//! Cancelled and Refunded are terminal.
//! ```
//!
//! Illegal moves are impossible by construction: the only way to a new status is
//! [`OrderStatus::apply`], which returns a [`Transition`] nobody outside this module can
//! build, and the SQL side writes only `transition.to()`, guarded by
//! `WHERE status = transition.from()` so two people clicking at once cannot both move the
//! same order.
//!
//! A declined card is not an event: the order stays `PendingPayment` so the shopper can
//! retry until the payment window expires (`PaymentExpired`). Nothing moves back once
//! shipped; problems after that are refunds.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Stored and serialized as the snake_case word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Paying by card; waiting for the provider.
    PendingPayment,
    /// Cash on delivery: confirmed, nothing paid yet.
    Placed,
    Paid,
    Processing,
    Shipped,
    Delivered,
    Cancelled,
    Refunded,
    PartiallyRefunded,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 9] = [
        OrderStatus::PendingPayment,
        OrderStatus::Placed,
        OrderStatus::Paid,
        OrderStatus::Processing,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
        OrderStatus::Refunded,
        OrderStatus::PartiallyRefunded,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "pending_payment",
            OrderStatus::Placed => "placed",
            OrderStatus::Paid => "paid",
            OrderStatus::Processing => "processing",
            OrderStatus::Shipped => "shipped",
            OrderStatus::Delivered => "delivered",
            OrderStatus::Cancelled => "cancelled",
            OrderStatus::Refunded => "refunded",
            OrderStatus::PartiallyRefunded => "partially_refunded",
        }
    }

    /// Exact words only: statuses come from our database and URLs we built, so leniency
    /// would only hide corruption.
    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }

    pub fn fluent_key(self) -> &'static str {
        match self {
            OrderStatus::PendingPayment => "order-status-pending-payment",
            OrderStatus::Placed => "order-status-placed",
            OrderStatus::Paid => "order-status-paid",
            OrderStatus::Processing => "order-status-processing",
            OrderStatus::Shipped => "order-status-shipped",
            OrderStatus::Delivered => "order-status-delivered",
            OrderStatus::Cancelled => "order-status-cancelled",
            OrderStatus::Refunded => "order-status-refunded",
            OrderStatus::PartiallyRefunded => "order-status-partially-refunded",
        }
    }

    /// No event leaves this status.
    pub fn is_terminal(self) -> bool {
        matches!(self, OrderStatus::Cancelled | OrderStatus::Refunded)
    }

    /// Whether the customer's "cancel order" button shows: until the parcel leaves.
    pub fn can_cancel(self) -> bool {
        matches!(
            self,
            OrderStatus::PendingPayment
                | OrderStatus::Placed
                | OrderStatus::Paid
                | OrderStatus::Processing
        )
    }

    /// The only way to a new status.
    pub fn apply(self, event: OrderEvent) -> Result<Transition, IllegalTransition> {
        match self.next(event) {
            Some(to) => Ok(Transition {
                from: self,
                to,
                event,
            }),
            None => Err(IllegalTransition { from: self, event }),
        }
    }

    /// The transition table; everything not listed is illegal.
    fn next(self, event: OrderEvent) -> Option<OrderStatus> {
        use OrderEvent as E;
        use OrderStatus as S;
        let to = match (self, event) {
            (S::PendingPayment, E::PaymentSucceeded) => S::Paid,
            (S::PendingPayment, E::PaymentExpired) => S::Cancelled,
            (S::Placed | S::Paid, E::StartProcessing) => S::Processing,
            (S::Processing, E::Ship) => S::Shipped,
            (S::Shipped, E::Deliver) => S::Delivered,
            // Money already taken (Paid, Processing) is refunded in full by the SQL side.
            (S::PendingPayment | S::Placed | S::Paid | S::Processing, E::Cancel) => S::Cancelled,
            (S::Delivered | S::PartiallyRefunded, E::Refund { full: true }) => S::Refunded,
            (S::Delivered | S::PartiallyRefunded, E::Refund { full: false }) => {
                S::PartiallyRefunded
            }
            _ => return None,
        };
        Some(to)
    }

    /// The events allowed from this status, in the order the admin screen offers them as
    /// buttons. Written out separately from the transition table on purpose; a test checks
    /// the two agree.
    pub fn events_from(self) -> Vec<OrderEvent> {
        use OrderEvent as E;
        match self {
            OrderStatus::PendingPayment => vec![E::PaymentSucceeded, E::PaymentExpired, E::Cancel],
            OrderStatus::Placed | OrderStatus::Paid => vec![E::StartProcessing, E::Cancel],
            OrderStatus::Processing => vec![E::Ship, E::Cancel],
            OrderStatus::Shipped => vec![E::Deliver],
            OrderStatus::Delivered | OrderStatus::PartiallyRefunded => {
                vec![E::Refund { full: false }, E::Refund { full: true }]
            }
            OrderStatus::Cancelled | OrderStatus::Refunded => Vec::new(),
        }
    }
}

impl fmt::Display for OrderStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happened to an order. Serialized as the same snake_case word `as_str` gives; the
/// two kinds of refund are two words so the timeline keeps which one it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderEvent {
    /// The provider confirmed the card payment.
    PaymentSucceeded,
    /// The payment window closed without a successful payment.
    PaymentExpired,
    StartProcessing,
    Ship,
    Deliver,
    Cancel,
    /// `full`: everything still paid is returned. A partial refund (one item of several)
    /// can be followed by more, up to a full one.
    Refund {
        full: bool,
    },
}

impl OrderEvent {
    pub const ALL: [OrderEvent; 8] = [
        OrderEvent::PaymentSucceeded,
        OrderEvent::PaymentExpired,
        OrderEvent::StartProcessing,
        OrderEvent::Ship,
        OrderEvent::Deliver,
        OrderEvent::Cancel,
        OrderEvent::Refund { full: false },
        OrderEvent::Refund { full: true },
    ];

    const WORDS: [&'static str; 8] = [
        "payment_succeeded",
        "payment_expired",
        "start_processing",
        "ship",
        "deliver",
        "cancel",
        "refund_partial",
        "refund_full",
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderEvent::PaymentSucceeded => "payment_succeeded",
            OrderEvent::PaymentExpired => "payment_expired",
            OrderEvent::StartProcessing => "start_processing",
            OrderEvent::Ship => "ship",
            OrderEvent::Deliver => "deliver",
            OrderEvent::Cancel => "cancel",
            OrderEvent::Refund { full: false } => "refund_partial",
            OrderEvent::Refund { full: true } => "refund_full",
        }
    }

    /// Exact words only, like [`OrderStatus::parse`].
    pub fn parse(text: &str) -> Option<OrderEvent> {
        OrderEvent::ALL
            .into_iter()
            .find(|event| event.as_str() == text)
    }

    pub fn fluent_key(self) -> &'static str {
        match self {
            OrderEvent::PaymentSucceeded => "order-event-payment-succeeded",
            OrderEvent::PaymentExpired => "order-event-payment-expired",
            OrderEvent::StartProcessing => "order-event-start-processing",
            OrderEvent::Ship => "order-event-ship",
            OrderEvent::Deliver => "order-event-deliver",
            OrderEvent::Cancel => "order-event-cancel",
            OrderEvent::Refund { full: false } => "order-event-refund-partial",
            OrderEvent::Refund { full: true } => "order-event-refund-full",
        }
    }
}

impl fmt::Display for OrderEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for OrderEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for OrderEvent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        OrderEvent::parse(&text).ok_or_else(|| D::Error::unknown_variant(&text, &OrderEvent::WORDS))
    }
}

/// A legal move, made only by [`OrderStatus::apply`]. It can travel to the browser and
/// back: deserializing re-applies the event, so a forged `{from, to, event}` is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Transition {
    from: OrderStatus,
    to: OrderStatus,
    event: OrderEvent,
}

impl Transition {
    pub fn from(&self) -> OrderStatus {
        self.from
    }

    pub fn to(&self) -> OrderStatus {
        self.to
    }

    pub fn event(&self) -> OrderEvent {
        self.event
    }
}

impl<'de> Deserialize<'de> for Transition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Claimed {
            from: OrderStatus,
            to: OrderStatus,
            event: OrderEvent,
        }

        let claimed = Claimed::deserialize(deserializer)?;
        match claimed.from.apply(claimed.event) {
            Ok(transition) if transition.to == claimed.to => Ok(transition),
            _ => Err(D::Error::custom(format_args!(
                "illegal order transition {} --{}--> {}",
                claimed.from, claimed.event, claimed.to
            ))),
        }
    }
}

/// `event` cannot happen to an order in status `from` (a stale admin screen, a webhook
/// arriving twice). The order is left as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[error("an order that is {from} cannot take the event {event}")]
pub struct IllegalTransition {
    pub from: OrderStatus,
    pub event: OrderEvent,
}

impl IllegalTransition {
    pub fn fluent_key(self) -> &'static str {
        "order-transition-illegal"
    }
}

/// Who caused a transition, as the timeline records it (the person's id, when there is
/// one, is stored beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Actor {
    /// The shopper, e.g. cancelling their own order.
    Customer,
    /// Someone in the back office.
    Staff,
    /// Scheduled jobs, e.g. expiring unpaid orders.
    System,
    /// The payment provider, through its webhook.
    Provider,
}

impl Actor {
    pub const ALL: [Actor; 4] = [
        Actor::Customer,
        Actor::Staff,
        Actor::System,
        Actor::Provider,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Actor::Customer => "customer",
            Actor::Staff => "staff",
            Actor::System => "system",
            Actor::Provider => "provider",
        }
    }

    /// Who did it, in words (the admin's timeline).
    pub fn fluent_key(self) -> &'static str {
        match self {
            Actor::Customer => "order-actor-customer",
            Actor::Staff => "order-actor-staff",
            Actor::System => "order-actor-system",
            Actor::Provider => "order-actor-provider",
        }
    }

    /// Exact words only, like [`OrderStatus::parse`].
    pub fn parse(text: &str) -> Option<Actor> {
        Actor::ALL.into_iter().find(|actor| actor.as_str() == text)
    }
}

impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::de::{value, IntoDeserializer};
    use std::collections::BTreeSet;
    use OrderEvent as E;
    use OrderStatus as S;

    /// The spec's list of legal moves, a third time, independent of `next` and
    /// `events_from`.
    const ALLOWED: [(S, E, S); 14] = [
        (S::PendingPayment, E::PaymentSucceeded, S::Paid),
        (S::PendingPayment, E::PaymentExpired, S::Cancelled),
        (S::PendingPayment, E::Cancel, S::Cancelled),
        (S::Placed, E::StartProcessing, S::Processing),
        (S::Placed, E::Cancel, S::Cancelled),
        (S::Paid, E::StartProcessing, S::Processing),
        (S::Paid, E::Cancel, S::Cancelled),
        (S::Processing, E::Ship, S::Shipped),
        (S::Processing, E::Cancel, S::Cancelled),
        (S::Shipped, E::Deliver, S::Delivered),
        (S::Delivered, E::Refund { full: true }, S::Refunded),
        (
            S::Delivered,
            E::Refund { full: false },
            S::PartiallyRefunded,
        ),
        (S::PartiallyRefunded, E::Refund { full: true }, S::Refunded),
        (
            S::PartiallyRefunded,
            E::Refund { full: false },
            S::PartiallyRefunded,
        ),
    ];

    #[test]
    fn transition_table_is_exactly_the_allowed_moves() {
        for from in S::ALL {
            for event in E::ALL {
                let expected = ALLOWED
                    .iter()
                    .find(|(f, e, _)| *f == from && *e == event)
                    .map(|&(_, _, to)| to);
                match (from.apply(event), expected) {
                    (Ok(t), Some(to)) => {
                        assert_eq!((t.from(), t.event(), t.to()), (from, event, to));
                    }
                    (Err(err), None) => {
                        assert_eq!(err, IllegalTransition { from, event });
                        assert_eq!(err.fluent_key(), "order-transition-illegal");
                    }
                    (got, _) => panic!("{from} --{event}--> {got:?}, expected {expected:?}"),
                }
            }
        }
    }

    #[test]
    fn events_from_agrees_with_apply() {
        for from in S::ALL {
            let offered = from.events_from();
            let distinct: BTreeSet<&str> = offered.iter().map(|e| e.as_str()).collect();
            assert_eq!(
                distinct.len(),
                offered.len(),
                "{from} offers an event twice"
            );
            for event in E::ALL {
                assert_eq!(
                    offered.contains(&event),
                    from.apply(event).is_ok(),
                    "{from} / {event}"
                );
            }
        }
    }

    #[test]
    fn can_cancel_agrees_with_apply() {
        for status in S::ALL {
            assert_eq!(
                status.can_cancel(),
                status.apply(E::Cancel).is_ok(),
                "{status}"
            );
        }
    }

    #[test]
    fn terminal_states_accept_nothing() {
        for status in S::ALL {
            assert_eq!(
                status.is_terminal(),
                status.events_from().is_empty(),
                "{status}"
            );
            if status.is_terminal() {
                for event in E::ALL {
                    assert!(status.apply(event).is_err(), "{status} / {event}");
                }
            }
        }
        assert!(S::Cancelled.is_terminal() && S::Refunded.is_terminal());
        assert!(!S::Delivered.is_terminal() && !S::PartiallyRefunded.is_terminal());
    }

    fn reachable_from(start: S) -> BTreeSet<&'static str> {
        let mut seen = BTreeSet::from([start.as_str()]);
        let mut todo = vec![start];
        while let Some(status) = todo.pop() {
            for event in E::ALL {
                if let Ok(t) = status.apply(event) {
                    if seen.insert(t.to().as_str()) {
                        todo.push(t.to());
                    }
                }
            }
        }
        seen
    }

    #[test]
    fn every_status_is_reachable() {
        let mut all = reachable_from(S::PendingPayment);
        all.extend(reachable_from(S::Placed));
        assert_eq!(all.len(), S::ALL.len());
        // A card order never becomes "placed", a cash order is never "paid" online.
        assert!(!reachable_from(S::PendingPayment).contains("placed"));
        assert!(!reachable_from(S::Placed).contains("paid"));
        assert!(!reachable_from(S::Placed).contains("pending_payment"));
    }

    #[test]
    fn words_round_trip() {
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
            assert_eq!(status.to_string(), status.as_str());
            assert_eq!(
                status.fluent_key(),
                format!("order-status-{}", status.as_str().replace('_', "-"))
            );
            let de = S::deserialize(
                status.as_str().into_deserializer() as value::StrDeserializer<value::Error>
            );
            assert_eq!(de, Ok(status));
        }
        for event in E::ALL {
            assert_eq!(E::parse(event.as_str()), Some(event));
            assert_eq!(event.to_string(), event.as_str());
            assert_eq!(
                event.fluent_key(),
                format!("order-event-{}", event.as_str().replace('_', "-"))
            );
            let de = E::deserialize(
                event.as_str().into_deserializer() as value::StrDeserializer<value::Error>
            );
            assert_eq!(de, Ok(event));
        }
        assert_eq!(E::WORDS, E::ALL.map(E::as_str));
        for actor in Actor::ALL {
            assert_eq!(Actor::parse(actor.as_str()), Some(actor));
            assert_eq!(actor.to_string(), actor.as_str());
            let de = Actor::deserialize(
                actor.as_str().into_deserializer() as value::StrDeserializer<value::Error>
            );
            assert_eq!(de, Ok(actor));
        }
    }

    #[test]
    fn unknown_words() {
        for bad in ["", "Paid", " paid", "pending-payment", "refund", "shipping"] {
            assert_eq!(S::parse(bad), None, "{bad:?}");
            assert_eq!(E::parse(bad), None, "{bad:?}");
            assert_eq!(Actor::parse(bad), None, "{bad:?}");
        }
        let de =
            E::deserialize("refund".into_deserializer() as value::StrDeserializer<value::Error>);
        assert!(de.is_err());
    }

    fn deserialize_transition(
        from: &str,
        to: &str,
        event: &str,
    ) -> Result<Transition, value::Error> {
        let fields = vec![("from", from), ("to", to), ("event", event)];
        let map: value::MapDeserializer<'_, _, value::Error> =
            value::MapDeserializer::new(fields.into_iter());
        Transition::deserialize(map)
    }

    #[test]
    fn deserialized_transitions_are_checked() {
        let t = deserialize_transition("paid", "processing", "start_processing").unwrap();
        assert_eq!(t, S::Paid.apply(E::StartProcessing).unwrap());
        // Legal event, forged destination.
        assert!(deserialize_transition("paid", "refunded", "start_processing").is_err());
        // Illegal event.
        assert!(deserialize_transition("shipped", "cancelled", "cancel").is_err());
        assert!(deserialize_transition("cancelled", "paid", "payment_succeeded").is_err());
    }

    /// How far along fulfilment an order is; cancellation is off the line.
    fn stage(status: S) -> Option<u8> {
        match status {
            S::PendingPayment | S::Placed => Some(0),
            S::Paid => Some(1),
            S::Processing => Some(2),
            S::Shipped => Some(3),
            S::Delivered => Some(4),
            S::PartiallyRefunded => Some(5),
            S::Refunded => Some(6),
            S::Cancelled => None,
        }
    }

    fn event() -> impl Strategy<Value = OrderEvent> {
        prop::sample::select(E::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn random_walks_stay_legal(
            start in prop::sample::select(vec![S::PendingPayment, S::Placed]),
            events in prop::collection::vec(event(), 0..60),
        ) {
            let reachable = reachable_from(start);
            let expected: &[S] = match start {
                S::PendingPayment => &[S::PendingPayment, S::Paid, S::Processing, S::Shipped, S::Delivered, S::PartiallyRefunded, S::Refunded, S::Cancelled],
                _ => &[S::Placed, S::Processing, S::Shipped, S::Delivered, S::PartiallyRefunded, S::Refunded, S::Cancelled],
            };
            prop_assert_eq!(&reachable, &expected.iter().map(|s| s.as_str()).collect());

            let mut status = start;
            let mut shipped = false;
            for event in events {
                match status.apply(event) {
                    Ok(t) => {
                        prop_assert_eq!((t.from(), t.event()), (status, event));
                        prop_assert!(!status.is_terminal());
                        prop_assert!(expected.contains(&t.to()));
                        if let (Some(before), Some(after)) = (stage(status), stage(t.to())) {
                            prop_assert!(after >= before, "{} --{}--> {}", status, event, t.to());
                        }
                        if stage(status).is_some_and(|s| s >= 3) {
                            prop_assert!(stage(t.to()).is_some_and(|s| s >= 3), "{} went back to {}", status, t.to());
                        }
                        status = t.to();
                    }
                    Err(err) => {
                        prop_assert_eq!(err, IllegalTransition { from: status, event });
                        prop_assert!(!status.events_from().contains(&event));
                    }
                }
                shipped |= status == S::Shipped;
                if shipped {
                    prop_assert_ne!(status, S::Cancelled);
                }
            }
        }
    }
}
