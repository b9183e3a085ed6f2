//! Product lists: what a category page, the search page and `GET /api/v1/products` ask
//! for (filters, sort, page) and what they get back (cards, total, facet counts).
//! The request is parsed from URL parameters here, once, for every caller.

use crate::{CategoryLink, Localized, ProductCard};
use dokkan_core::{Currency, Money, Slug};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Sort {
    /// Best match first for a search; the merchant's order (newest) otherwise.
    #[default]
    Relevance,
    PriceAsc,
    PriceDesc,
    Newest,
}

impl Sort {
    pub const ALL: [Sort; 4] = [
        Sort::Relevance,
        Sort::PriceAsc,
        Sort::PriceDesc,
        Sort::Newest,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::PriceAsc => "price-asc",
            Sort::PriceDesc => "price-desc",
            Sort::Newest => "newest",
        }
    }

    pub fn parse(text: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Which products, in which order, which page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ListingQuery {
    /// The shopper's words as typed (normalized by the search, not here); empty = no search.
    pub text: String,
    /// Only this category and the categories under it.
    pub category: Option<Slug>,
    /// Option filters: key (`size`) → accepted values (English value, any case). Values of
    /// one key are alternatives (M or L); different keys must all hold (M and Red), on the
    /// same variant.
    pub options: Vec<(Slug, Vec<String>)>,
    /// Inclusive bounds on a variant's price, in minor units.
    pub min_price: Option<i64>,
    pub max_price: Option<i64>,
    /// Only products with a matching variant in stock.
    pub in_stock: bool,
    pub sort: Sort,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
}

impl ListingQuery {
    pub const DEFAULT_PER_PAGE: u32 = 24;
    pub const MAX_PER_PAGE: u32 = 100;
    pub const MAX_PAGE: u32 = 1000;
    pub const MAX_TEXT: usize = 200;

    pub fn new() -> Self {
        ListingQuery {
            page: 1,
            per_page: Self::DEFAULT_PER_PAGE,
            ..Default::default()
        }
    }

    /// A search as the shopper typed it: words, first page, nothing narrowed or
    /// re-sorted yet. Only these go to the search log: a facet clicked or a page turned
    /// on the results is the same search again, and would count it twice.
    pub fn is_fresh_search(&self) -> bool {
        !self.text.trim().is_empty()
            && self.page <= 1
            && self.category.is_none()
            && self.options.is_empty()
            && self.min_price.is_none()
            && self.max_price.is_none()
            && !self.in_stock
            && self.sort == Sort::Relevance
    }

    pub fn offset(&self) -> i64 {
        (self.page.max(1) as i64 - 1) * self.per_page as i64
    }

    /// Parses URL parameters. Names the listing does not know are option filters
    /// (`size=M&color=Red`), so every facet is a plain GET parameter.
    /// `reserved` names parameters the caller handles itself (`lang`), which are skipped.
    pub fn from_params<'a>(
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        reserved: &[&str],
    ) -> Result<ListingQuery, ParamError> {
        let mut query = ListingQuery::new();
        for (name, value) in params {
            let value = value.trim();
            match name {
                _ if reserved.contains(&name) => {}
                "q" => {
                    if value.chars().count() > Self::MAX_TEXT {
                        return Err(ParamError::new("q", ParamProblem::TooLong));
                    }
                    query.text = value.to_string();
                }
                "category" => {
                    if !value.is_empty() {
                        let slug = Slug::parse(value)
                            .map_err(|_| ParamError::new("category", ParamProblem::Invalid))?;
                        query.category = Some(slug);
                    }
                }
                "min_price" | "max_price" => {
                    if value.is_empty() {
                        continue;
                    }
                    let money = Money::parse_decimal(value, Currency::Egp)
                        .ok()
                        .filter(|m| m.minor() >= 0)
                        .ok_or_else(|| ParamError::new(name, ParamProblem::Invalid))?;
                    if name == "min_price" {
                        query.min_price = Some(money.minor());
                    } else {
                        query.max_price = Some(money.minor());
                    }
                }
                "in_stock" => {
                    query.in_stock = match value {
                        "" | "0" | "false" => false,
                        "1" | "true" | "on" => true,
                        _ => return Err(ParamError::new("in_stock", ParamProblem::Invalid)),
                    }
                }
                "sort" => {
                    if !value.is_empty() {
                        query.sort = Sort::parse(value)
                            .ok_or_else(|| ParamError::new("sort", ParamProblem::Invalid))?;
                    }
                }
                "page" | "per_page" => {
                    if value.is_empty() {
                        continue;
                    }
                    let max = if name == "page" {
                        Self::MAX_PAGE
                    } else {
                        Self::MAX_PER_PAGE
                    };
                    let n: u32 = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=max).contains(n))
                        .ok_or_else(|| ParamError::new(name, ParamProblem::OutOfRange))?;
                    if name == "page" {
                        query.page = n;
                    } else {
                        query.per_page = n;
                    }
                }
                _ => {
                    if value.is_empty() {
                        continue;
                    }
                    let key = Slug::parse(name)
                        .map_err(|_| ParamError::new(name, ParamProblem::Unknown))?;
                    if value.chars().count() > 100 {
                        return Err(ParamError::new(name, ParamProblem::TooLong));
                    }
                    match query.options.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, values)) => values.push(value.to_string()),
                        None => query.options.push((key, vec![value.to_string()])),
                    }
                }
            }
        }
        if let (Some(min), Some(max)) = (query.min_price, query.max_price) {
            if min > max {
                return Err(ParamError::new("min_price", ParamProblem::MinAboveMax));
            }
        }
        Ok(query)
    }

    /// The URL parameters that reproduce this query (page 1 and defaults left out), so a
    /// link or form always says the whole filter state.
    pub fn to_params(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if !self.text.is_empty() {
            out.push(("q".into(), self.text.clone()));
        }
        if let Some(category) = &self.category {
            out.push(("category".into(), category.to_string()));
        }
        for (key, values) in &self.options {
            for value in values {
                out.push((key.to_string(), value.clone()));
            }
        }
        let decimal = |minor: i64| Money::egp(minor).short_decimal();
        if let Some(min) = self.min_price {
            out.push(("min_price".into(), decimal(min)));
        }
        if let Some(max) = self.max_price {
            out.push(("max_price".into(), decimal(max)));
        }
        if self.in_stock {
            out.push(("in_stock".into(), "1".into()));
        }
        if self.sort != Sort::Relevance {
            out.push(("sort".into(), self.sort.as_str().into()));
        }
        if self.per_page != Self::DEFAULT_PER_PAGE {
            out.push(("per_page".into(), self.per_page.to_string()));
        }
        if self.page > 1 {
            out.push(("page".into(), self.page.to_string()));
        }
        out
    }

    pub fn has_option(&self, key: &str, value: &str) -> bool {
        self.options.iter().any(|(k, values)| {
            k.as_str() == key && values.iter().any(|v| v.eq_ignore_ascii_case(value))
        })
    }
}

