//! Reads for the storefront: the category tree, one category, one product, short lists.

use super::rows::{self, cards, CardRow, CategoryRow, CARD_COLUMNS, CATEGORY_COLUMNS};
use crate::{
    CatalogError, Category, CategoryLink, CategoryNode, Image, Localized, Product, ProductCard,
    ProductOption, Variant,
};
use dokkan_core::Slug;
use sqlx::{FromRow, PgPool};

/// Every category, parents before children, siblings in the merchant's order.
pub async fn list_categories(pool: &PgPool) -> Result<Vec<Category>, CatalogError> {
    sqlx::query_as::<_, CategoryRow>(&format!(
        "SELECT {CATEGORY_COLUMNS} ORDER BY c.parent_id NULLS FIRST, c.position, c.id"
    ))
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(Category::try_from)
    .collect()
}

/// The categories as a tree: top-level ones with their children, each level ordered.
pub async fn category_tree(pool: &PgPool) -> Result<Vec<CategoryNode>, CatalogError> {
    Ok(build_tree(list_categories(pool).await?))
}

/// Arranges a flat list (as `list_categories` returns it) into a tree, keeping order.
pub fn build_tree(categories: Vec<Category>) -> Vec<CategoryNode> {
    fn children_of(parent: Option<&Slug>, all: &[Category]) -> Vec<CategoryNode> {
        all.iter()
            .filter(|c| c.parent.as_ref() == parent)
            .map(|c| CategoryNode {
                category: c.clone(),
                children: children_of(Some(&c.slug), all),
            })
            .collect()
    }
    children_of(None, &categories)
}

/// One category; `None` when no category has that slug.
pub async fn category_by_slug(
    pool: &PgPool,
    slug: &Slug,
) -> Result<Option<Category>, CatalogError> {
    sqlx::query_as::<_, CategoryRow>(&format!("SELECT {CATEGORY_COLUMNS} WHERE c.slug = $1"))
        .bind(slug.as_str())
        .fetch_optional(pool)
        .await?
        .map(Category::try_from)
        .transpose()
}

/// The path from the top-level category down to `slug`, for breadcrumbs.
pub async fn category_path(pool: &PgPool, slug: &Slug) -> Result<Vec<CategoryLink>, CatalogError> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "WITH RECURSIVE up AS (
             SELECT id, parent_id, slug, name_en, name_ar, 0 AS depth FROM categories WHERE slug = $1
             UNION ALL
             SELECT c.id, c.parent_id, c.slug, c.name_en, c.name_ar, up.depth + 1
               FROM categories c JOIN up ON c.id = up.parent_id
              WHERE up.depth < 10
         )
         SELECT slug, name_en, name_ar FROM up ORDER BY depth DESC",
    )
    .bind(slug.as_str())
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(slug, en, ar)| {
            Ok(CategoryLink {
                slug: rows::slug(&slug)?,
                name: Localized::new(en, ar),
            })
        })
        .collect()
}

