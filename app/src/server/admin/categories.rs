//! The category tree editor's server functions (staff and admins).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
use dokkan_catalog::admin::TreeCategory;
use leptos::prelude::*;

#[server(endpoint = "admin/categories")]
pub async fn admin_categories() -> Result<Vec<TreeCategory>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    Ok(dokkan_catalog::db::admin::category_tree_rows(&support::state().pool).await?)
}

/// One change to the tree: `create` (under `parent`, empty for the top level), `rename`,
/// `move` (to `parent`), `earlier` or `later`.
#[server(endpoint = "admin/categories/change")]
pub async fn change_category(
    lang: String,
    change: String,
    #[server(default)] id: Option<i64>,
    #[server(default)] parent: String,
    #[server(default)] name_en: String,
    #[server(default)] name_ar: String,
) -> Result<(), AppError> {
    use dokkan_audit::Action;
    use dokkan_catalog::{
        db::categories::{self, TreeChange},
        Localized,
    };
    let locale = support::locale(&lang);
    let action = match change.as_str() {
        "create" => Action::new("category.create"),
        "rename" => Action::new("category.rename"),
        "move" => Action::new("category.move"),
        "earlier" | "later" => Action::new("category.reorder"),
        _ => {
            support::with_role(Permission::BackOffice).await?;
            return Err(AppError::bad_request());
        }
    };
    let admin = support::admin_write(Permission::BackOffice, action).await?;
    let text = |v: &str| v.split_whitespace().collect::<Vec<_>>().join(" ");
    let name = Localized::new(text(&name_en), text(&name_ar));
    let parent = parent.trim().parse::<i64>().ok();
    if matches!(change.as_str(), "create" | "rename") {
        let mut check = FormCheck::new(locale)
            .keep("name_en", &name.en)
            .keep("name_ar", &name.ar);
        for (field, value) in [("name_en", &name.en), ("name_ar", &name.ar)] {
            if value.is_empty() || value.chars().count() > 100 {
                check.invalid(field, "admin-category-name");
            }
        }
        if !check.is_ok() {
            return check.reject();
        }
    }
    let mut tx = admin.begin().await?;
    let id = id.unwrap_or_default();
    let outcome = match change.as_str() {
        "create" => categories::create_category(&mut tx, parent, &name).await?,
        "rename" => categories::rename_category(&mut tx, id, &name).await?,
        "move" => categories::move_category(&mut tx, id, parent).await?,
        "earlier" => categories::reorder_category(&mut tx, id, true).await?,
        _ => categories::reorder_category(&mut tx, id, false).await?,
    };
    let refused = |key: &str, kind: ErrorKind| {
        Err(FormCheck::new(locale)
            .message(key)
            .into_error()
            .with_kind(kind))
    };
    match outcome {
        TreeChange::Done => {
            tx.commit().await?;
            support::redirect(&format!("/{locale}/admin/categories?saved=1"));
            Ok(())
        }
        TreeChange::NameTaken => refused("admin-category-taken", ErrorKind::Conflict),
        TreeChange::Cycle => refused("admin-category-cycle", ErrorKind::Conflict),
        TreeChange::TooDeep => refused("admin-category-deep", ErrorKind::Conflict),
        TreeChange::NotFound => Err(AppError::not_found()),
    }
}
