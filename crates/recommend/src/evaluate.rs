//! Offline evaluation: hold out each buyer's last purchase of an item new to them, train on
//! everything else, and ask every model for ten items the buyer has not touched.

use std::collections::{HashMap, HashSet};

use crate::blend::{Catalog, Model, Models, Visitor};
use crate::data::{strengths, Dataset, Interaction, Signal, DAY};

/// The training events and, per buyer, the item held out.
#[derive(Debug, Clone)]
pub struct Split {
    pub train: Dataset,
    pub held_out: Vec<(u32, u32)>,
}

/// For each buyer, the last purchase of an item they had not bought before; all of the
/// buyer's events on that item are removed (the task is to find an item they have not
/// touched), and so is everything the buyer did after that purchase.
pub fn hold_out(data: &Dataset) -> Split {
    let by_visitor = data.by_visitor();
    let mut held: HashMap<u32, (u32, i64)> = HashMap::new();
    for (v, events) in by_visitor.iter().enumerate() {
        let mut bought: HashSet<u32> = HashSet::new();
        let mut last = None;
        for e in events {
            if e.signal == Signal::Purchase && bought.insert(e.item) {
                last = Some((e.item, e.at));
            }
        }
        if let Some(target) = last {
            held.insert(v as u32, target);
        }
    }
    let interactions = data
        .interactions
        .iter()
        .filter(|e| match held.get(&e.visitor) {
            Some(&(item, at)) => e.item != item && e.at < at,
            None => true,
        })
        .copied()
        .collect();
    let mut held_out: Vec<(u32, u32)> = held.into_iter().map(|(v, (i, _))| (v, i)).collect();
    held_out.sort_unstable();
    Split {
        train: Dataset {
            visitors: data.visitors,
            items: data.items,
            interactions,
        },
        held_out,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub hit_rate: f64,
    pub ndcg: f64,
    pub coverage: f64,
    pub buyers: usize,
}

/// What serving would know of a visitor from the training events.
pub fn visitor_from(events: &[Interaction], now: i64) -> Visitor {
    let mut touched: Vec<(u32, f32)> = strengths(events, now, 90.0 * DAY as f64)
        .into_iter()
        .collect();
    touched.sort_by_key(|p| p.0);
    // The last visit: events within the session gap of the newest one.
    let mut session = Vec::new();
    let mut previous: Option<i64> = None;
    for e in events.iter().rev() {
        if previous.is_some_and(|p| p - e.at > crate::cooccur::SESSION_GAP) {
            break;
        }
        previous = Some(e.at);
        if !session.contains(&e.item) {
            session.push(e.item);
        }
    }
    Visitor {
        touched,
        session,
        stated: HashMap::new(),
    }
}

pub const K: usize = 10;

/// HR@10, NDCG@10 and catalog coverage of each model on the split.
pub fn evaluate(split: &Split, catalog: &Catalog, models: &Models) -> Vec<(Model, Metrics)> {
    let by_visitor = split.train.by_visitor();
    let now = split.train.now();
    let mut out = Vec::new();
    for model in Model::ALL {
        let mut hits = 0usize;
        let mut gain = 0f64;
        let mut shown: HashSet<u32> = HashSet::new();
        for &(v, target) in &split.held_out {
            let events = &by_visitor[v as usize];
            let visitor = visitor_from(events, now);
            let seen: HashSet<u32> = events.iter().map(|e| e.item).collect();
            let list = models.recommend(model, &visitor, &seen, K);
            shown.extend(list.iter().map(|p| p.0));
            if let Some(rank) = list.iter().position(|p| p.0 == target) {
                hits += 1;
                gain += 1.0 / ((rank + 2) as f64).log2();
            }
        }
        let n = split.held_out.len().max(1) as f64;
        out.push((
            model,
            Metrics {
                hit_rate: hits as f64 / n,
                ndcg: gain / n,
                coverage: shown.len() as f64 / catalog.category_of.len().max(1) as f64,
                buyers: split.held_out.len(),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hold_out_removes_the_target_and_what_followed() {
        let e = |item, signal, at| Interaction {
            visitor: 0,
            item,
            signal,
            at,
        };
        let data = Dataset {
            visitors: 1,
            items: 4,
            interactions: vec![
                e(0, Signal::Purchase, 1),
                e(1, Signal::View, 2),
                e(1, Signal::Purchase, 3),
                e(0, Signal::Purchase, 4), // a repeat: not new, not the target
                e(2, Signal::View, 5),
            ],
        };
        let split = hold_out(&data);
        assert_eq!(split.held_out, vec![(0, 1)]);
        let left: Vec<u32> = split.train.interactions.iter().map(|e| e.item).collect();
        assert_eq!(left, vec![0]);
    }

    #[test]
    fn visitors_without_purchases_are_not_held_out() {
        let data = Dataset {
            visitors: 1,
            items: 1,
            interactions: vec![Interaction {
                visitor: 0,
                item: 0,
                signal: Signal::View,
                at: 0,
            }],
        };
        let split = hold_out(&data);
        assert!(split.held_out.is_empty());
        assert_eq!(split.train.interactions.len(), 1);
    }
}
