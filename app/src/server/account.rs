//! Accounts: register, sign in and out, email links, profile, password, address book.
//! Every function authorizes itself; a person's rows are always looked up by their own id.

// A form's server function takes one argument per field (the address form has eleven).
#![allow(clippy::too_many_arguments)]

#[cfg(feature = "ssr")]
use super::support::{self, blocking, FormCheck};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use dokkan_accounts::{
    db::{self, LinkPurpose},
    Address, AddressInput, Email, Password, PersonName, PhoneNumber,
};
pub use dokkan_accounts::{Profile, SavedAddress};
#[cfg(feature = "ssr")]
use dokkan_core::Locale;
use leptos::prelude::*;

/// An optional phone: empty means none.
#[cfg(feature = "ssr")]
fn optional_phone(text: &str) -> Result<Option<PhoneNumber>, dokkan_accounts::Invalid> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        PhoneNumber::parse(text).map(Some)
    }
}

/// A mail in the person's language with a one-time link, queued in `conn`'s transaction.
#[cfg(feature = "ssr")]
async fn queue_link_mail(
    conn: &mut sqlx::PgConnection,
    locale: Locale,
    kind: &str,
    to: &Email,
    name: &str,
    link: String,
) -> Result<(), AppError> {
    let letter = match kind {
        "password-reset" => dokkan_mail::Letter::PasswordReset { name, link: &link },
        _ => dokkan_mail::Letter::VerifyEmail { name, link: &link },
    };
    dokkan_mail::enqueue(conn, &letter.compose(locale, to.as_str())).await?;
    Ok(())
}

#[cfg(feature = "ssr")]
fn link(locale: Locale, page: &str, secret: &str) -> String {
    format!(
        "{}/{locale}/account/{page}?token={secret}",
        support::state().public_url
    )
}

/// Starts a session in `conn`'s transaction and sets both cookies.
#[cfg(feature = "ssr")]
async fn start_session(
    conn: &mut sqlx::PgConnection,
    user_id: i64,
    name: String,
    role: dokkan_accounts::Role,
    locale: Locale,
) -> Result<(), AppError> {
    let auth = support::state().auth;
    let (session_id, refresh) = db::create_session(conn, user_id, &auth.lifetimes).await?;
    let user = crate::auth::CurrentUser {
        user_id,
        session_id,
        name,
        role,
        locale,
    };
    let access = auth.access_token(&user)?;
    support::set_cookie(&auth.access_cookie(&access));
    support::set_cookie(&auth.refresh_cookie(&refresh));
    Ok(())
}

#[server(endpoint = "account/register")]
pub async fn register(
    lang: String,
    name: String,
    email: String,
    password: String,
    phone: String,
    preferred_locale: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let mut check = FormCheck::new(locale)
        .keep("name", &name)
        .keep("email", &email)
        .keep("phone", &phone)
        .keep("preferred_locale", &preferred_locale);
    let name = check.check("name", PersonName::parse(&name));
    let email = check.check("email", Email::parse(&email));
    let password = check.check("password", Password::new(&password));
    let phone = check.check("phone", optional_phone(&phone));
    let preferred = Locale::from_url_segment(&preferred_locale).unwrap_or(locale);
    let (Some(name), Some(email), Some(password), Some(phone)) = (name, email, password, phone)
    else {
        return check.reject();
    };
    let hash = blocking(move || password.hash()).await??;
    let pool = support::state().pool;
    let mut tx = pool.begin().await?;
    let new_user = db::NewUser {
        email: &email,
        password_hash: &hash,
        name: &name,
        phone: phone.as_ref(),
        locale: preferred,
    };
    let Some(user_id) = db::create_user(&mut tx, &new_user).await? else {
        check.invalid("email", "account-email-taken");
        return check.reject();
    };
    let auth = support::state().auth;
    let secret =
        db::create_link(&mut tx, user_id, LinkPurpose::VerifyEmail, &auth.lifetimes).await?;
    let verify = link(preferred, "verify-email", &secret);
    queue_link_mail(
        &mut tx,
        preferred,
        "verify-email",
        &email,
        name.as_str(),
        verify,
    )
    .await?;
    start_session(
        &mut tx,
        user_id,
        name.as_str().to_string(),
        dokkan_accounts::Role::Customer,
        preferred,
    )
    .await?;
    tx.commit().await?;
    super::cart::merge_guest_cart_into(user_id).await?;
    crate::shopper::join_account(user_id).await;
    tracing::info!(user_id, "account registered");
    support::redirect(&format!("/{locale}/account?welcome=1"));
    Ok(())
}

