//! Turning a complaint into what its backend takes: an HTTP request the widget
//! sends, or a link the citizen follows into WhatsApp or their email program.
//!
//! Part of the pure core. Each adapter is a function of the payload and the
//! config alone, so the same complaint always makes the same bytes (a retry is
//! the same request) and every request is tested natively against a fixture.

use super::backend::{Backend, BackendKind, MultipartField, Open311, Open311Media};
use crate::base64;
use crate::config::Config;
use crate::messages::{HandOffLabels, Lang};
use crate::payload::ComplaintPayload;

/// What delivering one complaint takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outgoing {
    /// The widget sends it, and retries until the backend answers.
    Request(Request),
    /// The citizen sends it from their own app; the widget only opens the link.
    HandOff(HandOff),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub url: String,
    /// Static headers from the config (an API key, a tenant id); the content
    /// type comes from the body.
    pub headers: Vec<(String, String)>,
    pub body: Body,
    /// How to read the backend's answer.
    pub answer: AnswerFormat,
    /// A photo to put on the media host before this request is sent; the
    /// address the host gives goes in as `media_url` (`with_media_url`).
    pub photo_first: Option<PhotoUpload>,
}

/// One photo for an Open311 server's media host.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoUpload {
    /// The media host's upload address.
    pub host: String,
    /// The photo, as the `media` file part.
    pub part: Part,
}

impl PhotoUpload {
    /// The upload itself: the photo alone, as `multipart/form-data`.
    pub fn request(&self) -> Request {
        Request {
            url: self.host.clone(),
            headers: Vec::new(),
            body: Body::Multipart(vec![self.part.clone()]),
            answer: AnswerFormat::MediaHost,
            photo_first: None,
        }
    }
}

impl Request {
    /// The request once its photo is on the media host at `address`.
    pub fn with_media_url(mut self, address: &str) -> Request {
        if let Body::Form(encoded) = &mut self.body {
            encoded.push('&');
            encoded.push_str(&form_encode(&[("media_url", address.to_owned())]));
        }
        self.photo_first = None;
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    /// `application/json`.
    Json(String),
    /// `application/x-www-form-urlencoded`, already encoded.
    Form(String),
    /// `multipart/form-data`; the browser picks the boundary.
    Multipart(Vec<Part>),
}

/// One part of a multipart body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub name: String,
    pub value: PartValue,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartValue {
    Text(String),
    File { filename: String, mime: String, bytes: Vec<u8> },
}

/// The shape of a backend's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerFormat {
    /// A JSON object with a tracking number (`docs/payload.md`), or any 2xx
    /// JSON a Laravel app or webhook returns.
    Receipt,
    /// Open311 GeoReport v2: `[{"service_request_id": …}]` or `[{"token": …}]`.
    Open311,
    /// A media host: `{"url": …}`, the photo's public address (`read_media_address`).
    MediaHost,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandOff {
    pub channel: Channel,
    /// `https://wa.me/…` or `mailto:…`.
    pub url: String,
    /// Files the citizen has to attach in the app themselves: a link cannot carry them.
    pub attachments: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    WhatsApp,
    Email,
}

/// Open311 limits a description to 4,000 characters.
const OPEN311_DESCRIPTION_MAX: usize = 4000;

impl Outgoing {
    /// What delivering `payload` takes, by the backend of the agency it is addressed to.
    pub fn for_complaint(payload: &ComplaintPayload, config: &Config) -> Outgoing {
        let agency_backend = payload
            .agency
            .as_ref()
            .and_then(|agency| config.agency(&agency.id))
            .and_then(|agency| agency.backend.as_deref());
        Self::for_backend(payload, config.delivery.backend_for(agency_backend), config.language)
    }

