//! The path through a quiz: the answer ids chosen so far, carried in the step's URL as
//! `12.34.56`. Each id must answer the question at its place; a path that stops fitting
//! (a tampered link, a quiz edited since) ends where it stopped fitting.

use crate::{Answer, Quiz};

/// No quiz has more questions than this; a longer path is junk.
pub const MAX_STEPS: usize = 30;

/// `12.34.56` → `[12, 34, 56]`; anything that is not a positive id ends the list.
pub fn parse(text: &str) -> Vec<i64> {
    text.split('.')
        .filter(|p| !p.is_empty())
        .map_while(|p| p.parse::<i64>().ok().filter(|&id| id > 0))
        .take(MAX_STEPS)
        .collect()
}

pub fn text(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(".")
}

/// How far a path goes through a quiz.
#[derive(Debug, Clone, PartialEq)]
pub struct Walk<'a> {
    /// The answers that fit, one per question from the first.
    pub chosen: Vec<&'a Answer>,
    /// Every question has its answer.
    pub complete: bool,
    /// The path held ids past the last fitting one.
    pub cut: bool,
}

impl Walk<'_> {
    /// The index of the question to ask next (the number of questions answered).
    pub fn step(&self) -> usize {
        self.chosen.len()
    }

    pub fn ids(&self) -> Vec<i64> {
        self.chosen.iter().map(|a| a.id).collect()
    }
}

impl Quiz {
    pub fn walk(&self, ids: &[i64]) -> Walk<'_> {
        let mut chosen = Vec::new();
        for (question, id) in self.questions.iter().zip(ids) {
            match question.answers.iter().find(|a| a.id == *id) {
                Some(answer) => chosen.push(answer),
                None => break,
            }
        }
        Walk {
            complete: !self.questions.is_empty() && chosen.len() == self.questions.len(),
            cut: ids.len() > chosen.len(),
            chosen,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::quiz;
    use proptest::prelude::*;

    #[test]
    fn paths_read_ids_until_junk() {
        assert_eq!(parse("12.34.56"), vec![12, 34, 56]);
        assert_eq!(parse(""), Vec::<i64>::new());
        assert_eq!(parse("12.x.56"), vec![12]);
        assert_eq!(parse("12.-3"), vec![12]);
        assert_eq!(parse(&"1.".repeat(100)).len(), MAX_STEPS);
        assert_eq!(text(&[12, 34]), "12.34");
    }

    #[test]
    fn a_walk_stops_at_the_first_answer_that_does_not_fit_its_question() {
        let q = quiz();
        let w = q.walk(&[1, 3]);
        assert!(w.complete && !w.cut);
        assert_eq!(w.ids(), vec![1, 3]);
        let w = q.walk(&[2]);
        assert_eq!((w.step(), w.complete), (1, false));
        // 3 answers the second question, not the first.
        let w = q.walk(&[3, 1]);
        assert_eq!((w.step(), w.cut), (0, true));
        let w = q.walk(&[1, 4, 2]);
        assert!(w.complete && w.cut);
    }

    proptest! {
        #[test]
        fn a_path_survives_its_own_text(ids in proptest::collection::vec(1i64..1_000_000, 0..MAX_STEPS)) {
            prop_assert_eq!(parse(&text(&ids)), ids);
        }

        #[test]
        fn a_walk_never_goes_past_the_path_or_the_quiz(ids in proptest::collection::vec(0i64..6, 0..6)) {
            let q = quiz();
            let w = q.walk(&ids);
            prop_assert!(w.step() <= ids.len().min(q.questions.len()));
            prop_assert_eq!(&w.ids()[..], &ids[..w.step()]);
        }
    }
}
