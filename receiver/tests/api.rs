//! The receiver's HTTP API end to end: a real server on a free port, raw HTTP/1.1
//! requests, and the SQLite file read back as an agency would read it.

mod support;

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Barrier};
use std::time::Duration;

use aduan::complaint::Draft;
use aduan::delivery::{DeliveryError, read_answer};
use aduan::messages::Lang;
use aduan::payload::{ClientId, ComplaintPayload};
use serde_json::{Value, json};
use support::{PHOTO, TestServer, draft, payload, payload_for, send_raw};

const SITE: &str = "https://bengkaliskab.go.id";

fn client_id(payload: &ComplaintPayload) -> ClientId {
    ClientId::parse(&payload.client_id).expect("test payloads carry a UUID")
}

#[test]
fn a_valid_complaint_is_stored_and_answered_with_201_and_a_tracking_number() {
    let server = TestServer::start(&[SITE]);
    let sent = payload(1);
    let answer = server.post(&sent.to_json(), &[("Origin", SITE)]);
    assert_eq!(answer.status, 201, "{}", answer.body);
    let json = answer.json();
    let tracking = json["tracking_number"].as_str().expect("a tracking number").to_owned();
    let year = support::today().year();
    assert_eq!(tracking, format!("ADU-{year}-000001"));
    assert_eq!(json["duplicate"], false);
    assert_eq!(answer.header("Content-Type"), Some("application/json; charset=utf-8"));

    // The widget reads this answer as a receipt.
    let receipt = read_answer(&client_id(&sent), answer.status, &answer.body).expect("a receipt");
    assert_eq!(receipt.reference(), tracking);
    assert!(!receipt.duplicate);

    let db = server.db();
    let column = |name: &str| -> Option<String> {
        db.query_row(
            &format!("SELECT CAST({name} AS TEXT) FROM complaints WHERE title = 'Lampu jalan padam di depan masjid'"),
            [],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("the complaint is stored under its title ({name}: {e})"))
    };
    assert_eq!(column("tracking_number"), Some(tracking.clone()));
    assert_eq!(column("client_id"), Some(sent.client_id.clone()));
    assert_eq!(column("kind").as_deref(), Some("pengaduan"));
    assert_eq!(column("kecamatan_code").as_deref(), Some("14.03.02"));
    assert_eq!(column("desa_code").as_deref(), Some("14.03.02.2019"));
    assert_eq!(column("agency_id").as_deref(), Some("perkimtan"));
    assert_eq!(column("contact_phone").as_deref(), Some("+6285266123344"), "the phone is kept in +62 form");
    assert_eq!(column("contact_email").as_deref(), Some("nurul.h@contoh.id"));
    assert_eq!(column("contact_nik"), None);
    assert_eq!(column("language").as_deref(), Some("id"));
    assert_eq!(column("anonymous").as_deref(), Some("0"));
    assert_eq!(column("confidential").as_deref(), Some("0"));
    assert_eq!(column("incident_date"), Some(support::today().to_string()));
    let received_at = column("received_at").unwrap_or_default();
    assert!(received_at.len() == 20 && received_at.ends_with('Z'), "RFC 3339 UTC: {received_at}");
    let payload_json = column("payload_json").unwrap_or_default();
    let kept: Value = serde_json::from_str(&payload_json).expect("payload_json is JSON");
    assert_eq!(kept["attachments"][0]["name"], "lampu.jpg");
    assert_eq!(kept["attachments"][0].get("data_base64"), None, "attachment data is not kept twice");
    assert_eq!(kept["source"]["page_url"], "https://bengkaliskab.go.id/layanan/aduan");

    let (name, mime, size, data): (String, String, i64, Vec<u8>) = db
        .query_row("SELECT name, mime, size, data FROM attachments WHERE position = 0", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .expect("the attachment is stored");
    assert_eq!((name.as_str(), mime.as_str(), size, data.as_slice()), ("lampu.jpg", "image/jpeg", 6, PHOTO));
}

#[test]
fn the_same_client_id_twice_gives_200_the_same_tracking_number_and_one_row() {
    let server = TestServer::start(&[]);
    let first = server.post(&payload(2).to_json(), &[]);
    assert_eq!(first.status, 201, "{}", first.body);

    // A retry whose text changed meanwhile still does not touch the stored row.
    let mut retry = payload(2);
    retry.title = "Judul yang diubah".into();
    let second = server.post(&retry.to_json(), &[]);
    assert_eq!(second.status, 200, "{}", second.body);
    assert_eq!(second.json()["tracking_number"], first.json()["tracking_number"]);
    assert_eq!(second.json()["duplicate"], true);
    assert!(read_answer(&client_id(&retry), second.status, &second.body).expect("a receipt").duplicate);

    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints WHERE title = 'Lampu jalan padam di depan masjid'"), 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM attachments"), 1);
}

