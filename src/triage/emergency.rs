//! The emergency detector: danger happening now, for which a phone call beats a
//! form.
//!
//! Part of the pure core. Rules, not the model: a danger word ("kebakaran",
//! "tenggelam", "dibacok") counts only with a sign that it is happening now
//! ("sedang", "tolong", "sekarang", someone trapped), and not with a sign that it
//! is past, feared or about prevention ("kemarin", "rawan", "bekas", "hidran").
//! A false alarm costs a citizen a glance at a phone number; a missed one can
//! cost a life, but the form is never blocked either way.

/// What kind of help a danger calls for; each has its own number besides 112.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Danger {
    /// A fire spreading: 113 (Damkar).
    Fire,
    /// People trapped by flood or debris, drowning, lost at sea: 115 (SAR).
    Rescue,
    /// Someone injured or collapsed: 119 (ambulance).
    Medical,
    /// Someone being hurt, robbed or threatened: 110 (police).
    Violence,
    /// A serious road accident: 119 first, and 110.
    Accident,
}

impl Danger {
    /// The name used on the wire and in the CLI.
    pub fn code(self) -> &'static str {
        match self {
            Danger::Fire => "fire",
            Danger::Rescue => "rescue",
            Danger::Medical => "medical",
            Danger::Violence => "violence",
            Danger::Accident => "accident",
        }
    }
}

/// An emergency, and the words that raised it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Emergency {
    pub danger: Danger,
    pub cues: Vec<String>,
}

/// Danger words (standard forms from the featurizer), each with its kind.
/// A `+` joins words that must stand next to each other.
const DANGERS: &[(&str, Danger)] = &[
    ("kebakaran", Danger::Fire),
    ("terbakar", Danger::Fire),
    ("api+membesar", Danger::Fire),
    ("api+menjalar", Danger::Fire),
    ("api+merambat", Danger::Fire),
    ("terjebak", Danger::Rescue),
    ("terperangkap", Danger::Rescue),
    ("tertimbun", Danger::Rescue),
    ("terjepit", Danger::Rescue),
    ("tenggelam", Danger::Rescue),
    ("hanyut", Danger::Rescue),
    ("terseret+arus", Danger::Rescue),
    ("hilang+di+laut", Danger::Rescue),
    ("pingsan", Danger::Medical),
    ("tidak+sadarkan", Danger::Medical),
    ("tidak+sadar", Danger::Medical),
    ("sesak+napas", Danger::Medical),
    ("sesak+nafas", Danger::Medical),
    ("kejang", Danger::Medical),
    ("serangan+jantung", Danger::Medical),
    ("pendarahan", Danger::Medical),
    ("perdarahan", Danger::Medical),
    ("dipukul", Danger::Violence),
    ("dipukuli", Danger::Violence),
    ("dianiaya", Danger::Violence),
    ("ditusuk", Danger::Violence),
    ("dibacok", Danger::Violence),
    ("dirampok", Danger::Violence),
    ("perampokan", Danger::Violence),
    ("dibegal", Danger::Violence),
    ("begal", Danger::Violence),
    ("diserang", Danger::Violence),
    ("mengamuk", Danger::Violence),
    ("dicekik", Danger::Violence),
    ("kdrt", Danger::Violence),
    ("disandera", Danger::Violence),
    ("kecelakaan", Danger::Accident),
    ("tabrakan", Danger::Accident),
    ("tertabrak", Danger::Accident),
    ("ditabrak", Danger::Accident),
];

/// Signs that it is happening now, or that help is wanted now.
const NOW: &[&str] = &[
    "sekarang",
    "sedang",
    "lagi+terjadi",
    "saat+ini",
    "barusan",
    "baru+saja",
    "masih+berlangsung",
    "tolong",
    "cepat",
    "darurat",
    "help",
    "sos",
    "korban",
    "berdarah",
    "terluka",
    "luka+parah",
    "tergeletak",
    "membesar",
    "menjalar",
    "merambat",
    "terjebak",
    "tenggelam",
    "hanyut",
];

/// Signs that it is past, feared, hypothetical or about prevention.
const NOT_NOW: &[&str] = &[
    "kemarin",
    "lalu",
    "dulu",
    "pernah",
    "bekas",
    "pasca",
    "sisa",
    "rawan",
    "sering",
    "berpotensi",
    "potensi",
    "khawatir",
    "takut",
    "bahaya+jika",
    "bisa+menyebabkan",
    "dapat+menyebabkan",
    "menyebabkan",
    "mencegah",
    "pencegahan",
    "antisipasi",
    "hidran",
    "apar",
    "sosialisasi",
    "simulasi",
    "pelatihan",
    "izin",
    "santunan",
    "asuransi",
    "klaim",
    "laporan",
    "surat",
    "rumah+sakit",
    "rs",
    "rsud",
    "puskesmas",
    "bpjs",
    "bantuan",
    "data",
    "tahun",
    "bulan",
    "minggu",
];

