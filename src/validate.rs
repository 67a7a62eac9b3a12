//! The checks that turn a [`Draft`] into a [`ValidComplaint`].
//!
//! Part of the pure core, shared by the widget (before sending) and the reference
//! receiver (on arrival), so both apply the same rules. `today` is passed in: the
//! widget uses the citizen's device date, the receiver its own.

use crate::calendar::CalendarDate;
use crate::complaint::{
    AreaRef, AttachmentInfo, Contact, DatePart, Draft, Field, FieldError, Location, Privacy, Problem, ValidComplaint,
};
use crate::config::{Config, Limits};
use crate::email::parse_email;
use crate::nik::parse_nik;
use crate::phone::parse_phone;
use crate::text::{char_count, clean_line, clean_text};

/// The longest name accepted; FixMyStreet councils use 50, we allow for long
/// Indonesian names with titles.
pub const NAME_MAX: usize = 100;

/// Dates before this year are typos, not incidents.
const EARLIEST_YEAR: u16 = 1900;

impl Draft {
    /// Checks every answer and returns the cleaned complaint, or every problem
    /// found, in the order of the form.
    ///
    /// # Example
    /// ```
    /// use aduan::{calendar::CalendarDate, complaint::{Draft, Field, Problem, ReportKind}, config::Config};
    /// let config = Config::from_json(r#"{"version": 1, "regency": {"code": "14.03", "name": "Kabupaten Bengkalis"},
    ///     "endpoint": "/api/complaints"}"#).unwrap();
    /// let today = CalendarDate::new(2026, 11, 28).unwrap();
    /// let draft = Draft { kind: Some(ReportKind::Aspirasi), title: "Taman baca".into(), ..Draft::default() };
    /// let errors = draft.validate(&config, today).unwrap_err();
    /// assert_eq!(errors[0].field, Field::Description);
    /// assert_eq!(errors[0].problem, Problem::Missing);
    /// ```
    pub fn validate(&self, config: &Config, today: CalendarDate) -> Result<ValidComplaint, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut check = |field: Field, result: Result<(), Problem>| {
            if let Err(problem) = result {
                errors.push(FieldError { field, problem });
            }
        };
        let limits = &config.limits;
        let needs_time_and_place = self.kind.is_some_and(|kind| kind.needs_time_and_place());

        check(Field::Kind, self.kind.map(|_| ()).ok_or(Problem::Missing));

        let title = clean_line(&self.title);
        check(Field::Title, length(&title, 1, limits.title_max));

        let description = clean_text(&self.description);
        check(Field::Description, length(&description, limits.description_min.max(1), limits.description_max));

        let incident_date = incident_date(self, today, needs_time_and_place);
        check(Field::IncidentDate, incident_date.as_ref().map(|_| ()).map_err(Clone::clone));

        let (location, kecamatan_problem, desa_problem) = location(self, config, needs_time_and_place);
        check(Field::Kecamatan, kecamatan_problem.map_or(Ok(()), Err));
        check(Field::Desa, desa_problem.map_or(Ok(()), Err));
        // Without a list of areas, the free text is the only way to say where.
        let detail_min = usize::from(config.areas.is_empty() && needs_time_and_place);
        check(Field::LocationDetail, length(&location.detail, detail_min, limits.location_detail_max));

        let agency = self.agency.trim();
        let agency = (!agency.is_empty()).then(|| agency.to_owned());
        check(
            Field::Agency,
            match &agency {
                Some(id) if config.agency(id).is_none() => Err(Problem::NotInList),
                _ => Ok(()),
            },
        );

        check(Field::Attachments, check_attachments(&self.attachments, limits));

        let name = clean_line(&self.name);
        check(Field::Name, length(&name, if self.anonymous { 0 } else { 1 }, NAME_MAX));

        let phone = optional(&self.phone, |typed| parse_phone(typed).map_err(Problem::Phone));
        let email = optional(&self.email, |typed| parse_email(typed).ok_or(Problem::Email));
        let no_way_to_reply = matches!((&phone, &email), (Ok(None), Ok(None))) && !self.anonymous;
        check(
            Field::Phone,
            if no_way_to_reply { Err(Problem::NoWayToReply) } else { phone.as_ref().map(|_| ()).map_err(Clone::clone) },
        );
        check(Field::Email, email.as_ref().map(|_| ()).map_err(Clone::clone));

        let nik = optional(&self.nik, |typed| parse_nik(typed, today).map_err(Problem::Nik));
        check(Field::Nik, nik.as_ref().map(|_| ()).map_err(Clone::clone));

