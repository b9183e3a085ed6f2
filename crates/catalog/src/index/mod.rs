//! The listing and search index: every published product's lexemes (as PostgreSQL's
//! `english` and `arabic` configurations made them), price, stock, category and option
//! words, held in this server's memory so that a search over 100,000 products, with its
//! facet counts, takes milliseconds instead of the hundreds PostgreSQL needed to rank
//! and count every match of a broad query (issue 4's figures).
//!
//! PostgreSQL stays the source of truth. Triggers number every catalog change
//! (`catalog_generation`, `catalog_changes`, see its migration) and every read first
//! asks for the current number: one primary-key read. When it moved, the products it
//! names are read again (or, far behind, everything), so a listing never shows what an
//! earlier write changed, whichever server instance made the write. Several instances
//! each keep their own copy; nothing here is shared between them.

mod listing;
mod load;
mod query;
mod store;
mod tsvector;

pub use listing::{Counts, Found};
pub use query::{Alternative, Group, GroupMatch, Via};
pub(crate) use store::FacetLabel;

use crate::lexicon::Lexicon;
use crate::{CatalogError, ListingQuery};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock, RwLockReadGuard};
use store::Store;

/// Beyond this many changed products (or a quarter of the catalog) one full load is
/// cheaper than reading them one by one.
const INCREMENTAL_LIMIT: usize = 2_000;

/// A handle to the index; clones share it.
#[derive(Clone)]
pub struct SearchIndex {
    shared: Arc<Shared>,
}

struct Shared {
    store: RwLock<Store>,
    /// The generation the store reflects; -1 before the first load.
    loaded: AtomicI64,
    /// One refresh at a time; readers keep reading the store meanwhile.
    refresh: tokio::sync::Mutex<()>,
    /// The built-in lexicon with the shop's synonyms, and the `synonyms_version` it
    /// reflects (-1 before the first read).
    lexicon: RwLock<Arc<Lexicon>>,
    synonyms: AtomicI64,
}

impl Default for SearchIndex {
    fn default() -> Self {
        SearchIndex::new()
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("generation", &self.shared.loaded.load(Ordering::Acquire))
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// An empty index; the first `sync` loads it.
    pub fn new() -> SearchIndex {
        SearchIndex {
            shared: Arc::new(Shared {
                store: RwLock::new(Store::default()),
                loaded: AtomicI64::new(-1),
                refresh: tokio::sync::Mutex::new(()),
                lexicon: RwLock::new(Arc::new(Lexicon::built_in().clone())),
                synonyms: AtomicI64::new(-1),
            }),
        }
    }

    /// How many published products the index holds.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Brings the index and the shop's synonyms up to date with PostgreSQL: a no-op read
    /// when nothing changed.
    pub async fn sync(&self, pool: &sqlx::PgPool) -> Result<(), CatalogError> {
        let (generation, synonyms): (i64, i64) =
            sqlx::query_as("SELECT generation, synonyms_version FROM catalog_generation")
                .fetch_one(pool)
                .await?;
        if synonyms != self.shared.synonyms.load(Ordering::Acquire) {
            self.reload_synonyms(pool, synonyms).await?;
        }
        if generation == self.loaded() {
            return Ok(());
        }
        let _refreshing = self.shared.refresh.lock().await;
        // Read again under the lock: another request may have refreshed meanwhile.
        let (generation, pruned, changed): (i64, i64, Vec<i64>) = sqlx::query_as(
            "SELECT generation, pruned_through,
                    ARRAY(SELECT DISTINCT product_id FROM catalog_changes WHERE generation > $1)
               FROM catalog_generation",
        )
        .bind(self.loaded().max(0))
        .fetch_one(pool)
        .await?;
        let loaded = self.loaded();
        if generation == loaded {
            return Ok(());
        }
        // Never loaded, too far behind, or the database went back (restored or
        // recreated): read everything.
        let limit = INCREMENTAL_LIMIT.max(self.len() / 4);
        if loaded < 0 || loaded < pruned || generation < loaded || changed.len() > limit {
            return self.reload(pool).await;
        }
        // A handful of products: parsed and applied right here.
        let (docs, labels) = load::products(pool, &changed).await?.parse()?;
        let mut store = self.write();
        for id in &changed {
            store.remove(*id);
        }
        for doc in docs {
            store.upsert(doc);
        }
        for (word, label) in labels {
            store.set_label(&word, label, true);
        }
        self.shared.loaded.store(generation, Ordering::Release);
        tracing::debug!(
            generation,
            changed = changed.len(),
            "search index refreshed"
        );
        Ok(())
    }

    async fn reload_synonyms(&self, pool: &sqlx::PgPool, version: i64) -> Result<(), CatalogError> {
        let rules = crate::db::synonyms::rules(pool).await?;
        let lexicon = Arc::new(Lexicon::built_in().with_shop_rules(&rules));
        *self
            .shared
            .lexicon
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = lexicon;
        // Two requests may both reload; either stores what it read, and a later change
        // moves the version again.
        self.shared.synonyms.store(version, Ordering::Release);
        tracing::debug!(version, rules = rules.len(), "search synonyms loaded");
        Ok(())
    }

    /// The lexicon searches use now: built in, plus the shop's synonyms.
    pub fn lexicon(&self) -> Arc<Lexicon> {
        self.shared
            .lexicon
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    async fn reload(&self, pool: &sqlx::PgPool) -> Result<(), CatalogError> {
        let started = std::time::Instant::now();
        // The number first: what is read afterwards is at least this new.
        let (generation,): (i64,) = sqlx::query_as("SELECT generation FROM catalog_generation")
            .fetch_one(pool)
            .await?;
        let mut fresh = Store::default();
        let mut after = i64::MIN;
        loop {
            let batch = load::batch_after(pool, after).await?;
            let Some(last) = batch.last_id() else {
                break;
            };
            after = last;
            // Parsing and indexing thousands of products is CPU work: keep it off the
            // threads that answer requests.
            fresh = tokio::task::spawn_blocking(move || -> Result<Store, CatalogError> {
                let (docs, labels) = batch.parse()?;
                for doc in docs {
                    fresh.upsert(doc);
                }
                for (word, label) in labels {
                    fresh.set_label(&word, label, false);
                }
                Ok(fresh)
            })
            .await
            .unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))?;
        }
        let products = fresh.len();
        *self.write() = fresh;
        self.shared.loaded.store(generation, Ordering::Release);
        tracing::info!(
            generation,
            products,
            millis = started.elapsed().as_millis() as u64,
            "search index loaded"
        );
        Ok(())
    }

