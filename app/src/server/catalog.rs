//! Catalog reads for the storefront pages and the search box.

use crate::error::AppError;
use dokkan_catalog::{
    Category, CategoryLink, CategoryNode, Listing, ListingQuery, ParamError, Product, ProductCard,
};
#[cfg(feature = "ssr")]
use dokkan_core::Locale;
#[cfg(feature = "ssr")]
use dokkan_core::Slug;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
fn pool() -> sqlx::PgPool {
    expect_context::<crate::state::AppState>().pool
}

#[cfg(feature = "ssr")]
fn search_index() -> dokkan_catalog::index::SearchIndex {
    expect_context::<crate::state::AppState>().search
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HomeContent {
    pub categories: Vec<CategoryNode>,
    pub newest: Vec<ProductCard>,
    pub on_sale: Vec<ProductCard>,
    /// "For you", or "Trending" for a visitor the shop knows nothing about.
    pub for_you: crate::server::recommend::Block,
    /// The newest published taste quiz (slug, title), offered on the home page.
    pub quiz: Option<(String, dokkan_catalog::Localized)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProductContent {
    pub product: Product,
    /// "More from this category": shown when the models have nothing similar yet.
    pub related: Vec<ProductCard>,
    /// "Frequently bought together".
    pub together: crate::server::recommend::Block,
    /// "Similar items".
    pub similar: crate::server::recommend::Block,
}

/// A category page or the search page: the query as parsed, what it found, and (for a
/// category) the category and its trail.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListingContent {
    pub query: ListingQuery,
    pub listing: Listing,
    pub category: Option<Category>,
    pub breadcrumbs: Vec<CategoryLink>,
}

/// What the listing pages get back: the content, or the parameter that could not be used.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum ListingOutcome {
    Found(Box<ListingContent>),
    BadParameter(ParamError),
    NoSuchCategory,
}

#[server]
pub async fn category_tree() -> Result<Vec<CategoryNode>, AppError> {
    Ok(dokkan_catalog::db::category_tree(&pool()).await?)
}

#[server]
pub async fn home_data() -> Result<HomeContent, AppError> {
    let pool = pool();
    let index = search_index();
    // The reads on pooled connections at once.
    let (categories, newest, featured, for_you, quiz) = futures::join!(
        dokkan_catalog::db::category_tree(&pool),
        dokkan_catalog::db::newest_in_stock(&pool, &index, 8),
        dokkan_catalog::db::on_sale_products(&pool, 4),
        crate::server::recommend::home_block(),
        dokkan_quiz::db::newest_published(&pool),
    );
    Ok(HomeContent {
        categories: categories?,
        newest: newest?,
        on_sale: featured?,
        for_you: for_you?,
        quiz: quiz?,
    })
}

/// `category`: the category page's slug (`None` for the search page); `params`: the
/// page's URL parameters. A search (non-empty `q`) is recorded in the search log.
#[server]
pub async fn listing_data(
    category: Option<String>,
    params: Vec<(String, String)>,
    lang: String,
) -> Result<ListingOutcome, AppError> {
    let pool = pool();
    let locale = Locale::from_url_segment(&lang).unwrap_or(Locale::DEFAULT);
    let reserved: &[&str] = if category.is_some() {
        &["category"]
    } else {
        &[]
    };
    let mut query = match ListingQuery::from_params(
        params.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        reserved,
    ) {
        Ok(query) => query,
        Err(error) => return Ok(ListingOutcome::BadParameter(error)),
    };
    let mut found_category = None;
    let mut breadcrumbs = Vec::new();
    if let Some(slug) = category {
        let Ok(slug) = Slug::parse(&slug) else {
            return Ok(ListingOutcome::NoSuchCategory);
        };
        let Some(c) = dokkan_catalog::db::category_by_slug(&pool, &slug).await? else {
            return Ok(ListingOutcome::NoSuchCategory);
        };
        breadcrumbs = dokkan_catalog::db::category_path(&pool, &slug).await?;
        query.category = Some(slug);
        found_category = Some(c);
    }
    let listing = dokkan_catalog::db::listing(&pool, &search_index(), &query).await?;
    if query.is_fresh_search() {
        // Analytics must never cost the shopper their results.
        if let Err(error) = dokkan_catalog::db::log_search(
            &pool,
            &query.text,
            locale,
            listing.total,
            listing.partial,
        )
        .await
        {
            tracing::warn!(?error, "search not logged");
        }
    }
    Ok(ListingOutcome::Found(Box::new(ListingContent {
        query,
        listing,
        category: found_category,
        breadcrumbs,
    })))
}

#[server]
pub async fn product_data(handle: String) -> Result<Option<ProductContent>, AppError> {
    let Ok(handle) = Slug::parse(&handle) else {
        return Ok(None);
    };
    let pool = pool();
    let Some(product) = dokkan_catalog::db::product_by_handle(&pool, &handle).await? else {
        return Ok(None);
    };
    let product_id = product.id;
    crate::shopper::record(dokkan_events::Kind::ProductView, |e| e.product(product_id));
    crate::server::recommend::record_click(product_id);
    let (related, blocks) = futures::join!(
        dokkan_catalog::db::related_products(&pool, &handle, 4),
        crate::server::recommend::product_blocks(product_id),
    );
    let (together, similar) = blocks?;
    Ok(Some(ProductContent {
        product,
        related: related?,
        together,
        similar,
    }))
}

/// One line of the search box's list, already in the shopper's language.
#[cfg(feature = "ssr")]
struct Suggestion {
    label: String,
    /// The price for a product, `None` for a category.
    detail: Option<String>,
    href: String,
    image: Option<String>,
}

/// Type-ahead for the header search box (a read, so GET): the list's options, rendered
/// (the island places them; see `islands/search_box.rs`).
#[server(input = GetUrl, prefix = "/api", endpoint = "suggest")]
pub async fn suggest(q: String, lang: String) -> Result<String, AppError> {
    let locale = Locale::from_url_segment(&lang).unwrap_or(Locale::DEFAULT);
    if q.chars().count() > ListingQuery::MAX_TEXT {
        return Ok(String::new());
    }
    let found = dokkan_catalog::db::suggest(&pool(), &search_index(), &q, 6).await?;
    let categories = found.categories.into_iter().map(|c| Suggestion {
        label: c.name.get(locale).to_string(),
        detail: None,
        href: format!("/{locale}/categories/{}", c.slug),
        image: None,
    });
    let products = found.products.into_iter().map(|p| Suggestion {
        label: p.name.get(locale).to_string(),
        detail: Some(p.price.format(locale)),
        href: format!("/{locale}/products/{}", p.handle),
        image: p.image,
    });
    let options: Vec<Suggestion> = categories.chain(products).collect();
    Ok(Owner::new().with(|| {
        options
            .into_iter()
            .enumerate()
            .map(|(i, item)| {
                // An option holds no link (no interactive control inside another); the
                // island follows `data-href` on a click or Enter.
                view! {
                    <li id=format!("suggestion-{i}") role="option" aria-selected="false" class="search-suggestion" data-href=item.href>
                        {item.image.map(|src| view! { <img src=src alt="" width="40" height="40"/> })}
                        <span class="search-suggestion-label">{item.label}</span>
                        {item.detail.map(|d| view! { <span class="search-suggestion-detail">{d}</span> })}
                    </li>
                }
            })
            .collect_view()
            .to_html()
    }))
}
