//! From CSV bytes to checked product drafts. Pure: the images and the database are
//! checked by the importer afterwards.

use super::{RowError, RowProblem, HEADER, MAX_CATEGORY_DEPTH};
use crate::Localized;
use dokkan_core::{Currency, Money, MoneyError, Sku, Slug};
use std::collections::HashMap;

/// A product as the file gives it, every value parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDraft {
    /// The line of the product's first row.
    pub line: u64,
    pub handle: Slug,
    pub name: Localized,
    pub description: Localized,
    pub brand: String,
    pub tags: Vec<String>,
    /// From the top-level category down.
    pub category: Vec<Localized>,
    pub options: Vec<OptionDraft>,
    /// At least one, in file order.
    pub variants: Vec<VariantDraft>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionDraft {
    /// The facet key: the English name as a slug (`Size` → `size`).
    pub key: Slug,
    pub name: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantDraft {
    pub line: u64,
    pub sku: Sku,
    /// One per product option, in option order.
    pub values: Vec<Localized>,
    pub price: Money,
    pub compare_at: Option<Money>,
    pub stock: u32,
    /// The variant's own picture (a path relative to the CSV file).
    pub image: Option<String>,
    /// Further pictures of the product listed on this row.
    pub more_images: Vec<String>,
}

const HANDLE: usize = 0;
const NAME_EN: usize = 1;
const NAME_AR: usize = 2;
const DESCRIPTION_EN: usize = 3;
const DESCRIPTION_AR: usize = 4;
const CATEGORY_EN: usize = 5;
const CATEGORY_AR: usize = 6;
const BRAND: usize = 7;
const TAGS: usize = 8;
/// Each option takes four columns from here: name_en, name_ar, value_en, value_ar.
const OPTIONS: [usize; 2] = [9, 13];
const SKU: usize = 17;
const PRICE: usize = 18;
const COMPARE_AT: usize = 19;
const STOCK: usize = 20;
const IMAGE: usize = 21;

struct Row {
    line: u64,
    cells: Vec<String>,
}

impl Row {
    fn cell(&self, column: usize) -> &str {
        &self.cells[column]
    }
}

/// Reads the whole file. Returns the products whose every row is good, and every problem
/// of the others (in line order); a product with any bad row is left out of the first list.
pub fn parse(bytes: &[u8]) -> (Vec<ProductDraft>, Vec<RowError>) {
    let mut errors = Vec::new();
    let rows = match read_rows(bytes, &mut errors) {
        Some(rows) => rows,
        None => return (Vec::new(), errors),
    };
    let groups = group_by_handle(rows, &mut errors);
    let mut file = FileState::default();
    let drafts = groups
        .iter()
        .filter_map(|rows| product(rows, &mut file, &mut errors))
        .collect();
    errors.sort_by_key(|e| e.line);
    (drafts, errors)
}

/// The line a record starts on, counted from the bytes: with CRLF line ends (Excel's, and
/// our export's) the reader places a record at the `\n` ending the line before it, and
/// its own line count falls one behind per row.
fn line_at(bytes: &[u8], position: &::csv::Position) -> u64 {
    let mut start = (position.byte() as usize).min(bytes.len());
    while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
        start += 1;
    }
    1 + bytes[..start].iter().filter(|b| **b == b'\n').count() as u64
}

