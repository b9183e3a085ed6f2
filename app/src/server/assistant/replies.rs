//! Answers from the catalog, the cart and the FAQ: product search with the message's
//! price and colour, adding to the site's cart (asking which variant when it must), and
//! the shop's own answers to the usual questions.

use super::{
    dialog::{Ask, CartAccess, Reply, Who},
    ChatChoice, ChatPart, ChatProduct,
};
use crate::{
    error::AppError,
    i18n::{t, t_count, t_with},
    state::AppState,
};
use dokkan_assistant::{conversation::Pending, db::Conversation, Parsed};
use dokkan_catalog::{ListingQuery, Product, Variant};
use dokkan_core::{Locale, Money, Slug};
use dokkan_orders::{
    db::{self as orders, AddOutcome, CartOwner},
    Quantity,
};

/// Cards shown in the chat; the link leads to the rest.
const CARDS: u32 = 4;
/// Variants offered in "which one?".
const CHOICES: usize = 12;

/// The search for what the message describes, with its price range and colour.
pub(super) async fn search(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
) -> Result<Reply, AppError> {
    let words = ask.parsed.entities.query.clone().unwrap_or_default();
    search_for(ask, conversation, &words).await
}

/// A message the model did not understand that names products with all its words
/// ("airpods pro", "كنبة"): their cards. `None` when the catalog has nothing whole.
pub(super) async fn products_named(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
) -> Result<Option<Reply>, AppError> {
    let words = ask.text.trim();
    if words.chars().count() > ListingQuery::MAX_TEXT || !words.chars().any(char::is_alphabetic) {
        return Ok(None);
    }
    let mut query = ListingQuery::new();
    query.text = words.to_string();
    query.in_stock = true;
    query.per_page = 1;
    let listing = dokkan_catalog::db::listing(&ask.state.pool, &ask.state.search, &query).await?;
    if listing.total == 0 || listing.partial {
        return Ok(None);
    }
    Ok(Some(search_for(ask, conversation, words).await?))
}

async fn search_for(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
    words: &str,
) -> Result<Reply, AppError> {
    let (state, locale) = (ask.state, ask.locale);
    let e = &ask.parsed.entities;
    let words = words.to_string();
    if words.trim().is_empty() && e.color.is_none() {
        return Ok(Reply::text(t(locale, "assistant-search-what")));
    }
    let mut query = ListingQuery::new();
    query.text = words.chars().take(ListingQuery::MAX_TEXT).collect();
    query.min_price = e.min_price.map(|p| Money::egp(p * 100).minor());
    query.max_price = e.max_price.map(|p| Money::egp(p * 100).minor());
    if let (Some(min), Some(max)) = (query.min_price, query.max_price) {
        if min > max {
            (query.min_price, query.max_price) = (Some(max), Some(min));
        }
    }
    query.in_stock = true;
    query.per_page = CARDS;
    if let (Some(colour), Ok(key)) = (&e.color, Slug::parse("color")) {
        query.options.push((key, vec![colour.clone()]));
    }
    let mut listing = dokkan_catalog::db::listing(&state.pool, &state.search, &query).await?;
    if listing.total == 0 && !query.options.is_empty() {
        // Many products say their colour in the name only ("T-shirt – White").
        query.options.clear();
        if let Some(colour) = &e.color {
            query.text = format!("{} {colour}", query.text).trim().to_string();
        }
        listing = dokkan_catalog::db::listing(&state.pool, &state.search, &query).await?;
    }
    if let Err(error) = dokkan_catalog::db::log_search(
        &state.pool,
        &query.text,
        locale,
        listing.total,
        listing.partial,
    )
    .await
    {
        tracing::warn!(?error, "assistant search not logged");
    }
    let mut link_query = query.clone();
    link_query.per_page = ListingQuery::DEFAULT_PER_PAGE;
    let all_href = format!(
        "/{locale}/search?{}",
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(link_query.to_params())
            .finish()
    );
    let described = if words.trim().is_empty() {
        e.color.clone().unwrap_or_default()
    } else {
        words.clone()
    };
    // The price range as understood, so the shopper sees what was searched.
    let money = |minor: i64| Money::egp(minor).format(locale);
    let price = match (query.min_price, query.max_price) {
        (Some(min), Some(max)) => Some(t_with(
            locale,
            "assistant-search-price-range",
            &[("min", &money(min)), ("max", &money(max))],
        )),
        (None, Some(max)) => Some(t_with(
            locale,
            "assistant-search-price-max",
            &[("amount", &money(max))],
        )),
        (Some(min), None) => Some(t_with(
            locale,
            "assistant-search-price-min",
            &[("amount", &money(min))],
        )),
        (None, None) => None,
    };
    let price = price.map(|p| format!(" {p}")).unwrap_or_default();
    if listing.items.is_empty() {
        conversation.last_products.clear();
        return Ok(Reply::text(t_with(
            locale,
            "assistant-search-none",
            &[("query", &described)],
        ))
        .with(ChatPart::Link {
            href: format!("/{locale}/search"),
            label: t(locale, "assistant-search-open"),
        }));
    }
    conversation.last_products = listing.items.iter().map(|c| c.handle.to_string()).collect();
    let items = listing
        .items
        .iter()
        .map(|card| ChatProduct {
            name: card.name.get(locale).to_string(),
            price: card.price.format(locale),
            href: format!("/{locale}/products/{}", card.handle),
            image: card.image.as_ref().map(|i| i.src(200)),
            in_stock: card.in_stock,
        })
        .collect();
    let text = t_with(
        locale,
        "assistant-search-found",
        &[
            ("query", &described),
            ("price", &price),
            ("count", &locale.digits(&listing.total.to_string())),
        ],
    );
    Ok(Reply::text(text).with(ChatPart::Products {
        items,
        all_href,
        all_label: t_count(locale, "assistant-search-all", listing.total as usize),
    }))
}

