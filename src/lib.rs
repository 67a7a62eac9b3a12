//! Aduan: a complaint form and triage widget an Indonesian regency embeds in its
//! own website with one script tag.
//!
//! The crate is layered so that data flows one way, from attributes and config to
//! draft, validated complaint, delivery and receipt:
//! - the **pure core** (every module compiled natively): [`config`], [`complaint`],
//!   [`validate`], [`payload`], [`delivery`] (backends, requests, the outbox),
//!   [`saved_draft`], [`photo`], [`spam`], [`messages`] and the small parsers
//!   they use. No browser types, no clock, no randomness: those are passed in.
//! - the **browser edge** (`browser`, wasm only): HTTP, storage, geolocation,
//!   photo scaling, randomness, the clock, files.
//! - the **UI** (`ui`, wasm only): Leptos components that render and call the core.
//! - the **embed layer** (`embed`, wasm only): the `<aduan-widget>` element, its
//!   Shadow DOM and stylesheet, and containment of one widget's failure.

pub mod base64;
pub mod calendar;
pub mod complaint;
pub mod config;
pub mod css;
pub mod delivery;
pub mod email;
pub mod json;
pub mod json_reader;
pub mod messages;
pub mod nik;
pub mod order;
pub mod payload;
pub mod phone;
pub mod photo;
pub mod saved_draft;
pub mod spam;
pub mod text;
pub mod triage;
pub mod validate;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
