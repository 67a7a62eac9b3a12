//! The HTTP API: routing, CORS, and the complaint endpoint.
//!
//! Written against [`Incoming`], a plain description of a request, so every route
//! is tested without a socket; `server.rs` adapts `tiny_http` to it. Complaints
//! come as `aduan.complaint/1` JSON or as a multipart form carrying that JSON and
//! the files; `open311.rs` serves the Open311 routes, `media.rs` the photo host
//! for Open311's `media_url`, and `faults.rs` the test-only fault switch. The
//! routes are documented for agencies in `receiver/README.md`.

use std::io::{self, Read};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use aduan::config::Config;
use aduan::messages::Lang;
use aduan::payload::{ComplaintPayload, Rejection};
use serde::Serialize;

use crate::clock;
use crate::content_type::ContentType;
use crate::cors::{AllowedOrigins, Verdict};
use crate::faults::{self, Faults, Plan};
use crate::media;
use crate::multipart;
use crate::open311;
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
/// Only with `--faults`.
const FAULTS: &str = "/api/_faults";

/// The multipart field that holds the `aduan.complaint/1` JSON.
const PAYLOAD_FIELD: &str = "payload";
/// The multipart files, one part per attachment, in the payload's order
/// (`lampiran` is Indonesian for attachment; `[]` makes PHP collect them in a list).
const FILES_FIELD: &str = "lampiran[]";

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
    /// What Open311 clients must send. Default: nothing asked for.
    pub open311: open311::Settings,
    /// The fault switch, only with `--faults`. Default: none.
    pub faults: Option<Faults>,
    /// Held while a body is decoded, checked and stored: one large complaint in
    /// memory at a time (about four copies of a body at worst) however many arrive.
    decoding: Mutex<()>,
}

impl App {
    pub fn new(config: Config, store: Store, origins: AllowedOrigins, tracking_prefix: String) -> Self {
        Self {
            config,
            store: Mutex::new(store),
            origins,
            tracking_prefix,
            open311: open311::Settings::default(),
            faults: None,
            decoding: Mutex::new(()),
        }
    }

    /// Taken while a large body is decoded; see `decoding`.
    pub(crate) fn decoding(&self) -> MutexGuard<'_, ()> {
        self.decoding.lock().unwrap_or_else(PoisonError::into_inner)
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
    let denied = verdict == Some(Verdict::Deny);
    let reply = if path == HEALTH {
        match method {
            "GET" | "HEAD" => Reply::json(200, &Health { ok: true }),
            _ => method_not_allowed("GET"),
        }
    } else if path == COMPLAINTS {
        match method {
            "POST" if denied => origin_not_allowed(),
            "POST" => faults::around_submission(
                app.faults.as_ref(),
                |status| Reply::error(status, "fault_injected", faults::FAILURE_MESSAGE),
                || submit(app, request, now),
            ),
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
    } else if let (FAULTS, Some(faults)) = (path, &app.faults) {
        match method {
            "POST" | "DELETE" if denied => origin_not_allowed(),
            "GET" | "HEAD" | "POST" | "DELETE" => fault_switch(faults, request),
            "OPTIONS" => Reply::no_content(),
            _ => method_not_allowed("GET, POST, DELETE, OPTIONS"),
        }
    } else if path == media::UPLOADS || path.starts_with(media::PHOTOS) {
        media::route(app, request, path, denied, now)
    } else if let Some(resource) = path.strip_prefix(open311::PREFIX) {
        open311::route(app, request, resource, denied, now)
    } else {
        not_found()
    };
    finish(reply, verdict, cors_methods(path))
}

/// Adds the headers every answer carries to a reply made outside [`handle`]
/// (the server's "busy" and "internal error"), so the browser can read those too.
pub fn finish_outside(app: &App, request: &Incoming<'_>, reply: Reply) -> Reply {
    let path = request.url.split(['?', '#']).next().unwrap_or_default();
    finish(reply, verdict(app, request), cors_methods(path))
}

/// What CORS says about this request; `None` when it has no `Origin` (not from a
/// browser, or a same-origin GET).
fn verdict(app: &App, request: &Incoming<'_>) -> Option<Verdict> {
    request.header("Origin").map(|origin| app.origins.decide(origin, request.header("Host")))
}

/// The methods a browser may use at `path`: the fault switch is the only
/// address that also takes DELETE.
fn cors_methods(path: &str) -> &'static str {
    if path == FAULTS { "POST, GET, DELETE, OPTIONS" } else { "POST, GET, OPTIONS" }
}

