//! Listing and search: category pages, the search page and `GET /api/v1/products` share
//! one listing; the search box's suggestions; the search log.
//!
//! A search runs in two steps. First the shopper's words become the index's query
//! (`super::plan`: lexemes, dialect equivalents, Arabizi, corrections). Then the
//! in-memory index (`crate::index`) matches, ranks, filters, counts the facets and cuts
//! the page, and PostgreSQL returns the cards of that page.

use super::plan::prepare_text;
use super::rows::{self, cards, CardRow, CARD_COLUMNS};
use crate::index::{Counts, FacetLabel, Found, GroupMatch, SearchIndex, Via};
use crate::search_text::normalize;
use crate::{
    CatalogError, CategoryLink, FacetValue, Facets, Listing, ListingQuery, Localized, OptionFacet,
    ProductSuggestion, Suggestions,
};
use dokkan_core::Locale;
use serde::Serialize;
use sqlx::{FromRow, PgPool};
use std::collections::HashMap;

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
struct IdCardRow {
    id: i64,
    #[sqlx(flatten)]
    card: CardRow,
}

/// The cards of `ids`, in that order.
async fn cards_in_order(pool: &PgPool, ids: &[i64]) -> Result<Vec<CardRow>, CatalogError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<IdCardRow> =
        sqlx::query_as(&format!("SELECT p.id, {CARD_COLUMNS} WHERE p.id = ANY($1)"))
            .bind(ids)
            .fetch_all(pool)
            .await?;
    let mut by_id: HashMap<i64, CardRow> = rows.into_iter().map(|r| (r.id, r.card)).collect();
    // A product deleted between the index's answer and this read is left out.
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// One page of products matching `query`, the total and the facet counts.
pub async fn listing(
    pool: &PgPool,
    index: &SearchIndex,
    query: &ListingQuery,
) -> Result<Listing, CatalogError> {
    Ok(listing_with_query(pool, index, query).await?.0)
}

/// The listing, and why a search found what it found on this page (staff's
/// `explain=1`: how each word was read, and how each product matched).
pub async fn listing_explained(
    pool: &PgPool,
    index: &SearchIndex,
    query: &ListingQuery,
) -> Result<(Listing, Option<Explanation>), CatalogError> {
    let (listing, groups, ids) = listing_with_query(pool, index, query).await?;
    let Some(groups) = groups else {
        return Ok((listing, None));
    };
    let handles: HashMap<i64, String> =
        sqlx::query_as::<_, (i64, String)>("SELECT id, handle FROM products WHERE id = ANY($1)")
            .bind(&ids)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect();
    let products = index
        .explain(&groups, &ids)
        .into_iter()
        .filter_map(|(id, groups)| {
            Some(ProductWhy {
                handle: handles.get(&id)?.clone(),
                groups,
            })
        })
        .collect();
    let words = groups
        .iter()
        .map(|g| WordReadings {
            word: g.text.clone(),
            readings: g
                .alternatives
                .iter()
                .map(|a| Reading {
                    via: a.via,
                    text: a.text.clone(),
                    through: a.through.clone(),
                    factor: (a.factor * 100.0).round() / 100.0,
                    prefix: a.prefix,
                })
                .collect(),
        })
        .collect();
    Ok((listing, Some(Explanation { words, products })))
}

/// Why a search found what it found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    /// Each query word (or phrase) and every reading of it that was searched.
    pub words: Vec<WordReadings>,
    /// The page's products, in order, and how each word matched them.
    pub products: Vec<ProductWhy>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordReadings {
    pub word: String,
    pub readings: Vec<Reading>,
}

/// One reading of a query word: as typed, a lexicon or shop equivalent, an Arabizi
/// spelling, or a correction, with the weight it carries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    pub via: Via,
    pub text: String,
    pub through: Option<String>,
    pub factor: f32,
    pub prefix: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProductWhy {
    pub handle: String,
    pub groups: Vec<GroupMatch>,
}

type Prepared = (Listing, Option<Vec<crate::index::Group>>, Vec<i64>);

async fn listing_with_query(
    pool: &PgPool,
    index: &SearchIndex,
    query: &ListingQuery,
) -> Result<Prepared, CatalogError> {
    index.sync(pool).await?;
    let text = query.text.trim();
    // Two independent reads: on two pooled connections at once.
    let (categories, prepared) = tokio::try_join!(category_rows(pool), async {
        match text {
            "" => Ok(None),
            text => prepare_text(pool, index, text).await.map(Some),
        }
    })?;
    let chosen = match &query.category {
        None => None,
        Some(slug) => match categories.iter().find(|c| c.slug == slug.as_str()) {
            Some(c) => Some(c.id),
            None => return Ok((empty_listing(), None, Vec::new())),
        },
    };
    let groups = match prepared {
        None => None,
        Some(Some(groups)) if !groups.is_empty() => Some(groups),
        // Only punctuation, or only stop words: nothing was asked for.
        Some(_) => return Ok((empty_listing(), None, Vec::new())),
    };
    let allowed = chosen.map(|root| descendants(&categories, root));
    let found = index.list(groups.as_deref(), allowed.as_deref(), query, Counts::Facets);
    let items = cards(cards_in_order(pool, &found.ids).await?)?;
    let listing = Listing {
        items,
        total: found.total,
        facets: facets_from(&found, &categories, chosen)?,
        partial: found.partial,
    };
    Ok((listing, groups, found.ids))
}

