//! The HTTP API: routing, CORS, and the complaint endpoint.
//!
//! Written against [`Incoming`], a plain description of a request, so every route
//! is tested without a socket; `server.rs` adapts `tiny_http` to it. The routes
//! are documented for agencies in `receiver/README.md`.

use std::io::{self, Read};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use aduan::config::Config;
use aduan::messages::Lang;
use aduan::payload::{ComplaintPayload, Rejection};
use serde::Serialize;

use crate::clock;
use crate::cors::{AllowedOrigins, Verdict};
use crate::reply::Reply;
use crate::store::{NewComplaint, Store};
use crate::stored_json::without_attachment_data;

/// The largest body accepted: three 5 MiB photos as base64 (20 MiB) and the text
/// fit with room to spare for a config that allows more.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// The largest body the widget can send under `config`'s limits: every file at
/// its largest, as base64, plus a generous allowance for the text. When this
/// exceeds [`MAX_BODY_BYTES`] some complaints would be refused with 413, and the
/// receiver warns at start.
pub fn largest_widget_body(config: &Config) -> u64 {
    let limits = &config.limits;
    let files = (limits.attachments_max_count as u64).saturating_mul(limits.attachment_max_bytes);
    files.div_ceil(3).saturating_mul(4).saturating_add(1024 * 1024)
}

const COMPLAINTS: &str = "/api/complaints";
const HEALTH: &str = "/api/health";

/// `GET /api/health`.
#[derive(Serialize)]
struct Health {
    ok: bool,
}

/// The answer to a complaint taken (201) or already taken (200).
#[derive(Serialize)]
struct Receipt<'a> {
    tracking_number: &'a str,
    duplicate: bool,
}

/// `GET /api/complaints/{tracking_number}`: only what may be shown to anyone.
#[derive(Serialize)]
struct Status<'a> {
    tracking_number: &'a str,
    /// Always `received`: this receiver does not follow up complaints.
    status: &'static str,
    received_at: &'a str,
    kind: &'a str,
    title: &'a str,
}

/// Everything a request handler needs, shared by all request threads.
pub struct App {
    /// The widget's config, the rules payloads are checked against.
    pub config: Config,
    pub store: Mutex<Store>,
    pub origins: AllowedOrigins,
    /// Starts every tracking number, as in `ADU-2026-000001`.
    pub tracking_prefix: String,
    /// Held while a body is decoded, checked and stored: one large complaint in
    /// memory at a time (about four copies of a body at worst) however many arrive.
    decoding: Mutex<()>,
}

impl App {
    pub fn new(config: Config, store: Store, origins: AllowedOrigins, tracking_prefix: String) -> Self {
        Self { config, store: Mutex::new(store), origins, tracking_prefix, decoding: Mutex::new(()) }
    }
}

/// A request as the HTTP library read it; the body is read only by the route
/// that wants it.
pub struct Incoming<'a> {
    pub method: &'a str,
    /// The request target: path and query.
    pub url: &'a str,
    pub headers: &'a [(String, String)],
    /// From `Content-Length`; `None` when the body is chunked or absent.
    pub content_length: Option<usize>,
    pub body: &'a mut dyn Read,
}

impl Incoming<'_> {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Answers one request. `now` is the moment of receipt.
pub fn handle(app: &App, request: &mut Incoming<'_>, now: SystemTime) -> Reply {
    let verdict = verdict(app, request);
    let path = request.url.split(['?', '#']).next().unwrap_or_default();
    let method = request.method;
    let reply = if path == HEALTH {
        match method {
            "GET" | "HEAD" => Reply::json(200, &Health { ok: true }),
            _ => method_not_allowed("GET"),
        }
    } else if path == COMPLAINTS {
        match method {
            "POST" if verdict == Some(Verdict::Deny) => Reply::error(
                403,
                "origin_not_allowed",
                "this receiver does not take complaints from pages on this origin; add it with --allow-origin",
            ),
            "POST" => submit(app, request, now),
            "OPTIONS" => Reply::no_content(),
            _ => method_not_allowed("POST, OPTIONS"),
        }
    } else if let Some(number) = path.strip_prefix(COMPLAINTS).and_then(|rest| rest.strip_prefix('/')) {
        match method {
            _ if number.is_empty() || number.contains('/') => not_found(),
            "GET" | "HEAD" => status(app, number),
            "OPTIONS" => Reply::no_content(),
            _ => method_not_allowed("GET, OPTIONS"),
        }
    } else {
        not_found()
    };
    finish(reply, verdict)
}