/// Headers every answer carries.
fn finish(reply: Reply, verdict: Option<Verdict>, methods: &'static str) -> Reply {
    // Answers differ per complaint and per origin: no cache may keep one. The
    // exception says so itself: a stored photo, which never changes.
    let reply =
        if reply.header("Cache-Control").is_some() { reply } else { reply.with_header("Cache-Control", "no-store") };
    let reply = reply.with_header("X-Content-Type-Options", "nosniff");
    match verdict {
        Some(Verdict::Allow(origin)) => reply
            .with_header("Access-Control-Allow-Origin", origin)
            .with_header("Vary", "Origin")
            .with_header("Access-Control-Allow-Methods", methods)
            .with_header("Access-Control-Allow-Headers", "Content-Type")
            // The widget's outbox waits as long as a busy receiver asks.
            .with_header("Access-Control-Expose-Headers", "Retry-After")
            .with_header("Access-Control-Max-Age", "600"),
        Some(Verdict::Deny) | None => reply,
    }
}

pub(crate) fn origin_not_allowed() -> Reply {
    Reply::error(
        403,
        "origin_not_allowed",
        "this receiver does not take complaints from pages on this origin; add it with --allow-origin",
    )
}

/// `/api/_faults`: GET shows the plan and counters, POST sets a plan (JSON,
/// whatever the `Content-Type`, so a test's `fetch` needs no preflight), DELETE
/// resets. Each answers with the plan and counters as they then stand.
fn fault_switch(faults: &Faults, request: &mut Incoming<'_>) -> Reply {
    match request.method {
        "POST" => {
            // A plan is a few dozen bytes; a kibibyte is plenty.
            let body = match read_at_most(request.body, 1024, request.content_length) {
                Ok(Some(body)) => body,
                Ok(None) => return Reply::error(413, "too_large", "a fault plan is at most 1 KiB"),
                Err(error) => return malformed(&format!("the body could not be read: {error}")),
            };
            let plan = std::str::from_utf8(&body)
                .map_err(|_| "the body is not UTF-8 text".to_owned())
                .and_then(Plan::from_json);
            match plan {
                Ok(plan) => faults.set(plan),
                Err(problem) => return malformed(&format!("not a fault plan: {problem}")),
            }
        }
        "DELETE" => faults.reset(),
        _ => {}
    }
    Reply::json(200, &faults.report())
}

fn malformed(message: &str) -> Reply {
    Reply::error(400, "malformed", message)
}

fn not_found() -> Reply {
    Reply::error(404, "not_found", "there is nothing at this address")
}

