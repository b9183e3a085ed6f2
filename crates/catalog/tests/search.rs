//! Search and listing against a real PostgreSQL: Arabic spelling variants, diacritics,
//! typos, English stems, prefixes, ranking, facets, filters, sorting and the search log.

mod common;

use common::{category, product, v, P};
use dokkan_catalog::{db, index::SearchIndex, ListingQuery, Sort};
use dokkan_core::{Locale, Slug};
use sqlx::PgPool;

async fn search(pool: &PgPool, text: &str) -> Vec<String> {
    let mut q = ListingQuery::new();
    q.text = text.to_string();
    handles(pool, &q).await
}

async fn handles(pool: &PgPool, q: &ListingQuery) -> Vec<String> {
    db::listing(pool, &SearchIndex::new(), q)
        .await
        .unwrap()
        .items
        .into_iter()
        .map(|c| c.handle.to_string())
        .collect()
}

/// A small bilingual catalog with the spellings shoppers actually type.
async fn catalog(pool: &PgPool) {
    let men = category(pool, "men", "Men", "رجالي", None).await;
    let shoes = category(pool, "men-shoes", "Shoes", "أحذية", Some(men)).await;
    let tops = category(pool, "men-tops", "T-Shirts", "تيشيرتات", Some(men)).await;
    let home = category(pool, "home", "Home", "المنزل", None).await;
    let appliances = category(pool, "appliances", "Appliances", "أجهزة", Some(home)).await;
    let audio = category(pool, "audio", "Audio", "صوتيات", Some(home)).await;
    let sizes = &[("Size", "المقاس"), ("Color", "اللون")];
    product(
        pool,
        P {
            options: sizes,
            variants: vec![
                v(&[("M", "M"), ("White", "أبيض")], 25_000, 3),
                v(&[("L", "L"), ("White", "أبيض")], 25_000, 0),
                v(&[("M", "M"), ("Red", "أحمر")], 27_000, 0),
                v(&[("L", "L"), ("Red", "أحمر")], 27_000, 4),
            ],
            tags: &["summer"],
            description: ("Soft Egyptian cotton.", "قطن مصري ناعم."),
            ..P::new("cotton-tshirt", ("Cotton T-Shirt", "تي شيرت قطن"), tops)
        },
    )
    .await;
    product(
        pool,
        P {
            options: &[("Size", "المقاس")],
            variants: vec![v(&[("42", "42")], 90_000, 2), v(&[("43", "43")], 90_000, 1)],
            brand: "Sprint",
            ..P::new(
                "running-sneakers",
                ("Running Sneakers", "كوتشي جري رياضي"),
                shoes,
            )
        },
    )
    .await;
    product(
        pool,
        P {
            variants: vec![v(&[], 150_000, 7)],
            ..P::new(
                "leather-shoes",
                ("Classic Leather Shoes", "حذاء جلد كلاسيك"),
                shoes,
            )
        },
    )
    .await;
    product(
        pool,
        P {
            variants: vec![v(&[], 60_000, 5)],
            description: ("Heats fast.", "تسخن بسرعة."),
            ..P::new("steam-iron", ("Steam Iron", "مكواة بخار"), appliances)
        },
    )
    .await;
    product(
        pool,
        P {
            variants: vec![v(&[], 120_000, 5)],
            ..P::new("wall-clock", ("Wall Clock", "ساعة حائط"), appliances)
        },
    )
    .await;
    product(
        pool,
        P {
            variants: vec![v(&[], 80_000, 9)],
            ..P::new(
                "bt-headphones",
                ("Bluetooth Headphones", "سماعة بلوتوث"),
                audio,
            )
        },
    )
    .await;
    // Same name twice: only stock tells them apart.
    product(
        pool,
        P {
            variants: vec![v(&[], 30_000, 0)],
            ..P::new("mug-sold-out", ("Ceramic Mug", "مج سيراميك"), appliances)
        },
    )
    .await;
    product(
        pool,
        P {
            variants: vec![v(&[], 30_000, 6)],
            ..P::new("mug-in-stock", ("Ceramic Mug", "مج سيراميك"), appliances)
        },
    )
    .await;
    // Mentions "clock" only in its description: ranks below a product named so.
    product(
        pool,
        P {
            variants: vec![v(&[], 40_000, 6)],
            description: ("Pairs well with a wall clock.", "يناسب ساعة الحائط."),
            ..P::new("picture-frame", ("Picture Frame", "برواز صور"), appliances)
        },
    )
    .await;
    product(
        pool,
        P {
            published: false,
            ..P::new("draft-clock", ("Alarm Clock", "منبه"), appliances)
        },
    )
    .await;
}

