//! The labelled corpus: `corpus/{en,ar,arabizi}.tsv`, one `intent<TAB>text` a line,
//! written by the team by hand (comments start with `#`). Compiled into the binary.

use crate::text::Script;
use crate::Intent;

const FILES: [(Script, &str); 3] = [
    (Script::English, include_str!("../corpus/en.tsv")),
    (Script::Arabic, include_str!("../corpus/ar.tsv")),
    (Script::Arabizi, include_str!("../corpus/arabizi.tsv")),
];

/// One labelled message, with the script of the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub intent: Intent,
    pub script: Script,
    pub text: String,
}

/// Every example, in file order. Panics on a malformed line: the corpus is code.
pub fn examples() -> Vec<Example> {
    let mut out = Vec::new();
    for (script, file) in FILES {
        for (n, line) in file.lines().enumerate() {
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (intent, text) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{script:?} line {}: no tab", n + 1));
            let intent = Intent::parse(intent)
                .unwrap_or_else(|| panic!("{script:?} line {}: unknown intent {intent}", n + 1));
            out.push(Example {
                intent,
                script,
                text: text.trim().to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_intent_has_forty_examples_in_every_script() {
        let mut counts: HashMap<(Intent, Script), usize> = HashMap::new();
        for e in examples() {
            *counts.entry((e.intent, e.script)).or_insert(0) += 1;
        }
        for intent in Intent::ALL {
            for script in Script::ALL {
                let n = counts.get(&(intent, script)).copied().unwrap_or(0);
                assert!(n >= 40, "{intent:?} in {script:?}: {n}");
            }
        }
    }

    #[test]
    fn no_example_is_given_twice_with_different_intents() {
        let mut seen: HashMap<String, Intent> = HashMap::new();
        for e in examples() {
            let key = crate::text::words(&e.text).join(" ");
            if let Some(previous) = seen.insert(key.clone(), e.intent) {
                assert_eq!(previous, e.intent, "{key}");
            }
        }
    }
}
