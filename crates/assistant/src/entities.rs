//! Entities in a message, in any of the three scripts: an order number (`DK-12345678`, or
//! its eight digits alone, Western or Arabic-Indic), a price ceiling and floor in EGP
//! ("under 500", "تحت ٥٠٠", "a2al men 500", "between 200 and 400", "من ٣٠٠ لـ ٨٠٠"), a
//! colour (as the catalog's English colour name), a size, a quantity, and the words left
//! that describe the product.

use serde::{Deserialize, Serialize};

use crate::text;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    /// `DK-` and eight ASCII digits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_number: Option<String>,
    /// EGP, whole pounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_price: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_price: Option<i64>,
    /// The English colour name (`black`, `navy`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// `S`, `M`, `L`, `XL`, `XXL`, `3XL`, or a number (`42`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// The words that describe the product, as typed (normalized).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
}

/// Colour words (normalized; Arabic masculine and feminine, Arabizi spellings) and the
/// catalog's English name for each.
const COLOURS: &[(&str, &[&str])] = &[
    (
        "black",
        &[
            "black",
            "اسود",
            "سودا",
            "سوداء",
            "سوده",
            "eswed",
            "iswed",
            "aswad",
            "eswd",
            "soda",
            "sooda",
        ],
    ),
    (
        "white",
        &[
            "white",
            "ابيض",
            "بيضا",
            "بيضاء",
            "بيضه",
            "abyad",
            "abiad",
            "abyd",
            "bayda",
            "beda",
            "bida",
        ],
    ),
    (
        "red",
        &[
            "red",
            "احمر",
            "حمرا",
            "حمراء",
            "حمره",
            "a7mar",
            "ahmar",
            "7amra",
            "hamra",
        ],
    ),
    (
        "blue",
        &[
            "blue",
            "ازرق",
            "زرقا",
            "زرقاء",
            "زرقه",
            "azra2",
            "azraq",
            "azra",
            "zar2a",
            "zarqa",
        ],
    ),
    (
        "navy",
        &[
            "navy", "كحلي", "كحلى", "k7ly", "ka7ly", "kohly", "ko7ly", "ka7li", "k7li",
        ],
    ),
    (
        "green",
        &[
            "green",
            "اخضر",
            "خضرا",
            "خضراء",
            "خضره",
            "a5dar",
            "akhdar",
            "5adra",
            "khadra",
        ],
    ),
    (
        "grey",
        &[
            "grey",
            "gray",
            "رمادي",
            "رمادى",
            "رصاصي",
            "ramadi",
            "ramady",
            "romady",
            "rasasy",
            "rosasy",
        ],
    ),
    ("beige", &["beige", "بيج", "beij", "bej", "beage"]),
    (
        "brown",
        &[
            "brown", "بني", "بنى", "bonny", "bony", "bunni", "boni", "bonni",
        ],
    ),
    (
        "pink",
        &[
            "pink", "بينك", "بمبي", "وردي", "bamby", "bamba", "wardy", "wardi",
        ],
    ),
    (
        "yellow",
        &["yellow", "اصفر", "صفرا", "صفراء", "asfar", "as4ar", "safra"],
    ),
    (
        "orange",
        &[
            "orange",
            "برتقالي",
            "برتقانى",
            "borto2any",
            "bortoqaly",
            "orangy",
        ],
    ),
    (
        "purple",
        &["purple", "موف", "بنفسجي", "mov", "moov", "banafsegy"],
    ),
    (
        "silver",
        &["silver", "فضي", "فضى", "silvar", "fady", "faddy"],
    ),
    (
        "gold",
        &["gold", "golden", "دهبي", "ذهبي", "dahaby", "dahabi"],
    ),
    ("olive", &["olive", "زيتي", "زيتى", "zeety", "zity"]),
];

