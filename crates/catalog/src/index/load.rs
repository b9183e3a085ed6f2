//! Reads published products from PostgreSQL into index documents, in id batches.

use super::store::{lead, DocData, FacetLabel, Lead, VariantData};
use super::tsvector;
use crate::lexicon::{term_key, Lexicon};
use crate::CatalogError;
use sqlx::{FromRow, PgPool};
use std::collections::HashMap;

/// Products per round of reading during a full load.
const BATCH: i64 = 5_000;

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    category_id: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    price_minor: i64,
    in_stock: bool,
    vector: String,
    brand: String,
    first_en: String,
    first_ar: String,
    en_en: String,
    en_ar: String,
    ar_en: String,
    ar_ar: String,
}

#[derive(FromRow)]
struct VariantRow {
    product_id: i64,
    price_minor: i64,
    in_stock: bool,
    facets: Vec<String>,
}

#[derive(FromRow)]
struct LabelRow {
    word: String,
    key: String,
    name_en: String,
    name_ar: String,
    value_en: String,
    value_ar: String,
    position: i16,
}

/// Documents, and each facet word with its label.
pub type Parsed = (Vec<DocData>, Vec<(String, FacetLabel)>);

/// Products read from PostgreSQL, not yet parsed: parsing and indexing are CPU work the
/// caller may move off the async runtime.
pub struct Batch {
    rows: Vec<ProductRow>,
    variants: HashMap<i64, Vec<VariantData>>,
    labels: Vec<LabelRow>,
}

impl Batch {
    /// The id of the last product (batches come in id order).
    pub fn last_id(&self) -> Option<i64> {
        self.rows.last().map(|r| r.id)
    }

