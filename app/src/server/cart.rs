//! The cart's server functions: read it, add to it, change or remove a line. A guest's
//! cart is found through a signed cookie; a signed-in person's through their account.
//! Plain form posts (no JS) are sent back to the cart page; the islands get the cart.

#[cfg(feature = "ssr")]
use super::support;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n::{t, t_count, t_with};
#[cfg(feature = "ssr")]
use dokkan_core::Locale;
#[cfg(feature = "ssr")]
use dokkan_orders::{
    db::{self as orders, AddOutcome, CartOwner},
    Cart, LineIssue, Quantity,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A cart already rendered into the shopper's language (prices formatted, messages
/// chosen), so the browser needs neither Fluent nor money rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartDisplay {
    pub lines: Vec<CartDisplayLine>,
    pub count: u32,
    pub subtotal: String,
    /// "3 items" in the language's plural form.
    pub count_text: String,
    /// An order can be placed from it as it is.
    pub ready: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartDisplayLine {
    pub variant_id: i64,
    pub href: String,
    pub name: String,
    pub options: String,
    pub image: Option<String>,
    pub price: String,
    pub total: String,
    pub quantity: u32,
    /// The most the shopper may ask for (stock, at most 99).
    pub max: u32,
    /// What changed since it was added, in words.
    pub issue: Option<String>,
    /// The issue stops checkout (sold out, too few left).
    pub blocking: bool,
}

crate::island_texts! {
    pub struct CartTexts {
        pub lang,
        pub title,
        pub empty,
        pub quantity,
        pub update,
        pub remove,
        pub subtotal,
        pub shipping_note,
        pub checkout,
        pub checkout_href,
        pub cart_href,
        pub view_cart,
        pub failed,
        pub close,
    }
}

/// The cookie naming a guest's cart (its id, HMAC-signed).
pub const CART_COOKIE: &str = "dokkan_cart";
/// How long a guest cart lives (its cookie's age; the server prunes older carts).
pub const CART_COOKIE_DAYS: i64 = 60;

/// The guest cart id the request's cookie names, if its signature is right.
#[cfg(feature = "ssr")]
pub fn cookie_cart_id() -> Option<i64> {
    let parts = use_context::<http::request::Parts>()?;
    guest_cart_in(&support::state(), &parts.headers)
}

/// The guest cart id a request's headers name (for handlers outside server functions).
#[cfg(feature = "ssr")]
pub fn guest_cart_in(state: &crate::state::AppState, headers: &http::HeaderMap) -> Option<i64> {
    let signed = crate::auth::cookie_value(headers, CART_COOKIE)?;
    state.commerce.signer.verify("cart", signed)?.parse().ok()
}

/// The `Set-Cookie` value naming a guest cart.
#[cfg(feature = "ssr")]
pub fn guest_cart_cookie(state: &crate::state::AppState, cart_id: i64) -> String {
    let secure = if state.auth.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let value = state.commerce.signer.sign("cart", &cart_id.to_string());
    format!(
        "{CART_COOKIE}={value}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{secure}",
        CART_COOKIE_DAYS * 86_400
    )
}

#[cfg(feature = "ssr")]
pub fn set_guest_cart_cookie(cart_id: i64) {
    support::set_cookie(&guest_cart_cookie(&support::state(), cart_id));
}

/// The request's cart id; with `create`, a new cart (and its cookie) when there is none.
#[cfg(feature = "ssr")]
pub async fn current_cart_id(create: bool) -> Result<Option<i64>, AppError> {
    let pool = support::state().pool;
    let owner = match crate::auth::current_user() {
        Some(user) => {
            if !create {
                return Ok(orders::user_cart(&pool, user.user_id).await?);
            }
            CartOwner::User(user.user_id)
        }
        None => {
            let existing = match cookie_cart_id() {
                Some(id) => orders::guest_cart(&pool, id).await?,
                None => None,
            };
            if existing.is_some() || !create {
                return Ok(existing);
            }
            CartOwner::Guest(None)
        }
    };
    let mut conn = pool.acquire().await?;
    let (id, created) = orders::claim_cart(&mut conn, owner).await?;
    if created && matches!(owner, CartOwner::Guest(_)) {
        set_guest_cart_cookie(id);
    }
    Ok(Some(id))
}

/// At sign-in: the guest cart of this browser joins the person's cart.
#[cfg(feature = "ssr")]
pub async fn merge_guest_cart_into(user_id: i64) -> Result<(), AppError> {
    if let Some(guest) = cookie_cart_id() {
        orders::merge_guest_cart(&support::state().pool, guest, user_id).await?;
        support::set_cookie(&format!(
            "{CART_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
        ));
    }
    Ok(())
}

/// The request's cart, read fresh (empty when it has none).
#[cfg(feature = "ssr")]
pub async fn load_current_cart() -> Result<(Option<i64>, Cart), AppError> {
    match current_cart_id(false).await? {
        None => Ok((None, Cart::default())),
        Some(id) => {
            let mut conn = support::state().pool.acquire().await?;
            Ok((Some(id), orders::load_cart(&mut conn, id).await?))
        }
    }
}

/// The cart in the shopper's words.
#[cfg(feature = "ssr")]
pub fn display(locale: Locale, cart: &Cart) -> CartDisplay {
    let lines = cart
        .lines
        .iter()
        .map(|line| {
            let issue = line.issue();
            CartDisplayLine {
                variant_id: line.variant_id,
                href: format!("/{locale}/products/{}", line.handle),
                name: line.name.get(locale).to_string(),
                options: line.options.get(locale).to_string(),
                image: line.image.as_ref().map(|i| i.src(200)),
                price: line.price.format(locale),
                total: line.total().map(|m| m.format(locale)).unwrap_or_default(),
                quantity: line.quantity.get(),
                max: (line.available.max(0) as u32).min(Quantity::MAX),
                issue: issue.map(|issue| issue_text(locale, issue)),
                blocking: issue.is_some_and(LineIssue::blocks_checkout),
            }
        })
        .collect();
    let subtotal = cart
        .lines
        .iter()
        .filter_map(|l| l.total())
        .map(|m| m.minor())
        .sum::<i64>();
    CartDisplay {
        lines,
        count: cart.count(),
        subtotal: dokkan_core::Money::egp(subtotal).format(locale),
        count_text: t_count(locale, "cart-items", cart.count() as usize),
        ready: cart.ready(),
    }
}

#[cfg(feature = "ssr")]
pub fn issue_text(locale: Locale, issue: LineIssue) -> String {
    match issue {
        LineIssue::Unavailable => t(locale, "cart-issue-unavailable"),
        LineIssue::OnlyLeft(n) => t_count(locale, "cart-issue-only-left", n as usize),
        LineIssue::PriceChanged { was } => t_with(
            locale,
            "cart-issue-price-changed",
            &[("was", &was.format(locale))],
        ),
    }
}

/// The texts of the cart page and drawer.
#[cfg(feature = "ssr")]
pub fn texts(locale: Locale) -> CartTexts {
    CartTexts {
        lang: locale.to_string(),
        title: t(locale, "cart-title"),
        empty: t(locale, "cart-empty"),
        quantity: t(locale, "cart-quantity"),
        update: t(locale, "cart-update"),
        remove: t(locale, "cart-remove"),
        subtotal: t(locale, "cart-subtotal"),
        shipping_note: t(locale, "cart-shipping-note"),
        checkout: t(locale, "cart-checkout"),
        checkout_href: format!("/{locale}/checkout"),
        cart_href: format!("/{locale}/cart"),
        view_cart: t(locale, "cart-view"),
        failed: t(locale, "error-request"),
        close: t(locale, "cart-close"),
    }
}

#[cfg(feature = "ssr")]
async fn current_display(locale: Locale) -> Result<CartDisplay, AppError> {
    let (_, cart) = load_current_cart().await?;
    Ok(display(locale, &cart))
}

/// After a change: a plain form goes back to the cart page; the islands get the cart's
/// panel as HTML (the drawer's, with its link to the cart page, when `drawer`).
#[cfg(feature = "ssr")]
async fn answer(locale: Locale, drawer: bool) -> Result<String, AppError> {
    if support::is_plain_form() {
        support::redirect(&format!("/{locale}/cart"));
    }
    panel(locale, drawer).await
}

#[cfg(feature = "ssr")]
async fn panel(locale: Locale, drawer: bool) -> Result<String, AppError> {
    let display = current_display(locale).await?;
    Ok(crate::components::cart_panel_html(
        display,
        texts(locale),
        drawer,
    ))
}

/// The drawer's panel, rendered (see `components::CartPanelView`).
#[server(endpoint = "cart/view")]
pub async fn cart_view(lang: String) -> Result<String, AppError> {
    panel(support::locale(&lang), true).await
}

/// What adding told the shopper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Added {
    pub count: u32,
    pub message: String,
}

