//! Builders for catalog rows in tests: a category tree and products with options,
//! variants and search columns, written the way the importer writes them.
#![allow(dead_code)]

use dokkan_catalog::search_text::{normalize, SearchDocument};
use sqlx::PgPool;

pub async fn category(pool: &PgPool, slug: &str, en: &str, ar: &str, parent: Option<i64>) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO categories (slug, name_en, name_ar, parent_id, position, search_name)
         VALUES ($1, $2, $3, $4, (SELECT count(*) FROM categories), $5) RETURNING id",
    )
    .bind(slug)
    .bind(en)
    .bind(ar)
    .bind(parent)
    .bind(format!("{} {}", normalize(en), normalize(ar)))
    .fetch_one(pool)
    .await
    .unwrap()
}

/// A variant: option values (en, ar) in option order, price in minor units, stock.
pub struct V<'a> {
    pub values: &'a [(&'a str, &'a str)],
    pub price: i64,
    pub compare_at: Option<i64>,
    pub stock: i32,
}

pub fn v<'a>(values: &'a [(&'a str, &'a str)], price: i64, stock: i32) -> V<'a> {
    V {
        values,
        price,
        compare_at: None,
        stock,
    }
}

pub struct P<'a> {
    pub handle: &'a str,
    pub name: (&'a str, &'a str),
    pub description: (&'a str, &'a str),
    pub brand: &'a str,
    pub tags: &'a [&'a str],
    pub category: i64,
    /// Option names (en, ar); keys are the lower-cased English names.
    pub options: &'a [(&'a str, &'a str)],
    pub variants: Vec<V<'a>>,
    pub published: bool,
}

impl<'a> P<'a> {
    pub fn new(handle: &'a str, name: (&'a str, &'a str), category: i64) -> Self {
        P {
            handle,
            name,
            description: ("", ""),
            brand: "",
            tags: &[],
            category,
            options: &[],
            variants: vec![v(&[], 10_000, 5)],
            published: true,
        }
    }
}

pub async fn product(pool: &PgPool, p: P<'_>) -> i64 {
    let path: Vec<(String, String)> = sqlx::query_as(
        "WITH RECURSIVE up AS (
             SELECT id, parent_id, name_en, name_ar, 0 AS d FROM categories WHERE id = $1
             UNION ALL SELECT c.id, c.parent_id, c.name_en, c.name_ar, up.d + 1
               FROM categories c JOIN up ON c.id = up.parent_id)
         SELECT name_en, name_ar FROM up ORDER BY d DESC",
    )
    .bind(p.category)
    .fetch_all(pool)
    .await
    .unwrap();
    let values: Vec<(&str, &str)> = p
        .variants
        .iter()
        .flat_map(|v| v.values.iter().copied())
        .collect();
    let doc = SearchDocument::build(
        p.name,
        p.brand,
        p.tags.iter().copied(),
        path.iter().map(|(en, ar)| (en.as_str(), ar.as_str())),
        values.iter().copied(),
        p.description,
    );
    let tags: Vec<String> = p.tags.iter().map(|t| t.to_string()).collect();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO products (handle, category_id, name_en, name_ar, description_en, description_ar,
                               brand, tags, price_minor, published, search_name, search_terms, search_body,
                               created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11, $12,
                 now() + make_interval(secs => (SELECT count(*) FROM products)))
         RETURNING id",
    )
    .bind(p.handle)
    .bind(p.category)
    .bind(p.name.0)
    .bind(p.name.1)
    .bind(p.description.0)
    .bind(p.description.1)
    .bind(p.brand)
    .bind(&tags)
    .bind(p.published)
    .bind(&doc.name)
    .bind(&doc.terms)
    .bind(&doc.body)
    .fetch_one(pool)
    .await
    .unwrap();
    let mut option_ids = Vec::new();
    for (position, (en, ar)) in p.options.iter().enumerate() {
        let option: i64 = sqlx::query_scalar(
            "INSERT INTO product_options (product_id, position, name_en, name_ar, key)
             VALUES ($1, $2, $3, $4, lower($3)) RETURNING id",
        )
        .bind(id)
        .bind(position as i16 + 1)
        .bind(en)
        .bind(ar)
        .fetch_one(pool)
        .await
        .unwrap();
        option_ids.push(option);
    }
    for (position, variant) in p.variants.iter().enumerate() {
        let variant_id: i64 = sqlx::query_scalar(
            "INSERT INTO product_variants (product_id, position, sku, price_minor, compare_at_minor, stock)
             VALUES ($1, $2, upper($3 || '-' || $2), $4, $5, $6) RETURNING id",
        )
        .bind(id)
        .bind(position as i32)
        .bind(p.handle)
        .bind(variant.price)
        .bind(variant.compare_at)
        .bind(variant.stock)
        .fetch_one(pool)
        .await
        .unwrap();
        for (option, (en, ar)) in option_ids.iter().zip(variant.values) {
            sqlx::query(
                "INSERT INTO variant_option_values (variant_id, option_id, value_en, value_ar)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(variant_id)
            .bind(option)
            .bind(en)
            .bind(ar)
            .execute(pool)
            .await
            .unwrap();
        }
    }
    id
}
