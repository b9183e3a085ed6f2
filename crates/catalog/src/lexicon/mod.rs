//! Words shoppers type that the catalog does not: the Egyptian everyday word for what a
//! shop writes in standard Arabic (كنبة for أريكة, بوتاجاز for موقد غاز), loanwords, and
//! brands written in the other script (سامسونج, samsung). Search reads it at query
//! time to add a word's equivalents to the word itself; it never rewrites the catalog.
//!
//! Two sources: the built-in list (`egyptian.txt`, one set of interchangeable terms a
//! line) and each shop's own rules, which admins edit (`search_synonyms`). A shop rule is
//! either two-way (every term finds the others) or one-way (the word finds its
//! equivalents, not the reverse).

use crate::search_text::{normalize, words};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Where an equivalence comes from, for the search explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// The built-in Egyptian lexicon.
    Lexicon,
    /// A rule the shop's admins added.
    Shop,
}

/// One term a word is equivalent to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Equivalent {
    /// Normalized; one word or a short phrase.
    pub term: String,
    pub source: Source,
}

/// A shop's synonym rule, as admins enter it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopRule {
    pub term: String,
    pub equivalents: Vec<String>,
    pub two_way: bool,
}

/// Terms longer than this many words are not looked up (phrases are short names).
pub const MAX_PHRASE_WORDS: usize = 3;

/// Term → its equivalents, both normalized.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    equivalents: HashMap<String, Vec<Equivalent>>,
}

static BUILT_IN: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(include_str!("egyptian.txt"))
        .unwrap_or_else(|e| panic!("the built-in lexicon (egyptian.txt) is malformed: {e}"))
});

impl Lexicon {
    /// The built-in Egyptian lexicon.
    pub fn built_in() -> &'static Lexicon {
        &BUILT_IN
    }

    /// Reads the built-in format: `standard, forms = everyday, forms`, every term on a
    /// line equivalent to every other; `#` starts a comment. A term on two lines is an
    /// error (the lines would silently merge into one meaning).
    pub fn parse(text: &str) -> Result<Lexicon, String> {
        let mut lexicon = Lexicon::default();
        let mut line_of: HashMap<String, usize> = HashMap::new();
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((left, right)) = line.split_once('=') else {
                return Err(format!("line {number}: no `=`"));
            };
            if right.contains('=') {
                return Err(format!("line {number}: more than one `=`"));
            }
            let mut terms = Vec::new();
            for side in [left, right] {
                let side_terms: Vec<String> = side
                    .split(',')
                    .map(term_key)
                    .filter(|t| !t.is_empty())
                    .collect();
                if side_terms.is_empty() {
                    return Err(format!("line {number}: an empty side"));
                }
                terms.extend(side_terms);
            }
            for term in &terms {
                if words(term).count() > MAX_PHRASE_WORDS {
                    return Err(format!(
                        "line {number}: `{term}` is longer than a short name"
                    ));
                }
                if let Some(previous) = line_of.insert(term.clone(), number) {
                    if previous != number {
                        return Err(format!(
                            "line {number}: `{term}` is already on line {previous}"
                        ));
                    }
                }
            }
            lexicon.add_set(&terms, Source::Lexicon);
        }
        Ok(lexicon)
    }

    /// This lexicon with a shop's rules added.
    pub fn with_shop_rules(&self, rules: &[ShopRule]) -> Lexicon {
        let mut lexicon = self.clone();
        for rule in rules {
            let term = term_key(&rule.term);
            let equivalents: Vec<String> = rule
                .equivalents
                .iter()
                .map(|e| term_key(e))
                .filter(|e| !e.is_empty() && *e != term)
                .collect();
            if term.is_empty() || equivalents.is_empty() {
                continue;
            }
            if rule.two_way {
                let mut all = vec![term];
                all.extend(equivalents);
                lexicon.add_set(&all, Source::Shop);
            } else {
                for equivalent in equivalents {
                    lexicon.add(&term, &equivalent, Source::Shop);
                }
            }
        }
        lexicon
    }

    fn add_set(&mut self, terms: &[String], source: Source) {
        for a in terms {
            for b in terms {
                if a != b {
                    self.add(a, b, source);
                }
            }
        }
    }

    fn add(&mut self, from: &str, to: &str, source: Source) {
        let list = self.equivalents.entry(from.to_string()).or_default();
        if !list.iter().any(|e| e.term == to) {
            list.push(Equivalent {
                term: to.to_string(),
                source,
            });
        }
    }

    /// How many terms have equivalents.
    pub fn len(&self) -> usize {
        self.equivalents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.equivalents.is_empty()
    }

    /// The equivalents of a normalized word or phrase, trying it as typed and then
    /// without the clitics Arabic attaches in front (ال, وال, بال, لل, و): the
    /// term found and its equivalents.
    pub fn lookup(&self, term: &str) -> Option<(String, &[Equivalent])> {
        lookup_forms(term)
            .into_iter()
            .find_map(|form| self.equivalents.get(&form).map(|e| (form, e.as_slice())))
    }

    /// Whether the word (or its form without clitics) is in the lexicon.
    pub fn knows(&self, term: &str) -> bool {
        self.lookup(term).is_some()
    }
}

