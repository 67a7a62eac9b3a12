//! The outbox: every complaint the citizen has sent from this device, until its
//! backend has it, through weak signal, reloads and closed tabs.
//!
//! Part of the pure core: a state machine with time and randomness passed in.
//! The browser edge keeps a stored copy of each entry ([`StoredEntry`]) and of
//! its payload, written before the first attempt, and calls in here on every
//! event (a send, an answer, the connection coming back, a reload). A property
//! test runs it against a naive model over random event sequences.

use super::{DeliveryError, Receipt};
use crate::json::{Json, Writer};
use crate::json_reader::{Object, Result as ReadResult, key_error, parse};
use crate::payload::ClientId;

/// Milliseconds since the Unix epoch, by the device's clock.
pub type Millis = u64;

/// The first retry waits about two seconds; each failure doubles the wait...
const FIRST_RETRY_MS: Millis = 2_000;
/// ...up to five minutes, so a village that gets signal back is served soon.
const LONGEST_BACKOFF_MS: Millis = 5 * 60_000;
/// A server's `Retry-After` is honoured up to an hour; longer is a mistake.
const LONGEST_RETRY_AFTER_MS: Millis = 60 * 60_000;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outbox {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub id: ClientId,
    /// The complaint's title, to show in the list.
    pub title: String,
    /// Whether the receipt stays on the device after delivery: not for an
    /// anonymous complaint, of which nothing is kept.
    pub keep_receipt: bool,
    pub status: Status,
    /// Failed attempts in a row, for the backoff.
    pub failures: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Not delivered yet: tried again at `due`, or as soon as the connection
    /// returns. `last_error` says why the last attempt failed, if one did.
    Waiting { due: Millis, last_error: Option<DeliveryError> },
    /// An attempt is under way.
    Sending,
    /// The backend has it.
    Sent(Receipt),
    /// The backend refused it; sending the same again will not help, so it waits
    /// for the citizen to correct it, retry or discard it.
    Failed(DeliveryError),
}

impl Outbox {
    /// The outbox as stored, after a reload at `now`: whatever was being sent
    /// when the page closed may or may not have arrived, so it is sent again
    /// (its client id lets the backend drop a copy).
    pub fn restore(stored: Vec<StoredEntry>, now: Millis) -> Self {
        let entries = stored
            .into_iter()
            .map(|entry| Entry {
                id: entry.id,
                title: entry.title,
                keep_receipt: entry.keep_receipt,
                status: match entry.status {
                    StoredStatus::Waiting { last_error } => Status::Waiting { due: now, last_error },
                    StoredStatus::Sent(receipt) => Status::Sent(receipt),
                    StoredStatus::Failed(error) => Status::Failed(error),
                },
                failures: 0,
            })
            .collect();
        Self { entries }
    }

