//! Search in the shopper's own words, against a real PostgreSQL: Egyptian dialect words
//! the catalog does not use, Arabizi, brands across scripts, corrections that respect
//! meaning, the product before its accessories, the shop's own synonyms (on every
//! instance at the next search), and the staff explanation.

mod common;

use common::{category, product, v, P};
use dokkan_catalog::{db, index::SearchIndex, index::Via, ListingQuery};
use sqlx::PgPool;

async fn search(pool: &PgPool, index: &SearchIndex, text: &str) -> Vec<String> {
    let mut q = ListingQuery::new();
    q.text = text.to_string();
    db::listing(pool, index, &q)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.handle.to_string())
        .collect()
}

/// Written the way shops write: the standard word, never the everyday one.
async fn catalog(pool: &PgPool) {
    let home = category(pool, "home", "Home", "المنزل", None).await;
    let kitchen = category(pool, "kitchen", "Kitchen", "المطبخ", None).await;
    let fashion = category(pool, "fashion", "Fashion", "أزياء", None).await;
    let phones = category(pool, "phones", "Phones", "هواتف", None).await;
    let accessories = category(
        pool,
        "phone-accessories",
        "Phone Accessories",
        "إكسسوارات",
        None,
    )
    .await;
    let grocery = category(pool, "grocery", "Grocery", "بقالة", None).await;
    for (handle, en, ar, cat) in [
        (
            "grey-sofa",
            "Grey Three-Seater Sofa",
            "أريكة رمادية ثلاثية",
            home,
        ),
        ("beige-sofa", "Beige Sofa", "أريكة بيج", home),
        (
            "sofa-cover",
            "Stretch Cover for Sofa",
            "غطاء مطاطي للأريكة",
            home,
        ),
        (
            "gas-cooker",
            "Gas Cooker 5 Burners",
            "موقد غاز 5 شعلات",
            kitchen,
        ),
        ("ceramic-cup", "Ceramic Cup", "كوب سيراميك", kitchen),
        ("tea-cup-set", "Tea Cup Set", "طقم أكواب شاي", kitchen),
        ("wool-coat", "Wool Coat", "معطف صوف", fashion),
        (
            "cotton-socks",
            "Cotton Socks 3 Pack",
            "جوارب قطن 3 أزواج",
            fashion,
        ),
        ("leather-belt", "Leather Belt", "حزام جلد", fashion),
        ("white-shirt", "White Shirt", "قميص أبيض", fashion),
        ("kids-cap", "Kids Baseball Hat", "قبعة أطفال", fashion),
    ] {
        product(
            pool,
            P {
                variants: vec![v(&[], 50_000, 4)],
                ..P::new(handle, (en, ar), cat)
            },
        )
        .await;
    }
    product(
        pool,
        P {
            brand: "Samsung",
            ..P::new(
                "galaxy-a55",
                (
                    "Samsung Galaxy A55 256GB Awesome Navy 5G Dual SIM",
                    "سامسونج جالاكسي A55 ذاكرة 256 جيجا",
                ),
                phones,
            )
        },
    )
    .await;
    product(
        pool,
        P::new(
            "a55-case",
            ("Galaxy A55 Case", "جراب جالاكسي A55"),
            accessories,
        ),
    )
    .await;
    product(
        pool,
        P::new(
            "a55-glass",
            (
                "Glass Screen Protector for Galaxy A55",
                "واقي شاشة زجاج جالاكسي A55",
            ),
            accessories,
        ),
    )
    .await;
    product(
        pool,
        P {
            description: (
                "Brew it in a kettle or a French press.",
                "حضّرها في غلاية أو مكبس فرنسي.",
            ),
            ..P::new(
                "ground-coffee",
                ("Ground Coffee 250g", "بن مطحون 250 جرام"),
                grocery,
            )
        },
    )
    .await;
}