/// Looks for danger happening now in `words` (standard forms, stop words kept).
///
/// # Example
/// ```
/// use aduan::triage::{Danger, detect_emergency};
/// let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// assert_eq!(detect_emergency(&words("tolong rumah tetangga kebakaran api membesar")).unwrap().danger, Danger::Fire);
/// assert!(detect_emergency(&words("bekas kebakaran tahun lalu belum dibersihkan")).is_none());
/// ```
pub fn detect_emergency(words: &[String]) -> Option<Emergency> {
    let danger = DANGERS.iter().find(|(pattern, _)| contains(words, pattern))?;
    if NOT_NOW.iter().any(|pattern| contains(words, pattern)) {
        return None;
    }
    let now: Vec<String> =
        NOW.iter().filter(|pattern| contains(words, pattern)).map(|pattern| pattern.replace('+', " ")).collect();
    if now.is_empty() {
        return None;
    }
    let first = danger.0.replace('+', " ");
    let mut cues = vec![first.clone()];
    cues.extend(now.into_iter().filter(|cue| *cue != first));
    Some(Emergency { danger: danger.1, cues })
}

/// Whether `words` contains `pattern` (words joined by `+`, in a row).
fn contains(words: &[String], pattern: &str) -> bool {
    let parts: Vec<&str> = pattern.split('+').collect();
    words.windows(parts.len()).any(|window| window.iter().zip(&parts).all(|(w, p)| w == p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Featurizer;

    fn featurizer() -> Featurizer {
        Featurizer::from_table(include_str!("../../triage/normalize.tsv")).unwrap()
    }

    fn detect(text: &str) -> Option<Danger> {
        detect_emergency(&featurizer().words(text)).map(|e| e.danger)
    }

    /// Danger happening now, written for this test in the ways people write it.
    #[test]
    fn every_danger_now_is_flagged_with_the_right_kind() {
        let cases = [
            ("Tolong!! rumah di sebelah kebakaran, api sudah merambat ke rumah kami", Danger::Fire),
            ("kebakaran lahan sekarang dekat kebun warga, asap tebal", Danger::Fire),
            ("Gudang terbakar sekarang juga, cepat kirim pemadam", Danger::Fire),
            ("Fire! The house next door is burning, please help, fire spreading", Danger::Fire),
            ("banjir tinggi, ada keluarga terjebak di atap rumah", Danger::Rescue),
            ("Anak tenggelam di sungai belakang sekolah tolong", Danger::Rescue),
            ("Nelayan hanyut terseret arus di perairan Rupat", Danger::Rescue),
            ("tolong ada orang pingsan di pasar tidak sadarkan diri", Danger::Medical),
            ("Bapak saya sesak nafas berat sekarang, tolong ambulans", Danger::Medical),
            ("ada yang dipukuli rame2 di simpang sekarang", Danger::Violence),
            ("tolong tetangga saya sedang dianiaya suaminya", Danger::Violence),
            ("Kecelakaan di jalan lintas Duri, korban tergeletak berdarah", Danger::Accident),
            ("baru saja tabrakan motor dan truk, tolong", Danger::Accident),
        ];
        for (text, danger) in cases {
            assert_eq!(detect(text), Some(danger), "{text}");
        }
    }

    /// Ordinary complaints that mention danger words, written for this test.
    #[test]
    fn past_feared_and_preventive_mentions_are_not_emergencies() {
        for text in [
            "Bekas kebakaran pasar tahun lalu belum dibersihkan",
            "Tikungan ini rawan kecelakaan, mohon dipasang rambu",
            "Hidran di gang kami rusak, khawatir kalau ada kebakaran",
            "Mohon sosialisasi pencegahan kebakaran di kampung kami",
            "Saya korban kecelakaan kemarin, bagaimana klaim santunannya?",
            "Sungai ini sering banjir, mohon dinormalisasi",
            "Lampu jalan mati di tikungan, sering terjadi kecelakaan",
            "Jalan berlubang, bisa menyebabkan kecelakaan",
            "Pelayanan di puskesmas lambat padahal pasien sesak nafas",
            "",
            "tolong",
            "sampah menumpuk di depan rumah, tolong diangkut",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }

    #[test]
    fn the_cues_say_why() {
        let emergency = detect_emergency(&featurizer().words("Tolong, kebakaran sekarang di gang kami")).unwrap();
        assert_eq!(emergency.cues, ["kebakaran", "sekarang", "tolong"]);
    }
}
