//! Every problem the file alone can show, with its line. (Problems that need the images or
//! the database are tested in `tests/csv.rs`.)

use super::parse;
use crate::csv::{RowError, RowProblem, HEADER};
use crate::Localized;
use dokkan_core::{Money, Sku, SkuError, SlugError};

/// A good row of product `tee`, with some columns replaced.
fn row(changes: &[(&str, &str)]) -> Vec<String> {
    let mut cells: Vec<String> = HEADER
        .iter()
        .map(|column| {
            match *column {
                "handle" => "tee",
                "name_en" => "Cotton Tee",
                "name_ar" => "تي شيرت قطن",
                "category_en" => "Men > Shirts",
                "category_ar" => "رجالي > قمصان",
                "sku" => "TEE-1",
                "price" => "100",
                "stock" => "5",
                _ => "",
            }
            .to_string()
        })
        .collect();
    for (column, value) in changes {
        let index = HEADER.iter().position(|c| c == column).expect(column);
        cells[index] = value.to_string();
    }
    cells
}

/// A row of `tee` with option values (`Size`, then `Color` when `color` is given).
fn sized(sku: &str, size: &str, color: Option<(&str, &str)>) -> Vec<String> {
    let mut changes = vec![
        ("sku", sku),
        ("option1_name_en", "Size"),
        ("option1_name_ar", "المقاس"),
        ("option1_value_en", size),
        ("option1_value_ar", size),
    ];
    if let Some((en, ar)) = color {
        changes.extend([
            ("option2_name_en", "Color"),
            ("option2_name_ar", "اللون"),
            ("option2_value_en", en),
            ("option2_value_ar", ar),
        ]);
    }
    row(&changes)
}

fn file(rows: &[Vec<String>]) -> Vec<u8> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.into_inner().unwrap()
}

/// The problems of a file, as (line, problem).
fn problems(bytes: &[u8]) -> Vec<(u64, RowProblem)> {
    let (_, errors) = parse(bytes);
    errors.into_iter().map(|e| (e.line, e.problem)).collect()
}

fn problems_of(rows: &[Vec<String>]) -> Vec<(u64, RowProblem)> {
    problems(&file(rows))
}

#[test]
fn reads_a_good_file() {
    let bytes = file(&[
        row(&[
            ("description_en", "Soft, \"combed\" cotton.\nTwo lines."),
            ("description_ar", "قطن ناعم."),
            ("brand", " Giza Threads "),
            ("tags", "summer| basics ||قطن"),
            ("sku", "tee-s-red"),
            ("option1_name_en", "Size"),
            ("option1_name_ar", "المقاس"),
            ("option1_value_en", "S"),
            ("option1_value_ar", "صغير"),
            ("option2_name_en", "Color"),
            ("option2_name_ar", "اللون"),
            ("option2_value_en", "Red"),
            ("option2_value_ar", "أحمر"),
            ("price", "449.5"),
            ("compare_at_price", "500"),
            ("stock", "0"),
            ("image", "./images/red.png|images/extra.png"),
        ]),
        row(&[
            ("name_en", ""),
            ("name_ar", ""),
            ("category_en", ""),
            ("category_ar", ""),
            ("sku", "TEE-M-RED"),
            ("option1_name_en", "Size"),
            ("option1_name_ar", "المقاس"),
            ("option1_value_en", "M"),
            ("option1_value_ar", "وسط"),
            ("option2_name_en", "Color"),
            ("option2_name_ar", "اللون"),
            ("option2_value_en", "Red"),
            ("option2_value_ar", "أحمر"),
            ("image", "|images/extra.png"),
        ]),
        row(&[("handle", "mug"), ("sku", "MUG"), ("name_en", "Mug")]),
    ]);
    let (products, errors) = parse(&bytes);
    assert_eq!(errors, vec![]);
    assert_eq!(products.len(), 2);
    let tee = &products[0];
    assert_eq!(tee.line, 2);
    assert_eq!(tee.handle.as_str(), "tee");
    assert_eq!(tee.name, Localized::new("Cotton Tee", "تي شيرت قطن"));
    assert_eq!(tee.description.en, "Soft, \"combed\" cotton.\nTwo lines.");
    assert_eq!(tee.brand, "Giza Threads");
    assert_eq!(tee.tags, ["summer", "basics", "قطن"]);
    assert_eq!(
        tee.category,
        [
            Localized::new("Men", "رجالي"),
            Localized::new("Shirts", "قمصان")
        ]
    );
    let keys: Vec<_> = tee.options.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["size", "color"]);
    assert_eq!(tee.options[1].name, Localized::new("Color", "اللون"));
    let [s, m] = &tee.variants[..] else {
        panic!("two variants")
    };
    assert_eq!(s.sku, Sku::parse("TEE-S-RED").unwrap());
    assert_eq!(
        s.values,
        [Localized::new("S", "صغير"), Localized::new("Red", "أحمر")]
    );
    assert_eq!(
        (s.price, s.compare_at),
        (Money::egp(44_950), Some(Money::egp(50_000)))
    );
    assert_eq!(s.stock, 0);
    assert_eq!(s.image.as_deref(), Some("images/red.png"));
    assert_eq!(s.more_images, ["images/extra.png"]);
    // The quoted description spans two lines: the next row starts on line 4.
    assert_eq!(m.line, 4);
    assert_eq!((m.image.as_deref(), m.more_images.len()), (None, 1));
    let mug = &products[1];
    assert!(mug.options.is_empty() && mug.variants[0].values.is_empty());
    assert_eq!(mug.name.en, "Mug");
}

