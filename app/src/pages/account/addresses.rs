//! `/{lang}/account/addresses`: the address book, and its add/edit form.

use super::{forms, signed_in_or_redirect, AccountFrame};
use crate::{
    components::{AccountForm, ErrorNotice, Field, FieldKind},
    i18n::t,
    pages::NotFoundPage,
    request, route_locale,
    server::account::{
        get_address, list_addresses, DeleteAddress, SaveAddress, SavedAddress, SetDefaultAddress,
    },
};
use dokkan_core::Locale;
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn AddressesPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if signed_in_or_redirect(locale).is_none() {
        return ().into_any();
    }
    let notice = if request::query_param("saved").is_some() {
        Some(t(locale, "address-saved"))
    } else {
        request::query_param("deleted").map(|_| t(locale, "address-deleted"))
    };
    // Started once, outside the Suspense (see `HomePage`).
    let addresses = OnceResource::new(list_addresses());
    view! {
        <AccountFrame locale title_key="address-book-title">
            {notice.map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <p>
                <a class="button-primary" href=format!("/{locale}/account/addresses/new")>
                    {t(locale, "address-add")}
                </a>
            </p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match addresses.await {
                        Err(error) => view! { <ErrorNotice locale error/> }.into_any(),
                        Ok(addresses) if addresses.is_empty() => {
                            view! { <p data-testid="no-addresses">{t(locale, "address-none")}</p> }
                                .into_any()
                        }
                        Ok(addresses) => {
                            view! {
                                <ul class="address-list" role="list">
                                    {addresses
                                        .into_iter()
                                        .map(|saved| view! { <AddressCard locale saved/> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
            <p>
                <a href=format!("/{locale}/account")>{t(locale, "account-back")}</a>
            </p>
        </AccountFrame>
    }
    .into_any()
}

#[component]
fn AddressCard(locale: Locale, saved: SavedAddress) -> impl IntoView {
    let a = saved.address;
    let mut line = vec![
        a.street.clone(),
        format!("{} {}", t(locale, "address-building"), a.building),
    ];
    if let Some(floor) = &a.floor {
        line.push(format!("{} {floor}", t(locale, "address-floor")));
    }
    if let Some(apartment) = &a.apartment {
        line.push(format!("{} {apartment}", t(locale, "address-apartment")));
    }
    let separator = t(locale, "list-separator");
    let id = saved.id.to_string();
    view! {
        <li class="address-card" data-testid="address-card">
            <p class="address-recipient">
                <strong>{a.recipient.to_string()}</strong>
                {saved
                    .is_default
                    .then(|| view! { <span class="badge">{t(locale, "address-default")}</span> })}
            </p>
            <p>{line.join(&separator)}</p>
            <p>{format!("{}{separator}{}", a.city, a.governorate.name(locale))}</p>
            {a.landmark.clone().map(|landmark| view! { <p>{landmark}</p> })}
            <p dir="ltr" class="address-phone">{a.phone.as_str().to_string()}</p>
            <div class="address-actions">
                <a href=format!("/{locale}/account/addresses/{}/edit", saved.id)>
                    {t(locale, "address-edit")}
                </a>
                {(!saved.is_default)
                    .then(|| {
                        view! {
                            <form method="post" action=SetDefaultAddress::PATH>
                                <input type="hidden" name="lang" value=locale.as_str()/>
                                <input type="hidden" name="id" value=id.clone()/>
                                <button type="submit" class="button-link">
                                    {t(locale, "address-make-default")}
                                </button>
                            </form>
                        }
                    })}
                <form method="post" action=DeleteAddress::PATH>
                    <input type="hidden" name="lang" value=locale.as_str()/>
                    <input type="hidden" name="id" value=id/>
                    <button type="submit" class="button-link">{t(locale, "address-delete")}</button>
                </form>
            </div>
        </li>
    }
}

/// `/{lang}/account/addresses/new` and `/{lang}/account/addresses/{id}/edit`.
#[component]
pub fn AddressEditPage() -> impl IntoView {
    let Some(locale) = route_locale() else {
        return view! { <NotFoundPage/> }.into_any();
    };
    if signed_in_or_redirect(locale).is_none() {
        return ().into_any();
    }
    let params = leptos_router::hooks::use_params_map();
    let id = params.read_untracked().get("id");
    let title_key = if id.is_some() {
        "address-edit-title"
    } else {
        "address-add-title"
    };
    view! {
        <AccountFrame locale title_key>
            <Suspense fallback=|| ()>
                {
                    let id = id.clone();
                    move || {
                        let id = id.clone();
                        Suspend::new(async move {
                            let existing = match id.as_deref().map(str::parse::<i64>) {
                                None => None,
                                Some(Ok(id)) => match get_address(id).await {
                                    Ok(saved) => Some(saved),
                                    Err(_) => return view! { <NotFoundPage/> }.into_any(),
                                },
                                Some(Err(_)) => return view! { <NotFoundPage/> }.into_any(),
                            };
                            let mut fields = vec![
                                forms::lang(locale),
                                Field::hidden(
                                    "id",
                                    existing.as_ref().map(|s| s.id.to_string()).unwrap_or_default(),
                                ),
                            ];
                            fields.extend(forms::address(locale, existing.as_ref().map(|s| &s.address)));
                            if !existing.as_ref().is_some_and(|s| s.is_default) {
                                fields.push(Field::new(
                                    "make_default",
                                    t(locale, "address-make-default"),
                                    FieldKind::Checkbox,
                                ));
                            }
                            view! {
                                <AccountForm
                                    action=SaveAddress::PATH.to_string()
                                    name="address".to_string()
                                    fields
                                    texts=forms::texts(locale, "address-save")
                                    error=request::form_error_for(SaveAddress::PATH, locale)
                                    notice=None
                                />
                                <p>
                                    <a href=format!("/{locale}/account/addresses")>
                                        {t(locale, "address-back")}
                                    </a>
                                </p>
                            }
                                .into_any()
                        })
                    }
                }
            </Suspense>
        </AccountFrame>
    }
    .into_any()
}
