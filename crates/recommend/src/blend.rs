//! The trained models together, and what serving asks of them: "for you", "bought
//! together", "similar items", trending. Every list is computed from memory.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::als::{self, ItemFactors};
use crate::content::{self, ItemText};
use crate::cooccur::{self, Neighbours};
use crate::data::{top_k, Dataset};
use crate::trending::{self, Trending};

/// What the models know of the catalog: each item's category and words.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub category_of: Vec<u32>,
    pub texts: Vec<ItemText>,
}

/// Which list a recommendation came from: recorded with impressions and clicks, and the
/// A/B test's variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Model {
    Popular,
    Trending,
    /// Visitors who touched this also touched … (whole histories).
    ItemToItem,
    ViewedTogether,
    BoughtTogether,
    Similar,
    Factors,
    Blend,
}

impl Model {
    pub const ALL: [Model; 8] = [
        Model::Popular,
        Model::Trending,
        Model::ItemToItem,
        Model::ViewedTogether,
        Model::BoughtTogether,
        Model::Similar,
        Model::Factors,
        Model::Blend,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Model::Popular => "popular",
            Model::Trending => "trending",
            Model::ItemToItem => "item-to-item",
            Model::ViewedTogether => "viewed-together",
            Model::BoughtTogether => "bought-together",
            Model::Similar => "similar",
            Model::Factors => "als",
            Model::Blend => "blend",
        }
    }

    pub fn parse(name: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.name() == name)
    }
}

/// What serving knows of one visitor.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    /// Items touched, with their decayed signal strength.
    pub touched: Vec<(u32, f32)>,
    /// Items of the current visit, newest first.
    pub session: Vec<u32>,
    /// Interest from the taste quiz, per item (categories, tags and price bands the
    /// shopper chose, already turned into items by the caller).
    pub stated: HashMap<u32, f32>,
}

impl Visitor {
    pub fn is_new(&self) -> bool {
        self.touched.is_empty() && self.session.is_empty() && self.stated.is_empty()
    }
}

/// How much each list weighs in the blend. Each list is scaled to its own best candidate
/// first, so the weights compare like with like whatever the catalog's size.
///
/// The current visit is the best evidence of what the shopper wants now, so it weighs
/// more than either long-term list; content and trending break ties and fill gaps.
/// (Tried on synthetic logs of two shapes: combining ranks instead of scaled scores, and
/// letting the factor model gate every candidate, both did worse.)
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    pub factors: f32,
    pub item_to_item: f32,
    pub session: f32,
    pub similar: f32,
    pub trending: f32,
    pub stated: f32,
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            factors: 1.0,
            item_to_item: 1.0,
            session: 1.5,
            similar: 0.2,
            trending: 0.3,
            stated: 0.8,
        }
    }
}

/// Candidates taken from each list before blending.
const POOL: usize = 200;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Models {
    pub items: usize,
    pub category_of: Vec<u32>,
    pub viewed_together: Neighbours,
    pub bought_together: Neighbours,
    pub item_to_item: Neighbours,
    pub similar: Neighbours,
    pub factors: ItemFactors,
    pub trending: Trending,
    pub popular: Vec<(u32, f32)>,
    #[serde(skip)]
    pub mix: Mix,
}

impl Models {
    pub fn train(data: &Dataset, catalog: &Catalog) -> Models {
        Models::train_with(data, catalog, &als::Params::default())
    }

    pub fn train_with(data: &Dataset, catalog: &Catalog, factors: &als::Params) -> Models {
        Models {
            items: data.items,
            category_of: catalog.category_of.clone(),
            viewed_together: cooccur::train(data, &cooccur::Params::viewed_together()),
            bought_together: cooccur::train(data, &cooccur::Params::bought_together()),
            item_to_item: cooccur::train(data, &cooccur::Params::visitor_history()),
            similar: content::train(&catalog.texts, &content::Params::default()),
            factors: als::train(data, factors).0,
            trending: Trending::train(data, &catalog.category_of, 7.0, POOL),
            popular: trending::popularity(data, POOL),
            mix: Mix::default(),
        }
    }

    /// Rebuilds what serialization leaves out.
    pub fn prepare(&mut self) {
        self.factors.prepare();
    }

