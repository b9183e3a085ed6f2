//! The intent model: multinomial logistic regression (linfa-logistic, L-BFGS) over the
//! feature rows; a prediction below the confidence threshold is `fallback`.

use linfa::prelude::*;
use linfa_logistic::{MultiFittedLogisticRegression, MultiLogisticRegression};
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};

use crate::corpus::Example;
use crate::features::{self, Vocabulary};
use crate::Intent;

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("training: {0}")]
    Training(#[from] linfa_logistic::error::Error),
    #[error("the corpus is empty")]
    Empty,
}

/// How the model is trained and trusted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// L2 penalty.
    pub alpha: f32,
    pub max_iterations: u64,
    /// Features seen in fewer messages are left out.
    pub min_count: usize,
    pub max_features: usize,
    /// Below this probability the answer is `fallback`.
    pub threshold: f32,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            // Chosen by 5-fold cross-validation on the corpus (`--example tune`): 5,000
            // features gain 2 points over 3,000 and lose little against 8,000 at half the
            // training time; L-BFGS converges within 80 iterations; a threshold over 0.3
            // sends right answers to fallback.
            alpha: 0.05,
            max_iterations: 100,
            min_count: 2,
            max_features: 5000,
            threshold: 0.25,
        }
    }
}

/// The model's answer for a message.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    pub intent: Intent,
    pub confidence: f32,
    /// The best intent before the threshold (what `fallback` replaced).
    pub best: Intent,
}

#[derive(Debug)]
pub struct IntentModel {
    vocabulary: Vocabulary,
    // f32: half the memory traffic of f64 in the dense products that dominate training.
    fitted: MultiFittedLogisticRegression<f32, usize>,
    threshold: f32,
    /// Every word of the corpus, even those too rare to be features: a message with none
    /// of them ("qwpo zxvb") is matched on letter n-grams alone, which is no evidence.
    words: std::collections::HashSet<String>,
}

impl IntentModel {
    pub fn train(examples: &[Example], settings: &Settings) -> Result<IntentModel, ModelError> {
        if examples.is_empty() {
            return Err(ModelError::Empty);
        }
        let tokens: Vec<Vec<String>> = examples.iter().map(|e| features::tokens(&e.text)).collect();
        let vocabulary = Vocabulary::build(&tokens, settings.min_count, settings.max_features);
        let mut records = Array2::zeros((examples.len(), vocabulary.len()));
        for (i, t) in tokens.iter().enumerate() {
            records.row_mut(i).assign(&vocabulary.row(t));
        }
        let targets: Array1<usize> = examples.iter().map(|e| e.intent.index()).collect();
        let dataset = Dataset::new(records, targets);
        let fitted = MultiLogisticRegression::default()
            .alpha(settings.alpha)
            .max_iterations(settings.max_iterations)
            .fit(&dataset)?;
        let words = tokens
            .iter()
            .flatten()
            .filter(|t| t.starts_with("w:"))
            .cloned()
            .collect();
        Ok(IntentModel {
            vocabulary,
            fitted,
            threshold: settings.threshold,
            words,
        })
    }

    /// The number of features the model reads.
    pub fn features(&self) -> usize {
        self.vocabulary.len()
    }

    pub fn predict(&self, text: &str) -> Prediction {
        let tokens = features::tokens(text);
        let row = self.vocabulary.row(&tokens);
        let knows_a_word = tokens.iter().any(|t| self.words.contains(t));
        if row.sum() == 0.0 || !knows_a_word {
            // Nothing the model has seen (or only bits of words): not a guess worth making.
            return Prediction {
                intent: Intent::Fallback,
                confidence: 0.0,
                best: Intent::Fallback,
            };
        }
        let x = row.insert_axis(ndarray::Axis(0));
        let probabilities = self.fitted.predict_probabilities(&x);
        let classes = self.fitted.classes();
        let (best_column, best_p) =
            probabilities
                .row(0)
                .iter()
                .enumerate()
                .fold(
                    (0, f32::MIN),
                    |acc, (i, &p)| if p > acc.1 { (i, p) } else { acc },
                );
        let best = Intent::ALL
            .get(classes[best_column])
            .copied()
            .unwrap_or(Intent::Fallback);
        let confidence = best_p;
        Prediction {
            intent: if confidence < self.threshold {
                Intent::Fallback
            } else {
                best
            },
            confidence,
            best,
        }
    }
}