    /// The documents and the facet labels they use.
    pub fn parse(mut self) -> Result<Parsed, CatalogError> {
        let docs = self
            .rows
            .into_iter()
            .map(|row| {
                let lexemes = tsvector::parse(&row.vector).map_err(|e| {
                    CatalogError::Corrupt(format!("search vector of product {}: {e}", row.id))
                })?;
                let heads = heads(&row).map_err(|e| {
                    CatalogError::Corrupt(format!("name head of product {}: {e}", row.id))
                })?;
                Ok(DocData {
                    id: row.id,
                    category_id: row.category_id,
                    created_at: row.created_at.timestamp_micros(),
                    price_minor: row.price_minor,
                    in_stock: row.in_stock,
                    lexemes,
                    heads,
                    variants: self.variants.remove(&row.id).unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, CatalogError>>()?;
        let labels = self
            .labels
            .into_iter()
            .map(|l| {
                (
                    l.word,
                    FacetLabel {
                        key: l.key,
                        name_en: l.name_en,
                        name_ar: l.name_ar,
                        value_en: l.value_en,
                        value_ar: l.value_ar,
                        option_position: l.position,
                    },
                )
            })
            .collect();
        Ok((docs, labels))
    }
}

/// `search_name` is the normalized English name, then the Arabic one (then compounds):
/// the first words of each, lexized with their positions, for [`heads`].
const PRODUCT_COLUMNS: &str =
    "SELECT id, category_id, created_at, price_minor, in_stock, search_vector::text AS vector,
            brand, split_part(h.en, ' ', 1) AS first_en, split_part(h.ar, ' ', 1) AS first_ar,
            to_tsvector('english', h.en)::text AS en_en, to_tsvector('arabic', h.en)::text AS en_ar,
            to_tsvector('english', h.ar)::text AS ar_en, to_tsvector('arabic', h.ar)::text AS ar_ar
       FROM products,
            LATERAL (SELECT cardinality(regexp_split_to_array(btrim(name_en), '\\s+')) AS n) w,
            LATERAL (SELECT concat_ws(' ', split_part(search_name, ' ', 1),
                                           CASE WHEN w.n >= 2 THEN split_part(search_name, ' ', 2) END,
                                           CASE WHEN w.n >= 3 THEN split_part(search_name, ' ', 3) END) AS en,
                            concat_ws(' ', split_part(search_name, ' ', w.n + 1),
                                           split_part(search_name, ' ', w.n + 2),
                                           split_part(search_name, ' ', w.n + 3)) AS ar) h
      WHERE published";

/// Where each lexeme of the first words of each name stands. A name that starts with
/// the brand (`Samsung Galaxy A55`, `سامسونج جالاكسي A55`) starts again after it: the
/// brand and the next word both count as first.
fn heads(row: &ProductRow) -> Result<Vec<(String, Lead)>, String> {
    let brand = term_key(&row.brand);
    let is_brand = |word: &str| {
        !brand.is_empty()
            && (word == brand
                || Lexicon::built_in()
                    .lookup(&brand)
                    .is_some_and(|(_, e)| e.iter().any(|e| e.term == word)))
    };
    let mut out = Vec::new();
    for (english, first, vectors) in [
        (true, &row.first_en, [&row.en_en, &row.en_ar]),
        (false, &row.first_ar, [&row.ar_en, &row.ar_ar]),
    ] {
        let shift = u16::from(is_brand(first));
        for vector in vectors {
            for lexeme in tsvector::parse(vector)? {
                let position = lexeme.first.saturating_sub(shift).max(1);
                if lexeme.first > 0 {
                    out.push((lexeme.text, lead(english, position.min(255) as u8)));
                }
            }
        }
    }
    Ok(out)
}

/// The published products among `ids`; ids that are not published or no longer exist
/// are simply absent.
pub async fn products(pool: &PgPool, ids: &[i64]) -> Result<Batch, CatalogError> {
    let rows: Vec<ProductRow> =
        sqlx::query_as(&format!("{PRODUCT_COLUMNS} AND id = ANY($1) ORDER BY id"))
            .bind(ids)
            .fetch_all(pool)
            .await?;
    with_variants(pool, rows).await
}

/// The next `BATCH` published products after id `after` (empty at the end).
pub async fn batch_after(pool: &PgPool, after: i64) -> Result<Batch, CatalogError> {
    let rows: Vec<ProductRow> = sqlx::query_as(&format!(
        "{PRODUCT_COLUMNS} AND id > $1 ORDER BY id LIMIT $2"
    ))
    .bind(after)
    .bind(BATCH)
    .fetch_all(pool)
    .await?;
    with_variants(pool, rows).await
}

async fn with_variants(pool: &PgPool, rows: Vec<ProductRow>) -> Result<Batch, CatalogError> {
    if rows.is_empty() {
        return Ok(Batch {
            rows,
            variants: HashMap::new(),
            labels: Vec::new(),
        });
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let variants: Vec<VariantRow> = sqlx::query_as(
        "SELECT product_id, price_minor, stock > 0 AS in_stock, facets
           FROM product_variants WHERE product_id = ANY($1) ORDER BY product_id, position, id",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    let labels: Vec<LabelRow> = sqlx::query_as(
        "SELECT DISTINCT ON (word) o.key || '=' || lower(x.value_en) AS word, o.key,
                o.name_en, o.name_ar, x.value_en, x.value_ar, o.position
           FROM product_variants v
           JOIN variant_option_values x ON x.variant_id = v.id
           JOIN product_options o ON o.id = x.option_id
          WHERE v.product_id = ANY($1)
          ORDER BY word, v.product_id, v.position",
    )
    .bind(&ids)
    .fetch_all(pool)
    .await?;
    let mut by_product: HashMap<i64, Vec<VariantData>> = HashMap::new();
    for v in variants {
        by_product
            .entry(v.product_id)
            .or_default()
            .push(VariantData {
                price_minor: v.price_minor,
                in_stock: v.in_stock,
                facets: v.facets,
            });
    }
    Ok(Batch {
        rows,
        variants: by_product,
        labels,
    })
}
