//! `/{lang}/checkout`: contact, address, shipping, payment and the summary on one page.
//! `?code=` applies a discount code (its form is a plain GET, so it works without JS).

use super::ShopFrame;
use crate::{
    components::{
        field_view, CheckoutSummary, ErrorNotice, Field, FieldKind, SummaryRate, SummaryTexts,
    },
    i18n::t,
    islands::{FormIsland, FormTexts},
    pages::{account::forms, NotFoundPage},
    request, route_locale,
    server::checkout::{checkout_data, CheckoutView, PlaceOrder},
};
use dokkan_core::{Locale, Money};
use dokkan_orders::{Quantity, ShippingRate, Totals};
use dokkan_payments::PaymentMethod;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let code = request::query_param("code");
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(checkout_data(locale.to_string(), code));
    view! {
        <ShopFrame locale title=t(locale, "checkout-title")>
            // Shown by /pwa.js while the device is offline.
            <p class="notice needs-connection" role="status" hidden data-needs-connection data-testid="needs-connection">
                {t(locale, "pwa-needs-connection")}
            </p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(data) if data.cart.is_empty() => view! {
                            <p data-testid="checkout-empty">{t(locale, "checkout-cart-empty")}</p>
                            <p><a href=format!("/{locale}/")>{t(locale, "cart-continue")}</a></p>
                        }
                            .into_any(),
                        Ok(data) => view! { <Checkout locale data/> }.into_any(),
                    }
                })}
            </Suspense>
        </ShopFrame>
    }
    .into_any()
}

