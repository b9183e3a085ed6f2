//! `/{lang}/account`: the person's profile, password and a way to their addresses.

use super::{forms, signed_in_or_redirect, AccountFrame};
use crate::{
    components::{AccountForm, ErrorNotice, Field, FieldKind},
    i18n::t,
    islands::{PushButton, PushTexts},
    pages::NotFoundPage,
    request, route_locale,
    server::account::{get_profile, ChangePassword, UpdateProfile},
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AccountPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if signed_in_or_redirect(locale).is_none() {
        return ().into_any();
    }
    let notice = match request::query_param("saved").as_deref() {
        Some("profile") => Some(t(locale, "account-profile-saved")),
        Some("password") => Some(t(locale, "account-password-saved")),
        _ => request::query_param("welcome").map(|_| t(locale, "account-welcome")),
    };
    // Started once, outside the Suspense (see `HomePage`).
    let profile = OnceResource::new(get_profile());
    view! {
        <AccountFrame locale title_key="account-title">
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match profile.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(profile) => {
                            let verified = if profile.email_verified {
                                t(locale, "account-email-verified")
                            } else {
                                t(locale, "account-email-unverified")
                            };
                            let profile_fields = vec![
                                forms::lang(locale),
                                forms::name(locale, &profile.name),
                                forms::phone(
                                    locale,
                                    "phone",
                                    "account-phone-optional",
                                    profile.phone.as_deref().unwrap_or(""),
                                ),
                                forms::preferred_locale(locale, profile.locale),
                            ];
                            let password_fields = vec![
                                forms::lang(locale),
                                Field::new(
                                        "current_password",
                                        t(locale, "account-current-password"),
                                        FieldKind::Password,
                                    )
                                    .required()
                                    .autocomplete("current-password"),
                                forms::new_password(locale, "new_password", "account-new-password"),
                            ];
                            view! {
                                <dl class="account-facts">
                                    <dt>{t(locale, "account-email")}</dt>
                                    <dd dir="ltr" data-testid="account-email">{profile.email}</dd>
                                    <dt>{t(locale, "account-email-status")}</dt>
                                    <dd data-testid="email-status">{verified}</dd>
                                </dl>
                                <p>
                                    <a class="button" href=format!("/{locale}/account/addresses")>
                                        {t(locale, "account-addresses-link")}
                                    </a>
                                    " "
                                    <a class="button" href=format!("/{locale}/assistant") data-testid="account-conversations">
                                        {t(locale, "assistant-history")}
                                    </a>
                                </p>
                                // Web push for every order of the account, opt-in.
                                <PushButton
                                    texts=PushTexts::new(locale, "push-subscribe-account")
                                    locale=locale.as_str().to_string()
                                />
                                <super::taste::TasteSection locale/>
                                <section aria-labelledby="profile-heading">
                                    <h2 id="profile-heading">{t(locale, "account-profile-heading")}</h2>
                                    <AccountForm
                                        action=UpdateProfile::PATH.to_string()
                                        name="profile".to_string()
                                        fields=profile_fields
                                        texts=forms::texts(locale, "form-save")
                                        error=request::form_error_for(UpdateProfile::PATH, locale)
                                        notice=None
                                    />
                                </section>
                                <section aria-labelledby="password-heading">
                                    <h2 id="password-heading">{t(locale, "account-password-heading")}</h2>
                                    <p>{t(locale, "account-password-others-signed-out")}</p>
                                    <AccountForm
                                        action=ChangePassword::PATH.to_string()
                                        name="password".to_string()
                                        fields=password_fields
                                        texts=forms::texts(locale, "account-password-submit")
                                        error=request::form_error_for(ChangePassword::PATH, locale)
                                        notice=None
                                    />
                                </section>
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