pub(crate) fn method_not_allowed(allow: &'static str) -> Reply {
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

/// How a complaint body is sent.
enum BodyFormat {
    /// `application/json`: the payload, files inline as base64.
    Json,
    /// `multipart/form-data`: the payload as a field, files as `lampiran[]` parts.
    Multipart { boundary: Option<String> },
}

impl BodyFormat {
    fn of(content_type: Option<&str>) -> Option<Self> {
        let content_type = ContentType::parse(content_type?);
        match content_type.essence.as_str() {
            "application/json" if content_type.is_utf8() => Some(BodyFormat::Json),
            "multipart/form-data" => {
                Some(BodyFormat::Multipart { boundary: content_type.parameter("boundary").map(str::to_owned) })
            }
            _ => None,
        }
    }
}

/// `POST /api/complaints`: check a payload with the shared core and store it once.
fn submit(app: &App, request: &mut Incoming<'_>, now: SystemTime) -> Reply {
    let Some(format) = BodyFormat::of(request.header("Content-Type")) else {
        return Reply::error(
            415,
            "unsupported_media_type",
            "send the complaint as Content-Type: application/json in UTF-8, or as multipart/form-data",
        );
    };
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

    let _decoding = app.decoding();
    let (text, payload) = match format {
        BodyFormat::Json => {
            let Ok(text) = String::from_utf8(body) else {
                let rejection =
                    Rejection::Malformed { key: String::new(), detail: "the body is not UTF-8 text".to_owned() };
                return Reply::rejected(&rejection, Lang::default());
            };
            match ComplaintPayload::from_json(&text) {
                Ok(payload) => (text, payload),
                // The language is unknown until the payload parses; Indonesian is the default.
                Err(rejection) => return Reply::rejected(&rejection, Lang::default()),
            }
        }
        BodyFormat::Multipart { boundary } => match from_multipart(&body, boundary.as_deref()) {
            Ok(read) => read,
            Err(reply) => return reply,
        },
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
            if let Some(faults) = &app.faults {
                faults.count_saved(saved.duplicate);
            }
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

/// Reads a multipart submission: the `payload` field's JSON, with each
/// `lampiran[]` file put into its attachment, in order. Returns the payload's
/// text as sent (its `data_base64` members empty) and the filled-in payload,
/// which is then checked exactly as a JSON submission is.
///
/// The other fields the widget sends (`judul`, `isi`, `kecamatan`…) repeat the
/// payload for backends that read fields one by one; the payload is the
/// complaint, so they are not read here.
fn from_multipart(body: &[u8], boundary: Option<&str>) -> Result<(String, ComplaintPayload), Reply> {
    let malformed =
        |detail: String| Reply::rejected(&Rejection::Malformed { key: String::new(), detail }, Lang::default());
    let boundary = boundary.ok_or_else(|| malformed("multipart/form-data needs a boundary parameter".to_owned()))?;
    let parts = multipart::parse(body, boundary).map_err(|error| malformed(format!("bad multipart body: {error}")))?;
    let mut payloads = parts.iter().filter(|part| part.name == PAYLOAD_FIELD);
    let (Some(payload_part), None) = (payloads.next(), payloads.next()) else {
        return Err(malformed(format!(
            "the multipart body needs exactly one `{PAYLOAD_FIELD}` field holding the aduan.complaint/1 JSON"
        )));
    };
    let text = String::from_utf8(payload_part.data.to_vec())
        .map_err(|_| malformed(format!("the `{PAYLOAD_FIELD}` field is not UTF-8 text")))?;
    let mut payload = ComplaintPayload::from_json(&text).map_err(|rejection| {
        let (key, detail) = match rejection {
            Rejection::Malformed { key, detail } => (key, detail),
            other => (String::new(), other.message(Lang::default())),
        };
        // Name the field as well as the key, so a form builder knows where to
        // look; `?` is where a syntax error leaves the key unknown.
        let key = match key.as_str() {
            "" | "." | "?" => PAYLOAD_FIELD.to_owned(),
            key => format!("{PAYLOAD_FIELD}.{key}"),
        };
        Reply::rejected(&Rejection::Malformed { key, detail }, Lang::default())
    })?;

    let files: Vec<&multipart::Part<'_>> = parts.iter().filter(|part| part.name == FILES_FIELD).collect();
    let bad = |message: String| Reply::error(400, "bad_attachment", &message);
    if files.len() != payload.attachments.len() {
        return Err(bad(format!(
            "the payload lists {} attachments but {} `{FILES_FIELD}` files came",
            payload.attachments.len(),
            files.len()
        )));
    }
    for (index, (attachment, file)) in payload.attachments.iter_mut().zip(files).enumerate() {
        let key = format!("attachments[{index}]");
        if !attachment.data_base64.is_empty() {
            return Err(bad(format!("{key}: data_base64 must be empty; the file comes as a `{FILES_FIELD}` part")));
        }
        if file.filename.is_none() {
            return Err(bad(format!("{key}: its `{FILES_FIELD}` part is not a file (it has no filename)")));
        }
        if file.data.len() as u64 != attachment.size {
            return Err(bad(format!(
                "{key}: the file has {} bytes, the payload says {}",
                file.data.len(),
                attachment.size
            )));
        }
        // RFC 7578: a file part without a Content-Type is application/octet-stream.
        let mime = file.content_type.as_deref().map_or_else(
            || "application/octet-stream".to_owned(),
            |content_type| ContentType::parse(content_type).essence,
        );
        if !mime.eq_ignore_ascii_case(&attachment.mime) {
            return Err(bad(format!("{key}: the file is {mime}, the payload says {}", attachment.mime)));
        }
        attachment.data_base64 = aduan::base64::encode(file.data);
    }
    Ok((text, payload))
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

/// Reads the body, or `None` when it is longer than `limit`. Never holds more
/// than `limit + 1` bytes, whatever the client sends or claims.
pub(crate) fn read_at_most(body: &mut dyn Read, limit: usize, declared: Option<usize>) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    body.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() <= limit).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_multipart_bodies_are_recognised_by_their_content_type() {
        let json = |content_type| matches!(BodyFormat::of(content_type), Some(BodyFormat::Json));
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
        for (content_type, expected) in cases {
            assert_eq!(json(content_type), expected, "{content_type:?}");
        }
        let boundary = |content_type| match BodyFormat::of(Some(content_type)) {
            Some(BodyFormat::Multipart { boundary }) => boundary,
            _ => panic!("{content_type} is multipart"),
        };
        assert_eq!(boundary("multipart/form-data; boundary=abc").as_deref(), Some("abc"));
        assert_eq!(boundary("Multipart/Form-Data; boundary=\"a b\"").as_deref(), Some("a b"));
        assert_eq!(boundary("multipart/form-data"), None);
        assert!(BodyFormat::of(Some("multipart/mixed; boundary=abc")).is_none());
        assert!(BodyFormat::of(Some("application/x-www-form-urlencoded")).is_none());
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