#[component]
fn Checkout(locale: Locale, data: CheckoutView) -> impl IntoView {
    let form_id = "form-checkout";
    let error = request::form_error_for(PlaceOrder::PATH, locale).unwrap_or_default();
    let message = error.message.clone();

    let applied = data
        .discount
        .as_ref()
        .and_then(|(code, outcome)| outcome.as_ref().ok().map(|amount| (code.clone(), *amount)));
    let discount_error = data
        .discount
        .as_ref()
        .and_then(|(_, outcome)| outcome.as_ref().err().cloned())
        .or_else(|| error.field("discount_code").map(str::to_string));

    let default_address = data.addresses.first();
    let initial_governorate = default_address
        .map(|a| a.address.governorate.code().to_string())
        .unwrap_or_default();
    let has_saved = !data.addresses.is_empty();

    let contact = vec![
        Field::new(
            "contact_email",
            t(locale, "account-email"),
            FieldKind::Email,
        )
        .required()
        .autocomplete("email")
        .value(&data.email),
        Field::new("contact_phone", t(locale, "checkout-phone"), FieldKind::Tel)
            .required()
            .autocomplete("tel-national")
            .hint(t(locale, "account-phone-hint"))
            .value(&data.phone),
    ];
    let mut address_choice = Vec::new();
    if has_saved {
        let mut options: Vec<(String, String)> = data
            .addresses
            .iter()
            .map(|saved| {
                let a = &saved.address;
                (
                    saved.id.to_string(),
                    format!(
                        "{} — {}, {}, {}",
                        a.recipient.as_str(),
                        a.street,
                        a.city,
                        a.governorate.name(locale)
                    ),
                )
            })
            .collect();
        options.push(("new".to_string(), t(locale, "checkout-new-address")));
        address_choice.push(
            Field::new(
                "address_id",
                t(locale, "checkout-saved-address"),
                FieldKind::Radio,
            )
            .value(
                default_address
                    .map(|a| a.id.to_string())
                    .unwrap_or_default(),
            )
            .options(options),
        );
    }
    // With a saved address chosen, the new-address fields are optional to the browser;
    // the server decides which one is used.
    let new_address: Vec<Field> = forms::address(locale, None)
        .into_iter()
        .map(|f| {
            if has_saved {
                Field {
                    required: false,
                    ..f
                }
            } else {
                f
            }
        })
        .collect();
    let shipping = Field::new(
        "shipping_method",
        t(locale, "checkout-shipping"),
        FieldKind::Radio,
    )
    .required()
    .value("standard")
    .options(vec![
        ("standard".to_string(), t(locale, "shipping-standard")),
        ("express".to_string(), t(locale, "shipping-express")),
    ])
    .hint(t(locale, "checkout-express-hint"));
    let payment = Field::new(
        "payment_method",
        t(locale, "checkout-payment"),
        FieldKind::Radio,
    )
    .required()
    .value(PaymentMethod::CashOnDelivery.as_str())
    .options(
        data.methods
            .iter()
            .map(|m| (m.as_str().to_string(), t(locale, m.fluent_key())))
            .collect(),
    );

    let addresses: Vec<(String, String)> = data
        .addresses
        .iter()
        .map(|a| (a.id.to_string(), a.address.governorate.code().to_string()))
        .collect();
    let subtotal = Money::egp(
        data.cart
            .lines
            .iter()
            .filter_map(|l| l.total())
            .map(|m| m.minor())
            .sum(),
    );
    let applied_amount = applied.as_ref().map(|(_, amount)| *amount);
    // The summary's shipping and total for every governorate and method, by the rules the
    // order is placed with; the island only picks the line the form's choice names.
    let totals = |rate: &ShippingRate| {
        let one = Quantity::new(1).ok()?;
        Totals::compute(&[(subtotal, one)], applied_amount, rate)
    };
    let rates: Vec<SummaryRate> = data
        .rates
        .iter()
        .flat_map(|(governorate, options)| {
            options.iter().filter_map(move |o| {
                let totals = totals(&o.rate)?;
                Some(SummaryRate {
                    governorate: governorate.clone(),
                    method: o.method.as_str().to_string(),
                    shipping: if totals.shipping.minor() == 0 {
                        t(locale, "checkout-free-shipping")
                    } else {
                        totals.shipping.format(locale)
                    },
                    total: totals.total.format(locale),
                })
            })
        })
        .collect();
    let no_shipping = ShippingRate {
        rate: Money::new(0, subtotal.currency()),
        free_over: None,
    };
    let before_shipping = totals(&no_shipping)
        .map(|t| t.total.format(locale))
        .unwrap_or_default();
    let texts = FormTexts {
        submit: t(locale, "checkout-place-order"),
        pending: t(locale, "checkout-placing"),
        saved: t(locale, "form-saved"),
        failed: t(locale, "error-request"),
    };
    let fields = |fields: Vec<Field>| {
        fields
            .into_iter()
            .map(|f| field_view(form_id, f, &error))
            .collect::<Vec<_>>()
    };
    let contact = fields(contact);
    let address_choice = fields(address_choice);
    let new_address = fields(new_address);
    let shipping = fields(vec![shipping]);
    let payment = fields(vec![payment]);
    let applied_code = applied.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
    let discount_message = discount_error.clone().or_else(|| {
        applied.as_ref().map(|(code, _)| {
            crate::i18n::t_with(locale, "checkout-discount-applied", &[("code", code)])
        })
    });
    let typed_code = data
        .discount
        .as_ref()
        .map(|(c, _)| c.clone())
        .unwrap_or_default();
    let lines = data.cart.lines.clone();
    let summary_open = discount_message.is_some();
    // The summary comes first: on a phone the total is read before the form and its
    // "place order" button; on wide screens the stylesheet puts it in the side column.
    view! {
        <div class="checkout">
            <aside class="checkout-aside" aria-labelledby="summary-heading">
                <CheckoutSummary
                    subtotal=subtotal.format(locale)
                    discount=applied_amount.map(|d| format!("−{}", d.format(locale)))
                    before_shipping
                    rates
                    addresses
                    governorate=initial_governorate
                    method="standard".to_string()
                    open=summary_open
                    texts=SummaryTexts {
                        title: t(locale, "checkout-summary"),
                        subtotal: t(locale, "cart-subtotal"),
                        discount: t(locale, "checkout-discount"),
                        shipping: t(locale, "checkout-shipping-cost"),
                        total: t(locale, "checkout-total"),
                        choose: t(locale, "checkout-choose-governorate"),
                        unavailable: t(locale, "checkout-no-shipping"),
                    }
                >
                    <ul class="checkout-lines" role="list">
                        {lines.into_iter().map(|line| view! {
                            <li>
                                <span>{format!("{} × {}", line.name.get(locale), locale.digits(&line.quantity.get().to_string()))}</span>
                                {(!line.options.get(locale).is_empty()).then(|| view! {
                                    <span class="cart-line-options">{line.options.get(locale).to_string()}</span>
                                })}
                                <span>{line.total().map(|m| m.format(locale)).unwrap_or_default()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <form method="get" class="discount-form" action=format!("/{locale}/checkout")>
                        <label for="discount-code">{t(locale, "checkout-discount-code")}</label>
                        <div class="discount-row">
                            <input
                                id="discount-code"
                                name="code"
                                type="text"
                                autocomplete="off"
                                value=typed_code
                                aria-describedby="discount-code-message"
                                aria-invalid=discount_error.is_some().then_some("true")
                            />
                            <button type="submit" class="button-secondary">{t(locale, "checkout-apply")}</button>
                        </div>
                        <p id="discount-code-message" class=if discount_error.is_some() { "field-error" } else { "field-hint" } data-testid="discount-message">
                            {discount_message}
                        </p>
                    </form>
                </CheckoutSummary>
            </aside>
            <div class="checkout-main">
                <FormIsland
                    action=PlaceOrder::PATH.to_string()
                    name="checkout".to_string()
                    texts
                    message
                    notice=None
                >
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="idempotency_key" value=data.idempotency_key.clone()/>
                    <input type="hidden" name="cart_fingerprint" value=data.cart.fingerprint()/>
                    <input type="hidden" name="discount_code" value=applied_code/>
                    <fieldset class="checkout-section">
                        <legend>{t(locale, "checkout-contact")}</legend>
                        {contact}
                    </fieldset>
                    <fieldset class="checkout-section">
                        <legend>{t(locale, "checkout-address")}</legend>
                        {address_choice}
                        <div class="checkout-new-address">
                            {new_address}
                        </div>
                    </fieldset>
                    <div class="checkout-section">{shipping}</div>
                    <div class="checkout-section">{payment}</div>
                </FormIsland>
            </div>
        </div>
    }
}
