//! What the receiver's integration tests share: a server on a free port with a
//! throwaway database, a raw HTTP/1.1 client over `TcpStream`, and valid payloads
//! built the way the widget builds them.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use aduan::calendar::CalendarDate;
use aduan::complaint::{AttachmentInfo, Draft, ReportKind};
use aduan::config::Config;
use aduan::messages::Lang;
use aduan::payload::{ClientId, ComplaintPayload, Envelope};
use aduan_receiver::{Options, Server, clock, serve};

pub fn config() -> Config {
    Config::from_json(include_str!("../../../config/bengkalis.json")).expect("the example config is valid")
}

pub fn today() -> CalendarDate {
    clock::today_wib(SystemTime::now())
}

/// A receiver on 127.0.0.1 with its own SQLite file, deleted afterwards.
pub struct TestServer {
    server: Option<Server>,
    pub db: PathBuf,
}

impl TestServer {
    pub fn start(allow_origins: &[&str]) -> Self {
        Self::start_with(allow_origins, |_| {})
    }

    /// With the fault switch on, as `--faults` does.
    pub fn with_faults(allow_origins: &[&str]) -> Self {
        Self::start_with(allow_origins, |options| options.faults = true)
    }

    /// With `adjust` applied to the options a plain test server would have.
    pub fn start_with(allow_origins: &[&str], adjust: impl FnOnce(&mut Options)) -> Self {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let db = std::env::temp_dir().join(format!(
            "aduan-receiver-test-{}-{}.sqlite",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        ));
        remove_db(&db);
        let mut options = Options {
            db: db.clone(),
            listen: "127.0.0.1:0".into(),
            allow_origins: allow_origins.iter().map(|o| o.to_string()).collect(),
            log_requests: false,
            ..Options::new(config())
        };
        adjust(&mut options);
        let server = serve(options).expect("the test receiver starts");
        Self { server: Some(server), db }
    }

    pub fn addr(&self) -> SocketAddr {
        self.server.as_ref().expect("the server runs until the test ends").addr()
    }

    pub fn get(&self, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.request("GET", path, headers, b"")
    }

    /// POSTs `body` as JSON.
    pub fn post(&self, body: &str, headers: &[(&str, &str)]) -> Answer {
        let mut all = vec![("Content-Type", "application/json")];
        all.extend_from_slice(headers);
        self.request("POST", "/api/complaints", &all, body.as_bytes())
    }

    /// POSTs `form` as `application/x-www-form-urlencoded`.
    pub fn post_form(&self, path: &str, form: &str, headers: &[(&str, &str)]) -> Answer {
        let mut all = vec![("Content-Type", "application/x-www-form-urlencoded")];
        all.extend_from_slice(headers);
        self.request("POST", path, &all, form.as_bytes())
    }

    /// POSTs a multipart body to `/api/complaints`.
    pub fn post_multipart(&self, form: &Multipart, headers: &[(&str, &str)]) -> Answer {
        self.post_multipart_to("/api/complaints", form, headers)
    }

    /// POSTs a multipart body to `path`.
    pub fn post_multipart_to(&self, path: &str, form: &Multipart, headers: &[(&str, &str)]) -> Answer {
        let content_type = form.content_type();
        let mut all = vec![("Content-Type", content_type.as_str())];
        all.extend_from_slice(headers);
        self.request("POST", path, &all, &form.body())
    }

    /// The raw bytes of a request, as [`TestServer::request`] sends them.
    pub fn raw_request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\n", self.addr());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body);
        raw
    }

    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n", self.addr());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() || method == "POST" {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        head.push_str("\r\n");
        let mut raw = head.into_bytes();
        raw.extend_from_slice(body);
        send_raw(self.addr(), &raw)
    }

    /// Opens the database as an agency's tool would.
    pub fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("the database file exists")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.db().query_row(sql, [], |row| row.get(0)).expect("a COUNT query")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        drop(self.server.take());
        remove_db(&self.db);
    }
}

fn remove_db(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

/// A response as read off the wire.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as text; a binary body (a stored photo) is only in `bytes`.
    pub body: String,
    /// The body exactly as sent.
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
}

