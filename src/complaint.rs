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
    /// The device's position, only when the citizen pressed "use my location".
    pub coordinates: Option<Coordinates>,
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

/// A point the citizen's device gave, in millionths of a degree (about 11 cm):
/// whole numbers, so drafts compare exactly and no float formatting ships.
/// With serde (native only) it reads and writes as decimal degrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Degrees", into = "Degrees")]
pub struct Coordinates {
    pub lat_e6: i32,
    pub long_e6: i32,
}

impl Coordinates {
    /// A point on Earth, or `None` outside ±90° latitude and ±180° longitude.
    ///
    /// # Example
    /// ```
    /// use aduan::complaint::Coordinates;
    /// let bengkalis = Coordinates::new(1_466_600, 102_133_300).unwrap();
    /// assert_eq!(bengkalis.lat(), "1.466600");
    /// assert_eq!(Coordinates::new(-500_000, 102_000_000).unwrap().lat(), "-0.500000");
    /// assert!(Coordinates::new(91_000_000, 0).is_none());
    /// ```
    pub fn new(lat_e6: i32, long_e6: i32) -> Option<Self> {
        ((-90_000_000..=90_000_000).contains(&lat_e6) && (-180_000_000..=180_000_000).contains(&long_e6))
            .then_some(Self { lat_e6, long_e6 })
    }

    /// From decimal degrees (the Geolocation API, an Open311 form).
    pub fn from_degrees(lat: f64, long: f64) -> Option<Self> {
        let e6 = |degrees: f64| -> Option<i32> {
            let scaled = (degrees * 1_000_000.0).round();
            (scaled.is_finite() && scaled.abs() <= 180_000_000.0).then_some(scaled as i32)
        };
        Self::new(e6(lat)?, e6(long)?)
    }

    /// From decimal text such as `1.4666` or `-0.5` (the payload's numbers), without
    /// floating point; digits past the sixth decimal are rounded.
    ///
    /// # Example
    /// ```
    /// use aduan::complaint::Coordinates;
    /// let point = Coordinates::parse("1.4666", "102.13333349").unwrap();
    /// assert_eq!((point.lat_e6, point.long_e6), (1_466_600, 102_133_333));
    /// assert!(Coordinates::parse("1e2", "0").is_none());
    /// ```
    pub fn parse(lat: &str, long: &str) -> Option<Self> {
        Self::new(parse_e6(lat)?, parse_e6(long)?)
    }

    pub fn lat(self) -> String {
        decimal(self.lat_e6)
    }

    pub fn long(self) -> String {
        decimal(self.long_e6)
    }
}

/// Decimal degrees, the form JSON carries.
#[derive(Serialize, Deserialize)]
struct Degrees {
    lat: f64,
    long: f64,
}

impl TryFrom<Degrees> for Coordinates {
    type Error = &'static str;
    fn try_from(degrees: Degrees) -> Result<Self, Self::Error> {
        Coordinates::from_degrees(degrees.lat, degrees.long).ok_or("lat must be within ±90 and long within ±180")
    }
}

impl From<Coordinates> for Degrees {
    fn from(point: Coordinates) -> Self {
        Degrees { lat: f64::from(point.lat_e6) / 1e6, long: f64::from(point.long_e6) / 1e6 }
    }
}

/// `-?digits[.digits]` as millionths, rounding half up past six places.
fn parse_e6(text: &str) -> Option<i32> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || whole.len() > 3 || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let mut micro: i64 = whole.parse::<i64>().ok()? * 1_000_000;
    let mut scale = 100_000;
    for digit in fraction.bytes().take(6) {
        micro += i64::from(digit - b'0') * scale;
        scale /= 10;
    }
    if fraction.as_bytes().get(6).is_some_and(|d| *d >= b'5') {
        micro += 1;
    }
    i32::try_from(if negative { -micro } else { micro }).ok()
}

/// Millionths as a decimal with six places, written by hand (no float formatting).
fn decimal(e6: i32) -> String {
    let sign = if e6 < 0 { "-" } else { "" };
    let magnitude = e6.unsigned_abs();
    format!("{sign}{}.{:06}", magnitude / 1_000_000, magnitude % 1_000_000)
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
    /// Where the citizen's device was, when they chose to share it.
    pub coordinates: Option<Coordinates>,
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
    /// A photo the browser could not decode to scale it down (damaged, or a
    /// format it cannot read).
    FileUnreadable {
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
