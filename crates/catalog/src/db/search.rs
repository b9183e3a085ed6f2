//! Listing and search: category pages, the search page and `GET /api/v1/products` share
//! one query; the search box's suggestions; the search log.
//!
//! A search runs in two steps. First each query word is looked at once: a stop word is
//! dropped; a word some product contains (after stemming) is used as it is; a word that
//! only starts a known word is a prefix; anything else is a misspelling and is replaced
//! by the closest words of the lexicon (trigram similarity). The last word is always also
//! a prefix, for type-ahead. Then one statement finds the products (full-text match over
//! both stemmers), ranks them (weighted full-text rank plus how closely the name is spelt
//! like the query, in-stock first on ties), and returns the page, the total and every
//! facet count.

use super::rows::{self, cards, CardRow, CARD_COLUMNS};
use crate::search_text::{normalize, words};
use crate::{
    CatalogError, CategoryLink, FacetValue, Facets, Listing, ListingQuery, Localized, OptionFacet,
    ProductSuggestion, Sort, Suggestions,
};
use dokkan_core::Locale;
use serde::Deserialize;
use sqlx::{FromRow, PgPool, Postgres, QueryBuilder};
use std::collections::HashMap;

/// At most this many query words are used; the rest of a pasted paragraph is ignored.
const MAX_WORDS: usize = 8;
/// Closest lexicon words tried for one misspelt word.
const MAX_CORRECTIONS: i64 = 3;

/// A shopper's text turned into a PostgreSQL `tsquery` (the same string is given to the
/// english and the arabic configuration) plus its normalized form for spelling closeness.
#[derive(Debug, Clone, PartialEq)]
pub struct TextQuery {
    pub normalized: String,
    /// `None` when every word was a stop word: nothing can match.
    pub tsquery: Option<String>,
}

#[derive(FromRow)]
struct WordRow {
    word: String,
    stop: bool,
    known: bool,
    prefix_of_known: bool,
    similar: Vec<String>,
}

/// Prepares the text of a search; `None` when it has no words at all.
pub async fn prepare_text(pool: &PgPool, text: &str) -> Result<Option<TextQuery>, CatalogError> {
    let normalized = normalize(text);
    let tokens: Vec<String> = words(&normalized)
        .take(MAX_WORDS)
        .map(str::to_string)
        .collect();
    if tokens.is_empty() {
        return Ok(None);
    }
    let rows: Vec<WordRow> = sqlx::query_as(
        "SELECT t.word,
                numnode(to_tsquery('english', t.word)) = 0
                    OR numnode(to_tsquery('arabic', t.word)) = 0 AS stop,
                EXISTS (SELECT 1 FROM products p
                         WHERE p.published
                           AND p.search_vector @@ (to_tsquery('english', t.word) || to_tsquery('arabic', t.word))
                       ) AS known,
                EXISTS (SELECT 1 FROM search_lexicon l
                         WHERE l.term LIKE t.word || '%' AND l.term <> t.word) AS prefix_of_known,
                ARRAY(SELECT l.term FROM search_lexicon l
                       WHERE l.term % t.word
                       ORDER BY similarity(l.term, t.word) DESC, l.term
                       LIMIT $2) AS similar
           FROM unnest($1::text[]) WITH ORDINALITY AS t(word, i)
          ORDER BY t.i",
    )
    .bind(&tokens)
    .bind(MAX_CORRECTIONS)
    .fetch_all(pool)
    .await?;
    let last = rows.len().saturating_sub(1);
    let mut parts = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        if row.stop {
            continue;
        }
        let is_last = index == last;
        let mut alternatives = vec![if is_last || row.prefix_of_known && !row.known {
            format!("{}:*", row.word)
        } else {
            row.word.clone()
        }];
        if !row.known && !row.prefix_of_known {
            alternatives.extend(row.similar.iter().filter(|s| **s != row.word).cloned());
        }
        parts.push(format!("({})", alternatives.join(" | ")));
    }
    Ok(Some(TextQuery {
        normalized,
        tsquery: (!parts.is_empty()).then(|| parts.join(" & ")),
    }))
}

#[derive(FromRow)]
struct CategoryIdRow {
    id: i64,
    parent_id: Option<i64>,
    slug: String,
    name_en: String,
    name_ar: String,
}