    pub fn for_backend(payload: &ComplaintPayload, backend: &Backend, lang: Lang) -> Outgoing {
        match &backend.kind {
            BackendKind::Json { url, headers } => Outgoing::Request(Request {
                url: url.clone(),
                headers: headers.clone(),
                body: Body::Json(payload.to_json()),
                answer: AnswerFormat::Receipt,
                photo_first: None,
            }),
            BackendKind::Multipart { url, headers, fields } => Outgoing::Request(Request {
                url: url.clone(),
                headers: headers.clone(),
                body: Body::Multipart(multipart_parts(payload, fields)),
                answer: AnswerFormat::Receipt,
                photo_first: None,
            }),
            BackendKind::Open311(open311) => Outgoing::Request(open311_request(payload, open311)),
            BackendKind::WhatsApp { number } => Outgoing::HandOff(HandOff {
                channel: Channel::WhatsApp,
                url: format!(
                    "https://wa.me/{}?text={}",
                    number.as_e164().trim_start_matches('+'),
                    percent_encode(&hand_off_text(payload, lang.messages().hand_off, "*"))
                ),
                attachments: payload.attachments.len(),
            }),
            BackendKind::Email { address } => {
                let labels = lang.messages().hand_off;
                let subject = format!("{}: {}", (labels.subject)(kind_label(payload, lang)), payload.title);
                // RFC 6068: line breaks in a mailto body are CRLF.
                let body = hand_off_text(payload, labels, "").replace('\n', "\r\n");
                Outgoing::HandOff(HandOff {
                    channel: Channel::Email,
                    url: format!(
                        "mailto:{}?subject={}&body={}",
                        address.as_str(),
                        percent_encode(&subject),
                        percent_encode(&body)
                    ),
                    attachments: payload.attachments.len(),
                })
            }
        }
    }
}

fn kind_label(payload: &ComplaintPayload, lang: Lang) -> &'static str {
    lang.messages().kind_question(payload.kind).label
}

/// The multipart fields in form order, absent answers left out (Laravel's
/// `nullable` reads a missing field as null), then the files.
fn multipart_parts(payload: &ComplaintPayload, renamed: &[(MultipartField, String)]) -> Vec<Part> {
    let name = |field: MultipartField| {
        renamed.iter().find(|(f, _)| *f == field).map_or_else(|| field.default_name().to_owned(), |(_, n)| n.clone())
    };
    let location = &payload.location;
    let flag = |on: bool| Some(if on { "1" } else { "0" }.to_owned());
    let answers: Vec<(MultipartField, Option<String>)> = vec![
        (MultipartField::ClientId, Some(payload.client_id.clone())),
        (MultipartField::Kind, Some(payload.kind.code().to_owned())),
        (MultipartField::Title, Some(payload.title.clone())),
        (MultipartField::Description, Some(payload.description.clone())),
        (MultipartField::IncidentDate, payload.incident_date.clone()),
        (MultipartField::Kecamatan, location.kecamatan.as_ref().map(|k| k.name.clone())),
        (MultipartField::KecamatanCode, location.kecamatan.as_ref().map(|k| k.code.clone())),
        (MultipartField::Desa, location.desa.as_ref().map(|d| d.name.clone())),
        (MultipartField::DesaCode, location.desa.as_ref().map(|d| d.code.clone())),
        (MultipartField::LocationDetail, location.detail.clone()),
        (MultipartField::Latitude, location.coordinates.map(|c| c.lat())),
        (MultipartField::Longitude, location.coordinates.map(|c| c.long())),
        (MultipartField::Agency, payload.agency.as_ref().map(|a| a.id.clone())),
        (MultipartField::AgencyName, payload.agency.as_ref().map(|a| a.name.clone())),
        (MultipartField::Anonymous, flag(payload.privacy.anonymous)),
        (MultipartField::Confidential, flag(payload.privacy.confidential)),
        (MultipartField::Name, payload.contact.name.clone()),
        (MultipartField::Phone, payload.contact.phone.clone()),
        (MultipartField::Email, payload.contact.email.clone()),
        (MultipartField::Nik, payload.contact.nik.clone()),
        (MultipartField::Payload, Some(payload_without_file_data(payload))),
    ];
    let mut parts: Vec<Part> = answers
        .into_iter()
        .filter_map(|(field, value)| value.map(|value| Part { name: name(field), value: PartValue::Text(value) }))
        .collect();
    let files_name = name(MultipartField::Attachments);
    parts.extend(payload.attachments.iter().map(|file| Part {
        name: files_name.clone(),
        value: PartValue::File {
            filename: file.name.clone(),
            mime: file.mime.clone(),
            bytes: base64::decode(&file.data_base64).unwrap_or_default(),
        },
    }));
    parts
}

/// The payload JSON for a multipart form: the files travel as their own parts,
/// so their `data_base64` is left empty rather than sent twice.
fn payload_without_file_data(payload: &ComplaintPayload) -> String {
    let mut light = payload.clone();
    for file in &mut light.attachments {
        file.data_base64.clear();
    }
    light.to_json()
}

