//! Complaints sent as `multipart/form-data`, as the widget's multipart adapter
//! sends them to PHP and Laravel backends: the payload JSON in a `payload`
//! field, the files as `lampiran[]` parts. Every body here is built by hand.

mod support;

use std::time::SystemTime;

use aduan::complaint::{AttachmentInfo, Draft, ReportKind};
use aduan::delivery::read_answer;
use aduan::messages::Lang;
use aduan::payload::{ClientId, ComplaintPayload, Envelope};
use aduan_receiver::clock;
use serde_json::{Value, json};
use support::{Multipart, TestServer, config, multipart_for, payload, today};

/// A blocked drain with two photos, written for these tests.
fn drain_draft() -> Draft {
    let today = today();
    Draft {
        kind: Some(ReportKind::Pengaduan),
        title: "Parit tersumbat di depan pasar".into(),
        description: "Parit di depan pasar pagi tersumbat plastik dan lumpur, air meluap ke jalan setiap hujan.".into(),
        incident_day: today.day().to_string(),
        incident_month: today.month().to_string(),
        incident_year: today.year().to_string(),
        kecamatan: "14.03.02".into(),
        location_detail: "Sebelah kios ikan".into(),
        agency: "pupr".into(),
        anonymous: true,
        name: "Hasan Basri".into(),
        phone: "0813 7000 1122".into(),
        attachments: vec![
            AttachmentInfo { name: "parit.png".into(), mime: "image/png".into(), size: 0 },
            AttachmentInfo { name: "jalan banjir.jpg".into(), mime: "image/jpeg".into(), size: 0 },
        ],
        ..Draft::default()
    }
}

/// Every byte value, and the line breaks and dashes a boundary is made of, so
/// a parser that treats files as text or trims them would be caught.
fn awkward_png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(0..=255u8);
    bytes.extend_from_slice(b"\r\n--\r\n----AduanFormBoundary\r\n\r\n");
    bytes
}

const JPEG: &[u8] = b"\xff\xd8\xff\xe1 foto jalan \xff\xd9";

/// The payload for `draft` with these file bytes, as the widget builds it.
fn payload_with(draft: Draft, files: &[Vec<u8>], seed: u8) -> ComplaintPayload {
    let mut draft = draft;
    for (info, bytes) in draft.attachments.iter_mut().zip(files) {
        info.size = bytes.len() as u64;
    }
    let config = config();
    let complaint = draft.validate(&config, today()).expect("the test draft is valid");
    let client_id = ClientId::from_random([seed; 16]);
    let submitted_at = clock::rfc3339_utc(SystemTime::now());
    let envelope = Envelope {
        client_id: &client_id,
        submitted_at: &submitted_at,
        language: Lang::Id,
        page_url: Some("https://bengkaliskab.go.id/aduan"),
        triage: None,
    };
    ComplaintPayload::new(&complaint, &config, &envelope, files)
}

fn drain_payload(seed: u8) -> ComplaintPayload {
    payload_with(drain_draft(), &[awkward_png(), JPEG.to_vec()], seed)
}

fn error(answer: &support::Answer) -> (u16, String, String) {
    let json = answer.json();
    let text = |key: &str| json["error"][key].as_str().unwrap_or_default().to_owned();
    (answer.status, text("code"), text("message"))
}

#[test]
fn a_multipart_complaint_is_stored_exactly_as_a_json_one_would_be() {
    let server = TestServer::start(&[]);
    let sent = drain_payload(1);
    let answer = server.post_multipart(&multipart_for(&sent), &[]);
    assert_eq!(answer.status, 201, "{}", answer.body);
    let tracking = answer.json()["tracking_number"].as_str().expect("a tracking number").to_owned();
    assert_eq!(answer.json(), json!({"tracking_number": tracking, "duplicate": false}));
    let id = ClientId::parse(&sent.client_id).expect("a UUID");
    assert_eq!(read_answer(&id, answer.status, &answer.body).expect("a receipt").reference(), tracking);

    let db = server.db();
    let (title, agency, anonymous, phone, payload_json): (String, String, bool, String, String) = db
        .query_row(
            "SELECT title, agency_id, anonymous, contact_phone, payload_json FROM complaints WHERE tracking_number = ?1",
            [&tracking],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
        )
        .expect("the complaint is stored under its number");
    assert_eq!((title.as_str(), agency.as_str(), anonymous), ("Parit tersumbat di depan pasar", "pupr", true));
    assert_eq!(phone, "+6281370001122");
    let kept: Value = serde_json::from_str(&payload_json).expect("payload_json is JSON");
    assert_eq!(kept["attachments"][1], json!({"name": "jalan banjir.jpg", "type": "image/jpeg", "size": JPEG.len()}));

    let mut files = db.prepare("SELECT position, name, mime, data FROM attachments ORDER BY position").unwrap();
    let files: Vec<(i64, String, String, Vec<u8>)> = files
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        files,
        [
            (0, "parit.png".to_owned(), "image/png".to_owned(), awkward_png()),
            (1, "jalan banjir.jpg".to_owned(), "image/jpeg".to_owned(), JPEG.to_vec()),
        ],
        "the bytes arrive untouched, in order"
    );
}

