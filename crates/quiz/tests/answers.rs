//! What answers reach in the database: a category counts for everything under it, tags
//! match whatever their case, hidden and sold-out products are never picked; and stored
//! answers follow a visitor into their account.

use dokkan_catalog::Localized;
use dokkan_quiz::db::{self, AnswerFields, AnswerRefused, Owner, QuizTexts};
use dokkan_quiz::PriceBand;
use sqlx::PgPool;

async fn category(pool: &PgPool, slug: &str, parent: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar, parent_id) VALUES ($1, $1, $1, $2) RETURNING id",
    )
    .bind(slug)
    .bind(parent)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn product(
    pool: &PgPool,
    handle: &str,
    category: i64,
    tags: &[&str],
    price: i64,
    shown: bool,
    stock: bool,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO products (handle, name_en, name_ar, category_id, tags, price_minor, published, in_stock) \
         VALUES ($1, $1, $1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(handle)
    .bind(category)
    .bind(tags)
    .bind(price)
    .bind(shown)
    .bind(stock)
    .fetch_one(pool)
    .await
    .unwrap()
}

fn fields(
    text: &str,
    categories: &[(&str, f32)],
    tags: &[(&str, f32)],
    price: PriceBand,
) -> AnswerFields {
    AnswerFields {
        position: None,
        text: Localized::new(text, text),
        categories: categories
            .iter()
            .map(|(s, w)| (s.to_string(), *w))
            .collect(),
        tags: tags.iter().map(|(s, w)| (s.to_string(), *w)).collect(),
        price,
    }
}

#[sqlx::test(migrations = "../../migrations")]
async fn answers_reach_whole_category_trees_and_tags_but_only_what_can_be_bought(pool: PgPool) {
    let home = category(&pool, "home", None).await;
    let kitchen = category(&pool, "kitchen", Some(home)).await;
    let cups = category(&pool, "cups", Some(kitchen)).await;
    let men = category(&pool, "men", None).await;
    let mug = product(&pool, "mug", cups, &[], 15_000, true, true).await;
    let pot = product(&pool, "pot", kitchen, &["Coffee"], 90_000, true, true).await;
    let hidden = product(&pool, "hidden-pot", kitchen, &[], 1_000, false, true).await;
    let gone = product(&pool, "sold-out-pot", kitchen, &[], 1_000, true, false).await;
    let beans = product(
        &pool,
        "beans",
        men,
        &["COFFEE", "beans"],
        20_000,
        true,
        true,
    )
    .await;
    let shirt = product(&pool, "shirt", men, &["cotton"], 20_000, true, true).await;

    let mut tx = pool.begin().await.unwrap();
    let quiz = db::create(
        &mut tx,
        &QuizTexts {
            slug: "home-quiz".into(),
            title: Localized::new("Home", "البيت"),
            intro: Localized::new("", ""),
        },
    )
    .await
    .unwrap()
    .unwrap();
    let question = db::save_question(&mut tx, quiz, None, None, &Localized::new("Q", "س"))
        .await
        .unwrap()
        .unwrap();
    let unknown = db::save_answer(
        &mut tx,
        quiz,
        question,
        None,
        &fields("x", &[("garden", 1.0)], &[], PriceBand::default()),
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        unknown,
        Err(AnswerRefused::UnknownCategories(vec!["garden".into()]))
    );
    let home_answer = db::save_answer(
        &mut tx,
        quiz,
        question,
        None,
        &fields("home", &[("home", 2.0)], &[], PriceBand::default()),
    )
    .await
    .unwrap()
    .unwrap()
    .unwrap();
    let coffee = db::save_answer(
        &mut tx,
        quiz,
        question,
        None,
        &fields(
            "coffee",
            &[],
            &[("coffee", 1.0)],
            PriceBand {
                min_minor: None,
                max_minor: Some(50_000),
                weight: 1.5,
            },
        ),
    )
    .await
    .unwrap()
    .unwrap()
    .unwrap();
    // An answer of another quiz's question is refused.
    assert!(db::save_answer(
        &mut tx,
        quiz + 1,
        question,
        None,
        &fields("y", &[], &[("x", 1.0)], PriceBand::default())
    )
    .await
    .unwrap()
    .is_none());
    tx.commit().await.unwrap();

    let hits = db::hits(&pool, &[home_answer, coffee]).await.unwrap();
    let mut reached: Vec<(i64, i64)> = hits.iter().map(|h| (h.product_id, h.answer_id)).collect();
    reached.sort();
    let mut want = vec![
        (mug, home_answer),
        (pot, home_answer),
        (pot, coffee),
        (beans, coffee),
    ];
    want.sort();
    assert_eq!(reached, want, "the tree under home, and coffee in any case");
    for never in [hidden, gone, shirt] {
        assert!(hits.iter().all(|h| h.product_id != never));
    }

    // Ranked: the pot has both answers; the beans are within the budget.
    let mut conn = pool.acquire().await.unwrap();
    let loaded = db::by_id(&mut conn, quiz).await.unwrap().unwrap();
    let chosen: Vec<&dokkan_quiz::Answer> = loaded.questions[0].answers.iter().collect();
    let picks = dokkan_quiz::rank(&hits, &chosen, 10);
    assert_eq!(picks[0].product_id, pot);
    assert_eq!(picks[0].reasons, vec![home_answer, coffee]);
    assert_eq!(
        loaded.questions[0].answers[0].categories,
        vec![("home".to_string(), 2.0)]
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_visitors_answers_follow_them_into_their_account(pool: PgPool) {
    let mut tx = pool.begin().await.unwrap();
    let texts = |slug: &str| QuizTexts {
        slug: slug.into(),
        title: Localized::new("T", "ت"),
        intro: Localized::new("", ""),
    };
    let one = db::create(&mut tx, &texts("one")).await.unwrap().unwrap();
    let two = db::create(&mut tx, &texts("two")).await.unwrap().unwrap();
    sqlx::query("UPDATE quizzes SET published = true")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let user: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name) VALUES ('a@example.com', 'x', 'A') RETURNING id",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    // The account answered quiz one before; the visitor answers both now.
    db::save_response(&pool, one, Owner::User(user), &[1])
        .await
        .unwrap();
    db::save_response(&pool, one, Owner::Visitor("v-1"), &[2])
        .await
        .unwrap();
    db::save_response(&pool, two, Owner::Visitor("v-1"), &[3])
        .await
        .unwrap();
    // Answering again replaces, never duplicates.
    db::save_response(&pool, two, Owner::Visitor("v-1"), &[4])
        .await
        .unwrap();
    assert_eq!(
        db::responses(&pool, None, Some("v-1")).await.unwrap().len(),
        2
    );

    db::join_visitor(&pool, "v-1", user).await.unwrap();
    let mut mine: Vec<(i64, Vec<i64>)> = db::responses(&pool, Some(user), None)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.quiz_id, r.answer_ids))
        .collect();
    mine.sort();
    assert_eq!(
        mine,
        vec![(one, vec![2]), (two, vec![4])],
        "the newer answers win"
    );
    assert!(db::responses(&pool, None, Some("v-1"))
        .await
        .unwrap()
        .is_empty());
    assert!(db::clear(&pool, one, Owner::User(user)).await.unwrap());
    assert!(!db::clear(&pool, one, Owner::User(user)).await.unwrap());
}