/// Adds the headers every answer carries to a reply made outside [`handle`]
/// (the server's "busy" and "internal error"), so the browser can read those too.
pub fn finish_outside(app: &App, request: &Incoming<'_>, reply: Reply) -> Reply {
    finish(reply, verdict(app, request))
}

/// What CORS says about this request; `None` when it has no `Origin` (not from a
/// browser, or a same-origin GET).
fn verdict(app: &App, request: &Incoming<'_>) -> Option<Verdict> {
    request.header("Origin").map(|origin| app.origins.decide(origin, request.header("Host")))
}

/// Headers every answer carries.
fn finish(reply: Reply, verdict: Option<Verdict>) -> Reply {
    // Answers differ per complaint and per origin: no cache may keep one.
    let reply = reply.with_header("Cache-Control", "no-store").with_header("X-Content-Type-Options", "nosniff");
    match verdict {
        Some(Verdict::Allow(origin)) => reply
            .with_header("Access-Control-Allow-Origin", origin)
            .with_header("Vary", "Origin")
            .with_header("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
            .with_header("Access-Control-Allow-Headers", "Content-Type")
            .with_header("Access-Control-Max-Age", "600"),
        Some(Verdict::Deny) | None => reply,
    }
}

fn not_found() -> Reply {
    Reply::error(404, "not_found", "there is nothing at this address")
}

fn method_not_allowed(allow: &'static str) -> Reply {
    Reply::error(405, "method_not_allowed", &format!("this address answers {allow}")).with_header("Allow", allow)
}

/// `GET /api/complaints/{tracking_number}`: lets a citizen check that a number exists.
fn status(app: &App, tracking_number: &str) -> Reply {
    let found = app.store.lock().unwrap_or_else(PoisonError::into_inner).find_public(tracking_number);
    match found {
        Ok(Some(found)) => Reply::json(
            200,
            &Status {
                tracking_number: &found.tracking_number,
                status: "received",
                received_at: &found.received_at,
                kind: &found.kind,
                title: &found.title,
            },
        ),
        // A confidential complaint answers like a missing one, so a number does
        // not even reveal that a confidential report exists.
        Ok(None) => Reply::error(404, "not_found", "no complaint that may be shown has this tracking number"),
        Err(error) => storage_failed(&error),
    }
}

/// `POST /api/complaints`: check a payload with the shared core and store it once.
fn submit(app: &App, request: &mut Incoming<'_>, now: SystemTime) -> Reply {
    if !is_json(request.header("Content-Type")) {
        return Reply::error(
            415,
            "unsupported_media_type",
            "send the complaint as Content-Type: application/json in UTF-8",
        );
    }
    // Refuse a declared oversize body before reading any of it.
    if request.content_length.is_some_and(|length| length > MAX_BODY_BYTES) {
        return too_large();
    }
    let body = match read_at_most(request.body, MAX_BODY_BYTES, request.content_length) {
        Ok(Some(body)) => body,
        Ok(None) => return too_large(),
        Err(error) => {
            let rejection =
                Rejection::Malformed { key: String::new(), detail: format!("the body could not be read: {error}") };
            return Reply::rejected(&rejection, Lang::default());
        }
    };

    let _decoding = app.decoding.lock().unwrap_or_else(PoisonError::into_inner);
    let Ok(text) = String::from_utf8(body) else {
        let rejection = Rejection::Malformed { key: String::new(), detail: "the body is not UTF-8 text".to_owned() };
        return Reply::rejected(&rejection, Lang::default());
    };
    let payload = match ComplaintPayload::from_json(&text) {
        Ok(payload) => payload,
        // The language is unknown until the payload parses; Indonesian is the default.
        Err(rejection) => return Reply::rejected(&rejection, Lang::default()),
    };
    let today = clock::today_wib(now);
    let checked = match payload.check(&app.config, today) {
        Ok(checked) => checked,
        Err(rejection) => return Reply::rejected(&rejection, payload.language),
    };
    let received_at = clock::rfc3339_utc(now);
    let payload_json = without_attachment_data(&text);
    let new = NewComplaint {
        client_id: &checked.client_id,
        received_at: &received_at,
        year: today.year(),
        complaint: &checked.complaint,
        files: &checked.files,
        language: payload.language,
        payload_json: &payload_json,
    };
    let saved = app.store.lock().unwrap_or_else(PoisonError::into_inner).save(&new, &app.tracking_prefix);
    match saved {
        Ok(saved) => {
            let status = if saved.duplicate { 200 } else { 201 };
            let receipt = Receipt { tracking_number: &saved.tracking_number, duplicate: saved.duplicate };
            let mut reply = Reply::json(status, &receipt);
            reply.note =
                Some(if saved.duplicate { format!("{} again", saved.tracking_number) } else { saved.tracking_number });
            reply
        }
        Err(error) => storage_failed(&error),
    }
}

fn too_large() -> Reply {
    Reply::error(
        413,
        "too_large",
        &format!("the complaint is larger than {} MiB; send smaller attachments", MAX_BODY_BYTES / (1024 * 1024)),
    )
}

/// A 500 the widget retries later; the detail goes to the log only.
fn storage_failed(error: &crate::store::StoreError) -> Reply {
    let mut reply = Reply::error(500, "storage_failed", "the complaint could not be stored; try again later");
    reply.note = Some(format!("storage_failed: {error}"));
    reply
}

/// `application/json`, with no charset or UTF-8: what the widget sends.
fn is_json(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else { return false };
    let mut parts = content_type.split(';').map(str::trim);
    let media_type_ok = parts.next().is_some_and(|media| media.eq_ignore_ascii_case("application/json"));
    media_type_ok
        && parts.all(|parameter| match parameter.split_once('=') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("charset") => {
                let value = value.trim().trim_matches('"');
                value.eq_ignore_ascii_case("utf-8") || value.eq_ignore_ascii_case("utf8")
            }
            _ => true,
        })
}

