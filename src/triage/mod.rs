//! Triage: reading a complaint as it is typed and saying who handles it.
//!
//! Part of the pure core. The [`Model`] says which [`Topic`] a text is about; the
//! regency's [`Routing`] says which agency (or outside body) handles that topic;
//! the emergency detector and the kind guesser run beside them. Nothing here
//! sends anything anywhere: the suggestion stays in the browser until the
//! citizen sends the complaint, and then travels with it so agencies can audit
//! routing.

pub mod emergency;
pub mod eval;
pub mod features;
pub mod kind;
pub mod model;
pub mod routing;
pub mod topic;
#[cfg(not(target_arch = "wasm32"))]
pub mod train;

pub use emergency::{Danger, Emergency, detect_emergency};
pub use features::Featurizer;
pub use kind::guess_kind;
pub use model::{Model, ModelError, Scores};
pub use routing::{EmergencyNumbers, Referral, Route, Routing, Rule};
pub use topic::Topic;

use crate::complaint::ReportKind;

/// Texts longer than this are not judged: a real complaint is at most a few
/// thousand characters, and a pasted document would only mislead.
pub const LONGEST_TEXT: usize = 20_000;

/// How sure the suggestion is, in the words shown to the citizen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Confidence {
    /// Too little to go on: the form asks rather than guesses.
    Unsure,
    /// Probably right: shown, not chosen for the citizen.
    Likely,
    /// Confident: shown, and chosen while the citizen has not chosen.
    Sure,
}

impl Confidence {
    /// The probability thresholds, measured on held-out complaints (see
    /// `docs/triage-eval.md` for how often each band was right).
    pub fn of(probability: f32) -> Confidence {
        if probability >= 0.7 {
            Confidence::Sure
        } else if probability >= 0.4 {
            Confidence::Likely
        } else {
            Confidence::Unsure
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Confidence::Unsure => "unsure",
            Confidence::Likely => "likely",
            Confidence::Sure => "sure",
        }
    }
}

/// Everything the widget (or `triage classify`) says about one text.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The most likely topic, or `None` when the text gave nothing to go on.
    pub topic: Option<Topic>,
    pub topic_probability: f32,
    /// Where the complaint should go.
    pub route: Route,
    /// The probability of `route` (all topics that lead there, added up).
    pub probability: f32,
    pub confidence: Confidence,
    /// The next two agencies, with their probabilities.
    pub alternatives: Vec<(String, f32)>,
    /// The citizen's words that drove the suggestion.
    pub reasons: Vec<String>,
    /// The config rule that decided the route, if one did (its index).
    pub rule: Option<usize>,
    pub emergency: Option<Emergency>,
    pub kind: Option<ReportKind>,
}

impl Suggestion {
    /// The answer for a text that cannot be judged.
    fn unsure(emergency: Option<Emergency>, kind: Option<ReportKind>) -> Self {
        Suggestion {
            topic: None,
            topic_probability: 0.0,
            route: Route::Unknown,
            probability: 0.0,
            confidence: Confidence::Unsure,
            alternatives: Vec::new(),
            reasons: Vec::new(),
            rule: None,
            emergency,
            kind,
        }
    }

    /// Routes in order of probability, without repeats: the suggestion first.
    /// What `triage eval` scores for top-3.
    pub fn ranked_agencies(&self) -> Vec<String> {
        let mut ranked = vec![route_name(&self.route)];
        ranked.extend(self.alternatives.iter().map(|(agency, _)| agency.clone()));
        ranked.dedup();
        ranked
    }
}

/// A route's name for scoring and logs: the agency id, the referral's name, or "unknown".
pub fn route_name(route: &Route) -> String {
    match route {
        Route::Agency(id) => id.clone(),
        Route::Referral(referral) => referral.name.clone(),
        Route::Unknown => "unknown".into(),
    }
}

