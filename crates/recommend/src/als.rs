//! "For you" by implicit-feedback matrix factorization: alternating least squares with
//! confidence weights (Hu, Koren and Volinsky, 2008). A visitor's interest in an item is
//! 1 when they touched it, with a confidence that grows with the signal (view < cart <
//! purchase) and fades with age; every untouched item is a weak 0.

use nalgebra::{DMatrix, DVector, DVectorView};
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::data::{strengths, Dataset, DAY};
use crate::parallel;

#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub factors: usize,
    pub iterations: usize,
    pub regularization: f32,
    /// Confidence per unit of signal: c = 1 + alpha · strength.
    pub alpha: f32,
    pub half_life_days: f64,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            factors: 32,
            iterations: 10,
            regularization: 10.0,
            alpha: 4.0,
            half_life_days: 90.0,
            seed: 7,
        }
    }
}

/// The item side of a trained factorization, which is all serving needs: a visitor's
/// vector is solved from their own recent history at request time ("fold-in"), so that
/// what they did since the last training counts at once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemFactors {
    pub factors: usize,
    pub regularization: f32,
    pub alpha: f32,
    /// Row-major, `items × factors`.
    pub rows: Vec<f32>,
    /// Column-major copy for the matrix-vector product; rebuilt after loading.
    #[serde(skip)]
    matrix: Option<DMatrix<f32>>,
    #[serde(skip)]
    gram: Option<DMatrix<f32>>,
}

impl PartialEq for ItemFactors {
    fn eq(&self, other: &Self) -> bool {
        self.factors == other.factors && self.rows == other.rows
    }
}

impl ItemFactors {
    pub fn items(&self) -> usize {
        self.rows.len().checked_div(self.factors).unwrap_or(0)
    }

    /// Builds the matrices serving needs (called once after training or loading).
    pub fn prepare(&mut self) {
        let m = DMatrix::from_row_slice(self.items(), self.factors, &self.rows);
        self.gram = Some(m.tr_mul(&m));
        self.matrix = Some(m);
    }

    fn row(&self, item: u32) -> DVectorView<'_, f32> {
        let k = self.factors;
        DVectorView::from_slice(&self.rows[item as usize * k..(item as usize + 1) * k], k)
    }

    /// The vector of a visitor with these (item, strength) pairs.
    pub fn fold_in(&self, touched: &[(u32, f32)]) -> Option<DVector<f32>> {
        let gram = self.gram.as_ref()?;
        let touched: Vec<(u32, f32)> = touched
            .iter()
            .copied()
            .filter(|&(i, _)| (i as usize) < self.items())
            .collect();
        if touched.is_empty() {
            return None;
        }
        Some(solve(
            gram,
            self.regularization,
            self.alpha,
            &touched,
            |i| self.row(i),
        ))
    }

    /// Predicted interest of the visitor in every item.
    pub fn scores(&self, visitor: &DVector<f32>) -> Option<DVector<f32>> {
        Some(self.matrix.as_ref()? * visitor)
    }
}

/// Solves one side's vector: (G + λI + Σ (c−1) y yᵀ) x = Σ c y, with c = 1 + α·r.
fn solve<'a>(
    gram: &DMatrix<f32>,
    regularization: f32,
    alpha: f32,
    touched: &[(u32, f32)],
    row: impl Fn(u32) -> DVectorView<'a, f32>,
) -> DVector<f32> {
    let k = gram.nrows();
    let mut a = gram.clone();
    for d in 0..k {
        a[(d, d)] += regularization;
    }
    let mut b = DVector::<f32>::zeros(k);
    for &(i, r) in touched {
        let y = row(i);
        let c = 1.0 + alpha * r;
        a.ger(c - 1.0, &y, &y, 1.0);
        b.axpy(c, &y, 1.0);
    }
    match a.cholesky() {
        Some(chol) => chol.solve(&b),
        None => DVector::zeros(k),
    }
}

