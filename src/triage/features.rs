//! The featurizer: from what a citizen typed to the words and word pairs the
//! model weighs.
//!
//! Part of the pure core, shared by training and inference so both see exactly
//! the same features. Indonesian complaints arrive in many spellings: `yg`,
//! `tdk`, `jln`, `dgn`; Riau Malay `tak`, `dah`, `nak`; English `garbage`,
//! `pothole`. A normalisation table (shipped inside the model, written in
//! `triage/normalize.tsv`) maps each to one standard Indonesian form, drops
//! words that carry no topic (`yang`, `di`, `mohon`), and may expand one word
//! into several (`pju` → `lampu jalan`). Digits never become features: they
//! are where phone numbers, NIKs and house numbers hide.

/// Words longer than this are noise (pasted links, keyboard mashing).
const LONGEST_WORD: usize = 24;

/// How to tokenise: the normalisation table, read once.
#[derive(Clone, Debug, Default)]
pub struct Featurizer {
    /// Word → its standard form(s), sorted by word for binary search; an empty
    /// list marks a stop word. (A sorted list rather than a hash map: it needs
    /// no hashing code in the widget.)
    replace: Vec<(String, Vec<String>)>,
}

/// A problem in the normalisation table, with its line number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub line: usize,
    pub problem: &'static str,
}

