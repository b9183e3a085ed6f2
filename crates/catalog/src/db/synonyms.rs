//! A shop's own search synonyms (`search_synonyms`): listed, added and removed by admins
//! inside their audited transaction; read by the search index when their version moves.

use crate::lexicon::{term_key, ShopRule, MAX_PHRASE_WORDS};
use crate::search_text::words;
use crate::CatalogError;
use sqlx::{PgConnection, PgPool};

/// A stored rule, as the admin screen lists it (pure data, so the page's types reach it).
pub use crate::admin::Synonym;

/// At most this many equivalents in one rule.
pub const MAX_EQUIVALENTS: usize = 10;
/// At most this many characters in one term.
pub const MAX_TERM_CHARS: usize = 60;

/// Why a rule cannot be stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SynonymProblem {
    /// The word is empty, too long, or more than a short phrase.
    BadTerm,
    /// No equivalent, too many, or one that is empty, too long or the word itself.
    BadEquivalents,
    /// The shop already has a rule for this word.
    Taken,
}

/// Checks and normalizes what an admin typed: the term, and the equivalents separated by
/// commas (Arabic `،` too).
pub fn check_rule(term: &str, equivalents: &str) -> Result<(String, Vec<String>), SynonymProblem> {
    let (term, key) = check_term(term)?;
    Ok((term, check_equivalents(equivalents, &key)?))
}

/// Every problem with what an admin typed, the term's first, each at most once: a form
/// marks every field that needs correcting, not only the first.
pub fn problems(term: &str, equivalents: &str) -> Vec<SynonymProblem> {
    let term = check_term(term);
    let key = term.as_ref().map(|(_, key)| key.as_str()).unwrap_or("");
    [
        term.as_ref().err().copied(),
        check_equivalents(equivalents, key).err(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn fits(text: &str, key: &str) -> bool {
    !key.is_empty()
        && text.chars().count() <= MAX_TERM_CHARS
        && words(key).count() <= MAX_PHRASE_WORDS
}

/// The term with its spaces tidied, and its key.
fn check_term(term: &str) -> Result<(String, String), SynonymProblem> {
    let term = term.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = term_key(&term);
    if fits(&term, &key) {
        Ok((term, key))
    } else {
        Err(SynonymProblem::BadTerm)
    }
}

/// The equivalents, once each; `key` is the term's (none may be the term itself).
fn check_equivalents(equivalents: &str, key: &str) -> Result<Vec<String>, SynonymProblem> {
    let mut out: Vec<String> = Vec::new();
    for piece in equivalents.split([',', '،', '\n']) {
        let piece = piece.split_whitespace().collect::<Vec<_>>().join(" ");
        if piece.is_empty() {
            continue;
        }
        let piece_key = term_key(&piece);
        if !fits(&piece, &piece_key) || piece_key == key {
            return Err(SynonymProblem::BadEquivalents);
        }
        if !out.iter().any(|o| term_key(o) == piece_key) {
            out.push(piece);
        }
    }
    if out.is_empty() || out.len() > MAX_EQUIVALENTS {
        return Err(SynonymProblem::BadEquivalents);
    }
    Ok(out)
}

/// Every rule, newest first.
pub async fn list(pool: &PgPool) -> Result<Vec<Synonym>, CatalogError> {
    Ok(sqlx::query_as(
        "SELECT id, term, equivalents, two_way FROM search_synonyms ORDER BY id DESC",
    )
    .fetch_all(pool)
    .await?)
}

/// The rules as the search lexicon takes them.
pub async fn rules(pool: &PgPool) -> Result<Vec<ShopRule>, CatalogError> {
    Ok(list(pool)
        .await?
        .into_iter()
        .map(|s| ShopRule {
            term: s.term,
            equivalents: s.equivalents,
            two_way: s.two_way,
        })
        .collect())
}

/// Adds a rule (checked with [`check_rule`] first); `Taken` when the word has one.
pub async fn add(
    conn: &mut PgConnection,
    term: &str,
    equivalents: &str,
    two_way: bool,
) -> Result<Result<i64, SynonymProblem>, CatalogError> {
    let (term, equivalents) = match check_rule(term, equivalents) {
        Ok(rule) => rule,
        Err(problem) => return Ok(Err(problem)),
    };
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO search_synonyms (term, term_key, equivalents, two_way)
         VALUES ($1, $2, $3, $4) ON CONFLICT (term_key) DO NOTHING RETURNING id",
    )
    .bind(&term)
    .bind(term_key(&term))
    .bind(&equivalents)
    .bind(two_way)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.ok_or(SynonymProblem::Taken))
}

/// Removes a rule; whether there was one.
pub async fn remove(conn: &mut PgConnection, id: i64) -> Result<bool, CatalogError> {
    let done = sqlx::query("DELETE FROM search_synonyms WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_trimmed_split_and_checked() {
        assert_eq!(
            check_rule("  انتريه ", "أريكة، كنبة ,  طقم   جلوس,"),
            Ok((
                "انتريه".to_string(),
                vec!["أريكة".into(), "كنبة".into(), "طقم جلوس".into()]
            ))
        );
        // The same word twice (after normalization) is kept once.
        assert_eq!(check_rule("sofa", "كنبة, كنبه").unwrap().1, ["كنبة"]);
        assert_eq!(check_rule("", "x"), Err(SynonymProblem::BadTerm));
        assert_eq!(check_rule("!!", "x"), Err(SynonymProblem::BadTerm));
        assert_eq!(check_rule("a b c d", "x"), Err(SynonymProblem::BadTerm));
        assert_eq!(
            check_rule(&"a".repeat(61), "x"),
            Err(SynonymProblem::BadTerm)
        );
        assert_eq!(
            check_rule("sofa", " , "),
            Err(SynonymProblem::BadEquivalents)
        );
        assert_eq!(
            check_rule("sofa", "SOFA"),
            Err(SynonymProblem::BadEquivalents)
        );
        let eleven = (0..11)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            check_rule("sofa", &eleven),
            Err(SynonymProblem::BadEquivalents)
        );
    }

    #[test]
    fn every_field_with_a_problem_is_named() {
        use SynonymProblem::*;
        assert_eq!(problems("", ""), [BadTerm, BadEquivalents]);
        assert_eq!(problems("", "sofa"), [BadTerm]);
        assert_eq!(problems("sofa", ","), [BadEquivalents]);
        assert!(problems("sofa", "كنبة").is_empty());
    }
}
