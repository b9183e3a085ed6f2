//! The PostgreSQL pool and the embedded migrations.

use crate::config::DatabaseConfig;
use anyhow::Context;
use sqlx::{migrate::MigrateDatabase, postgres::PgPoolOptions, PgPool, Postgres};
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../migrations");

/// A pool that connects on first use, so the server starts (and `/health` answers) while
/// PostgreSQL is still coming up; `/ready` tells the difference.
pub fn lazy_pool(config: &DatabaseConfig) -> anyhow::Result<PgPool> {
    pool_options(config)
        .connect_lazy(config.url.expose())
        .context("DATABASE_URL is not a valid PostgreSQL URL")
}

fn pool_options(config: &DatabaseConfig) -> PgPoolOptions {
    PgPoolOptions::new()
        .max_connections(config.max_connections)
        .acquire_timeout(Duration::from_secs(3))
}

/// Creates the database when it does not exist, then applies pending migrations.
pub async fn migrate(config: &DatabaseConfig) -> anyhow::Result<PgPool> {
    if !Postgres::database_exists(config.url.expose())
        .await
        .context("cannot reach PostgreSQL (is it running, and is DATABASE_URL right?)")?
    {
        tracing::info!("creating the database");
        Postgres::create_database(config.url.expose())
            .await
            .context("creating the database")?;
    }
    let pool = pool_options(config)
        .connect(config.url.expose())
        .await
        .context("connecting to PostgreSQL")?;
    MIGRATOR.run(&pool).await.context("applying migrations")?;
    tracing::info!(migrations = MIGRATOR.iter().count(), "database is migrated");
    Ok(pool)
}

/// Drops the database if it exists (`dokkan migrate --fresh`).
pub async fn drop(config: &DatabaseConfig) -> anyhow::Result<()> {
    if Postgres::database_exists(config.url.expose())
        .await
        .context("cannot reach PostgreSQL")?
    {
        tracing::info!("dropping the database");
        Postgres::drop_database(config.url.expose())
            .await
            .context("dropping the database")?;
    }
    Ok(())
}
