//! Every accounts query. Functions that touch a person's data take the person's id and
//! filter by it in SQL, so a guessed row id never reaches another person's row.

pub use crate::records::{Profile, SavedAddress};
use crate::{
    session::{refresh_decision, CurrentUser, RefreshDecision, StoredRefresh},
    token::{new_key_material, new_secret, secret_hash, Lifetimes},
    AccountsError, Address, Email, Governorate, PasswordHash, PersonName, PhoneNumber, Role,
};
use dokkan_core::Locale;
use sqlx::{PgConnection, PgPool, Postgres, Row as _, Transaction};

type Result<T> = std::result::Result<T, AccountsError>;

fn corrupt(what: &str) -> AccountsError {
    AccountsError::Corrupt(what.to_string())
}

fn role(text: &str) -> Result<Role> {
    Role::parse(text).ok_or_else(|| corrupt("users.role"))
}

fn locale(text: &str) -> Result<Locale> {
    Locale::from_url_segment(text).ok_or_else(|| corrupt("users.locale"))
}

// ---- users -------------------------------------------------------------------------------

pub struct NewUser<'a> {
    pub email: &'a Email,
    pub password_hash: &'a PasswordHash,
    pub name: &'a PersonName,
    pub phone: Option<&'a PhoneNumber>,
    pub locale: Locale,
}