/// Reads the body, or `None` when it is longer than `limit`. Never holds more
/// than `limit + 1` bytes, whatever the client sends or claims.
fn read_at_most(body: &mut dyn Read, limit: usize, declared: Option<usize>) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    body.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_content_types_are_recognised_with_or_without_a_utf8_charset() {
        let cases = [
            (Some("application/json"), true),
            (Some("Application/JSON; charset=UTF-8"), true),
            (Some("application/json;charset=\"utf-8\""), true),
            (Some("application/json; charset=iso-8859-1"), false),
            (Some("text/plain"), false),
            (Some("application/jsonx"), false),
            (Some(""), false),
            (None, false),
        ];
        for (content_type, json) in cases {
            assert_eq!(is_json(content_type), json, "{content_type:?}");
        }
    }

    #[test]
    fn a_body_is_read_up_to_the_limit_and_no_further() {
        let mut exact: &[u8] = b"12345";
        assert_eq!(read_at_most(&mut exact, 5, Some(5)).unwrap(), Some(b"12345".to_vec()));
        let mut over: &[u8] = b"1234567890";
        assert_eq!(read_at_most(&mut over, 5, None).unwrap(), None);
        // The rest is left unread: an oversize body is never pulled in whole.
        assert_eq!(over, b"7890");
        let mut endless = io::repeat(b'x');
        assert_eq!(read_at_most(&mut endless, 1024, None).unwrap(), None);
    }
}
