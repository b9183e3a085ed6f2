//! Catalog reads for apps and integrations: the product list with its facets, one product
//! with its variants, the category tree and search-box suggestions. Names come in the
//! language `lang` asks for; prices are integer minor units beside their currency code.
//!
//! Every parameter is checked: one the endpoint cannot use is a 400 naming it, never a
//! silent default, so an integration finds its mistake on the first call.

use super::{caller, ApiError, Caller, ErrorBody};
use app::{
    auth::{cookie_value, ACCESS_COOKIE, REFRESH_COOKIE},
    request::preferred_locale,
    state::AppState,
};
use axum::{
    extract::{rejection::PathRejection, Path, RawQuery, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
    routing::get,
    Json, Router,
};
use dokkan_catalog::{
    db, CategoryLink, CategoryNode, FacetValue, Image, Listing, ListingQuery, ParamError,
    ParamProblem, Product, ProductCard, Sort, Suggestions, IMAGE_WIDTHS,
};
use dokkan_core::{Currency, Locale, Money, Slug};
use dokkan_i18n::Arg;
use serde::Serialize;
use utoipa::{
    openapi::{schema::SchemaType, ObjectBuilder, RefOr, Schema, Type},
    PartialSchema, ToSchema,
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/products", get(list_products))
        .route("/products/{handle}", get(product))
        .route("/categories", get(categories))
        .route("/search/suggest", get(suggest))
}

/// Suggestions of each kind when the caller does not say how many.
const DEFAULT_SUGGESTIONS: u32 = 6;
const MAX_SUGGESTIONS: u32 = 20;
/// Option filter values one listing may combine. A product has at most three options,
/// so no real filter comes near this; each value costs the query a condition.
const MAX_OPTION_VALUES: usize = 30;
/// Card images: the copy the storefront's product cards use.
const CARD_IMAGE_WIDTH: u32 = 400;
/// Product page images: the largest stored copy (`srcset` lists all of them).
const PAGE_IMAGE_WIDTH: u32 = 800;

// ---------------------------------------------------------------------------------------
// Request: parameters, language, caching.

/// The query string as name/value pairs in order, repeated names kept (`size=M&size=L`).
/// Decoding is lossy, so no byte sequence makes this fail.
pub(super) fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

/// Who is asking, as far as the answer and its caching depend on it.
pub(super) struct Reader {
    pub(super) locale: Locale,
    /// `lang` was in the URL; otherwise the answer depends on request headers.
    lang_given: bool,
    /// No session and no token: the answer is the same for everyone.
    anonymous: bool,
}

/// The language from `lang`, else the cookie and `Accept-Language`. An unsupported `lang`
/// is refused rather than ignored: a client asking for `fr` must learn it gets no French.
pub(super) fn reader(pairs: &[(String, String)], headers: &HeaderMap) -> Result<Reader, ApiError> {
    let fallback = preferred_locale(headers);
    let mut given = None;
    for (_, value) in pairs.iter().filter(|(name, _)| name == "lang") {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let locale = Locale::from_url_segment(value).ok_or_else(|| {
            invalid_parameter(fallback, &ParamError::new("lang", ParamProblem::Invalid))
        })?;
        given = Some(locale);
    }
    let anonymous = !headers.contains_key(header::AUTHORIZATION)
        && cookie_value(headers, ACCESS_COOKIE).is_none()
        && cookie_value(headers, REFRESH_COOKIE).is_none();
    Ok(Reader {
        locale: given.unwrap_or(fallback),
        lang_given: given.is_some(),
        anonymous,
    })
}

/// Refuses parameters an endpoint does not take, so a typo (`lnag=ar`) is reported
/// instead of quietly changing nothing. Empty ones are ignored, as the listing does.
pub(super) fn only(
    pairs: &[(String, String)],
    allowed: &[&str],
    locale: Locale,
) -> Result<(), ApiError> {
    let unknown = |(name, value): &&(String, String)| {
        !value.trim().is_empty() && !allowed.contains(&name.as_str())
    };
    match pairs.iter().find(unknown) {
        Some((name, _)) => Err(invalid_parameter(
            locale,
            &ParamError::new(name, ParamProblem::Unknown),
        )),
        None => Ok(()),
    }
}

/// 400 `invalid_parameter`, with the parameter's message as `message` and under its name.
pub(super) fn invalid_parameter(locale: Locale, error: &ParamError) -> ApiError {
    let mut args = Vec::new();
    if error.problem == ParamProblem::OutOfRange {
        // The out-of-range message says the range; `limit` is this module's own.
        let (min, max) = match error.name.as_str() {
            "limit" => (1, MAX_SUGGESTIONS),
            _ => error.range().unwrap_or((1, u32::MAX)),
        };
        args.push(("min", Arg::from(i64::from(min))));
        args.push(("max", Arg::from(i64::from(max))));
    }
    bad_parameter(locale, &error.name, error.problem.message_key(), args)
}

fn bad_parameter(locale: Locale, name: &str, key: &str, mut args: Vec<(&str, Arg)>) -> ApiError {
    args.push(("name", Arg::from(name)));
    let message = dokkan_i18n::t_args(locale, key, &args);
    let form = app::error::FormError {
        message: Some(message.clone()),
        fields: vec![(name.to_string(), message)],
        values: Vec::new(),
    };
    ApiError::new(
        locale,
        app::error::AppError::form(form)
            .with_kind(app::error::ErrorKind::BadRequest)
            .with_code("invalid_parameter"),
    )
}

/// A 200 with the caching its reader allows.
fn reply<T: Serialize>(reader: &Reader, body: T) -> Response {
    let mut response = Json(body).into_response();
    let headers = response.headers_mut();
    if reader.anonymous {
        // The same for everyone; a shared cache may lag stock and prices by a minute.
        // Signed-in callers get `private, no-store` from the auth layer instead.
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=60"),
        );
    }
    if !reader.lang_given {
        headers.insert(
            header::VARY,
            HeaderValue::from_static("accept-language, cookie"),
        );
    }
    response
}

