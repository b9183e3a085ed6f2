//! Checkout: what the one-page checkout shows, and placing the order. The server
//! re-prices everything from the database; the form carries no price. The page's
//! idempotency key makes a retried or double-clicked submit return the same order.

// The checkout form's server function takes one argument per field.
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::support::{self, FormCheck};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use crate::i18n::{t, t_with};
#[cfg(feature = "ssr")]
use dokkan_accounts::{Address, AddressInput, Email, PhoneNumber};
#[cfg(feature = "ssr")]
use dokkan_core::{Locale, Money};
#[cfg(feature = "ssr")]
use dokkan_orders::{
    db::{self as orders, CheckoutError, CheckoutInput, PlacedOrder},
    shipping::{ShippingMethod, ShippingOption},
    DiscountRejection, Totals,
};
use dokkan_orders::{shipping::ShippingOption as Rate, Cart};
use dokkan_payments::PaymentMethod;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Everything the checkout page needs, read in one call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckoutView {
    pub cart: Cart,
    /// A fresh key for this rendering of the page.
    pub idempotency_key: String,
    pub signed_in: bool,
    pub email: String,
    pub phone: String,
    pub addresses: Vec<dokkan_accounts::SavedAddress>,
    /// Every governorate's shipping options (code → options), for the live summary.
    pub rates: Vec<(String, Vec<Rate>)>,
    pub methods: Vec<PaymentMethod>,
    /// The code applied with `?code=`, and what it takes off (or why not, translated).
    pub discount: Option<(String, Result<dokkan_core::Money, String>)>,
}

#[server(endpoint = "checkout/data")]
pub async fn checkout_data(lang: String, code: Option<String>) -> Result<CheckoutView, AppError> {
    let locale = support::locale(&lang);
    let state = support::state();
    let (_, cart) = super::cart::load_current_cart().await?;
    if !cart.is_empty() {
        crate::shopper::record(dokkan_events::Kind::CheckoutStarted, |e| e);
    }
    let user = crate::auth::current_user();
    let (email, phone, addresses) = match &user {
        Some(user) => {
            let profile = dokkan_accounts::db::profile(&state.pool, user.user_id).await?;
            let addresses = dokkan_accounts::db::list_addresses(&state.pool, user.user_id).await?;
            match profile {
                Some(p) => (p.email, p.phone.unwrap_or_default(), addresses),
                None => (String::new(), String::new(), addresses),
            }
        }
        None => (String::new(), String::new(), Vec::new()),
    };
    let mut rates: Vec<(String, Vec<Rate>)> = Vec::new();
    for (governorate, option) in orders::all_shipping_options(&state.pool).await? {
        match rates.last_mut() {
            Some((last, options)) if *last == governorate => options.push(option),
            _ => rates.push((governorate, vec![option])),
        }
    }
    let mut methods = vec![PaymentMethod::CashOnDelivery];
    if state.commerce.card.is_some() {
        methods.push(PaymentMethod::Card);
    }
    let subtotal = cart_subtotal(&cart);
    let discount = match code.filter(|c| !c.trim().is_empty()) {
        None => None,
        Some(code) => {
            let outcome = orders::preview_discount(
                &state.pool,
                &code,
                subtotal,
                user.as_ref().map(|u| u.user_id),
                &email,
            )
            .await?;
            Some((
                code.trim().to_uppercase(),
                outcome.map_err(|rejection| rejection_text(locale, rejection)),
            ))
        }
    };
    Ok(CheckoutView {
        cart,
        idempotency_key: new_idempotency_key(),
        signed_in: user.is_some(),
        email,
        phone,
        addresses,
        rates,
        methods,
        discount,
    })
}

#[cfg(feature = "ssr")]
fn cart_subtotal(cart: &Cart) -> Money {
    Money::egp(
        cart.lines
            .iter()
            .filter_map(|l| l.total())
            .map(|m| m.minor())
            .sum(),
    )
}

/// 128 random bits, URL-safe.
#[cfg(feature = "ssr")]
fn new_idempotency_key() -> String {
    dokkan_accounts::token::new_secret()
}

