//! The intent model as a whole: trained from the corpus in seconds, right on messages it
//! never saw (cross-validation), and unsure text goes to `fallback`.

use std::time::Instant;

use dokkan_assistant::evaluate::cross_validate;
use dokkan_assistant::model::Settings;
use dokkan_assistant::{corpus, Assistant, Intent, Script};

#[test]
fn the_model_trains_quickly_and_understands_all_three_scripts() {
    let started = Instant::now();
    let assistant = Assistant::train().unwrap();
    let took = started.elapsed();
    assert!(took.as_secs_f64() < 20.0, "training took {took:?}");
    for (text, intent) in [
        ("m7tag kanaba ramadi b a2al men 5000", Intent::ProductSearch),
        ("محتاج كنبة رمادي بأقل من ٥٠٠٠", Intent::ProductSearch),
        ("el shohna wesolet wala la2", Intent::OrderStatus),
        ("فين الاوردر بتاعي DK-12345678", Intent::OrderStatus),
        ("I want to cancel my order", Intent::CancelOrder),
        ("عايز اكلم حد من خدمة العملاء", Intent::HumanAgent),
        ("do you deliver to aswan", Intent::ShippingInfo),
        ("shokran ya basha", Intent::Thanks),
    ] {
        let parsed = assistant.parse(text);
        assert_eq!(parsed.intent, intent, "{text}: {parsed:?}");
    }
    let arabizi = assistant.parse("m7tag kanaba ramadi b a2al men 5000");
    assert_eq!(arabizi.script, Script::Arabizi);
    assert_eq!(arabizi.entities.max_price, Some(5000));
    assert_eq!(arabizi.entities.color.as_deref(), Some("grey"));
    for nonsense in ["", "qwxzv", "٣٣٣٣", "qwpo zxvb mnlk", "ضصثق شسيب"] {
        assert_eq!(
            assistant.parse(nonsense).intent,
            Intent::Fallback,
            "{nonsense}"
        );
    }
}

#[test]
fn cross_validated_accuracy_holds_in_every_script() {
    // Three folds keep the test to three trainings; `dokkan assistant evaluate` uses five.
    let report = cross_validate(&corpus::examples(), 3, &Settings::default()).unwrap();
    println!("{}", dokkan_assistant::evaluate::render(&report));
    // Measured at 0.79 overall (English 0.81, Arabic 0.80, Arabizi 0.76): the floor
    // guards against a corpus or feature change that makes it worse.
    assert!(report.accuracy() > 0.74, "{:.3}", report.accuracy());
    for script in Script::ALL {
        assert!(
            report.script_accuracy(script) > 0.7,
            "{script:?}: {:.3}",
            report.script_accuracy(script)
        );
    }
}

/// Messages written apart from the corpus (`corpus/holdout.tsv`), never trained on: the
/// model must get most of them, in every script.
#[test]
fn the_model_understands_messages_it_never_saw() {
    let holdout: Vec<(Intent, &str)> = include_str!("../corpus/holdout.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (intent, text) = l.split_once('\t').expect("intent<TAB>text");
            (Intent::parse(intent).expect("a known intent"), text.trim())
        })
        .collect();
    assert!(holdout.len() >= 100);
    let trained: std::collections::HashSet<String> = corpus::examples()
        .iter()
        .map(|e| dokkan_assistant::text::words(&e.text).join(" "))
        .collect();
    let overlap: Vec<&str> = holdout
        .iter()
        .map(|(_, text)| *text)
        .filter(|text| trained.contains(&dokkan_assistant::text::words(text).join(" ")))
        .collect();
    assert!(
        overlap.is_empty(),
        "held out, yet in the corpus: {overlap:?}"
    );
    let assistant = Assistant::train().unwrap();
    let wrong: Vec<String> = holdout
        .iter()
        .filter_map(|(intent, text)| {
            let got = assistant.parse(text).intent;
            (got != *intent).then(|| format!("{text}: {intent:?} → {got:?}"))
        })
        .collect();
    let accuracy = 1.0 - wrong.len() as f64 / holdout.len() as f64;
    println!("held-out accuracy {accuracy:.3}; missed: {wrong:#?}");
    assert!(
        accuracy >= 0.85,
        "held-out accuracy {accuracy:.3}: {wrong:#?}"
    );
}