#[test]
fn twenty_simultaneous_posts_of_one_complaint_leave_exactly_one_row() {
    let server = Arc::new(TestServer::start(&[]));
    let body = Arc::new(payload(3).to_json());
    let start = Arc::new(Barrier::new(20));
    let threads: Vec<_> = (0..20)
        .map(|_| {
            let (server, body, start) = (Arc::clone(&server), Arc::clone(&body), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                server.post(&body, &[])
            })
        })
        .collect();
    let answers: Vec<_> = threads.into_iter().map(|t| t.join().expect("a poster thread")).collect();

    let created = answers.iter().filter(|a| a.status == 201).count();
    let repeated = answers.iter().filter(|a| a.status == 200).count();
    assert_eq!((created, repeated), (1, 19), "{answers:?}");
    let numbers: std::collections::HashSet<String> =
        answers.iter().map(|a| a.json()["tracking_number"].as_str().unwrap_or_default().to_owned()).collect();
    assert_eq!(numbers.len(), 1, "{numbers:?}");
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM attachments"), 1);
}

#[test]
fn an_invalid_complaint_is_refused_in_indonesian_with_every_field_listed() {
    let server = TestServer::start(&[]);
    let mut sent = payload(4);
    sent.title = "   ".into();
    sent.description = "Gelap.".into();
    let answer = server.post(&sent.to_json(), &[]);
    assert_eq!(answer.status, 400);
    let error = &answer.json()["error"];
    assert_eq!(error["code"], "invalid_complaint");
    assert_eq!(error["message"], "Masukkan judul laporan");
    let fields: Vec<&str> =
        error["fields"].as_array().expect("a list").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!(fields, ["title", "description"]);
    assert_eq!(error["fields"][0]["message"], "Masukkan judul laporan");
    assert!(error["fields"][1]["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0);

    // The widget shows the reason and does not retry.
    let refused = read_answer(&client_id(&sent), answer.status, &answer.body).unwrap_err();
    assert_eq!(refused, DeliveryError::Rejected { reason: Some("Masukkan judul laporan".into()) });
}

#[test]
fn a_complaint_written_in_english_is_refused_in_english() {
    let server = TestServer::start(&[]);
    let mut sent = payload_for(&draft(), 5, Lang::En);
    sent.title.clear();
    let answer = server.post(&sent.to_json(), &[]);
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json()["error"]["message"], "Enter a title for your report");
    assert_eq!(answer.json()["error"]["fields"][0]["message"], "Enter a title for your report");
}

#[test]
fn malformed_json_is_refused_and_the_message_names_the_key() {
    let server = TestServer::start(&[]);
    let mut json: Value = serde_json::from_str(&payload(6).to_json()).expect("a payload is JSON");
    json["kind"] = "keluhan".into();
    let answer = server.post(&json.to_string(), &[]);
    assert_eq!(answer.status, 400);
    let error = &answer.json()["error"];
    assert_eq!(error["code"], "malformed");
    assert!(error["message"].as_str().is_some_and(|m| m.contains("`kind`")), "{error}");
    assert_eq!(error["fields"], json!([]));

    for body in ["not json", "", "{", "[]", "{\"schema\": \"aduan.complaint/1\"}", "\u{0}\u{1}"] {
        let answer = server.post(body, &[]);
        assert_eq!((answer.status, answer.json()["error"]["code"].as_str()), (400, Some("malformed")), "{body:?}");
    }
    let answer =
        server.request("POST", "/api/complaints", &[("Content-Type", "application/json")], b"{\"title\": \"\xff\"}");
    assert_eq!(answer.json()["error"]["code"], "malformed");
}

#[test]
fn payloads_for_another_regency_or_with_a_bad_client_id_are_refused_with_their_code() {
    let server = TestServer::start(&[]);
    type Tamper = fn(&mut ComplaintPayload);
    let cases: &[(Tamper, &str)] = &[
        (|p| p.regency.code = "14.71".into(), "other_regency"),
        (|p| p.client_id = "nomor-1".into(), "bad_client_id"),
        (|p| p.schema = "aduan.complaint/2".into(), "unknown_schema"),
        (|p| p.attachments[0].data_base64 = "!!!!".into(), "bad_attachment"),
    ];
    for (tamper, code) in cases {
        let mut sent = payload(7);
        tamper(&mut sent);
        let answer = server.post(&sent.to_json(), &[]);
        assert_eq!((answer.status, answer.json()["error"]["code"].as_str()), (400, Some(*code)));
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0);
}

#[test]
fn a_body_not_sent_as_json_is_refused_with_415() {
    let server = TestServer::start(&[]);
    let body = payload(8).to_json();
    for content_type in [Some("text/plain"), Some("application/x-www-form-urlencoded"), None] {
        let headers: Vec<(&str, &str)> = content_type.map(|t| ("Content-Type", t)).into_iter().collect();
        let answer = server.request("POST", "/api/complaints", &headers, body.as_bytes());
        assert_eq!(answer.status, 415, "{content_type:?}");
        assert_eq!(answer.json()["error"]["code"], "unsupported_media_type");
    }
    let answer = server.request(
        "POST",
        "/api/complaints",
        &[("Content-Type", "application/json; charset=utf-8")],
        body.as_bytes(),
    );
    assert_eq!(answer.status, 201, "a charset parameter is fine");
}

#[test]
fn a_body_declared_over_32_mib_is_refused_with_413_before_it_is_sent() {
    let server = TestServer::start(&[]);
    let head = format!(
        "POST /api/complaints HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{{",
        server.addr(),
        32 * 1024 * 1024 + 1
    );
    // Only the head and one byte are sent: the answer must come without the rest.
    let answer = send_raw(server.addr(), head.as_bytes());
    assert_eq!(answer.status, 413);
    assert_eq!(answer.json()["error"]["code"], "too_large");
    assert_eq!(answer.json()["error"]["fields"], json!([]));
}

#[test]
fn a_chunked_body_over_32_mib_is_cut_off_with_413() {
    let server = TestServer::start(&[]);
    let mut stream = TcpStream::connect(server.addr()).expect("a connection");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("a timeout");
    let head = format!(
        "POST /api/complaints HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        server.addr()
    );
    let mut writer = stream.try_clone().expect("a second handle");
    // The writer may be cut off once the receiver has seen enough; that is the point.
    let sender = std::thread::spawn(move || -> std::io::Result<()> {
        writer.write_all(head.as_bytes())?;
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..40 {
            writer.write_all(format!("{:x}\r\n", chunk.len()).as_bytes())?;
            writer.write_all(&chunk)?;
            writer.write_all(b"\r\n")?;
        }
        writer.write_all(b"0\r\n\r\n")
    });
    let answer = support::read_answer(&mut stream);
    assert_eq!(answer.status, 413);
    assert_eq!(answer.json()["error"]["code"], "too_large");
    drop(stream);
    let _ = sender.join();
}

#[test]
fn an_absurd_declared_length_gets_no_answer_and_harms_nothing() {
    // tiny_http 0.12 drains unread bodies through a buffer of the declared size,
    // so a single request claiming a terabyte used to abort the whole receiver.
    let server = TestServer::start(&[]);
    for path in ["/api/complaints", "/api/health"] {
        let mut stream = TcpStream::connect(server.addr()).expect("a connection");
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{{"
        );
        stream.write_all(head.as_bytes()).expect("the head is written");
        stream.set_read_timeout(Some(Duration::from_millis(300))).expect("a timeout");
        let mut byte = [0; 1];
        assert!(std::io::Read::read(&mut stream, &mut byte).is_err(), "no answer is given");
    }
    let answer = server.get("/api/health", &[]);
    assert_eq!(answer.status, 200);
}

#[test]
fn a_preflight_from_an_allowed_origin_gets_every_cors_header() {
    let server = TestServer::start(&[SITE]);
    let answer = server.request(
        "OPTIONS",
        "/api/complaints",
        &[
            ("Origin", SITE),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
        b"",
    );
    assert_eq!(answer.status, 204);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(SITE));
    assert_eq!(answer.header("Vary"), Some("Origin"));
    assert_eq!(answer.header("Access-Control-Allow-Methods"), Some("POST, GET, OPTIONS"));
    assert_eq!(answer.header("Access-Control-Allow-Headers"), Some("Content-Type"));
    assert_eq!(answer.header("Access-Control-Max-Age"), Some("600"));
    assert_eq!(answer.body, "");

    // The POST that follows carries them too, or the browser would hide the receipt.
    let posted = server.post(&payload(9).to_json(), &[("Origin", SITE)]);
    assert_eq!(posted.status, 201);
    assert_eq!(posted.header("Access-Control-Allow-Origin"), Some(SITE));
}

#[test]
fn a_disallowed_origin_gets_no_cors_headers_and_its_post_is_refused_with_403() {
    let server = TestServer::start(&[SITE]);
    let evil = "https://bukan-situs-pemda.example";
    let preflight = server.request("OPTIONS", "/api/complaints", &[("Origin", evil)], b"");
    assert_eq!(preflight.status, 204);
    assert!(preflight.headers.iter().all(|(name, _)| !name.to_ascii_lowercase().starts_with("access-control-")));

    let answer = server.post(&payload(10).to_json(), &[("Origin", evil)]);
    assert_eq!(answer.status, 403);
    assert_eq!(answer.json()["error"]["code"], "origin_not_allowed");
    assert_eq!(answer.header("Access-Control-Allow-Origin"), None);
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0);

    // Without an Origin header (curl, a server-side form handler) CORS does not apply.
    assert_eq!(server.post(&payload(10).to_json(), &[]).status, 201);
}

#[test]
fn a_star_lets_every_origin_send() {
    let server = TestServer::start(&["*"]);
    let answer = server.post(&payload(11).to_json(), &[("Origin", "https://desa-contoh.example")]);
    assert_eq!(answer.status, 201);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some("*"));
}

