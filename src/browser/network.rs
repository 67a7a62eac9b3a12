//! Whether the device is online, and calls when the page's situation changes:
//! the connection returns, the page is shown again, or it is about to go away.

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
    listen(&["online"], &["visibilitychange"], again)
}

/// Calls `then` when the page may be about to go: hidden (the citizen switched
/// apps, and a phone may kill the tab unseen) or unloaded (reload, close).
pub fn on_leaving(then: impl Fn() + 'static) -> Listening {
    listen(&["pagehide"], &["visibilitychange"], move || {
        let hidden = web_sys::window().and_then(|window| window.document()).is_none_or(|document| document.hidden());
        if hidden {
            then();
        }
    })
}

fn listen(
    on_window: &'static [&'static str],
    on_document: &'static [&'static str],
    call: impl Fn() + 'static,
) -> Listening {
    let listening = Listening { callback: Closure::<dyn Fn()>::new(call), on_window, on_document };
    listening.each(|target, name, function| {
        let _ = target.add_event_listener_with_callback(name, function);
    });
    listening
}

pub struct Listening {
    callback: Closure<dyn Fn()>,
    on_window: &'static [&'static str],
    on_document: &'static [&'static str],
}

impl Listening {
    fn each(&self, act: impl Fn(&web_sys::EventTarget, &str, &js_sys::Function)) {
        let Some(window) = web_sys::window() else { return };
        let function = self.callback.as_ref().unchecked_ref();
        for name in self.on_window {
            act(&window, name, function);
        }
        if let Some(document) = window.document() {
            for name in self.on_document {
                act(&document, name, function);
            }
        }
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        self.each(|target, name, function| {
            let _ = target.remove_event_listener_with_callback(name, function);
        });
    }
}
