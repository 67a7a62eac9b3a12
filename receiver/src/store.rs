//! The SQLite file complaints are kept in.
//!
//! One row per complaint in `complaints`, its files in `attachments`, one row
//! per Open311 service request in `open311_requests`, and one row per photo the
//! media host keeps for Open311's `media_url` in `media`. The `client_id` columns are
//! unique, so a complaint the widget sends twice (a retry after a lost answer) is
//! kept once, even if both copies arrive at the same moment or at two receiver
//! processes sharing the file. Complaints and Open311 requests are numbered from
//! one sequence, so a tracking number names one report whichever way it came.
//! Column names are part of the receiver's contract: agencies' own tools and the
//! end-to-end tests read them.

use std::fmt;
use std::path::Path;
use std::time::Duration;

use aduan::complaint::ValidComplaint;
use aduan::messages::Lang;
use aduan::payload::ClientId;
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, params};

use crate::open311::ServiceRequest;

/// How long a write waits for another process holding the file.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS complaints (
    id INTEGER PRIMARY KEY,
    client_id TEXT NOT NULL UNIQUE,
    tracking_number TEXT UNIQUE,
    received_at TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    incident_date TEXT,
    kecamatan_code TEXT,
    desa_code TEXT,
    location_detail TEXT,
    agency_id TEXT,
    anonymous INTEGER NOT NULL,
    confidential INTEGER NOT NULL,
    contact_name TEXT,
    contact_phone TEXT,
    contact_email TEXT,
    contact_nik TEXT,
    language TEXT NOT NULL,
    payload_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attachments (
    complaint_id INTEGER NOT NULL REFERENCES complaints(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (complaint_id, position)
);
CREATE TABLE IF NOT EXISTS open311_requests (
    id INTEGER PRIMARY KEY,
    service_request_id TEXT UNIQUE NOT NULL,
    client_id TEXT UNIQUE,
    received_at TEXT NOT NULL,
    service_code TEXT NOT NULL,
    description TEXT,
    lat REAL,
    long REAL,
    address_string TEXT,
    address_id TEXT,
    email TEXT,
    first_name TEXT,
    last_name TEXT,
    phone TEXT,
    device_id TEXT,
    account_id TEXT,
    media_url TEXT,
    attributes_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS media (
    id INTEGER PRIMARY KEY,
    token TEXT UNIQUE NOT NULL,
    mime TEXT NOT NULL,
    sha256 TEXT NOT NULL UNIQUE,
    bytes BLOB NOT NULL,
    received_at TEXT NOT NULL
);
";

/// The row number for the next complaint or Open311 request: one past the
/// largest in either table, so their tracking numbers never coincide.
const NEXT_ID: &str = "SELECT 1 + max(coalesce((SELECT max(id) FROM complaints), 0),
                                     coalesce((SELECT max(id) FROM open311_requests), 0))";

/// Why the store failed: always a problem of the file or the disk, never of the
/// complaint, so the HTTP layer answers 500 and the widget tries again later.
#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    /// A complaint row without a tracking number: written by something other
    /// than this receiver.
    NoTrackingNumber {
        client_id: String,
    },
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(error) => write!(f, "SQLite: {error}"),
            StoreError::NoTrackingNumber { client_id } => {
                write!(f, "the complaint with client_id {client_id} has no tracking number")
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Sqlite(error) => Some(error),
            StoreError::NoTrackingNumber { .. } => None,
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        StoreError::Sqlite(error)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A checked complaint on its way into the store.
#[derive(Clone, Copy, Debug)]
pub struct NewComplaint<'a> {
    pub client_id: &'a ClientId,
    /// RFC 3339 in UTC.
    pub received_at: &'a str,
    /// The year of receipt in WIB, for the tracking number.
    pub year: u16,
    pub complaint: &'a ValidComplaint,
    /// Attachment bytes, in the order of `complaint.attachments`.
    pub files: &'a [Vec<u8>],
    pub language: Lang,
    /// The body as received, with attachment data taken out.
    pub payload_json: &'a str,
}

/// A checked Open311 service request on its way into the store.
#[derive(Clone, Copy, Debug)]
pub struct NewServiceRequest<'a> {
    pub request: &'a ServiceRequest,
    /// RFC 3339 in UTC.
    pub received_at: &'a str,
    /// The year of receipt in WIB, for the `service_request_id`.
    pub year: u16,
}

