//! Taste quizzes: a few questions in both languages whose answers say what a shopper
//! likes. Each answer weights categories (and everything under them), tags and a price
//! band; the chosen answers rank the catalog into picks, each with the answers that
//! brought it in, and feed "for you" as stated interest.
//!
//! The path through a quiz travels in the URL (`12.34`, the chosen answer ids), so every
//! step is a plain page that works without JavaScript and can go back.

pub mod path;
pub mod rank;
pub mod weights;

#[cfg(feature = "ssr")]
pub mod cache;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;

use dokkan_catalog::Localized;
use serde::{Deserialize, Serialize};

pub use path::Walk;
pub use rank::{rank, stated, Hit, Pick};
pub use weights::{parse_weights, weights_text, Weights};

/// A quiz with its questions in order, each with its answers in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quiz {
    pub id: i64,
    pub slug: String,
    pub title: Localized,
    pub intro: Localized,
    pub published: bool,
    pub questions: Vec<Question>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub position: i32,
    pub text: Localized,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub id: i64,
    pub position: i32,
    pub text: Localized,
    /// Category slugs and their weights.
    pub categories: Weights,
    /// Tags (lower case) and their weights.
    pub tags: Weights,
    pub price: PriceBand,
}

/// Prices from `min` to `max` (minor units, either end open) add `weight` to a product
/// that a category or tag already brought in: a budget shapes the picks, it does not
/// make them. A price-only answer (a budget question) applies to what any answer
/// brought in; an answer with its own categories or tags, to what it reached itself.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct PriceBand {
    pub min_minor: Option<i64>,
    pub max_minor: Option<i64>,
    pub weight: f32,
}

impl PriceBand {
    pub fn is_set(&self) -> bool {
        self.min_minor.is_some() || self.max_minor.is_some()
    }

    pub fn contains(&self, price_minor: i64) -> bool {
        self.is_set()
            && self.min_minor.is_none_or(|m| price_minor >= m)
            && self.max_minor.is_none_or(|m| price_minor <= m)
    }
}

/// A quiz as the admin's list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: i64,
    pub slug: String,
    pub title: Localized,
    pub published: bool,
    pub questions: i64,
    pub responses: i64,
}

/// Why a quiz cannot be published yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unpublishable {
    NoQuestions,
    /// A question with fewer than two answers is not a choice.
    TooFewAnswers,
    /// An answer that weights nothing can never bring in a pick.
    AnswerWithoutWeights,
}

impl Unpublishable {
    pub fn fluent_key(self) -> &'static str {
        match self {
            Unpublishable::NoQuestions => "admin-quiz-no-questions",
            Unpublishable::TooFewAnswers => "admin-quiz-too-few-answers",
            Unpublishable::AnswerWithoutWeights => "admin-quiz-answer-without-weights",
        }
    }
}

impl Quiz {
    /// Whether shoppers could take it as it stands.
    pub fn publishable(&self) -> Result<(), Unpublishable> {
        if self.questions.is_empty() {
            return Err(Unpublishable::NoQuestions);
        }
        if self.questions.iter().any(|q| q.answers.len() < 2) {
            return Err(Unpublishable::TooFewAnswers);
        }
        let weightless =
            |a: &Answer| a.categories.is_empty() && a.tags.is_empty() && !a.price.is_set();
        if self
            .questions
            .iter()
            .flat_map(|q| &q.answers)
            .any(weightless)
        {
            return Err(Unpublishable::AnswerWithoutWeights);
        }
        Ok(())
    }

    /// The question an answer belongs to, and the answer.
    pub fn answer(&self, id: i64) -> Option<(&Question, &Answer)> {
        self.questions
            .iter()
            .find_map(|q| q.answers.iter().find(|a| a.id == id).map(|a| (q, a)))
    }

    /// Whether a stored response still fits the quiz (one answer per question, in order):
    /// a quiz edited since is retaken, not half-applied.
    pub fn fits(&self, answer_ids: &[i64]) -> bool {
        let walk = self.walk(answer_ids);
        walk.complete && walk.chosen.len() == answer_ids.len()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub fn answer(id: i64, categories: &[(&str, f32)], tags: &[(&str, f32)]) -> Answer {
        Answer {
            id,
            position: 0,
            text: Localized::new(format!("answer {id}"), format!("إجابة {id}")),
            categories: categories
                .iter()
                .map(|(k, w)| (k.to_string(), *w))
                .collect(),
            tags: tags.iter().map(|(k, w)| (k.to_string(), *w)).collect(),
            price: PriceBand::default(),
        }
    }

    /// Two questions: 1/2 then 3/4.
    pub fn quiz() -> Quiz {
        let question = |id: i64, answers: Vec<Answer>| Question {
            id,
            position: id as i32,
            text: Localized::new(format!("question {id}"), format!("سؤال {id}")),
            answers,
        };
        Quiz {
            id: 1,
            slug: "gift-finder".into(),
            title: Localized::new("Gift finder", "اختار هدية"),
            intro: Localized::new("", ""),
            published: true,
            questions: vec![
                question(
                    10,
                    vec![
                        answer(1, &[("men", 2.0)], &[]),
                        answer(2, &[("women", 2.0)], &[]),
                    ],
                ),
                question(
                    20,
                    vec![
                        answer(3, &[], &[("sport", 1.0)]),
                        answer(4, &[], &[("coffee", 1.0)]),
                    ],
                ),
            ],
        }
    }

    #[test]
    fn a_quiz_is_publishable_only_with_real_choices() {
        let mut q = quiz();
        assert_eq!(q.publishable(), Ok(()));
        q.questions[1].answers.pop();
        assert_eq!(q.publishable(), Err(Unpublishable::TooFewAnswers));
        q.questions.clear();
        assert_eq!(q.publishable(), Err(Unpublishable::NoQuestions));
        let mut q = quiz();
        q.questions[0].answers[0].categories.clear();
        assert_eq!(q.publishable(), Err(Unpublishable::AnswerWithoutWeights));
        q.questions[0].answers[0].price = PriceBand {
            min_minor: None,
            max_minor: Some(50_000),
            weight: 1.0,
        };
        assert_eq!(q.publishable(), Ok(()));
    }

    #[test]
    fn price_bands_are_inclusive_and_open_ended() {
        let band = PriceBand {
            min_minor: Some(100),
            max_minor: Some(200),
            weight: 1.0,
        };
        assert!(
            band.contains(100) && band.contains(200) && !band.contains(99) && !band.contains(201)
        );
        let above = PriceBand {
            min_minor: Some(100),
            max_minor: None,
            weight: 1.0,
        };
        assert!(above.contains(1_000_000) && !above.contains(0));
        assert!(!PriceBand::default().contains(0));
    }

    #[test]
    fn a_stored_response_fits_only_the_quiz_it_was_made_for() {
        let q = quiz();
        assert!(q.fits(&[1, 3]));
        assert!(!q.fits(&[1]));
        assert!(!q.fits(&[3, 1]));
        assert!(!q.fits(&[1, 3, 4]));
    }
}
