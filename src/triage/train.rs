//! Training the triage model: multinomial logistic regression on TF-IDF
//! features, then pruning and one-byte quantisation.
//!
//! Part of the pure core, but native only (the widget never trains). Training is
//! deterministic: full-batch gradient descent with Adam, no random numbers, so
//! the same documents and options give the same bytes. Privacy rules from
//! `../shared/data/README.md` are enforced here: a feature is kept only if it
//! occurs in at least [`Options::min_complaints`] different complaints, and the
//! featurizer never produces a feature with a digit.

use std::collections::HashMap;

use super::Topic;
use super::features::Featurizer;
use super::model::{MAGIC, Writer, feature_hash};

/// One labelled text.
#[derive(Clone, Debug)]
pub struct Document {
    pub text: String,
    pub topic: Topic,
    /// How much this document counts (hand-written examples may count more).
    pub weight: f32,
}

/// Training settings. `Default` gives the shipped model's settings.
#[derive(Clone, Debug)]
pub struct Options {
    /// Keep a feature only if this many different documents contain it. Default 5.
    pub min_complaints: usize,
    /// L2 penalty. Default 1e-5 per document.
    pub l2: f32,
    /// Full-batch Adam steps. Default 300.
    pub steps: usize,
    /// Adam learning rate. Default 0.05.
    pub learning_rate: f32,
    /// Weights smaller than this fraction of the largest are dropped. Default 0.1.
    pub prune: f32,
    /// Keep at most this many features, the most useful first. Default 3500.
    pub max_features: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { min_complaints: 5, l2: 1e-5, steps: 300, learning_rate: 0.05, prune: 0.1, max_features: 3500 }
    }
}

/// What training made, with what it is worth knowing about it.
pub struct Trained {
    /// The model file's body (everything after the header).
    pub body: Vec<u8>,
    /// Features seen in enough complaints, before pruning.
    pub eligible_features: usize,
    pub kept_features: usize,
    pub kept_weights: usize,
}

/// A feature that survives pruning: its hash, its index in the vocabulary, and
/// its (class, weight) pairs.
type KeptFeature = (u32, usize, Vec<(u8, f32)>);

