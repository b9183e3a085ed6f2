//! Which products a search matches and how well.
//!
//! A search is a list of groups (one per query word) that must all match; a group matches
//! when one of its alternatives does (the word itself, or the lexicon's closest words for
//! a misspelling). An alternative is the word as PostgreSQL's `english` and `arabic`
//! configurations lexize it; it matches a product that has every lexeme of either form.
//!
//! The score of a product is the mean over groups of the best field weight the group
//! matched in (name 1.0, tags/brand/category/options 0.4, description 0.1) times the
//! alternative's factor (1 for the word as typed, lower for a spelling correction, 0.9
//! for a prefix that only starts a longer word), plus half of how much of the name the
//! query covers (so "Ceramic Mug" ranks above "Ceramic Mug Gift Set with Spoons" for
//! "ceramic mug"). Prefixes only reach names and terms: the last word of "مج" must not
//! match every description with a word starting مج. Scores are kept to three decimals so
//! that equal matches tie and the listing's tie-breakers (in stock, newest) decide.

use super::store::{Posting, Store};
use super::tsvector::Weight;
use std::collections::HashMap;

/// One way of reading a query word.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Lexemes under the `english` configuration.
    pub en: Vec<String>,
    /// Lexemes under the `arabic` configuration.
    pub ar: Vec<String>,
    /// Also matches longer words that start with it (type-ahead).
    pub prefix: bool,
    /// 1.0 for the word as typed; the trigram similarity blend for a correction.
    pub factor: f32,
}

/// One query word: any alternative may match.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub alternatives: Vec<Alternative>,
}

/// A matched product and its score in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub slot: u32,
    pub score: i32,
}

/// A longer word found through a prefix weighs a little less than the word itself.
const PREFIX_FACTOR: f32 = 0.9;
/// Weight of "how much of the name the query covers" against the field score.
const COVERAGE_WEIGHT: f32 = 0.5;

/// Whether some product has every lexeme of `lexemes` (a word the catalog knows).
pub fn known(store: &Store, lexemes: &[String]) -> bool {
    !lexemes.is_empty() && lexemes.iter().all(|l| store.term(l).is_some())
}

/// Calls `hit(slot, value, in_name)` for every product that has all of `lexemes`
/// (the lowest of their values when there are several).
fn lexeme_set(
    store: &Store,
    lexemes: &[String],
    prefix: bool,
    mut hit: impl FnMut(u32, f32, bool),
) {
    let each = |lexeme: &str, f: &mut dyn FnMut(u32, f32, bool)| {
        let mut emit = |postings: &[Posting], factor: f32, min: Weight| {
            for p in postings.iter().filter(|p| p.weight >= min) {
                f(p.slot, p.weight.value() * factor, p.weight == Weight::A);
            }
        };
        if !prefix {
            if let Some(exact) = store.term(lexeme) {
                emit(exact, 1.0, Weight::D);
            }
            return;
        }
        for (term, postings) in store.terms_with_prefix(lexeme) {
            if term == lexeme {
                emit(postings, 1.0, Weight::D);
            } else {
                emit(postings, PREFIX_FACTOR, Weight::B);
            }
        }
    };
    match lexemes {
        [] => {}
        [one] => each(one, &mut hit),
        [first, rest @ ..] => {
            let mut found: HashMap<u32, (f32, bool)> = HashMap::new();
            each(first, &mut |slot, value, name| {
                let e = found.entry(slot).or_insert((0.0, false));
                e.0 = e.0.max(value);
                e.1 |= name;
            });
            for lexeme in rest {
                let mut next: HashMap<u32, (f32, bool)> = HashMap::new();
                each(lexeme, &mut |slot, value, name| {
                    if let Some((before, before_name)) = found.get(&slot) {
                        let e = next.entry(slot).or_insert((0.0, false));
                        e.0 = e.0.max(value.min(*before));
                        e.1 |= name && *before_name;
                    }
                });
                found = next;
            }
            for (slot, (value, name)) in found {
                hit(slot, value, name);
            }
        }
    }
}