/// What `GET /open311/v2/requests/{id}.json` shows of a stored request.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredServiceRequest {
    pub service_request_id: String,
    pub service_code: String,
    pub description: Option<String>,
    pub received_at: String,
    pub address_string: Option<String>,
    pub lat: Option<f64>,
    pub long: Option<f64>,
}

/// The outcome of [`Store::save`] and [`Store::save_open311`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    pub tracking_number: String,
    /// The client id was already stored; nothing was written.
    pub duplicate: bool,
}

/// A photo on its way into the media host.
#[derive(Clone, Copy, Debug)]
pub struct NewMedia<'a> {
    /// The last part of its address; derived from `sha256`, so the same bytes
    /// always get the same token.
    pub token: &'a str,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub mime: &'a str,
    /// The bytes' SHA-256 as 64 lowercase hex digits.
    pub sha256: &'a str,
    pub bytes: &'a [u8],
    /// RFC 3339 in UTC.
    pub received_at: &'a str,
}

/// The outcome of [`Store::save_media`]: the stored row's token and type, which
/// for bytes already stored are those of the first copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedMedia {
    pub token: String,
    pub mime: String,
    /// The same bytes were already stored; nothing was written.
    pub duplicate: bool,
}

/// A stored photo, as served back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMedia {
    pub mime: String,
    pub bytes: Vec<u8>,
}

/// What anyone holding a tracking number may learn about a complaint that is not
/// confidential.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicStatus {
    pub tracking_number: String,
    pub received_at: String,
    pub kind: String,
    pub title: String,
}

pub struct Store {
    connection: Connection,
}

impl Store {
    /// Opens the file, creating it and its tables if missing.
    pub fn open(path: &Path) -> Result<Store> {
        Self::prepare(Connection::open(path)?)
    }

    fn prepare(connection: Connection) -> Result<Store> {
        connection.busy_timeout(BUSY_TIMEOUT)?;
        // WAL lets readers (an officer's sqlite3 session, the GET endpoint) work
        // while a complaint is written.
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.execute_batch(SCHEMA)?;
        Ok(Store { connection })
    }

