//! Arabizi: Arabic typed in Latin letters and digits, the way many Egyptians text
//! (`kanaba`, `7ezam gild`, `ma3la2a`, `2amees`). Search and the shopping assistant both
//! read it through this one module.
//!
//! A Latin word has many possible Arabic spellings (short vowels are usually not written,
//! `s` may be س or ص, a Cairene `2` is a hamza or a qaf), so [`transliterate`] returns
//! the most likely candidates, cheapest first; the caller keeps those its vocabulary
//! knows. Every candidate is already in `search_text::normalize` form.

/// One way of writing a piece of the Latin word, with how unusual it is.
type Choice = (&'static str, u8);

/// Digits Egyptians use as letters; `'` after some of them adds the dot (3' غ).
fn digit(c: char, dotted: bool) -> Option<&'static [Choice]> {
    Some(match (c, dotted) {
        ('2', _) => &[("ا", 0), ("ق", 0), ("ء", 1)],
        ('3', false) => &[("ع", 0)],
        ('3', true) => &[("غ", 0)],
        ('5', _) => &[("خ", 0)],
        ('6', false) => &[("ط", 0)],
        ('6', true) => &[("ظ", 0)],
        ('7', false) => &[("ح", 0)],
        ('7', true) => &[("خ", 0)],
        ('8', _) => &[("ق", 0)],
        ('9', false) => &[("ص", 0)],
        ('9', true) => &[("ض", 0)],
        _ => return None,
    })
}

/// Two Latin letters that write one Arabic sound.
fn digraph(pair: &str) -> Option<&'static [Choice]> {
    Some(match pair {
        "sh" | "ch" => &[("ش", 0)],
        "kh" => &[("خ", 0)],
        "gh" => &[("غ", 0), ("ج", 2)],
        "th" => &[("ث", 0), ("ت", 1), ("ذ", 2)],
        "dh" => &[("ذ", 0), ("ض", 1), ("د", 1)],
        "aa" => &[("ا", 0)],
        "ee" | "ii" | "ie" | "ei" => &[("ي", 0)],
        "oo" | "ou" | "uu" => &[("و", 0)],
        "ph" => &[("ف", 0)],
        _ => return None,
    })
}

fn consonant(c: char) -> Option<&'static [Choice]> {
    Some(match c {
        'b' | 'p' => &[("ب", 0)],
        'c' => &[("ك", 0), ("س", 1)],
        'd' => &[("د", 0), ("ض", 1)],
        'f' | 'v' => &[("ف", 0)],
        // Egyptians say and write g for ج.
        'g' => &[("ج", 0), ("غ", 2)],
        'h' => &[("ه", 0), ("ح", 1)],
        'j' => &[("ج", 0)],
        'k' => &[("ك", 0), ("ق", 2)],
        'l' => &[("ل", 0)],
        'm' => &[("م", 0)],
        'n' => &[("ن", 0)],
        'q' => &[("ق", 0), ("ك", 2)],
        'r' => &[("ر", 0)],
        's' => &[("س", 0), ("ص", 1)],
        't' => &[("ت", 0), ("ط", 1)],
        'w' => &[("و", 0)],
        'x' => &[("كس", 0)],
        'y' => &[("ي", 0)],
        'z' => &[("ز", 0), ("ظ", 2)],
        _ => return None,
    })
}

/// A short vowel: inside a word usually not written, sometimes a long vowel letter.
fn vowel(c: char, first: bool, last: bool) -> &'static [Choice] {
    match (c, first, last) {
        // At the start a vowel sits on an alef (which normalization writes ا).
        ('o' | 'u', true, _) => &[("ا", 0), ("او", 1)],
        ('e' | 'i', true, _) => &[("ا", 0), ("اي", 1)],
        (_, true, _) => &[("ا", 0)],
        // At the end -a is most often taa marbuta (normalized ه), else alef.
        ('a', _, true) => &[("ه", 0), ("ا", 1), ("", 2)],
        ('e', _, true) => &[("ه", 0), ("ي", 1), ("", 2)],
        ('i', _, true) => &[("ي", 0), ("ه", 2)],
        ('o' | 'u', _, true) => &[("و", 0), ("", 2)],
        ('a', _, _) => &[("", 0), ("ا", 1)],
        ('e' | 'i', _, _) => &[("", 0), ("ي", 1)],
        _ => &[("", 0), ("و", 1)],
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Whether a normalized word is written in Latin letters (and digits) at all: the only
/// words worth reading as Arabizi.
pub fn is_latin(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_lowercase())
        && word
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '\'')
}

