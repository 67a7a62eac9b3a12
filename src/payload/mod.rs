//! The JSON a complaint travels as: `aduan.complaint/1`, documented in `docs/payload.md`.
//!
//! Part of the pure core. The widget builds it from a [`ValidComplaint`]; the
//! reference receiver reads it back and re-checks it with the same validation the
//! widget used, so a hand-made or tampered request meets the same rules. Fields may
//! be added to version 1 (receivers ignore what they do not know); renaming or
//! removing one needs version 2.

mod read;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::base64;
use crate::calendar::CalendarDate;
use crate::complaint::{AreaRef, AttachmentInfo, Coordinates, Draft, FieldError, Privacy, ReportKind, ValidComplaint};
use crate::config::Config;
use crate::json::Writer;
use crate::messages::Lang;

/// The schema name every payload carries.
pub const SCHEMA: &str = "aduan.complaint/1";

/// The widget's version, sent with each complaint so an agency can tell which
/// widget sent what.
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A random id the browser gives a complaint before the first attempt to send it;
/// a receiver that sees the same id twice keeps one copy. A UUID version 4.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClientId(String);

impl ClientId {
    /// Makes the id from 16 random bytes (the browser's `crypto.getRandomValues`).
    ///
    /// # Example
    /// ```
    /// use aduan::payload::ClientId;
    /// let id = ClientId::from_random([0xab; 16]);
    /// assert_eq!(id.as_str(), "abababab-abab-4bab-abab-abababababab");
    /// assert_eq!(ClientId::parse(id.as_str()), Some(id));
    /// ```
    pub fn from_random(mut bytes: [u8; 16]) -> Self {
        bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Self(format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..]))
    }

    /// Accepts a lowercase or uppercase UUID in the 8-4-4-4-12 form; returns it lowercased.
    pub fn parse(text: &str) -> Option<Self> {
        let groups: Vec<&str> = text.split('-').collect();
        let shape_ok = groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()));
        shape_ok.then(|| Self(text.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first group, short enough to read out on the phone when a backend
    /// gives no tracking number of its own.
    pub fn short(&self) -> &str {
        &self.0[..8]
    }
}

impl fmt::Display for ClientId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComplaintPayload {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// See [`ClientId`].
    pub client_id: String,
    /// When the citizen pressed send, RFC 3339 in UTC, by the device's clock.
    pub submitted_at: String,
    /// The language the citizen used the form in.
    pub language: Lang,
    pub regency: RegencyRef,
    pub kind: ReportKind,
    pub title: String,
    pub description: String,
    /// `YYYY-MM-DD`, or null when not given (suggestions and questions).
    pub incident_date: Option<String>,
    pub location: PayloadLocation,
    /// The agency the citizen chose; null for "I don't know".
    pub agency: Option<AgencyRef>,
    pub privacy: Privacy,
    pub contact: PayloadContact,
    #[serde(default)]
    pub attachments: Vec<PayloadAttachment>,
    pub source: Source,
    /// What the in-browser triage suggested, and what the citizen chose; null
    /// when the widget made no suggestion (no model, or nothing typed yet).
    #[serde(default)]
    pub triage: Option<TriageRecord>,
}

/// The triage suggestion as sent, so an agency can audit routing: what the
/// model read, how sure it was, where it pointed, and whether the citizen
/// followed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriageRecord {
    /// The model's identity, e.g. `aduan-triage 481683cb80b6`.
    pub model: String,
    /// The topic id, or null when the text gave nothing to go on.
    pub topic: Option<String>,
    /// `sure`, `likely` or `unsure`.
    pub confidence: String,
    /// The agency id suggested, if the suggestion was an agency.
    pub suggested_agency: Option<String>,
    /// The outside body suggested, if the matter is not the regency's.
    pub referral: Option<String>,
    /// The kind of danger detected (`fire`, `rescue`…), if any.
    pub emergency: Option<String>,
    /// How the agency in the payload was chosen: `suggested` (the citizen kept
    /// or picked the suggestion), `alternative` (one of the two offered),
    /// `other` (picked from the list), or `unknown` (left to the officer).
    pub choice: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegencyRef {
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadLocation {
    pub kecamatan: Option<AreaRef>,
    pub desa: Option<AreaRef>,
    pub detail: Option<String>,
    /// `{"lat", "long"}` in decimal degrees from the citizen's device, only when
    /// they chose to share them.
    #[serde(default)]
    pub coordinates: Option<Coordinates>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRef {
    pub id: String,
    pub name: String,
}

/// Contact details; every one may be null. The phone is always `+62…`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadContact {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub nik: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayloadAttachment {
    pub name: String,
    #[serde(rename = "type")]
    pub mime: String,
    pub size: u64,
    pub data_base64: String,
}

/// Where the complaint came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub widget_version: String,
    /// The page the widget was embedded in.
    pub page_url: Option<String>,
}

/// The context a payload is made in, supplied by the browser edge.
#[derive(Clone, Debug)]
pub struct Envelope<'a> {
    pub client_id: &'a ClientId,
    pub submitted_at: &'a str,
    pub language: Lang,
    pub page_url: Option<&'a str>,
    pub triage: Option<TriageRecord>,
}

