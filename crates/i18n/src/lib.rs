//! Every user-visible string, translated on the server with Fluent.
//!
//! The `.ftl` files are compiled into the binary. Islands never see this crate: they get
//! already-translated strings as props, so no message catalog ships in the WASM.

mod bundles;
mod keys;
mod plural;

pub use bundles::{t, t_args, Arg};
pub use keys::{message_keys, missing_keys, KeyMismatch};
pub use plural::{plural_category, PluralCategory};

/// The Fluent sources, one per locale.
pub fn source(locale: dokkan_core::Locale) -> &'static str {
    match locale {
        dokkan_core::Locale::En => include_str!("../../../locales/en/main.ftl"),
        dokkan_core::Locale::Ar => include_str!("../../../locales/ar/main.ftl"),
    }
}
