//! The quizzes' SQL: reading a quiz whole, the admin's writes (the caller's transaction
//! is the audited one), the products answers reach, and the shoppers' stored answers.

use std::collections::HashMap;

use dokkan_catalog::Localized;
use sqlx::{PgConnection, PgPool, Row as _};

use crate::{Answer, Hit, PriceBand, Question, Quiz, Summary, Unpublishable, Weights};

#[derive(Debug, thiserror::Error)]
pub enum QuizError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored weights: {0}")]
    Corrupt(#[from] serde_json::Error),
}

pub type Result<T> = std::result::Result<T, QuizError>;

fn localized(row: &sqlx::postgres::PgRow, column: &str) -> Localized {
    Localized::new(
        row.get::<String, _>(format!("{column}_en").as_str()),
        row.get::<String, _>(format!("{column}_ar").as_str()),
    )
}

pub async fn list(pool: &PgPool) -> Result<Vec<Summary>> {
    let rows = sqlx::query(
        "SELECT q.id, q.slug, q.title_en, q.title_ar, q.published, \
                (SELECT count(*) FROM quiz_questions WHERE quiz_id = q.id) AS questions, \
                (SELECT count(*) FROM quiz_responses WHERE quiz_id = q.id) AS responses \
           FROM quizzes q ORDER BY q.created_at DESC, q.id DESC",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| Summary {
            id: row.get("id"),
            slug: row.get("slug"),
            title: localized(row, "title"),
            published: row.get("published"),
            questions: row.get("questions"),
            responses: row.get("responses"),
        })
        .collect())
}

