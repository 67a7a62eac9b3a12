//! The draft as the device keeps it while the citizen types, so a reload, a
//! crash or a closed tab loses nothing.
//!
//! Part of the pure core; the browser edge puts the text in `localStorage`.
//! Attachments are not kept (files cannot go there); the restored form says so.
//! A draft older than [`DRAFT_LIFETIME_MS`] is dropped rather than restored, so a
//! shared phone does not show last month's complaint to the next person.

use crate::complaint::{Coordinates, Draft, ReportKind};
use crate::json::{Json, Writer};
use crate::json_reader::{Object, Result, key_error, parse};

/// Thirty days.
pub const DRAFT_LIFETIME_MS: u64 = 30 * 24 * 60 * 60 * 1000;

/// The draft as JSON, stamped with when it was saved.
pub fn save(draft: &Draft, saved_at_ms: u64) -> String {
    let mut json = Writer::new();
    json.begin_object();
    json.key("saved_at").number(saved_at_ms);
    json.key("kind").optional_string(draft.kind.map(ReportKind::code));
    for (key, text) in texts(draft) {
        json.key(key).string(text);
    }
    json.key("anonymous").bool(draft.anonymous);
    json.key("confidential").bool(draft.confidential);
    json.key("coordinates");
    match draft.coordinates {
        Some(point) => {
            json.begin_object().key("lat").raw_number(&point.lat()).key("long").raw_number(&point.long()).end_object();
        }
        None => {
            json.null();
        }
    }
    json.end_object();
    json.finish()
}

/// The text answers with their keys, in form order.
fn texts(draft: &Draft) -> [(&'static str, &String); 13] {
    [
        ("title", &draft.title),
        ("description", &draft.description),
        ("incident_day", &draft.incident_day),
        ("incident_month", &draft.incident_month),
        ("incident_year", &draft.incident_year),
        ("kecamatan", &draft.kecamatan),
        ("desa", &draft.desa),
        ("location_detail", &draft.location_detail),
        ("agency", &draft.agency),
        ("name", &draft.name),
        ("phone", &draft.phone),
        ("email", &draft.email),
        ("nik", &draft.nik),
    ]
}

/// The saved draft, if there is one worth restoring at `now_ms`: not expired,
/// and not empty.
pub fn restore(text: &str, now_ms: u64) -> Result<Option<Draft>> {
    let value = parse(text)?;
    let mut known: Vec<&str> = texts(&Draft::default()).iter().map(|(key, _)| *key).collect();
    known.extend(["saved_at", "kind", "anonymous", "confidential", "coordinates"]);
    let saved = Object::new(&value, "", &known)?;
    if now_ms.saturating_sub(saved.number("saved_at")?) > DRAFT_LIFETIME_MS {
        return Ok(None);
    }
    let text = |key: &str| saved.optional_string(key).map(Option::unwrap_or_default);
    let flag = |key: &str| matches!(saved.value(key), Some(Json::Bool(true)));
    let kind = match saved.optional_string("kind")? {
        None => None,
        Some(code) => Some(
            ReportKind::ALL
                .into_iter()
                .find(|k| k.code() == code)
                .ok_or_else(|| key_error("kind", format!("unknown kind \"{code}\"")))?,
        ),
    };
    let coordinates = match saved.optional_object("coordinates", &["lat", "long"])? {
        None => None,
        Some(point) => {
            let number = |key: &str| match point.value(key) {
                Some(Json::Number(text)) => Some(text.as_str()),
                _ => None,
            };
            Some(
                Coordinates::parse(number("lat").unwrap_or(""), number("long").unwrap_or(""))
                    .ok_or_else(|| key_error("coordinates", "not a point"))?,
            )
        }
    };
    let draft = Draft {
        kind,
        title: text("title")?,
        description: text("description")?,
        incident_day: text("incident_day")?,
        incident_month: text("incident_month")?,
        incident_year: text("incident_year")?,
        kecamatan: text("kecamatan")?,
        desa: text("desa")?,
        location_detail: text("location_detail")?,
        coordinates,
        agency: text("agency")?,
        anonymous: flag("anonymous"),
        confidential: flag("confidential"),
        name: text("name")?,
        phone: text("phone")?,
        email: text("email")?,
        nik: text("nik")?,
        attachments: Vec::new(),
    };
    Ok((!is_blank(&draft)).then_some(draft))
}

/// Whether nothing has been answered: such a draft is not worth keeping.
pub fn is_blank(draft: &Draft) -> bool {
    let empty = Draft { attachments: Vec::new(), ..Draft::default() };
    Draft { attachments: Vec::new(), ..draft.clone() } == empty
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed() -> Draft {
        Draft {
            kind: Some(ReportKind::Pengaduan),
            title: "Jalan berlubang \"parah\" 🚧".into(),
            description: "Baris satu\nbaris dua\tdengan tab dan \u{202e}RTL".into(),
            incident_day: "31".into(),
            incident_month: "2".into(),
            incident_year: "2026".into(),
            kecamatan: "14.03.10".into(),
            desa: "14.03.10.2005".into(),
            location_detail: "RT 02".into(),
            coordinates: Coordinates::new(1_700_000, 101_400_000),
            agency: "pupr".into(),
            anonymous: true,
            confidential: false,
            name: "Siti".into(),
            phone: "0812-3456-7890".into(),
            email: "siti@".into(),
            nik: "14030145".into(),
            attachments: Vec::new(),
        }
    }

    #[test]
    fn a_draft_comes_back_exactly_as_typed_invalid_answers_included() {
        let draft = typed();
        assert_eq!(restore(&save(&draft, 1_000), 2_000).unwrap(), Some(draft));
    }

    #[test]
    fn an_old_or_empty_draft_is_not_restored() {
        assert_eq!(restore(&save(&typed(), 1_000), 1_000 + DRAFT_LIFETIME_MS + 1).unwrap(), None);
        assert_eq!(restore(&save(&Draft::default(), 1_000), 2_000).unwrap(), None);
        assert!(is_blank(&Draft::default()));
        assert!(!is_blank(&Draft { anonymous: true, ..Draft::default() }));
    }

    #[test]
    fn a_damaged_draft_is_an_error_not_a_panic() {
        for damaged in [
            "",
            "{",
            "[]",
            "{\"saved_at\": \"x\"}",
            "{\"saved_at\": 1, \"kind\": \"surat\"}",
            "{\"saved_at\": 1, \"pin\": 1}",
        ] {
            assert!(restore(damaged, 2).is_err(), "{damaged}");
        }
    }
}