#[sqlx::test(migrations = "../../migrations")]
async fn arabic_spelling_variants_meet(pool: PgPool) {
    catalog(&pool).await;
    // taa marbuta written as haa, hamza dropped, diacritics, tatweel, alef forms.
    for query in ["ساعه", "ساعة", "سَاعَة", "ســاعة"] {
        assert_eq!(search(&pool, query).await[0], "wall-clock", "{query}");
    }
    for query in ["مكواه", "مكواة بخار", "مِكْوَاة"] {
        assert_eq!(search(&pool, query).await, ["steam-iron"], "{query}");
    }
    for query in ["احذيه", "أحذية", "إحذية"] {
        let found = search(&pool, query).await;
        assert!(
            found.contains(&"running-sneakers".to_string()),
            "{query}: {found:?}"
        );
        assert!(
            found.contains(&"leather-shoes".to_string()),
            "{query}: {found:?}"
        );
    }
    // Arabic stemming: the definite article and a suffix.
    assert!(search(&pool, "السماعات")
        .await
        .contains(&"bt-headphones".to_string()));
}

#[sqlx::test(migrations = "../../migrations")]
async fn words_written_together_or_apart_meet(pool: PgPool) {
    catalog(&pool).await;
    assert_eq!(search(&pool, "تيشرت").await[0], "cotton-tshirt");
    assert_eq!(search(&pool, "تيشيرت").await[0], "cotton-tshirt");
    assert_eq!(search(&pool, "tshirt").await[0], "cotton-tshirt");
    assert_eq!(search(&pool, "t-shirt").await[0], "cotton-tshirt");
}

#[sqlx::test(migrations = "../../migrations")]
async fn typos_stems_and_prefixes(pool: PgPool) {
    catalog(&pool).await;
    assert_eq!(search(&pool, "sneekers").await, ["running-sneakers"]);
    assert_eq!(search(&pool, "headphnes").await, ["bt-headphones"]);
    assert_eq!(search(&pool, "sneaker").await, ["running-sneakers"]);
    assert_eq!(search(&pool, "run").await[0], "running-sneakers");
    assert_eq!(search(&pool, "head").await, ["bt-headphones"]);
    assert_eq!(search(&pool, "سماع").await, ["bt-headphones"]);
    assert_eq!(search(&pool, "ceramic mugs").await.len(), 2);
    // Stop words alone find nothing; around a real word they are ignored.
    assert!(search(&pool, "the").await.is_empty());
    assert_eq!(search(&pool, "the steam iron").await, ["steam-iron"]);
    // A brand, a tag, a category name and an option value are searchable too.
    assert_eq!(search(&pool, "sprint").await, ["running-sneakers"]);
    assert_eq!(search(&pool, "summer").await, ["cotton-tshirt"]);
    assert!(search(&pool, "appliances")
        .await
        .contains(&"steam-iron".to_string()));
    assert_eq!(search(&pool, "احمر").await, ["cotton-tshirt"]);
    // No product has both words: the ones with the word that exists, flagged partial.
    let mut q = ListingQuery::new();
    q.text = "bluetooth xqzvw".into();
    let partial = db::listing(&pool, &SearchIndex::new(), &q).await.unwrap();
    assert!(partial.partial);
    assert_eq!(partial.items[0].handle.as_str(), "bt-headphones");
    q.text = "bluetooth headphones".into();
    assert!(
        !db::listing(&pool, &SearchIndex::new(), &q)
            .await
            .unwrap()
            .partial
    );
    // Drafts never show; nonsense finds nothing.
    assert!(search(&pool, "alarm").await.is_empty());
    assert!(search(&pool, "xqzvw").await.is_empty());
}

