//! The media host end to end: photos uploaded the way the widget uploads one
//! before an Open311 request, served back at the address it then sends as
//! `media_url`, with the `media` table read back as an agency would read it.

mod support;

use serde_json::json;
use support::{Multipart, TestServer, send_raw};

const SITE: &str = "https://bengkaliskab.go.id";
const UPLOADS: &str = "/api/media";

/// A photo of a pothole: the start and end of a JPEG, enough for a host that
/// does not look inside.
const ROAD_JPEG: &[u8] = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 jalan berlubang di Jl. Antara \xff\xd9";
/// `sha256sum` of [`ROAD_JPEG`]; its first 32 digits are the token.
const ROAD_SHA256: &str = "5fa7200fe9c6f57d35b2f692a361ba0f0ca4d3129f782c67b5886bccba0887a8";
const ROAD_TOKEN: &str = "5fa7200fe9c6f57d35b2f692a361ba0f";

/// A photo of a street light, as a PNG.
const LAMP_PNG: &[u8] = b"\x89PNG\r\n\x1a\n lampu jalan padam";
const LAMP_TOKEN: &str = "905078cdc68795b536e8df2424faae66";

const MIB: usize = 1024 * 1024;

/// The form the widget sends: one `media` file part.
fn photo_form(filename: &str, content_type: &str, bytes: &[u8]) -> Multipart {
    Multipart::new().file("media", filename, content_type, bytes)
}

fn upload(server: &TestServer, form: &Multipart, headers: &[(&str, &str)]) -> support::Answer {
    server.post_multipart_to(UPLOADS, form, headers)
}

/// The photo's address as the receiver on `server` writes it.
fn address(server: &TestServer, token: &str, extension: &str) -> String {
    format!("http://{}/api/media/{token}.{extension}", server.addr())
}

/// The path of an address on this server, for a GET.
fn path_of<'a>(server: &TestServer, url: &'a str) -> &'a str {
    let base = format!("http://{}", server.addr());
    url.strip_prefix(&base).unwrap_or_else(|| panic!("{url} is on this receiver"))
}

fn error(answer: &support::Answer) -> (u16, String, String) {
    let json = answer.json();
    let text = |key: &str| json["error"][key].as_str().unwrap_or_default().to_owned();
    (answer.status, text("code"), text("message"))
}

#[test]
fn a_jpeg_is_stored_and_answered_with_201_and_its_address() {
    let server = TestServer::start(&[SITE]);
    let answer = upload(&server, &photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG), &[("Origin", SITE)]);
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.json(), json!({"url": address(&server, ROAD_TOKEN, "jpg")}));
    assert_eq!(answer.header("Content-Type"), Some("application/json; charset=utf-8"));
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(SITE), "the widget must be able to read it");

    let (token, mime, sha256, bytes, received_at): (String, String, String, Vec<u8>, String) = server
        .db()
        .query_row("SELECT token, mime, sha256, bytes, received_at FROM media", [], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
        })
        .expect("one photo is stored");
    assert_eq!((token.as_str(), mime.as_str(), sha256.as_str()), (ROAD_TOKEN, "image/jpeg", ROAD_SHA256));
    assert_eq!(bytes, ROAD_JPEG, "the bytes arrive untouched");
    assert!(received_at.len() == 20 && received_at.ends_with('Z'), "RFC 3339 UTC: {received_at}");
}

#[test]
fn the_address_serves_the_same_bytes_and_type_for_any_cache_to_keep() {
    let server = TestServer::start(&[SITE]);
    let url = upload(&server, &photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG), &[]).json()["url"]
        .as_str()
        .expect("an address")
        .to_owned();

    let photo = server.get(path_of(&server, &url), &[]);
    assert_eq!(photo.status, 200);
    assert_eq!(photo.bytes, ROAD_JPEG);
    assert_eq!(photo.header("Content-Type"), Some("image/jpeg"));
    assert_eq!(photo.header("Cache-Control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(photo.header("X-Content-Type-Options"), Some("nosniff"));
    let cache_controls = photo.headers.iter().filter(|(name, _)| name.eq_ignore_ascii_case("Cache-Control")).count();
    assert_eq!(cache_controls, 1, "no `no-store` beside it");

    // Without the extension, and from a page on an allowed site.
    let bare = server.get(&format!("/api/media/{ROAD_TOKEN}"), &[("Origin", SITE)]);
    assert_eq!((bare.status, bare.bytes.as_slice()), (200, ROAD_JPEG));
    assert_eq!(bare.header("Content-Type"), Some("image/jpeg"));
    assert_eq!(bare.header("Access-Control-Allow-Origin"), Some(SITE));

    // A PNG is served as a PNG, at a .png address only.
    let lamp = upload(&server, &photo_form("lampu.png", "image/png", LAMP_PNG), &[]);
    assert_eq!(lamp.json()["url"], address(&server, LAMP_TOKEN, "png"));
    let served = server.get(&format!("/api/media/{LAMP_TOKEN}.png"), &[]);
    assert_eq!((served.status, served.header("Content-Type")), (200, Some("image/png")));
    assert_eq!(served.bytes, LAMP_PNG);
    assert_eq!(server.get(&format!("/api/media/{LAMP_TOKEN}.jpg"), &[]).status, 404);
}

#[test]
fn the_same_photo_again_is_answered_200_with_the_same_address_and_kept_once() {
    let server = TestServer::start(&[]);
    let first = upload(&server, &photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG), &[]);
    assert_eq!(first.status, 201);
    // A retry by the widget; the file name does not matter.
    let again = upload(&server, &photo_form("blob", "image/jpeg", ROAD_JPEG), &[]);
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json(), first.json());
    assert_eq!(server.count("SELECT COUNT(*) FROM media"), 1);

    let other = upload(&server, &photo_form("lampu.png", "image/png", LAMP_PNG), &[]);
    assert_eq!(other.status, 201);
    assert_ne!(other.json()["url"], first.json()["url"]);
    assert_eq!(server.count("SELECT COUNT(*) FROM media"), 2);
}

