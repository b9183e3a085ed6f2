//! A row problem as a Fluent message (`csv-problem-*`) and its arguments, so the admin's
//! import screen says it in the admin's language. The command line keeps the English
//! `Display`.

use super::RowProblem;

impl RowProblem {
    /// The message key and its arguments (all text; numbers are written by the page).
    pub fn fluent(&self) -> (&'static str, Vec<(&'static str, String)>) {
        use RowProblem as P;
        let n = |v: u64| v.to_string();
        match self {
            P::MissingHeader => ("csv-problem-missing-header", vec![]),
            P::WrongHeader {
                column,
                expected,
                found,
            } => (
                "csv-problem-wrong-header",
                vec![
                    ("column", column.to_string()),
                    ("expected", expected.to_string()),
                    ("found", found.clone()),
                ],
            ),
            P::WrongColumnCount { found, expected } => (
                "csv-problem-column-count",
                vec![
                    ("found", found.to_string()),
                    ("expected", expected.to_string()),
                ],
            ),
            P::NotUtf8 => ("csv-problem-not-utf8", vec![]),
            P::BadHandle(e) => ("csv-problem-bad-handle", vec![("detail", e.to_string())]),
            P::HandleNotContiguous { handle, first_line } => (
                "csv-problem-handle-apart",
                vec![("handle", handle.clone()), ("line", n(*first_line))],
            ),
            P::Missing { column } => ("csv-problem-missing", vec![("column", column.to_string())]),
            P::CategoryEmptyLevel { column } => (
                "csv-problem-category-empty-level",
                vec![("column", column.to_string())],
            ),
            P::CategoryLevelsDiffer { en, ar } => (
                "csv-problem-category-levels",
                vec![("en", en.to_string()), ("ar", ar.to_string())],
            ),
            P::CategoryTooDeep => (
                "csv-problem-category-deep",
                vec![("max", super::MAX_CATEGORY_DEPTH.to_string())],
            ),
            P::CategoryNameConflict { name, other_line } => (
                "csv-problem-category-name",
                vec![("name", name.clone()), ("line", n(*other_line))],
            ),
            P::CategoryTaken { name_en, name_ar } => (
                "csv-problem-category-taken",
                vec![("en", name_en.clone()), ("ar", name_ar.clone())],
            ),
            P::BadSku(e) => ("csv-problem-bad-sku", vec![("detail", e.to_string())]),
            P::DuplicateSku { sku, first_line } => (
                "csv-problem-duplicate-sku",
                vec![("sku", sku.clone()), ("line", n(*first_line))],
            ),
            P::SkuOfOtherProduct { sku, handle } => (
                "csv-problem-sku-taken",
                vec![("sku", sku.clone()), ("handle", handle.clone())],
            ),
            P::BadAmount { column, text } => (
                "csv-problem-bad-amount",
                vec![("column", column.to_string()), ("text", text.clone())],
            ),
            P::TooManyDecimals { column, text } => (
                "csv-problem-decimals",
                vec![("column", column.to_string()), ("text", text.clone())],
            ),
            P::NegativeAmount { column } => {
                ("csv-problem-negative", vec![("column", column.to_string())])
            }
            P::CompareAtNotAbovePrice => ("csv-problem-compare-at", vec![]),
            P::BadStock { text } => ("csv-problem-bad-stock", vec![("text", text.clone())]),
            P::OptionNameWithoutValue { option } => (
                "csv-problem-option-no-value",
                vec![("option", option.to_string())],
            ),
            P::OptionValueWithoutName { option } => (
                "csv-problem-option-no-name",
                vec![("option", option.to_string())],
            ),
            P::OptionHalfTranslated { option } => (
                "csv-problem-option-half",
                vec![("option", option.to_string())],
            ),
            P::OptionWithoutPrevious => ("csv-problem-option-order", vec![]),
            P::BadOptionName { option, name } => (
                "csv-problem-option-name",
                vec![("option", option.to_string()), ("name", name.clone())],
            ),
            P::SameOptionTwice => ("csv-problem-option-twice", vec![]),
            P::OptionNamesDiffer { first_line } => (
                "csv-problem-option-names-differ",
                vec![("line", n(*first_line))],
            ),
            P::MixedOptions { other_line } => {
                ("csv-problem-mixed-options", vec![("line", n(*other_line))])
            }
            P::OptionValueConflict { value, other_line } => (
                "csv-problem-option-value",
                vec![("value", value.clone()), ("line", n(*other_line))],
            ),
            P::DuplicateVariant { other_line } => (
                "csv-problem-duplicate-variant",
                vec![("line", n(*other_line))],
            ),
            P::BadImagePath { path } => ("csv-problem-image-path", vec![("path", path.clone())]),
            P::ImageMissing { path } => ("csv-problem-image-missing", vec![("path", path.clone())]),
            P::ImageUnreadable { path, kind } => (
                "csv-problem-image-unreadable",
                vec![("path", path.clone()), ("detail", kind.to_string())],
            ),
            P::ImageRejected { path, reason } => (
                "csv-problem-image-rejected",
                vec![("path", path.clone()), ("detail", reason.to_string())],
            ),
        }
    }
}
