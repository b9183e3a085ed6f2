//! Taste quizzes in the admin (staff and admins): the list, a quiz whole, and the writes —
//! the quiz's texts, publishing, questions and answers with their weights. Each write is
//! audited; a published quiz must stay one shoppers can take. The rules are in
//! `dokkan_quiz`.

// A form's server function takes one argument per field (an answer has nine).
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
#[cfg(feature = "ssr")]
use dokkan_audit::Action;
use dokkan_catalog::Localized;
#[cfg(feature = "ssr")]
use dokkan_core::Locale;
use dokkan_quiz::{Quiz, Summary};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const CREATE: Action = Action::new("quiz.create");
#[cfg(feature = "ssr")]
const UPDATE: Action = Action::new("quiz.update");
#[cfg(feature = "ssr")]
const PUBLISH: Action = Action::new("quiz.publish");
#[cfg(feature = "ssr")]
const DELETE: Action = Action::new("quiz.delete");
#[cfg(feature = "ssr")]
const QUESTION: Action = Action::new("quiz.question");
#[cfg(feature = "ssr")]
const ANSWER: Action = Action::new("quiz.answer");

/// Every quiz, newest first.
#[server(endpoint = "admin/quizzes")]
pub async fn admin_quizzes() -> Result<Vec<Summary>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_quiz::db::list(&support::state().pool).await?)
}

/// The editor's data: the quiz and every category's slug (what answers may weight).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizEditor {
    pub quiz: Quiz,
    pub categories: Vec<(String, Localized)>,
}

#[server(endpoint = "admin/quizzes/get")]
pub async fn admin_quiz(slug: String) -> Result<QuizEditor, AppError> {
    support::with_role(Permission::BackOffice).await?;
    let state = support::state();
    let mut conn = state.pool.acquire().await?;
    let quiz = dokkan_quiz::db::by_slug(&mut conn, &slug)
        .await?
        .ok_or_else(AppError::not_found)?;
    let categories = dokkan_quiz::db::category_slugs(&state.pool).await?;
    Ok(QuizEditor { quiz, categories })
}

#[cfg(feature = "ssr")]
fn text_field(
    check: &mut FormCheck,
    field: &str,
    value: &str,
    max: usize,
    required: bool,
) -> String {
    let value = value.trim();
    if required && value.is_empty() {
        check.invalid(field, "admin-required");
    } else if value.chars().count() > max {
        check.invalid(field, "admin-quiz-too-long");
    }
    value.to_string()
}

#[cfg(feature = "ssr")]
fn quiz_texts(
    check: &mut FormCheck,
    slug: &str,
    title_en: &str,
    title_ar: &str,
    intro_en: &str,
    intro_ar: &str,
) -> dokkan_quiz::db::QuizTexts {
    let slug = slug.trim().to_lowercase();
    if dokkan_core::Slug::parse(&slug).is_err() {
        check.invalid("slug", "admin-quiz-bad-slug");
    }
    dokkan_quiz::db::QuizTexts {
        slug,
        title: Localized::new(
            text_field(check, "title_en", title_en, 200, true),
            text_field(check, "title_ar", title_ar, 200, true),
        ),
        intro: Localized::new(
            text_field(check, "intro_en", intro_en, 1000, false),
            text_field(check, "intro_ar", intro_ar, 1000, false),
        ),
    }
}

#[cfg(feature = "ssr")]
fn editor(locale: Locale, slug: &str, notice: &str, anchor: Option<String>) -> String {
    let anchor = anchor.map(|a| format!("#{a}")).unwrap_or_default();
    format!("/{locale}/admin/quizzes/{slug}?{notice}=1{anchor}")
}