    /// Adds what was stored to an outbox already in use (a complaint may be
    /// sent before storage has been read); an id already here is kept as it is.
    pub fn add_restored(&mut self, stored: Vec<StoredEntry>, now: Millis) {
        let restored = Outbox::restore(stored, now);
        for entry in restored.entries {
            if self.get(&entry.id).is_none() {
                self.entries.push(entry);
            }
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: &ClientId) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.id == *id)
    }

    fn get_mut(&mut self, id: &ClientId) -> Option<&mut Entry> {
        self.entries.iter_mut().find(|entry| entry.id == *id)
    }

    /// Adds a complaint, due at once. The edge stores it (and its payload)
    /// before calling this, so nothing is ever only in memory. A second submit
    /// of the same id changes nothing.
    pub fn submit(&mut self, id: ClientId, title: String, keep_receipt: bool, now: Millis) {
        if self.get(&id).is_none() {
            let status = Status::Waiting { due: now, last_error: None };
            self.entries.push(Entry { id, title, keep_receipt, status, failures: 0 });
        }
    }

    /// The complaints to send now, marked as being sent: those due by `now`,
    /// and none while the device is offline (an attempt would only fail).
    pub fn start_due(&mut self, now: Millis, online: bool) -> Vec<ClientId> {
        if !online {
            return Vec::new();
        }
        let mut started = Vec::new();
        for entry in &mut self.entries {
            if let Status::Waiting { due, .. } = entry.status
                && due <= now
            {
                entry.status = Status::Sending;
                started.push(entry.id.clone());
            }
        }
        started
    }

    /// Records how an attempt ended. A failure worth retrying waits with
    /// exponential backoff and jitter (`jitter` from 0 to 1000, chosen at
    /// random by the edge), and at least as long as the server's `Retry-After`.
    /// An answer for a complaint not being sent (discarded meanwhile, or
    /// already settled) is ignored.
    pub fn settle(
        &mut self,
        id: &ClientId,
        outcome: Result<Receipt, DeliveryError>,
        now: Millis,
        retry_after: Option<Millis>,
        jitter: u16,
    ) {
        let Some(entry) = self.get_mut(id) else { return };
        if entry.status != Status::Sending {
            return;
        }
        entry.status = match outcome {
            Ok(receipt) => {
                entry.failures = 0;
                Status::Sent(receipt)
            }
            Err(error) if error.is_worth_retrying() => {
                entry.failures = entry.failures.saturating_add(1);
                let wait = backoff(entry.failures, jitter).max(retry_after.unwrap_or(0).min(LONGEST_RETRY_AFTER_MS));
                Status::Waiting { due: now.saturating_add(wait), last_error: Some(error) }
            }
            Err(error) => Status::Failed(error),
        };
    }

    /// The connection is back (or the page is shown again): everything waiting
    /// is due now rather than at the end of its backoff.
    pub fn online(&mut self, now: Millis) {
        for entry in &mut self.entries {
            if let Status::Waiting { due, .. } = &mut entry.status {
                *due = (*due).min(now);
            }
        }
    }

    /// The citizen pressed "send now" on a waiting or failed complaint.
    pub fn retry(&mut self, id: &ClientId, now: Millis) {
        if let Some(entry) = self.get_mut(id) {
            match &entry.status {
                Status::Waiting { last_error, .. } => {
                    entry.status = Status::Waiting { due: now, last_error: last_error.clone() }
                }
                Status::Failed(error) => entry.status = Status::Waiting { due: now, last_error: Some(error.clone()) },
                Status::Sending | Status::Sent(_) => {}
            }
        }
    }

    /// Takes a complaint out: discarded, put back in the form, or a receipt
    /// the citizen closed.
    pub fn remove(&mut self, id: &ClientId) {
        self.entries.retain(|entry| entry.id != *id);
    }

    /// When the next waiting complaint falls due, for the edge's one timer.
    pub fn next_due(&self) -> Option<Millis> {
        self.entries
            .iter()
            .filter_map(|entry| match entry.status {
                Status::Waiting { due, .. } => Some(due),
                _ => None,
            })
            .min()
    }

    /// What to keep on the device for `id`; `None` means delete its record (an
    /// anonymous complaint once delivered, or one no longer here). An attempt
    /// under way is stored as waiting: if the page closes now, it is sent again.
    pub fn stored(&self, id: &ClientId) -> Option<StoredEntry> {
        let entry = self.get(id)?;
        let status = match &entry.status {
            Status::Waiting { last_error, .. } => StoredStatus::Waiting { last_error: last_error.clone() },
            Status::Sending => StoredStatus::Waiting { last_error: None },
            Status::Sent(_) if !entry.keep_receipt => return None,
            Status::Sent(receipt) => StoredStatus::Sent(receipt.clone()),
            Status::Failed(error) => StoredStatus::Failed(error.clone()),
        };
        Some(StoredEntry { id: entry.id.clone(), title: entry.title.clone(), keep_receipt: entry.keep_receipt, status })
    }
}

