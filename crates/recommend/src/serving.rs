//! The in-memory copy every instance serves from: the newest trained version, swapped in
//! whole when a newer one appears; requests read it without touching the database (the
//! caller passes the visitor's history).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};

use dokkan_events::db::Touch;
use dokkan_events::Kind;

use crate::data::{decay, DAY};
use crate::db::{self, Result, Stored};
use crate::{ItemList, Model, Models, Signal, Visitor};

/// The loaded version and the maps from product ids to the models' indices.
#[derive(Debug)]
pub struct Loaded {
    pub version: i64,
    product_ids: Vec<i64>,
    index: HashMap<i64, u32>,
    rebuyable: HashSet<u32>,
    models: Models,
}

/// The process's current models (none until the first training).
#[derive(Debug, Default)]
pub struct Recommender {
    current: RwLock<Option<Arc<Loaded>>>,
}

/// Half-life of a touched product's weight in "for you".
const HISTORY_HALF_LIFE_DAYS: f64 = 30.0;

impl Recommender {
    pub fn current(&self) -> Option<Arc<Loaded>> {
        self.current.read().expect("not poisoned").clone()
    }

    /// Loads the serving version if it is not the one in memory; true when it changed.
    pub async fn refresh(&self, pool: &sqlx::PgPool) -> Result<bool> {
        let wanted = db::serving_version(pool).await?;
        let have = self.current().map(|l| l.version);
        if wanted == have {
            return Ok(false);
        }
        let loaded = match wanted {
            Some(version) => db::load(pool, version)
                .await?
                .map(|s| Arc::new(Loaded::new(version, s))),
            None => None,
        };
        *self.current.write().expect("not poisoned") = loaded;
        Ok(true)
    }
}

/// What the page knows of the shopper.
#[derive(Debug, Clone, Copy)]
pub struct Shopper<'a> {
    /// Their stored history, newest first (empty without consent).
    pub history: &'a [Touch],
    /// Products of this visit when nothing is stored (no consent), newest first.
    pub session: &'a [i64],
    /// Interest from the taste quiz, per product.
    pub stated: &'a HashMap<i64, f32>,
}

impl Loaded {
    pub fn new(version: i64, stored: Stored) -> Loaded {
        let index = stored
            .product_ids
            .iter()
            .enumerate()
            .map(|(i, &id)| (id, i as u32))
            .collect();
        Loaded {
            version,
            index,
            product_ids: stored.product_ids,
            rebuyable: stored.rebuyable.into_iter().collect(),
            models: stored.models,
        }
    }

    fn visitor(&self, shopper: &Shopper<'_>, now: i64) -> (Visitor, HashSet<u32>) {
        let mut touched: HashMap<u32, f32> = HashMap::new();
        let mut purchased = HashSet::new();
        let mut session: Vec<u32> = Vec::new();
        let mut previous: Option<i64> = None;
        let mut in_session = true;
        for t in shopper.history {
            let Some(&item) = self.index.get(&t.product_id) else {
                continue;
            };
            let signal = match t.kind {
                Kind::Purchase => Signal::Purchase,
                Kind::AddToCart => Signal::Cart,
                _ => Signal::View,
            };
            let at = t.at.timestamp();
            let w = signal.weight() * decay(now - at, HISTORY_HALF_LIFE_DAYS * DAY as f64);
            let slot = touched.entry(item).or_insert(0.0);
            *slot = slot.max(w);
            if signal == Signal::Purchase && !self.rebuyable.contains(&item) {
                purchased.insert(item);
            }
            if previous.is_some_and(|p| p - at > crate::cooccur::SESSION_GAP) {
                in_session = false;
            }
            previous = Some(at);
            if in_session && !session.contains(&item) {
                session.push(item);
            }
        }
        for id in shopper.session {
            if let Some(&item) = self.index.get(id) {
                touched.entry(item).or_insert(Signal::View.weight());
                if !session.contains(&item) {
                    session.push(item);
                }
            }
        }
        let stated = shopper
            .stated
            .iter()
            .filter_map(|(id, &w)| Some((*self.index.get(id)?, w)))
            .collect();
        let mut touched: Vec<(u32, f32)> = touched.into_iter().collect();
        touched.sort_by_key(|p| p.0);
        (
            Visitor {
                touched,
                session,
                stated,
            },
            purchased,
        )
    }

    fn ids(&self, list: Vec<(u32, f32)>) -> Vec<i64> {
        list.into_iter()
            .filter_map(|(i, _)| self.product_ids.get(i as usize).copied())
            .collect()
    }

    /// "For you" (or trending for a new visitor): leaves out what they bought (unless it
    /// is bought again and again) and `exclude` (the cart, the page's product).
    pub fn for_you(
        &self,
        model: Model,
        shopper: &Shopper<'_>,
        exclude: &[i64],
        limit: usize,
        now: i64,
    ) -> Vec<i64> {
        let (visitor, mut skip) = self.visitor(shopper, now);
        skip.extend(exclude.iter().filter_map(|id| self.index.get(id).copied()));
        let model = if visitor.is_new() {
            Model::Trending
        } else {
            model
        };
        self.ids(self.models.recommend(model, &visitor, &skip, limit))
    }

    /// The product page's lists for a product the models know.
    pub fn for_product(
        &self,
        list: ItemList,
        product_id: i64,
        shopper: &Shopper<'_>,
        limit: usize,
        now: i64,
    ) -> Vec<i64> {
        let Some(&item) = self.index.get(&product_id) else {
            return Vec::new();
        };
        let (visitor, _) = self.visitor(shopper, now);
        self.ids(self.models.for_item(list, item, &visitor, limit))
    }

    /// Trending in a category, or overall.
    pub fn trending(&self, category: Option<i64>, limit: usize) -> Vec<i64> {
        let list = match category {
            Some(c) => self.models.trending.in_category(c as u32).to_vec(),
            None => self.models.trending.overall.clone(),
        };
        self.ids(list.into_iter().take(limit).collect())
    }
}
