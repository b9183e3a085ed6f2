//! `dokkan import products FILE.csv [--dry-run]` and `dokkan export products FILE.csv`.
//! The format and its rules are in `dokkan_catalog::csv`.

use anyhow::Context;
use clap::Subcommand;
use dokkan_catalog::csv::{
    export,
    import::{self, ImportOptions, ImportReport},
    DirImages,
};
use dokkan_catalog::CatalogError;
use dokkan_media::MediaStore;
use dokkan_server::config::MediaConfig;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sqlx::PgPool;
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Create or update products from a CSV file, all rows or none. Image paths are
    /// relative to the file; pictures go to DOKKAN_MEDIA_DIR (default target/media).
    Products {
        file: PathBuf,
        /// Check every row, the database included, and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// Write every product to a CSV file, pictures beside it under images/.
    Products { file: PathBuf },
}

pub async fn import(
    pool: &PgPool,
    media: &MediaConfig,
    command: ImportCommand,
) -> anyhow::Result<()> {
    let ImportCommand::Products { file, dry_run } = command;
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let images = DirImages::new(folder_of(&file));
    let media = MediaStore::new(media.dir.clone());
    // A bar only for a person watching; logs and pipes get the summary alone.
    let bar = std::io::stdout().is_terminal().then(|| {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stdout());
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("a valid template"),
        );
        bar.set_message("pictures and products");
        bar
    });
    let options = ImportOptions {
        dry_run,
        skip_existing: false,
    };
    // Audited like the admin's import, as done from the server's command line.
    let mut tx = dokkan_audit::db::begin(
        pool,
        &dokkan_audit::db::Who::tool("cli"),
        dokkan_audit::Action::new("catalog.import"),
    )
    .await?;
    let result = import::run_in(&mut tx, &bytes, &images, &media, options, |done, total| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    })
    .await;
    if result.is_ok() && !dry_run {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(report) => {
            println!("{}", summary(&report));
            Ok(())
        }
        Err(CatalogError::InvalidRows(rows)) => {
            for row in &rows {
                eprintln!("{row}");
            }
            let lines = rows
                .iter()
                .map(|r| r.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            anyhow::bail!(
                "{lines} bad rows in {}; nothing was imported",
                file.display()
            )
        }
        Err(e) => Err(e).context("import failed; nothing was imported"),
    }
}

fn summary(report: &ImportReport) -> String {
    format!(
        "{}products: {} created, {} updated; variants: {} created, {} updated, {} deleted; \
         categories: {} created; pictures: {}",
        if report.dry_run {
            "dry run, nothing changed: "
        } else {
            ""
        },
        report.products_created,
        report.products_updated,
        report.variants_created,
        report.variants_updated,
        report.variants_deleted,
        report.categories_created,
        report.images,
    )
}

pub async fn export(
    pool: &PgPool,
    media: &MediaConfig,
    command: ExportCommand,
) -> anyhow::Result<()> {
    let ExportCommand::Products { file } = command;
    let media = MediaStore::new(media.dir.clone());
    let report = export::run(pool, &file, &media).await?;
    for path in &report.images_missing {
        eprintln!("warning: {path} is not in the media store; left out of the export");
    }
    println!(
        "exported {} products ({} variants) and {} pictures to {}",
        report.products,
        report.variants,
        report.images,
        file.display()
    );
    Ok(())
}

/// The folder image paths are relative to: the CSV file's own.
fn folder_of(file: &Path) -> PathBuf {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