#[test]
fn the_header_must_be_exact() {
    assert_eq!(problems(b""), [(1, RowProblem::MissingHeader)]);
    let mut renamed = HEADER.map(str::to_string);
    renamed[18] = "price_egp".into();
    assert_eq!(
        problems(renamed.join(",").as_bytes()),
        [(
            1,
            RowProblem::WrongHeader {
                column: 19,
                expected: "price",
                found: "price_egp".into()
            }
        )]
    );
    let short = HEADER[..21].join(",");
    assert!(matches!(
        &problems(short.as_bytes())[..],
        [(1, RowProblem::WrongHeader { column: 22, .. })]
    ));
    let long = format!("{},extra", HEADER.join(","));
    assert_eq!(
        problems(long.as_bytes()),
        [(
            1,
            RowProblem::WrongColumnCount {
                found: 23,
                expected: 22
            }
        )]
    );
    // Data instead of a header: nothing else is read.
    let data = file(&[row(&[])]);
    let without_header = &data[data.iter().position(|&b| b == b'\n').unwrap() + 1..];
    assert_eq!(problems(without_header).len(), 1);
    // Excel's byte-order mark and CRLF line ends are fine.
    let mut excel = b"\xEF\xBB\xBF".to_vec();
    excel.extend(
        String::from_utf8(file(&[row(&[])]))
            .unwrap()
            .replace('\n', "\r\n")
            .bytes(),
    );
    assert_eq!(problems(&excel), []);
}

#[test]
fn lines_are_counted_the_same_with_crlf_line_ends() {
    let mut bytes = file(&[
        row(&[]),
        row(&[("handle", "mug"), ("sku", "MUG-1"), ("price", "x")]),
    ]);
    let lf = problems(&bytes);
    assert_eq!(lf.len(), 1);
    assert_eq!(lf[0].0, 3);
    bytes = String::from_utf8(bytes)
        .unwrap()
        .replace('\n', "\r\n")
        .into_bytes();
    assert_eq!(problems(&bytes), lf);
}

#[test]
fn rows_need_every_column_and_utf8() {
    let mut bytes = file(&[row(&[])]);
    bytes.extend(b"tee,Cotton Tee\n");
    bytes.extend(b"mug,\xFF\xFE,,,,,,,,,,,,,,,,,,,,\n");
    // Blank rows (and rows of empty cells) are skipped, not refused.
    bytes.extend(b"\n,,,,,,,,,,,,,,,,,,,,,\n");
    assert_eq!(
        problems(&bytes),
        [
            (
                3,
                RowProblem::WrongColumnCount {
                    found: 2,
                    expected: 22
                }
            ),
            (4, RowProblem::NotUtf8),
        ]
    );
}

