//! Signing in, registering, and the two email links (verify, reset).

use super::{forms, AccountFrame};
use crate::{
    components::{AccountForm, Field, FieldKind},
    i18n::t,
    pages::NotFoundPage,
    request, route_locale,
    server::account::{verify_email, Register, RequestPasswordReset, ResetPassword, SignIn},
};
use leptos::{prelude::*, server_fn::ServerFn};

/// `/{lang}/account/sign-in?next=…`
#[component]
pub fn SignInPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if crate::auth::current_user().is_some() {
        request::redirect_to(&format!("/{locale}/account"));
    }
    let next = request::query_param("next").unwrap_or_default();
    let notice = request::query_param("reset").map(|_| t(locale, "account-reset-done"));
    let fields = vec![
        forms::lang(locale),
        Field::hidden("next", next),
        forms::email(locale),
        Field::new(
            "password",
            t(locale, "account-password"),
            FieldKind::Password,
        )
        .required()
        .autocomplete("current-password"),
    ];
    view! {
        <AccountFrame locale title_key="account-sign-in-title">
            <AccountForm
                action=SignIn::PATH
                name="sign-in"
                fields
                texts=forms::texts(locale, "account-sign-in-submit")
                error=request::form_error_for(SignIn::PATH, locale)
                notice
            />
            <p class="account-links">
                <a href=format!("/{locale}/account/forgot-password")>
                    {t(locale, "account-forgot-link")}
                </a>
                " · "
                <a href=format!("/{locale}/account/register")>{t(locale, "account-register-link")}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/account/register`
#[component]
pub fn RegisterPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if crate::auth::current_user().is_some() {
        request::redirect_to(&format!("/{locale}/account"));
    }
    let fields = vec![
        forms::lang(locale),
        forms::name(locale, ""),
        forms::email(locale),
        forms::new_password(locale, "password", "account-password"),
        forms::phone(locale, "phone", "account-phone-optional", ""),
        forms::preferred_locale(locale, locale),
    ];
    view! {
        <AccountFrame locale title_key="account-register-title">
            <AccountForm
                action=Register::PATH
                name="register".to_string()
                fields
                texts=forms::texts(locale, "account-register-submit")
                error=request::form_error_for(Register::PATH, locale)
                notice=None
            />
            <p class="account-links">
                <a href=format!("/{locale}/account/sign-in")>{t(locale, "account-sign-in-link")}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/account/forgot-password`: always the same answer, whether or not the email
/// has an account.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let notice = request::query_param("sent").map(|_| t(locale, "account-reset-sent"));
    view! {
        <AccountFrame locale title_key="account-forgot-title">
            <p>{t(locale, "account-forgot-text")}</p>
            <AccountForm
                action=RequestPasswordReset::PATH
                name="forgot-password".to_string()
                fields=vec![forms::lang(locale), forms::email(locale)]
                texts=forms::texts(locale, "account-forgot-submit")
                error=request::form_error_for(RequestPasswordReset::PATH, locale)
                notice
            />
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/account/reset-password?token=…`
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let token = request::query_param("token").unwrap_or_default();
    let fields = vec![
        forms::lang(locale),
        Field::hidden("token", token),
        forms::new_password(locale, "password", "account-new-password"),
    ];
    view! {
        <AccountFrame locale title_key="account-reset-title">
            <AccountForm
                action=ResetPassword::PATH
                name="reset-password".to_string()
                fields
                texts=forms::texts(locale, "account-reset-submit")
                error=request::form_error_for(ResetPassword::PATH, locale)
                notice=None
            />
            <p class="account-links">
                <a href=format!("/{locale}/account/forgot-password")>
                    {t(locale, "account-forgot-again")}
                </a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

/// `/{lang}/account/verify-email?token=…`: opening the mailed link verifies the address.
#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    let token = request::query_param("token").unwrap_or_default();
    // Using the link changes state, so it must run exactly once per request.
    let outcome = OnceResource::new(verify_email(token));
    view! {
        <AccountFrame locale title_key="account-verify-title">
            <Suspense fallback=|| ()>
                {
                    move || {
                        Suspend::new(async move {
                            let (key, testid) = match outcome.await {
                                Ok(true) => ("account-verify-done", "verify-done"),
                                Ok(false) => ("account-verify-invalid", "verify-invalid"),
                                Err(_) => ("error-internal", "verify-error"),
                            };
                            view! {
                                <p class="notice" role="status" data-testid=testid>{t(locale, key)}</p>
                                <p>
                                    <a class="button" href=format!("/{locale}/account")>
                                        {t(locale, "account-go-to-account")}
                                    </a>
                                </p>
                            }
                        })
                    }
                }
            </Suspense>
        </AccountFrame>
    }
    .into_any()
}
