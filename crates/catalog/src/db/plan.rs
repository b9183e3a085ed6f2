//! Turns a shopper's text into the index's query: one group per word (or per phrase the
//! lexicon knows), each with every reading of it worth trying.
//!
//! 1. PostgreSQL lexizes the words with the `english` and `arabic` configurations (a stop
//!    word in either is dropped), together with every equivalent the lexicon has for
//!    them (`كنبة` → `أريكة`; built-in Egyptian words and the shop's synonyms), so one
//!    round trip serves both. A word some product has is used as it is; one that only
//!    starts longer words is a prefix. Equivalents the catalog has are added a little
//!    below the word itself.
//! 2. A Latin word the catalog does not know, or one with digits used as letters, is read
//!    as Arabizi: its cheapest Arabic spellings that a product writes as they are (not
//!    merely a stem they share), and their lexicon equivalents that the catalog has, are
//!    added (a second round trip, only then).
//! 3. Only a word nothing above explains is a misspelling. A word the lexicon knows is
//!    never one: `كاب` is a cap even when the shop sells cups (كوب), and finding nothing
//!    is better than the wrong thing. Corrections are catalog words one edit away (what
//!    a slip of the finger does, and all that short words allow), then, for longer
//!    words, trigram neighbours within a few edits.

use crate::arabizi;
use crate::edits::one_edit;
use crate::index::{Alternative, Group, SearchIndex, Via};
use crate::lexicon::{Equivalent, Lexicon, Source, MAX_PHRASE_WORDS};
use crate::search_text::{normalize, words};
use crate::CatalogError;
use sqlx::{FromRow, PgPool};
use std::collections::HashMap;

/// At most this many query words are used; the rest of a pasted paragraph is ignored.
const MAX_WORDS: usize = 8;
/// Closest catalog words tried for one misspelt word.
const MAX_CORRECTIONS: usize = 3;
/// A last word shorter than this is not completed: two Arabic letters start thousands
/// of words.
const MIN_PREFIX_CHARS: usize = 3;
/// Arabic spellings tried for one Arabizi word, and how many that the catalog has are
/// kept.
const ARABIZI_SPELLINGS: usize = 24;
const ARABIZI_KEPT: usize = 3;
/// An equivalent or an Arabizi reading weighs a little less than the word as typed.
const EQUIVALENT_FACTOR: f32 = 0.9;
/// An equivalent of an Arabizi reading, less again.
const ARABIZI_EQUIVALENT_FACTOR: f32 = 0.85;
/// A correction one edit away.
const ONE_EDIT_FACTOR: f32 = 0.8;
/// Words (and corrections) shorter than this are not corrected: one edit from two
/// letters is any two letters.
const MIN_CORRECTED_CHARS: usize = 3;

/// Words and their lexemes (`english`, `arabic`), read from PostgreSQL, and which of
/// them a product name or term has exactly as written (`search_lexicon`).
#[derive(Default)]
struct Lexemes {
    words: HashMap<String, (Vec<String>, Vec<String>)>,
    written: std::collections::HashSet<String>,
}

#[derive(FromRow)]
struct WordRow {
    word: String,
    en: Vec<String>,
    ar: Vec<String>,
    written: bool,
}

