//! The two Fluent bundles, built once, and the lookup functions pages call.

use crate::plural::plural_category;
use dokkan_core::Locale;
use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use std::{borrow::Cow, sync::LazyLock};

type Bundle = FluentBundle<FluentResource>;

static EN: LazyLock<Bundle> = LazyLock::new(|| build(Locale::En));
static AR: LazyLock<Bundle> = LazyLock::new(|| build(Locale::Ar));

fn bundle(locale: Locale) -> &'static Bundle {
    match locale {
        Locale::En => &EN,
        Locale::Ar => &AR,
    }
}

fn build(locale: Locale) -> Bundle {
    let langid = locale
        .as_str()
        .parse()
        .expect("our locale tags are valid language identifiers");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Without this every placeable is wrapped in invisible bidi isolation marks, which
    // break copy-paste and tests; our markup sets `dir` where direction matters.
    bundle.set_use_isolating(false);
    let resource =
        FluentResource::try_new(crate::source(locale).to_string()).unwrap_or_else(|(_, errors)| {
            panic!("locales/{locale}/main.ftl does not parse: {errors:?}")
        });
    bundle.add_resource(resource).unwrap_or_else(|errors| {
        panic!("locales/{locale}/main.ftl has duplicate keys: {errors:?}")
    });
    bundle
        .add_function("PLURAL", move |positional, _named| {
            match positional.first() {
                Some(FluentValue::Number(n)) => {
                    FluentValue::String(Cow::Borrowed(plural_category(locale, n.value).as_str()))
                }
                _ => FluentValue::String(Cow::Borrowed("other")),
            }
        })
        .expect("PLURAL is registered once");
    if locale == Locale::Ar {
        bundle.set_formatter(Some(arabic_numbers));
    }
    bundle
}

/// Egyptian Arabic text writes numbers in Arabic-Indic digits, as prices do.
fn arabic_numbers(
    value: &FluentValue,
    _memoizer: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(
            n.as_string()
                .chars()
                .map(|c| match c {
                    '0'..='9' => char::from_u32(0x0660 + (c as u32 - '0' as u32)).unwrap_or(c),
                    '.' => '\u{066B}',
                    other => other,
                })
                .collect(),
        ),
        _ => None,
    }
}

/// A value handed to a message.
#[derive(Debug, Clone)]
pub enum Arg {
    Text(String),
    Number(f64),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_string())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Number(v as f64)
    }
}
impl From<usize> for Arg {
    fn from(v: usize) -> Self {
        Arg::Number(v as f64)
    }
}

/// The message `key` in `locale`. A key may name an attribute as `message.attribute`.
pub fn t(locale: Locale, key: &str) -> String {
    format(locale, key, None)
}

pub fn t_args(locale: Locale, key: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            // Counts go in as numbers, or every plural would select `other`.
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.clone())),
        }
    }
    format(locale, key, Some(&fluent_args))
}

fn format(locale: Locale, key: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(locale);
    let (id, attribute) = match key.split_once('.') {
        Some((id, attr)) => (id, Some(attr)),
        None => (key, None),
    };
    let pattern = bundle.get_message(id).and_then(|message| match attribute {
        Some(attr) => message.get_attribute(attr).map(|a| a.value()),
        None => message.value(),
    });
    let Some(pattern) = pattern else {
        // A missing key is a bug the parity test should have caught; show the key rather
        // than fail the page.
        tracing::error!(%locale, key, "missing translation");
        return key.to_string();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::error!(%locale, key, ?errors, "translation failed to format");
    }
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_both_locales() {
        assert_eq!(t(Locale::En, "site-name"), "Dokkan");
        assert_eq!(t(Locale::Ar, "site-name"), "دكان");
    }

    #[test]
    fn missing_key_shows_the_key() {
        assert_eq!(t(Locale::En, "no-such-key"), "no-such-key");
    }

    #[test]
    fn arabic_product_counts_use_every_cldr_form() {
        let count = |n: i64| t_args(Locale::Ar, "product-count", &[("count", n.into())]);
        assert_eq!(count(0), "لا توجد منتجات");
        assert_eq!(count(1), "منتج واحد");
        assert_eq!(count(2), "منتجان");
        assert_eq!(count(3), "٣ منتجات");
        assert_eq!(count(11), "١١ منتجًا");
        assert_eq!(count(100), "١٠٠ منتج");
        // The cases intl_pluralrules 7.0.2 gets wrong on its own.
        assert_eq!(count(103), "١٠٣ منتجات");
        assert_eq!(count(111), "١١١ منتجًا");
        assert_eq!(count(1003), "١٠٠٣ منتجات");
    }

    #[test]
    fn english_product_counts() {
        let count = |n: i64| t_args(Locale::En, "product-count", &[("count", n.into())]);
        assert_eq!(count(0), "0 products");
        assert_eq!(count(1), "1 product");
        assert_eq!(count(2), "2 products");
        assert_eq!(count(111), "111 products");
    }
}
