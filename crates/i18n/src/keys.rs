//! Both locales must define the same messages and attributes.

use dokkan_core::Locale;
use fluent_syntax::{ast, parser};
use std::collections::BTreeSet;

/// Every `message` and `message.attribute` (and `-term`) a Fluent source defines.
pub fn message_keys(source: &str) -> BTreeSet<String> {
    let resource = match parser::parse(source) {
        Ok(resource) => resource,
        Err((resource, _)) => resource,
    };
    let mut keys = BTreeSet::new();
    for entry in resource.body {
        let (id, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), t.attributes),
            _ => continue,
        };
        for attribute in attributes {
            keys.insert(format!("{id}.{}", attribute.id.name));
        }
        keys.insert(id);
    }
    keys
}

#[derive(Debug, PartialEq, Eq)]
pub struct KeyMismatch {
    pub key: String,
    pub only_in: Locale,
}

/// Keys defined in one source and not the other.
pub fn missing_keys(en: &str, ar: &str) -> Vec<KeyMismatch> {
    let en_keys = message_keys(en);
    let ar_keys = message_keys(ar);
    let only = |a: &BTreeSet<String>, b: &BTreeSet<String>, locale| {
        a.difference(b)
            .map(|key| KeyMismatch {
                key: key.clone(),
                only_in: locale,
            })
            .collect::<Vec<_>>()
    };
    let mut out = only(&en_keys, &ar_keys, Locale::En);
    out.extend(only(&ar_keys, &en_keys, Locale::Ar));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_locales_have_the_same_keys() {
        let mismatches = missing_keys(crate::source(Locale::En), crate::source(Locale::Ar));
        assert!(
            mismatches.is_empty(),
            "keys missing a translation: {mismatches:#?}"
        );
        assert!(message_keys(crate::source(Locale::En)).len() > 20);
    }

    #[test]
    fn shipped_locales_parse_cleanly() {
        for locale in Locale::ALL {
            if let Err((_, errors)) = parser::parse(crate::source(locale)) {
                panic!("locales/{locale}/main.ftl: {errors:?}");
            }
        }
    }

    #[test]
    fn detects_a_key_in_one_language_only() {
        let en = "a = A\nb = B\n    .title = T\n";
        let ar = "a = أ\nb = ب\nc = ج\n";
        assert_eq!(
            missing_keys(en, ar),
            vec![
                KeyMismatch {
                    key: "b.title".into(),
                    only_in: Locale::En
                },
                KeyMismatch {
                    key: "c".into(),
                    only_in: Locale::Ar
                },
            ]
        );
    }
}
