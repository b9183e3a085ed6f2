//! A synthetic shopping log with a structure that is known, so the models can be judged:
//! each visitor favours one or two categories and a price band, popularity is skewed,
//! and some items are bought together with a companion from another category. Used by
//! the crate's tests and by `dokkan-tools synth-events` over a real catalog.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::content::{ItemText, BODY, NAME, TERMS};
use crate::data::{Dataset, Interaction, Signal, DAY};

#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub category: u32,
    pub price_minor: i64,
}

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub visitors: usize,
    pub days: i64,
    /// Mean visits per visitor.
    pub visits: f64,
    pub seed: u64,
    /// Unix seconds of the log's first day.
    pub start: i64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            visitors: 3000,
            days: 120,
            visits: 4.0,
            seed: 42,
            start: 1_767_225_600, // 2026-01-01
        }
    }
}

/// Prices fall into three bands per category (by tertile).
fn bands(items: &[Item]) -> Vec<u8> {
    let categories = items
        .iter()
        .map(|i| i.category)
        .max()
        .map_or(0, |c| c as usize + 1);
    let mut by_category: Vec<Vec<i64>> = vec![Vec::new(); categories];
    for i in items {
        by_category[i.category as usize].push(i.price_minor);
    }
    for prices in &mut by_category {
        prices.sort_unstable();
    }
    items
        .iter()
        .map(|i| {
            let prices = &by_category[i.category as usize];
            let rank = prices.partition_point(|&p| p < i.price_minor);
            ((rank * 3) / prices.len().max(1)).min(2) as u8
        })
        .collect()
}

/// Cumulative weights for sampling by weight.
struct Table {
    items: Vec<u32>,
    cumulative: Vec<f64>,
}

impl Table {
    fn sample(&self, rng: &mut StdRng) -> Option<u32> {
        let total = *self.cumulative.last()?;
        let x = rng.random::<f64>() * total;
        let at = self
            .cumulative
            .partition_point(|&c| c <= x)
            .min(self.items.len() - 1);
        Some(self.items[at])
    }
}