/// The category table is small (tens of rows): read whole, walked in memory.
async fn category_rows(pool: &PgPool) -> Result<Vec<CategoryIdRow>, CatalogError> {
    Ok(sqlx::query_as(
        "SELECT id, parent_id, slug, name_en, name_ar FROM categories ORDER BY position, id",
    )
    .fetch_all(pool)
    .await?)
}

fn descendants(all: &[CategoryIdRow], root: i64) -> Vec<i64> {
    let mut out = vec![root];
    let mut index = 0;
    while index < out.len() {
        let parent = out[index];
        out.extend(
            all.iter()
                .filter(|c| c.parent_id == Some(parent))
                .map(|c| c.id),
        );
        index += 1;
    }
    out
}

/// The child of `parent` (or the top-level category when `parent` is `None`) that
/// `category` sits under, if any.
fn child_under(all: &[CategoryIdRow], parent: Option<i64>, category: i64) -> Option<i64> {
    let mut current = category;
    for _ in 0..16 {
        let row = all.iter().find(|c| c.id == current)?;
        if row.parent_id == parent {
            return Some(row.id);
        }
        current = row.parent_id?;
    }
    None
}

#[derive(FromRow)]
struct ListingRow {
    total: i64,
    facets: sqlx::types::Json<FacetsJson>,
    #[sqlx(flatten)]
    card: OptionalCardRow,
}

#[derive(FromRow)]
struct OptionalCardRow {
    handle: Option<String>,
    name_en: Option<String>,
    name_ar: Option<String>,
    price_minor: Option<i64>,
    compare_at_minor: Option<i64>,
    currency: Option<String>,
    in_stock: Option<bool>,
    image_path: Option<String>,
    image_alt_en: Option<String>,
    image_alt_ar: Option<String>,
    image_hash: Option<String>,
}

#[derive(Deserialize, Default)]
struct FacetsJson {
    #[serde(default)]
    options: Vec<OptionCount>,
    price_min: Option<i64>,
    price_max: Option<i64>,
    #[serde(default)]
    in_stock: i64,
    #[serde(default)]
    categories: Vec<(i64, i64)>,
}

#[derive(Deserialize)]
struct OptionCount {
    key: String,
    name_en: String,
    name_ar: String,
    value_en: String,
    value_ar: String,
    count: i64,
}

/// Appends `AND <one filter>` for every variant-level filter, except the option `skip`
/// (its own facet is counted without it) and, when asked, price or stock.
struct VariantFilters<'q> {
    query: &'q ListingQuery,
    facet_words: Vec<Vec<String>>,
}

impl<'q> VariantFilters<'q> {
    fn new(query: &'q ListingQuery) -> Self {
        let facet_words = query
            .options
            .iter()
            .map(|(key, values)| {
                values
                    .iter()
                    .map(|v| format!("{key}={}", v.to_lowercase()))
                    .collect()
            })
            .collect();
        VariantFilters { query, facet_words }
    }

    fn any(&self) -> bool {
        !self.query.options.is_empty()
            || self.query.min_price.is_some()
            || self.query.max_price.is_some()
            || self.query.in_stock
    }

    /// `skip_option`: index of the option filter to leave out; a facet row's own key is
    /// handled by `own_key_column` instead (the filter holds when the row is that key).
    fn push(
        &self,
        sql: &mut QueryBuilder<'_, Postgres>,
        price: bool,
        stock: bool,
        own_key_column: Option<&str>,
    ) {
        if price {
            if let Some(min) = self.query.min_price {
                sql.push(" AND v.price_minor >= ").push_bind(min);
            }
            if let Some(max) = self.query.max_price {
                sql.push(" AND v.price_minor <= ").push_bind(max);
            }
        }
        if stock && self.query.in_stock {
            sql.push(" AND v.stock > 0");
        }
        for ((key, _), words) in self.query.options.iter().zip(&self.facet_words) {
            sql.push(" AND (");
            if let Some(column) = own_key_column {
                sql.push(column)
                    .push(" = ")
                    .push_bind(key.as_str().to_string())
                    .push(" OR ");
            }
            sql.push("v.facets && ").push_bind(words.clone()).push(")");
        }
    }
}