/// Trains on the dataset; returns the item factors and, for evaluation, the visitors'.
pub fn train(data: &Dataset, params: &Params) -> (ItemFactors, Vec<f32>) {
    let k = params.factors;
    let now = data.now();
    let half_life = params.half_life_days * DAY as f64;
    let by_visitor: Vec<Vec<(u32, f32)>> = data
        .by_visitor()
        .iter()
        .map(|events| {
            let mut s: Vec<(u32, f32)> = strengths(events, now, half_life).into_iter().collect();
            s.sort_by_key(|p| p.0);
            s
        })
        .collect();
    let mut by_item: Vec<Vec<(u32, f32)>> = vec![Vec::new(); data.items];
    for (v, items) in by_visitor.iter().enumerate() {
        for &(i, r) in items {
            by_item[i as usize].push((v as u32, r));
        }
    }
    let mut rng = rand::rngs::StdRng::seed_from_u64(params.seed);
    let scale = 1.0 / (k as f32).sqrt();
    let mut items: Vec<f32> = (0..data.items * k)
        .map(|_| (rng.random::<f32>() - 0.5) * scale)
        .collect();
    let mut visitors: Vec<f32> = vec![0.0; data.visitors * k];
    for _ in 0..params.iterations {
        half_step(&mut visitors, &items, &by_visitor, k, params);
        half_step(&mut items, &visitors, &by_item, k, params);
    }
    let mut model = ItemFactors {
        factors: k,
        regularization: params.regularization,
        alpha: params.alpha,
        rows: items,
        matrix: None,
        gram: None,
    };
    model.prepare();
    (model, visitors)
}

/// Solves every row of `out` against the fixed `other` side.
fn half_step(
    out: &mut [f32],
    other: &[f32],
    touched: &[Vec<(u32, f32)>],
    k: usize,
    params: &Params,
) {
    let fixed = DMatrix::from_row_slice(other.len() / k, k, other);
    let gram = fixed.tr_mul(&fixed);
    let mut rows: Vec<&mut [f32]> = out.chunks_mut(k).collect();
    parallel::for_each_mut(&mut rows, |r, slot| {
        if touched[r].is_empty() {
            slot.fill(0.0);
            return;
        }
        let x = solve(
            &gram,
            params.regularization,
            params.alpha,
            &touched[r],
            |i| DVectorView::from_slice(&other[i as usize * k..(i as usize + 1) * k], k),
        );
        slot.copy_from_slice(x.as_slice());
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{Interaction, Signal};

    /// Two tastes: visitors 0–9 use items 0–4, visitors 10–19 items 5–9.
    fn two_tastes() -> Dataset {
        let mut interactions = Vec::new();
        for v in 0..20u32 {
            let base = if v < 10 { 0 } else { 5 };
            for i in 0..5u32 {
                // Each visitor misses one item of their taste.
                if i == v % 5 {
                    continue;
                }
                interactions.push(Interaction {
                    visitor: v,
                    item: base + i,
                    signal: Signal::View,
                    at: 0,
                });
            }
        }
        Dataset {
            visitors: 20,
            items: 10,
            interactions,
        }
    }

    #[test]
    fn a_visitor_is_recommended_the_missing_item_of_their_taste() {
        let data = two_tastes();
        let (model, _) = train(
            &data,
            &Params {
                factors: 4,
                ..Params::default()
            },
        );
        // Visitor 0 has items 1–4; their taste's missing item is 0.
        let x = model
            .fold_in(&[(1, 1.0), (2, 1.0), (3, 1.0), (4, 1.0)])
            .unwrap();
        let scores = model.scores(&x).unwrap();
        let other_taste_best = (5..10).map(|i| scores[i]).fold(f32::MIN, f32::max);
        assert!(scores[0] > other_taste_best, "{scores:?}");
    }

    #[test]
    fn training_is_deterministic_and_survives_serialization() {
        let data = two_tastes();
        let (a, _) = train(
            &data,
            &Params {
                factors: 4,
                ..Params::default()
            },
        );
        let (b, _) = train(
            &data,
            &Params {
                factors: 4,
                ..Params::default()
            },
        );
        assert_eq!(a, b);
        let text = serde_json::to_string(&a).unwrap();
        let mut back: ItemFactors = serde_json::from_str(&text).unwrap();
        back.prepare();
        let x = back.fold_in(&[(1, 1.0)]).unwrap();
        assert_eq!(back.scores(&x).unwrap().len(), 10);
    }

    #[test]
    fn nobody_touched_nothing_folds_in() {
        let (model, _) = train(
            &two_tastes(),
            &Params {
                factors: 4,
                ..Params::default()
            },
        );
        assert!(model.fold_in(&[]).is_none());
        assert!(model.fold_in(&[(99, 1.0)]).is_none());
    }
}