    /// The visitor's favourite categories, strongest first, from what they touched.
    fn categories(&self, visitor: &Visitor) -> Vec<(u32, f32)> {
        let mut by: HashMap<u32, f32> = HashMap::new();
        let touched = visitor.touched.iter().copied();
        let session = visitor.session.iter().map(|&i| (i, 1.0));
        let stated = visitor.stated.iter().map(|(&i, &w)| (i, w));
        for (item, w) in touched.chain(session).chain(stated) {
            if let Some(&c) = self.category_of.get(item as usize) {
                *by.entry(c).or_insert(0.0) += w;
            }
        }
        top_k(by, 3)
    }

    fn trending_for(&self, visitor: &Visitor) -> HashMap<u32, f32> {
        let mut out: HashMap<u32, f32> = HashMap::new();
        let categories = self.categories(visitor);
        let total: f32 = categories.iter().map(|c| c.1).sum();
        for (c, w) in categories {
            let list = self.trending.in_category(c);
            let best = list.first().map(|p| p.1).unwrap_or(1.0);
            for &(i, s) in list {
                *out.entry(i).or_insert(0.0) += w / total * s / best;
            }
        }
        // A little of the whole shop's trend, so that a visitor is not boxed in.
        let best = self.trending.overall.first().map(|p| p.1).unwrap_or(1.0);
        for &(i, s) in &self.trending.overall {
            *out.entry(i).or_insert(0.0) += 0.2 * s / best;
        }
        out
    }

    /// One list's scores for this visitor (before blending).
    pub fn scores(&self, model: Model, visitor: &Visitor) -> HashMap<u32, f32> {
        match model {
            Model::Popular => self.popular.iter().copied().collect(),
            Model::Trending => self.trending_for(visitor),
            Model::ItemToItem => self.item_to_item.spread(&visitor.touched),
            Model::ViewedTogether => self.viewed_together.spread(&session_weights(visitor)),
            Model::BoughtTogether => self.bought_together.spread(&visitor.touched),
            Model::Similar => self.similar.spread(&visitor.touched),
            Model::Factors => {
                let Some(x) = self.factors.fold_in(&visitor.touched) else {
                    return HashMap::new();
                };
                let Some(s) = self.factors.scores(&x) else {
                    return HashMap::new();
                };
                top_k(s.iter().enumerate().map(|(i, &v)| (i as u32, v)), POOL)
                    .into_iter()
                    .collect()
            }
            Model::Blend => self.blend(visitor, &self.mix),
        }
    }

    fn blend(&self, visitor: &Visitor, mix: &Mix) -> HashMap<u32, f32> {
        let parts = [
            (mix.factors, self.scores(Model::Factors, visitor)),
            (mix.item_to_item, self.scores(Model::ItemToItem, visitor)),
            (mix.session, self.scores(Model::ViewedTogether, visitor)),
            (mix.similar, self.scores(Model::Similar, visitor)),
            (mix.trending, self.scores(Model::Trending, visitor)),
            (mix.stated, visitor.stated.clone()),
        ];
        let mut out: HashMap<u32, f32> = HashMap::new();
        for (weight, scores) in parts {
            let pool = top_k(scores, POOL);
            let Some(best) = pool.first().map(|p| p.1) else {
                continue;
            };
            for (i, s) in pool {
                *out.entry(i).or_insert(0.0) += weight * s / best;
            }
        }
        out
    }

    /// The `limit` best items for the visitor by `model`, leaving out `exclude`.
    pub fn recommend(
        &self,
        model: Model,
        visitor: &Visitor,
        exclude: &HashSet<u32>,
        limit: usize,
    ) -> Vec<(u32, f32)> {
        let mut scores = self.scores(model, visitor);
        scores.retain(|i, _| !exclude.contains(i) && (*i as usize) < self.items);
        let mut list = top_k(scores, limit);
        // Nobody is shown an empty block: top up from what is trending in their categories.
        if list.len() < limit && model != Model::Popular {
            let have: HashSet<u32> = list.iter().map(|p| p.0).collect();
            let fill = top_k(self.trending_for(visitor), limit * 2 + exclude.len());
            for (i, _) in fill {
                if list.len() == limit {
                    break;
                }
                if !have.contains(&i) && !exclude.contains(&i) {
                    list.push((i, 0.0));
                }
            }
        }
        list
    }

