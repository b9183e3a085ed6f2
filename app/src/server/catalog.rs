//! Catalog reads for the storefront pages.

use crate::error::AppError;
use dokkan_catalog::{Category, CategoryPage, Product, ProductCard};
#[cfg(feature = "ssr")]
use dokkan_core::Slug;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
fn pool() -> sqlx::PgPool {
    expect_context::<crate::state::AppState>().pool
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HomeContent {
    pub categories: Vec<Category>,
    pub featured: Vec<ProductCard>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProductContent {
    pub product: Product,
    pub related: Vec<ProductCard>,
}

#[server]
pub async fn list_categories() -> Result<Vec<Category>, AppError> {
    Ok(dokkan_catalog::db::list_categories(&pool()).await?)
}

#[server]
pub async fn home_data() -> Result<HomeContent, AppError> {
    let pool = pool();
    // Two queries on two pooled connections at once.
    let (categories, featured) = futures::join!(
        dokkan_catalog::db::list_categories(&pool),
        dokkan_catalog::db::featured_products(&pool, 8),
    );
    Ok(HomeContent {
        categories: categories?,
        featured: featured?,
    })
}

/// `Ok(None)` when no category has that slug (including slugs that break the slug rules).
#[server]
pub async fn category_data(slug: String) -> Result<Option<CategoryPage>, AppError> {
    let Ok(slug) = Slug::parse(&slug) else {
        return Ok(None);
    };
    Ok(dokkan_catalog::db::category_page(&pool(), &slug).await?)
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
    let related = dokkan_catalog::db::related_products(&pool, &handle, 4).await?;
    Ok(Some(ProductContent { product, related }))
}
