//! The demo quiz, "Find the right gift", over the demo catalog's categories; seeded with
//! the demo catalog, once. A catalog without those categories gets no demo quiz.

use sqlx::PgPool;

use crate::db::{self, AnswerFields, QuizTexts, Result};
use crate::PriceBand;
use dokkan_catalog::Localized;

pub const SLUG: &str = "gift-finder";

struct A {
    en: &'static str,
    ar: &'static str,
    /// Categories by English name.
    categories: &'static [(&'static str, f32)],
    tags: &'static [(&'static str, f32)],
    /// EGP.
    price: Option<(Option<i64>, Option<i64>)>,
}

const fn a(
    en: &'static str,
    ar: &'static str,
    categories: &'static [(&'static str, f32)],
    tags: &'static [(&'static str, f32)],
) -> A {
    A {
        en,
        ar,
        categories,
        tags,
        price: None,
    }
}

const fn budget(en: &'static str, ar: &'static str, min: Option<i64>, max: Option<i64>) -> A {
    A {
        en,
        ar,
        categories: &[],
        tags: &[],
        price: Some((min, max)),
    }
}

fn questions() -> Vec<(&'static str, &'static str, Vec<A>)> {
    vec![
        (
            "Who is the gift for?",
            "الهدية لمين؟",
            vec![
                a("For him", "له", &[("Men", 2.0)], &[]),
                a("For her", "ليها", &[("Women", 2.0), ("Beauty", 1.5)], &[]),
                a("For the home", "للبيت", &[("Home & Kitchen", 2.0)], &[]),
                a(
                    "For someone who loves gadgets",
                    "لحد بيحب الأجهزة",
                    &[("Electronics", 2.5)],
                    &[],
                ),
            ],
        ),
        (
            "What do they enjoy most?",
            "بيحب إيه أكتر؟",
            vec![
                a(
                    "Sport and staying active",
                    "الرياضة والحركة",
                    &[("Smart Watches", 1.0)],
                    &[
                        ("sport", 2.0),
                        ("running", 1.5),
                        ("gym", 1.5),
                        ("fitness", 1.5),
                    ],
                ),
                a(
                    "Coffee and tea time",
                    "قعدة القهوة والشاي",
                    &[("Coffee & Tea", 3.0)],
                    &[("coffee", 1.0), ("tea", 1.0)],
                ),
                a(
                    "Looking their best",
                    "الشياكة والأناقة",
                    &[
                        ("Fragrance", 2.0),
                        ("Skin Care", 1.0),
                        ("Bags & Wallets", 1.0),
                    ],
                    &[("formal", 1.0), ("evening", 1.0), ("leather", 1.0)],
                ),
                a(
                    "Relaxing at home",
                    "الراحة في البيت",
                    &[("Sleepwear & Galabeyas", 1.5), ("Bath & Bedding", 2.0)],
                    &[("pajama", 1.5), ("bathrobe", 1.0)],
                ),
            ],
        ),
        (
            "What is your budget?",
            "ميزانيتك قد إيه؟",
            vec![
                budget("Under EGP 500", "أقل من ٥٠٠ جنيه", None, Some(500)),
                budget(
                    "EGP 500 to 1,500",
                    "من ٥٠٠ لـ ١٥٠٠ جنيه",
                    Some(500),
                    Some(1500),
                ),
                budget("Over EGP 1,500", "أكتر من ١٥٠٠ جنيه", Some(1500), None),
            ],
        ),
    ]
}

/// Seeds the demo quiz unless a quiz has its slug; false when skipped.
pub async fn seed(pool: &PgPool) -> Result<bool> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('dokkan-quiz-demo'))")
        .execute(&mut *tx)
        .await?;
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM quizzes WHERE slug = $1)")
        .bind(SLUG)
        .fetch_one(&mut *tx)
        .await?;
    if exists {
        return Ok(false);
    }
    let names: Vec<(String, String)> = sqlx::query_as("SELECT name_en, slug FROM categories")
        .fetch_all(&mut *tx)
        .await?;
    let slug_of = |name: &str| {
        names
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, slug)| slug.clone())
    };
    if ["Men", "Women", "Home & Kitchen", "Electronics"]
        .iter()
        .any(|n| slug_of(n).is_none())
    {
        return Ok(false);
    }
    let texts = QuizTexts {
        slug: SLUG.to_string(),
        title: Localized::new("Find the right gift", "اختار الهدية الصح"),
        intro: Localized::new(
            "Three quick questions and we pick gifts from the shop for you.",
            "تلات أسئلة سريعة ونختارلك هدايا من المحل.",
        ),
    };
    let Ok(quiz_id) = db::create(&mut tx, &texts).await? else {
        return Ok(false);
    };
    for (qn, (en, ar, answers)) in questions().into_iter().enumerate() {
        let question_id = db::save_question(
            &mut tx,
            quiz_id,
            None,
            Some(qn as i32 + 1),
            &Localized::new(en, ar),
        )
        .await?
        .expect("the quiz was just created");
        for (an, answer) in answers.into_iter().enumerate() {
            let fields = AnswerFields {
                position: Some(an as i32 + 1),
                text: Localized::new(answer.en, answer.ar),
                categories: answer
                    .categories
                    .iter()
                    .filter_map(|(name, w)| Some((slug_of(name)?, *w)))
                    .collect(),
                tags: answer
                    .tags
                    .iter()
                    .map(|(t, w)| (t.to_string(), *w))
                    .collect(),
                price: answer
                    .price
                    .map(|(min, max)| PriceBand {
                        min_minor: min.map(|p| p * 100),
                        max_minor: max.map(|p| p * 100),
                        weight: 1.5,
                    })
                    .unwrap_or_default(),
            };
            db::save_answer(&mut tx, quiz_id, question_id, None, &fields)
                .await?
                .expect("the question was just created")
                .expect("the categories were looked up");
        }
    }
    db::set_published(&mut tx, quiz_id, true).await?;
    tx.commit().await?;
    Ok(true)
}