/// One page of products matching `query`, the total and the facet counts.
pub async fn listing(pool: &PgPool, query: &ListingQuery) -> Result<Listing, CatalogError> {
    let text = match query.text.trim() {
        "" => None,
        text => prepare_text(pool, text).await?,
    };
    let categories = category_rows(pool).await?;
    let chosen = match &query.category {
        None => None,
        Some(slug) => match categories.iter().find(|c| c.slug == slug.as_str()) {
            Some(c) => Some(c.id),
            None => return Ok(empty_listing()),
        },
    };
    if let Some(TextQuery { tsquery: None, .. }) = text {
        return Ok(empty_listing());
    }

    let filters = VariantFilters::new(query);
    let mut sql: QueryBuilder<Postgres> = QueryBuilder::new("WITH ");
    if let Some(TextQuery {
        tsquery: Some(tsquery),
        normalized,
    }) = &text
    {
        sql.push("q AS (SELECT to_tsquery('english', ")
            .push_bind(tsquery.clone())
            .push(") || to_tsquery('arabic', ")
            .push_bind(tsquery.clone())
            .push(") AS ts, ")
            .push_bind(normalized.clone())
            .push("::text AS norm), base AS MATERIALIZED (SELECT p.id, p.category_id, p.created_at, p.price_minor, p.in_stock, ")
            .push("round((ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, q.ts) + 0.5 * word_similarity(q.norm, p.search_name))::numeric, 3) AS score ")
            .push("FROM products p, q WHERE p.published AND p.search_vector @@ q.ts");
    } else {
        sql.push("base AS MATERIALIZED (SELECT p.id, p.category_id, p.created_at, p.price_minor, p.in_stock, 0::numeric AS score FROM products p WHERE p.published");
    }
    if let Some(root) = chosen {
        sql.push(" AND p.category_id = ANY(")
            .push_bind(descendants(&categories, root))
            .push(")");
    }
    sql.push("), hits AS MATERIALIZED (SELECT b.* FROM base b");
    if filters.any() {
        sql.push(" WHERE EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = b.id");
        filters.push(&mut sql, true, true, None);
        sql.push(")");
    }
    sql.push(
        "), page AS (SELECT h.id, row_number() OVER () AS ord FROM (SELECT * FROM hits h ORDER BY ",
    );
    sql.push(match (query.sort, text.is_some()) {
        (Sort::Relevance, true) => "h.score DESC, h.in_stock DESC, h.created_at DESC, h.id DESC",
        (Sort::Relevance, false) => "h.in_stock DESC, h.created_at DESC, h.id DESC",
        (Sort::PriceAsc, _) => "h.price_minor ASC, h.id ASC",
        (Sort::PriceDesc, _) => "h.price_minor DESC, h.id DESC",
        (Sort::Newest, _) => "h.created_at DESC, h.id DESC",
    });
    sql.push(" LIMIT ")
        .push_bind(query.per_page as i64)
        .push(" OFFSET ")
        .push_bind(query.offset())
        .push(") h)");

    // Facets: option values (each without its own filter), price bounds (without the
    // price filter), in-stock count (without the stock filter), categories (all filters).
    sql.push(", option_counts AS (SELECT f, count(DISTINCT v.product_id) AS n, min(v.id) AS sample, min(v.position) AS pos FROM base b JOIN product_variants v ON v.product_id = b.id CROSS JOIN LATERAL unnest(v.facets) AS f WHERE true");
    filters.push(&mut sql, true, true, Some("split_part(f, '=', 1)"));
    sql.push(" GROUP BY f), option_rows AS (SELECT o.key, o.name_en, o.name_ar, x.value_en, x.value_ar, oc.n, o.position, oc.pos FROM option_counts oc JOIN product_variants sv ON sv.id = oc.sample JOIN product_options o ON o.product_id = sv.product_id AND o.key = split_part(oc.f, '=', 1) JOIN variant_option_values x ON x.variant_id = oc.sample AND x.option_id = o.id)");
    sql.push(", prices AS (SELECT min(v.price_minor) AS lo, max(v.price_minor) AS hi FROM base b JOIN product_variants v ON v.product_id = b.id WHERE true");
    filters.push(&mut sql, false, true, None);
    sql.push("), stocked AS (SELECT count(DISTINCT v.product_id) AS n FROM base b JOIN product_variants v ON v.product_id = b.id WHERE v.stock > 0");
    filters.push(&mut sql, true, false, None);
    sql.push(
        "), meta AS (SELECT (SELECT count(*) FROM hits) AS total, json_build_object(
            'options', COALESCE((SELECT json_agg(json_build_object('key', key, 'name_en', name_en, 'name_ar', name_ar,
                                   'value_en', value_en, 'value_ar', value_ar, 'count', n) ORDER BY position, key, pos, value_en)
                                 FROM option_rows), '[]'),
            'price_min', (SELECT lo FROM prices), 'price_max', (SELECT hi FROM prices),
            'in_stock', (SELECT n FROM stocked),
            'categories', COALESCE((SELECT json_agg(json_build_array(category_id, n))
                                    FROM (SELECT category_id, count(*) AS n FROM hits GROUP BY category_id) c), '[]')
        ) AS facets)
        SELECT meta.total, meta.facets, card.* FROM meta LEFT JOIN LATERAL (
            SELECT page.ord, ",
    );
    sql.push(CARD_COLUMNS);
    sql.push(" JOIN page ON page.id = p.id) card ON true ORDER BY card.ord");

    let rows: Vec<ListingRow> = sql.build_query_as().fetch_all(pool).await?;
    let Some(first) = rows.first() else {
        return Ok(empty_listing());
    };
    let total = first.total.max(0) as u64;
    let facets_json = &first.facets.0;
    let facets = facets_from(facets_json, &categories, chosen)?;
    let items = cards(
        rows.into_iter()
            .filter_map(|row| {
                let c = row.card;
                Some(CardRow {
                    handle: c.handle?,
                    name_en: c.name_en?,
                    name_ar: c.name_ar?,
                    price_minor: c.price_minor?,
                    compare_at_minor: c.compare_at_minor,
                    currency: c.currency?,
                    in_stock: c.in_stock?,
                    image_path: c.image_path,
                    image_alt_en: c.image_alt_en,
                    image_alt_ar: c.image_alt_ar,
                    image_hash: c.image_hash,
                })
            })
            .collect(),
    )?;
    Ok(Listing {
        items,
        total,
        facets,
    })
}