    /// Stores a complaint unless its client id is already stored, and returns its
    /// tracking number either way. A duplicate leaves the stored row untouched.
    pub fn save(&mut self, new: &NewComplaint<'_>, tracking_prefix: &str) -> Result<Saved> {
        let complaint = new.complaint;
        let contact = &complaint.contact;
        // IMMEDIATE takes the write lock up front, so two processes racing on the
        // same client id queue here instead of failing half-way.
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = next_id(&transaction)?;
        let number = tracking_number(tracking_prefix, new.year, id);
        let inserted = transaction.execute(
            "INSERT INTO complaints (id, tracking_number, client_id, received_at, kind, title, description,
                 incident_date, kecamatan_code, desa_code, location_detail, agency_id, anonymous, confidential,
                 contact_name, contact_phone, contact_email, contact_nik, language, payload_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)
             ON CONFLICT (client_id) DO NOTHING",
            params![
                id,
                number,
                new.client_id.as_str(),
                new.received_at,
                complaint.kind.code(),
                complaint.title,
                complaint.description,
                complaint.incident_date.map(|date| date.to_string()),
                complaint.location.kecamatan.as_ref().map(|k| k.code.as_str()),
                complaint.location.desa.as_ref().map(|d| d.code.as_str()),
                Some(complaint.location.detail.as_str()).filter(|detail| !detail.is_empty()),
                complaint.agency,
                complaint.privacy.anonymous,
                complaint.privacy.confidential,
                contact.name,
                contact.phone.as_ref().map(|phone| phone.as_e164()),
                contact.email.as_ref().map(|email| email.as_str()),
                contact.nik.as_ref().map(|nik| nik.as_str()),
                new.language.code(),
                new.payload_json,
            ],
        )?;
        if inserted == 1 {
            let mut insert_file = transaction.prepare(
                "INSERT INTO attachments (complaint_id, position, name, mime, size, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for (position, (info, bytes)) in complaint.attachments.iter().zip(new.files).enumerate() {
                insert_file.execute(params![id, position, info.name, info.mime, bytes.len(), bytes])?;
            }
        }
        let tracking_number: Option<String> = transaction.query_row(
            "SELECT tracking_number FROM complaints WHERE client_id = ?1",
            [new.client_id.as_str()],
            |row| row.get(0),
        )?;
        transaction.commit()?;
        let tracking_number =
            tracking_number.ok_or_else(|| StoreError::NoTrackingNumber { client_id: new.client_id.to_string() })?;
        Ok(Saved { tracking_number, duplicate: inserted == 0 })
    }

    /// Looks a complaint up by tracking number, ignoring case because citizens
    /// type it. Confidential (Rahasia) complaints are not found.
    pub fn find_public(&self, tracking_number: &str) -> Result<Option<PublicStatus>> {
        let found = self
            .connection
            .query_row(
                "SELECT tracking_number, received_at, kind, title FROM complaints
                 WHERE tracking_number = ?1 COLLATE NOCASE AND confidential = 0",
                [tracking_number],
                |row| {
                    Ok(PublicStatus {
                        tracking_number: row.get(0)?,
                        received_at: row.get(1)?,
                        kind: row.get(2)?,
                        title: row.get(3)?,
                    })
                },
            )
            .optional()?;
        Ok(found)
    }

    /// Stores an Open311 request unless its client id (from
    /// `attribute[aduan_client_id]`) is already stored, and returns its
    /// `service_request_id` either way. A request without a client id is always new.
    pub fn save_open311(&mut self, new: &NewServiceRequest<'_>, tracking_prefix: &str) -> Result<Saved> {
        let request = new.request;
        let client_id = request.client_id.as_ref().map(ClientId::as_str);
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = next_id(&transaction)?;
        let number = tracking_number(tracking_prefix, new.year, id);
        let inserted = transaction.execute(
            "INSERT INTO open311_requests (id, service_request_id, client_id, received_at, service_code,
                 description, lat, long, address_string, address_id, email, first_name, last_name, phone,
                 device_id, account_id, media_url, attributes_json)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
             ON CONFLICT (client_id) DO NOTHING",
            params![
                id,
                number,
                client_id,
                new.received_at,
                request.service_code,
                request.description,
                request.lat,
                request.long,
                request.address_string,
                request.address_id,
                request.email,
                request.first_name,
                request.last_name,
                request.phone,
                request.device_id,
                request.account_id,
                request.media_url,
                request.attributes_json,
            ],
        )?;
        let service_request_id = if inserted == 1 {
            number
        } else {
            transaction.query_row(
                "SELECT service_request_id FROM open311_requests WHERE client_id = ?1",
                [client_id],
                |row| row.get(0),
            )?
        };
        transaction.commit()?;
        Ok(Saved { tracking_number: service_request_id, duplicate: inserted == 0 })
    }

    /// Looks an Open311 request up by its `service_request_id`, ignoring case.
    pub fn find_open311(&self, service_request_id: &str) -> Result<Option<StoredServiceRequest>> {
        let found = self
            .connection
            .query_row(
                "SELECT service_request_id, service_code, description, received_at, address_string, lat, long
                 FROM open311_requests WHERE service_request_id = ?1 COLLATE NOCASE",
                [service_request_id],
                |row| {
                    Ok(StoredServiceRequest {
                        service_request_id: row.get(0)?,
                        service_code: row.get(1)?,
                        description: row.get(2)?,
                        received_at: row.get(3)?,
                        address_string: row.get(4)?,
                        lat: row.get(5)?,
                        long: row.get(6)?,
                    })
                },
            )
            .optional()?;
        Ok(found)
    }

    /// Stores a photo unless the same bytes (the same `sha256`) are already
    /// stored, and returns the stored row's token either way. Two copies arriving
    /// at once still make one row: the database refuses a second `sha256`.
    pub fn save_media(&mut self, new: &NewMedia<'_>) -> Result<SavedMedia> {
        let transaction = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let inserted = transaction.execute(
            "INSERT INTO media (token, mime, sha256, bytes, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (sha256) DO NOTHING",
            params![new.token, new.mime, new.sha256, new.bytes, new.received_at],
        )?;
        let (token, mime) =
            transaction.query_row("SELECT token, mime FROM media WHERE sha256 = ?1", [new.sha256], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        transaction.commit()?;
        Ok(SavedMedia { token, mime, duplicate: inserted == 0 })
    }

    /// Looks a photo up by its token, exactly as written.
    pub fn find_media(&self, token: &str) -> Result<Option<StoredMedia>> {
        let found = self
            .connection
            .query_row("SELECT mime, bytes FROM media WHERE token = ?1", [token], |row| {
                Ok(StoredMedia { mime: row.get(0)?, bytes: row.get(1)? })
            })
            .optional()?;
        Ok(found)
    }
}

