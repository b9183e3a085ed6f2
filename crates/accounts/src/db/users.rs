//! Accounts themselves: creating, reading and changing a person, their role and whether
//! they may sign in.

use super::*;

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

/// Locks an account's row for the rest of the transaction; false when there is none.
pub async fn lock_user(conn: &mut PgConnection, user_id: i64) -> Result<bool> {
    let row: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE id = $1 FOR UPDATE")
        .bind(user_id)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.is_some())
}

/// How many customers and how many staff (admins included) the shop has.
pub async fn count_people(pool: &PgPool) -> Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT count(*) FILTER (WHERE role = 'customer'), count(*) FILTER (WHERE role <> 'customer') \
           FROM users",
    )
    .fetch_one(pool)
    .await?)
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
