//! Reading a message: the normalized words (the search normalization, punctuation
//! dropped), the script it is written in, and the Arabic reading of its Arabizi words.

use dokkan_catalog::{arabizi, search_text};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    English,
    Arabic,
    /// Egyptian Arabic in Latin letters and digits.
    Arabizi,
}

impl Script {
    pub const ALL: [Script; 3] = [Script::English, Script::Arabic, Script::Arabizi];

    pub fn as_str(self) -> &'static str {
        match self {
            Script::English => "english",
            Script::Arabic => "arabic",
            Script::Arabizi => "arabizi",
        }
    }
}

/// Everyday Egyptian words as they are typed in Latin letters: the signal that a Latin
/// message is Arabizi when it has no digit letters (`3ayez`, `7aga`) to say so.
const ARABIZI_WORDS: &[&str] = &[
    "ana",
    "enta",
    "enty",
    "inta",
    "howa",
    "heya",
    "e7na",
    "ento",
    "homa",
    "ayez",
    "3ayez",
    "3ayza",
    "3awez",
    "3awza",
    "aayez",
    "ayza",
    "m7tag",
    "me7tag",
    "mehtag",
    "m7taga",
    "3ando",
    "3andak",
    "3andoko",
    "3andko",
    "3andy",
    "3andi",
    "fe",
    "fi",
    "feh",
    "fih",
    "feeh",
    "fein",
    "fen",
    "feen",
    "ezay",
    "ezzay",
    "izay",
    "izzay",
    "emta",
    "imta",
    "leh",
    "leeh",
    "eh",
    "eih",
    "keda",
    "kda",
    "kdh",
    "da",
    "dah",
    "di",
    "dol",
    "el",
    "b",
    "bel",
    "bl",
    "lel",
    "men",
    "mn",
    "law",
    "lw",
    "sama7t",
    "samaht",
    "sma7t",
    "momken",
    "mmkn",
    "mumkin",
    "yenfa3",
    "ynfa3",
    "msh",
    "mesh",
    "mish",
    "la2",
    "la2a",
    "aywa",
    "aiwa",
    "tab",
    "tayeb",
    "yalla",
    "yala",
    "ya",
    "bta3y",
    "bta3i",
    "btaa3y",
    "btaa3i",
    "wala",
    "walla",
    "lesa",
    "lessa",
    "5alas",
    "khalas",
    "delwa2ty",
    "dlw2ty",
    "delwa2ti",
    "naharda",
    "nharda",
    "embare7",
    "imbare7",
    "bokra",
    "shokran",
    "shukran",
    "motashaker",
    "teslam",
    "ahlan",
    "ezayak",
    "izayak",
    "ezayek",
    "sabah",
    "saba7",
    "masa2",
    "kam",
    "bkam",
    "kteer",
    "keteer",
    "awy",
    "awi",
    "gedan",
    "7aga",
    "7agat",
    "7ad",
    "mafeesh",
    "mafish",
    "mfesh",
    "tamam",
    "3ala",
    "3la",
    "3al",
    "ma3",
    "m3",
    "w",
    "we",
    "lama",
    "ba3d",
    "2abl",
    "abl",
    "zay",
    "zai",
    "kol",
    "kolo",
    "ay",
    "ayy",
    "leya",
    "lia",
    "beya",
    "biya",
    "keda",
    "gdeed",
    "gedeed",
    "a5od",
    "ha5od",
    "ashtery",
    "eshtery",
    "deef",
    "deefo",
    "7ot",
    "7o6",
    "elghy",
    "alghy",
    "ezayko",
    "shokrn",
    "mersi",
    "ba2a",
    "lissa",
    "wesel",
    "weslet",
    "wesolet",
    "fen",
    "ra2am",
    "2ad",
    "emta",
    "ta7t",
    "fo2",
    "a2al",
    "aktar",
    "akbar",
    "as3'ar",
];

