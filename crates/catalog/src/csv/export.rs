//! `dokkan export products FILE.csv`: every product in the import format, pictures
//! copied beside the file as `images/<hash>.<ext>`, so the export imports back unchanged.

use super::HEADER;
use crate::CatalogError;
use dokkan_core::{Currency, Slug};
use dokkan_media::MediaStore;
use sqlx::{FromRow, PgPool};
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    pub products: usize,
    pub variants: usize,
    /// Picture files written beside the CSV.
    pub images: usize,
    /// Pictures left out because the media store has no original for them (files bundled
    /// with an old release, or lost), by their stored path.
    pub images_missing: Vec<String>,
}

/// Writes the CSV to `csv_path` and the pictures to `images/` beside it.
pub async fn run(
    pool: &PgPool,
    csv_path: &Path,
    media: &MediaStore,
) -> Result<ExportReport, CatalogError> {
    let dir = match csv_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut out = Vec::new();
    let report = write(pool, &mut out, Some(dir), media).await?;
    std::fs::write(csv_path, out).map_err(|source| CatalogError::Io {
        path: csv_path.to_path_buf(),
        source,
    })?;
    Ok(report)
}

#[derive(FromRow)]
struct ProductRow {
    id: i64,
    handle: String,
    name_en: String,
    name_ar: String,
    description_en: String,
    description_ar: String,
    brand: String,
    tags: Vec<String>,
    category_id: i64,
}

#[derive(FromRow)]
struct OptionRow {
    id: i64,
    product_id: i64,
    name_en: String,
    name_ar: String,
}

#[derive(FromRow)]
struct VariantRow {
    id: i64,
    product_id: i64,
    sku: String,
    price_minor: i64,
    compare_at_minor: Option<i64>,
    currency: String,
    stock: i32,
    image_id: Option<i64>,
}

#[derive(FromRow)]
struct ImageRow {
    id: i64,
    product_id: i64,
    path: String,
    media_hash: Option<String>,
}