/// The header, checked, then every non-blank row with its cells trimmed. `None` when the
/// header is missing or wrong: then no row can be read.
fn read_rows(bytes: &[u8], errors: &mut Vec<RowError>) -> Option<Vec<Row>> {
    // Rows of the wrong length are reported with their line, not as a reader error.
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = ::csv::ByteRecord::new();
    let mut rows = Vec::new();
    let mut header_read = false;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            // Reading a byte slice with flexible rows has no failure left but I/O, which a
            // slice never has; report it rather than panic.
            Err(e) => {
                let line = e.position().map_or(1, |p| line_at(bytes, p));
                errors.push(RowError {
                    line,
                    problem: RowProblem::NotUtf8,
                });
                return None;
            }
        }
        let line = record.position().map_or(1, |p| line_at(bytes, p));
        if !header_read {
            header_read = true;
            if let Some(problem) = header_problem(&record) {
                errors.push(RowError { line, problem });
                return None;
            }
            continue;
        }
        if record
            .iter()
            .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
        {
            // Spreadsheets leave rows of empty cells at the end.
            continue;
        }
        if record.len() != HEADER.len() {
            errors.push(RowError {
                line,
                problem: RowProblem::WrongColumnCount {
                    found: record.len(),
                    expected: HEADER.len(),
                },
            });
            continue;
        }
        match record
            .iter()
            .map(|cell| std::str::from_utf8(cell).map(|s| s.trim().to_string()))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(cells) => rows.push(Row { line, cells }),
            Err(_) => errors.push(RowError {
                line,
                problem: RowProblem::NotUtf8,
            }),
        }
    }
    if !header_read {
        errors.push(RowError {
            line: 1,
            problem: RowProblem::MissingHeader,
        });
        return None;
    }
    Some(rows)
}

fn header_problem(record: &::csv::ByteRecord) -> Option<RowProblem> {
    for (index, expected) in HEADER.iter().enumerate() {
        let found = record.get(index).unwrap_or_default();
        let found = String::from_utf8_lossy(found);
        // Excel writes UTF-8 with a byte-order mark.
        let found = found.trim_start_matches('\u{feff}').trim();
        if found != *expected {
            return Some(RowProblem::WrongHeader {
                column: index + 1,
                expected,
                found: found.to_string(),
            });
        }
    }
    (record.len() != HEADER.len()).then_some(RowProblem::WrongColumnCount {
        found: record.len(),
        expected: HEADER.len(),
    })
}

/// Consecutive rows with one handle; a handle seen before, after another product, is an
/// error (see the module documentation).
fn group_by_handle(rows: Vec<Row>, errors: &mut Vec<RowError>) -> Vec<Vec<Row>> {
    let mut groups: Vec<Vec<Row>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for row in rows {
        let handle = row.cell(HANDLE).to_string();
        if let Err(e) = Slug::parse(&handle) {
            errors.push(RowError {
                line: row.line,
                problem: RowProblem::BadHandle(e),
            });
            continue;
        }
        match group_of.get(&handle) {
            Some(&index) if index + 1 == groups.len() => groups[index].push(row),
            Some(&index) => errors.push(RowError {
                line: row.line,
                problem: RowProblem::HandleNotContiguous {
                    handle,
                    first_line: groups[index][0].line,
                },
            }),
            None => {
                group_of.insert(handle, groups.len());
                groups.push(vec![row]);
            }
        }
    }
    groups
}

/// What checks across products remember.
#[derive(Default)]
struct FileState {
    /// SKU → the line that first used it.
    skus: HashMap<Sku, u64>,
    /// Category path prefix (English, lower-cased) → the prefix as first written, and where.
    categories_en: HashMap<Vec<String>, (Vec<Localized>, u64)>,
    /// Category path prefix (Arabic) → the English prefix as first written, and where.
    categories_ar: HashMap<Vec<String>, (Vec<String>, u64)>,
}

/// One row's variant, before the checks across the product's rows.
struct RowVariant {
    line: u64,
    /// (name, value) per option.
    options: Vec<(Localized, Localized)>,
    keys: Vec<Slug>,
    sku: Sku,
    price: Money,
    compare_at: Option<Money>,
    stock: u32,
    image: Option<String>,
    more_images: Vec<String>,
}

