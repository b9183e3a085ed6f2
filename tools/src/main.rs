//! `dokkan-tools`: what maintains a shop's data and assets without being part of the
//! shop: `generate-catalog` for the benchmarks, `icons` for the installed app's icons.

use clap::{Parser, Subcommand};

mod bench_recommend;
mod generate;
mod icons;
mod synth_events;

#[derive(Parser)]
#[command(name = "dokkan-tools", about = "Dokkan maintenance tools")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add a large generated bilingual catalog to DATABASE_URL (already migrated), for
    /// `cargo xtask bench --large`. Never against a real shop.
    GenerateCatalog(generate::Args),
    /// Draw the web app's PNG icons from the SVG logo (`public/icons/`).
    Icons(icons::Args),
    /// Write a synthetic shopping history over DATABASE_URL's catalog as the CSV that
    /// `dokkan events import` reads.
    SynthEvents(synth_events::Args),
    /// Time training and serving of the recommenders on a synthetic log (in memory).
    BenchRecommend(bench_recommend::Args),
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let cli = Cli::parse();
    let command = match cli.command {
        Command::Icons(args) => return icons::run(&args),
        Command::BenchRecommend(args) => return bench_recommend::run(&args),
        other => other,
    };
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/dokkan".into());
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(9)
        .connect(&url)
        .await?;
    let result = match command {
        Command::GenerateCatalog(args) => generate::run(&pool, &args).await,
        Command::SynthEvents(args) => synth_events::run(&pool, &args).await,
        Command::Icons(_) | Command::BenchRecommend(_) => unreachable!("answered above"),
    };
    pool.close().await;
    result
}