/// Writes the CSV to `out` and copies the pictures into `dir/images/`. Without `dir` (a
/// download from the admin) the CSV names the pictures the same way and nothing is
/// copied: an import from the admin finds them in the media store by those names.
pub async fn write(
    pool: &PgPool,
    out: impl std::io::Write,
    dir: Option<&Path>,
    media: &MediaStore,
) -> Result<ExportReport, CatalogError> {
    // One snapshot for every query, so a product edited meanwhile is exported whole.
    let mut tx = pool.begin().await?;
    sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        .execute(&mut *tx)
        .await?;
    let categories: HashMap<i64, (Option<i64>, String, String)> =
        sqlx::query_as::<_, (i64, Option<i64>, String, String)>(
            "SELECT id, parent_id, name_en, name_ar FROM categories",
        )
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(id, parent, en, ar)| (id, (parent, en, ar)))
        .collect();
    let products: Vec<ProductRow> = sqlx::query_as(
        "SELECT id, handle, name_en, name_ar, description_en, description_ar, brand, tags,
                category_id
           FROM products ORDER BY id",
    )
    .fetch_all(&mut *tx)
    .await?;
    let options = group(
        sqlx::query_as::<_, OptionRow>(
            "SELECT id, product_id, name_en, name_ar FROM product_options
              ORDER BY product_id, position",
        )
        .fetch_all(&mut *tx)
        .await?,
        |o| o.product_id,
    );
    let variants = group(
        sqlx::query_as::<_, VariantRow>(
            "SELECT id, product_id, sku, price_minor, compare_at_minor, currency, stock, image_id
               FROM product_variants ORDER BY product_id, position, id",
        )
        .fetch_all(&mut *tx)
        .await?,
        |v| v.product_id,
    );
    let images = group(
        sqlx::query_as::<_, ImageRow>(
            "SELECT id, product_id, path, media_hash FROM product_images
              ORDER BY product_id, position",
        )
        .fetch_all(&mut *tx)
        .await?,
        |i| i.product_id,
    );
    let values: HashMap<(i64, i64), (String, String)> =
        sqlx::query_as::<_, (i64, i64, String, String)>(
            "SELECT variant_id, option_id, value_en, value_ar FROM variant_option_values",
        )
        .fetch_all(&mut *tx)
        .await?
        .into_iter()
        .map(|(variant, option, en, ar)| ((variant, option), (en, ar)))
        .collect();
    tx.commit().await?;

    let mut report = ExportReport::default();
    let mut writer = ::csv::WriterBuilder::new()
        // RFC 4180 ends records with CRLF.
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(HEADER)?;
    let images_dir = dir.map(|dir| dir.join("images"));
    for product in &products {
        let handle =
            Slug::parse(&product.handle).map_err(|e| CatalogError::Corrupt(e.to_string()))?;
        let not_exportable = |reason| CatalogError::NotExportable {
            handle: handle.clone(),
            reason,
        };
        let (category_en, category_ar) = category_path(&categories, product.category_id)?;
        let options = options.get(&product.id).map_or(&[][..], Vec::as_slice);
        if options.len() > 2 {
            return Err(not_exportable("it has more than two options"));
        }
        let variants = variants.get(&product.id).map_or(&[][..], Vec::as_slice);
        if variants.is_empty() {
            return Err(not_exportable("it has no variants"));
        }

        // The pictures the media store holds, copied; the others left out.
        let mut files: Vec<String> = Vec::new();
        let mut file_of_image: HashMap<i64, usize> = HashMap::new();
        for image in images.get(&product.id).map_or(&[][..], Vec::as_slice) {
            let original = image
                .media_hash
                .as_deref()
                .and_then(|hash| media.path_of_original(hash));
            let Some(original) = original else {
                report.images_missing.push(image.path.clone());
                continue;
            };
            let name = original
                .file_name()
                .and_then(|n| n.to_str())
                .ok_or_else(|| CatalogError::Corrupt(format!("media file {original:?}")))?
                .to_string();
            let relative = format!("images/{name}");
            let index = match files.iter().position(|f| *f == relative) {
                Some(index) => index,
                None => {
                    if let Some(images_dir) = &images_dir {
                        copy_once(&original, &images_dir.join(&name))?;
                    }
                    report.images += 1;
                    files.push(relative);
                    files.len() - 1
                }
            };
            file_of_image.insert(image.id, index);
        }
        let variant_files: Vec<Option<usize>> = variants
            .iter()
            .map(|v| v.image_id.and_then(|id| file_of_image.get(&id).copied()))
            .collect();
        let cells = image_cells(&files, &variant_files);

        let tags = product.tags.join("|");
        for (variant, image) in variants.iter().zip(cells) {
            if Currency::from_code(&variant.currency) != Some(Currency::Egp) {
                return Err(not_exportable("its prices are not in EGP"));
            }
            let mut option_cells: Vec<&str> = Vec::with_capacity(8);
            for option in options {
                let (en, ar) = values.get(&(variant.id, option.id)).ok_or_else(|| {
                    CatalogError::Corrupt(format!("{} lacks an option value", variant.sku))
                })?;
                option_cells.extend([
                    option.name_en.as_str(),
                    option.name_ar.as_str(),
                    en.as_str(),
                    ar.as_str(),
                ]);
            }
            option_cells.resize(8, "");
            let price = decimal(variant.price_minor);
            let compare_at = variant.compare_at_minor.map(decimal).unwrap_or_default();
            let stock = variant.stock.to_string();
            // Product fields on every row: each row reads on its own in a spreadsheet,
            // and the importer takes them from the first.
            let mut record: Vec<&str> = vec![
                &product.handle,
                &product.name_en,
                &product.name_ar,
                &product.description_en,
                &product.description_ar,
                &category_en,
                &category_ar,
                &product.brand,
                &tags,
            ];
            record.extend(option_cells);
            record.extend([variant.sku.as_str(), &price, &compare_at, &stock, &image]);
            writer.write_record(&record)?;
            report.variants += 1;
        }
        report.products += 1;
    }
    writer.flush().map_err(::csv::Error::from)?;
    Ok(report)
}

fn group<T>(rows: Vec<T>, key: impl Fn(&T) -> i64) -> HashMap<i64, Vec<T>> {
    let mut map: HashMap<i64, Vec<T>> = HashMap::new();
    for row in rows {
        map.entry(key(&row)).or_default().push(row);
    }
    map
}

