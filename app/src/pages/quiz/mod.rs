//! `/{lang}/quiz/{slug}`: the taste quiz, one question a step, and its result. Plain forms
//! all the way: each step is a GET form carrying the answers so far in the URL (so Back is
//! a link and nothing is lost), the last step a POST that keeps the answers.

mod result;
mod step;

pub use result::QuizResultPage;
pub use step::QuizPage;

use dokkan_core::Locale;

use crate::i18n::{t, t_with};

/// `“For her” and “Sport”`, each answer kept in its own direction.
pub(crate) fn quoted_list(locale: Locale, items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| t_with(locale, "quiz-quoted", &[("text", i)]))
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => t_with(
            locale,
            "quiz-list-and",
            &[
                ("first", &rest.join(&t(locale, "list-separator"))),
                ("last", last),
            ],
        ),
    }
}
