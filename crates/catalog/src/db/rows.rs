//! Rows as PostgreSQL returns them, and their conversion into the catalog's value types.
//! Stored data already passed the rules once; a row that breaks them is `Corrupt`.

use crate::{CatalogError, Category, Image, Localized, ProductCard};
use dokkan_core::{Currency, Money, Sku, Slug};
use sqlx::FromRow;

pub(crate) fn slug(text: &str) -> Result<Slug, CatalogError> {
    Slug::parse(text).map_err(|e| CatalogError::Corrupt(e.to_string()))
}

pub(crate) fn sku(text: &str) -> Result<Sku, CatalogError> {
    Sku::parse(text).map_err(|e| CatalogError::Corrupt(e.to_string()))
}

pub(crate) fn money(minor: i64, currency: &str) -> Result<Money, CatalogError> {
    let currency = Currency::from_code(currency)
        .ok_or_else(|| CatalogError::Corrupt(format!("unknown currency {currency}")))?;
    Ok(Money::new(minor, currency))
}

/// The picture a row may carry: its path in `path_column`, with `alt_en`, `alt_ar` and
/// `media_hash` beside it (a LEFT JOIN's NULLs are no picture).
pub fn optional_image(
    row: &sqlx::postgres::PgRow,
    path_column: &str,
) -> Result<Option<Image>, sqlx::Error> {
    use sqlx::Row as _;
    let Some(path) = row.try_get::<Option<String>, _>(path_column)? else {
        return Ok(None);
    };
    Ok(Some(Image {
        path,
        alt: Localized::new(
            row.try_get::<Option<String>, _>("alt_en")?
                .unwrap_or_default(),
            row.try_get::<Option<String>, _>("alt_ar")?
                .unwrap_or_default(),
        ),
        media_hash: row.try_get("media_hash")?,
    }))
}

pub(crate) const CATEGORY_COLUMNS: &str =
    "c.slug, c.name_en, c.name_ar, c.description_en, c.description_ar, parent.slug AS parent_slug
       FROM categories c LEFT JOIN categories parent ON parent.id = c.parent_id";

#[derive(FromRow)]
pub(crate) struct CategoryRow {
    pub slug: String,
    pub name_en: String,
    pub name_ar: String,
    pub description_en: String,
    pub description_ar: String,
    pub parent_slug: Option<String>,
}

impl TryFrom<CategoryRow> for Category {
    type Error = CatalogError;
    fn try_from(row: CategoryRow) -> Result<Self, CatalogError> {
        Ok(Category {
            slug: slug(&row.slug)?,
            name: Localized::new(row.name_en, row.name_ar),
            description: Localized::new(row.description_en, row.description_ar),
            parent: row.parent_slug.as_deref().map(slug).transpose()?,
        })
    }
}

/// A card's columns: the product's summary and its first image. `FROM products p` is
/// included; callers add joins and conditions after it.
pub(crate) const CARD_COLUMNS: &str =
    "p.handle, p.name_en, p.name_ar, p.price_minor, p.compare_at_minor,
       p.currency, p.in_stock,
       img.path AS image_path, img.alt_en AS image_alt_en, img.alt_ar AS image_alt_ar,
       img.media_hash AS image_hash
  FROM products p
  LEFT JOIN LATERAL (
      SELECT path, alt_en, alt_ar, media_hash FROM product_images
       WHERE product_id = p.id ORDER BY position LIMIT 1
  ) img ON true";

#[derive(FromRow)]
pub(crate) struct CardRow {
    pub handle: String,
    pub name_en: String,
    pub name_ar: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub currency: String,
    pub in_stock: bool,
    pub image_path: Option<String>,
    pub image_alt_en: Option<String>,
    pub image_alt_ar: Option<String>,
    pub image_hash: Option<String>,
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
            media_hash: row.image_hash,
        });
        Ok(ProductCard {
            handle: slug(&row.handle)?,
            name: Localized::new(row.name_en, row.name_ar),
            price: money(row.price_minor, &row.currency)?,
            compare_at: row
                .compare_at_minor
                .map(|m| money(m, &row.currency))
                .transpose()?,
            in_stock: row.in_stock,
            image,
        })
    }
}

pub(crate) fn cards(rows: Vec<CardRow>) -> Result<Vec<ProductCard>, CatalogError> {
    rows.into_iter().map(ProductCard::try_from).collect()
}
