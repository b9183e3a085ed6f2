//! The admin's catalog queries: the product list, a product as the editor shows it,
//! category choices, stock adjustments and picture changes. Writes take the caller's
//! (audited) transaction.

use super::rows::money;
use crate::{
    admin::{
        AdminProductRow, CategoryChoice, EditableImage, EditableProduct, EditableVariant,
        ProductFilter, StockChange, StockFilter, TreeCategory,
    },
    CatalogError, Image, Localized,
};
use dokkan_core::{Paged, PAGE_SIZE};
use sqlx::{PgConnection, PgPool, Row as _};

/// Variants at or below this many units count as running low.
pub const LOW_STOCK: i32 = 5;

/// Products, last edited first, filtered.
pub async fn list_products(
    pool: &PgPool,
    filter: &ProductFilter,
) -> Result<Paged<AdminProductRow>, CatalogError> {
    let q = filter
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| q.replace(['%', '_', '\\'], ""));
    let page = filter.page.max(1);
    let rows = sqlx::query(
        "SELECT p.handle, p.name_en, p.name_ar, c.name_en AS cat_en, c.name_ar AS cat_ar,
                p.published, p.price_minor, p.currency,
                (SELECT count(*) FROM product_variants v WHERE v.product_id = p.id) AS variants,
                (SELECT coalesce(sum(stock), 0) FROM product_variants v
                  WHERE v.product_id = p.id)::bigint AS stock,
                i.path, i.alt_en, i.alt_ar, i.media_hash, count(*) OVER () AS total_rows
           FROM products p JOIN categories c ON c.id = p.category_id
           LEFT JOIN LATERAL (SELECT path, alt_en, alt_ar, media_hash FROM product_images
                               WHERE product_id = p.id ORDER BY position LIMIT 1) i ON true
          WHERE ($1::text IS NULL OR p.name_en ILIKE '%' || $1 || '%'
                 OR p.name_ar LIKE '%' || $1 || '%' OR p.handle LIKE '%' || lower($1) || '%'
                 OR EXISTS (SELECT 1 FROM product_variants v
                             WHERE v.product_id = p.id AND v.sku LIKE upper($1) || '%'))
            AND ($2::bigint IS NULL OR p.category_id IN (
                 WITH RECURSIVE t AS (SELECT id FROM categories WHERE id = $2
                                      UNION ALL
                                      SELECT c2.id FROM categories c2 JOIN t ON c2.parent_id = t.id)
                 SELECT id FROM t))
            AND ($3::bool IS NULL OR p.published = $3)
            AND ($4::text IS NULL
                 OR ($4 = 'out' AND NOT EXISTS (SELECT 1 FROM product_variants v
                                                  WHERE v.product_id = p.id AND v.stock > 0))
                 OR ($4 = 'low' AND EXISTS (SELECT 1 FROM product_variants v
                                             WHERE v.product_id = p.id AND v.stock <= $5)
                                AND EXISTS (SELECT 1 FROM product_variants v
                                             WHERE v.product_id = p.id AND v.stock > 0)))
          ORDER BY p.updated_at DESC, p.id DESC LIMIT $6 OFFSET $7",
    )
    .bind(q)
    .bind(filter.category_id)
    .bind(filter.published)
    .bind(filter.stock.map(StockFilter::as_str))
    .bind(LOW_STOCK)
    .bind(PAGE_SIZE)
    .bind(Paged::<()>::offset(page))
    .fetch_all(pool)
    .await?;
    let total = match rows.first() {
        Some(r) => r.try_get("total_rows")?,
        None => 0,
    };
    let rows = rows
        .iter()
        .map(|row| {
            let image = super::rows::optional_image(row, "path")?;
            Ok(AdminProductRow {
                handle: row.try_get("handle")?,
                name: Localized::new(
                    row.try_get::<String, _>("name_en")?,
                    row.try_get::<String, _>("name_ar")?,
                ),
                category: Localized::new(
                    row.try_get::<String, _>("cat_en")?,
                    row.try_get::<String, _>("cat_ar")?,
                ),
                published: row.try_get("published")?,
                variants: row.try_get("variants")?,
                stock: row.try_get("stock")?,
                price: money(row.try_get("price_minor")?, row.try_get("currency")?)?,
                image,
            })
        })
        .collect::<Result<_, CatalogError>>()?;
    Ok(Paged { rows, total, page })
}

/// Every category named by its path, in tree order.
pub async fn category_choices(pool: &PgPool) -> Result<Vec<CategoryChoice>, CatalogError> {
    Ok(category_tree_rows(pool)
        .await?
        .into_iter()
        .map(|c| CategoryChoice {
            id: c.id,
            path: c.path,
        })
        .collect())
}