#[sqlx::test(migrations = "../../migrations")]
async fn ranking_prefers_names_then_stock(pool: PgPool) {
    catalog(&pool).await;
    assert_eq!(
        search(&pool, "clock").await,
        ["wall-clock", "picture-frame"]
    );
    assert_eq!(
        search(&pool, "ceramic mug").await,
        ["mug-in-stock", "mug-sold-out"]
    );
    assert_eq!(
        search(&pool, "مج سيراميك").await,
        ["mug-in-stock", "mug-sold-out"]
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn category_listing_has_facets_with_disjunctive_counts(pool: PgPool) {
    catalog(&pool).await;
    let mut q = ListingQuery::new();
    q.category = Some(Slug::parse("men").unwrap());
    let all = db::listing(&pool, &SearchIndex::new(), &q).await.unwrap();
    assert_eq!(all.total, 3);
    let subcats: Vec<_> = all
        .facets
        .categories
        .iter()
        .map(|f| (f.value.as_str(), f.count))
        .collect();
    assert_eq!(subcats, [("men-shoes", 2), ("men-tops", 1)]);
    let size = all
        .facets
        .options
        .iter()
        .find(|o| o.key.as_str() == "size")
        .unwrap();
    assert_eq!(size.name.get(Locale::Ar), "المقاس");
    let counts: Vec<_> = size
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(
        counts,
        [("M", 1), ("L", 1), ("42", 1), ("43", 1)],
        "sizes read small to large"
    );
    assert_eq!(
        (all.facets.price_min, all.facets.price_max),
        (Some(25_000), Some(150_000))
    );
    assert_eq!(all.facets.in_stock, 3);

    // Size M: the T-shirt only. The size facet still counts L (its own filter is left
    // out); the colour facet counts what M leaves.
    q.options = vec![(Slug::parse("size").unwrap(), vec!["m".into()])];
    let m = db::listing(&pool, &SearchIndex::new(), &q).await.unwrap();
    assert_eq!(handles(&pool, &q).await, ["cotton-tshirt"]);
    let size = m
        .facets
        .options
        .iter()
        .find(|o| o.key.as_str() == "size")
        .unwrap();
    assert!(size.values.iter().any(|v| v.value == "L" && v.count == 1));
    assert!(size.values.iter().any(|v| v.value == "42" && v.count == 1));
    let color = m
        .facets
        .options
        .iter()
        .find(|o| o.key.as_str() == "color")
        .unwrap();
    assert_eq!(color.values.len(), 2);

    // Size M in stock: only white M is in stock, so red disappears from the colours.
    q.in_stock = true;
    let m_stock = db::listing(&pool, &SearchIndex::new(), &q).await.unwrap();
    assert_eq!(m_stock.total, 1);
    let color = m_stock
        .facets
        .options
        .iter()
        .find(|o| o.key.as_str() == "color")
        .unwrap();
    let colors: Vec<_> = color.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(colors, ["White"]);

    // M and Red must be the same variant, and that one is sold out.
    q.options
        .push((Slug::parse("color").unwrap(), vec!["Red".into()]));
    assert!(handles(&pool, &q).await.is_empty());
    q.in_stock = false;
    assert_eq!(handles(&pool, &q).await, ["cotton-tshirt"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn price_filters_sorting_and_pages(pool: PgPool) {
    catalog(&pool).await;
    let mut q = ListingQuery::new();
    q.min_price = Some(60_000);
    q.max_price = Some(120_000);
    q.sort = Sort::PriceAsc;
    assert_eq!(
        handles(&pool, &q).await,
        [
            "steam-iron",
            "bt-headphones",
            "running-sneakers",
            "wall-clock"
        ]
    );
    q.sort = Sort::PriceDesc;
    assert_eq!(handles(&pool, &q).await[0], "wall-clock");
    q.per_page = 3;
    q.page = 2;
    let page = db::listing(&pool, &SearchIndex::new(), &q).await.unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.items.len(), 1);
    q.page = 5;
    let beyond = db::listing(&pool, &SearchIndex::new(), &q).await.unwrap();
    assert_eq!((beyond.total, beyond.items.len()), (4, 0));
    // Newest first by default, in-stock products ahead of sold-out ones.
    let all = handles(&pool, &ListingQuery::new()).await;
    assert_eq!(all.last().unwrap(), "mug-sold-out");
    assert_eq!(all[0], "picture-frame");
    // An unknown category lists nothing rather than everything.
    let mut unknown = ListingQuery::new();
    unknown.category = Some(Slug::parse("nope").unwrap());
    assert_eq!(
        db::listing(&pool, &SearchIndex::new(), &unknown)
            .await
            .unwrap()
            .total,
        0
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn suggestions_and_the_search_log(pool: PgPool) {
    catalog(&pool).await;
    let s = db::suggest(&pool, &SearchIndex::new(), "سماع", 5)
        .await
        .unwrap();
    assert_eq!(s.products[0].handle.as_str(), "bt-headphones");
    let s = db::suggest(&pool, &SearchIndex::new(), "sho", 5)
        .await
        .unwrap();
    assert!(s.categories.iter().any(|c| c.slug.as_str() == "men-shoes"));
    assert!(s
        .products
        .iter()
        .any(|p| p.handle.as_str() == "leather-shoes"));
    assert!(db::suggest(&pool, &SearchIndex::new(), "  ", 5)
        .await
        .unwrap()
        .products
        .is_empty());

    db::log_search(&pool, "ساعة", Locale::Ar, 1, false)
        .await
        .unwrap();
    db::log_search(&pool, "XQZ", Locale::En, 0, false)
        .await
        .unwrap();
    db::log_search(&pool, "xqz", Locale::Ar, 0, false)
        .await
        .unwrap();
    db::log_search(&pool, "   ", Locale::Ar, 0, false)
        .await
        .unwrap();
    let logged: Vec<(String, String, i32)> =
        sqlx::query_as("SELECT query, locale, result_count FROM search_log ORDER BY id")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(logged[0], ("ساعه".to_string(), "ar".to_string(), 1));
    assert_eq!(logged.len(), 3);
    let zero = db::zero_result_queries(&pool, chrono::Utc::now() - chrono::Duration::hours(1), 10)
        .await
        .unwrap();
    assert_eq!(zero, [("xqz".to_string(), 2)]);
}

/// One index kept across writes, as a server keeps it: every write made through SQL
/// (by this process or any other) shows in the next listing.
#[sqlx::test(migrations = "../../migrations")]
async fn the_index_follows_every_write(pool: PgPool) {
    catalog(&pool).await;
    let index = SearchIndex::new();
    let find = |text: &str| {
        let mut q = ListingQuery::new();
        q.text = text.to_string();
        q
    };
    let names = |listing: dokkan_catalog::Listing| -> Vec<String> {
        listing
            .items
            .into_iter()
            .map(|c| c.handle.to_string())
            .collect()
    };
    let listed = db::listing(&pool, &index, &find("clock")).await.unwrap();
    assert_eq!(names(listed), ["wall-clock", "picture-frame"]);

    // A new product, a rename that changes its words, a sold-out variant, an unpublish.
    let appliances: i64 = sqlx::query_scalar("SELECT id FROM categories WHERE slug = 'appliances'")
        .fetch_one(&pool)
        .await
        .unwrap();
    product(
        &pool,
        P {
            variants: vec![v(&[], 70_000, 2)],
            ..P::new("cuckoo-clock", ("Cuckoo Clock", "ساعة كوكو"), appliances)
        },
    )
    .await;
    sqlx::query("UPDATE products SET published = false WHERE handle = 'picture-frame'")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE products SET search_name = search_name || ' chronometer' WHERE handle = 'steam-iron'",
    )
    .execute(&pool)
    .await
    .unwrap();
    let listed = db::listing(&pool, &index, &find("clock")).await.unwrap();
    assert_eq!(names(listed), ["wall-clock", "cuckoo-clock"]);
    assert_eq!(
        names(
            db::listing(&pool, &index, &find("chronometer"))
                .await
                .unwrap()
        ),
        ["steam-iron"]
    );

    // The last white M T-shirt sells out: "in stock" with size M finds nothing now.
    let mut m_in_stock = ListingQuery::new();
    m_in_stock.options = vec![(Slug::parse("size").unwrap(), vec!["M".into()])];
    m_in_stock.in_stock = true;
    assert_eq!(
        db::listing(&pool, &index, &m_in_stock).await.unwrap().total,
        1
    );
    sqlx::query(
        "UPDATE product_variants SET stock = 0
          WHERE product_id = (SELECT id FROM products WHERE handle = 'cotton-tshirt')",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        db::listing(&pool, &index, &m_in_stock).await.unwrap().total,
        0
    );

    // A deleted product leaves the index.
    sqlx::query("DELETE FROM products WHERE handle = 'wall-clock'")
        .execute(&pool)
        .await
        .unwrap();
    let listed = db::listing(&pool, &index, &find("clock")).await.unwrap();
    assert_eq!(names(listed), ["cuckoo-clock"]);
}

/// A sale that leaves stock above zero changes nothing a listing shows: no change is
/// recorded (checkout must not queue behind the catalog's change counter for nothing).
#[sqlx::test(migrations = "../../migrations")]
async fn stock_moves_above_zero_record_no_change(pool: PgPool) {
    catalog(&pool).await;
    let generation = || async {
        sqlx::query_scalar::<_, i64>("SELECT generation FROM catalog_generation")
            .fetch_one(&pool)
            .await
            .unwrap()
    };
    let stock = |sql: &'static str| {
        let pool = pool.clone();
        async move { sqlx::query(sql).execute(&pool).await.unwrap() }
    };
    let before = generation().await;
    stock("UPDATE product_variants SET stock = stock - 1 WHERE stock > 1").await;
    let after = generation().await;
    assert_eq!(before, after);
    stock("UPDATE product_variants SET stock = 0 WHERE stock = 1").await;
    assert!(generation().await > after);
}
