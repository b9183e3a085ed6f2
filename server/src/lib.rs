//! The Dokkan server as a library, so tests can start the real router on port 0.

pub mod config;
pub mod db;
pub mod health;
pub mod middleware;
pub mod router;
pub mod shutdown;
pub mod telemetry;

pub use app::state::AppState;