#[sqlx::test(migrations = "../../migrations")]
async fn everyday_egyptian_words_find_the_standard_ones(pool: PgPool) {
    catalog(&pool).await;
    let index = SearchIndex::new();
    let sofas = search(&pool, &index, "كنبة").await;
    assert_eq!(&sofas[..2], ["beige-sofa", "grey-sofa"], "{sofas:?}");
    assert_eq!(search(&pool, &index, "الكنبه").await.len(), sofas.len());
    assert_eq!(search(&pool, &index, "كنبة رمادي").await[0], "grey-sofa");
    assert_eq!(search(&pool, &index, "بوتاجاز").await, ["gas-cooker"]);
    assert_eq!(search(&pool, &index, "بالطو").await, ["wool-coat"]);
    assert_eq!(search(&pool, &index, "شراب قطن").await, ["cotton-socks"]);
    // The word as typed still comes first: the lexicon only adds.
    assert_eq!(search(&pool, &index, "أريكة").await[..2], sofas[..2]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn arabizi_is_read_as_arabic_and_english_stays_english(pool: PgPool) {
    catalog(&pool).await;
    let index = SearchIndex::new();
    assert_eq!(
        search(&pool, &index, "kanaba").await[..2],
        ["beige-sofa", "grey-sofa"]
    );
    assert_eq!(search(&pool, &index, "7ezam gild").await, ["leather-belt"]);
    assert_eq!(search(&pool, &index, "2amees").await, ["white-shirt"]);
    assert_eq!(search(&pool, &index, "botagaz").await, ["gas-cooker"]);
    // English words and brands the catalog has are searched as they are.
    assert_eq!(
        search(&pool, &index, "sofa").await[..2],
        ["beige-sofa", "grey-sofa"]
    );
    assert_eq!(search(&pool, &index, "samsung").await, ["galaxy-a55"]);
    // Brands meet across scripts.
    assert_eq!(search(&pool, &index, "سامسونج").await, ["galaxy-a55"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_dialect_word_is_never_corrected_into_another_word(pool: PgPool) {
    catalog(&pool).await;
    let index = SearchIndex::new();
    // كاب is a cap, one letter from كوب (cup): the shop's hat, never its cups.
    assert_eq!(search(&pool, &index, "كاب").await, ["kids-cap"]);
    sqlx::query("DELETE FROM products WHERE handle = 'kids-cap'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(search(&pool, &index, "كاب").await.is_empty());
    // A plain slip of the finger is still corrected.
    assert_eq!(search(&pool, &index, "كوبب سيراميك").await, ["ceramic-cup"]);
    // `sofaa` is not read as Arabizi صوفا, whose stem صوف (wool) the coat has: only a
    // spelling the catalog writes as it is counts.
    assert_eq!(
        search(&pool, &index, "sofaa").await,
        ["beige-sofa", "grey-sofa", "sofa-cover"]
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_product_comes_before_what_goes_with_it(pool: PgPool) {
    catalog(&pool).await;
    let index = SearchIndex::new();
    let found = search(&pool, &index, "galaxy a55").await;
    assert_eq!(found[0], "galaxy-a55", "{found:?}");
    let found = search(&pool, &index, "جالاكسي A55").await;
    assert_eq!(found[0], "galaxy-a55", "{found:?}");
    assert_eq!(search(&pool, &index, "جراب a55").await[0], "a55-case");
    // The shop sells no kettle: the coffee that mentions one is not an answer.
    assert!(search(&pool, &index, "kettle").await.is_empty());
    assert!(search(&pool, &index, "غلاية").await.is_empty());
    // Nor is anything else.
    assert!(search(&pool, &index, "ثلاجة").await.is_empty());
}

#[sqlx::test(migrations = "../../migrations")]
async fn shop_synonyms_apply_at_the_next_search_on_every_instance(pool: PgPool) {
    catalog(&pool).await;
    let (one, two) = (SearchIndex::new(), SearchIndex::new());
    assert!(search(&pool, &one, "zorba").await.is_empty());
    assert!(search(&pool, &two, "fotya").await.is_empty());
    let mut tx = pool.begin().await.unwrap();
    let id = db::synonyms::add(&mut tx, "zorba", "أريكة رمادية", false)
        .await
        .unwrap()
        .unwrap();
    db::synonyms::add(&mut tx, "fotya", "كوب، أكواب", true)
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(search(&pool, &one, "zorba").await, ["grey-sofa"]);
    assert_eq!(search(&pool, &two, "zorba").await, ["grey-sofa"]);
    assert_eq!(search(&pool, &two, "fotya").await.len(), 2);
    let mut tx = pool.begin().await.unwrap();
    assert!(db::synonyms::remove(&mut tx, id).await.unwrap());
    tx.commit().await.unwrap();
    assert!(search(&pool, &one, "zorba").await.is_empty());
    assert_eq!(search(&pool, &one, "fotya").await.len(), 2);
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_explanation_says_why_each_product_matched(pool: PgPool) {
    catalog(&pool).await;
    let index = SearchIndex::new();
    let mut q = ListingQuery::new();
    q.text = "kanaba".into();
    let (listing, explained) = db::listing_explained(&pool, &index, &q).await.unwrap();
    let explained = explained.unwrap();
    assert_eq!(explained.products.len(), listing.items.len());
    let word = &explained.words[0];
    assert_eq!(word.word, "kanaba");
    assert!(word.readings.iter().any(|r| r.via == Via::Lexicon
        && r.text == "اريكه"
        && r.through.as_deref() == Some("كنبه")));
    let sofa = &explained.products[0].groups[0];
    assert_eq!(sofa.via, Some(Via::Lexicon));
    assert_eq!(sofa.field, Some("name"));
    // No search, nothing to explain.
    q.text.clear();
    assert!(db::listing_explained(&pool, &index, &q)
        .await
        .unwrap()
        .1
        .is_none());
}
