//! Buying: the cart, checkout, the order page and the guest order lookup.

mod cart;
mod checkout;
mod lookup;
pub(crate) mod order;

pub use cart::CartPage;
pub use checkout::CheckoutPage;
pub use lookup::OrderLookupPage;
pub(crate) use order::timeline_text;
pub use order::OrderPage;

use crate::components::{Layout, Seo};
use crate::i18n::t;
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos_meta::Meta;

/// Title, `noindex` (carts and orders are private) and the site chrome.
#[component]
pub(crate) fn ShopFrame(locale: Locale, title: String, children: Children) -> impl IntoView {
    view! {
        <Seo locale title=title.clone() description=t(locale, "shop-description")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="shop-page">
                <h1>{title}</h1>
                {children()}
            </section>
        </Layout>
    }
}
