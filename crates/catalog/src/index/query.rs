//! Which products a search matches and how well.
//!
//! A search is a list of groups (one per query word, or per phrase the lexicon knows)
//! that must all match; a group matches when one of its alternatives does: the word as
//! typed, its equivalents in the lexicon, its Arabic readings when it is Arabizi, or the
//! closest catalog words when it is misspelt. An alternative is the word as PostgreSQL's
//! `english` and `arabic` configurations lexize it; it matches a product that has every
//! lexeme of either form.
//!
//! The score of a product is the mean over groups of the best field weight the group
//! matched in (name 1.0, tags/brand/category/options 0.4, description 0.1) times the
//! alternative's factor (1 for the word as typed, a little less for an equivalent or an
//! Arabizi reading, less again for a correction, 0.9 for a prefix that only starts a
//! longer word), plus:
//! - half of how much of the name the query covers (so "Ceramic Mug" ranks above
//!   "Ceramic Mug Gift Set with Spoons" for "ceramic mug");
//! - a share of [`LEAD_WEIGHT`] for each name that *starts* with a query word: the
//!   product the query names ("iPhone 15 Pro", "ايفون 15") ranks above the products
//!   that only mention it ("Silicone Case for iPhone 15", "جراب ايفون 15").
//!
//! Prefixes only reach names and terms: the last word of "مج" must not match every
//! description with a word starting مج. For a one-word search, a product whose only
//! evidence is its description is dropped when no product carries the word in its name
//! or terms (the shop does not sell it: a coffee that mentions a kettle) or when the
//! word is in many descriptions (it says nothing). Scores are kept to three decimals so
//! that equal matches tie and the listing's tie-breakers (in stock, newest) decide.

use super::store::{lead_share, nearer, Lead, Posting, Store};
use super::tsvector::Weight;
use serde::Serialize;
use std::collections::HashMap;

/// How an alternative reads the query word, for the search explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// The word as typed (or, when `prefix`, the words it starts).
    Typed,
    /// An equivalent from the built-in Egyptian lexicon.
    Lexicon,
    /// An equivalent from the shop's own synonyms.
    ShopSynonym,
    /// The Arabic reading of an Arabizi word.
    Arabizi,
    /// A close catalog word for a misspelling.
    Correction,
}

/// One way of reading a query word.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// Lexemes under the `english` configuration.
    pub en: Vec<String>,
    /// Lexemes under the `arabic` configuration.
    pub ar: Vec<String>,
    /// Also matches longer words that start with it (type-ahead).
    pub prefix: bool,
    /// 1.0 for the word as typed; less for other readings.
    pub factor: f32,
    pub via: Via,
    /// The word or phrase this alternative searches for (normalized), for explanations;
    /// `through` is the Arabizi reading an equivalent was found from.
    pub text: String,
    pub through: Option<String>,
}

impl Alternative {
    /// The word as typed.
    pub fn typed(text: &str, en: Vec<String>, ar: Vec<String>, prefix: bool) -> Alternative {
        Alternative {
            en,
            ar,
            prefix,
            factor: 1.0,
            via: Via::Typed,
            text: text.to_string(),
            through: None,
        }
    }
}

/// One query word (or phrase): any alternative may match.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// What the shopper typed, normalized.
    pub text: String,
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
/// Weight of "the product's names start with what the query names".
const LEAD_WEIGHT: f32 = 0.4;
/// A word in the descriptions of more than this share of the catalog's products (and of
/// at least `COMMON_MIN` of them) says too little to find a product by its description
/// alone.
const COMMON_SHARE: f32 = 0.05;
const COMMON_MIN: usize = 10;

/// Whether some product has every lexeme of `lexemes` (a word the catalog knows).
pub fn known(store: &Store, lexemes: &[String]) -> bool {
    !lexemes.is_empty() && lexemes.iter().all(|l| store.term(l).is_some())
}

/// What one posting tells the scorer.
#[derive(Debug, Clone, Copy, Default)]
struct Hit {
    value: f32,
    name: bool,
    lead: Lead,
}