#[cfg(feature = "ssr")]
pub fn rejection_text(locale: Locale, rejection: DiscountRejection) -> String {
    match rejection {
        DiscountRejection::BelowMinimum { minimum } => t_with(
            locale,
            rejection.fluent_key(),
            &[("minimum", &minimum.format(locale))],
        ),
        other => t(locale, other.fluent_key()),
    }
}

/// The shipping option a governorate gets for `method`.
#[cfg(feature = "ssr")]
pub fn option_for(
    rates: &[(String, Vec<ShippingOption>)],
    governorate: &str,
    method: ShippingMethod,
) -> Option<ShippingOption> {
    rates
        .iter()
        .find(|(code, _)| code == governorate)
        .and_then(|(_, options)| options.iter().find(|o| o.method == method).cloned())
}

/// The summary for a governorate and method (when known).
#[cfg(feature = "ssr")]
pub fn summary(
    cart: &Cart,
    discount: Option<Money>,
    option: Option<&ShippingOption>,
) -> Option<Totals> {
    let rate = option
        .map(|o| o.rate)
        .unwrap_or(dokkan_orders::ShippingRate {
            rate: Money::egp(0),
            free_over: None,
        });
    Totals::compute(&cart.priced_lines(), discount, &rate)
}

#[server(endpoint = "checkout/place")]
pub async fn place_order(
    lang: String,
    idempotency_key: String,
    cart_fingerprint: String,
    contact_email: String,
    contact_phone: String,
    address_id: Option<String>,
    recipient: Option<String>,
    phone: Option<String>,
    governorate: Option<String>,
    city: Option<String>,
    street: Option<String>,
    building: Option<String>,
    floor: Option<String>,
    apartment: Option<String>,
    landmark: Option<String>,
    shipping_method: String,
    payment_method: String,
    discount_code: Option<String>,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let state = support::state();
    let user = crate::auth::current_user();
    let mut check = FormCheck::new(locale)
        .keep("contact_email", &contact_email)
        .keep("contact_phone", &contact_phone);
    let email = check.check("contact_email", Email::parse(&contact_email));
    let contact = check.check("contact_phone", PhoneNumber::parse(&contact_phone));

    // A saved address (signed in) or the typed one.
    let saved = match (&user, address_id.as_deref().map(str::trim)) {
        (Some(user), Some(id)) if !id.is_empty() && id != "new" => {
            let id: i64 = id.parse().map_err(|_| AppError::not_found())?;
            match dokkan_accounts::db::get_address(&state.pool, user.user_id, id).await? {
                Some(saved) => Some(saved.address),
                None => return Err(AppError::not_found()),
            }
        }
        _ => None,
    };
    let address = match saved {
        Some(address) => Some(address),
        None => {
            let input = AddressInput {
                recipient: recipient.unwrap_or_default(),
                phone: phone.unwrap_or_default(),
                governorate: governorate.unwrap_or_default(),
                city: city.unwrap_or_default(),
                street: street.unwrap_or_default(),
                building: building.unwrap_or_default(),
                floor: floor.unwrap_or_default(),
                apartment: apartment.unwrap_or_default(),
                landmark: landmark.unwrap_or_default(),
            };
            for (field, value) in super::account::address_values(&input) {
                check = check.keep(field, value);
            }
            match Address::parse(&input) {
                Ok(address) => Some(address),
                Err(errors) => {
                    for (field, invalid) in errors {
                        check.invalid(field.as_str(), invalid.fluent_key());
                    }
                    None
                }
            }
        }
    };
    let shipping = ShippingMethod::parse(&shipping_method);
    if shipping.is_none() {
        check.invalid("shipping_method", "checkout-choose-shipping");
    }
    let payment = PaymentMethod::parse(&payment_method)
        .filter(|m| *m == PaymentMethod::CashOnDelivery || state.commerce.card.is_some());
    if payment.is_none() {
        check.invalid("payment_method", "checkout-choose-payment");
    }
    let key = idempotency_key.trim().to_string();
    if !(16..=64).contains(&key.len()) {
        return check.message("checkout-expired").reject();
    }
    let (Some(email), Some(contact), Some(address), Some(shipping), Some(payment)) =
        (email, contact, address, shipping, payment)
    else {
        return check.reject();
    };
    let Some(cart_id) = super::cart::current_cart_id(false).await? else {
        // No cart: a retry after the order was placed still finds it by its key.
        return finish_replay_or(locale, &key, check.message("checkout-cart-empty")).await;
    };
    let input = CheckoutInput {
        cart_id,
        user_id: user.as_ref().map(|u| u.user_id),
        email,
        phone: contact,
        address,
        shipping,
        payment,
        discount_code: discount_code.filter(|c| !c.trim().is_empty()),
        locale,
        idempotency_key: key,
        cart_fingerprint,
        payment_window_secs: state.commerce.payment_window_secs,
    };
    let signer = state.commerce.signer.clone();
    let public_url = state.public_url.clone();
    let placed = orders::place_order(&state.pool, &input, |number, totals| {
        (payment == PaymentMethod::CashOnDelivery).then(|| {
            super::orders::confirmation_mail(
                locale,
                input.email.as_str(),
                number,
                totals.total,
                &super::orders::order_link(&public_url, locale, number, &signer),
            )
        })
    })
    .await;
    match placed {
        Ok(placed) => {
            if !placed.replayed {
                record_purchase(placed.id).await;
            }
            after_placing(locale, placed).await
        }
        Err(error) => checkout_failed(locale, check, error),
    }
}

