//! The outbox of one widget, alive: the core's state machine in a signal, its
//! stored copy on the device, one timer for the next retry, and a listener for
//! the connection coming back.
//!
//! Every change goes the same way: call the core, store what it says to keep,
//! then start whatever is due. The components only read `outbox` and call
//! `submit`, `retry`, `remove` and `take_back`.

use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use crate::browser::storage::Shelf;
use crate::browser::{clock, http, locks, network, random};
use crate::config::Config;
use crate::delivery::outbox::{Elsewhere, Outbox, Status, StoredEntry, retry_after};
use crate::delivery::request::{Body, Outgoing, PartValue, Request};
use crate::delivery::{DeliveryError, read_answer_as, read_media_address};
use crate::payload::{ClientId, ComplaintPayload};

/// Copyable handles to one widget's outbox.
#[derive(Clone, Copy)]
pub struct OutboxState {
    pub outbox: RwSignal<Outbox>,
    /// True once the stored outbox has been read (or found missing).
    pub loaded: RwSignal<bool>,
    shelf: StoredValue<Option<Shelf>, LocalStorage>,
    /// Payloads by id, for when the device cannot store them (and to save a
    /// read per attempt). A list: it holds a few complaints, and a map would
    /// add its own code to the wasm.
    payloads: StoredValue<Vec<(ClientId, String)>>,
    config: StoredValue<Arc<Config>>,
    /// Keys of this widget's records start with this, so two widgets on one
    /// page (or one site) keep apart.
    prefix: StoredValue<String>,
    /// Complaints the device could not keep a copy of: only this tab has them,
    /// so their missing record says nothing about other tabs.
    unkept: StoredValue<Vec<ClientId>>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    listening: StoredValue<Option<network::Listening>, LocalStorage>,
}

impl OutboxState {
    /// Opens the stored outbox for `device_key` and starts sending what it holds.
    pub fn new(config: Arc<Config>, device_key: &str) -> Self {
        let state = Self {
            outbox: RwSignal::new(Outbox::default()),
            loaded: RwSignal::new(false),
            shelf: StoredValue::new_local(None),
            payloads: StoredValue::new(Vec::new()),
            config: StoredValue::new(config),
            prefix: StoredValue::new(format!("{device_key}/")),
            unkept: StoredValue::new(Vec::new()),
            timer: StoredValue::new_local(None),
            listening: StoredValue::new_local(None),
        };
        state.listening.set_value(Some(network::on_reconnect(move || state.reconnected())));
        on_cleanup(move || {
            if let Some(Some(timer)) = state.timer.try_get_value() {
                timer.clear();
            }
        });
        wasm_bindgen_futures::spawn_local(async move {
            let shelf = Shelf::open().await;
            let Some(prefix) = state.prefix.try_get_value() else { return };
            let stored: Vec<StoredEntry> = shelf
                .starting_with(&prefix)
                .await
                .into_iter()
                .filter(|(key, _)| key.ends_with("/entry"))
                .filter_map(|(key, text)| match StoredEntry::from_json(&text) {
                    Ok(entry) => Some(entry),
                    Err(error) => {
                        web_sys::console::warn_1(
                            &format!("Aduan: skipped a damaged outbox record {key}: {}", error.problem).into(),
                        );
                        None
                    }
                })
                .collect();
            if state.shelf.try_set_value(Some(shelf)).is_some() {
                return;
            }
            if state.outbox.try_update(|outbox| outbox.add_restored(stored, clock::now_ms())).is_none() {
                return;
            }
            state.loaded.set(true);
            state.pump();
        });
        state
    }

    fn key(&self, id: &ClientId, what: &str) -> String {
        format!("{}{id}/{what}", self.prefix.get_value())
    }

    /// Keeps the complaint on the device, then adds it to the outbox and starts
    /// sending it. The stored copy is written first: if the tab closes during
    /// the first attempt, the next visit sends it.
    pub async fn submit(&self, payload: &ComplaintPayload) -> ClientId {
        // Storage opens in a moment; a complaint sent sooner waits for it, so
        // its copy is kept too.
        for _ in 0..50 {
            if self.loaded.get_untracked() {
                break;
            }
            super::sleep(Duration::from_millis(100)).await;
        }
        let id = ClientId::parse(&payload.client_id).expect("the widget made this id");
        let text = payload.to_json();
        let keep_receipt = !payload.privacy.anonymous;
        self.payloads.update_value(|all| {
            all.retain(|(kept, _)| *kept != id);
            all.push((id.clone(), text.clone()));
        });
        let mut pending = Outbox::default();
        pending.submit(id.clone(), payload.title.clone(), keep_receipt, clock::now_ms());
        let mut kept = false;
        if let (Some(shelf), Some(entry)) = (self.shelf.get_value(), pending.stored(&id)) {
            kept = shelf.put(&self.key(&id, "payload"), &text).await
                && shelf.put(&self.key(&id, "entry"), &entry.to_json()).await;
            if !kept {
                web_sys::console::warn_1(
                    &"Aduan: this device could not keep a copy of the complaint; sending it now".into(),
                );
            }
        }
        if !kept {
            self.unkept.update_value(|unkept| unkept.push(id.clone()));
        }
        self.outbox.update(|outbox| outbox.submit(id.clone(), payload.title.clone(), keep_receipt, clock::now_ms()));
        self.pump();
        id
    }