/// Trains on `documents` and returns the model body.
pub fn train(documents: &[Document], table: &str, options: &Options) -> Trained {
    let featurizer = Featurizer::from_table(table).expect("the trainer is given a valid normalisation table");
    let classes = Topic::ALL.len();

    let docs_features: Vec<Vec<String>> = documents.iter().map(|d| featurizer.features(&d.text)).collect();
    let (vocabulary, df) = vocabulary(&docs_features, options.min_complaints);
    let eligible_features = vocabulary.len();
    let index: HashMap<&str, usize> = vocabulary.iter().enumerate().map(|(i, f)| (f.as_str(), i)).collect();
    let n = documents.len() as f32;
    let idf: Vec<f32> = df.iter().map(|df| ((1.0 + n) / (1.0 + *df as f32)).ln() + 1.0).collect();

    // Sparse, L2-normalised TF-IDF rows.
    let rows: Vec<Vec<(usize, f32)>> = docs_features
        .iter()
        .map(|features| {
            let mut counts: HashMap<usize, u32> = HashMap::new();
            for feature in features {
                if let Some(&i) = index.get(feature.as_str()) {
                    *counts.entry(i).or_default() += 1;
                }
            }
            let mut row: Vec<(usize, f32)> =
                counts.into_iter().map(|(i, tf)| (i, (1.0 + (tf as f32).ln()) * idf[i])).collect();
            row.sort_unstable_by_key(|(i, _)| *i);
            let norm = row.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
            if norm > 0.0 {
                for (_, v) in &mut row {
                    *v /= norm;
                }
            }
            row
        })
        .collect();

    // Class weights: rarer topics count more, by the square root of their rarity.
    let mut per_class = vec![0f32; classes];
    for d in documents {
        per_class[d.topic.index()] += d.weight;
    }
    let total: f32 = per_class.iter().sum();
    let present = per_class.iter().filter(|c| **c > 0.0).count().max(1) as f32;
    let class_weight: Vec<f32> =
        per_class.iter().map(|c| if *c > 0.0 { (total / (present * c)).sqrt().min(5.0) } else { 0.0 }).collect();

    let features = vocabulary.len();
    let mut w = vec![0f32; features * classes];
    let mut b = vec![0f32; classes];
    let (mut mw, mut vw) = (vec![0f32; w.len()], vec![0f32; w.len()]);
    let (mut mb, mut vb) = (vec![0f32; classes], vec![0f32; classes]);
    let (beta1, beta2, epsilon) = (0.9f32, 0.999f32, 1e-8f32);
    let mut gw = vec![0f32; w.len()];
    let mut gb = vec![0f32; classes];
    let weight_sum: f32 = documents.iter().map(|d| d.weight * class_weight[d.topic.index()]).sum();
    for step in 1..=options.steps {
        gw.iter_mut().for_each(|g| *g = 0.0);
        gb.iter_mut().for_each(|g| *g = 0.0);
        let mut logits = vec![0f32; classes];
        for (row, doc) in rows.iter().zip(documents) {
            logits.copy_from_slice(&b);
            for (i, x) in row {
                let weights = &w[i * classes..(i + 1) * classes];
                for (l, wc) in logits.iter_mut().zip(weights) {
                    *l += wc * x;
                }
            }
            let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let mut sum = 0.0;
            for l in &mut logits {
                *l = (*l - max).exp();
                sum += *l;
            }
            let scale = doc.weight * class_weight[doc.topic.index()] / weight_sum;
            for (c, p) in logits.iter_mut().enumerate() {
                *p /= sum;
                let error = (*p - if c == doc.topic.index() { 1.0 } else { 0.0 }) * scale;
                gb[c] += error;
                *p = error;
            }
            for (i, x) in row {
                let grads = &mut gw[i * classes..(i + 1) * classes];
                for (g, e) in grads.iter_mut().zip(&logits) {
                    *g += e * x;
                }
            }
        }
        let lr = options.learning_rate;
        let (c1, c2) = (1.0 - beta1.powi(step as i32), 1.0 - beta2.powi(step as i32));
        for k in 0..w.len() {
            let g = gw[k] + options.l2 * w[k];
            mw[k] = beta1 * mw[k] + (1.0 - beta1) * g;
            vw[k] = beta2 * vw[k] + (1.0 - beta2) * g * g;
            w[k] -= lr * (mw[k] / c1) / ((vw[k] / c2).sqrt() + epsilon);
        }
        for c in 0..classes {
            mb[c] = beta1 * mb[c] + (1.0 - beta1) * gb[c];
            vb[c] = beta2 * vb[c] + (1.0 - beta2) * gb[c] * gb[c];
            b[c] -= lr * (mb[c] / c1) / ((vb[c] / c2).sqrt() + epsilon);
        }
    }

    // Prune: drop small weights, then keep the features whose weights matter most.
    let largest = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-6);
    let threshold = largest * options.prune;
    let mut kept: Vec<KeptFeature> = (0..features)
        .filter_map(|i| {
            let weights: Vec<(u8, f32)> = (0..classes)
                .filter(|c| w[i * classes + c].abs() >= threshold)
                .map(|c| (c as u8, w[i * classes + c]))
                .collect();
            (!weights.is_empty()).then(|| (feature_hash(&vocabulary[i]), i, weights))
        })
        .collect();
    kept.sort_by(|a, b| {
        let strength = |x: &KeptFeature| x.2.iter().map(|(_, w)| w.abs()).fold(0f32, f32::max);
        strength(b).total_cmp(&strength(a)).then(a.0.cmp(&b.0))
    });
    kept.truncate(options.max_features);
    kept.sort_by_key(|(hash, _, _)| *hash);
    // Two features with the same hash would share a slot: keep the stronger, already first.
    kept.dedup_by_key(|(hash, _, _)| *hash);

    let scale = largest / 127.0;
    let idf_max = idf.iter().copied().fold(1f32, f32::max);
    let idf_step = idf_max / 255.0;
    let mut out = Writer { out: Vec::new() };
    out.varint(classes as u32);
    for topic in Topic::ALL {
        out.text(topic.code());
    }
    out.text(table);
    out.f32(scale);
    out.f32(idf_step);
    for bias in &b {
        out.f32(*bias);
    }
    out.varint(kept.len() as u32);
    let mut previous = 0u32;
    let mut kept_weights = 0;
    for (hash, i, weights) in &kept {
        out.varint(hash.wrapping_sub(previous));
        previous = *hash;
        out.out.push((idf[*i] / idf_step).round().clamp(1.0, 255.0) as u8);
        out.out.push(weights.len() as u8);
        for (class, weight) in weights {
            out.out.push(*class);
            out.out.push((weight / scale).round().clamp(-127.0, 127.0) as i8 as u8);
        }
        kept_weights += weights.len();
    }
    Trained { body: out.out, eligible_features, kept_features: kept.len(), kept_weights }
}