impl ComplaintPayload {
    /// Builds the payload; `files` holds each attachment's bytes, in the order of
    /// `complaint.attachments`.
    pub fn new(complaint: &ValidComplaint, config: &Config, envelope: &Envelope<'_>, files: &[Vec<u8>]) -> Self {
        let agency = complaint
            .agency
            .as_deref()
            .and_then(|id| config.agency(id))
            .map(|agency| AgencyRef { id: agency.id.clone(), name: agency.name.clone() });
        let attachments = complaint
            .attachments
            .iter()
            .zip(files)
            .map(|(info, bytes)| PayloadAttachment {
                name: info.name.clone(),
                mime: info.mime.clone(),
                size: bytes.len() as u64,
                data_base64: base64::encode(bytes),
            })
            .collect();
        let contact = &complaint.contact;
        Self {
            schema: SCHEMA.to_owned(),
            client_id: envelope.client_id.to_string(),
            submitted_at: envelope.submitted_at.to_owned(),
            language: envelope.language,
            regency: RegencyRef { code: config.regency.code.clone(), name: config.regency.name.clone() },
            kind: complaint.kind,
            title: complaint.title.clone(),
            description: complaint.description.clone(),
            incident_date: complaint.incident_date.map(|date| date.to_string()),
            location: PayloadLocation {
                kecamatan: complaint.location.kecamatan.clone(),
                desa: complaint.location.desa.clone(),
                detail: (!complaint.location.detail.is_empty()).then(|| complaint.location.detail.clone()),
                coordinates: complaint.location.coordinates,
            },
            agency,
            privacy: complaint.privacy,
            contact: PayloadContact {
                name: contact.name.clone(),
                phone: contact.phone.as_ref().map(|p| p.as_e164().to_owned()),
                email: contact.email.as_ref().map(|e| e.as_str().to_owned()),
                nik: contact.nik.as_ref().map(|n| n.as_str().to_owned()),
            },
            attachments,
            source: Source {
                widget_version: WIDGET_VERSION.to_owned(),
                page_url: envelope.page_url.map(str::to_owned),
            },
            triage: envelope.triage.clone(),
        }
    }

