//! Accounts queries on a fresh database per test.

use chrono::{DateTime, Utc};
use dokkan_accounts::{
    db::{self, LinkPurpose, NewUser, RefreshOutcome, Throttle, MAX_ADDRESSES},
    session::CurrentUser,
    token::{secret_hash, Lifetimes},
    Address, AddressInput, Email, Password, PasswordHash, PersonName, PhoneNumber, Profile, Role,
};
use dokkan_core::Locale;
use sqlx::{postgres::PgPoolOptions, PgPool};
use std::{sync::OnceLock, time::Duration};

// ---- builders ----------------------------------------------------------------------------

/// Argon2 is slow on purpose (and slower unoptimised), so every account shares one hash.
fn hash() -> &'static PasswordHash {
    static HASH: OnceLock<PasswordHash> = OnceLock::new();
    HASH.get_or_init(|| {
        Password::new("correct horse battery")
            .unwrap()
            .hash()
            .unwrap()
    })
}

/// A second hash, for the queries that replace a password.
fn other_hash() -> &'static PasswordHash {
    static HASH: OnceLock<PasswordHash> = OnceLock::new();
    HASH.get_or_init(|| {
        Password::new("another long passphrase")
            .unwrap()
            .hash()
            .unwrap()
    })
}

fn email(s: &str) -> Email {
    Email::parse(s).unwrap()
}

fn name(s: &str) -> PersonName {
    PersonName::parse(s).unwrap()
}

fn phone(s: &str) -> PhoneNumber {
    PhoneNumber::parse(s).unwrap()
}

/// A customer named Mona Ali, Arabic, no phone.
async fn user(pool: &PgPool, address: &str) -> i64 {
    let mut conn = pool.acquire().await.unwrap();
    db::create_user(
        &mut conn,
        &NewUser {
            email: &email(address),
            password_hash: hash(),
            name: &name("Mona Ali"),
            phone: None,
            locale: Locale::Ar,
        },
    )
    .await
    .unwrap()
    .expect("a new email")
}

async fn disable(pool: &PgPool, user_id: i64) {
    sqlx::query("UPDATE users SET disabled_at = now() WHERE id = $1")
        .bind(user_id)
        .execute(pool)
        .await
        .unwrap();
}

async fn session(pool: &PgPool, user_id: i64) -> (i64, String) {
    let mut conn = pool.acquire().await.unwrap();
    db::create_session(&mut conn, user_id, &Lifetimes::default())
        .await
        .unwrap()
}

async fn revoke(pool: &PgPool, session_id: i64, reason: &str) {
    let mut conn = pool.acquire().await.unwrap();
    db::revoke_session(&mut conn, session_id, reason)
        .await
        .unwrap();
}