#[test]
fn handles_must_be_slugs_and_rows_of_a_product_together() {
    assert_eq!(
        problems_of(&[row(&[("handle", "Cotton Tee")])]),
        [(
            2,
            RowProblem::BadHandle(SlugError::Invalid("Cotton Tee".into()))
        )]
    );
    assert_eq!(
        problems_of(&[row(&[("handle", "")])]),
        [(2, RowProblem::BadHandle(SlugError::Empty))]
    );
    assert_eq!(
        problems_of(&[
            sized("TEE-S", "S", None),
            row(&[("handle", "mug"), ("sku", "MUG")]),
            sized("TEE-M", "M", None),
        ]),
        [(
            4,
            RowProblem::HandleNotContiguous {
                handle: "tee".into(),
                first_line: 2
            }
        )]
    );
}

#[test]
fn names_are_required_on_the_first_row() {
    assert_eq!(
        problems_of(&[row(&[("name_en", " "), ("name_ar", "")])]),
        [
            (2, RowProblem::Missing { column: "name_en" }),
            (2, RowProblem::Missing { column: "name_ar" }),
        ]
    );
}

#[test]
fn category_paths_must_be_whole_and_parallel() {
    let check =
        |en: &str, ar: &str| problems_of(&[row(&[("category_en", en), ("category_ar", ar)])]);
    assert_eq!(
        check("", "رجالي"),
        [(
            2,
            RowProblem::Missing {
                column: "category_en"
            }
        )]
    );
    assert_eq!(
        check("Men >  > Shoes", "رجالي > > أحذية"),
        [
            (
                2,
                RowProblem::CategoryEmptyLevel {
                    column: "category_en"
                }
            ),
            (
                2,
                RowProblem::CategoryEmptyLevel {
                    column: "category_ar"
                }
            ),
        ]
    );
    assert_eq!(
        check("Men > Shoes", "رجالي"),
        [(2, RowProblem::CategoryLevelsDiffer { en: 2, ar: 1 })]
    );
    assert_eq!(
        check("A>B>C>D>E>F", "ا>ب>ت>ث>ج>ح"),
        [(2, RowProblem::CategoryTooDeep)]
    );
    assert_eq!(check("A>B>C>D>E", "ا>ب>ت>ث>ج"), []);
}

#[test]
fn a_category_is_written_one_way_throughout_the_file() {
    let product = |handle: &str, sku: &str, en: &str, ar: &str| {
        row(&[
            ("handle", handle),
            ("sku", sku),
            ("category_en", en),
            ("category_ar", ar),
        ])
    };
    assert_eq!(
        problems_of(&[
            product("a", "A", "Men > Shoes", "رجالي > أحذية"),
            product("b", "B", "men > Shirts", "رجالي > قمصان"),
            product("c", "C", "Men > Hats", "رجال > قبعات"),
            product("d", "D", "Men > Shirts", "رجالي > أحذية"),
            product("e", "E", "Men > Shoes", "رجالي > أحذية"),
        ]),
        [
            (
                3,
                RowProblem::CategoryNameConflict {
                    name: "men".into(),
                    other_line: 2
                }
            ),
            (
                4,
                RowProblem::CategoryNameConflict {
                    name: "Men".into(),
                    other_line: 2
                }
            ),
            (
                5,
                RowProblem::CategoryNameConflict {
                    name: "أحذية".into(),
                    other_line: 2
                }
            ),
        ]
    );
}

#[test]
fn skus_are_valid_and_unique_in_the_file() {
    assert_eq!(
        problems_of(&[row(&[("sku", "TEE 1")])]),
        [(2, RowProblem::BadSku(SkuError::Invalid("TEE 1".into())))]
    );
    assert_eq!(
        problems_of(&[row(&[("sku", "")])]),
        [(2, RowProblem::BadSku(SkuError::Empty))]
    );
    // Case does not make a SKU different.
    assert_eq!(
        problems_of(&[
            row(&[("sku", "tee-1")]),
            row(&[("handle", "mug"), ("sku", "TEE-1")]),
        ]),
        [(
            3,
            RowProblem::DuplicateSku {
                sku: "TEE-1".into(),
                first_line: 2
            }
        )]
    );
}

