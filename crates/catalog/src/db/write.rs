//! Writes of whole products, inside the caller's transaction: the importer's, and later
//! the admin editor's. Every product write sets the search columns from the same
//! [`SearchDocument`] the search reads, and every category write its `search_name`.

use crate::search_text::{normalize, SearchDocument};
use crate::{CatalogError, Localized};
use dokkan_core::{Money, Sku, Slug};
use sqlx::PgConnection;
use std::collections::HashMap;

/// A product as a writer hands it over, every value already parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductInput {
    pub handle: Slug,
    pub name: Localized,
    pub description: Localized,
    pub brand: String,
    pub tags: Vec<String>,
    /// From the top-level category down; missing levels are created.
    pub category_path: Vec<Localized>,
    /// At most three.
    pub options: Vec<OptionInput>,
    /// In display order.
    pub images: Vec<ImageInput>,
    /// At least one, in display order.
    pub variants: Vec<VariantInput>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionInput {
    pub key: Slug,
    pub name: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInput {
    /// URL of the original, `/media/<hash>.<ext>` for stored images.
    pub path: String,
    pub alt: Localized,
    pub media_hash: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantInput {
    pub sku: Sku,
    /// One per option, in option order.
    pub values: Vec<Localized>,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub stock: u32,
    /// Index into [`ProductInput::images`].
    pub image: Option<usize>,
}

/// What one [`upsert_product`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpsertOutcome {
    /// A new product (else one with that handle was updated).
    pub created: bool,
    pub categories_created: usize,
    pub variants_created: usize,
    pub variants_updated: usize,
    pub variants_deleted: usize,
}

/// How the level of a category path matches the existing categories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelMatch {
    /// No sibling has either name: the level (and every level below) will be created.
    New,
    /// One sibling has the English name (any case) or the Arabic name, or both.
    Existing { id: i64, name: Localized },
    /// One sibling has the English name and another the Arabic one.
    Conflict,
}

/// Finds a category among the children of `parent` (top level for `None`) by name.
pub async fn find_category(
    conn: &mut PgConnection,
    parent: Option<i64>,
    name: &Localized,
) -> Result<LevelMatch, CatalogError> {
    // The same expressions as the sibling-name unique indexes, which answer this.
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name_en, name_ar FROM categories
          WHERE COALESCE(parent_id, 0) = $1 AND (lower(name_en) = lower($2) OR name_ar = $3)",
    )
    .bind(parent.unwrap_or(0))
    .bind(&name.en)
    .bind(&name.ar)
    .fetch_all(&mut *conn)
    .await?;
    Ok(match rows.as_slice() {
        [] => LevelMatch::New,
        [(id, en, ar)] => LevelMatch::Existing {
            id: *id,
            name: Localized::new(en.clone(), ar.clone()),
        },
        _ => LevelMatch::Conflict,
    })
}

/// The first level of `path` whose names belong to two different existing categories;
/// `None` when [`ensure_category_path`] can take the path. Writes nothing.
pub async fn category_path_conflict(
    conn: &mut PgConnection,
    path: &[Localized],
) -> Result<Option<Localized>, CatalogError> {
    let mut parent = None;
    for level in path {
        match find_category(conn, parent, level).await? {
            LevelMatch::New => return Ok(None),
            LevelMatch::Existing { id, .. } => parent = Some(id),
            LevelMatch::Conflict => return Ok(Some(level.clone())),
        }
    }
    Ok(None)
}

/// The id of the category at the end of `path`, creating the missing levels; a level
/// found by one of its names takes the other name from `path` (the writer's words win).
/// Returns the id and how many categories were created.
pub async fn ensure_category_path(
    conn: &mut PgConnection,
    path: &[Localized],
) -> Result<(i64, usize), CatalogError> {
    if path.is_empty() {
        return Err(CatalogError::InvalidProduct("a product needs a category"));
    }
    let mut parent: Option<i64> = None;
    let mut created = 0;
    for (depth, level) in path.iter().enumerate() {
        let id = match find_category(conn, parent, level).await? {
            LevelMatch::Existing { id, name } => {
                if name != *level {
                    sqlx::query(
                        "UPDATE categories SET name_en = $2, name_ar = $3, search_name = $4,
                                updated_at = now()
                          WHERE id = $1",
                    )
                    .bind(id)
                    .bind(&level.en)
                    .bind(&level.ar)
                    .bind(category_search_name(level))
                    .execute(&mut *conn)
                    .await?;
                }
                id
            }
            LevelMatch::New => {
                let slug = free_category_slug(conn, &path[..=depth]).await?;
                created += 1;
                sqlx::query_scalar(
                    "INSERT INTO categories (slug, name_en, name_ar, parent_id, position, search_name)
                     VALUES ($1, $2, $3, $4,
                             (SELECT COALESCE(max(position) + 1, 1) FROM categories
                               WHERE COALESCE(parent_id, 0) = COALESCE($4, 0)),
                             $5)
                     RETURNING id",
                )
                .bind(slug.as_str())
                .bind(&level.en)
                .bind(&level.ar)
                .bind(parent)
                .bind(category_search_name(level))
                .fetch_one(&mut *conn)
                .await?
            }
            LevelMatch::Conflict => {
                return Err(CatalogError::CategoryConflict(level.clone()));
            }
        };
        parent = Some(id);
    }
    Ok((parent.expect("the path is not empty"), created))
}