fn product(rows: &[Row], file: &mut FileState, errors: &mut Vec<RowError>) -> Option<ProductDraft> {
    let first = &rows[0];
    let before = errors.len();
    let mut report = |line: u64, problem: RowProblem| errors.push(RowError { line, problem });

    for (column, name) in [(NAME_EN, "name_en"), (NAME_AR, "name_ar")] {
        if first.cell(column).is_empty() {
            report(first.line, RowProblem::Missing { column: name });
        }
    }
    let category = match category_path(first) {
        Ok(path) => {
            if let Some(problem) = category_conflict(&path, first.line, file) {
                report(first.line, problem);
            }
            Some(path)
        }
        Err(problems) => {
            for problem in problems {
                report(first.line, problem);
            }
            None
        }
    };

    let mut variants: Vec<RowVariant> = Vec::new();
    for row in rows {
        let mut problems = Vec::new();
        let variant = row_variant(row, &mut file.skus, &mut problems);
        for problem in problems {
            report(row.line, problem);
        }
        variants.extend(variant);
    }

    // Checks across the product's rows, among the rows that are good by themselves.
    if let Some(reference) = variants.first() {
        let mut seen_values: HashMap<Vec<String>, u64> = HashMap::new();
        // Per option: English value (lower-cased) → (value, line); Arabic value → English.
        let mut values_en: Vec<HashMap<String, (Localized, u64)>> =
            vec![HashMap::new(); reference.options.len()];
        let mut values_ar: Vec<HashMap<String, (String, u64)>> =
            vec![HashMap::new(); reference.options.len()];
        for variant in &variants {
            if variant.options.is_empty() != reference.options.is_empty() {
                report(
                    variant.line,
                    RowProblem::MixedOptions {
                        other_line: reference.line,
                    },
                );
                continue;
            }
            let names =
                |v: &RowVariant| v.options.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
            if names(variant) != names(reference) {
                report(
                    variant.line,
                    RowProblem::OptionNamesDiffer {
                        first_line: reference.line,
                    },
                );
                continue;
            }
            let key: Vec<String> = variant
                .options
                .iter()
                .map(|(_, v)| v.en.to_lowercase())
                .collect();
            if let Some(&other_line) = seen_values.get(&key) {
                report(variant.line, RowProblem::DuplicateVariant { other_line });
                continue;
            }
            seen_values.insert(key, variant.line);
            for (index, (_, value)) in variant.options.iter().enumerate() {
                let by_en = values_en[index]
                    .entry(value.en.to_lowercase())
                    .or_insert_with(|| (value.clone(), variant.line));
                let by_ar = values_ar[index]
                    .entry(value.ar.clone())
                    .or_insert_with(|| (value.en.clone(), variant.line));
                let conflict = if by_en.0 != *value {
                    Some(by_en.1)
                } else if by_ar.0 != value.en {
                    Some(by_ar.1)
                } else {
                    None
                };
                if let Some(other_line) = conflict {
                    report(
                        variant.line,
                        RowProblem::OptionValueConflict {
                            value: value.en.clone(),
                            other_line,
                        },
                    );
                }
            }
        }
    }

    if errors.len() != before {
        return None;
    }
    let reference = &variants[0];
    let options = reference
        .options
        .iter()
        .zip(&reference.keys)
        .map(|((name, _), key)| OptionDraft {
            key: key.clone(),
            name: name.clone(),
        })
        .collect();
    Some(ProductDraft {
        line: first.line,
        handle: Slug::parse(first.cell(HANDLE)).ok()?,
        name: Localized::new(first.cell(NAME_EN), first.cell(NAME_AR)),
        description: Localized::new(first.cell(DESCRIPTION_EN), first.cell(DESCRIPTION_AR)),
        brand: first.cell(BRAND).to_string(),
        tags: split_list(first.cell(TAGS)),
        category: category?,
        options,
        variants: variants
            .into_iter()
            .map(|v| VariantDraft {
                line: v.line,
                sku: v.sku,
                values: v.options.into_iter().map(|(_, value)| value).collect(),
                price: v.price,
                compare_at: v.compare_at,
                stock: v.stock,
                image: v.image,
                more_images: v.more_images,
            })
            .collect(),
    })
}