/// The newest published quiz, for the home page's invitation.
pub async fn newest_published(pool: &PgPool) -> Result<Option<(String, Localized)>> {
    let row = sqlx::query(
        "SELECT slug, title_en, title_ar FROM quizzes WHERE published \
          ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| (r.get("slug"), localized(&r, "title"))))
}

pub async fn by_slug(conn: &mut PgConnection, slug: &str) -> Result<Option<Quiz>> {
    let row = sqlx::query("SELECT * FROM quizzes WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(whole(conn, &row).await?)),
        None => Ok(None),
    }
}

pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<Option<Quiz>> {
    let row = sqlx::query("SELECT * FROM quizzes WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(whole(conn, &row).await?)),
        None => Ok(None),
    }
}

fn weights(json: &str) -> Result<Weights> {
    let pairs: Vec<(String, f32)> = serde_json::from_str(json)?;
    Ok(pairs)
}

async fn whole(conn: &mut PgConnection, quiz: &sqlx::postgres::PgRow) -> Result<Quiz> {
    let id: i64 = quiz.get("id");
    let questions = sqlx::query(
        "SELECT id, position, text_en, text_ar FROM quiz_questions \
          WHERE quiz_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    // Categories by slug (a category renamed keeps its answers); tags as they are.
    let answers = sqlx::query(
        "SELECT a.id, a.question_id, a.position, a.text_en, a.text_ar, \
                a.price_min_minor, a.price_max_minor, a.price_weight, \
                (SELECT coalesce(jsonb_agg(jsonb_build_array(c.slug, kv.value::float4) ORDER BY kv.value::float4 DESC, c.slug), '[]') \
                   FROM jsonb_each_text(a.categories) kv JOIN categories c ON c.id = kv.key::bigint)::text AS categories, \
                (SELECT coalesce(jsonb_agg(jsonb_build_array(kv.key, kv.value::float4) ORDER BY kv.value::float4 DESC, kv.key), '[]') \
                   FROM jsonb_each_text(a.tags) kv)::text AS tags \
           FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id \
          WHERE q.quiz_id = $1 ORDER BY a.position, a.id",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let mut by_question: HashMap<i64, Vec<Answer>> = HashMap::new();
    for row in &answers {
        by_question
            .entry(row.get("question_id"))
            .or_default()
            .push(Answer {
                id: row.get("id"),
                position: row.get("position"),
                text: localized(row, "text"),
                categories: weights(row.get("categories"))?,
                tags: weights(row.get("tags"))?,
                price: PriceBand {
                    min_minor: row.get("price_min_minor"),
                    max_minor: row.get("price_max_minor"),
                    weight: row.get("price_weight"),
                },
            });
    }
    Ok(Quiz {
        id,
        slug: quiz.get("slug"),
        title: localized(quiz, "title"),
        intro: localized(quiz, "intro"),
        published: quiz.get("published"),
        questions: questions
            .iter()
            .map(|row| Question {
                id: row.get("id"),
                position: row.get("position"),
                text: localized(row, "text"),
                answers: by_question.remove(&row.get("id")).unwrap_or_default(),
            })
            .collect(),
    })
}

/// The in-stock published products that the chosen answers' categories (with everything
/// under them) and tags reach, one row per product and answer evidence.
pub async fn hits(pool: &PgPool, answer_ids: &[i64]) -> Result<Vec<Hit>> {
    let rows = sqlx::query(
        "WITH RECURSIVE weighted AS ( \
             SELECT a.id AS answer_id, kv.key::bigint AS category_id, kv.value::float4 AS w \
               FROM quiz_answers a, jsonb_each_text(a.categories) kv WHERE a.id = ANY($1) \
         ), tree AS ( \
             SELECT answer_id, category_id, w FROM weighted \
             UNION \
             SELECT t.answer_id, c.id, t.w FROM tree t JOIN categories c ON c.parent_id = t.category_id \
         ), tags AS ( \
             SELECT a.id AS answer_id, kv.key AS tag, kv.value::float4 AS w \
               FROM quiz_answers a, jsonb_each_text(a.tags) kv WHERE a.id = ANY($1) \
         ) \
         SELECT p.id, p.category_id, p.price_minor, t.answer_id, t.w \
           FROM tree t JOIN products p ON p.category_id = t.category_id \
          WHERE p.published AND p.in_stock \
         UNION ALL \
         SELECT p.id, p.category_id, p.price_minor, g.answer_id, g.w \
           FROM tags g JOIN products p \
             ON p.published AND p.in_stock AND EXISTS (SELECT 1 FROM unnest(p.tags) pt WHERE lower(pt) = g.tag)",
    )
    .bind(answer_ids)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| Hit {
            product_id: row.get("id"),
            category_id: row.get("category_id"),
            price_minor: row.get("price_minor"),
            answer_id: row.get("answer_id"),
            weight: row.get("w"),
        })
        .collect())
}

/// Whose answers: the account, or the visitor until they sign in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'a> {
    User(i64),
    Visitor(&'a str),
}

/// Keeps a finished quiz's answers, replacing the last ones for that quiz.
pub async fn save_response(
    pool: &PgPool,
    quiz_id: i64,
    owner: Owner<'_>,
    answer_ids: &[i64],
) -> Result<()> {
    let (user, visitor) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Visitor(v) => (None, Some(v)),
    };
    let mut tx = pool.begin().await?;
    sqlx::query(
        "DELETE FROM quiz_responses WHERE quiz_id = $1 \
            AND (user_id = $2 OR (user_id IS NULL AND $2 IS NULL AND visitor_id = $3))",
    )
    .bind(quiz_id)
    .bind(user)
    .bind(visitor)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO quiz_responses (quiz_id, user_id, visitor_id, answer_ids) VALUES ($1, $2, $3, $4)",
    )
    .bind(quiz_id)
    .bind(user)
    .bind(visitor)
    .bind(answer_ids)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A stored response.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stored {
    pub quiz_id: i64,
    pub answer_ids: Vec<i64>,
    /// RFC 3339, UTC.
    pub completed_at: String,
}

