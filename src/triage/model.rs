//! The triage model: a linear classifier over hashed word features, stored in a
//! compact file the widget downloads after the form is on screen.
//!
//! Part of the pure core. The file starts with a text header (what made it, from
//! which data, and a "do not edit" line), then a binary body: the normalisation
//! table for the [`Featurizer`], per-class biases, and for each feature its
//! hash, its inverse document frequency and its non-zero weights, quantised to
//! one byte. Features are stored as hashes, not words: the model cannot be read
//! back into the complaints it learnt from, and it only holds features seen in
//! at least five different complaints, none with a digit (see `train`).

use super::Topic;
use super::features::Featurizer;

/// The first line of every model file.
pub const MAGIC: &str = "ADUAN-TRIAGE 1";

/// A loaded model.
#[derive(Clone, Debug)]
pub struct Model {
    featurizer: Featurizer,
    /// One line identifying the model (the header's `model:` line).
    id: String,
    bias: Vec<f32>,
    /// Feature hashes, ascending, for binary search.
    hashes: Vec<u32>,
    /// Per feature: its idf and where its weights start in `weights`.
    idf: Vec<f32>,
    starts: Vec<u32>,
    /// (class, weight) pairs of all features, back to back.
    weights: Vec<(u8, f32)>,
}

/// Why a model file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    NotAModel,
    Truncated,
    BadTable(usize),
    WrongClasses,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not an Aduan triage model (it must start with {MAGIC:?})"),
            ModelError::Truncated => write!(f, "the model file is cut short"),
            ModelError::BadTable(line) => write!(f, "the model's normalisation table is invalid at line {line}"),
            ModelError::WrongClasses => write!(f, "the model was made for another list of topics"),
        }
    }
}

impl std::error::Error for ModelError {}

/// The class scores for one text, before routing.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    /// Probability of each topic, in [`Topic::ALL`] order; sums to 1, or all
    /// zero when the text had no known feature.
    pub probabilities: Vec<f32>,
    /// The known features of the text, as the citizen typed them, with their
    /// weight towards each topic (for explaining a suggestion).
    pub evidence: Vec<(String, Vec<(u8, f32)>)>,
}