fn open311_request(payload: &ComplaintPayload, open311: &Open311) -> Request {
    let mut fields: Vec<(&str, String)> = Vec::new();
    if let Some(key) = &open311.api_key {
        fields.push(("api_key", key.clone()));
    }
    if let Some(jurisdiction) = &open311.jurisdiction_id {
        fields.push(("jurisdiction_id", jurisdiction.clone()));
    }
    fields.push(("service_code", service_code(payload, open311).to_owned()));
    let location = &payload.location;
    match location.coordinates {
        Some(point) => {
            fields.push(("lat", point.lat()));
            fields.push(("long", point.long()));
        }
        None => fields.push(("address_string", address_string(payload))),
    }
    // The spec has no title: it leads the description when both fit.
    let combined = format!("{}\n\n{}", payload.title, payload.description);
    let title_fits = combined.chars().count() <= OPEN311_DESCRIPTION_MAX;
    let description = if title_fits { combined } else { payload.description.clone() };
    fields.push(("description", crate::text::truncate_chars(&description, OPEN311_DESCRIPTION_MAX).to_owned()));
    // Open311 has no way to hide who reported: an anonymous report carries no contact at all.
    if !payload.privacy.anonymous {
        let contact = &payload.contact;
        if let Some(email) = &contact.email {
            fields.push(("email", email.clone()));
        }
        if let Some(name) = &contact.name {
            let (first, last) = name.split_once(' ').unwrap_or((name, ""));
            fields.push(("first_name", first.to_owned()));
            if !last.is_empty() {
                fields.push(("last_name", last.to_owned()));
            }
        }
        if let Some(phone) = &contact.phone {
            fields.push(("phone", phone.clone()));
        }
    }
    fields.push(("attribute[aduan_client_id]", payload.client_id.clone()));
    if !title_fits {
        fields.push(("attribute[aduan_title]", payload.title.clone()));
    }
    fields.push(("attribute[aduan_anonymous]", payload.privacy.anonymous.to_string()));
    fields.push(("attribute[aduan_confidential]", payload.privacy.confidential.to_string()));

    // Open311 takes one photo: the first image attached.
    let photo = payload.attachments.iter().find(|file| file.mime.starts_with("image/")).map(|photo| Part {
        name: "media".into(),
        value: PartValue::File {
            filename: photo.name.clone(),
            mime: photo.mime.clone(),
            bytes: base64::decode(&photo.data_base64).unwrap_or_default(),
        },
    });
    let (body, photo_first) = match (photo, &open311.media) {
        (Some(photo), Open311Media::Upload) => {
            let mut parts: Vec<Part> = fields
                .into_iter()
                .map(|(name, value)| Part { name: name.to_owned(), value: PartValue::Text(value) })
                .collect();
            parts.push(photo);
            (Body::Multipart(parts), None)
        }
        (Some(photo), Open311Media::Host { url }) => {
            (Body::Form(form_encode(&fields)), Some(PhotoUpload { host: url.clone(), part: photo }))
        }
        (None, _) | (Some(_), Open311Media::None) => (Body::Form(form_encode(&fields)), None),
    };
    let url = format!("{}/requests.json", open311.url.trim_end_matches('/'));
    Request { url, headers: Vec::new(), body, answer: AnswerFormat::Open311, photo_first }
}

/// By agency first (the citizen's or officer's choice), then by the topic the
/// triage read, then the default.
fn service_code<'a>(payload: &ComplaintPayload, open311: &'a Open311) -> &'a str {
    let lookup = |table: &'a [(String, String)], key: Option<&str>| {
        key.and_then(|key| table.iter().find(|(k, _)| k == key).map(|(_, code)| code.as_str()))
    };
    lookup(&open311.service_codes_by_agency, payload.agency.as_ref().map(|a| a.id.as_str()))
        .or_else(|| lookup(&open311.service_codes_by_topic, payload.triage.as_ref().and_then(|t| t.topic.as_deref())))
        .unwrap_or(&open311.default_service_code)
}