/// The account's responses, else the visitor's; newest first. Only published quizzes
/// count (an unpublished one feeds nothing).
pub async fn responses(
    pool: &PgPool,
    user: Option<i64>,
    visitor: Option<&str>,
) -> Result<Vec<Stored>> {
    if user.is_none() && visitor.is_none() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(
        "SELECT r.quiz_id, r.answer_ids, \
                to_char(r.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS completed_at \
           FROM quiz_responses r JOIN quizzes q ON q.id = r.quiz_id AND q.published \
          WHERE ($1::bigint IS NOT NULL AND r.user_id = $1) \
             OR ($1::bigint IS NULL AND r.user_id IS NULL AND r.visitor_id = $2) \
          ORDER BY r.completed_at DESC",
    )
    .bind(user)
    .bind(visitor)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .iter()
        .map(|row| Stored {
            quiz_id: row.get("quiz_id"),
            answer_ids: row.get("answer_ids"),
            completed_at: row.get("completed_at"),
        })
        .collect())
}

/// Forgets the owner's answers to a quiz; false when there were none.
pub async fn clear(pool: &PgPool, quiz_id: i64, owner: Owner<'_>) -> Result<bool> {
    let (user, visitor) = match owner {
        Owner::User(id) => (Some(id), None),
        Owner::Visitor(v) => (None, Some(v)),
    };
    let done = sqlx::query(
        "DELETE FROM quiz_responses WHERE quiz_id = $1 \
            AND (user_id = $2 OR (user_id IS NULL AND $2 IS NULL AND visitor_id = $3))",
    )
    .bind(quiz_id)
    .bind(user)
    .bind(visitor)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// At sign-in: the visitor's answers become the account's, unless the account answered
/// that quiz more recently.
pub async fn join_visitor(pool: &PgPool, visitor: &str, user_id: i64) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "DELETE FROM quiz_responses v USING quiz_responses u \
          WHERE v.visitor_id = $1 AND v.user_id IS NULL AND u.user_id = $2 AND u.quiz_id = v.quiz_id \
            AND u.completed_at >= v.completed_at",
    )
    .bind(visitor)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM quiz_responses u USING quiz_responses v \
          WHERE v.visitor_id = $1 AND v.user_id IS NULL AND u.user_id = $2 AND u.quiz_id = v.quiz_id",
    )
    .bind(visitor)
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE quiz_responses SET user_id = $2 WHERE visitor_id = $1 AND user_id IS NULL")
        .bind(visitor)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// The published quizzes a set of responses refers to, whole.
pub async fn quizzes_by_ids(pool: &PgPool, ids: &[i64]) -> Result<Vec<Quiz>> {
    let mut conn = pool.acquire().await?;
    let mut out = Vec::new();
    for &id in ids {
        if let Some(quiz) = by_id(&mut conn, id).await? {
            out.push(quiz);
        }
    }
    Ok(out)
}

// ---- the admin's writes, in the caller's (audited) transaction ----

/// A quiz's own texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizTexts {
    pub slug: String,
    pub title: Localized,
    pub intro: Localized,
}

/// The slug is someone else's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlugTaken;

pub async fn create(
    conn: &mut PgConnection,
    texts: &QuizTexts,
) -> Result<std::result::Result<i64, SlugTaken>> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO quizzes (slug, title_en, title_ar, intro_en, intro_ar) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING RETURNING id",
    )
    .bind(&texts.slug)
    .bind(&texts.title.en)
    .bind(&texts.title.ar)
    .bind(&texts.intro.en)
    .bind(&texts.intro.ar)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.ok_or(SlugTaken))
}

/// `None` when there is no such quiz.
pub async fn update(
    conn: &mut PgConnection,
    id: i64,
    texts: &QuizTexts,
) -> Result<Option<std::result::Result<(), SlugTaken>>> {
    let taken: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM quizzes WHERE slug = $1 AND id <> $2)")
            .bind(&texts.slug)
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if taken {
        return Ok(Some(Err(SlugTaken)));
    }
    let done = sqlx::query(
        "UPDATE quizzes SET slug = $2, title_en = $3, title_ar = $4, intro_en = $5, intro_ar = $6, \
                updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(&texts.slug)
    .bind(&texts.title.en)
    .bind(&texts.title.ar)
    .bind(&texts.intro.en)
    .bind(&texts.intro.ar)
    .execute(&mut *conn)
    .await?;
    Ok((done.rows_affected() > 0).then_some(Ok(())))
}

