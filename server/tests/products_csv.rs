//! `dokkan import products FILE.csv [--dry-run]` and `dokkan export products FILE.csv`:
//! exit codes, the bad-row listing on stderr, the summary on stdout.

mod common;

use common::TestApp;
use sqlx::PgPool;
use std::{path::Path, process::Command};

/// The URL of the test's own database, on the server the tests use.
fn database_url(pool: &PgPool) -> String {
    let base = std::env::var("DATABASE_URL").expect("DATABASE_URL for the tests");
    let server = base
        .rsplit_once('/')
        .map(|(server, _)| server)
        .unwrap_or(&base);
    let name = pool.connect_options().get_database().unwrap().to_string();
    format!("{server}/{name}")
}

fn dokkan(pool: &PgPool, media: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dokkan"));
    command
        .env("DATABASE_URL", database_url(pool))
        .env("DOKKAN_MEDIA_DIR", media)
        .env("RUST_LOG", "warn");
    command
}

const HEADER: &str = "handle,name_en,name_ar,description_en,description_ar,category_en,category_ar,brand,tags,option1_name_en,option1_name_ar,option1_value_en,option1_value_ar,option2_name_en,option2_name_ar,option2_value_en,option2_value_ar,sku,price,compare_at_price,stock,image";

/// A 1×1 PNG.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

fn write_csv(dir: &Path, name: &str, rows: &[&str]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    path
}

async fn count(pool: &PgPool, table: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT count(*) FROM {table}"))
        .fetch_one(pool)
        .await
        .unwrap()
}

const GOOD: [&str; 3] = [
    "tee,Cotton Tee,تي شيرت قطن,,,Men > Shirts,رجالي > قمصان,,,Size,المقاس,S,S,,,,,TEE-S,449,,3,images/pixel.png",
    "tee,,,,,,,,,Size,المقاس,M,M,,,,,TEE-M,449,,0,",
    "mug,Mug,كوب,,,Home,المنزل,,,,,,,,,,,MUG-1,99.5,120,10,",
];

#[sqlx::test(migrations = "../migrations")]
async fn import_lists_every_bad_row_and_changes_nothing(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let file = write_csv(
        dir.path(),
        "bad.csv",
        &[
            GOOD[2],
            "cup,Cup,فنجان,,,Home,المنزل,,,,,,,,,,,CUP-1,12.345,,1,",
            "plate,Plate,طبق,,,Home,المنزل,,,,,,,,,,,MUG-1,10,,1,",
            "bowl,Bowl,سلطانية,,,Home,المنزل,,,,,,,,,,,BOWL-1,10,,1,images/none.png",
        ],
    );
    let out = dokkan(&pool, &dir.path().join("media"))
        .args(["import", "products"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "line 3: price has more than 2 decimals: \"12.345\"",
        "line 4: SKU MUG-1 is used on line 2 too",
        "line 5: image \"images/none.png\" does not exist",
        "3 bad rows",
        "nothing was imported",
    ] {
        assert!(stderr.contains(expected), "{expected:?} in {stderr}");
    }
    assert_eq!(count(&pool, "products").await, 0);
    assert_eq!(count(&pool, "categories").await, 0);
    assert!(!dir.path().join("media").exists());
}

#[sqlx::test(migrations = "../migrations")]
async fn dry_run_import_and_export(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let media = dir.path().join("media");
    std::fs::create_dir_all(dir.path().join("images")).unwrap();
    std::fs::write(dir.path().join("images/pixel.png"), PIXEL).unwrap();
    let file = write_csv(dir.path(), "products.csv", &GOOD);
    let run = |args: &[&str], file: &Path| {
        let out = dokkan(&pool, &media).args(args).arg(file).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };

    let dry = run(&["import", "products", "--dry-run"], &file);
    assert!(
        dry.starts_with(
            "dry run, nothing changed: products: 2 created, 0 updated; variants: 3 created"
        ),
        "{dry}"
    );
    assert_eq!(count(&pool, "products").await, 0);
    assert!(!media.exists());

    // Not a terminal: no progress bar, only the summary.
    let real = run(&["import", "products"], &file);
    assert_eq!(
        real,
        "products: 2 created, 0 updated; variants: 3 created, 0 updated, 0 deleted; \
         categories: 3 created; pictures: 1\n"
    );
    assert_eq!(count(&pool, "product_variants").await, 3);
    assert_eq!(std::fs::read_dir(&media).unwrap().count(), 4);
    // The command line's import is in the audit log too; the dry run left nothing there.
    let logged: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT actor_email, action FROM audit_log WHERE entity = 'products'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(logged, [("cli".to_string(), "catalog.import".to_string())]);

    let exported = dir.path().join("out/products.csv");
    std::fs::create_dir_all(exported.parent().unwrap()).unwrap();
    let summary = run(&["export", "products"], &exported);
    assert!(
        summary.starts_with("exported 2 products (3 variants) and 1 pictures"),
        "{summary}"
    );
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.starts_with(HEADER), "{text}");
    assert!(text.contains(",MUG-1,99.50,120,10,\r\n"), "{text}");

    let again = run(&["import", "products"], &exported);
    assert!(
        again.starts_with("products: 0 created, 2 updated"),
        "{again}"
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn media_files_are_served_with_immutable_caching(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let stored = common::media().put(PIXEL).unwrap();
    for (path, content_type) in [
        (stored.url(), "image/png"),
        (format!("/media/{}-200.webp", stored.hash), "image/webp"),
    ] {
        let response = app.get(&path).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(header("content-type"), content_type);
        assert_eq!(
            header("cache-control"),
            "public, max-age=31536000, immutable"
        );
    }
    let missing = app.get("/media/nothing-here.webp").send().await.unwrap();
    assert_eq!(missing.status(), 404);
    assert!(missing
        .headers()
        .get("cache-control")
        .is_none_or(|v| !v.to_str().unwrap_or_default().contains("immutable")));
}
