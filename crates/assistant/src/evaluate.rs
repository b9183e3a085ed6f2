//! k-fold cross-validation of the intent model on the corpus: every example is predicted
//! by a model that never saw it. Accuracy per intent and per script, and the confusion
//! matrix (rows: the labelled intent; columns: the prediction, `fallback` included).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use crate::corpus::Example;
use crate::model::{IntentModel, ModelError, Settings};
use crate::text::Script;
use crate::Intent;

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub folds: usize,
    pub examples: usize,
    pub correct: usize,
    /// (correct, total) per intent and per script.
    pub by_intent: HashMap<Intent, (usize, usize)>,
    pub by_script: HashMap<Script, (usize, usize)>,
    pub by_both: HashMap<(Intent, Script), (usize, usize)>,
    /// confusion[labelled][predicted]
    pub confusion: [[usize; 11]; 11],
    /// The slowest fold's training.
    pub training: Duration,
}

impl Report {
    pub fn accuracy(&self) -> f64 {
        self.correct as f64 / self.examples.max(1) as f64
    }

    pub fn script_accuracy(&self, script: Script) -> f64 {
        let (c, t) = self.by_script.get(&script).copied().unwrap_or_default();
        c as f64 / t.max(1) as f64
    }
}

/// Deals examples into `k` folds, round-robin within each intent and script, so every
/// fold holds a share of each.
pub fn folds(examples: &[Example], k: usize) -> Vec<usize> {
    let mut next: HashMap<(Intent, Script), usize> = HashMap::new();
    examples
        .iter()
        .map(|e| {
            let n = next.entry((e.intent, e.script)).or_insert(0);
            let fold = *n % k;
            *n += 1;
            fold
        })
        .collect()
}

pub fn cross_validate(
    examples: &[Example],
    k: usize,
    settings: &Settings,
) -> Result<Report, ModelError> {
    let k = k.max(2);
    let assignment = folds(examples, k);
    let mut report = Report {
        folds: k,
        examples: examples.len(),
        ..Report::default()
    };
    for fold in 0..k {
        let train: Vec<Example> = examples
            .iter()
            .zip(&assignment)
            .filter(|(_, f)| **f != fold)
            .map(|(e, _)| e.clone())
            .collect();
        let started = Instant::now();
        let model = IntentModel::train(&train, settings)?;
        report.training = report.training.max(started.elapsed());
        for (example, _) in examples
            .iter()
            .zip(&assignment)
            .filter(|(_, f)| **f == fold)
        {
            let predicted = model.predict(&example.text).intent;
            let hit = predicted == example.intent;
            report.correct += usize::from(hit);
            report.confusion[example.intent.index()][predicted.index()] += 1;
            let i = report.by_intent.entry(example.intent).or_default();
            i.0 += usize::from(hit);
            i.1 += 1;
            let s = report.by_script.entry(example.script).or_default();
            s.0 += usize::from(hit);
            s.1 += 1;
            let b = report
                .by_both
                .entry((example.intent, example.script))
                .or_default();
            b.0 += usize::from(hit);
            b.1 += 1;
        }
    }
    Ok(report)
}

fn percent(pair: Option<&(usize, usize)>) -> String {
    match pair {
        Some(&(c, t)) if t > 0 => format!("{:5.1}%", 100.0 * c as f64 / t as f64),
        _ => "     -".into(),
    }
}

/// The report as `dokkan assistant evaluate` prints it.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}-fold cross-validation over {} examples: accuracy {:.1}% (slowest training {:.2} s)\n",
        report.folds,
        report.examples,
        100.0 * report.accuracy(),
        report.training.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "{:<16} {:>7} {:>8} {:>8} {:>8}",
        "intent", "all", "english", "arabic", "arabizi"
    );
    for intent in Intent::ALL {
        let _ = writeln!(
            out,
            "{:<16} {:>7} {:>8} {:>8} {:>8}",
            intent.as_str(),
            percent(report.by_intent.get(&intent)),
            percent(report.by_both.get(&(intent, Script::English))),
            percent(report.by_both.get(&(intent, Script::Arabic))),
            percent(report.by_both.get(&(intent, Script::Arabizi))),
        );
    }
    let _ = writeln!(
        out,
        "{:<16} {:>7} {:>8} {:>8} {:>8}\n",
        "all",
        format!("{:5.1}%", 100.0 * report.accuracy()),
        percent(report.by_script.get(&Script::English)),
        percent(report.by_script.get(&Script::Arabic)),
        percent(report.by_script.get(&Script::Arabizi)),
    );
    let short = |i: Intent| i.as_str().chars().take(6).collect::<String>();
    let _ = write!(
        out,
        "confusion (rows: labelled, columns: predicted)\n{:<16}",
        ""
    );
    for intent in Intent::ALL {
        let _ = write!(out, "{:>7}", short(intent));
    }
    let _ = writeln!(out);
    for (row, intent) in Intent::ALL.iter().enumerate() {
        let _ = write!(out, "{:<16}", intent.as_str());
        for cell in report.confusion[row] {
            let _ = write!(out, "{cell:>7}");
        }
        let _ = writeln!(out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_share_every_intent_and_script() {
        let examples = crate::corpus::examples();
        let assignment = folds(&examples, 5);
        for fold in 0..5 {
            for intent in Intent::ALL {
                for script in Script::ALL {
                    let n = examples
                        .iter()
                        .zip(&assignment)
                        .filter(|(e, f)| **f == fold && e.intent == intent && e.script == script)
                        .count();
                    assert!(n >= 8, "fold {fold} {intent:?} {script:?}: {n}");
                }
            }
        }
    }
}