/// Whether a Latin word is certainly Arabizi: a digit used as a letter beside a vowel
/// (`7ezam`, `ma3la2a`, `3'ada`, `ta3`), not a model number or size (`s24`, `a55`,
/// `256gb`, `2xl`, `ps5`), where digits run together or stand beside consonants.
pub fn has_digit_letters(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    let letters = chars.iter().filter(|c| c.is_ascii_lowercase()).count();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    if letters < 2 || digits == 0 || digits > letters {
        return false;
    }
    chars.iter().enumerate().any(|(i, c)| {
        if digit(*c, false).is_none() {
            return false;
        }
        let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        // 3' and 7' carry their dot in the apostrophe: look past it.
        let skip = usize::from(chars.get(i + 1) == Some(&'\''));
        let after = chars.get(i + 1 + skip).copied();
        let digit_beside =
            before.is_some_and(|b| b.is_ascii_digit()) || after.is_some_and(|a| a.is_ascii_digit());
        // Arabic syllables start with a consonant and a vowel: a digit standing for a
        // letter has a vowel on one side.
        !digit_beside && (before.is_some_and(is_vowel) || after.is_some_and(is_vowel))
    })
}

/// Splits a Latin word into the pieces that each write one Arabic letter (or none).
fn pieces(word: &str) -> Vec<Vec<Choice>> {
    let chars: Vec<char> = word.chars().collect();
    let mut out: Vec<Vec<Choice>> = Vec::new();
    let mut i = 0;
    let mut previous: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        let first = out.is_empty();
        if c == '\'' {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let dotted = chars.get(i + 1) == Some(&'\'');
            match digit(c, dotted) {
                Some(choices) => out.push(choices.to_vec()),
                None => out.push(vec![(digit_text(c), 0)]),
            }
            i += if dotted { 2 } else { 1 };
            previous = Some(c);
            continue;
        }
        // A doubled consonant is one letter with a shadda, which is not written.
        if previous == Some(c) && !is_vowel(c) {
            i += 1;
            continue;
        }
        if let Some(next) = chars.get(i + 1) {
            let pair: String = [c, *next].iter().collect();
            if let Some(choices) = digraph(&pair) {
                let last = i + 2 == chars.len();
                let mut choices = choices.to_vec();
                // A long vowel that starts the word sits on an alef.
                if first && is_vowel(c) {
                    choices = choices
                        .iter()
                        .map(|(t, cost)| (alef_before(t), *cost))
                        .collect();
                }
                if last && pair == "aa" {
                    choices.push(("اه", 1));
                }
                out.push(choices);
                previous = Some(*next);
                i += 2;
                continue;
            }
        }
        let last = i + 1 == chars.len();
        let choices: Vec<Choice> = if is_vowel(c) {
            vowel(c, first, last).to_vec()
        } else {
            consonant(c).map(<[Choice]>::to_vec).unwrap_or_default()
        };
        if !choices.is_empty() {
            out.push(choices);
        }
        previous = Some(c);
        i += 1;
    }
    out
}

fn alef_before(text: &'static str) -> &'static str {
    match text {
        "ي" => "اي",
        "و" => "او",
        other => other,
    }
}

fn digit_text(c: char) -> &'static str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    DIGITS[c.to_digit(10).unwrap_or(0) as usize]
}

