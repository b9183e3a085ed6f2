//! The shop's own search synonyms (staff and admins): the list, adding a rule, removing
//! one. The rules themselves (what a word may be, how equivalents are split) are in
//! `dokkan_catalog::db::synonyms`; each write is audited.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
#[cfg(feature = "ssr")]
use dokkan_audit::Action;
use dokkan_catalog::admin::Synonym;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
const ADD: Action = Action::new("search.synonym.add");
#[cfg(feature = "ssr")]
const REMOVE: Action = Action::new("search.synonym.remove");

/// Every rule, newest first.
#[server(endpoint = "admin/search/synonyms")]
pub async fn admin_synonyms() -> Result<Vec<Synonym>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_catalog::db::synonyms::list(&support::state().pool).await?)
}

/// Adds a rule: shoppers typing `term` also find the `equivalents` (separated by commas,
/// Arabic `،` too); with `two_way` (a checkbox, on when present) each equivalent finds the
/// term as well. A word that already has a rule is a field error, not a second rule.
#[server(endpoint = "admin/search/synonyms/add")]
pub async fn add_synonym(
    #[server(default)] lang: String,
    #[server(default)] term: String,
    #[server(default)] equivalents: String,
    #[server(default)] two_way: Option<String>,
) -> Result<(), AppError> {
    use dokkan_catalog::db::synonyms::{self, SynonymProblem};
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, ADD).await?;
    let two_way = two_way.is_some();
    let mut check = FormCheck::new(locale)
        .keep("term", &term)
        .keep("equivalents", &equivalents)
        .keep("two_way", if two_way { "on" } else { "" });
    let mark = |check: &mut FormCheck, problem: SynonymProblem| match problem {
        SynonymProblem::BadTerm => check.invalid("term", "admin-synonym-bad-term"),
        SynonymProblem::BadEquivalents => {
            check.invalid("equivalents", "admin-synonym-bad-equivalents")
        }
        SynonymProblem::Taken => check.invalid("term", "admin-synonym-taken"),
    };
    // Every field that needs correcting is marked at once, before any transaction.
    for problem in synonyms::problems(&term, &equivalents) {
        mark(&mut check, problem);
    }
    if !check.is_ok() {
        return check.reject();
    }
    let mut tx = admin.begin().await?;
    match synonyms::add(&mut tx, &term, &equivalents, two_way).await? {
        Ok(_) => {
            tx.commit().await?;
            support::redirect(&format!("/{locale}/admin/search/synonyms?added=1"));
            Ok(())
        }
        Err(problem) => {
            mark(&mut check, problem);
            check.reject()
        }
    }
}

/// Removes a rule; 404 when there is none with this id (already removed).
#[server(endpoint = "admin/search/synonyms/remove")]
pub async fn remove_synonym(#[server(default)] lang: String, id: i64) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, REMOVE).await?;
    let mut tx = admin.begin().await?;
    if !dokkan_catalog::db::synonyms::remove(&mut tx, id).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::redirect(&format!("/{locale}/admin/search/synonyms?removed=1"));
    Ok(())
}