        let (Some(kind), Ok(incident_date), Ok(phone), Ok(email), Ok(nik), true) =
            (self.kind, incident_date, phone, email, nik, errors.is_empty())
        else {
            return Err(errors);
        };
        Ok(ValidComplaint {
            kind,
            title,
            description,
            incident_date,
            location,
            agency,
            privacy: Privacy { anonymous: self.anonymous, confidential: self.confidential },
            contact: Contact { name: (!name.is_empty()).then_some(name), phone, email, nik },
            attachments: self.attachments.clone(),
        })
    }
}

/// Checks a cleaned answer's length in characters; `min == 0` makes it optional.
fn length(text: &str, min: usize, max: usize) -> Result<(), Problem> {
    // Counting stops early past the limit so a megabyte paste costs no more than needed.
    let count = text.chars().take(max.saturating_add(1)).count();
    if count == 0 && min > 0 {
        Err(Problem::Missing)
    } else if count < min {
        Err(Problem::TooShort { min })
    } else if count > max {
        Err(Problem::TooLong { max })
    } else {
        Ok(())
    }
}

/// An optional answer: blank is `None`, anything else must parse.
fn optional<T>(typed: &str, parse: impl FnOnce(&str) -> Result<T, Problem>) -> Result<Option<T>, Problem> {
    if typed.trim().is_empty() { Ok(None) } else { parse(typed).map(Some) }
}

fn incident_date(draft: &Draft, today: CalendarDate, required: bool) -> Result<Option<CalendarDate>, Problem> {
    let parts = [
        (DatePart::Day, draft.incident_day.trim()),
        (DatePart::Month, draft.incident_month.trim()),
        (DatePart::Year, draft.incident_year.trim()),
    ];
    let missing: Vec<DatePart> = parts.iter().filter(|(_, text)| text.is_empty()).map(|(part, _)| *part).collect();
    if missing.len() == parts.len() {
        return if required { Err(Problem::Missing) } else { Ok(None) };
    }
    if !missing.is_empty() {
        return Err(Problem::DateIncomplete { missing });
    }
    let number = |text: &str| -> Result<u16, Problem> {
        if text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Problem::DateNotReal);
        }
        text.parse().map_err(|_| Problem::DateNotReal)
    };
    let (day, month, year_text) = (number(parts[0].1)?, number(parts[1].1)?, parts[2].1);
    if year_text.len() != 4 {
        return Err(Problem::YearNotFourDigits);
    }
    let year = number(year_text)?;
    let date = u8::try_from(month)
        .ok()
        .zip(u8::try_from(day).ok())
        .and_then(|(month, day)| CalendarDate::new(year, month, day))
        .filter(|date| date.year() >= EARLIEST_YEAR)
        .ok_or(Problem::DateNotReal)?;
    if date > today { Err(Problem::DateInFuture) } else { Ok(Some(date)) }
}

/// The location and, separately, what is wrong with the kecamatan and the desa.
fn location(draft: &Draft, config: &Config, required: bool) -> (Location, Option<Problem>, Option<Problem>) {
    let detail = clean_line(&draft.location_detail);
    let (kecamatan_code, desa_code) = (draft.kecamatan.trim(), draft.desa.trim());
    let mut location = Location { detail, coordinates: draft.coordinates, ..Location::default() };
    if config.areas.is_empty() {
        // Nothing to choose from: the free-text detail is the whole location.
        return (location, None, None);
    }
    if kecamatan_code.is_empty() {
        let problem = (required || !desa_code.is_empty()).then_some(Problem::Missing);
        return (location, problem, None);
    }
    let Some(kecamatan) = config.kecamatan(kecamatan_code) else {
        return (location, Some(Problem::NotInList), None);
    };
    location.kecamatan = Some(AreaRef { code: kecamatan.code.clone(), name: kecamatan.name.clone() });
    if desa_code.is_empty() {
        return (location, None, None);
    }
    match kecamatan.desa.iter().find(|desa| desa.code == desa_code) {
        Some(desa) => {
            location.desa = Some(AreaRef { code: desa.code.clone(), name: desa.name.clone() });
            (location, None, None)
        }
        None => (location, None, Some(Problem::NotInList)),
    }
}

