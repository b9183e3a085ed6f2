//! `dokkan`: serve the shop (default), `migrate` the database, or `seed` the demo catalog.

use anyhow::Context;
use clap::{Parser, Subcommand};
use dokkan_server::{
    config::{DatabaseConfig, HttpConfig, LogFormat},
    db, router, shutdown, telemetry, AppState,
};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dokkan",
    version,
    about = "Dokkan (دكان), a bilingual online shop"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the shop on LEPTOS_SITE_ADDR (default 127.0.0.1:3000).
    Serve,
    /// Create the database if needed and apply pending migrations.
    Migrate {
        /// Drop the database first and start from nothing (tests, benchmarks).
        #[arg(long)]
        fresh: bool,
    },
    /// Load the demo catalog (idempotent).
    Seed {
        /// Only when the catalog has no products yet.
        #[arg(long)]
        if_empty: bool,
    },
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init(LogFormat::from_env());
    let cli = Cli::parse();
    let database = DatabaseConfig::from_env()?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(database).await,
        Command::Migrate { fresh } => {
            if fresh {
                db::drop(&database).await?;
            }
            db::migrate(&database).await?.close().await;
            Ok(())
        }
        Command::Seed { if_empty } => {
            let pool = db::migrate(&database).await?;
            let report = dokkan_catalog::seed::load_demo(&pool, if_empty).await?;
            if report.skipped {
                println!("catalog already has products; demo seed skipped");
            } else {
                println!(
                    "demo catalog: {} categories and {} products added",
                    report.categories_added, report.products_added
                );
            }
            pool.close().await;
            Ok(())
        }
    }
}

async fn serve(database: DatabaseConfig) -> anyhow::Result<()> {
    let http = HttpConfig::from_env()?;
    let pool = db::lazy_pool(&database)?;
    let addr = http.leptos.site_addr;
    let state = AppState {
        leptos_options: http.leptos,
        pool: pool.clone(),
        public_url: http.public_url,
    };
    let app = router::build(state);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown::signal())
        .await
        .context("server error")?;
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
}
