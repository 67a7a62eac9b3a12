//! The fault switch (`--faults`) end to end: the widget's delivery tests set a
//! plan over HTTP and rely on the receiver failing, dawdling and losing answers
//! exactly as planned, and on a lost answer never costing a second copy.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use aduan::delivery::{DeliveryError, read_answer};
use aduan::payload::ClientId;
use serde_json::{Value, json};
use support::{Outcome, TestServer, multipart_for, payload, send_expecting_maybe_nothing};

const SITE: &str = "https://bengkaliskab.go.id";
const FAULTS: &str = "/api/_faults";

fn set_plan(server: &TestServer, plan: Value) -> Value {
    let answer = server.request("POST", FAULTS, &[("Content-Type", "application/json")], plan.to_string().as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.json()
}

fn counters(server: &TestServer) -> Value {
    server.get(FAULTS, &[]).json()["counters"].clone()
}

/// A small Open311 request for agency `pupr`, with the widget's client id.
fn open311_form(seed: u8) -> String {
    let id = ClientId::from_random([seed; 16]);
    format!(
        "service_code=pupr&lat=1.4674&long=102.1031&description=Gorong-gorong+tersumbat+sampah\
         &attribute%5Baduan_client_id%5D={id}"
    )
}

#[test]
fn without_the_switch_there_is_no_fault_address_at_all() {
    let server = TestServer::start(&[]);
    for method in ["GET", "POST", "DELETE", "OPTIONS"] {
        let answer = server.request(method, FAULTS, &[], b"{\"fail_next\": 3}");
        assert_eq!((answer.status, answer.json()["error"]["code"].as_str()), (404, Some("not_found")), "{method}");
    }
    assert_eq!(server.post(&payload(1).to_json(), &[]).status, 201, "and complaints are taken as usual");
}

#[test]
fn the_switch_shows_sets_and_resets_its_plan() {
    let server = TestServer::with_faults(&[]);
    let fresh = server.get(FAULTS, &[]).json();
    assert_eq!(
        fresh,
        json!({
            "plan": {"fail_next": 0, "status": 503, "retry_after": null, "delay_ms": 0, "drop_next": 0,
                     "fail_rate": 0.0, "seed": 0},
            "counters": {"submissions": 0, "failed": 0, "dropped": 0, "delayed": 0, "stored": 0, "duplicates": 0}
        })
    );
    let set = set_plan(&server, json!({"fail_next": 2, "status": 500, "retry_after": 30, "seed": 4}));
    assert_eq!(set["plan"]["fail_next"], 2);
    assert_eq!(set["plan"]["status"], 500);
    assert_eq!(set["plan"]["retry_after"], 30);
    assert_eq!(server.get(FAULTS, &[]).json(), set);

    // A bad plan is refused and the old one stays.
    let refused =
        server.request("POST", FAULTS, &[("Content-Type", "application/json")], br#"{"fail_next": 1, "stauts": 502}"#);
    assert_eq!(refused.status, 400);
    assert_eq!(refused.json()["error"]["code"], "malformed");
    assert!(refused.json()["error"]["message"].as_str().is_some_and(|m| m.contains("`stauts`")), "{}", refused.body);
    assert_eq!(server.get(FAULTS, &[]).json()["plan"]["fail_next"], 2);

    let reset = server.request("DELETE", FAULTS, &[], b"");
    assert_eq!(reset.status, 200);
    assert_eq!(reset.json(), fresh);
    assert_eq!(server.request("PUT", FAULTS, &[], b"").header("Allow"), Some("GET, POST, DELETE, OPTIONS"));
}

#[test]
fn fail_next_answers_the_status_with_retry_after_and_stores_nothing() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"fail_next": 2, "retry_after": 5}));
    let sent = payload(2);
    for attempt in 0..2 {
        let answer = server.post(&sent.to_json(), &[]);
        assert_eq!(answer.status, 503, "attempt {attempt}");
        assert_eq!(answer.header("Retry-After"), Some("5"));
        assert_eq!(answer.json()["error"]["code"], "fault_injected");
        // The widget keeps the complaint and tries again later.
        let id = ClientId::parse(&sent.client_id).expect("a UUID");
        assert_eq!(read_answer(&id, answer.status, &answer.body), Err(DeliveryError::ServerError { status: 503 }));
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 0, "a failed submission stores nothing");

    let third = server.post(&sent.to_json(), &[]);
    assert_eq!((third.status, third.json()["duplicate"].as_bool()), (201, Some(false)));
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1);
    let counters = counters(&server);
    assert_eq!((counters["submissions"].as_u64(), counters["failed"].as_u64()), (Some(3), Some(2)));
    assert_eq!(counters["stored"], 1);
    assert_eq!(server.get(FAULTS, &[]).json()["plan"]["fail_next"], 0, "the plan counts down");
}

