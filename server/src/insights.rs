//! The workers behind events and recommendations: the event writer, the monthly
//! partitions and their retention, training (one instance at a time) and every
//! instance's swap to the newest model.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use dokkan_events::experiment_db::Registry;
use dokkan_events::sink::{self, EventSink};
use dokkan_recommend::db::Trained;
use dokkan_recommend::serving::Recommender;
use sqlx::PgPool;
use tokio::task::JoinHandle;

use crate::config::InsightsConfig;

/// What [`start`] hands the composition root.
pub struct Started {
    pub sink: EventSink,
    pub recommender: Arc<Recommender>,
    pub experiments: Arc<Registry>,
    /// A fresh shop's first training, under way.
    pub first_training: Option<JoinHandle<()>>,
    /// The event writer: it ends, having written what was queued, once every sink clone
    /// is dropped (at shutdown).
    pub writer: Option<JoinHandle<()>>,
    pub workers: Vec<JoinHandle<()>>,
}

/// The sink pages record into, and the workers that keep events and models going.
pub async fn start(pool: &PgPool, config: &InsightsConfig) -> anyhow::Result<Started> {
    let mut workers = Vec::new();
    let (sink, writer) = if config.events {
        dokkan_events::db::ensure_current_partitions(pool).await?;
        let settings = sink::Config::default();
        let (sink, receiver) = EventSink::bounded(&settings);
        let writer = tokio::spawn(sink::run_writer(
            pool.clone(),
            receiver,
            sink.stats().clone(),
            settings,
        ));
        (sink, Some(writer))
    } else {
        tracing::info!("shopper events are off (DOKKAN_EVENTS=off)");
        (EventSink::disabled(), None)
    };
    workers.push(spawn_partitions(pool.clone(), config.retention_months));

    let recommender = Arc::new(Recommender::default());
    // A fresh shop has no model yet: the content model (similar items) needs no events,
    // so train once now rather than show nothing until the first hour has passed; in the
    // background, as a large catalog takes a while and the shop serves meanwhile.
    let first_training = if dokkan_recommend::db::serving_version(pool).await?.is_none() {
        let (pool, recommender, days) = (pool.clone(), recommender.clone(), config.window_days);
        Some(tokio::spawn(async move {
            train(&pool, days).await;
            if let Err(error) = recommender.refresh(&pool).await {
                tracing::warn!(?error, "loading the recommendation models failed");
            }
        }))
    } else {
        if let Err(error) = recommender.refresh(pool).await {
            tracing::warn!(?error, "loading the recommendation models failed");
        }
        None
    };
    let experiments = Arc::new(Registry::default());
    experiments
        .refresh(pool)
        .await
        .context("reading the A/B tests")?;
    workers.push(spawn_refresh(
        pool.clone(),
        recommender.clone(),
        experiments.clone(),
    ));
    if config.train_every_secs > 0 {
        workers.push(spawn_training(
            pool.clone(),
            Duration::from_secs(config.train_every_secs),
            config.window_days,
        ));
    }
    Ok(Started {
        sink,
        recommender,
        experiments,
        first_training,
        writer,
        workers,
    })
}

/// Trains and logs what happened; errors are logged, never fatal.
pub async fn train(pool: &PgPool, window_days: i32) -> Option<Trained> {
    match dokkan_recommend::db::train(pool, window_days).await {
        Ok(trained) => {
            if let Trained::Saved {
                version,
                events,
                visitors,
                products,
                seconds,
            } = &trained
            {
                tracing::info!(
                    version,
                    events,
                    visitors,
                    products,
                    seconds,
                    "recommendation models trained"
                );
            }
            Some(trained)
        }
        Err(error) => {
            tracing::warn!(?error, "training the recommendation models failed");
            None
        }
    }
}

fn spawn_partitions(pool: PgPool, keep_months: u32) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(error) = dokkan_events::db::ensure_current_partitions(&pool).await {
                tracing::warn!(?error, "creating the events' monthly partitions failed");
            }
            match dokkan_events::db::drop_expired(&pool, keep_months).await {
                Ok(dropped) if !dropped.is_empty() => {
                    tracing::info!(?dropped, "expired event partitions dropped")
                }
                Ok(_) => {}
                Err(error) => tracing::warn!(?error, "dropping expired event partitions failed"),
            }
        }
    })
}

/// Every instance looks for a newer (or rolled back) version, and for changed A/B tests,
/// twice a minute.
fn spawn_refresh(
    pool: PgPool,
    recommender: Arc<Recommender>,
    experiments: Arc<Registry>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        tick.tick().await;
        loop {
            tick.tick().await;
            match recommender.refresh(&pool).await {
                Ok(true) => tracing::info!(
                    version = recommender.current().map(|l| l.version),
                    "recommendation models swapped"
                ),
                Ok(false) => {}
                Err(error) => tracing::warn!(?error, "loading the recommendation models failed"),
            }
            if let Err(error) = experiments.refresh(&pool).await {
                tracing::warn!(?error, "reading the A/B tests failed");
            }
        }
    })
}

fn spawn_training(pool: PgPool, every: Duration, window_days: i32) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            train(&pool, window_days).await;
        }
    })
}