/// `Ok(None)` when the email already has an account.
pub async fn create_user(conn: &mut PgConnection, user: &NewUser<'_>) -> Result<Option<i64>> {
    let id = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name, phone, locale) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(user.email.as_str())
    .bind(user.password_hash.as_str())
    .bind(user.name.as_str())
    .bind(user.phone.map(PhoneNumber::as_str))
    .bind(user.locale.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// What sign-in needs to check a password and start a session.
pub struct SignInRecord {
    pub user_id: i64,
    pub password_hash: PasswordHash,
    pub name: String,
    pub role: Role,
    pub locale: Locale,
    pub disabled: bool,
}

pub async fn user_for_sign_in(pool: &PgPool, email: &Email) -> Result<Option<SignInRecord>> {
    let row: Option<(i64, String, String, String, String, bool)> = sqlx::query_as(
        "SELECT id, password_hash, name, role, locale, disabled_at IS NOT NULL
         FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    row.map(|(user_id, hash, name, role_text, locale_text, disabled)| {
        Ok(SignInRecord {
            user_id,
            password_hash: PasswordHash::from_stored(hash),
            name,
            role: role(&role_text)?,
            locale: locale(&locale_text)?,
            disabled,
        })
    })
    .transpose()
}

/// The user id for an email, for the reset-request flow.
pub async fn user_id_by_email(
    pool: &PgPool,
    email: &Email,
) -> Result<Option<(i64, String, Locale)>> {
    let row: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT id, name, locale FROM users WHERE email = $1 AND disabled_at IS NULL",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    row.map(|(id, name, l)| Ok((id, name, locale(&l)?)))
        .transpose()
}

pub async fn profile(pool: &PgPool, user_id: i64) -> Result<Option<Profile>> {
    type Row = (i64, String, String, Option<String>, String, String, bool);
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, email, name, phone, locale, role, email_verified_at IS NOT NULL
         FROM users WHERE id = $1",
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    row.map(|(user_id, email, name, phone, l, r, email_verified)| {
        Ok(Profile {
            user_id,
            email,
            name,
            phone,
            locale: locale(&l)?,
            role: role(&r)?,
            email_verified,
        })
    })
    .transpose()
}

pub async fn update_profile(
    pool: &PgPool,
    user_id: i64,
    name: &PersonName,
    phone: Option<&PhoneNumber>,
    locale: Locale,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET name = $2, phone = $3, locale = $4, updated_at = now() WHERE id = $1",
    )
    .bind(user_id)
    .bind(name.as_str())
    .bind(phone.map(PhoneNumber::as_str))
    .bind(locale.as_str())
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn password_hash(pool: &PgPool, user_id: i64) -> Result<Option<PasswordHash>> {
    let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?;
    Ok(hash.map(PasswordHash::from_stored))
}

pub async fn set_password(
    conn: &mut PgConnection,
    user_id: i64,
    hash: &PasswordHash,
) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1")
        .bind(user_id)
        .bind(hash.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn mark_email_verified(conn: &mut PgConnection, user_id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE id = $1",
    )
    .bind(user_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The role as stored now, and whether the account may sign in. Admin writes re-check this
/// instead of trusting the token's claim.
pub async fn current_role(pool: &PgPool, user_id: i64) -> Result<Option<Role>> {
    let text: Option<String> =
        sqlx::query_scalar("SELECT role FROM users WHERE id = $1 AND disabled_at IS NULL")
            .bind(user_id)
            .fetch_optional(pool)
            .await?;
    text.map(|t| role(&t)).transpose()
}

/// Changes a role; with a transaction the caller holds (an audited admin action) or a pool.
pub async fn set_role<'e>(
    db: impl sqlx::PgExecutor<'e>,
    user_id: i64,
    new_role: Role,
) -> Result<bool> {
    let done =
        sqlx::query("UPDATE users SET role = $2, updated_at = now() WHERE id = $1 AND role <> $2")
            .bind(user_id)
            .bind(new_role.as_str())
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Disables an account (it can no longer sign in, and its sessions end now) or enables it
/// again. Returns false for no such account, or one already in that state.
pub async fn set_disabled(conn: &mut PgConnection, user_id: i64, disabled: bool) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE users SET disabled_at = CASE WHEN $2 THEN now() END, updated_at = now()
         WHERE id = $1 AND (disabled_at IS NOT NULL) <> $2",
    )
    .bind(user_id)
    .bind(disabled)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    if disabled {
        revoke_all_sessions(conn, user_id, "disabled").await?;
    }
    Ok(true)
}

/// `dokkan create-admin`: a new admin account, or an existing account promoted (its
/// password replaced, since the operator just chose one). Returns the id and whether the
/// account is new.
pub async fn create_or_promote_admin(
    pool: &PgPool,
    email: &Email,
    name: &PersonName,
    hash: &PasswordHash,
) -> Result<(i64, bool)> {
    let mut tx = pool.begin().await?;
    let existing: Option<i64> =
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1 FOR UPDATE")
            .bind(email.as_str())
            .fetch_optional(&mut *tx)
            .await?;
    let result = match existing {
        Some(id) => {
            sqlx::query(
                "UPDATE users SET role = 'admin', password_hash = $2, disabled_at = NULL,
                 email_verified_at = coalesce(email_verified_at, now()), updated_at = now()
                 WHERE id = $1",
            )
            .bind(id)
            .bind(hash.as_str())
            .execute(&mut *tx)
            .await?;
            revoke_all_sessions(&mut tx, id, "password-changed").await?;
            (id, false)
        }
        None => {
            let id = sqlx::query_scalar(
                "INSERT INTO users (email, password_hash, name, role, locale, email_verified_at)
                 VALUES ($1, $2, $3, 'admin', 'ar', now()) RETURNING id",
            )
            .bind(email.as_str())
            .bind(hash.as_str())
            .bind(name.as_str())
            .fetch_one(&mut *tx)
            .await?;
            (id, true)
        }
    };
    tx.commit().await?;
    Ok(result)
}

// ---- sessions and refresh tokens ---------------------------------------------------------

/// Starts a session (a refresh-token family) and returns its id and first refresh token.
pub async fn create_session(
    conn: &mut PgConnection,
    user_id: i64,
    lifetimes: &Lifetimes,
) -> Result<(i64, String)> {
    let session_id: i64 = sqlx::query_scalar(
        "INSERT INTO sessions (user_id, expires_at)
         VALUES ($1, now() + make_interval(secs => $2)) RETURNING id",
    )
    .bind(user_id)
    .bind(lifetimes.refresh_secs as f64)
    .fetch_one(&mut *conn)
    .await?;
    let secret = new_secret();
    sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)")
        .bind(secret_hash(&secret))
        .bind(session_id)
        .execute(&mut *conn)
        .await?;
    Ok((session_id, secret))
}

/// The person behind a live session, as stored now (name and role may have changed since
/// the access token was issued). `None` once the session is revoked or expired, or the
/// account disabled.
pub async fn session_user(
    pool: &PgPool,
    session_id: i64,
    user_id: i64,
) -> Result<Option<CurrentUser>> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT u.name, u.role, u.locale FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
           AND u.disabled_at IS NULL",
    )
    .bind(session_id)
    .bind(user_id)
    .fetch_optional(pool)
    .await?;
    row.map(|(name, r, l)| {
        Ok(CurrentUser {
            user_id,
            session_id,
            name,
            role: role(&r)?,
            locale: locale(&l)?,
        })
    })
    .transpose()
}

/// What presenting a refresh token led to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshOutcome {
    /// Signed in again; the browser must store `refresh_secret` in place of the old one.
    Rotated {
        user: CurrentUser,
        refresh_secret: String,
    },
    /// Signed in; keep the refresh cookie the browser already has.
    Concurrent { user: CurrentUser },
    /// The token was reused after rotation; the session is now revoked.
    Reused,
    /// Unknown token or finished session.
    SignedOut,
}

