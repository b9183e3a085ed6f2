//! Translation for pages. Pages render only on the server, so this calls Fluent there;
//! the browser build never runs page code and gets no message catalog.

use dokkan_core::Locale;

#[cfg(feature = "ssr")]
pub use dokkan_i18n::Arg;

pub fn t(locale: Locale, key: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        dokkan_i18n::t(locale, key)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = locale;
        key.to_string()
    }
}

/// A message with a count, chosen by the CLDR plural rules of `locale`.
pub fn t_count(locale: Locale, key: &str, count: usize) -> String {
    #[cfg(feature = "ssr")]
    {
        dokkan_i18n::t_args(locale, key, &[("count", count.into())])
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (locale, count);
        key.to_string()
    }
}

/// A message with text arguments (a search query, a parameter name).
pub fn t_with(locale: Locale, key: &str, args: &[(&str, &str)]) -> String {
    #[cfg(feature = "ssr")]
    {
        let args: Vec<(&str, Arg)> = args.iter().map(|(k, v)| (*k, Arg::from(*v))).collect();
        dokkan_i18n::t_args(locale, key, &args)
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (locale, args);
        key.to_string()
    }
}