/// Absolute links for one language.
pub(super) struct Links<'a> {
    base: &'a str,
    locale: Locale,
}

impl Links<'_> {
    fn product(&self, handle: &Slug) -> String {
        format!("{}/{}/products/{handle}", self.base, self.locale)
    }

    fn category(&self, slug: &Slug) -> String {
        format!("{}/{}/categories/{slug}", self.base, self.locale)
    }

    /// Site-relative media paths become absolute; anything else is already a URL.
    fn media(&self, path: &str) -> String {
        if path.starts_with('/') {
            format!("{}{path}", self.base)
        } else {
            path.to_string()
        }
    }
}

pub(super) fn links<'a>(state: &'a AppState, locale: Locale) -> Links<'a> {
    Links {
        base: state.public_url.trim_end_matches('/'),
        locale,
    }
}

// ---------------------------------------------------------------------------------------
// GET /products

/// One page of products.
#[derive(Serialize, ToSchema)]
pub(super) struct ProductList {
    pub items: Vec<ProductItem>,
    /// Products matching the filters, on all pages.
    pub total: u64,
    /// True when no product has every word of `q`: the items have as many of them as
    /// any product has.
    pub partial: bool,
    pub page: u32,
    pub per_page: u32,
    pub facets: FacetsBody,
    /// Only with `explain=1`, for staff: how each query word was read (as typed, a
    /// lexicon or shop synonym, an Arabizi spelling, a correction) and how each product
    /// on the page matched (which reading, in which field, whether it heads the name).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub explain: Option<serde_json::Value>,
}

/// A product as a list shows it; the price is the lowest variant's.
#[derive(Serialize, ToSchema)]
pub(super) struct ProductItem {
    #[schema(example = "linen-shirt")]
    pub handle: String,
    pub name: String,
    /// Minor units (piastres for EGP).
    #[schema(example = 45000)]
    pub price: i64,
    /// The price before a sale, in minor units; `null` when not on sale.
    pub compare_at_price: Option<i64>,
    #[schema(example = "EGP")]
    pub currency: String,
    pub in_stock: bool,
    /// A 400-pixel-wide image URL.
    pub image: Option<String>,
    /// The product's page in the requested language.
    pub url: String,
}

/// Counts for every filter, each with the other filters applied but not its own.
#[derive(Serialize, ToSchema)]
pub(super) struct FacetsBody {
    /// Sub-categories of the chosen category (top-level ones when none is chosen).
    pub categories: Vec<FacetValueBody>,
    pub options: Vec<OptionFacetBody>,
    pub price: PriceRange,
    /// How many of the results have something in stock.
    pub in_stock: u64,
}

