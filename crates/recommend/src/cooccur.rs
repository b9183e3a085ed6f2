//! Item-to-item co-occurrence: items that appear in the same session (viewed together),
//! the same basket (bought together) or the same visitor's history. Cosine over the
//! groups, shrunk towards zero when few groups hold both items, time-decayed.

use serde::{Deserialize, Serialize};

use crate::data::{decay, top_k, Dataset, Interaction, Signal, DAY};
use crate::parallel;

/// What counts as "together".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Events of one visitor with no gap longer than [`SESSION_GAP`].
    Session,
    /// A visitor's whole history.
    Visitor,
}

/// A visit ends after half an hour without an event (the usual web-analytics rule).
pub const SESSION_GAP: i64 = 30 * 60;

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub grouping: Grouping,
    /// Signals weaker than this are left out (`Signal::Cart` for "bought together").
    pub min_signal: Signal,
    /// Shrinkage: a pair seen together in `n` groups keeps `n / (n + shrink)` of its cosine.
    pub shrink: f32,
    pub half_life_days: f64,
    /// Neighbours kept per item.
    pub keep: usize,
    /// A group's strongest items kept; bounds the quadratic pair count of heavy visitors.
    pub group_cap: usize,
}

impl Params {
    pub fn viewed_together() -> Params {
        Params {
            grouping: Grouping::Session,
            min_signal: Signal::View,
            shrink: 5.0,
            half_life_days: 60.0,
            keep: 50,
            group_cap: 50,
        }
    }

    pub fn bought_together() -> Params {
        Params {
            min_signal: Signal::Cart,
            ..Params::viewed_together()
        }
    }

    pub fn visitor_history() -> Params {
        Params {
            grouping: Grouping::Visitor,
            ..Params::viewed_together()
        }
    }
}

/// Each item's nearest items with their similarity in (0, 1], best first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Neighbours {
    pub lists: Vec<Vec<(u32, f32)>>,
}

impl Neighbours {
    pub fn of(&self, item: u32) -> &[(u32, f32)] {
        self.lists
            .get(item as usize)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Sums each neighbour's similarity over the given (item, weight) pairs: "people who
    /// touched what you touched also touched …".
    pub fn spread(&self, items: &[(u32, f32)]) -> std::collections::HashMap<u32, f32> {
        let mut out = std::collections::HashMap::new();
        for &(item, w) in items {
            for &(n, s) in self.of(item) {
                *out.entry(n).or_insert(0.0) += w * s;
            }
        }
        out
    }
}

/// Splits each visitor's events into groups of (item, weight), a weight being the
/// strongest decayed signal of that item in the group.
pub fn groups(data: &Dataset, params: &Params) -> Vec<Vec<(u32, f32)>> {
    let now = data.now();
    let half_life = params.half_life_days * DAY as f64;
    let mut out = Vec::new();
    for events in data.by_visitor() {
        let events: Vec<Interaction> = events
            .into_iter()
            .filter(|e| e.signal >= params.min_signal)
            .collect();
        let mut start = 0;
        for end in 1..=events.len() {
            let split = end == events.len()
                || (params.grouping == Grouping::Session
                    && events[end].at - events[end - 1].at > SESSION_GAP);
            if split {
                let group = weigh(&events[start..end], now, half_life, params.group_cap);
                if group.len() > 1 {
                    out.push(group);
                }
                start = end;
            }
        }
    }
    out
}

fn weigh(events: &[Interaction], now: i64, half_life: f64, cap: usize) -> Vec<(u32, f32)> {
    let strengths = crate::data::strengths(events, now, half_life);
    let mut group: Vec<(u32, f32)> = strengths.into_iter().collect();
    group.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    group.truncate(cap);
    group
}

pub fn train(data: &Dataset, params: &Params) -> Neighbours {
    let groups = groups(data, params);
    let mut inverted: Vec<Vec<(u32, f32)>> = vec![Vec::new(); data.items];
    let mut norms = vec![0f32; data.items];
    for (g, group) in groups.iter().enumerate() {
        for &(item, w) in group {
            inverted[item as usize].push((g as u32, w));
            norms[item as usize] += w * w;
        }
    }
    for n in &mut norms {
        *n = n.sqrt();
    }
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); data.items];
    let items = data.items;
    parallel::for_each_mut_with(
        &mut lists,
        || (vec![0f32; items], vec![0u32; items], Vec::<u32>::new()),
        |i, out, (dot, count, touched)| {
            for &(g, wi) in &inverted[i] {
                for &(j, wj) in &groups[g as usize] {
                    if j as usize == i {
                        continue;
                    }
                    if count[j as usize] == 0 {
                        touched.push(j);
                    }
                    dot[j as usize] += wi * wj;
                    count[j as usize] += 1;
                }
            }
            let scored = touched.iter().map(|&j| {
                let (d, n) = (dot[j as usize], count[j as usize] as f32);
                let cosine = d / (norms[i] * norms[j as usize]).max(f32::MIN_POSITIVE);
                (j, cosine.min(1.0) * n / (n + params.shrink))
            });
            *out = top_k(scored, params.keep);
            for &j in touched.iter() {
                dot[j as usize] = 0.0;
                count[j as usize] = 0;
            }
            touched.clear();
        },
    );
    Neighbours { lists }
}