/// What came back on a connection whose answer may be lost.
#[derive(Debug)]
pub enum Outcome {
    Answered(Answer),
    /// The connection ended (end of stream or reset) before a single byte of answer.
    HungUp,
}

/// Writes `raw` and reads whatever comes back, telling an answer from a hang-up.
/// The connection stays open from this side, so a server that merely stopped
/// talking would time out here instead of passing.
pub fn send_expecting_maybe_nothing(addr: SocketAddr, raw: &[u8]) -> Outcome {
    let mut stream = TcpStream::connect(addr).expect("the receiver accepts connections");
    stream.set_read_timeout(Some(Duration::from_secs(30))).expect("a timeout can be set");
    stream.write_all(raw).expect("the request is written");
    let mut first = [0; 1];
    match stream.peek(&mut first) {
        Ok(0) => Outcome::HungUp,
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => Outcome::HungUp,
        Err(error) => panic!("neither an answer nor a hang-up: {error}"),
        Ok(_) => Outcome::Answered(read_answer(&mut stream)),
    }
}

/// Writes `raw` as is and reads one response.
pub fn send_raw(addr: SocketAddr, raw: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).expect("the receiver accepts connections");
    stream.set_read_timeout(Some(Duration::from_secs(60))).expect("a timeout can be set");
    stream.write_all(raw).expect("the request is written");
    read_answer(&mut stream)
}

/// Reads one response, framed by its `Content-Length`, so it works whether or
/// not the server then closes the connection. Skips `100 Continue`.
pub fn read_answer(stream: &mut TcpStream) -> Answer {
    let mut reader = BufReader::new(stream);
    loop {
        let mut status_line = String::new();
        reader.read_line(&mut status_line).expect("a status line");
        let status: u16 = status_line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("not an HTTP status line: {status_line:?}"));
        let mut headers = Vec::new();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("a header line");
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            let (name, value) = line.split_once(':').expect("a header has a colon");
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
        if status == 100 {
            continue;
        }
        let length = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .map_or(0, |(_, v)| v.parse().expect("a numeric Content-Length"));
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("the whole body");
        let text = String::from_utf8_lossy(&body).into_owned();
        return Answer { status, headers, body: text, bytes: body };
    }
}

/// A report about a street light, written for these tests.
pub fn draft() -> Draft {
    let today = today();
    Draft {
        kind: Some(ReportKind::Pengaduan),
        title: "Lampu jalan padam di depan masjid".into(),
        description: "Sudah dua minggu lampu jalan di depan masjid padam sehingga jalan gelap gulita setiap malam."
            .into(),
        incident_day: today.day().to_string(),
        incident_month: today.month().to_string(),
        incident_year: today.year().to_string(),
        kecamatan: "14.03.02".into(),
        desa: "14.03.02.2019".into(),
        location_detail: "Jalan menuju dermaga, RT 02".into(),
        agency: "perkimtan".into(),
        name: "Nurul Hidayah".into(),
        phone: "0852-6612-3344".into(),
        email: "nurul.h@contoh.id".into(),
        attachments: vec![AttachmentInfo { name: "lampu.jpg".into(), mime: "image/jpeg".into(), size: 6 }],
        ..Draft::default()
    }
}

/// The attachment's bytes: the start of a JPEG file.
pub const PHOTO: &[u8] = b"\xff\xd8\xff\xe0JF";

/// The payload the widget would send for `draft`, with a client id made from `seed`.
pub fn payload_for(draft: &Draft, seed: u8, language: Lang) -> ComplaintPayload {
    let config = config();
    let complaint = draft.validate(&config, today()).expect("the test draft is valid");
    let client_id = ClientId::from_random([seed; 16]);
    let submitted_at = clock::rfc3339_utc(SystemTime::now());
    let envelope = Envelope {
        client_id: &client_id,
        submitted_at: &submitted_at,
        language,
        page_url: Some("https://bengkaliskab.go.id/layanan/aduan"),
        triage: None,
    };
    let files: Vec<Vec<u8>> = complaint.attachments.iter().map(|_| PHOTO.to_vec()).collect();
    ComplaintPayload::new(&complaint, &config, &envelope, &files)
}

