//! HTTP for the widget: fetch a config, POST a complaint. Answers go back to the
//! core as (status, body); only "no answer at all" is decided here.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::Request;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::delivery::DeliveryError;

/// A server's answer: its status and body text.
pub struct Answer {
    pub status: u16,
    pub body: String,
}

/// GETs `url`; `None` when no server answered.
pub async fn get(url: &str) -> Option<Answer> {
    let response = Request::get(url).send().await.ok()?;
    let status = response.status();
    let body = response.text().await.unwrap_or_default();
    Some(Answer { status, body })
}

/// GETs `url` as bytes; `None` unless a server answered 2xx.
pub async fn get_bytes(url: &str) -> Option<Vec<u8>> {
    let response = Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.binary().await.ok()
}

/// POSTs `json` to `url`, giving up after `timeout`.
pub async fn post_json(url: &str, json: String, timeout: Duration) -> Result<Answer, DeliveryError> {
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

    let request = Request::post(url)
        .header("Content-Type", "application/json")
        .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref())
        .body(json)
        .map_err(|_| DeliveryError::Offline)?;
    let result = async {
        let response = request.send().await.map_err(|_| no_answer())?;
        let status = response.status();
        let body = response.text().await.map_err(|_| no_answer())?;
        Ok(Answer { status, body })
    }
    .await;
    if let (Some(window), Some(timer)) = (web_sys::window(), timer) {
        window.clear_timeout_with_handle(timer);
    }
    result
}
