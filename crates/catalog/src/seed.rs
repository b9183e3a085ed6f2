//! The demo catalog (`seed/demo.json`): loaded in one transaction, idempotently.

use crate::CatalogError;
use dokkan_core::Slug;
use serde::Deserialize;
use sqlx::PgPool;

const DEMO: &str = include_str!("../seed/demo.json");

#[derive(Deserialize)]
struct SeedFile {
    categories: Vec<SeedCategory>,
    products: Vec<SeedProduct>,
}

#[derive(Deserialize)]
struct SeedCategory {
    slug: Slug,
    name_en: String,
    name_ar: String,
    description_en: String,
    description_ar: String,
    position: i32,
}

#[derive(Deserialize)]
struct SeedProduct {
    handle: Slug,
    category: Slug,
    name_en: String,
    name_ar: String,
    description_en: String,
    description_ar: String,
    price_minor: i64,
    featured: bool,
    images: Vec<SeedImage>,
}

#[derive(Deserialize)]
struct SeedImage {
    path: String,
    alt_en: String,
    alt_ar: String,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub categories_added: u64,
    pub products_added: u64,
    /// True when the catalog already had products and `only_if_empty` was asked.
    pub skipped: bool,
}

fn demo() -> Result<SeedFile, CatalogError> {
    let file: SeedFile =
        serde_json::from_str(DEMO).map_err(|e| CatalogError::InvalidSeed(e.to_string()))?;
    for p in &file.products {
        if !file.categories.iter().any(|c| c.slug == p.category) {
            return Err(CatalogError::InvalidSeed(format!(
                "{} names unknown category {}",
                p.handle, p.category
            )));
        }
        if p.price_minor < 0 {
            return Err(CatalogError::InvalidSeed(format!(
                "{} has a negative price",
                p.handle
            )));
        }
    }
    Ok(file)
}

/// Loads the demo catalog. Rows already present (same slug or handle) are left as they
/// are, so running it twice changes nothing.
pub async fn load_demo(pool: &PgPool, only_if_empty: bool) -> Result<SeedReport, CatalogError> {
    let file = demo()?;
    let mut tx = pool.begin().await?;
    // One seeder at a time, so two instances starting together cannot interleave.
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('dokkan-seed'))")
        .execute(&mut *tx)
        .await?;
    if only_if_empty {
        let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM products")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Ok(SeedReport {
                skipped: true,
                ..SeedReport::default()
            });
        }
    }
    let mut report = SeedReport::default();
    for c in &file.categories {
        report.categories_added += sqlx::query(
            "INSERT INTO categories (slug, name_en, name_ar, description_en, description_ar, position)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (slug) DO NOTHING",
        )
        .bind(c.slug.as_str())
        .bind(&c.name_en)
        .bind(&c.name_ar)
        .bind(&c.description_en)
        .bind(&c.description_ar)
        .bind(c.position)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    // Seeded products get distinct, ordered creation times so "newest" is stable.
    let count = file.products.len() as i64;
    for (index, p) in file.products.iter().enumerate() {
        let inserted: Option<i64> = sqlx::query_scalar(
            "INSERT INTO products (handle, category_id, name_en, name_ar, description_en, description_ar,
                                   price_minor, currency, featured, created_at)
             SELECT $1, id, $2, $3, $4, $5, $6, 'EGP', $7, now() - make_interval(mins => $8::int)
               FROM categories WHERE slug = $9
             ON CONFLICT (handle) DO NOTHING
             RETURNING id",
        )
        .bind(p.handle.as_str())
        .bind(&p.name_en)
        .bind(&p.name_ar)
        .bind(&p.description_en)
        .bind(&p.description_ar)
        .bind(p.price_minor)
        .bind(p.featured)
        .bind((count - index as i64) as i32)
        .bind(p.category.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(product_id) = inserted else { continue };
        report.products_added += 1;
        for (position, image) in p.images.iter().enumerate() {
            sqlx::query(
                "INSERT INTO product_images (product_id, position, path, alt_en, alt_ar)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(product_id)
            .bind(position as i32)
            .bind(&image.path)
            .bind(&image.alt_en)
            .bind(&image.alt_ar)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    tracing::info!(
        categories = report.categories_added,
        products = report.products_added,
        "demo catalog seeded"
    );
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_file_is_valid() {
        let file = super::demo().expect("seed/demo.json parses and is consistent");
        assert!(file.categories.len() >= 4);
        assert!(file.products.len() >= 24);
        assert!(file
            .products
            .iter()
            .all(|p| p.price_minor > 0 && !p.images.is_empty()));
    }
}