    /// The product page's lists for `item`: "bought together" falls back to "viewed
    /// together"; "similar" is the content model (the item-to-item variant) or the blend
    /// seeded with the item and the visitor's history.
    pub fn for_item(
        &self,
        list: ItemList,
        item: u32,
        visitor: &Visitor,
        limit: usize,
    ) -> Vec<(u32, f32)> {
        let exclude: HashSet<u32> = [item].into_iter().collect();
        let seeded = |strength: f32| Visitor {
            touched: std::iter::once((item, strength))
                .chain(visitor.touched.iter().copied())
                .collect(),
            session: std::iter::once(item)
                .chain(visitor.session.iter().copied())
                .collect(),
            stated: visitor.stated.clone(),
        };
        match list {
            ItemList::BoughtTogether => {
                let mut out: Vec<(u32, f32)> = self
                    .bought_together
                    .of(item)
                    .iter()
                    .copied()
                    .take(limit)
                    .collect();
                for &(j, s) in self.viewed_together.of(item) {
                    if out.len() == limit {
                        break;
                    }
                    if !out.iter().any(|p| p.0 == j) {
                        out.push((j, s * 0.5));
                    }
                }
                out
            }
            ItemList::Similar(Model::Blend) => {
                // The item itself weighs as much as everything else the visitor did; the
                // blend orders, but a "similar item" must be like this one: in its
                // category, or a text or co-viewing neighbour of it.
                let strength = visitor.touched.iter().map(|p| p.1).sum::<f32>().max(1.0) * 2.0;
                let category = self.category_of.get(item as usize);
                let near: HashSet<u32> = self
                    .similar
                    .of(item)
                    .iter()
                    .chain(self.viewed_together.of(item))
                    .map(|p| p.0)
                    .collect();
                let mut scores = self.scores(Model::Blend, &seeded(strength));
                scores.retain(|i, _| {
                    !exclude.contains(i)
                        && (near.contains(i) || self.category_of.get(*i as usize) == category)
                });
                top_k(scores, limit)
            }
            ItemList::Similar(_) => {
                let mut scores: HashMap<u32, f32> = HashMap::new();
                for &(j, s) in self.similar.of(item) {
                    *scores.entry(j).or_insert(0.0) += s;
                }
                for &(j, s) in self.viewed_together.of(item) {
                    *scores.entry(j).or_insert(0.0) += s;
                }
                top_k(scores, limit)
            }
        }
    }
}

/// The product page's two blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemList {
    BoughtTogether,
    Similar(Model),
}

fn session_weights(visitor: &Visitor) -> Vec<(u32, f32)> {
    // The newest item of the visit counts most.
    visitor
        .session
        .iter()
        .enumerate()
        .map(|(n, &i)| (i, 1.0 / (1.0 + n as f32)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::NAME;
    use crate::data::{Interaction, Signal};

    #[test]
    fn similar_items_stay_like_the_item_whatever_else_is_popular() {
        // Items 0–2 are mugs (category 0), 3–5 shoes (category 1); everybody buys shoes.
        let words = |w: &str| ItemText {
            words: vec![(w.to_string(), NAME)],
            price_minor: 100,
        };
        let mut catalog = Catalog {
            category_of: vec![0, 0, 0, 1, 1, 1],
            texts: vec![
                words("mug"),
                words("mug"),
                words("mug"),
                words("shoe"),
                words("shoe"),
                words("shoe"),
            ],
        };
        // Other goods, so that "mug" and "shoe" are not in most of the catalog.
        for n in 0..10 {
            catalog.category_of.push(2);
            catalog.texts.push(words(&format!("thing{n}")));
        }
        let mut interactions = Vec::new();
        for v in 0..30u32 {
            for item in [3, 4, 5] {
                interactions.push(Interaction {
                    visitor: v,
                    item,
                    signal: Signal::Purchase,
                    at: v as i64 * 10_000,
                });
            }
        }
        interactions.push(Interaction {
            visitor: 30,
            item: 0,
            signal: Signal::View,
            at: 1,
        });
        let data = Dataset {
            visitors: 31,
            items: 16,
            interactions,
        };
        let models = Models::train(&data, &catalog);
        let list = models.for_item(ItemList::Similar(Model::Blend), 0, &Visitor::default(), 4);
        assert!(!list.is_empty());
        assert!(list.iter().all(|(i, _)| [1, 2].contains(i)), "{list:?}");
    }
}