impl Featurizer {
    /// Reads a table of `word<TAB>standard form` lines; `#` starts a comment and
    /// an empty standard form drops the word.
    ///
    /// # Example
    /// ```
    /// use aduan::triage::Featurizer;
    /// let featurizer = Featurizer::from_table("yg\tyang\nyang\t\njln\tjalan\npju\tlampu jalan\n").unwrap();
    /// assert_eq!(featurizer.words("PJU di jln yg rusak!!"), ["lampu", "jalan", "di", "jalan", "yang", "rusak"]);
    /// ```
    pub fn from_table(table: &str) -> Result<Self, TableError> {
        let mut replace: Vec<(String, Vec<String>)> = Vec::new();
        for (index, line) in table.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let error = |problem| TableError { line: index + 1, problem };
            let (from, to) = line.split_once('\t').ok_or(error("expected `word<TAB>standard form`"))?;
            let from = from.trim();
            if from.is_empty() || !from.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(error("the word must be lowercase letters a-z"));
            }
            let to: Vec<String> = to.split_whitespace().map(str::to_owned).collect();
            if to.iter().any(|word| !word.bytes().all(|b| b.is_ascii_lowercase())) {
                return Err(error("the standard form must be lowercase words a-z"));
            }
            match replace.binary_search_by(|(word, _)| word.as_str().cmp(from)) {
                Ok(_) => return Err(error("the word appears twice")),
                Err(at) => replace.insert(at, (from.to_owned(), to)),
            }
        }
        Ok(Self { replace })
    }

    fn standard(&self, word: &str) -> Option<&Vec<String>> {
        self.replace.binary_search_by(|(w, _)| w.as_str().cmp(word)).ok().map(|at| &self.replace[at].1)
    }

    /// The text as standard words, in order, stop words kept (the emergency
    /// and kind detectors need "tolong" and "apakah").
    pub fn words(&self, text: &str) -> Vec<String> {
        self.sourced_words(text).into_iter().map(|(standard, _)| standard).collect()
    }

    /// Each standard word with the word as the citizen typed it, so a
    /// suggestion can quote the citizen ("sdh", not "sudah").
    fn sourced_words<'t>(&self, text: &'t str) -> Vec<(String, &'t str)> {
        let mut words: Vec<(String, &str)> = Vec::new();
        for (typed, raw) in raw_words(text) {
            let word = strip_particle(&raw);
            match self.standard(word).or_else(|| self.standard(&raw)) {
                Some(standard) if standard.is_empty() => words.push((word.to_owned(), typed)),
                Some(standard) => words.extend(standard.iter().map(|s| (s.clone(), typed))),
                None => words.push((word.to_owned(), typed)),
            }
        }
        // "anak-anak", "jalan jalan": a repeated word says nothing twice.
        words.dedup_by(|a, b| a.0 == b.0);
        words
    }

    /// Whether `word` (a standard form) carries no topic and is left out of features.
    pub fn is_stop_word(&self, word: &str) -> bool {
        self.standard(word).is_some_and(Vec::is_empty)
    }

    /// The features of a text: its content words, and each pair of neighbouring
    /// content words as `"first second"`.
    ///
    /// # Example
    /// ```
    /// use aduan::triage::Featurizer;
    /// let featurizer = Featurizer::from_table("yang\t\ndi\t\n").unwrap();
    /// assert_eq!(featurizer.features("Lampu jalan di gang 3 yang mati"), ["lampu", "jalan", "gang", "mati", "lampu jalan", "jalan gang", "gang mati"]);
    /// ```
    pub fn features(&self, text: &str) -> Vec<String> {
        self.features_as_typed(text).into_iter().map(|(feature, _)| feature).collect()
    }

    /// The features, each with the words the citizen typed for it.
    ///
    /// # Example
    /// ```
    /// use aduan::triage::Featurizer;
    /// let featurizer = Featurizer::from_table("sdh\tsudah\nsudah\t\npju\tlampu jalan\n").unwrap();
    /// let features = featurizer.features_as_typed("PJU sdh mati");
    /// assert!(features.contains(&("lampu jalan".to_owned(), "pju".to_owned())));
    /// assert!(features.contains(&("jalan mati".to_owned(), "pju mati".to_owned())));
    /// ```
    pub fn features_as_typed(&self, text: &str) -> Vec<(String, String)> {
        let content: Vec<(String, &str)> =
            self.sourced_words(text).into_iter().filter(|(word, _)| !self.is_stop_word(word)).collect();
        let pairs: Vec<(String, String)> = content
            .windows(2)
            .map(|pair| {
                let typed = if pair[0].1 == pair[1].1 {
                    pair[0].1.to_ascii_lowercase()
                } else {
                    format!("{} {}", pair[0].1, pair[1].1).to_ascii_lowercase()
                };
                (format!("{} {}", pair[0].0, pair[1].0), typed)
            })
            .collect();
        let mut features: Vec<(String, String)> =
            content.into_iter().map(|(word, typed)| (word, typed.to_owned())).collect();
        // Quoted mid-sentence, so lowercase: "Karena Anda menulis: “pju”".
        for (_, typed) in &mut features {
            typed.make_ascii_lowercase();
        }
        features.extend(pairs);
        features
    }
}

/// Runs of ASCII letters as typed, each with its lowercase form with stretched
/// letters squeezed ("tolonggg" → "tolong"); split at everything else (digits,
/// punctuation, other scripts).
fn raw_words(text: &str) -> impl Iterator<Item = (&str, String)> + '_ {
    text.split(|c: char| !c.is_ascii_alphabetic()).filter_map(|piece| {
        if piece.is_empty() || piece.len() > LONGEST_WORD {
            return None;
        }
        let mut word = String::with_capacity(piece.len());
        let mut run = 0;
        let mut last = '\0';
        for c in piece.chars().map(|c| c.to_ascii_lowercase()) {
            run = if c == last { run + 1 } else { 1 };
            last = c;
            // Three or more of the same letter is emphasis, not spelling.
            if run <= 2 {
                word.push(c);
            }
        }
        if word.len() >= 3 && word.as_bytes()[word.len() - 1] == word.as_bytes()[word.len() - 2] && run > 2 {
            word.pop();
        }
        (word.len() >= 2).then_some((piece, word))
    })
}

