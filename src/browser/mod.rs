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