/// Letter sizes by their spellings.
const SIZES: &[(&str, &[&str])] = &[
    ("XS", &["xs", "xsmall", "x-small", "اكس سمول"]),
    ("S", &["small", "سمول", "smol"]),
    (
        "M",
        &["medium", "ميديم", "مديم", "ميديام", "midium", "medum"],
    ),
    ("L", &["large", "لارج", "larg", "lardge"]),
    (
        "XL",
        &["xl", "x-large", "xlarge", "اكس لارج", "اكسل", "x large"],
    ),
    (
        "XXL",
        &["xxl", "2xl", "اكس اكس لارج", "دبل اكس لارج", "xx-large"],
    ),
    ("3XL", &["3xl", "xxxl"]),
];

/// Words that introduce a size.
const SIZE_CUES: &[&str] = &[
    "size",
    "sz",
    "مقاس",
    "المقاس",
    "ma2as",
    "ma2as",
    "maqas",
    "mo2as",
    "ma2aas",
    "el ma2as",
];

/// Words (one or two) that put a ceiling on the price.
const MAX_CUES: &[&str] = &[
    "under",
    "below",
    "less than",
    "cheaper than",
    "max",
    "maximum",
    "up to",
    "upto",
    "within",
    "budget",
    "تحت",
    "اقل من",
    "باقل من",
    "ب اقل من",
    "مش اكتر من",
    "لحد",
    "حدود",
    "في حدود",
    "ميزانيه",
    "ميزانيتي",
    "ta7t",
    "ta7at",
    "tahta",
    "a2al men",
    "a2al mn",
    "aqal men",
    "b a2al men",
    "le7ad",
    "l7ad",
    "fe 7dood",
    "7odood",
    "msh aktar men",
];

/// Words that put a floor on the price.
const MIN_CUES: &[&str] = &[
    "over",
    "above",
    "more than",
    "at least",
    "min",
    "minimum",
    "starting at",
    "فوق",
    "اكتر من",
    "اكثر من",
    "علي الاقل",
    "ع الاقل",
    "fo2",
    "fou2",
    "foq",
    "aktar men",
    "aktar mn",
    "3ala el a2al",
    "3al a2al",
];

/// Words that join the two ends of a range.
const RANGE_JOINS: &[&str] = &[
    "and", "to", "-", "و", "ل", "لـ", "الي", "الى", "لحد", "w", "we", "le", "l", "lel", "ela", "li",
];
/// Words that open a range.
const RANGE_OPENS: &[&str] = &[
    "between", "from", "بين", "من", "ben", "been", "bain", "men", "mn", "ma bein", "ma ben",
];

/// Words that say money.
const CURRENCY: &[&str] = &[
    "egp",
    "le",
    "l.e",
    "pounds",
    "pound",
    "جنيه",
    "جنيها",
    "جنيهات",
    "ج",
    "جم",
    "geneh",
    "gneh",
    "genih",
    "ginih",
    "gnih",
];

/// Number words up to twenty, for quantities.
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("couple", 2),
    ("both", 2),
    ("واحد", 1),
    ("واحده", 1),
    ("اتنين", 2),
    ("اثنين", 2),
    ("تلاته", 3),
    ("ثلاثه", 3),
    ("اربعه", 4),
    ("خمسه", 5),
    ("سته", 6),
    ("سبعه", 7),
    ("تمانيه", 8),
    ("تسعه", 9),
    ("عشره", 10),
    ("الاتنين", 2),
    ("wa7ed", 1),
    ("wahed", 1),
    ("wa7da", 1),
    ("etneen", 2),
    ("itneen", 2),
    ("etnen", 2),
    ("el etneen", 2),
    ("talata", 3),
    ("tlata", 3),
    ("arba3a", 4),
    ("5amsa", 5),
    ("khamsa", 5),
    ("setta", 6),
    ("sab3a", 7),
    ("tamanya", 8),
    ("tes3a", 9),
    ("3ashara", 10),
];