/// `a | b ||c` → `[a, b, c]`.
fn split_list(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn category_path(row: &Row) -> Result<Vec<Localized>, Vec<RowProblem>> {
    let mut problems = Vec::new();
    let mut levels = |column: usize, name: &'static str| -> Vec<String> {
        let text = row.cell(column);
        if text.is_empty() {
            problems.push(RowProblem::Missing { column: name });
            return Vec::new();
        }
        let levels: Vec<String> = text.split('>').map(|l| l.trim().to_string()).collect();
        if levels.iter().any(String::is_empty) {
            problems.push(RowProblem::CategoryEmptyLevel { column: name });
        }
        levels
    };
    let en = levels(CATEGORY_EN, "category_en");
    let ar = levels(CATEGORY_AR, "category_ar");
    if !problems.is_empty() {
        return Err(problems);
    }
    if en.len() != ar.len() {
        return Err(vec![RowProblem::CategoryLevelsDiffer {
            en: en.len(),
            ar: ar.len(),
        }]);
    }
    if en.len() > MAX_CATEGORY_DEPTH {
        return Err(vec![RowProblem::CategoryTooDeep]);
    }
    Ok(en
        .into_iter()
        .zip(ar)
        .map(|(en, ar)| Localized::new(en, ar))
        .collect())
}

/// Every prefix of a path must be written, and translated, the same way throughout the
/// file: `Men > Shoes` on one row and `men > Shoes` or `رجال > أحذية` on another would
/// fight over one category's names.
fn category_conflict(path: &[Localized], line: u64, file: &mut FileState) -> Option<RowProblem> {
    for depth in 1..=path.len() {
        let prefix = &path[..depth];
        let key_en: Vec<String> = prefix.iter().map(|l| l.en.to_lowercase()).collect();
        let key_ar: Vec<String> = prefix.iter().map(|l| l.ar.clone()).collect();
        let exact_en: Vec<String> = prefix.iter().map(|l| l.en.clone()).collect();
        let (seen, seen_line) = file
            .categories_en
            .entry(key_en)
            .or_insert_with(|| (prefix.to_vec(), line));
        if seen.as_slice() != prefix {
            return Some(RowProblem::CategoryNameConflict {
                name: prefix[depth - 1].en.clone(),
                other_line: *seen_line,
            });
        }
        let (seen_en, seen_line) = file
            .categories_ar
            .entry(key_ar)
            .or_insert_with(|| (exact_en.clone(), line));
        if *seen_en != exact_en {
            return Some(RowProblem::CategoryNameConflict {
                name: prefix[depth - 1].ar.clone(),
                other_line: *seen_line,
            });
        }
    }
    None
}

/// The variant columns of one row. Every problem is pushed; `None` when there is any.
fn row_variant(
    row: &Row,
    skus: &mut HashMap<Sku, u64>,
    problems: &mut Vec<RowProblem>,
) -> Option<RowVariant> {
    let before = problems.len();
    let sku = match Sku::parse(row.cell(SKU)) {
        Ok(sku) => {
            match skus.get(&sku) {
                Some(&first_line) => problems.push(RowProblem::DuplicateSku {
                    sku: sku.to_string(),
                    first_line,
                }),
                None => {
                    skus.insert(sku.clone(), row.line);
                }
            }
            Some(sku)
        }
        Err(e) => {
            problems.push(RowProblem::BadSku(e));
            None
        }
    };
    let (options, keys) = options(row, problems);
    let price = match row.cell(PRICE) {
        "" => {
            problems.push(RowProblem::Missing { column: "price" });
            None
        }
        text => amount("price", text).map_err(|p| problems.push(p)).ok(),
    };
    let compare_at = match row.cell(COMPARE_AT) {
        "" => None,
        text => match amount("compare_at_price", text) {
            Ok(compare_at) => Some(compare_at),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
    };
    if let (Some(price), Some(compare_at)) = (price, compare_at) {
        if compare_at.minor() <= price.minor() {
            problems.push(RowProblem::CompareAtNotAbovePrice);
        }
    }
    let stock = match row.cell(STOCK) {
        "" => {
            problems.push(RowProblem::Missing { column: "stock" });
            None
        }
        text => match text.parse::<u32>() {
            // `parse` accepts a leading `+`; a stock is digits.
            Ok(n) if n <= i32::MAX as u32 && text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                problems.push(RowProblem::BadStock {
                    text: text.to_string(),
                });
                None
            }
        },
    };
    let (image, more_images) = images(row.cell(IMAGE), problems);
    if problems.len() != before {
        return None;
    }
    Some(RowVariant {
        line: row.line,
        options,
        keys,
        sku: sku?,
        price: price?,
        compare_at,
        stock: stock?,
        image,
        more_images,
    })
}

