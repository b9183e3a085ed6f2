//! The bulk path into the catalog, for generated benchmark catalogs of 100,000 products
//! (`dokkan-tools generate-catalog`): thousands of products per transaction with four
//! `INSERT … SELECT FROM unnest(…)` statements (products, options, variants, option
//! values), search columns built by the same [`SearchDocument`] as every other write,
//! and the variants' price and stock summary computed here so the summary trigger can
//! be switched off for the batch.

use crate::{
    search_text::{normalize, SearchDocument},
    CatalogError,
};
use sqlx::PgPool;
use std::collections::HashMap;

type Result<T> = std::result::Result<T, CatalogError>;

/// An English and an Arabic text.
pub type Pair = (String, String);

pub struct BulkOption {
    pub name: Pair,
    /// The stable key filters use (`size`, `color`).
    pub key: String,
}

pub struct BulkVariant {
    pub sku: String,
    pub price_minor: i64,
    pub compare_at_minor: Option<i64>,
    pub stock: i32,
    /// One value per option, in the options' order.
    pub values: Vec<Pair>,
}

/// A new product in EGP, with its category's path (for search) and its age.
pub struct BulkProduct {
    pub handle: String,
    pub category_id: i64,
    pub category_path: Vec<Pair>,
    pub name: Pair,
    pub description: Pair,
    pub brand: String,
    pub tags: Vec<String>,
    pub featured: bool,
    pub published: bool,
    /// Created this many seconds before now.
    pub age_seconds: f64,
    pub options: Vec<BulkOption>,
    pub variants: Vec<BulkVariant>,
}

impl BulkProduct {
    /// What the variant trigger would compute: the lowest price, the compare-at price of
    /// that variant (ties by position) and whether anything is in stock.
    fn summary(&self) -> (i64, Option<i64>, bool) {
        let cheapest = self
            .variants
            .iter()
            .enumerate()
            .min_by_key(|(position, v)| (v.price_minor, *position))
            .map(|(_, v)| v);
        (
            cheapest.map(|v| v.price_minor).unwrap_or(0),
            cheapest.and_then(|v| v.compare_at_minor),
            self.variants.iter().any(|v| v.stock > 0),
        )
    }

    pub fn search_document(&self) -> SearchDocument {
        // Each option value once, in the order the variants first use them.
        let mut values: Vec<(&str, &str)> = Vec::new();
        for (en, ar) in self.variants.iter().flat_map(|v| v.values.iter()) {
            if !values.contains(&(en.as_str(), ar.as_str())) {
                values.push((en.as_str(), ar.as_str()));
            }
        }
        SearchDocument::build(
            (&self.name.0, &self.name.1),
            &self.brand,
            self.tags.iter().map(String::as_str),
            self.category_path
                .iter()
                .map(|(en, ar)| (en.as_str(), ar.as_str())),
            values,
            (&self.description.0, &self.description.1),
        )
    }
}

/// Finds a category by its parent and either name (the way the CSV importer matches
/// `Men > Shoes`), or creates it under a free slug (`slug`, `slug-2`, …), so a catalog
/// that already has `Women` gets the new leaves under its own top-level category.
pub async fn ensure_category(
    conn: &mut sqlx::PgConnection,
    slug: &dokkan_core::Slug,
    name: (&str, &str),
    parent: Option<i64>,
    position: i32,
) -> Result<i64> {
    let existing: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM categories
          WHERE COALESCE(parent_id, 0) = COALESCE($1, 0)
            AND (lower(name_en) = lower($2) OR name_ar = $3)
          ORDER BY id LIMIT 1",
    )
    .bind(parent)
    .bind(name.0)
    .bind(name.1)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = existing {
        return Ok(id);
    }
    for attempt in 1..100 {
        let candidate = if attempt == 1 {
            slug.to_string()
        } else {
            format!("{slug}-{attempt}")
        };
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO categories (slug, name_en, name_ar, description_en, description_ar,
                                     position, parent_id, search_name)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (slug) DO NOTHING
             RETURNING id",
        )
        .bind(&candidate)
        .bind(name.0)
        .bind(name.1)
        .bind(format!("Shop {} at Dokkan.", name.0))
        .bind(format!("تسوق {} من دكان.", name.1))
        .bind(position)
        .bind(parent)
        .bind(format!("{} {}", normalize(name.0), normalize(name.1)))
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            return Ok(id);
        }
    }
    Err(CatalogError::Corrupt(format!(
        "no free slug for category {slug}"
    )))
}

/// Whether a variant already has this SKU.
pub async fn sku_exists(pool: &PgPool, sku: &str) -> Result<bool> {
    Ok(
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM product_variants WHERE sku = $1)")
            .bind(sku)
            .fetch_one(pool)
            .await?,
    )
}

/// The per-row trigger that keeps `products.price_minor/compare_at_minor/in_stock` (see
/// migrations/20261123000003).
const SUMMARY_TRIGGER: &str = "product_variants_summary";

