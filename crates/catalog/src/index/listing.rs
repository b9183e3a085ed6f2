//! One listing over the index: filter, count every facet, sort, cut the page.
//!
//! Filters hold on variants: a product is listed when one of its variants has an
//! accepted value of every chosen option, a price within the bounds and (when asked)
//! stock. Facet counts are disjunctive: each is counted with every filter but its own,
//! so choosing `M` still shows how many products come in `L`.

use super::query::Match;
use super::store::{Doc, FacetLabel, Store, VariantDoc};
use crate::{ListingQuery, Sort};
use std::cmp::Ordering;

struct OptionFilter {
    /// `None`: no product has this option, so nothing passes it.
    key: Option<u32>,
    words: Vec<u32>,
}

struct Filters {
    min_price: Option<i64>,
    max_price: Option<i64>,
    in_stock: bool,
    options: Vec<OptionFilter>,
}

impl Filters {
    fn new(store: &Store, query: &ListingQuery) -> Filters {
        let options = query
            .options
            .iter()
            .map(|(key, values)| OptionFilter {
                key: store.key_id(key.as_str()),
                words: values
                    .iter()
                    .filter_map(|v| store.facet_id(&format!("{key}={}", v.to_lowercase())))
                    .collect(),
            })
            .collect();
        Filters {
            min_price: query.min_price,
            max_price: query.max_price,
            in_stock: query.in_stock,
            options,
        }
    }

    /// Whether `v` passes the filters; `price`/`stock` say whether those apply, and the
    /// option filter on `own_key` (a facet's own option) is left out.
    fn pass(&self, v: &VariantDoc, price: bool, stock: bool, own_key: Option<u32>) -> bool {
        if price
            && (self.min_price.is_some_and(|min| v.price_minor < min)
                || self.max_price.is_some_and(|max| v.price_minor > max))
        {
            return false;
        }
        if stock && self.in_stock && !v.in_stock {
            return false;
        }
        self.options.iter().all(|o| {
            (own_key.is_some() && o.key == own_key) || v.facets.iter().any(|f| o.words.contains(f))
        })
    }
}

/// A page of product ids (in order), the total and the facet counts.
#[derive(Debug, Default)]
pub struct Found {
    pub ids: Vec<i64>,
    pub total: u64,
    /// Option values with how many listed products offer them, option by option.
    pub options: Vec<(FacetLabel, u64)>,
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    pub in_stock: u64,
    /// Category id → products listed in it (not in its sub-categories).
    pub categories: Vec<(i64, u64)>,
    /// The search matched only some of its words (see `query::Matched`).
    pub partial: bool,
}

/// What a listing computes besides the page and the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counts {
    /// Every facet count (category and search pages, the API).
    Facets,
    /// Only the page and the total (the home page's shelves).
    PageOnly,
}

/// `matched`: the search's matches, or `None` to list every product; `categories`: the
/// allowed category ids, sorted, or `None` for all.
pub fn list(
    store: &Store,
    matched: Option<Vec<Match>>,
    categories: Option<&[i64]>,
    query: &ListingQuery,
    counts: Counts,
) -> Found {
    let searched = matched.is_some();
    let base: Vec<(&Doc, i32)> = match (matched, categories) {
        (Some(matched), categories) => matched
            .into_iter()
            .filter_map(|m| store.doc(m.slot).map(|d| (d, m.score)))
            .filter(|(d, _)| categories.is_none_or(|c| c.binary_search(&d.category_id).is_ok()))
            .collect(),
        (None, Some(categories)) => categories
            .iter()
            .flat_map(|c| store.in_category(*c))
            .filter_map(|slot| store.doc(*slot).map(|d| (d, 0)))
            .collect(),
        (None, None) => store.docs().map(|(_, d)| (d, 0)).collect(),
    };

    let filters = Filters::new(store, query);
    let mut option_counts = vec![0u64; store.facet_count()];
    let mut seen: Vec<u32> = Vec::new();
    let (mut price_min, mut price_max) = (None::<i64>, None::<i64>);
    let mut in_stock = 0u64;
    // Few categories per listing, and products come grouped by category when listed
    // by category: a short list beats hashing every hit.
    let mut by_category: Vec<(i64, u64)> = Vec::new();
    let mut hits: Vec<(&Doc, i32)> = Vec::with_capacity(base.len());
    let facets = counts == Counts::Facets;
    for &(doc, score) in &base {
        if doc
            .variants
            .iter()
            .any(|v| filters.pass(v, true, true, None))
        {
            hits.push((doc, score));
            if facets {
                match by_category
                    .iter_mut()
                    .rev()
                    .find(|(c, _)| *c == doc.category_id)
                {
                    Some((_, n)) => *n += 1,
                    None => by_category.push((doc.category_id, 1)),
                }
            }
        }
        if !facets {
            continue;
        }
        if doc
            .variants
            .iter()
            .any(|v| v.in_stock && filters.pass(v, true, false, None))
        {
            in_stock += 1;
        }
        seen.clear();
        for v in &doc.variants {
            if filters.pass(v, false, true, None) {
                price_min = Some(price_min.map_or(v.price_minor, |p| p.min(v.price_minor)));
                price_max = Some(price_max.map_or(v.price_minor, |p| p.max(v.price_minor)));
            }
            for &f in &v.facets {
                if !seen.contains(&f) && filters.pass(v, true, true, Some(store.facet_word(f).key))
                {
                    seen.push(f);
                }
            }
        }
        for &f in &seen {
            option_counts[f as usize] += 1;
        }
    }

    let mut options: Vec<(FacetLabel, u64)> = option_counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .filter_map(|(f, n)| store.label(f as u32).map(|l| (l.clone(), *n)))
        .collect();
    options.sort_by(|(a, _), (b, _)| {
        (a.option_position, &a.key, &a.value_en).cmp(&(b.option_position, &b.key, &b.value_en))
    });

    let total = hits.len();
    let order = |a: &(&Doc, i32), b: &(&Doc, i32)| -> Ordering {
        let (da, db) = (a.0, b.0);
        let newest = || db.created_at.cmp(&da.created_at).then(db.id.cmp(&da.id));
        match query.sort {
            Sort::Relevance if searched => {
                b.1.cmp(&a.1)
                    .then(db.in_stock.cmp(&da.in_stock))
                    .then_with(newest)
            }
            Sort::Relevance => db.in_stock.cmp(&da.in_stock).then_with(newest),
            Sort::PriceAsc => da.price_minor.cmp(&db.price_minor).then(da.id.cmp(&db.id)),
            Sort::PriceDesc => db.price_minor.cmp(&da.price_minor).then(db.id.cmp(&da.id)),
            Sort::Newest => newest(),
        }
    };
    let offset = usize::try_from(query.offset()).unwrap_or(usize::MAX);
    let ids = if offset >= total {
        Vec::new()
    } else {
        let end = offset.saturating_add(query.per_page as usize).min(total);
        // Only the first `end` need to be in order.
        if end < total {
            hits.select_nth_unstable_by(end - 1, order);
        }
        let first = &mut hits[..end];
        first.sort_unstable_by(order);
        first[offset..].iter().map(|(d, _)| d.id).collect()
    };

    let mut categories = by_category;
    categories.sort_unstable();
    Found {
        ids,
        total: total as u64,
        options,
        price_min,
        price_max,
        in_stock,
        categories,
        partial: false,
    }
}