/// `Men > Shoes` and `رجالي > أحذية` for a category.
fn category_path(
    categories: &HashMap<i64, (Option<i64>, String, String)>,
    id: i64,
) -> Result<(String, String), CatalogError> {
    let mut en = Vec::new();
    let mut ar = Vec::new();
    let mut next = Some(id);
    while let Some(id) = next {
        // Writers refuse cycles; a bound keeps a corrupt table from hanging the export.
        if en.len() > 16 {
            return Err(CatalogError::Corrupt(format!(
                "category {id} is in a cycle"
            )));
        }
        let (parent, name_en, name_ar) = categories
            .get(&id)
            .ok_or_else(|| CatalogError::Corrupt(format!("category {id} is missing")))?;
        en.push(name_en.as_str());
        ar.push(name_ar.as_str());
        next = *parent;
    }
    en.reverse();
    ar.reverse();
    Ok((en.join(" > "), ar.join(" > ")))
}

/// EGP minor units as the importer reads them: `449`, `399.50`.
fn decimal(minor: i64) -> String {
    dokkan_core::Money::egp(minor).short_decimal()
}

/// The `image` cell of each variant row, such that importing them gives back `files` in
/// this order and each variant its picture: a row's first path is its variant's picture,
/// and pictures that must come before it are listed at the end of the row above. Only a
/// first variant whose picture is not the product's first cannot be written that way (its
/// picture then moves to the front).
fn image_cells(files: &[String], variant_files: &[Option<usize>]) -> Vec<String> {
    let mut cells: Vec<(Option<usize>, Vec<usize>)> =
        variant_files.iter().map(|&own| (own, Vec::new())).collect();
    let mut listed = vec![false; files.len()];
    for row in 0..cells.len() {
        if let Some(own) = cells[row].0 {
            if !listed[own] && row > 0 {
                for (earlier, done) in listed.iter_mut().enumerate().take(own) {
                    if !*done {
                        *done = true;
                        cells[row - 1].1.push(earlier);
                    }
                }
            }
            listed[own] = true;
        }
    }
    if let Some(last) = cells.last_mut() {
        last.1
            .extend((0..files.len()).filter(|&i| !std::mem::replace(&mut listed[i], true)));
    }
    cells
        .into_iter()
        .map(|(own, more)| {
            if own.is_none() && more.is_empty() {
                return String::new();
            }
            let mut parts = vec![own.map_or("", |i| files[i].as_str())];
            parts.extend(more.iter().map(|&i| files[i].as_str()));
            parts.join("|")
        })
        .collect()
}

/// Copies a picture unless the same file (same name, so same content) is there already.
fn copy_once(from: &Path, to: &Path) -> Result<(), CatalogError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CatalogError::Io { path, source }
    };
    if to.exists() {
        return Ok(());
    }
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    std::fs::copy(from, to).map_err(io(to))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{decimal, image_cells};

    fn files(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("{i}.png")).collect()
    }

    #[test]
    fn decimals_are_minimal_and_exact() {
        assert_eq!(decimal(44_900), "449");
        assert_eq!(decimal(39_950), "399.50");
        assert_eq!(decimal(119_999), "1199.99");
        assert_eq!(decimal(5), "0.05");
        assert_eq!(decimal(0), "0");
    }

    #[test]
    fn image_cells_carry_order_and_variant_pictures() {
        let f = files(3);
        // Each variant its own picture, in order.
        assert_eq!(
            image_cells(&f, &[Some(0), Some(1), Some(2)]),
            ["0.png", "1.png", "2.png"]
        );
        // One variant, three pictures.
        assert_eq!(image_cells(&f, &[Some(0)]), ["0.png|1.png|2.png"]);
        // No variant pictures at all.
        assert_eq!(image_cells(&f, &[None, None]), ["", "|0.png|1.png|2.png"]);
        // The second variant's picture comes after one no variant shows.
        assert_eq!(
            image_cells(&f, &[Some(0), Some(2), None]),
            ["0.png|1.png", "2.png", ""]
        );
        // Shared pictures are named again (the importer counts each once).
        assert_eq!(
            image_cells(&f[..1], &[Some(0), Some(0)]),
            ["0.png", "0.png"]
        );
        assert_eq!(image_cells(&[], &[None]), [""]);
    }
}
