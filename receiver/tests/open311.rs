//! The Open311 GeoReport v2 endpoint end to end: form bodies built here, the
//! standard's answers and error shapes, and the `open311_requests` table read
//! back as the end-to-end tests and an agency's tools read it.

mod support;

use std::sync::{Arc, Barrier};

use aduan::payload::ClientId;
use aduan_receiver::open311::Settings;
use serde_json::{Value, json};
use support::{TestServer, config};

const SITE: &str = "https://bengkaliskab.go.id";
const REQUESTS: &str = "/open311/v2/requests.json";

/// A report of a broken bridge plank, written for these tests.
const BRIDGE: &str = "service_code=pupr&lat=1.4674&long=102.1031\
                      &description=Papan+jembatan+kayu+patah%2C+anak+sekolah+harus+melompat.\
                      &first_name=Rina&last_name=Marlina&email=rina.m%40contoh.id&phone=%2B6281377778888";

fn keyed() -> TestServer {
    TestServer::start_with(&[], |options| {
        options.open311 =
            Settings { api_key: Some("kunci-dinas-2026".into()), jurisdiction: Some("bengkaliskab.go.id".into()) };
    })
}

fn client_attribute(seed: u8) -> String {
    format!("attribute%5Baduan_client_id%5D={}", ClientId::from_random([seed; 16]))
}

/// The answer's status and its body, which must be the standard's error list.
fn refusal(answer: &support::Answer) -> (u16, Value) {
    (answer.status, answer.json())
}

fn standard_error(status: u16, description: &str) -> (u16, Value) {
    (status, json!([{"code": status, "description": description}]))
}