fn empty_listing() -> Listing {
    Listing {
        items: Vec::new(),
        total: 0,
        facets: Facets::default(),
    }
}

fn facets_from(
    json: &FacetsJson,
    categories: &[CategoryIdRow],
    chosen: Option<i64>,
) -> Result<Facets, CatalogError> {
    let mut options: Vec<OptionFacet> = Vec::new();
    for row in &json.options {
        let value = FacetValue {
            value: row.value_en.clone(),
            label: Localized::new(row.value_en.clone(), row.value_ar.clone()),
            count: row.count.max(0) as u64,
        };
        match options.iter_mut().find(|o| o.key.as_str() == row.key) {
            Some(option) => option.values.push(value),
            None => options.push(OptionFacet {
                key: rows::slug(&row.key)?,
                name: Localized::new(row.name_en.clone(), row.name_ar.clone()),
                values: vec![value],
            }),
        }
    }
    for option in &mut options {
        sort_values(&mut option.values);
    }
    let mut by_child: HashMap<i64, u64> = HashMap::new();
    for (category, count) in &json.categories {
        if let Some(child) = child_under(categories, chosen, *category) {
            if Some(child) != chosen {
                *by_child.entry(child).or_default() += (*count).max(0) as u64;
            }
        }
    }
    let categories = categories
        .iter()
        .filter(|c| c.parent_id == chosen && by_child.contains_key(&c.id))
        .map(|c| FacetValue {
            value: c.slug.clone(),
            label: Localized::new(c.name_en.clone(), c.name_ar.clone()),
            count: by_child[&c.id],
        })
        .collect();
    Ok(Facets {
        categories,
        options,
        price_min: json.price_min,
        price_max: json.price_max,
        in_stock: json.in_stock.max(0) as u64,
    })
}

/// Sizes read small to large (`S, M, L, XL`, then `40, 41, 42`); any other option
/// (colours, materials) most common first.
fn sort_values(values: &mut [FacetValue]) {
    const APPAREL: [&str; 12] = [
        "XXS", "XS", "S", "M", "L", "XL", "XXL", "2XL", "XXXL", "3XL", "4XL", "5XL",
    ];
    let rank = |v: &FacetValue| -> Option<(u8, f64)> {
        let upper = v.value.to_ascii_uppercase();
        if let Some(i) = APPAREL.iter().position(|s| *s == upper) {
            return Some((0, i as f64));
        }
        v.value.parse::<f64>().ok().map(|n| (1, n))
    };
    if values.iter().all(|v| rank(v).is_some()) {
        values.sort_by(|a, b| {
            let (a, b) = (rank(a).unwrap_or_default(), rank(b).unwrap_or_default());
            a.0.cmp(&b.0).then(a.1.total_cmp(&b.1))
        });
    } else {
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    }
}

