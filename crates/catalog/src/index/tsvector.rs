//! Reads PostgreSQL's text form of a `tsvector` (`'lexeme':1A,4 'other':2B`): the index
//! keeps, per lexeme, the best weight it has in the product and how often it occurs.
//! PostgreSQL did the parsing and stemming; this only reads its output.

/// Field weights as `ts_rank` uses them by default: D (description) 0.1, C 0.2,
/// B (tags, brand, category, option values) 0.4, A (name) 1.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weight {
    D = 0,
    C = 1,
    B = 2,
    A = 3,
}

impl Weight {
    pub fn value(self) -> f32 {
        match self {
            Weight::D => 0.1,
            Weight::C => 0.2,
            Weight::B => 0.4,
            Weight::A => 1.0,
        }
    }

    fn from_letter(letter: u8) -> Option<Weight> {
        match letter {
            b'A' => Some(Weight::A),
            b'B' => Some(Weight::B),
            b'C' => Some(Weight::C),
            b'D' => Some(Weight::D),
            _ => None,
        }
    }
}

/// One lexeme of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexeme {
    pub text: String,
    pub weight: Weight,
    /// Its first position in the text (1-based; 0 in a stripped vector).
    pub first: u16,
}

/// Parses `tsvector::text`. Malformed input is an error naming the byte offset, never a
/// silently shorter vector.
pub fn parse(text: &str) -> Result<Vec<Lexeme>, String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b' ' => {
                i += 1;
                continue;
            }
            b'\'' => {}
            other => return Err(format!("byte {i}: expected a quote, found {other:#x}")),
        }
        i += 1;
        let mut lexeme = Vec::new();
        loop {
            match bytes.get(i) {
                None => return Err("unterminated lexeme".into()),
                Some(b'\'') if bytes.get(i + 1) == Some(&b'\'') => {
                    lexeme.push(b'\'');
                    i += 2;
                }
                Some(b'\'') => {
                    i += 1;
                    break;
                }
                Some(b'\\') if i + 1 < bytes.len() => {
                    lexeme.push(bytes[i + 1]);
                    i += 2;
                }
                Some(&b) => {
                    lexeme.push(b);
                    i += 1;
                }
            }
        }
        // No positions (a stripped vector): the lexeme counts as weight D.
        let mut weight = Weight::D;
        let mut first = 0u16;
        if bytes.get(i) == Some(&b':') {
            i += 1;
            loop {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if start == i {
                    return Err(format!("byte {i}: expected a position"));
                }
                let position: u16 = std::str::from_utf8(&bytes[start..i])
                    .ok()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(u16::MAX);
                if first == 0 || position < first {
                    first = position;
                }
                if let Some(w) = bytes.get(i).and_then(|b| Weight::from_letter(*b)) {
                    weight = weight.max(w);
                    i += 1;
                }
                if bytes.get(i) == Some(&b',') {
                    i += 1;
                } else {
                    break;
                }
            }
        }
        let text = String::from_utf8(lexeme).map_err(|_| "lexeme is not UTF-8".to_string())?;
        out.push(Lexeme {
            text,
            weight,
            first,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_each_lexeme_s_first_position() {
        let firsts: Vec<u16> = parse("'mug':9A,2 'cup' 'tea':3")
            .unwrap()
            .iter()
            .map(|l| l.first)
            .collect();
        assert_eq!(firsts, [2, 0, 3]);
    }

    fn pairs(text: &str) -> Vec<(String, Weight)> {
        parse(text)
            .unwrap()
            .into_iter()
            .map(|l| (l.text, l.weight))
            .collect()
    }

    #[test]
    fn reads_lexemes_with_their_best_weight() {
        assert_eq!(
            pairs("'mug':2A,9 'سيراميك':3A 'ceram':1B,4C 'desc':7"),
            [
                ("mug".to_string(), Weight::A),
                ("سيراميك".to_string(), Weight::A),
                ("ceram".to_string(), Weight::B),
                ("desc".to_string(), Weight::D),
            ]
        );
    }

    #[test]
    fn reads_quotes_backslashes_and_stripped_vectors() {
        assert_eq!(
            pairs("'it''s':1A 'a\\\\b' 'x'"),
            [
                ("it's".to_string(), Weight::A),
                ("a\\b".to_string(), Weight::D),
                ("x".to_string(), Weight::D),
            ]
        );
        assert!(parse("").unwrap().is_empty());
    }

    #[test]
    fn refuses_malformed_text() {
        assert!(parse("mug").is_err());
        assert!(parse("'mug").is_err());
        assert!(parse("'mug':").is_err());
        assert!(parse("'mug':x").is_err());
    }
}
