//! Search quality on a catalog and a query set written for it (`tests/quality/`): 300+
//! bilingual products with near-duplicates and accessories, and queries of every kind a
//! shopper types: Egyptian dialect, Arabizi, English, standard Arabic, attributes,
//! brands, digits, product-versus-accessory, and words the shop does not sell.
//!
//! It prints recall@5, MRR@10 and top-1 per kind, and fails when a kind falls below the
//! floor set from the figures measured when it was written (issue 17's note), so a
//! change that makes search worse for one kind of shopper is seen.

mod common;

use common::{category, product, v, P};
use dokkan_catalog::{db, index::SearchIndex, ListingQuery};
use sqlx::PgPool;
use std::collections::{BTreeMap, HashMap};

const CATEGORIES: &str = include_str!("quality/categories.tsv");
const PRODUCTS: &str = include_str!("quality/products.tsv");
const QUERIES: &str = include_str!("quality/queries.tsv");

/// Rows of a tab-separated file, header checked and skipped.
fn rows<'a>(text: &'a str, header: &str) -> Vec<Vec<&'a str>> {
    let mut lines = text.lines();
    assert_eq!(lines.next().map(str::trim_end), Some(header));
    let width = header.split('\t').count();
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells: Vec<&str> = l.trim_end_matches('\r').split('\t').collect();
            cells.resize(width, "");
            cells
        })
        .collect()
}

async fn load(pool: &PgPool) -> usize {
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for row in rows(CATEGORIES, "slug\tparent\tname_en\tname_ar") {
        let parent = (!row[1].is_empty()).then(|| ids[row[1]]);
        let id = category(pool, row[0], row[2], row[3], parent).await;
        ids.insert(row[0], id);
    }
    let products = rows(
        PRODUCTS,
        "handle\tcategory\tname_en\tname_ar\tbrand\ttags\tdescription_en\tdescription_ar\tprice",
    );
    for row in &products {
        let tags: Vec<&str> = row[5]
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .collect();
        let price: i64 = row[8].trim().parse().expect("price");
        product(
            pool,
            P {
                brand: row[4],
                tags: &tags,
                description: (row[6], row[7]),
                variants: vec![v(&[], price * 100, 5)],
                ..P::new(row[0], (row[2], row[3]), ids[row[1]])
            },
        )
        .await;
    }
    products.len()
}

#[derive(Default)]
struct Tally {
    queries: usize,
    recall_at_5: f64,
    reciprocal_rank: f64,
    top_1: usize,
}

#[sqlx::test(migrations = "../../migrations")]
async fn search_quality_per_kind_of_query(pool: PgPool) {
    let products = load(&pool).await;
    assert!(products >= 300, "{products} products");
    let index = SearchIndex::new();
    let queries = rows(QUERIES, "kind\tquery\trelevant\tnote");
    assert!(queries.len() >= 100, "{} queries", queries.len());
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for row in &queries {
        let (kind, text) = (row[0], row[1]);
        let relevant: Vec<&str> = row[2].split_whitespace().collect();
        let mut q = ListingQuery::new();
        q.text = text.to_string();
        q.per_page = 10;
        let found: Vec<String> = db::listing(&pool, &index, &q)
            .await
            .unwrap()
            .items
            .into_iter()
            .map(|c| c.handle.to_string())
            .collect();
        let tally = tallies.entry(kind).or_default();
        tally.queries += 1;
        if relevant.is_empty() {
            // Must return nothing: every measure is all or nothing.
            let right = found.is_empty();
            tally.recall_at_5 += f64::from(u8::from(right));
            tally.reciprocal_rank += f64::from(u8::from(right));
            tally.top_1 += usize::from(right);
            if !right {
                misses.push(format!(
                    "{kind}\t{text}\tshould find nothing, found {found:?}"
                ));
            }
            continue;
        }
        let hits_in_5 = found
            .iter()
            .take(5)
            .filter(|h| relevant.contains(&h.as_str()))
            .count();
        tally.recall_at_5 += hits_in_5 as f64 / relevant.len().min(5) as f64;
        let rank = found.iter().position(|h| relevant.contains(&h.as_str()));
        tally.reciprocal_rank += rank.map_or(0.0, |r| 1.0 / (r + 1) as f64);
        tally.top_1 += usize::from(rank == Some(0));
        if rank != Some(0) {
            misses.push(format!(
                "{kind}\t{text}\tfirst relevant at {:?}; found {:?}",
                rank.map(|r| r + 1),
                &found[..found.len().min(4)]
            ));
        }
    }
    println!("\n{products} products, {} queries", queries.len());
    println!(
        "{:<10} {:>7} {:>9} {:>7} {:>7}",
        "kind", "queries", "recall@5", "MRR@10", "top-1"
    );
    let mut all = Tally::default();
    let mut report = Vec::new();
    for (kind, t) in &tallies {
        let n = t.queries as f64;
        let (recall, mrr, top) = (t.recall_at_5 / n, t.reciprocal_rank / n, t.top_1 as f64 / n);
        println!(
            "{kind:<10} {:>7} {recall:>9.3} {mrr:>7.3} {top:>7.3}",
            t.queries
        );
        report.push((*kind, recall, mrr, top));
        all.queries += t.queries;
        all.recall_at_5 += t.recall_at_5;
        all.reciprocal_rank += t.reciprocal_rank;
        all.top_1 += t.top_1;
    }
    let n = all.queries as f64;
    println!(
        "{:<10} {:>7} {:>9.3} {:>7.3} {:>7.3}",
        "all",
        all.queries,
        all.recall_at_5 / n,
        all.reciprocal_rank / n,
        all.top_1 as f64 / n
    );
    println!("\nnot first:\n{}", misses.join("\n"));
    // Floors a little under what was measured when the set was written (see the note
    // on issue 17): every kind must keep working, not only the average.
    for (kind, recall, mrr, _) in report {
        let floor = FLOORS
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0.85, |(_, f)| *f);
        assert!(
            recall >= floor && mrr >= floor,
            "{kind}: recall@5 {recall:.3}, MRR@10 {mrr:.3} below {floor}"
        );
    }
}

/// recall@5 and MRR@10 must both stay at or above these.
/// Measured when written (recall@5 / MRR@10): accessory .955/.932, arabic .932/.983,
/// arabizi .943/.978, attribute 1/1, brand 1/1, dialect .951/.948, digits 1/1, english
/// .962/.981, nothing .95/.95.
const FLOORS: &[(&str, f64)] = &[
    ("accessory", 0.88),
    ("arabic", 0.88),
    ("arabizi", 0.88),
    ("attribute", 0.9),
    ("brand", 0.9),
    ("dialect", 0.9),
    ("digits", 0.9),
    ("english", 0.9),
    ("nothing", 0.85),
];

#[sqlx::test(migrations = "../../migrations")]
#[ignore = "a tool: prints why the queries in DOKKAN_EXPLAIN matched"]
async fn explain_queries(pool: PgPool) {
    load(&pool).await;
    let index = SearchIndex::new();
    for text in std::env::var("DOKKAN_EXPLAIN")
        .unwrap_or_default()
        .split('|')
    {
        let mut q = ListingQuery::new();
        q.text = text.to_string();
        q.per_page = 5;
        let (_, why) = db::listing_explained(&pool, &index, &q).await.unwrap();
        println!("== {text}\n{}", serde_json::to_string_pretty(&why).unwrap());
    }
}