/// The features that may be learnt, sorted, with how many documents contain
/// each: those in at least `min_complaints` documents, and never one with a
/// digit (the featurizer makes none; this is the second lock on the door).
pub fn vocabulary(docs_features: &[Vec<String>], min_complaints: usize) -> (Vec<String>, Vec<usize>) {
    let mut df: HashMap<&str, usize> = HashMap::new();
    for features in docs_features {
        let mut unique: Vec<&str> = features.iter().map(String::as_str).collect();
        unique.sort_unstable();
        unique.dedup();
        for feature in unique {
            *df.entry(feature).or_default() += 1;
        }
    }
    let mut kept: Vec<(&str, usize)> = df
        .into_iter()
        .filter(|(feature, n)| *n >= min_complaints && !feature.contains(|c: char| c.is_ascii_digit()))
        .collect();
    kept.sort_unstable();
    kept.into_iter().map(|(feature, n)| (feature.to_owned(), n)).unzip()
}

/// The text header that starts a model file: what made it and from what. The
/// `model` line names it in payloads; `provenance` lines go in as they are.
pub fn header(model_id: &str, provenance: &[String]) -> String {
    let mut header =
        format!("{MAGIC}\n# DO NOT EDIT: made by the command below; retrain instead.\n# model: {model_id}\n");
    for line in provenance {
        header.push_str("# ");
        header.push_str(line);
        header.push('\n');
    }
    header.push('\n');
    header
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Model;

    /// Ten short complaints per topic, written for this test.
    fn documents() -> Vec<Document> {
        let mut docs = Vec::new();
        let texts: [(&str, Topic); 3] = [
            ("sampah menumpuk belum diangkut bau", Topic::Waste),
            ("lampu jalan mati gelap malam", Topic::StreetLighting),
            ("jalan berlubang rusak parah aspal", Topic::RoadsBridges),
        ];
        for (text, topic) in texts {
            for i in 0..10 {
                let place = ["gang mawar", "dusun satu", "pasar lama", "simpang tiga", "dekat sekolah"][i % 5];
                docs.push(Document { text: format!("{text} di {place}"), topic, weight: 1.0 });
            }
        }
        docs
    }

    fn tiny_options() -> Options {
        Options { steps: 120, ..Options::default() }
    }

    #[test]
    fn training_learns_the_topics_it_is_shown() {
        let trained = train(&documents(), "di\t\n", &tiny_options());
        let mut file = header("aduan-triage test", &[]).into_bytes();
        file.extend(&trained.body);
        let model = Model::from_bytes(&file).unwrap();
        for (text, topic) in [
            ("Sampah sudah seminggu belum diangkut", Topic::Waste),
            ("Lampu jalan mati", Topic::StreetLighting),
            ("Jalan berlubang besar", Topic::RoadsBridges),
        ] {
            assert_eq!(model.score(text).ranking()[0].0, topic, "{text}");
        }
    }

    #[test]
    fn training_twice_gives_the_same_bytes() {
        let a = train(&documents(), "di\t\n", &tiny_options()).body;
        let b = train(&documents(), "di\t\n", &tiny_options()).body;
        assert_eq!(a, b);
    }

    #[test]
    fn features_from_fewer_than_five_complaints_are_not_kept() {
        let featurizer = Featurizer::from_table("di\t\n").unwrap();
        let mut docs = documents();
        // A name in four complaints must not become a feature; a digit never does.
        for doc in docs.iter_mut().take(4) {
            doc.text.push_str(" sulaiman");
        }
        let features: Vec<Vec<String>> = docs.iter().map(|d| featurizer.features(&d.text)).collect();
        let (vocabulary, df) = vocabulary(&features, 5);
        assert!(!vocabulary.iter().any(|f| f.contains("sulaiman")), "the name was kept");
        let place = vocabulary.iter().position(|f| f == "pasar lama").expect("a place in six complaints is kept");
        assert_eq!(df[place], 6);
        let handmade = vec![vec!["rt05".to_owned()]; 9];
        assert!(vocabulary_of(&handmade).is_empty(), "a digit is never a feature");
    }

    fn vocabulary_of(features: &[Vec<String>]) -> Vec<String> {
        vocabulary(features, 5).0
    }
}
