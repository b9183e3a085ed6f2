//! What a shopper means: the intent of a message (search, order status, cancel, …), the
//! entities in it (an order number, a price range, a colour, a size, a quantity, and the
//! words that describe the product), whether it is written in English, Arabic script or
//! Arabizi (Arabic in Latin letters and digits).
//!
//! The intent model is trained from the labelled corpus in `corpus/` (the team writes it,
//! by hand, for the general case): character n-grams and words of the normalized text —
//! Arabizi words also as their Arabic reading, so both scripts meet on the same features —
//! into a multinomial logistic regression. An unsure answer is `fallback`.

pub mod conversation;
pub mod corpus;
#[cfg(feature = "ssr")]
pub mod db;
pub mod entities;
pub mod evaluate;
pub mod features;
pub mod model;
pub mod text;

use serde::{Deserialize, Serialize};

pub use entities::Entities;
pub use model::{IntentModel, Prediction};
pub use text::Script;

/// What a message asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Greeting,
    ProductSearch,
    OrderStatus,
    CancelOrder,
    AddToCart,
    ShippingInfo,
    ReturnsInfo,
    PaymentInfo,
    HumanAgent,
    Thanks,
    /// Nothing the assistant is sure of.
    Fallback,
}

impl Intent {
    pub const ALL: [Intent; 11] = [
        Intent::Greeting,
        Intent::ProductSearch,
        Intent::OrderStatus,
        Intent::CancelOrder,
        Intent::AddToCart,
        Intent::ShippingInfo,
        Intent::ReturnsInfo,
        Intent::PaymentInfo,
        Intent::HumanAgent,
        Intent::Thanks,
        Intent::Fallback,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Greeting => "greeting",
            Intent::ProductSearch => "product_search",
            Intent::OrderStatus => "order_status",
            Intent::CancelOrder => "cancel_order",
            Intent::AddToCart => "add_to_cart",
            Intent::ShippingInfo => "shipping_info",
            Intent::ReturnsInfo => "returns_info",
            Intent::PaymentInfo => "payment_info",
            Intent::HumanAgent => "human_agent",
            Intent::Thanks => "thanks",
            Intent::Fallback => "fallback",
        }
    }

    pub fn parse(text: &str) -> Option<Intent> {
        Intent::ALL.into_iter().find(|i| i.as_str() == text)
    }

    pub fn index(self) -> usize {
        Intent::ALL.iter().position(|i| *i == self).unwrap_or(0)
    }
}

/// A message understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parsed {
    pub intent: Intent,
    /// The model's probability for the intent (for `fallback` from the threshold, the
    /// probability of the best intent it did not trust).
    pub confidence: f32,
    pub script: Script,
    pub entities: Entities,
}

/// The assistant every request shares: trained once, in the background at start or by
/// the first request that needs it (which then waits for it).
#[derive(Debug, Default)]
pub struct Shared {
    cell: std::sync::OnceLock<Result<Assistant, String>>,
}

impl Shared {
    /// The trained assistant; blocks while it trains (call from a blocking thread).
    pub fn get(&self) -> Result<&Assistant, &str> {
        self.cell
            .get_or_init(|| Assistant::train().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(String::as_str)
    }

    /// Whether training is done (the parse endpoint answers without waiting).
    pub fn is_ready(&self) -> bool {
        self.cell.get().is_some()
    }
}

/// The trained model with the entity reader: what the API and the chat call.
#[derive(Debug)]
pub struct Assistant {
    model: IntentModel,
}

impl Assistant {
    /// Trains on the corpus shipped with the crate (a second or two).
    pub fn train() -> Result<Assistant, model::ModelError> {
        let examples = corpus::examples();
        Ok(Assistant {
            model: IntentModel::train(&examples, &model::Settings::default())?,
        })
    }

    pub fn parse(&self, text: &str) -> Parsed {
        let script = text::script(text);
        let prediction = self.model.predict(text);
        let mut entities = entities::extract(text);
        // The words left describe a product only when the message is about one ("where is
        // my order" leaves "order").
        if !matches!(prediction.intent, Intent::ProductSearch | Intent::AddToCart) {
            entities.query = None;
        }
        Parsed {
            intent: prediction.intent,
            confidence: prediction.confidence,
            script,
            entities,
        }
    }
}
