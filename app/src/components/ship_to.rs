//! An order's delivery address as lines of text, the same on the shopper's order page, the
//! admin's and the packing slip.

use crate::i18n::t;
use dokkan_accounts::Governorate;
use dokkan_core::Locale;
use dokkan_orders::view::ShipTo;
use leptos::prelude::*;

/// Street, building, floor, apartment on one line; city and governorate on the next.
pub fn ship_to_lines(locale: Locale, a: &ShipTo) -> (String, String) {
    let separator = t(locale, "list-separator");
    let mut street = vec![
        a.street.clone(),
        format!("{} {}", t(locale, "address-building"), a.building),
    ];
    if let Some(floor) = &a.floor {
        street.push(format!("{} {floor}", t(locale, "address-floor")));
    }
    if let Some(apartment) = &a.apartment {
        street.push(format!("{} {apartment}", t(locale, "address-apartment")));
    }
    let governorate = Governorate::from_code(&a.governorate)
        .map(|g| g.name(locale).to_string())
        .unwrap_or(a.governorate.clone());
    (
        street.join(&separator),
        format!("{}{separator}{governorate}", a.city),
    )
}

#[component]
pub fn ShipToView(locale: Locale, ship_to: ShipTo) -> impl IntoView {
    let (street, city) = ship_to_lines(locale, &ship_to);
    view! {
        <p><strong>{ship_to.recipient.clone()}</strong></p>
        <p>{street}</p>
        <p>{city}</p>
        {ship_to.landmark.clone().map(|l| view! { <p>{l}</p> })}
        <p dir="ltr" class="address-phone">{ship_to.phone.clone()}</p>
    }
}