#[derive(Serialize, ToSchema)]
pub(super) struct FacetValueBody {
    /// What to pass back as the parameter's value.
    pub value: String,
    pub label: String,
    pub count: u64,
}

/// An option filter: pass `{key}={value}` (repeat for alternatives).
#[derive(Serialize, ToSchema)]
pub(super) struct OptionFacetBody {
    #[schema(example = "size")]
    pub key: String,
    pub name: String,
    pub values: Vec<FacetValueBody>,
}

/// Lowest and highest variant price among the results without the price filter.
#[derive(Serialize, ToSchema)]
pub(super) struct PriceRange {
    /// Minor units; `null` when nothing matches.
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub currency: String,
}

impl ProductItem {
    pub(super) fn new(card: &ProductCard, links: &Links) -> Self {
        ProductItem {
            handle: card.handle.to_string(),
            name: card.name.get(links.locale).to_string(),
            price: card.price.minor(),
            compare_at_price: card.compare_at.map(Money::minor),
            currency: card.price.currency().code().to_string(),
            in_stock: card.in_stock,
            image: card
                .image
                .as_ref()
                .map(|image| links.media(&image.src(CARD_IMAGE_WIDTH))),
            url: links.product(&card.handle),
        }
    }
}

fn facet_values(values: &[FacetValue], locale: Locale) -> Vec<FacetValueBody> {
    values
        .iter()
        .map(|v| FacetValueBody {
            value: v.value.clone(),
            label: v.label.get(locale).to_string(),
            count: v.count,
        })
        .collect()
}

impl ProductList {
    fn new(listing: &Listing, query: &ListingQuery, links: &Links) -> Self {
        let locale = links.locale;
        let facets = &listing.facets;
        ProductList {
            items: listing
                .items
                .iter()
                .map(|card| ProductItem::new(card, links))
                .collect(),
            total: listing.total,
            partial: listing.partial,
            page: query.page,
            per_page: query.per_page,
            facets: FacetsBody {
                categories: facet_values(&facets.categories, locale),
                options: facets
                    .options
                    .iter()
                    .map(|o| OptionFacetBody {
                        key: o.key.to_string(),
                        name: o.name.get(locale).to_string(),
                        values: facet_values(&o.values, locale),
                    })
                    .collect(),
                price: PriceRange {
                    min: facets.price_min,
                    max: facets.price_max,
                    // Price filters are read as EGP (ListingQuery), the shop's one currency.
                    currency: Currency::Egp.code().to_string(),
                },
                in_stock: facets.in_stock,
            },
            explain: None,
        }
    }
}

/// The `sort` values, taken from the catalog so the document cannot drift from it.
pub(super) struct SortParam;

impl PartialSchema for SortParam {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::Type(Type::String))
            .enum_values(Some(Sort::ALL.map(Sort::as_str)))
            .default(Some(Sort::Relevance.as_str().into()))
            .into()
    }
}

impl ToSchema for SortParam {}