#[cfg(feature = "ssr")]
async fn slug_of(conn: &mut sqlx::PgConnection, quiz_id: i64) -> Result<String, AppError> {
    sqlx::query_scalar::<_, String>("SELECT slug FROM quizzes WHERE id = $1")
        .bind(quiz_id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Commits an edit of a quiz's questions or answers unless it leaves a published quiz
/// one shoppers cannot take; then the shoppers of this instance see it at once.
#[cfg(feature = "ssr")]
async fn commit_edit(
    mut tx: sqlx::Transaction<'static, sqlx::Postgres>,
    quiz_id: i64,
    check: FormCheck,
) -> Result<(), AppError> {
    if let Err(why) = dokkan_quiz::db::still_publishable(&mut tx, quiz_id).await? {
        return check.message(why.fluent_key()).reject();
    }
    tx.commit().await?;
    support::state().quiz_interest.clear();
    Ok(())
}

#[server(endpoint = "admin/quizzes/create")]
pub async fn create_quiz(
    #[server(default)] lang: String,
    #[server(default)] slug: String,
    #[server(default)] title_en: String,
    #[server(default)] title_ar: String,
    #[server(default)] intro_en: String,
    #[server(default)] intro_ar: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, CREATE).await?;
    let mut check = FormCheck::new(locale)
        .keep("slug", &slug)
        .keep("title_en", &title_en)
        .keep("title_ar", &title_ar)
        .keep("intro_en", &intro_en)
        .keep("intro_ar", &intro_ar);
    let texts = quiz_texts(
        &mut check, &slug, &title_en, &title_ar, &intro_en, &intro_ar,
    );
    if !check.is_ok() {
        return check.reject();
    }
    let mut tx = admin.begin().await?;
    if dokkan_quiz::db::create(&mut tx, &texts).await?.is_err() {
        check.invalid("slug", "admin-quiz-slug-taken");
        return check.reject();
    }
    tx.commit().await?;
    support::redirect(&editor(locale, &texts.slug, "created", None));
    Ok(())
}

#[server(endpoint = "admin/quizzes/update")]
pub async fn update_quiz(
    #[server(default)] lang: String,
    quiz_id: i64,
    #[server(default)] slug: String,
    #[server(default)] title_en: String,
    #[server(default)] title_ar: String,
    #[server(default)] intro_en: String,
    #[server(default)] intro_ar: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, UPDATE).await?;
    let mut check = FormCheck::new(locale)
        .keep("form", "details")
        .keep("slug", &slug)
        .keep("title_en", &title_en)
        .keep("title_ar", &title_ar)
        .keep("intro_en", &intro_en)
        .keep("intro_ar", &intro_ar);
    let texts = quiz_texts(
        &mut check, &slug, &title_en, &title_ar, &intro_en, &intro_ar,
    );
    if !check.is_ok() {
        return check.reject();
    }
    let mut tx = admin.begin().await?;
    match dokkan_quiz::db::update(&mut tx, quiz_id, &texts).await? {
        None => Err(AppError::not_found()),
        Some(Err(_)) => {
            check.invalid("slug", "admin-quiz-slug-taken");
            check.reject()
        }
        Some(Ok(())) => {
            tx.commit().await?;
            support::redirect(&editor(locale, &texts.slug, "saved", None));
            Ok(())
        }
    }
}

/// `publish` is `1` to publish, anything else to unpublish.
#[server(endpoint = "admin/quizzes/publish")]
pub async fn publish_quiz(
    #[server(default)] lang: String,
    quiz_id: i64,
    #[server(default)] publish: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, PUBLISH).await?;
    let publish = publish == "1";
    let mut tx = admin.begin().await?;
    match dokkan_quiz::db::set_published(&mut tx, quiz_id, publish).await? {
        None => Err(AppError::not_found()),
        Some(Err(why)) => FormCheck::new(locale)
            .keep("form", "publish")
            .message(why.fluent_key())
            .reject(),
        Some(Ok(())) => {
            let slug = slug_of(&mut tx, quiz_id).await?;
            tx.commit().await?;
            support::state().quiz_interest.clear();
            let notice = if publish { "published" } else { "unpublished" };
            support::redirect(&editor(locale, &slug, notice, None));
            Ok(())
        }
    }
}

#[server(endpoint = "admin/quizzes/delete")]
pub async fn delete_quiz(#[server(default)] lang: String, quiz_id: i64) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, DELETE).await?;
    let mut tx = admin.begin().await?;
    if !dokkan_quiz::db::delete(&mut tx, quiz_id).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    support::state().quiz_interest.clear();
    support::redirect(&format!("/{locale}/admin/quizzes?deleted=1"));
    Ok(())
}

/// Adds a question (no `question_id`) or rewrites one. `position` orders the questions
/// (blank: last for a new one, unchanged otherwise).
#[server(endpoint = "admin/quizzes/question")]
pub async fn save_question(
    #[server(default)] lang: String,
    quiz_id: i64,
    #[server(default)] question_id: Option<i64>,
    #[server(default)] position: String,
    #[server(default)] text_en: String,
    #[server(default)] text_ar: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, QUESTION).await?;
    let mut check = FormCheck::new(locale)
        .keep("form", &format!("question-{}", question_id.unwrap_or(0)))
        .keep("position", &position)
        .keep("text_en", &text_en)
        .keep("text_ar", &text_ar);
    let position = parse_position(&mut check, &position);
    let text = Localized::new(
        text_field(&mut check, "text_en", &text_en, 300, true),
        text_field(&mut check, "text_ar", &text_ar, 300, true),
    );
    if !check.is_ok() {
        return check.reject();
    }
    let mut tx = admin.begin().await?;
    let Some(id) =
        dokkan_quiz::db::save_question(&mut tx, quiz_id, question_id, position, &text).await?
    else {
        return Err(AppError::not_found());
    };
    let slug = slug_of(&mut tx, quiz_id).await?;
    commit_edit(tx, quiz_id, check).await?;
    support::redirect(&editor(
        locale,
        &slug,
        "saved",
        Some(format!("question-{id}")),
    ));
    Ok(())
}

#[server(endpoint = "admin/quizzes/question/delete")]
pub async fn delete_question(
    #[server(default)] lang: String,
    quiz_id: i64,
    question_id: i64,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, QUESTION).await?;
    let mut tx = admin.begin().await?;
    if !dokkan_quiz::db::delete_question(&mut tx, quiz_id, question_id).await? {
        return Err(AppError::not_found());
    }
    let slug = slug_of(&mut tx, quiz_id).await?;
    let check = FormCheck::new(locale).keep("form", &format!("question-{question_id}"));
    commit_edit(tx, quiz_id, check).await?;
    support::redirect(&editor(locale, &slug, "deleted", None));
    Ok(())
}

#[cfg(feature = "ssr")]
fn parse_position(check: &mut FormCheck, text: &str) -> Option<i32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i32>() {
        Ok(p) if (0..=1000).contains(&p) => Some(p),
        _ => {
            check.invalid("position", "admin-quiz-bad-position");
            None
        }
    }
}