/// Publishes (when it is ready) or unpublishes; `None` when there is no such quiz.
pub async fn set_published(
    conn: &mut PgConnection,
    id: i64,
    published: bool,
) -> Result<Option<std::result::Result<(), Unpublishable>>> {
    let Some(quiz) = by_id(conn, id).await? else {
        return Ok(None);
    };
    if published {
        if let Err(why) = quiz.publishable() {
            return Ok(Some(Err(why)));
        }
    }
    sqlx::query("UPDATE quizzes SET published = $2, updated_at = now() WHERE id = $1")
        .bind(id)
        .bind(published)
        .execute(&mut *conn)
        .await?;
    Ok(Some(Ok(())))
}

pub async fn delete(conn: &mut PgConnection, id: i64) -> Result<bool> {
    let done = sqlx::query("DELETE FROM quizzes WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// After an edit: a published quiz must still be one shoppers can take.
pub async fn still_publishable(
    conn: &mut PgConnection,
    quiz_id: i64,
) -> Result<std::result::Result<(), Unpublishable>> {
    match by_id(conn, quiz_id).await? {
        Some(quiz) if quiz.published => Ok(quiz.publishable()),
        _ => Ok(Ok(())),
    }
}

/// Adds a question (`question_id` None) or rewrites one of this quiz's; `None` when the
/// question is not the quiz's.
pub async fn save_question(
    conn: &mut PgConnection,
    quiz_id: i64,
    question_id: Option<i64>,
    position: Option<i32>,
    text: &Localized,
) -> Result<Option<i64>> {
    let id: Option<i64> = match question_id {
        None => {
            sqlx::query_scalar(
                "INSERT INTO quiz_questions (quiz_id, position, text_en, text_ar) \
                 SELECT id, coalesce($2, (SELECT coalesce(max(position), 0) + 1 FROM quiz_questions WHERE quiz_id = $1)), $3, $4 \
                   FROM quizzes WHERE id = $1 RETURNING id",
            )
            .bind(quiz_id)
            .bind(position)
            .bind(&text.en)
            .bind(&text.ar)
            .fetch_optional(&mut *conn)
            .await?
        }
        Some(question_id) => {
            sqlx::query_scalar(
                "UPDATE quiz_questions SET position = coalesce($3, position), text_en = $4, text_ar = $5 \
                  WHERE id = $2 AND quiz_id = $1 RETURNING id",
            )
            .bind(quiz_id)
            .bind(question_id)
            .bind(position)
            .bind(&text.en)
            .bind(&text.ar)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    Ok(id)
}

pub async fn delete_question(
    conn: &mut PgConnection,
    quiz_id: i64,
    question_id: i64,
) -> Result<bool> {
    let done = sqlx::query("DELETE FROM quiz_questions WHERE id = $2 AND quiz_id = $1")
        .bind(quiz_id)
        .bind(question_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// What an answer says and weights; categories by slug.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerFields {
    /// `None`: last (a new answer), or where it was.
    pub position: Option<i32>,
    pub text: Localized,
    pub categories: Weights,
    pub tags: Weights,
    pub price: PriceBand,
}

/// Why an answer was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerRefused {
    /// Slugs no category has.
    UnknownCategories(Vec<String>),
}

/// Adds an answer to a question of this quiz (`answer_id` None) or rewrites one;
/// `None` when the question or answer is not the quiz's.
pub async fn save_answer(
    conn: &mut PgConnection,
    quiz_id: i64,
    question_id: i64,
    answer_id: Option<i64>,
    fields: &AnswerFields,
) -> Result<Option<std::result::Result<i64, AnswerRefused>>> {
    let slugs: Vec<&str> = fields.categories.iter().map(|(s, _)| s.as_str()).collect();
    let found: Vec<(String, i64)> =
        sqlx::query_as("SELECT slug, id FROM categories WHERE slug = ANY($1)")
            .bind(&slugs)
            .fetch_all(&mut *conn)
            .await?;
    let ids: HashMap<String, i64> = found.into_iter().collect();
    let unknown: Vec<String> = slugs
        .iter()
        .filter(|s| !ids.contains_key(**s))
        .map(|s| s.to_string())
        .collect();
    if !unknown.is_empty() {
        return Ok(Some(Err(AnswerRefused::UnknownCategories(unknown))));
    }
    let categories: serde_json::Map<String, serde_json::Value> = fields
        .categories
        .iter()
        .map(|(slug, w)| (ids[slug].to_string(), serde_json::json!(w)))
        .collect();
    let tags: serde_json::Map<String, serde_json::Value> = fields
        .tags
        .iter()
        .map(|(tag, w)| (tag.clone(), serde_json::json!(w)))
        .collect();
    let categories = serde_json::Value::Object(categories).to_string();
    let tags = serde_json::Value::Object(tags).to_string();
    let price_weight = if fields.price.weight == 0.0 {
        1.0
    } else {
        fields.price.weight
    };
    let id: Option<i64> = match answer_id {
        None => sqlx::query_scalar(
            "INSERT INTO quiz_answers (question_id, position, text_en, text_ar, categories, tags, \
                                       price_min_minor, price_max_minor, price_weight) \
             SELECT q.id, coalesce($3, (SELECT coalesce(max(position), 0) + 1 FROM quiz_answers WHERE question_id = q.id)), \
                    $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10 \
               FROM quiz_questions q WHERE q.id = $2 AND q.quiz_id = $1 RETURNING id",
        ),
        Some(_) => sqlx::query_scalar(
            "UPDATE quiz_answers a SET position = coalesce($3, a.position), text_en = $4, text_ar = $5, categories = $6::jsonb, \
                    tags = $7::jsonb, price_min_minor = $8, price_max_minor = $9, price_weight = $10 \
               FROM quiz_questions q \
              WHERE a.id = $11 AND a.question_id = q.id AND q.id = $2 AND q.quiz_id = $1 RETURNING a.id",
        ),
    }
    .bind(quiz_id)
    .bind(question_id)
    .bind(fields.position)
    .bind(&fields.text.en)
    .bind(&fields.text.ar)
    .bind(categories)
    .bind(tags)
    .bind(fields.price.min_minor)
    .bind(fields.price.max_minor)
    .bind(price_weight)
    .bind(answer_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.map(Ok))
}

pub async fn delete_answer(conn: &mut PgConnection, quiz_id: i64, answer_id: i64) -> Result<bool> {
    let done = sqlx::query(
        "DELETE FROM quiz_answers a USING quiz_questions q \
          WHERE a.id = $2 AND a.question_id = q.id AND q.quiz_id = $1",
    )
    .bind(quiz_id)
    .bind(answer_id)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Answers of published quizzes by id (a deleted one is gone; an edited one counts as it
/// is now), with their weights: what a shopper's stored answers stand for.
pub async fn published_answers(pool: &PgPool, ids: &[i64]) -> Result<Vec<Answer>> {
    let quiz_ids: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT q.quiz_id FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id \
           JOIN quizzes z ON z.id = q.quiz_id AND z.published WHERE a.id = ANY($1)",
    )
    .bind(ids)
    .fetch_all(pool)
    .await?;
    Ok(quizzes_by_ids(pool, &quiz_ids)
        .await?
        .into_iter()
        .flat_map(|quiz| quiz.questions)
        .flat_map(|question| question.answers)
        .filter(|answer| ids.contains(&answer.id))
        .collect())
}

/// Every category's slug and names, for the editor's hint.
pub async fn category_slugs(pool: &PgPool) -> Result<Vec<(String, Localized)>> {
    let rows = sqlx::query("SELECT slug, name_en, name_ar FROM categories ORDER BY slug")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .iter()
        .map(|r| (r.get("slug"), localized(r, "name")))
        .collect())
}