/// The newest products with something in stock, for the home page (no facets).
pub async fn newest_in_stock(
    pool: &PgPool,
    index: &SearchIndex,
    limit: u32,
) -> Result<Vec<crate::ProductCard>, CatalogError> {
    index.sync(pool).await?;
    let mut query = ListingQuery::new();
    query.per_page = limit;
    query.sort = crate::Sort::Newest;
    query.in_stock = true;
    let found = index.list(None, None, &query, Counts::PageOnly);
    cards(cards_in_order(pool, &found.ids).await?)
}

fn empty_listing() -> Listing {
    Listing {
        items: Vec::new(),
        total: 0,
        facets: Facets::default(),
        partial: false,
    }
}

fn facets_from(
    found: &Found,
    categories: &[CategoryIdRow],
    chosen: Option<i64>,
) -> Result<Facets, CatalogError> {
    let mut options: Vec<OptionFacet> = Vec::new();
    for (label, count) in &found.options {
        let FacetLabel {
            key,
            name_en,
            name_ar,
            value_en,
            value_ar,
            ..
        } = label;
        let value = FacetValue {
            value: value_en.clone(),
            label: Localized::new(value_en.clone(), value_ar.clone()),
            count: *count,
        };
        match options.iter_mut().find(|o| o.key.as_str() == key) {
            Some(option) => option.values.push(value),
            None => options.push(OptionFacet {
                key: rows::slug(key)?,
                name: Localized::new(name_en.clone(), name_ar.clone()),
                values: vec![value],
            }),
        }
    }
    for option in &mut options {
        sort_values(&mut option.values);
    }
    let mut by_child: HashMap<i64, u64> = HashMap::new();
    for (category, count) in &found.categories {
        if let Some(child) = child_under(categories, chosen, *category) {
            if Some(child) != chosen {
                *by_child.entry(child).or_default() += *count;
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
        price_min: found.price_min,
        price_max: found.price_max,
        in_stock: found.in_stock,
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

/// Up to `limit` products and categories for what the shopper has typed so far.
pub async fn suggest(
    pool: &PgPool,
    index: &SearchIndex,
    text: &str,
    limit: i64,
) -> Result<Suggestions, CatalogError> {
    index.sync(pool).await?;
    let Some(groups) = prepare_text(pool, index, text).await? else {
        return Ok(Suggestions::default());
    };
    let normalized = normalize(text);
    let ids = if groups.is_empty() {
        Vec::new()
    } else {
        index.best(&groups, usize::try_from(limit).unwrap_or(0))
    };
    // The same cards a listing reads; a suggestion shows the smallest picture.
    let products = cards_in_order(pool, &ids)
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
        .collect::<Result<Vec<_>, CatalogError>>()?;
    let categories: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT slug, name_en, name_ar FROM categories
          WHERE search_name LIKE '%' || $1 || '%' OR $1 <% search_name
          ORDER BY word_similarity($1, search_name) DESC, position, id
          LIMIT $2",
    )
    .bind(&normalized)
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

/// Records a search (its normalized text) for search analytics; `partial`: its results
/// match only some of its words. Empty queries are not searches and are not recorded.
pub async fn log_search(
    pool: &PgPool,
    text: &str,
    locale: Locale,
    result_count: u64,
    partial: bool,
) -> Result<(), CatalogError> {
    let normalized: String = normalize(text).chars().take(200).collect();
    if normalized.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO search_log (query, locale, result_count, partial) VALUES ($1, $2, $3, $4)",
    )
    .bind(normalized)
    .bind(locale.as_str())
    .bind(result_count.min(i32::MAX as u64) as i32)
    .bind(partial && result_count > 0)
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

/// The search analytics of a range of days (UTC, inclusive): the most searched queries
/// with how often they found nothing or only part of what was asked, and the queries that
/// most often found nothing, and only partly.
pub async fn search_report(
    pool: &PgPool,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    limit: i64,
) -> Result<crate::admin::SearchReport, CatalogError> {
    use crate::admin::QueryFigures;
    let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
        "SELECT query, count(*) AS searches, count(*) FILTER (WHERE result_count = 0) AS empty, \
                count(*) FILTER (WHERE partial) AS partial \
           FROM search_log \
          WHERE searched_at >= $1::date AT TIME ZONE 'UTC' AND searched_at < ($2::date + 1) AT TIME ZONE 'UTC' \
          GROUP BY query",
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await?;
    let figures: Vec<QueryFigures> = rows
        .into_iter()
        .map(|(query, searches, empty, partial)| QueryFigures {
            query,
            searches,
            empty,
            partial,
        })
        .collect();
    let best = |key: fn(&QueryFigures) -> i64| {
        let mut list: Vec<QueryFigures> = figures.iter().filter(|f| key(f) > 0).cloned().collect();
        list.sort_by(|a, b| key(b).cmp(&key(a)).then_with(|| a.query.cmp(&b.query)));
        list.truncate(limit.max(0) as usize);
        list
    };
    Ok(crate::admin::SearchReport {
        searches: figures.iter().map(|f| f.searches).sum(),
        top: best(|f| f.searches),
        empty: best(|f| f.empty),
        partial: best(|f| f.partial),
    })
}