#[test]
fn services_list_one_realtime_service_per_agency() {
    let server = TestServer::start(&[SITE]);
    let answer = server.get("/open311/v2/services.json", &[("Origin", SITE)]);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("Content-Type"), Some("application/json; charset=utf-8"));
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(SITE));
    let services = answer.json();
    let services = services.as_array().expect("a list");
    assert_eq!(services.len(), config().agencies.len());
    let pupr = services.iter().find(|s| s["service_code"] == "pupr").expect("every agency is a service");
    assert_eq!(
        *pupr,
        json!({
            "service_code": "pupr",
            "service_name": "Dinas Pekerjaan Umum dan Penataan Ruang",
            "description": "Dinas Pekerjaan Umum dan Penataan Ruang",
            "metadata": false,
            "type": "realtime",
            "keywords": "",
            "group": "Pemerintah Kabupaten Bengkalis"
        })
    );
    // In the config's order, keys in the standard's order.
    assert!(answer.body.starts_with(r#"[{"service_code":"bkpp","service_name":"#), "{}", &answer.body[..80]);
}

#[test]
fn a_request_is_stored_and_answered_with_a_service_request_id() {
    let server = TestServer::start(&[]);
    let form = format!(
        "{BRIDGE}&address_string=Jembatan+Parit+Satu%2C+Bantan&device_id=hp-77&account_id=warga-9\
         &media_url=https%3A%2F%2Ffoto.contoh.id%2Fjembatan.jpg&attribute[jenis]=pengaduan\
         &attribute[rt_rw][]=02&attribute[rt_rw][]=05&{}&jurisdiction_id=abaikan",
        client_attribute(1)
    );
    let answer = server.post_form(REQUESTS, &form, &[]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let year = support::today().year();
    let id = format!("ADU-{year}-000001");
    assert_eq!(
        answer.json(),
        json!([{"service_request_id": id, "service_notice": "Laporan diterima", "account_id": null}])
    );

    type Row = (String, String, String, String, Option<String>, f64, f64, String, Option<String>, String);
    let row: Row = server
        .db()
        .query_row(
            "SELECT service_request_id, client_id, received_at, service_code, description, lat, long,
                    address_string, address_id, attributes_json FROM open311_requests",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                ))
            },
        )
        .expect("one row");
    assert_eq!(row.0, id);
    assert_eq!(row.1, ClientId::from_random([1; 16]).as_str());
    assert!(row.2.len() == 20 && row.2.ends_with('Z'), "RFC 3339 UTC: {}", row.2);
    assert_eq!(row.3, "pupr");
    assert_eq!(row.4.as_deref(), Some("Papan jembatan kayu patah, anak sekolah harus melompat."));
    assert_eq!((row.5, row.6), (1.4674, 102.1031));
    assert_eq!(row.7, "Jembatan Parit Satu, Bantan");
    assert_eq!(row.8, None, "a field not sent is NULL");
    let attributes: Value = serde_json::from_str(&row.9).expect("attributes_json is JSON");
    assert_eq!(
        attributes,
        json!({"aduan_client_id": ClientId::from_random([1; 16]).as_str(), "jenis": "pengaduan", "rt_rw": ["02", "05"]})
    );

    let contact: (String, String, String, String, String, String, String) = server
        .db()
        .query_row(
            "SELECT email, first_name, last_name, phone, device_id, account_id, media_url FROM open311_requests",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .expect("one row");
    assert_eq!(
        contact,
        (
            "rina.m@contoh.id".into(),
            "Rina".into(),
            "Marlina".into(),
            "+6281377778888".into(),
            "hp-77".into(),
            "warga-9".into(),
            "https://foto.contoh.id/jembatan.jpg".into()
        )
    );
}

#[test]
fn a_stored_request_can_be_looked_up_without_its_contact_details() {
    let server = TestServer::start(&[SITE]);
    let posted = server.post_form(REQUESTS, &format!("{BRIDGE}&address_string=Dekat+SD+3"), &[]);
    let id = posted.json()[0]["service_request_id"].as_str().expect("an id").to_owned();
    let answer = server.get(&format!("/open311/v2/requests/{id}.json"), &[("Origin", SITE)]);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("Access-Control-Allow-Origin"), Some(SITE));
    let shown = answer.json();
    let requested = shown[0]["requested_datetime"].as_str().expect("a time").to_owned();
    assert_eq!(
        shown,
        json!([{
            "service_request_id": id,
            "status": "open",
            "service_code": "pupr",
            "service_name": "Dinas Pekerjaan Umum dan Penataan Ruang",
            "description": "Papan jembatan kayu patah, anak sekolah harus melompat.",
            "requested_datetime": requested,
            "address": "Dekat SD 3",
            "lat": 1.4674,
            "long": 102.1031
        }])
    );
    assert!(!answer.body.contains("Rina") && !answer.body.contains("6281377778888"), "no contact details");
    assert_eq!(server.get(&format!("/open311/v2/requests/{}.json", id.to_lowercase()), &[]).status, 200);

    for missing in ["ADU-2020-000042", "x"] {
        let answer = server.get(&format!("/open311/v2/requests/{missing}.json"), &[]);
        assert_eq!(refusal(&answer), standard_error(404, "service_request_id not found"), "{missing}");
    }
}

#[test]
fn the_api_key_is_required_when_the_receiver_is_given_one() {
    let server = keyed();
    let jurisdiction = "jurisdiction_id=bengkaliskab.go.id";
    for form in [
        format!("{jurisdiction}&{BRIDGE}"),
        format!("api_key=kunci-salah&{jurisdiction}&{BRIDGE}"),
        format!("api_key=&{jurisdiction}&{BRIDGE}"),
        format!("api_key=KUNCI-DINAS-2026&{jurisdiction}&{BRIDGE}"),
    ] {
        let answer = server.post_form(REQUESTS, &form, &[]);
        assert_eq!(refusal(&answer), standard_error(403, "Invalid api_key"), "{form}");
    }
    let answer = server.post_form(REQUESTS, &format!("api_key=kunci-dinas-2026&{jurisdiction}&{BRIDGE}"), &[]);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 1);
}

#[test]
fn the_jurisdiction_must_match_when_the_receiver_is_given_one() {
    let server = keyed();
    for jurisdiction in ["", "&jurisdiction_id=riau.go.id", "&jurisdiction_id=BENGKALISKAB.GO.ID"] {
        let answer = server.post_form(REQUESTS, &format!("api_key=kunci-dinas-2026{jurisdiction}&{BRIDGE}"), &[]);
        assert_eq!(refusal(&answer), standard_error(404, "jurisdiction_id not found"), "{jurisdiction:?}");
    }
    // A GET need not name the jurisdiction, but must not name another.
    assert_eq!(server.get("/open311/v2/services.json", &[]).status, 200);
    assert_eq!(server.get("/open311/v2/services.json?jurisdiction_id=bengkaliskab.go.id", &[]).status, 200);
    let wrong = server.get("/open311/v2/services.json?jurisdiction_id=riau.go.id", &[]);
    assert_eq!(refusal(&wrong), standard_error(404, "jurisdiction_id not found"));
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 0);
}