pub async fn refresh(pool: &PgPool, secret: &str, lifetimes: &Lifetimes) -> Result<RefreshOutcome> {
    let hash = secret_hash(secret);
    let mut tx = pool.begin().await?;
    // Row locks on the token and its session serialize two requests racing with one token.
    type Row = (
        Option<i64>,
        i64,
        bool,
        bool,
        bool,
        i64,
        String,
        String,
        String,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT CASE WHEN rt.rotated_at IS NULL THEN NULL
                     ELSE greatest(0, extract(epoch FROM clock_timestamp() - rt.rotated_at))::bigint END,
                s.id, s.revoked_at IS NOT NULL, s.expires_at <= now(), u.disabled_at IS NOT NULL,
                u.id, u.name, u.role, u.locale
         FROM refresh_tokens rt
         JOIN sessions s ON s.id = rt.session_id
         JOIN users u ON u.id = s.user_id
         WHERE rt.token_hash = $1
         FOR UPDATE OF rt, s",
    )
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((rotated, session_id, revoked, expired, disabled, user_id, name, r, l)) = row else {
        return Ok(RefreshOutcome::SignedOut);
    };
    let stored = StoredRefresh {
        rotated_secs_ago: rotated,
        session_revoked: revoked,
        session_expired: expired,
        user_disabled: disabled,
    };
    let user = CurrentUser {
        user_id,
        session_id,
        name,
        role: role(&r)?,
        locale: locale(&l)?,
    };
    let outcome = match refresh_decision(stored, lifetimes.reuse_grace_secs) {
        RefreshDecision::Rotate => {
            sqlx::query(
                "UPDATE refresh_tokens SET rotated_at = clock_timestamp() WHERE token_hash = $1",
            )
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
            let refresh_secret = new_secret();
            sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)")
                .bind(secret_hash(&refresh_secret))
                .bind(session_id)
                .execute(&mut *tx)
                .await?;
            // Sliding expiry: a shopper who visits once a month stays signed in.
            sqlx::query(
                "UPDATE sessions SET last_used_at = now(),
                 expires_at = now() + make_interval(secs => $2) WHERE id = $1",
            )
            .bind(session_id)
            .bind(lifetimes.refresh_secs as f64)
            .execute(&mut *tx)
            .await?;
            RefreshOutcome::Rotated {
                user,
                refresh_secret,
            }
        }
        RefreshDecision::Concurrent => RefreshOutcome::Concurrent { user },
        RefreshDecision::Reuse => {
            revoke_session(&mut tx, session_id, "reuse").await?;
            tracing::warn!(
                session_id,
                user_id,
                "refresh token reused after rotation; session revoked"
            );
            RefreshOutcome::Reused
        }
        RefreshDecision::Dead => RefreshOutcome::SignedOut,
    };
    tx.commit().await?;
    Ok(outcome)
}

pub async fn revoke_session(conn: &mut PgConnection, session_id: i64, reason: &str) -> Result<()> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE id = $1 AND revoked_at IS NULL",
    )
    .bind(session_id)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(())
}

/// Signs out every session of a person except `keep` (the one changing the password).
pub async fn revoke_other_sessions(
    conn: &mut PgConnection,
    user_id: i64,
    keep: i64,
    reason: &str,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $3
         WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(keep)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

pub async fn revoke_all_sessions(
    conn: &mut PgConnection,
    user_id: i64,
    reason: &str,
) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE sessions SET revoked_at = now(), revoked_reason = $2
         WHERE user_id = $1 AND revoked_at IS NULL",
    )
    .bind(user_id)
    .bind(reason)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

// ---- single-use links --------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    VerifyEmail,
    PasswordReset,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::VerifyEmail => "verify-email",
            LinkPurpose::PasswordReset => "password-reset",
        }
    }

    fn lifetime(self, lifetimes: &Lifetimes) -> i64 {
        match self {
            LinkPurpose::VerifyEmail => lifetimes.verify_email_secs,
            LinkPurpose::PasswordReset => lifetimes.password_reset_secs,
        }
    }
}

