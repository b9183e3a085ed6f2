//! What an answer weights, as the admin types it: `men:2, women, sport:-1` — names
//! separated by commas (Arabic `،` too) or lines, each with an optional weight after `:`
//! or `=` (1 when left out; negative keeps things away). Arabic-Indic digits are read.

use serde::{Deserialize, Serialize};

/// Names (lower case) and their weights, in the order given.
pub type Weights = Vec<(String, f32)>;

/// The largest weight either way: enough to outweigh every other answer of a short quiz,
/// small enough that a typo (`20`) cannot.
pub const MAX_WEIGHT: f32 = 5.0;
const MAX_ENTRIES: usize = 30;
const MAX_NAME: usize = 60;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum WeightsError {
    #[error("`{0}` has no name")]
    NoName(String),
    #[error("`{0}` is not a weight from -5 to 5 other than 0")]
    BadWeight(String),
    #[error("`{0}` is given twice")]
    Twice(String),
    #[error("too many entries")]
    TooMany,
    #[error("`{0}` is too long")]
    TooLong(String),
}

impl WeightsError {
    pub fn fluent_key(&self) -> &'static str {
        match self {
            WeightsError::NoName(_) => "admin-quiz-weights-no-name",
            WeightsError::BadWeight(_) => "admin-quiz-weights-bad-weight",
            WeightsError::Twice(_) => "admin-quiz-weights-twice",
            WeightsError::TooMany => "admin-quiz-weights-too-many",
            WeightsError::TooLong(_) => "admin-quiz-weights-too-long",
        }
    }

    /// The entry the error is about, for the message.
    pub fn entry(&self) -> &str {
        match self {
            WeightsError::NoName(e)
            | WeightsError::BadWeight(e)
            | WeightsError::Twice(e)
            | WeightsError::TooLong(e) => e,
            WeightsError::TooMany => "",
        }
    }
}

fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٫' => '.',
            '−' => '-',
            c => c,
        })
        .collect()
}

pub fn parse_weights(text: &str) -> Result<Weights, WeightsError> {
    let mut out: Weights = Vec::new();
    for entry in text.split([',', '،', ';', '؛', '\n']) {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let (name, weight) = match entry.rsplit_once([':', '=']) {
            Some((name, weight)) => {
                let w: f32 = western_digits(weight.trim())
                    .parse()
                    .map_err(|_| WeightsError::BadWeight(entry.to_string()))?;
                (name.trim(), w)
            }
            None => (entry, 1.0),
        };
        if !weight.is_finite() || weight == 0.0 || weight.abs() > MAX_WEIGHT {
            return Err(WeightsError::BadWeight(entry.to_string()));
        }
        if name.is_empty() {
            return Err(WeightsError::NoName(entry.to_string()));
        }
        if name.chars().count() > MAX_NAME {
            return Err(WeightsError::TooLong(entry.to_string()));
        }
        let name = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if out.iter().any(|(n, _)| *n == name) {
            return Err(WeightsError::Twice(name));
        }
        out.push((name, weight));
        if out.len() > MAX_ENTRIES {
            return Err(WeightsError::TooMany);
        }
    }
    Ok(out)
}

/// The text [`parse_weights`] reads back: `men:2, sport`.
pub fn weights_text(weights: &[(String, f32)]) -> String {
    weights
        .iter()
        .map(|(name, w)| {
            if *w == 1.0 {
                name.clone()
            } else {
                format!("{name}:{w}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_with_optional_weights_in_either_script() {
        assert_eq!(
            parse_weights("Men:2, women ,sport=-1").unwrap(),
            vec![
                ("men".into(), 2.0),
                ("women".into(), 1.0),
                ("sport".into(), -1.0)
            ]
        );
        assert_eq!(
            parse_weights("قهوة:٢٫٥، شاي\nturkish  coffee").unwrap(),
            vec![
                ("قهوة".into(), 2.5),
                ("شاي".into(), 1.0),
                ("turkish coffee".into(), 1.0)
            ]
        );
        assert_eq!(parse_weights("  ").unwrap(), vec![]);
    }

    #[test]
    fn bad_entries_are_named() {
        assert_eq!(
            parse_weights("men:0"),
            Err(WeightsError::BadWeight("men:0".into()))
        );
        assert_eq!(
            parse_weights("men:9"),
            Err(WeightsError::BadWeight("men:9".into()))
        );
        assert_eq!(
            parse_weights("men:lots"),
            Err(WeightsError::BadWeight("men:lots".into()))
        );
        assert_eq!(parse_weights(":2"), Err(WeightsError::NoName(":2".into())));
        assert_eq!(
            parse_weights("men, Men:2"),
            Err(WeightsError::Twice("men".into()))
        );
        let many = (0..40)
            .map(|i| format!("t{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_weights(&many), Err(WeightsError::TooMany));
    }

    proptest! {
        #[test]
        fn the_text_reads_back_as_the_same_weights(
            entries in proptest::collection::btree_map("[a-z][a-z0-9-]{0,12}", -20i32..=20, 0..8)
        ) {
            let weights: Weights = entries
                .into_iter()
                .filter(|(_, w)| *w != 0)
                .map(|(n, w)| (n, w as f32 / 4.0))
                .collect();
            prop_assert_eq!(parse_weights(&weights_text(&weights)).unwrap(), weights);
        }
    }
}
