//! The product CSV against a real PostgreSQL and a real media store: what an import
//! writes, re-imports, refused files, dry runs, the export round trip and the demo seed.

use dokkan_catalog::csv::{
    export,
    import::{self, ImportOptions, ImportReport},
    DirImages, RowProblem, HEADER,
};
use dokkan_catalog::{db, seed, CatalogError, Localized};
use dokkan_core::Slug;
use dokkan_media::{Limits, MediaStore, Rejection};
use image::{DynamicImage, ImageBuffer, ImageFormat, Rgb};
use sqlx::PgPool;
use std::path::{Path, PathBuf};

/// A folder holding a CSV's pictures, and a media store of its own.
struct Scene {
    dir: tempfile::TempDir,
    media: MediaStore,
}

impl Scene {
    fn new() -> Scene {
        let dir = tempfile::tempdir().unwrap();
        let media = MediaStore::new(dir.path().join("media"));
        Scene { dir, media }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join("in").join(relative)
    }

    /// A PNG of `width`×`height` in one colour at `images/<name>`.
    fn picture(&self, name: &str, width: u32, height: u32, shade: u8) {
        let path = self.path(&format!("images/{name}"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        DynamicImage::ImageRgb8(ImageBuffer::from_pixel(width, height, Rgb([shade, 40, 90])))
            .save_with_format(path, ImageFormat::Png)
            .unwrap();
    }

    fn file(&self, relative: &str, bytes: &[u8]) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }

    fn images(&self) -> DirImages {
        DirImages::new(self.path(""))
    }

    fn media_files(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.media.dir()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    async fn import(
        &self,
        pool: &PgPool,
        csv: &str,
        dry_run: bool,
    ) -> Result<ImportReport, CatalogError> {
        import::run(
            pool,
            csv.as_bytes(),
            &self.images(),
            &self.media,
            ImportOptions {
                dry_run,
                skip_existing: false,
            },
            |_, _| {},
        )
        .await
    }
}

fn csv(rows: &[&str]) -> String {
    let mut text = HEADER.join(",");
    for row in rows {
        text.push('\n');
        text.push_str(row);
    }
    text.push('\n');
    text
}

const TEE_S_RED: &str = "tee,Cotton T-Shirt,تي شيرت قطن,\"Soft, combed cotton.\nTwo lines.\",قطن ناعم.,Men > Shirts,رجالي > قمصان,Giza Threads,summer|basics,Size,المقاس,S,صغير,Color,اللون,Red,أحمر,TEE-S-RED,449.50,500,3,images/red.png|images/detail.png";
const TEE_M_RED: &str =
    "tee,,,,,,,,,Size,المقاس,M,وسط,Color,اللون,Red,أحمر,TEE-M-RED,449.50,500,0,images/red.png";
const TEE_S_BLUE: &str =
    "tee,,,,,,,,,Size,المقاس,S,صغير,Color,اللون,Blue,أزرق,TEE-S-BLUE,399,,7,images/blue.png";
const MUG: &str = "mug,Clay Mug,كوب فخار,,,Home > Kitchen > Mugs,المنزل > المطبخ > أكواب,,,,,,,,,,,MUG-1,120,,10,images/mug.png";

/// The pictures the rows above name.
fn pictures(scene: &Scene) {
    scene.picture("red.png", 40, 30, 200);
    scene.picture("detail.png", 900, 600, 10);
    scene.picture("blue.png", 50, 50, 20);
    scene.picture("mug.png", 30, 30, 30);
}

/// Everything an import writes, without ids and times, in a stable order.
async fn state(pool: &PgPool) -> Vec<String> {
    let queries = [
        "SELECT c.slug || '|' || c.name_en || '|' || c.name_ar || '|' || COALESCE(p.slug, '-')
                || '|' || c.position || '|' || c.search_name
           FROM categories c LEFT JOIN categories p ON p.id = c.parent_id ORDER BY c.slug",
        "SELECT p.handle || '|' || c.slug || '|' || p.name_en || '|' || p.name_ar || '|'
                || p.description_en || '|' || p.description_ar || '|' || p.brand || '|'
                || array_to_string(p.tags, ',') || '|' || p.price_minor || '|'
                || COALESCE(p.compare_at_minor::text, '-') || '|' || p.in_stock || '|'
                || p.search_name || '|' || p.search_terms || '|' || p.search_body
           FROM products p JOIN categories c ON c.id = p.category_id ORDER BY p.handle",
        "SELECT p.handle || '|' || o.position || '|' || o.key || '|' || o.name_en || '|' || o.name_ar
           FROM product_options o JOIN products p ON p.id = o.product_id
          ORDER BY p.handle, o.position",
        "SELECT p.handle || '|' || i.position || '|' || i.path || '|' || i.alt_en || '|'
                || i.alt_ar || '|' || i.media_hash || '|' || i.width || 'x' || i.height
           FROM product_images i JOIN products p ON p.id = i.product_id
          ORDER BY p.handle, i.position",
        "SELECT p.handle || '|' || v.position || '|' || v.sku || '|' || v.price_minor || '|'
                || COALESCE(v.compare_at_minor::text, '-') || '|' || v.stock || '|'
                || COALESCE(i.position::text, '-') || '|' || array_to_string(v.facets, ',')
           FROM product_variants v JOIN products p ON p.id = v.product_id
           LEFT JOIN product_images i ON i.id = v.image_id
          ORDER BY p.handle, v.position",
        "SELECT v.sku || '|' || o.key || '|' || x.value_en || '|' || x.value_ar
           FROM variant_option_values x JOIN product_variants v ON v.id = x.variant_id
           JOIN product_options o ON o.id = x.option_id ORDER BY v.sku, o.position",
    ];
    let mut out = Vec::new();
    for query in queries {
        let rows: Vec<String> = sqlx::query_scalar(query).fetch_all(pool).await.unwrap();
        out.extend(rows);
        out.push("--".into());
    }
    out
}

fn rows_of(result: Result<ImportReport, CatalogError>) -> Vec<(u64, RowProblem)> {
    match result {
        Err(CatalogError::InvalidRows(rows)) => {
            rows.into_iter().map(|r| (r.line, r.problem)).collect()
        }
        other => panic!("expected bad rows, got {other:?}"),
    }
}

#[sqlx::test(migrations = "../../migrations")]
async fn import_writes_categories_products_variants_pictures_and_search(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    let report = scene
        .import(&pool, &csv(&[TEE_S_RED, TEE_M_RED, TEE_S_BLUE, MUG]), false)
        .await
        .unwrap();
    assert_eq!((report.products_created, report.products_updated), (2, 0));
    assert_eq!((report.variants_created, report.variants_updated), (4, 0));
    assert_eq!((report.categories_created, report.images), (5, 4));
    assert_eq!(
        report.created,
        [Slug::parse("tee").unwrap(), Slug::parse("mug").unwrap()]
    );

    // Categories from the paths, each level under the one above.
    let categories: Vec<(String, Option<String>, String)> = sqlx::query_as(
        "SELECT c.slug, p.slug, c.search_name FROM categories c
           LEFT JOIN categories p ON p.id = c.parent_id ORDER BY c.id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let expected: Vec<(String, Option<String>, String)> = [
        ("men", None, "men رجالي"),
        ("men-shirts", Some("men"), "shirts قمصان"),
        ("home", None, "home المنزل"),
        ("home-kitchen", Some("home"), "kitchen المطبخ"),
        ("home-kitchen-mugs", Some("home-kitchen"), "mugs اكواب"),
    ]
    .into_iter()
    .map(|(s, p, n)| (s.to_string(), p.map(str::to_string), n.to_string()))
    .collect();
    assert_eq!(categories, expected);

    // The product, its summary (kept by the trigger) and its search columns.
    let (price, compare_at, in_stock, tags, name, terms, body): (
        i64,
        Option<i64>,
        bool,
        Vec<String>,
        String,
        String,
        String,
    ) = sqlx::query_as(
        "SELECT price_minor, compare_at_minor, in_stock, tags, search_name, search_terms,
                search_body FROM products WHERE handle = 'tee'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((price, compare_at, in_stock), (39_900, None, true));
    assert_eq!(tags, ["summer", "basics"]);
    assert!(
        name.contains("cotton t-shirt") && name.contains("تي شيرت قطن"),
        "{name}"
    );
    assert!(name.contains("tshirt"), "compounds: {name}");
    for term in [
        "giza threads",
        "summer",
        "men",
        "رجالي",
        "shirts",
        "red",
        "احمر",
        "blue",
        "صغير",
    ] {
        assert!(terms.contains(term), "{term} in {terms}");
    }
    assert!(
        body.contains("soft, combed cotton.") && body.contains("قطن ناعم"),
        "{body}"
    );

    // The page's view of it: variants in file order, values, pictures and their alt text.
    let tee = db::product_by_handle(&pool, &Slug::parse("tee").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tee.description.en, "Soft, combed cotton.\nTwo lines.");
    assert_eq!(tee.brand, "Giza Threads");
    let skus: Vec<&str> = tee.variants.iter().map(|v| v.sku.as_str()).collect();
    assert_eq!(skus, ["TEE-S-RED", "TEE-M-RED", "TEE-S-BLUE"]);
    let keys: Vec<&str> = tee.options.iter().map(|o| o.key.as_str()).collect();
    assert_eq!(keys, ["size", "color"]);
    assert_eq!(tee.options[1].values.len(), 2);
    assert_eq!(tee.variants[1].options[0], Localized::new("M", "وسط"));
    assert_eq!(tee.variants[0].compare_at.unwrap().minor(), 50_000);
    assert_eq!(tee.variants[2].stock, 7);
    let images: Vec<Option<usize>> = tee.variants.iter().map(|v| v.image).collect();
    assert_eq!(images, [Some(0), Some(0), Some(2)]);
    assert_eq!(tee.images.len(), 3);
    assert_eq!(
        tee.images[0].alt,
        Localized::new("Cotton T-Shirt – Red", "تي شيرت قطن – أحمر")
    );
    assert_eq!(tee.images[1].alt, tee.name, "a picture no variant shows");
    assert_eq!(
        tee.images[2].alt,
        Localized::new("Cotton T-Shirt – S, Blue", "تي شيرت قطن – صغير، أزرق")
    );

    // Stored pictures: the path is the original's URL; copies exist at every width.
    let detail: (String, String, i32, i32) = sqlx::query_as(
        "SELECT i.path, i.media_hash, i.width, i.height FROM product_images i
           JOIN products p ON p.id = i.product_id WHERE p.handle = 'tee' AND i.position = 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let (path, hash, width, height) = detail;
    assert_eq!(path, format!("/media/{hash}.png"));
    assert_eq!((width, height), (900, 600));
    assert_eq!(tee.images[1].src(400), format!("/media/{hash}-400.webp"));
    for name in [
        format!("{hash}.png"),
        format!("{hash}-200.webp"),
        format!("{hash}-400.webp"),
        format!("{hash}-800.webp"),
    ] {
        assert!(scene.media_files().contains(&name), "{name}");
    }
    assert_eq!(scene.media_files().len(), 4 * 4);
}

#[sqlx::test(migrations = "../../migrations")]
async fn reimporting_updates_in_place(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    scene
        .import(&pool, &csv(&[TEE_S_RED, TEE_M_RED, TEE_S_BLUE, MUG]), false)
        .await
        .unwrap();
    let id_of = |sku: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT id FROM product_variants WHERE sku = $1")
                .bind(sku)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let blue_id = id_of("TEE-S-BLUE").await;

    // Blue first and cheaper, M/Red gone, a new L/Red, a new name, the category renamed
    // in Arabic, the mug untouched by this file.
    let renamed = TEE_S_RED
        .replace("Cotton T-Shirt,", "Cotton Tee,")
        .replace("رجالي > قمصان", "رجالي > قمصان وتيشيرتات");
    let blue = TEE_S_BLUE.replace(",399,", ",350,");
    let large = TEE_M_RED
        .replace("M,وسط", "L,كبير")
        .replace("TEE-M-RED", "TEE-L-RED");
    let first_row = blue.replacen(
        "tee,,,,,,,,,",
        "tee,Cotton Tee,تي شيرت قطن,\"Soft, combed cotton.\nTwo lines.\",قطن ناعم.,Men > Shirts,رجالي > قمصان وتيشيرتات,Giza Threads,summer|basics,",
        1,
    );
    let second = renamed.replacen(
        "tee,Cotton Tee,تي شيرت قطن,\"Soft, combed cotton.\nTwo lines.\",قطن ناعم.,Men > Shirts,رجالي > قمصان وتيشيرتات,Giza Threads,summer|basics,",
        "tee,,,,,,,,,",
        1,
    );
    let report = scene
        .import(&pool, &csv(&[&first_row, &second, &large]), false)
        .await
        .unwrap();
    assert_eq!((report.products_created, report.products_updated), (0, 1));
    assert_eq!(
        (
            report.variants_created,
            report.variants_updated,
            report.variants_deleted
        ),
        (1, 2, 1)
    );
    assert_eq!(report.categories_created, 0);

    let counts: (i64, i64, i64, i64) = sqlx::query_as(
        "SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM product_variants),
                (SELECT count(*) FROM categories), (SELECT count(*) FROM product_options)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counts, (2, 4, 5, 2));
    assert_eq!(
        id_of("TEE-S-BLUE").await,
        blue_id,
        "variants are matched by SKU"
    );
    let tee = db::product_by_handle(&pool, &Slug::parse("tee").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tee.name.en, "Cotton Tee");
    let skus: Vec<&str> = tee.variants.iter().map(|v| v.sku.as_str()).collect();
    assert_eq!(skus, ["TEE-S-BLUE", "TEE-S-RED", "TEE-L-RED"]);
    assert_eq!(tee.variants[0].price.minor(), 35_000);
    assert_eq!(tee.category.name.ar, "قمصان وتيشيرتات");
    assert_eq!(
        tee.category.slug.as_str(),
        "men-shirts",
        "the category was renamed, not made anew"
    );
    // Pictures follow the new row order: blue, red, detail.
    let alts: Vec<&str> = tee.images.iter().map(|i| i.alt.en.as_str()).collect();
    // Blue is the only S variant with a picture of its own, so its size tells it apart too.
    assert_eq!(
        alts,
        ["Cotton Tee – S, Blue", "Cotton Tee – Red", "Cotton Tee"]
    );
    let price: i64 = sqlx::query_scalar("SELECT price_minor FROM products WHERE handle = 'tee'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(price, 35_000, "the summary follows the variants");
    let search: String =
        sqlx::query_scalar("SELECT search_name FROM products WHERE handle = 'tee'")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(search.starts_with("cotton tee"), "{search}");

    // The same file again changes nothing but timestamps.
    let before = state(&pool).await;
    let again = scene
        .import(&pool, &csv(&[&first_row, &second, &large]), false)
        .await
        .unwrap();
    assert_eq!((again.variants_created, again.variants_deleted), (0, 0));
    assert_eq!(state(&pool).await, before);
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_bad_file_changes_nothing_and_names_every_bad_row(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    scene.import(&pool, &csv(&[MUG]), false).await.unwrap();
    // Two existing siblings: one named "Men" in English, another "رجالي" in Arabic.
    for (slug, en, ar) in [("men", "Men", "رجال"), ("gents", "Gents", "رجالي")] {
        sqlx::query("INSERT INTO categories (slug, name_en, name_ar) VALUES ($1, $2, $3)")
            .bind(slug)
            .bind(en)
            .bind(ar)
            .execute(&pool)
            .await
            .unwrap();
    }
    scene.file("images/notes.png", b"not a picture at all");
    std::fs::create_dir_all(scene.path("images/folder.png")).unwrap();
    let before = state(&pool).await;
    let media_before = scene.media_files();

    let result = scene
        .import(
            &pool,
            &csv(&[
                // 2: good on its own; the file is still refused.
                "cup,Cup,فنجان,,,Home > Kitchen,المنزل > المطبخ,,,,,,,,,,,CUP-1,50,,1,images/mug.png",
                // 3: the mug's SKU on another product.
                "plate,Plate,طبق,,,Home,المنزل,,,,,,,,,,,MUG-1,50,,1,",
                // 4: names that belong to two different categories.
                "hat,Hat,قبعة,,,Men,رجالي,,,,,,,,,,,HAT-1,50,,1,",
                // 5–8: pictures missing, not pictures, unreadable, and a bad price too.
                "a,A,أ,,,Home,المنزل,,,,,,,,,,,A-1,50,,1,images/nowhere.png",
                "b,B,ب,,,Home,المنزل,,,,,,,,,,,B-1,50,,1,images/notes.png",
                "c,C,ت,,,Home,المنزل,,,,,,,,,,,C-1,50,,1,images/folder.png",
                "d,D,ث,,,Home,المنزل,,,,,,,,,,,D-1,5.555,,1,images/nowhere.png",
            ]),
            false,
        )
        .await;
    let problems = rows_of(result);
    assert_eq!(
        problems,
        [
            (
                3,
                RowProblem::SkuOfOtherProduct {
                    sku: "MUG-1".into(),
                    handle: "mug".into()
                }
            ),
            (
                4,
                RowProblem::CategoryTaken {
                    name_en: "Men".into(),
                    name_ar: "رجالي".into()
                }
            ),
            (
                5,
                RowProblem::ImageMissing {
                    path: "images/nowhere.png".into()
                }
            ),
            (
                6,
                RowProblem::ImageRejected {
                    path: "images/notes.png".into(),
                    reason: Rejection::NotAnImage
                }
            ),
            (
                7,
                RowProblem::ImageUnreadable {
                    path: "images/folder.png".into(),
                    kind: std::io::ErrorKind::IsADirectory
                }
            ),
            (
                8,
                RowProblem::TooManyDecimals {
                    column: "price",
                    text: "5.555".into()
                }
            ),
        ]
    );
    assert_eq!(state(&pool).await, before, "the database is unchanged");
    assert_eq!(scene.media_files(), media_before, "no picture was stored");
}

#[sqlx::test(migrations = "../../migrations")]
async fn pictures_over_the_store_limits_are_bad_rows(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    let strict = MediaStore::with_limits(
        scene.dir.path().join("strict"),
        Limits {
            max_width: 100,
            max_height: 100,
            ..Limits::default()
        },
    );
    let result = import::run(
        &pool,
        csv(&[TEE_S_RED, TEE_M_RED, TEE_S_BLUE]).as_bytes(),
        &scene.images(),
        &strict,
        ImportOptions::default(),
        |_, _| {},
    )
    .await;
    assert!(matches!(
        &rows_of(result)[..],
        [(
            2,
            RowProblem::ImageRejected {
                reason: Rejection::TooManyPixels { width: 900, .. },
                ..
            }
        )]
    ));
}

#[sqlx::test(migrations = "../../migrations")]
async fn a_dry_run_checks_everything_and_writes_nothing(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    let mut calls = Vec::new();
    let report = import::run(
        &pool,
        csv(&[TEE_S_RED, TEE_M_RED, TEE_S_BLUE, MUG]).as_bytes(),
        &scene.images(),
        &scene.media,
        ImportOptions {
            dry_run: true,
            skip_existing: false,
        },
        |done, total| calls.push((done, total)),
    )
    .await
    .unwrap();
    assert!(report.dry_run);
    assert_eq!((report.products_created, report.variants_created), (2, 4));
    // Pictures checked (4) and products written (2), no pictures stored.
    assert_eq!(calls.first(), Some(&(0, 6)));
    assert_eq!(calls.last(), Some(&(6, 6)));
    assert_eq!(db::count_products(&pool).await.unwrap(), 0);
    assert!(db::list_categories(&pool).await.unwrap().is_empty());
    assert!(scene.media_files().is_empty());

    // Database problems are found in a dry run too.
    scene.import(&pool, &csv(&[MUG]), false).await.unwrap();
    let clash = "plate,Plate,طبق,,,Home,المنزل,,,,,,,,,,,MUG-1,50,,1,";
    assert!(matches!(
        &rows_of(scene.import(&pool, &csv(&[clash]), true).await)[..],
        [(2, RowProblem::SkuOfOtherProduct { .. })]
    ));
}

/// Exports into a fresh folder; returns the CSV's text and the folder.
async fn export_to(pool: &PgPool, scene: &Scene, name: &str) -> (String, PathBuf) {
    let dir = scene.dir.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("products.csv");
    export::run(pool, &file, &scene.media).await.unwrap();
    (std::fs::read_to_string(&file).unwrap(), dir)
}

async fn import_dir(pool: &PgPool, scene: &Scene, dir: &Path, text: &str) -> ImportReport {
    import::run(
        pool,
        text.as_bytes(),
        &DirImages::new(dir),
        &scene.media,
        ImportOptions::default(),
        |_, _| {},
    )
    .await
    .unwrap()
}

#[sqlx::test(migrations = "../../migrations")]
async fn export_then_import_is_lossless(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    scene.picture("tile.png", 20, 20, 99);
    // A product with no variant picture but two product pictures, an awkward name.
    let tiles = "tiles,\"Tiles, \"\"Cairo\"\" | blue\",بلاط,,,Home > Kitchen,المنزل > المطبخ,,a|b,,,,,,,,,TILE-1,0.05,1199.99,0,|images/tile.png|images/mug.png";
    scene
        .import(
            &pool,
            &csv(&[TEE_S_RED, TEE_M_RED, TEE_S_BLUE, MUG, tiles]),
            false,
        )
        .await
        .unwrap();
    let first_state = state(&pool).await;

    let (first, first_dir) = export_to(&pool, &scene, "first").await;
    let mut lines = first.split("\r\n");
    assert_eq!(lines.next(), Some(HEADER.join(",").as_str()));
    assert!(first.contains(",449.50,500,3,images/"), "{first}");
    assert!(first.contains("\"Tiles, \"\"Cairo\"\" | blue\""), "{first}");
    assert!(first.contains(",TILE-1,0.05,1199.99,0,|images/"), "{first}");
    // Every picture is beside the CSV under its hash.
    let copied = std::fs::read_dir(first_dir.join("images")).unwrap().count();
    assert_eq!(copied, 5);

    // Into the same database: nothing changes.
    let report = import_dir(&pool, &scene, &first_dir, &first).await;
    assert_eq!((report.products_updated, report.variants_deleted), (3, 0));
    assert_eq!(state(&pool).await, first_state);
    let (second, _) = export_to(&pool, &scene, "second").await;
    assert_eq!(second, first, "export → import → export is byte-identical");

    // Into an empty catalog: the same catalog again.
    sqlx::query("DELETE FROM products")
        .execute(&pool)
        .await
        .unwrap();
    // Leaves first: a parent cannot go while a child points at it.
    loop {
        let deleted = sqlx::query(
            "DELETE FROM categories c
              WHERE NOT EXISTS (SELECT 1 FROM categories child WHERE child.parent_id = c.id)",
        )
        .execute(&pool)
        .await
        .unwrap()
        .rows_affected();
        if deleted == 0 {
            break;
        }
    }
    import_dir(&pool, &scene, &first_dir, &first).await;
    assert_eq!(state(&pool).await, first_state);
    let (third, _) = export_to(&pool, &scene, "third").await;
    assert_eq!(third, first);
}

#[sqlx::test(migrations = "../../migrations")]
async fn export_leaves_out_pictures_the_store_does_not_hold(pool: PgPool) {
    let scene = Scene::new();
    pictures(&scene);
    scene.import(&pool, &csv(&[MUG]), false).await.unwrap();
    sqlx::query(
        "INSERT INTO product_images (product_id, position, path)
         SELECT id, 5, '/images/products/old.svg' FROM products",
    )
    .execute(&pool)
    .await
    .unwrap();
    let dir = scene.dir.path().join("out");
    let report = export::run(&pool, &dir.join("p.csv"), &scene.media)
        .await
        .unwrap();
    assert_eq!((report.products, report.variants, report.images), (1, 1, 1));
    assert_eq!(report.images_missing, ["/images/products/old.svg"]);
}

#[sqlx::test(migrations = "../../migrations")]
async fn seed_loads_the_demo_once_newest_first(pool: PgPool) {
    // The store the server's tests use too: pictures are stored under their hash, so the
    // slow part (WebP copies of every demo picture) is paid once per machine.
    let dir = std::env::temp_dir().join("dokkan-test-media");
    let media = MediaStore::new(&dir);
    let first = seed::load_demo(&pool, &media, false).await.unwrap();
    assert!(first.products_added > 0 && first.categories_added > 0);
    let second = seed::load_demo(&pool, &media, false).await.unwrap();
    assert_eq!((second.categories_added, second.products_added), (0, 0));
    assert!(seed::load_demo(&pool, &media, true).await.unwrap().skipped);
    assert_eq!(
        db::count_products(&pool).await.unwrap(),
        first.products_added as i64
    );

    // Newest first is the file's order.
    let (products, _) = dokkan_catalog::csv::parse(seed::DEMO_CSV);
    let newest: Vec<String> =
        sqlx::query_scalar("SELECT handle FROM products ORDER BY created_at DESC, id DESC")
            .fetch_all(&pool)
            .await
            .unwrap();
    let file_order: Vec<String> = products.iter().map(|p| p.handle.to_string()).collect();
    assert_eq!(newest, file_order);
    let distinct: i64 = sqlx::query_scalar("SELECT count(DISTINCT created_at) FROM products")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(distinct, first.products_added as i64);

    // Every product has a stored picture with its copies.
    let without: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM products p
          WHERE NOT EXISTS (SELECT 1 FROM product_images i
                             WHERE i.product_id = p.id AND i.media_hash IS NOT NULL)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(without, 0);
    let hash: String = sqlx::query_scalar("SELECT media_hash FROM product_images LIMIT 1")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(media.path_of_original(&hash).is_some());
    assert!(dir.join(format!("{hash}-200.webp")).exists());
}
