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

#[cfg(test)]
mod tests {
    use super::normalize;
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
}
