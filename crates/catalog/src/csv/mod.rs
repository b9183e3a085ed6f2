//! The product CSV: `dokkan import products` and `dokkan export products`.
//!
//! UTF-8 (a leading byte-order mark is accepted), a header row, RFC 4180 quoting, these
//! columns in this order:
//!
//! ```text
//! handle,name_en,name_ar,description_en,description_ar,category_en,category_ar,brand,tags,
//! option1_name_en,option1_name_ar,option1_value_en,option1_value_ar,
//! option2_name_en,option2_name_ar,option2_value_en,option2_value_ar,
//! sku,price,compare_at_price,stock,image
//! ```
//!
//! - One row per variant. Rows sharing a `handle` form one product and must be next to
//!   each other: a handle that comes back after another product is refused, because it is
//!   far more often a pasted row in the wrong place than a deliberate split. The product's
//!   own fields (names, descriptions, category, brand, tags) are read from its first row;
//!   later rows may repeat them (the export does) or leave them empty.
//! - `category_en` / `category_ar`: a path, levels separated by `>` (`Men > Shoes` /
//!   `رجالي > أحذية`), the same number of levels in both. A level is the existing category
//!   of that name (English ignoring case, or Arabic) under the level above; missing ones
//!   are created.
//! - `tags`: separated by `|`. `price`, `compare_at_price`: EGP with at most 2 decimals;
//!   compare-at, when given, above the price. `stock`: a whole number ≥ 0.
//! - Options: up to two, each with both names and both values, the same names on every
//!   row of a product; a product without options has exactly one row, option columns empty.
//! - `image`: a path relative to the CSV file, or empty; it is the variant's image. Several
//!   paths separated by `|` add more pictures to the product after it (`|a.png` adds one
//!   without giving the variant an image). The product's pictures are every row's paths in
//!   order, each picture once (identical files count once). Alt text is made from the
//!   product name and the option values the picture's variants share
//!   (`Cotton T-Shirt – Red`), since the format has no alt column.
//!
//! An import is one transaction: every row is checked first (against the file, the images
//! and the database), and any bad row aborts the whole file with every problem listed by
//! line. Products match by handle and variants by SKU; an imported product's variants that
//! the file does not list are deleted and its pictures become the file's. Products absent
//! from the file are left alone.

pub mod export;
pub mod import;
mod parse;
mod problem_text;

pub use parse::{parse, OptionDraft, ProductDraft, VariantDraft};

use dokkan_core::{SkuError, SlugError};
use std::{fmt, path::PathBuf};

/// The header row, exactly.
pub const HEADER: [&str; 22] = [
    "handle",
    "name_en",
    "name_ar",
    "description_en",
    "description_ar",
    "category_en",
    "category_ar",
    "brand",
    "tags",
    "option1_name_en",
    "option1_name_ar",
    "option1_value_en",
    "option1_value_ar",
    "option2_name_en",
    "option2_name_ar",
    "option2_value_en",
    "option2_value_ar",
    "sku",
    "price",
    "compare_at_price",
    "stock",
    "image",
];

/// Category paths deeper than this are refused (the storefront shows two or three).
pub const MAX_CATEGORY_DEPTH: usize = 5;

/// One problem of one row. `line` is the file's line where the row starts (the header is
/// line 1; a quoted value spanning lines makes later rows start further down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub problem: RowProblem,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.problem)
    }
}

