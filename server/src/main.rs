//! `dokkan`: serve the shop (default), `migrate` the database, `seed` the demo catalog,
//! `import` / `export` products as CSV, `events import`, `recommend train|batch|evaluate`.

use clap::{Parser, Subcommand};
use dokkan_accounts::{Email, Password, PersonName};
use dokkan_server::{
    config::{Config, DatabaseConfig, LogFormat},
    db, insights_cli, telemetry, Application,
};
use std::io::IsTerminal as _;

mod products_csv;

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
    /// Give a fresh install its first admin (or make an existing account admin).
    /// The password is read from DOKKAN_ADMIN_PASSWORD, else from standard input.
    CreateAdmin {
        email: String,
        /// Display name for a new account.
        #[arg(long, default_value = "Admin")]
        name: String,
    },
    /// Load the demo catalog (idempotent).
    Seed {
        /// Only when the catalog has no products yet.
        #[arg(long)]
        if_empty: bool,
    },
    /// Import a CSV file (see `dokkan import products --help`).
    #[command(subcommand)]
    Import(products_csv::ImportCommand),
    /// Export to a CSV file (see `dokkan export products --help`).
    #[command(subcommand)]
    Export(products_csv::ExportCommand),
    /// Shopper events (see `dokkan events import --help`).
    #[command(subcommand)]
    Events(EventsCommand),
    /// Recommendations: train, batch, evaluate.
    #[command(subcommand)]
    Recommend(RecommendCommand),
    /// The shopping assistant: evaluate its intent model.
    #[command(subcommand)]
    Assistant(AssistantCommand),
}

#[derive(Subcommand)]
enum AssistantCommand {
    /// k-fold cross-validation of the intent model on its corpus: accuracy per intent and
    /// script, and the confusion matrix.
    Evaluate {
        #[arg(long, default_value_t = 5)]
        folds: usize,
    },
}

#[derive(Subcommand)]
enum EventsCommand {
    /// Import another shop's history: a CSV with the columns visitor_id,handle,event,ts
    /// (event: product_view, add_to_cart or purchase; ts: ISO 8601).
    Import {
        file: std::path::PathBuf,
        /// Import the other rows when some name products this shop does not have
        /// (without it, nothing is imported).
        #[arg(long)]
        skip_unknown: bool,
    },
}

#[derive(Subcommand)]
enum RecommendCommand {
    /// Train every model now and print what was trained.
    Train,
    /// Read visitor ids (one a line) on standard input; write one JSON line per visitor
    /// with their "for you" handles.
    Batch {
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Leave out every product the visitor has any event on.
        #[arg(long)]
        exclude_seen: bool,
    },
    /// Hold out each buyer's last purchase of an item new to them, train on the rest, and
    /// print HR@10, NDCG@10 and catalog coverage for popularity, each model and the blend.
    Evaluate,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    telemetry::init(LogFormat::from_env());
    let cli = Cli::parse();
    let config = Config::from_env()?;
    let database = config.database.clone();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => Application::build(config).await?.run().await,
        Command::Migrate { fresh } => {
            if fresh {
                db::drop(&database).await?;
            }
            db::migrate(&database).await?.close().await;
            Ok(())
        }
        Command::CreateAdmin { email, name } => create_admin(database, &email, &name).await,
        Command::Import(command) => {
            let pool = db::migrate(&database).await?;
            let result = products_csv::import(&pool, &config.media, command).await;
            pool.close().await;
            result
        }
        Command::Export(command) => {
            let pool = db::migrate(&database).await?;
            let result = products_csv::export(&pool, &config.media, command).await;
            pool.close().await;
            result
        }
        Command::Events(EventsCommand::Import { file, skip_unknown }) => {
            let pool = db::migrate(&database).await?;
            let csv = std::fs::File::open(&file)
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            let result =
                insights_cli::import_events(&pool, csv, skip_unknown, &mut std::io::stderr()).await;
            pool.close().await;
            let imported = result?;
            println!(
                "{} events imported, {} rows skipped",
                imported.events, imported.skipped
            );
            Ok(())
        }
        Command::Assistant(AssistantCommand::Evaluate { folds }) => {
            let examples = dokkan_assistant::corpus::examples();
            let settings = dokkan_assistant::model::Settings::default();
            let report = dokkan_assistant::evaluate::cross_validate(&examples, folds, &settings)?;
            print!("{}", dokkan_assistant::evaluate::render(&report));
            Ok(())
        }
        Command::Recommend(command) => {
            let pool = db::migrate(&database).await?;
            let window = config.insights.window_days;
            let mut out = std::io::stdout().lock();
            let result = match command {
                RecommendCommand::Train => insights_cli::train(&pool, window, &mut out).await,
                RecommendCommand::Batch {
                    limit,
                    exclude_seen,
                } => {
                    let input = std::io::stdin().lock();
                    insights_cli::batch(&pool, window, input, &mut out, limit, exclude_seen)
                        .await
                        .map(|_| ())
                }
                RecommendCommand::Evaluate => insights_cli::evaluate(&pool, window, &mut out)
                    .await
                    .map(|_| ()),
            };
            pool.close().await;
            result
        }
        Command::Seed { if_empty } => {
            let pool = db::migrate(&database).await?;
            let media = dokkan_media::MediaStore::new(config.media.dir.clone());
            let report = dokkan_catalog::seed::load_demo(&pool, &media, if_empty).await?;
            if report.skipped {
                println!("catalog already has products; demo seed skipped");
            } else {
                println!(
                    "demo catalog: {} categories and {} products added",
                    report.categories_added, report.products_added
                );
            }
            // The demo quiz comes with the demo catalog (a shop with its own catalog and
            // `--if-empty` gets none).
            if (!report.skipped || !if_empty) && dokkan_quiz::demo::seed(&pool).await? {
                println!("demo quiz `{}` added", dokkan_quiz::demo::SLUG);
            }
            pool.close().await;
            Ok(())
        }
    }
}

async fn create_admin(database: DatabaseConfig, email: &str, name: &str) -> anyhow::Result<()> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
    let name = PersonName::parse(name).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
    // Never an argument: arguments end up in shell history and `ps`.
    let secret = match std::env::var("DOKKAN_ADMIN_PASSWORD") {
        Ok(secret) => secret,
        Err(_) if std::io::stdin().is_terminal() => {
            rpassword::prompt_password("Password for the admin account: ")?
        }
        Err(_) => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    let password = Password::new(&secret).map_err(|e| anyhow::anyhow!("password: {e}"))?;
    let hash = password.hash()?;
    let pool = db::migrate(&database).await?;
    let (id, created) =
        dokkan_accounts::db::create_or_promote_admin(&pool, &email, &name, &hash).await?;
    if created {
        println!("admin account {email} created (id {id})");
    } else {
        println!("{email} (id {id}) is now an admin; its password was replaced");
    }
    pool.close().await;
    Ok(())
}