impl Scores {
    /// Topics by descending probability.
    pub fn ranking(&self) -> Vec<(Topic, f32)> {
        let mut ranked: Vec<(Topic, f32)> =
            Topic::ALL.iter().zip(&self.probabilities).map(|(topic, p)| (*topic, *p)).collect();
        crate::order::sort_by(&mut ranked, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// The features that pushed hardest towards `topic`, strongest first, in
    /// the citizen's own words.
    pub fn reasons(&self, topic: Topic, how_many: usize) -> Vec<String> {
        let class = topic.index() as u8;
        let mut pushes: Vec<(&str, f32)> = self
            .evidence
            .iter()
            .filter_map(|(feature, weights)| {
                weights.iter().find(|(c, _)| *c == class).map(|(_, w)| (feature.as_str(), *w)).filter(|(_, w)| *w > 0.0)
            })
            .collect();
        crate::order::sort_by(&mut pushes, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let mut words: Vec<String> = Vec::new();
        for (feature, _) in pushes {
            // A pair and its own words say the same thing: keep whichever came first.
            let covered = words.iter().any(|w| w.contains(feature) || feature.contains(w.as_str()));
            if !covered {
                words.push(feature.to_owned());
            }
            if words.len() == how_many {
                break;
            }
        }
        words
    }
}

/// FNV-1a, 32 bits: how a feature becomes the number the model stores.
pub fn feature_hash(feature: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in feature.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

impl Model {
    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let text_end = bytes.windows(2).position(|w| w == b"\n\n").ok_or(ModelError::NotAModel)?;
        let header = std::str::from_utf8(&bytes[..text_end]).map_err(|_| ModelError::NotAModel)?;
        if !header.starts_with(MAGIC) {
            return Err(ModelError::NotAModel);
        }
        let id = header.lines().find_map(|line| line.strip_prefix("# model: ")).unwrap_or("unnamed").to_owned();
        let mut body = Reader { bytes: &bytes[text_end + 2..], at: 0 };

        let classes = body.varint()? as usize;
        if classes != Topic::ALL.len() {
            return Err(ModelError::WrongClasses);
        }
        for topic in Topic::ALL {
            if body.text()? != topic.code() {
                return Err(ModelError::WrongClasses);
            }
        }
        let table = body.text()?;
        let featurizer = Featurizer::from_table(table).map_err(|e| ModelError::BadTable(e.line))?;
        let scale = body.f32()?;
        let idf_step = body.f32()?;
        let bias = (0..classes).map(|_| body.f32()).collect::<Result<Vec<_>, _>>()?;

        let count = body.varint()? as usize;
        let mut hashes = Vec::with_capacity(count);
        let mut idf = Vec::with_capacity(count);
        let mut starts = Vec::with_capacity(count + 1);
        let mut weights = Vec::new();
        let mut hash = 0u32;
        for _ in 0..count {
            hash = hash.wrapping_add(body.varint()?);
            hashes.push(hash);
            idf.push(f32::from(body.byte()?) * idf_step);
            starts.push(weights.len() as u32);
            let n = body.byte()?;
            for _ in 0..n {
                let class = body.byte()?;
                let weight = body.byte()? as i8;
                if usize::from(class) >= classes {
                    return Err(ModelError::WrongClasses);
                }
                weights.push((class, f32::from(weight) * scale));
            }
        }
        starts.push(weights.len() as u32);
        Ok(Model { featurizer, id, bias, hashes, idf, starts, weights })
    }

    /// The model's one-line identity, e.g. `aduan-triage 2026-11-28 3f2a9c1e`.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn featurizer(&self) -> &Featurizer {
        &self.featurizer
    }

    /// How many features the model keeps.
    pub fn feature_count(&self) -> usize {
        self.hashes.len()
    }

    /// Scores a text. Counts repeated features with a sublinear weight and
    /// normalises the vector, as training did.
    pub fn score(&self, text: &str) -> Scores {
        // Each known feature with the citizen's own words for it, for explaining.
        let mut known: Vec<(usize, String)> = self
            .featurizer
            .features_as_typed(text)
            .into_iter()
            .filter_map(|(feature, typed)| {
                self.hashes.binary_search(&feature_hash(&feature)).ok().map(|index| (index, typed))
            })
            .collect();
        crate::order::sort_by_key(&mut known, |(index, _)| *index);
        let mut counts: Vec<(String, usize, u32)> = Vec::new();
        for (index, feature) in known {
            match counts.last_mut() {
                Some(last) if last.1 == index => last.2 += 1,
                _ => counts.push((feature, index, 1)),
            }
        }
        let values: Vec<f32> =
            counts.iter().map(|(_, index, tf)| (1.0 + (*tf as f32).ln()) * self.idf[*index]).collect();
        let norm = values.iter().map(|v| v * v).sum::<f32>().sqrt();
        if counts.is_empty() || norm == 0.0 {
            return Scores { probabilities: vec![0.0; self.bias.len()], evidence: Vec::new() };
        }
        let mut logits = self.bias.clone();
        let mut evidence = Vec::with_capacity(counts.len());
        for ((feature, index, _), value) in counts.into_iter().zip(values) {
            let x = value / norm;
            let range = self.starts[index] as usize..self.starts[index + 1] as usize;
            let pushes: Vec<(u8, f32)> = self.weights[range].iter().map(|(class, w)| (*class, w * x)).collect();
            for (class, push) in &pushes {
                logits[usize::from(*class)] += push;
            }
            evidence.push((feature, pushes));
        }
        Scores { probabilities: softmax(&logits), evidence }
    }
}

fn softmax(logits: &[f32]) -> Vec<f32> {
    let max = logits.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = logits.iter().map(|l| (l - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter().map(|e| e / sum).collect()
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, ModelError> {
        let byte = *self.bytes.get(self.at).ok_or(ModelError::Truncated)?;
        self.at += 1;
        Ok(byte)
    }

    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let byte = self.byte()?;
            value |= u32::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(value);
            }
        }
        Err(ModelError::NotAModel)
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        let bytes = self.bytes.get(self.at..self.at + 4).ok_or(ModelError::Truncated)?;
        self.at += 4;
        Ok(f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn text(&mut self) -> Result<&str, ModelError> {
        let len = self.varint()? as usize;
        let bytes = self.bytes.get(self.at..self.at + len).ok_or(ModelError::Truncated)?;
        self.at += len;
        std::str::from_utf8(bytes).map_err(|_| ModelError::NotAModel)
    }
}

/// Writes the binary body of a model; the trainer prepends the header.
pub struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    pub fn varint(&mut self, mut value: u32) {
        while value >= 0x80 {
            self.out.push((value as u8) | 0x80);
            value >>= 7;
        }
        self.out.push(value as u8);
    }

    pub fn f32(&mut self, value: f32) {
        self.out.extend_from_slice(&value.to_le_bytes());
    }

    pub fn text(&mut self, text: &str) {
        self.varint(text.len() as u32);
        self.out.extend_from_slice(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A hand-made model: two features, "sampah" towards waste and "lampu"
    /// towards street lighting.
    fn tiny_model() -> Vec<u8> {
        let mut body = Writer { out: Vec::new() };
        body.varint(Topic::ALL.len() as u32);
        for topic in Topic::ALL {
            body.text(topic.code());
        }
        body.text("di\t\n");
        body.f32(0.1); // weight scale
        body.f32(0.05); // idf step
        for _ in Topic::ALL {
            body.f32(0.0);
        }
        let mut features = [(feature_hash("sampah"), Topic::Waste), (feature_hash("lampu"), Topic::StreetLighting)];
        features.sort();
        body.varint(2);
        let mut previous = 0u32;
        for (hash, topic) in features {
            body.varint(hash.wrapping_sub(previous));
            previous = hash;
            body.out.push(40); // idf 2.0
            body.out.push(1);
            body.out.push(topic.index() as u8);
            body.out.push(100); // weight 10.0
        }
        let mut file = format!("{MAGIC}\n# model: tiny\n\n").into_bytes();
        file.extend(body.out);
        file
    }

    #[test]
    fn a_model_scores_by_its_features_and_explains_why() {
        let model = Model::from_bytes(&tiny_model()).unwrap();
        assert_eq!(model.id(), "tiny");
        assert_eq!(model.feature_count(), 2);
        let scores = model.score("Sampah di gang belum diangkut");
        let (top, p) = scores.ranking()[0];
        assert_eq!(top, Topic::Waste);
        assert!(p > 0.9, "{p}");
        assert_eq!(scores.reasons(Topic::Waste, 3), ["sampah"]);
        assert!((scores.probabilities.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }

    #[test]
    fn a_text_with_no_known_feature_scores_nothing() {
        let model = Model::from_bytes(&tiny_model()).unwrap();
        for text in ["", "   ", "Selamat pagi", "12345", "شكوى"] {
            let scores = model.score(text);
            assert!(scores.probabilities.iter().all(|p| *p == 0.0), "{text:?}");
            assert!(scores.evidence.is_empty());
        }
    }

    #[test]
    fn broken_files_are_refused_not_trusted() {
        let good = tiny_model();
        assert_eq!(Model::from_bytes(b"hello\n\nworld").unwrap_err(), ModelError::NotAModel);
        assert_eq!(Model::from_bytes(b"").unwrap_err(), ModelError::NotAModel);
        for cut in [good.len() - 1, good.len() / 2, 40] {
            assert!(Model::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
        }
    }

    #[test]
    fn the_shipped_model_loads_and_knows_the_topics() {
        let model = Model::from_bytes(include_bytes!("../../triage/model.bin")).unwrap();
        assert!(model.feature_count() > 500);
        assert!(model.id().starts_with("aduan-triage"));
    }

    #[test]
    fn hashing_is_fnv1a() {
        assert_eq!(feature_hash(""), 0x811c_9dc5);
        assert_eq!(feature_hash("a"), 0xe40c_292c);
    }
}
