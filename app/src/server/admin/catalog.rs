//! The catalog from the browser: a CSV import (same format and code as `dokkan import
//! products`), checked in full first (a dry run lists every bad row and writes
//! nothing), then written in one audited transaction.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::ErrorKind;
#[cfg(feature = "ssr")]
use crate::server::support::{self, FormCheck};
#[cfg(feature = "ssr")]
use dokkan_accounts::Permission;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use server_fn::codec::{MultipartData, MultipartFormData};

/// Largest CSV the browser may send; the demo catalog's file is 60 KB.
pub const MAX_CSV_BYTES: usize = 8 * 1024 * 1024;

/// What an import (or its dry run) found, in the admin's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportResult {
    pub dry_run: bool,
    /// Every row is good (and, unless a dry run, written).
    pub ok: bool,
    pub summary: String,
    /// (line, problem), in line order.
    pub problems: Vec<(u64, String)>,
}

#[server(endpoint = "admin/catalog/import", input = MultipartFormData)]
pub async fn import_products(data: MultipartData) -> Result<ImportResult, AppError> {
    use dokkan_audit::Action;
    use dokkan_catalog::{
        csv::{
            import::{self, ImportOptions},
            StoredImages,
        },
        CatalogError,
    };
    let admin = support::admin_write(Permission::BackOffice, Action::new("catalog.import")).await?;
    let mut multipart = data.into_inner().ok_or(AppError::internal())?;
    let (mut lang, mut dry_run, mut file) = (String::new(), false, None::<Vec<u8>>);
    while let Ok(Some(mut field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let mut bytes = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            if bytes.len() + chunk.len() > MAX_CSV_BYTES {
                let locale = support::locale(&lang);
                return Err(FormCheck::new(locale)
                    .message("admin-import-too-large")
                    .into_error()
                    .with_kind(ErrorKind::PayloadTooLarge));
            }
            bytes.extend_from_slice(&chunk);
        }
        match name.as_str() {
            "lang" => lang = String::from_utf8_lossy(&bytes).into_owned(),
            "dry_run" => dry_run = bytes == b"1" || bytes == b"true",
            "file" => file = Some(bytes),
            _ => {}
        }
    }
    let locale = support::locale(&lang);
    let Some(file) = file.filter(|f| !f.is_empty()) else {
        return Err(FormCheck::new(locale)
            .message("admin-import-no-file")
            .into_error());
    };
    let media = dokkan_media::MediaStore::new(support::state().media_dir);
    let options = ImportOptions {
        dry_run,
        skip_existing: false,
    };
    let mut tx = admin.begin().await?;
    let result = import::run_in(
        &mut tx,
        &file,
        &StoredImages(&media),
        &media,
        options,
        |_, _| {},
    )
    .await;
    match result {
        Ok(report) => {
            if dry_run {
                tx.rollback().await?;
            } else {
                tx.commit().await?;
            }
            let n = |v: usize| locale.digits(&v.to_string());
            let key = if dry_run {
                "admin-import-checked"
            } else {
                "admin-import-done"
            };
            let summary = crate::i18n::t_with(
                locale,
                key,
                &[
                    ("created", &n(report.products_created)),
                    ("updated", &n(report.products_updated)),
                    (
                        "variants",
                        &n(report.variants_created + report.variants_updated),
                    ),
                ],
            );
            Ok(ImportResult {
                dry_run,
                ok: true,
                summary,
                problems: Vec::new(),
            })
        }
        Err(CatalogError::InvalidRows(rows)) => {
            // Dropping the transaction rolls back whatever the check wrote.
            drop(tx);
            let problems: Vec<(u64, String)> = rows
                .iter()
                .map(|row| {
                    let (key, args) = row.problem.fluent();
                    let args: Vec<(&str, &str)> =
                        args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    (row.line, crate::i18n::t_with(locale, key, &args))
                })
                .collect();
            let lines = rows
                .iter()
                .map(|r| r.line)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            Ok(ImportResult {
                dry_run,
                ok: false,
                summary: crate::i18n::t_count(locale, "admin-import-refused", lines),
                problems,
            })
        }
        Err(CatalogError::Csv(error)) => {
            tracing::info!(%error, "unreadable CSV upload");
            Err(FormCheck::new(locale)
                .message("admin-import-unreadable")
                .into_error())
        }
        Err(other) => Err(other.into()),
    }
}
