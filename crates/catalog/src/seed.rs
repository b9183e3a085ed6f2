//! The demo catalog: `seed/demo.csv` and its pictures under `seed/images/`, compiled into
//! the binary and loaded through the CSV importer, in one transaction, idempotently.

use crate::csv::{
    import::{self, ImportOptions},
    StaticImages,
};
use crate::CatalogError;
use dokkan_media::MediaStore;
use sqlx::PgPool;

/// The demo catalog in the import format.
pub const DEMO_CSV: &[u8] = include_bytes!("../seed/demo.csv");

/// The pictures `DEMO_CSV` names, by their path relative to it (`images/x.png`); the
/// list is written by `build.rs`.
pub const DEMO_IMAGES: StaticImages =
    StaticImages(include!(concat!(env!("OUT_DIR"), "/seed_images.rs")));

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub categories_added: usize,
    pub products_added: usize,
    /// True when the catalog already had products and `only_if_empty` was asked.
    pub skipped: bool,
}

/// Loads the demo catalog, pictures into `media`. Products already present (same handle)
/// are left as they are, so running it twice changes nothing.
pub async fn load_demo(
    pool: &PgPool,
    media: &MediaStore,
    only_if_empty: bool,
) -> Result<SeedReport, CatalogError> {
    let mut tx = pool.begin().await?;
    // The importer's lock, taken before the emptiness check: two instances starting
    // together cannot both find the catalog empty.
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('dokkan-catalog-import'))")
        .execute(&mut *tx)
        .await?;
    if only_if_empty {
        let existing: i64 = sqlx::query_scalar("SELECT count(*) FROM products")
            .fetch_one(&mut *tx)
            .await?;
        if existing > 0 {
            return Ok(SeedReport {
                skipped: true,
                ..SeedReport::default()
            });
        }
    }
    let options = ImportOptions {
        dry_run: false,
        skip_existing: true,
    };
    let report = import::run_in(&mut tx, DEMO_CSV, &DEMO_IMAGES, media, options, |_, _| {}).await?;
    // One transaction gives every product the same created_at; spread them a second
    // apart, the file's first product newest, so "newest" lists the file's order.
    let created: Vec<&str> = report.created.iter().map(|h| h.as_str()).collect();
    sqlx::query(
        "UPDATE products p SET created_at = now() - make_interval(secs => h.ord)
           FROM unnest($1::text[]) WITH ORDINALITY AS h(handle, ord)
          WHERE p.handle = h.handle",
    )
    .bind(&created)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    tracing::info!(
        categories = report.categories_created,
        products = report.products_created,
        "demo catalog seeded"
    );
    Ok(SeedReport {
        categories_added: report.categories_created,
        products_added: report.products_created,
        skipped: false,
    })
}

#[cfg(test)]
mod tests {
    use super::{DEMO_CSV, DEMO_IMAGES};
    use crate::csv::{parse, ImageSource};

    #[test]
    fn demo_file_is_valid_and_names_only_bundled_pictures() {
        let (products, errors) = parse(DEMO_CSV);
        assert_eq!(errors, vec![], "seed/demo.csv has bad rows");
        assert!(!products.is_empty());
        for variant in products.iter().flat_map(|p| &p.variants) {
            for path in variant.image.iter().chain(&variant.more_images) {
                assert!(DEMO_IMAGES.read(path).is_ok(), "{path} is not bundled");
            }
        }
        assert!(
            products
                .iter()
                .all(|p| p.variants.iter().any(|v| v.image.is_some())),
            "every demo product has a picture"
        );
    }
}