#[test]
fn a_failure_without_retry_after_has_no_such_header() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"fail_next": 1, "status": 429}));
    let answer = server.post(&payload(3).to_json(), &[]);
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("Retry-After"), None);
}

#[test]
fn a_dropped_submission_is_stored_once_and_its_retry_is_told_it_is_a_duplicate() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"drop_next": 1}));
    let sent = payload(4);
    let raw = server.raw_request(
        "POST",
        "/api/complaints",
        &[("Content-Type", "application/json")],
        sent.to_json().as_bytes(),
    );

    // The request asks to keep the connection alive, as a browser's does: the
    // receiver must close it, not merely stay silent, and must not answer 500.
    match send_expecting_maybe_nothing(server.addr(), &raw) {
        Outcome::HungUp => {}
        Outcome::Answered(answer) => panic!("the answer should have been lost, got {answer:?}"),
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1, "it was stored before the answer was lost");
    let stored: String = server
        .db()
        .query_row("SELECT tracking_number FROM complaints WHERE client_id = ?1", [&sent.client_id], |row| row.get(0))
        .expect("stored under its client id");

    // The widget never saw a receipt, so it sends the same complaint again.
    let retry = server.post(&sent.to_json(), &[]);
    assert_eq!(retry.status, 200, "{}", retry.body);
    assert_eq!(retry.json(), json!({"tracking_number": stored, "duplicate": true}));
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1);
    assert_eq!(server.count("SELECT COUNT(*) FROM attachments"), 1);
    let counters = counters(&server);
    assert_eq!([&counters["dropped"], &counters["stored"], &counters["duplicates"], &counters["failed"]], [1, 1, 1, 0]);
}

#[test]
fn with_the_switch_no_connection_is_reused_so_no_browser_resends_a_lost_answer() {
    // Browsers resend a request without telling the page when a reused
    // keep-alive connection closes unanswered. Were the POST sent on the
    // preflight's connection, a dropped answer would reach the widget as a
    // quiet duplicate instead of the network error the test is about.
    let server = TestServer::with_faults(&[SITE]);
    let mut stream = TcpStream::connect(server.addr()).expect("a connection");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("a timeout");
    let preflight = server.raw_request(
        "OPTIONS",
        "/api/complaints",
        &[("Origin", SITE), ("Connection", "keep-alive"), ("Access-Control-Request-Method", "POST")],
        b"",
    );
    stream.write_all(&preflight).expect("the preflight is written");
    let answer = support::read_answer(&mut stream);
    assert_eq!((answer.status, answer.header("Connection")), (204, Some("close")));
    let mut rest = Vec::new();
    assert_eq!(stream.read_to_end(&mut rest).expect("the end of the stream"), 0, "then the connection ends");

    // A client that waits for `100 Continue` still gets it, then the marked answer.
    let raw = server.raw_request(
        "POST",
        "/api/complaints",
        &[("Content-Type", "application/json"), ("Expect", "100-continue")],
        payload(12).to_json().as_bytes(),
    );
    match send_expecting_maybe_nothing(server.addr(), &raw) {
        Outcome::Answered(answer) => assert_eq!((answer.status, answer.header("Connection")), (201, Some("close"))),
        Outcome::HungUp => panic!("no fault was planned"),
    }
}