#[test]
fn the_same_complaint_again_is_a_duplicate_whichever_way_it_comes() {
    let server = TestServer::start(&[]);
    let sent = drain_payload(2);
    let first = server.post_multipart(&multipart_for(&sent), &[]);
    assert_eq!(first.status, 201);
    let again = server.post_multipart(&multipart_for(&sent), &[]);
    assert_eq!(again.status, 200);
    assert_eq!(again.json()["tracking_number"], first.json()["tracking_number"]);
    assert_eq!(again.json()["duplicate"], true);
    let as_json = server.post(&sent.to_json(), &[]);
    assert_eq!((as_json.status, as_json.json()["duplicate"].as_bool()), (200, Some(true)));
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM attachments"), 2);
}

#[test]
fn a_complaint_without_attachments_needs_no_files() {
    let server = TestServer::start(&[]);
    let draft = Draft { attachments: vec![], ..drain_draft() };
    let sent = payload_with(draft, &[], 3);
    let answer = server.post_multipart(&multipart_for(&sent), &[]);
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(server.count("SELECT COUNT(*) FROM attachments"), 0);
}

#[test]
fn a_body_without_the_payload_field_is_refused_and_the_message_names_it() {
    let server = TestServer::start(&[]);
    let sent = drain_payload(4);
    let mut form = multipart_for(&sent);
    form.parts.retain(|(headers, _)| !headers.contains("name=\"payload\""));
    let (status, code, message) = error(&server.post_multipart(&form, &[]));
    assert_eq!((status, code.as_str()), (400, "malformed"));
    assert!(message.contains("`payload`"), "{message}");

    let twice = multipart_for(&sent).field("payload", &sent.to_json());
    let (status, code, message) = error(&server.post_multipart(&twice, &[]));
    assert_eq!((status, code.as_str()), (400, "malformed"));
    assert!(message.contains("exactly one `payload`"), "{message}");
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0);
}

#[test]
fn a_payload_that_is_not_the_complaint_json_is_refused_naming_the_field_and_key() {
    let server = TestServer::start(&[]);
    let mut json: Value = serde_json::from_str(&drain_payload(5).to_json()).expect("a payload is JSON");
    json["kind"] = "keluhan".into();
    let form = Multipart::new().field("payload", &json.to_string());
    let (status, code, message) = error(&server.post_multipart(&form, &[]));
    assert_eq!((status, code.as_str()), (400, "malformed"));
    assert!(message.contains("`payload.kind`"), "{message}");

    let form = Multipart::new().field("payload", "{bukan json");
    let (status, code, message) = error(&server.post_multipart(&form, &[]));
    assert_eq!((status, code.as_str()), (400, "malformed"));
    assert!(message.contains("`payload`"), "{message}");
}

#[test]
fn files_that_do_not_match_the_payload_are_refused_as_bad_attachments() {
    let server = TestServer::start(&[]);
    let sent = drain_payload(6);
    let file_part = |form: &Multipart, n: usize| {
        form.parts.iter().enumerate().filter(|(_, (h, _))| h.contains("lampiran[]")).nth(n).map(|(i, _)| i).unwrap()
    };
    type Tamper = fn(&mut Multipart, usize);
    let cases: &[(&str, Tamper, &str)] = &[
        ("a file missing", |form, at| drop(form.parts.remove(at)), "lists 2 attachments but 1 `lampiran[]` files came"),
        (
            "a file too many",
            |form, _| *form = std::mem::replace(form, Multipart::new()).file("lampiran[]", "x.png", "image/png", b"x"),
            "lists 2 attachments but 3",
        ),
        (
            "a byte short",
            |form, at| {
                form.parts[at].1.pop();
            },
            "attachments[0]: the file has",
        ),
        (
            "another type",
            |form, at| form.parts[at].0 = form.parts[at].0.replace("image/png", "application/pdf"),
            "attachments[0]: the file is application/pdf, the payload says image/png",
        ),
        (
            "no type at all",
            |form, at| form.parts[at].0 = form.parts[at].0.replace("\r\nContent-Type: image/png", ""),
            "the file is application/octet-stream",
        ),
        (
            "not a file",
            |form, at| form.parts[at].0 = "Content-Disposition: form-data; name=\"lampiran[]\"".into(),
            "attachments[0]: its `lampiran[]` part is not a file",
        ),
    ];
    for (story, tamper, expected) in cases {
        let mut form = multipart_for(&sent);
        let at = file_part(&form, 0);
        tamper(&mut form, at);
        let (status, code, message) = error(&server.post_multipart(&form, &[]));
        assert_eq!((status, code.as_str()), (400, "bad_attachment"), "{story}: {message}");
        assert!(message.contains(expected), "{story}: {message}");
    }

    // The files travel as parts, so the payload must not carry them too.
    let mut form = multipart_for(&sent);
    let payload_at = form.parts.iter().position(|(h, _)| h.contains("name=\"payload\"")).unwrap();
    let mut half_inline = sent.clone();
    half_inline.attachments[0].data_base64.clear();
    form.parts[payload_at].1 = half_inline.to_json().into_bytes();
    let (status, code, message) = error(&server.post_multipart(&form, &[]));
    assert_eq!((status, code.as_str()), (400, "bad_attachment"));
    assert!(message.contains("attachments[1]: data_base64 must be empty"), "{message}");
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0);
}