#[server(endpoint = "account/sign-in")]
pub async fn sign_in(
    lang: String,
    email: String,
    password: String,
    next: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let state = support::state();
    let check = FormCheck::new(locale).keep("email", &email);
    // The throttle key; capped so a huge "email" cannot bloat the failures table.
    let attempted: String = email.trim().to_lowercase().chars().take(254).collect();
    let ip = support::client_ip();
    if db::sign_in_throttled(&state.pool, &attempted, ip.as_deref(), &state.auth.throttle).await? {
        tracing::warn!("sign-in refused: too many failed attempts");
        return Err(check
            .message("account-too-many-attempts")
            .into_error()
            .with_kind(ErrorKind::TooManyRequests {
                retry_after_secs: state.auth.throttle.window_secs.unsigned_abs(),
            }));
    }
    // A malformed email or an empty password is still "wrong email or password": the
    // answer must not tell which accounts exist.
    let parsed = Email::parse(&email)
        .ok()
        .zip(Password::candidate(&password).ok());
    let record = match &parsed {
        Some((email, _)) => db::user_for_sign_in(&state.pool, email).await?,
        None => None,
    };
    let verified = match (parsed, record) {
        (Some((_, password)), Some(record)) if !record.disabled => {
            let hash = record.password_hash.clone();
            blocking(move || password.verify(&hash))
                .await?
                .then_some(record)
        }
        (Some((_, password)), _) => {
            // Same work as a real check, so unknown emails answer in the same time.
            blocking(move || password.burn_verify_time()).await?;
            None
        }
        (None, _) => {
            blocking(|| {
                if let Ok(p) = Password::candidate("timing-equalizer") {
                    p.burn_verify_time()
                }
            })
            .await?;
            None
        }
    };
    let Some(record) = verified else {
        db::record_sign_in_failure(&state.pool, &attempted, ip.as_deref()).await?;
        return Err(check
            .message("account-sign-in-failed")
            .into_error()
            .with_kind(ErrorKind::Unauthorized));
    };
    db::clear_sign_in_failures(&state.pool, &attempted).await?;
    let mut tx = state.pool.begin().await?;
    start_session(
        &mut tx,
        record.user_id,
        record.name,
        record.role,
        record.locale,
    )
    .await?;
    tx.commit().await?;
    super::cart::merge_guest_cart_into(record.user_id).await?;
    crate::shopper::join_account(record.user_id).await;
    tracing::info!(user_id = record.user_id, "signed in");
    support::redirect(&support::safe_next(&next, locale));
    Ok(())
}

#[server(endpoint = "account/sign-out")]
pub async fn sign_out(lang: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let state = support::state();
    if let Some(user) = crate::auth::current_user() {
        let mut conn = state.pool.acquire().await?;
        db::revoke_session(&mut conn, user.session_id, "sign-out").await?;
    }
    for cookie in state.auth.clear_cookies() {
        support::set_cookie(&cookie);
    }
    support::redirect(&format!("/{locale}/"));
    Ok(())
}

/// Uses a verification link. `Ok(false)` for an unknown, used or expired link.
#[server(endpoint = "account/verify-email")]
pub async fn verify_email(token: String) -> Result<bool, AppError> {
    let pool = support::state().pool;
    let mut tx = pool.begin().await?;
    let Some(user_id) = db::consume_link(&mut tx, &token, LinkPurpose::VerifyEmail).await? else {
        return Ok(false);
    };
    db::mark_email_verified(&mut tx, user_id).await?;
    tx.commit().await?;
    Ok(true)
}

/// Always answers the same way, at once: whether the email has an account is nobody's
/// business, and the mail is queued in the background so timing does not tell either.
#[server(endpoint = "account/forgot-password")]
pub async fn request_password_reset(lang: String, email: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let mut check = FormCheck::new(locale).keep("email", &email);
    let Some(email) = check.check("email", Email::parse(&email)) else {
        return check.reject();
    };
    let state = support::state();
    tokio::spawn(async move {
        if let Err(error) = queue_reset(&state, &email).await {
            tracing::error!(?error, "queueing a password reset failed");
        }
    });
    support::redirect(&format!("/{locale}/account/forgot-password?sent=1"));
    Ok(())
}

/// How many password-reset mails one address may receive within an hour.
#[cfg(feature = "ssr")]
pub const PASSWORD_RESETS_PER_HOUR: i64 = 3;

