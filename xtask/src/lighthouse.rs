//! `cargo xtask lighthouse`: Lighthouse (npm, mobile preset) in Debian's Chromium against the
//! release server, home and product pages in both locales. Writes `target/lighthouse/`.

use crate::{
    postgres,
    server::Server,
    tools,
    util::{self, step},
};

const LIGHTHOUSE_VERSION: &str = "13.5.0";

pub fn run() -> anyhow::Result<()> {
    tools::ensure_build_tools()?;
    crate::release::build()?;
    tools::ensure_chromium()?;
    let lighthouse = tools::tools_dir()
        .join("node_modules")
        .join(".bin")
        .join("lighthouse");
    if !lighthouse.exists() {
        step(&format!(
            "Installing lighthouse@{LIGHTHOUSE_VERSION} from npm"
        ));
        util::run(
            util::command("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(tools::tools_dir())
                .arg(format!("lighthouse@{LIGHTHOUSE_VERSION}")),
        )?;
    }
    let (_, product) = util::demo_samples()?;
    let base = postgres::ensure_server()?;
    let server = Server::start_fresh(
        &crate::release::dokkan_binary(),
        &format!("{base}/dokkan_lighthouse"),
        "dokkan_lighthouse",
        false,
    )?;
    let out_dir = util::root().join("target").join("lighthouse");
    std::fs::create_dir_all(&out_dir)?;
    let pages = [
        ("home-en", "/en/".to_string()),
        ("home-ar", "/ar/".to_string()),
        ("product-en", format!("/en/products/{product}")),
        ("product-ar", format!("/ar/products/{product}")),
    ];
    let mut rows = Vec::new();
    for (name, path) in pages {
        step(&format!("lighthouse {path}"));
        let report = out_dir.join(format!("{name}.json"));
        util::run(util::command(&lighthouse)
            .arg(format!("{}{path}", server.base_url()))
            .args(["--quiet", "--output=json", "--form-factor=mobile"])
            .arg(format!("--output-path={}", report.display()))
            .arg("--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run")
            .env("CHROME_PATH", "/usr/bin/chromium"))?;
        let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report)?)?;
        let score = |category: &str| {
            json["categories"][category]["score"]
                .as_f64()
                .map(|s| (s * 100.0).round())
        };
        rows.push((
            name,
            score("performance"),
            score("accessibility"),
            score("best-practices"),
            score("seo"),
        ));
    }
    server.stop()?;
    println!(
        "\n{:<12} {:>12} {:>14} {:>15} {:>5}",
        "page", "performance", "accessibility", "best-practices", "seo"
    );
    for (name, p, a, b, s) in rows {
        let f = |v: Option<f64>| v.map(|v| format!("{v:.0}")).unwrap_or_else(|| "-".into());
        println!(
            "{:<12} {:>12} {:>14} {:>15} {:>5}",
            name,
            f(p),
            f(a),
            f(b),
            f(s)
        );
    }
    Ok(())
}