/// A new link secret; earlier unused links of the same purpose stop working.
pub async fn create_link(
    conn: &mut PgConnection,
    user_id: i64,
    purpose: LinkPurpose,
    lifetimes: &Lifetimes,
) -> Result<String> {
    sqlx::query(
        "UPDATE account_tokens SET used_at = now()
         WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(purpose.as_str())
    .execute(&mut *conn)
    .await?;
    let secret = new_secret();
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))",
    )
    .bind(secret_hash(&secret))
    .bind(user_id)
    .bind(purpose.as_str())
    .bind(purpose.lifetime(lifetimes) as f64)
    .execute(&mut *conn)
    .await?;
    Ok(secret)
}

/// Uses a link once: the owner's id, or `None` if unknown, used or expired.
pub async fn consume_link(
    conn: &mut PgConnection,
    secret: &str,
    purpose: LinkPurpose,
) -> Result<Option<i64>> {
    let id = sqlx::query_scalar(
        "UPDATE account_tokens SET used_at = now()
         WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()
         RETURNING user_id",
    )
    .bind(secret_hash(secret))
    .bind(purpose.as_str())
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// Whether a link would still work, without using it (to show the reset form or an error).
pub async fn link_is_valid(pool: &PgPool, secret: &str, purpose: LinkPurpose) -> Result<bool> {
    let valid = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM account_tokens WHERE token_hash = $1 AND purpose = $2
                        AND used_at IS NULL AND expires_at > now())",
    )
    .bind(secret_hash(secret))
    .bind(purpose.as_str())
    .fetch_one(pool)
    .await?;
    Ok(valid)
}

// ---- addresses ---------------------------------------------------------------------------

/// The most addresses one person may keep.
pub const MAX_ADDRESSES: i64 = 20;

type AddressRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    bool,
);

const ADDRESS_COLUMNS: &str = "id, recipient, phone, governorate, city, street, building, floor, \
                               apartment, landmark, is_default";

fn saved_address(row: AddressRow) -> Result<SavedAddress> {
    let (
        id,
        recipient,
        phone,
        governorate,
        city,
        street,
        building,
        floor,
        apartment,
        landmark,
        is_default,
    ) = row;
    Ok(SavedAddress {
        id,
        address: Address {
            recipient: PersonName::parse(&recipient).map_err(|_| corrupt("addresses.recipient"))?,
            phone: PhoneNumber::parse(&phone).map_err(|_| corrupt("addresses.phone"))?,
            governorate: Governorate::from_code(&governorate)
                .map_err(|_| corrupt("addresses.governorate"))?,
            city,
            street,
            building,
            floor,
            apartment,
            landmark,
        },
        is_default,
    })
}

pub async fn list_addresses(pool: &PgPool, user_id: i64) -> Result<Vec<SavedAddress>> {
    let rows: Vec<AddressRow> = sqlx::query_as(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = $1
         ORDER BY is_default DESC, id"
    ))
    .bind(user_id)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(saved_address).collect()
}

pub async fn get_address(pool: &PgPool, user_id: i64, id: i64) -> Result<Option<SavedAddress>> {
    let row: Option<AddressRow> = sqlx::query_as(&format!(
        "SELECT {ADDRESS_COLUMNS} FROM addresses WHERE user_id = $1 AND id = $2"
    ))
    .bind(user_id)
    .bind(id)
    .fetch_optional(pool)
    .await?;
    row.map(saved_address).transpose()
}

/// `Ok(None)` when the address book is full. The first address becomes the default.
pub async fn add_address(
    pool: &PgPool,
    user_id: i64,
    address: &Address,
    make_default: bool,
) -> Result<Option<i64>> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM addresses WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_ADDRESSES {
        return Ok(None);
    }
    let make_default = make_default || count == 0;
    if make_default {
        clear_default(&mut tx, user_id).await?;
    }
    let insert = sqlx::query(
        "INSERT INTO addresses (user_id, recipient, phone, governorate, city, street, building,
                                floor, apartment, landmark, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(user_id);
    let id: i64 = bind_address(insert, address)
        .bind(make_default)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    tx.commit().await?;
    Ok(Some(id))
}

pub async fn update_address(
    pool: &PgPool,
    user_id: i64,
    id: i64,
    address: &Address,
) -> Result<bool> {
    let update = sqlx::query(
        "UPDATE addresses SET recipient = $3, phone = $4, governorate = $5, city = $6, street = $7,
                building = $8, floor = $9, apartment = $10, landmark = $11, updated_at = now()
         WHERE user_id = $1 AND id = $2",
    )
    .bind(user_id)
    .bind(id);
    let done = bind_address(update, address).execute(pool).await?;
    Ok(done.rows_affected() == 1)
}