/// Whether the summary trigger exists and we may switch it off (we own the table).
pub async fn may_skip_summary_trigger(pool: &PgPool) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (
             SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
              WHERE c.oid = 'product_variants'::regclass AND t.tgname = $1
                AND NOT t.tgisinternal AND (t.tgtype & 1) = 1)
            AND pg_has_role((SELECT relowner FROM pg_class
                              WHERE oid = 'product_variants'::regclass), 'USAGE')",
    )
    .bind(SUMMARY_TRIGGER)
    .fetch_one(pool)
    .await?)
}

/// Writes `products` in one transaction. Deadlocks (two writers adding the same new words
/// to `search_lexicon` in different orders) are retried: the batch is written again.
pub async fn write_products(
    pool: &PgPool,
    products: &[BulkProduct],
    skip_summary_trigger: bool,
) -> Result<()> {
    let mut attempt = 0;
    loop {
        match write_batch(pool, products, skip_summary_trigger).await {
            Ok(()) => return Ok(()),
            Err(sqlx::Error::Database(e))
                if attempt < 5 && matches!(e.code().as_deref(), Some("40P01" | "40001")) =>
            {
                attempt += 1;
                tracing::warn!(attempt, "batch hit a deadlock; writing it again");
            }
            Err(e) => return Err(e.into()),
        }
    }
}

async fn write_batch(
    pool: &PgPool,
    products: &[BulkProduct],
    skip_summary_trigger: bool,
) -> std::result::Result<(), sqlx::Error> {
    let mut tx = pool.begin().await?;
    let summaries: Vec<(i64, Option<i64>, bool)> = products.iter().map(|p| p.summary()).collect();
    let searches: Vec<SearchDocument> = products.iter().map(|p| p.search_document()).collect();
    let column = |f: &dyn Fn(&BulkProduct) -> String| products.iter().map(f).collect::<Vec<_>>();
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "INSERT INTO products (handle, category_id, name_en, name_ar, description_en,
                               description_ar, brand, tags, price_minor, compare_at_minor,
                               in_stock, currency, featured, published, created_at,
                               search_name, search_terms, search_body)
         SELECT h, c, ne, na, de, da, b, string_to_array(t, '|'), p, ca, s, 'EGP', f, pub,
                now() - make_interval(secs => age), sn, st, sb
           FROM unnest($1::text[], $2::int8[], $3::text[], $4::text[], $5::text[], $6::text[],
                       $7::text[], $8::text[], $9::int8[], $10::int8[], $11::bool[],
                       $12::bool[], $13::bool[], $14::float8[], $15::text[], $16::text[],
                       $17::text[])
                AS u(h, c, ne, na, de, da, b, t, p, ca, s, f, pub, age, sn, st, sb)
         RETURNING id, handle",
    )
    .bind(column(&|p| p.handle.clone()))
    .bind(products.iter().map(|p| p.category_id).collect::<Vec<_>>())
    .bind(column(&|p| p.name.0.clone()))
    .bind(column(&|p| p.name.1.clone()))
    .bind(column(&|p| p.description.0.clone()))
    .bind(column(&|p| p.description.1.clone()))
    .bind(column(&|p| p.brand.clone()))
    .bind(column(&|p| p.tags.join("|")))
    .bind(summaries.iter().map(|s| s.0).collect::<Vec<_>>())
    .bind(summaries.iter().map(|s| s.1).collect::<Vec<_>>())
    .bind(summaries.iter().map(|s| s.2).collect::<Vec<_>>())
    .bind(products.iter().map(|p| p.featured).collect::<Vec<_>>())
    .bind(products.iter().map(|p| p.published).collect::<Vec<_>>())
    .bind(products.iter().map(|p| p.age_seconds).collect::<Vec<_>>())
    .bind(searches.iter().map(|s| s.name.as_str()).collect::<Vec<_>>())
    .bind(
        searches
            .iter()
            .map(|s| s.terms.as_str())
            .collect::<Vec<_>>(),
    )
    .bind(searches.iter().map(|s| s.body.as_str()).collect::<Vec<_>>())
    .fetch_all(&mut *tx)
    .await?;
    let product_ids: HashMap<String, i64> = rows.into_iter().map(|(id, h)| (h, id)).collect();
    let id_of = |p: &BulkProduct| product_ids[&p.handle];

    let (mut o_product, mut o_position, mut o_name_en, mut o_name_ar, mut o_key) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in products {
        for (i, o) in p.options.iter().enumerate() {
            o_product.push(id_of(p));
            o_position.push(i as i16 + 1);
            o_name_en.push(o.name.0.as_str());
            o_name_ar.push(o.name.1.as_str());
            o_key.push(o.key.as_str());
        }
    }
    let option_rows: Vec<(i64, i64, i16)> = sqlx::query_as(
        "INSERT INTO product_options (product_id, position, name_en, name_ar, key)
         SELECT * FROM unnest($1::int8[], $2::int2[], $3::text[], $4::text[], $5::text[])
         RETURNING id, product_id, position",
    )
    .bind(&o_product)
    .bind(&o_position)
    .bind(&o_name_en)
    .bind(&o_name_ar)
    .bind(&o_key)
    .fetch_all(&mut *tx)
    .await?;
    let option_ids: HashMap<(i64, i16), i64> = option_rows
        .into_iter()
        .map(|(id, product, position)| ((product, position), id))
        .collect();

    let (mut v_product, mut v_position, mut v_sku, mut v_price, mut v_compare, mut v_stock) = (
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    );
    for p in products {
        for (i, v) in p.variants.iter().enumerate() {
            v_product.push(id_of(p));
            v_position.push(i as i32);
            v_sku.push(v.sku.as_str());
            v_price.push(v.price_minor);
            v_compare.push(v.compare_at_minor);
            v_stock.push(v.stock);
        }
    }
    // The summary trigger runs a planned-per-call SQL function for every variant row
    // (~0.4 ms each, most of a batch's time), only to find the summary written above.
    // Switched off inside this transaction only: DDL is transactional, so no other
    // session ever sees it off, and a failed batch rolls the switch back too. The lock
    // it takes makes concurrent writers queue here until commit.
    if skip_summary_trigger {
        sqlx::query(&format!(
            "ALTER TABLE product_variants DISABLE TRIGGER {SUMMARY_TRIGGER}"
        ))
        .execute(&mut *tx)
        .await?;
    }
    let variant_rows: Vec<(i64, String)> = sqlx::query_as(
        "INSERT INTO product_variants (product_id, position, sku, price_minor, compare_at_minor,
                                       currency, stock)
         SELECT p, pos, sku, pr, ca, 'EGP', st
           FROM unnest($1::int8[], $2::int4[], $3::text[], $4::int8[], $5::int8[], $6::int4[])
                AS u(p, pos, sku, pr, ca, st)
         RETURNING id, sku",
    )
    .bind(&v_product)
    .bind(&v_position)
    .bind(&v_sku)
    .bind(&v_price)
    .bind(&v_compare)
    .bind(&v_stock)
    .fetch_all(&mut *tx)
    .await?;
    if skip_summary_trigger {
        sqlx::query(&format!(
            "ALTER TABLE product_variants ENABLE TRIGGER {SUMMARY_TRIGGER}"
        ))
        .execute(&mut *tx)
        .await?;
    }
    let variant_ids: HashMap<String, i64> =
        variant_rows.into_iter().map(|(id, s)| (s, id)).collect();

    let (mut x_variant, mut x_option, mut x_en, mut x_ar) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for p in products {
        let product = id_of(p);
        for v in &p.variants {
            for (i, value) in v.values.iter().enumerate() {
                x_variant.push(variant_ids[&v.sku]);
                x_option.push(option_ids[&(product, i as i16 + 1)]);
                x_en.push(value.0.as_str());
                x_ar.push(value.1.as_str());
            }
        }
    }
    sqlx::query(
        "INSERT INTO variant_option_values (variant_id, option_id, value_en, value_ar)
         SELECT * FROM unnest($1::int8[], $2::int8[], $3::text[], $4::text[])",
    )
    .bind(&x_variant)
    .bind(&x_option)
    .bind(&x_en)
    .bind(&x_ar)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

