//! The fields and texts the account forms share, built on the server in the page's language.

use crate::{
    components::{Field, FieldKind},
    i18n::t,
    islands::FormTexts,
};
use dokkan_accounts::{Address, Governorate};
use dokkan_core::Locale;

pub fn texts(locale: Locale, submit_key: &str) -> FormTexts {
    FormTexts {
        submit: t(locale, submit_key),
        pending: t(locale, "form-pending"),
        saved: t(locale, "form-saved"),
        failed: t(locale, "error-request"),
    }
}

pub fn lang(locale: Locale) -> Field {
    Field::hidden("lang", locale.as_str())
}

pub fn email(locale: Locale) -> Field {
    Field::new("email", t(locale, "account-email"), FieldKind::Email)
        .required()
        .autocomplete("email")
}

pub fn name(locale: Locale, value: &str) -> Field {
    Field::new("name", t(locale, "account-name"), FieldKind::Text)
        .required()
        .autocomplete("name")
        .value(value)
}

pub fn phone(locale: Locale, name: &str, label_key: &str, value: &str) -> Field {
    Field::new(name, t(locale, label_key), FieldKind::Tel)
        .autocomplete("tel-national")
        .hint(t(locale, "account-phone-hint"))
        .value(value)
}

pub fn new_password(locale: Locale, name: &str, label_key: &str) -> Field {
    Field::new(name, t(locale, label_key), FieldKind::NewPassword)
        .required()
        .autocomplete("new-password")
        .hint(t(locale, "account-password-hint"))
}

pub fn preferred_locale(locale: Locale, value: Locale) -> Field {
    Field::new(
        "preferred_locale",
        t(locale, "account-preferred-language"),
        FieldKind::Select,
    )
    .value(value.as_str())
    .options(vec![
        ("ar".to_string(), t(locale, "language-name-ar")),
        ("en".to_string(), t(locale, "language-name-en")),
    ])
}

/// The address form's fields, filled from `address` when editing.
pub fn address(locale: Locale, address: Option<&Address>) -> Vec<Field> {
    let input = address.map(Address::to_input).unwrap_or_default();
    let text = |name: &str, key: &str, value: &str, autocomplete: &str| {
        Field::new(name, t(locale, key), FieldKind::Text)
            .value(value)
            .autocomplete(autocomplete)
    };
    let mut governorates: Vec<(String, String)> = Governorate::ALL
        .iter()
        .map(|g| (g.code().to_string(), g.name(locale).to_string()))
        .collect();
    governorates.insert(0, (String::new(), t(locale, "address-governorate-choose")));
    vec![
        text("recipient", "address-recipient", &input.recipient, "name").required(),
        phone(locale, "phone", "address-phone", &input.phone).required(),
        Field::new(
            "governorate",
            t(locale, "address-governorate"),
            FieldKind::Select,
        )
        .required()
        .value(input.governorate.clone())
        .options(governorates),
        text("city", "address-city", &input.city, "address-level2").required(),
        text("street", "address-street", &input.street, "address-line1").required(),
        text("building", "address-building", &input.building, "off").required(),
        text("floor", "address-floor", &input.floor, "off"),
        text("apartment", "address-apartment", &input.apartment, "off"),
        text("landmark", "address-landmark", &input.landmark, "off")
            .hint(t(locale, "address-landmark-hint")),
    ]
}