/// One `purchase` event per line of a new order (a retry's replay records nothing).
#[cfg(feature = "ssr")]
async fn record_purchase(order_id: i64) {
    match dokkan_orders::db::purchased_lines(&support::state().pool, order_id).await {
        Ok(lines) => {
            for (product_id, quantity, total) in lines {
                crate::shopper::record(dokkan_events::Kind::Purchase, |e| {
                    e.product(product_id)
                        .quantity(quantity)
                        .value(total)
                        .order(order_id)
                });
            }
        }
        Err(error) => tracing::warn!(?error, "purchase events not recorded"),
    }
}

/// A request that finds no cart may be a retry of an order already placed.
#[cfg(feature = "ssr")]
async fn finish_replay_or(locale: Locale, key: &str, check: FormCheck) -> Result<(), AppError> {
    let pool = support::state().pool;
    match dokkan_orders::db::order_number_for_key(&pool, key).await? {
        Some(number) => {
            let state = support::state();
            support::redirect(&super::orders::order_path(
                locale,
                &number,
                &state.commerce.signer,
            ));
            Ok(())
        }
        None => Err(check.into_error().with_kind(ErrorKind::Conflict)),
    }
}

#[cfg(feature = "ssr")]
fn checkout_failed(locale: Locale, check: FormCheck, error: CheckoutError) -> Result<(), AppError> {
    let conflict = |key: &str| {
        Err(FormCheck::new(locale)
            .message(key)
            .into_error()
            .with_kind(ErrorKind::Conflict))
    };
    match error {
        CheckoutError::EmptyCart => check.message("checkout-cart-empty").reject(),
        CheckoutError::CartChanged => conflict("checkout-cart-changed"),
        CheckoutError::SoldOut { name, .. } => Err(FormCheck::new(locale)
            .message_text(t_with(
                locale,
                "checkout-sold-out",
                &[("name", name.get(locale))],
            ))
            .into_error()
            .with_kind(ErrorKind::Conflict)),
        CheckoutError::Discount(rejection) => {
            let mut check = check;
            check.invalid_text("discount_code", rejection_text(locale, rejection));
            check.reject()
        }
        CheckoutError::NoShipping => {
            let mut check = check;
            check.invalid("shipping_method", "checkout-no-shipping");
            check.reject()
        }
        CheckoutError::KeyReused => conflict("checkout-key-reused"),
        CheckoutError::Orders(error) => Err(error.into()),
    }
}

/// Cash on delivery: to the order page. Card: to the provider's page.
#[cfg(feature = "ssr")]
async fn after_placing(locale: Locale, placed: PlacedOrder) -> Result<(), AppError> {
    let state = support::state();
    let signer = &state.commerce.signer;
    if placed.payment == PaymentMethod::Card
        && placed.status == dokkan_orders::OrderStatus::PendingPayment
    {
        if let Some(url) = super::orders::start_card_payment(locale, &placed.number).await? {
            support::redirect(&url);
            return Ok(());
        }
    }
    let path = super::orders::order_path(locale, &placed.number, signer);
    let join = if path.contains('?') { '&' } else { '?' };
    support::redirect(&format!("{path}{join}placed=1"));
    Ok(())
}