#[derive(FromRow)]
struct SuggestionRow {
    handle: String,
    name_en: String,
    name_ar: String,
    price_minor: i64,
    currency: String,
    image_path: Option<String>,
    image_hash: Option<String>,
}

/// Up to `limit` products and categories for what the shopper has typed so far.
pub async fn suggest(pool: &PgPool, text: &str, limit: i64) -> Result<Suggestions, CatalogError> {
    let Some(prepared) = prepare_text(pool, text).await? else {
        return Ok(Suggestions::default());
    };
    let products = match &prepared.tsquery {
        None => Vec::new(),
        Some(tsquery) => sqlx::query_as::<_, SuggestionRow>(
            "WITH q AS (SELECT to_tsquery('english', $1) || to_tsquery('arabic', $1) AS ts)
             SELECT p.handle, p.name_en, p.name_ar, p.price_minor, p.currency,
                    img.path AS image_path, img.media_hash AS image_hash
               FROM products p CROSS JOIN q
               LEFT JOIN LATERAL (SELECT path, media_hash FROM product_images
                                   WHERE product_id = p.id ORDER BY position LIMIT 1) img ON true
              WHERE p.published AND p.search_vector @@ q.ts
              ORDER BY ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, q.ts)
                       + 0.5 * word_similarity($2, p.search_name) DESC,
                       p.in_stock DESC, p.id
              LIMIT $3",
        )
        .bind(tsquery)
        .bind(&prepared.normalized)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|row| {
            let image = row.image_path.map(|path| match row.image_hash {
                Some(hash) => format!("/media/{hash}-200.webp"),
                None => path,
            });
            Ok(ProductSuggestion {
                handle: rows::slug(&row.handle)?,
                name: Localized::new(row.name_en, row.name_ar),
                price: rows::money(row.price_minor, &row.currency)?,
                image,
            })
        })
        .collect::<Result<Vec<_>, CatalogError>>()?,
    };
    let categories: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT slug, name_en, name_ar FROM categories
          WHERE search_name LIKE '%' || $1 || '%' OR $1 <% search_name
          ORDER BY word_similarity($1, search_name) DESC, position, id
          LIMIT $2",
    )
    .bind(&prepared.normalized)
    .bind(limit.min(5))
    .fetch_all(pool)
    .await?;
    Ok(Suggestions {
        products,
        categories: categories
            .into_iter()
            .map(|(slug, en, ar)| {
                Ok(CategoryLink {
                    slug: rows::slug(&slug)?,
                    name: Localized::new(en, ar),
                })
            })
            .collect::<Result<_, CatalogError>>()?,
    })
}

/// Records a search (its normalized text) for search analytics. Empty queries are not
/// searches and are not recorded.
pub async fn log_search(
    pool: &PgPool,
    text: &str,
    locale: Locale,
    result_count: u64,
) -> Result<(), CatalogError> {
    let normalized: String = normalize(text).chars().take(200).collect();
    if normalized.is_empty() {
        return Ok(());
    }
    sqlx::query("INSERT INTO search_log (query, locale, result_count) VALUES ($1, $2, $3)")
        .bind(normalized)
        .bind(locale.as_str())
        .bind(result_count.min(i32::MAX as u64) as i32)
        .execute(pool)
        .await?;
    Ok(())
}

/// Queries that found nothing since `since`, most frequent first (for the admin's
/// search analytics).
pub async fn zero_result_queries(
    pool: &PgPool,
    since: chrono::DateTime<chrono::Utc>,
    limit: i64,
) -> Result<Vec<(String, i64)>, CatalogError> {
    Ok(sqlx::query_as(
        "SELECT query, count(*) AS n FROM search_log
          WHERE result_count = 0 AND searched_at >= $1
          GROUP BY query ORDER BY n DESC, query LIMIT $2",
    )
    .bind(since)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}