#[test]
fn every_field_rule_is_enforced_with_the_standards_400() {
    let server = TestServer::start(&[]);
    let too_long = "a".repeat(4001);
    let cases: Vec<(String, &str)> = vec![
        ("lat=1&long=102".into(), "service_code is required"),
        ("service_code=&lat=1&long=102".into(), "service_code is required"),
        ("service_code=kominfo&lat=1&long=102".into(), "service_code not found"),
        (
            "service_code=pupr&description=Jembatan+rusak".into(),
            "lat and long, address_string or address_id is required",
        ),
        ("service_code=pupr&long=102".into(), "lat and long must be given together"),
        ("service_code=pupr&lat=1%2C46&long=102".into(), "lat must be decimal degrees from -90 to 90"),
        ("service_code=pupr&lat=-91&long=102".into(), "lat must be decimal degrees from -90 to 90"),
        ("service_code=pupr&lat=1&long=181".into(), "long must be decimal degrees from -180 to 180"),
        ("service_code=pupr&lat=1&long=NaN".into(), "long must be decimal degrees from -180 to 180"),
        (
            format!("service_code=pupr&address_id=7&description={too_long}"),
            "description is longer than 4000 characters",
        ),
        (
            "service_code=pupr&address_id=7&attribute[aduan_client_id]=bukan-uuid".into(),
            "attribute[aduan_client_id] must be a UUID",
        ),
        ("service_code=pupr&address_id=7&email=a%40b.id&email=c%40d.id".into(), "email is given more than once"),
    ];
    for (form, description) in cases {
        let answer = server.post_form(REQUESTS, &form, &[]);
        assert_eq!(refusal(&answer), standard_error(400, description), "{form}");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 0);

    let exactly = format!("service_code=pupr&address_id=7&description={}", "a".repeat(4000));
    assert_eq!(server.post_form(REQUESTS, &exactly, &[]).status, 200);
    for location in ["address_string=Pasar+Bantan", "address_id=14.03.02.2019", "lat=-0.5&long=101.25"] {
        let answer = server.post_form(REQUESTS, &format!("service_code=dlh&{location}"), &[]);
        assert_eq!(answer.status, 200, "{location}: {}", answer.body);
    }
}

#[test]
fn a_retry_with_the_same_client_id_gets_the_same_id_and_stores_nothing_new() {
    let server = TestServer::start(&[]);
    let form = format!("{BRIDGE}&{}", client_attribute(2));
    let first = server.post_form(REQUESTS, &form, &[]);
    let again = server.post_form(REQUESTS, &form, &[]);
    assert_eq!((first.status, again.status), (200, 200));
    assert_eq!(first.json(), again.json());
    // Another client id is another request; no client id is always a new one.
    let other = server.post_form(REQUESTS, &format!("{BRIDGE}&{}", client_attribute(3)), &[]);
    assert_ne!(other.json()[0]["service_request_id"], first.json()[0]["service_request_id"]);
    server.post_form(REQUESTS, BRIDGE, &[]);
    server.post_form(REQUESTS, BRIDGE, &[]);
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 4);
}

#[test]
fn ten_simultaneous_copies_of_one_request_leave_one_row() {
    let server = Arc::new(TestServer::start(&[]));
    let form = Arc::new(format!("{BRIDGE}&{}", client_attribute(4)));
    let start = Arc::new(Barrier::new(10));
    let threads: Vec<_> = (0..10)
        .map(|_| {
            let (server, form, start) = (Arc::clone(&server), Arc::clone(&form), Arc::clone(&start));
            std::thread::spawn(move || {
                start.wait();
                server.post_form(REQUESTS, &form, &[])
            })
        })
        .collect();
    let ids: std::collections::HashSet<String> = threads
        .into_iter()
        .map(|thread| thread.join().expect("a poster thread"))
        .map(|answer| answer.json()[0]["service_request_id"].as_str().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(ids.len(), 1, "{ids:?}");
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 1);
}

#[test]
fn complaints_and_open311_requests_never_share_a_number() {
    let server = TestServer::start(&[]);
    let complaint = server.post(&support::payload(5).to_json(), &[]).json()["tracking_number"].clone();
    let request = server.post_form(REQUESTS, BRIDGE, &[]).json()[0]["service_request_id"].clone();
    let year = support::today().year();
    assert_eq!((complaint, request), (json!(format!("ADU-{year}-000001")), json!(format!("ADU-{year}-000002"))));
}