fn next_id(transaction: &Transaction<'_>) -> Result<i64> {
    Ok(transaction.query_row(NEXT_ID, [], |row| row.get(0))?)
}

/// `ADU-2026-000001`: the prefix, the year of receipt and the row number, six
/// digits or more.
fn tracking_number(prefix: &str, year: u16, id: i64) -> String {
    format!("{prefix}-{year:04}-{id:06}")
}

#[cfg(test)]
mod tests {
    use aduan::calendar::CalendarDate;
    use aduan::complaint::{AttachmentInfo, Draft, ReportKind};
    use aduan::config::Config;

    use super::*;

    fn config() -> Config {
        Config::from_json(include_str!("../../config/bengkalis.json")).unwrap()
    }

    /// A report of a broken bridge railing, written for these tests.
    fn complaint(confidential: bool) -> ValidComplaint {
        Draft {
            kind: Some(ReportKind::Pengaduan),
            title: "Pagar jembatan patah".into(),
            description: "Pagar pengaman jembatan kayu dekat sekolah patah sejak minggu lalu dan berbahaya.".into(),
            incident_day: "20".into(),
            incident_month: "11".into(),
            incident_year: "2026".into(),
            kecamatan: "14.03.02".into(),
            location_detail: "Dekat SD".into(),
            confidential,
            name: "Siti Aminah".into(),
            phone: "0812 3456 7890".into(),
            attachments: vec![AttachmentInfo { name: "jembatan.png".into(), mime: "image/png".into(), size: 4 }],
            ..Draft::default()
        }
        .validate(&config(), CalendarDate::new(2026, 11, 28).unwrap())
        .unwrap()
    }

    /// A database file in the temp directory, deleted with its WAL files on drop.
    struct TempDb(std::path::PathBuf);

    impl TempDb {
        fn new(name: &str) -> Self {
            let path = std::env::temp_dir().join(format!("aduan-store-{name}-{}.sqlite", std::process::id()));
            let db = TempDb(path);
            db.remove();
            db
        }

