//! `dokkan`: serve the shop (default), `migrate` the database, `seed` the demo catalog,
//! `import` / `export` products as CSV.

use anyhow::Context;
use clap::{Parser, Subcommand};
use dokkan_accounts::{Email, Password, PersonName};
use dokkan_server::{
    config::{
        AuthConfig, DatabaseConfig, HttpConfig, LogFormat, MailConfig, MediaConfig, PaymentsConfig,
    },
    db, router, shutdown, telemetry, AppState,
};
use std::{io::IsTerminal as _, net::SocketAddr, sync::Arc, time::Duration};

mod generate;
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
    /// Add a large generated bilingual catalog (benchmarks; see server/src/generate.rs).
    #[command(hide = true)]
    GenerateCatalog(generate::Args),
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
        Command::CreateAdmin { email, name } => create_admin(database, &email, &name).await,
        Command::GenerateCatalog(args) => {
            let pool = db::migrate(&database).await?;
            generate::run(&pool, &args).await?;
            pool.close().await;
            Ok(())
        }
        Command::Import(command) => {
            let pool = db::migrate(&database).await?;
            let result = products_csv::import(&pool, command).await;
            pool.close().await;
            result
        }
        Command::Export(command) => {
            let pool = db::migrate(&database).await?;
            let result = products_csv::export(&pool, command).await;
            pool.close().await;
            result
        }
        Command::Seed { if_empty } => {
            let pool = db::migrate(&database).await?;
            let media = dokkan_media::MediaStore::new(MediaConfig::from_env().dir);
            let report = dokkan_catalog::seed::load_demo(&pool, &media, if_empty).await?;
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
    let auth = AuthConfig::from_env(&http.public_url)?;
    // The signing key may live in the database: wait for it rather than serve sign-ins
    // that cannot be verified later.
    let auth = dokkan_server::auth_settings(&pool, &auth).await?;
    let mail = MailConfig::from_env();
    tracing::info!(dir = %mail.dir.display(), "mail is written to files (development sink)");
    let mailer = Arc::new(dokkan_mail::FileMailer::new(mail.dir));
    let worker = dokkan_mail::spawn_worker(pool.clone(), mailer);
    let internal = format!("http://{addr}");
    let payments = PaymentsConfig::from_env(&http.public_url, &internal)?;
    if payments.fake.is_some() {
        tracing::warn!("the fake card provider is mounted at /fake-provider (development only)");
    }
    let commerce = dokkan_server::payments::commerce(&pool, &payments).await?;
    let status_listener =
        dokkan_server::order_events::spawn_listener(pool.clone(), commerce.status_changes.clone());
    let expiry = dokkan_server::jobs::spawn_payment_expiry(pool.clone(), Duration::from_secs(30));
    let pruning = dokkan_server::jobs::spawn_cart_pruning(pool.clone(), Duration::from_secs(3600));
    let state = AppState {
        leptos_options: http.leptos,
        pool: pool.clone(),
        public_url: http.public_url,
        auth: Arc::new(auth),
        media_dir: MediaConfig::from_env().dir,
        search: dokkan_catalog::index::SearchIndex::new(),
        commerce,
    };
    // Load the index before the first shopper needs it, then keep following changes
    // made by other instances and tools (each read also checks).
    let follower = state
        .search
        .spawn_follower(pool.clone(), Duration::from_secs(2));
    let app = router::build_with(state, payments.fake)
        .into_make_service_with_connect_info::<SocketAddr>();
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown::signal())
        .await
        .context("server error")?;
    worker.abort();
    follower.abort();
    status_listener.abort();
    expiry.abort();
    pruning.abort();
    pool.close().await;
    tracing::info!("stopped");
    Ok(())
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
