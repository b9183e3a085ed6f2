//! The events the shop records.

use serde::{Deserialize, Serialize};

use crate::VisitorId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ProductView,
    AddToCart,
    CheckoutStarted,
    Purchase,
    RecommendationImpression,
    RecommendationClick,
    QuizCompleted,
    ExperimentExposure,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::ProductView,
        Kind::AddToCart,
        Kind::CheckoutStarted,
        Kind::Purchase,
        Kind::RecommendationImpression,
        Kind::RecommendationClick,
        Kind::QuizCompleted,
        Kind::ExperimentExposure,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ProductView => "product_view",
            Kind::AddToCart => "add_to_cart",
            Kind::CheckoutStarted => "checkout_started",
            Kind::Purchase => "purchase",
            Kind::RecommendationImpression => "recommendation_impression",
            Kind::RecommendationClick => "recommendation_click",
            Kind::QuizCompleted => "quiz_completed",
            Kind::ExperimentExposure => "experiment_exposure",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One thing a shopper did. Build with [`Event::new`] and the `with_*` setters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub kind: Kind,
    /// Unix time in milliseconds; set when the event happened, not when it is written.
    pub at_ms: i64,
    pub visitor: Option<VisitorId>,
    pub user_id: Option<i64>,
    pub product_id: Option<i64>,
    pub quantity: Option<i32>,
    pub value_minor: Option<i64>,
    pub order_id: Option<i64>,
    pub placement: Option<String>,
    pub model: Option<String>,
    pub detail: Option<serde_json::Value>,
}

impl Event {
    pub fn new(kind: Kind, at_ms: i64) -> Event {
        Event {
            kind,
            at_ms,
            visitor: None,
            user_id: None,
            product_id: None,
            quantity: None,
            value_minor: None,
            order_id: None,
            placement: None,
            model: None,
            detail: None,
        }
    }

    pub fn by(mut self, visitor: Option<VisitorId>, user_id: Option<i64>) -> Event {
        self.visitor = visitor;
        self.user_id = user_id;
        self
    }

    pub fn product(mut self, product_id: i64) -> Event {
        self.product_id = Some(product_id);
        self
    }

    pub fn quantity(mut self, quantity: i32) -> Event {
        self.quantity = Some(quantity);
        self
    }

    pub fn value(mut self, value_minor: i64) -> Event {
        self.value_minor = Some(value_minor);
        self
    }

    pub fn order(mut self, order_id: i64) -> Event {
        self.order_id = Some(order_id);
        self
    }

    pub fn from_list(mut self, placement: &str, model: &str) -> Event {
        self.placement = Some(placement.to_string());
        self.model = Some(model.to_string());
        self
    }

    pub fn detail(mut self, detail: serde_json::Value) -> Event {
        self.detail = Some(detail);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("search"), None);
    }
}