        fn remove(&self) {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", self.0.display()));
            }
        }
    }

    impl Drop for TempDb {
        fn drop(&mut self) {
            self.remove();
        }
    }

    /// The file comes first so that it outlives the store: locals drop in reverse.
    fn temp_store(name: &str) -> (TempDb, Store) {
        let db = TempDb::new(name);
        let store = Store::open(&db.0).unwrap();
        (db, store)
    }

    fn new<'a>(id: &'a ClientId, complaint: &'a ValidComplaint, files: &'a [Vec<u8>]) -> NewComplaint<'a> {
        NewComplaint {
            client_id: id,
            received_at: "2026-11-28T01:00:00Z",
            year: 2026,
            complaint,
            files,
            language: Lang::Id,
            payload_json: "{}",
        }
    }

    #[test]
    fn a_complaint_is_stored_once_with_its_file_and_numbered_from_its_row() {
        let (_db, mut store) = temp_store("once");
        let complaint = complaint(false);
        let files = vec![b"\x89PNG".to_vec()];
        let first_id = ClientId::from_random([1; 16]);
        let first = store.save(&new(&first_id, &complaint, &files), "ADU").unwrap();
        assert_eq!(first, Saved { tracking_number: "ADU-2026-000001".into(), duplicate: false });
        let again = store.save(&new(&first_id, &complaint, &[]), "ADU").unwrap();
        assert_eq!(again, Saved { tracking_number: "ADU-2026-000001".into(), duplicate: true });
        let second_id = ClientId::from_random([2; 16]);
        assert_eq!(store.save(&new(&second_id, &complaint, &files), "BKS").unwrap().tracking_number, "BKS-2026-000002");

        let (rows, phone, files): (i64, String, i64) = store
            .connection
            .query_row(
                "SELECT COUNT(*), MIN(contact_phone), (SELECT COUNT(*) FROM attachments) FROM complaints",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .unwrap();
        assert_eq!((rows, phone.as_str(), files), (2, "+6281234567890", 2));
    }

    #[test]
    fn confidential_complaints_cannot_be_looked_up() {
        let (_db, mut store) = temp_store("lookup");
        let open = complaint(false);
        let secret = complaint(true);
        let (a, b) = (ClientId::from_random([3; 16]), ClientId::from_random([4; 16]));
        let open_number = store.save(&new(&a, &open, &[]), "ADU").unwrap().tracking_number;
        let secret_number = store.save(&new(&b, &secret, &[]), "ADU").unwrap().tracking_number;
        let found = store.find_public(&open_number.to_lowercase()).unwrap().unwrap();
        assert_eq!(found.title, "Pagar jembatan patah");
        assert_eq!(found.kind, "pengaduan");
        assert_eq!(store.find_public(&secret_number).unwrap(), None);
        assert_eq!(store.find_public("ADU-2026-999999").unwrap(), None);
    }

    #[test]
    fn the_file_is_in_wal_mode_so_readers_do_not_block_the_receiver() {
        let (_db, store) = temp_store("wal");
        let mode: String = store.connection.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let timeout: i64 = store.connection.query_row("PRAGMA busy_timeout", [], |row| row.get(0)).unwrap();
        assert_eq!(timeout, 5000);
    }

    #[test]
    fn reopening_the_file_keeps_what_was_stored() {
        let (db, mut store) = temp_store("reopen");
        let complaint = complaint(false);
        let id = ClientId::from_random([5; 16]);
        store.save(&new(&id, &complaint, &[]), "ADU").unwrap();
        drop(store);
        let mut store = Store::open(&db.0).unwrap();
        assert!(store.save(&new(&id, &complaint, &[]), "ADU").unwrap().duplicate);
    }

    /// A pothole report as an Open311 client would send it, written for these tests.
    fn service_request(client_id: Option<ClientId>) -> ServiceRequest {
        ServiceRequest {
            service_code: "pupr".into(),
            client_id,
            description: Some("Lubang besar di tengah jalan, sudah dua motor terjatuh.".into()),
            lat: Some(1.4674),
            long: Some(102.1031),
            address_string: Some("Jl. Antara, Bengkalis".into()),
            address_id: None,
            email: None,
            device_id: None,
            account_id: None,
            first_name: Some("Yusuf".into()),
            last_name: None,
            phone: None,
            media_url: None,
            attributes_json: "{}".into(),
        }
    }

    fn new_request(request: &ServiceRequest) -> NewServiceRequest<'_> {
        NewServiceRequest { request, received_at: "2026-11-28T02:00:00Z", year: 2026 }
    }

    #[test]
    fn complaints_and_open311_requests_share_one_sequence_of_numbers() {
        let (_db, mut store) = temp_store("sequence");
        let complaint = complaint(false);
        let first = store.save(&new(&ClientId::from_random([6; 16]), &complaint, &[]), "ADU").unwrap();
        let request = service_request(None);
        let second = store.save_open311(&new_request(&request), "ADU").unwrap();
        let third = store.save(&new(&ClientId::from_random([7; 16]), &complaint, &[]), "ADU").unwrap();
        let fourth = store.save_open311(&new_request(&request), "ADU").unwrap();
        let numbers = [first, second, third, fourth].map(|saved| saved.tracking_number);
        assert_eq!(numbers, ["ADU-2026-000001", "ADU-2026-000002", "ADU-2026-000003", "ADU-2026-000004"]);
    }

    #[test]
    fn an_open311_request_is_stored_once_per_client_id_and_always_without_one() {
        let (_db, mut store) = temp_store("open311");
        let id = ClientId::from_random([8; 16]);
        let with_id = service_request(Some(id.clone()));
        let first = store.save_open311(&new_request(&with_id), "BKS").unwrap();
        assert_eq!(first, Saved { tracking_number: "BKS-2026-000001".into(), duplicate: false });
        let mut changed = with_id.clone();
        changed.description = Some("Teks yang diubah".into());
        assert_eq!(
            store.save_open311(&new_request(&changed), "BKS").unwrap(),
            Saved { tracking_number: "BKS-2026-000001".into(), duplicate: true }
        );
        let anonymous = service_request(None);
        assert!(!store.save_open311(&new_request(&anonymous), "BKS").unwrap().duplicate);
        assert!(!store.save_open311(&new_request(&anonymous), "BKS").unwrap().duplicate);

        let found = store.find_open311("bks-2026-000001").unwrap().expect("found whatever the case");
        assert_eq!(
            found,
            StoredServiceRequest {
                service_request_id: "BKS-2026-000001".into(),
                service_code: "pupr".into(),
                description: Some("Lubang besar di tengah jalan, sudah dua motor terjatuh.".into()),
                received_at: "2026-11-28T02:00:00Z".into(),
                address_string: Some("Jl. Antara, Bengkalis".into()),
                lat: Some(1.4674),
                long: Some(102.1031),
            },
            "the first copy is kept"
        );
        assert_eq!(store.find_open311("BKS-2026-000009").unwrap(), None);
        let rows: i64 =
            store.connection.query_row("SELECT COUNT(*) FROM open311_requests", [], |row| row.get(0)).unwrap();
        assert_eq!(rows, 3);
    }

    fn photo<'a>(token: &'a str, sha256: &'a str, mime: &'a str, bytes: &'a [u8]) -> NewMedia<'a> {
        NewMedia { token, mime, sha256, bytes, received_at: "2026-11-28T03:00:00Z" }
    }

    #[test]
    fn a_photo_is_kept_once_per_content_and_found_by_its_token() {
        let (_db, mut store) = temp_store("media");
        let jpeg = b"\xff\xd8\xff\xe0 jalan berlubang";
        let first = store.save_media(&photo("aaaa", "hash-a", "image/jpeg", jpeg)).unwrap();
        assert_eq!(first, SavedMedia { token: "aaaa".into(), mime: "image/jpeg".into(), duplicate: false });
        // The same bytes sent again, even labelled as another type, are the first copy.
        let again = store.save_media(&photo("aaaa", "hash-a", "image/png", jpeg)).unwrap();
        assert_eq!(again, SavedMedia { token: "aaaa".into(), mime: "image/jpeg".into(), duplicate: true });
        let other = store.save_media(&photo("bbbb", "hash-b", "image/webp", b"RIFF")).unwrap();
        assert!(!other.duplicate);

        let found = store.find_media("aaaa").unwrap();
        assert_eq!(found, Some(StoredMedia { mime: "image/jpeg".into(), bytes: jpeg.to_vec() }));
        assert_eq!(store.find_media("AAAA").unwrap(), None, "tokens are exact");
        assert_eq!(store.find_media("cccc").unwrap(), None);
        let rows: i64 = store.connection.query_row("SELECT COUNT(*) FROM media", [], |row| row.get(0)).unwrap();
        assert_eq!(rows, 2);
    }
}
