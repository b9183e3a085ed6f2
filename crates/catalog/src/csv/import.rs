//! `dokkan import products FILE.csv`: the whole file in one transaction, every row
//! checked (file, images, database) before anything is written.

use super::{parse, ImageSource, ProductDraft, RowError, RowProblem};
use crate::db::{self, ImageInput, OptionInput, ProductInput, VariantInput};
use crate::{CatalogError, Localized};
use dokkan_core::{Sku, Slug};
use dokkan_media::{MediaError, MediaStore, StoredImage};
use sqlx::{PgConnection, PgPool};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Check everything, the database included, then roll back; the media store is not
    /// written either.
    pub dry_run: bool,
    /// Leave products whose handle already exists as they are (the demo seed, which must
    /// not undo a merchant's edits).
    pub skip_existing: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub products_created: usize,
    pub products_updated: usize,
    /// Existing products left alone under [`ImportOptions::skip_existing`].
    pub products_skipped: usize,
    pub variants_created: usize,
    pub variants_updated: usize,
    /// Variants of imported products that the file no longer lists.
    pub variants_deleted: usize,
    pub categories_created: usize,
    /// Distinct image files the file names.
    pub images: usize,
    /// Handles of the created products, in file order.
    pub created: Vec<Slug>,
    pub dry_run: bool,
}

/// Every catalog import takes this lock for its transaction, so two never interleave.
const IMPORT_LOCK: &str = "SELECT pg_advisory_xact_lock(hashtext('dokkan-catalog-import'))";

/// Imports `csv` in a transaction of its own, committed unless `options.dry_run`.
/// `progress(done, total)` is called as images are checked and stored and products
/// written. On any bad row: `CatalogError::InvalidRows` with all of them, nothing changed.
pub async fn run(
    pool: &PgPool,
    csv: &[u8],
    images: &dyn ImageSource,
    media: &MediaStore,
    options: ImportOptions,
    progress: impl FnMut(usize, usize),
) -> Result<ImportReport, CatalogError> {
    let mut tx = pool.begin().await?;
    // An error drops the transaction, which rolls it back.
    let report = run_in(&mut tx, csv, images, media, options, progress).await?;
    if options.dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
    }
    Ok(report)
}

/// [`run`] inside the caller's transaction, which the caller commits, or rolls back on an
/// error or a dry run (this function writes to the database either way).
pub async fn run_in(
    conn: &mut PgConnection,
    csv: &[u8],
    images: &dyn ImageSource,
    media: &MediaStore,
    options: ImportOptions,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport, CatalogError> {
    sqlx::query(IMPORT_LOCK).execute(&mut *conn).await?;
    let (mut drafts, mut errors) = parse(csv);
    let mut report = ImportReport {
        dry_run: options.dry_run,
        ..ImportReport::default()
    };
    if options.skip_existing && !drafts.is_empty() {
        let handles: Vec<&str> = drafts.iter().map(|d| d.handle.as_str()).collect();
        let existing: HashSet<String> =
            sqlx::query_scalar("SELECT handle FROM products WHERE handle = ANY($1)")
                .bind(&handles)
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .collect();
        let before = drafts.len();
        drafts.retain(|d| !existing.contains(d.handle.as_str()));
        report.products_skipped = before - drafts.len();
    }

    // Each image once, with every line that names it.
    let mut paths: Vec<(String, Vec<u64>)> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for variant in drafts.iter().flat_map(|d| &d.variants) {
        for path in variant.image.iter().chain(&variant.more_images) {
            let index = *index_of.entry(path.clone()).or_insert_with(|| {
                paths.push((path.clone(), Vec::new()));
                paths.len() - 1
            });
            if paths[index].1.last() != Some(&variant.line) {
                paths[index].1.push(variant.line);
            }
        }
    }
    report.images = paths.len();
    let store_steps = if options.dry_run { 0 } else { paths.len() };
    let total = paths.len() + store_steps + drafts.len();
    let mut done = 0;
    progress(done, total);

    // Decoding every picture up front finds a broken file before anything is stored.
    let mut stored: HashMap<String, StoredImage> = HashMap::new();
    let checked = process_images(images, media, &paths, false, || {
        done += 1;
        progress(done, total);
    })
    .await?;
    for ((path, lines), result) in paths.iter().zip(checked) {
        match result {
            Ok(image) => {
                stored.insert(path.clone(), image);
            }
            Err(problem) => errors.extend(lines.iter().map(|&line| RowError {
                line,
                problem: problem.clone(),
            })),
        }
    }

    check_database(conn, &drafts, &mut errors).await?;
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(CatalogError::InvalidRows(errors));
    }

    if !options.dry_run {
        let results = process_images(images, media, &paths, true, || {
            done += 1;
            progress(done, total);
        })
        .await?;
        let mut changed = Vec::new();
        for ((path, lines), result) in paths.iter().zip(results) {
            match result {
                Ok(image) => {
                    stored.insert(path.clone(), image);
                }
                // Changed on disk since it was checked: still the row's fault.
                Err(problem) => changed.extend(lines.iter().map(|&line| RowError {
                    line,
                    problem: problem.clone(),
                })),
            }
        }
        if !changed.is_empty() {
            changed.sort_by_key(|e| e.line);
            return Err(CatalogError::InvalidRows(changed));
        }
    }

    for draft in &drafts {
        let outcome = db::upsert_product(conn, &product_input(draft, &stored)).await?;
        if outcome.created {
            report.products_created += 1;
            report.created.push(draft.handle.clone());
        } else {
            report.products_updated += 1;
        }
        report.categories_created += outcome.categories_created;
        report.variants_created += outcome.variants_created;
        report.variants_updated += outcome.variants_updated;
        report.variants_deleted += outcome.variants_deleted;
        done += 1;
        progress(done, total);
    }
    Ok(report)
}

