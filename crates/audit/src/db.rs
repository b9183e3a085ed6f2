//! Audited transactions and the log's queries.

use crate::{Action, AuditError, Change, Entry, EntryKind, Filter, Page};
use serde_json::Value;
use sqlx::{PgConnection, PgPool, Postgres, Row as _, Transaction};

pub type Result<T> = std::result::Result<T, AuditError>;

/// Who is acting: a signed-in person (from an address), or a named operator tool
/// (`cli`) for writes made on the server's command line.
#[derive(Debug, Clone)]
pub struct Who {
    pub user_id: Option<i64>,
    pub name: Option<String>,
    pub ip: Option<std::net::IpAddr>,
}

impl Who {
    pub fn user(user_id: i64, ip: Option<std::net::IpAddr>) -> Who {
        Who {
            user_id: Some(user_id),
            name: None,
            ip,
        }
    }

    pub fn tool(name: &str) -> Who {
        Who {
            user_id: None,
            name: Some(name.to_string()),
            ip: None,
        }
    }
}

/// Starts a transaction whose writes the log records as `action` by `who`. Commit it
/// as usual: the entries commit or roll back with the writes.
pub async fn begin(
    pool: &PgPool,
    who: &Who,
    action: Action,
) -> Result<Transaction<'static, Postgres>> {
    let mut tx = pool.begin().await?;
    mark(&mut tx, who, action).await?;
    Ok(tx)
}

/// Marks a transaction the caller already holds (settings are local to it).
pub async fn mark(conn: &mut PgConnection, who: &Who, action: Action) -> Result<()> {
    sqlx::query(
        "SELECT set_config('dokkan.action', $1, true), \
                set_config('dokkan.actor_id', $2, true), \
                set_config('dokkan.actor_name', $3, true), \
                set_config('dokkan.ip', $4, true)",
    )
    .bind(action.as_str())
    .bind(who.user_id.map(|id| id.to_string()).unwrap_or_default())
    .bind(who.name.clone().unwrap_or_default())
    .bind(who.ip.map(|ip| ip.to_string()).unwrap_or_default())
    .execute(conn)
    .await?;
    Ok(())
}

/// The fields that differ between two row images, in key order. Values are
/// shown as JSON text, strings without their quotes.
pub fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let old = before.and_then(Value::as_object).unwrap_or(&empty);
    let new = after.and_then(Value::as_object).unwrap_or(&empty);
    let mut fields: Vec<&String> = new.keys().collect();
    fields.extend(old.keys().filter(|k| !new.contains_key(*k)));
    fields
        .into_iter()
        .filter(|field| old.get(*field) != new.get(*field))
        .map(|field| Change {
            field: field.clone(),
            before: old.get(field).map(text),
            after: new.get(field).map(text),
        })
        .collect()
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn day(value: &Option<String>) -> Result<Option<chrono::NaiveDate>> {
    value
        .as_deref()
        .filter(|v| !v.is_empty())
        .map(|v| {
            chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| AuditError::Filter("date"))
        })
        .transpose()
}

fn term(value: &Option<String>) -> Option<String> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// Entries matching `filter`, newest first, `limit` at a time. The actor matches a part
/// of the email; action and entity match from their start (`order` finds `order.ship`).
pub async fn list(pool: &PgPool, filter: &Filter, limit: i64) -> Result<Page> {
    let from = day(&filter.from)?;
    let to = day(&filter.to)?;
    let rows = sqlx::query(
        "SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS at, \
                actor_user_id, actor_email, host(ip) AS ip, action, entity, entity_id, \
                before::text AS before, after::text AS after \
           FROM audit_log \
          WHERE ($1::text IS NULL OR actor_email ILIKE '%' || $1 || '%') \
            AND ($2::text IS NULL OR action LIKE $2 || '%') \
            AND ($3::text IS NULL OR entity LIKE $3 || '%') \
            AND ($4::text IS NULL OR entity_id = $4) \
            AND ($5::date IS NULL OR at >= $5::date) \
            AND ($6::date IS NULL OR at < $6::date + 1) \
            AND ($7::bigint IS NULL OR id < $7) \
          ORDER BY id DESC LIMIT $8",
    )
    .bind(term(&filter.actor).map(|a| a.replace(['%', '_'], "")))
    .bind(term(&filter.action))
    .bind(term(&filter.entity))
    .bind(term(&filter.entity_id))
    .bind(from)
    .bind(to)
    .bind(filter.before_id)
    .bind(limit + 1)
    .fetch_all(pool)
    .await?;
    let more = rows.len() as i64 > limit;
    let mut entries = Vec::with_capacity(rows.len());
    for row in rows.into_iter().take(limit as usize) {
        let before = json(row.try_get("before")?);
        let after = json(row.try_get("after")?);
        let kind = match (&before, &after) {
            (None, _) => EntryKind::Created,
            (_, None) => EntryKind::Deleted,
            _ => EntryKind::Updated,
        };
        entries.push(Entry {
            id: row.try_get("id")?,
            at: row.try_get("at")?,
            actor_user_id: row.try_get("actor_user_id")?,
            actor_email: row.try_get("actor_email")?,
            ip: row.try_get("ip")?,
            action: row.try_get("action")?,
            entity: row.try_get("entity")?,
            entity_id: row.try_get("entity_id")?,
            kind,
            changes: changes(before.as_ref(), after.as_ref()),
        });
    }
    let next_before_id = if more {
        entries.last().map(|e| e.id)
    } else {
        None
    };
    Ok(Page {
        entries,
        next_before_id,
    })
}

fn json(text: Option<String>) -> Option<Value> {
    text.and_then(|t| serde_json::from_str(&t).ok())
}

/// How many entries a transaction group wrote, by action (tests and the role matrix).
pub async fn count_since(pool: &PgPool, after_id: i64) -> Result<Vec<(String, String, i64)>> {
    Ok(sqlx::query_as(
        "SELECT action, entity, count(*) FROM audit_log WHERE id > $1 \
          GROUP BY action, entity ORDER BY action, entity",
    )
    .bind(after_id)
    .fetch_all(pool)
    .await?)
}

/// The newest entry's id (0 for an empty log).
pub async fn last_id(pool: &PgPool) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM audit_log")
            .fetch_one(pool)
            .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_list_only_what_differs() {
        let before = json!({"id": 7, "role": "customer", "name": "Mona"});
        let after = json!({"id": 7, "role": "staff", "name": "Mona"});
        assert_eq!(
            changes(Some(&before), Some(&after)),
            vec![Change {
                field: "role".into(),
                before: Some("customer".into()),
                after: Some("staff".into())
            }]
        );
    }

    #[test]
    fn a_created_row_shows_every_field_and_a_deleted_one_too() {
        let row = json!({"id": 1, "price": 1500, "tags": ["a"]});
        let created = changes(None, Some(&row));
        assert_eq!(created.len(), 3);
        assert!(created.iter().all(|c| c.before.is_none()));
        assert_eq!(created[2].after.as_deref(), Some("[\"a\"]"));
        let deleted = changes(Some(&row), None);
        assert!(deleted
            .iter()
            .all(|c| c.after.is_none() && c.before.is_some()));
    }
}