pub fn payload(seed: u8) -> ComplaintPayload {
    payload_for(&draft(), seed, Lang::Id)
}

/// A `multipart/form-data` body built by hand, part by part, the way a browser's
/// `FormData` frames it.
pub struct Multipart {
    pub boundary: String,
    /// `(headers, data)` for each part.
    pub parts: Vec<(String, Vec<u8>)>,
    /// Leave out the closing boundary, as a body cut off in transit would.
    pub cut_off: bool,
}

impl Multipart {
    pub fn new() -> Self {
        Self { boundary: "----AduanFormBoundary9xQ2pLk".into(), parts: Vec::new(), cut_off: false }
    }

    pub fn field(mut self, name: &str, value: &str) -> Self {
        let headers = format!("Content-Disposition: form-data; name=\"{name}\"");
        self.parts.push((headers, value.as_bytes().to_vec()));
        self
    }

    pub fn file(mut self, name: &str, filename: &str, content_type: &str, data: &[u8]) -> Self {
        let headers = format!(
            "Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: {content_type}"
        );
        self.parts.push((headers, data.to_vec()));
        self
    }

    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    pub fn body(&self) -> Vec<u8> {
        let mut body = Vec::new();
        for (headers, data) in &self.parts {
            body.extend_from_slice(format!("--{}\r\n{headers}\r\n\r\n", self.boundary).as_bytes());
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        if !self.cut_off {
            body.extend_from_slice(format!("--{}--\r\n", self.boundary).as_bytes());
        }
        body
    }
}

/// The form the widget's multipart adapter sends for `payload`: every field
/// under its Indonesian name, the payload JSON with empty `data_base64`, and
/// each attachment's bytes as a `lampiran[]` file.
pub fn multipart_for(payload: &ComplaintPayload) -> Multipart {
    let mut light = payload.clone();
    let files: Vec<(String, String, Vec<u8>)> = light
        .attachments
        .iter_mut()
        .map(|attachment| {
            let bytes = aduan::base64::decode(&std::mem::take(&mut attachment.data_base64))
                .expect("test payloads carry valid base64");
            (attachment.name.clone(), attachment.mime.clone(), bytes)
        })
        .collect();
    let flag = |on: bool| if on { "1" } else { "0" };
    let area = |area: &Option<aduan::complaint::AreaRef>| {
        area.as_ref().map_or((String::new(), String::new()), |a| (a.name.clone(), a.code.clone()))
    };
    let (kecamatan, kode_kecamatan) = area(&payload.location.kecamatan);
    let (desa, kode_desa) = area(&payload.location.desa);
    let (instansi, nama_instansi) =
        payload.agency.as_ref().map_or((String::new(), String::new()), |a| (a.id.clone(), a.name.clone()));
    let contact = &payload.contact;
    let mut form = Multipart::new()
        .field("client_id", &payload.client_id)
        .field("jenis", payload.kind.code())
        .field("judul", &payload.title)
        .field("isi", &payload.description)
        .field("tanggal_kejadian", payload.incident_date.as_deref().unwrap_or_default())
        .field("kecamatan", &kecamatan)
        .field("kode_kecamatan", &kode_kecamatan)
        .field("desa", &desa)
        .field("kode_desa", &kode_desa)
        .field("detail_lokasi", payload.location.detail.as_deref().unwrap_or_default())
        .field("latitude", "")
        .field("longitude", "")
        .field("instansi", &instansi)
        .field("nama_instansi", &nama_instansi)
        .field("anonim", flag(payload.privacy.anonymous))
        .field("rahasia", flag(payload.privacy.confidential))
        .field("nama", contact.name.as_deref().unwrap_or_default())
        .field("telepon", contact.phone.as_deref().unwrap_or_default())
        .field("email", contact.email.as_deref().unwrap_or_default())
        .field("nik", contact.nik.as_deref().unwrap_or_default())
        .field("payload", &light.to_json());
    for (name, mime, bytes) in files {
        form = form.file("lampiran[]", &name, &mime, &bytes);
    }
    form
}
