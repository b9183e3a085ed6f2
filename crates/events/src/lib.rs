//! What shoppers do on the site, recorded on the server (no third-party script) for
//! recommendations, analytics and A/B tests.
//!
//! Pages never wait for an event: they hand it to an [`EventSink`](sink::EventSink), a
//! bounded in-process queue that a writer empties in batches; when the queue is full the
//! event is dropped and counted. Events live in a table partitioned by month.

pub mod consent;
#[cfg(feature = "ssr")]
pub mod experiment;
#[cfg(feature = "ssr")]
pub mod experiment_db;
mod kind;
pub mod report;
mod visitor;

pub use consent::Consent;
pub use kind::{Event, Kind};
pub use visitor::VisitorId;

#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod sink;

#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[cfg(feature = "ssr")]
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("line {line}: {reason}")]
    BadRow { line: u64, reason: String },
    #[error("{0}")]
    Csv(String),
}
