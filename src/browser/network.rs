//! Whether the device is online, and a call when that may have changed.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// What the browser believes; `true` when it cannot tell.
pub fn is_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Calls `again` when the connection returns or the page is shown again (a
/// phone freezes timers in a background tab, so a due retry runs on return).
/// Dropping the returned guard removes the listeners.
pub fn on_reconnect(again: impl Fn() + 'static) -> Listening {
    let callback = Closure::<dyn Fn()>::new(again);
    let window = web_sys::window();
    if let Some(window) = &window {
        let _ = window.add_event_listener_with_callback("online", callback.as_ref().unchecked_ref());
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback("visibilitychange", callback.as_ref().unchecked_ref());
        }
    }
    Listening { callback }
}

pub struct Listening {
    callback: Closure<dyn Fn()>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let function = self.callback.as_ref().unchecked_ref();
            let _ = window.remove_event_listener_with_callback("online", function);
            if let Some(document) = window.document() {
                let _ = document.remove_event_listener_with_callback("visibilitychange", function);
            }
        }
    }
}