/// Published products on sale and in stock, the deepest discount first.
pub async fn on_sale_products(pool: &PgPool, limit: i64) -> Result<Vec<ProductCard>, CatalogError> {
    cards(
        sqlx::query_as::<_, CardRow>(&format!(
            "SELECT {CARD_COLUMNS}
              WHERE p.published AND p.in_stock AND p.compare_at_minor > p.price_minor
              ORDER BY (p.compare_at_minor - p.price_minor)::float8 / p.compare_at_minor DESC, p.id
              LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(pool)
        .await?,
    )
}

/// Featured, published products, newest first.
pub async fn featured_products(
    pool: &PgPool,
    limit: i64,
) -> Result<Vec<ProductCard>, CatalogError> {
    cards(
        sqlx::query_as::<_, CardRow>(&format!(
            "SELECT {CARD_COLUMNS}
              WHERE p.published AND p.featured
              ORDER BY p.created_at DESC, p.id
              LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(pool)
        .await?,
    )
}

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    handle: String,
    name_en: String,
    name_ar: String,
    description_en: String,
    description_ar: String,
    brand: String,
    tags: Vec<String>,
    updated_at: chrono::DateTime<chrono::Utc>,
    category_slug: String,
}

#[derive(FromRow)]
struct ImageRow {
    id: i64,
    path: String,
    alt_en: String,
    alt_ar: String,
    media_hash: Option<String>,
}

#[derive(FromRow)]
struct OptionRow {
    id: i64,
    key: String,
    name_en: String,
    name_ar: String,
}

#[derive(FromRow)]
struct VariantRow {
    id: i64,
    sku: String,
    price_minor: i64,
    compare_at_minor: Option<i64>,
    currency: String,
    stock: i32,
    image_id: Option<i64>,
}

#[derive(FromRow)]
struct ValueRow {
    variant_id: i64,
    option_id: i64,
    value_en: String,
    value_ar: String,
}

/// A published product with its category, images, options and variants; `None` when
/// there is none.
pub async fn product_by_handle(
    pool: &PgPool,
    handle: &Slug,
) -> Result<Option<Product>, CatalogError> {
    let Some(row) = sqlx::query_as::<_, ProductRow>(
        "SELECT p.id, p.handle, p.name_en, p.name_ar, p.description_en, p.description_ar,
                p.brand, p.tags, p.updated_at, c.slug AS category_slug
           FROM products p JOIN categories c ON c.id = p.category_id
          WHERE p.handle = $1 AND p.published",
    )
    .bind(handle.as_str())
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let category_slug = rows::slug(&row.category_slug)?;
    // Independent reads on pooled connections at once.
    let (category, breadcrumbs, images, options, variants, values) = futures_join(
        category_by_slug(pool, &category_slug),
        category_path(pool, &category_slug),
        sqlx::query_as::<_, ImageRow>(
            "SELECT id, path, alt_en, alt_ar, media_hash FROM product_images
              WHERE product_id = $1 ORDER BY position",
        )
        .bind(row.id)
        .fetch_all(pool),
        sqlx::query_as::<_, OptionRow>(
            "SELECT id, key, name_en, name_ar FROM product_options
              WHERE product_id = $1 ORDER BY position",
        )
        .bind(row.id)
        .fetch_all(pool),
        sqlx::query_as::<_, VariantRow>(
            "SELECT id, sku, price_minor, compare_at_minor, currency, stock, image_id
               FROM product_variants WHERE product_id = $1 ORDER BY position, id",
        )
        .bind(row.id)
        .fetch_all(pool),
        sqlx::query_as::<_, ValueRow>(
            "SELECT vov.variant_id, vov.option_id, vov.value_en, vov.value_ar
               FROM variant_option_values vov
               JOIN product_variants v ON v.id = vov.variant_id
              WHERE v.product_id = $1",
        )
        .bind(row.id)
        .fetch_all(pool),
    )
    .await;
    let category = category?.ok_or_else(|| CatalogError::Corrupt("product category".into()))?;
    let (images, options, variant_rows, values) = (images?, options?, variants?, values?);
    if variant_rows.is_empty() {
        return Err(CatalogError::Corrupt(format!("{handle} has no variants")));
    }

    let value_of = |variant: i64, option: i64| {
        values
            .iter()
            .find(|v| v.variant_id == variant && v.option_id == option)
            .map(|v| Localized::new(v.value_en.clone(), v.value_ar.clone()))
    };
    let mut variants = Vec::with_capacity(variant_rows.len());
    for v in &variant_rows {
        let options = options
            .iter()
            .map(|o| {
                value_of(v.id, o.id).ok_or_else(|| {
                    CatalogError::Corrupt(format!("{} lacks a value for {}", v.sku, o.key))
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        variants.push(Variant {
            sku: rows::sku(&v.sku)?,
            options,
            price: rows::money(v.price_minor, &v.currency)?,
            compare_at: v
                .compare_at_minor
                .map(|m| rows::money(m, &v.currency))
                .transpose()?,
            stock: v.stock.max(0) as u32,
            image: v
                .image_id
                .and_then(|id| images.iter().position(|i| i.id == id)),
        });
    }
    let product_options = options
        .iter()
        .enumerate()
        .map(|(index, o)| {
            // Values in the order the variants first use them.
            let mut seen: Vec<Localized> = Vec::new();
            for v in &variants {
                if !seen.contains(&v.options[index]) {
                    seen.push(v.options[index].clone());
                }
            }
            Ok(ProductOption {
                key: rows::slug(&o.key)?,
                name: Localized::new(o.name_en.clone(), o.name_ar.clone()),
                values: seen,
            })
        })
        .collect::<Result<Vec<_>, CatalogError>>()?;

    Ok(Some(Product {
        id: row.id,
        handle: rows::slug(&row.handle)?,
        name: Localized::new(row.name_en, row.name_ar),
        description: Localized::new(row.description_en, row.description_ar),
        brand: row.brand,
        tags: row.tags,
        category,
        breadcrumbs: breadcrumbs?,
        images: images
            .into_iter()
            .map(|i| Image {
                path: i.path,
                alt: Localized::new(i.alt_en, i.alt_ar),
                media_hash: i.media_hash,
            })
            .collect(),
        options: product_options,
        variants,
        updated_at: row.updated_at.to_rfc3339(),
    }))
}

async fn futures_join<A, B, C, D, E, F>(
    a: impl std::future::Future<Output = A>,
    b: impl std::future::Future<Output = B>,
    c: impl std::future::Future<Output = C>,
    d: impl std::future::Future<Output = D>,
    e: impl std::future::Future<Output = E>,
    f: impl std::future::Future<Output = F>,
) -> (A, B, C, D, E, F) {
    tokio::join!(a, b, c, d, e, f)
}

/// Other published products from the same category, in stock first, for "more from
/// this category".
pub async fn related_products(
    pool: &PgPool,
    handle: &Slug,
    limit: i64,
) -> Result<Vec<ProductCard>, CatalogError> {
    cards(
        sqlx::query_as::<_, CardRow>(&format!(
            "SELECT {CARD_COLUMNS}
              WHERE p.published
                AND p.handle <> $1
                AND p.category_id = (SELECT category_id FROM products WHERE handle = $1)
              ORDER BY p.in_stock DESC, p.created_at DESC, p.id
              LIMIT $2"
        ))
        .bind(handle.as_str())
        .bind(limit)
        .fetch_all(pool)
        .await?,
    )
}

pub async fn count_products(pool: &PgPool) -> Result<i64, CatalogError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM products")
        .fetch_one(pool)
        .await?)
}

/// Every published product handle and category slug with when it last changed, for
/// `/sitemap.xml`.
pub async fn sitemap_entries(pool: &PgPool) -> Result<SitemapEntries, CatalogError> {
    let products: Vec<(String, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("SELECT handle, updated_at FROM products WHERE published ORDER BY id")
            .fetch_all(pool)
            .await?;
    let categories: Vec<(String, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("SELECT slug, updated_at FROM categories ORDER BY id")
            .fetch_all(pool)
            .await?;
    let convert = |rows: Vec<(String, chrono::DateTime<chrono::Utc>)>| {
        rows.into_iter()
            .map(|(s, at)| Ok((rows::slug(&s)?, at.format("%Y-%m-%d").to_string())))
            .collect::<Result<Vec<_>, CatalogError>>()
    };
    Ok(SitemapEntries {
        products: convert(products)?,
        categories: convert(categories)?,
    })
}

/// Slugs with their last-modified date (`YYYY-MM-DD`).
pub struct SitemapEntries {
    pub products: Vec<(Slug, String)>,
    pub categories: Vec<(Slug, String)>,
}

/// The cards of published products among `ids`, in that order (recommendations, quiz
/// picks); unknown and unpublished ids are left out.
pub async fn cards_by_ids(pool: &PgPool, ids: &[i64]) -> Result<Vec<ProductCard>, CatalogError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    #[derive(FromRow)]
    struct IdCard {
        id: i64,
        #[sqlx(flatten)]
        card: CardRow,
    }
    let rows: Vec<IdCard> = sqlx::query_as(&format!(
        "SELECT p.id, {CARD_COLUMNS} WHERE p.id = ANY($1) AND p.published"
    ))
    .bind(ids)
    .fetch_all(pool)
    .await?;
    let mut by_id: std::collections::HashMap<i64, CardRow> =
        rows.into_iter().map(|r| (r.id, r.card)).collect();
    cards(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// A published product's id and category id, by handle.
pub async fn product_ids(pool: &PgPool, handle: &Slug) -> Result<Option<(i64, i64)>, CatalogError> {
    Ok(
        sqlx::query_as("SELECT id, category_id FROM products WHERE handle = $1 AND published")
            .bind(handle.as_str())
            .fetch_optional(pool)
            .await?,
    )
}

/// Published product ids by handle (imports, the recommendations API).
pub async fn ids_by_handles(
    pool: &PgPool,
    handles: &[String],
) -> Result<std::collections::HashMap<String, i64>, CatalogError> {
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT handle, id FROM products WHERE handle = ANY($1)")
            .bind(handles)
            .fetch_all(pool)
            .await?;
    Ok(rows.into_iter().collect())
}

/// The product a variant belongs to.
pub async fn product_id_by_sku(pool: &PgPool, sku: &str) -> Result<Option<i64>, CatalogError> {
    Ok(
        sqlx::query_scalar("SELECT product_id FROM product_variants WHERE sku = $1")
            .bind(sku)
            .fetch_optional(pool)
            .await?,
    )
}

/// The handle of the published product a variant belongs to.
pub async fn handle_by_sku(pool: &PgPool, sku: &str) -> Result<Option<Slug>, CatalogError> {
    let handle: Option<String> = sqlx::query_scalar(
        "SELECT p.handle FROM product_variants v JOIN products p ON p.id = v.product_id \
          WHERE v.sku = $1 AND p.published",
    )
    .bind(sku)
    .fetch_optional(pool)
    .await?;
    Ok(handle.and_then(|h| Slug::parse(&h).ok()))
}