/// "Add … to my cart": the product the message names (else the first one just shown),
/// the variant its colour and size pick, or the question which one.
pub(super) async fn add_to_cart(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
) -> Result<Reply, AppError> {
    let (state, who, locale) = (ask.state, ask.who, ask.locale);
    let e = &ask.parsed.entities;
    let quantity = e.quantity.unwrap_or(1).clamp(1, Quantity::MAX);
    let handle = match e.query.as_deref().filter(|q| !q.trim().is_empty()) {
        Some(words) => {
            let mut query = ListingQuery::new();
            query.text = words.chars().take(ListingQuery::MAX_TEXT).collect();
            query.in_stock = true;
            query.per_page = 1;
            let listing = dokkan_catalog::db::listing(&state.pool, &state.search, &query).await?;
            listing.items.first().map(|c| c.handle.clone())
        }
        None => conversation
            .last_products
            .first()
            .and_then(|h| Slug::parse(h).ok()),
    };
    let Some(handle) = handle else {
        return Ok(Reply::text(t(locale, "assistant-cart-what")));
    };
    let Some(product) = dokkan_catalog::db::product_by_handle(&state.pool, &handle).await? else {
        return Ok(Reply::text(t(locale, "assistant-cart-what")));
    };
    let chosen = matching_variants(&product, ask.parsed, ask.text);
    if who.cart == CartAccess::Channel {
        // No cart on a social channel: the product's page has one.
        return Ok(Reply::text(t_with(
            locale,
            "assistant-cart-channel",
            &[("product", product.name.get(locale))],
        ))
        .with(ChatPart::Link {
            href: format!("/{locale}/products/{}", product.handle),
            label: product.name.get(locale).to_string(),
        }));
    }
    match chosen.as_slice() {
        [] => Ok(Reply::text(t_with(
            locale,
            "assistant-cart-sold-out",
            &[("product", product.name.get(locale))],
        ))),
        [only] => add_sku(state, who, locale, only.sku.as_str(), quantity).await,
        _ => {
            conversation.pending = Some(Pending::ChooseVariant {
                handle: product.handle.to_string(),
                quantity,
            });
            Ok(which_one(locale, &product, &chosen))
        }
    }
}