/// Words that carry the request, not the product: left out of `query`.
const STOPWORDS: &[&str] = &[
    // English
    "i",
    "im",
    "i'm",
    "me",
    "my",
    "you",
    "your",
    "we",
    "it",
    "is",
    "are",
    "am",
    "the",
    "a",
    "an",
    "to",
    "of",
    "in",
    "on",
    "for",
    "and",
    "or",
    "do",
    "does",
    "did",
    "can",
    "could",
    "would",
    "will",
    "have",
    "has",
    "got",
    "any",
    "some",
    "something",
    "anything",
    "want",
    "wanna",
    "need",
    "looking",
    "look",
    "search",
    "searching",
    "find",
    "show",
    "see",
    "buy",
    "get",
    "please",
    "pls",
    "plz",
    "with",
    "this",
    "that",
    "these",
    "those",
    "there",
    "one",
    "ones",
    "what",
    "which",
    "where",
    "sell",
    "carry",
    "stock",
    "like",
    "would",
    "i'd",
    "id",
    "also",
    "cheap",
    "cheapest",
    "cheaper",
    "good",
    "nice",
    "best",
    "new",
    "some",
    "egp",
    "pounds",
    "pound",
    "le",
    "price",
    "priced",
    "around",
    "about",
    "at",
    "by",
    "from",
    "between",
    "than",
    "less",
    "more",
    "under",
    "over",
    "below",
    "above",
    "up",
    "max",
    "min",
    "size",
    "color",
    "colour",
    "in",
    "just",
    "only",
    "recommend",
    "suggest",
    "deals",
    "deal",
    "offers",
    "sale",
    "add",
    "cart",
    "basket",
    "hi",
    "hello",
    "hey",
    "thanks",
    "thank",
    // Arabic script (normalized)
    "انا",
    "انت",
    "عايز",
    "عايزه",
    "عاوز",
    "عاوزه",
    "محتاج",
    "محتاجه",
    "بدور",
    "ادور",
    "علي",
    "على",
    "عن",
    "عندك",
    "عندكو",
    "عندكم",
    "عندكوا",
    "فيه",
    "في",
    "فى",
    "هل",
    "ممكن",
    "لو",
    "سمحت",
    "وريني",
    "ورني",
    "اشوف",
    "اشتري",
    "شوفلي",
    "رشحلي",
    "حاجه",
    "حاجات",
    "ال",
    "و",
    "او",
    "ده",
    "دي",
    "دا",
    "دول",
    "بكام",
    "كام",
    "سعر",
    "ب",
    "بـ",
    "من",
    "لـ",
    "ل",
    "تحت",
    "فوق",
    "اقل",
    "اكتر",
    "اكثر",
    "بين",
    "جنيه",
    "مقاس",
    "لون",
    "بلون",
    "موجود",
    "موجوده",
    "بتبيعوا",
    "بيع",
    "رخيص",
    "ارخص",
    "حلو",
    "كويس",
    "احسن",
    "جديد",
    "عروض",
    "عرض",
    "لحد",
    "باقل",
    "مش",
    "يا",
    "بس",
    "كمان",
    "برضه",
    "طيب",
    "اهلا",
    "شكرا",
    // Arabizi
    "ana",
    "enta",
    "3ayez",
    "3ayza",
    "3awez",
    "3awza",
    "ayez",
    "m7tag",
    "me7tag",
    "mehtag",
    "m7taga",
    "badawar",
    "bdawar",
    "adawar",
    "3ala",
    "3la",
    "3al",
    "3an",
    "3ando",
    "3andak",
    "3andoko",
    "3andko",
    "3andkom",
    "fe",
    "fi",
    "feh",
    "fih",
    "feeh",
    "momken",
    "law",
    "lw",
    "sama7t",
    "samaht",
    "warrini",
    "wareeny",
    "warini",
    "ashoof",
    "ashtery",
    "shoofly",
    "rasha7ly",
    "7aga",
    "7agat",
    "el",
    "w",
    "we",
    "aw",
    "da",
    "di",
    "dah",
    "dol",
    "bkam",
    "kam",
    "se3r",
    "b",
    "bel",
    "men",
    "mn",
    "le",
    "l",
    "ta7t",
    "fo2",
    "a2al",
    "aktar",
    "ben",
    "geneh",
    "ma2as",
    "loon",
    "mawgood",
    "mawgoda",
    "betbe3o",
    "re5ees",
    "ar5as",
    "7elw",
    "kwayes",
    "a7san",
    "gedeed",
    "3orood",
    "3ard",
    "le7ad",
    "l7ad",
    "msh",
    "ya",
    "bas",
    "kaman",
    "tab",
    "ahlan",
    "shokran",
];