#[test]
fn prices_are_positive_decimals_with_two_places_at_most() {
    let price = |price: &str, compare: &str| {
        problems_of(&[row(&[("price", price), ("compare_at_price", compare)])])
    };
    assert_eq!(
        price("", ""),
        [(2, RowProblem::Missing { column: "price" })]
    );
    assert_eq!(
        price("1,000", ""),
        [(
            2,
            RowProblem::BadAmount {
                column: "price",
                text: "1,000".into()
            }
        )]
    );
    assert_eq!(
        price("EGP 10", "x"),
        [
            (
                2,
                RowProblem::BadAmount {
                    column: "price",
                    text: "EGP 10".into()
                }
            ),
            (
                2,
                RowProblem::BadAmount {
                    column: "compare_at_price",
                    text: "x".into()
                }
            ),
        ]
    );
    assert_eq!(
        price("10.999", ""),
        [(
            2,
            RowProblem::TooManyDecimals {
                column: "price",
                text: "10.999".into()
            }
        )]
    );
    assert_eq!(
        price("-5", "-1"),
        [
            (2, RowProblem::NegativeAmount { column: "price" }),
            (
                2,
                RowProblem::NegativeAmount {
                    column: "compare_at_price"
                }
            ),
        ]
    );
    assert_eq!(
        price("10", "10.00"),
        [(2, RowProblem::CompareAtNotAbovePrice)]
    );
    assert_eq!(price("10", "9"), [(2, RowProblem::CompareAtNotAbovePrice)]);
    assert_eq!(price("0", "0.01"), []);
}

#[test]
fn stock_is_a_whole_number() {
    for bad in ["-1", "2.5", "+3", "lots", "2147483648"] {
        assert_eq!(
            problems_of(&[row(&[("stock", bad)])]),
            [(2, RowProblem::BadStock { text: bad.into() })],
            "{bad}"
        );
    }
    assert_eq!(
        problems_of(&[row(&[("stock", "")])]),
        [(2, RowProblem::Missing { column: "stock" })]
    );
    assert_eq!(problems_of(&[row(&[("stock", "2147483647")])]), []);
}

#[test]
fn options_need_names_and_values_in_both_languages() {
    let option = |changes: &[(&str, &str)]| problems_of(&[row(changes)]);
    assert_eq!(
        option(&[("option1_name_en", "Size"), ("option1_name_ar", "المقاس")]),
        [(2, RowProblem::OptionNameWithoutValue { option: 1 })]
    );
    assert_eq!(
        option(&[("option1_value_en", "M")]),
        [(2, RowProblem::OptionValueWithoutName { option: 1 })]
    );
    assert_eq!(
        option(&[
            ("option1_name_en", "Size"),
            ("option1_value_en", "M"),
            ("option1_value_ar", "M"),
        ]),
        [(2, RowProblem::OptionHalfTranslated { option: 1 })]
    );
    assert_eq!(
        option(&[
            ("option2_name_en", "Size"),
            ("option2_name_ar", "المقاس"),
            ("option2_value_en", "M"),
            ("option2_value_ar", "M"),
        ]),
        [(2, RowProblem::OptionWithoutPrevious)]
    );
    assert_eq!(
        option(&[
            ("option1_name_en", "مقاس"),
            ("option1_name_ar", "المقاس"),
            ("option1_value_en", "M"),
            ("option1_value_ar", "M"),
        ]),
        [(
            2,
            RowProblem::BadOptionName {
                option: 1,
                name: "مقاس".into()
            }
        )]
    );
    assert_eq!(
        option(&[
            ("option1_name_en", "Size"),
            ("option1_name_ar", "المقاس"),
            ("option1_value_en", "M"),
            ("option1_value_ar", "M"),
            ("option2_name_en", "size"),
            ("option2_name_ar", "حجم"),
            ("option2_value_en", "L"),
            ("option2_value_ar", "L"),
        ]),
        [(2, RowProblem::SameOptionTwice)]
    );
}