/// The answer to "which one?" in words ("the black one in L").
pub(super) async fn pick_variant(
    ask: &Ask<'_>,
    conversation: &mut Conversation,
    handle: &str,
    quantity: u32,
) -> Result<Option<Reply>, AppError> {
    let (state, who, locale) = (ask.state, ask.who, ask.locale);
    let Ok(handle) = Slug::parse(handle) else {
        return Ok(None);
    };
    let Some(product) = dokkan_catalog::db::product_by_handle(&state.pool, &handle).await? else {
        return Ok(None);
    };
    let all_in_stock = product.variants.iter().filter(|v| v.in_stock()).count();
    let chosen = matching_variants(&product, ask.parsed, ask.text);
    match chosen.as_slice() {
        [only] => Ok(Some(
            add_sku(state, who, locale, only.sku.as_str(), quantity).await?,
        )),
        // Narrowed but not to one: ask again among those.
        several if !several.is_empty() && several.len() < all_in_stock => {
            conversation.pending = Some(Pending::ChooseVariant {
                handle: product.handle.to_string(),
                quantity,
            });
            Ok(Some(which_one(locale, &product, several)))
        }
        _ => Ok(None),
    }
}

/// The in-stock variants the message fits: its colour and size entities, and any
/// option value it names in either language ("the linen one", "الأبيض"). All of them when
/// it names none.
fn matching_variants<'p>(product: &'p Product, parsed: &Parsed, text: &str) -> Vec<&'p Variant> {
    let words = dokkan_assistant::text::words(text);
    let named = |label: &dokkan_catalog::Localized| {
        [label.en.as_str(), label.ar.as_str()].iter().any(|l| {
            let label_words = dokkan_assistant::text::words(l);
            !label_words.is_empty() && label_words.iter().all(|w| words.contains(w))
        })
    };
    let e = &parsed.entities;
    // Per option: the values the message accepts (`None`: it says nothing of it).
    let accepted: Vec<Option<Vec<String>>> = product
        .options
        .iter()
        .map(|option| {
            let entity = match option.key.as_str() {
                "color" | "colour" => e.color.as_deref(),
                "size" => e.size.as_deref(),
                _ => None,
            };
            let by_entity: Vec<String> = entity
                .map(|wanted| {
                    option
                        .values
                        .iter()
                        .filter(|v| same_value(&v.en, wanted))
                        .map(|v| v.en.clone())
                        .collect()
                })
                .unwrap_or_default();
            let by_name: Vec<String> = option
                .values
                .iter()
                .filter(|v| named(v))
                .map(|v| v.en.clone())
                .collect();
            match (by_entity.is_empty(), by_name.is_empty()) {
                (true, true) => None,
                (false, _) => Some(by_entity),
                (true, false) => Some(by_name),
            }
        })
        .collect();
    product
        .variants
        .iter()
        .filter(|v| v.in_stock())
        .filter(|v| {
            accepted
                .iter()
                .zip(&v.options)
                .all(|(accepted, value)| match accepted {
                    None => true,
                    Some(values) => values.contains(&value.en),
                })
        })
        .collect()
}

/// A catalog value and an entity's value are the same ("Off-White" and "off white").
fn same_value(catalog: &str, entity: &str) -> bool {
    let simple = |s: &str| s.to_lowercase().replace(['-', '_'], " ");
    simple(catalog) == simple(entity)
}

fn variant_text(locale: Locale, v: &Variant) -> String {
    v.options
        .iter()
        .map(|o| o.get(locale).to_string())
        .collect::<Vec<_>>()
        .join(" / ")
}

fn which_one(locale: Locale, product: &Product, variants: &[&Variant]) -> Reply {
    let choices = variants
        .iter()
        .take(CHOICES)
        .map(|v| ChatChoice {
            action: format!("variant:{}", v.sku.as_str()),
            label: variant_text(locale, v),
            price: v.price.format(locale),
        })
        .collect();
    Reply::text(t_with(
        locale,
        "assistant-cart-which",
        &[("product", product.name.get(locale))],
    ))
    .with(ChatPart::Variants {
        product: product.name.get(locale).to_string(),
        choices,
    })
}