/// The row's options as (name, value) pairs, and their keys.
fn options(row: &Row, problems: &mut Vec<RowProblem>) -> (Vec<(Localized, Localized)>, Vec<Slug>) {
    let mut options = Vec::new();
    let mut keys: Vec<Slug> = Vec::new();
    let mut missing_before = false;
    for (index, &start) in OPTIONS.iter().enumerate() {
        let option = index as u8 + 1;
        let cells: [&str; 4] = std::array::from_fn(|i| row.cell(start + i));
        let [name_en, name_ar, value_en, value_ar] = cells;
        let has_name = !name_en.is_empty() || !name_ar.is_empty();
        let has_value = !value_en.is_empty() || !value_ar.is_empty();
        match (has_name, has_value) {
            (false, false) => {
                missing_before = true;
                continue;
            }
            (true, false) => {
                problems.push(RowProblem::OptionNameWithoutValue { option });
                continue;
            }
            (false, true) => {
                problems.push(RowProblem::OptionValueWithoutName { option });
                continue;
            }
            (true, true) => {}
        }
        if cells.iter().any(|c| c.is_empty()) {
            problems.push(RowProblem::OptionHalfTranslated { option });
            continue;
        }
        if missing_before {
            problems.push(RowProblem::OptionWithoutPrevious);
            continue;
        }
        let key = match Slug::from_title(name_en) {
            Ok(key) => key,
            Err(_) => {
                problems.push(RowProblem::BadOptionName {
                    option,
                    name: name_en.to_string(),
                });
                continue;
            }
        };
        if keys.contains(&key) {
            problems.push(RowProblem::SameOptionTwice);
            continue;
        }
        keys.push(key);
        options.push((
            Localized::new(name_en, name_ar),
            Localized::new(value_en, value_ar),
        ));
    }
    (options, keys)
}

fn amount(column: &'static str, text: &str) -> Result<Money, RowProblem> {
    match Money::parse_decimal(text, Currency::Egp) {
        Ok(money) if money.minor() < 0 => Err(RowProblem::NegativeAmount { column }),
        Ok(money) => Ok(money),
        Err(MoneyError::TooPrecise(_)) => Err(RowProblem::TooManyDecimals {
            column,
            text: text.to_string(),
        }),
        Err(_) => Err(RowProblem::BadAmount {
            column,
            text: text.to_string(),
        }),
    }
}

/// `a.png`, `a.png|b.png`, `|b.png` (no picture of the variant's own), or empty.
fn images(text: &str, problems: &mut Vec<RowProblem>) -> (Option<String>, Vec<String>) {
    if text.is_empty() {
        return (None, Vec::new());
    }
    let mut parts = text.split('|').map(str::trim);
    let mut checked = |path: &str| match image_path(path) {
        Some(path) => Some(path),
        None => {
            problems.push(RowProblem::BadImagePath {
                path: path.to_string(),
            });
            None
        }
    };
    let own = parts
        .next()
        .filter(|p| !p.is_empty())
        .and_then(&mut checked);
    let more = parts
        .filter(|p| !p.is_empty())
        .filter_map(&mut checked)
        .collect();
    (own, more)
}

/// A relative `/`-separated path that stays inside the CSV's folder, `./` dropped.
fn image_path(path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return None;
    }
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests;
