//! The device's storage: `localStorage` for drafts (small, text, read at once
//! when the form appears) and IndexedDB for the outbox (photos make it large,
//! and it must not be cut off by localStorage's few megabytes).
//!
//! Storage can be missing or full (private windows, a phone out of space, a
//! browser setting): every call here fails softly and the widget carries on,
//! sending at once rather than keeping a copy.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode};

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// A `localStorage` value.
pub fn load_local(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Writes a `localStorage` value; false when storage is missing or full.
pub fn save_local(key: &str, value: &str) -> bool {
    local_storage().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

pub fn remove_local(key: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

const DATABASE: &str = "aduan";
const STORE: &str = "outbox";

/// Text values by key, kept in IndexedDB, or in `localStorage` where IndexedDB
/// cannot be opened.
#[derive(Clone)]
pub struct Shelf {
    database: Option<IdbDatabase>,
}

impl Shelf {
    pub async fn open() -> Shelf {
        Shelf { database: open_database().await }
    }

    /// Stores `value` under `key`; returns once it is on disk (the transaction
    /// has committed), or false if it could not be stored.
    pub async fn put(&self, key: &str, value: &str) -> bool {
        match &self.database {
            Some(database) => {
                let Some((transaction, store)) = store(database, IdbTransactionMode::Readwrite) else { return false };
                if store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key)).is_err() {
                    return false;
                }
                committed(&transaction).await
            }
            None => save_local(&fallback_key(key), value),
        }
    }

    pub async fn delete(&self, key: &str) {
        match &self.database {
            Some(database) => {
                if let Some((transaction, store)) = store(database, IdbTransactionMode::Readwrite)
                    && store.delete(&JsValue::from_str(key)).is_ok()
                {
                    committed(&transaction).await;
                }
            }
            None => remove_local(&fallback_key(key)),
        }
    }

    pub async fn get(&self, key: &str) -> Option<String> {
        self.lookup(key).await.flatten()
    }

    /// The value under `key`: `Some(None)` when there is none, `None` when the
    /// device could not be read (so absence is never guessed from a failure).
    pub async fn lookup(&self, key: &str) -> Option<Option<String>> {
        match &self.database {
            Some(database) => {
                let (_, store) = store(database, IdbTransactionMode::Readonly)?;
                let request = store.get(&JsValue::from_str(key)).ok()?;
                Some(finished(&request).await?.as_string())
            }
            None => local_storage()?.get_item(&fallback_key(key)).ok(),
        }
    }

    /// Every key that starts with `prefix`, with its value.
    pub async fn starting_with(&self, prefix: &str) -> Vec<(String, String)> {
        match &self.database {
            Some(database) => {
                let Some((_, store)) = store(database, IdbTransactionMode::Readonly) else { return Vec::new() };
                let (Ok(keys), Ok(values)) = (store.get_all_keys(), store.get_all()) else { return Vec::new() };
                let (Some(keys), Some(values)) = (finished(&keys).await, finished(&values).await) else {
                    return Vec::new();
                };
                let (keys, values) = (js_sys::Array::from(&keys), js_sys::Array::from(&values));
                keys.iter()
                    .zip(values.iter())
                    .filter_map(|(key, value)| Some((key.as_string()?, value.as_string()?)))
                    .filter(|(key, _)| key.starts_with(prefix))
                    .collect()
            }
            None => {
                let Some(storage) = local_storage() else { return Vec::new() };
                let wanted = fallback_key(prefix);
                (0..storage.length().unwrap_or(0))
                    .filter_map(|index| storage.key(index).ok().flatten())
                    .filter(|key| key.starts_with(&wanted))
                    .filter_map(|key| {
                        let value = storage.get_item(&key).ok().flatten()?;
                        Some((key[fallback_key("").len()..].to_owned(), value))
                    })
                    .collect()
            }
        }
    }
}

fn fallback_key(key: &str) -> String {
    format!("aduan-outbox:{key}")
}

fn store(database: &IdbDatabase, mode: IdbTransactionMode) -> Option<(IdbTransaction, web_sys::IdbObjectStore)> {
    let transaction = database.transaction_with_str_and_mode(STORE, mode).ok()?;
    let store = transaction.object_store(STORE).ok()?;
    Some((transaction, store))
}

async fn open_database() -> Option<IdbDatabase> {
    let factory = web_sys::window()?.indexed_db().ok().flatten()?;
    let request: IdbOpenDbRequest = factory.open_with_u32(DATABASE, 1).ok()?;
    let on_upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let database = event
            .target()
            .and_then(|target| target.dyn_into::<IdbRequest>().ok())
            .and_then(|request| request.result().ok())
            .and_then(|result| result.dyn_into::<IdbDatabase>().ok());
        if let Some(database) = database {
            let _ = database.create_object_store(STORE);
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    finished(&request).await?.dyn_into::<IdbDatabase>().ok()
}

/// The request's result once it succeeds; `None` if it fails.
async fn finished(request: &IdbRequest) -> Option<JsValue> {
    (first_event(request, &["success", "error"]).await == "success").then(|| request.result().ok()).flatten()
}

/// Whether the transaction committed, rather than failed or was aborted.
async fn committed(transaction: &IdbTransaction) -> bool {
    first_event(transaction, &["complete", "error", "abort"]).await == "complete"
}

/// Waits for the first of `names` to fire on `target` and returns its name. The
/// listener is removed before it is dropped, so a later event finds nothing.
async fn first_event(target: &web_sys::EventTarget, names: &[&str]) -> String {
    let super::Pending { promise, resolve, .. } = super::pending();
    let listener = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&event.type_()));
    });
    for name in names {
        let _ = target.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    }
    let fired = JsFuture::from(promise).await.ok().and_then(|name| name.as_string()).unwrap_or_default();
    for name in names {
        let _ = target.remove_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
    }
    fired
}
