//! From a message to the model's features: its words, word pairs and character 2–4-grams
//! (within words), after the search normalization; numbers by their kind rather than
//! their value; and for Arabizi, each Latin word also as its Arabic reading, so that
//! `3ayez`, `عايز` and `عاوز` share features.

use std::collections::{HashMap, HashSet};

use ndarray::Array1;

use crate::text::{self, Script};

/// What a number stands for in a message: the value says nothing of the intent.
fn number_kind(word: &str) -> Option<&'static str> {
    let digits: String = word.chars().filter(|c| c.is_ascii_digit()).collect();
    let only_number = word
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.'));
    if word.starts_with("dk-") || (only_number && digits.len() == 8) {
        Some("<order-number>")
    } else if only_number && !digits.is_empty() {
        Some("<number>")
    } else {
        None
    }
}

fn grams(word: &str, out: &mut Vec<String>) {
    let padded: Vec<char> = format!("^{word}$").chars().collect();
    for n in 3..=4 {
        for window in padded.windows(n) {
            out.push(format!("c:{}", window.iter().collect::<String>()));
        }
    }
}

/// The features of a message, each once.
pub fn tokens(message: &str) -> Vec<String> {
    let script = text::script(message);
    let words: Vec<String> = text::words(message)
        .into_iter()
        .map(|w| number_kind(&w).map(str::to_string).unwrap_or(w))
        .collect();
    let mut out = Vec::with_capacity(words.len() * 12);
    for (i, word) in words.iter().enumerate() {
        out.push(format!("w:{word}"));
        // Arabic's article and clinging prepositions: البيت, بالكارت, وعايز.
        for prefix in ["وال", "بال", "لل", "ال", "و", "ب"] {
            if let Some(stem) = word.strip_prefix(prefix).filter(|s| s.chars().count() >= 3) {
                out.push(format!("w:{stem}"));
                break;
            }
        }
        if let Some(next) = words.get(i + 1) {
            out.push(format!("b:{word}_{next}"));
        }
        if word.starts_with('<') {
            continue;
        }
        grams(word, &mut out);
        if script == Script::Arabizi {
            if let Some(reading) = text::arabic_reading(word) {
                out.push(format!("w:{reading}"));
                grams(&reading, &mut out);
            }
        }
    }
    let mut seen = HashSet::with_capacity(out.len());
    out.retain(|t| seen.insert(t.clone()));
    out
}

/// The features the model knows, with their inverse document frequency.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    index: HashMap<String, usize>,
    idf: Vec<f32>,
}

impl Vocabulary {
    /// Features seen in at least `min_count` messages, the most common first, at most `max`.
    pub fn build(messages: &[Vec<String>], min_count: usize, max: usize) -> Vocabulary {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for tokens in messages {
            for t in tokens {
                *counts.entry(t.as_str()).or_insert(0) += 1;
            }
        }
        let mut kept: Vec<(&str, usize)> = counts
            .into_iter()
            .filter(|(_, n)| *n >= min_count)
            .collect();
        kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        kept.truncate(max);
        let total = messages.len().max(1) as f32;
        Vocabulary {
            index: kept
                .iter()
                .enumerate()
                .map(|(i, (t, _))| (t.to_string(), i))
                .collect(),
            idf: kept
                .iter()
                .map(|(_, n)| (total / *n as f32).ln() + 1.0)
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.idf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idf.is_empty()
    }

    /// The message's row: idf weights of its known features, unit length.
    pub fn row(&self, tokens: &[String]) -> Array1<f32> {
        let mut row = Array1::zeros(self.len());
        for t in tokens {
            if let Some(&i) = self.index.get(t) {
                row[i] = self.idf[i];
            }
        }
        let norm = row.dot(&row).sqrt();
        if norm > 0.0 {
            row /= norm;
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabizi_and_arabic_script_share_features() {
        let arabizi: HashSet<String> = tokens("3ayez kanaba").into_iter().collect();
        let arabic: HashSet<String> = tokens("عايز كنبة").into_iter().collect();
        assert!(arabizi.contains("w:كنبه") && arabic.contains("w:كنبه"));
        assert!(arabizi.intersection(&arabic).count() >= 5);
    }

    #[test]
    fn numbers_count_by_kind() {
        let t = tokens("where is DK-12345678 under 500");
        assert!(t.contains(&"w:<order-number>".to_string()));
        assert!(t.contains(&"w:<number>".to_string()));
        assert!(!t.iter().any(|x| x.contains("500")));
    }

    #[test]
    fn rows_are_unit_length_and_ignore_the_unknown() {
        let messages = vec![tokens("where is my order"), tokens("where is my parcel")];
        let vocab = Vocabulary::build(&messages, 2, 1000);
        let row = vocab.row(&tokens("where is it"));
        assert!((row.dot(&row) - 1.0).abs() < 1e-5);
        assert_eq!(vocab.row(&tokens("zzz")).sum(), 0.0);
    }
}