#[test]
fn a_file_that_is_not_a_photo_is_refused_with_415() {
    let server = TestServer::start(&[]);
    let pdf = upload(&server, &photo_form("surat.pdf", "application/pdf", b"%PDF-1.7 surat keterangan"), &[]);
    let (status, code, message) = error(&pdf);
    assert_eq!((status, code.as_str()), (415, "unsupported_media_type"));
    assert!(message.contains("application/pdf"), "{message}");
    assert_eq!(pdf.json()["error"]["fields"], json!([]), "the receiver's usual error shape");

    let svg = upload(&server, &photo_form("peta.svg", "image/svg+xml", b"<svg onload=alert(1)/>"), &[]);
    assert_eq!(error(&svg).0, 415);
    // The photo sent as the whole body rather than in a form.
    let bare = server.request("POST", UPLOADS, &[("Content-Type", "image/jpeg")], ROAD_JPEG);
    assert_eq!(error(&bare).0, 415);
    let missing = server.request("POST", UPLOADS, &[], ROAD_JPEG);
    assert_eq!(error(&missing).0, 415);
    assert_eq!(server.count("SELECT COUNT(*) FROM media"), 0);
}

#[test]
fn a_form_without_a_media_part_is_refused_with_400() {
    let server = TestServer::start(&[]);
    let wrong_name = Multipart::new().field("judul", "Jalan rusak").file("foto", "jalan.jpg", "image/jpeg", ROAD_JPEG);
    let (status, code, message) = error(&upload(&server, &wrong_name, &[]));
    assert_eq!((status, code.as_str()), (400, "malformed"));
    assert!(message.contains("`media`"), "the message names the part: {message}");

    let two = photo_form("a.jpg", "image/jpeg", ROAD_JPEG).file("media", "b.png", "image/png", LAMP_PNG);
    assert_eq!(error(&upload(&server, &two, &[])).0, 400);
    let empty = photo_form("kosong.jpg", "image/jpeg", b"");
    assert_eq!(error(&upload(&server, &empty, &[])).0, 400);
    let cut_off = Multipart { cut_off: true, ..photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG) };
    let (status, code, message) = error(&upload(&server, &cut_off, &[]));
    assert_eq!((status, code.as_str()), (400, "malformed"));
    assert!(message.contains("cut off"), "{message}");
    assert_eq!(server.count("SELECT COUNT(*) FROM media"), 0);
}

#[test]
fn a_photo_of_10_mib_is_taken_and_one_byte_more_is_refused_with_413() {
    let server = TestServer::start(&[]);
    let mut largest = vec![0xab; 10 * MIB];
    largest[..4].copy_from_slice(b"\xff\xd8\xff\xe0");
    assert_eq!(upload(&server, &photo_form("besar.jpg", "image/jpeg", &largest), &[]).status, 201);

    largest.push(0xd9);
    let (status, code, message) = error(&upload(&server, &photo_form("terlalu.jpg", "image/jpeg", &largest), &[]));
    assert_eq!((status, code.as_str()), (413, "too_large"));
    assert!(message.contains("10 MiB"), "{message}");
    assert_eq!(server.count("SELECT COUNT(*) FROM media"), 1);

    // A body declared far larger is refused before it is sent.
    let head = format!(
        "POST {UPLOADS} HTTP/1.1\r\nHost: {}\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {}\r\n\r\n-",
        server.addr(),
        20 * MIB
    );
    let answer = send_raw(server.addr(), head.as_bytes());
    assert_eq!(error(&answer).0, 413);
}