#[cfg(feature = "ssr")]
async fn queue_reset(state: &crate::state::AppState, email: &Email) -> Result<(), AppError> {
    let Some((user_id, name, locale)) = db::user_id_by_email(&state.pool, email).await? else {
        return Ok(());
    };
    let mut tx = state.pool.begin().await?;
    // At most PASSWORD_RESETS_PER_HOUR reset mails to one address, counted in the outbox
    // under the account's row lock (two requests at once cannot both slip under it), so
    // nobody can flood a victim's inbox. The asker still gets the same answer.
    if !db::lock_user(&mut tx, user_id).await? {
        return Ok(());
    }
    let recent = dokkan_mail::recent_count(
        &mut tx,
        "password-reset",
        email.as_str(),
        std::time::Duration::from_secs(3600),
    )
    .await?;
    if recent >= PASSWORD_RESETS_PER_HOUR {
        tracing::warn!(
            user_id,
            recent,
            "password reset refused: too many this hour"
        );
        return Ok(());
    }
    let secret = db::create_link(
        &mut tx,
        user_id,
        LinkPurpose::PasswordReset,
        &state.auth.lifetimes,
    )
    .await?;
    let reset = format!(
        "{}/{locale}/account/reset-password?token={secret}",
        state.public_url
    );
    queue_link_mail(&mut tx, locale, "password-reset", email, &name, reset).await?;
    tx.commit().await?;
    Ok(())
}

#[server(endpoint = "account/reset-password")]
pub async fn reset_password(lang: String, token: String, password: String) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let mut check = FormCheck::new(locale);
    let Some(password) = check.check("password", Password::new(&password)) else {
        return check.reject();
    };
    let hash = blocking(move || password.hash()).await??;
    let pool = support::state().pool;
    let mut tx = pool.begin().await?;
    let Some(user_id) = db::consume_link(&mut tx, &token, LinkPurpose::PasswordReset).await? else {
        return Err(check
            .message("account-reset-link-invalid")
            .into_error()
            .with_kind(ErrorKind::Gone));
    };
    db::set_password(&mut tx, user_id, &hash).await?;
    // Whoever knew the old password is signed out everywhere.
    db::revoke_all_sessions(&mut tx, user_id, "password-reset").await?;
    // Following the link proved the mailbox is theirs.
    db::mark_email_verified(&mut tx, user_id).await?;
    tx.commit().await?;
    // Whoever reset the password owns the mailbox: lift a lockout their attacker caused.
    if let Some(profile) = db::profile(&pool, user_id).await? {
        db::clear_sign_in_failures(&pool, &profile.email).await?;
    }
    tracing::info!(user_id, "password reset");
    support::redirect(&format!("/{locale}/account/sign-in?reset=1"));
    Ok(())
}

#[server(endpoint = "account/profile")]
pub async fn get_profile() -> Result<Profile, AppError> {
    let user = support::signed_in()?;
    db::profile(&support::state().pool, user.user_id)
        .await?
        .ok_or_else(AppError::unauthorized)
}

#[server(endpoint = "account/update-profile")]
pub async fn update_profile(
    lang: String,
    name: String,
    phone: String,
    preferred_locale: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let mut user = support::signed_in()?;
    let mut check = FormCheck::new(locale)
        .keep("name", &name)
        .keep("phone", &phone)
        .keep("preferred_locale", &preferred_locale);
    let name = check.check("name", PersonName::parse(&name));
    let phone = check.check("phone", optional_phone(&phone));
    let preferred = Locale::from_url_segment(&preferred_locale).unwrap_or(user.locale);
    let (Some(name), Some(phone)) = (name, phone) else {
        return check.reject();
    };
    let state = support::state();
    db::update_profile(&state.pool, user.user_id, &name, phone.as_ref(), preferred).await?;
    // The header shows the name from the access token: issue one with the new name.
    user.name = name.as_str().to_string();
    user.locale = preferred;
    support::set_cookie(&state.auth.access_cookie(&state.auth.access_token(&user)?));
    if support::is_plain_form() {
        support::redirect(&format!("/{locale}/account?saved=profile"));
    }
    Ok(())
}

