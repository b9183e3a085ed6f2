//! `/{lang}/admin`: the door to the admin console (the console itself comes later). Staff
//! and admins only; a signed-in customer gets a localized 403, a visitor the sign-in page.

use crate::{
    components::{ErrorNotice, Layout, Seo},
    error::AppError,
    i18n::t,
    pages::{account::AccountFrame, NotFoundPage},
    request, route_locale,
    server::admin::admin_overview,
};
use dokkan_core::Locale;
use leptos::prelude::*;
use leptos_meta::Meta;

#[component]
pub fn AdminPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let Some(user) = crate::auth::current_user() else {
        return view! { <ForbiddenPage locale offer_sign_in=true/> }.into_any();
    };
    if !user.role.can_use_admin() {
        return view! { <ForbiddenPage locale offer_sign_in=false/> }.into_any();
    }
    // Started once, outside the Suspense (see `HomePage`).
    let overview = OnceResource::new(admin_overview());
    view! {
        <AccountFrame locale title_key="admin-title" class="admin-page">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match overview.await {
                        Err(AppError::Forbidden) => view! { <p>{t(locale, "forbidden-text")}</p> }.into_any(),
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(overview) => {
                            view! {
                                <p>{t(locale, "admin-coming")}</p>
                                <dl class="account-facts" data-testid="admin-overview">
                                    <dt>{t(locale, "admin-customers")}</dt>
                                    <dd>{overview.customers}</dd>
                                    <dt>{t(locale, "admin-staff")}</dt>
                                    <dd>{overview.staff}</dd>
                                    <dt>{t(locale, "admin-products")}</dt>
                                    <dd>{overview.products}</dd>
                                </dl>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </AccountFrame>
    }
    .into_any()
}

/// A localized 403 with status 403. A visitor who is not signed in is offered the sign-in
/// page, which brings staff back here.
#[component]
pub fn ForbiddenPage(locale: Locale, offer_sign_in: bool) -> impl IntoView {
    request::set_status(403);
    let sign_in = offer_sign_in.then(|| {
        view! {
            <a class="button" href=request::sign_in_path(locale, &format!("/{locale}/admin"))>
                {t(locale, "nav-sign-in")}
            </a>
            " "
        }
    });
    view! {
        <Seo locale title=t(locale, "forbidden-title") description=t(locale, "forbidden-text")/>
        <Meta name="robots" content="noindex"/>
        <Layout locale>
            <section class="notice" data-testid="forbidden">
                <h1>{t(locale, "forbidden-title")}</h1>
                <p>{t(locale, "forbidden-text")}</p>
                <p>
                    {sign_in}
                    <a class="button" href=format!("/{locale}/")>{t(locale, "not-found-home")}</a>
                </p>
            </section>
        </Layout>
    }
}