#[test]
fn health_answers_ok() {
    let server = TestServer::start(&[]);
    let answer = server.get("/api/health", &[]);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json(), json!({"ok": true}));
}

#[test]
fn a_tracking_number_can_be_looked_up_unless_the_complaint_is_confidential() {
    let server = TestServer::start(&[SITE]);
    let open =
        server.post(&payload(12).to_json(), &[]).json()["tracking_number"].as_str().unwrap_or_default().to_owned();
    let secret_draft = Draft { confidential: true, title: "Pungutan liar di kantor desa".into(), ..draft() };
    let secret = server.post(&payload_for(&secret_draft, 13, Lang::Id).to_json(), &[]);
    assert_eq!(secret.status, 201);
    let secret = secret.json()["tracking_number"].as_str().unwrap_or_default().to_owned();

    let answer = server.get(&format!("/api/complaints/{open}"), &[("Origin", SITE)]);
    assert_eq!(answer.status, 200);
    let json = answer.json();
    assert_eq!(json["tracking_number"], open.as_str());
    assert_eq!(json["status"], "received");
    assert_eq!(json["kind"], "pengaduan");
    assert_eq!(json["title"], "Lampu jalan padam di depan masjid");
    assert!(json["received_at"].as_str().is_some_and(|t| t.ends_with('Z')));
    assert_eq!(json.as_object().map(|o| o.len()), Some(5), "nothing personal is shown: {json}");
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(SITE));

    assert_eq!(server.get(&format!("/api/complaints/{}", open.to_lowercase()), &[]).status, 200);
    for missing in [secret.as_str(), "ADU-2020-000042", "x"] {
        let answer = server.get(&format!("/api/complaints/{missing}"), &[]);
        assert_eq!((answer.status, answer.json()["error"]["code"].as_str()), (404, Some("not_found")), "{missing}");
    }
}