/// Common English words: the signal that a Latin message is English.
const ENGLISH_WORDS: &[&str] = &[
    "i", "i'm", "im", "me", "my", "you", "your", "we", "it", "is", "are", "was", "the", "a", "an",
    "to", "of", "in", "on", "for", "and", "or", "do", "does", "did", "can", "could", "would",
    "will", "have", "has", "had", "what", "where", "when", "how", "why", "who", "which", "this",
    "that", "these", "those", "want", "need", "please", "pls", "with", "from", "under", "over",
    "between", "there", "any", "some", "get", "got", "be", "not", "no", "yes", "if", "at", "by",
    "about", "like", "just", "still", "yet", "much", "many", "thanks", "thank", "hello", "hi",
    "hey", "good", "morning", "evening", "order", "cancel", "ship", "shipping", "delivery",
    "return", "refund", "pay", "payment", "looking", "show", "find", "buy", "add", "cart", "talk",
    "speak", "person", "help",
];

/// Normalized words of a message: Arabic letter variants unified, Arabic-Indic digits as
/// ASCII, lower case; punctuation splits words (an apostrophe inside a Latin word is kept:
/// `3'` is a letter in Arabizi; `-` and `.` inside a number or code too).
pub fn words(text: &str) -> Vec<String> {
    let normalized = search_text::normalize(text);
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = normalized.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let keep_inside = match c {
            // Only after a digit: `3'` is غ; after a letter it is English (`where's`).
            '\'' => i > 0 && chars[i - 1].is_ascii_digit(),
            '-' | '.' | ',' => {
                i > 0
                    && chars[i - 1].is_ascii_alphanumeric()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_alphanumeric())
            }
            _ => false,
        };
        if c.is_alphanumeric() || keep_inside {
            word.push(c);
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn is_arabic_letter(c: char) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic()
}

/// The script a message is written in. Arabic letters win; a Latin message is Arabizi
/// when its digit letters and everyday Egyptian words outweigh its English words.
pub fn script(text: &str) -> Script {
    let arabic = text.chars().filter(|&c| is_arabic_letter(c)).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    // Brand names and sizes are typed in Latin inside Arabic messages (`عايز iphone case`).
    if arabic > 0 && arabic * 4 >= arabic + latin {
        return Script::Arabic;
    }
    let words = words(text);
    let mut arabizi = 0;
    let mut english = 0;
    for w in &words {
        if arabizi::has_digit_letters(w) {
            arabizi += 2;
        } else if ARABIZI_WORDS.contains(&w.as_str()) {
            arabizi += 1;
        } else if ENGLISH_WORDS.contains(&w.as_str()) {
            english += 1;
        }
    }
    if arabizi > english {
        Script::Arabizi
    } else {
        Script::English
    }
}

/// The likeliest Arabic reading of a Latin word read as Arabizi (normalized), if any.
pub fn arabic_reading(word: &str) -> Option<String> {
    arabizi::transliterate(word, 1).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_punctuation_but_keep_codes_and_arabizi_letters() {
        assert_eq!(
            words("Where's order DK-12345678?!"),
            ["where", "s", "order", "dk-12345678"]
        );
        assert_eq!(words("3'alaya, ar5as!"), ["3'alaya", "ar5as"]);
        assert_eq!(
            words("طلبي رقم ١٢٣٤٥٦٧٨، فين؟"),
            ["طلبي", "رقم", "12345678", "فين"]
        );
        assert_eq!(words("under 1,500.50 EGP"), ["under", "1,500.50", "egp"]);
    }

    #[test]
    fn the_script_is_read_from_letters_digit_letters_and_everyday_words() {
        assert_eq!(script("محتاج كنبة رمادي بأقل من ٥٠٠٠"), Script::Arabic);
        assert_eq!(
            script("m7tag kanaba ramadi b a2al men 5000"),
            Script::Arabizi
        );
        assert_eq!(script("el shohna wesolet wala la2"), Script::Arabizi);
        assert_eq!(script("cancel el order law sama7t"), Script::Arabizi);
        assert_eq!(script("where is my order"), Script::English);
        assert_eq!(
            script("do you have black sneakers size 42"),
            Script::English
        );
        assert_eq!(script("samsung a55 screen protector"), Script::English);
        assert_eq!(script("عايز iphone case"), Script::Arabic);
    }

    #[test]
    fn arabizi_words_have_an_arabic_reading() {
        assert_eq!(arabic_reading("kanaba").as_deref(), Some("كنبه"));
        assert!(arabic_reading("كنبة").is_none());
    }
}
