//! Reading a payload back without serde: the widget keeps each unsent complaint
//! in its outbox as the payload JSON it will send, and reads it again after a
//! reload. The receiver uses `from_json` (serde) instead; a test holds the two
//! to the same answers.

use super::{
    AgencyRef, ComplaintPayload, PayloadAttachment, PayloadContact, PayloadLocation, RegencyRef, Source, TriageRecord,
};
use crate::complaint::{AreaRef, Coordinates, Privacy, ReportKind};
use crate::json::Json;
use crate::json_reader::{Object, Result, key_error, parse};
use crate::messages::Lang;

impl ComplaintPayload {
    /// Reads payload JSON as [`ComplaintPayload::to_json`] writes it; an error names the key.
    pub fn read(text: &str) -> Result<Self> {
        let value = parse(text)?;
        let top = Object::new(
            &value,
            "",
            &[
                "schema",
                "client_id",
                "submitted_at",
                "language",
                "regency",
                "kind",
                "title",
                "description",
                "incident_date",
                "location",
                "agency",
                "privacy",
                "contact",
                "attachments",
                "source",
                "triage",
            ],
        )?;
        let language = top.string("language")?;
        let kind = top.string("kind")?;
        let regency = top.object("regency", &["code", "name"])?;
        let location = top.object("location", &["kecamatan", "desa", "detail", "coordinates"])?;
        let privacy = top.object("privacy", &["anonymous", "confidential"])?;
        let contact = top.object("contact", &["name", "phone", "email", "nik"])?;
        let source = top.object("source", &["widget_version", "page_url"])?;
        let attachments = top
            .array("attachments")?
            .into_iter()
            .map(|(path, item)| {
                let file = Object::new(item, &path, &["name", "type", "size", "data_base64"])?;
                Ok(PayloadAttachment {
                    name: file.string("name")?,
                    mime: file.string("type")?,
                    size: file.number("size")?,
                    data_base64: file.string("data_base64")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(ComplaintPayload {
            schema: top.string("schema")?,
            client_id: top.string("client_id")?,
            submitted_at: top.string("submitted_at")?,
            language: Lang::from_code(&language).ok_or_else(|| key_error("language", "expected \"id\" or \"en\""))?,
            regency: RegencyRef { code: regency.string("code")?, name: regency.string("name")? },
            kind: ReportKind::ALL
                .into_iter()
                .find(|k| k.code() == kind)
                .ok_or_else(|| key_error("kind", format!("unknown kind \"{kind}\"")))?,
            title: top.string("title")?,
            description: top.string("description")?,
            incident_date: top.optional_string("incident_date")?,
            location: PayloadLocation {
                kecamatan: area(&location, "kecamatan")?,
                desa: area(&location, "desa")?,
                detail: location.optional_string("detail")?,
                coordinates: match location.optional_object("coordinates", &["lat", "long"])? {
                    None => None,
                    Some(point) => {
                        let number = |key: &str| match point.value(key) {
                            Some(Json::Number(text)) => Ok(text.as_str()),
                            _ => Err(key_error(point.key(key), "expected a number")),
                        };
                        Some(
                            Coordinates::parse(number("lat")?, number("long")?)
                                .ok_or_else(|| key_error(location.key("coordinates"), "not a point on Earth"))?,
                        )
                    }
                },
            },
            agency: match top.optional_object("agency", &["id", "name"])? {
                None => None,
                Some(agency) => Some(AgencyRef { id: agency.string("id")?, name: agency.string("name")? }),
            },
            privacy: Privacy { anonymous: flag(&privacy, "anonymous")?, confidential: flag(&privacy, "confidential")? },
            contact: PayloadContact {
                name: contact.optional_string("name")?,
                phone: contact.optional_string("phone")?,
                email: contact.optional_string("email")?,
                nik: contact.optional_string("nik")?,
            },
            attachments,
            source: Source {
                widget_version: source.string("widget_version")?,
                page_url: source.optional_string("page_url")?,
            },
            triage: match top.optional_object(
                "triage",
                &["model", "topic", "confidence", "suggested_agency", "referral", "emergency", "choice"],
            )? {
                None => None,
                Some(triage) => Some(TriageRecord {
                    model: triage.string("model")?,
                    topic: triage.optional_string("topic")?,
                    confidence: triage.string("confidence")?,
                    suggested_agency: triage.optional_string("suggested_agency")?,
                    referral: triage.optional_string("referral")?,
                    emergency: triage.optional_string("emergency")?,
                    choice: triage.string("choice")?,
                }),
            },
        })
    }
}

fn area(parent: &Object<'_>, key: &str) -> Result<Option<AreaRef>> {
    Ok(match parent.optional_object(key, &["code", "name"])? {
        None => None,
        Some(area) => Some(AreaRef { code: area.string("code")?, name: area.string("name")? }),
    })
}

fn flag(parent: &Object<'_>, key: &str) -> Result<bool> {
    match parent.value(key) {
        Some(Json::Bool(value)) => Ok(*value),
        _ => Err(key_error(parent.key(key), "expected true or false")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::payload;
    use super::*;

    #[test]
    fn what_the_widget_wrote_it_reads_back_as_serde_does() {
        let mut sent = payload();
        for round in 0..4 {
            let text = sent.to_json();
            assert_eq!(ComplaintPayload::read(&text).unwrap(), sent, "round {round}");
            assert_eq!(ComplaintPayload::from_json(&text).unwrap(), sent, "round {round}");
            // Vary what may be absent or unusual, one step per round.
            match round {
                0 => {
                    sent.location.coordinates = Coordinates::new(-1_466_600, 102_133_301);
                    sent.triage = None;
                    sent.title = "Markup <b>\"kutip\"</b> \\ baris\nbaru \u{1} 💡".into();
                }
                1 => {
                    sent.agency = None;
                    sent.attachments.clear();
                    sent.contact = PayloadContact::default();
                    sent.language = Lang::En;
                }
                _ => {
                    sent.location.coordinates = Coordinates::new(90_000_000, -180_000_000);
                    sent.source.page_url = None;
                    sent.incident_date = Some("2026-11-01".into());
                }
            }
        }
    }

    #[test]
    fn a_damaged_record_names_its_key() {
        let text = payload().to_json();
        for (damage, key) in [
            (text.replace("\"anonymous\":false", "\"anonymous\":0"), "privacy.anonymous"),
            (text.replace("\"kind\":\"permintaan_informasi\"", "\"kind\":\"surat\""), "kind"),
            (text.replace("\"schema\"", "\"skema\""), "skema"),
            (text[..text.len() / 2].to_owned(), ""),
        ] {
            assert_eq!(ComplaintPayload::read(&damage).unwrap_err().key, key, "{damage}");
        }
    }
}