/// Reads each image and checks it (`store`: and stores it), several at once on blocking
/// threads: decoding and encoding are the slow part of an import. One result per path, in
/// order; the outer error is the store's own failure, an inner one the file's.
async fn process_images(
    source: &dyn ImageSource,
    media: &MediaStore,
    paths: &[(String, Vec<u64>)],
    store: bool,
    mut tick: impl FnMut(),
) -> Result<Vec<Result<StoredImage, RowProblem>>, CatalogError> {
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let mut results: Vec<Option<Result<StoredImage, RowProblem>>> = vec![None; paths.len()];
    let mut running = tokio::task::JoinSet::new();
    let mut next = 0;
    while next < paths.len() || !running.is_empty() {
        while next < paths.len() && running.len() < parallel {
            let index = next;
            next += 1;
            let path = &paths[index].0;
            // Reading is quick and the source need not be shareable across threads.
            let bytes = match source.read(path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    let path = path.clone();
                    results[index] = Some(Err(if e.kind() == std::io::ErrorKind::NotFound {
                        RowProblem::ImageMissing { path }
                    } else {
                        RowProblem::ImageUnreadable {
                            path,
                            kind: e.kind(),
                        }
                    }));
                    tick();
                    continue;
                }
            };
            let media = media.clone();
            running.spawn_blocking(move || {
                let result = if store {
                    media.put(&bytes)
                } else {
                    media.inspect(&bytes)
                };
                (index, result)
            });
        }
        let Some(joined) = running.join_next().await else {
            continue;
        };
        let (index, result) = joined.map_err(|e| MediaError::Worker(e.to_string()))?;
        results[index] = Some(match result {
            Ok(image) => Ok(image),
            Err(MediaError::Rejected(reason)) => Err(RowProblem::ImageRejected {
                path: paths[index].0.clone(),
                reason,
            }),
            Err(e) => return Err(e.into()),
        });
        tick();
    }
    Ok(results
        .into_iter()
        .map(|r| r.expect("every path has a result"))
        .collect())
}