    /// The payload as JSON text, written by hand (see [`crate::json`] for why);
    /// a test checks it against serde's serialisation of the same struct.
    pub fn to_json(&self) -> String {
        let mut json = Writer::new();
        let area = |json: &mut Writer, area: &Option<AreaRef>| match area {
            Some(area) => {
                json.begin_object().key("code").string(&area.code).key("name").string(&area.name).end_object();
            }
            None => {
                json.null();
            }
        };
        json.begin_object();
        json.key("schema").string(&self.schema);
        json.key("client_id").string(&self.client_id);
        json.key("submitted_at").string(&self.submitted_at);
        json.key("language").string(self.language.code());
        json.key("regency").begin_object();
        json.key("code").string(&self.regency.code).key("name").string(&self.regency.name);
        json.end_object();
        json.key("kind").string(self.kind.code());
        json.key("title").string(&self.title);
        json.key("description").string(&self.description);
        json.key("incident_date").optional_string(self.incident_date.as_deref());
        json.key("location").begin_object();
        json.key("kecamatan");
        area(&mut json, &self.location.kecamatan);
        json.key("desa");
        area(&mut json, &self.location.desa);
        json.key("detail").optional_string(self.location.detail.as_deref());
        json.key("coordinates");
        match self.location.coordinates {
            Some(point) => {
                json.begin_object()
                    .key("lat")
                    .raw_number(&point.lat())
                    .key("long")
                    .raw_number(&point.long())
                    .end_object();
            }
            None => {
                json.null();
            }
        }
        json.end_object();
        json.key("agency");
        match &self.agency {
            Some(agency) => {
                json.begin_object().key("id").string(&agency.id).key("name").string(&agency.name).end_object();
            }
            None => {
                json.null();
            }
        }
        json.key("privacy").begin_object();
        json.key("anonymous").bool(self.privacy.anonymous).key("confidential").bool(self.privacy.confidential);
        json.end_object();
        let contact = &self.contact;
        json.key("contact").begin_object();
        json.key("name").optional_string(contact.name.as_deref());
        json.key("phone").optional_string(contact.phone.as_deref());
        json.key("email").optional_string(contact.email.as_deref());
        json.key("nik").optional_string(contact.nik.as_deref());
        json.end_object();
        json.key("attachments").begin_array();
        for attachment in &self.attachments {
            json.begin_object();
            json.key("name").string(&attachment.name);
            json.key("type").string(&attachment.mime);
            json.key("size").number(attachment.size);
            json.key("data_base64").string(&attachment.data_base64);
            json.end_object();
        }
        json.end_array();
        json.key("source").begin_object();
        json.key("widget_version").string(&self.source.widget_version);
        json.key("page_url").optional_string(self.source.page_url.as_deref());
        json.end_object();
        json.key("triage");
        match &self.triage {
            Some(triage) => {
                json.begin_object();
                json.key("model").string(&triage.model);
                json.key("topic").optional_string(triage.topic.as_deref());
                json.key("confidence").string(&triage.confidence);
                json.key("suggested_agency").optional_string(triage.suggested_agency.as_deref());
                json.key("referral").optional_string(triage.referral.as_deref());
                json.key("emergency").optional_string(triage.emergency.as_deref());
                json.key("choice").string(&triage.choice);
                json.end_object();
            }
            None => {
                json.null();
            }
        }
        json.end_object();
        json.finish()
    }

    /// Reads a payload as a receiver gets it; errors name the key at fault.
    pub fn from_json(text: &str) -> Result<Self, Rejection> {
        let mut reader = serde_json::Deserializer::from_str(text);
        let payload = serde_path_to_error::deserialize(&mut reader).map_err(|error| Rejection::Malformed {
            key: error.path().to_string(),
            detail: error.into_inner().to_string(),
        })?;
        reader.end().map_err(|error| Rejection::Malformed { key: String::new(), detail: error.to_string() })?;
        Ok(payload)
    }

