//! The browser edge: the few things the pure core must not touch itself (the
//! network, the clock, randomness and files), each a thin function over the
//! browser's API that hands plain Rust values back to the core.

pub mod clock;
pub mod files;
pub mod http;
pub mod random;
pub mod send;
