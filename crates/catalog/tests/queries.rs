//! Catalog reads against a real PostgreSQL, a fresh database per test.

mod common;

use common::{category, product, v, P};
use dokkan_catalog::db;
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
async fn categories_form_an_ordered_tree(pool: PgPool) {
    let women = category(&pool, "women", "Women", "حريمي", None).await;
    let men = category(&pool, "men", "Men", "رجالي", None).await;
    category(&pool, "women-bags", "Bags", "شنط", Some(women)).await;
    category(&pool, "men-shoes", "Shoes", "أحذية", Some(men)).await;
    category(&pool, "men-shirts", "Shirts", "قمصان", Some(men)).await;
    let tree = db::category_tree(&pool).await.unwrap();
    let shape: Vec<(String, Vec<String>)> = tree
        .iter()
        .map(|n| {
            (
                n.category.slug.to_string(),
                n.children
                    .iter()
                    .map(|c| c.category.slug.to_string())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            ("women".to_string(), vec!["women-bags".to_string()]),
            (
                "men".to_string(),
                vec!["men-shoes".to_string(), "men-shirts".to_string()]
            ),
        ]
    );
    let path = db::category_path(&pool, &slug("men-shoes")).await.unwrap();
    let names: Vec<_> = path.iter().map(|c| c.name.get(Locale::Ar)).collect();
    assert_eq!(names, ["رجالي", "أحذية"]);
    assert!(db::category_by_slug(&pool, &slug("nope"))
        .await
        .unwrap()
        .is_none());
}

#[sqlx::test(migrations = "../../migrations")]
async fn product_has_options_variants_images_and_a_trail(pool: PgPool) {
    let men = category(&pool, "men", "Men", "رجالي", None).await;
    let tops = category(&pool, "men-tops", "Tops", "تيشيرتات", Some(men)).await;
    let id = product(
        &pool,
        P {
            options: &[("Size", "المقاس"), ("Color", "اللون")],
            variants: vec![
                v(&[("M", "M"), ("Red", "أحمر")], 25_000, 0),
                v(&[("L", "L"), ("Red", "أحمر")], 27_000, 4),
                v(&[("M", "M"), ("Blue", "أزرق")], 25_000, 2),
            ],
            brand: "Nile",
            ..P::new("tee", ("Tee", "تيشيرت"), tops)
        },
    )
    .await;
    product(&pool, P::new("other-tee", ("Other", "آخر"), tops)).await;
    product(
        &pool,
        P {
            published: false,
            ..P::new("draft-tee", ("Draft", "مسودة"), tops)
        },
    )
    .await;
    sqlx::query(
        "INSERT INTO product_images (product_id, position, path, alt_en, alt_ar) VALUES
         ($1, 1, '/b.png', 'B', 'ب'), ($1, 0, '/a.png', 'A', 'أ')",
    )
    .bind(id)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE product_variants SET image_id = (SELECT id FROM product_images WHERE path = '/b.png')
          WHERE sku = 'TEE-1'",
    )
    .execute(&pool)
    .await
    .unwrap();

    let p = db::product_by_handle(&pool, &slug("tee"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.brand, "Nile");
    assert_eq!(p.breadcrumbs.len(), 2);
    assert_eq!(p.images[0].path, "/a.png");
    let keys: Vec<_> = p.options.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["size", "color"]);
    assert_eq!(p.options[0].values.len(), 2);
    assert_eq!(p.options[1].values[1].get(Locale::Ar), "أزرق");
    assert_eq!(p.variants.len(), 3);
    assert_eq!(p.variants[1].price, Money::egp(27_000));
    assert_eq!(p.variants[1].image, Some(1));
    assert_eq!(p.default_variant().sku.as_str(), "TEE-1", "first in stock");
    assert!(p.in_stock());

    // The trigger keeps the product's summary equal to its variants.
    let card = &db::related_products(&pool, &slug("other-tee"), 4)
        .await
        .unwrap()[0];
    assert_eq!(
        (card.handle.as_str(), card.price, card.in_stock),
        ("tee", Money::egp(25_000), true)
    );
    sqlx::query("UPDATE product_variants SET stock = 0 WHERE product_id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let card = &db::related_products(&pool, &slug("other-tee"), 4)
        .await
        .unwrap()[0];
    assert!(!card.in_stock);

    assert!(db::product_by_handle(&pool, &slug("draft-tee"))
        .await
        .unwrap()
        .is_none());
    assert!(db::product_by_handle(&pool, &slug("missing"))
        .await
        .unwrap()
        .is_none());
    let related: Vec<_> = db::related_products(&pool, &slug("tee"), 4)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.handle.to_string())
        .collect();
    assert_eq!(related, ["other-tee"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn sitemap_lists_published_products_and_every_category(pool: PgPool) {
    let c = category(&pool, "tea", "Tea", "شاي", None).await;
    product(&pool, P::new("green-tea", ("Green tea", "شاي أخضر"), c)).await;
    product(
        &pool,
        P {
            published: false,
            ..P::new("draft", ("Draft", "مسودة"), c)
        },
    )
    .await;
    let entries = db::sitemap_entries(&pool).await.unwrap();
    let handles: Vec<_> = entries.products.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(handles, ["green-tea"]);
    assert_eq!(entries.categories.len(), 1);
    assert_eq!(entries.products[0].1.len(), "2026-01-01".len());
}

#[sqlx::test(migrations = "../../migrations")]
async fn schema_refuses_broken_rows(pool: PgPool) {
    let bad_slug = sqlx::query(
        "INSERT INTO categories (slug, name_en, name_ar) VALUES ('Bad Slug', 'x', 'س')",
    )
    .execute(&pool)
    .await;
    assert!(bad_slug.is_err());
    let c = category(&pool, "ok", "Ok", "تمام", None).await;
    let id = product(&pool, P::new("p", ("P", "ب"), c)).await;
    for (sql, what) in [
        (
            "UPDATE product_variants SET stock = -1 WHERE product_id = $1",
            "negative stock",
        ),
        (
            "UPDATE product_variants SET price_minor = -1 WHERE product_id = $1",
            "negative price",
        ),
        (
            "UPDATE product_variants SET compare_at_minor = 1 WHERE product_id = $1",
            "compare-at below price",
        ),
        (
            "UPDATE product_variants SET sku = 'lower' WHERE product_id = $1",
            "lower-case SKU",
        ),
    ] {
        assert!(
            sqlx::query(sql).bind(id).execute(&pool).await.is_err(),
            "{what}"
        );
    }
    // A category cannot be its own parent.
    assert!(sqlx::query("UPDATE categories SET parent_id = id")
        .execute(&pool)
        .await
        .is_err());
}