impl Lexemes {
    /// Lexizes every word of `terms` not read yet, in one round trip.
    async fn read(&mut self, pool: &PgPool, terms: Vec<String>) -> Result<(), CatalogError> {
        let mut missing: Vec<String> = Vec::new();
        for term in &terms {
            for word in words(term) {
                if !self.words.contains_key(word) && !missing.iter().any(|m| m == word) {
                    missing.push(word.to_string());
                }
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        let rows: Vec<WordRow> = sqlx::query_as(
            "SELECT t.word,
                    tsvector_to_array(to_tsvector('english', t.word)) AS en,
                    tsvector_to_array(to_tsvector('arabic', t.word)) AS ar,
                    EXISTS (SELECT 1 FROM search_lexicon l WHERE l.term = t.word) AS written
               FROM unnest($1::text[]) AS t(word)",
        )
        .bind(&missing)
        .fetch_all(pool)
        .await?;
        for row in rows {
            if row.written {
                self.written.insert(row.word.clone());
            }
            self.words.insert(row.word, (row.en, row.ar));
        }
        Ok(())
    }

    /// Whether some product's name or terms has this very word, not only its stem.
    fn written(&self, word: &str) -> bool {
        self.written.contains(word)
    }

    /// A term's lexemes: every word's, stop words contributing none. `None` when a word
    /// was not read or the term is all stop words (in either language).
    fn of(&self, term: &str) -> Option<(Vec<String>, Vec<String>)> {
        let (mut en, mut ar) = (Vec::new(), Vec::new());
        for word in words(term) {
            let (e, a) = self.words.get(word)?;
            for l in e {
                if !en.contains(l) {
                    en.push(l.clone());
                }
            }
            for l in a {
                if !ar.contains(l) {
                    ar.push(l.clone());
                }
            }
        }
        (!en.is_empty() && !ar.is_empty()).then_some((en, ar))
    }
}

/// Query words, merged into the phrases the lexicon knows (`شنطه ضهر`, `موقد غاز`).
fn spans(tokens: &[String], lexicon: &Lexicon) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    'words: while i < tokens.len() {
        for len in (2..=MAX_PHRASE_WORDS).rev() {
            if i + len <= tokens.len() {
                let phrase = tokens[i..i + len].join(" ");
                if lexicon.knows(&phrase) {
                    out.push(phrase);
                    i += len;
                    continue 'words;
                }
            }
        }
        out.push(tokens[i].clone());
        i += 1;
    }
    out
}

/// Which Latin words are worth reading as Arabizi: every one with digits used as
/// letters (`7ezam`), and a plain one only when the catalog does not have it (`kanaba`;
/// never `samsung` or `jeans` in a shop that sells them).
pub fn reads_as_arabizi(word: &str, catalog_has_it: bool) -> bool {
    arabizi::is_latin(word) && (arabizi::has_digit_letters(word) || !catalog_has_it)
}

fn via(source: Source) -> Via {
    match source {
        Source::Lexicon => Via::Lexicon,
        Source::Shop => Via::ShopSynonym,
    }
}

/// Equivalents the catalog has, as alternatives.
fn equivalents(
    index: &SearchIndex,
    lexemes: &Lexemes,
    found: &[Equivalent],
    factor: f32,
    through: Option<&str>,
) -> Vec<Alternative> {
    found
        .iter()
        .filter_map(|e| {
            let (en, ar) = lexemes.of(&e.term)?;
            index.recognizes(&en, &ar).0.then(|| Alternative {
                en,
                ar,
                prefix: false,
                factor,
                via: via(e.source),
                text: e.term.clone(),
                through: through.map(str::to_string),
            })
        })
        .collect()
}

/// A term the lexicon has (in the form found) and its equivalents.
type Found<'a> = (String, &'a [Equivalent]);

/// One query word or phrase while its group is being built.
struct Pending {
    group: Group,
    /// Something in the catalog answers it (the word, a prefix, an equivalent).
    answered: bool,
    /// The lexicon knows it: never corrected.
    dialect: bool,
    /// The catalog has the word exactly.
    known: bool,
}

