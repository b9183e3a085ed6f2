//! Catalog queries against a real PostgreSQL, a fresh database per test.

use dokkan_catalog::{db, seed};
use dokkan_core::{Locale, Money, Slug};
use sqlx::PgPool;

fn slug(s: &str) -> Slug {
    Slug::parse(s).unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn migrations_create_an_empty_catalog(pool: PgPool) {
    assert_eq!(db::count_products(&pool).await.unwrap(), 0);
    assert!(db::list_categories(&pool).await.unwrap().is_empty());
}

#[sqlx::test(migrations = "../../migrations")]
async fn seed_loads_once_and_is_idempotent(pool: PgPool) {
    let first = seed::load_demo(&pool, false).await.unwrap();
    assert!(first.categories_added >= 4);
    assert!(first.products_added >= 24);
    let second = seed::load_demo(&pool, false).await.unwrap();
    assert_eq!((second.categories_added, second.products_added), (0, 0));
    let skipped = seed::load_demo(&pool, true).await.unwrap();
    assert!(skipped.skipped);
    assert_eq!(
        db::count_products(&pool).await.unwrap(),
        first.products_added as i64
    );
    let images: i64 = sqlx::query_scalar("SELECT count(*) FROM product_images")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        images >= first.products_added as i64,
        "every product has an image"
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn seeded_text_is_bilingual(pool: PgPool) {
    seed::load_demo(&pool, false).await.unwrap();
    let arabic = |s: &str| s.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    for category in db::list_categories(&pool).await.unwrap() {
        assert!(arabic(category.name.get(Locale::Ar)), "{}", category.slug);
        assert!(!arabic(category.name.get(Locale::En)), "{}", category.slug);
        let page = db::category_page(&pool, &category.slug)
            .await
            .unwrap()
            .unwrap();
        for card in page.products {
            assert!(arabic(card.name.get(Locale::Ar)), "{}", card.handle);
            assert!(card.price.minor() > 0);
        }
    }
}

async fn insert_category(pool: &PgPool, slug: &str, position: i32) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar, position) VALUES ($1, $1, 'قسم', $2) RETURNING id",
    )
    .bind(slug)
    .bind(position)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn insert_product(
    pool: &PgPool,
    category: i64,
    handle: &str,
    price: i64,
    featured: bool,
    published: bool,
) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO products (handle, category_id, name_en, name_ar, description_en, description_ar,
                               price_minor, featured, published)
         VALUES ($1, $2, $1, 'منتج', 'An item', 'صنف', $3, $4, $5) RETURNING id",
    )
    .bind(handle)
    .bind(category)
    .bind(price)
    .bind(featured)
    .bind(published)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn categories_come_in_merchant_order(pool: PgPool) {
    insert_category(&pool, "second", 2).await;
    insert_category(&pool, "first", 1).await;
    let slugs: Vec<String> = db::list_categories(&pool)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.slug.to_string())
        .collect();
    assert_eq!(slugs, ["first", "second"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn featured_lists_only_published_featured_products_with_first_image(pool: PgPool) {
    let c = insert_category(&pool, "tea", 1).await;
    let shown = insert_product(&pool, c, "shown", 1500, true, true).await;
    insert_product(&pool, c, "not-featured", 1500, false, true).await;
    insert_product(&pool, c, "hidden", 1500, true, false).await;
    for (position, path) in [(1, "/b.svg"), (0, "/a.svg")] {
        sqlx::query("INSERT INTO product_images (product_id, position, path, alt_en, alt_ar) VALUES ($1, $2, $3, 'alt', 'بديل')")
            .bind(shown)
            .bind(position)
            .bind(path)
            .execute(&pool)
            .await
            .unwrap();
    }
    let featured = db::featured_products(&pool, 10).await.unwrap();
    assert_eq!(featured.len(), 1);
    assert_eq!(featured[0].handle, slug("shown"));
    assert_eq!(featured[0].price, Money::egp(1500));
    assert_eq!(featured[0].image.as_ref().unwrap().path, "/a.svg");
    assert_eq!(db::featured_products(&pool, 0).await.unwrap().len(), 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn category_page_lists_published_products_and_misses_unknown_slugs(pool: PgPool) {
    let tea = insert_category(&pool, "tea", 1).await;
    let coffee = insert_category(&pool, "coffee", 2).await;
    insert_product(&pool, tea, "green-tea", 100, false, true).await;
    insert_product(&pool, tea, "draft-tea", 100, false, false).await;
    insert_product(&pool, coffee, "espresso", 100, false, true).await;
    let page = db::category_page(&pool, &slug("tea"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.category.slug, slug("tea"));
    let handles: Vec<_> = page.products.iter().map(|p| p.handle.to_string()).collect();
    assert_eq!(handles, ["green-tea"]);
    assert!(page.products[0].image.is_none());
    assert!(db::category_page(&pool, &slug("nope"))
        .await
        .unwrap()
        .is_none());
}

#[sqlx::test(migrations = "../../migrations")]
async fn product_by_handle_has_category_images_and_related(pool: PgPool) {
    let tea = insert_category(&pool, "tea", 1).await;
    let id = insert_product(&pool, tea, "green-tea", 4999, false, true).await;
    insert_product(&pool, tea, "black-tea", 100, false, true).await;
    insert_product(&pool, tea, "draft-tea", 100, false, false).await;
    sqlx::query("INSERT INTO product_images (product_id, position, path, alt_en, alt_ar) VALUES ($1, 0, '/g.svg', 'Green', 'أخضر')")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let product = db::product_by_handle(&pool, &slug("green-tea"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(product.price.format(Locale::En), "EGP 49.99");
    assert_eq!(product.category.slug, slug("tea"));
    assert_eq!(product.images.len(), 1);
    assert_eq!(product.images[0].alt.get(Locale::Ar), "أخضر");
    assert!(db::product_by_handle(&pool, &slug("draft-tea"))
        .await
        .unwrap()
        .is_none());
    assert!(db::product_by_handle(&pool, &slug("missing"))
        .await
        .unwrap()
        .is_none());
    let related: Vec<_> = db::related_products(&pool, &slug("green-tea"), 4)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.handle.to_string())
        .collect();
    assert_eq!(related, ["black-tea"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn schema_rejects_bad_slugs_and_negative_prices(pool: PgPool) {
    let bad_slug = sqlx::query(
        "INSERT INTO categories (slug, name_en, name_ar) VALUES ('Bad Slug', 'x', 'س')",
    )
    .execute(&pool)
    .await;
    assert!(bad_slug.is_err());
    let c = insert_category(&pool, "ok", 1).await;
    let negative = sqlx::query(
        "INSERT INTO products (handle, category_id, name_en, name_ar, price_minor) VALUES ('p', $1, 'x', 'س', -1)",
    )
    .bind(c)
    .execute(&pool)
    .await;
    assert!(negative.is_err());
}