/// What a search matched.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matched {
    pub matches: Vec<Match>,
    /// No product has every word: these have as many of them as any product has
    /// (`باور بنك` when the catalog spells it `باور بانك` finds the power bank).
    pub partial: bool,
}

/// Every product matching all `groups`, with its score, in no particular order; when
/// none does, the products matching the most of them.
pub fn matches(store: &Store, groups: &[Group]) -> Matched {
    let strict = scored(store, groups, true);
    if !strict.is_empty() || groups.len() < 2 {
        return Matched {
            matches: strict,
            partial: false,
        };
    }
    let relaxed = scored(store, groups, false);
    Matched {
        partial: !relaxed.is_empty(),
        matches: relaxed,
    }
}

/// `strict`: only products matching every group; otherwise those matching the most.
fn scored(store: &Store, groups: &[Group], strict: bool) -> Vec<Match> {
    if groups.is_empty() || store.is_empty() {
        return Vec::new();
    }
    let slots = store.slots();
    let mut best = vec![0f32; slots];
    let mut in_name = vec![false; slots];
    let mut total = vec![0f32; slots];
    let mut matched = vec![0u8; slots];
    let mut name_groups = vec![0u8; slots];
    let mut candidates: Vec<u32> = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        let mut touched: Vec<u32> = Vec::new();
        for alternative in &group.alternatives {
            for lexemes in [&alternative.en, &alternative.ar] {
                lexeme_set(store, lexemes, alternative.prefix, |slot, value, name| {
                    let s = slot as usize;
                    // Strictly, only products every earlier group matched can match.
                    if strict && matched[s] as usize != index {
                        return;
                    }
                    if best[s] == 0.0 {
                        touched.push(slot);
                    }
                    best[s] = best[s].max(value * alternative.factor);
                    in_name[s] |= name;
                });
            }
        }
        for &slot in &touched {
            let s = slot as usize;
            if !strict && matched[s] == 0 {
                candidates.push(slot);
            }
            total[s] += best[s];
            matched[s] += 1;
            name_groups[s] += u8::from(in_name[s]);
            best[s] = 0.0;
            in_name[s] = false;
        }
        if strict && index == 0 {
            candidates = touched;
        }
    }
    let needed = if strict {
        groups.len()
    } else {
        candidates
            .iter()
            .map(|s| matched[*s as usize] as usize)
            .max()
            .unwrap_or(0)
    };
    let groups_len = groups.len() as f32;
    candidates
        .into_iter()
        .filter(|slot| needed > 0 && matched[*slot as usize] as usize == needed)
        .filter_map(|slot| {
            let s = slot as usize;
            let doc = store.doc(slot)?;
            let coverage = (f32::from(name_groups[s]) / doc.name_terms.max(1) as f32).min(1.0);
            let score = total[s] / groups_len + COVERAGE_WEIGHT * coverage;
            Some(Match {
                slot,
                score: (score * 1000.0).round() as i32,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::store::test_doc;

    fn store(docs: &[(i64, &[(&str, Weight)])]) -> Store {
        let mut store = Store::default();
        for (id, lexemes) in docs {
            store.upsert(test_doc(*id, lexemes));
        }
        store
    }

    fn word(lexeme: &str, prefix: bool) -> Group {
        Group {
            alternatives: vec![Alternative {
                en: vec![lexeme.to_string()],
                ar: vec![lexeme.to_string()],
                prefix,
                factor: 1.0,
            }],
        }
    }

    fn ranked(store: &Store, groups: &[Group]) -> Vec<(i64, i32)> {
        let mut found: Vec<(i64, i32)> = matches(store, groups)
            .matches
            .into_iter()
            .map(|m| (store.doc(m.slot).unwrap().id, m.score))
            .collect();
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        found
    }

    #[test]
    fn every_group_must_match_and_names_outrank_descriptions() {
        let s = store(&[
            (1, &[("clock", Weight::A), ("wall", Weight::A)]),
            (2, &[("frame", Weight::A), ("clock", Weight::D)]),
            (3, &[("wall", Weight::B)]),
        ]);
        let found = ranked(&s, &[word("clock", false)]);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2]);
        assert!(found[0].1 > found[1].1);
        let both = ranked(&s, &[word("wall", false), word("clock", false)]);
        assert_eq!(both.iter().map(|f| f.0).collect::<Vec<_>>(), [1]);
        assert!(ranked(&s, &[word("nothing", false)]).is_empty());
        assert!(ranked(&s, &[]).is_empty());
    }

    #[test]
    fn when_no_product_has_every_word_the_most_matched_ones_come_back() {
        let s = store(&[
            (1, &[("power", Weight::A), ("bank", Weight::A)]),
            (2, &[("power", Weight::A), ("drill", Weight::A)]),
            (3, &[("cabl", Weight::A)]),
        ]);
        let exact = matches(&s, &[word("power", false), word("bank", false)]);
        assert_eq!((exact.matches.len(), exact.partial), (1, false));
        // "bnk" matches nothing: the products with "power" and "cable" are the best there is.
        let partial = matches(
            &s,
            &[
                word("power", false),
                word("bnk", false),
                word("cabl", false),
            ],
        );
        assert!(partial.partial);
        let ids: Vec<i64> = ranked(&s, &[word("power", false), word("bnk", false)])
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(ids, [1, 2]);
        // Products with two of three words beat those with one: none here, so all three.
        assert_eq!(partial.matches.len(), 3);
        // One word that matches nothing stays nothing.
        let none = matches(&s, &[word("xyz", false)]);
        assert!(none.matches.is_empty() && !none.partial);
        let none = matches(&s, &[word("xyz", false), word("qqq", false)]);
        assert!(none.matches.is_empty() && !none.partial);
    }

    #[test]
    fn prefixes_reach_names_and_terms_only() {
        let s = store(&[
            (1, &[("headphon", Weight::A)]),
            (2, &[("headband", Weight::B)]),
            (3, &[("headquart", Weight::D)]),
            (4, &[("head", Weight::D)]),
        ]);
        let found: Vec<i64> = ranked(&s, &[word("head", true)])
            .into_iter()
            .map(|f| f.0)
            .collect();
        assert_eq!(found, [1, 2, 4]);
    }

    #[test]
    fn shorter_names_covering_the_query_rank_first() {
        let s = store(&[
            (
                1,
                &[
                    ("mug", Weight::A),
                    ("gift", Weight::A),
                    ("set", Weight::A),
                    ("spoon", Weight::A),
                ],
            ),
            (2, &[("mug", Weight::A), ("ceram", Weight::A)]),
        ]);
        let found = ranked(&s, &[word("mug", false)]);
        assert_eq!(found[0].0, 2);
    }

    #[test]
    fn a_word_of_several_lexemes_needs_them_all() {
        let s = store(&[
            (1, &[("70", Weight::A), ("140", Weight::A)]),
            (2, &[("70", Weight::A)]),
        ]);
        let group = Group {
            alternatives: vec![Alternative {
                en: vec!["70".into(), "140".into()],
                ar: vec![],
                prefix: false,
                factor: 1.0,
            }],
        };
        assert_eq!(ranked(&s, &[group]).len(), 1);
        assert!(known(&s, &["70".into(), "140".into()]));
        assert!(!known(&s, &["70".into(), "71".into()]));
        assert!(!known(&s, &[]));
    }

    #[test]
    fn corrections_weigh_less_than_the_word_typed() {
        let s = store(&[
            (1, &[("sneaker", Weight::A)]),
            (2, &[("speaker", Weight::A)]),
        ]);
        let group = Group {
            alternatives: vec![
                Alternative {
                    en: vec!["sneaker".into()],
                    ar: vec![],
                    prefix: false,
                    factor: 0.7,
                },
                Alternative {
                    en: vec!["speaker".into()],
                    ar: vec![],
                    prefix: false,
                    factor: 0.6,
                },
            ],
        };
        let found = ranked(&s, &[group]);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2]);
    }
}