#[utoipa::path(
    get,
    path = "/api/v1/products",
    tag = "catalog",
    description = "Published products matching the filters, one page at a time, with facet \
        counts. Any parameter not listed here is an option filter: `size=M&size=L&color=red` \
        keeps products with a variant that is (M or L) and red. Parameters with an empty \
        value are ignored.",
    params(
        ("q" = Option<String>, Query, max_length = 200,
            description = "Search words, in Arabic or English."),
        ("category" = Option<String>, Query,
            description = "A category slug; products of its sub-categories are included."),
        ("min_price" = Option<String>, Query, example = "100",
            description = "Lowest variant price, in pounds as a decimal (`100`, `99.50`)."),
        ("max_price" = Option<String>, Query, example = "250.50",
            description = "Highest variant price, in pounds as a decimal; not below `min_price`."),
        ("in_stock" = Option<String>, Query, pattern = "^(1|true|on|0|false)$",
            description = "`1`, `true` or `on`: only products with a matching variant in stock."),
        ("sort" = inline(Option<SortParam>), Query,
            description = "`relevance` is best match for a search, newest otherwise."),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000,
            description = "1-based page number."),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 100,
            description = "Products per page (default 24)."),
        ("lang" = Option<String>, Query, pattern = "^(en|ar)$",
            description = "Language of names and messages (default: `Accept-Language`, then Arabic)."),
        ("explain" = Option<String>, Query, pattern = "^(1|true|on|0|false)$",
            description = "Staff only: add `explain`, why the search found each product."),
    ),
    responses(
        (status = 200, description = "One page of products and the facet counts.",
            body = ProductList),
        (status = 400, description = "A parameter is invalid; `fields` names it.",
            body = ErrorBody),
        (status = 401, description = "`explain` asked for without signing in.", body = ErrorBody),
        (status = 403, description = "`explain` asked for by someone who is not staff.",
            body = ErrorBody),
    ),
)]
pub(super) async fn list_products(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    user: Caller,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let reader = reader(&pairs, &headers)?;
    let locale = reader.locale;
    let query = ListingQuery::from_params(
        pairs
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str())),
        &["lang", "explain"],
    )
    .map_err(|error| invalid_parameter(locale, &error))?;
    let explain = match pairs.iter().rev().find(|(name, _)| name == "explain") {
        None => false,
        Some((_, value)) => match value.as_str() {
            "" | "0" | "false" => false,
            "1" | "true" | "on" => true,
            _ => return Err(bad_parameter(locale, "explain", "param-invalid", vec![])),
        },
    };
    if explain {
        let user = caller(user, locale)?;
        // The stored role, as every admin server function reads it.
        let role = dokkan_accounts::db::current_role(&state.pool, user.user_id)
            .await
            .map_err(|e| ApiError::internal(locale, e))?;
        if !role.is_some_and(|r| r.allows(dokkan_accounts::Permission::BackOffice)) {
            return Err(ApiError::new(locale, app::error::AppError::forbidden()));
        }
    }
    let mut values = 0;
    for (key, list) in &query.options {
        values += list.len();
        if values > MAX_OPTION_VALUES {
            let max = Arg::from(MAX_OPTION_VALUES);
            return Err(bad_parameter(
                locale,
                key.as_str(),
                "param-too-many",
                vec![("max", max)],
            ));
        }
    }

    let (listing, explanation) = if explain {
        db::listing_explained(&state.pool, &state.search, &query).await
    } else {
        db::listing(&state.pool, &state.search, &query)
            .await
            .map(|l| (l, None))
    }
    .map_err(|e| ApiError::internal(locale, e))?;
    if query.is_fresh_search() {
        let (pool, text, total, partial) = (
            state.pool.clone(),
            query.text.clone(),
            listing.total,
            listing.partial,
        );
        // Off the request path: analytics must not slow down or fail a search.
        tokio::spawn(async move {
            if let Err(error) = db::log_search(&pool, &text, locale, total, partial).await {
                tracing::warn!(?error, "could not log a search");
            }
        });
    }
    let mut body = ProductList::new(&listing, &query, &links(&state, locale));
    body.explain = explanation
        .map(|e| serde_json::to_value(e).map_err(|e| ApiError::internal(locale, e)))
        .transpose()?;
    Ok(reply(&reader, body))
}

// ---------------------------------------------------------------------------------------
// GET /products/{handle}

/// A product with everything its page shows.
#[derive(Serialize, ToSchema)]
pub(super) struct ProductDetail {
    pub handle: String,
    pub name: String,
    pub description: String,
    pub brand: String,
    pub tags: Vec<String>,
    pub category: CategoryRef,
    /// From the top-level category down to the product's own.
    pub breadcrumbs: Vec<CategoryRef>,
    pub images: Vec<ImageBody>,
    /// Options (Size, Colour) with their values in the requested language.
    pub options: Vec<OptionBody>,
    /// At least one, in the merchant's order.
    pub variants: Vec<VariantBody>,
    /// Whether any variant is in stock.
    pub in_stock: bool,
    pub url: String,
    /// RFC 3339.
    pub updated_at: String,
}