    /// Loads the index now and then keeps it following PostgreSQL every `every`, so
    /// that a shopper's request rarely pays for reading what changed. Errors (the
    /// database not up yet) are logged and retried.
    pub fn spawn_follower(
        &self,
        pool: sqlx::PgPool,
        every: std::time::Duration,
    ) -> tokio::task::JoinHandle<()> {
        let index = self.clone();
        tokio::spawn(async move {
            loop {
                if let Err(error) = index.sync(&pool).await {
                    tracing::warn!(%error, "search index not refreshed");
                }
                tokio::time::sleep(every).await;
            }
        })
    }

    fn loaded(&self) -> i64 {
        self.shared.loaded.load(Ordering::Acquire)
    }

    fn read(&self) -> RwLockReadGuard<'_, Store> {
        // A panic while holding the lock cannot leave the store half-written in a way
        // that matters more than refusing every search: keep serving.
        self.shared
            .store
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Store> {
        self.shared
            .store
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// For a query word lexized both ways (`en`, `ar`): whether some product has it, and
    /// whether it starts a longer lexeme some product has.
    pub fn recognizes(&self, en: &[String], ar: &[String]) -> (bool, bool) {
        let store = self.read();
        let known = query::known(&store, en) || query::known(&store, ar);
        let starts = [en, ar].iter().any(|lexemes| {
            lexemes.last().is_some_and(|last| {
                store
                    .terms_with_prefix(last)
                    .any(|(term, postings)| term != last && !postings.is_empty())
            })
        });
        (known, starts)
    }

    /// How many products have `lexeme` (0 when none): how common a word is.
    pub fn frequency(&self, lexeme: &str) -> usize {
        self.read().term(lexeme).map_or(0, <[_]>::len)
    }

    /// Why each of `ids` matched `groups` (ids the index does not have are left out).
    pub fn explain(&self, groups: &[Group], ids: &[i64]) -> Vec<(i64, Vec<GroupMatch>)> {
        let store = self.read();
        ids.iter()
            .filter_map(|id| {
                let slot = store.slot_of_id(*id)?;
                Some((*id, query::explain(&store, groups, slot)))
            })
            .collect()
    }

    /// One listing: `groups` is the search (`None`: no search); `categories` the allowed
    /// category ids (`None`: all).
    pub fn list(
        &self,
        groups: Option<&[Group]>,
        categories: Option<&[i64]>,
        query: &ListingQuery,
        counts: Counts,
    ) -> Found {
        let sorted = categories.map(|c| {
            let mut c = c.to_vec();
            c.sort_unstable();
            c.dedup();
            c
        });
        let store = self.read();
        let matched = groups.map(|g| query::matches(&store, g));
        let partial = matched.as_ref().is_some_and(|m| m.partial);
        let mut found = listing::list(
            &store,
            matched.map(|m| m.matches),
            sorted.as_deref(),
            query,
            counts,
        );
        found.partial = partial;
        found
    }

    /// The ids of the `limit` best matches of a search, best first (in stock first on
    /// ties).
    pub fn best(&self, groups: &[Group], limit: usize) -> Vec<i64> {
        let store = self.read();
        let mut matched: Vec<(i32, bool, i64)> = query::matches(&store, groups)
            .matches
            .into_iter()
            .filter_map(|m| store.doc(m.slot).map(|d| (m.score, d.in_stock, d.id)))
            .collect();
        let order = |a: &(i32, bool, i64), b: &(i32, bool, i64)| {
            b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
        };
        if limit < matched.len() && limit > 0 {
            matched.select_nth_unstable_by(limit - 1, order);
        }
        matched.truncate(limit);
        matched.sort_unstable_by(order);
        matched.into_iter().map(|m| m.2).collect()
    }
}