/// What category suggestions search: both names, normalized.
pub fn category_search_name(name: &Localized) -> String {
    format!("{} {}", normalize(&name.en), normalize(&name.ar))
        .trim()
        .to_string()
}

/// The slug of a new category: its English path (`Men > Shoes` → `men-shoes`), with `-2`,
/// `-3`… when taken; `category` when the English names have no Latin letters or digits.
pub(crate) async fn free_category_slug(
    conn: &mut PgConnection,
    path: &[Localized],
) -> Result<Slug, CatalogError> {
    let title = path
        .iter()
        .map(|l| l.en.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let base = Slug::from_title(&title)
        .map(|s| s.as_str().to_string())
        .unwrap_or_else(|_| "category".into());
    // Room for a suffix within the 100 characters a slug may have.
    let base = base[..base.len().min(Slug::MAX_LEN - 8)]
        .trim_end_matches('-')
        .to_string();
    let taken: Vec<String> =
        sqlx::query_scalar("SELECT slug FROM categories WHERE slug = $1 OR slug LIKE $1 || '-%'")
            .bind(&base)
            .fetch_all(&mut *conn)
            .await?;
    let candidate = (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|c| !taken.contains(c))
        .expect("an unbounded range has a free name");
    Slug::parse(&candidate).map_err(|e| CatalogError::Corrupt(e.to_string()))
}

/// Which product each of `skus` belongs to, for those that exist.
pub async fn sku_owners(
    conn: &mut PgConnection,
    skus: &[Sku],
) -> Result<HashMap<Sku, Slug>, CatalogError> {
    let texts: Vec<&str> = skus.iter().map(Sku::as_str).collect();
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT v.sku, p.handle FROM product_variants v JOIN products p ON p.id = v.product_id
          WHERE v.sku = ANY($1)",
    )
    .bind(&texts)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|(sku, handle)| Ok((super::rows::sku(&sku)?, super::rows::slug(&handle)?)))
        .collect()
}