#[test]
fn other_addresses_and_methods_get_json_errors() {
    let server = TestServer::start(&[]);
    let cases: &[(&str, &str, u16, &str, Option<&str>)] = &[
        ("GET", "/", 404, "not_found", None),
        ("GET", "/api/complaints/", 404, "not_found", None),
        ("GET", "/api/complaints/a/b", 404, "not_found", None),
        ("POST", "/api/health", 405, "method_not_allowed", Some("GET")),
        ("GET", "/api/complaints", 405, "method_not_allowed", Some("POST, OPTIONS")),
        ("DELETE", "/api/complaints/ADU-2026-000001", 405, "method_not_allowed", Some("GET, OPTIONS")),
    ];
    for (method, path, status, code, allow) in cases {
        let answer = server.request(method, path, &[], b"");
        assert_eq!(answer.status, *status, "{method} {path}");
        assert_eq!(answer.json()["error"]["code"], *code, "{method} {path}");
        assert_eq!(answer.header("Allow"), *allow, "{method} {path}");
    }
}

#[test]
fn garbage_on_the_wire_never_stops_the_receiver() {
    let server = TestServer::start(&[]);
    let garbage: &[&[u8]] = &[
        b"\x00\x01\x02\r\n\r\n",
        b"GET\r\n\r\n",
        b"POST /api/complaints HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        b"POST /api/complaints HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 99999999999999999999999\r\n\r\n{}",
        b"POST /api/complaints HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"GET /api/complaints/%00%ff HTTP/1.1\r\n\r\n",
    ];
    for raw in garbage {
        let mut stream = TcpStream::connect(server.addr()).expect("a connection");
        stream.set_read_timeout(Some(Duration::from_secs(2))).expect("a timeout");
        let _ = stream.write_all(raw);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut answer = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stream, &mut answer);
    }
    assert_eq!(server.get("/api/health", &[]).status, 200);
}
