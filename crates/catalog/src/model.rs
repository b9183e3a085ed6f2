//! What a shopper sees of the catalog, already parsed into value types.

use dokkan_core::{Locale, Money, Slug};
use serde::{Deserialize, Serialize};

/// A text the shop keeps in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Site-relative path, e.g. `/images/products/x-1.svg`.
    pub path: String,
    pub alt: Localized,
}

/// A product as a card in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductCard {
    pub handle: Slug,
    pub name: Localized,
    pub price: Money,
    pub image: Option<Image>,
}

/// A product with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    pub handle: Slug,
    pub name: Localized,
    pub description: Localized,
    pub price: Money,
    pub category: Category,
    pub images: Vec<Image>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPage {
    pub category: Category,
    pub products: Vec<ProductCard>,
}