/// A URL parameter that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("parameter {name}: {problem:?}")]
pub struct ParamError {
    pub name: String,
    pub problem: ParamProblem,
}

impl ParamError {
    pub fn new(name: &str, problem: ParamProblem) -> Self {
        ParamError {
            name: name.to_string(),
            problem,
        }
    }

    /// The allowed range, for an out-of-range `page` or `per_page` (the message says it).
    pub fn range(&self) -> Option<(u32, u32)> {
        match (self.problem, self.name.as_str()) {
            (ParamProblem::OutOfRange, "page") => Some((1, ListingQuery::MAX_PAGE)),
            (ParamProblem::OutOfRange, "per_page") => Some((1, ListingQuery::MAX_PER_PAGE)),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ParamProblem {
    Invalid,
    OutOfRange,
    TooLong,
    MinAboveMax,
    Unknown,
}

impl ParamProblem {
    /// The Fluent key of the message that explains it.
    pub fn message_key(self) -> &'static str {
        match self {
            ParamProblem::Invalid => "param-invalid",
            ParamProblem::OutOfRange => "param-out-of-range",
            ParamProblem::TooLong => "param-too-long",
            ParamProblem::MinAboveMax => "param-min-above-max",
            ParamProblem::Unknown => "param-unknown",
        }
    }
}

/// One value of a facet and how many products in the current results have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetValue {
    /// What goes in the URL (`M`, `red`, a category slug).
    pub value: String,
    pub label: Localized,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionFacet {
    pub key: Slug,
    pub name: Localized,
    pub values: Vec<FacetValue>,
}

/// Counts for every filter, each computed with the other filters applied but not its own
/// (so picking `M` still shows how many `L` there are).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Facets {
    /// Sub-categories of the listed category (top-level ones when none is chosen).
    pub categories: Vec<FacetValue>,
    pub options: Vec<OptionFacet>,
    /// Lowest and highest variant price among the results without the price filter.
    pub price_min: Option<i64>,
    pub price_max: Option<i64>,
    /// Products in the results with something in stock.
    pub in_stock: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub items: Vec<ProductCard>,
    pub total: u64,
    pub facets: Facets,
    /// No product has every word searched for: these have most of them.
    pub partial: bool,
}

/// Type-ahead suggestions for the search box.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Suggestions {
    pub products: Vec<ProductSuggestion>,
    pub categories: Vec<CategoryLink>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductSuggestion {
    pub handle: Slug,
    pub name: Localized,
    pub price: Money,
    pub image: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<ListingQuery, ParamError> {
        ListingQuery::from_params(pairs.iter().copied(), &["lang"])
    }

    #[test]
    fn only_a_search_as_typed_is_fresh() {
        assert!(parse(&[("q", "mug")]).unwrap().is_fresh_search());
        assert!(!parse(&[]).unwrap().is_fresh_search());
        assert!(!parse(&[("q", "  ")]).unwrap().is_fresh_search());
        for refinement in [
            ("page", "2"),
            ("size", "M"),
            ("min_price", "10"),
            ("in_stock", "true"),
            ("sort", "newest"),
            ("category", "men"),
        ] {
            let query = parse(&[("q", "mug"), refinement]).unwrap();
            assert!(!query.is_fresh_search(), "{refinement:?}");
        }
    }

    #[test]
    fn reads_every_parameter_and_writes_it_back() {
        let q = parse(&[
            ("q", " shirt "),
            ("category", "men"),
            ("size", "M"),
            ("size", "L"),
            ("color", "Red"),
            ("min_price", "100"),
            ("max_price", "250.5"),
            ("in_stock", "1"),
            ("sort", "price-asc"),
            ("page", "2"),
            ("lang", "ar"),
        ])
        .unwrap();
        assert_eq!(q.text, "shirt");
        assert_eq!(q.options.len(), 2);
        assert_eq!((q.min_price, q.max_price), (Some(10_000), Some(25_050)));
        assert!(q.in_stock && q.has_option("size", "m") && !q.has_option("size", "s"));
        assert_eq!(q.offset(), 24);
        let back = q.to_params();
        let again =
            ListingQuery::from_params(back.iter().map(|(k, v)| (k.as_str(), v.as_str())), &[])
                .unwrap();
        assert_eq!(again, q);
    }

    #[test]
    fn names_the_bad_parameter() {
        assert_eq!(parse(&[("page", "0")]).unwrap_err().name, "page");
        assert_eq!(parse(&[("per_page", "500")]).unwrap_err().name, "per_page");
        assert_eq!(
            parse(&[("min_price", "abc")]).unwrap_err().name,
            "min_price"
        );
        assert_eq!(parse(&[("max_price", "-5")]).unwrap_err().name, "max_price");
        assert_eq!(parse(&[("sort", "cheapest")]).unwrap_err().name, "sort");
        assert_eq!(
            parse(&[("in_stock", "maybe")]).unwrap_err().name,
            "in_stock"
        );
        assert_eq!(
            parse(&[("category", "Bad Slug")]).unwrap_err().name,
            "category"
        );
        assert_eq!(
            parse(&[("min_price", "10"), ("max_price", "5")])
                .unwrap_err()
                .problem,
            ParamProblem::MinAboveMax
        );
        assert_eq!(
            parse(&[("Weird Name", "x")]).unwrap_err().problem,
            ParamProblem::Unknown
        );
        assert_eq!(parse(&[("q", &"x".repeat(201))]).unwrap_err().name, "q");
    }

    #[test]
    fn empty_values_are_no_filter() {
        let q = parse(&[("q", ""), ("min_price", ""), ("size", ""), ("sort", "")]).unwrap();
        assert_eq!(q, ListingQuery::new());
    }
}
