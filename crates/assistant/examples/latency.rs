//! Training time, and parse latency (p50/p99) over the corpus messages:
//! `cargo run --release -p dokkan-assistant --example latency`.
use std::time::Instant;

use dokkan_assistant::{corpus, Assistant};

fn main() {
    let started = Instant::now();
    let assistant = Assistant::train().unwrap();
    println!("trained in {:.2} s", started.elapsed().as_secs_f64());
    let messages: Vec<String> = corpus::examples().into_iter().map(|e| e.text).collect();
    let mut micros: Vec<u128> = Vec::with_capacity(messages.len() * 5);
    for _ in 0..5 {
        for m in &messages {
            let t = Instant::now();
            std::hint::black_box(assistant.parse(m));
            micros.push(t.elapsed().as_micros());
        }
    }
    micros.sort_unstable();
    let at = |q: f64| micros[((micros.len() as f64 * q) as usize).min(micros.len() - 1)];
    println!(
        "parse over {} calls: p50 {} µs, p99 {} µs, max {} µs",
        micros.len(),
        at(0.5),
        at(0.99),
        micros[micros.len() - 1]
    );
}