/// Removes the particles Indonesian glues onto words (-nya, -lah, -kah, -pun)
/// when enough of the word is left to still be one.
fn strip_particle(word: &str) -> &str {
    for particle in ["nya", "lah", "kah", "pun"] {
        if let Some(stem) = word.strip_suffix(particle)
            && stem.len() >= 4
        {
            return stem;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    fn featurizer() -> Featurizer {
        Featurizer::from_table(include_str!("../../triage/normalize.tsv")).expect("the shipped table is valid")
    }

    #[test]
    fn slang_riau_malay_and_english_become_standard_words() {
        let f = featurizer();
        let cases: &[(&str, &[&str])] = &[
            ("jln rusak yg parah", &["jalan", "rusak", "yang", "parah"]),
            ("sdh 2 mgg tdk diangkut", &["sudah", "minggu", "tidak", "diangkut"]),
            ("air tak mengalir dah seminggu", &["air", "tidak", "mengalir", "sudah", "seminggu"]),
            ("sy nak tanya", &["saya", "mau", "tanya"]),
            ("gak ada lampu", &["tidak", "ada", "lampu"]),
            ("The garbage has not been collected", &["the", "sampah", "has", "not", "been", "diangkut"]),
            ("pothole on the road", &["lubang", "on", "the", "jalan"]),
        ];
        for (text, want) in cases {
            assert_eq!(f.words(text), *want, "{text}");
        }
    }

    #[test]
    fn particles_come_off_only_when_a_word_is_left() {
        assert_eq!(strip_particle("jalannya"), "jalan");
        assert_eq!(strip_particle("rusaklah"), "rusak");
        assert_eq!(strip_particle("apakah"), "apakah", "apa is too short to be a stem here");
        assert_eq!(strip_particle("tanya"), "tanya");
        assert_eq!(strip_particle("punya"), "punya");
    }

    #[test]
    fn digits_punctuation_and_other_scripts_never_become_features() {
        let f = featurizer();
        let features = f.features("RT05/RW02 no.17, hubungi 081234567890 atau NIK 1403011203850002 — شكوى 💡");
        assert!(features.iter().all(|feature| !feature.contains(|c: char| c.is_ascii_digit())), "{features:?}");
        assert!(
            features.iter().all(|feature| feature.chars().all(|c| c.is_ascii_lowercase() || c == ' ')),
            "{features:?}"
        );
    }

    #[test]
    fn stretched_letters_and_repeated_words_are_squeezed() {
        let f = featurizer();
        assert_eq!(f.words("tolongggg sampahhh"), ["tolong", "sampah"]);
        assert_eq!(f.words("anak-anak"), ["anak"]);
        assert_eq!(f.words("ok"), ["ok"]);
    }

    #[test]
    fn features_are_content_words_and_their_neighbours() {
        let f = featurizer();
        let features = f.features("Mohon lampu jalan di depan masjid diperbaiki");
        for expected in ["lampu", "jalan", "masjid", "lampu jalan", "jalan depan"] {
            assert!(features.contains(&expected.to_owned()), "{expected} in {features:?}");
        }
        assert!(!features.contains(&"mohon".to_owned()), "stop words are not features");
    }

    #[test]
    fn empty_and_hostile_input_gives_no_features_without_panicking() {
        let f = featurizer();
        for text in ["", "   \n\t", "12345 678", "!!!???", "شكوى عن الطريق", "\u{0}\u{1}"] {
            assert!(f.features(text).is_empty(), "{text:?}");
        }
        let huge = "sampah menumpuk di jalan ".repeat(45_000);
        assert!(huge.len() > 1_000_000);
        assert!(!f.features(&huge).is_empty());
    }

    #[test]
    fn a_bad_table_is_refused_with_its_line() {
        assert_eq!(Featurizer::from_table("ok\tbaik\nJLN\tjalan").unwrap_err().line, 2);
        assert_eq!(Featurizer::from_table("a\tb\na\tc").unwrap_err().problem, "the word appears twice");
        assert!(Featurizer::from_table("no tab here").is_err());
        assert!(Featurizer::from_table("ok\tBaik").is_err());
    }
}
