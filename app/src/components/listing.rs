//! The body of a category page and of the search page: filters as a plain GET form (so
//! they work without JS), the results, and the pager. `ListingIsland` wraps it and, once
//! hydrated, swaps in the next state without a page load.

use crate::{
    components::ProductGrid,
    i18n::{t, t_count},
    islands::ListingIsland,
};
use dokkan_catalog::{Listing, ListingQuery, Sort};
use dokkan_core::{Locale, Money};
use leptos::prelude::*;

/// `path` with the query's parameters: every link says the whole filter state.
pub fn listing_href(path: &str, query: &ListingQuery) -> String {
    let params = query.to_params();
    if params.is_empty() {
        return path.to_string();
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    format!("{path}?{encoded}")
}

/// `search_page`: the search form carries `q`, and categories are a filter there rather
/// than links to category pages.
#[component]
pub fn ListingView(
    locale: Locale,
    /// The page's own path, e.g. `/ar/categories/men`.
    path: String,
    query: ListingQuery,
    listing: Listing,
    search_page: bool,
) -> impl IntoView {
    let count_text = t_count(locale, "listing-count", listing.total as usize);
    let partial = listing.partial;
    let facets = listing.facets.clone();
    let pages = listing.total.div_ceil(query.per_page.max(1) as u64).max(1) as u32;

    // Sub-category links keep every other filter.
    let category_links = facets
        .categories
        .iter()
        .map(|facet| {
            let (href, current) = if search_page {
                let mut q = query.clone();
                q.page = 1;
                q.category = Some(dokkan_core::Slug::parse(&facet.value).expect("stored slug"));
                (listing_href(&path, &q), false)
            } else {
                let mut q = query.clone();
                q.page = 1;
                q.category = None;
                (listing_href(&format!("/{locale}/categories/{}", facet.value), &q), false)
            };
            view! {
                <li>
                    <a href=href data-listing-link=search_page.to_string() aria-current=current.then_some("page")>
                        {facet.label.get(locale).to_string()}
                        " "
                        <span class="facet-count">{format!("({})", number(locale, facet.count))}</span>
                    </a>
                </li>
            }
        })
        .collect_view();

    let option_groups = facets
        .options
        .iter()
        .map(|option| {
            let key = option.key.to_string();
            let values = option
                .values
                .iter()
                .map(|value| {
                    let id = format!("f-{key}-{}", slug_id(&value.value));
                    let checked = query.has_option(&key, &value.value);
                    view! {
                        <li>
                            <input type="checkbox" id=id.clone() name=key.clone() value=value.value.clone() checked=checked/>
                            <label for=id>
                                {value.label.get(locale).to_string()}
                                " "
                                <span class="facet-count">{format!("({})", number(locale, value.count))}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="facet" data-facet=key.clone()>
                    <legend>{option.name.get(locale).to_string()}</legend>
                    <ul role="list">{values}</ul>
                </fieldset>
            }
        })
        .collect_view();

    let decimal = |minor: Option<i64>| {
        minor
            .map(|m| dokkan_core::Money::egp(m).short_decimal())
            .unwrap_or_default()
    };
    let price_hint = match (facets.price_min, facets.price_max) {
        (Some(lo), Some(hi)) => Some(format!(
            "{} – {}",
            Money::egp(lo).format(locale),
            Money::egp(hi).format(locale)
        )),
        _ => None,
    };
    let sort_options = Sort::ALL
        .into_iter()
        .map(|sort| {
            view! {
                <option value=sort.as_str() selected=query.sort == sort>
                    {t(locale, &format!("sort-{}", sort.as_str()))}
                </option>
            }
        })
        .collect_view();

    let mut clear = ListingQuery::new();
    clear.text = query.text.clone();
    if search_page {
        clear.category = None;
    }
    let clear_href = listing_href(&path, &clear);
    let pager = (pages > 1).then(|| {
        let link = |page: u32| {
            let mut q = query.clone();
            q.page = page;
            listing_href(&path, &q)
        };
        let numbers = (1..=pages)
            .filter(|p| *p == 1 || *p == pages || p.abs_diff(query.page) <= 2)
            .map(|p| {
                let current = p == query.page;
                view! {
                    <li>
                        <a
                            href=link(p)
                            data-listing-link="true"
                            aria-current=current.then_some("page")
                            aria-label=t_count(locale, "pager-page", p as usize)
                        >
                            {number(locale, p as u64)}
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label=t(locale, "pager-label")>
                <ul role="list">
                    {(query.page > 1).then(|| view! {
                        <li><a href=link(query.page - 1) rel="prev" data-listing-link="true">{t(locale, "pager-previous")}</a></li>
                    })}
                    {numbers}
                    {(query.page < pages).then(|| view! {
                        <li><a href=link(query.page + 1) rel="next" data-listing-link="true">{t(locale, "pager-next")}</a></li>
                    })}
                </ul>
            </nav>
        }
    });
    let empty = listing.items.is_empty();
    // On a phone the filters fold away above the results; they come back open while any
    // is in use (the island swaps in the server's next listing, so the server decides).
    let filtering = !query.options.is_empty()
        || query.min_price.is_some()
        || query.max_price.is_some()
        || query.in_stock
        || query.sort != Sort::default()
        || (search_page && query.category.is_some());

    view! {
        <ListingIsland>
            <div class="listing">
                <details class="filters-panel" open=filtering>
                <summary>
                    <h2 class="filters-heading">{t(locale, "filters-heading")}</h2>
                </summary>
                <form class="filters" method="get" action=path.clone() data-testid="filters">
                    {search_page.then(|| view! { <input type="hidden" name="q" value=query.text.clone()/> })}
                    {(search_page && query.category.is_some()).then(|| view! {
                        <input type="hidden" name="category" value=query.category.as_ref().map(|c| c.to_string()).unwrap_or_default()/>
                    })}
                    <div class="filter-sort">
                        <label for="sort">{t(locale, "sort-label")}</label>
                        <select id="sort" name="sort">{sort_options}</select>
                    </div>
                    {(!facets.categories.is_empty()).then(|| view! {
                        <div class="facet">
                            <h3>{t(locale, "filters-categories")}</h3>
                            <ul role="list">{category_links}</ul>
                        </div>
                    })}
                    {option_groups}
                    <fieldset class="facet facet-price">
                        <legend>{t(locale, "filters-price")}</legend>
                        {price_hint.map(|hint| view! { <p class="facet-hint">{hint}</p> })}
                        <div class="price-inputs">
                            <label for="min_price">{t(locale, "filters-price-min")}</label>
                            <input id="min_price" name="min_price" type="number" min="0" step="0.01" inputmode="decimal" value=decimal(query.min_price)/>
                            <label for="max_price">{t(locale, "filters-price-max")}</label>
                            <input id="max_price" name="max_price" type="number" min="0" step="0.01" inputmode="decimal" value=decimal(query.max_price)/>
                        </div>
                    </fieldset>
                    <div class="facet facet-stock">
                        <input type="checkbox" id="in_stock" name="in_stock" value="1" checked=query.in_stock/>
                        <label for="in_stock">
                            {t(locale, "filters-in-stock")}
                            " "
                            <span class="facet-count">{format!("({})", number(locale, facets.in_stock))}</span>
                        </label>
                    </div>
                    <div class="filter-actions">
                        <button type="submit" class="button-primary">{t(locale, "filters-apply")}</button>
                        <a href=clear_href data-listing-link="true">{t(locale, "filters-clear")}</a>
                    </div>
                </form>
                </details>
                <section class="results" aria-labelledby="results-count">
                    <p id="results-count" class="product-count" data-testid="product-count" role="status">{count_text}</p>
                    {partial.then(|| view! { <p class="results-partial" data-testid="partial-results">{t(locale, "search-partial")}</p> })}
                    {if empty {
                        view! { <p class="results-empty" data-testid="no-results">{t(locale, "listing-empty")}</p> }.into_any()
                    } else {
                        view! { <ProductGrid locale products=listing.items eager=2/> }.into_any()
                    }}
                    {pager}
                </section>
            </div>
        </ListingIsland>
    }
}

/// A number in the shopper's digits (Arabic-Indic in Arabic).
pub fn number(locale: Locale, n: u64) -> String {
    locale.digits(&n.to_string())
}

/// An HTML id fragment from a facet value (`Light Blue` → `light-blue`).
fn slug_id(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}