/// Decayed weight of an event for the serving side (a visitor's recent history).
pub fn recency_weight(e: &Interaction, now: i64, half_life_days: f64) -> f32 {
    e.signal.weight() * decay(now - e.at, half_life_days * DAY as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(visitor: u32, item: u32, signal: Signal, at: i64) -> Interaction {
        Interaction {
            visitor,
            item,
            signal,
            at,
        }
    }

    fn data(events: Vec<Interaction>) -> Dataset {
        Dataset {
            visitors: events.iter().map(|e| e.visitor).max().unwrap() as usize + 1,
            items: events.iter().map(|e| e.item).max().unwrap() as usize + 1,
            interactions: events,
        }
    }

    #[test]
    fn items_of_the_same_session_are_neighbours_and_other_sessions_are_not() {
        let mut events = Vec::new();
        for v in 0..20 {
            events.push(ev(v, 0, Signal::View, 1000));
            events.push(ev(v, 1, Signal::View, 1060));
            // Item 2 comes a day later: another session.
            events.push(ev(v, 2, Signal::View, 1000 + DAY));
        }
        let n = train(&data(events), &Params::viewed_together());
        assert_eq!(n.of(0).first().map(|p| p.0), Some(1));
        assert!(n.of(0).iter().all(|p| p.0 != 2));
        let whole = train(
            &data(
                (0..20)
                    .flat_map(|v| [ev(v, 0, Signal::View, 0), ev(v, 2, Signal::View, DAY)])
                    .collect(),
            ),
            &Params::visitor_history(),
        );
        assert_eq!(whole.of(0).first().map(|p| p.0), Some(2));
    }

    #[test]
    fn shrinkage_ranks_a_pair_seen_often_above_a_pair_seen_once() {
        let mut events = Vec::new();
        for v in 0..30 {
            events.push(ev(v, 0, Signal::View, 0));
            events.push(ev(v, 1, Signal::View, 1));
        }
        // One visitor sees 0 with the rare item 2: a perfect cosine for 2, on one session.
        events.push(ev(30, 0, Signal::View, 0));
        events.push(ev(30, 2, Signal::View, 1));
        let n = train(&data(events), &Params::viewed_together());
        let list = n.of(0);
        assert_eq!(list[0].0, 1);
        assert!(list.iter().any(|p| p.0 == 2));
    }

    #[test]
    fn bought_together_ignores_views() {
        let mut events = Vec::new();
        for v in 0..10 {
            events.push(ev(v, 0, Signal::Purchase, 0));
            events.push(ev(v, 1, Signal::Purchase, 5));
            events.push(ev(v, 2, Signal::View, 6));
        }
        let n = train(&data(events), &Params::bought_together());
        assert_eq!(n.of(0).iter().map(|p| p.0).collect::<Vec<_>>(), vec![1]);
    }

    proptest::proptest! {
        #[test]
        fn similarities_are_symmetric_and_bounded(
            raw in proptest::collection::vec((0u32..8, 0u32..12, 0u8..3, 0i64..5000), 2..120)
        ) {
            let events: Vec<Interaction> = raw.iter().map(|&(v, i, s, at)| ev(v, i, [Signal::View, Signal::Cart, Signal::Purchase][s as usize], at)).collect();
            let d = Dataset { visitors: 8, items: 12, interactions: events };
            let n = train(&d, &Params { keep: 100, ..Params::visitor_history() });
            for (i, list) in n.lists.iter().enumerate() {
                for &(j, s) in list {
                    proptest::prop_assert!(s > 0.0 && s <= 1.0);
                    proptest::prop_assert!(j as usize != i);
                    let back = n.of(j).iter().find(|p| p.0 as usize == i).map(|p| p.1);
                    proptest::prop_assert!(back.is_some_and(|b| (b - s).abs() < 1e-4));
                }
            }
        }
    }
}