    /// "Send now" on a waiting or failed complaint.
    pub fn retry(&self, id: &ClientId) {
        self.outbox.update(|outbox| outbox.retry(id, clock::now_ms()));
        self.persist(id.clone());
        self.pump();
    }

    /// Discards a complaint, or closes a receipt: gone from the list and the device.
    pub fn remove(&self, id: &ClientId) {
        self.outbox.update(|outbox| outbox.remove(id));
        self.forget_payload(id);
        self.persist(id.clone());
    }

    /// Takes a complaint out of the outbox to put it back into the form.
    pub async fn take_back(&self, id: &ClientId) -> Option<ComplaintPayload> {
        let text = self.payload_text(id).await?;
        let payload = ComplaintPayload::read(&text).ok()?;
        self.remove(id);
        Some(payload)
    }

    fn reconnected(&self) {
        if network::is_online() {
            let _ = self.outbox.try_update(|outbox| outbox.online(clock::now_ms()));
            self.pump();
        }
    }

    /// Starts every attempt that is due, then sets the timer for the next.
    fn pump(&self) {
        if !self.loaded.try_get_untracked().unwrap_or(false) {
            return;
        }
        let now = clock::now_ms();
        let started = self.outbox.try_update(|outbox| outbox.start_due(now, network::is_online())).unwrap_or_default();
        for id in started {
            let state = *self;
            wasm_bindgen_futures::spawn_local(async move { state.attempt(id).await });
        }
        self.schedule();
    }

    fn schedule(&self) {
        if let Some(Some(timer)) = self.timer.try_get_value() {
            timer.clear();
        }
        let Some(due) = self.outbox.try_with_untracked(Outbox::next_due).flatten() else {
            let _ = self.timer.try_set_value(None);
            return;
        };
        let state = *self;
        let wait = Duration::from_millis(due.saturating_sub(clock::now_ms()));
        let timer = set_timeout_with_handle(move || state.pump(), wait).ok();
        let _ = self.timer.try_set_value(timer);
    }

    async fn payload_text(&self, id: &ClientId) -> Option<String> {
        if let Some(text) = self
            .payloads
            .try_with_value(|all| all.iter().find(|(kept, _)| kept == id).map(|(_, text)| text.clone()))
            .flatten()
        {
            return Some(text);
        }
        let shelf = self.shelf.try_get_value().flatten()?;
        shelf.get(&self.key(id, "payload")).await
    }

    /// What the stored record says of `id` now. Anything unreadable counts as
    /// still waiting: sending twice is better than not at all.
    async fn elsewhere(&self, id: &ClientId) -> Elsewhere {
        let Some(Some(shelf)) = self.shelf.try_get_value() else { return Elsewhere::Waiting };
        if self.unkept.try_with_value(|unkept| unkept.contains(id)).unwrap_or(true) {
            return Elsewhere::Waiting;
        }
        match shelf.lookup(&self.key(id, "entry")).await {
            None => Elsewhere::Waiting,
            Some(None) => Elsewhere::Gone,
            Some(Some(text)) => {
                StoredEntry::from_json(&text).map_or(Elsewhere::Waiting, |entry| Elsewhere::read(Some(entry)))
            }
        }
    }

