//! Taste quizzes for shoppers: the quiz, finishing it (the answers kept on the account,
//! the consenting visitor, or this visit's cookie), the result's picks, the account's
//! list and forgetting; and the stated interest that feeds "for you". The rules live in
//! `dokkan_quiz`.

use crate::error::AppError;
use dokkan_catalog::{Localized, ProductCard};
use dokkan_quiz::Quiz;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many picks the result shows.
pub const PICKS: usize = 8;

/// One way to add a pick to the cart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PickVariant {
    pub sku: String,
    /// The option values (`M / Black`); empty for a product without options.
    pub label: Localized,
    pub in_stock: bool,
}

/// A product picked for the shopper: its card, the answers that brought it in, and its
/// variants for the add-to-cart form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizPick {
    pub card: ProductCard,
    pub reasons: Vec<Localized>,
    pub variants: Vec<PickVariant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizOutcome {
    pub quiz: Quiz,
    /// The answers, as their texts, in the quiz's order.
    pub chosen: Vec<Localized>,
    /// The path (`12.34.56`), for links back.
    pub path: String,
    pub picks: Vec<QuizPick>,
    /// Where the answers are kept, for the page to say.
    pub kept: Kept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kept {
    Account,
    /// On the consenting visitor's id (this browser) until they sign in.
    Browser,
    /// For this visit only.
    Visit,
}

/// A quiz the shopper finished, as the account page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyQuiz {
    pub quiz_id: i64,
    pub slug: String,
    pub title: Localized,
    /// Question and answer texts.
    pub answers: Vec<(Localized, Localized)>,
    pub path: String,
    /// RFC 3339.
    pub completed_at: String,
    /// The quiz was edited since: the answers no longer walk it.
    pub outdated: bool,
}

#[cfg(feature = "ssr")]
async fn load(slug: &str) -> Result<Quiz, AppError> {
    let state = crate::server::support::state();
    let mut conn = state.pool.acquire().await?;
    let quiz = dokkan_quiz::db::by_slug(&mut conn, slug).await?;
    // Staff may try an unpublished quiz before shoppers see it.
    let staff = crate::auth::current_user()
        .is_some_and(|u| u.role.allows(dokkan_accounts::Permission::BackOffice));
    match quiz {
        Some(quiz) if quiz.published || staff => Ok(quiz),
        _ => Err(AppError::not_found()),
    }
}

/// A quiz shoppers can take (404 when unpublished, except for staff).
#[server(endpoint = "quiz/get")]
pub async fn take_quiz(slug: String) -> Result<Quiz, AppError> {
    load(&slug).await
}

/// Whose answers these are: the account, else the consenting visitor, else nobody (the
/// visit's cookie holds them).
#[cfg(feature = "ssr")]
fn owner_ids() -> (Option<i64>, Option<String>) {
    let user = crate::auth::current_user().map(|u| u.user_id);
    let visitor = crate::shopper::current()
        .visitor
        .map(|v| v.as_str().to_string());
    (user, visitor)
}

#[cfg(feature = "ssr")]
fn taste_cookie(value: &str, max_age: i64) -> String {
    let secure = if crate::server::support::state().auth.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let age = if max_age >= 0 {
        format!("; Max-Age={max_age}")
    } else {
        String::new()
    };
    format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax{age}{secure}",
        crate::shopper::TASTE_COOKIE
    )
}

/// The last step: `a` holds the answers so far, `pick` the last one. Keeps the answers
/// and shows the picks. An answer missing or not the question's sends the shopper back
/// to that step with the reason.
#[server(endpoint = "quiz/finish")]
pub async fn finish_quiz(
    #[server(default)] lang: String,
    #[server(default)] slug: String,
    #[server(default)] a: String,
    #[server(default)] pick: String,
) -> Result<(), AppError> {
    use dokkan_quiz::db::{self, Owner};
    let locale = crate::server::support::locale(&lang);
    let state = crate::server::support::state();
    let quiz = load(&slug).await?;
    let mut ids = dokkan_quiz::path::parse(&a);
    ids.extend(pick.trim().parse::<i64>().ok());
    let walk = quiz.walk(&ids);
    if !walk.complete || walk.cut {
        return crate::server::support::FormCheck::new(locale)
            .keep("a", &a)
            .message("quiz-choose-answer")
            .reject();
    }
    let answers = walk.ids();
    let (user, visitor) = owner_ids();
    let owner = match (user, visitor.as_deref()) {
        (Some(user), _) => Some(Owner::User(user)),
        (None, Some(visitor)) => Some(Owner::Visitor(visitor)),
        (None, None) => None,
    };
    match owner {
        Some(owner) => db::save_response(&state.pool, quiz.id, owner, &answers).await?,
        None => crate::server::support::set_cookie(&taste_cookie(
            &dokkan_quiz::path::text(&answers),
            -1,
        )),
    }
    crate::shopper::record(dokkan_events::Kind::QuizCompleted, |e| {
        e.detail(serde_json::json!({ "quiz_id": quiz.id, "answers": answers }))
    });
    let path = dokkan_quiz::path::text(&answers);
    crate::server::support::redirect(&format!("/{locale}/quiz/{}/result?a={path}", quiz.slug));
    Ok(())
}