/// What only the database can tell: SKUs of other products, category names taken by two
/// different categories. Reads only.
async fn check_database(
    conn: &mut PgConnection,
    drafts: &[ProductDraft],
    errors: &mut Vec<RowError>,
) -> Result<(), CatalogError> {
    let skus: Vec<Sku> = drafts
        .iter()
        .flat_map(|d| d.variants.iter().map(|v| v.sku.clone()))
        .collect();
    let owners = db::sku_owners(conn, &skus).await?;
    for draft in drafts {
        for variant in &draft.variants {
            match owners.get(&variant.sku) {
                Some(owner) if *owner != draft.handle => errors.push(RowError {
                    line: variant.line,
                    problem: RowProblem::SkuOfOtherProduct {
                        sku: variant.sku.to_string(),
                        handle: owner.to_string(),
                    },
                }),
                _ => {}
            }
        }
    }
    let mut conflicts: HashMap<&[Localized], Option<Localized>> = HashMap::new();
    for draft in drafts {
        let conflict = match conflicts.get(draft.category.as_slice()) {
            Some(conflict) => conflict.clone(),
            None => {
                let conflict = db::category_path_conflict(conn, &draft.category).await?;
                conflicts.insert(&draft.category, conflict.clone());
                conflict
            }
        };
        if let Some(level) = conflict {
            errors.push(RowError {
                line: draft.line,
                problem: RowProblem::CategoryTaken {
                    name_en: level.en,
                    name_ar: level.ar,
                },
            });
        }
    }
    Ok(())
}

/// The draft with its images resolved: each distinct picture once, in the order the rows
/// name them, the variant's own picture first on its row.
fn product_input(draft: &ProductDraft, stored: &HashMap<String, StoredImage>) -> ProductInput {
    let mut pictures: Vec<&StoredImage> = Vec::new();
    let mut add = |path: &String| -> usize {
        let image = &stored[path];
        match pictures.iter().position(|p| p.hash == image.hash) {
            Some(index) => index,
            None => {
                pictures.push(image);
                pictures.len() - 1
            }
        }
    };
    let mut variant_images = Vec::with_capacity(draft.variants.len());
    for variant in &draft.variants {
        variant_images.push(variant.image.as_ref().map(&mut add));
        for path in &variant.more_images {
            add(path);
        }
    }
    let images = pictures
        .iter()
        .enumerate()
        .map(|(index, image)| ImageInput {
            path: image.url(),
            alt: alt_text(draft, &variant_images, index),
            media_hash: Some(image.hash.clone()),
            width: Some(image.width),
            height: Some(image.height),
        })
        .collect();
    ProductInput {
        handle: draft.handle.clone(),
        name: draft.name.clone(),
        description: draft.description.clone(),
        brand: draft.brand.clone(),
        tags: draft.tags.clone(),
        category_path: draft.category.clone(),
        options: draft
            .options
            .iter()
            .map(|o| OptionInput {
                key: o.key.clone(),
                name: o.name.clone(),
            })
            .collect(),
        images,
        variants: draft
            .variants
            .iter()
            .zip(variant_images)
            .map(|(v, image)| VariantInput {
                sku: v.sku.clone(),
                values: v.values.clone(),
                price: v.price,
                compare_at: v.compare_at,
                stock: v.stock,
                image,
            })
            .collect(),
    }
}

