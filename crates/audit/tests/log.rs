//! The log is written by triggers inside the audited transaction: it commits and rolls
//! back with the write, hides secrets, and leaves unaudited writes alone.

use dokkan_audit::{
    db::{self, Who},
    Action, EntryKind, Filter,
};
use sqlx::PgPool;

const SET_ROLE: Action = Action::new("user.set-role");

async fn user(pool: &PgPool, email: &str, role: &str) -> i64 {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, name, role) VALUES ($1, 'x', 'Test', $2) RETURNING id",
    )
    .bind(email)
    .bind(role)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn an_audited_write_is_logged_with_who_where_before_and_after(pool: PgPool) {
    let admin = user(&pool, "boss@example.com", "admin").await;
    let clerk = user(&pool, "clerk@example.com", "customer").await;
    let who = Who::user(admin, Some("203.0.113.9".parse().unwrap()));
    let mut tx = db::begin(&pool, &who, SET_ROLE).await.unwrap();
    sqlx::query("UPDATE users SET role = 'staff', password_hash = 'secret' WHERE id = $1")
        .bind(clerk)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let page = db::list(&pool, &Filter::default(), 50).await.unwrap();
    assert_eq!(page.entries.len(), 1, "{page:?}");
    let entry = &page.entries[0];
    assert_eq!(entry.actor_user_id, Some(admin));
    assert_eq!(entry.actor_email, "boss@example.com");
    assert_eq!(entry.ip.as_deref(), Some("203.0.113.9"));
    assert_eq!(entry.action, "user.set-role");
    assert_eq!(
        (entry.entity.as_str(), entry.entity_id.clone()),
        ("users", clerk.to_string())
    );
    assert_eq!(entry.kind, EntryKind::Updated);
    // The password hash changed too, but never reaches the log.
    let fields: Vec<&str> = entry.changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["role"]);
    assert_eq!(entry.changes[0].before.as_deref(), Some("customer"));
    assert_eq!(entry.changes[0].after.as_deref(), Some("staff"));
    let raw: String = sqlx::query_scalar("SELECT before::text || after::text FROM audit_log")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(!raw.contains("password_hash"), "{raw}");
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_rolled_back_write_leaves_no_entry_and_unaudited_writes_none(pool: PgPool) {
    let admin = user(&pool, "boss@example.com", "admin").await;
    let clerk = user(&pool, "clerk@example.com", "customer").await;
    let mut tx = db::begin(&pool, &Who::user(admin, None), SET_ROLE)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET role = 'staff' WHERE id = $1")
        .bind(clerk)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    // The same pooled connection, after the audited transaction ended: not audited.
    sqlx::query("UPDATE users SET name = 'Changed' WHERE id = $1")
        .bind(clerk)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(db::last_id(&pool).await.unwrap(), 0);
    // An update that changes nothing is no event either.
    let mut tx = db::begin(&pool, &Who::user(admin, None), SET_ROLE)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET role = role WHERE id = $1")
        .bind(clerk)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(db::last_id(&pool).await.unwrap(), 0);
}

#[sqlx::test(migrations = "../../migrations")]
async fn the_screen_filters_and_pages(pool: PgPool) {
    let admin = user(&pool, "boss@example.com", "admin").await;
    let mut tx = db::begin(&pool, &Who::tool("cli"), Action::new("category.create"))
        .await
        .unwrap();
    for i in 0..3 {
        sqlx::query("INSERT INTO categories (slug, name_en, name_ar) VALUES ($1, $1, $1)")
            .bind(format!("c-{i}"))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let mut tx = db::begin(&pool, &Who::user(admin, None), SET_ROLE)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET role = 'staff' WHERE id = $1")
        .bind(admin)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let only = |f: Filter| {
        let pool = pool.clone();
        async move { db::list(&pool, &f, 50).await.unwrap().entries }
    };
    let categories = only(Filter {
        entity: Some("categories".into()),
        ..Filter::default()
    })
    .await;
    assert_eq!(categories.len(), 3);
    assert!(categories
        .iter()
        .all(|e| e.actor_email == "cli" && e.kind == EntryKind::Created));
    let by_actor = only(Filter {
        actor: Some("BOSS".into()),
        ..Filter::default()
    })
    .await;
    assert_eq!(by_actor.len(), 1);
    assert_eq!(
        only(Filter {
            action: Some("category".into()),
            ..Filter::default()
        })
        .await
        .len(),
        3
    );
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(
        only(Filter {
            from: Some(today.clone()),
            to: Some(today),
            ..Filter::default()
        })
        .await
        .len(),
        4
    );
    assert!(db::list(
        &pool,
        &Filter {
            from: Some("yesterday".into()),
            ..Filter::default()
        },
        50
    )
    .await
    .is_err());

    let first = db::list(&pool, &Filter::default(), 3).await.unwrap();
    assert_eq!(first.entries.len(), 3);
    let rest = db::list(
        &pool,
        &Filter {
            before_id: first.next_before_id,
            ..Filter::default()
        },
        3,
    )
    .await
    .unwrap();
    assert_eq!(rest.entries.len(), 1);
    assert_eq!(rest.next_before_id, None);
}