#[server(endpoint = "account/change-password")]
pub async fn change_password(
    lang: String,
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let user = support::signed_in()?;
    let state = support::state();
    let mut check = FormCheck::new(locale);
    // Guessing the current password here counts against the same limit as sign-in, or a
    // borrowed session could be used to find it out.
    let email = db::profile(&state.pool, user.user_id)
        .await?
        .ok_or_else(AppError::unauthorized)?
        .email;
    let ip = support::client_ip();
    if db::sign_in_throttled(&state.pool, &email, ip.as_deref(), &state.auth.throttle).await? {
        return Err(check
            .message("account-too-many-attempts")
            .into_error()
            .with_kind(ErrorKind::TooManyRequests {
                retry_after_secs: state.auth.throttle.window_secs.unsigned_abs(),
            }));
    }
    let new_password = check.check("new_password", Password::new(&new_password));
    let current = Password::candidate(&current_password).ok();
    let stored = db::password_hash(&state.pool, user.user_id)
        .await?
        .ok_or_else(AppError::unauthorized)?;
    let current_ok = match current {
        Some(current) => blocking(move || current.verify(&stored)).await?,
        None => false,
    };
    if !current_ok {
        db::record_sign_in_failure(&state.pool, &email, ip.as_deref()).await?;
        check.invalid("current_password", "account-current-password-wrong");
    }
    let Some(new_password) = new_password.filter(|_| current_ok) else {
        return check.reject();
    };
    let hash = blocking(move || new_password.hash()).await??;
    let mut tx = state.pool.begin().await?;
    db::set_password(&mut tx, user.user_id, &hash).await?;
    let others =
        db::revoke_other_sessions(&mut tx, user.user_id, user.session_id, "password-changed")
            .await?;
    tx.commit().await?;
    tracing::info!(user_id = user.user_id, others, "password changed");
    if support::is_plain_form() {
        support::redirect(&format!("/{locale}/account?saved=password"));
    }
    Ok(())
}

#[server(endpoint = "account/addresses")]
pub async fn list_addresses() -> Result<Vec<SavedAddress>, AppError> {
    let user = support::signed_in()?;
    Ok(db::list_addresses(&support::state().pool, user.user_id).await?)
}

/// One of the signed-in person's addresses; someone else's id is "not found".
#[server(endpoint = "account/address")]
pub async fn get_address(id: i64) -> Result<SavedAddress, AppError> {
    let user = support::signed_in()?;
    match db::get_address(&support::state().pool, user.user_id, id).await? {
        Some(address) => Ok(address),
        None => Err(AppError::not_found()),
    }
}

/// Adds (empty `id`) or edits an address.
#[server(endpoint = "account/save-address")]
pub async fn save_address(
    lang: String,
    id: String,
    recipient: String,
    phone: String,
    governorate: String,
    city: String,
    street: String,
    building: String,
    floor: String,
    apartment: String,
    landmark: String,
    make_default: Option<String>,
) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let user = support::signed_in()?;
    let input = AddressInput {
        recipient,
        phone,
        governorate,
        city,
        street,
        building,
        floor,
        apartment,
        landmark,
    };
    let mut check = FormCheck::new(locale);
    for (field, value) in address_values(&input) {
        check = check.keep(field, value);
    }
    let address = match Address::parse(&input) {
        Ok(address) => address,
        Err(errors) => {
            for (field, invalid) in errors {
                check.invalid(field.as_str(), invalid.fluent_key());
            }
            return check.reject();
        }
    };
    let pool = support::state().pool;
    let make_default = make_default.is_some_and(|v| !v.is_empty());
    if id.trim().is_empty() {
        if db::add_address(&pool, user.user_id, &address, make_default)
            .await?
            .is_none()
        {
            return Err(check.message("account-address-book-full").into_error());
        }
    } else {
        let id: i64 = id.trim().parse().map_err(|_| AppError::not_found())?;
        if !db::update_address(&pool, user.user_id, id, &address).await? {
            return Err(AppError::not_found());
        }
        if make_default {
            db::set_default_address(&pool, user.user_id, id).await?;
        }
    }
    support::redirect(&format!("/{locale}/account/addresses?saved=1"));
    Ok(())
}

/// An address form's fields by name, to put back into the form after an error.
#[cfg(feature = "ssr")]
pub(crate) fn address_values(input: &AddressInput) -> [(&'static str, &str); 9] {
    [
        ("recipient", &input.recipient),
        ("phone", &input.phone),
        ("governorate", &input.governorate),
        ("city", &input.city),
        ("street", &input.street),
        ("building", &input.building),
        ("floor", &input.floor),
        ("apartment", &input.apartment),
        ("landmark", &input.landmark),
    ]
}

#[server(endpoint = "account/delete-address")]
pub async fn delete_address(lang: String, id: i64) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let user = support::signed_in()?;
    if !db::delete_address(&support::state().pool, user.user_id, id).await? {
        return Err(AppError::not_found());
    }
    support::redirect(&format!("/{locale}/account/addresses?deleted=1"));
    Ok(())
}

#[server(endpoint = "account/default-address")]
pub async fn set_default_address(lang: String, id: i64) -> Result<(), AppError> {
    let locale = support::locale(&lang);
    let user = support::signed_in()?;
    if !db::set_default_address(&support::state().pool, user.user_id, id).await? {
        return Err(AppError::not_found());
    }
    support::redirect(&format!("/{locale}/account/addresses"));
    Ok(())
}