/// The wait before retry number `failures` (1 for the first failure): doubling
/// from two seconds to five minutes, then "equal jitter": half the wait fixed,
/// half random, so a hundred phones that lost signal together do not all call
/// back in the same second.
///
/// # Example
/// ```
/// use aduan::delivery::outbox::backoff;
/// assert_eq!(backoff(1, 0), 1_000);
/// assert_eq!(backoff(1, 1000), 2_000);
/// assert_eq!(backoff(3, 500), 6_000);
/// assert_eq!(backoff(40, 1000), 300_000);
/// ```
pub fn backoff(failures: u32, jitter: u16) -> Millis {
    let doubled = FIRST_RETRY_MS.saturating_mul(1 << failures.saturating_sub(1).min(20));
    let wait = doubled.min(LONGEST_BACKOFF_MS);
    wait / 2 + wait / 2 * Millis::from(jitter.min(1000)) / 1000
}

/// A `Retry-After` header as a wait in milliseconds: seconds (`120`) or an
/// HTTP date (`Wed, 21 Oct 2026 07:28:00 GMT`), read against `now`.
///
/// # Example
/// ```
/// use aduan::delivery::outbox::retry_after;
/// assert_eq!(retry_after("120", 0), Some(120_000));
/// let now = 1_792_567_620_000; // Wed, 21 Oct 2026 07:27:00 GMT
/// assert_eq!(retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now), Some(60_000));
/// assert_eq!(retry_after("soon", now), None);
/// ```
pub fn retry_after(header: &str, now: Millis) -> Option<Millis> {
    let header = header.trim();
    if let Ok(seconds) = header.parse::<u64>() {
        return Some(seconds.saturating_mul(1000));
    }
    // IMF-fixdate, the one form servers send: "Sun, 06 Nov 1994 08:49:37 GMT".
    let parts: Vec<&str> = header.split([' ', ':']).collect();
    let [_, day, month, year, hour, minute, second, "GMT"] = parts.as_slice() else { return None };
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m == month)? as u64 + 1;
    let number = |text: &str| text.parse::<u64>().ok();
    let days = days_since_epoch(number(year)?, month, number(day)?)?;
    let at = ((days * 24 + number(hour)?) * 60 + number(minute)?) * 60 + number(second)?;
    Some((at * 1000).saturating_sub(now))
}

/// Days from 1970-01-01 to a civil date (proleptic Gregorian), for dates from 1970 on.
fn days_since_epoch(year: u64, month: u64, day: u64) -> Option<u64> {
    if year < 1970 || !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil, shifted so March starts the year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year / 400;
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    (era * 146_097 + day_of_era).checked_sub(719_468)
}

/// What the device keeps for one complaint, besides its payload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredEntry {
    pub id: ClientId,
    pub title: String,
    pub keep_receipt: bool,
    pub status: StoredStatus,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredStatus {
    Waiting { last_error: Option<DeliveryError> },
    Sent(Receipt),
    Failed(DeliveryError),
}

/// What became of a complaint elsewhere, read from its stored record just
/// before this tab sends it: another tab of the same site may have sent,
/// refused or discarded it since this one read the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elsewhere {
    /// Still waiting: this tab sends it.
    Waiting,
    /// Another tab's attempt ended so; this tab takes the outcome as its own.
    Settled(Result<Receipt, DeliveryError>),
    /// No record: discarded, or an anonymous complaint delivered (its record goes then).
    Gone,
}

impl Elsewhere {
    /// Reads the stored record (`None`: there is none).
    pub fn read(stored: Option<StoredEntry>) -> Elsewhere {
        match stored.map(|entry| entry.status) {
            None => Elsewhere::Gone,
            Some(StoredStatus::Waiting { .. }) => Elsewhere::Waiting,
            Some(StoredStatus::Sent(receipt)) => Elsewhere::Settled(Ok(receipt)),
            Some(StoredStatus::Failed(error)) => Elsewhere::Settled(Err(error)),
        }
    }
}

