//! What the models learn from: interactions of visitors with items, on dense indices.

use std::collections::HashMap;
use std::hash::Hash;

/// What a visitor did with an item. The order is the strength of the signal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Signal {
    View,
    Cart,
    Purchase,
}

impl Signal {
    /// Implicit-feedback strength: a purchase says more than a cart, a cart more than a view.
    pub fn weight(self) -> f32 {
        match self {
            Signal::View => 1.0,
            Signal::Cart => 3.0,
            Signal::Purchase => 6.0,
        }
    }

    pub fn parse(name: &str) -> Option<Signal> {
        match name {
            "product_view" => Some(Signal::View),
            "add_to_cart" => Some(Signal::Cart),
            "purchase" => Some(Signal::Purchase),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::View => "product_view",
            Signal::Cart => "add_to_cart",
            Signal::Purchase => "purchase",
        }
    }
}

/// One event: visitor and item are dense indices, `at` is Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interaction {
    pub visitor: u32,
    pub item: u32,
    pub signal: Signal,
    pub at: i64,
}

/// The events of a training run with the number of visitors and items they index.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub visitors: usize,
    pub items: usize,
    pub interactions: Vec<Interaction>,
}

impl Dataset {
    /// The newest event's time: decay is measured from here, so that training on an old
    /// log weighs it as it was weighed then.
    pub fn now(&self) -> i64 {
        self.interactions.iter().map(|i| i.at).max().unwrap_or(0)
    }

    /// Each visitor's events, oldest first.
    pub fn by_visitor(&self) -> Vec<Vec<Interaction>> {
        let mut out = vec![Vec::new(); self.visitors];
        for i in &self.interactions {
            out[i.visitor as usize].push(*i);
        }
        for events in &mut out {
            events.sort_by_key(|e| e.at);
        }
        out
    }
}

/// Exponential decay with a half-life in seconds; events from the future count as now.
pub fn decay(age_seconds: i64, half_life_seconds: f64) -> f32 {
    let age = age_seconds.max(0) as f64;
    (-(age / half_life_seconds) * std::f64::consts::LN_2).exp() as f32
}

pub const DAY: i64 = 86_400;

/// Dense indices for outside keys (visitor ids, product ids), in first-seen order.
#[derive(Debug, Clone)]
pub struct Interner<K> {
    index: HashMap<K, u32>,
    keys: Vec<K>,
}

impl<K> Default for Interner<K> {
    fn default() -> Self {
        Interner {
            index: HashMap::new(),
            keys: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Clone> Interner<K> {
    pub fn intern(&mut self, key: &K) -> u32 {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        let i = self.keys.len() as u32;
        self.index.insert(key.clone(), i);
        self.keys.push(key.clone());
        i
    }

    pub fn get(&self, key: &K) -> Option<u32> {
        self.index.get(key).copied()
    }

    pub fn key(&self, index: u32) -> &K {
        &self.keys[index as usize]
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn keys(&self) -> &[K] {
        &self.keys
    }
}

/// A visitor's strongest signal per item, decayed from `now`: the implicit-feedback value
/// the item-to-item and factor models share.
pub fn strengths(events: &[Interaction], now: i64, half_life: f64) -> HashMap<u32, f32> {
    let mut out: HashMap<u32, f32> = HashMap::new();
    for e in events {
        let w = e.signal.weight() * decay(now - e.at, half_life);
        let slot = out.entry(e.item).or_insert(0.0);
        if w > *slot {
            *slot = w;
        }
    }
    out
}

/// The `limit` best (item, score) pairs, best first; ties go to the lower index so that
/// results are stable from run to run.
pub fn top_k(scores: impl IntoIterator<Item = (u32, f32)>, limit: usize) -> Vec<(u32, f32)> {
    let mut all: Vec<(u32, f32)> = scores
        .into_iter()
        .filter(|(_, s)| s.is_finite() && *s > 0.0)
        .collect();
    let by_score = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if all.len() > limit {
        all.select_nth_unstable_by(limit, by_score);
        all.truncate(limit);
    }
    all.sort_by(by_score);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decay_halves_every_half_life() {
        assert!((decay(0, 10.0) - 1.0).abs() < 1e-6);
        assert!((decay(10, 10.0) - 0.5).abs() < 1e-6);
        assert!((decay(20, 10.0) - 0.25).abs() < 1e-6);
        assert_eq!(decay(-5, 10.0), 1.0);
    }

    #[test]
    fn strengths_keep_the_strongest_signal() {
        let e = |item, signal, at| Interaction {
            visitor: 0,
            item,
            signal,
            at,
        };
        let s = strengths(
            &[
                e(1, Signal::View, 100),
                e(1, Signal::Purchase, 100),
                e(2, Signal::View, 100),
            ],
            100,
            1e9,
        );
        assert_eq!(s[&1], Signal::Purchase.weight());
        assert_eq!(s[&2], Signal::View.weight());
    }

    #[test]
    fn top_k_orders_and_breaks_ties_by_index() {
        let top = top_k([(5, 1.0), (3, 2.0), (4, 1.0), (9, 0.0), (1, f32::NAN)], 3);
        assert_eq!(top, vec![(3, 2.0), (4, 1.0), (5, 1.0)]);
    }
}