/// "Jl. Hang Tuah, Kelapapati, Bengkalis, Kabupaten Bengkalis": the place as
/// words, from the most precise part to the regency.
fn address_string(payload: &ComplaintPayload) -> String {
    let location = &payload.location;
    [
        location.detail.clone(),
        location.desa.as_ref().map(|d| d.name.clone()),
        location.kecamatan.as_ref().map(|k| k.name.clone()),
        Some(payload.regency.name.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !part.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

/// The complaint as a message a person reads on a phone: one labelled line per
/// answer, `bold` around each label (WhatsApp's `*`; nothing for email).
fn hand_off_text(payload: &ComplaintPayload, labels: &HandOffLabels, bold: &str) -> String {
    let lang = payload.language;
    let mut lines = vec![(labels.heading)(kind_label(payload, lang), &payload.regency.name), String::new()];
    let mut line = |label: &str, value: &str| {
        if !value.trim().is_empty() {
            lines.push(format!("{bold}{label}:{bold} {value}"));
        }
    };
    line(labels.title, &payload.title);
    line(labels.description, &payload.description);
    if let Some(date) = &payload.incident_date {
        // As Indonesians write it: 14-11-2026.
        let parts: Vec<&str> = date.split('-').collect();
        line(labels.date, &parts.iter().rev().copied().collect::<Vec<_>>().join("-"));
    }
    let place = address_string(payload);
    if place != payload.regency.name {
        line(labels.location, &place);
    }
    if let Some(point) = payload.location.coordinates {
        let (lat, long) = (point.lat(), point.long());
        line(labels.map, &format!("https://www.openstreetmap.org/?mlat={lat}&mlon={long}#map=18/{lat}/{long}"));
    }
    if let Some(agency) = &payload.agency {
        line(labels.agency, &agency.name);
    }
    if payload.privacy.anonymous {
        line(labels.reporter, labels.anonymous_reporter);
    } else {
        let contact = &payload.contact;
        line(labels.reporter, contact.name.as_deref().unwrap_or_default());
        line(labels.phone, contact.phone.as_deref().unwrap_or_default());
        line(labels.email, contact.email.as_deref().unwrap_or_default());
        line(labels.nik, contact.nik.as_deref().unwrap_or_default());
    }
    if payload.privacy.confidential {
        line(labels.confidential, labels.confidential_yes);
    }
    if !payload.attachments.is_empty() {
        line(labels.attachments, &(labels.attachments_follow)(payload.attachments.len()));
    }
    line(labels.reference, &payload.client_id[..8]);
    lines.join("\n")
}

/// `application/x-www-form-urlencoded`, as a browser's form submits it.
///
/// # Example
/// ```
/// use aduan::delivery::request::form_encode;
/// assert_eq!(form_encode(&[("description", "Lampu mati & gelap\n".into()), ("a[b]", "ü".into())]),
///            "description=Lampu+mati+%26+gelap%0A&a%5Bb%5D=%C3%BC");
/// ```
pub fn form_encode(fields: &[(&str, String)]) -> String {
    let encode = |text: &str| percent_encode(text).replace("%20", "+");
    fields.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect::<Vec<_>>().join("&")
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

impl Body {
    /// The body as bytes with `boundary`, and its content type: what the browser
    /// sends for it. The widget hands multipart parts to `FormData` instead;
    /// this is for tests and native clients.
    pub fn encode(&self, boundary: &str) -> (String, Vec<u8>) {
        match self {
            Body::Json(text) => ("application/json".into(), text.clone().into_bytes()),
            Body::Form(text) => ("application/x-www-form-urlencoded".into(), text.clone().into_bytes()),
            Body::Multipart(parts) => {
                let mut out = Vec::new();
                for part in parts {
                    out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
                    let name = quote_name(&part.name);
                    match &part.value {
                        PartValue::Text(text) => {
                            out.extend_from_slice(
                                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                            );
                            // Browsers send a form's line breaks as CRLF.
                            out.extend_from_slice(normalise_newlines(text).as_bytes());
                        }
                        PartValue::File { filename, mime, bytes } => {
                            let filename = quote_name(filename);
                            out.extend_from_slice(
                                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {mime}\r\n\r\n")
                                    .as_bytes(),
                            );
                            out.extend_from_slice(bytes);
                        }
                    }
                    out.extend_from_slice(b"\r\n");
                }
                out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
                (format!("multipart/form-data; boundary={boundary}"), out)
            }
        }
    }
}

/// As the HTML standard escapes names in a multipart header.
fn quote_name(name: &str) -> String {
    name.replace('\n', "%0A").replace('\r', "%0D").replace('"', "%22")
}

fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n").replace('\n', "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::complaint::Coordinates;
    use crate::payload::tests::payload;

    /// Bengkalis with one backend of each kind: Disdik on a Laravel app, Damkar
    /// on WhatsApp only, Inspektorat by email, the rest on Open311.
    fn config() -> Config {
        let mut config: serde_json::Value = serde_json::from_str(include_str!("../../config/bengkalis.json")).unwrap();
        let object = config.as_object_mut().unwrap();
        object.remove("endpoint");
        object.insert(
            "delivery".into(),
            serde_json::json!({
                "default": "lapor",
                "backends": {
                    "lapor": {
                        "type": "open311",
                        "url": "https://lapor.bengkaliskab.go.id/open311/v2/",
                        "api_key": "kunci-uji",
                        "jurisdiction_id": "bengkaliskab.go.id",
                        "service_codes_by_agency": { "dlh": "SAMPAH" },
                        "service_codes_by_topic": { "education": "PENDIDIKAN", "waste": "KEBERSIHAN" },
                        "default_service_code": "UMUM"
                    },
                    "sipadu": {
                        "type": "multipart",
                        "url": "https://sipadu.disdik.bengkaliskab.go.id/api/pengaduan",
                        "headers": { "X-Api-Key": "rahasia-dinas" },
                        "fields": { "title": "subjek", "attachments": "berkas[]" }
                    },
                    "wa-damkar": { "type": "whatsapp", "number": "0812-7000-113" },
                    "surel-inspektorat": { "type": "email", "address": "pengaduan.inspektorat@bengkaliskab.go.id" }
                }
            }),
        );
        let agencies = object["agencies"].as_array_mut().unwrap();
        for agency in agencies {
            let backend = match agency["id"].as_str().unwrap() {
                "disdik" => "sipadu",
                "damkar" => "wa-damkar",
                "inspektorat" => "surel-inspektorat",
                _ => continue,
            };
            agency["backend"] = backend.into();
        }
        Config::from_json(&config.to_string()).unwrap()
    }

    fn addressed_to(agency: Option<&str>) -> ComplaintPayload {
        let mut payload = payload();
        let config = config();
        payload.agency = agency.map(|id| {
            let agency = config.agency(id).unwrap();
            crate::payload::AgencyRef { id: agency.id.clone(), name: agency.name.clone() }
        });
        payload
    }

    fn request(payload: &ComplaintPayload) -> Request {
        match Outgoing::for_complaint(payload, &config()) {
            Outgoing::Request(request) => request,
            other => panic!("expected a request, got {other:?}"),
        }
    }

    fn hand_off(payload: &ComplaintPayload) -> HandOff {
        match Outgoing::for_complaint(payload, &config()) {
            Outgoing::HandOff(hand_off) => hand_off,
            other => panic!("expected a hand-off, got {other:?}"),
        }
    }

    fn percent_decode(text: &str) -> String {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' => {
                    out.push(u8::from_str_radix(&text[i + 1..i + 3], 16).unwrap());
                    i += 3;
                }
                b'+' => {
                    out.push(b' ');
                    i += 1;
                }
                other => {
                    out.push(other);
                    i += 1;
                }
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn form_fields(body: &Body) -> Vec<(String, String)> {
        let Body::Form(text) = body else { panic!("expected a form body, got {body:?}") };
        text.split('&')
            .map(|pair| {
                let (name, value) = pair.split_once('=').unwrap();
                (percent_decode(name), percent_decode(value))
            })
            .collect()
    }

    #[test]
    fn the_json_webhook_gets_the_payload_and_its_static_headers() {
        let mut config: serde_json::Value = serde_json::from_str(include_str!("../../config/bengkalis.json")).unwrap();
        config.as_object_mut().unwrap().remove("endpoint");
        config["delivery"] = serde_json::json!({"default": "tiket", "backends": {"tiket": {
            "type": "json", "url": "https://tiket.bengkaliskab.go.id/hooks/aduan", "headers": {"Authorization": "Bearer abc"}}}});
        let config = Config::from_json(&config.to_string()).unwrap();
        let sent = payload();
        let Outgoing::Request(request) = Outgoing::for_complaint(&sent, &config) else { panic!("a request") };
        assert_eq!(request.url, "https://tiket.bengkaliskab.go.id/hooks/aduan");
        assert_eq!(request.headers, vec![("Authorization".to_owned(), "Bearer abc".to_owned())]);
        assert_eq!(request.body, Body::Json(sent.to_json()));
        assert_eq!(request.answer, AnswerFormat::Receipt);
    }

    #[test]
    fn a_laravel_app_gets_one_named_field_per_answer_and_the_files() {
        let sent = addressed_to(Some("disdik"));
        let request = request(&sent);
        assert_eq!(request.url, "https://sipadu.disdik.bengkaliskab.go.id/api/pengaduan");
        assert_eq!(request.headers, vec![("X-Api-Key".to_owned(), "rahasia-dinas".to_owned())]);
        let Body::Multipart(parts) = &request.body else { panic!("multipart") };
        let texts: Vec<(&str, &str)> = parts
            .iter()
            .filter_map(|part| match &part.value {
                PartValue::Text(text) if part.name != "payload" => Some((part.name.as_str(), text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                ("client_id", "07070707-0707-4707-8707-070707070707"),
                ("jenis", "permintaan_informasi"),
                ("subjek", "Jadwal pendaftaran SD negeri"),
                ("isi", "Kapan pendaftaran murid baru SD negeri di Kecamatan Bantan dibuka tahun depan?"),
                ("kecamatan", "Bantan"),
                ("kode_kecamatan", "14.03.02"),
                ("instansi", "disdik"),
                ("nama_instansi", "Dinas Pendidikan"),
                ("anonim", "0"),
                ("rahasia", "0"),
                ("nama", "Rahmat"),
                ("email", "rahmat@contoh.id"),
            ],
            "renamed where the config says, absent answers left out"
        );
        let payload_part = parts.iter().find(|p| p.name == "payload").unwrap();
        let PartValue::Text(json) = &payload_part.value else { panic!("payload is text") };
        let inside = ComplaintPayload::read(json).unwrap();
        assert_eq!(inside.attachments[0].data_base64, "", "files are not sent twice");
        assert_eq!(inside.attachments[0].size, 5);
        assert_eq!(inside.title, sent.title);
        assert_eq!(
            parts.last().unwrap(),
            &Part {
                name: "berkas[]".into(),
                value: PartValue::File {
                    filename: "brosur.pdf".into(),
                    mime: "application/pdf".into(),
                    bytes: b"%PDF-".to_vec()
                },
            }
        );
    }

    #[test]
    fn the_multipart_body_is_what_a_browser_sends() {
        let mut sent = addressed_to(Some("disdik"));
        sent.description = "Baris satu\nbaris dua".into();
        sent.location.coordinates = Coordinates::new(1_466_600, 102_133_300);
        let (content_type, bytes) = request(&sent).body.encode("XyZ");
        assert_eq!(content_type, "multipart/form-data; boundary=XyZ");
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.starts_with(
            "--XyZ\r\nContent-Disposition: form-data; name=\"client_id\"\r\n\r\n07070707-0707-4707-8707-070707070707\r\n--XyZ\r\n"
        ));
        assert!(text.contains("name=\"isi\"\r\n\r\nBaris satu\r\nbaris dua\r\n--XyZ"), "line breaks as CRLF");
        assert!(text.contains("name=\"latitude\"\r\n\r\n1.466600\r\n--XyZ\r\nContent-Disposition: form-data; name=\"longitude\"\r\n\r\n102.133300\r\n"));
        assert!(text.ends_with(
            "Content-Disposition: form-data; name=\"berkas[]\"; filename=\"brosur.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-\r\n--XyZ--\r\n"
        ));
    }

    #[test]
    fn open311_gets_a_form_encoded_service_request() {
        let sent = addressed_to(None);
        let request = request(&sent);
        assert_eq!(request.url, "https://lapor.bengkaliskab.go.id/open311/v2/requests.json");
        assert_eq!(request.answer, AnswerFormat::Open311);
        let expected: Vec<(String, String)> = [
            ("api_key", "kunci-uji"),
            ("jurisdiction_id", "bengkaliskab.go.id"),
            ("service_code", "PENDIDIKAN"),
            ("address_string", "Bantan, Kabupaten Bengkalis"),
            (
                "description",
                "Jadwal pendaftaran SD negeri\n\nKapan pendaftaran murid baru SD negeri di Kecamatan Bantan dibuka tahun depan?",
            ),
            ("email", "rahmat@contoh.id"),
            ("first_name", "Rahmat"),
            ("attribute[aduan_client_id]", "07070707-0707-4707-8707-070707070707"),
            ("attribute[aduan_anonymous]", "false"),
            ("attribute[aduan_confidential]", "false"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
        .to_vec();
        assert_eq!(form_fields(&request.body), expected);
        let Body::Form(raw) = &request.body else { unreachable!() };
        assert!(raw.starts_with("api_key=kunci-uji&jurisdiction_id=bengkaliskab.go.id&service_code=PENDIDIKAN&address_string=Bantan%2C+Kabupaten+Bengkalis&"));
    }

    #[test]
    fn open311_service_codes_go_by_agency_then_topic_then_default() {
        let code = |agency: Option<&str>, topic: Option<&str>| {
            let mut sent = addressed_to(agency);
            sent.triage.as_mut().unwrap().topic = topic.map(String::from);
            let fields = form_fields(&request(&sent).body);
            fields.into_iter().find(|(n, _)| n == "service_code").unwrap().1
        };
        assert_eq!(code(Some("dlh"), Some("education")), "SAMPAH", "the agency's code wins");
        assert_eq!(code(Some("dishub"), Some("waste")), "KEBERSIHAN", "then the topic's");
        assert_eq!(code(None, None), "UMUM");
        assert_eq!(code(Some("dishub"), Some("fire_rescue")), "UMUM");
    }

    #[test]
    fn open311_sends_the_shared_position_and_keeps_an_anonymous_reporter_out() {
        let mut sent = addressed_to(None);
        sent.location.coordinates = Coordinates::new(1_466_600, -102_133_300);
        sent.privacy.anonymous = true;
        sent.contact.phone = Some("+6281234567890".into());
        let fields = form_fields(&request(&sent).body);
        let names: Vec<&str> = fields.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"lat") && names.contains(&"long") && !names.contains(&"address_string"));
        assert_eq!(fields.iter().find(|(n, _)| n == "long").unwrap().1, "-102.133300");
        for contact in ["email", "first_name", "last_name", "phone"] {
            assert!(!names.contains(&contact), "{contact} must not reach the agency of an anonymous report");
        }
        assert!(fields.contains(&("attribute[aduan_anonymous]".into(), "true".into())));
    }

    #[test]
    fn open311_splits_the_name_and_moves_a_long_title_out_of_the_description() {
        let mut sent = addressed_to(None);
        sent.contact.name = Some("Siti Nur Aisyah".into());
        sent.description = "x".repeat(3990);
        let fields = form_fields(&request(&sent).body);
        let get = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        assert_eq!((get("first_name"), get("last_name")), (Some("Siti"), Some("Nur Aisyah")));
        assert_eq!(get("description").unwrap().chars().count(), 3990, "the description whole, within 4000");
        assert_eq!(get("attribute[aduan_title]"), Some("Jadwal pendaftaran SD negeri"));
    }

    #[test]
    fn open311_can_upload_the_first_photo_as_media() {
        let mut config = config();
        let lapor = config.delivery.backends.iter_mut().find(|b| b.id == "lapor").unwrap();
        let BackendKind::Open311(open311) = &mut lapor.kind else { panic!("open311") };
        open311.media = Open311Media::Upload;
        let mut sent = addressed_to(None);
        let Outgoing::Request(request) = Outgoing::for_complaint(&sent, &config) else { panic!() };
        assert!(matches!(request.body, Body::Form(_)), "a PDF is not media");
        sent.attachments.push(crate::payload::PayloadAttachment {
            name: "foto.jpg".into(),
            mime: "image/jpeg".into(),
            size: 3,
            data_base64: crate::base64::encode(b"\xff\xd8\xff"),
        });
        let Outgoing::Request(request) = Outgoing::for_complaint(&sent, &config) else { panic!() };
        let Body::Multipart(parts) = request.body else { panic!("multipart with media") };
        assert_eq!(parts.first().unwrap().name, "api_key");
        assert_eq!(
            parts.last().unwrap().value,
            PartValue::File { filename: "foto.jpg".into(), mime: "image/jpeg".into(), bytes: b"\xff\xd8\xff".to_vec() }
        );
    }

    #[test]
    fn open311_puts_the_first_photo_on_the_media_host_and_sends_its_address() {
        let mut config = config();
        let lapor = config.delivery.backends.iter_mut().find(|b| b.id == "lapor").unwrap();
        let BackendKind::Open311(open311) = &mut lapor.kind else { panic!("open311") };
        open311.media = Open311Media::Host { url: "https://berkas.bengkaliskab.go.id/media".into() };
        let mut sent = addressed_to(None);
        let Outgoing::Request(request) = Outgoing::for_complaint(&sent, &config) else { panic!() };
        assert_eq!(request.photo_first, None, "a PDF is not a photo");
        for (name, bytes) in [("foto.jpg", b"\xff\xd8\x01"), ("kedua.jpg", b"\xff\xd8\x02")] {
            sent.attachments.push(crate::payload::PayloadAttachment {
                name: name.into(),
                mime: "image/jpeg".into(),
                size: 3,
                data_base64: crate::base64::encode(bytes),
            });
        }
        let Outgoing::Request(request) = Outgoing::for_complaint(&sent, &config) else { panic!() };
        let upload = request.photo_first.clone().expect("the photo goes to the media host first");
        let upload = upload.request();
        assert_eq!(upload.url, "https://berkas.bengkaliskab.go.id/media");
        assert_eq!(upload.answer, AnswerFormat::MediaHost);
        let Body::Multipart(parts) = &upload.body else { panic!("the photo as a file part") };
        assert_eq!(parts.len(), 1, "only the first photo: Open311 has one media_url");
        assert_eq!(parts[0].name, "media");
        assert_eq!(
            parts[0].value,
            PartValue::File { filename: "foto.jpg".into(), mime: "image/jpeg".into(), bytes: b"\xff\xd8\x01".to_vec() }
        );

        let before = form_fields(&request.body);
        assert!(!before.iter().any(|(n, _)| n == "media_url"));
        let sent_on = request.with_media_url("https://berkas.bengkaliskab.go.id/media/ab12.jpg?v=1&x=2");
        assert_eq!(sent_on.photo_first, None);
        let after = form_fields(&sent_on.body);
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(
            after.last().unwrap(),
            &("media_url".to_owned(), "https://berkas.bengkaliskab.go.id/media/ab12.jpg?v=1&x=2".to_owned()),
            "the address whole, its & and = encoded"
        );
    }

    #[test]
    fn whatsapp_gets_the_complaint_written_for_a_phone_screen() {
        let mut sent = addressed_to(Some("damkar"));
        sent.kind = crate::complaint::ReportKind::Pengaduan;
        sent.incident_date = Some("2026-11-14".into());
        sent.location.coordinates = Coordinates::new(1_466_600, 102_133_300);
        sent.contact.phone = Some("+6281234567890".into());
        let hand_off = hand_off(&sent);
        assert_eq!(hand_off.channel, Channel::WhatsApp);
        assert_eq!(hand_off.attachments, 1);
        let (address, text) = hand_off.url.split_once("?text=").unwrap();
        assert_eq!(address, "https://wa.me/628127000113");
        assert!(!text.contains(' ') && !text.contains('\n'), "the text is fully encoded");
        assert_eq!(
            percent_decode(text),
            "Pengaduan untuk Pemerintah Kabupaten Bengkalis\n\
             \n\
             *Judul:* Jadwal pendaftaran SD negeri\n\
             *Isi laporan:* Kapan pendaftaran murid baru SD negeri di Kecamatan Bantan dibuka tahun depan?\n\
             *Tanggal kejadian:* 14-11-2026\n\
             *Lokasi:* Bantan, Kabupaten Bengkalis\n\
             *Peta:* https://www.openstreetmap.org/?mlat=1.466600&mlon=102.133300#map=18/1.466600/102.133300\n\
             *Ditujukan kepada:* Dinas Pemadam Kebakaran dan Penyelamatan\n\
             *Pelapor:* Rahmat\n\
             *No. HP:* +6281234567890\n\
             *Email:* rahmat@contoh.id\n\
             *Lampiran:* 1 berkas menyusul dalam pesan ini\n\
             *Nomor laporan:* 07070707"
        );
    }

    #[test]
    fn an_anonymous_hand_off_names_nobody() {
        let mut sent = addressed_to(Some("damkar"));
        sent.privacy = crate::complaint::Privacy { anonymous: true, confidential: true };
        let text = percent_decode(hand_off(&sent).url.split_once("?text=").unwrap().1);
        assert!(!text.contains("Rahmat") && !text.contains("rahmat@"), "{text}");
        assert!(text.contains("*Pelapor:* Anonim"));
        assert!(text.contains("*Rahasia:* ya"));
    }

    #[test]
    fn email_gets_a_subject_and_a_body_with_crlf_line_breaks() {
        let sent = addressed_to(Some("inspektorat"));
        let hand_off = hand_off(&sent);
        assert_eq!(hand_off.channel, Channel::Email);
        let (address, query) = hand_off.url.split_once('?').unwrap();
        assert_eq!(address, "mailto:pengaduan.inspektorat@bengkaliskab.go.id");
        let (subject, body) = query.split_once("&body=").unwrap();
        assert_eq!(subject, "subject=Permintaan%20informasi%3A%20Jadwal%20pendaftaran%20SD%20negeri");
        assert!(
            body.starts_with(
                "Permintaan%20informasi%20untuk%20Pemerintah%20Kabupaten%20Bengkalis%0D%0A%0D%0AJudul%3A%20"
            )
        );
        assert!(!body.contains('+'), "mailto uses %20, never +");
    }

    #[test]
    fn each_agency_goes_to_its_own_backend_and_the_rest_to_the_default() {
        let kinds: Vec<&str> = [Some("disdik"), Some("damkar"), Some("inspektorat"), Some("dlh"), None]
            .into_iter()
            .map(|agency| match Outgoing::for_complaint(&addressed_to(agency), &config()) {
                Outgoing::Request(Request { body: Body::Multipart(_), .. }) => "multipart",
                Outgoing::Request(Request { answer: AnswerFormat::Open311, .. }) => "open311",
                Outgoing::Request(_) => "json",
                Outgoing::HandOff(HandOff { channel: Channel::WhatsApp, .. }) => "whatsapp",
                Outgoing::HandOff(HandOff { channel: Channel::Email, .. }) => "email",
            })
            .collect();
        assert_eq!(kinds, ["multipart", "whatsapp", "email", "open311", "open311"]);
    }

    #[test]
    fn the_same_complaint_always_makes_the_same_request() {
        for agency in [Some("disdik"), Some("damkar"), None] {
            let sent = addressed_to(agency);
            assert_eq!(Outgoing::for_complaint(&sent, &config()), Outgoing::for_complaint(&sent, &config()));
        }
    }
}
