//! The catalog as the admin edits it: the product list and its filters, a product with
//! everything the editor shows, stock history. Pure data (also compiled to WASM); the
//! queries are in `db::admin`.

use crate::{Image, Localized};
use dokkan_core::Money;
use serde::{Deserialize, Serialize};

/// The product list's filters; `None` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductFilter {
    /// A part of either name, the handle or a SKU.
    pub q: Option<String>,
    pub category_id: Option<i64>,
    pub published: Option<bool>,
    pub stock: Option<StockFilter>,
    pub page: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StockFilter {
    /// Some variant at or below the low-stock line, none sold out.
    Low,
    /// Every variant sold out.
    Out,
}

impl StockFilter {
    pub fn parse(text: &str) -> Option<StockFilter> {
        match text {
            "low" => Some(StockFilter::Low),
            "out" => Some(StockFilter::Out),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StockFilter::Low => "low",
            StockFilter::Out => "out",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminProductRow {
    pub handle: String,
    pub name: Localized,
    pub category: Localized,
    pub published: bool,
    pub variants: i64,
    pub stock: i64,
    pub price: Money,
    pub image: Option<Image>,
}

/// A category to file a product under, named by its whole path (`Men > Shoes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryChoice {
    pub id: i64,
    pub path: Localized,
}

/// A category as the tree editor lists it, in tree order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeCategory {
    pub id: i64,
    pub parent_id: Option<i64>,
    /// 1 at the top level.
    pub depth: u32,
    pub slug: String,
    pub name: Localized,
    pub path: Localized,
    /// Products filed directly under it.
    pub products: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableVariant {
    pub sku: String,
    /// One per option, in option order.
    pub values: Vec<Localized>,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub stock: i32,
    /// The picture shown for this variant (an [`EditableImage::id`]).
    pub image_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableImage {
    pub id: i64,
    pub image: Image,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// One change of a variant's stock by hand, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockChange {
    pub sku: String,
    pub delta: i32,
    pub stock_after: i32,
    pub reason: String,
    pub by: Option<String>,
    /// RFC 3339, UTC.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableProduct {
    pub id: i64,
    pub handle: String,
    pub name: Localized,
    pub description: Localized,
    pub brand: String,
    pub tags: Vec<String>,
    pub category_id: i64,
    pub published: bool,
    /// Bought again and again (coffee, shampoo): "for you" may offer it after a purchase.
    pub rebuyable: bool,
    /// Option names, in order (at most two in the editor, as in the CSV format).
    pub options: Vec<Localized>,
    pub variants: Vec<EditableVariant>,
    pub images: Vec<EditableImage>,
    pub stock_changes: Vec<StockChange>,
}

/// A shop's own search synonym, as the admin screen lists it (`db::synonyms`): shoppers
/// typing `term` also find products with the `equivalents`; when `two_way`, each
/// equivalent finds the term and the others too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Synonym {
    pub id: i64,
    pub term: String,
    pub equivalents: Vec<String>,
    pub two_way: bool,
}

/// How often a query was searched over a range, and how often it found nothing or only
/// results for some of its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryFigures {
    /// Normalized, as logged.
    pub query: String,
    pub searches: i64,
    pub empty: i64,
    pub partial: i64,
}

/// The search analytics of a range.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchReport {
    pub searches: i64,
    /// Most searched first.
    pub top: Vec<QueryFigures>,
    /// Most often without results first.
    pub empty: Vec<QueryFigures>,
    /// Most often with partial results first.
    pub partial: Vec<QueryFigures>,
}