#[test]
fn an_invalid_complaint_is_refused_with_every_field_as_for_json() {
    let server = TestServer::start(&[]);
    let mut sent = payload(7);
    sent.title = "  ".into();
    let answer = server.post_multipart(&multipart_for(&sent), &[]);
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["error"]["code"], "invalid_complaint");
    assert_eq!(answer.json()["error"]["message"], "Masukkan judul laporan");
    assert_eq!(answer.json()["error"]["fields"][0]["field"], "title");
    let mut other = payload(8);
    other.regency.code = "14.71".into();
    assert_eq!(error(&server.post_multipart(&multipart_for(&other), &[])).1, "other_regency");
}

#[test]
fn broken_multipart_bodies_are_refused_as_malformed() {
    let server = TestServer::start(&[]);
    let form = multipart_for(&payload(9));
    let body = form.body();
    let cut = Multipart { cut_off: true, ..multipart_for(&payload(9)) };
    let cases: Vec<(String, Vec<u8>, &str)> = vec![
        ("multipart/form-data".into(), body.clone(), "needs a boundary"),
        ("multipart/form-data; boundary=lain".into(), body.clone(), "no boundary line opens the first part"),
        (cut.content_type(), cut.body(), "cut off"),
        (form.content_type(), body[..body.len() / 2].to_vec(), "cut off"),
        (form.content_type(), String::from_utf8_lossy(&body).replace("\r\n", "\n").into_bytes(), "line break"),
    ];
    for (content_type, body, expected) in cases {
        let answer = server.request("POST", "/api/complaints", &[("Content-Type", &content_type)], &body);
        let (status, code, message) = error(&answer);
        assert_eq!((status, code.as_str()), (400, "malformed"), "{content_type}: {message}");
        assert!(message.contains(expected), "{content_type}: {message}");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0);
}

#[test]
fn a_quoted_boundary_and_a_preamble_are_understood() {
    let server = TestServer::start(&[]);
    let mut form = multipart_for(&payload(10));
    form.boundary = "=_Aduan batas:(1)".into();
    let mut body = b"Preamble that readers ignore.\r\n".to_vec();
    body.extend_from_slice(&form.body());
    let content_type = format!("multipart/form-data; boundary=\"{}\"", form.boundary);
    let answer = server.request("POST", "/api/complaints", &[("Content-Type", &content_type)], &body);
    assert_eq!(answer.status, 201, "{}", answer.body);
}

#[test]
fn a_multipart_body_declared_over_32_mib_is_refused_with_413() {
    let server = TestServer::start(&[]);
    let head = format!(
        "POST /api/complaints HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; boundary=b\r\n\
         Content-Length: {}\r\n\r\n--b",
        server.addr(),
        32 * 1024 * 1024 + 1
    );
    let answer = support::send_raw(server.addr(), head.as_bytes());
    assert_eq!((answer.status, answer.json()["error"]["code"].as_str()), (413, Some("too_large")));
}

#[test]
fn the_fields_a_php_backend_reads_carry_the_same_complaint() {
    // Not what the receiver reads, but what the adapter is tested against: the
    // helper that builds these bodies must agree with the payload it carries.
    let sent = drain_payload(11);
    let form = multipart_for(&sent);
    let field = |name: &str| {
        let headers = format!("Content-Disposition: form-data; name=\"{name}\"");
        form.parts.iter().find(|(h, _)| *h == headers).map(|(_, data)| String::from_utf8_lossy(data).into_owned())
    };
    assert_eq!(field("judul").as_deref(), Some("Parit tersumbat di depan pasar"));
    assert_eq!(field("instansi").as_deref(), Some("pupr"));
    assert_eq!(field("kode_kecamatan").as_deref(), Some("14.03.02"));
    assert_eq!(field("anonim").as_deref(), Some("1"));
    assert_eq!(field("rahasia").as_deref(), Some("0"));
    assert_eq!(field("client_id"), Some(sent.client_id.clone()));
    let payload: Value = serde_json::from_str(&field("payload").unwrap_or_default()).expect("payload is JSON");
    assert_eq!(payload["attachments"][0]["data_base64"], "");
    assert_eq!(form.parts.iter().filter(|(h, _)| h.contains("name=\"lampiran[]\"; filename=")).count(), 2);
}