#[test]
fn an_unknown_address_is_404_in_the_usual_shape_and_never_cached() {
    let server = TestServer::start(&[]);
    upload(&server, &photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG), &[]);
    let unknown = "0123456789abcdef0123456789abcdef";
    for path in [
        format!("/api/media/{unknown}.jpg"),
        format!("/api/media/{unknown}"),
        format!("/api/media/{ROAD_TOKEN}.png"),
        format!("/api/media/{ROAD_TOKEN}.gif"),
        format!("/api/media/{}.jpg", ROAD_TOKEN.to_uppercase()),
        format!("/api/media/{ROAD_SHA256}.jpg"),
        format!("/api/media/{ROAD_TOKEN}.jpg/x"),
        "/api/media/".to_owned(),
        "/api/media/..%2f..%2fetc%2fpasswd".to_owned(),
    ] {
        let answer = server.get(&path, &[]);
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(answer.json()["error"]["code"], "not_found", "{path}");
        assert_eq!(answer.header("Cache-Control"), Some("no-store"), "{path}");
    }
}

#[test]
fn other_methods_are_refused_with_the_allowed_ones() {
    let server = TestServer::start(&[]);
    let cases: &[(&str, String, &str)] = &[
        ("GET", UPLOADS.to_owned(), "POST, OPTIONS"),
        ("DELETE", UPLOADS.to_owned(), "POST, OPTIONS"),
        ("POST", format!("/api/media/{ROAD_TOKEN}.jpg"), "GET, OPTIONS"),
        ("DELETE", format!("/api/media/{ROAD_TOKEN}.jpg"), "GET, OPTIONS"),
    ];
    for (method, path, allow) in cases {
        let answer = server.request(method, path, &[], b"");
        assert_eq!((answer.status, answer.header("Allow")), (405, Some(*allow)), "{method} {path}");
        assert_eq!(answer.json()["error"]["code"], "method_not_allowed");
    }
    assert_eq!(server.get("/api/mediafoto", &[]).status, 404, "only /api/media and what is under it");
}

#[test]
fn a_preflight_from_an_allowed_origin_gets_the_same_cors_headers_as_complaints() {
    let server = TestServer::start(&[SITE]);
    let preflight = |path: &str| {
        server.request(
            "OPTIONS",
            path,
            &[
                ("Origin", SITE),
                ("Access-Control-Request-Method", "POST"),
                ("Access-Control-Request-Headers", "content-type"),
            ],
            b"",
        )
    };
    let media = preflight(UPLOADS);
    assert_eq!(media.status, 204);
    assert_eq!(media.header("Access-Control-Allow-Origin"), Some(SITE));
    assert_eq!(media.header("Access-Control-Allow-Methods"), Some("POST, GET, OPTIONS"));
    let cors = |answer: &support::Answer| -> Vec<(String, String)> {
        let mut headers: Vec<(String, String)> = answer
            .headers
            .iter()
            .filter(|(name, _)| name.to_ascii_lowercase().starts_with("access-control-") || name == "Vary")
            .cloned()
            .collect();
        headers.sort();
        headers
    };
    let complaints = preflight("/api/complaints");
    assert_eq!(cors(&media), cors(&complaints));
    assert!(cors(&media).len() >= 5, "{:?}", cors(&media));

    let posted = upload(&server, &photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG), &[("Origin", SITE)]);
    assert_eq!((posted.status, posted.header("Access-Control-Allow-Origin")), (201, Some(SITE)));
}

#[test]
fn another_origin_is_refused_as_the_complaints_endpoint_refuses_it() {
    let server = TestServer::start(&[SITE]);
    let evil = "https://bukan-situs-pemda.example";
    let preflight = server.request("OPTIONS", UPLOADS, &[("Origin", evil)], b"");
    assert_eq!(preflight.status, 204);
    assert!(preflight.headers.iter().all(|(name, _)| !name.to_ascii_lowercase().starts_with("access-control-")));

    let form = photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG);
    let refused = upload(&server, &form, &[("Origin", evil)]);
    assert_eq!(error(&refused).0, 403);
    assert_eq!(refused.json()["error"]["code"], "origin_not_allowed");
    assert_eq!(refused.header("Access-Control-Allow-Origin"), None);
    assert_eq!(server.count("SELECT COUNT(*) FROM media"), 0);

    // Without an Origin header (curl, a server-side script) CORS does not apply.
    assert_eq!(upload(&server, &form, &[]).status, 201);
}

#[test]
fn the_fault_switch_leaves_photo_uploads_alone() {
    let server = TestServer::with_faults(&[]);
    let plan = server.request("POST", "/api/_faults", &[], br#"{"fail_next": 2, "drop_next": 1, "delay_ms": 1}"#);
    assert_eq!(plan.status, 200);
    let answer = upload(&server, &photo_form("jalan.jpg", "image/jpeg", ROAD_JPEG), &[]);
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(server.get(&format!("/api/media/{ROAD_TOKEN}.jpg"), &[]).status, 200);

    let report = server.get("/api/_faults", &[]).json();
    assert_eq!(report["counters"]["submissions"], 0);
    assert_eq!((report["plan"]["fail_next"].as_u64(), report["plan"]["drop_next"].as_u64()), (Some(2), Some(1)));
}
