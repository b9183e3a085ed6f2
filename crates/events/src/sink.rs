//! The bounded queue between pages and the database: `record` never waits, a writer task
//! takes events off in batches of up to [`Config::batch`] and writes each batch with one
//! statement. When the queue is full the event is dropped and counted.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::mpsc;

use crate::Event;

#[derive(Debug, Clone, Copy)]
pub struct Config {
    /// Events waiting at most; more are dropped.
    pub capacity: usize,
    /// Events per INSERT at most.
    pub batch: usize,
    /// How long the writer waits to fill a batch once it has one event.
    pub linger: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            capacity: 10_000,
            batch: 1_000,
            linger: Duration::from_millis(200),
        }
    }
}

/// Counters for `/metrics` and the tests.
#[derive(Debug, Default)]
pub struct Stats {
    pub accepted: AtomicU64,
    pub dropped: AtomicU64,
    pub written: AtomicU64,
    pub failed: AtomicU64,
    pub batches: AtomicU64,
}

impl Stats {
    pub fn snapshot(&self) -> [(&'static str, u64); 5] {
        [
            ("accepted", self.accepted.load(Ordering::Relaxed)),
            ("dropped", self.dropped.load(Ordering::Relaxed)),
            ("written", self.written.load(Ordering::Relaxed)),
            ("failed", self.failed.load(Ordering::Relaxed)),
            ("batches", self.batches.load(Ordering::Relaxed)),
        ]
    }
}

/// Where pages put events. Cheap to clone; a disabled sink drops everything uncounted.
#[derive(Debug, Clone)]
pub struct EventSink {
    sender: Option<mpsc::Sender<Event>>,
    stats: Arc<Stats>,
}

impl EventSink {
    /// A sink and the receiving end its writer ([`run_writer`]) takes.
    pub fn bounded(config: &Config) -> (EventSink, mpsc::Receiver<Event>) {
        let (sender, receiver) = mpsc::channel(config.capacity.max(1));
        let sink = EventSink {
            sender: Some(sender),
            stats: Arc::default(),
        };
        (sink, receiver)
    }

    /// Events off (`DOKKAN_EVENTS=off`): nothing is queued or written.
    pub fn disabled() -> EventSink {
        EventSink {
            sender: None,
            stats: Arc::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.sender.is_some()
    }

    /// Queues the event, or drops and counts it when the queue is full. Never waits.
    pub fn record(&self, event: Event) {
        let Some(sender) = &self.sender else { return };
        match sender.try_send(event) {
            Ok(()) => self.stats.accepted.fetch_add(1, Ordering::Relaxed),
            Err(_) => self.stats.dropped.fetch_add(1, Ordering::Relaxed),
        };
    }

    pub fn stats(&self) -> &Arc<Stats> {
        &self.stats
    }
}

/// Writes queued events until every sender is gone, then flushes what is left.
pub async fn run_writer(
    pool: PgPool,
    mut receiver: mpsc::Receiver<Event>,
    stats: Arc<Stats>,
    config: Config,
) {
    let mut batch: Vec<Event> = Vec::with_capacity(config.batch);
    while let Some(first) = receiver.recv().await {
        batch.push(first);
        let deadline = tokio::time::Instant::now() + config.linger;
        while batch.len() < config.batch {
            match tokio::time::timeout_at(deadline, receiver.recv()).await {
                Ok(Some(event)) => batch.push(event),
                Ok(None) | Err(_) => break,
            }
        }
        write(&pool, &mut batch, &stats).await;
    }
    if !batch.is_empty() {
        write(&pool, &mut batch, &stats).await;
    }
}

async fn write(pool: &PgPool, batch: &mut Vec<Event>, stats: &Stats) {
    let n = batch.len() as u64;
    match crate::db::insert(pool, batch).await {
        Ok(()) => {
            if let Err(error) = crate::db::insert_exposures(pool, batch).await {
                tracing::warn!(%error, "could not keep a batch's experiment exposures");
            }
            stats.written.fetch_add(n, Ordering::Relaxed);
            stats.batches.fetch_add(1, Ordering::Relaxed);
        }
        Err(error) => {
            // Lost, not retried: events are best-effort and must never back up the queue.
            stats.failed.fetch_add(n, Ordering::Relaxed);
            tracing::warn!(%error, events = n, "could not write a batch of events");
        }
    }
    batch.clear();
}
