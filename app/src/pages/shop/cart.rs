//! `/{lang}/cart`.

use super::ShopFrame;
use crate::{
    components::{CartPanelView, ErrorNotice, ProductGrid},
    i18n::t,
    islands::CartPage as CartIsland,
    pages::NotFoundPage,
    route_locale,
    server::cart::{cart_page, CartPageData},
};
use leptos::prelude::*;

#[component]
pub fn CartPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    // Started once, outside the Suspense (see `HomePage`).
    let data = OnceResource::new(cart_page(locale.to_string()));
    view! {
        <ShopFrame locale title=t(locale, "cart-title")>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(CartPageData { display, texts, also }) => {
                            view! {
                                <CartIsland failed=texts.failed.clone()>
                                    <CartPanelView cart=display texts in_drawer=false/>
                                </CartIsland>
                                {(!also.cards.is_empty()).then(|| view! {
                                    <section aria-labelledby="also-heading" class="recommendations" data-testid="also-like">
                                        <h2 id="also-heading">{t(locale, "recommend-also")}</h2>
                                        <ProductGrid locale products=also.cards from=also.from/>
                                    </section>
                                })}
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
            <p><a href=format!("/{locale}/")>{t(locale, "cart-continue")}</a></p>
        </ShopFrame>
    }
    .into_any()
}