/// The product name, plus the option values that tell this picture from the product's
/// others: values all its variants share and some variant with another picture does not
/// (`Cotton T-Shirt – Red`). A picture of every size gets no `– S`.
fn alt_text(draft: &ProductDraft, variant_images: &[Option<usize>], image: usize) -> Localized {
    let (mine, others): (Vec<_>, Vec<_>) = draft
        .variants
        .iter()
        .zip(variant_images)
        .filter(|(_, i)| i.is_some())
        .partition(|(_, i)| **i == Some(image));
    let telling: Vec<&Localized> = match mine.split_first() {
        None => Vec::new(),
        Some(((first, _), rest)) => first
            .values
            .iter()
            .enumerate()
            .filter(|(k, value)| {
                rest.iter().all(|(v, _)| v.values[*k] == **value)
                    && others.iter().any(|(v, _)| v.values[*k] != **value)
            })
            .map(|(_, value)| value)
            .collect(),
    };
    if telling.is_empty() {
        return draft.name.clone();
    }
    let join = |pick: fn(&Localized) -> &str, separator| {
        telling
            .iter()
            .map(|v| pick(v))
            .collect::<Vec<_>>()
            .join(separator)
    };
    Localized::new(
        format!("{} – {}", draft.name.en, join(|l| &l.en, ", ")),
        format!("{} – {}", draft.name.ar, join(|l| &l.ar, "، ")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::csv::parse;

    fn draft(csv: &str) -> ProductDraft {
        let (mut drafts, errors) = parse(csv.as_bytes());
        assert_eq!(errors, vec![]);
        drafts.remove(0)
    }

    const HEAD: &str = "handle,name_en,name_ar,description_en,description_ar,category_en,category_ar,brand,tags,option1_name_en,option1_name_ar,option1_value_en,option1_value_ar,option2_name_en,option2_name_ar,option2_value_en,option2_value_ar,sku,price,compare_at_price,stock,image\n";

    fn stored(paths: &[(&str, &str)]) -> HashMap<String, StoredImage> {
        paths
            .iter()
            .map(|(path, hash)| {
                (
                    path.to_string(),
                    StoredImage {
                        hash: hash.repeat(64),
                        kind: dokkan_media::ImageKind::Png,
                        width: 10,
                        height: 20,
                    },
                )
            })
            .collect()
    }

    #[test]
    fn pictures_are_distinct_in_row_order_with_telling_alt_text() {
        let d = draft(&format!(
            "{HEAD}\
tee,Cotton T-Shirt,تي شيرت قطن,,,Men,رجالي,,,Size,المقاس,S,S,Color,اللون,Red,أحمر,T-S-R,10,,1,red.png|extra.png\n\
tee,,,,,,,,,Size,المقاس,M,M,Color,اللون,Red,أحمر,T-M-R,10,,1,red-copy.png\n\
tee,,,,,,,,,Size,المقاس,S,S,Color,اللون,Blue,أزرق,T-S-B,10,,1,blue.png\n\
tee,,,,,,,,,Size,المقاس,M,M,Color,اللون,Blue,أزرق,T-M-B,10,,1,|extra.png\n"
        ));
        // red-copy.png has the same bytes as red.png.
        let input = product_input(
            &d,
            &stored(&[
                ("red.png", "a"),
                ("extra.png", "b"),
                ("red-copy.png", "a"),
                ("blue.png", "c"),
            ]),
        );
        let hashes: Vec<_> = input
            .images
            .iter()
            .map(|i| &i.media_hash.as_ref().unwrap()[..1])
            .collect();
        assert_eq!(hashes, ["a", "b", "c"]);
        assert_eq!(
            input.images[0].path,
            format!("/media/{}.png", "a".repeat(64))
        );
        let variant_images: Vec<_> = input.variants.iter().map(|v| v.image).collect();
        assert_eq!(variant_images, [Some(0), Some(0), Some(2), None]);
        assert_eq!(
            input.images[0].alt,
            Localized::new("Cotton T-Shirt – Red", "تي شيرت قطن – أحمر")
        );
        assert_eq!(input.images[1].alt, d.name, "no variant shows it");
        assert_eq!(
            input.images[2].alt,
            Localized::new("Cotton T-Shirt – S, Blue", "تي شيرت قطن – S، أزرق")
        );
        assert_eq!(
            (input.images[0].width, input.images[0].height),
            (Some(10), Some(20))
        );
    }

    #[test]
    fn one_picture_for_every_variant_is_named_after_the_product() {
        let d = draft(&format!(
            "{HEAD}\
tee,Tee,تيشيرت,,,Men,رجالي,,,Size,المقاس,S,S,,,,,T-S,10,,1,tee.png\n\
tee,,,,,,,,,Size,المقاس,M,M,,,,,T-M,10,,1,\n"
        ));
        let input = product_input(&d, &stored(&[("tee.png", "a")]));
        assert_eq!(input.images[0].alt, d.name);
    }
}
