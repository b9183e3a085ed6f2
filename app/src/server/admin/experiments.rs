//! A/B tests for staff: each experiment's variants with visitors, conversions, the
//! uplift against the control with its 95 % interval and the z-test's p-value; stop,
//! start again, roll a variant out to everyone (audited).

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
const CHANGE: Action = Action::new("experiment.change");

/// One variant's line of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VariantLine {
    pub name: String,
    pub weight: u32,
    pub visitors: u64,
    pub conversions: u64,
    pub rate: f64,
    /// Against the control (absent for the control, or when there is nothing to test).
    pub uplift: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub p_value: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExperimentView {
    pub id: i64,
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    pub running: bool,
    pub winner: Option<String>,
    pub window_days: i32,
    pub started: String,
    pub variants: Vec<VariantLine>,
}

#[server(endpoint = "admin/experiments")]
pub async fn admin_experiments() -> Result<Vec<ExperimentView>, AppError> {
    use dokkan_events::experiment::compare;
    support::with_role(Permission::BackOffice).await?;
    let pool = support::state().pool;
    let mut out = Vec::new();
    for e in dokkan_events::experiment_db::list(&pool).await? {
        let tallies = dokkan_events::experiment_db::report(&pool, &e).await?;
        let control = tallies.first().map(|t| t.1).unwrap_or_default();
        let variants = tallies
            .iter()
            .enumerate()
            .map(|(i, (name, tally))| {
                let versus = (i > 0).then(|| compare(control, *tally)).flatten();
                VariantLine {
                    name: name.clone(),
                    weight: e
                        .variants
                        .iter()
                        .find(|v| v.name == *name)
                        .map_or(0, |v| v.weight),
                    visitors: tally.visitors,
                    conversions: tally.conversions,
                    rate: tally.rate(),
                    uplift: versus.and_then(|c| c.uplift),
                    low: versus.and_then(|c| c.uplift_low),
                    high: versus.and_then(|c| c.uplift_high),
                    p_value: versus.map(|c| c.p_value),
                }
            })
            .collect();
        out.push(ExperimentView {
            id: e.id,
            key: e.key,
            name_en: e.name_en,
            name_ar: e.name_ar,
            running: e.running,
            winner: e.winner,
            window_days: e.window_days,
            started: e.started_at.to_rfc3339(),
            variants,
        });
    }
    Ok(out)
}

/// `action`: `stop`, `start` or `roll-out` (with `variant`). Every instance follows within
/// half a minute; this one at once.
#[server(endpoint = "admin/experiments/change")]
pub async fn change_experiment(
    #[server(default)] lang: String,
    id: i64,
    #[server(default)] action: String,
    #[server(default)] variant: String,
) -> Result<(), AppError> {
    use dokkan_events::experiment_db::{self, Change};
    let locale = support::locale(&lang);
    let change = match action.as_str() {
        "stop" => Change::Stop,
        "start" => Change::Start,
        "roll-out" if !variant.trim().is_empty() => Change::RollOut(variant.trim().to_string()),
        _ => return Err(AppError::bad_request()),
    };
    let admin = support::admin_write(Permission::BackOffice, CHANGE).await?;
    let mut tx = admin.begin().await?;
    if !experiment_db::change(&mut tx, id, &change).await? {
        return Err(AppError::not_found());
    }
    tx.commit().await?;
    let state = support::state();
    if let Err(error) = state.experiments.refresh(&state.pool).await {
        tracing::warn!(?error, "reloading the experiments failed");
    }
    support::redirect(&format!("/{locale}/admin/experiments?changed=1"));
    Ok(())
}
