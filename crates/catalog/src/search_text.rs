//! The one normalization search uses, at index time and at query time alike, so that the
//! many ways of writing the same Arabic word meet: hamza forms of alef, alef maqsura, taa
//! marbuta, diacritics, tatweel, Arabic-Indic digits; and Latin case.

/// Normalizes text for search.
///
/// - drops the harakat and other marks U+064B–U+065F, the superscript alef U+0670 and
///   tatweel U+0640;
/// - أ إ آ ٱ → ا; ى → ي; ة → ه; ؤ → و; ئ → ي (and the Persian ی ک → ي ك, which Persian
///   keyboards type for the Arabic letters);
/// - Arabic-Indic (٠–٩) and Persian (۰–۹) digits → 0–9;
/// - lower-cases everything else;
/// - collapses runs of whitespace to one space and trims the ends.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        let mapped = match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => continue,
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ى' | 'ئ' | 'ی' => 'ي',
            'ة' => 'ه',
            'ؤ' => 'و',
            'ک' => 'ك',
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            _ => {
                if pending_space {
                    out.push(' ');
                    pending_space = false;
                }
                out.extend(c.to_lowercase());
                continue;
            }
        };
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(mapped);
    }
    out
}

/// The normalized text of one product as the search index stores it
/// (`products.search_name`, `search_terms`, `search_body`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchDocument {
    /// Both names, plus every two adjacent name words written together, so that
    /// `تيشرت` meets `تي شيرت` and `tshirt` meets `T-shirt`.
    pub name: String,
    /// Brand, tags, the category path and the option values, in both languages.
    pub terms: String,
    /// Both descriptions.
    pub body: String,
}

impl SearchDocument {
    pub fn build<'a>(
        name: (&str, &str),
        brand: &str,
        tags: impl IntoIterator<Item = &'a str>,
        category_path: impl IntoIterator<Item = (&'a str, &'a str)>,
        option_values: impl IntoIterator<Item = (&'a str, &'a str)>,
        description: (&str, &str),
    ) -> SearchDocument {
        let mut name_text = join([normalize(name.0), normalize(name.1)]);
        let compounds = compounds(&name_text);
        if !compounds.is_empty() {
            name_text.push(' ');
            name_text.push_str(&compounds);
        }
        let mut terms = vec![normalize(brand)];
        terms.extend(tags.into_iter().map(normalize));
        for (en, ar) in category_path.into_iter().chain(option_values) {
            terms.push(normalize(en));
            terms.push(normalize(ar));
        }
        SearchDocument {
            name: name_text,
            terms: join(terms),
            body: join([normalize(description.0), normalize(description.1)]),
        }
    }
}

/// Words of normalized text: runs of letters and digits.
pub fn words(normalized: &str) -> impl Iterator<Item = &str> {
    normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn compounds(normalized: &str) -> String {
    let words: Vec<&str> = words(normalized).collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for pair in words.windows(2) {
        let same_script = pair[0].is_ascii() == pair[1].is_ascii();
        let lettered = pair.iter().all(|w| w.chars().all(char::is_alphabetic));
        if same_script && lettered {
            let joined = format!("{}{}", pair[0], pair[1]);
            if seen.insert(joined.clone()) {
                out.push(joined);
            }
        }
    }
    out.join(" ")
}

fn join(parts: impl IntoIterator<Item = String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::{normalize, SearchDocument};
    use proptest::prelude::*;

    #[test]
    fn strips_diacritics_and_tatweel() {
        assert_eq!(normalize("قَمِيص"), "قميص");
        assert_eq!(normalize("مُـــنْتَج"), "منتج");
        assert_eq!(normalize("هٰذا"), "هذا");
        assert_eq!(normalize("شَدّة"), "شده");
    }

    #[test]
    fn unifies_letter_variants() {
        assert_eq!(normalize("أحمر إبريق آلة ٱلبيت"), "احمر ابريق اله البيت");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("شنطة"), "شنطه");
        assert_eq!(normalize("مؤشر"), "موشر");
        assert_eq!(normalize("جزئي"), "جزيي");
        assert_eq!(normalize("کیف"), "كيف");
    }

    #[test]
    fn arabic_and_persian_digits_become_ascii() {
        assert_eq!(normalize("مقاس ٤٢"), "مقاس 42");
        assert_eq!(normalize("۱۲۳"), "123");
        assert_eq!(normalize("٠١٢٣٤٥٦٧٨٩"), "0123456789");
    }

    #[test]
    fn latin_is_lower_cased_and_spaces_collapse() {
        assert_eq!(normalize("  Running   SHOES\t"), "running shoes");
        assert_eq!(normalize("T-Shirt تي شيرت"), "t-shirt تي شيرت");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" \u{064E} "), "");
    }

    proptest! {
        #[test]
        fn normalizing_twice_changes_nothing(text in "\\PC{0,40}") {
            let once = normalize(&text);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn no_mark_variant_or_eastern_digit_survives(text in "[\u{0600}-\u{06FF} a-zA-Z0-9]{0,40}") {
            let out = normalize(&text);
            for c in out.chars() {
                prop_assert!(!matches!(c,
                    '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'
                    | 'أ' | 'إ' | 'آ' | 'ٱ' | 'ى' | 'ة' | 'ؤ' | 'ئ'
                    | '٠'..='٩' | '۰'..='۹'), "{:?} in {:?}", c, out);
                prop_assert!(!c.is_ascii_uppercase());
            }
        }
    }

    #[test]
    fn documents_join_adjacent_name_words() {
        let doc = SearchDocument::build(
            ("Cotton T-Shirt", "تي شيرت قُطن"),
            "Nile",
            ["summer", "basics"],
            [("Men", "رجالي")],
            [("Red", "أحمر")],
            ("Soft.", "ناعم."),
        );
        assert!(doc.name.contains("تيشيرت"), "{}", doc.name);
        assert!(doc.name.contains("tshirt") && doc.name.contains("cottont"));
        assert!(doc.name.contains("قطن"));
        assert_eq!(doc.terms, "nile summer basics men رجالي red احمر");
        assert_eq!(doc.body, "soft. ناعم.");
    }
}