fn digits_value(word: &str) -> Option<f64> {
    let cleaned: String = word.chars().filter(|c| *c != ',').collect();
    if cleaned.is_empty() || !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let (number, thousands) = match cleaned.strip_suffix('k') {
        Some(n) => (n, true),
        None => (cleaned.as_str(), false),
    };
    let value: f64 = number.parse().ok()?;
    Some(if thousands { value * 1000.0 } else { value })
}

/// Whether the words from `at` spell one of `cues` (one or two words); how many words it took.
fn cue_at(words: &[String], at: usize, cues: &[&str]) -> Option<usize> {
    let one = words.get(at)?;
    let two = words.get(at + 1).map(|w| format!("{one} {w}"));
    if let Some(two) = &two {
        if cues.contains(&two.as_str()) {
            return Some(2);
        }
    }
    if let Some(three) = words
        .get(at + 2)
        .and_then(|w| two.as_ref().map(|t| format!("{t} {w}")))
    {
        if cues.contains(&three.as_str()) {
            return Some(3);
        }
    }
    cues.contains(&one.as_str()).then_some(1)
}

/// Whether a cue from `cues` ends right before word `at` (skipping a `b`/`ب` "for").
fn cue_before(words: &[String], at: usize, cues: &[&str]) -> Option<usize> {
    for start in at.saturating_sub(4)..at {
        if let Some(n) = cue_at(words, start, cues) {
            let end = start + n;
            let gap = &words[end..at];
            if gap
                .iter()
                .all(|w| matches!(w.as_str(), "b" | "ب" | "بـ" | "at" | "for" | "من" | "men"))
            {
                return Some(start);
            }
        }
    }
    None
}

fn colour_of(word: &str) -> Option<&'static str> {
    let bare = word.strip_prefix("ال").unwrap_or(word);
    let bare = bare.strip_prefix("بال").unwrap_or(bare);
    let bare = bare
        .strip_prefix("el")
        .filter(|b| b.len() > 2)
        .unwrap_or(bare);
    COLOURS
        .iter()
        .find(|(_, names)| names.contains(&word) || names.contains(&bare))
        .map(|(name, _)| *name)
}

fn letter_size(phrase: &str) -> Option<&'static str> {
    SIZES
        .iter()
        .find(|(_, names)| names.contains(&phrase))
        .map(|(size, _)| *size)
}

