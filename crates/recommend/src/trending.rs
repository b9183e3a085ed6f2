//! Popularity: plain (distinct visitors per item, the baseline every model must beat) and
//! trending (signal-weighted, decayed with a short half-life, per category and overall).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::data::{decay, top_k, Dataset, DAY};

/// Items ranked by how many visitors touched them at all, most first.
pub fn popularity(data: &Dataset, keep: usize) -> Vec<(u32, f32)> {
    let mut seen: HashSet<(u32, u32)> = HashSet::new();
    let mut counts = vec![0f32; data.items];
    for e in &data.interactions {
        if seen.insert((e.visitor, e.item)) {
            counts[e.item as usize] += 1.0;
        }
    }
    top_k(
        counts.into_iter().enumerate().map(|(i, c)| (i as u32, c)),
        keep,
    )
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Trending {
    pub overall: Vec<(u32, f32)>,
    pub by_category: HashMap<u32, Vec<(u32, f32)>>,
}

impl Trending {
    pub fn train(
        data: &Dataset,
        category_of: &[u32],
        half_life_days: f64,
        keep: usize,
    ) -> Trending {
        let now = data.now();
        let half_life = half_life_days * DAY as f64;
        let mut score = vec![0f32; data.items];
        for e in &data.interactions {
            score[e.item as usize] += e.signal.weight() * decay(now - e.at, half_life);
        }
        let mut per_category: HashMap<u32, Vec<(u32, f32)>> = HashMap::new();
        for (item, &s) in score.iter().enumerate() {
            if let Some(&c) = category_of.get(item) {
                per_category.entry(c).or_default().push((item as u32, s));
            }
        }
        Trending {
            overall: top_k(score.iter().enumerate().map(|(i, &s)| (i as u32, s)), keep),
            by_category: per_category
                .into_iter()
                .map(|(c, items)| (c, top_k(items, keep)))
                .filter(|(_, items)| !items.is_empty())
                .collect(),
        }
    }

    pub fn in_category(&self, category: u32) -> &[(u32, f32)] {
        self.by_category
            .get(&category)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Interaction, Signal};

    #[test]
    fn recent_activity_outranks_old_activity_of_the_same_size() {
        let mut interactions = Vec::new();
        for v in 0..5 {
            interactions.push(Interaction {
                visitor: v,
                item: 0,
                signal: Signal::View,
                at: 0,
            });
            interactions.push(Interaction {
                visitor: v,
                item: 1,
                signal: Signal::View,
                at: 30 * DAY,
            });
        }
        let data = Dataset {
            visitors: 5,
            items: 3,
            interactions,
        };
        let t = Trending::train(&data, &[0, 1, 1], 7.0, 10);
        assert_eq!(t.overall[0].0, 1);
        assert_eq!(t.in_category(0), &[(0, t.overall[1].1)]);
        assert!(t.in_category(2).is_empty());
        let p = popularity(&data, 10);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].1, p[1].1);
    }
}