/// The whole tree, each category after its parent and siblings by position.
pub async fn category_tree_rows(pool: &PgPool) -> Result<Vec<TreeCategory>, CatalogError> {
    let rows = sqlx::query(
        "WITH RECURSIVE t AS (
             SELECT id, parent_id, slug, name_en, name_ar, name_en AS en, name_ar AS ar, 1 AS depth,
                    ARRAY[position::bigint, id] AS sort
               FROM categories WHERE parent_id IS NULL
             UNION ALL
             SELECT c.id, c.parent_id, c.slug, c.name_en, c.name_ar, t.en || ' > ' || c.name_en,
                    t.ar || ' > ' || c.name_ar, t.depth + 1, t.sort || ARRAY[c.position::bigint, c.id]
               FROM categories c JOIN t ON c.parent_id = t.id)
         SELECT t.*, (SELECT count(*) FROM products p WHERE p.category_id = t.id) AS products
           FROM t ORDER BY sort",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| -> Result<TreeCategory, CatalogError> {
            Ok(TreeCategory {
                id: r.try_get("id")?,
                parent_id: r.try_get("parent_id")?,
                depth: r.try_get::<i32, _>("depth")? as u32,
                slug: r.try_get("slug")?,
                name: Localized::new(
                    r.try_get::<String, _>("name_en")?,
                    r.try_get::<String, _>("name_ar")?,
                ),
                path: Localized::new(r.try_get::<String, _>("en")?, r.try_get::<String, _>("ar")?),
                products: r.try_get("products")?,
            })
        })
        .collect()
}

/// The names from the top-level category down to `id`; empty for no such category.
pub async fn category_path(
    conn: &mut PgConnection,
    id: i64,
) -> Result<Vec<Localized>, CatalogError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "WITH RECURSIVE up AS (
             SELECT id, parent_id, name_en, name_ar, 0 AS depth FROM categories WHERE id = $1
             UNION ALL
             SELECT c.id, c.parent_id, c.name_en, c.name_ar, up.depth + 1
               FROM categories c JOIN up ON c.id = up.parent_id)
         SELECT name_en, name_ar FROM up ORDER BY depth DESC",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(en, ar)| Localized::new(en, ar))
        .collect())
}

