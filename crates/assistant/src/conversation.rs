//! What a conversation remembers between messages: who answers it, and the question the
//! assistant is waiting on.

use serde::{Deserialize, Serialize};

/// Who answers the conversation now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConversationState {
    /// The assistant.
    Bot,
    /// A person from the shop (the customer asked for one).
    HandedOver,
    /// Nobody: staff closed it. The customer's next message opens it again.
    Closed,
}

impl ConversationState {
    pub fn as_str(self) -> &'static str {
        match self {
            ConversationState::Bot => "bot",
            ConversationState::HandedOver => "handed_over",
            ConversationState::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<ConversationState> {
        [
            ConversationState::Bot,
            ConversationState::HandedOver,
            ConversationState::Closed,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// What the order's owner wanted once they have proved the order is theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderWish {
    Status,
    Cancel,
}

/// The question the assistant asked and waits on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pending {
    /// "Cancel order DK-…? yes / no".
    ConfirmCancel { number: String },
    /// "Which one?" for a product with options, then add `quantity` of it.
    ChooseVariant { handle: String, quantity: u32 },
    /// A guest named an order: the phone or email it was placed with, please.
    Contact { number: String, wish: OrderWish },
}

/// A short answer to a yes/no question, in English, Arabic or Arabizi.
pub fn yes_or_no(text: &str) -> Option<bool> {
    let words: Vec<String> = crate::text::words(text);
    if words.is_empty() || words.len() > 4 {
        return None;
    }
    const YES: &[&str] = &[
        "yes",
        "yeah",
        "yep",
        "yup",
        "sure",
        "ok",
        "okay",
        "confirm",
        "confirmed",
        "please",
        "y",
        "نعم",
        "ايوه",
        "ايوة",
        "أيوه",
        "أيوة",
        "اه",
        "آه",
        "ايوا",
        "أكيد",
        "اكيد",
        "تمام",
        "موافق",
        "اكد",
        "أكد",
        "يلا",
        "aywa",
        "aiwa",
        "aywah",
        "ah",
        "aah",
        "akid",
        "akeed",
        "tamam",
        "mwafe2",
        "mowafe2",
        "na3am",
        "yala",
        "yalla",
    ];
    const NO: &[&str] = &[
        "no", "nope", "nah", "n", "dont", "don", "لا", "لأ", "لاء", "مش", "بلاش", "la", "la2", "laa",
        "msh", "mesh", "balash",
    ];
    let first = words[0].as_str();
    if NO.contains(&first) {
        return Some(false);
    }
    if words
        .iter()
        .all(|w| YES.contains(&w.as_str()) || w == "cancel" || w == "it")
    {
        return Some(true);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_answers_in_three_scripts() {
        for yes in [
            "yes",
            "Yes please",
            "ok",
            "ايوه",
            "أيوة أكيد",
            "تمام",
            "aywa",
            "akid",
            "yes cancel it",
        ] {
            assert_eq!(yes_or_no(yes), Some(true), "{yes}");
        }
        for no in ["no", "No thanks", "لا", "لأ خلاص", "la2", "msh 3ayez"] {
            assert_eq!(yes_or_no(no), Some(false), "{no}");
        }
        for neither in [
            "",
            "where is my order",
            "عايز كنبة رمادي",
            "yes I want a red shirt for my brother",
        ] {
            assert_eq!(yes_or_no(neither), None, "{neither}");
        }
    }

    #[test]
    fn pending_round_trips_as_json() {
        let p = Pending::Contact {
            number: "DK-12345678".into(),
            wish: OrderWish::Cancel,
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Pending>(&json).unwrap(), p);
    }
}
