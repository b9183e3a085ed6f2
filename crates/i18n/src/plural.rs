//! CLDR cardinal plural rules for our locales.
//!
//! Why our own: intl_pluralrules 7.0.2 (inside fluent-bundle 0.16) tests the whole Arabic
//! number where CLDR tests `n % 100`, so 103–110 come out `other` instead of `few` and
//! 111–199 `other` instead of `many`. Messages therefore select on `PLURAL($n)`, a Fluent
//! function backed by these rules, instead of on the bare number.

use dokkan_core::Locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    pub fn as_str(self) -> &'static str {
        match self {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }
}

/// CLDR 45 cardinal rules. Only integers fall into the ranges (CLDR ranges match
/// integers), so any fractional quantity is `other` in Arabic and English alike.
pub fn plural_category(locale: Locale, n: f64) -> PluralCategory {
    let n = n.abs();
    let integer = n.fract() == 0.0 && n.is_finite();
    match locale {
        Locale::En => {
            if integer && n == 1.0 {
                PluralCategory::One
            } else {
                PluralCategory::Other
            }
        }
        Locale::Ar => {
            if !integer {
                return PluralCategory::Other;
            }
            let mod100 = n % 100.0;
            if n == 0.0 {
                PluralCategory::Zero
            } else if n == 1.0 {
                PluralCategory::One
            } else if n == 2.0 {
                PluralCategory::Two
            } else if (3.0..=10.0).contains(&mod100) {
                PluralCategory::Few
            } else if (11.0..=99.0).contains(&mod100) {
                PluralCategory::Many
            } else {
                PluralCategory::Other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PluralCategory::*;

    #[test]
    fn arabic_follows_cldr() {
        let cases = [
            (0, Zero),
            (1, One),
            (2, Two),
            (3, Few),
            (10, Few),
            (11, Many),
            (99, Many),
            (100, Other),
            (101, Other),
            (102, Other),
            (103, Few),
            (110, Few),
            (111, Many),
            (199, Many),
            (200, Other),
            (1000, Other),
            (1003, Few),
            (1011, Many),
        ];
        for (n, expected) in cases {
            assert_eq!(plural_category(Locale::Ar, n as f64), expected, "n = {n}");
        }
        assert_eq!(plural_category(Locale::Ar, 3.5), Other);
    }

    #[test]
    fn english_follows_cldr() {
        assert_eq!(plural_category(Locale::En, 1.0), One);
        for n in [0.0, 2.0, 11.0, 101.0, 1.5] {
            assert_eq!(plural_category(Locale::En, n), Other, "n = {n}");
        }
    }
}
