//! From chosen answers to picks. The database finds which products a category or tag of
//! an answer reaches ([`Hit`]s); here each product's evidence is added up with the price
//! bands, the answers behind it kept as its reasons, and the list spread across
//! categories so that one answer's category does not fill it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::Answer;

/// A product an answer's category or tag reached, with that answer's weight for it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub product_id: i64,
    pub category_id: i64,
    pub price_minor: i64,
    pub answer_id: i64,
    pub weight: f32,
}

/// A product for the shopper and the answers that brought it in, strongest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pick {
    pub product_id: i64,
    pub score: f32,
    pub reasons: Vec<i64>,
}

/// The best `limit` products with a positive score. At most a third of the list (two at
/// least) comes from one category while others are left; the rest fill it after.
pub fn rank(hits: &[Hit], chosen: &[&Answer], limit: usize) -> Vec<Pick> {
    struct Tally {
        category: i64,
        price: i64,
        by_answer: HashMap<i64, f32>,
    }
    let mut products: HashMap<i64, Tally> = HashMap::new();
    for hit in hits {
        let tally = products.entry(hit.product_id).or_insert_with(|| Tally {
            category: hit.category_id,
            price: hit.price_minor,
            by_answer: HashMap::new(),
        });
        *tally.by_answer.entry(hit.answer_id).or_insert(0.0) += hit.weight;
    }
    let mut scored: Vec<(Pick, i64)> = products
        .into_iter()
        .filter_map(|(product_id, mut tally)| {
            for answer in chosen {
                // A budget alone (a price-only answer) shapes whatever the other answers
                // brought in; an answer with its own categories or tags, only what it
                // reached itself (its reason must be true of the product).
                let budget_only = answer.categories.is_empty() && answer.tags.is_empty();
                let reached = tally.by_answer.contains_key(&answer.id);
                if answer.price.contains(tally.price) && (budget_only || reached) {
                    *tally.by_answer.entry(answer.id).or_insert(0.0) += answer.price.weight;
                }
            }
            let score: f32 = tally.by_answer.values().sum();
            if score <= 0.0 {
                return None;
            }
            let mut reasons: Vec<(i64, f32)> = tally
                .by_answer
                .into_iter()
                .filter(|(_, w)| *w > 0.0)
                .collect();
            // Strongest first; the quiz's own order between equals.
            reasons.sort_by(|a, b| {
                b.1.total_cmp(&a.1)
                    .then_with(|| order(chosen, a.0).cmp(&order(chosen, b.0)))
            });
            let pick = Pick {
                product_id,
                score,
                reasons: reasons.into_iter().map(|(id, _)| id).collect(),
            };
            Some((pick, tally.category))
        })
        .collect();
    // Newer products (higher ids) first between equal scores: stable across requests.
    scored.sort_by(|a, b| {
        b.0.score
            .total_cmp(&a.0.score)
            .then(b.0.product_id.cmp(&a.0.product_id))
    });
    let cap = (limit / 3).max(2);
    let mut per_category: HashMap<i64, usize> = HashMap::new();
    let mut out = Vec::with_capacity(limit);
    let mut held = Vec::new();
    for (pick, category) in scored {
        if out.len() == limit {
            break;
        }
        let n = per_category.entry(category).or_insert(0);
        if *n < cap {
            *n += 1;
            out.push(pick);
        } else {
            held.push(pick);
        }
    }
    let room = limit - out.len();
    out.extend(held.into_iter().take(room));
    out
}

fn order(chosen: &[&Answer], id: i64) -> usize {
    chosen.iter().position(|a| a.id == id).unwrap_or(usize::MAX)
}