/// Creates the product, or replaces everything about the product with that handle: its
/// fields, options, pictures and variants (matched by SKU; variants not in `input` are
/// deleted). `featured`, `published` and `created_at` of an existing product are kept.
pub async fn upsert_product(
    conn: &mut PgConnection,
    input: &ProductInput,
) -> Result<UpsertOutcome, CatalogError> {
    check(input)?;
    let (category_id, categories_created) =
        ensure_category_path(conn, &input.category_path).await?;
    let mut outcome = UpsertOutcome {
        categories_created,
        ..UpsertOutcome::default()
    };

    let mut option_values: Vec<(&str, &str)> = Vec::new();
    for variant in &input.variants {
        for value in &variant.values {
            let pair = (value.en.as_str(), value.ar.as_str());
            if !option_values.contains(&pair) {
                option_values.push(pair);
            }
        }
    }
    let search = SearchDocument::build(
        (&input.name.en, &input.name.ar),
        &input.brand,
        input.tags.iter().map(String::as_str),
        input
            .category_path
            .iter()
            .map(|l| (l.en.as_str(), l.ar.as_str())),
        option_values,
        (&input.description.en, &input.description.ar),
    );
    let lowest = input
        .variants
        .iter()
        .map(|v| v.price)
        .min_by_key(|m| m.minor())
        .expect("checked: at least one variant");
    // The trigger on product_variants keeps price_minor, compare_at_minor and in_stock;
    // the insert only needs a price to satisfy NOT NULL until the variants exist.
    let (product_id, created): (i64, bool) = sqlx::query_as(
        "INSERT INTO products (handle, category_id, name_en, name_ar, description_en,
                               description_ar, brand, tags, price_minor, currency,
                               search_name, search_terms, search_body)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (handle) DO UPDATE
            SET category_id = EXCLUDED.category_id,
                name_en = EXCLUDED.name_en, name_ar = EXCLUDED.name_ar,
                description_en = EXCLUDED.description_en,
                description_ar = EXCLUDED.description_ar,
                brand = EXCLUDED.brand, tags = EXCLUDED.tags,
                search_name = EXCLUDED.search_name, search_terms = EXCLUDED.search_terms,
                search_body = EXCLUDED.search_body,
                updated_at = now()
         RETURNING id, (xmax = 0) AS created",
    )
    .bind(input.handle.as_str())
    .bind(category_id)
    .bind(&input.name.en)
    .bind(&input.name.ar)
    .bind(&input.description.en)
    .bind(&input.description.ar)
    .bind(&input.brand)
    .bind(&input.tags)
    .bind(lowest.minor())
    .bind(lowest.currency().code())
    .bind(&search.name)
    .bind(&search.terms)
    .bind(&search.body)
    .fetch_one(&mut *conn)
    .await?;
    outcome.created = created;

    // Options and pictures are replaced whole (their ids are referenced only by this
    // product's values and variants, rewritten below); variants keep their ids by SKU.
    sqlx::query("DELETE FROM product_options WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    let mut option_ids = Vec::with_capacity(input.options.len());
    for (index, option) in input.options.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO product_options (product_id, position, name_en, name_ar, key)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(product_id)
        .bind(index as i16 + 1)
        .bind(&option.name.en)
        .bind(&option.name.ar)
        .bind(option.key.as_str())
        .fetch_one(&mut *conn)
        .await?;
        option_ids.push(id);
    }

    sqlx::query("DELETE FROM product_images WHERE product_id = $1")
        .bind(product_id)
        .execute(&mut *conn)
        .await?;
    let mut image_ids = Vec::with_capacity(input.images.len());
    for (position, image) in input.images.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO product_images (product_id, position, path, alt_en, alt_ar,
                                         media_hash, width, height)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(product_id)
        .bind(position as i32)
        .bind(&image.path)
        .bind(&image.alt.en)
        .bind(&image.alt.ar)
        .bind(&image.media_hash)
        .bind(image.width.map(|w| w as i32))
        .bind(image.height.map(|h| h as i32))
        .fetch_one(&mut *conn)
        .await?;
        image_ids.push(id);
    }

    let skus: Vec<&str> = input.variants.iter().map(|v| v.sku.as_str()).collect();
    outcome.variants_deleted =
        sqlx::query("DELETE FROM product_variants WHERE product_id = $1 AND NOT (sku = ANY($2))")
            .bind(product_id)
            .bind(&skus)
            .execute(&mut *conn)
            .await?
            .rows_affected() as usize;
    // Out of the way of the new positions: (product_id, position) is unique at every row.
    sqlx::query(
        "UPDATE product_variants
            SET position = position + (SELECT max(position) + 1 FROM product_variants
                                        WHERE product_id = $1)
          WHERE product_id = $1",
    )
    .bind(product_id)
    .execute(&mut *conn)
    .await?;
    let (mut value_variants, mut value_options, mut values_en, mut values_ar) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (position, variant) in input.variants.iter().enumerate() {
        let row: Option<(i64, bool)> = sqlx::query_as(
            "INSERT INTO product_variants (product_id, position, sku, price_minor,
                                           compare_at_minor, currency, stock, image_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (sku) DO UPDATE
                SET position = EXCLUDED.position, price_minor = EXCLUDED.price_minor,
                    compare_at_minor = EXCLUDED.compare_at_minor,
                    currency = EXCLUDED.currency, stock = EXCLUDED.stock,
                    image_id = EXCLUDED.image_id, updated_at = now()
              WHERE product_variants.product_id = EXCLUDED.product_id
             RETURNING id, (xmax = 0) AS created",
        )
        .bind(product_id)
        .bind(position as i32)
        .bind(variant.sku.as_str())
        .bind(variant.price.minor())
        .bind(variant.compare_at.map(Money::minor))
        .bind(variant.price.currency().code())
        .bind(variant.stock as i32)
        .bind(variant.image.map(|i| image_ids[i]))
        .fetch_optional(&mut *conn)
        .await?;
        // No row: the SKU is another product's (the WHERE above refused to take it).
        let (variant_id, created) =
            row.ok_or_else(|| CatalogError::SkuTaken(variant.sku.clone()))?;
        if created {
            outcome.variants_created += 1;
        } else {
            outcome.variants_updated += 1;
        }
        for (option_id, value) in option_ids.iter().zip(&variant.values) {
            value_variants.push(variant_id);
            value_options.push(*option_id);
            values_en.push(value.en.as_str());
            values_ar.push(value.ar.as_str());
        }
    }
    if !value_variants.is_empty() {
        sqlx::query(
            "INSERT INTO variant_option_values (variant_id, option_id, value_en, value_ar)
             SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::text[], $4::text[])",
        )
        .bind(&value_variants)
        .bind(&value_options)
        .bind(&values_en)
        .bind(&values_ar)
        .execute(&mut *conn)
        .await?;
    }
    Ok(outcome)
}

/// The rules the tables cannot state (the rest they refuse themselves).
fn check(input: &ProductInput) -> Result<(), CatalogError> {
    let fail = |rule| Err(CatalogError::InvalidProduct(rule));
    if input.variants.is_empty() {
        return fail("a product needs at least one variant");
    }
    if input.options.len() > 3 {
        return fail("a product has at most three options");
    }
    if input
        .variants
        .iter()
        .any(|v| v.values.len() != input.options.len())
    {
        return fail("every variant needs one value per option");
    }
    if input
        .variants
        .iter()
        .any(|v| v.image.is_some_and(|i| i >= input.images.len()))
    {
        return fail("a variant's image must be one of the product's");
    }
    if input.variants.iter().any(|v| v.stock > i32::MAX as u32) {
        return fail("stock is too large");
    }
    Ok(())
}
