//! The complaint, in the two shapes it has: the [`Draft`] a citizen is typing and
//! the [`ValidComplaint`] that [`Draft::validate`] makes of it.
//!
//! Part of the pure core. Parse, don't validate: delivery accepts only a
//! `ValidComplaint`, so nothing unchecked can be sent. Failures are data
//! ([`FieldError`]); the messages module turns them into sentences.

use serde::{Deserialize, Serialize};

use crate::calendar::CalendarDate;
use crate::email::EmailAddress;
use crate::nik::{Nik, NikProblem};
use crate::phone::{PhoneNumber, PhoneProblem};

/// The three kinds of report SP4N-LAPOR! knows, so complaints from this widget
/// fit the national system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// Pengaduan: something is wrong with a public service or facility.
    Pengaduan,
    /// Aspirasi: a suggestion or proposal for the government.
    Aspirasi,
    /// Permintaan informasi: a question about services, rules or public data.
    PermintaanInformasi,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [ReportKind::Pengaduan, ReportKind::Aspirasi, ReportKind::PermintaanInformasi];

    /// The wire name, also used in element ids.
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Pengaduan => "pengaduan",
            ReportKind::Aspirasi => "aspirasi",
            ReportKind::PermintaanInformasi => "permintaan_informasi",
        }
    }

    /// A complaint is about something that happened somewhere, so it needs a date
    /// and a place; a suggestion or a question may not.
    pub fn needs_time_and_place(self) -> bool {
        self == ReportKind::Pengaduan
    }
}

/// A file the citizen attached, as far as checking goes: the bytes stay in the
/// browser until delivery.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub name: String,
    /// The MIME type the browser reported; may be empty for unknown files.
    pub mime: String,
    pub size: u64,
}

/// Everything the citizen has typed so far, exactly as typed: no field is
/// cleaned or dropped until [`Draft::validate`], so nothing typed is ever lost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub kind: Option<ReportKind>,
    pub title: String,
    pub description: String,
    pub incident_day: String,
    pub incident_month: String,
    pub incident_year: String,
    /// Kemendagri code of the kecamatan, or empty.
    pub kecamatan: String,
    /// Kemendagri code of the desa or kelurahan, or empty.
    pub desa: String,
    /// Street, RT/RW or a landmark.
    pub location_detail: String,
    /// Agency id from the config, or empty for "let the officer decide".
    pub agency: String,
    /// Anonim: the citizen's identity is not shown to the agency handling the report.
    pub anonymous: bool,
    /// Rahasia: the report is not published.
    pub confidential: bool,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// Nomor Induk Kependudukan, optional.
    pub nik: String,
    pub attachments: Vec<AttachmentInfo>,
}

/// A place in the Kemendagri hierarchy: code and name, as sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AreaRef {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    pub kecamatan: Option<AreaRef>,
    pub desa: Option<AreaRef>,
    /// Street, RT/RW or landmark; may be empty.
    pub detail: String,
}

/// The two privacy choices of SP4N-LAPOR!.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privacy {
    /// Anonim: identity hidden from the agency.
    pub anonymous: bool,
    /// Rahasia: report not published.
    pub confidential: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
    pub name: Option<String>,
    pub phone: Option<PhoneNumber>,
    pub email: Option<EmailAddress>,
    pub nik: Option<Nik>,
}

/// A complaint that passed every check, cleaned and normalised, ready to deliver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidComplaint {
    pub kind: ReportKind,
    pub title: String,
    pub description: String,
    pub incident_date: Option<CalendarDate>,
    pub location: Location,
    /// The agency id the citizen chose, if any.
    pub agency: Option<String>,
    pub privacy: Privacy,
    pub contact: Contact,
    pub attachments: Vec<AttachmentInfo>,
}

/// The questions of the form, in the order they appear, which is also the order
/// of the error summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Kind,
    Title,
    Description,
    IncidentDate,
    Kecamatan,
    Desa,
    LocationDetail,
    Agency,
    Attachments,
    Name,
    Phone,
    Email,
    Nik,
}

impl Field {
    /// Every question, in form order.
    pub const ALL: [Field; 13] = [
        Field::Kind,
        Field::Title,
        Field::Description,
        Field::IncidentDate,
        Field::Kecamatan,
        Field::Desa,
        Field::LocationDetail,
        Field::Agency,
        Field::Attachments,
        Field::Name,
        Field::Phone,
        Field::Email,
        Field::Nik,
    ];

    /// The field's name in a receiver's error answer (`{"field": "incident_date"}`).
    pub fn code(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Title => "title",
            Field::Description => "description",
            Field::IncidentDate => "incident_date",
            Field::Kecamatan => "kecamatan",
            Field::Desa => "desa",
            Field::LocationDetail => "location_detail",
            Field::Agency => "agency",
            Field::Attachments => "attachments",
            Field::Name => "name",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Nik => "nik",
        }
    }

    /// The element id of the field's input (for a group, its first input), used
    /// for labels, `aria-describedby` and the error summary's links.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::Kind => "aduan-kind-pengaduan",
            Field::Title => "aduan-title",
            Field::Description => "aduan-description",
            Field::IncidentDate => "aduan-incident-day",
            Field::Kecamatan => "aduan-kecamatan",
            Field::Desa => "aduan-desa",
            Field::LocationDetail => "aduan-location-detail",
            Field::Agency => "aduan-agency",
            Field::Attachments => "aduan-attachments",
            Field::Name => "aduan-name",
            Field::Phone => "aduan-phone",
            Field::Email => "aduan-email",
            Field::Nik => "aduan-nik",
        }
    }

    /// The base of the field's ids: `{base}-hint` and `{base}-error`.
    pub fn id_base(self) -> &'static str {
        match self {
            Field::Kind => "aduan-kind",
            Field::IncidentDate => "aduan-incident",
            other => other.input_id(),
        }
    }
}

/// One part of a day–month–year answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatePart {
    Day,
    Month,
    Year,
}

/// Why an answer was not accepted. Limits travel with the problem so the message
/// can state them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    Missing,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    /// Some parts of a date were given, these were not.
    DateIncomplete {
        missing: Vec<DatePart>,
    },
    YearNotFourDigits,
    DateNotReal,
    DateInFuture,
    /// Neither a phone number nor an email, so the agency cannot answer.
    NoWayToReply,
    Phone(PhoneProblem),
    Email,
    Nik(NikProblem),
    /// A kecamatan, desa or agency that is not in the config's list.
    NotInList,
    TooManyFiles {
        max: usize,
    },
    FileTooLarge {
        name: String,
        max_bytes: u64,
    },
    FileTypeNotAllowed {
        name: String,
    },
    FileEmpty {
        name: String,
    },
}

/// One field's failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub problem: Problem,
}

impl FieldError {
    /// The element the error summary's link moves focus to: the first date part
    /// that needs fixing, not always the day.
    pub fn target_id(&self) -> &'static str {
        match &self.problem {
            Problem::DateIncomplete { missing } => match missing.first() {
                Some(DatePart::Month) => "aduan-incident-month",
                Some(DatePart::Year) => "aduan-incident-year",
                _ => "aduan-incident-day",
            },
            Problem::YearNotFourDigits => "aduan-incident-year",
            _ => self.field.input_id(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_codes_are_unique_snake_case() {
        let codes: std::collections::HashSet<&str> = Field::ALL.iter().map(|f| f.code()).collect();
        assert_eq!(codes.len(), Field::ALL.len());
        assert!(codes.iter().all(|c| c.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')));
    }

    #[test]
    fn fields_are_listed_in_form_order() {
        assert!(Field::ALL.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