/// Reads the entities of a message.
pub fn extract(message: &str) -> Entities {
    let words = text::words(message);
    let mut used = vec![false; words.len()];
    let mut out = Entities::default();

    // Order numbers: DK-12345678, "dk 12345678", or eight digits standing alone.
    for i in 0..words.len() {
        let w = &words[i];
        let digits = if let Some(rest) = w.strip_prefix("dk-").or_else(|| w.strip_prefix("dk")) {
            rest.to_string()
        } else if w == "dk" {
            match words.get(i + 1) {
                Some(next) if next.len() == 8 && next.chars().all(|c| c.is_ascii_digit()) => {
                    used[i] = true;
                    used[i + 1] = true;
                    out.order_number.get_or_insert(format!("DK-{next}"));
                    continue;
                }
                _ => continue,
            }
        } else {
            w.clone()
        };
        if digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit()) {
            used[i] = true;
            out.order_number.get_or_insert(format!("DK-{digits}"));
        }
    }

    // Sizes after a cue ("size 42", "مقاس XL", "ma2as large"), then unambiguous ones.
    for i in 0..words.len() {
        if used[i] {
            continue;
        }
        if let Some(n) = cue_at(&words, i, SIZE_CUES) {
            let at = i + n;
            let Some(value) = words.get(at) else { continue };
            let two = words.get(at + 1).map(|w| format!("{value} {w}"));
            let (size, took) = if let Some(s) = two.as_deref().and_then(letter_size) {
                (Some(s.to_string()), 2)
            } else if let Some(s) = letter_size(value) {
                (Some(s.to_string()), 1)
            } else if matches!(value.as_str(), "s" | "m" | "l") {
                (Some(value.to_uppercase()), 1)
            } else if value.chars().all(|c| c.is_ascii_digit())
                && (1..=60).contains(&value.parse::<u32>().unwrap_or(0))
            {
                (Some(value.clone()), 1)
            } else {
                (None, 0)
            };
            if let Some(size) = size {
                for u in used.iter_mut().skip(i).take(n + took) {
                    *u = true;
                }
                out.size.get_or_insert(size);
            }
        }
    }
    if out.size.is_none() {
        for i in 0..words.len() {
            if used[i] {
                continue;
            }
            let two = words.get(i + 1).map(|w| format!("{} {w}", words[i]));
            if let Some(s) = two.as_deref().and_then(letter_size) {
                used[i] = true;
                used[i + 1] = true;
                out.size = Some(s.to_string());
                break;
            }
            if let Some(s) = letter_size(&words[i]) {
                used[i] = true;
                out.size = Some(s.to_string());
                break;
            }
        }
    }

    // Prices: ranges first, then ceilings and floors, then a bare amount in pounds.
    let amount = |i: usize, used: &[bool]| -> Option<i64> {
        if used.get(i).copied().unwrap_or(true) {
            return None;
        }
        let w = words.get(i)?;
        let mut value = digits_value(w)?;
        if words
            .get(i + 1)
            .is_some_and(|n| matches!(n.as_str(), "الف" | "الاف" | "alf" | "alaf" | "thousand"))
        {
            value *= 1000.0;
        }
        Some(value.round() as i64)
    };
    for i in 0..words.len() {
        if cue_at(&words, i, RANGE_OPENS).is_none() {
            continue;
        }
        let open = cue_at(&words, i, RANGE_OPENS).unwrap_or(1);
        let first = i + open;
        let Some(low) = amount(first, &used) else {
            continue;
        };
        let mut join = first + 1;
        // "300 جنيه لـ 800", "5 الاف و 7 الاف"; but `le` before a number joins (Arabizi "to").
        while words.get(join).is_some_and(|w| {
            (CURRENCY.contains(&w.as_str()) || matches!(w.as_str(), "الف" | "alf"))
                && !(RANGE_JOINS.contains(&w.as_str())
                    && words
                        .get(join + 1)
                        .is_some_and(|n| digits_value(n).is_some()))
        }) {
            join += 1;
        }
        if !words
            .get(join)
            .is_some_and(|w| RANGE_JOINS.contains(&w.as_str()))
        {
            continue;
        }
        let Some(high) = amount(join + 1, &used) else {
            continue;
        };
        let (low, high) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        out.min_price = Some(low);
        out.max_price = Some(high);
        for u in used.iter_mut().take(join + 2).skip(i) {
            *u = true;
        }
        break;
    }
    if out.max_price.is_none() && out.min_price.is_none() {
        for i in 0..words.len() {
            let Some(value) = amount(i, &used) else {
                continue;
            };
            if cue_before(&words, i, MAX_CUES).is_some() {
                out.max_price.get_or_insert(value);
                used[i] = true;
            } else if cue_before(&words, i, MIN_CUES).is_some() {
                out.min_price.get_or_insert(value);
                used[i] = true;
            }
        }
    }
    if out.max_price.is_none() && out.min_price.is_none() {
        // "b 5000", "بـ ٥٠٠٠ جنيه", "1500 pounds": a budget.
        for i in 0..words.len() {
            let Some(value) = amount(i, &used) else {
                continue;
            };
            let money_after = words
                .get(i + 1)
                .is_some_and(|w| CURRENCY.contains(&w.as_str()))
                || words
                    .get(i + 2)
                    .is_some_and(|w| CURRENCY.contains(&w.as_str()))
                    && words
                        .get(i + 1)
                        .is_some_and(|w| matches!(w.as_str(), "الف" | "alf"));
            let for_before = i > 0 && matches!(words[i - 1].as_str(), "b" | "ب" | "بـ" | "for");
            if money_after || (for_before && value >= 20) {
                out.max_price = Some(value);
                used[i] = true;
                break;
            }
        }
    }

    // Colours.
    for i in 0..words.len() {
        if used[i] {
            continue;
        }
        let two = words.get(i + 1).map(|w| format!("{} {w}", words[i]));
        if two.as_deref() == Some("navy blue") || two.as_deref() == Some("ازرق كحلي") {
            used[i] = true;
            used[i + 1] = true;
            out.color.get_or_insert("navy".into());
            continue;
        }
        if let Some(c) = colour_of(&words[i]) {
            used[i] = true;
            out.color.get_or_insert(c.into());
        }
    }

    // Quantities: a number word, or a small number no other entity took.
    for i in 0..words.len() {
        if used[i] {
            continue;
        }
        let two = words.get(i + 1).map(|w| format!("{} {w}", words[i]));
        if let Some(&(_, n)) = NUMBER_WORDS
            .iter()
            .find(|(w, _)| Some(*w) == two.as_deref())
        {
            used[i] = true;
            used[i + 1] = true;
            out.quantity.get_or_insert(n);
            continue;
        }
        if let Some(&(_, n)) = NUMBER_WORDS.iter().find(|(w, _)| *w == words[i]) {
            // "one" alone is as often "this one": only with a product word after or "of".
            let weak = matches!(words[i].as_str(), "one" | "واحد" | "wa7ed" | "wahed");
            if !weak
                || words
                    .get(i + 1)
                    .is_some_and(|w| !STOPWORDS.contains(&w.as_str()) || w == "of")
            {
                used[i] = true;
                out.quantity.get_or_insert(n);
            }
            continue;
        }
        if let Ok(n) = words[i].parse::<u32>() {
            if (1..=20).contains(&n)
                && !words
                    .get(i + 1)
                    .is_some_and(|w| CURRENCY.contains(&w.as_str()))
            {
                used[i] = true;
                out.quantity.get_or_insert(n);
            }
        }
    }

    // What is left, less the words that carry the request, describes the product.
    let cues: Vec<&str> = MAX_CUES
        .iter()
        .chain(MIN_CUES)
        .chain(RANGE_OPENS)
        .chain(SIZE_CUES)
        .flat_map(|c| c.split(' '))
        .collect();
    let query: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            !used[*i]
                && !STOPWORDS.contains(&w.as_str())
                && !cues.contains(&w.as_str())
                && !CURRENCY.contains(&w.as_str())
                && digits_value(w).is_none()
                && w.chars().count() > 1
        })
        .map(|(_, w)| w.as_str())
        .collect();
    if !query.is_empty() {
        out.query = Some(query.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(text: &str) -> Entities {
        extract(text)
    }

    #[test]
    fn order_numbers_in_any_script_and_digits() {
        for text in [
            "where is DK-12345678",
            "where is dk12345678?",
            "order 12345678 please",
            "طلبي رقم DK-12345678 فين",
            "طلبي ١٢٣٤٥٦٧٨ وصل فين",
            "el order 12345678 fein",
            "tatabo3 6alab dk 12345678",
        ] {
            assert_eq!(
                e(text).order_number.as_deref(),
                Some("DK-12345678"),
                "{text}"
            );
        }
        assert_eq!(e("size 42 under 500").order_number, None);
        assert_eq!(
            e("order 1234567").order_number,
            None,
            "seven digits are not an order"
        );
    }

    #[test]
    fn price_ceilings_floors_and_ranges_in_three_scripts() {
        let cases: &[(&str, Option<i64>, Option<i64>)] = &[
            ("grey sofa under 5000", None, Some(5000)),
            ("محتاج كنبة رمادي بأقل من ٥٠٠٠", None, Some(5000)),
            ("m7tag kanaba ramadi b a2al men 5000", None, Some(5000)),
            ("تحت ٥٠٠", None, Some(500)),
            ("shoes above 1500", Some(1500), None),
            ("جزم فوق ١٥٠٠", Some(1500), None),
            ("gezam fo2 1500", Some(1500), None),
            ("bags between 200 and 400", Some(200), Some(400)),
            ("شنط من ٣٠٠ لـ ٨٠٠", Some(300), Some(800)),
            ("shonat men 300 le 800", Some(300), Some(800)),
            ("بين ٢٠٠ و ٤٠٠ جنيه", Some(200), Some(400)),
            ("watch for 2k", None, Some(2000)),
            ("عايز كنبة ب ٥ الاف جنيه", None, Some(5000)),
            ("jeans under 700 EGP", None, Some(700)),
            ("up to 1,500 pounds", None, Some(1500)),
        ];
        for (text, min, max) in cases {
            let got = e(text);
            assert_eq!((got.min_price, got.max_price), (*min, *max), "{text}");
        }
    }

    #[test]
    fn colours_map_to_the_catalog_names() {
        for (text, colour) in [
            ("black sneakers", "black"),
            ("كوتشي اسود", "black"),
            ("طرحة سودا", "black"),
            ("kotshy eswed", "black"),
            ("كنبة رمادي", "grey"),
            ("kanaba ramadi", "grey"),
            ("jacket navy blue", "navy"),
            ("جاكيت كحلي", "navy"),
            ("fostan a7mar", "red"),
            ("فستان بالاحمر", "red"),
            ("beige hijab", "beige"),
            ("el 7aga di bel a5dar", "green"),
        ] {
            assert_eq!(e(text).color.as_deref(), Some(colour), "{text}");
        }
        assert_eq!(e("where is my order").color, None);
    }

    #[test]
    fn sizes_and_quantities() {
        assert_eq!(e("black sneakers size 42").size.as_deref(), Some("42"));
        assert_eq!(e("كوتشي اسود مقاس ٤٢").size.as_deref(), Some("42"));
        assert_eq!(e("hoodie eswed ma2as large").size.as_deref(), Some("L"));
        assert_eq!(e("القميص ده فيه اكس لارج").size.as_deref(), Some("XL"));
        assert_eq!(e("add the hoodie in XL").size.as_deref(), Some("XL"));
        assert_eq!(e("size m please").size.as_deref(), Some("M"));
        assert_eq!(e("put 2 of these in my basket").quantity, Some(2));
        assert_eq!(e("هاخد اتنين").quantity, Some(2));
        assert_eq!(e("ha5od etneen").quantity, Some(2));
        assert_eq!(e("add 3 to my cart").quantity, Some(3));
        assert_eq!(e("size 42").quantity, None, "a size is not a quantity");
        assert_eq!(e("under 500").quantity, None);
    }

    #[test]
    fn the_query_is_what_describes_the_product() {
        assert_eq!(
            e("I'm looking for a grey sofa under 5000").query.as_deref(),
            Some("sofa")
        );
        assert_eq!(
            e("محتاج كنبة رمادي بأقل من ٥٠٠٠").query.as_deref(),
            Some("كنبه")
        );
        assert_eq!(
            e("m7tag kanaba ramadi b a2al men 5000").query.as_deref(),
            Some("kanaba")
        );
        assert_eq!(
            e("do you have black sneakers size 42").query.as_deref(),
            Some("sneakers")
        );
        assert_eq!(
            e("عندكم سماعات بلوتوث").query.as_deref(),
            Some("سماعات بلوتوث")
        );
    }

    #[test]
    fn nothing_is_found_in_nothing() {
        assert_eq!(e(""), Entities::default());
        assert_eq!(e("hello"), Entities::default());
    }
}