/// Adds to the cart. `key` comes with actions the installed app queued offline and
/// replays: the same key is applied once however often it is sent.
#[server(endpoint = "cart/add")]
pub async fn add_to_cart(
    lang: String,
    sku: String,
    quantity: String,
    #[server(default)] key: Option<String>,
) -> Result<Added, AppError> {
    let locale = support::locale(&lang);
    let mut check = support::FormCheck::new(locale);
    let quantity = match Quantity::parse(&quantity) {
        Ok(q) => q,
        Err(invalid) => {
            check.invalid("quantity", invalid.fluent_key());
            return check.reject();
        }
    };
    let Some(cart_id) = current_cart_id(true).await? else {
        return Err(AppError::internal());
    };
    let pool = support::state().pool;
    let added = match key.as_deref().filter(|k| !k.is_empty()) {
        None => orders::add_item(&pool, cart_id, sku.trim(), quantity).await?,
        Some(key) if orders::valid_action_key(key) => {
            orders::add_item_once(&pool, cart_id, sku.trim(), quantity, key).await?
        }
        Some(_) => return Err(AppError::bad_request()),
    };
    if let AddOutcome::Added { quantity } | AddOutcome::Capped { quantity } = added {
        if let Ok(Some(product_id)) = dokkan_catalog::db::product_id_by_sku(&pool, sku.trim()).await
        {
            crate::shopper::record(dokkan_events::Kind::AddToCart, |e| {
                e.product(product_id).quantity(quantity.get() as i32)
            });
        }
    }
    let message = match added {
        AddOutcome::Added { .. } | AddOutcome::AlreadyApplied => t(locale, "cart-added"),
        AddOutcome::Capped { quantity } => {
            t_count(locale, "cart-added-capped", quantity.get() as usize)
        }
        AddOutcome::SoldOut => {
            return check.message("cart-sold-out").reject();
        }
        AddOutcome::NotSold => return Err(AppError::not_found()),
    };
    if support::is_plain_form() {
        support::redirect(&format!("/{locale}/cart"));
    }
    let count = orders::cart_count(&pool, cart_id).await?;
    Ok(Added { count, message })
}