    /// One attempt to deliver `id`. Every tab of the site holding it takes the
    /// same lock and reads the stored record first, so only one sends it and
    /// the others take that tab's outcome.
    async fn attempt(&self, id: ClientId) {
        let Some(lock) = self.prefix.try_get_value().map(|prefix| format!("aduan-outbox:{prefix}{id}")) else { return };
        let _held = locks::hold(&lock).await;
        match self.elsewhere(&id).await {
            Elsewhere::Waiting => {}
            Elsewhere::Settled(outcome) => {
                if self.outbox.try_update(|outbox| outbox.settle(&id, outcome, clock::now_ms(), None, 0)).is_some() {
                    self.forget_payload_if_delivered(&id);
                    self.pump();
                }
                return;
            }
            Elsewhere::Gone => {
                let _ = self.outbox.try_update(|outbox| outbox.remove(&id));
                self.forget_payload(&id);
                return;
            }
        }
        let (Some(text), Some(config)) = (self.payload_text(&id).await, self.config.try_get_value()) else {
            // The record is gone (discarded in another tab): nothing to send.
            let _ = self.outbox.try_update(|outbox| outbox.remove(&id));
            return;
        };
        let outcome = match ComplaintPayload::read(&text).map(|payload| Outgoing::for_complaint(&payload, &config)) {
            Ok(Outgoing::Request(request)) => match with_photo_hosted(request).await {
                Err(error) => (Err(error), None),
                Ok(request) => {
                    let timeout = timeout_for(body_size(&request.body));
                    match http::send(&request, timeout).await {
                        Ok(answer) => {
                            let wait =
                                answer.retry_after.as_deref().and_then(|header| retry_after(header, clock::now_ms()));
                            (read_answer_as(request.answer, &id, answer.status, &answer.body), wait)
                        }
                        Err(error) => (Err(error), None),
                    }
                }
            },
            // The config now sends this agency's complaints by WhatsApp or email,
            // or the record is damaged: the citizen has to send it again.
            Ok(Outgoing::HandOff(_)) | Err(_) => (Err(DeliveryError::Rejected { reason: None }), None),
        };
        let jitter = u16::from_le_bytes([random::random_16()[0], random::random_16()[1]]) % 1001;
        let settled =
            self.outbox.try_update(|outbox| outbox.settle(&id, outcome.0, clock::now_ms(), outcome.1, jitter));
        if settled.is_none() {
            return;
        }
        // Written before the lock is let go, so the next tab reads the outcome.
        self.write_record(id).await;
        self.pump();
    }

    /// Writes what the core says to keep for `id` (or deletes it), in the background.
    fn persist(&self, id: ClientId) {
        let state = *self;
        wasm_bindgen_futures::spawn_local(async move { state.write_record(id).await });
    }

    /// Drops the in-memory copy of `id`'s payload.
    fn forget_payload(&self, id: &ClientId) {
        self.payloads.try_update_value(|all| all.retain(|(kept, _)| kept != id));
    }

    /// Once delivered (or discarded), the complaint itself leaves memory; true then.
    fn forget_payload_if_delivered(&self, id: &ClientId) -> bool {
        let delivered = self
            .outbox
            .try_with_untracked(|outbox| outbox.get(id).is_none_or(|e| matches!(e.status, Status::Sent(_))))
            .unwrap_or(true);
        if delivered {
            self.forget_payload(id);
        }
        delivered
    }

    /// Writes what the core says to keep for `id` (or deletes it).
    async fn write_record(&self, id: ClientId) {
        let Some(Some(shelf)) = self.shelf.try_get_value() else { return };
        let Some(stored) = self.outbox.try_with_untracked(|outbox| outbox.stored(&id)) else { return };
        let (entry_key, payload_key) = (self.key(&id, "entry"), self.key(&id, "payload"));
        let delivered = self.forget_payload_if_delivered(&id);
        match stored {
            Some(entry) => {
                shelf.put(&entry_key, &entry.to_json()).await;
            }
            None => shelf.delete(&entry_key).await,
        }
        // Once delivered (or discarded), the complaint itself leaves the device.
        if delivered {
            shelf.delete(&payload_key).await;
        }
    }
}

/// An Open311 request whose photo has to be on a media host first: the photo
/// goes up, and the request comes back carrying its address. A failed upload
/// fails the attempt the same way a failed request would, so it is retried or
/// its reason shown.
async fn with_photo_hosted(request: Request) -> Result<Request, DeliveryError> {
    let Some(upload) = &request.photo_first else { return Ok(request) };
    let upload = upload.request();
    let answer = http::send(&upload, timeout_for(body_size(&upload.body))).await?;
    let address = read_media_address(answer.status, &answer.body)?;
    Ok(request.with_media_url(&address))
}

/// Time allowed for the server to take the complaint: a minute, plus a second
/// for every 16 KB, because a photo on a weak village signal uploads slowly.
fn timeout_for(bytes: usize) -> Duration {
    Duration::from_secs(60 + (bytes / 16_384) as u64)
}

fn body_size(body: &Body) -> usize {
    match body {
        Body::Json(text) | Body::Form(text) => text.len(),
        Body::Multipart(parts) => parts
            .iter()
            .map(|part| match &part.value {
                PartValue::Text(text) => text.len(),
                PartValue::File { bytes, .. } => bytes.len(),
            })
            .sum(),
    }
}