impl StoredEntry {
    pub fn to_json(&self) -> String {
        let mut json = Writer::new();
        json.begin_object();
        json.key("id").string(self.id.as_str());
        json.key("title").string(&self.title);
        json.key("keep_receipt").bool(self.keep_receipt);
        match &self.status {
            StoredStatus::Waiting { last_error } => {
                json.key("status").string("waiting");
                json.key("error");
                write_error(&mut json, last_error.as_ref());
            }
            StoredStatus::Sent(receipt) => {
                json.key("status").string("sent");
                json.key("tracking_number").optional_string(receipt.tracking_number.as_deref());
                json.key("duplicate").bool(receipt.duplicate);
            }
            StoredStatus::Failed(error) => {
                json.key("status").string("failed");
                json.key("error");
                write_error(&mut json, Some(error));
            }
        }
        json.end_object();
        json.finish()
    }

    pub fn from_json(text: &str) -> ReadResult<Self> {
        let value = parse(text)?;
        let top = Object::new(
            &value,
            "",
            &["id", "title", "keep_receipt", "status", "error", "tracking_number", "duplicate"],
        )?;
        let id = ClientId::parse(&top.string("id")?).ok_or_else(|| key_error("id", "not a client id"))?;
        let flag = |key: &str| matches!(top.value(key), Some(Json::Bool(true)));
        let error = match top.value("error") {
            None => None,
            Some(error) => Some(read_error(error)?),
        };
        let status = match top.string("status")?.as_str() {
            "waiting" => StoredStatus::Waiting { last_error: error },
            "sent" => StoredStatus::Sent(Receipt {
                client_id: id.clone(),
                tracking_number: top.optional_string("tracking_number")?,
                duplicate: flag("duplicate"),
            }),
            "failed" => {
                StoredStatus::Failed(error.ok_or_else(|| key_error("error", "a failed entry needs its error"))?)
            }
            other => return Err(key_error("status", format!("unknown status \"{other}\""))),
        };
        Ok(StoredEntry { id, title: top.string("title")?, keep_receipt: flag("keep_receipt"), status })
    }
}

fn write_error(json: &mut Writer, error: Option<&DeliveryError>) {
    let Some(error) = error else {
        json.null();
        return;
    };
    json.begin_object();
    match error {
        DeliveryError::Offline => json.key("kind").string("offline"),
        DeliveryError::Timeout => json.key("kind").string("timeout"),
        DeliveryError::Rejected { reason } => {
            json.key("kind").string("rejected").key("reason").optional_string(reason.as_deref())
        }
        DeliveryError::ServerError { status } => {
            json.key("kind").string("server_error").key("status").number(u64::from(*status))
        }
        DeliveryError::Unreadable => json.key("kind").string("unreadable"),
        DeliveryError::FileUnreadable { name } => json.key("kind").string("file_unreadable").key("name").string(name),
    };
    json.end_object();
}

fn read_error(value: &Json) -> ReadResult<DeliveryError> {
    let error = Object::new(value, "error", &["kind", "reason", "status", "name"])?;
    Ok(match error.string("kind")?.as_str() {
        "offline" => DeliveryError::Offline,
        "timeout" => DeliveryError::Timeout,
        "rejected" => DeliveryError::Rejected { reason: error.optional_string("reason")? },
        "server_error" => DeliveryError::ServerError { status: u16::try_from(error.number("status")?).unwrap_or(500) },
        "unreadable" => DeliveryError::Unreadable,
        "file_unreadable" => DeliveryError::FileUnreadable { name: error.string("name")? },
        other => return Err(key_error("error.kind", format!("unknown error kind \"{other}\""))),
    })
}