/// Checks the chosen files alone, so the form can say at once when a photo is
/// too large rather than only after the citizen presses send.
pub fn check_attachments(files: &[AttachmentInfo], limits: &Limits) -> Result<(), Problem> {
    if files.len() > limits.attachments_max_count {
        return Err(Problem::TooManyFiles { max: limits.attachments_max_count });
    }
    for file in files {
        let name = file.name.clone();
        if file.size == 0 {
            return Err(Problem::FileEmpty { name });
        }
        if !limits.attachment_types.iter().any(|allowed| allowed.eq_ignore_ascii_case(&file.mime)) {
            return Err(Problem::FileTypeNotAllowed { name });
        }
        if file.size > limits.attachment_max_bytes {
            return Err(Problem::FileTooLarge { name, max_bytes: limits.attachment_max_bytes });
        }
    }
    Ok(())
}

/// How many characters `text` has left before `max`, negative when over; what
/// the character count shows as the citizen types.
pub fn characters_left(text: &str, max: usize) -> i64 {
    max as i64 - char_count(text) as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::ReportKind;
    use crate::nik::NikProblem;
    use crate::phone::PhoneProblem;

    fn config() -> Config {
        Config::from_json(include_str!("../config/bengkalis.json")).expect("the shipped config is valid")
    }

    fn today() -> CalendarDate {
        CalendarDate::new(2026, 11, 28).unwrap()
    }

    /// A complete complaint about a broken street light in Rupat, written for these tests.
    fn good_draft() -> Draft {
        Draft {
            kind: Some(ReportKind::Pengaduan),
            title: "Lampu jalan padam di depan sekolah".into(),
            description: "Sudah dua minggu lampu jalan di depan SD padam, anak-anak pulang mengaji dalam gelap.".into(),
            incident_day: "14".into(),
            incident_month: "11".into(),
            incident_year: "2026".into(),
            kecamatan: "14.03.10".into(),
            desa: "14.03.10.1001".into(),
            location_detail: "Jalan Pesisir, dekat dermaga".into(),
            agency: "dishub".into(),
            name: "Siti Aminah".into(),
            phone: "0812-3456-7890".into(),
            ..Draft::default()
        }
    }

    fn problems(draft: &Draft) -> Vec<(Field, Problem)> {
        match draft.validate(&config(), today()) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| (e.field, e.problem)).collect(),
        }
    }

    #[test]
    fn a_complete_draft_becomes_a_clean_complaint() {
        let complaint = good_draft().validate(&config(), today()).unwrap();
        assert_eq!(complaint.kind, ReportKind::Pengaduan);
        assert_eq!(complaint.incident_date, CalendarDate::new(2026, 11, 14));
        assert_eq!(complaint.location.kecamatan.unwrap().name, "Rupat");
        assert_eq!(complaint.location.desa.unwrap().name, "Batu Panjang");
        assert_eq!(complaint.contact.phone.unwrap().as_e164(), "+6281234567890");
        assert_eq!(complaint.agency.as_deref(), Some("dishub"));
    }

    #[test]
    fn an_empty_draft_lists_every_required_field_in_form_order() {
        assert_eq!(
            problems(&Draft::default()),
            vec![
                (Field::Kind, Problem::Missing),
                (Field::Title, Problem::Missing),
                (Field::Description, Problem::Missing),
                (Field::Name, Problem::Missing),
                (Field::Phone, Problem::NoWayToReply),
            ]
        );
    }

    #[test]
    fn each_bad_answer_gets_its_own_problem() {
        let long_title = "Judul ".repeat(30);
        type Case = (&'static str, Box<dyn Fn(&mut Draft)>, Field, Problem);
        let cases: Vec<Case> = vec![
            ("title of spaces", Box::new(|d| d.title = "   \n ".into()), Field::Title, Problem::Missing),
            (
                "title too long",
                Box::new(move |d| d.title = long_title.clone()),
                Field::Title,
                Problem::TooLong { max: 150 },
            ),
            (
                "description too short",
                Box::new(|d| d.description = "Jalan rusak".into()),
                Field::Description,
                Problem::TooShort { min: 20 },
            ),
            (
                "description of controls",
                Box::new(|d| d.description = "\u{0}\u{1}\u{2}".into()),
                Field::Description,
                Problem::Missing,
            ),
            (
                "megabyte description",
                Box::new(|d| d.description = "a".repeat(1 << 20)),
                Field::Description,
                Problem::TooLong { max: 4000 },
            ),
            (
                "complaint without date",
                Box::new(|d| {
                    d.incident_day.clear();
                    d.incident_month.clear();
                    d.incident_year.clear();
                }),
                Field::IncidentDate,
                Problem::Missing,
            ),
            (
                "date without month",
                Box::new(|d| d.incident_month = " ".into()),
                Field::IncidentDate,
                Problem::DateIncomplete { missing: vec![DatePart::Month] },
            ),
            (
                "date with only a year",
                Box::new(|d| {
                    d.incident_day.clear();
                    d.incident_month.clear();
                }),
                Field::IncidentDate,
                Problem::DateIncomplete { missing: vec![DatePart::Day, DatePart::Month] },
            ),
            (
                "31 February",
                Box::new(|d| {
                    d.incident_day = "31".into();
                    d.incident_month = "2".into();
                }),
                Field::IncidentDate,
                Problem::DateNotReal,
            ),
            (
                "29 February of a common year",
                Box::new(|d| {
                    d.incident_day = "29".into();
                    d.incident_month = "2".into();
                    d.incident_year = "2025".into();
                }),
                Field::IncidentDate,
                Problem::DateNotReal,
            ),
            ("month 13", Box::new(|d| d.incident_month = "13".into()), Field::IncidentDate, Problem::DateNotReal),
            (
                "letters in a date",
                Box::new(|d| d.incident_month = "Nov".into()),
                Field::IncidentDate,
                Problem::DateNotReal,
            ),
            (
                "two-digit year",
                Box::new(|d| d.incident_year = "26".into()),
                Field::IncidentDate,
                Problem::YearNotFourDigits,
            ),
            ("tomorrow", Box::new(|d| d.incident_day = "29".into()), Field::IncidentDate, Problem::DateInFuture),
            ("next year", Box::new(|d| d.incident_year = "2027".into()), Field::IncidentDate, Problem::DateInFuture),
            ("year 1066", Box::new(|d| d.incident_year = "1066".into()), Field::IncidentDate, Problem::DateNotReal),
            (
                "complaint without kecamatan",
                Box::new(|d| {
                    d.kecamatan.clear();
                    d.desa.clear();
                }),
                Field::Kecamatan,
                Problem::Missing,
            ),
            (
                "unknown kecamatan",
                Box::new(|d| {
                    d.kecamatan = "14.03.05".into();
                    d.desa.clear();
                }),
                Field::Kecamatan,
                Problem::NotInList,
            ),
            (
                "desa of another kecamatan",
                Box::new(|d| d.desa = "14.03.01.1001".into()),
                Field::Desa,
                Problem::NotInList,
            ),
            ("desa without kecamatan", Box::new(|d| d.kecamatan.clear()), Field::Kecamatan, Problem::Missing),
            (
                "long location detail",
                Box::new(|d| d.location_detail = "x".repeat(201)),
                Field::LocationDetail,
                Problem::TooLong { max: 200 },
            ),
            ("unknown agency", Box::new(|d| d.agency = "kpk".into()), Field::Agency, Problem::NotInList),
            ("no name", Box::new(|d| d.name = " ".into()), Field::Name, Problem::Missing),
            ("long name", Box::new(|d| d.name = "N".repeat(101)), Field::Name, Problem::TooLong { max: 100 }),
            ("no phone nor email", Box::new(|d| d.phone.clear()), Field::Phone, Problem::NoWayToReply),
            (
                "foreign phone",
                Box::new(|d| d.phone = "+1 202 555 0100".into()),
                Field::Phone,
                Problem::Phone(PhoneProblem::NotIndonesian),
            ),
            (
                "short phone",
                Box::new(|d| d.phone = "0812".into()),
                Field::Phone,
                Problem::Phone(PhoneProblem::WrongLength),
            ),
            ("bad email", Box::new(|d| d.email = "siti@gmail".into()), Field::Email, Problem::Email),
            (
                "short nik",
                Box::new(|d| d.nik = "14030112038500".into()),
                Field::Nik,
                Problem::Nik(NikProblem::WrongLength),
            ),
            (
                "nik with a fake birth date",
                Box::new(|d| d.nik = "1403013502850002".into()),
                Field::Nik,
                Problem::Nik(NikProblem::ImpossibleBirthDate),
            ),
            (
                "four files",
                Box::new(|d| d.attachments = vec![photo("a.jpg"); 4]),
                Field::Attachments,
                Problem::TooManyFiles { max: 3 },
            ),
            (
                "empty file",
                Box::new(|d| d.attachments = vec![AttachmentInfo { size: 0, ..photo("kosong.jpg") }]),
                Field::Attachments,
                Problem::FileEmpty { name: "kosong.jpg".into() },
            ),
            (
                "huge file",
                Box::new(|d| d.attachments = vec![AttachmentInfo { size: 6 << 20, ..photo("besar.jpg") }]),
                Field::Attachments,
                Problem::FileTooLarge { name: "besar.jpg".into(), max_bytes: 5 << 20 },
            ),
            (
                "video file",
                Box::new(|d| d.attachments = vec![AttachmentInfo { mime: "video/mp4".into(), ..photo("video.mp4") }]),
                Field::Attachments,
                Problem::FileTypeNotAllowed { name: "video.mp4".into() },
            ),
            (
                "file of unknown type",
                Box::new(|d| d.attachments = vec![AttachmentInfo { mime: String::new(), ..photo("x") }]),
                Field::Attachments,
                Problem::FileTypeNotAllowed { name: "x".into() },
            ),
        ];
        for (story, edit, field, problem) in cases {
            let mut draft = good_draft();
            edit(&mut draft);
            assert_eq!(problems(&draft), vec![(field, problem)], "{story}");
        }
    }

    fn photo(name: &str) -> AttachmentInfo {
        AttachmentInfo { name: name.into(), mime: "image/jpeg".into(), size: 300_000 }
    }

    #[test]
    fn suggestions_and_questions_need_no_date_or_place() {
        for kind in [ReportKind::Aspirasi, ReportKind::PermintaanInformasi] {
            let draft = Draft {
                kind: Some(kind),
                incident_day: String::new(),
                incident_month: String::new(),
                incident_year: String::new(),
                kecamatan: String::new(),
                desa: String::new(),
                ..good_draft()
            };
            let complaint = draft.validate(&config(), today()).unwrap();
            assert_eq!(complaint.incident_date, None);
            assert_eq!(complaint.location.kecamatan, None);
        }
    }

    #[test]
    fn without_an_area_list_a_complaint_needs_the_free_text_location() {
        let mut config = config();
        config.areas.clear();
        let draft =
            Draft { kecamatan: String::new(), desa: String::new(), location_detail: " ".into(), ..good_draft() };
        let errors = draft.validate(&config, today()).unwrap_err();
        assert_eq!(errors, vec![FieldError { field: Field::LocationDetail, problem: Problem::Missing }]);
        let described = Draft { location_detail: "Jalan Sudirman".into(), ..draft };
        assert!(described.validate(&config, today()).is_ok());
    }

    #[test]
    fn an_anonymous_report_needs_no_name_or_contact() {
        let draft = Draft { anonymous: true, name: String::new(), phone: String::new(), ..good_draft() };
        let complaint = draft.validate(&config(), today()).unwrap();
        assert!(complaint.privacy.anonymous);
        assert_eq!(complaint.contact, Contact::default());
    }

    #[test]
    fn email_alone_is_a_way_to_reply() {
        let draft = Draft { phone: String::new(), email: "siti@contoh.id".into(), ..good_draft() };
        assert!(draft.validate(&config(), today()).is_ok());
    }

    #[test]
    fn answers_are_cleaned_but_markup_stays_text() {
        let draft = Draft {
            title: "  <img src=x onerror=alert(1)>\n lampu ".into(),
            description: "Lampu mati 💡 sejak lama.\r\n\r\nمرحبا\u{0} <script>alert(1)</script>".into(),
            ..good_draft()
        };
        let complaint = draft.validate(&config(), today()).unwrap();
        assert_eq!(complaint.title, "<img src=x onerror=alert(1)> lampu");
        assert_eq!(complaint.description, "Lampu mati 💡 sejak lama.\n\nمرحبا <script>alert(1)</script>");
    }

    #[test]
    fn today_itself_is_a_valid_incident_date() {
        let draft = Draft {
            incident_day: "28".into(),
            incident_month: "11".into(),
            incident_year: "2026".into(),
            ..good_draft()
        };
        assert!(draft.validate(&config(), today()).is_ok());
        let padded = Draft { incident_day: "07".into(), incident_month: "03".into(), ..good_draft() };
        assert!(padded.validate(&config(), today()).is_ok());
    }

    #[test]
    fn the_error_summary_links_to_the_part_of_the_date_that_needs_fixing() {
        let month = FieldError {
            field: Field::IncidentDate,
            problem: Problem::DateIncomplete { missing: vec![DatePart::Month, DatePart::Year] },
        };
        assert_eq!(month.target_id(), "aduan-incident-month");
        let year = FieldError { field: Field::IncidentDate, problem: Problem::YearNotFourDigits };
        assert_eq!(year.target_id(), "aduan-incident-year");
        let title = FieldError { field: Field::Title, problem: Problem::Missing };
        assert_eq!(title.target_id(), "aduan-title");
    }

    #[test]
    fn the_character_count_goes_negative_past_the_limit() {
        assert_eq!(characters_left("abc", 5), 2);
        assert_eq!(characters_left("🌊🌊🌊", 2), -1);
    }
}