/// A product with everything the editor shows.
pub async fn editable_product(
    pool: &PgPool,
    handle: &str,
) -> Result<Option<EditableProduct>, CatalogError> {
    let Some(row) = sqlx::query(
        "SELECT id, handle, name_en, name_ar, description_en, description_ar, brand, tags,
                category_id, published, rebuyable
           FROM products WHERE handle = $1",
    )
    .bind(handle)
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let options: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name_en, name_ar FROM product_options WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let variant_rows = sqlx::query(
        "SELECT id, sku, price_minor, compare_at_minor, currency, stock, image_id
           FROM product_variants WHERE product_id = $1 ORDER BY position, id",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let values: Vec<(i64, i64, String, String)> = sqlx::query_as(
        "SELECT ov.variant_id, ov.option_id, ov.value_en, ov.value_ar
           FROM variant_option_values ov JOIN product_variants v ON v.id = ov.variant_id
          WHERE v.product_id = $1",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    let mut variants = Vec::with_capacity(variant_rows.len());
    for v in &variant_rows {
        let variant_id: i64 = v.try_get("id")?;
        let currency: String = v.try_get("currency")?;
        let values = options
            .iter()
            .map(|(option_id, _, _)| {
                values
                    .iter()
                    .find(|(vid, oid, _, _)| *vid == variant_id && oid == option_id)
                    .map(|(_, _, en, ar)| Localized::new(en.clone(), ar.clone()))
                    .ok_or_else(|| CatalogError::Corrupt("a variant lacks an option value".into()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        variants.push(EditableVariant {
            sku: v.try_get("sku")?,
            values,
            price: money(v.try_get("price_minor")?, &currency)?,
            compare_at: v
                .try_get::<Option<i64>, _>("compare_at_minor")?
                .map(|m| money(m, &currency))
                .transpose()?,
            stock: v.try_get("stock")?,
            image_id: v.try_get("image_id")?,
        });
    }
    let images = sqlx::query(
        "SELECT id, path, alt_en, alt_ar, media_hash, width, height FROM product_images
          WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|i| -> Result<EditableImage, CatalogError> {
        Ok(EditableImage {
            id: i.try_get("id")?,
            image: Image {
                path: i.try_get("path")?,
                alt: Localized::new(
                    i.try_get::<String, _>("alt_en")?,
                    i.try_get::<String, _>("alt_ar")?,
                ),
                media_hash: i.try_get("media_hash")?,
            },
            width: i.try_get::<Option<i32>, _>("width")?.map(|w| w as u32),
            height: i.try_get::<Option<i32>, _>("height")?.map(|h| h as u32),
        })
    })
    .collect::<Result<_, _>>()?;
    let stock_changes = sqlx::query(
        "SELECT v.sku, a.delta, a.stock_after, a.reason, u.email,
                to_char(a.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS at
           FROM stock_adjustments a JOIN product_variants v ON v.id = a.variant_id
           LEFT JOIN users u ON u.id = a.actor_user_id
          WHERE v.product_id = $1 ORDER BY a.id DESC LIMIT 20",
    )
    .bind(id)
    .fetch_all(pool)
    .await?
    .iter()
    .map(|r| -> Result<StockChange, CatalogError> {
        Ok(StockChange {
            sku: r.try_get("sku")?,
            delta: r.try_get("delta")?,
            stock_after: r.try_get("stock_after")?,
            reason: r.try_get("reason")?,
            by: r.try_get("email")?,
            at: r.try_get("at")?,
        })
    })
    .collect::<Result<_, _>>()?;
    Ok(Some(EditableProduct {
        id,
        handle: row.try_get("handle")?,
        name: Localized::new(
            row.try_get::<String, _>("name_en")?,
            row.try_get::<String, _>("name_ar")?,
        ),
        description: Localized::new(
            row.try_get::<String, _>("description_en")?,
            row.try_get::<String, _>("description_ar")?,
        ),
        brand: row.try_get("brand")?,
        tags: row.try_get("tags")?,
        category_id: row.try_get("category_id")?,
        published: row.try_get("published")?,
        rebuyable: row.try_get("rebuyable")?,
        options: options
            .into_iter()
            .map(|(_, en, ar)| Localized::new(en, ar))
            .collect(),
        variants,
        images,
        stock_changes,
    }))
}

/// Stock of existing variants, locked for the caller's transaction (the editor keeps
/// them: stock changes by hand go through [`adjust_stock`], sales through orders).
pub async fn lock_stock(
    conn: &mut PgConnection,
    skus: &[String],
) -> Result<Vec<(String, i32)>, CatalogError> {
    Ok(sqlx::query_as(
        "SELECT sku, stock FROM product_variants WHERE sku = ANY($1) ORDER BY id FOR UPDATE",
    )
    .bind(skus)
    .fetch_all(conn)
    .await?)
}

/// Adds `delta` units to a variant's stock (negative takes away) and records why. `None`
/// when there is no such SKU or the stock would go below zero: nothing changes then.
pub async fn adjust_stock(
    conn: &mut PgConnection,
    sku: &str,
    delta: i32,
    reason: &str,
    actor_user_id: i64,
) -> Result<Option<i32>, CatalogError> {
    let row: Option<(i64, i32)> = sqlx::query_as(
        "UPDATE product_variants SET stock = stock + $2, updated_at = now()
          WHERE sku = $1 AND stock + $2 >= 0 RETURNING id, stock",
    )
    .bind(sku)
    .bind(delta)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((variant_id, after)) = row else {
        return Ok(None);
    };
    sqlx::query(
        "INSERT INTO stock_adjustments (variant_id, delta, stock_after, reason, actor_user_id)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(variant_id)
    .bind(delta)
    .bind(after)
    .bind(reason)
    .bind(actor_user_id)
    .execute(&mut *conn)
    .await?;
    Ok(Some(after))
}

/// Tells every server's listing index that the product's pictures changed (the cards
/// show the first one).
async fn touch(conn: &mut PgConnection, product_id: i64) -> Result<(), CatalogError> {
    sqlx::query("SELECT catalog_touch(ARRAY[$1::bigint])")
        .bind(product_id)
        .execute(conn)
        .await?;
    Ok(())
}

async fn product_id(conn: &mut PgConnection, handle: &str) -> Result<Option<i64>, CatalogError> {
    Ok(
        sqlx::query_scalar("SELECT id FROM products WHERE handle = $1 FOR UPDATE")
            .bind(handle)
            .fetch_optional(conn)
            .await?,
    )
}

/// Adds a stored picture after the product's others. False for no such product.
pub async fn add_image(
    conn: &mut PgConnection,
    handle: &str,
    image: &crate::db::ImageInput,
) -> Result<bool, CatalogError> {
    let Some(id) = product_id(conn, handle).await? else {
        return Ok(false);
    };
    sqlx::query(
        "INSERT INTO product_images (product_id, position, path, alt_en, alt_ar, media_hash, width, height)
         VALUES ($1, (SELECT coalesce(max(position) + 1, 0) FROM product_images WHERE product_id = $1),
                 $2, $3, $4, $5, $6, $7)",
    )
    .bind(id)
    .bind(&image.path)
    .bind(&image.alt.en)
    .bind(&image.alt.ar)
    .bind(&image.media_hash)
    .bind(image.width.map(|w| w as i32))
    .bind(image.height.map(|h| h as i32))
    .execute(&mut *conn)
    .await?;
    touch(conn, id).await?;
    Ok(true)
}

/// Removes a picture (variants showing it fall back to the product's first). False when
/// the product has no such picture.
pub async fn remove_image(
    conn: &mut PgConnection,
    handle: &str,
    image_id: i64,
) -> Result<bool, CatalogError> {
    let Some(id) = product_id(conn, handle).await? else {
        return Ok(false);
    };
    let done = sqlx::query("DELETE FROM product_images WHERE id = $1 AND product_id = $2")
        .bind(image_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    touch(conn, id).await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a picture one place earlier (`earlier`) or later. False when there is no such
/// picture or it is already at that end.
pub async fn move_image(
    conn: &mut PgConnection,
    handle: &str,
    image_id: i64,
    earlier: bool,
) -> Result<bool, CatalogError> {
    let Some(id) = product_id(conn, handle).await? else {
        return Ok(false);
    };
    let order: Vec<(i64, i32)> = sqlx::query_as(
        "SELECT id, position FROM product_images WHERE product_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let Some(at) = order.iter().position(|(i, _)| *i == image_id) else {
        return Ok(false);
    };
    let other = if earlier {
        at.checked_sub(1)
    } else {
        Some(at + 1)
    };
    let Some((other_id, other_position)) = other.and_then(|o| order.get(o)).copied() else {
        return Ok(false);
    };
    let position = order[at].1;
    // Positions are unique per product (and not negative): park one past the end while
    // the other moves.
    let parked = order.iter().map(|(_, p)| *p).max().unwrap_or(0) + 1;
    for (image, to) in [
        (image_id, parked),
        (other_id, position),
        (image_id, other_position),
    ] {
        sqlx::query("UPDATE product_images SET position = $2 WHERE id = $1")
            .bind(image)
            .bind(to)
            .execute(&mut *conn)
            .await?;
    }
    touch(conn, id).await?;
    Ok(true)
}

/// Changes a picture's alt text. False when the product has no such picture.
pub async fn set_image_alt(
    conn: &mut PgConnection,
    handle: &str,
    image_id: i64,
    alt: &Localized,
) -> Result<bool, CatalogError> {
    let Some(id) = product_id(conn, handle).await? else {
        return Ok(false);
    };
    let done = sqlx::query(
        "UPDATE product_images SET alt_en = $3, alt_ar = $4 WHERE id = $1 AND product_id = $2",
    )
    .bind(image_id)
    .bind(id)
    .bind(&alt.en)
    .bind(&alt.ar)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Shows or hides a product on the storefront. False for no such product.
pub async fn set_published(
    conn: &mut PgConnection,
    handle: &str,
    published: bool,
) -> Result<bool, CatalogError> {
    let done =
        sqlx::query("UPDATE products SET published = $2, updated_at = now() WHERE handle = $1")
            .bind(handle)
            .bind(published)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks a product as bought again and again (a consumable), so "for you" may offer it
/// to those who bought it. False for no such product.
pub async fn set_rebuyable(
    conn: &mut PgConnection,
    handle: &str,
    rebuyable: bool,
) -> Result<bool, CatalogError> {
    let done =
        sqlx::query("UPDATE products SET rebuyable = $2 WHERE handle = $1 AND rebuyable <> $2")
            .bind(handle)
            .bind(rebuyable)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// How many products the catalog holds, published or not.
pub async fn count_products(pool: &PgPool) -> Result<i64, CatalogError> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM products")
        .fetch_one(pool)
        .await?)
}

/// Whether a product already has this handle.
pub async fn handle_taken(conn: &mut PgConnection, handle: &str) -> Result<bool, CatalogError> {
    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM products WHERE handle = $1")
        .bind(handle)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(id.is_some())
}

/// Whether the product `handle` has a variant with this SKU.
pub async fn has_variant(
    conn: &mut PgConnection,
    handle: &str,
    sku: &str,
) -> Result<bool, CatalogError> {
    let id: Option<i64> = sqlx::query_scalar(
        "SELECT v.id FROM product_variants v JOIN products p ON p.id = v.product_id \
          WHERE p.handle = $1 AND v.sku = $2",
    )
    .bind(handle)
    .bind(sku)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(id.is_some())
}