/// Candidate Arabic spellings of a Latin word, cheapest first, at most `limit`, each
/// normalized. Empty for a word that is not Latin or has no letters.
pub fn transliterate(word: &str, limit: usize) -> Vec<String> {
    if !is_latin(word) || limit == 0 {
        return Vec::new();
    }
    let pieces = pieces(word);
    // Best-first over the pieces: a beam of the cheapest partial spellings.
    let beam_width = limit.saturating_mul(4).max(16);
    let mut beam: Vec<(u8, String)> = vec![(0, String::new())];
    for choices in &pieces {
        let mut next: Vec<(u8, String)> = Vec::with_capacity(beam.len() * choices.len());
        for (cost, text) in &beam {
            for (piece, extra) in choices {
                let mut t = text.clone();
                t.push_str(piece);
                next.push((cost.saturating_add(*extra), t));
            }
        }
        next.sort();
        next.dedup_by(|a, b| a.1 == b.1);
        next.truncate(beam_width);
        beam = next;
    }
    beam.sort();
    let mut seen = std::collections::HashSet::new();
    beam.into_iter()
        .map(|(_, text)| crate::search_text::normalize(&text))
        // A lone letter is not a word anyone searches for.
        .filter(|t| t.chars().count() >= 2 && seen.insert(t.clone()))
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(word: &str, arabic: &str) -> bool {
        transliterate(word, 48).iter().any(|c| c == arabic)
    }

    #[test]
    fn each_digit_letter() {
        assert!(has("2amees", "قميص"));
        assert!(has("2alam", "الم"));
        assert!(has("sa3a", "ساعه"));
        assert!(has("3'ata", "غطا"));
        assert!(has("5ala6", "خلاط"));
        assert!(has("6arha", "طرحه"));
        assert!(has("7ezam", "حزام"));
        assert!(has("8alam", "قلم"));
        assert!(has("9aboon", "صابون"));
        assert!(has("7'osh", "خوش"));
        assert!(has("ma3la2a", "معلقه"));
    }

    #[test]
    fn common_spellings() {
        assert!(has("kanaba", "كنبه"));
        assert!(has("kobaya", "كوبايه"));
        assert!(has("gild", "جلد"));
        assert!(has("shanta", "شنطه"));
        assert!(has("gazma", "جزمه"));
        assert!(has("tallaga", "تلاجه"));
        assert!(has("mo5ada", "مخده"));
        assert!(has("samsung", "سامسونج"));
        assert!(has("shorab", "شراب"));
        assert!(has("botagaz", "بوتاجاز"));
        assert!(has("ta2ya", "طاقيه"));
        // Spelt with the long vowels written out.
        assert!(has("kanaaba", "كنابه"));
        assert!(has("3arabeya", "عربيه"));
    }

    #[test]
    fn the_cheapest_reading_comes_first() {
        assert_eq!(transliterate("kanaba", 1), ["كنبه"]);
        assert_eq!(transliterate("7ezam", 3)[0], "حزم");
        assert!(transliterate("kanaba", 5).len() <= 5);
    }

    #[test]
    fn model_numbers_and_sizes_are_not_digit_letters() {
        for word in [
            "s24", "a55", "256gb", "2xl", "iphone15", "15pro", "x3", "4k", "ps5", "5xl",
        ] {
            assert!(!has_digit_letters(word), "{word}");
        }
        for word in [
            "7ezam", "ma3la2a", "2amees", "3'ada", "sa3a", "5ala6", "ta3", "6arha",
        ] {
            assert!(has_digit_letters(word), "{word}");
        }
    }

    #[test]
    fn only_latin_words_are_read() {
        assert!(transliterate("كنبة", 5).is_empty());
        assert!(transliterate("123", 5).is_empty());
        assert!(transliterate("", 5).is_empty());
        assert!(is_latin("jeans") && is_latin("7ezam") && !is_latin("٤٢"));
    }

    #[test]
    fn every_candidate_is_normalized_arabic() {
        for word in [
            "kanaba", "2amees", "3'ada", "ma3la2a", "jeans", "samsung", "xl",
        ] {
            for c in transliterate(word, 48) {
                assert_eq!(crate::search_text::normalize(&c), c);
                assert!(c.chars().all(|ch| !ch.is_ascii_alphabetic()), "{word}: {c}");
            }
        }
    }
}
