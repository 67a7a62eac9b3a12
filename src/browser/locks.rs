//! One tab at a time: the Web Locks API, so two tabs of the same site holding
//! the same waiting complaint do not both send it.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

// web-sys has the Web Locks API only behind its unstable-API flag.
#[wasm_bindgen]
extern "C" {
    type LockManager;

    #[wasm_bindgen(method, catch)]
    fn request(this: &LockManager, name: &str, callback: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
}

/// A held lock, released when dropped.
pub struct Held {
    release: js_sys::Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::NULL);
    }
}

/// Waits until this tab holds the lock `name` (across every tab of the site),
/// or returns `None` at once where the browser has no Web Locks, which then
/// behaves as before: each tab sends on its own.
pub async fn hold(name: &str) -> Option<Held> {
    let manager = js_sys::Reflect::get(&web_sys::window()?.navigator(), &JsValue::from_str("locks")).ok()?;
    if manager.is_undefined() || manager.is_null() {
        return None;
    }
    let super::Pending { promise: released, resolve: release, .. } = super::pending();
    let super::Pending { promise: granted, resolve: grant, .. } = super::pending();
    // The browser keeps the lock until the promise this callback returns settles.
    let callback = Closure::once_into_js(move |_lock: JsValue| {
        let _ = grant.call0(&JsValue::NULL);
        released
    });
    // Settles once the lock is let go; nothing waits on it.
    let _ = manager.unchecked_into::<LockManager>().request(name, callback.unchecked_ref()).ok()?;
    JsFuture::from(granted).await.ok()?;
    Some(Held { release })
}
