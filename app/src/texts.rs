//! `island_texts!`: the already-translated strings an island shows, as a struct with
//! named fields in Rust and a JSON array on the wire.
//!
//! Why an array: serde_json's derived deserializer is instantiated once per struct type
//! (field-name matching and a string parse per field, inlined), 3–8 KB of WASM each for
//! nine texts structs. As arrays they all go through the one `Vec<String>` deserializer.
//! The order of the fields is the order on the wire; both sides are built from this one
//! definition, so they cannot disagree.

#[macro_export]
macro_rules! island_texts {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* pub $field:ident ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(from = "Vec<String>", into = "Vec<String>")]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: String, )*
        }

        impl From<Vec<String>> for $name {
            fn from(values: Vec<String>) -> Self {
                let mut values = values.into_iter();
                Self { $( $field: values.next().unwrap_or_default(), )* }
            }
        }

        impl From<$name> for Vec<String> {
            fn from(texts: $name) -> Self {
                vec![$( texts.$field ),*]
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::island_texts! {
        pub struct Sample {
            pub first,
            /// A documented one.
            pub second,
        }
    }

    #[test]
    fn texts_travel_as_an_array_and_come_back_whole() {
        let texts = Sample {
            first: "واحد".into(),
            second: "two \"quoted\"".into(),
        };
        let json = serde_json::to_string(&texts).unwrap();
        assert_eq!(json, r#"["واحد","two \"quoted\""]"#);
        assert_eq!(serde_json::from_str::<Sample>(&json).unwrap(), texts);
        // A shorter array (an older page in a cache) leaves the rest empty, never fails.
        let partial: Sample = serde_json::from_str(r#"["a"]"#).unwrap();
        assert_eq!(partial.second, "");
    }
}