#[test]
fn a_drop_closes_a_connection_that_asked_to_be_closed_too() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"drop_next": 2}));
    for seed in [5, 6] {
        let raw = server.raw_request(
            "POST",
            "/api/complaints",
            &[("Content-Type", "application/json"), ("Connection", "close")],
            payload(seed).to_json().as_bytes(),
        );
        assert!(matches!(send_expecting_maybe_nothing(server.addr(), &raw), Outcome::HungUp), "seed {seed}");
    }
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 2);
    // The plan is used up and the receiver answers again.
    assert_eq!(server.post(&payload(7).to_json(), &[]).status, 201);
}

#[test]
fn a_delay_holds_every_submission_but_nothing_else() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"delay_ms": 400}));
    let started = Instant::now();
    assert_eq!(server.post(&payload(8).to_json(), &[]).status, 201);
    assert!(started.elapsed() >= Duration::from_millis(400), "{:?}", started.elapsed());

    let started = Instant::now();
    assert_eq!(server.get("/api/health", &[]).status, 200);
    assert_eq!(server.request("OPTIONS", "/api/complaints", &[], b"").status, 204);
    assert!(started.elapsed() < Duration::from_millis(400), "{:?}", started.elapsed());
    assert_eq!(counters(&server)["delayed"], 1);
}

#[test]
fn a_fail_rate_fails_the_same_submissions_for_the_same_seed() {
    let server = TestServer::with_faults(&[]);
    // Bodies the receiver would refuse with 400 when it handles them, so a
    // 503 can only be the fault switch.
    let pattern = |plan: Value| -> Vec<u16> {
        set_plan(&server, plan);
        (0..24).map(|_| server.post("{}", &[]).status).collect()
    };
    let first = pattern(json!({"fail_rate": 0.5, "seed": 11}));
    assert!(first.iter().all(|status| *status == 503 || *status == 400), "{first:?}");
    let failed = first.iter().filter(|status| **status == 503).count();
    assert!((4..=20).contains(&failed), "about half of 24 fail: {first:?}");
    assert_eq!(pattern(json!({"fail_rate": 0.5, "seed": 11})), first, "the same seed gives the same failures");
    assert_ne!(pattern(json!({"fail_rate": 0.5, "seed": 12})), first);
    assert!(pattern(json!({"fail_rate": 1.0})).iter().all(|status| *status == 503));
    assert!(pattern(json!({"fail_rate": 0.0})).iter().all(|status| *status == 400));
}

#[test]
fn faults_never_touch_reads_preflights_health_or_the_switch_itself() {
    let server = TestServer::with_faults(&[SITE]);
    let number =
        server.post(&payload(9).to_json(), &[]).json()["tracking_number"].as_str().unwrap_or_default().to_owned();
    server.request("DELETE", FAULTS, &[], b"");
    set_plan(&server, json!({"fail_next": 5, "drop_next": 5}));
    let cases: &[(&str, String, u16)] = &[
        ("GET", "/api/health".into(), 200),
        ("OPTIONS", "/api/complaints".into(), 204),
        ("GET", format!("/api/complaints/{number}"), 200),
        ("GET", "/open311/v2/services.json".into(), 200),
        ("OPTIONS", "/open311/v2/requests.json".into(), 204),
        ("GET", FAULTS.into(), 200),
        ("OPTIONS", FAULTS.into(), 204),
    ];
    for (method, path, status) in cases {
        assert_eq!(server.request(method, path, &[("Origin", SITE)], b"").status, *status, "{method} {path}");
    }
    let report = server.get(FAULTS, &[]).json();
    assert_eq!(report["counters"]["submissions"], 0);
    assert_eq!((report["plan"]["fail_next"].as_u64(), report["plan"]["drop_next"].as_u64()), (Some(5), Some(5)));
}

