//! Guessing the report kind from the text: a question (permintaan informasi),
//! a suggestion (aspirasi), or a complaint (pengaduan).
//!
//! Part of the pure core. The form preselects the guess only while the citizen
//! has not chosen a kind; the guess never overrides a choice.

use crate::complaint::ReportKind;

/// Words that open a question.
const QUESTION_OPENERS: &[&str] = &[
    "apakah",
    "bagaimana",
    "kapan",
    "berapa",
    "dimana",
    "mengapa",
    "kenapa",
    "siapa",
    "bisakah",
    "bolehkah",
    "how",
    "when",
    "where",
    "what",
    "can",
    "is",
    "are",
    "do",
    "does",
];

/// Phrases that ask for information anywhere in the text.
const ASKING: &[&str] = &[
    "mau+tanya",
    "ingin+tanya",
    "ingin+bertanya",
    "mau+bertanya",
    "izin+bertanya",
    "numpang+tanya",
    "minta+informasi",
    "mohon+informasi",
    "mohon+info",
    "butuh+informasi",
    "ingin+tahu",
    "mau+tahu",
    "persyaratan",
    "syarat",
    "prosedur",
    "tata+cara",
    "bagaimana+cara",
    "cara+mengurus",
    "cara+mendaftar",
    "cara+membuat",
    "cara+membayar",
];

/// Phrases that propose rather than complain.
const SUGGESTING: &[&str] = &[
    "usul",
    "usulan",
    "mengusulkan",
    "saran",
    "menyarankan",
    // Particles are already stripped by the featurizer: "sebaiknya" reads "sebaik".
    "sebaik",
    "alangkah+baik",
    "aspirasi",
    "mohon+dibangun",
    "mohon+dibuatkan",
    "mohon+diadakan",
    "mohon+ditambah",
    "harap+dibangun",
    "perlu+dibangun",
    "perlu+diadakan",
    "suggest",
    "suggestion",
    "propose",
];

/// Words of something going wrong.
const COMPLAINING: &[&str] = &[
    "rusak",
    "mati",
    "tidak",
    "belum",
    "kotor",
    "bau",
    "macet",
    "lambat",
    "lama",
    "pungli",
    "banjir",
    "menumpuk",
    "berlubang",
    "bocor",
    "keluhan",
    "mengeluh",
    "kecewa",
];

/// The kind the text reads as, or `None` when it does not say enough.
///
/// # Example
/// ```
/// use aduan::complaint::ReportKind;
/// use aduan::triage::guess_kind;
/// let words = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
/// assert_eq!(guess_kind("Kapan jadwal vaksin?", &words("kapan jadwal vaksin")), Some(ReportKind::PermintaanInformasi));
/// assert_eq!(guess_kind("", &words("usul dibangun taman baca")), Some(ReportKind::Aspirasi));
/// assert_eq!(guess_kind("", &words("lampu jalan mati")), Some(ReportKind::Pengaduan));
/// ```
pub fn guess_kind(text: &str, words: &[String]) -> Option<ReportKind> {
    let has = |patterns: &[&str]| patterns.iter().any(|pattern| contains(words, pattern));
    let asks = text.contains('?')
        || words.first().is_some_and(|first| QUESTION_OPENERS.contains(&first.as_str()))
        || has(ASKING);
    // A complaint phrased as a question ("kapan lampu ini diperbaiki?") is still
    // a complaint when something is broken; a plain question is not.
    let complains = has(COMPLAINING);
    if has(SUGGESTING) {
        Some(ReportKind::Aspirasi)
    } else if asks && !complains {
        Some(ReportKind::PermintaanInformasi)
    } else if complains {
        Some(ReportKind::Pengaduan)
    } else {
        None
    }
}

fn contains(words: &[String], pattern: &str) -> bool {
    let parts: Vec<&str> = pattern.split('+').collect();
    words.windows(parts.len()).any(|window| window.iter().zip(&parts).all(|(w, p)| w == p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::Featurizer;

    fn guess(text: &str) -> Option<ReportKind> {
        let featurizer = Featurizer::from_table(include_str!("../../triage/normalize.tsv")).unwrap();
        guess_kind(text, &featurizer.words(text))
    }

    #[test]
    fn questions_suggestions_and_complaints_are_told_apart() {
        use ReportKind::*;
        let cases = [
            ("Apa saja syarat membuat akta kelahiran?", Some(PermintaanInformasi)),
            ("Bagaimana cara mendaftar PPDB SMP negeri", Some(PermintaanInformasi)),
            ("Sy mau tanya jadwal pelayanan KTP di kecamatan", Some(PermintaanInformasi)),
            ("When does the ferry to Bengkalis leave?", Some(PermintaanInformasi)),
            ("Usul dibangun taman bermain anak di desa kami", Some(Aspirasi)),
            ("Sebaiknya jam buka puskesmas ditambah sampai sore", Some(Aspirasi)),
            ("Mohon dibangun jembatan penghubung dua dusun", Some(Aspirasi)),
            ("Lampu jalan mati sudah dua minggu", Some(Pengaduan)),
            ("Kapan jalan rusak ini diperbaiki?", Some(Pengaduan)),
            ("Sampah menumpuk di TPS, bau sekali", Some(Pengaduan)),
            ("Selamat pagi", None),
            ("", None),
        ];
        for (text, kind) in cases {
            assert_eq!(guess(text), kind, "{text}");
        }
    }
}
