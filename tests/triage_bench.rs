#![cfg(target_arch = "wasm32")]
//! A benchmark, not a test: classifies 1,000 complaints of real length in
//! headless Chromium and prints the median and 99th-percentile time per
//! classification. It asserts only that every text got an answer; timing
//! targets are read from the printout, never enforced (timed tests flake).
//!
//! Run it with `scripts/bench-triage`, which also prints the model's brotli size.
//! The texts are stitched from the hand-written examples in `triage/examples.tsv`
//! (never from real complaints) to the lengths real complaints have: a median
//! around 250 characters and a long tail to 2,000.

use aduan::config::Config;
use aduan::triage::{Model, suggest};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A deterministic generator, so every run times the same texts.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn complaints(count: usize) -> Vec<String> {
    let sentences: Vec<&str> = include_str!("../triage/examples.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t').map(|(_, text)| text))
        .collect();
    let mut random = Random(0x5eed_2026_1128_0001);
    (0..count)
        .map(|_| {
            // Lengths skewed like real complaints: mostly short, some long.
            let roll = random.next() % 100;
            let length = match roll {
                0..=49 => 80 + random.next() % 220,
                50..=89 => 300 + random.next() % 400,
                _ => 700 + random.next() % 1300,
            } as usize;
            let mut text = String::new();
            while text.len() < length {
                text.push_str(sentences[(random.next() % sentences.len() as u64) as usize]);
                text.push_str(". ");
            }
            text
        })
        .collect()
}

fn now() -> f64 {
    web_sys::window().expect("a browser window").performance().expect("performance timing").now()
}

#[wasm_bindgen_test]
fn classify_a_thousand_complaints() {
    let model_bytes = include_bytes!("../triage/model.bin");
    let started = now();
    let model = Model::from_bytes(model_bytes).expect("the shipped model loads");
    let load_ms = now() - started;
    let routing = Config::from_json(include_str!("../config/bengkalis.json")).unwrap().triage.unwrap();
    let texts = complaints(1000);

    // The browser's clock is coarse (0.1 ms without cross-origin isolation), so
    // each text is classified 20 times and the mean of those is its time.
    const REPEAT: usize = 20;
    let mut times_us: Vec<f64> = Vec::with_capacity(texts.len());
    let mut answered = 0;
    for text in &texts {
        let start = now();
        for _ in 0..REPEAT {
            let suggestion = suggest(&model, &routing, text);
            answered += usize::from(suggestion.topic.is_some());
        }
        times_us.push((now() - start) * 1000.0 / REPEAT as f64);
    }
    times_us.sort_by(f64::total_cmp);
    let median = times_us[times_us.len() / 2];
    let p99 = times_us[times_us.len() * 99 / 100];
    let mean_chars = texts.iter().map(|t| t.chars().count()).sum::<usize>() / texts.len();
    console_log!(
        "triage benchmark: {} complaints (mean {} characters), median {:.0} µs, p99 {:.0} µs per classification; \
         model {} bytes raw, {} features, loaded in {:.1} ms",
        texts.len(),
        mean_chars,
        median,
        p99,
        model_bytes.len(),
        model.feature_count(),
        load_ms
    );
    assert_eq!(answered, texts.len() * REPEAT, "every text got a topic");
}