/// The picks for a finished path (`a`); 404 for a quiz shoppers cannot take, 400 for a
/// path that does not finish it.
#[server(endpoint = "quiz/result")]
pub async fn quiz_result(slug: String, a: String) -> Result<QuizOutcome, AppError> {
    let state = crate::server::support::state();
    let quiz = load(&slug).await?;
    let ids = dokkan_quiz::path::parse(&a);
    let walk = quiz.walk(&ids);
    if !walk.complete {
        return Err(AppError::bad_request());
    }
    let answer_ids = walk.ids();
    let hits = dokkan_quiz::db::hits(&state.pool, &answer_ids).await?;
    let ranked = dokkan_quiz::rank(&hits, &walk.chosen, PICKS);
    let text_of = |id: i64| {
        walk.chosen
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.text.clone())
    };
    let mut picks = Vec::with_capacity(ranked.len());
    for pick in &ranked {
        // One by one: a product unpublished meanwhile drops out without shifting the
        // reasons of the others.
        let Some(card) = dokkan_catalog::db::cards_by_ids(&state.pool, &[pick.product_id])
            .await?
            .pop()
        else {
            continue;
        };
        let variants =
            match dokkan_catalog::db::product_by_handle(&state.pool, &card.handle).await? {
                Some(product) => product
                    .variants
                    .iter()
                    .map(|v| PickVariant {
                        sku: v.sku.as_str().to_string(),
                        label: Localized::new(
                            v.options
                                .iter()
                                .map(|o| o.en.as_str())
                                .collect::<Vec<_>>()
                                .join(" / "),
                            v.options
                                .iter()
                                .map(|o| o.ar.as_str())
                                .collect::<Vec<_>>()
                                .join(" / "),
                        ),
                        in_stock: v.in_stock(),
                    })
                    .collect(),
                None => continue,
            };
        picks.push(QuizPick {
            card,
            reasons: pick.reasons.iter().filter_map(|&id| text_of(id)).collect(),
            variants,
        });
    }
    let kept = match owner_ids() {
        (Some(_), _) => Kept::Account,
        (None, Some(_)) => Kept::Browser,
        (None, None) => Kept::Visit,
    };
    Ok(QuizOutcome {
        kept,
        chosen: walk.chosen.iter().map(|a| a.text.clone()).collect(),
        path: dokkan_quiz::path::text(&answer_ids),
        quiz,
        picks,
    })
}

/// The signed-in shopper's finished quizzes, newest first.
#[server(endpoint = "quiz/mine")]
pub async fn my_quizzes() -> Result<Vec<MyQuiz>, AppError> {
    let user = crate::server::support::signed_in()?;
    let state = crate::server::support::state();
    let stored = dokkan_quiz::db::responses(&state.pool, Some(user.user_id), None).await?;
    let ids: Vec<i64> = stored.iter().map(|s| s.quiz_id).collect();
    let quizzes = dokkan_quiz::db::quizzes_by_ids(&state.pool, &ids).await?;
    Ok(stored
        .into_iter()
        .filter_map(|s| {
            let quiz = quizzes.iter().find(|q| q.id == s.quiz_id)?;
            let answers = s
                .answer_ids
                .iter()
                .filter_map(|&id| quiz.answer(id))
                .map(|(q, a)| (q.text.clone(), a.text.clone()))
                .collect();
            Some(MyQuiz {
                quiz_id: quiz.id,
                slug: quiz.slug.clone(),
                title: quiz.title.clone(),
                answers,
                path: dokkan_quiz::path::text(&s.answer_ids),
                completed_at: s.completed_at,
                outdated: !quiz.fits(&s.answer_ids),
            })
        })
        .collect())
}

/// Forgets the shopper's answers to a quiz (account, visitor, and this visit's cookie),
/// then goes back to where they asked: the account page, or the quiz.
#[server(endpoint = "quiz/clear")]
pub async fn clear_quiz(
    #[server(default)] lang: String,
    quiz_id: i64,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    use dokkan_quiz::db::{self, Owner};
    let locale = crate::server::support::locale(&lang);
    let state = crate::server::support::state();
    let (user, visitor) = owner_ids();
    if let Some(user) = user {
        db::clear(&state.pool, quiz_id, Owner::User(user)).await?;
    }
    if let Some(visitor) = visitor.as_deref() {
        db::clear(&state.pool, quiz_id, Owner::Visitor(visitor)).await?;
    }
    if !crate::shopper::current().taste.is_empty() {
        crate::server::support::set_cookie(&taste_cookie("", 0));
    }
    let back = crate::server::support::safe_next(&back, locale);
    let separator = if back.contains('?') { '&' } else { '?' };
    crate::server::support::redirect(&format!("{back}{separator}cleared=1"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use std::collections::HashMap;

    use crate::state::AppState;

    /// What the shopper told a quiz, per product (0–1]: the account's answers, else the
    /// visitor's, plus this visit's cookie. Nothing stored → no query.
    pub async fn stated(
        state: &AppState,
        user: Option<i64>,
        visitor: Option<&str>,
        visit: &[i64],
    ) -> HashMap<i64, f32> {
        let mut answers: Vec<i64> = visit.to_vec();
        if user.is_some() || visitor.is_some() {
            match dokkan_quiz::db::responses(&state.pool, user, visitor).await {
                Ok(stored) => answers.extend(stored.into_iter().flat_map(|s| s.answer_ids)),
                Err(error) => tracing::warn!(?error, "reading the shopper's quiz answers failed"),
            }
        }
        if answers.is_empty() {
            return HashMap::new();
        }
        match state.quiz_interest.get(&state.pool, &answers).await {
            Ok(interest) => interest.iter().copied().collect(),
            Err(error) => {
                tracing::warn!(?error, "the quiz answers' interest failed");
                HashMap::new()
            }
        }
    }
}