#[test]
fn rows_of_a_product_agree_on_options_and_differ_in_values() {
    // Option names differ from the first row.
    let mut renamed = sized("TEE-M", "M", None);
    renamed[10] = "مقاس".into();
    assert_eq!(
        problems_of(&[sized("TEE-S", "S", None), renamed]),
        [(3, RowProblem::OptionNamesDiffer { first_line: 2 })]
    );
    // A second option on one row only.
    assert_eq!(
        problems_of(&[
            sized("TEE-S", "S", None),
            sized("TEE-M", "M", Some(("Red", "أحمر")))
        ]),
        [(3, RowProblem::OptionNamesDiffer { first_line: 2 })]
    );
    // Options mixed with a row without any.
    assert_eq!(
        problems_of(&[sized("TEE-S", "S", None), row(&[("sku", "TEE-X")])]),
        [(3, RowProblem::MixedOptions { other_line: 2 })]
    );
    // Two variants with the same values (English, any case).
    assert_eq!(
        problems_of(&[
            sized("TEE-S", "S", Some(("Red", "أحمر"))),
            sized("TEE-S2", "s", Some(("red", "أحمر"))),
        ]),
        [(3, RowProblem::DuplicateVariant { other_line: 2 })]
    );
    // A product without options has one row.
    assert_eq!(
        problems_of(&[row(&[]), row(&[("sku", "TEE-2")])]),
        [(3, RowProblem::DuplicateVariant { other_line: 2 })]
    );
    // One value, two translations (or two spellings).
    assert_eq!(
        problems_of(&[
            sized("TEE-S", "S", Some(("Red", "أحمر"))),
            sized("TEE-M", "M", Some(("Red", "احمر"))),
            sized("TEE-L", "L", Some(("RED", "أحمر"))),
        ]),
        [
            (
                3,
                RowProblem::OptionValueConflict {
                    value: "Red".into(),
                    other_line: 2
                }
            ),
            (
                4,
                RowProblem::OptionValueConflict {
                    value: "RED".into(),
                    other_line: 2
                }
            ),
        ]
    );
}

#[test]
fn image_paths_stay_beside_the_file() {
    for bad in [
        "/etc/passwd",
        "../secret.png",
        "images/../../x.png",
        "C:\\x.png",
        "a\\b.png",
    ] {
        assert_eq!(
            problems_of(&[row(&[("image", bad)])]),
            [(2, RowProblem::BadImagePath { path: bad.into() })],
            "{bad}"
        );
    }
    assert_eq!(
        problems_of(&[row(&[("image", "ok.png|../x.png")])]),
        [(
            2,
            RowProblem::BadImagePath {
                path: "../x.png".into()
            }
        )]
    );
}

#[test]
fn every_bad_row_is_reported_and_good_products_still_parse() {
    let bytes = file(&[
        row(&[("handle", "a"), ("sku", "A"), ("price", "x")]),
        row(&[("handle", "b"), ("sku", "B")]),
        row(&[
            ("handle", "c"),
            ("sku", "C"),
            ("stock", "-1"),
            ("name_en", ""),
        ]),
        row(&[("handle", "d"), ("sku", "B")]),
    ]);
    let (products, errors) = parse(&bytes);
    let lines: Vec<u64> = errors.iter().map(|e| e.line).collect();
    assert_eq!(lines, [2, 4, 4, 5]);
    let handles: Vec<&str> = products.iter().map(|p| p.handle.as_str()).collect();
    assert_eq!(handles, ["b"]);
    assert_eq!(
        errors[0].to_string(),
        "line 2: price is not a decimal amount: \"x\""
    );
    assert_eq!(
        RowError {
            line: 5,
            problem: RowProblem::DuplicateSku {
                sku: "B".into(),
                first_line: 3
            }
        }
        .to_string(),
        "line 5: SKU B is used on line 3 too"
    );
}
