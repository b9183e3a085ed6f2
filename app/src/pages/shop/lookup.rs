//! `/{lang}/order-lookup`: a guest finds their order by its number and the email or phone
//! they gave at checkout.

use super::ShopFrame;
use crate::{
    components::{AccountForm, Field, FieldKind},
    i18n::t,
    pages::{account::forms, NotFoundPage},
    request, route_locale,
    server::orders::LookupOrder,
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn OrderLookupPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let fields = vec![
        forms::lang(locale),
        Field::new("number", t(locale, "order-lookup-number"), FieldKind::Text)
            .required()
            .hint(t(locale, "order-lookup-number-hint")),
        Field::new(
            "contact",
            t(locale, "order-lookup-contact"),
            FieldKind::Text,
        )
        .required()
        .autocomplete("email"),
    ];
    view! {
        <ShopFrame locale title=t(locale, "order-lookup-title")>
            <AccountForm
                action=LookupOrder::PATH.to_string()
                name="order-lookup".to_string()
                fields
                texts=forms::texts(locale, "order-lookup-submit")
                error=request::form_error_for(LookupOrder::PATH, locale)
                notice=None
            />
        </ShopFrame>
    }
    .into_any()
}