const TABLES: &str = "categories, products, product_options, product_variants, \
     variant_option_values, search_lexicon";

/// Fresh statistics for the catalog's tables. A fresh database has none (and with
/// autovacuum off, never gets any): the facets trigger then plans a hash join over all
/// options for every variant, minutes per batch instead of milliseconds.
pub async fn analyze(pool: &PgPool) -> Result<()> {
    sqlx::raw_sql(&format!("ANALYZE {TABLES}"))
        .execute(pool)
        .await?;
    Ok(())
}

/// `VACUUM (ANALYZE)` of the catalog's tables after a bulk load.
pub async fn vacuum_analyze(pool: &PgPool) -> Result<()> {
    sqlx::raw_sql(&format!("VACUUM (ANALYZE) {TABLES}"))
        .execute(pool)
        .await?;
    Ok(())
}

/// How many products disagree with what the summary trigger would have written.
pub async fn wrong_summaries(pool: &PgPool) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT count(*) FROM products p
           JOIN (SELECT product_id, min(price_minor) AS price_minor,
                        (array_agg(compare_at_minor ORDER BY price_minor, position))[1] AS compare_at,
                        bool_or(stock > 0) AS in_stock
                   FROM product_variants GROUP BY product_id) s ON s.product_id = p.id
          WHERE (p.price_minor, p.compare_at_minor, p.in_stock)
                IS DISTINCT FROM (s.price_minor, s.compare_at, s.in_stock)",
    )
    .fetch_one(pool)
    .await?)
}

/// Products, variants and search words the catalog has.
pub async fn sizes(pool: &PgPool) -> Result<(i64, i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM product_variants),
                (SELECT count(*) FROM search_lexicon)",
    )
    .fetch_one(pool)
    .await?)
}
