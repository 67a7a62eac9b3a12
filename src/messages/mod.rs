//! Every sentence a citizen or webmaster reads, per language.
//!
//! Part of the pure core. Each language is one [`Messages`] value; because it is a
//! struct, a language that lacks a sentence does not compile. Sentences follow the
//! GOV.UK style: say what to do ("Masukkan judul laporan"), not what went wrong in
//! the system's terms. Indonesian is the default; English is for the config's
//! `"language": "en"`.

mod en;
mod id;

use serde::{Deserialize, Serialize};

use crate::complaint::{Field, FieldError, ReportKind};

/// A language the widget speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    #[serde(rename = "id")]
    Id,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Reads a language tag such as `id`, `en` or `en-GB`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "id" | "in" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 tag, for the `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn messages(self) -> &'static Messages {
        match self {
            Lang::Id => &id::MESSAGES,
            Lang::En => &en::MESSAGES,
        }
    }
}

/// A question's visible text: its label (or legend) and the hint under it.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    pub label: &'static str,
    pub hint: &'static str,
}

/// The labels of a complaint written out as a message, for the WhatsApp and
/// email hand-offs.
pub struct HandOffLabels {
    /// The first line: "Pengaduan untuk Kabupaten Bengkalis".
    pub heading: fn(kind: &str, regency: &str) -> String,
    /// An email's subject, before the title.
    pub subject: fn(kind: &str) -> String,
    pub title: &'static str,
    pub description: &'static str,
    pub date: &'static str,
    pub location: &'static str,
    pub map: &'static str,
    pub agency: &'static str,
    pub reporter: &'static str,
    pub anonymous_reporter: &'static str,
    pub phone: &'static str,
    pub email: &'static str,
    pub nik: &'static str,
    pub confidential: &'static str,
    pub confidential_yes: &'static str,
    pub attachments: &'static str,
    pub attachments_follow: fn(count: usize) -> String,
    pub reference: &'static str,
}

/// The sentences of one language.
pub struct Messages {
    /// Shown while the config loads.
    pub loading: &'static str,
    pub heading: &'static str,
    /// Under the heading; names where the report goes.
    pub intro: fn(regency: &str) -> String,
    pub optional: &'static str,

    pub kind: Question,
    pub kind_pengaduan: Question,
    pub kind_aspirasi: Question,
    pub kind_informasi: Question,
    pub title: Question,
    pub description: Question,
    /// The visible count, and the one announced to screen readers.
    pub characters_left: fn(left: i64) -> String,
    /// For screen readers, read with the description: the limit, stated once.
    pub characters_allowed: fn(max: usize) -> String,
    pub incident_date: Question,
    pub day: &'static str,
    pub month: &'static str,
    pub year: &'static str,
    pub location: Question,
    pub kecamatan: Question,
    pub choose_kecamatan: &'static str,
    pub desa: Question,
    pub choose_desa: &'static str,
    pub choose_kecamatan_first: &'static str,
    pub kelurahan_suffix: &'static str,
    pub location_detail: Question,
    pub agency: Question,
    pub agency_unknown: &'static str,
    pub attachments: Question,
    /// What may be attached, stated up front.
    pub attachment_limits: fn(max_count: usize, max_bytes: u64, types: &[String]) -> String,
    /// The remove button beside a chosen file; the file name follows, for screen readers.
    pub remove: &'static str,
    /// The accessible name of the list of chosen files.
    pub chosen_files: &'static str,
    pub privacy: Question,
    pub anonymous: Question,
    pub confidential: Question,
    pub privacy_link: &'static str,
    pub contact: Question,
    pub name: Question,
    pub phone: Question,
    pub email: Question,
    pub nik: Question,
    pub submit: &'static str,
    pub sending: &'static str,

    pub error_summary_title: &'static str,
    /// Read before each inline error by screen readers only.
    pub error_prefix: &'static str,
    /// The sentence for one field's problem.
    pub field_error: fn(&FieldError) -> String,

    pub not_sent_title: &'static str,
    pub not_sent_kept: &'static str,
    pub retry: &'static str,
    pub delivery_offline: &'static str,
    pub delivery_timeout: &'static str,
    pub delivery_rejected: fn(reason: Option<&str>) -> String,
    pub delivery_server_error: fn(status: u16) -> String,
    pub delivery_unreadable: &'static str,
    pub delivery_file_unreadable: fn(name: &str) -> String,

    pub receipt_title: &'static str,
    pub tracking_number: &'static str,
    pub receipt_keep: &'static str,
    pub receipt_agency: fn(agency: &str) -> String,
    pub receipt_no_agency: &'static str,
    /// Heads the summary of what was sent.
    pub receipt_summary: &'static str,
    pub response_promise: fn(hours: u32) -> String,
    pub another_report: &'static str,

    /// Heads the agency suggestion.
    pub suggestion_title: &'static str,
    /// "Probably {agency}", with how sure.
    pub suggestion_body: fn(agency: &str, sure: bool) -> String,
    /// How sure, in one plain word.
    pub suggestion_confidence: fn(sure: bool) -> &'static str,
    /// Why: the citizen's own words.
    pub suggestion_reasons: fn(words: &[String]) -> String,
    /// The button that picks an agency.
    pub choose_agency: fn(agency: &str) -> String,
    /// Shown instead of the button once that agency is chosen.
    pub chosen: &'static str,
    pub suggestion_alternatives: &'static str,
    pub choose_other_agency: &'static str,
    /// When the model cannot tell.
    pub suggestion_unsure: &'static str,
    pub referral_title: fn(regency: &str) -> String,
    pub referral_body: fn(name: &str) -> String,
    pub referral_call: fn(number: &str) -> String,
    pub referral_site: &'static str,
    pub referral_still_send: &'static str,
    pub emergency_title: &'static str,
    pub emergency_body: &'static str,
    /// A call link: the number and who answers it.
    pub emergency_call: fn(number: &str, service: &str) -> String,
    pub service_general: &'static str,
    pub service_fire: &'static str,
    pub service_police: &'static str,
    pub service_rescue: &'static str,
    pub service_ambulance: &'static str,

    pub config_failed_title: &'static str,
    pub config_failed_body: &'static str,
    pub config_failed_detail: &'static str,

    pub hand_off: &'static HandOffLabels,
    /// The hand-off screen's heading and body, by channel.
    pub hand_off_whatsapp_title: &'static str,
    pub hand_off_whatsapp_body: &'static str,
    pub hand_off_whatsapp_open: &'static str,
    pub hand_off_email_title: &'static str,
    pub hand_off_email_body: &'static str,
    pub hand_off_email_open: &'static str,
    /// Files a link cannot carry.
    pub hand_off_attach_yourself: fn(count: usize) -> String,
    /// WhatsApp shows the sender's number, so Anonim cannot hold there.
    pub hand_off_not_anonymous: &'static str,
    /// The receipt after a hand-off: the widget cannot know it was sent.
    pub handed_off_title: &'static str,
    pub handed_off_body: &'static str,
    pub report_number: &'static str,

    /// The outbox: every complaint this device still holds, and where it stands.
    pub outbox_title: &'static str,
    pub status_sending: &'static str,
    pub status_sent: fn(reference: &str) -> String,
    pub status_waiting_connection: &'static str,
    /// Why the last attempt failed, then when the next one is (device time).
    pub status_waiting_retry: fn(reason: &str, hour: u32, minute: u32) -> String,
    pub status_failed: fn(reason: &str) -> String,
    pub send_now: &'static str,
    pub edit_report: &'static str,
    pub discard_report: &'static str,
    pub dismiss: &'static str,
    /// The screen after send when the first attempt did not get through.
    pub saved_title: &'static str,
    pub saved_body: &'static str,
    pub temporary_number: &'static str,
    /// Shown above the form when a refused complaint is put back to be corrected.
    pub edit_returned: &'static str,

    /// Drafts: kept on the device while typing.
    pub draft_restored: &'static str,
    pub draft_restored_files: &'static str,
    pub draft_note: &'static str,
    pub delete_draft: &'static str,
    pub draft_deleted: &'static str,
    pub undo: &'static str,

    /// "Use my location".
    pub use_my_location: &'static str,
    pub locating: &'static str,
    pub location_shared: fn(lat: &str, long: &str) -> String,
    pub remove_location: &'static str,
    pub location_denied: &'static str,
    pub location_unavailable: &'static str,
    pub location_unsupported: &'static str,

    /// Photos are made smaller (and stripped of EXIF) before they are attached.
    pub preparing_photo: &'static str,
    pub photo_scaled: &'static str,
    pub preview_of: fn(name: &str) -> String,

    /// Anti-spam: the trap field's label (never seen), and the two refusals.
    pub trap_label: &'static str,
    pub too_fast: &'static str,
    pub trap_filled: &'static str,
}

impl Messages {
    pub fn kind_question(&self, kind: ReportKind) -> Question {
        match kind {
            ReportKind::Pengaduan => self.kind_pengaduan,
            ReportKind::Aspirasi => self.kind_aspirasi,
            ReportKind::PermintaanInformasi => self.kind_informasi,
        }
    }

    pub fn question(&self, field: Field) -> Question {
        match field {
            Field::Kind => self.kind,
            Field::Title => self.title,
            Field::Description => self.description,
            Field::IncidentDate => self.incident_date,
            Field::Kecamatan => self.kecamatan,
            Field::Desa => self.desa,
            Field::LocationDetail => self.location_detail,
            Field::Agency => self.agency,
            Field::Attachments => self.attachments,
            Field::Name => self.name,
            Field::Phone => self.phone,
            Field::Email => self.email,
            Field::Nik => self.nik,
        }
    }
}

/// A byte count as people read it: "800 KB", "5 MB", "1,5 MB" (or "1.5 MB" in English).
pub fn human_size(bytes: u64, lang: Lang) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        let tenths = (bytes * 10 + MB / 2) / MB;
        let point = if lang == Lang::En { '.' } else { ',' };
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}{point}{} MB", tenths / 10, tenths % 10)
        }
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// The short names of MIME types ("JPG, PNG, PDF") for hints and errors.
pub fn type_names(types: &[String]) -> Vec<String> {
    types
        .iter()
        .map(|mime| match mime.as_str() {
            "image/jpeg" => "JPG".to_owned(),
            other => other.rsplit('/').next().unwrap_or(other).to_ascii_uppercase(),
        })
        .collect()
}

/// Words in quotation marks, joined as a sentence does: "“a”, “b” dan “c”".
pub fn quoted(words: &[String], and: &str) -> String {
    let marked: Vec<String> = words.iter().map(|w| format!("\u{201c}{w}\u{201d}")).collect();
    join_list(&marked, and)
}

/// Joins a list as a sentence does: "a, b dan c".
pub fn join_list(items: &[String], and: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::{DatePart, Problem};
    use crate::nik::NikProblem;
    use crate::phone::PhoneProblem;

    /// Every problem a field can have, so each language is checked for all of them.
    fn every_error() -> Vec<FieldError> {
        let fields = Field::ALL;
        let problems = [
            Problem::Missing,
            Problem::TooShort { min: 20 },
            Problem::TooLong { max: 150 },
            Problem::DateIncomplete { missing: vec![DatePart::Month, DatePart::Year] },
            Problem::YearNotFourDigits,
            Problem::DateNotReal,
            Problem::DateInFuture,
            Problem::NoWayToReply,
            Problem::Phone(PhoneProblem::NotANumber),
            Problem::Phone(PhoneProblem::NotIndonesian),
            Problem::Phone(PhoneProblem::WrongLength),
            Problem::Email,
            Problem::Nik(NikProblem::NotDigits),
            Problem::Nik(NikProblem::WrongLength),
            Problem::Nik(NikProblem::UnknownRegion),
            Problem::Nik(NikProblem::ImpossibleBirthDate),
            Problem::Nik(NikProblem::ZeroSerial),
            Problem::NotInList,
            Problem::TooManyFiles { max: 3 },
            Problem::FileTooLarge { name: "foto.jpg".into(), max_bytes: 5 << 20 },
            Problem::FileTypeNotAllowed { name: "foto.heic".into() },
            Problem::FileEmpty { name: "foto.jpg".into() },
            Problem::FileUnreadable { name: "foto.jpg".into() },
        ];
        fields
            .iter()
            .flat_map(|&field| problems.iter().map(move |problem| FieldError { field, problem: problem.clone() }))
            .collect()
    }

    #[test]
    fn every_language_has_a_sentence_for_every_field_error() {
        for lang in [Lang::Id, Lang::En] {
            for error in every_error() {
                let sentence = (lang.messages().field_error)(&error);
                assert!(sentence.len() > 8, "{lang:?} {error:?}: {sentence:?}");
                assert!(!sentence.ends_with('.'), "GOV.UK error messages have no full stop: {sentence:?}");
            }
        }
    }

    #[test]
    fn the_two_languages_say_different_things() {
        let (id, en) = (Lang::Id.messages(), Lang::En.messages());
        assert_ne!(id.submit, en.submit);
        let error = FieldError { field: Field::Title, problem: Problem::Missing };
        assert_eq!((id.field_error)(&error), "Masukkan judul laporan");
        assert_eq!((en.field_error)(&error), "Enter a title for your report");
    }

    #[test]
    fn limits_appear_in_the_sentences_that_state_them() {
        let too_long = FieldError { field: Field::Description, problem: Problem::TooLong { max: 4000 } };
        assert!((Lang::Id.messages().field_error)(&too_long).contains("4000"));
        let big = FieldError {
            field: Field::Attachments,
            problem: Problem::FileTooLarge { name: "a.jpg".into(), max_bytes: 5 << 20 },
        };
        assert!((Lang::En.messages().field_error)(&big).contains("5 MB"));
    }

    #[test]
    fn the_character_count_speaks_of_what_is_left_and_what_is_over() {
        assert_eq!((Lang::Id.messages().characters_left)(12), "Anda punya 12 karakter tersisa");
        assert_eq!((Lang::Id.messages().characters_left)(-3), "3 karakter terlalu banyak");
        assert_eq!((Lang::En.messages().characters_left)(1), "You have 1 character remaining");
        assert_eq!((Lang::En.messages().characters_left)(-2), "You have 2 characters too many");
    }

    #[test]
    fn language_tags_are_read_loosely() {
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code(" ID "), Some(Lang::Id));
        assert_eq!(Lang::from_code("jv"), None);
    }

    #[test]
    fn sizes_and_types_read_naturally() {
        assert_eq!(human_size(5 << 20, Lang::Id), "5 MB");
        assert_eq!(human_size(1_572_864, Lang::Id), "1,5 MB");
        assert_eq!(human_size(1_572_864, Lang::En), "1.5 MB");
        assert_eq!(human_size(300_000, Lang::Id), "293 KB");
        let types = ["image/jpeg", "image/png", "application/pdf"].map(String::from);
        assert_eq!(join_list(&type_names(&types), "dan"), "JPG, PNG dan PDF");
    }
}