    /// Re-checks a received payload against the receiver's config with the same
    /// rules the widget applied, and decodes its attachments.
    pub fn check(&self, config: &Config, today: CalendarDate) -> Result<Checked, Rejection> {
        if self.schema != SCHEMA {
            return Err(Rejection::UnknownSchema(self.schema.clone()));
        }
        let client_id = ClientId::parse(&self.client_id).ok_or(Rejection::BadClientId)?;
        if self.regency.code != config.regency.code {
            return Err(Rejection::OtherRegency(self.regency.code.clone()));
        }
        let mut files = Vec::with_capacity(self.attachments.len());
        for (index, attachment) in self.attachments.iter().enumerate() {
            match base64::decode(&attachment.data_base64) {
                Some(bytes) if bytes.len() as u64 == attachment.size => files.push(bytes),
                _ => return Err(Rejection::BadAttachment { index }),
            }
        }
        let draft = self.to_draft()?;
        let complaint = draft.validate(config, today).map_err(Rejection::Invalid)?;
        Ok(Checked { client_id, complaint, files })
    }
}

impl ComplaintPayload {
    /// The answers as the form holds them: for a receiver's re-check, and for the
    /// widget putting a refused complaint back into the form to be corrected.
    pub fn to_draft(&self) -> Result<Draft, Rejection> {
        let (day, month, year) = match &self.incident_date {
            None => Default::default(),
            Some(text) => {
                let date = CalendarDate::parse_iso(text).ok_or(Rejection::Malformed {
                    key: "incident_date".into(),
                    detail: "expected a date as YYYY-MM-DD".into(),
                })?;
                (date.day().to_string(), date.month().to_string(), date.year().to_string())
            }
        };
        Ok(Draft {
            kind: Some(self.kind),
            title: self.title.clone(),
            description: self.description.clone(),
            incident_day: day,
            incident_month: month,
            incident_year: year,
            kecamatan: self.location.kecamatan.as_ref().map(|k| k.code.clone()).unwrap_or_default(),
            desa: self.location.desa.as_ref().map(|d| d.code.clone()).unwrap_or_default(),
            location_detail: self.location.detail.clone().unwrap_or_default(),
            coordinates: self.location.coordinates,
            agency: self.agency.as_ref().map(|a| a.id.clone()).unwrap_or_default(),
            anonymous: self.privacy.anonymous,
            confidential: self.privacy.confidential,
            name: self.contact.name.clone().unwrap_or_default(),
            phone: self.contact.phone.clone().unwrap_or_default(),
            email: self.contact.email.clone().unwrap_or_default(),
            nik: self.contact.nik.clone().unwrap_or_default(),
            attachments: self
                .attachments
                .iter()
                .map(|a| AttachmentInfo { name: a.name.clone(), mime: a.mime.clone(), size: a.size })
                .collect(),
        })
    }
}

/// A payload that passed [`ComplaintPayload::check`].
#[derive(Clone, Debug)]
pub struct Checked {
    pub client_id: ClientId,
    pub complaint: ValidComplaint,
    /// Decoded attachment bytes, in order.
    pub files: Vec<Vec<u8>>,
}

/// Why a receiver refuses a payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Not JSON, or not the shape of `aduan.complaint/1`.
    Malformed {
        key: String,
        detail: String,
    },
    UnknownSchema(String),
    BadClientId,
    /// Sent to the receiver of another regency.
    OtherRegency(String),
    /// Attachment `index` is not valid base64 or its size does not match.
    BadAttachment {
        index: usize,
    },
    /// The complaint itself fails validation.
    Invalid(Vec<FieldError>),
}

