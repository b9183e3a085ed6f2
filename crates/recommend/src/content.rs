//! Similar items by what they are: TF-IDF over the words of both names, the tags, the
//! category path and the descriptions (normalized as search normalizes them), cosine
//! between items, then nudged towards items in the same price band.

use std::collections::HashMap;

use crate::cooccur::Neighbours;
use crate::data::top_k;
use crate::parallel;

/// One item's words, each with the weight of the field it came from (a word in the name
/// says more about the item than a word in its description), and its price.
#[derive(Debug, Clone, Default)]
pub struct ItemText {
    pub words: Vec<(String, f32)>,
    pub price_minor: i64,
}

/// Field weights: the name says what the item is, tags and category what kind, the
/// description what else it mentions.
pub const NAME: f32 = 3.0;
pub const TERMS: f32 = 2.0;
pub const BODY: f32 = 1.0;

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub keep: usize,
    /// Share of the score that depends on price closeness; the rest is text.
    pub price_share: f32,
    /// Words in more than this share of items say nothing about any of them (and would
    /// make the pair count quadratic in the catalog).
    pub max_df_share: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            keep: 30,
            price_share: 0.3,
            max_df_share: 0.25,
        }
    }
}

/// 1 for the same price, ½ at twice or half the price, ⅓ at four times.
pub fn price_closeness(a: i64, b: i64) -> f32 {
    if a <= 0 || b <= 0 {
        return 0.5;
    }
    let ratio = (a as f64 / b as f64).log2().abs();
    (1.0 / (1.0 + ratio)) as f32
}

/// Sparse L2-normalized TF-IDF vectors, one per item.
pub fn vectors(items: &[ItemText], params: &Params) -> Vec<Vec<(u32, f32)>> {
    let mut vocabulary: HashMap<&str, u32> = HashMap::new();
    let mut tf: Vec<HashMap<u32, f32>> = Vec::with_capacity(items.len());
    for item in items {
        let mut counts: HashMap<u32, f32> = HashMap::new();
        for (word, weight) in &item.words {
            let next = vocabulary.len() as u32;
            let id = *vocabulary.entry(word.as_str()).or_insert(next);
            *counts.entry(id).or_insert(0.0) += weight;
        }
        tf.push(counts);
    }
    let mut df = vec![0u32; vocabulary.len()];
    for counts in &tf {
        for &id in counts.keys() {
            df[id as usize] += 1;
        }
    }
    let n = items.len() as f32;
    let max_df = (params.max_df_share * n).max(2.0);
    tf.into_iter()
        .map(|counts| {
            let mut v: Vec<(u32, f32)> = counts
                .into_iter()
                .filter(|&(id, _)| (df[id as usize] as f32) <= max_df && df[id as usize] > 1)
                .map(|(id, count)| {
                    let idf = ((n + 1.0) / (df[id as usize] as f32 + 1.0)).ln() + 1.0;
                    (id, (1.0 + count.ln().max(0.0)) * idf)
                })
                .collect();
            let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v.sort_by_key(|p| p.0);
            v
        })
        .collect()
}

pub fn train(items: &[ItemText], params: &Params) -> Neighbours {
    let vectors = vectors(items, params);
    let terms = vectors
        .iter()
        .flatten()
        .map(|p| p.0 as usize + 1)
        .max()
        .unwrap_or(0);
    let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); terms];
    for (item, v) in vectors.iter().enumerate() {
        for &(t, w) in v {
            postings[t as usize].push((item as u32, w));
        }
    }
    let count = items.len();
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); count];
    parallel::for_each_mut_with(
        &mut lists,
        || (vec![0f32; count], Vec::<u32>::new()),
        |i, out, (dot, touched)| {
            for &(t, wi) in &vectors[i] {
                for &(j, wj) in &postings[t as usize] {
                    if j as usize == i {
                        continue;
                    }
                    if dot[j as usize] == 0.0 {
                        touched.push(j);
                    }
                    dot[j as usize] += wi * wj;
                }
            }
            let price = items[i].price_minor;
            let scored = touched.iter().map(|&j| {
                let closeness = price_closeness(price, items[j as usize].price_minor);
                let text = dot[j as usize].min(1.0);
                (
                    j,
                    text * (1.0 - params.price_share + params.price_share * closeness),
                )
            });
            *out = top_k(scored, params.keep);
            for &j in touched.iter() {
                dot[j as usize] = 0.0;
            }
            touched.clear();
        },
    );
    Neighbours { lists }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(words: &[&str], price: i64) -> ItemText {
        ItemText {
            words: words.iter().map(|w| (w.to_string(), NAME)).collect(),
            price_minor: price,
        }
    }

    #[test]
    fn shared_rare_words_make_items_similar() {
        let items = vec![
            item(&["espresso", "beans", "dark"], 30000),
            item(&["espresso", "beans", "light"], 32000),
            item(&["cotton", "shirt", "dark"], 30000),
            item(&["cotton", "shirt", "white"], 30000),
            item(&["kettle", "steel"], 90000),
        ];
        let n = train(&items, &Params::default());
        assert_eq!(n.of(0)[0].0, 1);
        assert_eq!(n.of(2)[0].0, 3);
        assert!(n.of(4).is_empty());
    }

    #[test]
    fn price_breaks_a_tie_in_text() {
        let mut items = vec![
            item(&["mug", "ceramic"], 10000),
            item(&["mug", "ceramic"], 11000),
            item(&["mug", "ceramic"], 90000),
        ];
        // Other goods, so that the mugs' words are not in most of the catalog.
        items.extend((0..10).map(|n| item(&[&format!("thing{n}")], 500)));
        let n = train(&items, &Params::default());
        assert_eq!(n.of(0)[0].0, 1);
        assert!(n.of(0)[0].1 > n.of(0)[1].1);
    }

    #[test]
    fn closeness_is_symmetric_and_one_at_equal_prices() {
        assert_eq!(price_closeness(500, 500), 1.0);
        assert_eq!(price_closeness(500, 1000), price_closeness(1000, 500));
        assert!((price_closeness(500, 1000) - 0.5).abs() < 1e-6);
    }
}
