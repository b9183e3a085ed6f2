//! The languages the shop speaks, and how a request picks one.

use serde::{Deserialize, Serialize};
use std::{fmt, str::FromStr};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    En,
    Ar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported locale {0:?}")]
pub struct ParseLocaleError(pub String);

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Ar, Locale::En];
    /// Egypt first: a visitor we know nothing about gets Arabic.
    pub const DEFAULT: Locale = Locale::Ar;

    /// The BCP 47 tag, which is also the URL prefix.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ar => "ar",
        }
    }

    pub fn dir(self) -> Direction {
        match self {
            Locale::En => Direction::Ltr,
            Locale::Ar => Direction::Rtl,
        }
    }

    /// `text` with its ASCII digits written the way this language writes them (Arabic-Indic
    /// for Arabic: quantities, dates, counts).
    pub fn digits(self, text: &str) -> String {
        match self {
            Locale::En => text.to_string(),
            Locale::Ar => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) if c.is_ascii_digit() => char::from_u32('٠' as u32 + d).unwrap_or(c),
                    _ => c,
                })
                .collect(),
        }
    }

    pub fn other(self) -> Locale {
        match self {
            Locale::En => Locale::Ar,
            Locale::Ar => Locale::En,
        }
    }

    /// The locale named by the first segment of a path such as `/en/products/x`.
    pub fn from_path(path: &str) -> Option<Locale> {
        let first = path.trim_start_matches('/').split('/').next()?;
        Self::from_url_segment(first)
    }

    /// URL prefixes are exact: `/EN/` is not a page of ours.
    pub fn from_url_segment(segment: &str) -> Option<Locale> {
        match segment {
            "en" => Some(Locale::En),
            "ar" => Some(Locale::Ar),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header,
    /// honouring q-values; `None` when nothing in it is supported.
    pub fn negotiate(accept_language: &str) -> Option<Locale> {
        let mut best: Option<(Locale, f32, usize)> = None;
        for (index, part) in accept_language.split(',').enumerate() {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or("").trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .map(|q| q.trim().parse::<f32>().unwrap_or(0.0))
                .unwrap_or(1.0);
            let Ok(locale) = tag.parse::<Locale>() else {
                continue;
            };
            if q <= 0.0 {
                continue;
            }
            // Highest q wins; among equals the earlier entry wins.
            let better = match best {
                None => true,
                Some((_, best_q, best_index)) => q > best_q || (q == best_q && index < best_index),
            };
            if better {
                best = Some((locale, q, index));
            }
        }
        best.map(|(locale, _, _)| locale)
    }
}

impl FromStr for Locale {
    type Err = ParseLocaleError;

    /// Accepts a language tag such as `ar`, `ar-EG` or `en_US`, in any case.
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        let language = tag
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match language.as_str() {
            "en" => Ok(Locale::En),
            "ar" => Ok(Locale::Ar),
            _ => Err(ParseLocaleError(tag.to_string())),
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tags_in_any_case_and_region() {
        assert_eq!("ar-EG".parse::<Locale>(), Ok(Locale::Ar));
        assert_eq!("EN_us".parse::<Locale>(), Ok(Locale::En));
        assert_eq!("en".parse::<Locale>(), Ok(Locale::En));
        assert!("fr".parse::<Locale>().is_err());
        assert!("".parse::<Locale>().is_err());
        assert!("english".parse::<Locale>().is_err());
    }

    #[test]
    fn url_segments_are_exact() {
        assert_eq!(Locale::from_url_segment("ar"), Some(Locale::Ar));
        assert_eq!(Locale::from_url_segment("AR"), None);
        assert_eq!(Locale::from_url_segment("ar-EG"), None);
        assert_eq!(Locale::from_path("/en/products/x"), Some(Locale::En));
        assert_eq!(Locale::from_path("/"), None);
        assert_eq!(Locale::from_path("/pkg/x.js"), None);
    }

    #[test]
    fn direction_follows_script() {
        assert_eq!(Locale::Ar.dir().as_str(), "rtl");
        assert_eq!(Locale::En.dir().as_str(), "ltr");
        assert_eq!(Locale::Ar.other(), Locale::En);
    }

    #[test]
    fn negotiates_accept_language() {
        assert_eq!(
            Locale::negotiate("fr-FR,fr;q=0.9,en;q=0.8"),
            Some(Locale::En)
        );
        assert_eq!(Locale::negotiate("en;q=0.5, ar-EG;q=0.9"), Some(Locale::Ar));
        assert_eq!(Locale::negotiate("en-GB, ar"), Some(Locale::En));
        assert_eq!(Locale::negotiate("de, fr"), None);
        assert_eq!(Locale::negotiate("en;q=0"), None);
        assert_eq!(Locale::negotiate(""), None);
        assert_eq!(Locale::negotiate("*"), None);
    }
}