// Natively only: proptest does not build for the browser.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    fn id(n: u8) -> ClientId {
        ClientId::from_random([n; 16])
    }

    fn receipt(n: u8) -> Receipt {
        Receipt { client_id: id(n), tracking_number: Some(format!("BKS-2026-{n:06}")), duplicate: false }
    }

    /// Stores every entry as the browser would, and reads them back.
    fn reload(outbox: &Outbox, now: Millis) -> Outbox {
        let stored = outbox
            .entries()
            .iter()
            .filter_map(|entry| outbox.stored(&entry.id))
            .map(|entry| StoredEntry::from_json(&entry.to_json()).expect("what the outbox wrote, it reads"))
            .collect();
        Outbox::restore(stored, now)
    }

    #[test]
    fn outbox_keeps_a_complaint_through_a_reload_and_sends_it_again() {
        let mut outbox = Outbox::default();
        outbox.submit(id(1), "Lampu jalan padam".into(), true, 1_000);
        assert_eq!(outbox.start_due(1_000, true), vec![id(1)]);
        // The tab closes mid-attempt. After the reload the complaint is due at once.
        let mut outbox = reload(&outbox, 50_000);
        assert_eq!(outbox.get(&id(1)).unwrap().status, Status::Waiting { due: 50_000, last_error: None });
        assert_eq!(outbox.start_due(50_000, true), vec![id(1)]);
        outbox.settle(&id(1), Ok(receipt(1)), 51_000, None, 0);
        assert_eq!(reload(&outbox, 60_000).get(&id(1)).unwrap().status, Status::Sent(receipt(1)));
    }

    #[test]
    fn a_second_tab_takes_what_the_first_tab_did_from_the_stored_record_instead_of_sending_again() {
        // Two tabs read the same waiting complaint.
        let mut first = Outbox::default();
        first.submit(id(1), "Air PDAM keruh".into(), true, 0);
        let mut second = reload(&first, 10);
        first.start_due(20, true);
        second.start_due(20, true);
        let written = |outbox: &Outbox| {
            outbox.stored(&id(1)).map(|entry| StoredEntry::from_json(&entry.to_json()).expect("it reads back"))
        };
        assert_eq!(Elsewhere::read(written(&first)), Elsewhere::Waiting, "nobody has sent it yet");

        // The first tab delivers it; the second finds the receipt and takes it.
        first.settle(&id(1), Ok(receipt(1)), 30, None, 0);
        let Elsewhere::Settled(outcome) = Elsewhere::read(written(&first)) else { panic!("settled elsewhere") };
        second.settle(&id(1), outcome, 40, None, 0);
        assert_eq!(second.get(&id(1)).unwrap().status, Status::Sent(receipt(1)));

        // A refusal is taken over the same way; an anonymous delivery leaves no record.
        let mut refused = Outbox::default();
        refused.submit(id(2), "b".into(), true, 0);
        refused.start_due(0, true);
        refused.settle(&id(2), Err(DeliveryError::Rejected { reason: None }), 1, None, 0);
        assert_eq!(
            Elsewhere::read(refused.stored(&id(2))),
            Elsewhere::Settled(Err(DeliveryError::Rejected { reason: None }))
        );
        let mut anonymous = Outbox::default();
        anonymous.submit(id(3), "c".into(), false, 0);
        anonymous.start_due(0, true);
        anonymous.settle(&id(3), Ok(receipt(3)), 1, None, 0);
        assert_eq!(Elsewhere::read(anonymous.stored(&id(3))), Elsewhere::Gone);
    }

    #[test]
    fn what_was_stored_joins_a_complaint_sent_before_storage_was_read() {
        let mut earlier = Outbox::default();
        earlier.submit(id(1), "kemarin".into(), true, 0);
        let stored = vec![earlier.stored(&id(1)).unwrap()];
        let mut outbox = Outbox::default();
        outbox.submit(id(2), "baru".into(), true, 100);
        outbox.start_due(100, true);
        outbox.add_restored(stored.clone(), 200);
        outbox.add_restored(stored, 300);
        let ids: Vec<&ClientId> = outbox.entries().iter().map(|e| &e.id).collect();
        assert_eq!(ids, [&id(2), &id(1)], "both, once each");
        assert_eq!(outbox.get(&id(2)).unwrap().status, Status::Sending, "the one in flight is untouched");
    }

    #[test]
    fn nothing_is_sent_while_offline_and_everything_waiting_goes_when_the_connection_returns() {
        let mut outbox = Outbox::default();
        outbox.submit(id(1), "a".into(), true, 0);
        outbox.submit(id(2), "b".into(), true, 0);
        assert!(outbox.start_due(0, false).is_empty());
        assert_eq!(outbox.start_due(0, true), vec![id(1), id(2)]);
        outbox.settle(&id(1), Err(DeliveryError::Offline), 10, None, 1000);
        outbox.settle(&id(2), Err(DeliveryError::Timeout), 10, None, 1000);
        assert_eq!(outbox.next_due(), Some(2_010));
        assert!(outbox.start_due(100, true).is_empty(), "still backing off");
        outbox.online(100);
        assert_eq!(outbox.start_due(100, true), vec![id(1), id(2)]);
    }

    #[test]
    fn a_refusal_waits_for_the_citizen_and_a_retry_after_is_honoured() {
        let mut outbox = Outbox::default();
        outbox.submit(id(1), "a".into(), true, 0);
        outbox.submit(id(2), "b".into(), true, 0);
        outbox.start_due(0, true);
        let refused = DeliveryError::Rejected { reason: Some("Kode layanan tidak dikenal".into()) };
        outbox.settle(&id(1), Err(refused.clone()), 5, None, 0);
        outbox.settle(&id(2), Err(DeliveryError::ServerError { status: 429 }), 5, Some(90_000), 0);
        assert_eq!(outbox.get(&id(1)).unwrap().status, Status::Failed(refused.clone()));
        assert_eq!(outbox.next_due(), Some(90_005), "Retry-After beats the 1-second backoff");
        outbox.online(10);
        assert_eq!(outbox.start_due(10, true), vec![id(2)], "the refused one does not go by itself");
        outbox.retry(&id(1), 20);
        assert_eq!(outbox.start_due(20, true), vec![id(1)]);
    }

    #[test]
    fn nothing_of_an_anonymous_complaint_is_kept_after_delivery() {
        let mut outbox = Outbox::default();
        outbox.submit(id(1), "Pungli di kantor desa".into(), false, 0);
        assert!(outbox.stored(&id(1)).is_some(), "kept until it is delivered");
        outbox.start_due(0, true);
        outbox.settle(&id(1), Ok(receipt(1)), 1, None, 0);
        assert_eq!(outbox.stored(&id(1)), None);
        assert!(reload(&outbox, 2).entries().is_empty());
    }

    #[test]
    fn stored_entries_read_back_exactly() {
        let errors = [
            DeliveryError::Offline,
            DeliveryError::Timeout,
            DeliveryError::Rejected { reason: None },
            DeliveryError::Rejected { reason: Some("judul \"kosong\"\n".into()) },
            DeliveryError::ServerError { status: 503 },
            DeliveryError::Unreadable,
            DeliveryError::FileUnreadable { name: "foto 1.jpg".into() },
        ];
        let mut statuses: Vec<StoredStatus> =
            errors.iter().map(|e| StoredStatus::Waiting { last_error: Some(e.clone()) }).collect();
        statuses.extend(errors.iter().map(|e| StoredStatus::Failed(e.clone())));
        statuses.push(StoredStatus::Waiting { last_error: None });
        statuses.push(StoredStatus::Sent(receipt(3)));
        statuses.push(StoredStatus::Sent(Receipt { client_id: id(3), tracking_number: None, duplicate: true }));
        for status in statuses {
            let entry = StoredEntry { id: id(3), title: "Judul 💡 <b>".into(), keep_receipt: true, status };
            assert_eq!(StoredEntry::from_json(&entry.to_json()).unwrap(), entry);
        }
        assert_eq!(StoredEntry::from_json("{\"id\":\"x\"}").unwrap_err().key, "id");
    }

    #[test]
    fn the_backoff_doubles_to_five_minutes_and_jitter_stays_within_it() {
        for failures in 1..30 {
            let full = backoff(failures, 1000);
            assert_eq!(backoff(failures, 0), full / 2);
            assert!(full <= LONGEST_BACKOFF_MS);
            if failures > 1 && full < LONGEST_BACKOFF_MS {
                assert_eq!(full, 2 * backoff(failures - 1, 1000));
            }
        }
    }

    // The property test. The naive model keeps, per complaint, only its coarse
    // state and the window its next attempt must fall in; the outbox must agree
    // with it after every event of a random sequence.

    #[derive(Clone, Debug)]
    enum Event {
        Submit(u8),
        Wait(Millis),
        StartDue,
        Answer(u8, Answer),
        Online,
        Offline,
        Reload,
        Retry(u8),
        Remove(u8),
    }

    #[derive(Clone, Copy, Debug)]
    enum Answer {
        Receipt,
        NoSignal,
        Busy,
        TooManyRequests(Millis),
        Refused,
    }

    #[derive(Clone, Debug, PartialEq)]
    enum Naive {
        /// May go from `earliest`; must go once `latest` has passed.
        Waiting {
            earliest: Millis,
            latest: Millis,
        },
        Sending,
        Sent,
        Failed,
    }

    fn event() -> impl Strategy<Value = Event> {
        let answer = prop_oneof![
            3 => Just(Answer::Receipt),
            2 => Just(Answer::NoSignal),
            2 => Just(Answer::Busy),
            1 => (0u64..200_000).prop_map(Answer::TooManyRequests),
            1 => Just(Answer::Refused),
        ];
        prop_oneof![
            3 => (0u8..6).prop_map(Event::Submit),
            3 => (0u64..400_000).prop_map(Event::Wait),
            4 => Just(Event::StartDue),
            5 => ((0u8..6), answer).prop_map(|(n, a)| Event::Answer(n, a)),
            1 => Just(Event::Online),
            1 => Just(Event::Offline),
            1 => Just(Event::Reload),
            1 => (0u8..6).prop_map(Event::Retry),
            1 => (0u8..6).prop_map(Event::Remove),
        ]
    }

    fn coarse(status: &Status) -> &'static str {
        match status {
            Status::Waiting { .. } => "waiting",
            Status::Sending => "sending",
            Status::Sent(_) => "sent",
            Status::Failed(_) => "failed",
        }
    }

    fn naive_coarse(state: &Naive) -> &'static str {
        match state {
            Naive::Waiting { .. } => "waiting",
            Naive::Sending => "sending",
            Naive::Sent => "sent",
            Naive::Failed => "failed",
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn the_outbox_agrees_with_a_naive_model(events in proptest::collection::vec(event(), 1..80), jitters in proptest::collection::vec(0u16..=1000, 80)) {
            let mut outbox = Outbox::default();
            let mut model: BTreeMap<u8, (Naive, u32)> = BTreeMap::new();
            let (mut now, mut online) = (1_000_000u64, true);
            for (step, event) in events.iter().enumerate() {
                let jitter = jitters[step];
                match *event {
                    Event::Submit(n) => {
                        outbox.submit(id(n), format!("Laporan {n}"), n % 2 == 0, now);
                        model.entry(n).or_insert((Naive::Waiting { earliest: now, latest: now }, 0));
                    }
                    Event::Wait(ms) => now += ms,
                    Event::StartDue => {
                        let started = outbox.start_due(now, online);
                        for (n, (state, _)) in model.iter_mut() {
                            let went = started.contains(&id(*n));
                            if let Naive::Waiting { earliest, latest } = *state {
                                prop_assert!(!went || (online && earliest <= now), "complaint {n} went before its time");
                                prop_assert!(went || !online || latest > now, "complaint {n} was due but not sent");
                                if went {
                                    *state = Naive::Sending;
                                }
                            } else {
                                prop_assert!(!went, "complaint {n} went while {state:?}");
                            }
                        }
                    }
                    Event::Answer(n, answer) => {
                        let outcome = match answer {
                            Answer::Receipt => Ok(receipt(n)),
                            Answer::NoSignal => Err(DeliveryError::Offline),
                            Answer::Busy => Err(DeliveryError::ServerError { status: 503 }),
                            Answer::TooManyRequests(_) => Err(DeliveryError::ServerError { status: 429 }),
                            Answer::Refused => Err(DeliveryError::Rejected { reason: None }),
                        };
                        let retry_after = match answer { Answer::TooManyRequests(ms) => Some(ms), _ => None };
                        outbox.settle(&id(n), outcome, now, retry_after, jitter);
                        if let Some((state, failures)) = model.get_mut(&n)
                            && *state == Naive::Sending
                        {
                            *state = match answer {
                                Answer::Receipt => { *failures = 0; Naive::Sent }
                                Answer::Refused => Naive::Failed,
                                _ => {
                                    *failures += 1;
                                    let wait = (2_000u64 << (*failures - 1).min(20)).min(300_000);
                                    let floor = retry_after.unwrap_or(0).min(3_600_000);
                                    Naive::Waiting { earliest: now + (wait / 2).max(floor), latest: now + wait.max(floor) }
                                }
                            };
                        }
                    }
                    Event::Online => {
                        online = true;
                        outbox.online(now);
                        for (state, _) in model.values_mut() {
                            if let Naive::Waiting { .. } = state {
                                *state = Naive::Waiting { earliest: now, latest: now };
                            }
                        }
                    }
                    Event::Offline => online = false,
                    Event::Reload => {
                        outbox = reload(&outbox, now);
                        model.retain(|n, (state, _)| !(*state == Naive::Sent && n % 2 == 1));
                        for (state, failures) in model.values_mut() {
                            if matches!(state, Naive::Waiting { .. } | Naive::Sending) {
                                *state = Naive::Waiting { earliest: now, latest: now };
                                *failures = 0;
                            }
                        }
                    }
                    Event::Retry(n) => {
                        outbox.retry(&id(n), now);
                        if let Some((state, _)) = model.get_mut(&n)
                            && matches!(state, Naive::Waiting { .. } | Naive::Failed)
                        {
                            *state = Naive::Waiting { earliest: now, latest: now };
                        }
                    }
                    Event::Remove(n) => {
                        outbox.remove(&id(n));
                        model.remove(&n);
                    }
                }
                // The same complaints, each in the same state: nothing lost, nothing doubled.
                let ours: Vec<(ClientId, &str)> = outbox.entries().iter().map(|e| (e.id.clone(), coarse(&e.status))).collect();
                let naive: Vec<(ClientId, &str)> = model.iter().map(|(n, (s, _))| (id(*n), naive_coarse(s))).collect();
                let mut ours_sorted = ours.clone();
                ours_sorted.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                let mut naive_sorted = naive.clone();
                naive_sorted.sort_by(|a, b| a.0.as_str().cmp(b.0.as_str()));
                prop_assert_eq!(ours_sorted, naive_sorted, "after {:?}", event);
                // A waiting complaint is never put off by more than the longest wait.
                if let Some(due) = outbox.next_due() {
                    prop_assert!(due <= now + LONGEST_RETRY_AFTER_MS);
                }
            }
            // And in the end, once the signal is good and the backend answers,
            // everything not refused is delivered.
            outbox.online(now);
            for _ in 0..3 {
                for started in outbox.start_due(now, true) {
                    outbox.settle(&started, Ok(Receipt { client_id: started.clone(), tracking_number: None, duplicate: false }), now, None, 0);
                }
            }
            for entry in outbox.entries() {
                prop_assert!(matches!(entry.status, Status::Sent(_) | Status::Failed(_) | Status::Sending),
                    "{:?} was never delivered", entry);
            }
        }
    }
}
