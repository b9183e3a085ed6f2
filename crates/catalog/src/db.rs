//! Catalog queries. Runtime-checked SQL, each one covered by `tests/queries.rs`.

use crate::{CatalogError, Category, CategoryPage, Image, Localized, Product, ProductCard};
use dokkan_core::{Currency, Money, Slug};
use sqlx::{FromRow, PgPool};

#[derive(FromRow)]
struct CategoryRow {
    slug: String,
    name_en: String,
    name_ar: String,
    description_en: String,
    description_ar: String,
}

impl TryFrom<CategoryRow> for Category {
    type Error = CatalogError;
    fn try_from(row: CategoryRow) -> Result<Self, CatalogError> {
        Ok(Category {
            slug: slug(&row.slug)?,
            name: Localized::new(row.name_en, row.name_ar),
            description: Localized::new(row.description_en, row.description_ar),
        })
    }
}

#[derive(FromRow)]
struct CardRow {
    handle: String,
    name_en: String,
    name_ar: String,
    price_minor: i64,
    currency: String,
    image_path: Option<String>,
    image_alt_en: Option<String>,
    image_alt_ar: Option<String>,
}

impl TryFrom<CardRow> for ProductCard {
    type Error = CatalogError;
    fn try_from(row: CardRow) -> Result<Self, CatalogError> {
        let image = row.image_path.map(|path| Image {
            path,
            alt: Localized::new(
                row.image_alt_en.unwrap_or_default(),
                row.image_alt_ar.unwrap_or_default(),
            ),
        });
        Ok(ProductCard {
            handle: slug(&row.handle)?,
            name: Localized::new(row.name_en, row.name_ar),
            price: money(row.price_minor, &row.currency)?,
            image,
        })
    }
}

fn slug(text: &str) -> Result<Slug, CatalogError> {
    Slug::parse(text).map_err(|e| CatalogError::Corrupt(e.to_string()))
}

fn money(minor: i64, currency: &str) -> Result<Money, CatalogError> {
    let currency = Currency::from_code(currency)
        .ok_or_else(|| CatalogError::Corrupt(format!("unknown currency {currency}")))?;
    Ok(Money::new(minor, currency))
}

/// The first image of each product rides along with its card.
const CARD_COLUMNS: &str = "p.handle, p.name_en, p.name_ar, p.price_minor, p.currency,
       img.path AS image_path, img.alt_en AS image_alt_en, img.alt_ar AS image_alt_ar
  FROM products p
  LEFT JOIN LATERAL (
      SELECT path, alt_en, alt_ar FROM product_images
       WHERE product_id = p.id ORDER BY position LIMIT 1
  ) img ON true";

const CATEGORY_COLUMNS: &str = "slug, name_en, name_ar, description_en, description_ar";

/// Categories in the merchant's order.
pub async fn list_categories(pool: &PgPool) -> Result<Vec<Category>, CatalogError> {
    sqlx::query_as::<_, CategoryRow>(&format!(
        "SELECT {CATEGORY_COLUMNS} FROM categories ORDER BY position, id"
    ))
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(Category::try_from)
    .collect()
}

/// Featured, published products for the home page, newest first.
pub async fn featured_products(
    pool: &PgPool,
    limit: i64,
) -> Result<Vec<ProductCard>, CatalogError> {
    sqlx::query_as::<_, CardRow>(&format!(
        "SELECT {CARD_COLUMNS}
          WHERE p.published AND p.featured
          ORDER BY p.created_at DESC, p.id
          LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(ProductCard::try_from)
    .collect()
}

/// A category and its published products; `None` when no category has that slug.
pub async fn category_page(
    pool: &PgPool,
    slug: &Slug,
) -> Result<Option<CategoryPage>, CatalogError> {
    let Some(row) = sqlx::query_as::<_, CategoryRow>(&format!(
        "SELECT {CATEGORY_COLUMNS} FROM categories WHERE slug = $1"
    ))
    .bind(slug.as_str())
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let products = sqlx::query_as::<_, CardRow>(&format!(
        "SELECT {CARD_COLUMNS}
           JOIN categories c ON c.id = p.category_id
          WHERE p.published AND c.slug = $1
          ORDER BY p.id"
    ))
    .bind(slug.as_str())
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(ProductCard::try_from)
    .collect::<Result<_, _>>()?;
    Ok(Some(CategoryPage {
        category: row.try_into()?,
        products,
    }))
}

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    handle: String,
    name_en: String,
    name_ar: String,
    description_en: String,
    description_ar: String,
    price_minor: i64,
    currency: String,
    category_slug: String,
    category_name_en: String,
    category_name_ar: String,
    category_description_en: String,
    category_description_ar: String,
}

#[derive(FromRow)]
struct ImageRow {
    path: String,
    alt_en: String,
    alt_ar: String,
}

/// A published product with its category and images; `None` when there is none.
pub async fn product_by_handle(
    pool: &PgPool,
    handle: &Slug,
) -> Result<Option<Product>, CatalogError> {
    let Some(row) = sqlx::query_as::<_, ProductRow>(
        "SELECT p.id, p.handle, p.name_en, p.name_ar, p.description_en, p.description_ar,
                p.price_minor, p.currency,
                c.slug AS category_slug, c.name_en AS category_name_en, c.name_ar AS category_name_ar,
                c.description_en AS category_description_en, c.description_ar AS category_description_ar
           FROM products p JOIN categories c ON c.id = p.category_id
          WHERE p.handle = $1 AND p.published",
    )
    .bind(handle.as_str())
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let images = sqlx::query_as::<_, ImageRow>(
        "SELECT path, alt_en, alt_ar FROM product_images WHERE product_id = $1 ORDER BY position",
    )
    .bind(row.id)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(|i| Image {
        path: i.path,
        alt: Localized::new(i.alt_en, i.alt_ar),
    })
    .collect();
    Ok(Some(Product {
        handle: slug(&row.handle)?,
        name: Localized::new(row.name_en, row.name_ar),
        description: Localized::new(row.description_en, row.description_ar),
        price: money(row.price_minor, &row.currency)?,
        category: Category {
            slug: slug(&row.category_slug)?,
            name: Localized::new(row.category_name_en, row.category_name_ar),
            description: Localized::new(row.category_description_en, row.category_description_ar),
        },
        images,
    }))
}

/// Other published products from the same category, for "more like this".
pub async fn related_products(
    pool: &PgPool,
    handle: &Slug,
    limit: i64,
) -> Result<Vec<ProductCard>, CatalogError> {
    sqlx::query_as::<_, CardRow>(&format!(
        "SELECT {CARD_COLUMNS}
          WHERE p.published
            AND p.handle <> $1
            AND p.category_id = (SELECT category_id FROM products WHERE handle = $1)
          ORDER BY p.id
          LIMIT $2"
    ))
    .bind(handle.as_str())
    .bind(limit)
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(ProductCard::try_from)
    .collect()
}

pub async fn count_products(pool: &PgPool) -> Result<i64, CatalogError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM products")
        .fetch_one(pool)
        .await?)
}