/// Binds an address's nine columns in `ADDRESS_COLUMNS` order (without id and default).
fn bind_address<'q>(
    query: sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>,
    address: &'q Address,
) -> sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments> {
    query
        .bind(address.recipient.as_str())
        .bind(address.phone.as_str())
        .bind(address.governorate.code())
        .bind(&address.city)
        .bind(&address.street)
        .bind(&address.building)
        .bind(&address.floor)
        .bind(&address.apartment)
        .bind(&address.landmark)
}

/// Deleting the default makes the oldest remaining address the default.
pub async fn delete_address(pool: &PgPool, user_id: i64, id: i64) -> Result<bool> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let was_default: Option<bool> = sqlx::query_scalar(
        "DELETE FROM addresses WHERE user_id = $1 AND id = $2 RETURNING is_default",
    )
    .bind(user_id)
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    if was_default == Some(true) {
        sqlx::query(
            "UPDATE addresses SET is_default = true
             WHERE id = (SELECT id FROM addresses WHERE user_id = $1 ORDER BY id LIMIT 1)",
        )
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(was_default.is_some())
}

pub async fn set_default_address(pool: &PgPool, user_id: i64, id: i64) -> Result<bool> {
    let mut tx = pool.begin().await?;
    lock_address_book(&mut tx, user_id).await?;
    let exists: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM addresses WHERE user_id = $1 AND id = $2)",
    )
    .bind(user_id)
    .bind(id)
    .fetch_one(&mut *tx)
    .await?;
    if !exists {
        return Ok(false);
    }
    clear_default(&mut tx, user_id).await?;
    sqlx::query("UPDATE addresses SET is_default = true WHERE user_id = $1 AND id = $2")
        .bind(user_id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

/// Serializes one person's address-book writes, so the cap and the single default hold
/// under concurrent requests.
async fn lock_address_book(tx: &mut Transaction<'_, Postgres>, user_id: i64) -> Result<()> {
    sqlx::query("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn clear_default(tx: &mut Transaction<'_, Postgres>, user_id: i64) -> Result<()> {
    sqlx::query("UPDATE addresses SET is_default = false WHERE user_id = $1 AND is_default")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

// ---- sign-in throttling ------------------------------------------------------------------

/// The limits on failed sign-ins within one window.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    pub window_secs: i64,
    pub per_account: i64,
    pub per_ip: i64,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window_secs: 15 * 60,
            per_account: 5,
            per_ip: 20,
        }
    }
}

/// Whether this attempt must be refused before the password is even checked.
pub async fn sign_in_throttled(
    pool: &PgPool,
    email: &str,
    client_ip: Option<&str>,
    throttle: &Throttle,
) -> Result<bool> {
    let (by_account, by_ip): (i64, i64) = sqlx::query_as(
        "SELECT
           (SELECT count(*) FROM sign_in_failures
             WHERE email = $1 AND failed_at > now() - make_interval(secs => $3)),
           (SELECT count(*) FROM sign_in_failures
             WHERE $2::inet IS NOT NULL AND client_ip = $2::inet
               AND failed_at > now() - make_interval(secs => $3))",
    )
    .bind(email)
    .bind(client_ip)
    .bind(throttle.window_secs as f64)
    .fetch_one(pool)
    .await?;
    Ok(by_account >= throttle.per_account || by_ip >= throttle.per_ip)
}

pub async fn record_sign_in_failure(
    pool: &PgPool,
    email: &str,
    client_ip: Option<&str>,
) -> Result<()> {
    sqlx::query("INSERT INTO sign_in_failures (email, client_ip) VALUES ($1, $2::inet)")
        .bind(email)
        .bind(client_ip)
        .execute(pool)
        .await?;
    // Old rows are only noise for the window queries.
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < now() - interval '1 day'")
        .execute(pool)
        .await?;
    Ok(())
}

/// A successful sign-in forgets the account's failures (its rows stop counting for the
/// client address too; other emails' failures from that address still count).
pub async fn clear_sign_in_failures(pool: &PgPool, email: &str) -> Result<()> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1")
        .bind(email)
        .execute(pool)
        .await?;
    Ok(())
}

// ---- signing key -------------------------------------------------------------------------

/// The install's token signing key, created on first use and shared by every instance.
pub async fn signing_key(pool: &PgPool) -> Result<Vec<u8>> {
    sqlx::query(
        "INSERT INTO app_secrets (name, value) VALUES ('jwt-hs256', $1) ON CONFLICT DO NOTHING",
    )
    .bind(new_key_material())
    .execute(pool)
    .await?;
    let key = sqlx::query_scalar("SELECT value FROM app_secrets WHERE name = 'jwt-hs256'")
        .fetch_one(pool)
        .await?;
    Ok(key)
}