/// Why a row is refused. The English text is for the command line; other callers match
/// on the variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RowProblem {
    #[error("the file is empty: the header row is missing")]
    MissingHeader,
    #[error("header column {column} must be {expected:?}, found {found:?}")]
    WrongHeader {
        column: usize,
        expected: &'static str,
        found: String,
    },
    #[error("the row has {found} columns; the header has {expected}")]
    WrongColumnCount { found: usize, expected: usize },
    #[error("the row is not valid UTF-8")]
    NotUtf8,
    #[error("bad handle: {0}")]
    BadHandle(SlugError),
    #[error("rows of product {handle} must be together; its first row is line {first_line}")]
    HandleNotContiguous { handle: String, first_line: u64 },
    #[error("{column} is empty")]
    Missing { column: &'static str },
    #[error("{column} has an empty level (levels are separated by \" > \")")]
    CategoryEmptyLevel { column: &'static str },
    #[error("category_en has {en} levels but category_ar has {ar}")]
    CategoryLevelsDiffer { en: usize, ar: usize },
    #[error("the category path is deeper than {max} levels", max = MAX_CATEGORY_DEPTH)]
    CategoryTooDeep,
    #[error(
        "category {name:?} is written differently (or translated differently) on line {other_line}"
    )]
    CategoryNameConflict { name: String, other_line: u64 },
    #[error("category {name_en:?} / {name_ar:?} matches two different existing categories")]
    CategoryTaken { name_en: String, name_ar: String },
    #[error("bad SKU: {0}")]
    BadSku(SkuError),
    #[error("SKU {sku} is used on line {first_line} too")]
    DuplicateSku { sku: String, first_line: u64 },
    #[error("SKU {sku} belongs to another product ({handle})")]
    SkuOfOtherProduct { sku: String, handle: String },
    #[error("{column} is not a decimal amount: {text:?}")]
    BadAmount { column: &'static str, text: String },
    #[error("{column} has more than 2 decimals: {text:?}")]
    TooManyDecimals { column: &'static str, text: String },
    #[error("{column} is negative")]
    NegativeAmount { column: &'static str },
    #[error("compare_at_price must be above price")]
    CompareAtNotAbovePrice,
    #[error("stock must be a whole number from 0 to 2147483647: {text:?}")]
    BadStock { text: String },
    #[error("option {option} has a name but no value")]
    OptionNameWithoutValue { option: u8 },
    #[error("option {option} has a value but no name")]
    OptionValueWithoutName { option: u8 },
    #[error("option {option} needs its name and value in both English and Arabic")]
    OptionHalfTranslated { option: u8 },
    #[error("option 2 is given without option 1")]
    OptionWithoutPrevious,
    #[error("option {option}'s English name {name:?} has no Latin letters or digits to make its key from")]
    BadOptionName { option: u8, name: String },
    #[error("both options have the same name")]
    SameOptionTwice,
    #[error("the option names differ from the product's first row (line {first_line})")]
    OptionNamesDiffer { first_line: u64 },
    #[error(
        "a product with options cannot also have rows without options (see line {other_line})"
    )]
    MixedOptions { other_line: u64 },
    #[error("option value {value:?} is written differently (or translated differently) on line {other_line}")]
    OptionValueConflict { value: String, other_line: u64 },
    #[error("the same option values as line {other_line}")]
    DuplicateVariant { other_line: u64 },
    #[error("image path {path:?} must be relative to the CSV file, without \"..\"")]
    BadImagePath { path: String },
    #[error("image {path:?} does not exist")]
    ImageMissing { path: String },
    #[error("image {path:?} cannot be read: {kind}")]
    ImageUnreadable {
        path: String,
        kind: std::io::ErrorKind,
    },
    #[error("image {path:?} is refused: {reason}")]
    ImageRejected {
        path: String,
        reason: dokkan_media::Rejection,
    },
}

/// Where the images a CSV names come from.
pub trait ImageSource: Sync {
    /// The bytes of `path`, as written in the CSV (relative, `/`-separated, already
    /// checked to have no `..`). A missing file is `ErrorKind::NotFound`.
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
}

/// Images in a folder: the CSV file's own, for the command line.
#[derive(Debug, Clone)]
pub struct DirImages {
    root: PathBuf,
}

impl DirImages {
    pub fn new(root: impl Into<PathBuf>) -> DirImages {
        DirImages { root: root.into() }
    }
}

impl ImageSource for DirImages {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.root.join(path))
    }
}

/// Images already in the media store, named as the export names them
/// (`images/<hash>.<ext>`) or by the file name alone: an upload from the browser carries
/// the CSV only, so its pictures must have been uploaded before.
#[derive(Debug, Clone, Copy)]
pub struct StoredImages<'a>(pub &'a dokkan_media::MediaStore);

impl ImageSource for StoredImages<'_> {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let hash = name.split('.').next().unwrap_or_default();
        let file = self
            .0
            .path_of_original(hash)
            .filter(|file| file.file_name().and_then(|f| f.to_str()) == Some(name))
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))?;
        std::fs::read(file)
    }
}

/// Images compiled into the binary (the demo catalog), by path.
#[derive(Debug, Clone, Copy)]
pub struct StaticImages(pub &'static [(&'static str, &'static [u8])]);

impl ImageSource for StaticImages {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.0
            .iter()
            .find(|(name, _)| *name == path)
            .map(|(_, bytes)| bytes.to_vec())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
    }
}
