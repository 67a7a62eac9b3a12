//! The browser edge: the few things the pure core must not touch itself (the
//! network, storage, locks across tabs, the clock, randomness, the position, files and photos),
//! each a thin function over the browser's API that hands plain Rust values
//! back to the core.

pub mod clock;
pub mod files;
pub mod geolocation;
pub mod http;
pub mod locks;
pub mod network;
pub mod photo;
pub mod random;
pub mod storage;

/// A promise and the functions that settle it: how a browser callback becomes
/// something to `.await`.
pub struct Pending {
    pub promise: js_sys::Promise,
    pub resolve: js_sys::Function,
    pub reject: js_sys::Function,
}

pub fn pending() -> Pending {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| settle = Some((resolve, reject)));
    let (resolve, reject) = settle.expect("the Promise constructor runs its executor at once");
    Pending { promise, resolve, reject }
}
