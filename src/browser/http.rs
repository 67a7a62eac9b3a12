//! HTTP for the widget: fetch a config or the model, send a delivery request. Answers go back to the
//! core as (status, body); only "no answer at all" is decided here.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::Request;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::delivery::DeliveryError;
use crate::delivery::request::{Body, Part, PartValue, Request as DeliveryRequest};

/// A server's answer: its status and body text.
pub struct Answer {
    pub status: u16,
    pub body: String,
    /// The `Retry-After` header, when the server sent one (and, cross-origin,
    /// exposed it with `Access-Control-Expose-Headers`).
    pub retry_after: Option<String>,
}

/// GETs `url`; `None` when no server answered.
pub async fn get(url: &str) -> Option<Answer> {
    let response = Request::get(url).send().await.ok()?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Some(Answer { status, body, retry_after: None })
}

/// The answer the loader already fetched for `url` (`globalThis.aduanConfigs`),
/// taken so a later widget with the same address fetches afresh; `None` when
/// there is none, and then the caller fetches it.
pub async fn prefetched(url: &str) -> Option<Option<Answer>> {
    let global = js_sys::global();
    let fetched: js_sys::Map =
        js_sys::Reflect::get(&global, &JsValue::from_str("aduanConfigs")).ok()?.dyn_into().ok()?;
    let key = JsValue::from_str(url);
    let answer = fetched.get(&key).dyn_into::<js_sys::Promise>().ok()?;
    fetched.delete(&key);
    // A fetch that failed is no answer at all, as `get` would report it.
    let Ok(response) = JsFuture::from(answer).await else { return Some(None) };
    let response: web_sys::Response = response.dyn_into().ok()?;
    let body = match response.text().map(JsFuture::from) {
        Ok(text) => text.await.ok().and_then(|text| text.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Some(Some(Answer { status: response.status(), body, retry_after: None }))
}

/// GETs `url` as bytes; `None` unless a server answered 2xx.
pub async fn get_bytes(url: &str) -> Option<Vec<u8>> {
    let response = Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.binary().await.ok()
}

/// Sends a delivery request, giving up after `timeout`.
pub async fn send(request: &DeliveryRequest, timeout: Duration) -> Result<Answer, DeliveryError> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let timer = controller.as_ref().and_then(|controller| {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        let on_timeout = Closure::once_into_js(move || {
            timed_out.set(true);
            controller.abort();
        });
        web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX),
            )
            .ok()
    });
    let no_answer = || if timed_out.get() { DeliveryError::Timeout } else { DeliveryError::Offline };

    let mut builder = Request::post(&request.url).abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Body::Json(text) => builder.header("Content-Type", "application/json").body(text.as_str()),
        Body::Form(text) => {
            builder.header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8").body(text.as_str())
        }
        // The browser writes the multipart boundary and its Content-Type header.
        Body::Multipart(parts) => builder.body(form_data(parts).ok_or(DeliveryError::Offline)?),
    };
    let built = built.map_err(|_| DeliveryError::Offline)?;
    let result = async {
        let response = built.send().await.map_err(|_| no_answer())?;
        let status = response.status();
        let retry_after = response.headers().get("Retry-After");
        let body = response.text().await.map_err(|_| no_answer())?;
        Ok(Answer { status, body, retry_after })
    }
    .await;
    if let (Some(window), Some(timer)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(timer);
    }
    result
}

fn form_data(parts: &[Part]) -> Option<web_sys::FormData> {
    let form = web_sys::FormData::new().ok()?;
    for part in parts {
        match &part.value {
            PartValue::Text(text) => form.append_with_str(&part.name, text).ok()?,
            PartValue::File { filename, mime, bytes } => {
                let blob = super::files::blob(bytes, mime)?;
                form.append_with_blob_and_filename(&part.name, &blob, filename).ok()?
            }
        }
    }
    Some(form)
}