/// The words for a variant picked by button (stored as the customer's message).
pub(super) async fn variant_label(
    state: &AppState,
    locale: Locale,
    sku: &str,
) -> Result<String, AppError> {
    let Some(handle) = dokkan_catalog::db::handle_by_sku(&state.pool, sku).await? else {
        return Ok(sku.to_string());
    };
    let product = dokkan_catalog::db::product_by_handle(&state.pool, &handle).await?;
    Ok(product
        .and_then(|p| {
            let v = p.variants.iter().find(|v| v.sku.as_str() == sku)?;
            Some(format!(
                "{} — {}",
                p.name.get(locale),
                variant_text(locale, v)
            ))
        })
        .unwrap_or_else(|| sku.to_string()))
}

/// Adds to the cart the site uses: the account's, else the browser's guest cart.
pub(super) async fn add_sku(
    state: &AppState,
    who: &Who,
    locale: Locale,
    sku: &str,
    quantity: u32,
) -> Result<Reply, AppError> {
    let CartAccess::Web { guest_cart } = who.cart else {
        return Ok(Reply::text(t(locale, "assistant-cart-what")));
    };
    let quantity = Quantity::new(quantity.into()).map_err(|_| AppError::bad_request())?;
    let mut new_guest_cart = None;
    let cart_id = match (who.user_id, guest_cart) {
        (Some(user), _) => {
            let mut conn = state.pool.acquire().await?;
            orders::claim_cart(&mut conn, CartOwner::User(user))
                .await?
                .0
        }
        (None, Some(id)) if orders::guest_cart(&state.pool, id).await?.is_some() => id,
        (None, _) => {
            let mut conn = state.pool.acquire().await?;
            let (id, _) = orders::claim_cart(&mut conn, CartOwner::Guest(None)).await?;
            new_guest_cart = Some(id);
            id
        }
    };
    let label = variant_label(state, locale, sku).await?;
    let text = match orders::add_item(&state.pool, cart_id, sku, quantity).await? {
        AddOutcome::Added { quantity } | AddOutcome::Capped { quantity } => t_with(
            locale,
            "assistant-cart-added",
            &[
                ("product", &label),
                ("quantity", &locale.digits(&quantity.get().to_string())),
            ],
        ),
        AddOutcome::AlreadyApplied => t(locale, "cart-added"),
        AddOutcome::SoldOut => t_with(locale, "assistant-cart-sold-out", &[("product", &label)]),
        AddOutcome::NotSold => t(locale, "assistant-cart-what"),
    };
    let count = orders::cart_count(&state.pool, cart_id).await?;
    Ok(Reply {
        cart_count: Some(count),
        new_guest_cart,
        ..Reply::text(text).with(ChatPart::Cart {
            count,
            href: format!("/{locale}/cart"),
            label: t_count(locale, "assistant-cart-view", count as usize),
        })
    })
}

/// The shop's answer to a usual question; shipping adds the zones' real rates.
pub(super) async fn faq(state: &AppState, locale: Locale, topic: &str) -> Result<Reply, AppError> {
    let answer = dokkan_assistant::db::faq_answer(&state.pool, topic, locale)
        .await?
        .unwrap_or_default();
    if topic != "shipping" {
        return Ok(Reply::text(answer));
    }
    let zones = orders::settings::list_zones(&state.pool).await?;
    let mut lines = vec![answer, t(locale, "assistant-shipping-rates")];
    for zone in zones {
        for rate in &zone.rates {
            let method = match dokkan_orders::shipping::ShippingMethod::parse(&rate.method) {
                Some(method) => t(locale, method.fluent_key()),
                None => rate.method.clone(),
            };
            let days = if rate.days_min == rate.days_max {
                t_count(
                    locale,
                    "assistant-shipping-day-count",
                    rate.days_min.max(0) as usize,
                )
            } else {
                t_with(
                    locale,
                    "assistant-shipping-days",
                    &[
                        ("min", &locale.digits(&rate.days_min.to_string())),
                        ("max", &locale.digits(&rate.days_max.to_string())),
                    ],
                )
            };
            let mut line = format!(
                "• {} — {}: {} ({days})",
                zone.name.get(locale),
                method,
                rate.rate.format(locale)
            );
            if let Some(free) = rate.free_over {
                line.push_str(&format!(
                    " · {}",
                    t_with(
                        locale,
                        "assistant-shipping-free-over",
                        &[("amount", &free.format(locale))]
                    )
                ));
            }
            lines.push(line);
        }
    }
    Ok(Reply::text(lines.join("\n")))
}