/// The index's query for a shopper's text. `None` when the text has no words at all; an
/// empty list when every word was a stop word (nothing can match).
pub async fn prepare_text(
    pool: &PgPool,
    index: &SearchIndex,
    text: &str,
) -> Result<Option<Vec<Group>>, CatalogError> {
    let normalized = normalize(text);
    let tokens: Vec<String> = words(&normalized)
        .take(MAX_WORDS)
        .map(str::to_string)
        .collect();
    if tokens.is_empty() {
        return Ok(None);
    }
    let lexicon = index.lexicon();
    let spans = spans(&tokens, &lexicon);
    let mut lexemes = Lexemes::default();
    let found: Vec<Option<Found>> = spans.iter().map(|s| lexicon.lookup(s)).collect();
    let terms: Vec<String> = spans
        .iter()
        .cloned()
        .chain(
            found
                .iter()
                .flatten()
                .flat_map(|(_, e)| e.iter().map(|e| e.term.clone())),
        )
        .collect();
    lexemes.read(pool, terms).await?;

    let last = spans.len() - 1;
    let mut pending: Vec<Pending> = Vec::new();
    for (position, span) in spans.iter().enumerate() {
        let single = !span.contains(' ');
        // A stop word in either language says nothing about what is wanted.
        let Some((en, ar)) = lexemes.of(span) else {
            continue;
        };
        let (known, starts_known) = index.recognizes(&en, &ar);
        let long_enough = single && span.chars().count() >= MIN_PREFIX_CHARS;
        let prefix = long_enough && (position == last || starts_known && !known);
        let mut alternatives = vec![Alternative::typed(span, en, ar, prefix)];
        let dialect = found[position].is_some();
        if let Some((_, eq)) = &found[position] {
            alternatives.extend(equivalents(index, &lexemes, eq, EQUIVALENT_FACTOR, None));
        }
        pending.push(Pending {
            answered: known || long_enough && starts_known || alternatives.len() > 1,
            group: Group {
                text: span.clone(),
                alternatives,
            },
            dialect,
            known,
        });
    }

    // Arabizi: only words nothing answered yet, or that are plainly Arabizi.
    let arabizi: Vec<(usize, Vec<String>)> = pending
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.answered || arabizi::has_digit_letters(&p.group.text))
        .filter(|(_, p)| reads_as_arabizi(&p.group.text, p.known))
        .map(|(i, p)| (i, arabizi::transliterate(&p.group.text, ARABIZI_SPELLINGS)))
        .filter(|(_, spellings)| !spellings.is_empty())
        .collect();
    if !arabizi.is_empty() {
        let spelled: Vec<(String, Option<Found>)> = arabizi
            .iter()
            .flat_map(|(_, s)| s.iter())
            .map(|s| (s.clone(), lexicon.lookup(s)))
            .collect();
        let terms: Vec<String> = spelled
            .iter()
            .flat_map(|(s, eq)| {
                std::iter::once(s.clone()).chain(
                    eq.iter()
                        .flat_map(|(_, e)| e.iter().map(|e| e.term.clone())),
                )
            })
            .collect();
        lexemes.read(pool, terms).await?;
        for (at, spellings) in &arabizi {
            let mut kept = 0;
            let mut added = Vec::new();
            for spelling in spellings {
                if kept == ARABIZI_KEPT {
                    break;
                }
                let mut readings = Vec::new();
                // The spelling itself must be a word the catalog writes: its stem alone
                // is too loose a meeting (`sofaa` → صوفا, whose stem صوف is wool).
                if let Some((en, ar)) = lexemes.of(spelling).filter(|_| lexemes.written(spelling)) {
                    if index.recognizes(&en, &ar).0 {
                        readings.push(Alternative {
                            en,
                            ar,
                            prefix: false,
                            factor: EQUIVALENT_FACTOR,
                            via: Via::Arabizi,
                            text: spelling.clone(),
                            through: None,
                        });
                    }
                }
                let eq = spelled
                    .iter()
                    .find(|(s, _)| s == spelling)
                    .and_then(|(_, eq)| eq.as_ref());
                if let Some((_, eq)) = eq {
                    readings.extend(equivalents(
                        index,
                        &lexemes,
                        eq,
                        ARABIZI_EQUIVALENT_FACTOR,
                        Some(spelling),
                    ));
                }
                if !readings.is_empty() || eq.is_some() {
                    kept += 1;
                }
                added.extend(readings);
            }
            let p = &mut pending[*at];
            p.answered |= !added.is_empty();
            // An Arabizi word the lexicon knows is a dialect word too.
            p.dialect |= kept > 0;
            p.group.alternatives.extend(added);
        }
    }

    let misspelt: Vec<usize> = pending
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.answered && !p.dialect && !p.group.text.contains(' '))
        .filter(|(_, p)| !arabizi::has_digit_letters(&p.group.text))
        .map(|(i, _)| i)
        .collect();
    if !misspelt.is_empty() {
        correct(pool, index, &mut pending, &misspelt).await?;
    }
    Ok(Some(pending.into_iter().map(|p| p.group).collect()))
}