#[server(endpoint = "cart/update")]
pub async fn update_cart_line(
    lang: String,
    variant_id: i64,
    quantity: u32,
    #[server(default)] drawer: bool,
) -> Result<String, AppError> {
    let locale = support::locale(&lang);
    if let Some(cart_id) = current_cart_id(false).await? {
        orders::set_quantity(&support::state().pool, cart_id, variant_id, quantity).await?;
    }
    answer(locale, drawer).await
}

#[server(endpoint = "cart/remove")]
pub async fn remove_cart_line(
    lang: String,
    variant_id: i64,
    #[server(default)] drawer: bool,
) -> Result<String, AppError> {
    let locale = support::locale(&lang);
    if let Some(cart_id) = current_cart_id(false).await? {
        orders::remove_item(&support::state().pool, cart_id, variant_id).await?;
    }
    answer(locale, drawer).await
}

/// The cart page: the cart and its texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CartPageData {
    pub display: CartDisplay,
    pub texts: CartTexts,
    /// "You may also like".
    pub also: crate::server::recommend::Block,
}

#[server(endpoint = "cart/page")]
pub async fn cart_page(lang: String) -> Result<CartPageData, AppError> {
    let locale = support::locale(&lang);
    let (_, cart) = load_current_cart().await?;
    let handles: Vec<String> = cart.lines.iter().map(|l| l.handle.clone()).collect();
    let in_cart: Vec<i64> = dokkan_catalog::db::ids_by_handles(&support::state().pool, &handles)
        .await?
        .into_values()
        .collect();
    Ok(CartPageData {
        display: display(locale, &cart),
        texts: texts(locale),
        also: crate::server::recommend::cart_block(&in_cart).await?,
    })
}

/// The header's count: no query at all for a visitor without a cart.
#[server(endpoint = "cart/count")]
pub async fn header_cart(lang: String) -> Result<(u32, CartTexts), AppError> {
    let locale = support::locale(&lang);
    let count = match current_cart_id(false).await? {
        Some(id) => orders::cart_count(&support::state().pool, id).await?,
        None => 0,
    };
    Ok((count, texts(locale)))
}
