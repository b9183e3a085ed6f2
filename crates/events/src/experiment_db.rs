//! The A/B tests' SQL and the in-memory copy pages choose variants from.

use std::sync::RwLock;

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool, Row as _};

use crate::db::Result;
use crate::experiment::{assign, Tally, Variant};
use crate::VisitorId;

#[derive(Debug, Clone, PartialEq)]
pub struct Experiment {
    pub id: i64,
    pub key: String,
    pub name_en: String,
    pub name_ar: String,
    /// The first is the control.
    pub variants: Vec<Variant>,
    pub running: bool,
    pub winner: Option<String>,
    pub window_days: i32,
    pub started_at: DateTime<Utc>,
    pub stopped_at: Option<DateTime<Utc>>,
}

fn experiment(row: &sqlx::postgres::PgRow) -> Result<Experiment> {
    let variants: sqlx::types::Json<Vec<Variant>> = row.try_get("variants")?;
    Ok(Experiment {
        id: row.try_get("id")?,
        key: row.try_get("key")?,
        name_en: row.try_get("name_en")?,
        name_ar: row.try_get("name_ar")?,
        variants: variants.0,
        running: row.try_get::<&str, _>("status")? == "running",
        winner: row.try_get("winner")?,
        window_days: row.try_get("window_days")?,
        started_at: row.try_get("started_at")?,
        stopped_at: row.try_get("stopped_at")?,
    })
}

const COLUMNS: &str =
    "id, key, name_en, name_ar, variants, status, winner, window_days, started_at, stopped_at";

pub async fn list(pool: &PgPool) -> Result<Vec<Experiment>> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM experiments ORDER BY id DESC"
    ))
    .fetch_all(pool)
    .await?;
    rows.iter().map(experiment).collect()
}

/// Each variant's exposed visitors and how many of them bought within the window after
/// their first exposure (themselves, or the account they signed in to). The control first.
pub async fn report(pool: &PgPool, experiment: &Experiment) -> Result<Vec<(String, Tally)>> {
    let rows = sqlx::query(
        "SELECT x.variant, count(*) AS visitors, \
                count(*) FILTER (WHERE EXISTS ( \
                    SELECT 1 FROM events e \
                     WHERE e.kind = 'purchase' \
                       AND e.occurred_at >= x.exposed_at \
                       AND e.occurred_at < x.exposed_at + make_interval(days => $2) \
                       AND (e.visitor_id = x.visitor_id \
                            OR e.user_id = (SELECT user_id FROM visitor_accounts va \
                                             WHERE va.visitor_id = x.visitor_id)))) AS conversions \
           FROM experiment_exposures x WHERE x.experiment_id = $1 GROUP BY x.variant",
    )
    .bind(experiment.id)
    .bind(experiment.window_days)
    .fetch_all(pool)
    .await?;
    let mut tallies: Vec<(String, Tally)> = experiment
        .variants
        .iter()
        .map(|v| (v.name.clone(), Tally::default()))
        .collect();
    for row in rows {
        let name: String = row.try_get("variant")?;
        let tally = Tally {
            visitors: row.try_get::<i64, _>("visitors")? as u64,
            conversions: row.try_get::<i64, _>("conversions")? as u64,
        };
        match tallies.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = tally,
            // A variant removed since: still reported.
            None => tallies.push((name, tally)),
        }
    }
    Ok(tallies)
}

/// What an admin may do to an experiment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Stop,
    /// Running again, counting from where it was (a rolled-out winner is withdrawn).
    Start,
    /// Everyone gets this variant from now on; the test stops.
    RollOut(String),
}

/// Applies a change inside the caller's (audited) transaction; `Ok(false)` when there is
/// no such experiment or no such variant.
pub async fn change(conn: &mut PgConnection, id: i64, change: &Change) -> Result<bool> {
    let done = match change {
        Change::Stop => sqlx::query(
            "UPDATE experiments SET status = 'stopped', stopped_at = coalesce(stopped_at, now()) \
              WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected(),
        Change::Start => sqlx::query(
            "UPDATE experiments SET status = 'running', winner = NULL, stopped_at = NULL WHERE id = $1",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?
        .rows_affected(),
        Change::RollOut(variant) => sqlx::query(
            "UPDATE experiments SET status = 'stopped', winner = $2, stopped_at = coalesce(stopped_at, now()) \
              WHERE id = $1 AND variants @> jsonb_build_array(jsonb_build_object('name', $2::text))",
        )
        .bind(id)
        .bind(variant)
        .execute(&mut *conn)
        .await?
        .rows_affected(),
    };
    Ok(done == 1)
}

/// The variant a page shows, and whether this showing counts as an exposure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub experiment_id: i64,
    pub variant: String,
    /// False for a rolled-out winner: nobody is being tested any more.
    pub counted: bool,
}

/// Every instance's copy of the experiments, refreshed with the models (and at once after
/// an admin's change on this instance).
#[derive(Debug, Default)]
pub struct Registry {
    current: RwLock<Vec<Experiment>>,
}

impl Registry {
    pub async fn refresh(&self, pool: &PgPool) -> Result<()> {
        let all = list(pool).await?;
        *self.current.write().expect("not poisoned") = all;
        Ok(())
    }

    /// The rolled-out winner for everyone; while running, the visitor's own variant (only
    /// a visitor with an id can be tested); otherwise `None` (the page's default).
    pub fn choose(&self, key: &str, visitor: Option<&VisitorId>) -> Option<Choice> {
        let all = self.current.read().expect("not poisoned");
        let e = all.iter().find(|e| e.key == key)?;
        if let Some(winner) = &e.winner {
            return Some(Choice {
                experiment_id: e.id,
                variant: winner.clone(),
                counted: false,
            });
        }
        if !e.running {
            return None;
        }
        let index = assign(&e.key, visitor?.as_str(), &e.variants)?;
        Some(Choice {
            experiment_id: e.id,
            variant: e.variants[index].name.clone(),
            counted: true,
        })
    }
}