/// A catalog word close to a misspelt one: (word, similarity, english lexemes, arabic
/// lexemes).
type Neighbour = (String, f32, Vec<String>, Vec<String>);

#[derive(FromRow)]
struct NeighbourRow {
    word: String,
    similar: sqlx::types::Json<Vec<Neighbour>>,
}

/// How many edits a correction of a word this long may make.
pub fn edits_allowed(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 1,
        5..=8 => 2,
        _ => 3,
    }
}

#[derive(FromRow)]
struct WrittenRow {
    term: String,
    en: Vec<String>,
    ar: Vec<String>,
}

/// Adds corrections to the misspelt groups: catalog words one edit from the word as
/// typed (never from its stem: the Arabic stemmer leaves three letters of many words,
/// and one edit from three letters is anything), then, for longer words, trigram
/// neighbours within the edits their length allows.
async fn correct(
    pool: &PgPool,
    index: &SearchIndex,
    pending: &mut [Pending],
    misspelt: &[usize],
) -> Result<(), CatalogError> {
    let mut near: HashMap<String, Vec<usize>> = HashMap::new();
    for &at in misspelt {
        let word = &pending[at].group.text;
        if word.chars().count() >= MIN_CORRECTED_CHARS {
            for edit in one_edit(word) {
                if edit.chars().count() >= MIN_CORRECTED_CHARS {
                    near.entry(edit).or_default().push(at);
                }
            }
        }
    }
    let edits: Vec<&str> = near.keys().map(String::as_str).collect();
    let long: Vec<&str> = misspelt
        .iter()
        .map(|i| pending[*i].group.text.as_str())
        .filter(|w| w.chars().count() > 4)
        .collect();
    let (written, neighbours) = tokio::try_join!(
        async {
            if edits.is_empty() {
                return Ok(Vec::new());
            }
            sqlx::query_as::<_, WrittenRow>(
                "SELECT l.term,
                        tsvector_to_array(to_tsvector('english', l.term)) AS en,
                        tsvector_to_array(to_tsvector('arabic', l.term)) AS ar
                   FROM search_lexicon l WHERE l.term = ANY($1)",
            )
            .bind(&edits)
            .fetch_all(pool)
            .await
        },
        async {
            if long.is_empty() {
                return Ok(Vec::new());
            }
            sqlx::query_as::<_, NeighbourRow>(
                "SELECT t.word,
                        COALESCE((SELECT json_agg(json_build_array(s.term, s.sim,
                                             tsvector_to_array(to_tsvector('english', s.term)),
                                             tsvector_to_array(to_tsvector('arabic', s.term)))
                                             ORDER BY s.sim DESC, s.term)
                                    FROM (SELECT l.term, similarity(l.term, t.word) AS sim
                                            FROM search_lexicon l
                                           WHERE l.term % t.word AND l.term <> t.word
                                           ORDER BY 2 DESC, l.term
                                           LIMIT $2) s), '[]') AS similar
                   FROM unnest($1::text[]) AS t(word)",
            )
            .bind(&long)
            .bind((MAX_CORRECTIONS * 2) as i64)
            .fetch_all(pool)
            .await
        }
    )?;
    let correction = |term: &str, en: &[String], ar: &[String], factor: f32| Alternative {
        en: en.to_vec(),
        ar: ar.to_vec(),
        prefix: false,
        factor,
        via: Via::Correction,
        text: term.to_string(),
        through: None,
    };
    for &at in misspelt {
        let word = pending[at].group.text.clone();
        let mut corrections: Vec<Alternative> = Vec::new();
        let mut push = |c: Alternative| {
            if corrections.len() < MAX_CORRECTIONS
                && !corrections.iter().any(|o| o.en == c.en && o.ar == c.ar)
                && index.recognizes(&c.en, &c.ar).0
            {
                corrections.push(c);
            }
        };
        // One edit away, the commonest first: what the shopper most likely meant.
        let mut one: Vec<(usize, &WrittenRow)> = written
            .iter()
            .filter(|w| near.get(&w.term).is_some_and(|from| from.contains(&at)))
            .map(|w| {
                let common = w.en.iter().chain(&w.ar).map(|l| index.frequency(l)).max();
                (common.unwrap_or(0), w)
            })
            .collect();
        one.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.term.cmp(&b.1.term)));
        for (_, w) in one {
            push(correction(&w.term, &w.en, &w.ar, ONE_EDIT_FACTOR));
        }
        if let Some(row) = neighbours.iter().find(|r| r.word == word) {
            let allowed = edits_allowed(&word);
            let mut close: Vec<(usize, &Neighbour)> = row
                .similar
                .0
                .iter()
                .map(|n| (strsim::damerau_levenshtein(&word, &n.0), n))
                .filter(|(edits, _)| *edits <= allowed)
                .collect();
            close.sort_by(|a, b| a.0.cmp(&b.0).then(b.1 .1.total_cmp(&a.1 .1)));
            for (edits, (term, similarity, en, ar)) in close {
                let factor = (0.5 + 0.5 * similarity.clamp(0.0, 1.0)) * (1.0 - 0.1 * edits as f32);
                push(correction(term, en, ar, factor));
            }
        }
        pending[at].group.alternatives.extend(corrections);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_english_words_and_brands_stay_english() {
        // In a shop that sells jeans and Samsung phones these are never read as Arabic.
        for word in ["jeans", "samsung", "iphone", "case"] {
            assert!(!reads_as_arabizi(word, true), "{word}");
        }
        // Unknown to the catalog: worth trying as Arabizi.
        assert!(reads_as_arabizi("kanaba", false));
        // Digits used as letters: always.
        assert!(reads_as_arabizi("7ezam", true));
        // Arabic, numbers and model numbers are not Arabizi.
        assert!(!reads_as_arabizi("كنبه", false));
        assert!(!reads_as_arabizi("256", false));
        assert!(reads_as_arabizi("s24", false));
        assert!(!reads_as_arabizi("s24", true));
    }

    #[test]
    fn short_words_allow_one_edit() {
        assert_eq!(edits_allowed("كاب"), 1);
        assert_eq!(edits_allowed("mugs"), 1);
        assert_eq!(edits_allowed("sneekers"), 2);
        assert_eq!(edits_allowed("headphoness"), 3);
    }

    #[test]
    fn phrases_the_lexicon_knows_are_one_group() {
        let lexicon = Lexicon::parse("موقد غاز = بوتاجاز\nحقيبة ظهر = شنطة ضهر").unwrap();
        let tokens = |t: &str| words(&normalize(t)).map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            spans(&tokens("شنطة ضهر جلد"), &lexicon),
            ["شنطه ضهر", "جلد"]
        );
        assert_eq!(
            spans(&tokens("موقد غاز 5 شعلة"), &lexicon),
            ["موقد غاز", "5", "شعله"]
        );
        assert_eq!(spans(&tokens("ضهر شنطة"), &lexicon), ["ضهر", "شنطه"]);
    }
}