pub fn generate(items: &[Item], params: &Params) -> Dataset {
    let mut rng = StdRng::seed_from_u64(params.seed);
    let bands = bands(items);
    let categories = items
        .iter()
        .map(|i| i.category)
        .max()
        .map_or(0, |c| c as usize + 1);
    // Skewed appeal: a Zipf-like weight on a random order of the items.
    let mut order: Vec<usize> = (0..items.len()).collect();
    for i in (1..order.len()).rev() {
        order.swap(i, rng.random_range(0..=i));
    }
    let mut appeal = vec![0f64; items.len()];
    for (rank, &i) in order.iter().enumerate() {
        appeal[i] = 1.0 / ((rank + 1) as f64).powf(0.8);
    }
    // One table per (category, favoured band): items near the band are likelier.
    let mut tables: Vec<Table> = Vec::new();
    for c in 0..categories {
        for band in 0..3u8 {
            let mut t = Table {
                items: Vec::new(),
                cumulative: Vec::new(),
            };
            let mut total = 0.0;
            for (i, item) in items.iter().enumerate() {
                if item.category as usize == c {
                    let distance = (bands[i] as i32 - band as i32).unsigned_abs();
                    total += appeal[i] * [1.0, 0.25, 0.05][distance as usize];
                    t.items.push(i as u32);
                    t.cumulative.push(total);
                }
            }
            tables.push(t);
        }
    }
    let category_weight: Vec<f64> = (0..categories)
        .map(|c| tables[c * 3].cumulative.last().copied().unwrap_or(0.0))
        .collect();
    let category_table = Table {
        items: (0..categories as u32).collect(),
        cumulative: category_weight
            .iter()
            .scan(0.0, |s, w| {
                *s += w;
                Some(*s)
            })
            .collect(),
    };
    // Each item's companion: an item of another category bought with it.
    let companion: Vec<Option<u32>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            if categories < 2 || !rng.random_bool(0.5) {
                return None;
            }
            let other = (item.category as usize + 1 + (i % (categories - 1))) % categories;
            tables[other * 3 + bands[i] as usize].sample(&mut rng)
        })
        .collect();

    let mut interactions = Vec::new();
    for v in 0..params.visitors as u32 {
        let favourites: Vec<u32> = (0..if rng.random_bool(0.4) { 2 } else { 1 })
            .filter_map(|_| category_table.sample(&mut rng))
            .collect();
        let band = rng.random_range(0..3u8);
        let visits = 1 + (-(rng.random::<f64>().max(1e-9)).ln() * (params.visits - 1.0)) as usize;
        let mut times: Vec<i64> = (0..visits.min(40))
            .map(|_| params.start + rng.random_range(0..params.days * DAY))
            .collect();
        times.sort_unstable();
        for mut at in times {
            let category = if rng.random_bool(0.85) {
                favourites[rng.random_range(0..favourites.len())]
            } else {
                category_table.sample(&mut rng).unwrap_or(0)
            };
            let table = &tables[category as usize * 3 + band as usize];
            for _ in 0..rng.random_range(2..=6) {
                let Some(item) = table.sample(&mut rng) else {
                    break;
                };
                at += rng.random_range(20..240);
                interactions.push(Interaction {
                    visitor: v,
                    item,
                    signal: Signal::View,
                    at,
                });
                let fit = if bands[item as usize] == band {
                    1.0
                } else {
                    0.3
                };
                if rng.random_bool(0.18 * fit) {
                    at += rng.random_range(10..120);
                    interactions.push(Interaction {
                        visitor: v,
                        item,
                        signal: Signal::Cart,
                        at,
                    });
                    if rng.random_bool(0.55) {
                        let mut basket = vec![item];
                        if let Some(c) = companion[item as usize] {
                            if rng.random_bool(0.4) {
                                at += rng.random_range(10..120);
                                interactions.push(Interaction {
                                    visitor: v,
                                    item: c,
                                    signal: Signal::View,
                                    at,
                                });
                                interactions.push(Interaction {
                                    visitor: v,
                                    item: c,
                                    signal: Signal::Cart,
                                    at: at + 5,
                                });
                                basket.push(c);
                            }
                        }
                        at += rng.random_range(60..600);
                        for b in basket {
                            interactions.push(Interaction {
                                visitor: v,
                                item: b,
                                signal: Signal::Purchase,
                                at,
                            });
                        }
                    }
                }
            }
        }
    }
    Dataset {
        visitors: params.visitors,
        items: items.len(),
        interactions,
    }
}

/// A made-up catalog for tests: categories of unequal size, prices spread within each,
/// and words: a kind per category (in the name), a brand, description words.
pub fn catalog(items: usize, categories: usize, seed: u64) -> (Vec<Item>, Vec<ItemText>) {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut out = Vec::with_capacity(items);
    let mut texts = Vec::with_capacity(items);
    for i in 0..items {
        // Unequal categories: the first ones hold more items.
        let category = ((rng.random::<f64>().powf(1.6)) * categories as f64) as u32;
        let base = 5_000 * (1 + category as i64 % 7);
        let price_minor = (base as f64 * (0.3 + rng.random::<f64>() * 3.0)) as i64;
        let kind = rng.random_range(0..6);
        let brand = rng.random_range(0..15);
        let mut words = vec![
            (format!("cat{category}"), TERMS),
            (format!("kind{category}x{kind}"), NAME),
            (format!("brand{brand}"), TERMS),
            (format!("model{i}"), NAME),
        ];
        for _ in 0..6 {
            words.push((format!("word{}", rng.random_range(0..300)), BODY));
        }
        out.push(Item {
            category,
            price_minor,
        });
        texts.push(ItemText { words, price_minor });
    }
    (out, texts)
}