#[test]
fn multipart_submissions_go_through_the_switch() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"fail_next": 1, "drop_next": 1}));
    let form = multipart_for(&payload(10));
    let failed = server.post_multipart(&form, &[]);
    assert_eq!((failed.status, failed.json()["error"]["code"].as_str()), (503, Some("fault_injected")));
    let raw = server.raw_request("POST", "/api/complaints", &[("Content-Type", &form.content_type())], &form.body());
    assert!(matches!(send_expecting_maybe_nothing(server.addr(), &raw), Outcome::HungUp));
    let retry = server.post_multipart(&form, &[]);
    assert_eq!((retry.status, retry.json()["duplicate"].as_bool()), (200, Some(true)));
    assert_eq!(server.count("SELECT COUNT(*) FROM complaints"), 1);
}

#[test]
fn open311_requests_go_through_the_switch_and_fail_in_the_standards_shape() {
    let server = TestServer::with_faults(&[]);
    set_plan(&server, json!({"fail_next": 1, "status": 502, "retry_after": 2, "drop_next": 1}));
    let form = open311_form(11);
    let failed = server.post_form("/open311/v2/requests.json", &form, &[]);
    assert_eq!(failed.status, 502);
    assert_eq!(failed.header("Retry-After"), Some("2"));
    assert_eq!(failed.json()[0]["code"], 502);
    assert!(failed.json()[0]["description"].as_str().is_some_and(|d| d.contains("--faults")));
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 0);

    let raw = server.raw_request(
        "POST",
        "/open311/v2/requests.json",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        form.as_bytes(),
    );
    assert!(matches!(send_expecting_maybe_nothing(server.addr(), &raw), Outcome::HungUp));
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 1);
    let stored: String = server
        .db()
        .query_row("SELECT service_request_id FROM open311_requests", [], |row| row.get(0))
        .expect("one request stored");

    let retry = server.post_form("/open311/v2/requests.json", &form, &[]);
    assert_eq!(retry.status, 200);
    assert_eq!(retry.json()[0]["service_request_id"], stored.as_str(), "the retry gets the same id");
    assert_eq!(server.count("SELECT COUNT(*) FROM open311_requests"), 1);
    let counters = counters(&server);
    assert_eq!([&counters["failed"], &counters["dropped"], &counters["stored"], &counters["duplicates"]], [1, 1, 1, 1]);
}

#[test]
fn the_switch_answers_cors_like_every_other_address() {
    let server = TestServer::with_faults(&[SITE]);
    let preflight =
        server.request("OPTIONS", FAULTS, &[("Origin", SITE), ("Access-Control-Request-Method", "DELETE")], b"");
    assert_eq!(preflight.status, 204);
    assert_eq!(preflight.header("Access-Control-Allow-Origin"), Some(SITE));
    assert_eq!(preflight.header("Access-Control-Allow-Methods"), Some("POST, GET, DELETE, OPTIONS"));
    let shown = server.get(FAULTS, &[("Origin", SITE)]);
    assert_eq!(shown.header("Access-Control-Allow-Origin"), Some(SITE));

    // A page on another site may not change the plan.
    let evil = "https://bukan-situs-pemda.example";
    let refused = server.request("POST", FAULTS, &[("Origin", evil)], br#"{"fail_next": 9}"#);
    assert_eq!((refused.status, refused.json()["error"]["code"].as_str()), (403, Some("origin_not_allowed")));
    assert_eq!(refused.header("Access-Control-Allow-Origin"), None);
    assert_eq!(server.request("DELETE", FAULTS, &[("Origin", evil)], b"").status, 403);
    assert_eq!(server.get(FAULTS, &[]).json()["plan"]["fail_next"], 0);

    // A test page's fetch may send the plan as text/plain to skip the preflight.
    let plain =
        server.request("POST", FAULTS, &[("Origin", SITE), ("Content-Type", "text/plain")], br#"{"fail_next": 1}"#);
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("Access-Control-Allow-Origin"), Some(SITE));
}