/// A term as the lexicon keys it: normalized, its words joined by single spaces.
pub fn term_key(text: &str) -> String {
    words(&normalize(text)).collect::<Vec<_>>().join(" ")
}

/// The forms of a term to look up, most literal first.
fn lookup_forms(term: &str) -> Vec<String> {
    let mut forms = vec![term.to_string()];
    let (first, rest) = match term.split_once(' ') {
        Some((first, rest)) => (first, Some(rest)),
        None => (term, None),
    };
    let letters = first.chars().count();
    // Longest clitic first; what remains must still be a word of three letters.
    for prefix in ["وال", "بال", "فال", "كال", "لل", "ال", "و"] {
        if letters >= prefix.chars().count() + 3 {
            if let Some(stripped) = first.strip_prefix(prefix) {
                forms.push(match rest {
                    Some(rest) => format!("{stripped} {rest}"),
                    None => stripped.to_string(),
                });
                break;
            }
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(lexicon: &Lexicon, word: &str) -> Vec<String> {
        lexicon
            .lookup(&term_key(word))
            .map(|(_, e)| e.iter().map(|e| e.term.clone()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn the_built_in_lexicon_parses_and_covers_every_department() {
        let lexicon = Lexicon::built_in();
        assert!(lexicon.len() > 600, "{} terms", lexicon.len());
        // One everyday word per department the issue names, each meeting its standard word.
        for (everyday, standard) in [
            ("كنبة", "اريكه"),
            ("شراب", "جوارب"),
            ("بوتاجاز", "موقد غاز"),
            ("بالطو", "معطف"),
            ("جزمة", "حذاء"),
            ("شنطة", "حقيبه"),
            ("موبايل", "هاتف محمول"),
            ("تلاجة", "ثلاجه"),
            ("فوطة", "منشفه"),
            ("مخدة", "وساده"),
            ("رز", "ارز"),
            ("عروسة", "دميه"),
            ("كورة", "كره"),
        ] {
            let found = terms(lexicon, everyday);
            assert!(found.iter().any(|t| t == standard), "{everyday}: {found:?}");
        }
    }

    #[test]
    fn lines_are_two_way_and_brands_meet_across_scripts() {
        let lexicon = Lexicon::built_in();
        assert!(terms(lexicon, "أريكة").contains(&"كنبه".to_string()));
        assert!(terms(lexicon, "samsung").contains(&"سامسونج".to_string()));
        assert!(terms(lexicon, "سامسونج").contains(&"samsung".to_string()));
        assert!(terms(lexicon, "شاومي").contains(&"xiaomi".to_string()));
        assert!(terms(lexicon, "ايفون").contains(&"iphone".to_string()));
    }

    #[test]
    fn clitics_in_front_are_looked_through() {
        let lexicon = Lexicon::parse("أريكة = كنبة\nحقيبة ظهر = شنطة ضهر").unwrap();
        assert_eq!(terms(&lexicon, "الكنبة"), ["اريكه"]);
        assert_eq!(terms(&lexicon, "والكنبه"), ["اريكه"]);
        assert_eq!(terms(&lexicon, "للكنبه"), ["اريكه"]);
        assert_eq!(terms(&lexicon, "الشنطة ضهر"), ["حقيبه ظهر"]);
        // Two letters left is not a word: no stripping.
        assert!(terms(&lexicon, "الكن").is_empty());
        assert!(!lexicon.knows("كنب"));
    }

    #[test]
    fn malformed_lines_are_refused_with_their_number() {
        assert!(Lexicon::parse("a = b\nc d")
            .unwrap_err()
            .starts_with("line 2"));
        assert!(Lexicon::parse("a = b = c").is_err());
        assert!(Lexicon::parse(" = b").is_err());
        let twice = Lexicon::parse("كنبة = أريكة\nكنبه = صوفا").unwrap_err();
        assert!(twice.contains("line 1"), "{twice}");
        assert!(Lexicon::parse("a = one two three four").is_err());
        assert!(Lexicon::parse("# comment\n\na = b\n").is_ok());
    }

    #[test]
    fn shop_rules_add_one_way_or_both_ways() {
        let base = Lexicon::parse("أريكة = كنبة").unwrap();
        let shop = base.with_shop_rules(&[
            ShopRule {
                term: "انتريه".into(),
                equivalents: vec!["أريكة".into(), " طقم  جلوس ".into()],
                two_way: true,
            },
            ShopRule {
                term: "هدية".into(),
                equivalents: vec!["طقم".into()],
                two_way: false,
            },
        ]);
        assert_eq!(terms(&shop, "انتريه"), ["اريكه", "طقم جلوس"]);
        assert!(terms(&shop, "طقم جلوس").contains(&"انتريه".to_string()));
        assert!(terms(&shop, "أريكة").contains(&"انتريه".to_string()));
        assert_eq!(terms(&shop, "هديه"), ["طقم"]);
        assert!(terms(&shop, "طقم").is_empty());
        let (_, found) = shop.lookup("هديه").unwrap();
        assert_eq!(found[0].source, Source::Shop);
        let (_, found) = shop.lookup("كنبه").unwrap();
        assert_eq!(found[0].source, Source::Lexicon);
        // The base is untouched.
        assert!(!base.knows("هديه"));
    }
}