/// A category link.
#[derive(Serialize, ToSchema)]
pub(super) struct CategoryRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub(super) struct ImageBody {
    /// The largest stored copy (at most 800 pixels wide).
    pub url: String,
    pub alt: String,
    /// Every stored width, for `<img srcset>`; `null` when the image has one size.
    pub srcset: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct OptionBody {
    /// The option filter's parameter name in `GET /products`.
    #[schema(example = "size")]
    pub key: String,
    pub name: String,
    pub values: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct VariantBody {
    pub sku: String,
    /// One value per product option, in option order.
    pub options: Vec<String>,
    /// Minor units.
    pub price: i64,
    /// The price before a sale, in minor units; `null` when not on sale.
    pub compare_at_price: Option<i64>,
    pub currency: String,
    pub stock: u32,
    pub in_stock: bool,
    /// Index into `images` of this variant's picture.
    pub image: Option<usize>,
}

impl CategoryRef {
    fn new(link: &CategoryLink, links: &Links) -> Self {
        CategoryRef {
            slug: link.slug.to_string(),
            name: link.name.get(links.locale).to_string(),
            url: links.category(&link.slug),
        }
    }
}

impl ImageBody {
    fn new(image: &Image, links: &Links) -> Self {
        let srcset = image.media_hash.as_ref().map(|_| {
            IMAGE_WIDTHS
                .iter()
                .map(|w| format!("{} {w}w", links.media(&image.src(*w))))
                .collect::<Vec<_>>()
                .join(", ")
        });
        ImageBody {
            url: links.media(&image.src(PAGE_IMAGE_WIDTH)),
            alt: image.alt.get(links.locale).to_string(),
            srcset,
        }
    }
}

impl ProductDetail {
    fn new(product: &Product, links: &Links) -> Self {
        let locale = links.locale;
        let text = |l: &dokkan_catalog::Localized| l.get(locale).to_string();
        ProductDetail {
            handle: product.handle.to_string(),
            name: text(&product.name),
            description: text(&product.description),
            brand: product.brand.clone(),
            tags: product.tags.clone(),
            category: CategoryRef::new(
                &CategoryLink {
                    slug: product.category.slug.clone(),
                    name: product.category.name.clone(),
                },
                links,
            ),
            breadcrumbs: product
                .breadcrumbs
                .iter()
                .map(|c| CategoryRef::new(c, links))
                .collect(),
            images: product
                .images
                .iter()
                .map(|i| ImageBody::new(i, links))
                .collect(),
            options: product
                .options
                .iter()
                .map(|o| OptionBody {
                    key: o.key.to_string(),
                    name: text(&o.name),
                    values: o.values.iter().map(text).collect(),
                })
                .collect(),
            variants: product
                .variants
                .iter()
                .map(|v| VariantBody {
                    sku: v.sku.to_string(),
                    options: v.options.iter().map(text).collect(),
                    price: v.price.minor(),
                    compare_at_price: v.compare_at.map(Money::minor),
                    currency: v.price.currency().code().to_string(),
                    stock: v.stock,
                    in_stock: v.in_stock(),
                    image: v.image,
                })
                .collect(),
            in_stock: product.in_stock(),
            url: links.product(&product.handle),
            updated_at: product.updated_at.clone(),
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/products/{handle}",
    tag = "catalog",
    params(
        ("handle" = String, Path, description = "The product's handle, e.g. `linen-shirt`."),
        ("lang" = Option<String>, Query, pattern = "^(en|ar)$",
            description = "Language of names and messages."),
    ),
    responses(
        (status = 200, description = "The product with its variants.", body = ProductDetail),
        (status = 400, description = "A parameter is invalid; `fields` names it.",
            body = ErrorBody),
        (status = 404, description = "No published product has this handle.", body = ErrorBody),
    ),
)]
pub(super) async fn product(
    State(state): State<AppState>,
    handle: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let reader = reader(&pairs, &headers)?;
    let locale = reader.locale;
    only(&pairs, &["lang"], locale)?;
    // A handle that is not even a slug names no product.
    let handle = handle
        .ok()
        .and_then(|Path(handle)| Slug::parse(&handle).ok())
        .ok_or_else(|| ApiError::new(locale, app::error::AppError::not_found()))?;
    let product = db::product_by_handle(&state.pool, &handle)
        .await
        .map_err(|e| ApiError::internal(locale, e))?
        .ok_or_else(|| ApiError::new(locale, app::error::AppError::not_found()))?;
    let body = ProductDetail::new(&product, &links(&state, locale));
    Ok(reply(&reader, body))
}

// ---------------------------------------------------------------------------------------
// GET /categories

/// A category with the categories under it, in the merchant's order.
#[derive(Serialize, ToSchema)]
pub(super) struct CategoryTreeNode {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub url: String,
    #[schema(no_recursion)]
    pub children: Vec<CategoryTreeNode>,
}

impl CategoryTreeNode {
    fn new(node: &CategoryNode, links: &Links) -> Self {
        let category = &node.category;
        CategoryTreeNode {
            slug: category.slug.to_string(),
            name: category.name.get(links.locale).to_string(),
            description: category.description.get(links.locale).to_string(),
            url: links.category(&category.slug),
            children: node
                .children
                .iter()
                .map(|child| CategoryTreeNode::new(child, links))
                .collect(),
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/categories",
    tag = "catalog",
    params(
        ("lang" = Option<String>, Query, pattern = "^(en|ar)$",
            description = "Language of names and messages."),
    ),
    responses(
        (status = 200, description = "Top-level categories, each with its sub-categories.",
            body = [CategoryTreeNode]),
        (status = 400, description = "A parameter is invalid; `fields` names it.",
            body = ErrorBody),
    ),
)]
pub(super) async fn categories(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let reader = reader(&pairs, &headers)?;
    let locale = reader.locale;
    only(&pairs, &["lang"], locale)?;
    let tree = db::category_tree(&state.pool)
        .await
        .map_err(|e| ApiError::internal(locale, e))?;
    let links = links(&state, locale);
    let body: Vec<CategoryTreeNode> = tree
        .iter()
        .map(|node| CategoryTreeNode::new(node, &links))
        .collect();
    Ok(reply(&reader, body))
}

// ---------------------------------------------------------------------------------------
// GET /search/suggest

/// What the search box offers for the words typed so far.
#[derive(Serialize, ToSchema)]
pub(super) struct SuggestBody {
    pub products: Vec<SuggestedProduct>,
    pub categories: Vec<CategoryRef>,
}

#[derive(Serialize, ToSchema)]
pub(super) struct SuggestedProduct {
    pub handle: String,
    pub name: String,
    /// Minor units.
    pub price: i64,
    pub currency: String,
    pub image: Option<String>,
    pub url: String,
}

impl SuggestBody {
    fn new(suggestions: &Suggestions, links: &Links) -> Self {
        SuggestBody {
            products: suggestions
                .products
                .iter()
                .map(|p| SuggestedProduct {
                    handle: p.handle.to_string(),
                    name: p.name.get(links.locale).to_string(),
                    price: p.price.minor(),
                    currency: p.price.currency().code().to_string(),
                    image: p.image.as_deref().map(|path| links.media(path)),
                    url: links.product(&p.handle),
                })
                .collect(),
            categories: suggestions
                .categories
                .iter()
                .map(|c| CategoryRef::new(c, links))
                .collect(),
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/search/suggest",
    tag = "catalog",
    params(
        ("q" = Option<String>, Query, max_length = 200,
            description = "What has been typed so far; empty gives empty lists."),
        ("limit" = Option<u32>, Query, minimum = 1, maximum = 20,
            description = "At most this many of each kind (default 6)."),
        ("lang" = Option<String>, Query, pattern = "^(en|ar)$",
            description = "Language of names and messages."),
    ),
    responses(
        (status = 200, description = "Matching products and categories.", body = SuggestBody),
        (status = 400, description = "A parameter is invalid; `fields` names it.",
            body = ErrorBody),
    ),
)]
pub(super) async fn suggest(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let pairs = query_pairs(raw.as_deref());
    let reader = reader(&pairs, &headers)?;
    let locale = reader.locale;
    only(&pairs, &["q", "limit", "lang"], locale)?;
    let mut text = "";
    let mut limit = DEFAULT_SUGGESTIONS;
    for (name, value) in &pairs {
        let value = value.trim();
        match name.as_str() {
            "q" if value.chars().count() > ListingQuery::MAX_TEXT => {
                return Err(invalid_parameter(
                    locale,
                    &ParamError::new("q", ParamProblem::TooLong),
                ));
            }
            "q" => text = value,
            "limit" if !value.is_empty() => {
                limit = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_SUGGESTIONS).contains(n))
                    .ok_or_else(|| {
                        invalid_parameter(
                            locale,
                            &ParamError::new("limit", ParamProblem::OutOfRange),
                        )
                    })?;
            }
            _ => {}
        }
    }
    let suggestions = if text.is_empty() {
        Suggestions::default()
    } else {
        db::suggest(&state.pool, &state.search, text, i64::from(limit))
            .await
            .map_err(|e| ApiError::internal(locale, e))?
    };
    let body = SuggestBody::new(&suggestions, &links(&state, locale));
    Ok(reply(&reader, body))
}