#[test]
fn only_json_is_served() {
    let server = TestServer::start(&[]);
    let only_json = standard_error(400, "only JSON is served here; use the .json address");
    assert_eq!(refusal(&server.get("/open311/v2/services.xml", &[])), only_json);
    assert_eq!(refusal(&server.post_form("/open311/v2/requests.xml", BRIDGE, &[])), only_json);
    assert_eq!(refusal(&server.get("/open311/v2/requests/ADU-2026-000001.xml", &[])), only_json);
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 0);

    let as_json = server.request(
        "POST",
        REQUESTS,
        &[("Content-Type", "application/json")],
        br#"{"service_code": "pupr", "lat": 1, "long": 102}"#,
    );
    assert_eq!(
        refusal(&as_json),
        standard_error(415, "send the request as Content-Type: application/x-www-form-urlencoded in UTF-8")
    );
    let latin1 = server.request(
        "POST",
        REQUESTS,
        &[("Content-Type", "application/x-www-form-urlencoded; charset=ISO-8859-1")],
        BRIDGE.as_bytes(),
    );
    assert_eq!(latin1.status, 415);
    let not_utf8 = server.post_form(REQUESTS, "service_code=pupr&address_id=7&description=caf%E9", &[]);
    assert_eq!(refusal(&not_utf8), standard_error(400, "the form is not UTF-8 once decoded"));
}

#[test]
fn other_addresses_and_methods_get_the_standards_errors() {
    let server = TestServer::start(&[]);
    let cases: &[(&str, &str, u16, &str, Option<&str>)] = &[
        ("GET", "/open311/v2/", 404, "there is nothing at this address", None),
        ("GET", "/open311/v2/services", 404, "there is nothing at this address", None),
        ("GET", "/open311/v2/services/pupr.json", 404, "there is nothing at this address", None),
        ("GET", "/open311/v2/requests/.json", 404, "there is nothing at this address", None),
        ("GET", "/open311/v2/requests/a/b.json", 404, "there is nothing at this address", None),
        ("POST", "/open311/v2/services.json", 405, "this address answers GET, OPTIONS", Some("GET, OPTIONS")),
        ("GET", REQUESTS, 405, "this address answers POST, OPTIONS", Some("POST, OPTIONS")),
        (
            "DELETE",
            "/open311/v2/requests/ADU-2026-000001.json",
            405,
            "this address answers GET, OPTIONS",
            Some("GET, OPTIONS"),
        ),
    ];
    for (method, path, status, description, allow) in cases {
        let answer = server.request(method, path, &[], b"");
        assert_eq!(refusal(&answer), standard_error(*status, description), "{method} {path}");
        assert_eq!(answer.header("Allow"), *allow, "{method} {path}");
    }
}

#[test]
fn cors_works_as_for_complaints() {
    let server = TestServer::start(&[SITE]);
    let preflight =
        server.request("OPTIONS", REQUESTS, &[("Origin", SITE), ("Access-Control-Request-Method", "POST")], b"");
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("Access-Control-Allow-Origin"), Some(SITE));
    assert_eq!(preflight.header("Access-Control-Allow-Methods"), Some("POST, GET, OPTIONS"));
    let posted = server.post_form(REQUESTS, BRIDGE, &[("Origin", SITE)]);
    assert_eq!(posted.status, 200);
    assert_eq!(posted.header("Access-Control-Allow-Origin"), Some(SITE));

    let evil = server.post_form(REQUESTS, BRIDGE, &[("Origin", "https://bukan-situs-pemda.example")]);
    assert_eq!(evil.status, 403);
    assert_eq!(evil.json()[0]["code"], 403);
    assert_eq!(evil.header("Access-Control-Allow-Origin"), None);
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 1);
}

#[test]
fn a_refusal_reads_as_a_final_refusal_with_its_reason_in_the_widget() {
    let server = keyed();
    let answer = server.post_form(REQUESTS, BRIDGE, &[]);
    let id = ClientId::from_random([6; 16]);
    assert_eq!(
        aduan::delivery::read_answer(&id, answer.status, &answer.body),
        Err(aduan::delivery::DeliveryError::Rejected { reason: Some("Invalid api_key".into()) })
    );
}
