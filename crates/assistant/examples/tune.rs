//! Cross-validated accuracy over a few settings (the threshold is applied afterwards, so
//! each model is trained once per fold): `cargo run -p dokkan-assistant --example tune`.
use std::time::Instant;

use dokkan_assistant::model::{IntentModel, Settings};
use dokkan_assistant::{corpus, evaluate::folds, text::Script, Intent};

fn main() {
    let examples = corpus::examples();
    let assignment = folds(&examples, 5);
    for (alpha, iterations, features) in [(0.05, 100, 5000)] {
        let settings = Settings {
            alpha,
            max_iterations: iterations,
            threshold: 0.0,
            max_features: features,
            ..Settings::default()
        };
        let started = Instant::now();
        let mut predictions = vec![None; examples.len()];
        for fold in 0..5 {
            let train: Vec<_> = examples
                .iter()
                .zip(&assignment)
                .filter(|(_, f)| **f != fold)
                .map(|(e, _)| e.clone())
                .collect();
            let model = IntentModel::train(&train, &settings).unwrap();
            for (i, e) in examples.iter().enumerate() {
                if assignment[i] == fold {
                    predictions[i] = Some(model.predict(&e.text));
                }
            }
        }
        let took = started.elapsed().as_secs_f64() / 5.0;
        for threshold in [0.2, 0.3] {
            let mut by_script = [(0, 0); 3];
            for (e, p) in examples.iter().zip(&predictions) {
                let p = p.unwrap();
                let intent = if p.confidence < threshold {
                    Intent::Fallback
                } else {
                    p.best
                };
                let s = Script::ALL.iter().position(|s| *s == e.script).unwrap();
                by_script[s].0 += usize::from(intent == e.intent);
                by_script[s].1 += 1;
            }
            let all: usize = by_script.iter().map(|b| b.0).sum();
            println!(
                "alpha {alpha} it {iterations} f {features} thr {threshold}: {:.3} (en {:.3} ar {:.3} az {:.3}) {took:.2} s a training",
                all as f64 / examples.len() as f64,
                by_script[0].0 as f64 / by_script[0].1 as f64,
                by_script[1].0 as f64 / by_script[1].1 as f64,
                by_script[2].0 as f64 / by_script[2].1 as f64,
            );
        }
    }
}