/// `(revoked, reason)` of a session.
async fn revocation(pool: &PgPool, session_id: i64) -> (bool, Option<String>) {
    sqlx::query_as("SELECT revoked_at IS NOT NULL, revoked_reason FROM sessions WHERE id = $1")
        .bind(session_id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn create_link(pool: &PgPool, user_id: i64, purpose: LinkPurpose) -> String {
    let mut conn = pool.acquire().await.unwrap();
    db::create_link(&mut conn, user_id, purpose, &Lifetimes::default())
        .await
        .unwrap()
}

async fn consume_link(pool: &PgPool, secret: &str, purpose: LinkPurpose) -> Option<i64> {
    let mut conn = pool.acquire().await.unwrap();
    db::consume_link(&mut conn, secret, purpose).await.unwrap()
}

fn address(street: &str) -> Address {
    Address::parse(&AddressInput {
        recipient: "Mona Ali".into(),
        phone: "01012345678".into(),
        governorate: "cairo".into(),
        city: "Nasr City".into(),
        street: street.into(),
        building: "12".into(),
        floor: "3".into(),
        apartment: String::new(),
        landmark: "Behind the mosque".into(),
    })
    .unwrap()
}

async fn add(pool: &PgPool, user_id: i64, street: &str, make_default: bool) -> i64 {
    db::add_address(pool, user_id, &address(street), make_default)
        .await
        .unwrap()
        .expect("room in the address book")
}

/// The ids of a person's default addresses (at most one, if all is well).
async fn defaults(pool: &PgPool, user_id: i64) -> Vec<i64> {
    sqlx::query_scalar("SELECT id FROM addresses WHERE user_id = $1 AND is_default ORDER BY id")
        .bind(user_id)
        .fetch_all(pool)
        .await
        .unwrap()
}

async fn address_count(pool: &PgPool, user_id: i64) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM addresses WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// A second pool on the test database, wide enough for every racing task to hold its own
/// connection at once (the test pool allows five). Close it before the test returns.
async fn wide_pool(pool: &PgPool, connections: u32) -> PgPool {
    PgPoolOptions::new()
        .max_connections(connections)
        .connect_with((*pool.connect_options()).clone())
        .await
        .unwrap()
}

/// Waits until `n` backends of this test's database are blocked on a lock.
async fn wait_for_lock_waiters(pool: &PgPool, n: i64) {
    for _ in 0..500 {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        if waiting >= n {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("fewer than {n} queries ever waited on the lock");
}

// ---- users -------------------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn create_user_refuses_a_taken_email(pool: PgPool) {
    let mut conn = pool.acquire().await.unwrap();
    let first = db::create_user(
        &mut conn,
        &NewUser {
            email: &email("mona@example.com"),
            password_hash: hash(),
            name: &name("Mona Ali"),
            phone: Some(&phone("01012345678")),
            locale: Locale::En,
        },
    )
    .await
    .unwrap();
    assert!(first.is_some());
    // Email::parse lower-cases, so this is the same mailbox.
    let second = db::create_user(
        &mut conn,
        &NewUser {
            email: &email("Mona@Example.COM"),
            password_hash: other_hash(),
            name: &name("Someone Else"),
            phone: None,
            locale: Locale::Ar,
        },
    )
    .await
    .unwrap();
    assert_eq!(second, None);
    let other = db::create_user(
        &mut conn,
        &NewUser {
            email: &email("omar@example.com"),
            password_hash: hash(),
            name: &name("Omar"),
            phone: None,
            locale: Locale::Ar,
        },
    )
    .await
    .unwrap();
    assert!(other.is_some());
    assert_ne!(other, first);
    drop(conn);
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(users, 2);
    // The refused sign-up changed nothing about the first account.
    let profile = db::profile(&pool, first.unwrap()).await.unwrap().unwrap();
    assert_eq!(profile.name, "Mona Ali");
    assert_eq!(profile.locale, Locale::En);
}

#[sqlx::test(migrations = "../../migrations")]
async fn user_for_sign_in_finds_the_account_by_email(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let record = db::user_for_sign_in(&pool, &email("MONA@example.com"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(record.user_id, id);
    assert_eq!(record.name, "Mona Ali");
    assert_eq!(record.role, Role::Customer);
    assert_eq!(record.locale, Locale::Ar);
    assert!(!record.disabled);
    assert_eq!(&record.password_hash, hash());
    assert!(db::user_for_sign_in(&pool, &email("nobody@example.com"))
        .await
        .unwrap()
        .is_none());

    // A disabled account is still found, flagged, so sign-in can refuse it properly.
    disable(&pool, id).await;
    let record = db::user_for_sign_in(&pool, &email("mona@example.com"))
        .await
        .unwrap()
        .unwrap();
    assert!(record.disabled);
}

#[sqlx::test(migrations = "../../migrations")]
async fn user_id_by_email_skips_unknown_and_disabled_accounts(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    assert_eq!(
        db::user_id_by_email(&pool, &email("mona@example.com"))
            .await
            .unwrap(),
        Some((id, "Mona Ali".to_string(), Locale::Ar))
    );
    assert_eq!(
        db::user_id_by_email(&pool, &email("nobody@example.com"))
            .await
            .unwrap(),
        None
    );
    disable(&pool, id).await;
    assert_eq!(
        db::user_id_by_email(&pool, &email("mona@example.com"))
            .await
            .unwrap(),
        None
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn profile_shows_and_update_profile_changes_name_phone_and_locale(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    assert_eq!(
        db::profile(&pool, id).await.unwrap(),
        Some(Profile {
            user_id: id,
            email: "mona@example.com".into(),
            name: "Mona Ali".into(),
            phone: None,
            locale: Locale::Ar,
            role: Role::Customer,
            email_verified: false,
        })
    );
    assert_eq!(db::profile(&pool, id + other + 100).await.unwrap(), None);

    let updated = db::update_profile(
        &pool,
        id,
        &name("Mona Hassan"),
        Some(&phone("01198765432")),
        Locale::En,
    )
    .await
    .unwrap();
    assert!(updated);
    let profile = db::profile(&pool, id).await.unwrap().unwrap();
    assert_eq!(profile.name, "Mona Hassan");
    assert_eq!(profile.phone.as_deref(), Some("01198765432"));
    assert_eq!(profile.locale, Locale::En);
    assert_eq!(profile.email, "mona@example.com");

    // Clearing the phone stores NULL.
    assert!(
        db::update_profile(&pool, id, &name("Mona Hassan"), None, Locale::En)
            .await
            .unwrap()
    );
    assert_eq!(db::profile(&pool, id).await.unwrap().unwrap().phone, None);

    // Nobody else's profile moved, and an unknown id updates nothing.
    let untouched = db::profile(&pool, other).await.unwrap().unwrap();
    assert_eq!(
        (untouched.name.as_str(), untouched.locale),
        ("Mona Ali", Locale::Ar)
    );
    assert!(
        !db::update_profile(&pool, id + other + 100, &name("X"), None, Locale::En)
            .await
            .unwrap()
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn set_password_replaces_the_stored_hash(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    assert_eq!(
        db::password_hash(&pool, id).await.unwrap().as_ref(),
        Some(hash())
    );
    assert_eq!(
        db::password_hash(&pool, id + other + 100).await.unwrap(),
        None
    );

    let mut tx = pool.begin().await.unwrap();
    db::set_password(&mut tx, id, other_hash()).await.unwrap();
    tx.commit().await.unwrap();

    let stored = db::password_hash(&pool, id).await.unwrap().unwrap();
    assert_eq!(&stored, other_hash());
    assert!(Password::candidate("another long passphrase")
        .unwrap()
        .verify(&stored));
    assert_eq!(
        db::password_hash(&pool, other).await.unwrap().as_ref(),
        Some(hash())
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn set_password_in_a_rolled_back_transaction_changes_nothing(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let mut tx = pool.begin().await.unwrap();
    db::set_password(&mut tx, id, other_hash()).await.unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(
        db::password_hash(&pool, id).await.unwrap().as_ref(),
        Some(hash())
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn mark_email_verified_keeps_the_first_timestamp(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let verified_at = |pool: PgPool| async move {
        sqlx::query_scalar::<_, Option<DateTime<Utc>>>(
            "SELECT email_verified_at FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    assert_eq!(verified_at(pool.clone()).await, None);

    let mut conn = pool.acquire().await.unwrap();
    db::mark_email_verified(&mut conn, id).await.unwrap();
    let first = verified_at(pool.clone()).await.expect("verified");
    tokio::time::sleep(Duration::from_millis(20)).await;
    db::mark_email_verified(&mut conn, id).await.unwrap();
    drop(conn);
    assert_eq!(verified_at(pool.clone()).await, Some(first));
    assert!(
        db::profile(&pool, id)
            .await
            .unwrap()
            .unwrap()
            .email_verified
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn current_role_follows_set_role_and_hides_disabled_accounts(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    assert_eq!(
        db::current_role(&pool, id).await.unwrap(),
        Some(Role::Customer)
    );
    assert_eq!(
        db::current_role(&pool, id + other + 100).await.unwrap(),
        None
    );

    assert!(db::set_role(&pool, id, Role::Staff).await.unwrap());
    assert_eq!(
        db::current_role(&pool, id).await.unwrap(),
        Some(Role::Staff)
    );
    assert!(db::set_role(&pool, id, Role::Admin).await.unwrap());
    assert_eq!(
        db::current_role(&pool, id).await.unwrap(),
        Some(Role::Admin)
    );
    assert_eq!(
        db::current_role(&pool, other).await.unwrap(),
        Some(Role::Customer)
    );
    assert!(!db::set_role(&pool, id + other + 100, Role::Admin)
        .await
        .unwrap());

    disable(&pool, id).await;
    assert_eq!(db::current_role(&pool, id).await.unwrap(), None);
}

#[sqlx::test(migrations = "../../migrations")]
async fn create_or_promote_admin_creates_a_verified_admin(pool: PgPool) {
    let (id, created) =
        db::create_or_promote_admin(&pool, &email("Boss@Example.com"), &name("The Boss"), hash())
            .await
            .unwrap();
    assert!(created);
    assert_eq!(
        db::profile(&pool, id).await.unwrap(),
        Some(Profile {
            user_id: id,
            email: "boss@example.com".into(),
            name: "The Boss".into(),
            phone: None,
            locale: Locale::Ar,
            role: Role::Admin,
            email_verified: true,
        })
    );
    assert_eq!(
        db::current_role(&pool, id).await.unwrap(),
        Some(Role::Admin)
    );
    let record = db::user_for_sign_in(&pool, &email("boss@example.com"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(&record.password_hash, hash());
    assert!(!record.disabled);
}

#[sqlx::test(migrations = "../../migrations")]
async fn create_or_promote_admin_promotes_a_customer_and_signs_them_out(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let bystander = user(&pool, "omar@example.com").await;
    let (live_a, _) = session(&pool, id).await;
    let (live_b, _) = session(&pool, id).await;
    let (signed_out, _) = session(&pool, id).await;
    revoke(&pool, signed_out, "sign-out").await;
    let (bystander_session, _) = session(&pool, bystander).await;
    disable(&pool, id).await;

    let (promoted, created) = db::create_or_promote_admin(
        &pool,
        &email("mona@example.com"),
        &name("Ignored Name"),
        other_hash(),
    )
    .await
    .unwrap();
    assert_eq!((promoted, created), (id, false));

    // Admin, enabled again, verified, with the operator's new password; the name stays.
    assert_eq!(
        db::current_role(&pool, id).await.unwrap(),
        Some(Role::Admin)
    );
    let profile = db::profile(&pool, id).await.unwrap().unwrap();
    assert_eq!(profile.role, Role::Admin);
    assert!(profile.email_verified);
    assert_eq!(profile.name, "Mona Ali");
    assert_eq!(
        db::password_hash(&pool, id).await.unwrap().as_ref(),
        Some(other_hash())
    );

    // Every session the old password opened is over; an older revocation keeps its reason.
    for s in [live_a, live_b] {
        assert_eq!(
            revocation(&pool, s).await,
            (true, Some("password-changed".into()))
        );
        assert_eq!(db::session_user(&pool, s, id).await.unwrap(), None);
    }
    assert_eq!(
        revocation(&pool, signed_out).await,
        (true, Some("sign-out".into()))
    );
    assert_eq!(revocation(&pool, bystander_session).await, (false, None));

    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(users, 2);
}

#[sqlx::test(migrations = "../../migrations")]
async fn create_or_promote_admin_keeps_an_earlier_verification(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    sqlx::query("UPDATE users SET email_verified_at = '2025-01-01T00:00:00Z' WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    db::create_or_promote_admin(&pool, &email("mona@example.com"), &name("Mona"), hash())
        .await
        .unwrap();
    let still: bool = sqlx::query_scalar(
        "SELECT email_verified_at = '2025-01-01T00:00:00Z' FROM users WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(still);
}

// ---- sessions ----------------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn create_session_stores_only_the_secrets_hash(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let (session_id, secret) = session(&pool, id).await;
    let (other_session, other_secret) = session(&pool, id).await;
    assert_ne!(session_id, other_session);
    assert_ne!(secret, other_secret);

    let stored: Vec<Vec<u8>> =
        sqlx::query_scalar("SELECT token_hash FROM refresh_tokens WHERE session_id = $1")
            .bind(session_id)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0], secret.as_bytes());
    assert_eq!(stored[0], secret_hash(&secret));
    assert_eq!(stored[0].len(), 32);

    let (owner, lifetime, rotated): (i64, i64, bool) = sqlx::query_as(
        "SELECT s.user_id, extract(epoch FROM s.expires_at - s.created_at)::bigint,
                rt.rotated_at IS NOT NULL
         FROM sessions s JOIN refresh_tokens rt ON rt.session_id = s.id WHERE s.id = $1",
    )
    .bind(session_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(owner, id);
    assert_eq!(lifetime, Lifetimes::default().refresh_secs);
    assert!(!rotated);
    assert_eq!(revocation(&pool, session_id).await, (false, None));
}

#[sqlx::test(migrations = "../../migrations")]
async fn session_user_reads_the_current_name_and_role(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    let (session_id, _) = session(&pool, id).await;
    assert_eq!(
        db::session_user(&pool, session_id, id).await.unwrap(),
        Some(CurrentUser {
            user_id: id,
            session_id,
            name: "Mona Ali".into(),
            role: Role::Customer,
            locale: Locale::Ar,
        })
    );

    db::update_profile(&pool, id, &name("Mona Hassan"), None, Locale::En)
        .await
        .unwrap();
    db::set_role(&pool, id, Role::Staff).await.unwrap();
    assert_eq!(
        db::session_user(&pool, session_id, id).await.unwrap(),
        Some(CurrentUser {
            user_id: id,
            session_id,
            name: "Mona Hassan".into(),
            role: Role::Staff,
            locale: Locale::En,
        })
    );

    // Someone else's id with this session, or an unknown session: nobody.
    assert_eq!(
        db::session_user(&pool, session_id, other).await.unwrap(),
        None
    );
    assert_eq!(
        db::session_user(&pool, session_id + 100, id).await.unwrap(),
        None
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn session_user_ends_with_revocation_expiry_or_a_disabled_account(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let (revoked, _) = session(&pool, id).await;
    let (expired, _) = session(&pool, id).await;
    let (live, _) = session(&pool, id).await;

    revoke(&pool, revoked, "sign-out").await;
    assert_eq!(db::session_user(&pool, revoked, id).await.unwrap(), None);
    assert_eq!(
        revocation(&pool, revoked).await,
        (true, Some("sign-out".into()))
    );
    // Revoking again keeps the first reason.
    revoke(&pool, revoked, "disabled").await;
    assert_eq!(
        revocation(&pool, revoked).await,
        (true, Some("sign-out".into()))
    );

    sqlx::query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1")
        .bind(expired)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(db::session_user(&pool, expired, id).await.unwrap(), None);

    assert!(db::session_user(&pool, live, id).await.unwrap().is_some());
    disable(&pool, id).await;
    assert_eq!(db::session_user(&pool, live, id).await.unwrap(), None);
}

#[sqlx::test(migrations = "../../migrations")]
async fn revoke_other_sessions_keeps_the_current_one(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let bystander = user(&pool, "omar@example.com").await;
    let (current, _) = session(&pool, id).await;
    let (second, _) = session(&pool, id).await;
    let (third, _) = session(&pool, id).await;
    let (earlier, _) = session(&pool, id).await;
    revoke(&pool, earlier, "sign-out").await;
    let (bystander_session, _) = session(&pool, bystander).await;

    let mut conn = pool.acquire().await.unwrap();
    let revoked = db::revoke_other_sessions(&mut conn, id, current, "password-changed")
        .await
        .unwrap();
    assert_eq!(revoked, 2);
    assert_eq!(
        db::revoke_other_sessions(&mut conn, id, current, "password-changed")
            .await
            .unwrap(),
        0
    );
    drop(conn);

    assert!(db::session_user(&pool, current, id)
        .await
        .unwrap()
        .is_some());
    for s in [second, third] {
        assert_eq!(
            revocation(&pool, s).await,
            (true, Some("password-changed".into()))
        );
    }
    assert_eq!(
        revocation(&pool, earlier).await,
        (true, Some("sign-out".into()))
    );
    assert_eq!(revocation(&pool, bystander_session).await, (false, None));
}

#[sqlx::test(migrations = "../../migrations")]
async fn revoke_all_sessions_signs_out_everywhere(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let bystander = user(&pool, "omar@example.com").await;
    let (a, _) = session(&pool, id).await;
    let (b, _) = session(&pool, id).await;
    let (earlier, _) = session(&pool, id).await;
    revoke(&pool, earlier, "sign-out").await;
    let (bystander_session, _) = session(&pool, bystander).await;

    let mut tx = pool.begin().await.unwrap();
    assert_eq!(
        db::revoke_all_sessions(&mut tx, id, "password-reset")
            .await
            .unwrap(),
        2
    );
    tx.commit().await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    assert_eq!(
        db::revoke_all_sessions(&mut conn, id, "password-reset")
            .await
            .unwrap(),
        0
    );
    drop(conn);

    for s in [a, b] {
        assert_eq!(
            revocation(&pool, s).await,
            (true, Some("password-reset".into()))
        );
        assert_eq!(db::session_user(&pool, s, id).await.unwrap(), None);
    }
    assert_eq!(
        revocation(&pool, earlier).await,
        (true, Some("sign-out".into()))
    );
    assert_eq!(revocation(&pool, bystander_session).await, (false, None));
}

// ---- refresh -----------------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn refresh_rotates_then_tolerates_a_race_then_catches_reuse(pool: PgPool) {
    let lifetimes = Lifetimes::default();
    assert_eq!(lifetimes.reuse_grace_secs, 10);
    let id = user(&pool, "mona@example.com").await;
    let (session_id, first) = session(&pool, id).await;
    // Shorten the session so the sliding expiry shows.
    sqlx::query(
        "UPDATE sessions SET expires_at = now() + interval '1 hour',
                             last_used_at = now() - interval '1 day' WHERE id = $1",
    )
    .bind(session_id)
    .execute(&pool)
    .await
    .unwrap();
    let me = CurrentUser {
        user_id: id,
        session_id,
        name: "Mona Ali".into(),
        role: Role::Customer,
        locale: Locale::Ar,
    };

    // The current token rotates.
    let second = match db::refresh(&pool, &first, &lifetimes).await.unwrap() {
        RefreshOutcome::Rotated {
            user,
            refresh_secret,
        } => {
            assert_eq!(user, me);
            refresh_secret
        }
        other => panic!("expected a rotation, got {other:?}"),
    };
    assert_ne!(second, first);
    let rotated: Option<DateTime<Utc>> =
        sqlx::query_scalar("SELECT rotated_at FROM refresh_tokens WHERE token_hash = $1")
            .bind(secret_hash(&first))
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(rotated.is_some());
    let successor: (i64, Option<DateTime<Utc>>) =
        sqlx::query_as("SELECT session_id, rotated_at FROM refresh_tokens WHERE token_hash = $1")
            .bind(secret_hash(&second))
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(successor, (session_id, None));
    let (slid, used): (bool, bool) = sqlx::query_as(
        "SELECT expires_at > now() + interval '29 days',
                last_used_at > now() - interval '1 minute'
         FROM sessions WHERE id = $1",
    )
    .bind(session_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(slid, "the session's expiry moves forward on rotation");
    assert!(used);

    // The old one again, inside the grace window: another tab lost the race.
    assert_eq!(
        db::refresh(&pool, &first, &lifetimes).await.unwrap(),
        RefreshOutcome::Concurrent { user: me.clone() }
    );
    assert_eq!(revocation(&pool, session_id).await, (false, None));

    // The old one after the grace window: copied. The whole family is revoked.
    sqlx::query(
        "UPDATE refresh_tokens SET rotated_at = rotated_at - interval '1 minute'
         WHERE token_hash = $1",
    )
    .bind(secret_hash(&first))
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(
        db::refresh(&pool, &first, &lifetimes).await.unwrap(),
        RefreshOutcome::Reused
    );
    assert_eq!(
        revocation(&pool, session_id).await,
        (true, Some("reuse".into()))
    );
    assert_eq!(db::session_user(&pool, session_id, id).await.unwrap(), None);

    // Even the legitimate successor is now worthless, and so is the old one.
    assert_eq!(
        db::refresh(&pool, &second, &lifetimes).await.unwrap(),
        RefreshOutcome::SignedOut
    );
    assert_eq!(
        db::refresh(&pool, &first, &lifetimes).await.unwrap(),
        RefreshOutcome::SignedOut
    );
    let tokens: i64 = sqlx::query_scalar("SELECT count(*) FROM refresh_tokens")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(tokens, 2);
}

#[sqlx::test(migrations = "../../migrations")]
async fn refresh_reads_the_current_name_and_role(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let (session_id, secret) = session(&pool, id).await;
    db::set_role(&pool, id, Role::Admin).await.unwrap();
    db::update_profile(&pool, id, &name("Mona Hassan"), None, Locale::En)
        .await
        .unwrap();
    match db::refresh(&pool, &secret, &Lifetimes::default())
        .await
        .unwrap()
    {
        RefreshOutcome::Rotated { user, .. } => assert_eq!(
            user,
            CurrentUser {
                user_id: id,
                session_id,
                name: "Mona Hassan".into(),
                role: Role::Admin,
                locale: Locale::En,
            }
        ),
        other => panic!("expected a rotation, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_rotated_chain_keeps_rotating(pool: PgPool) {
    let lifetimes = Lifetimes::default();
    let id = user(&pool, "mona@example.com").await;
    let (session_id, mut secret) = session(&pool, id).await;
    for _ in 0..3 {
        secret = match db::refresh(&pool, &secret, &lifetimes).await.unwrap() {
            RefreshOutcome::Rotated { refresh_secret, .. } => refresh_secret,
            other => panic!("expected a rotation, got {other:?}"),
        };
    }
    let (tokens, live): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE rotated_at IS NULL)
         FROM refresh_tokens WHERE session_id = $1",
    )
    .bind(session_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((tokens, live), (4, 1));
}

#[sqlx::test(migrations = "../../migrations")]
async fn refresh_signs_out_unknown_tokens_and_finished_sessions(pool: PgPool) {
    let lifetimes = Lifetimes::default();
    let id = user(&pool, "mona@example.com").await;
    assert_eq!(
        db::refresh(&pool, "not-a-token-we-issued", &lifetimes)
            .await
            .unwrap(),
        RefreshOutcome::SignedOut
    );

    let (revoked, revoked_secret) = session(&pool, id).await;
    revoke(&pool, revoked, "sign-out").await;
    assert_eq!(
        db::refresh(&pool, &revoked_secret, &lifetimes)
            .await
            .unwrap(),
        RefreshOutcome::SignedOut
    );

    let (expired, expired_secret) = session(&pool, id).await;
    sqlx::query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1")
        .bind(expired)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        db::refresh(&pool, &expired_secret, &lifetimes)
            .await
            .unwrap(),
        RefreshOutcome::SignedOut
    );

    let (_, live_secret) = session(&pool, id).await;
    disable(&pool, id).await;
    assert_eq!(
        db::refresh(&pool, &live_secret, &lifetimes).await.unwrap(),
        RefreshOutcome::SignedOut
    );

    // None of these issued a successor or marked anything rotated.
    let (tokens, rotated): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE rotated_at IS NOT NULL) FROM refresh_tokens",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((tokens, rotated), (3, 0));
    // A dead session is not "reused": the earlier reason stands.
    assert_eq!(
        revocation(&pool, revoked).await,
        (true, Some("sign-out".into()))
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_refreshes_of_one_token_rotate_it_once(pool: PgPool) {
    const TASKS: usize = 8;
    let id = user(&pool, "mona@example.com").await;
    let (session_id, secret) = session(&pool, id).await;
    let wide = wide_pool(&pool, TASKS as u32 + 1).await;

    // Hold the token's row so every refresh is queued on it before any may go.
    let mut gate = wide.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE")
        .bind(secret_hash(&secret))
        .execute(&mut *gate)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (wide, secret) = (wide.clone(), secret.clone());
            tokio::spawn(async move {
                db::refresh(&wide, &secret, &Lifetimes::default())
                    .await
                    .unwrap()
            })
        })
        .collect();
    wait_for_lock_waiters(&pool, TASKS as i64).await;
    gate.commit().await.unwrap();

    let (mut rotated, mut concurrent) = (Vec::new(), 0);
    for task in tasks {
        match task.await.unwrap() {
            RefreshOutcome::Rotated {
                user,
                refresh_secret,
            } => {
                assert_eq!((user.user_id, user.session_id), (id, session_id));
                rotated.push(refresh_secret);
            }
            RefreshOutcome::Concurrent { user } => {
                assert_eq!((user.user_id, user.session_id), (id, session_id));
                concurrent += 1;
            }
            other => panic!("a racing tab must not be signed out: {other:?}"),
        }
    }
    wide.close().await;
    assert_eq!(rotated.len(), 1);
    assert_eq!(concurrent, TASKS - 1);
    assert_eq!(revocation(&pool, session_id).await, (false, None));
    let tokens: i64 =
        sqlx::query_scalar("SELECT count(*) FROM refresh_tokens WHERE session_id = $1")
            .bind(session_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(tokens, 2);
    // The winner's successor is the one that works next.
    assert!(matches!(
        db::refresh(&pool, &rotated[0], &Lifetimes::default())
            .await
            .unwrap(),
        RefreshOutcome::Rotated { .. }
    ));
}

// ---- single-use links --------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn a_link_works_once(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    let secret = create_link(&pool, id, LinkPurpose::PasswordReset).await;
    let other_secret = create_link(&pool, other, LinkPurpose::PasswordReset).await;

    let stored: Vec<u8> =
        sqlx::query_scalar("SELECT token_hash FROM account_tokens WHERE user_id = $1")
            .bind(id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_ne!(stored, secret.as_bytes());
    assert_eq!(stored, secret_hash(&secret));

    assert!(
        db::link_is_valid(&pool, &secret, LinkPurpose::PasswordReset)
            .await
            .unwrap()
    );
    assert_eq!(
        consume_link(&pool, &secret, LinkPurpose::PasswordReset).await,
        Some(id)
    );
    assert_eq!(
        consume_link(&pool, &secret, LinkPurpose::PasswordReset).await,
        None
    );
    assert!(
        !db::link_is_valid(&pool, &secret, LinkPurpose::PasswordReset)
            .await
            .unwrap()
    );

    // Another person's link is theirs, and untouched.
    assert_eq!(
        consume_link(&pool, &other_secret, LinkPurpose::PasswordReset).await,
        Some(other)
    );
    assert_eq!(
        consume_link(&pool, "never-issued", LinkPurpose::PasswordReset).await,
        None
    );
    assert!(
        !db::link_is_valid(&pool, "never-issued", LinkPurpose::VerifyEmail)
            .await
            .unwrap()
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_link_only_works_for_its_purpose(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let verify = create_link(&pool, id, LinkPurpose::VerifyEmail).await;
    let reset = create_link(&pool, id, LinkPurpose::PasswordReset).await;

    assert!(
        !db::link_is_valid(&pool, &verify, LinkPurpose::PasswordReset)
            .await
            .unwrap()
    );
    assert_eq!(
        consume_link(&pool, &verify, LinkPurpose::PasswordReset).await,
        None
    );
    assert_eq!(
        consume_link(&pool, &reset, LinkPurpose::VerifyEmail).await,
        None
    );
    // The wrong-purpose attempts used nothing up, and one purpose never cancels the other.
    assert!(db::link_is_valid(&pool, &verify, LinkPurpose::VerifyEmail)
        .await
        .unwrap());
    assert_eq!(
        consume_link(&pool, &verify, LinkPurpose::VerifyEmail).await,
        Some(id)
    );
    assert_eq!(
        consume_link(&pool, &reset, LinkPurpose::PasswordReset).await,
        Some(id)
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn links_live_as_long_as_their_purpose_says(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    create_link(&pool, id, LinkPurpose::VerifyEmail).await;
    create_link(&pool, id, LinkPurpose::PasswordReset).await;
    let lifetimes: Vec<(String, i64)> = sqlx::query_as(
        "SELECT purpose, extract(epoch FROM expires_at - created_at)::bigint
         FROM account_tokens ORDER BY purpose",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let defaults = Lifetimes::default();
    assert_eq!(
        lifetimes,
        [
            ("password-reset".to_string(), defaults.password_reset_secs),
            ("verify-email".to_string(), defaults.verify_email_secs),
        ]
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn an_expired_link_is_refused(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let secret = create_link(&pool, id, LinkPurpose::VerifyEmail).await;
    sqlx::query("UPDATE account_tokens SET expires_at = now() - interval '1 second'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(!db::link_is_valid(&pool, &secret, LinkPurpose::VerifyEmail)
        .await
        .unwrap());
    assert_eq!(
        consume_link(&pool, &secret, LinkPurpose::VerifyEmail).await,
        None
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_new_link_cancels_the_older_unused_one(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    let older = create_link(&pool, id, LinkPurpose::PasswordReset).await;
    let others = create_link(&pool, other, LinkPurpose::PasswordReset).await;
    let newer = create_link(&pool, id, LinkPurpose::PasswordReset).await;
    assert_ne!(older, newer);

    assert!(
        !db::link_is_valid(&pool, &older, LinkPurpose::PasswordReset)
            .await
            .unwrap()
    );
    assert!(db::link_is_valid(&pool, &newer, LinkPurpose::PasswordReset)
        .await
        .unwrap());
    // Only this person's links were cancelled.
    assert!(
        db::link_is_valid(&pool, &others, LinkPurpose::PasswordReset)
            .await
            .unwrap()
    );
    assert_eq!(
        consume_link(&pool, &older, LinkPurpose::PasswordReset).await,
        None
    );
    assert_eq!(
        consume_link(&pool, &newer, LinkPurpose::PasswordReset).await,
        Some(id)
    );
}

// ---- addresses ---------------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn the_first_address_becomes_the_default(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let first = add(&pool, id, "Abbas El Akkad", false).await;
    assert_eq!(defaults(&pool, id).await, [first]);
    let second = add(&pool, id, "Makram Ebeid", false).await;
    assert_eq!(defaults(&pool, id).await, [first]);

    let saved = db::get_address(&pool, id, first).await.unwrap().unwrap();
    assert_eq!(saved.id, first);
    assert!(saved.is_default);
    assert_eq!(saved.address, address("Abbas El Akkad"));
    assert_eq!(saved.address.floor.as_deref(), Some("3"));
    assert_eq!(saved.address.apartment, None);
    let saved = db::get_address(&pool, id, second).await.unwrap().unwrap();
    assert!(!saved.is_default);
    assert_eq!(saved.address, address("Makram Ebeid"));
}

#[sqlx::test(migrations = "../../migrations")]
async fn make_default_takes_the_default_from_the_old_one(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let first = add(&pool, id, "Abbas El Akkad", true).await;
    let second = add(&pool, id, "Makram Ebeid", false).await;
    let third = add(&pool, id, "Mostafa El Nahas", true).await;
    assert_eq!(defaults(&pool, id).await, [third]);

    let listed: Vec<(i64, bool)> = db::list_addresses(&pool, id)
        .await
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.is_default))
        .collect();
    assert_eq!(listed, [(third, true), (first, false), (second, false)]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn list_addresses_shows_only_the_owners_book(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    assert!(db::list_addresses(&pool, id).await.unwrap().is_empty());
    let mine = add(&pool, id, "Abbas El Akkad", false).await;
    let theirs = add(&pool, other, "Makram Ebeid", false).await;
    let listed = db::list_addresses(&pool, id).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, mine);
    assert_eq!(listed[0].address, address("Abbas El Akkad"));
    // Each person has their own default.
    assert_eq!(defaults(&pool, other).await, [theirs]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn update_address_rewrites_every_field(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let a = add(&pool, id, "Abbas El Akkad", false).await;
    let changed = Address::parse(&AddressInput {
        recipient: "Omar Said".into(),
        phone: "01598765432".into(),
        governorate: "alexandria".into(),
        city: "Smouha".into(),
        street: "Victor Emmanuel".into(),
        building: "7A".into(),
        floor: String::new(),
        apartment: "12".into(),
        landmark: String::new(),
    })
    .unwrap();
    assert!(db::update_address(&pool, id, a, &changed).await.unwrap());
    let saved = db::get_address(&pool, id, a).await.unwrap().unwrap();
    assert_eq!(saved.address, changed);
    assert!(saved.is_default, "editing keeps the default");
    assert!(!db::update_address(&pool, id, a + 100, &changed)
        .await
        .unwrap());
}

#[sqlx::test(migrations = "../../migrations")]
async fn another_persons_address_is_out_of_reach(pool: PgPool) {
    let owner = user(&pool, "mona@example.com").await;
    let intruder = user(&pool, "omar@example.com").await;
    let home = add(&pool, owner, "Abbas El Akkad", false).await;
    let work = add(&pool, owner, "Makram Ebeid", false).await;
    let own = add(&pool, intruder, "Mostafa El Nahas", false).await;
    let before = db::list_addresses(&pool, owner).await.unwrap();

    assert_eq!(db::get_address(&pool, intruder, home).await.unwrap(), None);
    assert!(
        !db::update_address(&pool, intruder, home, &address("Hacked Street"))
            .await
            .unwrap()
    );
    assert!(!db::set_default_address(&pool, intruder, work)
        .await
        .unwrap());
    assert!(!db::delete_address(&pool, intruder, home).await.unwrap());

    assert_eq!(db::list_addresses(&pool, owner).await.unwrap(), before);
    // The refused set-default did not clear the intruder's own default either.
    assert_eq!(defaults(&pool, intruder).await, [own]);
    assert_eq!(address_count(&pool, intruder).await, 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn set_default_address_moves_the_default(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let first = add(&pool, id, "Abbas El Akkad", false).await;
    let second = add(&pool, id, "Makram Ebeid", false).await;
    assert!(db::set_default_address(&pool, id, second).await.unwrap());
    assert_eq!(defaults(&pool, id).await, [second]);
    // Again on the default: still exactly one.
    assert!(db::set_default_address(&pool, id, second).await.unwrap());
    assert_eq!(defaults(&pool, id).await, [second]);
    assert!(db::set_default_address(&pool, id, first).await.unwrap());
    assert_eq!(defaults(&pool, id).await, [first]);
    // An unknown id leaves the default where it was.
    assert!(!db::set_default_address(&pool, id, second + 100)
        .await
        .unwrap());
    assert_eq!(defaults(&pool, id).await, [first]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn deleting_the_default_promotes_the_oldest_remaining(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let oldest = add(&pool, id, "Abbas El Akkad", false).await;
    let middle = add(&pool, id, "Makram Ebeid", false).await;
    let newest = add(&pool, id, "Mostafa El Nahas", true).await;
    assert_eq!(defaults(&pool, id).await, [newest]);

    assert!(db::delete_address(&pool, id, newest).await.unwrap());
    assert_eq!(defaults(&pool, id).await, [oldest]);
    assert_eq!(db::get_address(&pool, id, newest).await.unwrap(), None);

    // Deleting a non-default leaves the default alone.
    assert!(db::delete_address(&pool, id, middle).await.unwrap());
    assert_eq!(defaults(&pool, id).await, [oldest]);
    assert!(!db::delete_address(&pool, id, middle).await.unwrap());

    assert!(db::delete_address(&pool, id, oldest).await.unwrap());
    assert!(db::list_addresses(&pool, id).await.unwrap().is_empty());
    // An empty book starts over: the next address is the default again.
    let fresh = add(&pool, id, "Abbas El Akkad", false).await;
    assert_eq!(defaults(&pool, id).await, [fresh]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_address_book_is_capped(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let other = user(&pool, "omar@example.com").await;
    let mut ids = Vec::new();
    for i in 0..MAX_ADDRESSES {
        ids.push(add(&pool, id, &format!("Street {i}"), i % 3 == 0).await);
    }
    assert_eq!(
        db::add_address(&pool, id, &address("One Too Many"), true)
            .await
            .unwrap(),
        None
    );
    assert_eq!(address_count(&pool, id).await, MAX_ADDRESSES);
    // The refused add did not take the default away.
    assert_eq!(defaults(&pool, id).await.len(), 1);
    // The cap is per person.
    assert!(db::add_address(&pool, other, &address("Elsewhere"), false)
        .await
        .unwrap()
        .is_some());
    // Making room lets one more in.
    assert!(db::delete_address(&pool, id, ids[5]).await.unwrap());
    assert!(db::add_address(&pool, id, &address("Room Again"), false)
        .await
        .unwrap()
        .is_some());
    assert_eq!(address_count(&pool, id).await, MAX_ADDRESSES);
}

#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_default_adds_leave_exactly_one_default(pool: PgPool) {
    const TASKS: usize = 10;
    let id = user(&pool, "mona@example.com").await;
    let wide = wide_pool(&pool, TASKS as u32 + 1).await;

    // Hold the person's row so all adds start together once it is released.
    let mut gate = wide.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE")
        .bind(id)
        .execute(&mut *gate)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..TASKS)
        .map(|i| {
            let wide = wide.clone();
            tokio::spawn(async move {
                db::add_address(&wide, id, &address(&format!("Street {i}")), true)
                    .await
                    .unwrap()
            })
        })
        .collect();
    wait_for_lock_waiters(&pool, TASKS as i64).await;
    gate.commit().await.unwrap();
    for task in tasks {
        assert!(task.await.unwrap().is_some());
    }
    wide.close().await;

    assert_eq!(address_count(&pool, id).await, TASKS as i64);
    assert_eq!(defaults(&pool, id).await.len(), 1);
}

#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_adds_respect_the_cap(pool: PgPool) {
    const TASKS: usize = 6;
    let id = user(&pool, "mona@example.com").await;
    for i in 0..MAX_ADDRESSES - 2 {
        add(&pool, id, &format!("Street {i}"), false).await;
    }
    let wide = wide_pool(&pool, TASKS as u32 + 1).await;
    let mut gate = wide.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE")
        .bind(id)
        .execute(&mut *gate)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..TASKS)
        .map(|i| {
            let wide = wide.clone();
            tokio::spawn(async move {
                db::add_address(&wide, id, &address(&format!("Race {i}")), i % 2 == 0)
                    .await
                    .unwrap()
            })
        })
        .collect();
    wait_for_lock_waiters(&pool, TASKS as i64).await;
    gate.commit().await.unwrap();
    let mut added = 0;
    for task in tasks {
        if task.await.unwrap().is_some() {
            added += 1;
        }
    }
    wide.close().await;
    assert_eq!(added, 2);
    assert_eq!(address_count(&pool, id).await, MAX_ADDRESSES);
    assert_eq!(defaults(&pool, id).await.len(), 1);
}

/// BUG: `set_default_address` does not take the person's row lock that `add_address` takes.
/// Two concurrent calls both clear the old default, and the second one's insert of its new
/// default then breaks `addresses_one_default`: that request fails with a database error.
#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_set_default_calls_all_succeed(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let current = add(&pool, id, "Abbas El Akkad", false).await;
    let a = add(&pool, id, "Makram Ebeid", false).await;
    let b = add(&pool, id, "Mostafa El Nahas", false).await;
    let wide = wide_pool(&pool, 3).await;

    // Hold the current default's row so both calls are inside clear_default together.
    let mut gate = wide.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM addresses WHERE id = $1 FOR UPDATE")
        .bind(current)
        .execute(&mut *gate)
        .await
        .unwrap();
    let tasks: Vec<_> = [a, b]
        .into_iter()
        .map(|target| {
            let wide = wide.clone();
            tokio::spawn(async move { db::set_default_address(&wide, id, target).await })
        })
        .collect();
    wait_for_lock_waiters(&pool, 2).await;
    gate.commit().await.unwrap();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap().map_err(|e| format!("{e:?}")));
    }
    wide.close().await;
    assert_eq!(results, [Ok(true), Ok(true)]);
    assert_eq!(defaults(&pool, id).await.len(), 1);
}

/// BUG: `delete_address` does not take the person's row lock either. Deleting the default
/// while the oldest remaining address is being deleted promotes a row that is gone, and the
/// book is left with addresses but no default.
#[sqlx::test(migrations = "../../migrations")]
async fn concurrent_deletes_keep_a_default(pool: PgPool) {
    let id = user(&pool, "mona@example.com").await;
    let oldest = add(&pool, id, "Abbas El Akkad", false).await;
    add(&pool, id, "Makram Ebeid", false).await;
    let default = add(&pool, id, "Mostafa El Nahas", true).await;
    let wide = wide_pool(&pool, 3).await;

    let mut gate = wide.begin().await.unwrap();
    sqlx::query("SELECT 1 FROM addresses WHERE id = $1 FOR UPDATE")
        .bind(oldest)
        .execute(&mut *gate)
        .await
        .unwrap();
    // First in the queue: deleting the oldest (not the default).
    let first = {
        let wide = wide.clone();
        tokio::spawn(async move { db::delete_address(&wide, id, oldest).await.unwrap() })
    };
    wait_for_lock_waiters(&pool, 1).await;
    // Second: deleting the default, which tries to promote the oldest.
    let second = {
        let wide = wide.clone();
        tokio::spawn(async move { db::delete_address(&wide, id, default).await.unwrap() })
    };
    wait_for_lock_waiters(&pool, 2).await;
    gate.commit().await.unwrap();
    assert!(first.await.unwrap());
    assert!(second.await.unwrap());
    wide.close().await;

    assert_eq!(address_count(&pool, id).await, 1);
    assert_eq!(defaults(&pool, id).await.len(), 1);
}

// ---- sign-in throttling ------------------------------------------------------------------

async fn fail(pool: &PgPool, email: &str, ip: Option<&str>) {
    db::record_sign_in_failure(pool, email, ip).await.unwrap();
}

async fn throttled(pool: &PgPool, email: &str, ip: Option<&str>) -> bool {
    db::sign_in_throttled(pool, email, ip, &Throttle::default())
        .await
        .unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn sign_in_is_throttled_per_account(pool: PgPool) {
    let limit = Throttle::default().per_account;
    assert_eq!(limit, 5);
    assert!(!throttled(&pool, "mona@example.com", Some("10.0.0.1")).await);
    for i in 0..limit {
        assert!(!throttled(&pool, "mona@example.com", Some("10.0.0.1")).await);
        // From a different address each time: the account is what is counted.
        fail(&pool, "mona@example.com", Some(&format!("10.1.0.{i}"))).await;
    }
    assert!(throttled(&pool, "mona@example.com", Some("10.0.0.1")).await);
    assert!(throttled(&pool, "mona@example.com", Some("2001:db8::1")).await);
    assert!(throttled(&pool, "mona@example.com", None).await);
    assert!(!throttled(&pool, "omar@example.com", Some("10.0.0.2")).await);
    assert!(!throttled(&pool, "omar@example.com", None).await);
}

#[sqlx::test(migrations = "../../migrations")]
async fn sign_in_is_throttled_per_ip(pool: PgPool) {
    let limit = Throttle::default().per_ip;
    assert_eq!(limit, 20);
    for i in 0..limit {
        assert!(!throttled(&pool, "new@example.com", Some("10.0.0.1")).await);
        fail(&pool, &format!("person{i}@example.com"), Some("10.0.0.1")).await;
    }
    assert!(throttled(&pool, "new@example.com", Some("10.0.0.1")).await);
    assert!(!throttled(&pool, "new@example.com", Some("10.0.0.2")).await);
    assert!(!throttled(&pool, "new@example.com", None).await);
    // No single account reached its own limit.
    assert!(!throttled(&pool, "person0@example.com", Some("10.0.0.2")).await);
}

#[sqlx::test(migrations = "../../migrations")]
async fn ipv6_addresses_are_counted_too(pool: PgPool) {
    for i in 0..Throttle::default().per_ip {
        fail(
            &pool,
            &format!("person{i}@example.com"),
            Some("2001:db8::1"),
        )
        .await;
    }
    assert!(throttled(&pool, "new@example.com", Some("2001:db8::1")).await);
    assert!(!throttled(&pool, "new@example.com", Some("2001:db8::2")).await);
}

#[sqlx::test(migrations = "../../migrations")]
async fn failures_without_a_client_ip_count_only_per_account(pool: PgPool) {
    for i in 0..Throttle::default().per_ip {
        fail(&pool, &format!("person{i}@example.com"), None).await;
    }
    // Unknown addresses are not lumped together into one "address".
    assert!(!throttled(&pool, "new@example.com", None).await);
    assert!(!throttled(&pool, "new@example.com", Some("10.0.0.1")).await);
    for _ in 0..Throttle::default().per_account {
        fail(&pool, "mona@example.com", None).await;
    }
    assert!(throttled(&pool, "mona@example.com", None).await);
    assert!(throttled(&pool, "mona@example.com", Some("10.0.0.1")).await);
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sign_in_failures WHERE client_ip IS NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(stored, 25);
}

#[sqlx::test(migrations = "../../migrations")]
async fn failures_older_than_the_window_do_not_count(pool: PgPool) {
    for i in 0..Throttle::default().per_ip {
        let email = if i < 5 {
            "mona@example.com".to_string()
        } else {
            format!("person{i}@example.com")
        };
        fail(&pool, &email, Some("10.0.0.1")).await;
    }
    assert!(throttled(&pool, "mona@example.com", Some("10.0.0.9")).await);
    assert!(throttled(&pool, "new@example.com", Some("10.0.0.1")).await);

    sqlx::query("UPDATE sign_in_failures SET failed_at = now() - interval '16 minutes'")
        .execute(&pool)
        .await
        .unwrap();
    assert!(!throttled(&pool, "mona@example.com", Some("10.0.0.9")).await);
    assert!(!throttled(&pool, "new@example.com", Some("10.0.0.1")).await);
    // Still inside a longer window.
    let longer = Throttle {
        window_secs: 20 * 60,
        ..Throttle::default()
    };
    assert!(
        db::sign_in_throttled(&pool, "mona@example.com", None, &longer)
            .await
            .unwrap()
    );
}

#[sqlx::test(migrations = "../../migrations")]
async fn recording_a_failure_prunes_day_old_rows(pool: PgPool) {
    fail(&pool, "mona@example.com", Some("10.0.0.1")).await;
    fail(&pool, "mona@example.com", Some("10.0.0.1")).await;
    sqlx::query(
        "UPDATE sign_in_failures SET failed_at = now() - interval '2 days'
         WHERE id = (SELECT min(id) FROM sign_in_failures)",
    )
    .execute(&pool)
    .await
    .unwrap();
    fail(&pool, "omar@example.com", None).await;
    let (rows, old): (i64, i64) = sqlx::query_as(
        "SELECT count(*), count(*) FILTER (WHERE failed_at < now() - interval '1 day')
         FROM sign_in_failures",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((rows, old), (2, 0));
}

#[sqlx::test(migrations = "../../migrations")]
async fn clear_sign_in_failures_forgets_the_account(pool: PgPool) {
    for _ in 0..Throttle::default().per_account {
        fail(&pool, "mona@example.com", Some("10.0.0.1")).await;
        fail(&pool, "omar@example.com", Some("10.0.0.2")).await;
    }
    assert!(throttled(&pool, "mona@example.com", None).await);
    db::clear_sign_in_failures(&pool, "mona@example.com")
        .await
        .unwrap();
    assert!(!throttled(&pool, "mona@example.com", None).await);
    assert!(!throttled(&pool, "mona@example.com", Some("10.0.0.1")).await);
    // Another account's failures stay.
    assert!(throttled(&pool, "omar@example.com", None).await);
    // Clearing an account with no failures is fine.
    db::clear_sign_in_failures(&pool, "nobody@example.com")
        .await
        .unwrap();
}

// ---- signing key -------------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn the_signing_key_is_made_once(pool: PgPool) {
    let first = db::signing_key(&pool).await.unwrap();
    assert!(first.len() >= 32);
    assert!(first.iter().any(|&b| b != 0));
    let second = db::signing_key(&pool).await.unwrap();
    assert_eq!(first, second);
    let keys: i64 = sqlx::query_scalar("SELECT count(*) FROM app_secrets")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(keys, 1);
}

// ---- cleanup -----------------------------------------------------------------------------

#[sqlx::test(migrations = "../../migrations")]
async fn cleanup_deletes_dead_sessions_tokens_and_links_only(pool: PgPool) {
    let mona = user(&pool, "mona@example.com").await;
    let (live, _) = session(&pool, mona).await;
    let (expired, _) = session(&pool, mona).await;
    let (revoked_long_ago, _) = session(&pool, mona).await;
    let (revoked_now, _) = session(&pool, mona).await;
    // A live session keeps its rotated tokens (reuse detection needs them).
    sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id, rotated_at) VALUES ($1, $2, now() - interval '30 days')")
        .bind(vec![7u8; 32])
        .bind(live)
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("UPDATE sessions SET expires_at = now() - interval '2 hours' WHERE id = $1")
        .bind(expired)
        .execute(&pool)
        .await
        .unwrap();
    revoke(&pool, revoked_long_ago, "sign-out").await;
    revoke(&pool, revoked_now, "sign-out").await;
    sqlx::query("UPDATE sessions SET revoked_at = now() - interval '2 days' WHERE id = $1")
        .bind(revoked_long_ago)
        .execute(&pool)
        .await
        .unwrap();

    let used = create_link(&pool, mona, LinkPurpose::VerifyEmail).await;
    assert_eq!(
        consume_link(&pool, &used, LinkPurpose::VerifyEmail).await,
        Some(mona)
    );
    let _used_just_now = {
        let secret = create_link(&pool, mona, LinkPurpose::VerifyEmail).await;
        consume_link(&pool, &secret, LinkPurpose::VerifyEmail).await;
        secret
    };
    let expired_link = create_link(&pool, mona, LinkPurpose::PasswordReset).await;
    let live_link = create_link(&pool, mona, LinkPurpose::VerifyEmail).await;
    // `used` was used two hours ago; `expired_link` ran out two hours ago (creating
    // `live_link` marked nothing of another purpose).
    sqlx::query(
        "UPDATE account_tokens SET used_at = now() - interval '2 hours' \
         WHERE used_at IS NOT NULL AND purpose = 'verify-email' \
           AND token_hash = (SELECT token_hash FROM account_tokens WHERE purpose = 'verify-email' \
                             AND used_at IS NOT NULL ORDER BY created_at LIMIT 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE account_tokens SET expires_at = now() - interval '2 hours' \
         WHERE purpose = 'password-reset'",
    )
    .execute(&pool)
    .await
    .unwrap();

    let cleaned = db::delete_dead_rows(&pool, 3600).await.unwrap();
    assert_eq!(
        cleaned,
        db::Cleaned {
            sessions: 2,
            refresh_tokens: 2,
            links: 2,
        }
    );
    let sessions: Vec<i64> = sqlx::query_scalar("SELECT id FROM sessions ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(sessions, [live, revoked_now]);
    let live_tokens: i64 =
        sqlx::query_scalar("SELECT count(*) FROM refresh_tokens WHERE session_id = $1")
            .bind(live)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(live_tokens, 2, "the live session keeps its rotated token");
    // The live link still works; the dead ones are gone.
    assert!(
        db::link_is_valid(&pool, &live_link, LinkPurpose::VerifyEmail)
            .await
            .unwrap()
    );
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM account_tokens")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(links, 2, "the live link and the one used a moment ago");
    let _ = expired_link;

    // Run again: nothing left to do.
    assert_eq!(db::delete_dead_rows(&pool, 3600).await.unwrap().total(), 0);
}