#[cfg(feature = "ssr")]
fn parse_weights_field(
    check: &mut FormCheck,
    locale: Locale,
    field: &str,
    text: &str,
) -> dokkan_quiz::Weights {
    match dokkan_quiz::parse_weights(text) {
        Ok(w) => w,
        Err(e) => {
            let message = crate::i18n::t_with(locale, e.fluent_key(), &[("entry", e.entry())]);
            check.invalid_text(field, message);
            Vec::new()
        }
    }
}

#[cfg(feature = "ssr")]
fn parse_price(check: &mut FormCheck, field: &str, text: &str) -> Option<i64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match dokkan_core::Money::parse_decimal(text, dokkan_core::Currency::Egp) {
        Ok(m) => Some(m.minor()),
        Err(_) => {
            check.invalid(field, "admin-quiz-bad-price");
            None
        }
    }
}

/// Adds an answer to a question (no `answer_id`) or rewrites one: its texts, the
/// categories (slugs) and tags it weights (`men:2, sport`), and a price band in EGP.
#[server(endpoint = "admin/quizzes/answer")]
pub async fn save_answer(
    #[server(default)] lang: String,
    quiz_id: i64,
    question_id: i64,
    #[server(default)] answer_id: Option<i64>,
    #[server(default)] position: String,
    #[server(default)] text_en: String,
    #[server(default)] text_ar: String,
    #[server(default)] categories: String,
    #[server(default)] tags: String,
    #[server(default)] price_min: String,
    #[server(default)] price_max: String,
) -> Result<(), AppError> {
    use dokkan_quiz::db::{AnswerFields, AnswerRefused};
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, ANSWER).await?;
    let form = match answer_id {
        Some(id) => format!("answer-{id}"),
        None => format!("new-answer-{question_id}"),
    };
    let mut check = FormCheck::new(locale)
        .keep("form", &form)
        .keep("position", &position)
        .keep("text_en", &text_en)
        .keep("text_ar", &text_ar)
        .keep("categories", &categories)
        .keep("tags", &tags)
        .keep("price_min", &price_min)
        .keep("price_max", &price_max);
    let position = parse_position(&mut check, &position);
    let text = Localized::new(
        text_field(&mut check, "text_en", &text_en, 200, true),
        text_field(&mut check, "text_ar", &text_ar, 200, true),
    );
    let categories = parse_weights_field(&mut check, locale, "categories", &categories);
    let tags = parse_weights_field(&mut check, locale, "tags", &tags);
    let min = parse_price(&mut check, "price_min", &price_min);
    let max = parse_price(&mut check, "price_max", &price_max);
    if let (Some(min), Some(max)) = (min, max) {
        if min > max {
            check.invalid("price_max", "admin-quiz-price-order");
        }
    }
    if check.is_ok() && categories.is_empty() && tags.is_empty() && min.is_none() && max.is_none() {
        check.invalid("categories", "admin-quiz-answer-needs-weights");
    }
    if !check.is_ok() {
        return check.reject();
    }
    let fields = AnswerFields {
        position,
        text,
        categories,
        tags,
        price: dokkan_quiz::PriceBand {
            min_minor: min,
            max_minor: max,
            weight: 1.5,
        },
    };
    let mut tx = admin.begin().await?;
    match dokkan_quiz::db::save_answer(&mut tx, quiz_id, question_id, answer_id, &fields).await? {
        None => Err(AppError::not_found()),
        Some(Err(AnswerRefused::UnknownCategories(slugs))) => {
            let message = crate::i18n::t_with(
                locale,
                "admin-quiz-unknown-categories",
                &[("slugs", &slugs.join(", "))],
            );
            check.invalid_text("categories", message);
            check.reject()
        }
        Some(Ok(_)) => {
            let slug = slug_of(&mut tx, quiz_id).await?;
            commit_edit(tx, quiz_id, check).await?;
            support::redirect(&editor(
                locale,
                &slug,
                "saved",
                Some(format!("question-{question_id}")),
            ));
            Ok(())
        }
    }
}

#[server(endpoint = "admin/quizzes/answer/delete")]
pub async fn delete_answer(
    #[server(default)] lang: String,
    quiz_id: i64,
    answer_id: i64,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let admin = support::admin_write(Permission::BackOffice, ANSWER).await?;
    let mut tx = admin.begin().await?;
    if !dokkan_quiz::db::delete_answer(&mut tx, quiz_id, answer_id).await? {
        return Err(AppError::not_found());
    }
    let slug = slug_of(&mut tx, quiz_id).await?;
    let check = FormCheck::new(locale).keep("form", &format!("answer-{answer_id}"));
    commit_edit(tx, quiz_id, check).await?;
    support::redirect(&editor(locale, &slug, "deleted", None));
    Ok(())
}