impl Rejection {
    /// A short machine-readable code for the receiver's error body.
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::Malformed { .. } => "malformed",
            Rejection::UnknownSchema(_) => "unknown_schema",
            Rejection::BadClientId => "bad_client_id",
            Rejection::OtherRegency(_) => "other_regency",
            Rejection::BadAttachment { .. } => "bad_attachment",
            Rejection::Invalid(_) => "invalid_complaint",
        }
    }

    /// The message for the error body: for an invalid complaint, the first
    /// problem in the citizen's language; otherwise a technical note, because
    /// only a broken or hand-made client can cause it.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Rejection::Malformed { key, detail } if key.is_empty() || key == "." => {
                format!("malformed payload: {detail}")
            }
            Rejection::Malformed { key, detail } => format!("malformed payload at `{key}`: {detail}"),
            Rejection::UnknownSchema(schema) => format!("unknown schema {schema:?}; this receiver reads {SCHEMA:?}"),
            Rejection::BadClientId => "client_id must be a UUID".to_owned(),
            Rejection::OtherRegency(code) => format!("this receiver serves another regency than {code:?}"),
            Rejection::BadAttachment { index } => {
                format!("attachments[{index}] is not valid base64 of the stated size")
            }
            Rejection::Invalid(errors) => {
                errors.first().map(|error| (lang.messages().field_error)(error)).unwrap_or_default()
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn config() -> Config {
        Config::from_json(include_str!("../../config/bengkalis.json")).unwrap()
    }

    fn today() -> CalendarDate {
        CalendarDate::new(2026, 11, 28).unwrap()
    }

    /// A question about school registration, written for these tests.
    fn draft() -> Draft {
        Draft {
            kind: Some(ReportKind::PermintaanInformasi),
            title: "Jadwal pendaftaran SD negeri".into(),
            description: "Kapan pendaftaran murid baru SD negeri di Kecamatan Bantan dibuka tahun depan?".into(),
            kecamatan: "14.03.02".into(),
            agency: "disdik".into(),
            name: "Rahmat".into(),
            email: "rahmat@contoh.id".into(),
            attachments: vec![AttachmentInfo { name: "brosur.pdf".into(), mime: "application/pdf".into(), size: 5 }],
            ..Draft::default()
        }
    }

    pub(crate) fn payload() -> ComplaintPayload {
        let complaint = draft().validate(&config(), today()).unwrap();
        let id = ClientId::from_random([7; 16]);
        let envelope = Envelope {
            client_id: &id,
            submitted_at: "2026-11-28T03:04:05Z",
            language: Lang::Id,
            page_url: Some("https://bengkaliskab.go.id/aduan"),
            triage: Some(TriageRecord {
                model: "aduan-triage test".into(),
                topic: Some("education".into()),
                confidence: "sure".into(),
                suggested_agency: Some("disdik".into()),
                referral: None,
                emergency: None,
                choice: "suggested".into(),
            }),
        };
        ComplaintPayload::new(&complaint, &config(), &envelope, &[b"%PDF-".to_vec()])
    }

    #[test]
    fn the_payload_carries_names_as_well_as_codes() {
        let json: serde_json::Value = serde_json::from_str(&payload().to_json()).unwrap();
        assert_eq!(json["schema"], "aduan.complaint/1");
        assert_eq!(json["kind"], "permintaan_informasi");
        assert_eq!(json["language"], "id");
        assert_eq!(json["regency"]["code"], "14.03");
        assert_eq!(json["location"]["kecamatan"]["name"], "Bantan");
        assert_eq!(json["location"]["desa"], serde_json::Value::Null);
        assert_eq!(json["agency"]["id"], "disdik");
        assert_eq!(json["incident_date"], serde_json::Value::Null);
        assert_eq!(json["contact"]["email"], "rahmat@contoh.id");
        assert_eq!(json["attachments"][0]["type"], "application/pdf");
        assert_eq!(json["attachments"][0]["data_base64"], "JVBERi0=");
        assert_eq!(json["source"]["widget_version"], WIDGET_VERSION);
    }

    #[test]
    fn a_receiver_reads_back_exactly_what_the_widget_sent() {
        let sent = payload();
        let received = ComplaintPayload::from_json(&sent.to_json()).unwrap();
        assert_eq!(received, sent);
        let checked = received.check(&config(), today()).unwrap();
        assert_eq!(checked.files, vec![b"%PDF-".to_vec()]);
        assert_eq!(checked.complaint, draft().validate(&config(), today()).unwrap());
    }

    #[test]
    fn the_hand_written_json_says_what_serde_would() {
        let mut sent = payload();
        sent.title = "Markup <b>\"kutip\"</b> \\ baris\nbaru \u{1} 💡".into();
        sent.location.desa = Some(AreaRef { code: "14.03.02.2001".into(), name: "Bantan Tengah".into() });
        let ours: serde_json::Value = serde_json::from_str(&sent.to_json()).unwrap();
        assert_eq!(ours, serde_json::to_value(&sent).unwrap());
    }

    #[test]
    fn receivers_ignore_fields_added_later_to_version_one() {
        let mut json: serde_json::Value = serde_json::from_str(&payload().to_json()).unwrap();
        json["similar_reports"] = serde_json::json!(["ADU-2026-000001"]);
        assert!(ComplaintPayload::from_json(&json.to_string()).is_ok());
    }

    #[test]
    fn tampered_payloads_are_rejected_with_a_reason() {
        type Tamper = fn(&mut ComplaintPayload);
        let cases: &[(&str, Tamper, &str)] = &[
            ("schema 2", |p| p.schema = "aduan.complaint/2".into(), "unknown_schema"),
            ("client id not a uuid", |p| p.client_id = "1".into(), "bad_client_id"),
            ("other regency", |p| p.regency.code = "14.71".into(), "other_regency"),
            ("attachment size lies", |p| p.attachments[0].size = 99, "bad_attachment"),
            ("attachment not base64", |p| p.attachments[0].data_base64 = "%%%%".into(), "bad_attachment"),
            ("empty title", |p| p.title = " ".into(), "invalid_complaint"),
            (
                "unknown agency",
                |p| p.agency = Some(AgencyRef { id: "kpk".into(), name: "KPK".into() }),
                "invalid_complaint",
            ),
            ("date in the future", |p| p.incident_date = Some("2030-01-01".into()), "invalid_complaint"),
            ("date not iso", |p| p.incident_date = Some("1 Jan 2026".into()), "malformed"),
            ("phone not Indonesian", |p| p.contact.phone = Some("+15551234567".into()), "invalid_complaint"),
        ];
        for (story, tamper, code) in cases {
            let mut payload = payload();
            tamper(&mut payload);
            let rejection = payload.check(&config(), today()).expect_err(story);
            assert_eq!(rejection.code(), *code, "{story}");
            assert!(!rejection.message(Lang::Id).is_empty(), "{story}");
        }
    }

    #[test]
    fn malformed_json_names_the_key() {
        let mut json: serde_json::Value = serde_json::from_str(&payload().to_json()).unwrap();
        json["kind"] = "keluhan".into();
        match ComplaintPayload::from_json(&json.to_string()) {
            Err(Rejection::Malformed { key, .. }) => assert_eq!(key, "kind"),
            other => panic!("expected a malformed payload, got {other:?}"),
        }
        assert!(matches!(ComplaintPayload::from_json("not json"), Err(Rejection::Malformed { .. })));
    }

    #[test]
    fn an_invalid_complaint_is_explained_in_the_citizens_language() {
        let mut payload = payload();
        payload.title.clear();
        let rejection = payload.check(&config(), today()).unwrap_err();
        assert_eq!(rejection.message(Lang::Id), "Masukkan judul laporan");
        assert_eq!(rejection.message(Lang::En), "Enter a title for your report");
    }

    #[test]
    fn client_ids_are_version_four_uuids() {
        let id = ClientId::from_random([0; 16]);
        assert_eq!(id.as_str(), "00000000-0000-4000-8000-000000000000");
        assert_eq!(id.short(), "00000000");
        for bad in [
            "",
            "00000000-0000-4000-8000-00000000000",
            "g0000000-0000-4000-8000-000000000000",
            "00000000000040008000000000000000",
        ] {
            assert_eq!(ClientId::parse(bad), None, "{bad:?}");
        }
        assert_eq!(
            ClientId::parse("ABCDEF00-0000-4000-8000-000000000000").unwrap().as_str(),
            "abcdef00-0000-4000-8000-000000000000"
        );
    }
}
