//! What a shopper sees of the catalog, already parsed into value types.

use dokkan_core::{Locale, Money, Sku, Slug};
use serde::{Deserialize, Serialize};

/// A text the shop keeps in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Localized {
    pub en: String,
    pub ar: String,
}

impl Localized {
    pub fn new(en: impl Into<String>, ar: impl Into<String>) -> Self {
        Localized {
            en: en.into(),
            ar: ar.into(),
        }
    }

    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::En => &self.en,
            Locale::Ar => &self.ar,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: Slug,
    pub name: Localized,
    pub description: Localized,
    /// The parent's slug; `None` for a top-level category.
    pub parent: Option<Slug>,
}

/// A category with the categories under it, in the merchant's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryNode {
    pub category: Category,
    pub children: Vec<CategoryNode>,
}

/// One step of a breadcrumb trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLink {
    pub slug: Slug,
    pub name: Localized,
}

/// Widths of the WebP copies the media store makes of every stored image.
pub const IMAGE_WIDTHS: [u32; 3] = [200, 400, 800];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Site-relative URL of the original, e.g. `/media/<hash>.png` (or a bundled file).
    pub path: String,
    pub alt: Localized,
    /// SHA-256 (hex) of the original in the media store; `None` for bundled files, which
    /// are served as they are.
    pub media_hash: Option<String>,
}

impl Image {
    /// The URL of the copy at most `width` pixels wide (one of [`IMAGE_WIDTHS`]).
    pub fn src(&self, width: u32) -> String {
        match &self.media_hash {
            Some(hash) => format!("/media/{hash}-{width}.webp"),
            None => self.path.clone(),
        }
    }

    /// A `srcset` over every stored width; `None` for bundled files.
    pub fn srcset(&self) -> Option<String> {
        self.media_hash.as_ref().map(|hash| {
            IMAGE_WIDTHS
                .iter()
                .map(|w| format!("/media/{hash}-{w}.webp {w}w"))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}

/// A product as a card in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub handle: Slug,
    pub name: Localized,
    /// The lowest variant price ("from").
    pub price: Money,
    /// The compare-at price of that variant, when it is on sale.
    pub compare_at: Option<Money>,
    pub in_stock: bool,
    pub image: Option<Image>,
}

/// An option of a product (Size, Colour) and its values in the order variants use them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductOption {
    /// Facet key shared across products: the English name as a slug (`size`, `color`).
    pub key: Slug,
    pub name: Localized,
    pub values: Vec<Localized>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub sku: Sku,
    /// One value per product option, in option order.
    pub options: Vec<Localized>,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub stock: u32,
    /// Index into [`Product::images`].
    pub image: Option<usize>,
}

impl Variant {
    pub fn in_stock(&self) -> bool {
        self.stock > 0
    }

    pub fn on_sale(&self) -> bool {
        self.compare_at
            .is_some_and(|c| c.minor() > self.price.minor())
    }
}

/// A product with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// The database id (events and recommendations use it; pages show the handle).
    pub id: i64,
    pub handle: Slug,
    pub name: Localized,
    pub description: Localized,
    pub brand: String,
    pub tags: Vec<String>,
    pub category: Category,
    /// From the top-level category down to the product's own.
    pub breadcrumbs: Vec<CategoryLink>,
    pub images: Vec<Image>,
    pub options: Vec<ProductOption>,
    /// At least one; in the merchant's order.
    pub variants: Vec<Variant>,
    /// RFC 3339.
    pub updated_at: String,
}

impl Product {
    /// The variant a page shows first: the first in stock, else the first.
    pub fn default_variant(&self) -> &Variant {
        self.variants
            .iter()
            .find(|v| v.in_stock())
            .unwrap_or(&self.variants[0])
    }

    pub fn in_stock(&self) -> bool {
        self.variants.iter().any(Variant::in_stock)
    }
}