/// The picks as "for you" reads stated interest: each product's share of the best score.
pub fn stated(picks: &[Pick]) -> Vec<(i64, f32)> {
    let best = picks.iter().map(|p| p.score).fold(0.0f32, f32::max);
    if best <= 0.0 {
        return Vec::new();
    }
    picks
        .iter()
        .map(|p| (p.product_id, p.score / best))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::answer;
    use crate::PriceBand;
    use proptest::prelude::*;

    fn hit(
        product_id: i64,
        category_id: i64,
        price_minor: i64,
        answer_id: i64,
        weight: f32,
    ) -> Hit {
        Hit {
            product_id,
            category_id,
            price_minor,
            answer_id,
            weight,
        }
    }

    #[test]
    fn evidence_adds_up_and_names_its_answers() {
        let men = answer(1, &[("men", 2.0)], &[]);
        let sport = answer(3, &[], &[("sport", 1.0)]);
        let chosen = [&men, &sport];
        let hits = [
            hit(10, 100, 500, 1, 2.0),
            hit(10, 100, 500, 3, 1.0),
            hit(11, 100, 500, 1, 2.0),
            hit(12, 200, 500, 3, 1.0),
        ];
        let picks = rank(&hits, &chosen, 10);
        assert_eq!(
            picks.iter().map(|p| p.product_id).collect::<Vec<_>>(),
            vec![10, 11, 12]
        );
        assert_eq!(picks[0].score, 3.0);
        assert_eq!(picks[0].reasons, vec![1, 3]);
        assert_eq!(picks[2].reasons, vec![3]);
    }

    #[test]
    fn a_budget_shapes_the_picks_but_never_makes_one() {
        let women = answer(2, &[("women", 1.0)], &[]);
        let mut budget = answer(5, &[], &[]);
        budget.price = PriceBand {
            min_minor: None,
            max_minor: Some(50_000),
            weight: 1.5,
        };
        let chosen = [&women, &budget];
        let hits = [hit(20, 1, 90_000, 2, 1.0), hit(21, 1, 30_000, 2, 1.0)];
        let picks = rank(&hits, &chosen, 10);
        assert_eq!(picks[0].product_id, 21);
        assert_eq!(picks[0].reasons, vec![5, 2]);
        assert_eq!(picks.len(), 2, "nothing outside the hits is picked");
    }

    #[test]
    fn an_answers_own_budget_applies_only_to_what_it_reached() {
        let home = answer(1, &[("home", 2.0)], &[]);
        let mut coffee = answer(2, &[], &[("coffee", 1.0)]);
        coffee.price = PriceBand {
            min_minor: None,
            max_minor: Some(500),
            weight: 1.5,
        };
        let chosen = [&home, &coffee];
        // A cheap mug the coffee answer did not reach gets nothing from its budget.
        let picks = rank(
            &[hit(1, 1, 100, 1, 2.0), hit(2, 1, 100, 2, 1.0)],
            &chosen,
            10,
        );
        assert_eq!(picks[0].product_id, 2);
        assert_eq!((picks[0].score, picks[1].score), (2.5, 2.0));
        assert_eq!(picks[1].reasons, vec![1]);
    }

    #[test]
    fn negative_weights_keep_products_away() {
        let a = answer(1, &[("men", 1.0)], &[("formal", -2.0)]);
        let chosen = [&a];
        let hits = [
            hit(1, 1, 1, 1, 1.0),
            hit(1, 1, 1, 1, -2.0),
            hit(2, 1, 1, 1, 1.0),
        ];
        let picks = rank(&hits, &chosen, 10);
        assert_eq!(
            picks.iter().map(|p| p.product_id).collect::<Vec<_>>(),
            vec![2]
        );
    }

    #[test]
    fn one_category_does_not_fill_the_list_while_others_are_left() {
        let a = answer(1, &[("men", 1.0)], &[]);
        let chosen = [&a];
        let mut hits: Vec<Hit> = (0..10).map(|i| hit(100 + i, 1, 1, 1, 3.0)).collect();
        hits.push(hit(7, 2, 1, 1, 1.0));
        hits.push(hit(8, 3, 1, 1, 1.0));
        let picks = rank(&hits, &chosen, 6);
        let ids: Vec<i64> = picks.iter().map(|p| p.product_id).collect();
        assert!(ids.contains(&7) && ids.contains(&8), "{ids:?}");
        assert_eq!(ids.len(), 6);
        // With nothing else left, the strongest category fills the list.
        let only: Vec<Hit> = (0..10).map(|i| hit(100 + i, 1, 1, 1, 3.0)).collect();
        assert_eq!(rank(&only, &chosen, 6).len(), 6);
    }

    proptest! {
        #[test]
        fn picks_are_positive_distinct_and_at_most_the_limit(
            raw in proptest::collection::vec((0i64..30, 0i64..3, -3i32..4), 0..80),
            limit in 1usize..12,
        ) {
            let answers: Vec<Answer> = (0..3).map(|id| answer(id, &[("c", 1.0)], &[])).collect();
            let chosen: Vec<&Answer> = answers.iter().collect();
            let hits: Vec<Hit> = raw
                .iter()
                .map(|&(p, a, w)| hit(p, p % 4, 100, a, w as f32))
                .collect();
            let picks = rank(&hits, &chosen, limit);
            prop_assert!(picks.len() <= limit);
            prop_assert!(picks.iter().all(|p| p.score > 0.0 && !p.reasons.is_empty()));
            let mut ids: Vec<i64> = picks.iter().map(|p| p.product_id).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), picks.len());
            let weights = stated(&picks);
            prop_assert!(weights.iter().all(|(_, w)| *w > 0.0 && *w <= 1.0));
        }
    }
}
