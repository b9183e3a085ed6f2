//! The recommendation models for staff: the stored versions, training now, and rolling a
//! bad version back to the one before (audited).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::support;
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
#[cfg(feature = "ssr")]
use dokkan_audit::Action;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const TRAIN: Action = Action::new("recommend.train");
#[cfg(feature = "ssr")]
const ROLL_BACK: Action = Action::new("recommend.roll-back");

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelVersion {
    pub version: i64,
    pub trained_at: String,
    pub events: i64,
    pub visitors: i32,
    pub products: i32,
    pub seconds: f32,
    pub rolled_back: bool,
    /// The version every instance serves (the newest not rolled back).
    pub serving: bool,
}

#[server(endpoint = "admin/recommendations")]
pub async fn admin_models() -> Result<Vec<ModelVersion>, AppError> {
    support::with_role(Permission::BackOffice).await?;
    let pool = support::state().pool;
    let serving = dokkan_recommend::db::serving_version(&pool).await?;
    Ok(dokkan_recommend::db::versions(&pool)
        .await?
        .into_iter()
        .map(|v| ModelVersion {
            version: v.version,
            trained_at: v.trained_at.to_rfc3339(),
            events: v.events,
            visitors: v.visitors,
            products: v.products,
            seconds: v.seconds,
            rolled_back: v.rolled_back,
            serving: Some(v.version) == serving,
        })
        .collect())
}

/// `action`: `train` (now, on this instance, unless another one is training) or
/// `roll-back` (the serving version; the one before serves again). This instance swaps at
/// once, the others within half a minute.
#[server(endpoint = "admin/recommendations/change")]
pub async fn change_models(
    #[server(default)] lang: String,
    #[server(default)] action: String,
) -> Result<(), AppError> {
    use dokkan_recommend::db::{self, Trained};
    let locale = support::locale(&lang);
    let state = support::state();
    let notice = match action.as_str() {
        "train" => {
            let admin = support::admin_write(Permission::BackOffice, TRAIN).await?;
            match db::train_as(
                &state.pool,
                state.recommend_window_days,
                Some(admin.audit()),
            )
            .await?
            {
                Trained::Saved { .. } => "trained",
                Trained::Busy => "busy",
            }
        }
        "roll-back" => {
            let admin = support::admin_write(Permission::BackOffice, ROLL_BACK).await?;
            db::roll_back_as(&state.pool, Some(admin.audit())).await?;
            "rolled-back"
        }
        _ => return Err(AppError::bad_request()),
    };
    if let Err(error) = state.recommender.refresh(&state.pool).await {
        tracing::warn!(?error, "loading the recommendation models failed");
    }
    support::redirect(&format!("/{locale}/admin/recommendations?done={notice}"));
    Ok(())
}