/// Reads `text` and suggests where it goes.
///
/// # Example
/// ```no_run
/// # use aduan::triage::{suggest, Model, Routing};
/// # let model: Model = unimplemented!(); let routing = Routing::default();
/// let suggestion = suggest(&model, &routing, "Lampu jalan di depan masjid mati sudah seminggu");
/// ```
pub fn suggest(model: &Model, routing: &Routing, text: &str) -> Suggestion {
    if text.len() > LONGEST_TEXT {
        return Suggestion::unsure(None, None);
    }
    let words = model.featurizer().words(text);
    let emergency = detect_emergency(&words);
    let kind = guess_kind(text, &words);
    let scores = model.score(text);
    let ranking = scores.ranking();
    let Some(&(topic, topic_probability)) = ranking.first().filter(|(_, p)| *p > 0.0) else {
        return Suggestion::unsure(emergency, kind);
    };

    // Agencies by the probability of all the topics that lead to them.
    let mut by_route: Vec<(Route, f32, Topic)> = Vec::new();
    for (t, p) in &ranking {
        let route = routing.route(*t);
        match by_route.iter_mut().find(|(r, _, _)| r == route) {
            Some(entry) => entry.1 += p,
            None => by_route.push((route.clone(), *p, *t)),
        }
    }
    crate::order::sort_by(&mut by_route, |a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    let (mut route, mut probability, route_topic) = by_route[0].clone();
    let mut confidence = Confidence::of(probability);
    let mut reasons = scores.reasons(route_topic, 3);
    let mut rule = None;

    let normalised = |phrase: &str| model.featurizer().words(phrase);
    for (index, candidate) in routing.rules.iter().enumerate() {
        let in_scope = candidate.topics.is_empty() || candidate.topics.contains(&topic);
        let matched = candidate.phrases.iter().find(|phrase| {
            let parts = normalised(phrase);
            !parts.is_empty() && words.windows(parts.len()).any(|window| window == parts.as_slice())
        });
        if let (true, Some(phrase)) = (in_scope, matched) {
            route = candidate.route.clone();
            probability = probability.max(0.7);
            confidence = Confidence::Sure;
            reasons = vec![phrase.to_ascii_lowercase()];
            rule = Some(index);
            break;
        }
    }

    let alternatives = by_route
        .iter()
        .filter(|(r, _, _)| *r != route)
        .filter_map(|(r, p, _)| match r {
            Route::Agency(id) => Some((id.clone(), *p)),
            _ => None,
        })
        .take(2)
        .collect();
    Suggestion {
        topic: Some(topic),
        topic_probability,
        route,
        probability,
        confidence,
        alternatives,
        reasons,
        rule,
        emergency,
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn model() -> Model {
        Model::from_bytes(include_bytes!("../../triage/model.bin")).expect("the shipped model loads")
    }

    fn bengkalis() -> Routing {
        Config::from_json(include_str!("../../config/bengkalis.json")).unwrap().triage.expect("Bengkalis routes topics")
    }

    fn agency(id: &str) -> Route {
        Route::Agency(id.into())
    }

    fn referral_to(suggestion: &Suggestion) -> Option<&str> {
        match &suggestion.route {
            Route::Referral(referral) => Some(referral.name.as_str()),
            _ => None,
        }
    }

    /// One complaint per topic, written for this test, and where Bengkalis sends it.
    #[test]
    fn every_topic_in_the_bengkalis_config_routes_where_the_reference_says() {
        let (model, routing) = (model(), bengkalis());
        let cases: &[(&str, Topic, Option<&str>)] = &[
            ("Jalan kabupaten di desa kami berlubang besar dan rusak parah", Topic::RoadsBridges, Some("pupr")),
            ("Parit dan saluran air tersumbat, air meluap ke jalan saat hujan", Topic::Drainage, Some("pupr")),
            ("Lampu jalan di gang kami mati sudah dua minggu, gelap sekali", Topic::StreetLighting, Some("dishub")),
            ("Sampah menumpuk di pinggir jalan tidak diangkut truk sampah", Topic::Waste, Some("dlh")),
            ("Limbah pabrik dibuang ke sungai, air hitam dan bau busuk", Topic::Pollution, Some("dlh")),
            ("Pohon besar di tepi jalan hampir tumbang, mohon dipangkas", Topic::TreesParks, Some("dlh")),
            ("Air PDAM tidak mengalir sudah tiga hari di rumah kami", Topic::CleanWater, Some("pupr")),
            ("Listrik padam sejak semalam dan PLN belum datang", Topic::Electricity, None),
            (
                "KTP elektronik saya belum dicetak sudah tiga bulan di disdukcapil",
                Topic::CivilRegistry,
                Some("disdukcapil"),
            ),
            ("Obat di puskesmas kosong dan dokter puskesmas jarang ada", Topic::HealthServices, Some("dinkes")),
            (
                "Antrean pasien di RSUD sangat lama, perawat rumah sakit kurang ramah",
                Topic::Hospital,
                Some("rsud-bengkalis"),
            ),
            ("Kartu BPJS Kesehatan saya tidak aktif padahal iuran sudah dibayar", Topic::HealthInsurance, None),
            ("Sekolah dasar di desa kami kekurangan guru dan ruang kelas bocor", Topic::Education, Some("disdik")),
            ("Keluarga miskin tidak terdaftar penerima bansos dan PKH", Topic::SocialAid, Some("dinsos")),
            (
                "Pedagang kaki lima berjualan di trotoar dan menutup jalan, mohon ditertibkan",
                Topic::PublicOrder,
                Some("satpolpp"),
            ),
            (
                "Juru parkir liar memungut tarif tinggi dan lampu lalu lintas mati",
                Topic::TrafficParking,
                Some("dishub"),
            ),
            ("Speedboat penumpang ke Selat Panjang tidak punya pelampung", Topic::SeaRiverTransport, Some("dishub")),
            ("Hidran pemadam kebakaran di kompleks kami tidak ada airnya", Topic::FireRescue, Some("damkar")),
            ("Abrasi pantai menggerus rumah warga di pesisir, mohon bantuan bencana", Topic::Disaster, Some("bpbd")),
            ("Izin usaha saya di mal pelayanan publik lama sekali tidak diproses", Topic::Permits, Some("dpmptsp")),
            (
                "Pegawai ASN di kantor dinas sering tidak masuk kerja saat jam pelayanan",
                Topic::CivilServants,
                Some("bkpp"),
            ),
            (
                "Ada pungli saat mengurus surat, petugas minta uang pelicin",
                Topic::CorruptionLevies,
                Some("inspektorat"),
            ),
            (
                "Website resmi pemerintah kabupaten tidak bisa dibuka sejak minggu lalu",
                Topic::IctInformation,
                Some("diskominfotik"),
            ),
            ("Rumah saya tidak layak huni hampir roboh, mohon bantuan bedah rumah", Topic::Housing, Some("perkimtan")),
            ("Sertifikat tanah saya belum selesai di kantor pertanahan BPN", Topic::Land, None),
            (
                "Pupuk subsidi langka, petani tidak bisa memupuk padi di sawah",
                Topic::AgricultureLivestock,
                Some("distan"),
            ),
            ("Nelayan kecil minta bantuan jaring dan mesin kapal untuk melaut", Topic::Fisheries, Some("diskan")),
            (
                "Harga minyak goreng di pasar tradisional naik dan los pasar bocor",
                Topic::TradeMarkets,
                Some("disperindag"),
            ),
            (
                "Perusahaan membayar gaji karyawan di bawah upah minimum dan PHK tanpa pesangon",
                Topic::Manpower,
                Some("disnaker"),
            ),
            ("Tagihan PBB rumah saya naik tinggi, nama di SPPT juga salah", Topic::LocalTax, Some("bapenda")),
            (
                "Ormas melakukan sweeping tanpa izin dan mengganggu kerukunan umat beragama",
                Topic::SocialPolitics,
                Some("kesbangpol"),
            ),
            (
                "Anak putus sekolah dipekerjakan dan ada pernikahan anak di bawah umur",
                Topic::WomenChildrenProtection,
                Some("dp2kbp3a"),
            ),
            ("Kepala desa tidak transparan menggunakan dana desa", Topic::VillageGovernment, Some("dpmd")),
            (
                "Perpustakaan daerah tutup pada hari Sabtu dan koleksi buku tidak ditambah",
                Topic::LibraryArchives,
                Some("dispersip"),
            ),
            (
                "Objek wisata pantai kotor dan gedung olahraga tidak terawat",
                Topic::TourismCultureSports,
                Some("disparbudpora"),
            ),
            ("Peredaran narkoba dan judi di kampung kami semakin terang-terangan", Topic::CrimeSecurity, None),
        ];
        let mut wrong = Vec::new();
        for (text, topic, expected) in cases {
            let suggestion = suggest(&model, &routing, text);
            let expected_route = match expected {
                Some(id) => agency(id),
                None => routing.route(*topic).clone(),
            };
            if suggestion.topic != Some(*topic) || suggestion.route != expected_route {
                wrong.push(format!("{text}: {:?} -> {:?}", suggestion.topic, suggestion.route));
            }
        }
        assert!(wrong.is_empty(), "misrouted:\n{}", wrong.join("\n"));
        assert_eq!(cases.len(), Topic::ALL.len() - 1, "every topic but `other` has a case");
    }

    #[test]
    fn matters_outside_regency_authority_show_where_to_go_instead() {
        let (model, routing) = (model(), bengkalis());
        let cases = [
            ("Listrik padam tiap malam di kampung kami, tolong PLN perbaiki", "PLN (listrik)"),
            ("Klaim BPJS Kesehatan saya ditolak, iuran sudah dibayar", "BPJS Kesehatan"),
            ("Motor saya dicuri maling di depan rumah tadi malam", "Polres Bengkalis"),
            (
                "Sertifikat tanah dari BPN belum terbit padahal sudah diukur",
                "Kantor Pertanahan (ATR/BPN) Kabupaten Bengkalis",
            ),
        ];
        for (text, name) in cases {
            assert_eq!(referral_to(&suggest(&model, &routing, text)), Some(name), "{text}");
        }
    }

    #[test]
    fn agency_rules_win_over_the_model_within_their_topics() {
        let (model, routing) = (model(), bengkalis());
        let ferry = suggest(&model, &routing, "Antrean kendaraan untuk kapal Ro-Ro Air Putih panjang sekali");
        assert_eq!(ferry.route, agency("dishub"));
        assert_eq!(ferry.rule, Some(0));
        assert_eq!(ferry.confidence, Confidence::Sure);

        let upper_school =
            suggest(&model, &routing, "Pungutan uang gedung di SMA negeri terlalu mahal untuk siswa baru");
        assert_eq!(referral_to(&upper_school), Some("Dinas Pendidikan Provinsi Riau"));

        // The same word outside the rule's topic does not trigger it.
        let road_near_school = suggest(&model, &routing, "Jalan berlubang parah di depan SMA, banyak motor jatuh");
        assert_eq!(road_near_school.route, agency("pupr"));
    }

    #[test]
    fn a_suggestion_explains_itself_and_offers_two_other_agencies() {
        let suggestion =
            suggest(&model(), &bengkalis(), "Sampah menumpuk di TPS dekat pasar, sudah seminggu tidak diangkut");
        assert_eq!(suggestion.route, agency("dlh"));
        assert!(suggestion.reasons.iter().any(|r| r.contains("sampah")), "{:?}", suggestion.reasons);
        assert_eq!(suggestion.alternatives.len(), 2);
        assert!(suggestion.alternatives.iter().all(|(id, _)| id != "dlh"));
        assert!(suggestion.probability >= suggestion.alternatives[0].1);
    }

    /// The story: "Karena Anda menulis: “mati”" was shown to a citizen who had
    /// written "padam": the reasons were the model's standard words.
    #[test]
    fn reasons_quote_the_words_the_citizen_typed() {
        let suggestion = suggest(&model(), &bengkalis(), "Lampu jalan di gang kami padam sdh seminggu, gelap sekali");
        assert!(!suggestion.reasons.is_empty());
        let typed = "lampu jalan di gang kami padam sdh seminggu, gelap sekali";
        for reason in &suggestion.reasons {
            assert!(typed.contains(reason.as_str()), "{reason:?} was not typed");
        }
    }

    #[test]
    fn empty_whitespace_huge_and_foreign_text_is_unsure_without_panic() {
        let (model, routing) = (model(), bengkalis());
        let huge = "sampah menumpuk di jalan ".repeat(45_000);
        for text in ["", "   \n\t ", &huge, "شكوى عن الطريق المكسور", "我们村的路坏了", "12345 67890", "?!"]
        {
            let suggestion = suggest(&model, &routing, text);
            assert_eq!(suggestion.confidence, Confidence::Unsure, "{:?}", text.chars().take(30).collect::<String>());
            assert_eq!(suggestion.route, Route::Unknown);
            assert!(suggestion.topic.is_none());
        }
    }

    #[test]
    fn english_and_riau_malay_complaints_are_understood() {
        let (model, routing) = (model(), bengkalis());
        let cases = [
            ("The garbage on our street has not been collected for two weeks", "dlh"),
            ("Street lights on the main road are broken and it is dark at night", "dishub"),
            ("The road to the village is full of potholes", "pupr"),
            ("Sampah dah menumpuk tak diangkut-angkut, bau sangat", "dlh"),
            ("Air tak mengalir dah tiga hari, warga nak mandi pun susah", "pupr"),
        ];
        for (text, id) in cases {
            assert_eq!(suggest(&model, &routing, text).route, agency(id), "{text}");
        }
    }

    #[test]
    fn emergencies_come_with_the_suggestion_and_do_not_replace_it() {
        let suggestion =
            suggest(&model(), &bengkalis(), "Tolong! Rumah tetangga kebakaran sekarang, api sudah merambat");
        assert_eq!(suggestion.emergency.map(|e| e.danger), Some(Danger::Fire));
        assert!(suggestion.topic.is_some());
    }
}
