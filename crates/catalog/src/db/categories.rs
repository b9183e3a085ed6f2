//! The category tree editor's writes: create, rename, move, reorder. Each runs in the
//! caller's (audited) transaction and answers what went wrong in terms a page can say.

use super::{category_search_name, find_category, free_category_slug, LevelMatch};
use crate::{csv::MAX_CATEGORY_DEPTH, CatalogError, Localized};
use sqlx::PgConnection;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TreeChange {
    Done,
    /// A sibling already has one of the names.
    NameTaken,
    NotFound,
    /// The new parent is the category itself or one of its descendants.
    Cycle,
    /// The move would nest categories deeper than the tree allows.
    TooDeep,
}

async fn sibling_clash(
    conn: &mut PgConnection,
    parent: Option<i64>,
    name: &Localized,
    except: Option<i64>,
) -> Result<bool, CatalogError> {
    Ok(match find_category(conn, parent, name).await? {
        LevelMatch::New => false,
        LevelMatch::Existing { id, .. } => Some(id) != except,
        LevelMatch::Conflict => true,
    })
}

/// A new category at the end of `parent`'s children (top level for `None`).
pub async fn create_category(
    conn: &mut PgConnection,
    parent: Option<i64>,
    name: &Localized,
) -> Result<TreeChange, CatalogError> {
    if let Some(parent) = parent {
        let depth = depth_of(conn, parent).await?;
        if depth == 0 {
            return Ok(TreeChange::NotFound);
        }
        if depth + 1 > MAX_CATEGORY_DEPTH as i32 {
            return Ok(TreeChange::TooDeep);
        }
    }
    if sibling_clash(conn, parent, name, None).await? {
        return Ok(TreeChange::NameTaken);
    }
    let mut path = match parent {
        Some(parent) => super::admin::category_path(conn, parent).await?,
        None => Vec::new(),
    };
    path.push(name.clone());
    let slug = free_category_slug(conn, &path).await?;
    sqlx::query(
        "INSERT INTO categories (slug, name_en, name_ar, parent_id, position, search_name)
         VALUES ($1, $2, $3, $4,
                 (SELECT COALESCE(max(position) + 1, 1) FROM categories
                   WHERE COALESCE(parent_id, 0) = COALESCE($4, 0)), $5)",
    )
    .bind(slug.as_str())
    .bind(&name.en)
    .bind(&name.ar)
    .bind(parent)
    .bind(category_search_name(name))
    .execute(conn)
    .await?;
    Ok(TreeChange::Done)
}

/// New names; the slug (and so every link to the category) stays.
pub async fn rename_category(
    conn: &mut PgConnection,
    id: i64,
    name: &Localized,
) -> Result<TreeChange, CatalogError> {
    let Some(parent) = lock(conn, id).await? else {
        return Ok(TreeChange::NotFound);
    };
    if sibling_clash(conn, parent, name, Some(id)).await? {
        return Ok(TreeChange::NameTaken);
    }
    sqlx::query(
        "UPDATE categories SET name_en = $2, name_ar = $3, search_name = $4, updated_at = now()
          WHERE id = $1",
    )
    .bind(id)
    .bind(&name.en)
    .bind(&name.ar)
    .bind(category_search_name(name))
    .execute(conn)
    .await?;
    Ok(TreeChange::Done)
}

/// Puts the category (with everything under it) under `parent`, last among its children.
pub async fn move_category(
    conn: &mut PgConnection,
    id: i64,
    parent: Option<i64>,
) -> Result<TreeChange, CatalogError> {
    if lock(conn, id).await?.is_none() {
        return Ok(TreeChange::NotFound);
    }
    let (name_en, name_ar): (String, String) =
        sqlx::query_as("SELECT name_en, name_ar FROM categories WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
    if let Some(parent) = parent {
        let below: bool = sqlx::query_scalar(
            "WITH RECURSIVE down AS (SELECT id FROM categories WHERE id = $1
                                     UNION ALL
                                     SELECT c.id FROM categories c JOIN down ON c.parent_id = down.id)
             SELECT EXISTS (SELECT 1 FROM down WHERE id = $2)",
        )
        .bind(id)
        .bind(parent)
        .fetch_one(&mut *conn)
        .await?;
        if below {
            return Ok(TreeChange::Cycle);
        }
        let depth = depth_of(conn, parent).await?;
        if depth == 0 {
            return Ok(TreeChange::NotFound);
        }
        let height: i32 = sqlx::query_scalar(
            "WITH RECURSIVE down AS (SELECT id, 1 AS level FROM categories WHERE id = $1
                                     UNION ALL
                                     SELECT c.id, down.level + 1 FROM categories c
                                       JOIN down ON c.parent_id = down.id)
             SELECT max(level) FROM down",
        )
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        if depth + height > MAX_CATEGORY_DEPTH as i32 {
            return Ok(TreeChange::TooDeep);
        }
    }
    if sibling_clash(conn, parent, &Localized::new(name_en, name_ar), Some(id)).await? {
        return Ok(TreeChange::NameTaken);
    }
    sqlx::query(
        "UPDATE categories SET parent_id = $2, updated_at = now(),
                position = (SELECT COALESCE(max(position) + 1, 1) FROM categories
                             WHERE COALESCE(parent_id, 0) = COALESCE($2, 0) AND id <> $1)
          WHERE id = $1",
    )
    .bind(id)
    .bind(parent)
    .execute(conn)
    .await?;
    Ok(TreeChange::Done)
}

/// Moves the category one place earlier (`earlier`) or later among its siblings.
pub async fn reorder_category(
    conn: &mut PgConnection,
    id: i64,
    earlier: bool,
) -> Result<TreeChange, CatalogError> {
    let Some(parent) = lock(conn, id).await? else {
        return Ok(TreeChange::NotFound);
    };
    let mut siblings: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM categories WHERE COALESCE(parent_id, 0) = COALESCE($1, 0)
          ORDER BY position, id FOR UPDATE",
    )
    .bind(parent)
    .fetch_all(&mut *conn)
    .await?;
    let at = siblings.iter().position(|s| *s == id).unwrap_or(0);
    let other = if earlier {
        at.checked_sub(1)
    } else {
        Some(at + 1)
    };
    if let Some(other) = other.filter(|o| *o < siblings.len()) {
        siblings.swap(at, other);
    }
    // Renumbered 1..n in the new order (older rows may share a position).
    sqlx::query(
        "UPDATE categories c SET position = o.n, updated_at = now()
           FROM unnest($1::bigint[]) WITH ORDINALITY AS o(id, n)
          WHERE c.id = o.id AND c.position <> o.n",
    )
    .bind(&siblings)
    .execute(conn)
    .await?;
    Ok(TreeChange::Done)
}

/// Locks the category; its parent (`Some(None)` at the top level), or `None` if missing.
async fn lock(conn: &mut PgConnection, id: i64) -> Result<Option<Option<i64>>, CatalogError> {
    let row: Option<(Option<i64>,)> =
        sqlx::query_as("SELECT parent_id FROM categories WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(parent,)| parent))
}

/// How many levels from the top the category sits (1 for a top-level one; 0 if missing).
async fn depth_of(conn: &mut PgConnection, id: i64) -> Result<i32, CatalogError> {
    Ok(super::admin::category_path(conn, id).await?.len() as i32)
}