/// Calls `hit(slot, Hit)` for every product that has all of `lexemes` (the lowest of
/// their values when there are several).
fn lexeme_set(store: &Store, lexemes: &[String], prefix: bool, mut hit: impl FnMut(u32, Hit)) {
    let each = |lexeme: &str, f: &mut dyn FnMut(u32, Hit)| {
        let mut emit = |postings: &[Posting], factor: f32, min: Weight| {
            for p in postings.iter().filter(|p| p.weight >= min) {
                f(
                    p.slot,
                    Hit {
                        value: p.weight.value() * factor,
                        name: p.weight == Weight::A,
                        lead: p.lead,
                    },
                );
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
            let mut found: HashMap<u32, Hit> = HashMap::new();
            each(first, &mut |slot, h| {
                let e = found.entry(slot).or_default();
                e.value = e.value.max(h.value);
                e.name |= h.name;
                e.lead = nearer(e.lead, h.lead);
            });
            for lexeme in rest {
                let mut next: HashMap<u32, Hit> = HashMap::new();
                each(lexeme, &mut |slot, h| {
                    if let Some(before) = found.get(&slot) {
                        let e = next.entry(slot).or_default();
                        e.value = e.value.max(h.value.min(before.value));
                        e.name |= h.name && before.name;
                        // A phrase heads a name when its first word does.
                        e.lead |= before.lead;
                    }
                });
                found = next;
            }
            for (slot, h) in found {
                hit(slot, h);
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
    let mut lead = vec![0 as Lead; slots];
    let mut total = vec![0f32; slots];
    let mut matched = vec![0u8; slots];
    let mut name_groups = vec![0u8; slots];
    let mut leads = vec![0 as Lead; slots];
    // Some group found it in its name or terms, not only in its description.
    let mut carried = vec![false; slots];
    let mut candidates: Vec<u32> = Vec::new();
    // When no product has every word, the rarer words say more about what is wanted.
    let mut weights = Vec::with_capacity(groups.len());
    for (index, group) in groups.iter().enumerate() {
        let mut touched: Vec<u32> = Vec::new();
        for alternative in &group.alternatives {
            for lexemes in [&alternative.en, &alternative.ar] {
                lexeme_set(store, lexemes, alternative.prefix, |slot, h| {
                    let s = slot as usize;
                    // Strictly, only products every earlier group matched can match.
                    if strict && matched[s] as usize != index {
                        return;
                    }
                    if best[s] == 0.0 {
                        touched.push(slot);
                    }
                    best[s] = best[s].max(h.value * alternative.factor);
                    in_name[s] |= h.name;
                    lead[s] = nearer(lead[s], h.lead);
                });
            }
        }
        if groups.len() == 1 {
            drop_incidental(store, &mut touched, &best);
        }
        let weight = if strict {
            1.0
        } else {
            (1.0 + store.len() as f32 / (1.0 + touched.len() as f32)).ln()
        };
        weights.push(weight);
        for &slot in &touched {
            let s = slot as usize;
            if !strict && matched[s] == 0 {
                candidates.push(slot);
            }
            carried[s] |= best[s] > Weight::D.value() + f32::EPSILON;
            total[s] += best[s] * weight;
            matched[s] += 1;
            name_groups[s] += u8::from(in_name[s]);
            leads[s] = nearer(leads[s], lead[s]);
            best[s] = 0.0;
            in_name[s] = false;
            lead[s] = 0;
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
    let groups_len: f32 = weights.iter().sum::<f32>().max(f32::EPSILON);
    let found: Vec<u32> = candidates
        .into_iter()
        .filter(|slot| needed > 0 && matched[*slot as usize] as usize == needed)
        .collect();
    // Every word only in descriptions, in every product: nothing the shop sells is
    // named so (`french press` when a coffee's description mentions one).
    if !found.iter().any(|s| carried[*s as usize]) {
        return Vec::new();
    }
    found
        .into_iter()
        .filter_map(|slot| {
            let s = slot as usize;
            let doc = store.doc(slot)?;
            let coverage = (f32::from(name_groups[s]) / doc.name_terms.max(1) as f32).min(1.0);
            let score = total[s] / groups_len
                + COVERAGE_WEIGHT * coverage
                + LEAD_WEIGHT * lead_share(leads[s]);
            Some(Match {
                slot,
                score: (score * 1000.0).round() as i32,
            })
        })
        .collect()
}

/// One word's matches, less those found only in a description when that is no evidence:
/// the word names nothing the shop sells, or too many products mention it.
fn drop_incidental(store: &Store, touched: &mut Vec<u32>, best: &[f32]) {
    let description = Weight::D.value() + f32::EPSILON;
    let carried = touched
        .iter()
        .filter(|s| best[**s as usize] > description)
        .count();
    let mentioned = touched.len() - carried;
    if mentioned == 0 {
        return;
    }
    let common = mentioned >= COMMON_MIN && mentioned as f32 > COMMON_SHARE * store.len() as f32;
    if carried == 0 || common {
        touched.retain(|s| best[*s as usize] > description);
    }
}

/// Why one product matched: per group, the alternative that gave its best value, the
/// field it was found in, and whether it heads a name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMatch {
    /// The query word.
    pub word: String,
    /// `None`: the group did not match this product.
    pub via: Option<Via>,
    pub matched: Option<String>,
    pub through: Option<String>,
    /// `name`, `terms` or `description`.
    pub field: Option<&'static str>,
    pub leads: bool,
}

/// How each group matched the product in `slot`.
pub fn explain(store: &Store, groups: &[Group], slot: u32) -> Vec<GroupMatch> {
    groups
        .iter()
        .map(|group| {
            let mut best: Option<(f32, &Alternative, Hit)> = None;
            for alternative in &group.alternatives {
                for lexemes in [&alternative.en, &alternative.ar] {
                    lexeme_set(store, lexemes, alternative.prefix, |s, h| {
                        let value = h.value * alternative.factor;
                        if s == slot && best.as_ref().is_none_or(|(v, _, _)| value > *v) {
                            best = Some((value, alternative, h));
                        }
                    });
                }
            }
            let field = |h: &Hit| match h.value {
                _ if h.name => "name",
                v if v > Weight::D.value() + f32::EPSILON => "terms",
                _ => "description",
            };
            GroupMatch {
                word: group.text.clone(),
                via: best.as_ref().map(|(_, a, _)| a.via),
                matched: best.as_ref().map(|(_, a, _)| a.text.clone()),
                through: best.as_ref().and_then(|(_, a, _)| a.through.clone()),
                field: best.as_ref().map(|(_, _, h)| field(h)),
                leads: best.as_ref().is_some_and(|(_, _, h)| h.lead != 0),
            }
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
            text: lexeme.to_string(),
            alternatives: vec![Alternative::typed(
                lexeme,
                vec![lexeme.to_string()],
                vec![lexeme.to_string()],
                prefix,
            )],
        }
    }

    fn alternative(lexeme: &str, factor: f32, via: Via) -> Alternative {
        Alternative {
            factor,
            via,
            ..Alternative::typed(lexeme, vec![lexeme.to_string()], vec![], false)
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
            text: "70x140".into(),
            alternatives: vec![Alternative::typed(
                "70x140",
                vec!["70".into(), "140".into()],
                vec![],
                false,
            )],
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
            text: "sneeker".into(),
            alternatives: vec![
                alternative("sneaker", 0.7, Via::Correction),
                alternative("speaker", 0.6, Via::Correction),
            ],
        };
        let found = ranked(&s, &[group]);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2]);
    }

    fn led(
        id: i64,
        lexemes: &[(&str, Weight)],
        heads: &[(&str, Lead)],
    ) -> crate::index::store::DocData {
        let mut doc = crate::index::store::test_doc(id, lexemes);
        doc.heads = heads.iter().map(|(l, b)| (l.to_string(), *b)).collect();
        doc
    }

    #[test]
    fn the_product_a_query_names_ranks_above_what_is_for_it() {
        use crate::index::store::lead;
        let (lead_en, lead_ar) = (lead(true, 1), lead(false, 1));
        let mut s = Store::default();
        // "Silicone Case for iPhone 15" / "جراب سيليكون لايفون 15": shorter, so it covers
        // more of its name, but neither name starts with the query.
        s.upsert(led(
            1,
            &[
                ("silicon", Weight::A),
                ("case", Weight::A),
                ("iphon", Weight::A),
                ("15", Weight::A),
            ],
            &[
                ("silicon", lead_en),
                ("case", lead(true, 2)),
                ("جراب", lead_ar),
            ],
        ));
        // "iPhone 15 Pro Max 256GB Titanium" / "ايفون 15 برو ماكس".
        s.upsert(led(
            2,
            &[
                ("iphon", Weight::A),
                ("15", Weight::A),
                ("pro", Weight::A),
                ("max", Weight::A),
                ("256gb", Weight::A),
                ("titanium", Weight::A),
                ("ايفون", Weight::A),
            ],
            &[
                ("iphon", lead_en),
                ("15", lead(true, 2)),
                ("ايفون", lead_ar),
            ],
        ));
        let found = ranked(&s, &[word("iphon", false), word("15", false)]);
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [2, 1]);
        // Asked for the case, the case comes first.
        let found = ranked(&s, &[word("case", false), word("iphon", false)]);
        assert_eq!(found[0].0, 1);
        let why = explain(&s, &[word("iphon", false)], s.slot_of_id(2).unwrap());
        assert!(why[0].leads);
        assert_eq!(why[0].field, Some("name"));
    }

    #[test]
    fn a_description_alone_is_no_evidence_for_a_word_the_shop_does_not_sell() {
        let mut docs: Vec<(i64, Vec<(&str, Weight)>)> = vec![
            (
                1,
                vec![
                    ("coffe", Weight::A),
                    ("kettl", Weight::D),
                    ("brew", Weight::D),
                ],
            ),
            (2, vec![("mug", Weight::A), ("coffe", Weight::D)]),
        ];
        for id in 3..40 {
            docs.push((id, vec![("plate", Weight::A), ("qualiti", Weight::D)]));
        }
        let mut s = Store::default();
        for (id, lexemes) in &docs {
            s.upsert(crate::index::store::test_doc(*id, lexemes));
        }
        // Nothing is a kettle: the coffee that mentions one is not an answer.
        assert!(ranked(&s, &[word("kettl", false)]).is_empty());
        // Coffee is sold: the mug that mentions it comes after the coffee itself.
        let coffee = ranked(&s, &[word("coffe", false)]);
        assert_eq!(coffee.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2]);
        // A word nearly every description has finds nothing by itself.
        assert!(ranked(&s, &[word("qualiti", false)]).is_empty());
        // Nor when every word is only in descriptions.
        assert!(ranked(&s, &[word("kettl", false), word("brew", false)]).is_empty());
        // With a word the shop names, the description counts again.
        let two = ranked(&s, &[word("coffe", false), word("kettl", false)]);
        assert_eq!(two.iter().map(|f| f.0).collect::<Vec<_>>(), [1]);
        let why = explain(&s, &[word("kettl", false)], s.slot_of_id(1).unwrap());
        assert_eq!(why[0].field, Some("description"));
        assert_eq!(why[0].via, Some(Via::Typed));
    }

    #[test]
    fn equivalents_weigh_a_little_less_than_the_word_typed() {
        let s = store(&[(1, &[("كنبه", Weight::A)]), (2, &[("اريكه", Weight::A)])]);
        let group = Group {
            text: "كنبه".into(),
            alternatives: vec![
                alternative("كنبه", 1.0, Via::Typed),
                alternative("اريكه", 0.9, Via::Lexicon),
            ],
        };
        let found = ranked(&s, std::slice::from_ref(&group));
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 2]);
        assert!(found[0].1 > found[1].1);
        let why = explain(&s, &[group], s.slot_of_id(2).unwrap());
        assert_eq!(why[0].via, Some(Via::Lexicon));
        assert_eq!(why[0].matched.as_deref(), Some("اريكه"));
    }
}
